/**
 * class-transformer interop, read once per attribute when the schema is built (never per item):
 *
 * - `@Exclude()` on a property: the property is neither written nor read, even if it carries
 *   @Attribute. `@Exclude({ toPlainOnly: true })` only stops writing (class → item is the "to
 *   plain" direction), `@Exclude({ toClassOnly: true })` only stops reading. A class-level
 *   @Exclude() (class-transformer's "excludeAll" strategy) is not applied: it is meant for API
 *   output, and would silently drop keys.
 * - `@Type(() => X)` on a property whose type TypeScript could only emit as Object or Array
 *   (unions, interfaces, `X[]`) and that has no explicit dynamap `type`: X is the nested class.
 *
 * class-transformer keeps its metadata in a singleton exported from `class-transformer/cjs/storage`
 * (`defaultMetadataStorage`, the path class-validator-jsonschema and routing-controllers use); its
 * `findExcludeMetadata` / `findTypeMetadata` are public methods and walk parent classes. When
 * class-transformer is not installed, there is nothing to honour.
 *
 * The package ships three builds, each with its own storage: `cjs` (what Node's require and import
 * load), `esm5` (its `module` field, which webpack and esbuild with `mainFields: ['module', ...]`
 * prefer) and `esm2015` (its `es2015` field). The user's decorators write to whichever build their
 * bundler picked, so every storage that loads is asked: reading only the cjs one let a bundled
 * `@Exclude() password` be stored. Plain Node cannot load the ESM builds (the require fails and is
 * skipped); a bundler resolves the three literal paths below and includes them.
 */
import type { Constructor } from './types';

interface ExcludeFact {
  readonly options?: { readonly toClassOnly?: boolean; readonly toPlainOnly?: boolean };
}

interface TypeFact {
  readonly typeFunction?: (options?: unknown) => unknown;
}

interface MetadataStorage {
  findExcludeMetadata(target: Constructor, property: string): ExcludeFact | undefined;
  findTypeMetadata(target: Constructor, property: string): TypeFact | undefined;
}

let storages: readonly MetadataStorage[] | undefined;

function storageOf(loaded: unknown): MetadataStorage | undefined {
  const s = (loaded as { defaultMetadataStorage?: MetadataStorage } | undefined)?.defaultMetadataStorage;
  return s && typeof s.findExcludeMetadata === 'function' && typeof s.findTypeMetadata === 'function' ? s : undefined;
}

/** Every class-transformer storage that loads (none when it is not installed), each once. */
function metadataStorages(): readonly MetadataStorage[] {
  if (storages === undefined) {
    // Each require written literally inside its own try: bundlers then include the three builds,
    // and treat one that cannot be resolved (a class-transformer without it) as optional.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const found: (MetadataStorage | undefined)[] = [];
    try {
      found.push(storageOf(require('class-transformer/cjs/storage')));
    } catch { /* not installed */ }
    try {
      found.push(storageOf(require('class-transformer/esm5/storage')));
    } catch { /* plain Node cannot load the ESM builds; a bundler can */ }
    try {
      found.push(storageOf(require('class-transformer/esm2015/storage')));
    } catch { /* as above */ }
    /* eslint-enable @typescript-eslint/no-require-imports */
    storages = [...new Set(found.filter((s): s is MetadataStorage => s !== undefined))];
  }
  return storages;
}

function findIn<F>(find: (s: MetadataStorage) => F | undefined): F | undefined {
  for (const s of metadataStorages()) {
    const fact = find(s);
    if (fact) return fact;
  }
  return undefined;
}

export interface Exclusion {
  /** Not written by toItem. */
  readonly write: boolean;
  /** Not read by fromItem. */
  readonly read: boolean;
}

const NOT_EXCLUDED: Exclusion = Object.freeze({ write: false, read: false });

/** What class-transformer's @Exclude says about one property of a class (parents included). */
export function exclusionOf(target: Constructor, property: string): Exclusion {
  const fact = findIn((s) => s.findExcludeMetadata(target, property));
  if (!fact) return NOT_EXCLUDED;
  const options = fact.options ?? {};
  return { write: options.toClassOnly !== true, read: options.toPlainOnly !== true };
}

/** The class named by class-transformer's @Type(() => X) on one property, if any. */
export function typeHintOf(target: Constructor, property: string): unknown {
  const fact = findIn((s) => s.findTypeMetadata(target, property));
  if (!fact || typeof fact.typeFunction !== 'function') return undefined;
  try {
    return fact.typeFunction();
  } catch {
    return undefined;
  }
}
