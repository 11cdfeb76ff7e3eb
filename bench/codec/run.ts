/**
 * Codec benchmark (issue 3): entity → item → entity with dynamap's compiled codec, against the AWS
 * SDK's `marshall`/`unmarshall` (@aws-sdk/util-dynamodb) on the same data; then a full PutItem +
 * GetItem through a DynamoDBClient whose request handler answers locally (no network), raw vs
 * through dynamap.
 *
 *   npm run bench:codec      (builds, then node --expose-gc --import tsx bench/codec/run.ts)
 *   BENCH_N=2000 BENCH_ROUNDS=10 BENCH_BLOCK=1 npm run bench:codec
 *
 * dynamap is loaded from the built package (dist/cjs), as users run it (see ../support/built.ts).
 * Timing (see ../support/harness.ts): the codec-only workloads take turns round by round with a
 * full GC before each; the put+get workloads take turns pair by pair (no forced GC, so each pays
 * for the collections its own allocation triggers) and report, for each, the median over turns of
 * its time divided by the raw client's time in the same turn, and the ratio of total times.
 *
 * What each side does per item:
 *  - dynamap: toItem (type checks, number range checks, Date → ISO string, Set → SS, nested class
 *    → M with renamed attributes, list → L, 400 KB size bound) and fromItem (a Movie instance via
 *    Object.create, a MovieInfo instance, ISO string → Date, exact-number checks, SS → Set).
 *  - SDK: marshall of an equivalent plain object whose Dates were turned into ISO strings beforehand
 *    (outside the timing), with removeUndefinedValues; unmarshall back to a plain object (strings
 *    stay strings, no classes). So the SDK side does strictly less work.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { codecInternals, dynamap } from '../support/built';
import { gcAvailable, race, versus, type RaceResult } from '../support/harness';
import { BenchMovie, handItem, handRead, makeMovie, plainForSdk } from './model';

const { codecFor, encodeKey } = codecInternals;
const { Mapper, getModelSchema } = dynamap;

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 1);

let sink = 0;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);

async function codecBench(): Promise<void> {
  const movies = Array.from({ length: N }, (_, i) => makeMovie(i));
  const plains = movies.map(plainForSdk);
  const codec = codecFor(BenchMovie);

  // Sanity: both sides write the same item for the same data.
  const ours = codec.toItem(movies[1]);
  const theirs = marshall(plains[1], { removeUndefinedValues: true });
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error('the two sides do not write the same item');
  const back = codec.fromItem(ours);
  if (!(back instanceof BenchMovie) || back.createdAt!.getTime() !== movies[1].createdAt!.getTime()) {
    throw new Error('dynamap did not round-trip the item');
  }

  console.log(`entity → item → entity, ${N} items per round, ${Object.keys(ours).length} attributes, node ${process.version}`);
  const items = movies.map((m) => codec.toItem(m));
  const results = await race([
    ['dynamap  codecFor(M).toItem + fromItem', (from, to) => {
      for (let i = from; i < to; i++) sink += codec.fromItem(codec.toItem(movies[i])).year;
    }],
    ['SDK      marshall + unmarshall', (from, to) => {
      for (let i = from; i < to; i++) sink += unmarshall(marshall(plains[i], { removeUndefinedValues: true })).year as number;
    }],
    ['  dynamap toItem only', (from, to) => {
      for (let i = from; i < to; i++) sink += codec.toItem(movies[i]) === undefined ? 0 : 1;
    }],
    ['  SDK     marshall only', (from, to) => {
      for (let i = from; i < to; i++) sink += marshall(plains[i], { removeUndefinedValues: true }) === undefined ? 0 : 1;
    }],
    ['  dynamap fromItem only', (from, to) => {
      for (let i = from; i < to; i++) sink += codec.fromItem(items[i]).year;
    }],
    ['  SDK     unmarshall only', (from, to) => {
      for (let i = from; i < to; i++) sink += unmarshall(items[i]).year as number;
    }],
  ], { items: N, block: N, rounds: 3 * ROUNDS, warmup: 5, collect: true });
  for (const r of results) console.log(`  ${r.label.padEnd(52)} ${fmt(r.rate)} items/s`);
  const [dyn, sdk, enc, sdkEnc, dec, sdkDec] = results.map((r) => r.rate);
  console.log(`  ratio dynamap / SDK: round trip ${(dyn / sdk).toFixed(2)}×, encode ${(enc / sdkEnc).toFixed(2)}×, decode ${(dec / sdkDec).toFixed(2)}×`);
}

/** A request handler that answers PutItem with {} and GetItem with the last item put: a local DynamoDB of one item. */
function localHandler() {
  let stored = '{}';
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      const target = request.headers['x-amz-target'] ?? '';
      let body = '{}';
      if (target.endsWith('.PutItem')) {
        stored = `{"Item":${JSON.stringify((JSON.parse(typeof request.body === 'string' ? request.body : decoder.decode(request.body as Uint8Array)) as { Item: unknown }).Item)}}`;
      } else if (target.endsWith('.GetItem')) {
        body = stored;
      }
      const bytes = encoder.encode(body);
      return {
        response: {
          statusCode: 200,
          reason: 'OK',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(bytes.byteLength), 'x-amzn-requestid': 'bench' },
          body: bytes,
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
    destroy() {},
  };
}

