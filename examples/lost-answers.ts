/**
 * When DynamoDB applies a write but its answer is lost on the way back (a reset connection, a
 * timeout), the AWS SDK's client sends the request again on its own. For an increment that means
 * applying it twice, and reporting success. dynamap does not resend such a write: it fails with
 * `operation.outcomeUnknown`, and you read the item to see what happened. `mapper.sync()` likewise
 * describes the table again instead of resending a CreateTable or UpdateTable.
 *
 * The network here is simulated: the client's own request handler is wrapped so that the answer
 * to a chosen request is dropped after the engine applied it. The engine is the real one.
 */
import 'reflect-metadata';
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Attribute, DynamoError, Mapper, PartitionKey, Table, increment } from 'dynamap';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';

@Table({ name: 'Pages' })
export class Page {
  @PartitionKey() path!: string;
  @Attribute() views!: number;
}

interface RequestHandler {
  handle(request: { headers: Record<string, string> }, options?: unknown): Promise<{ response: { body?: unknown } }>;
}

/** A client for the same engine whose network drops the answer to the next request of `operation`, once. */
function flakyClient(endpoint: string): { client: DynamoDBClient; loseNextAnswerOf(operation: string): void } {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const config = client.config as unknown as { requestHandler: RequestHandler };
  const real = config.requestHandler;
  let lose: string | undefined;
  config.requestHandler = Object.assign(Object.create(real) as RequestHandler, {
    async handle(request: { headers: Record<string, string> }, options?: unknown) {
      const answer = await real.handle(request, options);   // the engine has applied it
      if (lose !== undefined && request.headers['x-amz-target']?.endsWith(`.${lose}`)) {
        lose = undefined;
        (answer.response.body as { destroy?: () => void } | undefined)?.destroy?.();
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return answer;
    },
  });
  return { client, loseNextAnswerOf: (operation) => { lose = operation; } };
}

export async function lostAnswersExample(endpoint: string, log: (line: string) => void = console.log, tablePrefix = 'example-'): Promise<void> {
  const network = flakyClient(endpoint);
  const mapper = new Mapper({ client: network.client, tablePrefix });

  // A CreateTable whose answer is lost: sync looks at the table instead of sending it again.
  network.loseNextAnswerOf('CreateTable');
  const synced = await mapper.sync([Page]);
  log(`sync: created ${synced.created.join(', ')}; note: ${synced.plan[0]?.notes[0]?.replace(/ \(.*\);/, ';')}`);

  await mapper.put(Object.assign(new Page(), { path: '/home', views: 0 }));
  await mapper.put(Object.assign(new Page(), { path: '/raw', views: 0 }));

  // The raw SDK: one increment whose answer is lost, resent by the client, applied twice, "success".
  network.loseNextAnswerOf('UpdateItem');
  await network.client.send(new UpdateItemCommand({
    TableName: `${tablePrefix}Pages`,
    Key: { path: { S: '/raw' } },
    UpdateExpression: 'ADD #v :one',
    ExpressionAttributeNames: { '#v': 'views' },
    ExpressionAttributeValues: { ':one': { N: '1' } },
  }));
  const raw = await network.client.send(new GetItemCommand({ TableName: `${tablePrefix}Pages`, Key: { path: { S: '/raw' } }, ConsistentRead: true }));
  log(`raw SDK, one increment whose answer was lost: resolved, views ${raw.Item?.views?.N}`);

  // dynamap: the same increment fails with outcomeUnknown; reading the item tells what happened.
  network.loseNextAnswerOf('UpdateItem');
  try {
    await mapper.update(Page, { path: '/home' }, { views: increment(1) });
    log('dynamap: resolved');
  } catch (e) {
    if (!(e instanceof DynamoError && e.code === 'operation.outcomeUnknown')) throw e;
    const now = await mapper.get(Page, { path: '/home' }, { consistent: true });
    log(`dynamap, the same increment: ${e.name} ${e.code}; read back: views ${now?.views} (applied once, not sent again)`);
  }
  network.client.destroy();
}

if (require.main === module) {
  void (async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const db = await startEmbeddedDynamoDB();
    try {
      await lostAnswersExample(db.endpoint);
    } finally {
      await db.stop();
    }
  })();
}
