/**
 * The plain-loop codec used where `new Function` is not allowed (a Content Security Policy):
 * same items, same instances, same errors as the generated one.
 */
import 'reflect-metadata';

const previous = process.env.DYNAMAP_NO_CODEGEN;
process.env.DYNAMAP_NO_CODEGEN = '1';
afterAll(() => {
  if (previous === undefined) delete process.env.DYNAMAP_NO_CODEGEN;
  else process.env.DYNAMAP_NO_CODEGEN = previous;
});

import { encodeKey, fromItem, toItem } from '../../../src/codec';
import { getModelSchema } from '../../../src/metadata';
import { ItemTooLargeError } from '../../../src/errors/classes';
import { caught, Movie, MovieInfo } from './fixtures';

describe('codec without code generation', () => {
  it('round-trips the DESIGN.md Movie', () => {
    const movie = Object.assign(new Movie(1985, 'After Hours'), {
      genre: 'Comedy',
      info: Object.assign(new MovieInfo(), { releaseDate: new Date(0), directors: ['M. S.'] }),
      tags: new Set(['a']),
    });
    const item = toItem(movie);
    expect(item).toEqual({
      year: { N: '1985' },
      title: { S: 'After Hours' },
      genre: { S: 'Comedy' },
      info: { M: { directors: { L: [{ S: 'M. S.' }] }, release_date: { S: '1970-01-01T00:00:00.000Z' } } },
      tags: { SS: ['a'] },
    });
    const back = fromItem(Movie, item);
    expect(back).toBeInstanceOf(Movie);
    expect(back.info).toBeInstanceOf(MovieInfo);
    expect(back).toEqual(movie);
  });

  it('reports the same errors', () => {
    expect(caught(() => toItem(Object.assign(new Movie(1, 't'), { info: { rating: NaN } }))).message).toBe(
      'Movie.info.rating: NaN is not a number DynamoDB can store (NaN and Infinity are refused): give a finite number, or leave the property undefined (it is then not stored)',
    );
    expect(caught(() => toItem(Object.assign(new Movie(1, 't'), { title: '' }))).code).toBe('key.empty');
    expect(caught(() => toItem(Object.assign(new Movie(1, 't'), { title: undefined }))).code).toBe('key.missing');
    expect(caught(() => toItem(Object.assign(new Movie(1, 't'), { genre: 'x'.repeat(2049) }))).code).toBe('key.tooLong');
    expect(caught(() => toItem(Object.assign(new Movie(1, 't'), { tags: new Set(['x'.repeat(410_000)]) })))).toBeInstanceOf(ItemTooLargeError);
  });

  it('encodes keys, and refuses bad ones with every problem', () => {
    expect(encodeKey(getModelSchema(Movie), { year: 1985, title: 'After Hours' })).toEqual({ year: { N: '1985' }, title: { S: 'After Hours' } });
    const error = caught(() => encodeKey(getModelSchema(Movie), { year: '1985', genre: 'x' }));
    expect(error.issues?.map((i) => i.code)).toEqual(['key.type', 'key.missing', 'key.extra']);
  });
});
