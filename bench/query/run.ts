/**
 * Benchmark (not a test): dynamap's query and parallel scan against the raw SDK paginators
 * (`paginateQuery`, `paginateScan` of @aws-sdk/lib-dynamodb's DynamoDBDocumentClient), on
 * DynamoDB Local started the way the test suite starts it.
 *
 *   npm run bench:query                      # defaults below
 *   BENCH_ROUNDS=41 npm run bench:query      # measured rounds of each workload (default 31 query, 11 scan)
 *   DYNAMAP_BENCH_ENDPOINT=http://127.0.0.1:8000 npm run bench:query   # an engine already running
 *
 * Workloads: a query of one partition of 1,000 items in pages of 100; a 4-segment parallel scan
 * of 20,000 items. Rounds alternate the two implementations (after warm-up rounds) and the
 * median wall time of each is reported, with the ratio dynamap / raw SDK (target: ≤ 1.05).
 *
 * Run with tsx, which does not emit decorator metadata: the model names its attribute types.
 */
import 'reflect-metadata';
import { BatchWriteItemCommand, DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, paginateScan } from '@aws-sdk/lib-dynamodb';
import { dynamap } from '../support/built';

const { Attribute, Mapper, PartitionKey, SortKey, Table } = dynamap;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const local = require('../../test/support/dynamodb-local.js') as {
  startDynamoDBLocal(): Promise<{ endpoint: string; child: unknown; watchdog: unknown }>;
  stopDynamoDBLocal(server: { child: unknown; watchdog: unknown }): Promise<void>;
};

@Table({ name: 'BenchQuery' })
class QueryItem {
  @PartitionKey({ type: 'string' }) pk!: string;
  @SortKey({ type: 'number' }) sk!: number;
  @Attribute({ type: 'string' }) name?: string;
  @Attribute({ type: 'number' }) score?: number;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute({ type: 'string' }) body?: string;
}

/** The same shape in a table of its own (a subclass inherits the attributes, its @Table wins). */
@Table({ name: 'BenchScan' })
class ScanItem extends QueryItem {}

const QUERY_ITEMS = 1_000;
const PAGE = 100;
const SCAN_ITEMS = 20_000;
const SEGMENTS = 4;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4);
/** Measured rounds: DynamoDB Local's timings are noisy, and a query round is short, so it gets more. */
const ROUNDS = process.env.BENCH_ROUNDS ? { query: Number(process.env.BENCH_ROUNDS), scan: Number(process.env.BENCH_ROUNDS) } : { query: 31, scan: 11 };

// The SDK's notice about node 20 support is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function item(pk: string, sk: number): Record<string, AttributeValue> {
  return {
    pk: { S: pk },
    sk: { N: String(sk) },
    name: { S: `item ${sk}` },
    score: { N: String((sk * 7919) % 1000) },
    tags: { SS: ['a', `t${sk % 10}`] },
    body: { S: 'x'.repeat(120) },
  };
}

async function load(client: DynamoDBClient, table: string, items: Record<string, AttributeValue>[]): Promise<void> {
  const batches: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = { [table]: batches[next++].map((Item) => ({ PutRequest: { Item } })) };
      while (Object.keys(requests).length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: requests }));
        requests = (out.UnprocessedItems ?? {}) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Wall time, and this process's CPU time (user + system): less sensitive to a busy machine. */
