/** Resolves @GlobalIndex / @LocalIndex declarations against the model's attributes. */
import type { ModelProblem } from '../errors/classes';
import { modelProblem } from '../errors/model';
import { exclusionOf } from './class-transformer';
import { isValidTableName } from './names';
import { isCapacity } from './table-options';
import {
  GLOBAL_INDEX_OPTIONS,
  LOCAL_INDEX_OPTIONS,
  type AttributeSchema,
  DocumentSchema,
  IndexSchema,
  KeyAttributes,
  ProjectionSchema,
  RawIndex,
  ResolvedTableOptions,
} from './types';

const MAX_GSI = 20;
const MAX_LSI = 5;
const MAX_PROJECTED = 100;

function isExcluded(target: DocumentSchema['target'], property: string): boolean {
  const e = exclusionOf(target, property);
  return e.read || e.write;
}

function keyAttribute(
  className: string, doc: DocumentSchema, index: RawIndex, what: string, prop: unknown, problems: ModelProblem[],
): AttributeSchema | undefined {
  const attr = typeof prop === 'string' ? doc.byProperty.get(prop) : undefined;
  const excluded = typeof prop === 'string' && (attr?.exclude !== undefined || (!attr && isExcluded(doc.target, prop)));
  if (excluded) {
    problems.push(modelProblem.excludedKey(className, prop as string));
    return undefined;
  }
  if (!attr) {
    problems.push(modelProblem.indexUnknownProperty(className, index.name, what, prop));
    return undefined;
  }
  if (!attr.scalarType) {
    problems.push(modelProblem.indexKeyKind(className, index.name, attr.property, attr.kind));
    return undefined;
  }
  if (Buffer.byteLength(attr.name, 'utf8') > 255) {
    problems.push(modelProblem.badAttributeName(className, attr.property, attr.name, `key attribute names (here of index "${index.name}") are 1 to 255 bytes`));
    return undefined;
  }
  return attr;
}

/**
 * An index's projection. A model with an entity type (single-table design) projects its entity
 * attribute into every index, so that a read of the index can tell its items from other
 * entities': KEYS_ONLY becomes INCLUDE of that attribute alone.
 */
function projectionOf(
  className: string, doc: DocumentSchema, index: RawIndex, entityAttribute: string | undefined, problems: ModelProblem[],
): ProjectionSchema | undefined {
  const p = index.projection ?? 'ALL';
  if (p === 'ALL') return { type: p };
  if (p === 'KEYS_ONLY') return entityAttribute === undefined ? { type: p } : { type: 'INCLUDE', nonKeyAttributes: Object.freeze([entityAttribute]) };
  if (!Array.isArray(p) || p.length === 0) {
    problems.push(modelProblem.badProjection(className, index.name, p));
    return undefined;
  }
  const names: string[] = [];
  for (const prop of p) {
    const attr = typeof prop === 'string' ? doc.byProperty.get(prop) : undefined;
    if (!attr) problems.push(modelProblem.indexUnknownProperty(className, index.name, 'projected property', prop));
    else if (Buffer.byteLength(attr.name, 'utf8') > 255) {
      problems.push(modelProblem.badAttributeName(className, attr.property, attr.name, `attributes projected into an index (here "${index.name}") have names of 1 to 255 bytes`));
    } else if (!names.includes(attr.name)) names.push(attr.name);
  }
  if (entityAttribute !== undefined) names.push(entityAttribute);
  return { type: 'INCLUDE', nonKeyAttributes: Object.freeze(names) };
}

export function buildIndexes(
  className: string,
  rawIndexes: readonly RawIndex[],
  doc: DocumentSchema,
  key: KeyAttributes,
  table: ResolvedTableOptions | undefined,
  problems: ModelProblem[],
): IndexSchema[] {
  const result: IndexSchema[] = [];
  const seen = new Set<string>();
  for (const raw of rawIndexes) {
    if (!isValidTableName(raw.name)) problems.push(modelProblem.badIndexName(className, raw.name));
    if (seen.has(raw.name)) problems.push(modelProblem.duplicateIndex(className, raw.name));
    seen.add(raw.name);
    let partitionKey: AttributeSchema | undefined;
    if (raw.type === 'global') {
      if (raw.partitionKey === undefined) problems.push(modelProblem.indexMissingKey(className, raw.name, 'partitionKey'));
      else partitionKey = keyAttribute(className, doc, raw, 'partitionKey', raw.partitionKey, problems);
    } else {
      partitionKey = key.partitionKey; // an LSI always shares the table's partition key
      if (raw.sortKey === undefined) problems.push(modelProblem.indexMissingKey(className, raw.name, 'sortKey'));
      // DynamoDB allows local indexes only on a table with a sort key (a composite primary key).
      if (!key.sortKey) problems.push(modelProblem.localIndexWithoutTableSortKey(className, raw.name));
    }
    for (const option of raw.unknownOptions ?? []) {
      const decorator = raw.type === 'global' ? '@GlobalIndex' : '@LocalIndex';
      problems.push(modelProblem.unknownOption(className, undefined, `${decorator}("${raw.name}")`, option,
        raw.type === 'global' ? GLOBAL_INDEX_OPTIONS : LOCAL_INDEX_OPTIONS));
    }
    const sortKey = raw.sortKey !== undefined ? keyAttribute(className, doc, raw, 'sortKey', raw.sortKey, problems) : undefined;
    // DynamoDB refuses a key schema that names one attribute twice ("Two keys can not have the same name").
    if (partitionKey && sortKey && partitionKey.name === sortKey.name) {
      problems.push(modelProblem.indexSameKey(className, raw.name, raw.type, sortKey.property));
      continue;
    }
    const projection = projectionOf(className, doc, raw, table?.entity?.attribute, problems);
    if (raw.throughput !== undefined && !isCapacity(raw.throughput)) {
      problems.push(modelProblem.badOption(className, undefined, `throughput of index "${raw.name}"`, raw.throughput, '{ read, write } with whole numbers of at least 1'));
    }
    if (!partitionKey || !projection) continue;
    const throughput = raw.throughput ?? (table && typeof table.billing === 'object' ? table.billing : undefined);
    result.push(Object.freeze({
      name: raw.name,
      type: raw.type,
      partitionKey,
      ...(sortKey ? { sortKey } : {}),
      projection: Object.freeze(projection),
      ...(raw.type === 'global' && throughput ? { throughput: Object.freeze({ ...throughput }) } : {}),
    }));
  }
  const gsis = result.filter((i) => i.type === 'global').length;
  const lsis = result.filter((i) => i.type === 'local').length;
  if (gsis > MAX_GSI) problems.push(modelProblem.tooManyIndexes(className, 'global', gsis, MAX_GSI));
  if (lsis > MAX_LSI) problems.push(modelProblem.tooManyIndexes(className, 'local', lsis, MAX_LSI));
  // DynamoDB counts an attribute projected into two indexes twice.
  const projected = result.reduce((n, i) => n + (i.projection.nonKeyAttributes?.length ?? 0), 0);
  if (projected > MAX_PROJECTED) problems.push(modelProblem.tooManyProjected(className, projected));
  return result;
}
