/**
 * defineModel: the same facts the decorators record, given as data — for plain JavaScript, for
 * tools that do not run decorators, and for tests.
 */
import { modelError } from '../errors/model';
import { recordGlobalIndex, recordLocalIndex, recordPropertyDefinition, recordTableDecorator } from './record';
import { isSchemaBuilt } from './schema';
import type {
  AttributeOptions,
  AttributeRole,
  Constructor,
  GlobalIndexOptions,
  LocalIndexOptions,
  TableOptions,
} from './types';

export interface AttributeDefinition extends AttributeOptions {
  /** What the property is; default 'attribute'. */
  role?: AttributeRole;
}

export interface ModelDefinition<T> {
  /** Makes the class a table model (omit for a nested document class). */
  table?: TableOptions;
  attributes: { [P in keyof T & string]?: AttributeDefinition };
  globalIndexes?: Record<string, GlobalIndexOptions<keyof T & string>>;
  localIndexes?: Record<string, LocalIndexOptions<keyof T & string>>;
}

const SOURCES: Record<AttributeRole, string> = {
  attribute: 'defineModel attribute',
  partitionKey: 'defineModel partitionKey',
  sortKey: 'defineModel sortKey',
  version: 'defineModel version',
  createdAt: 'defineModel createdAt',
  updatedAt: 'defineModel updatedAt',
  ttl: 'defineModel ttl',
};

const DEFINITION_KEYS = ['table', 'attributes', 'globalIndexes', 'localIndexes'];

export function defineModel<T extends object>(target: Constructor<T>, definition: ModelDefinition<T>): Constructor<T> {
  if (typeof target !== 'function') throw modelError.badDefinition(String(target), 'the first argument must be the class to define');
  const name = target.name || 'AnonymousClass';
  if (definition === null || typeof definition !== 'object') throw modelError.badDefinition(name, 'the definition must be an object { table?, attributes, globalIndexes?, localIndexes? }');
  const unknown = Object.keys(definition).filter((k) => !DEFINITION_KEYS.includes(k) && (definition as unknown as Record<string, unknown>)[k] !== undefined);
  if (unknown.length > 0) {
    throw modelError.badDefinition(name, `the definition has ${unknown.map((k) => JSON.stringify(k)).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not one of its keys ` +
      `(${DEFINITION_KEYS.join(', ')})`);
  }
  if (definition.attributes === null || typeof definition.attributes !== 'object' || Array.isArray(definition.attributes)) {
    throw modelError.badDefinition(name, 'the definition needs `attributes`, an object of property name → { role?, type?, name?, ... }');
  }
  if (isSchemaBuilt(target)) throw modelError.defineModelTwice(target.name);
  if (definition.table) recordTableDecorator(target, definition.table);
  for (const [property, def] of Object.entries(definition.attributes) as [string, AttributeDefinition | undefined][]) {
    if (!def) continue;
    if (typeof def !== 'object') throw modelError.badDefinition(name, `attribute ${property} must be an object { role?, type?, name?, ... }`);
    const { role = 'attribute', ...options } = def;
    if (!Object.hasOwn(SOURCES, role)) {
      throw modelError.badDefinition(name, `attribute ${property} has role ${JSON.stringify(role)}; the roles are ${Object.keys(SOURCES).join(', ')}`);
    }
    recordPropertyDefinition(target, property, role, options, SOURCES[role]);
  }
  for (const [name, options] of Object.entries(definition.globalIndexes ?? {})) recordGlobalIndex(target, name, options);
  for (const [name, options] of Object.entries(definition.localIndexes ?? {})) recordLocalIndex(target, name, options);
  return target;
}
