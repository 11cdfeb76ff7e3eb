/**
 * The 400 KB check relies on an upper bound of the item's size, computed while encoding (the
 * meter in size.ts) instead of by walking the finished item. If the bound were ever below the
 * exact size, an item over 400 KB could reach DynamoDB. This property test pins bound >= exact
 * size over random values of every kind whose encoder meters itself, nested, with and without
 * code generation, and that the bound stays close enough that it rarely costs an exact measure.
 */
import 'reflect-metadata';
import fc from 'fast-check';
import { codecFor, itemSize, toItem } from '../../../src/codec';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';

class Leaf {
  @Attribute({ type: 'string', name: 'näme' }) name?: string | null;
  @Attribute({ type: 'list' }) values?: unknown[] | null;
}

class Branch {
  @Attribute({ type: () => Leaf }) leaf?: Leaf | null;
  @Attribute({ type: () => [Leaf] }) leaves?: (Leaf | null)[] | null;
  @Attribute({ type: 'map' }) extra?: Record<string, unknown> | null;
}

@Table({ name: 'SizeBound' })
class Everything {
  @PartitionKey({ type: 'string' }) id!: string;
  @Attribute({ type: 'list' }) list?: unknown[] | null;
  @Attribute({ type: 'map' }) map?: Record<string, unknown> | Map<string, unknown> | null;
  @Attribute({ type: 'any' }) anything?: unknown;
  @Attribute({ type: () => Branch }) branch?: Branch | null;
  @Attribute({ type: () => [Branch] }) branches?: (Branch | null)[] | null;
  @Attribute({ type: 'stringSet' }) strings?: Set<string> | null;
  @Attribute({ type: 'numberSet' }) numbers?: Set<number> | null;
  @Attribute({ type: 'binarySet' }) binaries?: Set<Uint8Array> | null;
}

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
// Map keys: DynamoDB refuses an empty attribute name (refused before sending; tested with the refusals).
const key = text.filter((k) => k !== '');
// Numbers DynamoDB can store (a magnitude of at least 1E-130; refusals are tested elsewhere).
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e100, max: 1e100 }).filter((x) => x === 0 || Math.abs(x) > 1e-100));
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 8 }), fc.date({ noInvalidDate: true }));
const generic = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('object'), tie('set')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  set: fc.oneof(fc.uniqueArray(text, { minLength: 1, maxLength: 4 }).map((a) => new Set(a)), fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a))),
})).value;
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const plainObject = fc.dictionary(key, generic, { maxKeys: 4 });

const leaf = fc.record({ name: orNull(text), values: orNull(fc.array(generic, { maxLength: 3 })) }, { requiredKeys: [] })
  .map((fields) => Object.assign(new Leaf(), fields));
const branch = fc.record({ leaf: orNull(leaf), leaves: orNull(fc.array(orNull(leaf), { maxLength: 3 })), extra: orNull(plainObject) }, { requiredKeys: [] })
  .map((fields) => Object.assign(new Branch(), fields));
const everything = fc.record({
  id: fc.string({ minLength: 1, maxLength: 10 }),
  list: orNull(fc.array(generic, { maxLength: 4 })),
  map: orNull(fc.oneof(plainObject, plainObject.map((o) => new Map(Object.entries(o))))),
  anything: generic,
  branch: orNull(branch),
  branches: orNull(fc.array(orNull(branch), { maxLength: 3 })),
  strings: orNull(fc.uniqueArray(text, { maxLength: 4 }).map((a) => new Set(a))),
  numbers: orNull(fc.uniqueArray(fc.integer(), { maxLength: 4 }).map((a) => new Set(a))),
  binaries: orNull(fc.uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 6 }), { maxLength: 3, selector: (b) => Buffer.from(b).toString('hex') }).map((a) => new Set(a))),
}, { requiredKeys: ['id'] }).map((fields) => Object.assign(new Everything(), fields));

/**
 * Values whose bound is exact ('' counts 0, a boolean or null 1), in long lists and wide maps: here
 * only the containers' overhead separates bound from size, so a container that failed to meter its
 * own 3 + 1 per element (or a map its names) would fall below the exact size and fail the test.
 */
const tightScalar = fc.constantFrom<unknown>('', true, false, null);
const tight = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tightScalar, tightScalar, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 30 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), tie('value'), { maxKeys: 7 }),
})).value;
const tightLeaf = fc.record({ values: fc.array(tight, { maxLength: 30 }) }).map((fields) => Object.assign(new Leaf(), fields));
const tightBranch = fc.record({ leaf: tightLeaf, leaves: fc.array(fc.oneof(tightLeaf, fc.constant(null)), { maxLength: 20 }), extra: fc.dictionary(fc.constantFrom('w', 'x', 'y'), tight) })
  .map((fields) => Object.assign(new Branch(), fields));
const tightEverything = fc.record({
  id: fc.constant('k'),
  list: fc.array(tight, { maxLength: 30 }),
  map: fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'c'), tight), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tight).map((o) => new Map(Object.entries(o)))),
  anything: tight,
  branch: tightBranch,
  branches: fc.array(fc.oneof(tightBranch, fc.constant(null)), { maxLength: 10 }),
  strings: fc.constant(new Set([''])),
}).map((fields) => Object.assign(new Everything(), fields));

type Bounded = { itemBound(entity: Everything): number };

describe('the size bound of an item', () => {
  it('is never below the exact size DynamoDB counts, for values of every metered kind, nested', () => {
    const codec = codecFor(Everything) as unknown as Bounded;
    fc.assert(
      fc.property(everything, (entity) => {
        const size = itemSize(toItem(entity));
        const bound = codec.itemBound(entity);
        expect(bound).toBeGreaterThanOrEqual(size);
        // Loose by at most the rules' factors (names and strings × 3, +3 per number text, +1 per field).
        expect(bound).toBeLessThanOrEqual(3 * size + 200);
      }),
      { numRuns: 400 },
    );
  });

  it('counts every list, map and document overhead (values whose own bound is exact)', () => {
    const codec = codecFor(Everything) as unknown as Bounded;
    fc.assert(
      fc.property(tightEverything, (entity) => {
        expect(codec.itemBound(entity)).toBeGreaterThanOrEqual(itemSize(toItem(entity)));
      }),
      { numRuns: 300 },
    );
  });

  it("counts a nested document's own map overhead (documents of documents holding almost nothing)", () => {
    // Regression: the random shapes above rarely nest many near-empty documents, where a document
    // that failed to count its map's 3 + 1 per field would fall below the exact size.
    const codec = codecFor(Everything) as unknown as Bounded;
    const leaf = () => Object.assign(new Leaf(), { values: [] });
    const branch = () => Object.assign(new Branch(), { leaf: leaf(), leaves: [leaf(), leaf(), leaf()], extra: {} });
    const entity = Object.assign(new Everything(), { id: 'k', branch: branch(), branches: Array.from({ length: 10 }, branch) });
    expect(codec.itemBound(entity)).toBeGreaterThanOrEqual(itemSize(toItem(entity)));
  });
});
