/**
 * An embedded DynamoDB for the examples: dynalite, in this process, on a free loopback port.
 * No AWS account, no Docker, no Java. (Point `endpoint` at DynamoDB Local or leave it out for AWS.)
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AddressInfo } from 'node:net';
// dynalite ships no types; it is a dev dependency used only by examples and tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: { createTableMs?: number; updateTableMs?: number; deleteTableMs?: number }) => import('node:net').Server;

export interface EmbeddedDynamoDB {
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDynamoDB(): Promise<EmbeddedDynamoDB> {
  const server = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    client,
    endpoint,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
