/**
 * Tools such as esbuild, tsx, vitest and swc run decorators but emit no `design:type`. Models must
 * work there when every attribute has an explicit `type`, and say exactly what to add when not.
 * This compiles real model source with esbuild and runs it against dynamap.
 */
import * as dynamap from 'dynamap';
import { runWithEsbuild } from '../../support/esbuild-module';

function compileWithEsbuild(source: string): Record<string, unknown> {
  const { code, exports } = runWithEsbuild(source, { experimentalDecorators: true, emitDecoratorMetadata: true });
  expect(code).not.toContain('design:type'); // what makes this test meaningful
  return exports;
}

describe('models compiled without design:type (esbuild)', () => {
  it('work when every attribute gives its type', () => {
    const { Movie } = compileWithEsbuild(`
      import { Table, PartitionKey, SortKey, Attribute, Version, CreatedAt } from 'dynamap';
      class Info { @Attribute({ type: 'number' }) rating?: number; }
      @Table({ name: 'Movies' })
      export class Movie {
        @PartitionKey({ type: 'number' }) year!: number;
        @SortKey({ type: 'string' }) title!: string;
        @Attribute({ type: () => Info }) info?: Info;
        @Attribute({ type: 'stringSet' }) tags?: Set<string>;
        @Version() version?: number;
        @CreatedAt() createdAt?: Date;
      }
    `) as { Movie: new () => object };
    const schema = dynamap.getModelSchema(Movie);
    expect(schema.attributes.map((a) => `${a.property}:${a.kind}`)).toEqual([
      'year:number', 'title:string', 'info:document', 'tags:stringSet', 'version:number', 'createdAt:date',
    ]);
    const entity = Object.assign(new Movie(), { year: 1985, title: 'After Hours', tags: new Set(['x']) });
    expect(dynamap.toItem(entity)).toEqual({ year: { N: '1985' }, title: { S: 'After Hours' }, tags: { SS: ['x'] } });
  });

  it('say which property needs a type, and how to fix it', () => {
    const { Movie } = compileWithEsbuild(`
      import { Table, PartitionKey, SortKey } from 'dynamap';
      @Table() export class Movie {
        @PartitionKey({ type: 'number' }) year!: number;
        @SortKey() title!: string;
      }
    `) as { Movie: dynamap.Constructor };
    expect(() => dynamap.getModelSchema(Movie)).toThrow(dynamap.ModelError);
    expect(() => dynamap.getModelSchema(Movie)).toThrow(
      /Movie\.title: the type of @SortKey cannot be known\. Give it explicitly: @SortKey\(\{ type: \.\.\. \}\) with the kind it holds \('string', 'number', .*\), or enable "emitDecoratorMetadata"/,
    );
  });

  it('an unknown partition key type is reported once, not also as "no partition key"', () => {
    const { Movie } = compileWithEsbuild(`
      import { Table, PartitionKey } from 'dynamap';
      @Table() export class Movie { @PartitionKey() year!: number; }
    `) as { Movie: dynamap.Constructor };
    const error = (() => { try { dynamap.getModelSchema(Movie); } catch (e) { return e as dynamap.ModelError; } return undefined; })();
    expect(error?.problems.map((p) => p.code)).toEqual(['model.unknownType']);
  });

  it('@TimeToLive asks for its type (a Date and a number cannot be told apart), and keeps a number a number', () => {
    const { Guess, Seconds, Dated } = compileWithEsbuild(`
      import { Table, PartitionKey, TimeToLive } from 'dynamap';
      @Table() export class Guess { @PartitionKey({ type: 'string' }) id!: string; @TimeToLive() expires?: number; }
      @Table() export class Seconds { @PartitionKey({ type: 'string' }) id!: string; @TimeToLive({ type: 'number' }) expires?: number; }
      @Table() export class Dated { @PartitionKey({ type: 'string' }) id!: string; @TimeToLive({ type: 'epochSeconds' }) expires?: Date; }
    `) as Record<string, dynamap.Constructor>;
    expect(() => dynamap.getModelSchema(Guess)).toThrow(
      "Guess.expires: @TimeToLive cannot tell a Date from a number of epoch seconds without decorator metadata (esbuild, tsx, vitest and swc emit none; " +
        "TypeScript emits a union such as Date | null as Object): write @TimeToLive({ type: 'epochSeconds' }) for a Date, or @TimeToLive({ type: 'number' }) for a number.",
    );
    const seconds = dynamap.fromItem(Seconds, { id: { S: 'a' }, expires: { N: '1893456000' } }) as { expires?: unknown };
    expect(seconds.expires).toBe(1893456000);
    const dated = dynamap.fromItem(Dated, { id: { S: 'a' }, expires: { N: '1893456000' } }) as { expires?: unknown };
    expect(dated.expires).toEqual(new Date('2030-01-01T00:00:00Z'));
  });

  it("class-transformer's @Type without metadata: says to write type: () => X or () => [X] (one or a list cannot be told)", () => {
    const { Film } = compileWithEsbuild(`
      import { Table, PartitionKey, Attribute } from 'dynamap';
      import { Type } from 'class-transformer';
      export class Actor { @Attribute({ type: 'string' }) name?: string; }
      @Table() export class Film {
        @PartitionKey({ type: 'string' }) id!: string;
        @Attribute() @Type(() => Actor) cast?: Actor[];
      }
    `) as Record<string, dynamap.Constructor>;
    expect(() => dynamap.getModelSchema(Film)).toThrow(
      "Film.cast: class-transformer's @Type(() => Actor) names the class, but without decorator metadata (esbuild, tsx, vitest and swc emit none) " +
        'dynamap cannot tell one Actor from a list of them: write @Attribute({ type: () => Actor }) or @Attribute({ type: () => [Actor] }).',
    );
  });
});
