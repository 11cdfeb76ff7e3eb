/**
 * Maps a property path (`info.releaseDate`, `info.actors[0]`) onto the schema: the attribute path
 * DynamoDB sees (`['info', 'release_date']`), and what sits at its end — a schema attribute, an
 * element of a list attribute, or a value beyond the schema (inside a map/any attribute) — which
 * decides how values at the path are encoded and which operators fit.
 */
import { expressionError } from '../errors/expression';
import { getDocumentSchema } from '../metadata/schema';
import type { AttributeSchema, DocumentSchema, ModelSchema } from '../metadata/types';
import type { AttributePathElement } from './ast';
import { parsePropertyPath, type PropertySegment } from './property-path';

/** What a value at a path is, as far as operators care. 'unknown': beyond the schema, anything. */
export type ValueCategory = 'string' | 'number' | 'binary' | 'boolean' | 'set' | 'list' | 'map' | 'unknown';

/** Where a path ends, which decides the codec for values at it. */
export type PathEnd =
  | { readonly at: 'attribute'; readonly attr: AttributeSchema }
  | { readonly at: 'element'; readonly attr: AttributeSchema }
  | { readonly at: 'free' };

export interface ResolvedPath {
  /** The property path as written, for messages. */
  readonly source: string;
  readonly segments: readonly PropertySegment[];
  readonly attributePath: readonly AttributePathElement[];
  readonly end: PathEnd;
  readonly category: ValueCategory;
  /** For messages: 'number', 'stringSet', 'list element'... */
  readonly kindLabel: string;
  /** The top-level attribute the path starts at. */
  readonly root: AttributeSchema;
}

const CATEGORY: Record<AttributeSchema['kind'], ValueCategory> = {
  string: 'string',
  date: 'string', // stored as ISO-8601 text (S)
  number: 'number',
  bigint: 'number',
  epochSeconds: 'number',
  boolean: 'boolean',
  binary: 'binary',
  stringSet: 'set',
  numberSet: 'set',
  binarySet: 'set',
  list: 'list',
  documentList: 'list',
  map: 'map',
  document: 'map',
  any: 'unknown',
};

/** The category of a schema attribute's stored value (a converter's output is not known). */
export function categoryOf(attr: AttributeSchema): ValueCategory {
  if (attr.converter) {
    const t = attr.converter.keyType;
    return t === 'S' ? 'string' : t === 'N' ? 'number' : t === 'B' ? 'binary' : 'unknown';
  }
  return CATEGORY[attr.kind];
}

function kindLabel(attr: AttributeSchema): string {
  if (attr.converter) return 'value with a converter';
  if (attr.kind === 'document') return `${attr.documentClass?.name ?? 'document'} document`;
  if (attr.kind === 'documentList') return `list of ${attr.documentClass?.name ?? 'document'}`;
  return attr.kind;
}

