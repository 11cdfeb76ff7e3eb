/**
 * A client for the current engine whose transport can be told to fail a coming request: lose
 * its answer after the engine applied it (as a connection reset on the way back does), refuse
 * the connection before sending, or answer with throttling or a server error (500) instead of
 * sending, or deliver it late (after the client gave up on it). It is the network
 * that misbehaves; the engine behind it is the real one.
 */
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { testClient } from './engine';

/**
 * `late`: the request times out at the client but reaches the engine later — just before the
 * next request of the same operation does (deterministic, unlike a real delay).
 */
export type Fault = 'loseAnswer' | 'refuse' | 'throttle' | 'serverError' | 'late';

interface Handler {
  handle(request: { headers: Record<string, string> }, options?: unknown): Promise<{ response: { body?: unknown } }>;
}

export interface LossyClient {
  readonly client: DynamoDBClient;
  /** The next `times` requests of this DynamoDB operation (e.g. 'UpdateItem') fail so. */
  fail(operation: string, fault: Fault, times?: number): void;
  /** Every operation that reached the engine, in order (e.g. ['PutItem', 'PutItem']). */
  readonly reached: string[];
  /** Faults set but not met yet (a test checks its faults happened). */
  pending(): number;
}

function connectionError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export function lossyClient(overrides: Partial<DynamoDBClientConfig> = {}): LossyClient {
  const client = testClient(overrides);
  const config = client.config as unknown as { requestHandler: Handler };
  const inner = config.requestHandler;
  const faults: { operation: string; fault: Fault }[] = [];
  const reached: string[] = [];
  /** Late requests, sent just before the next request of their operation. */
  const late = new Map<string, () => Promise<void>>();
  config.requestHandler = Object.assign(Object.create(inner) as Handler, {
    async handle(request: { headers: Record<string, string> }, options?: unknown) {
      const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
      const operation = target.slice(target.indexOf('.') + 1);
      const at = faults.findIndex((f) => f.operation === operation);
      const fault = at >= 0 ? faults.splice(at, 1)[0]!.fault : undefined;
      if (fault === 'refuse') throw connectionError(`connect ECONNREFUSED (lossy-client: ${operation})`, 'ECONNREFUSED');
      if (fault === 'throttle' || fault === 'serverError') {
        const body = JSON.stringify(fault === 'throttle'
          ? {
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded (lossy-client)',
          }
          : { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error (lossy-client)' });
        return {
          response: {
            statusCode: fault === 'throttle' ? 400 : 500,
            reason: fault === 'throttle' ? 'Bad Request' : 'Internal Server Error',
            headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'lossy-client' },
            body: new TextEncoder().encode(body),
          },
        };
      }
      const held = late.get(operation);
      if (held) {
        late.delete(operation);
        await held();
      }
      if (fault === 'late') {
        late.set(operation, async () => {
          await inner.handle(request, options);
          reached.push(operation);
        });
        throw Object.assign(new Error('a request has exceeded the configured requestTimeout (lossy-client: it will arrive late)'), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        });
      }
      const answer = await inner.handle(request, options);
      reached.push(operation);
      if (fault === 'loseAnswer') {
        (answer.response.body as { destroy?: () => void } | undefined)?.destroy?.();
        throw connectionError('socket hang up (lossy-client: the answer was lost)', 'ECONNRESET');
      }
      return answer;
    },
  });
  return {
    client,
    reached,
    fail(operation, fault, times = 1) {
      for (let i = 0; i < times; i++) faults.push({ operation, fault });
    },
    pending: () => faults.length,
  };
}
