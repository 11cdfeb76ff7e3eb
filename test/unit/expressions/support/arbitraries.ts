/**
 * fast-check arbitraries for the property-based expression test: small items of a model with
 * every attribute kind, and random conditions and updates over it built with the public helpers.
 * Value domains are tiny so that equalities and orderings hit often; strings include the empty
 * string, non-ASCII and astral characters (where UTF-8 and UTF-16 orders differ).
 */
import fc from 'fast-check';
import {
  add, and, append, beginsWith, between, contains, decrement, deleteFromSet, eq, exists, gt, gte, ifNotExists, increment,
  isIn, isType, lt, lte, ne, not, notExists, or, prepend, remove, size,
} from '../../../../src/expressions';
import type { AttributeTypeName, Condition, UpdateChanges } from '../../../../src/expressions';

export interface DocShape {
  x?: number;
  label?: string;
}

export interface RowShape {
  run: string;
  idx: number;
  s?: string;
  n?: number;
  b?: boolean;
  tags?: Set<string>;
  nums?: Set<number>;
  list?: (string | number)[];
  doc?: DocShape;
  meta?: Record<string, unknown>;
}

type C = Condition<RowShape>;

type Tag = '=' | '<>' | '<' | '<=' | '>' | '>=';
const tag = fc.constantFrom<Tag>('=', '<>', '<', '<=', '>', '>=');
function op<V extends string | number>(t: Tag, v: V) {
  switch (t) {
    case '=': return eq(v);
    case '<>': return ne(v);
    case '<': return lt(v);
    case '<=': return lte(v);
    case '>': return gt(v);
    case '>=': return gte(v);
  }
}

/** DynamoDB orders strings by UTF-8 bytes: sort the bounds that way so BETWEEN is valid. */
function bounds<V extends string | number>(a: V, b: V): [V, V] {
  const before = typeof a === 'string' ? Buffer.compare(Buffer.from(a), Buffer.from(b as string)) <= 0 : a <= b;
  return before ? [a, b] : [b, a];
}

type Change = readonly [string, unknown];
const change = <V>(path: string, arb: fc.Arbitrary<V>): fc.Arbitrary<Change> => arb.map((v) => [path, v] as const);

export interface ExpressionArbitraries {
  readonly entityArb: fc.Arbitrary<Partial<RowShape>>;
  readonly conditionArb: fc.Arbitrary<C>;
  readonly updateArb: fc.Arbitrary<UpdateChanges<RowShape>>;
}

export interface EngineFeatures {
  /** dynalite evaluates BETWEEN and IN over an empty string attribute as false (DynamoDB Local: true). */
  readonly emptyStrings: boolean;
  /** dynalite evaluates `=` of two equal maps or lists as false (DynamoDB Local: true). */
  readonly containerEquality: boolean;
}

