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
