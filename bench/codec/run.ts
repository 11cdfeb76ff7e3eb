/**
 * Codec benchmark: entity → item → entity with dynamap's compiled codec, against the AWS SDK's
 * `marshall`/`unmarshall` (@aws-sdk/util-dynamodb) on the same data; then a full PutItem + GetItem
 * through a DynamoDBClient whose request handler answers locally (no network), raw vs with the
 * codec around the calls.
 *
 *   npm run bench:codec            (N=2000 items, 15 rounds; BENCH_N / BENCH_ROUNDS to change)
 *
 * Runs under tsx (esbuild), which emits no design:type metadata: every attribute of the bench
 * model gives its `type` explicitly — which is also what users of esbuild, tsx, vitest and swc do.
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
import { codecFor, encodeKey } from '../../src/codec';
import { Attribute, PartitionKey, SortKey, Table } from '../../src/decorators';
import { getModelSchema } from '../../src/metadata';
import { Mapper } from '../../src/mapper/mapper';

class Credits {
  @Attribute({ type: 'string' }) director?: string;
  @Attribute({ type: 'date', name: 'release_date' }) releaseDate?: Date;
  @Attribute({ type: 'number' }) budget?: number;
  @Attribute({ type: 'list' }) countries?: string[];
}

@Table({ name: 'BenchMovies' })
class BenchMovie {
  @PartitionKey({ type: 'string' }) id!: string;
  @SortKey({ type: 'number' }) year!: number;
  @Attribute({ type: 'string' }) title?: string;
  @Attribute({ type: 'string' }) genre?: string;
  @Attribute({ type: 'number' }) rating?: number;
  @Attribute({ type: 'number' }) views?: number;
  @Attribute({ type: 'boolean' }) available?: boolean;
  @Attribute({ type: 'string' }) description?: string;
  @Attribute({ type: 'date' }) createdAt?: Date;
  @Attribute({ type: 'date' }) updatedAt?: Date;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Attribute({ type: 'list' }) scores?: number[];
  @Attribute({ type: () => Credits }) credits?: Credits;
  @Attribute({ type: 'map' }) extra?: Record<string, unknown>;
  @Attribute({ type: 'string', name: 'lang' }) language?: string;
}

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP = 5;

function makeMovie(i: number): BenchMovie {
  const m = new BenchMovie();
  m.id = `movie-${i}`;
  m.year = 1950 + (i % 70);
  m.title = `The Movie Number ${i}`;
  m.genre = ['Drama', 'Comedy', 'Thriller', 'Documentary'][i % 4];
  m.rating = Math.round((i % 100) * 0.1 * 10) / 10;
  m.views = i * 37;
  m.available = i % 2 === 0;
  m.description = 'A film about things that happen to people, told in about one hundred characters of text here.';
  m.createdAt = new Date(1_600_000_000_000 + i * 1000);
  m.updatedAt = new Date(1_700_000_000_000 + i * 1000);
  m.tags = new Set(['classic', `tag${i % 10}`, `decade${m.year - (m.year % 10)}`]);
  m.scores = [i % 10, (i * 3) % 10, 7.5];
  const c = new Credits();
  c.director = `Director ${i % 50}`;
  c.releaseDate = new Date(Date.UTC(m.year, i % 12, 1 + (i % 28)));
  c.budget = 1_000_000 + i;
  c.countries = ['US', 'FR'];
  m.credits = c;
  m.extra = { source: 'import', batch: i % 7, flags: [true, false] };
  m.language = 'en';
  return m;
}

/** The same data as a plain object for the SDK: Dates as ISO strings (converted outside timing). */
function plainForSdk(m: BenchMovie): Record<string, unknown> {
  return {
    id: m.id, year: m.year, title: m.title, genre: m.genre, rating: m.rating, views: m.views, available: m.available,
    description: m.description, createdAt: m.createdAt!.toISOString(), updatedAt: m.updatedAt!.toISOString(), tags: m.tags,
    scores: m.scores,
    credits: {
      director: m.credits!.director, release_date: m.credits!.releaseDate!.toISOString(), budget: m.credits!.budget,
      countries: m.credits!.countries,
    },
    extra: m.extra, lang: m.language,
  };
}

/**
 * What code on the raw low-level client writes by hand for this model: the AttributeValue map
 * built field by field, and read back field by field into a plain object.
 */
