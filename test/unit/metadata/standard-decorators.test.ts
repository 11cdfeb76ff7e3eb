/**
 * TypeScript without `experimentalDecorators` (the default since TS 5) compiles decorators as
 * standard (TC39) decorators, called with (value, context). dynamap's decorators are legacy ones:
 * compiled that way, a model must fail with a ModelError that says which setting to add — not a
 * TypeError from deep inside the registry. This compiles real model source with esbuild both ways.
 */
import * as dynamap from 'dynamap';
import { runWithEsbuild } from '../../support/esbuild-module';

const compileAndRun = (source: string, experimentalDecorators: boolean) => runWithEsbuild(source, { experimentalDecorators }).exports;

const model = `
  import { Table, PartitionKey, Attribute } from 'dynamap';
  @Table({ name: 'Notes' })
  export class Note {
    @PartitionKey({ type: 'string' }) id!: string;
    @Attribute({ type: 'string' }) text?: string;
  }
`;

describe('decorators compiled as standard (TC39) decorators', () => {
  it('fail with a ModelError naming the decorator, the member and the setting to add', () => {
    let thrown: unknown;
    try {
      compileAndRun(model, false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(dynamap.ModelError);
    expect((thrown as Error).message).toContain('@PartitionKey on field "id" was called as a standard (TC39) decorator');
    expect((thrown as Error).message).toContain('set "experimentalDecorators": true');
    expect((thrown as dynamap.ModelError).problems[0]).toMatchObject({ code: 'model.standardDecorators', property: 'id' });
  });

  it('a class decorator alone says so too', () => {
    expect(() => compileAndRun(`
      import { Table } from 'dynamap';
      @Table({ name: 'Empty' }) export class Empty {}
    `, false)).toThrow('@Table on class "Empty" was called as a standard (TC39) decorator');
  });

  it('the same source compiled with experimentalDecorators works', () => {
    const { Note } = compileAndRun(model, true) as { Note: new () => object };
    expect(dynamap.toItem(Object.assign(new Note(), { id: 'n1', text: 'hi' }))).toEqual({ id: { S: 'n1' }, text: { S: 'hi' } });
  });
});
