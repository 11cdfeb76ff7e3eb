/**
 * The `dynamap` command, as a function (main.ts calls it; tests call it with their own client and
 * output). Built on the public API only: load the model files, then mapper.sync(), planned or applied.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamapError, Mapper, describeSyncResult, type SyncResult } from '../index';
import { parseCommand, USAGE, UsageError, type SyncCommand } from './args';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** The client to use instead of one built from --endpoint/--region and the AWS environment. */
  readonly client?: DynamoDBClient;
  readonly cwd?: string;
}

/** dynamap's version, from the package.json above this file (src/cli in the repository, dist/cjs/cli installed). */
export function version(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (pkg.name === 'dynamap') return pkg.version;
  }
  return 'unknown';
}

/** A failure the command explains itself (printed as its message, exit code 1). */
class CommandFailure extends Error {}

/** Runs one command line; resolves to the exit code (0 done, 1 failed, 2 bad command line). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`dynamap: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'version') {
    io.out(version());
    return 0;
  }
  if (command.command === 'help') {
    io.out(`dynamap ${version()}: the command line of the dynamap DynamoDB mapper.\n\n${USAGE}`);
    return 0;
  }
  const badPrefix = prefixProblem(command.prefix);
  if (badPrefix) {
    io.err(`dynamap: --prefix: ${badPrefix}\n\n${USAGE}`);
    return 2;
  }
  try {
    await syncCommand(command, io);
    return 0;
  } catch (error) {
    const text = error instanceof DynamapError || error instanceof CommandFailure ? error.message : `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`;
    io.err(`dynamap ${command.command} failed: ${text}${credentialsHint(error)}`);
    return 1;
  }
}

/** No AWS credentials found: say where they come from (and that DynamoDB Local takes any). */
function credentialsHint(error: unknown): string {
  const names = [(error as Error)?.name, ((error as { cause?: Error })?.cause)?.name];
  return names.includes('CredentialsProviderError')
    ? ' (no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for DynamoDB Local any values do, with --endpoint)'
    : '';
}

function loadModels(files: readonly string[], cwd: string): void {
  for (const file of files) {
    const path = resolve(cwd, file);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path);
    } catch (error) {
      if (error instanceof DynamapError) throw error; // a model the file defines is wrong: its own message says what to fix
      const err = error as { code?: string; message?: string; name?: string };
      if (err?.code === 'MODULE_NOT_FOUND' && (err.message ?? '').includes(`'${path}'`)) {
        if (isDirectory(path)) {
          throw new CommandFailure(`${path} is a directory without an index.js (or a package.json "main"): give the file that declares (or imports) your models`);
        }
        throw new CommandFailure(`there is no models file ${path} (--models paths are relative to the current directory, ${cwd})`);
      }
      // Node appends "Require stack: ..." and "From <file>" (dynamap's own files): not the user's concern.
      const message = (err?.message ?? String(error)).split('\nRequire stack:')[0]!.split('\n').filter((line) => !/^\s*From /.test(line)).join('\n');
      // A syntax error's message has no location; its stack starts with it ("/app/models.js:12").
      const where = err?.name === 'SyntaxError' ? /^(.+:\d+)\n/.exec((error as Error).stack ?? '')?.[1] : undefined;
      const needsLoader = path.endsWith('.ts') && (err?.name === 'SyntaxError' || err?.code === 'ERR_UNKNOWN_FILE_EXTENSION');
      throw new CommandFailure(`could not load the models file ${path}: ${message}${where && !needsLoader ? ` (at ${where})` : ''}` +
        (needsLoader ? ' (a TypeScript file needs a loader: run dynamap under tsx, or give the compiled .js)' : ''));
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function clientFor(command: SyncCommand): DynamoDBClient {
  const region = command.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? (command.endpoint ? 'us-east-1' : undefined);
  return new DynamoDBClient({
    ...(command.endpoint ? { endpoint: command.endpoint } : {}),
    ...(region ? { region } : {}),
  });
}

function summary(command: SyncCommand, result: SyncResult): string {
  const { created, updated, unchanged } = result;
  return command.command === 'plan'
    ? `plan: ${created.length} table(s) to create, ${updated.length} to update, ${unchanged.length} as declared (nothing was changed)`
    : `sync: ${created.length} table(s) created, ${updated.length} updated, ${unchanged.length} as declared`;
}

/** The Mapper's own check of a table prefix (the public API's rule), before any model is loaded. */
function prefixProblem(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  try {
    new Mapper({ client: { send: () => Promise.reject(new Error('not used')) } as unknown as DynamoDBClient, tablePrefix: prefix });
    return undefined;
  } catch (error) {
    if (error instanceof DynamapError) return error.message.replace(/^new Mapper\(\): option tablePrefix/, 'the table prefix');
    throw error;
  }
}

async function syncCommand(command: SyncCommand, io: CliIo): Promise<void> {
  loadModels(command.models, io.cwd ?? process.cwd());
  const client = io.client ?? clientFor(command);
  try {
    const mapper = new Mapper({ client, ...(command.prefix !== undefined ? { tablePrefix: command.prefix } : {}) });
    const result = await mapper.sync(undefined, {
      dryRun: command.command === 'plan',
      ...(command.timeoutMs !== undefined ? { timeoutMs: command.timeoutMs } : {}),
    });
    if (result.plan.length === 0) {
      throw new CommandFailure(`no @Table model was registered by ${command.models.join(', ')}: give the file(s) that declare (or import) your models`);
    }
    if (command.json) {
      io.out(JSON.stringify(result, null, 2));
      return;
    }
    for (const line of describeSyncResult(result, { planned: command.command === 'plan' })) io.out(line);
    io.out(summary(command, result));
  } finally {
    if (!io.client) client.destroy();
  }
}
