/**
 * bench/batch: batchPut of 20,000 items against a hand-written raw-SDK BatchWriteItem loop (chunks
 * of 25 sent one after the other, UnprocessedItems resent), on the same engine in one run. Every
 * measurement writes into a fresh table of its own (so none meets a table another filled), in a
 * rotating order per round, and the table is counted afterwards: a run that lost an item fails,
 * whatever its speed.
 *
 *   npm run bench:batch [-- --items 20000 --engine local|dynalite --rounds 3 --latency 0,5,10]
 *
 * Scenarios: the engine as it is (no network: client and engine are both CPU-bound, and on a
 * 2-core machine the sequential loop already keeps one core busy, so no concurrency can do more
 * than add the second, 2x at the very most), and the same engine behind a simulated network round
 * trip of each `--latency` ms per call (what a client sees against DynamoDB itself), where
 * concurrency is what pays. The raw loop and batchPut always go through the same client. Each
 * round also times the raw chunks with 4 in flight (a hand-written pool): the ceiling the engine
 * and the machine allow at the default concurrency, with no mapper at all.
 *
 * dynamap is loaded from the built package (dist/cjs), as users run it: the script builds first.
 *
 * Models use explicit attribute types: tsx strips types, so there is no design:type metadata.
 */
// The SDK's notice about future node versions is noise in a benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import 'reflect-metadata';
import { BatchWriteItemCommand, DeleteTableCommand, DynamoDBClient, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { dynamap } from '../support/built';
import { startEngine } from './engine';

const { Attribute, Mapper, PartitionKey, SortKey, Table } = dynamap;

@Table({ name: 'BenchItems' })
class BenchItem {
  @PartitionKey({ type: 'string' }) pk!: string;
  @SortKey({ type: 'number' }) sk!: number;
  @Attribute({ type: 'string' }) payload?: string;
  @Attribute({ type: 'number' }) n?: number;
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const ITEMS = Number(arg('items', '20000'));
const ROUNDS = Number(arg('rounds', '3'));
const LATENCIES = arg('latency', '0,5,10').split(',').map(Number);
const PAYLOAD = 'x'.repeat(200);

/** The same client, each call answered `ms` later (a network round trip); nothing else changes. */
function withLatency(client: DynamoDBClient, ms: number): DynamoDBClient {
  if (ms <= 0) return client;
  const send = async (command: never): Promise<unknown> => {
    await new Promise((r) => setTimeout(r, ms));
    return client.send(command);
  };
  return new Proxy(client, { get: (target, p, receiver) => (p === 'send' ? send : Reflect.get(target, p, receiver)) });
}

function entities(pk: string): BenchItem[] {
  return Array.from({ length: ITEMS }, (_, sk) => Object.assign(new BenchItem(), { pk, sk, payload: PAYLOAD, n: sk * 2 }));
}

/** One chunk of the raw loop: marshal by hand, send, resend UnprocessedItems with backoff (what a careful user writes). */
async function rawChunk(client: DynamoDBClient, table: string, pk: string, from: number): Promise<void> {
  let requests: WriteRequest[] = [];
  for (let sk = from; sk < Math.min(from + 25, ITEMS); sk++) {
    requests.push({ PutRequest: { Item: { pk: { S: pk }, sk: { N: String(sk) }, payload: { S: PAYLOAD }, n: { N: String(sk * 2) } } } });
  }
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
    requests = out.UnprocessedItems?.[table] ?? [];
  }
}

/** The baseline of the target: chunks of 25 sent one after the other. */
async function rawLoop(client: DynamoDBClient, table: string, pk: string): Promise<void> {
  for (let i = 0; i < ITEMS; i += 25) await rawChunk(client, table, pk, i);
}

/**
 * Not the target's baseline but its ceiling: the same raw chunks with `workers` in flight (a
 * hand-written pool). What the engine and machine allow at that concurrency with no mapper at all.
 */
async function rawPool(client: DynamoDBClient, table: string, pk: string, workers: number): Promise<void> {
  let next = 0;
  const work = async () => {
    while (next < ITEMS) {
      const from = next;
      next += 25;
      await rawChunk(client, table, pk, from);
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
}

async function count(client: DynamoDBClient, table: string, pk: string): Promise<number> {
  let total = 0;
  let start: Record<string, never> | undefined;
  do {
    // One partition per run: a Query counts it without scanning the other runs' items.
    const out = await client.send(new QueryCommand({
      TableName: table, Select: 'COUNT', ExclusiveStartKey: start, ConsistentRead: true,
      KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: pk } },
    }));
    total += out.Count ?? 0;
    start = out.LastEvaluatedKey as typeof start;
  } while (start);
  return total;
}

async function timed(what: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await what();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const engine = await startEngine(arg('engine', ''));
  const client = new DynamoDBClient({ endpoint: engine.endpoint, region: 'local', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  let lost = false;
  try {
    process.stdout.write(`bench/batch on ${engine.name}: ${ITEMS} items of ~${PAYLOAD.length + 40} bytes, ${ROUNDS} round(s)\n`);
    const run = `b${Date.now().toString(36)}`;
    let tables = 0;
    /** Every measurement writes into a table of its own, created for it: no workload meets a table the others filled. */
    const freshTable = async (): Promise<{ prefix: string; table: string }> => {
      const prefix = `${run}-${++tables}-`;
      const setup = new Mapper({ client, tablePrefix: prefix });
      await setup.sync([BenchItem]);
      return { prefix, table: setup.createTableInput(BenchItem).TableName! };
    };

    // Warm-up, not measured: JIT and connections here, and the engine's own JIT — DynamoDB Local
    // still spends about three times less CPU per batch after 20,000 items than on the first ones.
    {
      const { prefix, table } = await freshTable();
      await rawLoop(client, table, 'warm-raw-1');
      await rawPool(client, table, 'warm-raw-2', 4);
      await new Mapper({ client, tablePrefix: prefix }).batchPut(entities('warm-mapper'));
      await client.send(new DeleteTableCommand({ TableName: table }));
    }

    /** `prepare` builds what the workload starts from (outside the timing) and returns the timed work. */
    type Workload = { name: string; prepare: (c: DynamoDBClient, prefix: string, table: string, pk: string) => () => Promise<unknown> };
    const workloads: Workload[] = [
      { name: 'raw loop, sequential', prepare: (c, _p, table, pk) => () => rawLoop(c, table, pk) },
      { name: 'raw chunks, 4 in flight: the ceiling', prepare: (c, _p, table, pk) => () => rawPool(c, table, pk, 4) },
      ...[4, 8].map((concurrency): Workload => ({
        name: `mapper.batchPut, concurrency ${concurrency}${concurrency === 4 ? ' (default)' : ''}`,
        prepare: (c, prefix, _t, pk) => {
          const items = entities(pk);
          const m = new Mapper({ client: c, tablePrefix: prefix });
          return () => m.batchPut(items, { concurrency });
        },
      })),
    ];

    for (const latency of LATENCIES) {
      const c = withLatency(client, latency);
      const times = workloads.map(() => [] as number[]);
      for (let round = 0; round < ROUNDS; round++) {
        // A rotating order, so that drift of the machine or the engine does not favour one workload.
        for (let j = 0; j < workloads.length; j++) {
          const k = (j + round) % workloads.length;
          const { prefix, table } = await freshTable();
          const pk = `p-${latency}-${round}`;
          const work = workloads[k].prepare(c, prefix, table, pk);
          times[k][round] = await timed(async () => {
            await work();
          });
          const stored = await count(client, table, pk);
          await client.send(new DeleteTableCommand({ TableName: table }));
          if (stored !== ITEMS) {
            lost = true;
            process.stdout.write(`  ${workloads[k].name}: stored ${stored}/${ITEMS}  LOST ITEMS\n`);
          }
        }
      }
      process.stdout.write(`\n${latency ? `with a simulated network round trip of ${latency} ms per call` : 'engine as it is (no added latency)'}:\n`);
      workloads.forEach((w, k) => {
        const rates = times[k].map((ms) => Math.round(ITEMS / (ms / 1000)).toString());
        process.stdout.write(`  ${w.name.padEnd(44)} ${times[k].map((ms) => (ms / 1000).toFixed(2)).join(' / ').padStart(16)} s  (${rates.join(' / ')} items/s)\n`);
      });
      const speedUp = (k: number) => {
        const perRound = times[k].map((ms, round) => times[0][round] / ms);
        return `${Math.min(...perRound).toFixed(2)}x to ${Math.max(...perRound).toFixed(2)}x`;
      };
      process.stdout.write(
        `  speed-up over the sequential raw loop of the same round: mapper concurrency 4 (default) ${speedUp(2)}, ` +
          `concurrency 8 ${speedUp(3)}; raw chunks 4 in flight (ceiling) ${speedUp(1)} (target >= 2x)\n`,
      );
    }
  } finally {
    client.destroy();
    await engine.stop();
  }
  if (lost) {
    process.stderr.write('bench/batch: items were lost\n');
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
