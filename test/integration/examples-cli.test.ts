/**
 * examples/cli.ts, run on the test engine. Its own test file: the command plans every model
 * registered in the process, and the other examples' models would be planned too.
 */
import { join } from 'node:path';
import { cliExample } from '../../examples/cli';
import { runCli } from '../../src/cli/run';
import { engineName, testClient, uniquePrefix } from '../support/engine';

it('examples/cli.ts: plan changes nothing, sync creates the Movies table, plan then finds it as declared', async () => {
  const client = testClient();
  const prefix = uniquePrefix();
  const lines: string[] = [];
  await cliExample(async (argv) => {
    const out: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => out.push(l), client });
    return { code, out: out.join('\n') };
  }, join(__dirname, '..', '..', 'examples', 'movies', 'models.ts'), ['--prefix', prefix], (line) => lines.push(line));
  expect(lines.map((l) => l.split(prefix).join('<prefix>'))).toEqual([
    '$ dynamap plan --models <movies/models.js> --prefix <prefix>   (exit 0)',
    '  create table <prefix>Movies: key year (N, HASH) + title (S, RANGE), billing PAY_PER_REQUEST',
    '    global index byGenre: key genre (S, HASH) + rating (N, RANGE), projection INCLUDE title, year',
    '  enable TTL on <prefix>Movies.expiresAt',
    '  plan: 1 table(s) to create, 0 to update, 0 as declared (nothing was changed)',
    '$ dynamap sync --models <movies/models.js> --prefix <prefix>   (exit 0)',
    '  created table <prefix>Movies: key year (N, HASH) + title (S, RANGE), billing PAY_PER_REQUEST',
    '    global index byGenre: key genre (S, HASH) + rating (N, RANGE), projection INCLUDE title, year',
    ...(engineName() === 'dynalite'
      // dynalite has no TTL: sync says so, and the next plan still has TTL to enable.
      ? [
        '  note: The engine does not implement UpdateTimeToLive, so TTL on "expiresAt" was not enabled (DynamoDB and DynamoDB Local do).',
        '  sync: 1 table(s) created, 0 updated, 0 as declared',
        '$ dynamap plan --models <movies/models.js> --prefix <prefix>   (exit 0)',
        '  enable TTL on <prefix>Movies.expiresAt',
        '  plan: 0 table(s) to create, 1 to update, 0 as declared (nothing was changed)',
      ]
      : [
        '  enable TTL on <prefix>Movies.expiresAt',
        '  sync: 1 table(s) created, 0 updated, 0 as declared',
        '$ dynamap plan --models <movies/models.js> --prefix <prefix>   (exit 0)',
        '  <prefix>Movies: as declared, nothing to do',
        '  plan: 0 table(s) to create, 0 to update, 1 as declared (nothing was changed)',
      ]),
  ]);
}, 60_000);
