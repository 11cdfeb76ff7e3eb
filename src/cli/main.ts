#!/usr/bin/env node
/**
 * The `dynamap` command. Its name is reserved in package.json; the commands (sync, plan, load)
 * come in a later release. Today it answers --version and --help, so the installed bin works.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function version(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

const HELP = `dynamap ${version()}: the command line of the dynamap DynamoDB mapper.

No commands yet: sync, plan and load are planned. Use the library API meanwhile:
  new Mapper({ client }).sync()        create tables and indexes from your models
  mapper.sync(undefined, { dryRun: true })   see the plan without changing anything

Options:
  --version   print the version
  --help      print this text`;

const arg = process.argv[2];
if (arg === '--version' || arg === '-v') {
  console.log(version());
} else if (arg === undefined || arg === '--help' || arg === '-h') {
  console.log(HELP);
} else {
  console.error(`dynamap: unknown command "${arg}". The CLI has no commands yet; see dynamap --help.`);
  process.exitCode = 2;
}
