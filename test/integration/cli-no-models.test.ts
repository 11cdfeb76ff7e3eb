/** `dynamap plan` with files that register no @Table model says so (its own file: the registry is per test file). */
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { testClient } from '../support/engine';

it('a models file that registers no @Table class exits with 1 and says what to give', async () => {
  const err: string[] = [];
  const code = await runCli(['plan', '--models', join(__dirname, '..', 'support', 'cli', 'no-models.ts')], {
    out: () => undefined, err: (l) => err.push(l), client: testClient(),
  });
  expect(code).toBe(1);
  expect(err.join('\n')).toMatch(
    /^dynamap plan failed: no @Table model was registered by .*no-models\.ts: give the file\(s\) that declare \(or import\) your models$/);
});

describe('messages of the CLI about its own arguments', () => {
  const run = async (...args: string[]) => {
    const err: string[] = [];
    const code = await runCli(args, { out: () => undefined, err: (l) => err.push(l), client: testClient() });
    return { code, err: err.join('\n') };
  };

  it('a models file that does not exist is named, without Node\'s require stack', async () => {
    const { code, err } = await run('plan', '--models', 'nope-not-here.js');
    expect(code).toBe(1);
    expect(err).toMatch(/^dynamap plan failed: there is no models file .*nope-not-here\.js \(--models paths are relative to the current directory/);
    expect(err).not.toContain('Require stack');
  });

  it('a models file that throws on load: its error, without the require stack', async () => {
    const { code, err } = await run('plan', '--models', join(__dirname, '..', 'support', 'cli', 'throws-on-load.js'));
    expect(code).toBe(1);
    expect(err).toMatch(/could not load the models file .*throws-on-load\.js: the models file threw on purpose$/);
  });

  it('a bad --prefix is reported as --prefix, not as an option of new Mapper()', async () => {
    const { code, err } = await run('plan', '--models', join(__dirname, '..', 'support', 'cli', 'no-models.ts'), '--prefix', 'a b');
    expect(code).not.toBe(0);
    expect(err).toContain('--prefix: the table prefix is "a b"');
    expect(err).not.toContain('new Mapper()');
  });
});
