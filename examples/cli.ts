/**
 * The `dynamap` command on the Movies models: `plan` shows what would change and changes nothing,
 * `sync` creates it, `plan` again finds everything as declared (on dynalite, which has no TTL, it
 * still lists enabling TTL).
 * `npm run example:cli` runs the real command (dist/cjs/cli/main.js, what `npx dynamap` runs) as a
 * child process against an embedded DynamoDB, with the compiled models file.
 */
// The SDK warns that its 2027 releases will need Node 22; on Node 20 that is noise for an example.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';

/** Runs `dynamap <argv>`; resolves to its exit code and what it printed. */
export type DynamapCommand = (argv: string[]) => Promise<{ code: number; out: string }>;

export async function cliExample(dynamap: DynamapCommand, models: string, target: string[], log: (line: string) => void = console.log): Promise<void> {
  for (const command of ['plan', 'sync', 'plan']) {
    const argv = [command, '--models', models, ...target];
    const { code, out } = await dynamap(argv);
    log(`$ dynamap ${command} --models <movies/models.js>${target.length ? ' ' + target.join(' ') : ''}   (exit ${code})`);
    for (const line of out.trimEnd().split('\n')) log(`  ${line}`);
  }
}

/** The installed command: the `bin` of the dynamap package (this repository's build). */
function realCommand(endpoint: string): DynamapCommand {
  const bin = join(dirname(require.resolve('dynamap')), 'cli', 'main.js');
  // Local engines accept any credentials; the command takes them from the environment, as the SDK does.
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  return (argv) => new Promise((resolve) => {
    execFile(process.execPath, [bin, ...argv, '--endpoint', endpoint], { env }, (error, stdout, stderr) => {
      // An exit code is a number; a spawn failure has a string code (ENOENT): count it as 1.
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ code: error ? (typeof code === 'number' ? code : 1) : 0, out: stdout + stderr });
    });
  });
}

async function main(): Promise<void> {
  const db = await startEmbeddedDynamoDB();
  try {
    await cliExample(realCommand(db.endpoint), join(__dirname, 'movies', 'models.js'), ['--prefix', 'example-']);
  } finally {
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
