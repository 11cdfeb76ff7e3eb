/** Builds the MapperContext from checked options (the Mapper's constructor, and tests of operations). */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { optionError } from '../errors/operation';
import { isValidTableName } from '../metadata/names';
import type { ModelSchema } from '../metadata/types';
import { DEFAULT_RETRY, type MapperContext, type RetryPolicy } from './context';
import { modelPlans } from './model-plan';
import { retryOf } from './arguments';
import { checkTableOf } from '../table';

export interface ContextSettings {
  readonly client: DynamoDBClient;
  readonly tablePrefix?: string;
  readonly validate?: boolean;
  readonly retry?: Partial<RetryPolicy>;
  readonly cursorSecret?: string;
}

export function createContext(settings: ContextSettings): MapperContext {
  const tablePrefix = settings.tablePrefix ?? '';
  const tableNames = new WeakMap<ModelSchema, string>();
  const tableName = (schema: ModelSchema): string => {
    let name = tableNames.get(schema);
    if (name === undefined) {
      name = tablePrefix + schema.table.name;
      if (!isValidTableName(name)) {
        throw optionError.invalid(`${schema.className}`, 'tablePrefix', tablePrefix, `a prefix that keeps "${name}" within 255 characters`);
      }
      // Every operation asks for the table name before building its request: models that share
      // the table must agree on it (keys, options, indexes), or nothing is sent.
      checkTableOf(schema, tablePrefix);
      tableNames.set(schema, name);
    }
    return name;
  };
  return Object.freeze({
    client: settings.client,
    tablePrefix,
    validate: settings.validate ?? true,
    retry: Object.freeze({ ...DEFAULT_RETRY, ...retryOf(settings.retry, 'new Mapper()') }),
    ...(settings.cursorSecret !== undefined ? { cursorSecret: settings.cursorSecret } : {}),
    tableName,
    plan: modelPlans(tableName),
  });
}
