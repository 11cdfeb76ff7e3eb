/**
 * The `dynamap` command (plan, sync) run as a function with the test engine's client: what it
 * prints, what it changes, and its exit codes.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
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
      // node's own parser words, said in ours (a value that looks like an option, a missing value).
      [['sync', '--models', models, '--prefix', '--json'], /--prefix needs a value, and the argument after it starts with "-" \(for a value that does, write --prefix=<value>\)/],
      [['plan', '--models'], /--models needs a value\n/],
      [['help'], /unknown command "help": use plan or sync \(or --help\)/],
      [['plan', '--models', ''], /--models needs a file name, got an empty one/],
      [['plan', '--models', models, '--timeout', '5000'], /--timeout is for sync \(plan waits for nothing\)/],
      [['sync', '--models', models, '--timeout', '1e3'], /--timeout must be a whole number of milliseconds, got "1e3"/],
      [['sync', '--models', models, '--timeout', '0x10'], /--timeout must be a whole number of milliseconds, got "0x10"/],
      [['plan', '--models', models, '--region', ''], /--region needs a region name/],
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
    const directory = await cli('plan', '--models', join(__dirname, '..', 'support', 'cli'));
    expect(directory.code).toBe(1);
    expect(directory.err).toMatch(/^dynamap plan failed: .*support\/cli is a directory without an index\.js \(or a package\.json "main"\): give the file/);
  });

  // The command in a node of its own, as users run it (jest's require reports syntax errors its own way).
  function command(...argv: string[]): Promise<{ code: number | string | null; err: string }> {
    return new Promise((done) => {
      execFile(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), ...argv],
        { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }, timeout: 20_000 },
        (error, _stdout, stderr) => done({ code: error ? (error as { code?: number | string }).code ?? null : 0, err: stderr }));
    });
  }

  it('a models file with a syntax error: the message says where', async () => {
    const file = join(__dirname, '..', 'support', 'cli', 'syntax-error.js');
    const run = await command('plan', '--models', file);
    expect(run.code).toBe(1);
    expect(run.err.trim()).toBe(`dynamap plan failed: could not load the models file ${file}: Unexpected token ';' (at ${file}:3)`);
  }, 30_000);

  it('ends when it is done, even when a models file left a timer running (regression: it never exited, a CI job hung)', async () => {
    const run = await command('plan', '--models', join(__dirname, '..', 'support', 'cli', 'keeps-running.js'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/no @Table model was registered by/);
  });

  it('--version and --help', async () => {
    const { version } = require('../../package.json') as { version: string };
    expect((await cli('--version')).out).toEqual([version]);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/dynamap plan --models <file>[\s\S]*dynamap sync --models <file>/);
  });
});