/** Property names close to a misspelt one: same letters ignoring case, or at most 2 edits apart. */
function closeNames(doc: DocumentSchema, wanted: string): string[] {
  const lower = wanted.toLowerCase();
  const out: string[] = [];
  for (const a of doc.attributes) {
    if (a.property.toLowerCase() === lower || distance(a.property.toLowerCase(), lower) <= Math.min(2, Math.floor(wanted.length / 3))) {
      out.push(a.property);
    }
  }
  // An attribute name written where the property name belongs (`release_date` for `releaseDate`).
  const byName = doc.byName.get(wanted);
  if (byName && !out.includes(byName.property)) out.push(byName.property);
  return out.slice(0, 3);
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

type State =
  | { readonly where: 'document'; readonly doc: DocumentSchema; readonly end?: PathEnd; readonly label: string }
  | { readonly where: 'value'; readonly attr: AttributeSchema; readonly end: PathEnd; readonly label: string }
  | { readonly where: 'free'; readonly label: string };

/** The state after an attribute: a nested document is walked into; anything else is a value. */
function enterAttribute(attr: AttributeSchema, end: PathEnd): State {
  if (attr.kind === 'document' && attr.documentClass && !attr.converter) {
    return { where: 'document', doc: getDocumentSchema(attr.documentClass), end, label: kindLabel(attr) };
  }
  return { where: 'value', attr, end, label: kindLabel(attr) };
}

/**
 * Resolved paths per model: the hot path (one request after another with the same conditions)
 * walks each path once. Bounded, since paths into maps can be built from data (`meta.${id}`).
 */
const cache = new WeakMap<ModelSchema, Map<string, ResolvedPath>>();
const CACHE_LIMIT = 1000;

export function resolvePath(schema: ModelSchema, path: string): ResolvedPath {
  let paths = cache.get(schema);
  if (!paths) {
    paths = new Map();
    cache.set(schema, paths);
  }
  let resolved = paths.get(path);
  if (!resolved) {
    resolved = walk(schema, path);
    if (paths.size < CACHE_LIMIT) paths.set(path, resolved);
  }
  return resolved;
}

function walk(schema: ModelSchema, path: string): ResolvedPath {
  const model = schema.className;
  if (typeof path !== 'string') throw expressionError.pathNotString(model, path);
  const parsed = parsePropertyPath(path);
  if (!parsed.ok) throw expressionError.badPathSyntax(model, path, parsed.reason);
  const { segments } = parsed;
  const attributePath: AttributePathElement[] = [];
  let state: State = { where: 'document', doc: schema, label: model };
  let root: AttributeSchema | undefined;
  let shown = '';

  for (const seg of segments) {
    const here = shown || model;
    shown += seg.kind === 'index' ? `[${seg.index}]` : shown ? `.${seg.name}` : seg.name;
    if (state.where === 'free') {
      attributePath.push(seg.kind === 'index' ? seg.index : seg.name);
      continue;
    }
    if (state.where === 'document') {
      if (seg.kind === 'index') throw expressionError.notNested(model, path, here, state.label, `list index [${seg.index}]`);
      const attr = state.doc.byProperty.get(seg.name);
      if (!attr) {
        const owner = state.doc === schema ? model : `${here} (${state.doc.className})`;
        throw expressionError.unknownPath(model, path, seg.name, owner, closeNames(state.doc, seg.name));
      }
      root ??= attr;
      attributePath.push(attr.name);
      state = enterAttribute(attr, { at: 'attribute', attr });
      continue;
    }
    // A schema value: only lists are indexed, only maps/any/converted values hold free keys.
    const { attr } = state;
    const isListElement = state.end.at === 'attribute' && (attr.kind === 'list' || attr.kind === 'documentList');
    if (seg.kind === 'index' && isListElement && !attr.converter) {
      attributePath.push(seg.index);
      if (attr.kind === 'documentList' && attr.documentClass) {
        state = { where: 'document', doc: getDocumentSchema(attr.documentClass), end: { at: 'element', attr }, label: attr.documentClass.name };
      } else {
        state = { where: 'value', attr, end: { at: 'element', attr }, label: 'list element' };
      }
      continue;
    }
    const free = state.end.at === 'element' || attr.kind === 'map' || attr.kind === 'any' || !!attr.converter;
    if (!free) {
      const what = seg.kind === 'index' ? `list index [${seg.index}]` : `property ${JSON.stringify(seg.name)}`;
      throw expressionError.notNested(model, path, here, state.label, what);
    }
    attributePath.push(seg.kind === 'index' ? seg.index : seg.name);
    state = { where: 'free', label: 'value' };
  }

  if (!root) throw expressionError.badPathSyntax(model, path, 'it names no property');
  // Frozen: shared through the cache and by the resolved ASTs built from it.
  Object.freeze(attributePath);
  return Object.freeze({ source: path, segments, attributePath, root, ...endOf(state) });
}

function endOf(state: State): Pick<ResolvedPath, 'end' | 'category' | 'kindLabel'> {
  if (state.where === 'free') return { end: { at: 'free' }, category: 'unknown', kindLabel: 'value beyond the schema' };
  const end = state.end ?? { at: 'free' as const };
  if (state.where === 'document') {
    // A whole nested document (as an attribute, or as an element of a list of documents).
    return { end, category: 'map', kindLabel: state.label };
  }
  if (end.at === 'element') {
    return { end, category: 'unknown', kindLabel: 'list element' };
  }
  return { end, category: categoryOf(state.attr), kindLabel: state.label };
}
