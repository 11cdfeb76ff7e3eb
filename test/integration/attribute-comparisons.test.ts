/**
 * Comparing two attributes of the same item: `{ stock: gte(attribute('reserved')) }` in conditions
 * and filters, on a real engine; and the refusals before sending.
 */
import 'reflect-metadata';
import {
  Attribute, ConditionError, Mapper, compileUpdate, PartitionKey, SortKey, Table, ValidationError, attribute, beginsWith, between, decrement, gt, gte,
  contains, ifNotExists, increment, isIn, lt, ne,
} from 'dynamap';
import { itOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

class Limits {
  @Attribute() max?: number;
}

@Table({ name: 'AttrBins' })
class Bin {
  @PartitionKey() zone!: string;
  @SortKey() slot!: number;
  @Attribute() low?: number;
}

@Table({ name: 'AttrStock' })
class Stock {
  @PartitionKey() sku!: string;
  @Attribute() stock?: number;
  @Attribute({ name: 'held' }) reserved?: number;
  @Attribute() name?: string;
  @Attribute() alias?: string;
  @Attribute() limits?: Limits;
}

/** Words and the parts they may begin with or contain, in strings, a string set and a list. */
@Table({ name: 'AttrWords' })
class Word {
  @PartitionKey() id!: string;
  @Attribute() text?: string;
  @Attribute({ name: 'part_text' }) part?: string;
  @Attribute() count?: number;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute() list?: string[];
  @Attribute() bytes?: Uint8Array;
  @Attribute() head?: Uint8Array;
}

const client = testClient();
const mapper = new Mapper({ client, tablePrefix: uniquePrefix() });
const stock = (sku: string, values: Partial<Stock>) => Object.assign(new Stock(), { sku, ...values });

beforeAll(async () => {
  await mapper.sync([Stock]);
  await mapper.batchPut([
    stock('a', { stock: 5, reserved: 3, name: 'apple', alias: 'apple', limits: Object.assign(new Limits(), { max: 4 }) }),
    stock('b', { stock: 2, reserved: 7, name: 'bean', alias: 'pea', limits: Object.assign(new Limits(), { max: 9 }) }),
    stock('c', { stock: 9, reserved: 9, name: 'corn', alias: 'maize' }),
  ]);
}, 60_000);

describe('attribute(): one attribute compared with another', () => {
  it('a condition on an update holds or fails by the item itself', async () => {
    const updated = await mapper.update(Stock, { sku: 'a' }, { stock: 4 }, { condition: { stock: gt(attribute('reserved')) } });
    expect(updated.stock).toBe(4);
    const error = await mapper.update(Stock, { sku: 'b' }, { stock: 1 }, { condition: { stock: gt(attribute('reserved')) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionError);
    expect((await mapper.get(Stock, { sku: 'b' }))!.stock).toBe(2);
  });

  it('filters compare attributes, renamed and nested ones included', async () => {
    const short = await mapper.scan(Stock).filter({ stock: lt(attribute('reserved')) }).all();
    expect(short.map((s) => s.sku)).toEqual(['b']);
    const renamed = await mapper.scan(Stock).filter({ name: ne(attribute('alias')) }).all();
    expect(renamed.map((s) => s.sku).sort()).toEqual(['b', 'c']);
    const overMax = await mapper.scan(Stock).filter({ stock: gte(attribute('limits.max')) }).all();
    expect(overMax.map((s) => s.sku)).toEqual(['a']);
  });

  it("between's bounds and isIn's candidates may be attributes, mixed with values", async () => {
    // Before the 'copy' item exists (without name or alias: dynalite, unlike DynamoDB, finds two missing attributes equal).
    // a: stock 5 (4 after the first test), reserved 3, max 4; b: stock 2, reserved 7, max 9; c: stock 9, reserved 9.
    const within = await mapper.scan(Stock).filter({ stock: between(attribute('reserved'), attribute('limits.max')) }).all();
    expect(within.map((s) => s.sku)).toEqual(['a']);
    const fromReserved = await mapper.scan(Stock).filter({ stock: between(attribute('reserved'), 100) }).all();
    expect(fromReserved.map((s) => s.sku).sort()).toEqual(['a', 'c']);
    const either = await mapper.scan(Stock).filter({ name: isIn('bean', attribute('alias')) }).all();
    expect(either.map((s) => s.sku).sort()).toEqual(['a', 'b']);
    const input = mapper.scan(Stock).filter({ stock: between(attribute('reserved'), 100), name: isIn('bean', attribute('alias')) }).toInput();
    expect(input.FilterExpression).toBe('(#n0 >= #n1 AND #n0 <= :v0) AND (#n2 = :v1 OR #n2 = #n3)');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'stock', '#n1': 'held', '#n2': 'name', '#n3': 'alias' });
  });

  it('an update copies one attribute into another, reading the item as it was before the update', async () => {
    await mapper.put(stock('copy', { stock: 7, reserved: 2, limits: Object.assign(new Limits(), { max: 3 }) }));
    const after = await mapper.update(Stock, { sku: 'copy' }, { reserved: attribute('stock'), stock: 0, 'limits.max': attribute('reserved') });
    expect(after).toMatchObject({ stock: 0, reserved: 7 });
    expect(after.limits!.max).toBe(2);
    const refused = await mapper.update(Stock, { sku: 'copy' }, { stock: attribute('name') as never }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(/stock \(number\) cannot take the value of name \(string\)/);
  });

  it('increment/decrement by another attribute, and ifNotExists from another attribute', async () => {
    await mapper.put(stock('arith', { stock: 10, reserved: 3, name: 'n', limits: Object.assign(new Limits(), { max: 7 }) }));
    const after = await mapper.update(Stock, { sku: 'arith' }, {
      stock: decrement(attribute('reserved')), 'limits.max': increment(attribute('reserved')), alias: ifNotExists(attribute('name')),
    });
    expect(after).toMatchObject({ stock: 7, reserved: 3, alias: 'n' });
    expect(after.limits!.max).toBe(10);
    // A missing counter counts as 0; an attribute that is there is kept by ifNotExists.
    const again = await mapper.update(Stock, { sku: 'arith' }, { reserved: increment(attribute('stock')), alias: ifNotExists(attribute('sku')) });
    expect(again).toMatchObject({ reserved: 10, alias: 'n' });
    expect(compileUpdate(Stock, { stock: decrement(attribute('reserved')), alias: ifNotExists(attribute('name')) }).expression)
      .toBe('SET #n0 = if_not_exists(#n0, :v0) - #n1, #n2 = if_not_exists(#n2, #n3)');
    // Refused before sending: adding a string, and increment on a string path.
    const sent = jest.spyOn(client, 'send');
    try {
      await expect(mapper.update(Stock, { sku: 'arith' }, { stock: increment(attribute('name')) as never })).rejects.toMatchObject({ code: 'expression.copyMismatch' });
      await expect(mapper.update(Stock, { sku: 'arith' }, { name: increment(attribute('stock')) as never })).rejects.toMatchObject({ code: 'expression.operatorKind' });
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });

  it('compiles to two placeholders for two paths, no value', () => {
    const input = mapper.scan(Stock).filter({ stock: gte(attribute('limits.max')) }).toInput();
    expect(input.FilterExpression).toBe('#n0 >= #n1.#n2');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'stock', '#n1': 'limits', '#n2': 'max' });
    expect(input.ExpressionAttributeValues).toBeUndefined();
  });

  it('refuses, before sending, attributes that cannot compare, unknown paths, and places attribute() does not fit', async () => {
    const sent = jest.spyOn(client, 'send');
    try {
      // The types refuse the kind mismatches already (test/types/expressions.types.ts): `as never` plays a JavaScript caller.
      const refusals = [
        () => mapper.scan(Stock).filter({ stock: gt(attribute('name')) as never }).all(),
        () => mapper.scan(Stock).filter({ stock: gt(attribute('nope' as 'name')) as never }).all(),
        () => mapper.scan(Stock).filter({ name: beginsWith(attribute('stock')) as never }).all(),
        () => mapper.query(Stock, { sku: attribute('name') as unknown as string }).all(),
        () => mapper.query(Bin, { zone: 'z', slot: between(attribute('low'), 9) as unknown as number }).all(),
        () => mapper.scan(Stock).filter({ stock: between(attribute('name'), 9) as unknown as number }).all(),
        () => mapper.query(Bin, { zone: 'z', slot: beginsWith(attribute('low')) as never }).all(),
      ];
      const messages: string[] = [];
      for (const run of refusals) {
        const error = await run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        messages.push((error as Error).message);
      }
      expect(messages[0]).toMatch(/stock \(number\) is compared with name \(string\): DynamoDB finds such a comparison false for every item/);
      expect(messages[1]).toMatch(/nope/);
      expect(messages[2]).toMatch(/name \(string\) is compared with stock \(number\)/);
      expect(messages[3]).toMatch(/it cannot be used in a key condition/);
      expect(messages[4]).toMatch(/slot: attribute\(\) .* it cannot be used in a key condition/);
      expect(messages[5]).toMatch(/stock \(number\) is compared with name \(string\)/);
      expect(messages[6]).toMatch(/slot: attribute\(\) .* it cannot be used in a key condition/);
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });
});

describe('attribute() as the operand of beginsWith and contains', () => {
  const word = (id: string, values: Partial<Word>) => Object.assign(new Word(), { id, ...values });
  const ids = (words: Word[]) => words.map((w) => w.id).sort();

  beforeAll(async () => {
    await mapper.sync([Word]);
    await mapper.batchPut([
      word('pine', { text: 'pineapple', part: 'pine', tags: new Set(['pine', 'x']), list: ['a', 'pine'], bytes: new Uint8Array([1, 2, 3]), head: new Uint8Array([1, 2]) }),
      word('fruit', { text: 'grapefruit', part: 'fruit', tags: new Set(['grape']), list: ['fruit'], bytes: new Uint8Array([1, 2]), head: new Uint8Array([2]) }),
      word('none', { text: 'corn', part: 'maize', tags: new Set(['corn']), list: [] }),
    ]);
  }, 60_000);

  // dynalite fails on an attribute as the second operand of begins_with/contains (a TypeError inside
  // it, and the request never answers); DynamoDB Local evaluates it as DynamoDB documents.
  itOnDynamoDBLocal('begins_with(text, part) and contains(text | tags | list, part) read the other attribute of each item', async () => {
    expect(ids(await mapper.scan(Word).filter({ text: beginsWith(attribute('part')) }).all())).toEqual(['pine']);
    expect(ids(await mapper.scan(Word).filter({ text: contains(attribute('part')) }).all())).toEqual(['fruit', 'pine']);
    expect(ids(await mapper.scan(Word).filter({ tags: contains(attribute('part')) }).all())).toEqual(['pine']);
    expect(ids(await mapper.scan(Word).filter({ list: contains(attribute('part')) }).all())).toEqual(['fruit', 'pine']);
    expect(ids(await mapper.scan(Word).filter({ bytes: beginsWith(attribute('head')) }).all())).toEqual(['pine']);
    const input = mapper.scan(Word).filter({ text: beginsWith(attribute('part')), tags: contains(attribute('part')) }).toInput();
    expect(input.FilterExpression).toBe('begins_with(#n0, #n1) AND contains(#n2, #n1)');
    expect(input.ExpressionAttributeNames).toEqual({ '#n0': 'text', '#n1': 'part_text', '#n2': 'tags' });
    expect(input.ExpressionAttributeValues).toBeUndefined();
  });

  itOnDynamoDBLocal('works in a write condition', async () => {
    const updated = await mapper.update(Word, { id: 'pine' }, { count: 1 }, { condition: { text: beginsWith(attribute('part')) } });
    expect(updated.count).toBe(1);
    await expect(mapper.update(Word, { id: 'fruit' }, { count: 1 }, { condition: { text: beginsWith(attribute('part')) } }))
      .rejects.toBeInstanceOf(ConditionError);
  });

  it('refuses, before sending, the attribute itself (DynamoDB: "the first operand must be distinct") and kinds that never match', async () => {
    const sent = jest.spyOn(client, 'send');
    try {
      const cases: [() => Promise<unknown>, RegExp][] = [
        [() => mapper.scan(Word).filter({ text: beginsWith(attribute('text')) }).all(), /text is compared with itself/],
        [() => mapper.scan(Word).filter({ text: contains(attribute('text')) }).all(), /text is compared with itself/],
        [() => mapper.scan(Word).filter({ text: beginsWith(attribute('count')) as never }).all(), /text \(string\) is compared with count \(number\)/],
        [() => mapper.scan(Word).filter({ tags: contains(attribute('count')) }).all(), /tags \(stringSet\) is compared with count \(number\)/],
        [() => mapper.scan(Word).filter({ bytes: beginsWith(attribute('text')) as never }).all(), /bytes \(binary\) is compared with text \(string\)/],
      ];
      for (const [run, message] of cases) {
        const error = await run().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).toMatch(message);
      }
      expect(sent).not.toHaveBeenCalled();
    } finally {
      sent.mockRestore();
    }
  });
});