function handItem(m: BenchMovie): Record<string, AttributeValue> {
  const c = m.credits!;
  return {
    id: { S: m.id }, year: { N: String(m.year) }, title: { S: m.title! }, genre: { S: m.genre! }, rating: { N: String(m.rating) },
    views: { N: String(m.views) }, available: { BOOL: m.available! }, description: { S: m.description! },
    createdAt: { S: m.createdAt!.toISOString() }, updatedAt: { S: m.updatedAt!.toISOString() }, tags: { SS: [...m.tags!] },
    scores: { L: m.scores!.map((n) => ({ N: String(n) })) },
    credits: { M: {
      director: { S: c.director! }, release_date: { S: c.releaseDate!.toISOString() }, budget: { N: String(c.budget) },
      countries: { L: c.countries!.map((x) => ({ S: x })) },
    } },
    extra: { M: {
      source: { S: m.extra!.source as string }, batch: { N: String(m.extra!.batch) },
      flags: { L: (m.extra!.flags as boolean[]).map((b) => ({ BOOL: b })) },
    } },
    lang: { S: m.language! },
  };
}

function handRead(item: Record<string, AttributeValue>): Record<string, unknown> {
  const c = item.credits.M!;
  const x = item.extra.M!;
  return {
    id: item.id.S, year: Number(item.year.N), title: item.title.S, genre: item.genre.S, rating: Number(item.rating.N),
    views: Number(item.views.N), available: item.available.BOOL, description: item.description.S,
    createdAt: new Date(item.createdAt.S!), updatedAt: new Date(item.updatedAt.S!), tags: new Set(item.tags.SS),
    scores: item.scores.L!.map((v) => Number(v.N)),
    credits: { director: c.director.S, releaseDate: new Date(c.release_date.S!), budget: Number(c.budget.N), countries: c.countries.L!.map((v) => v.S) },
    extra: { source: x.source.S, batch: Number(x.batch.N), flags: x.flags.L!.map((v) => v.BOOL) },
    language: item.lang.S,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

let sink = 0;

type Work = () => void | Promise<void>;

/**
 * Times several workloads in interleaved rounds (A B C, B C A, ...) so that load from other
 * processes and JIT drift hit all of them alike; reports the median rate of each.
 */
async function race(unit: string, entries: [label: string, work: Work][]): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) for (const [, work] of entries) await work();
  const rates: number[][] = entries.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let j = 0; j < entries.length; j++) {
      const k = (j + r) % entries.length;
      const start = process.hrtime.bigint();
      await entries[k][1]();
      rates[k].push(N / (Number(process.hrtime.bigint() - start) / 1e9));
    }
  }
  const medians = rates.map(median);
  entries.forEach(([label], k) => {
    console.log(`  ${label.padEnd(52)} ${Math.round(medians[k]).toLocaleString('en-US').padStart(10)} ${unit} (median of ${ROUNDS})`);
  });
  return medians;
}

