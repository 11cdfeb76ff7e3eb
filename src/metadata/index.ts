export * from './types';
export { getModelSchema, getDocumentSchema, isSchemaBuilt, registeredModels } from './schema';
export { defineModel, type ModelDefinition, type AttributeDefinition } from './define-model';
export { registeredTables } from './registry';
export { isValidTableName, TABLE_NAME_PATTERN } from './names';
export { keyScalarOf } from './attribute';
