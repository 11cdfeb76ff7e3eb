/** The `dynamap` command line, parsed and checked (node's own parseArgs: no dependency). */
import { parseArgs } from 'node:util';

export interface SyncCommand {
  readonly command: 'plan' | 'sync';
  /** Files that declare the @Table models (compiled JavaScript, or anything the runtime can require). */
  readonly models: readonly string[];
  readonly prefix?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly json: boolean;
  readonly timeoutMs?: number;
}

export type Command = SyncCommand | { readonly command: 'help' } | { readonly command: 'version' };

/** A command line that cannot be run: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage:
  dynamap plan --models <file> [--models <file>...] [options]   what sync would change, nothing sent but DescribeTable and DescribeTimeToLive
  dynamap sync --models <file> [--models <file>...] [options]   create missing tables and indexes, enable TTL
  dynamap --version | --help

The model files are loaded with require (Node 20.19+ loads ES modules that way too) so that
their @Table classes register; every registered model is then planned or synced. Give compiled
JavaScript (or run dynamap under a loader such as tsx for TypeScript).

Options:
  --models <file>     a file declaring models (repeatable)
  --prefix <prefix>   table name prefix (the Mapper's tablePrefix), e.g. dev-
  --endpoint <url>    DynamoDB endpoint, e.g. http://localhost:8000 (default: from the AWS environment)
  --region <region>   AWS region (default: from the AWS environment)
  --timeout <ms>      sync: how long each wait for a table or index to become ACTIVE may take
  --json              print the result as JSON instead of lines`;


const OPTIONS = {
  models: { type: 'string', multiple: true },
  prefix: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const OPTION_NAMES = Object.keys(OPTIONS);

/** The known option closest to a mistyped one (`model`, `modles`, `--endpont`), if one is close. */
function nearestOption(given: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3; // at most two edits away
  for (const name of OPTION_NAMES) {
    const d = editDistance(given, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance, for short option names. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (unknown !== undefined) {
      const near = nearestOption(unknown.replace(/^-+/, ''));
      throw new UsageError(`unknown option ${unknown}${near ? ` (did you mean --${near}?)` : ''}`);
    }
    // node's own words name its syntax ("argument is ambiguous", "'--models <value>' argument missing"): say it in ours.
    const option = /^Option '(?:-\w, )?(--[\w-]+)/.exec(message)?.[1];
    if (option !== undefined) {
      throw new UsageError(/ambiguous/.test(message)
        ? `${option} needs a value, and the argument after it starts with "-" (for a value that does, write ${option}=<value>)`
        : `${option} needs a value`);
    }
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.version) return { command: 'version' };
  if (values.help) return { command: 'help' };
  if (positionals.length === 0) throw new UsageError('no command: use plan or sync');
  const [command, ...extra] = positionals;
  if (command !== 'plan' && command !== 'sync') {
    throw new UsageError(`unknown command "${command}": use plan or sync${command === 'help' || command === 'version' ? ` (or --${command})` : ''}`);
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values.models?.length) throw new UsageError(`${command} needs --models <file>: the file(s) that declare your @Table classes`);
  if (values.models.some((file) => file.trim() === '')) throw new UsageError('--models needs a file name, got an empty one');
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    if (command === 'plan') throw new UsageError('--timeout is for sync (plan waits for nothing)');
    timeoutMs = /^[1-9]\d*$/.test(values.timeout) ? Number(values.timeout) : NaN;
    if (!Number.isSafeInteger(timeoutMs)) throw new UsageError(`--timeout must be a whole number of milliseconds, got "${values.timeout}"`);
  }
  if (values.region !== undefined && values.region.trim() === '') throw new UsageError('--region needs a region name (e.g. us-east-1), got an empty one');
  if (values.endpoint !== undefined && !/^https?:\/\/\S+$/.test(values.endpoint)) {
    throw new UsageError(`--endpoint must be an http(s) URL, got "${values.endpoint}"`);
  }
  return {
    command,
    models: values.models,
    json: values.json ?? false,
    ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
    ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}