async function codecBench(): Promise<void> {
  const movies = Array.from({ length: N }, (_, i) => makeMovie(i));
  const plains = movies.map(plainForSdk);
  const codec = codecFor(BenchMovie);

  // Sanity: both sides write the same item for the same data.
  const ours = codec.toItem(movies[1]);
  const theirs = marshall(plains[1], { removeUndefinedValues: true });
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error('the two sides do not write the same item');
  const back = codec.fromItem(ours);
  if (!(back instanceof BenchMovie) || !(back.credits instanceof Credits) || back.createdAt!.getTime() !== movies[1].createdAt!.getTime()) {
    throw new Error('dynamap did not round-trip the item');
  }

  console.log(`entity → item → entity, ${N} items per round, ${Object.keys(ours).length} attributes, node ${process.version}`);
  const items = movies.map((m) => codec.toItem(m));
  const [dynamap, sdk, enc, sdkEnc, dec, sdkDec] = await race('items/s', [
    ['dynamap  codecFor(M).toItem + fromItem', () => {
      for (let i = 0; i < N; i++) sink += codec.fromItem(codec.toItem(movies[i])).year;
    }],
    ['SDK      marshall + unmarshall', () => {
      for (let i = 0; i < N; i++) sink += unmarshall(marshall(plains[i], { removeUndefinedValues: true })).year as number;
    }],
    ['  dynamap toItem only', () => {
      for (let i = 0; i < N; i++) sink += codec.toItem(movies[i]) === undefined ? 0 : 1;
    }],
    ['  SDK     marshall only', () => {
      for (let i = 0; i < N; i++) sink += marshall(plains[i], { removeUndefinedValues: true }) === undefined ? 0 : 1;
    }],
    ['  dynamap fromItem only', () => {
      for (let i = 0; i < N; i++) sink += codec.fromItem(items[i]).year;
    }],
    ['  SDK     unmarshall only', () => {
      for (let i = 0; i < N; i++) sink += unmarshall(items[i]).year as number;
    }],
  ]);
  console.log(`  ratio dynamap / SDK: round trip ${(dynamap / sdk).toFixed(2)}×, ` +
    `encode ${(enc / sdkEnc).toFixed(2)}×, decode ${(dec / sdkDec).toFixed(2)}×`);
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

  console.log(`\nPutItem + GetItem through DynamoDBClient (local request handler: signing, serializing, parsing; no network)`);
  const plains = movies.map(plainForSdk);
  const [raw, withCodec, codecAlone, viaMapper, viaValidatingMapper, rawMarshalled, rawByHand] = await race('put+get/s', [
    ['raw client (prebuilt items and keys)', async () => {
      for (let i = 0; i < N; i++) {
        await client.send(new PutItemCommand({ TableName, Item: rawItems[i] }));
        const out = await client.send(new GetItemCommand({ TableName, Key: rawKeys[i] }));
        sink += out.Item ? 1 : 0;
      }
    }],
    ['client + dynamap codec (toItem, encodeKey, fromItem)', async () => {
      for (let i = 0; i < N; i++) {
        const m = movies[i];
        await client.send(new PutItemCommand({ TableName, Item: codec.toItem(m) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: encodeKey(schema, { id: m.id, year: m.year }) }));
        sink += codec.fromItem(out.Item!).year;
      }
    }],
    ['  the codec work alone (same three calls, no client)', () => {
      for (let i = 0; i < N; i++) {
        const m = movies[i];
        sink += codec.toItem(m) ? 1 : 0;
        sink += encodeKey(schema, { id: m.id, year: m.year }) ? 1 : 0;
        sink += codec.fromItem(rawItems[i]).year;
      }
    }],
    ['mapper.put + mapper.get (validate: false)', async () => {
      for (let i = 0; i < N; i++) {
        const m = movies[i];
        await mapper.put(m);
        sink += (await mapper.get(BenchMovie, { id: m.id, year: m.year }))!.year;
      }
    }],
    ['mapper.put + mapper.get (class-validator on)', async () => {
      for (let i = 0; i < N; i++) {
        const m = movies[i];
        await validating.put(m);
        sink += (await validating.get(BenchMovie, { id: m.id, year: m.year }))!.year;
      }
    }],
    ['raw client + SDK marshall/unmarshall (what raw-SDK code writes)', async () => {
      for (let i = 0; i < N; i++) {
        const p = plains[i];
        await client.send(new PutItemCommand({ TableName, Item: marshall(p, { removeUndefinedValues: true }) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: marshall({ id: p.id, year: p.year }) }));
        sink += (unmarshall(out.Item!).year as number);
      }
    }],
    ['raw client + hand-written item building and reading', async () => {
      for (let i = 0; i < N; i++) {
        const m = movies[i];
        await client.send(new PutItemCommand({ TableName, Item: handItem(m) }));
        const out = await client.send(new GetItemCommand({ TableName, Key: { id: { S: m.id }, year: { N: String(m.year) } } }));
        sink += handRead(out.Item!).year as number;
      }
    }],
  ]);
  console.log(`  mapper (validate: false) vs raw client with hand-written items: ${((rawByHand / viaMapper - 1) * 100).toFixed(1)}%; ` +
    `with class-validator: ${((rawByHand / viaValidatingMapper - 1) * 100).toFixed(1)}%`);
  console.log(`  mapper (validate: false) vs raw client with prebuilt items: ${((raw / viaMapper - 1) * 100).toFixed(1)}% more time per put+get pair; ` +
    `with class-validator: ${((raw / viaValidatingMapper - 1) * 100).toFixed(1)}%`);
  console.log(`  mapper (validate: false) vs raw client with marshall/unmarshall: ${((rawMarshalled / viaMapper - 1) * 100).toFixed(1)}%`);
  const rawMicros = 1e6 / raw;
  const codecMicros = 1e6 / codecAlone;
  console.log(`  measured: with codec vs raw ${((raw / withCodec - 1) * 100).toFixed(1)}% more time per put+get pair ` +
    `(${rawMicros.toFixed(0)} µs raw, ${(1e6 / withCodec).toFixed(0)} µs with codec)`);
  console.log(`  computed: the codec work is ${codecMicros.toFixed(1)} µs per pair = ${((codecMicros / rawMicros) * 100).toFixed(1)}% of a raw put+get`);
  client.destroy();
}

async function main(): Promise<void> {
  await codecBench();
  await clientBench();
  if (sink === 42) console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
