/**
 * Guards the test toolchain itself: ts-jest runs in transpile-only mode (isolatedModules), which
 * must still emit decorator metadata, and `import ... from 'dynamap'` must resolve to src/.
 */
import 'reflect-metadata';
import { join } from 'node:path';

class Inner {}

function mark(): PropertyDecorator {
  return () => undefined;
}

class Sample {
  @mark() name!: string;
  @mark() count!: number;
  @mark() when!: Date;
  @mark() inner!: Inner;
  @mark() tags!: Set<string>;
}

describe('test toolchain', () => {
  it('emits design:type metadata for decorated properties', () => {
    const type = (key: string) => Reflect.getMetadata('design:type', Sample.prototype, key);
    expect(type('name')).toBe(String);
    expect(type('count')).toBe(Number);
    expect(type('when')).toBe(Date);
    expect(type('inner')).toBe(Inner);
    expect(type('tags')).toBe(Set);
  });

  it("resolves the 'dynamap' package name to the sources", () => {
    // Resolution only: whether src/index.ts loads is every other test's business.
    expect(require.resolve('dynamap')).toBe(join(__dirname, '..', '..', 'src', 'index.ts'));
  });
});