function overhead(r: RaceResult): string {
  const pct = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;
  return `median ${pct(r.medianRatio).padStart(6)}, total ${pct(r.totalRatio).padStart(6)}`;
}

async function clientBench(): Promise<void> {
  // The SDK warns once that node 20 support ends in 2027: noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://localhost:8000',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    requestHandler: localHandler() as any,
  });
  const codec = codecFor(BenchMovie);
  const schema = getModelSchema(BenchMovie);
  const movies = Array.from({ length: N }, (_, i) => makeMovie(i));
  const rawItems: Record<string, AttributeValue>[] = movies.map((m) => codec.toItem(m));
  const rawKeys = movies.map((m) => encodeKey(schema, { id: m.id, year: m.year }));
  const TableName = 'BenchMovies';

  const check = await client.send(new PutItemCommand({ TableName, Item: rawItems[0] }))
    .then(() => client.send(new GetItemCommand({ TableName, Key: rawKeys[0] })));
  if (codec.fromItem(check.Item!).id !== movies[0].id) throw new Error('the local handler did not answer the item');
  if (JSON.stringify(handItem(movies[1])) !== JSON.stringify(codec.toItem(movies[1]))) throw new Error('the hand-written item differs');

  const mapper = new Mapper({ client, validate: false });
  const validating = new Mapper({ client });
  const plains = movies.map(plainForSdk);

  console.log(`\nPutItem + GetItem through DynamoDBClient (local request handler: signing, serializing, parsing; no network)`);
  console.log(`  ${N} pairs per round, ${ROUNDS} rounds, the workloads taking turns every ${BLOCK} pair(s); time vs the raw client:`);
  const results = await race([
    ['raw client (prebuilt items and keys)', async (from, to) => {
      for (let i = from; i < to; i++) {
        await client.send(new PutItemCommand({ TableName, Item: rawItems[i] }));
        const out = await client.send(new GetItemCommand({ TableName, Key: rawKeys[i] }));
        sink += out.Item ? 1 : 0;
      }
    }],
    ['raw client + hand-written items and reading', async (from, to) => {
      for (let i = from; i < to; i++) {
        const m = movies[i];
        await client.send(new PutItemCommand({ TableName, Item: handItem(m) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: { id: { S: m.id }, year: { N: String(m.year) } } }));
        sink += handRead(out.Item!).year as number;
      }
    }],
    ['raw client + SDK marshall/unmarshall', async (from, to) => {
      for (let i = from; i < to; i++) {
        const p = plains[i];
        await client.send(new PutItemCommand({ TableName, Item: marshall(p, { removeUndefinedValues: true }) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: marshall({ id: p.id, year: p.year }) }));
        sink += unmarshall(out.Item!).year as number;
      }
    }],
    ['raw client + dynamap codec (toItem, encodeKey, fromItem)', async (from, to) => {
      for (let i = from; i < to; i++) {
        const m = movies[i];
        await client.send(new PutItemCommand({ TableName, Item: codec.toItem(m) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: encodeKey(schema, { id: m.id, year: m.year }) }));
        sink += codec.fromItem(out.Item!).year;
      }
    }],
    ['mapper.put + mapper.get (validate: false)', async (from, to) => {
      for (let i = from; i < to; i++) {
        const m = movies[i];
        await mapper.put(m);
        sink += (await mapper.get(BenchMovie, { id: m.id, year: m.year }))!.year;
      }
    }],
    ['mapper.put + mapper.get (validation on, the default)', async (from, to) => {
      for (let i = from; i < to; i++) {
        const m = movies[i];
        await validating.put(m);
        sink += (await validating.get(BenchMovie, { id: m.id, year: m.year }))!.year;
      }
    }],
  ], { items: N, block: BLOCK, rounds: ROUNDS, warmup: 3, collect: BLOCK >= 50 });
  for (const r of results) {
    console.log(`  ${r.label.padEnd(56)} ${fmt(r.rate)} put+get/s  ${r === results[0] ? `${(1e6 / r.rate).toFixed(0)} µs per pair` : overhead(r)}`);
  }
  const [raw, hand, , , viaMapper] = results;
  const pct = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;
  const target = viaMapper.medianRatio <= 1.05 && viaMapper.totalRatio <= 1.05;
  console.log(`  target: mapper.put + get adds at most 5% to the raw client sending prebuilt items: ${target ? 'met' : 'NOT met'} ` +
    `(${pct(viaMapper.medianRatio)} median, ${pct(viaMapper.totalRatio)} total; raw ${(1e6 / raw.rate).toFixed(0)} µs per pair)`);
  // The same job done on the raw client: the item written by hand and the answer read by hand.
  const sameJob = versus(viaMapper, hand);
  console.log(`  mapper.put + get against the raw client doing the same job by hand (paired): median ${pct(sameJob.medianRatio)}, total ${pct(sameJob.totalRatio)}`);
  client.destroy();
}

async function main(): Promise<void> {
  if (!gcAvailable()) console.log('(run with node --expose-gc for a GC before each block; timings are noisier without)');
  await codecBench();
  await clientBench();
  if (sink === 42) console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
