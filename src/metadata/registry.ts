/**
 * The registry of raw model facts. Decorators and defineModel only record here; the schema
 * builder reads. It lives on globalThis under a well-known symbol so that two installed copies of
 * dynamap (a dual ESM/CJS load, a nested node_modules) share one registry.
 */
import type { Constructor, RawIndex, RawModel, RawProperty, TableOptions } from './types';

interface Registry {
  readonly models: WeakMap<object, RawModel>;
  /** Every class that carries @Table, in registration order (for `mapper.sync()` with no list). */
  readonly tables: Set<Constructor>;
  /**
   * Every class with recorded facts, @Table or not, in registration order: a subclass of a @Table
   * class that adds keys, indexes or a TTL is a model of the table in its own right (`mapper.sync()` must
   * see it). Optional: a registry made by an older copy of dynamap has none until one is recorded.
   */
  recorded?: Set<Constructor>;
  /** Bumped on every record, so caches built from an earlier state can tell. */
  generation: number;
}

const KEY = Symbol.for('dynamap.registry');

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[KEY];
  if (!r) {
    r = { models: new WeakMap(), tables: new Set(), generation: 0 };
    g[KEY] = r;
  }
  return r;
}

function own(target: Constructor): RawModel {
  const r = registry();
  let raw = r.models.get(target);
  if (!raw) {
    raw = { properties: [], indexes: [] };
    r.models.set(target, raw);
    (r.recorded ??= new Set()).add(target);
  }
  r.generation++;
  return raw;
}

/** The facts recorded on this very class (not its parents), or undefined. */
export function rawModelOf(target: object): RawModel | undefined {
  return registry().models.get(target);
}

export function recordTable(target: Constructor, options: TableOptions): void {
  const raw = own(target);
  raw.tableDecorators = (raw.tableDecorators ?? 0) + 1;
  // A string (`@Table('Movies')`) is kept as given, for the schema builder to say what to write.
  raw.table = options !== null && typeof options === 'object' ? { ...options } : options;
  registry().tables.add(target);
}

export function recordProperty(target: Constructor, fact: RawProperty): void {
  own(target).properties.push(fact);
}

export function recordIndex(target: Constructor, index: RawIndex): void {
  own(target).indexes.push(index);
}

/** Every class registered with @Table (or defineModel with a table), in registration order. */
export function registeredTables(): Constructor[] {
  return [...registry().tables];
}

/** Every class with recorded facts (decorated, or given to defineModel), in registration order. */
export function recordedClasses(): Constructor[] {
  return [...(registry().recorded ?? [])];
}

export function registryGeneration(): number {
  return registry().generation;
}
