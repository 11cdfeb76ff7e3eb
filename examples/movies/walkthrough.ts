/**
 * The Movies walkthrough: AWS's sample data (4,609 movies) on a DynamoDB of your choice.
 * Read it top to bottom; `npm run demo` runs it on an embedded DynamoDB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ConditionError, Mapper, contains, describeSyncResult, gte, increment, lt, add,
} from 'dynamap';
import { Movie, movieFromRecord, type MovieRecord } from './models';

type Step = <T>(label: string, run: () => Promise<T>, describe?: (result: T) => string) => Promise<T>;

/** Runs a step and prints one line with its result and how long it took. */
const step: Step = async (label, run, describe) => {
  const started = process.hrtime.bigint();
  const result = await run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(44)} ${(describe ? describe(result) : '').padEnd(52)} ${ms.toFixed(0).padStart(6)} ms`);
  return result;
};

/** moviedata.json sits next to this file in the repository (compiled runs look there too). */
function movieDataFile(): string {
  const candidates = [join(__dirname, 'moviedata.json'), join(process.cwd(), 'examples', 'movies', 'moviedata.json')];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`moviedata.json not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function walkthrough(client: DynamoDBClient, dataFile = movieDataFile()): Promise<void> {
  const mapper = new Mapper({ client, tablePrefix: 'demo-' });

  // 1. Create the table from the model: keys, the byGenre index, on-demand billing, TTL.
  const sync = await step('sync: create tables from the models', () => mapper.sync([Movie]),
    (r) => `created ${r.created.join(', ') || 'nothing'}`);
  for (const line of describeSyncResult(sync)) console.log(`  ${line}`);

  // 2. Load AWS's sample data with a batch (chunks of 25, sent concurrently, retried until done).
  const records = JSON.parse(readFileSync(dataFile, 'utf8')) as MovieRecord[];
  const movies = records.map(movieFromRecord);
  await step('batchPut: load moviedata.json', () => mapper.batchPut(movies), () => `${movies.length} movies written`);

  // 3. Query one partition: every movie of 1994 (`year` is a reserved word; no escaping needed).
  //    Movie declares its key ([KEY]), so the projected entities are typed with year, title and the
  //    methods only: reading `m.rating` here would not compile (it was not read).
  const titles1994 = await step('query: the titles of 1994', () => mapper.query(Movie, { year: 1994 }).project('title').all(),
    (r) => `${r.length} movies, e.g. ${r.slice(0, 2).map((m) => m.title).join('; ')}`);
  void titles1994;

  // 4. One movie in full: a real Movie instance with a MovieInfo inside.
  const heat = await step('get: one movie in full', () => mapper.get(Movie, { year: 1995, title: 'Heat' }),
    (m) => m ? m.describe() : 'not found');
  if (heat) {
    console.log(`  directors ${heat.info?.directors?.join(', ')}; released ${heat.info?.releaseDate?.toISOString().slice(0, 10)}; ` +
      `actors ${heat.info?.actors?.slice(0, 3).join(', ')}`);
    console.log(`  plot: ${heat.info?.plot}`);
  }

  // 5. Change items: an update with operators, a save of only what changed, a stale write refused.
  await step('update: tag and re-rate a movie', () => mapper.update(Movie, { year: 1995, title: 'Heat' },
    { 'info.rating': 8.3, tags: add(new Set(['heist', 'los-angeles'])), rating: increment(0.1) }),
  (m) => `rating ${m?.rating?.toFixed(1)}, tags ${[...(m?.tags ?? [])].join(', ')}, version ${m?.version}`);
  const reader1 = (await mapper.get(Movie, { year: 1995, title: 'Heat' }))!;
  const reader2 = (await mapper.get(Movie, { year: 1995, title: 'Heat' }))!;
  reader1.genre = 'Thriller';
  await step('save: write only what changed', () => mapper.save(reader1), (m) => `genre ${m.genre}, version ${m.version}`);
  reader2.genre = 'Drama';
  await step('save: a stale copy is refused', () => mapper.save(reader2).then(() => 'saved?!', (e: unknown) =>
    e instanceof ConditionError ? 'ConditionError (version moved on)' : `unexpected ${String(e)}`), (r) => r);

  // 6. The index: best-rated dramas.
  await step('query byGenre: dramas rated 8.5 or more', () => mapper.query(Movie, { genre: 'Drama', rating: gte(8.5) }, { index: 'byGenre' })
    .reverse().limit(3).all(), (r) => r.map((m) => `${m.title} ${m.rating}`).join('; '));

  // 7. Count with a filter (Select COUNT, across pages).
  await step('scan count: movies before 2000', () => mapper.scan(Movie).filter({ year: lt(2000) }).count(), (n) => `${n} movies`);

  // 8. A filter on a nested list, projecting two fields.
  await step('scan: movies with Tom Hanks (year, title)', () => mapper.scan(Movie)
    .filter({ 'info.actors': contains('Tom Hanks') }).project('year', 'title').all(),
  (r) => `${r.length} movies, e.g. ${r.slice(0, 2).map((m) => `${m.title} (${m.year})`).join('; ')}`);

  // 9. Paging with cursors: the 1994 movies 30 at a time; a cursor is an opaque URL-safe string.
  await step('page: 1994 movies, 30 per page', async () => {
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await mapper.query(Movie, { year: 1994 }).pageSize(30).page(cursor);
      sizes.push(page.items.length);
      cursor = page.cursor;
    } while (cursor);
    return sizes;
  }, (sizes) => `pages of ${sizes.join(' + ')} items`);

  // 10. Delete every movie before 2000: a parallel scan for the keys, then a batch delete.
  const old = await step('scan (4 segments): keys of movies before 2000', () => mapper.scan(Movie).segments(4)
    .filter({ year: lt(2000) }).project('year', 'title').all(), (r) => `${r.length} keys`);
  await step('batchDelete: movies before 2000', () => mapper.batchDelete(Movie, old.map((m) => ({ year: m.year, title: m.title }))),
    () => `${old.length} deleted`);
  await step('scan count: movies left', () => mapper.scan(Movie).count(), (n) => `${n} movies`);
}
