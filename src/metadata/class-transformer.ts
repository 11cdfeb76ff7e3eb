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

let storage: MetadataStorage | null | undefined;

function metadataStorage(): MetadataStorage | null {
  if (storage === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require('class-transformer/cjs/storage') as { defaultMetadataStorage?: MetadataStorage };
      const s = loaded.defaultMetadataStorage;
      storage = s && typeof s.findExcludeMetadata === 'function' && typeof s.findTypeMetadata === 'function' ? s : null;
    } catch {
      storage = null;
    }
  }
  return storage;
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
  const fact = metadataStorage()?.findExcludeMetadata(target, property);
  if (!fact) return NOT_EXCLUDED;
  const options = fact.options ?? {};
  return { write: options.toClassOnly !== true, read: options.toPlainOnly !== true };
}

/** The class named by class-transformer's @Type(() => X) on one property, if any. */
export function typeHintOf(target: Constructor, property: string): unknown {
  const fact = metadataStorage()?.findTypeMetadata(target, property);
  if (!fact || typeof fact.typeFunction !== 'function') return undefined;
  try {
    return fact.typeFunction();
  } catch {
    return undefined;
  }
}
