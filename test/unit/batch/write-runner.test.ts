import 'reflect-metadata';
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { BatchError, Mapper, PartitionKey, Table, ThrottledError, Version } from '../../../src/index';

@Table({ name: 'Notes' })
class Note {
  @PartitionKey() id!: string;
  @Version() version?: number;
}

const note = (id: string) => Object.assign(new Note(), { id });
const fast = { attempts: 2, baseDelayMs: 0, maxDelayMs: 0 };

/** A client whose BatchWriteItem answers come from `answer(requests)`: the requests to leave unprocessed, or an error. */
function fakeClient(answer: (requests: WriteRequest[], call: number) => WriteRequest[] | Error): { client: DynamoDBClient; calls: WriteRequest[][] } {
  const calls: WriteRequest[][] = [];
  const client = {
    send: async (command: unknown) => {
      if (!(command instanceof BatchWriteItemCommand)) throw new Error('unexpected command');
      const requests = command.input.RequestItems!.Notes;
      calls.push(requests);
      const result = answer(requests, calls.length);
      if (result instanceof Error) throw result;
      return { UnprocessedItems: result.length ? { Notes: result } : {} };
    },
  } as unknown as DynamoDBClient;
  return { client, calls };
}

const idOf = (r: WriteRequest) => r.PutRequest!.Item!.id.S;

it('sends chunks of 25 with last-wins dedupe, and assigns versions to written entities only', async () => {
  const { client, calls } = fakeClient((requests) => requests.filter((r) => idOf(r) === 'stuck'));
  const mapper = new Mapper({ client, retry: fast });
  const notes = [...Array.from({ length: 30 }, (_, i) => note(`n${i}`)), note('stuck'), note('n3')];
  const error = await mapper.batchPut(notes, { concurrency: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ThrottledError);
  expect((error as ThrottledError).unprocessed).toEqual([notes[30]]);
  expect((error as Error).message).toMatch(/^batchPut: 1 of 31 items were not written after 2 attempts/);
  expect(calls.map((c) => c.length)).toEqual([25, 6, 1, 1]);
  expect(notes[0].version).toBe(1);
  expect(notes[30].version).toBeUndefined(); // not written
  expect(notes[3].version).toBeUndefined(); // superseded by the later n3, which was written
  expect(notes[31].version).toBe(1);
});

it('an error retrying cannot fix stops new chunks; BatchError lists the failed and never-started ones', async () => {
  const boom = Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' });
  const { client, calls } = fakeClient((_r, call) => (call === 2 ? boom : []));
  const mapper = new Mapper({ client, retry: fast });
  const notes = Array.from({ length: 100 }, (_, i) => note(`n${i}`));
  const error = await mapper.batchPut(notes, { concurrency: 1 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BatchError);
  expect((error as BatchError).cause).toBe(boom);
  expect((error as BatchError).unprocessed).toEqual(notes.slice(25));
  expect((error as Error).message).toMatch(/^batchPut stopped: ResourceNotFoundException: Requested resource not found\. 25 of 100 items were done/);
  expect(calls).toHaveLength(2);
});

it('checks every item before the first request', async () => {
  const { client, calls } = fakeClient(() => []);
  const mapper = new Mapper({ client });
  const read = Object.assign(note('r'), { version: 2 });
  await expect(mapper.batchPut([note('a'), read])).rejects.toThrow(/batchPut item 1: this Note was read with @Version 2/);
  expect(calls).toHaveLength(0);
});
