/**
 * The codec bench's model (15 attributes: a nested class, lists, a set, dates, a map, renamed
 * attributes) and the same data in the forms the baselines use. The model is built with the
 * decorators of the built package (see ../support/built.ts) and gives every attribute type
 * explicitly: tsx emits no design:type metadata.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { dynamap } from '../support/built';

const { Attribute, PartitionKey, SortKey, Table } = dynamap;

export class Credits {
  @Attribute({ type: 'string' }) director?: string;
  @Attribute({ type: 'date', name: 'release_date' }) releaseDate?: Date;
  @Attribute({ type: 'number' }) budget?: number;
  @Attribute({ type: 'list' }) countries?: string[];
}

@Table({ name: 'BenchMovies' })
export class BenchMovie {
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

export function makeMovie(i: number): BenchMovie {
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
export function plainForSdk(m: BenchMovie): Record<string, unknown> {
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
export function handItem(m: BenchMovie): Record<string, AttributeValue> {
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

export function handRead(item: Record<string, AttributeValue>): Record<string, unknown> {
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

