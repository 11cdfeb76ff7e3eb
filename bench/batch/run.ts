/**
 * bench/batch: batchPut of 20,000 items against a hand-written raw-SDK BatchWriteItem loop (chunks
 * of 25 sent one after the other, UnprocessedItems resent), on the same engine in one run. Both
 * tables are counted afterwards: a run that lost an item fails, whatever its speed.
 *
 *   npm run bench:batch [-- --items 20000 --engine local|dynalite --rounds 2 --latency 10]
 *
 * Two scenarios: the engine as it is (a local engine answers in well under a millisecond, so both
 * sides are bound by the engine's own CPU), and the same engine behind a simulated network round
 * trip of `--latency` ms per call (what a client sees against DynamoDB itself), where concurrency
 * is what pays. The raw loop and batchPut always go through the same client.
 *
 * Models use explicit attribute types: tsx strips types, so there is no design:type metadata.
 */
// The SDK's notice about future node versions is noise in a benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import 'reflect-metadata';
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { Attribute, Mapper, PartitionKey, SortKey, Table } from '../../src/index';
import { startEngine } from './engine';

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
const ROUNDS = Number(arg('rounds', '2'));
const LATENCY_MS = Number(arg('latency', '10'));
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

/** What a careful user writes by hand: marshal, chunk by 25, send, resend UnprocessedItems with backoff. */
async function rawLoop(client: DynamoDBClient, table: string, pk: string): Promise<void> {
  for (let i = 0; i < ITEMS; i += 25) {
    let requests: WriteRequest[] = [];
    for (let sk = i; sk < Math.min(i + 25, ITEMS); sk++) {
      requests.push({ PutRequest: { Item: { pk: { S: pk }, sk: { N: String(sk) }, payload: { S: PAYLOAD }, n: { N: String(sk * 2) } } } });
    }
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = out.UnprocessedItems?.[table] ?? [];
    }
  }
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
    const mapper = new Mapper({ client, tablePrefix: `bench${Date.now().toString(36)}-` });
    await mapper.sync([BenchItem]);
    const table = mapper.createTableInput(BenchItem).TableName!;
    process.stdout.write(`bench/batch on ${engine.name}: ${ITEMS} items of ~${PAYLOAD.length + 40} bytes, ${ROUNDS} round(s)\n`);

    // Warm-up (JIT, connections, the engine's own warm-up), not measured.
    await rawLoop(client, table, 'warm-raw');
    await mapper.batchPut(entities('warm-mapper').slice(0, 2000));

    for (const latency of [0, LATENCY_MS]) {
      const c = withLatency(client, latency);
      const m = new Mapper({ client: c, tablePrefix: mapper.context.tablePrefix });
      const rows: { name: string; ms: number; stored: number }[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const rawPk = `raw-${latency}-${round}`;
        rows.push({ name: `raw loop, sequential (round ${round})`, ms: await timed(() => rawLoop(c, table, rawPk)), stored: await count(client, table, rawPk) });
        for (const concurrency of [4, 8]) {
          const pk = `mapper-${latency}-c${concurrency}-${round}`;
          const items = entities(pk);
          const ms = await timed(async () => {
            await m.batchPut(items, { concurrency });
          });
          rows.push({ name: `mapper.batchPut, concurrency ${concurrency}${concurrency === 4 ? ' (default)' : ''} (round ${round})`, ms, stored: await count(client, table, pk) });
        }
      }
      process.stdout.write(`\n${latency ? `with a simulated network round trip of ${latency} ms per call` : 'engine as it is (no added latency)'}:\n`);
      for (const r of rows) {
        const ok = r.stored === ITEMS;
        lost ||= !ok;
        process.stdout.write(
          `  ${r.name.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(ITEMS / (r.ms / 1000)).toString().padStart(7)} items/s` +
            `  stored ${r.stored}/${ITEMS}${ok ? '' : '  LOST ITEMS'}\n`,
        );
      }
      const best = (prefix: string) => Math.min(...rows.filter((r) => r.name.startsWith(prefix)).map((r) => r.ms));
      const raw = best('raw loop');
      process.stdout.write(
        `  speed-up over the sequential raw loop (best rounds): concurrency 4 ${(raw / best('mapper.batchPut, concurrency 4')).toFixed(2)}x, ` +
          `concurrency 8 ${(raw / best('mapper.batchPut, concurrency 8')).toFixed(2)}x (target >= 2x)\n`,
      );
      if (latency === LATENCY_MS) break;
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
