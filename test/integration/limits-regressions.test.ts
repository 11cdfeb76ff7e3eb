/**
 * What a probe of DynamoDB's limits at their boundaries found, each pinned on a real engine: at the
 * limit the engine takes what dynamap sends; one past it dynamap refuses before sending.
 */
import 'reflect-metadata';
import { Attribute, Mapper, PartitionKey, Table, ValidationError, append, compileCondition, compileUpdate } from 'dynamap';
import { engineName, testClient, uniquePrefix } from '../support/engine';

class Node {
  @Attribute({ type: () => Node }) c?: Node;
  @Attribute() v?: string;
}

@Table({ name: 'LimitDepth' })
class Deep {
  @PartitionKey() pk!: string;
  @Attribute({ type: 'map' }) m?: Record<string, unknown>;
  @Attribute({ type: 'list' }) l?: unknown[];
  @Attribute({ type: () => Node }) node?: Node;
}

const client = testClient();
const mapper = new Mapper({ client, tablePrefix: uniquePrefix() });

/** A value of `levels` nesting levels counting its innermost scalar: 1 is 'x', 2 is { k: 'x' }. */
const deepMap = (levels: number): unknown => (levels === 1 ? 'x' : { k: deepMap(levels - 1) });
const deepList = (levels: number): unknown => (levels === 1 ? 'x' : [deepList(levels - 1)]);
const deepNode = (levels: number): Node => Object.assign(new Node(), levels === 2 ? { v: 'x' } : { c: deepNode(levels - 1) });
/** How many levels the stored item's attribute has (an M or L adds one). */
const depth = (av: Record<string, unknown>): number => {
  const inner = (av.M ?? av.L) as Record<string, Record<string, unknown>> | Record<string, unknown>[] | undefined;
  return inner === undefined ? 1 : 1 + Math.max(0, ...Object.values(inner).map((v) => depth(v as Record<string, unknown>)));
};

beforeAll(async () => {
  await mapper.sync([Deep]);
}, 60_000);

beforeEach(async () => {
  await mapper.put(Object.assign(new Deep(), {
    pk: 'a', m: { k: { k: {} } }, l: [[[]]], node: Object.assign(new Node(), { c: new Node() }),
  }));
});

async function refusedBeforeSending(fn: () => Promise<unknown>): Promise<ValidationError> {
  const send = jest.spyOn(client, 'send');
  try {
    const error = await fn().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(send).not.toHaveBeenCalled();
    return error as ValidationError;
  } finally {
    send.mockRestore();
  }
}

async function storedDepth(attribute: 'm' | 'l' | 'node'): Promise<number> {
  const { GetItemCommand } = await import('@aws-sdk/client-dynamodb');
  const out = await client.send(new GetItemCommand({ TableName: mapper.createTableInput(Deep).TableName, Key: { pk: { S: 'a' } } }));
  return depth(out.Item![attribute] as unknown as Record<string, unknown>);
}

describe('an update of a nested path counts nesting from the item, as a put does (32 levels)', () => {
  // `m.k.k` is level 3 of the item: a value of 30 levels there makes 32, one of 31 makes 33.
  it('a map value at m.k.k: 30 levels are written, 31 are refused before sending, naming the path', async () => {
    await mapper.update(Deep, { pk: 'a' }, { 'm.k.k': deepMap(30) } as never);
    expect(await storedDepth('m')).toBe(32);
    const error = await refusedBeforeSending(() => mapper.update(Deep, { pk: 'a' }, { 'm.k.k': deepMap(31) } as never));
    expect(error.code).toBe('value.tooDeep');
    expect(error.message).toMatch(/^Deep\.m\.k\.k\.k/);
    expect(() => compileUpdate(Deep, { 'm.k.k': deepMap(31) } as never)).toThrow(/nest deeper than DynamoDB allows/);
  });

  it('a list element at l[0][0], and elements appended to l[0]', async () => {
    await mapper.update(Deep, { pk: 'a' }, { 'l[0][0]': deepList(30) } as never);
    expect(await storedDepth('l')).toBe(32);
    await refusedBeforeSending(() => mapper.update(Deep, { pk: 'a' }, { 'l[0][0]': deepList(31) } as never));
    // an element appended to l[0] sits at level 3, as l[0][0] does
    await refusedBeforeSending(() => mapper.update(Deep, { pk: 'a' }, { 'l[0]': append([deepList(31)]) } as never));
  });

  it('a nested class at node.c', async () => {
    await mapper.update(Deep, { pk: 'a' }, { 'node.c': deepNode(31) } as never);
    expect(await storedDepth('node')).toBe(32);
    await refusedBeforeSending(() => mapper.update(Deep, { pk: 'a' }, { 'node.c': deepNode(32) } as never));
  });

  it('a condition operand is not stored: it counts from its own root', () => {
    expect(() => compileCondition(Deep, { 'm.k.k': deepMap(31) } as never)).not.toThrow();
  });

  if (engineName() === 'dynamodb-local') {
    it('tx.update refuses the same, before sending', async () => {
      await refusedBeforeSending(() => mapper.transaction((tx) => { tx.update(Deep, { pk: 'a' }, { 'm.k.k': deepMap(31) } as never); }));
    });
  }
});
