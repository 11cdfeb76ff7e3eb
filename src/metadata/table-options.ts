/** Checks @Table options and fills in defaults (on-demand billing, the class name). */
import type { ModelProblem } from '../errors/classes';
import { modelProblem } from '../errors/model';
import { isValidTableName } from './names';
import type { EntityTag, ResolvedTableOptions, TableOptions } from './types';

const TABLE_OPTIONS = ['name', 'billing', 'stream', 'tableClass', 'tags', 'deletionProtection', 'entity', 'entityAttribute'];
const STREAMS = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'];
const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'];

export function isCapacity(v: unknown): v is { read: number; write: number } {
  if (!v || typeof v !== 'object') return false;
  const { read, write } = v as { read: unknown; write: unknown };
  return Number.isInteger(read) && Number.isInteger(write) && (read as number) >= 1 && (write as number) >= 1;
}

/** The attribute that holds a model's entity type when @Table does not name one. */
export const DEFAULT_ENTITY_ATTRIBUTE = '_entity';

function resolveEntity(className: string, options: TableOptions, problems: ModelProblem[]): EntityTag | undefined {
  const { entity, entityAttribute } = options;
  if (entity === undefined) {
    if (entityAttribute !== undefined) {
      problems.push(modelProblem.badOption(className, undefined, 'entityAttribute', entityAttribute,
        'used together with `entity` (the entity type this model writes into it)'));
    }
    return undefined;
  }
  const before = problems.length;
  if (typeof entity !== 'string' || entity.length === 0) {
    problems.push(modelProblem.badOption(className, undefined, 'entity', entity, 'a non-empty string (the entity type, e.g. "User")'));
  }
  const attribute = entityAttribute ?? DEFAULT_ENTITY_ATTRIBUTE;
  if (typeof attribute !== 'string' || attribute.length === 0 || attribute === '__proto__' || Buffer.byteLength(attribute, 'utf8') > 255) {
    problems.push(modelProblem.badOption(className, undefined, 'entityAttribute', attribute,
      'an attribute name of 1 to 255 bytes (not "__proto__")'));
  }
  return problems.length > before ? undefined : Object.freeze({ attribute, value: entity });
}

export function resolveTableOptions(
  className: string, options: TableOptions, problems: ModelProblem[], defaultName = className,
): ResolvedTableOptions | undefined {
  const before = problems.length;
  if (options === null || typeof options !== 'object') {
    problems.push(modelProblem.badOption(className, undefined, '@Table options', options,
      typeof options === 'string' ? `an options object: for the table name, @Table({ name: ${JSON.stringify(options)} })` : 'an options object'));
    return undefined;
  }
  for (const option of Object.keys(options)) {
    if (!TABLE_OPTIONS.includes(option) && (options as Record<string, unknown>)[option] !== undefined) {
      problems.push(modelProblem.unknownOption(className, undefined, '@Table', option, TABLE_OPTIONS));
    }
  }
  const name = options.name ?? defaultName;
  if (!isValidTableName(name)) problems.push(modelProblem.badTableName(className, name));
  const billing = options.billing ?? 'PAY_PER_REQUEST';
  if (billing !== 'PAY_PER_REQUEST' && !isCapacity(billing)) {
    problems.push(modelProblem.badOption(className, undefined, 'billing', billing, "'PAY_PER_REQUEST' or { read, write } with whole numbers of at least 1"));
  }
  if (options.stream !== undefined && !STREAMS.includes(options.stream)) {
    problems.push(modelProblem.badOption(className, undefined, 'stream', options.stream, STREAMS.map((s) => `'${s}'`).join(', ')));
  }
  if (options.tableClass !== undefined && !TABLE_CLASSES.includes(options.tableClass)) {
    problems.push(modelProblem.badOption(className, undefined, 'tableClass', options.tableClass, TABLE_CLASSES.map((s) => `'${s}'`).join(' or ')));
  }
  if (options.tags !== undefined && (typeof options.tags !== 'object' || Object.values(options.tags).some((v) => typeof v !== 'string'))) {
    problems.push(modelProblem.badOption(className, undefined, 'tags', options.tags, 'an object of string values'));
  } else if (options.tags !== undefined) {
    // AWS's tag rules, so that CreateTable does not refuse the table after everything else was planned.
    const count = Object.keys(options.tags).length;
    if (count > 50) problems.push(modelProblem.badOption(className, undefined, 'tags', `${count} tags`, 'at most 50 tags (DynamoDB\'s limit per table)'));
    for (const [key, value] of Object.entries(options.tags)) {
      if (key.length < 1 || key.length > 128 || key.startsWith('aws:')) {
        problems.push(modelProblem.badOption(className, undefined, 'tags', key, 'tag keys of 1 to 128 characters, not starting with "aws:"'));
      } else if (value.length > 256) {
        problems.push(modelProblem.badOption(className, undefined, `tags.${key}`, `${value.slice(0, 20)}...`, 'a tag value of at most 256 characters'));
      }
    }
  }
  if (options.deletionProtection !== undefined && typeof options.deletionProtection !== 'boolean') {
    problems.push(modelProblem.badOption(className, undefined, 'deletionProtection', options.deletionProtection, 'true or false'));
  }
  const entity = resolveEntity(className, options, problems);
  if (problems.length > before) return undefined;
  return Object.freeze({
    name,
    billing: typeof billing === 'string' ? billing : Object.freeze({ read: billing.read, write: billing.write }),
    ...(options.stream ? { stream: options.stream } : {}),
    ...(options.tableClass ? { tableClass: options.tableClass } : {}),
    ...(options.tags ? { tags: Object.freeze({ ...options.tags }) } : {}),
    ...(options.deletionProtection !== undefined ? { deletionProtection: options.deletionProtection } : {}),
    ...(entity ? { entity } : {}),
  });
}
