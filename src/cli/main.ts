#!/usr/bin/env node
/** The `dynamap` command: see run.ts (and `dynamap --help`). */
import { runCli } from './run';

runCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
