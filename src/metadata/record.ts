/**
 * Entry points the decorators (and defineModel) use to record facts. This is the only place that
 * reads `design:type`; an explicit `type` option always wins over it at schema-build time.
 */
import { modelError } from '../errors/model';
import { recordIndex, recordProperty, recordTable } from './registry';
import {
  GLOBAL_INDEX_OPTIONS,
  LOCAL_INDEX_OPTIONS,
  type AttributeOptions,
  AttributeRole,
  Constructor,
  GlobalIndexOptions,
  LocalIndexOptions,
  TableOptions,
} from './types';

interface ReflectWithMetadata {
  getMetadata?: (key: string, target: object, property: string | symbol) => unknown;
}

function designTypeOf(prototype: object, property: string): unknown {
  const reflect = Reflect as unknown as ReflectWithMetadata;
  return typeof reflect.getMetadata === 'function' ? reflect.getMetadata('design:type', prototype, property) : undefined;
}

/** A copy of decorator options; anything else as given (spreading a string would make an object of its characters). */
function copyOptions(options: AttributeOptions): AttributeOptions {
  return options !== null && typeof options === 'object' ? { ...options } : options;
}

export function recordPropertyDecorator(
  prototype: object,
  property: string,
  role: AttributeRole,
  options: AttributeOptions,
  source: string,
): void {
  const target = (prototype as { constructor: Constructor }).constructor;
  recordProperty(target, { property, role, options: copyOptions(options), designType: designTypeOf(prototype, property), source });
}

export function recordPropertyDefinition(
  target: Constructor,
  property: string,
  role: AttributeRole,
  options: AttributeOptions,
  source: string,
): void {
  recordProperty(target, { property, role, options: copyOptions(options), source });
}

export function recordTableDecorator(target: Constructor, options: TableOptions): void {
  recordTable(target, options);
}

/** Options given (not undefined) that the decorator does not know: `projecton`, a local index's `partitionKey`. */
function unknownOf(options: object, known: readonly string[]): { unknownOptions?: readonly string[] } {
  const unknown = Object.keys(options).filter((o) => !known.includes(o) && (options as Record<string, unknown>)[o] !== undefined);
  return unknown.length ? { unknownOptions: unknown } : {};
}

export function recordGlobalIndex(target: Constructor, name: string, options: GlobalIndexOptions): void {
  if (options === null || typeof options !== 'object') throw modelError.badIndexOptions(target.name, '@GlobalIndex', name, options);
  recordIndex(target, {
    name,
    type: 'global',
    partitionKey: options.partitionKey,
    sortKey: options.sortKey,
    projection: options.projection,
    throughput: options.throughput,
    ...unknownOf(options, GLOBAL_INDEX_OPTIONS),
  });
}

export function recordLocalIndex(target: Constructor, name: string, options: LocalIndexOptions): void {
  if (options === null || typeof options !== 'object') throw modelError.badIndexOptions(target.name, '@LocalIndex', name, options);
  recordIndex(target, { name, type: 'local', sortKey: options.sortKey, projection: options.projection, ...unknownOf(options, LOCAL_INDEX_OPTIONS) });
}
