/**
 * Which DynamoDB engine an integration test talks to, and a client for it.
 *
 * The same test/integration files run in two jest projects (see jest.config.js):
 *  - `dynalite`: jest-dynalite's environment starts a dynalite server per worker and sets
 *    process.env.MOCK_DYNAMODB_ENDPOINT;
 *  - `dynamodb-local`: the project's globalSetup starts one DynamoDB Local (java) for the whole
 *    run, shared by every worker, and sets process.env.DYNAMAP_TEST_ENDPOINT.
 * The project is identified by the per-project jest global `DYNAMAP_TEST_ENGINE`, not by those
 * variables: one worker process can run files of both projects, and env vars set in it leak.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export type EngineName = 'dynalite' | 'dynamodb-local';

/** The engine of the jest project running the current test file. */
export function engineName(): EngineName {
  const engine = (globalThis as { DYNAMAP_TEST_ENGINE?: unknown }).DYNAMAP_TEST_ENGINE;
  if (engine === 'dynalite' || engine === 'dynamodb-local') return engine;
  throw new Error(
    'test/support/engine: no DYNAMAP_TEST_ENGINE global. Integration tests must run through one ' +
      'of the jest projects `dynalite` or `dynamodb-local` (e.g. `npm run test:dynalite`).',
  );
}

/** The endpoint of the current engine. */
export function engineEndpoint(): string {
  if (engineName() === 'dynamodb-local') {
    const endpoint = process.env.DYNAMAP_TEST_ENDPOINT;
    if (!endpoint) {
      throw new Error(
        'test/support/engine: DYNAMAP_TEST_ENDPOINT is not set; the dynamodb-local globalSetup did not run.',
      );
    }
    return endpoint;
  }
  const endpoint = process.env.MOCK_DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error('test/support/engine: MOCK_DYNAMODB_ENDPOINT is not set; is the jest-dynalite environment in use?');
  }
  return endpoint;
}

const clients: DynamoDBClient[] = [];

// jest gives each test file its own module registry, so this module is evaluated once per file,
// while the file's top level is being collected: the hook belongs to that file.
// jest-dynalite cannot stop its server (environment teardown, after all hooks) while a client
// still holds a connection; DynamoDB Local simply does not need the sockets any more.
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
}

/**
 * A client for the current engine (region 'local', fixed dummy credentials), destroyed in an
 * `afterAll` of the test file. Call it anywhere (top level, describe, hook or test).
 */
export function testClient(overrides: Partial<DynamoDBClientConfig> = {}): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: engineEndpoint(),
    region: 'local',
    credentials: { accessKeyId: 'dynamap', secretAccessKey: 'dynamap' },
    ...overrides,
  });
  clients.push(client);
  return client;
}

let prefix: string | undefined;

/**
 * A table-name prefix unique to this test file in this run, e.g. `t3f9a1c-`. DynamoDB Local is
 * one server shared by all workers, so table names must never collide between files.
 */
export function uniquePrefix(): string {
  prefix ??= `t${randomBytes(3).toString('hex')}-`;
  return prefix;
}

/**
 * `it` for tests that need a feature dynalite lacks (transactions: TransactWriteItems /
 * TransactGetItems are not implemented by dynalite). On dynalite the test is not registered at
 * all, rather than `it.skip`, so the dynalite run reports no perpetual "skipped" noise; the
 * dynamodb-local project, mandatory in CI, covers it.
 */
export const itOnDynamoDBLocal: jest.It = new Proxy(it, {
  apply(target, thisArg, args: Parameters<jest.It>) {
    if (engineName() === 'dynamodb-local') return Reflect.apply(target, thisArg, args);
    return undefined;
  },
  get(target, property, receiver) {
    const member = Reflect.get(target, property, receiver);
    // it.only / it.each / it.concurrent ... are dropped on dynalite as well.
    if (typeof member === 'function' && engineName() !== 'dynamodb-local') return noop(member);
    return member;
  },
});

/** `describe` counterpart of {@link itOnDynamoDBLocal}: the whole block exists only on DynamoDB Local. */
export const describeOnDynamoDBLocal: jest.Describe = new Proxy(describe, {
  apply(target, thisArg, args: Parameters<jest.Describe>) {
    if (engineName() === 'dynamodb-local') return Reflect.apply(target, thisArg, args);
    return undefined;
  },
  get(target, property, receiver) {
    const member = Reflect.get(target, property, receiver);
    if (typeof member === 'function' && engineName() !== 'dynamodb-local') return noop(member);
    return member;
  },
});

/** A stand-in for `it.each` & co. that registers nothing, also when curried (`each(table)(name, fn)`). */
function noop(_member: unknown): (...args: unknown[]) => unknown {
  const fn = (): unknown => fn;
  return fn;
}
