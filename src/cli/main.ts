#!/usr/bin/env node
/** The `dynamap` command: see run.ts (and `dynamap --help`). */
import { runCli } from './run';

/**
 * Ends the process once what was printed is written: a models file may have left something
 * running (a timer, a database pool of the app it imports), which would otherwise keep the
 * command, and the CI job running it, from ever ending.
 */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) })
  .then(exit)
  .catch((error: unknown) => {
    console.error(error);
    exit(1);
  });