/** The arbitraries, leaving out what the engine is known to get wrong (see EngineFeatures). */
export function expressionArbitraries({ emptyStrings, containerEquality }: EngineFeatures): ExpressionArbitraries {
  const withEmpty = (values: string[]): string[] => (emptyStrings ? ['', ...values] : values);
  const sVal = fc.constantFrom(...withEmpty(['a', 'ab', 'b', 'é', 'a😀', '｡']));
  const nVal = fc.integer({ min: -3, max: 3 });
  const small = fc.integer({ min: 0, max: 3 });
  const element = fc.constantFrom<string | number>('a', 'b', 0, 1, 2);
  const mixed = fc.constantFrom<unknown>(0, 1, 2, 'a', 'b', true);
  const tagSet = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', '😀'), { minLength: 1, maxLength: 3 }).map((a) => new Set(a));
  const numSet = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }).map((a) => new Set(a));
  const docArb = fc.record({ x: fc.integer({ min: -2, max: 2 }), label: sVal }, { requiredKeys: [] });
  const metaArb = fc.record({ k: mixed, m: fc.record({ z: fc.integer({ min: 0, max: 2 }) }, { requiredKeys: [] }) }, { requiredKeys: [] });
  const typeName = fc.constantFrom<AttributeTypeName>('S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M');

  const entityArb: fc.Arbitrary<Partial<RowShape>> = fc.record(
    { s: sVal, n: nVal, b: fc.boolean(), tags: tagSet, nums: numSet, list: fc.array(element, { maxLength: 3 }), doc: docArb, meta: metaArb },
    { requiredKeys: [] },
  );

  const ANY_PATHS = ['s', 'n', 'b', 'tags', 'nums', 'list', 'doc', 'meta', 'doc.x', 'doc.label', 'meta.k', 'meta.m', 'meta.m.z', 'list[0]'] as const;
  const SIZED = ['s', 'tags', 'nums', 'list', 'doc', 'meta', 'meta.k'] as const;

  const leaf: fc.Arbitrary<C> = fc.oneof(
    fc.tuple(tag, sVal).map(([t, v]): C => ({ s: op(t, v) })),
    fc.tuple(sVal, sVal).map(([a, b]): C => ({ s: between(...bounds(a, b)) })),
    fc.constantFrom(...withEmpty(['a', 'é', 'a😀', '｡'])).map((p): C => ({ s: beginsWith(p) })),
    fc.constantFrom(...withEmpty(['a', 'b', '😀'])).map((p): C => ({ s: contains(p) })),
    fc.uniqueArray(sVal, { minLength: 1, maxLength: 3 }).map((vs): C => ({ s: isIn(...vs) })),
    fc.tuple(tag, nVal).map(([t, v]): C => ({ n: op(t, v) })),
    fc.tuple(nVal, nVal).map(([a, b]): C => ({ n: between(...bounds(a, b)) })),
    fc.uniqueArray(nVal, { minLength: 1, maxLength: 3 }).map((vs): C => ({ n: isIn(...vs) })),
    fc.boolean().map((v): C => ({ b: v })),
    fc.boolean().map((v): C => ({ b: ne(v) })),
    fc.constantFrom('a', 'b', 'c', '😀').map((v): C => ({ tags: contains(v) })),
    tagSet.map((v): C => ({ tags: v })),
    fc.integer({ min: 0, max: 4 }).map((v): C => ({ nums: contains(v) })),
    fc.tuple(fc.constantFrom(...SIZED), tag, small).map(([p, t, n]): C => {
      const sz = size(p);
      return { '=': sz.eq, '<>': sz.ne, '<': sz.lt, '<=': sz.lte, '>': sz.gt, '>=': sz.gte }[t](n);
    }),
    element.map((v): C => ({ list: contains(v) })),
    fc.tuple(fc.constantFrom<Tag>('=', '<>'), element).map(([t, v]): C => ({ 'list[0]': op(t, v) })),
    fc.tuple(tag, fc.integer({ min: 0, max: 2 })).map(([t, v]): C => ({ 'list[1]': op(t, v) })),
    fc.tuple(tag, fc.integer({ min: -2, max: 2 })).map(([t, v]): C => ({ 'doc.x': op(t, v) })),
    fc.constantFrom(...withEmpty(['a', 'é'])).map((p): C => ({ 'doc.label': beginsWith(p) })),
    ...(containerEquality ? [docArb.map((d): C => ({ doc: d }))] : []),
    fc.tuple(fc.constantFrom<Tag>('=', '<>'), mixed).map(([t, v]): C => ({ 'meta.k': t === '=' ? eq(v) : ne(v) })),
    fc.tuple(tag, fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b'))).map(([t, v]): C => ({ 'meta.k': op(t, v) })),
    fc.tuple(tag, fc.integer({ min: 0, max: 2 })).map(([t, v]): C => ({ 'meta.m.z': op(t, v) })),
    fc.constantFrom(...ANY_PATHS).map((p): C => ({ [p]: exists() })),
    fc.constantFrom(...ANY_PATHS).map((p): C => ({ [p]: notExists() })),
    fc.tuple(fc.constantFrom(...ANY_PATHS), typeName).map(([p, t]): C => ({ [p]: isType(t) })),
  );

  /** Plain condition objects only (no nodes), to merge several into one object (their AND). */
  const objectLeaf = leaf.filter((c) => !Object.getOwnPropertySymbols(c).length);

  const conditionArb: fc.Arbitrary<C> = fc.letrec<{ node: C }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'condition' },
      leaf,
      fc.array(objectLeaf, { minLength: 2, maxLength: 3 }).map((parts): C => Object.assign({}, ...parts) as C),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((cs) => and(...cs)),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((cs) => or(...cs)),
      tie('node').map((c) => not(c)),
    ),
  })).node;

  /** One optional change per top-level property, so no two changes overlap. */
  const updateArb: fc.Arbitrary<UpdateChanges<RowShape>> = fc.record(
    {
      s: fc.oneof(change('s', sVal), change('s', fc.constant(remove())), change('s', sVal.map(ifNotExists))),
      n: fc.oneof(
        change('n', nVal),
        change('n', small.map((v) => increment(v))),
        change('n', small.map((v) => decrement(v))),
        change('n', fc.integer({ min: -2, max: 2 }).map((v) => add(v))),
        change('n', fc.constant(remove())),
        change('n', nVal.map(ifNotExists)),
      ),
      b: fc.oneof(change('b', fc.boolean()), change('b', fc.constant(remove()))),
      tags: fc.oneof(
        change('tags', tagSet.map((v) => add(v))),
        change('tags', tagSet.map((v) => deleteFromSet(v))),
        change('tags', tagSet),
        change('tags', fc.constant(remove())),
      ),
      nums: fc.oneof(change('nums', numSet.map((v) => add(v))), change('nums', numSet.map((v) => deleteFromSet(v))), change('nums', fc.constant(remove()))),
      list: fc.oneof(
        change('list', fc.array(element, { maxLength: 2 }).map((v) => append(v))),
        change('list', fc.array(element, { maxLength: 2 }).map((v) => prepend(v))),
        change('list', fc.array(element, { maxLength: 3 })),
        change('list', fc.constant(remove())),
        change('list[0]', element),
        change('list[4]', element),
        change('list[1]', fc.constant(remove())),
      ),
      doc: fc.oneof(
        change('doc', docArb),
        change('doc', fc.constant(remove())),
        change('doc.x', fc.integer({ min: -2, max: 2 })),
        change('doc.x', fc.constant(increment(1))),
        change('doc.label', sVal),
        change('doc.x', fc.constant(remove())),
      ),
      meta: fc.oneof(
        change('meta', metaArb),
        change('meta', fc.constant(remove())),
        change('meta.k', mixed),
        change('meta.k', fc.constant(remove())),
        change('meta.k', fc.constant(increment(1))),
        change('meta.k', fc.constant(add(1))),
        change('meta.m.z', fc.integer({ min: 0, max: 2 })),
        change('meta.tags', tagSet.map((v) => add(v))),
      ),
    },
    { requiredKeys: [] },
  )
    .map((picked) => Object.fromEntries(Object.values(picked)) as UpdateChanges<RowShape>)
    .filter((changes) => Object.keys(changes).length > 0);

  return { entityArb, conditionArb, updateArb };
}
