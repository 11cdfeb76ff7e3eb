/**
 * The `dynamap` command (plan, sync) run as a function with the test engine's client: what it
 * prints, what it changes, and its exit codes.
 */
import 'reflect-metadata';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { testClient, uniquePrefix } from '../support/engine';

const client = testClient();
const prefix = uniquePrefix();
const models = join(__dirname, '..', 'support', 'cli', 'models.ts');

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), client });
  return { code, out, err: err.join('\n') };
}

async function exists(table: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return true;
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return false;
    throw e;
  }
}

describe('dynamap plan / sync', () => {
  it('plan lists what sync would create and changes nothing; sync creates it; plan then finds nothing to do', async () => {
    const plan = await cli('plan', '--models', models, '--prefix', prefix);
    expect(plan.err).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.out).toContain(`create table ${prefix}CliWidgets: key id (S, HASH), billing PAY_PER_REQUEST`);
    expect(plan.out).toContain('  global index byColor: key color (S, HASH) + id (S, RANGE), projection ALL');
    expect(plan.out).toContain(`create table ${prefix}CliParts: key widget (S, HASH) + n (N, RANGE), billing PAY_PER_REQUEST`);
    expect(plan.out.at(-1)).toBe('plan: 2 table(s) to create, 0 to update, 0 as declared (nothing was changed)');
    expect(await exists(`${prefix}CliWidgets`)).toBe(false);

    const sync = await cli('sync', '--models', models, '--prefix', prefix, '--timeout', '30000');
    expect(sync.code).toBe(0);
    expect(sync.out).toContain(`created table ${prefix}CliWidgets: key id (S, HASH), billing PAY_PER_REQUEST`);
    expect(sync.out.at(-1)).toBe('sync: 2 table(s) created, 0 updated, 0 as declared');
    expect(await exists(`${prefix}CliWidgets`)).toBe(true);
    expect(await exists(`${prefix}CliParts`)).toBe(true);

    const again = await cli('plan', '--models', models, '--prefix', prefix, '--json');
    expect(again.code).toBe(0);
    const result = JSON.parse(again.out.join('\n')) as { created: string[]; unchanged: string[] };
    expect(result.created).toEqual([]);
    expect(result.unchanged.sort()).toEqual([`${prefix}CliParts`, `${prefix}CliWidgets`]);
  }, 60_000);

  it('bad command lines exit with 2 and say what is wrong, before anything is loaded or sent', async () => {
    const cases: [string[], RegExp][] = [
      [['plan'], /plan needs --models <file>/],
      [[], /no command: use plan or sync/],
      [['plan', '--models', models, '--prefix', 'bad prefix!'], /--prefix: the table prefix is "bad prefix!"; expected a string of \[a-zA-Z0-9_.-\]/],
      [['drop', '--models', models], /unknown command "drop": use plan or sync/],
      [['sync', '--models', models, '--timeout', 'soon'], /--timeout must be a whole number of milliseconds, got "soon"/],
      [['plan', '--models', models, '--endpoint', 'localhost:8000'], /--endpoint must be an http\(s\) URL/],
      [['plan', '--models', models, '--colour'], /unknown option --colour\n/],
      [['plan', '--model', models], /unknown option --model \(did you mean --models\?\)/],
      [['sync', '--models', models, '--endpont', 'http://localhost:1'], /unknown option --endpont \(did you mean --endpoint\?\)/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
      expect(run.err).toContain('Usage:');
    }
  });

  it('a models file that cannot be loaded exits with 1 naming the file', async () => {
    const missing = await cli('plan', '--models', join(__dirname, 'no-such-models.js'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^dynamap plan failed: there is no models file .*no-such-models\.js/);
    const broken = await cli('plan', '--models', join(__dirname, '..', 'support', 'cli', 'broken.ts'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/broken\.ts: this models file is broken on purpose/);
  });

  it('--version and --help', async () => {
    const { version } = require('../../package.json') as { version: string };
    expect((await cli('--version')).out).toEqual([version]);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/dynamap plan --models <file>[\s\S]*dynamap sync --models <file>/);
  });
});