async function time(fn: () => Promise<number>): Promise<{ ms: number; cpu: number; n: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const n = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1000, n };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function compare(name: string, rounds: number, expected: number, dynamap: () => Promise<number>, raw: () => Promise<number>) {
  const d: number[] = [];
  const r: number[] = [];
  const dc: number[] = [];
  const rc: number[] = [];
  for (let round = 0; round < WARMUP + rounds; round++) {
    // Alternate which goes first, so neither always gets a warmer engine.
    const pair = round % 2 === 0 ? [dynamap, raw] : [raw, dynamap];
    const results = [];
    for (const fn of pair) results.push(await time(fn));
    const [dt, rt] = round % 2 === 0 ? results : [results[1], results[0]];
    if (dt.n !== expected || rt.n !== expected) throw new Error(`${name}: read ${dt.n} (dynamap) and ${rt.n} (raw) items, expected ${expected}`);
    if (round >= WARMUP) {
      d.push(dt.ms);
      r.push(rt.ms);
      dc.push(dt.cpu);
      rc.push(rt.cpu);
    }
  }
  const md = median(d);
  const mr = median(r);
  console.log(
    `${name.padEnd(44)} dynamap ${md.toFixed(1).padStart(8)} ms   raw SDK ${mr.toFixed(1).padStart(8)} ms   ` +
      `ratio ${(md / mr).toFixed(3)}   (min ${Math.min(...d).toFixed(1)} / ${Math.min(...r).toFixed(1)} ms)\n` +
      `${''.padEnd(44)} client CPU: dynamap ${median(dc).toFixed(1)} ms, raw SDK ${median(rc).toFixed(1)} ms (medians)`,
  );
  return md / mr;
}

async function main(): Promise<void> {
  const external = process.env.DYNAMAP_BENCH_ENDPOINT;
  const server = external ? undefined : await local.startDynamoDBLocal();
  const endpoint = external ?? server!.endpoint;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const doc = DynamoDBDocumentClient.from(client);
  const mapper = new Mapper({ client, tablePrefix: `bench${Date.now().toString(36)}-` });
  try {
    console.log(`DynamoDB Local at ${endpoint}; ${WARMUP} warm-up + ${ROUNDS.query} (query) / ${ROUNDS.scan} (scan) measured rounds, medians.`);
    await mapper.sync([QueryItem, ScanItem]);
    const queryTable = mapper.createTableInput(QueryItem).TableName!;
    const scanTable = mapper.createTableInput(ScanItem).TableName!;
    const loadStart = Date.now();
    await load(client, queryTable, Array.from({ length: QUERY_ITEMS }, (_, i) => item('p0', i)));
    await load(client, scanTable, Array.from({ length: SCAN_ITEMS }, (_, i) => item(`p${i % 500}`, i)));
    console.log(`loaded ${QUERY_ITEMS + SCAN_ITEMS} items in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

    const queryRatio = await compare(
      `query 1 partition, ${QUERY_ITEMS} items, pages of ${PAGE}`,
      ROUNDS.query,
      QUERY_ITEMS,
      async () => (await mapper.query(QueryItem, { pk: 'p0' }).pageSize(PAGE).all()).length,
      async () => {
        const out: Record<string, unknown>[] = [];
        const pages = paginateQuery({ client: doc, pageSize: PAGE }, {
          TableName: queryTable,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': 'p0' },
        });
        for await (const page of pages) out.push(...(page.Items ?? []));
        return out.length;
      },
    );
    const scanRatio = await compare(
      `scan ${SCAN_ITEMS} items, ${SEGMENTS} segments`,
      ROUNDS.scan,
      SCAN_ITEMS,
      async () => (await mapper.scan(ScanItem).segments(SEGMENTS).all()).length,
      async () => {
        const segments = await Promise.all(Array.from({ length: SEGMENTS }, async (_, segment) => {
          const out: Record<string, unknown>[] = [];
          for await (const page of paginateScan({ client: doc }, { TableName: scanTable, Segment: segment, TotalSegments: SEGMENTS })) {
            out.push(...(page.Items ?? []));
          }
          return out;
        }));
        return segments.reduce((n, s) => n + s.length, 0);
      },
    );
    const worst = Math.max(queryRatio, scanRatio);
    console.log(`worst ratio ${worst.toFixed(3)}: ${worst <= 1.05 ? 'within' : 'NOT within'} 5% of the raw SDK`);
  } finally {
    client.destroy();
    if (server) await local.stopDynamoDBLocal(server);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
