/**
 * The engine the benchmark writes to, in its own process (so client and server do not share one
 * event loop): DynamoDB Local when java is there, else dynalite; `--engine dynalite|local` chooses.
 * An endpoint in DYNAMAP_BENCH_ENDPOINT (e.g. a real table's region endpoint) skips starting one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const local = require('../../test/support/dynamodb-local') as {
  findJava(): string | undefined;
  startDynamoDBLocal(): Promise<{ endpoint: string; child: ChildProcess; watchdog?: ChildProcess }>;
  stopDynamoDBLocal(server: { child: ChildProcess; watchdog?: ChildProcess }): Promise<void>;
};

export interface Engine {
  readonly name: string;
  readonly endpoint: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitUntilAnswers(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`bench: the engine at ${endpoint} never answered ListTables`);
  } finally {
    client.destroy();
  }
}

async function startDynalite(): Promise<Engine> {
  const port = await freePort();
  const cli = path.join(path.dirname(require.resolve('dynalite/package.json')), 'cli.js');
  const child = spawn(process.execPath, [cli, '--port', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswers(endpoint);
  return {
    name: 'dynalite',
    endpoint,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

export async function startEngine(choice: string | undefined): Promise<Engine> {
  const given = process.env.DYNAMAP_BENCH_ENDPOINT;
  if (given) return { name: given, endpoint: given, stop: async () => undefined };
  if (choice === 'dynalite' || (choice !== 'local' && !local.findJava())) return startDynalite();
  const server = await local.startDynamoDBLocal();
  return { name: 'DynamoDB Local', endpoint: server.endpoint, stop: () => local.stopDynamoDBLocal(server) };
}
