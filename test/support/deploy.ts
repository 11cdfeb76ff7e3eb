/**
 * Tests of a model that changes (a GSI added, a key changed) declare its old and new versions in
 * one process, where a real application has one version at a time. `deploy(Version)` makes the
 * registry look like that deploy: the other registered models of that table are dropped from it,
 * and this one is registered. sync() and the mapper's first-use checks see every registered model
 * of a table, so without this the versions would be merged (or refused as disagreeing).
 *
 * Test-only: it reaches the registry through its well-known symbol (src/metadata/registry.ts).
 */
import { declaredTableName } from '../../src/metadata/schema';
import type { Constructor } from '../../src/metadata/types';

interface Registry {
  readonly tables: Set<Constructor>;
  /** Bumped on every change, so caches of the registry's state (the table models) are rebuilt. */
  generation: number;
  /** Every class with recorded facts (a subclass inheriting @Table is a model too). */
  readonly recorded?: Set<Constructor>;
}

export function deploy(Model: Constructor): void {
  const registry = (globalThis as unknown as Record<symbol, Registry | undefined>)[Symbol.for('dynamap.registry')];
  if (!registry) throw new Error('deploy(): no dynamap registry in this process');
  const table = declaredTableName(Model);
  for (const other of new Set([...registry.tables, ...(registry.recorded ?? [])])) {
    if (other !== Model && declaredTableName(other) === table) {
      registry.tables.delete(other);
      registry.recorded?.delete(other);
    }
  }
  registry.tables.add(Model);
  registry.recorded?.add(Model);
  registry.generation++;
}
