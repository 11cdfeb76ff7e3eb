/**
 * The single-call executor: throttled calls are retried per the mapper's policy (on top of the
 * SDK's own retries), everything else fails at once as a dynamap error. A real engine does not
 * throttle on demand, so `send` here is a function that answers as DynamoDB would.
 */
import { DynamapError, DynamoError, ThrottledError } from '../../../src';
import type { MapperContext, RetryPolicy } from '../../../src/mapper/context';
import { createContext } from '../../../src/mapper/create-context';
import { execute } from '../../../src/mapper/execute';

function contextWith(retry: Partial<RetryPolicy>): MapperContext {
  return createContext({ client: undefined as never, validate: false, retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0, jitter: 'none', ...retry } });
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
const op = { operation: 'get', model: 'Movie', key: { id: 'm1' } };

/** A send that fails with `errors` in turn, then answers `value`; counts its calls. */
function sender<V>(errors: Error[], value: V) {
  const calls = { count: 0 };
  const send = async () => {
    const error = errors[calls.count++];
    if (error) throw error;
    return value;
  };
  return { send, calls };
}

describe('execute()', () => {
  it('answers the first attempt when it succeeds', async () => {
    const { send, calls } = sender([], 'item');
    await expect(execute(contextWith({}), send, op)).resolves.toBe('item');
    expect(calls.count).toBe(1);
  });

  it('retries throttled calls and answers the first one that succeeds', async () => {
    const { send, calls } = sender([throttled(), throttled()], 'item');
    await expect(execute(contextWith({ attempts: 3 }), send, op)).resolves.toBe('item');
    expect(calls.count).toBe(3);
  });

  it('gives up after `attempts` throttled calls with a ThrottledError naming the item', async () => {
    const { send, calls } = sender([throttled(), throttled(), throttled(), throttled()], 'item');
    const error = await execute(contextWith({ attempts: 3 }), send, op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as Error).message).toMatch(/^get of Movie.*m1.*still throttled after 3 attempts/);
    expect((error as Error).cause).toMatchObject({ name: 'ThrottlingException' });
    expect(calls.count).toBe(3);
  });

  it('retries server errors (5xx) too, but reports them as what they are, not as throttling', async () => {
    const internal = () => Object.assign(new Error('The server encountered an internal error'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    const { send, calls } = sender([internal(), internal(), internal()], 'item');
    const error = await execute(contextWith({ attempts: 3 }), send, op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).not.toBeInstanceOf(ThrottledError);
    expect((error as Error).message).toBe('get of Movie { id: "m1" } failed 3 time(s) with a server error: InternalServerError: ' +
      'The server encountered an internal error. DynamoDB server errors are usually transient: retry later. One that persists comes from the request itself.');
    expect(calls.count).toBe(3);
  });

  it('with attempts: 1 a throttled call is not retried', async () => {
    const { send, calls } = sender([throttled()], 'item');
    await expect(execute(contextWith({ attempts: 1 }), send, op)).rejects.toBeInstanceOf(ThrottledError);
    expect(calls.count).toBe(1);
  });

  it('does not retry other errors: they leave at once as dynamap errors with the cause', async () => {
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    const { send, calls } = sender([denied], 'item');
    const error = await execute(contextWith({}), send, op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect(error).toBeInstanceOf(DynamapError);
    expect((error as Error).message).toMatch(/AccessDeniedException: no/);
    expect((error as Error).cause).toBe(denied);
    expect(calls.count).toBe(1);
  });

  it('a non-throttling error after throttled attempts stops the retries', async () => {
    const missing = Object.assign(new Error('gone'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    const { send, calls } = sender([throttled(), missing], 'item');
    const error = await execute(contextWith({ attempts: 5 }), send, op).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamapError);
    expect((error as Error).cause).toBe(missing);
    expect(calls.count).toBe(2);
  });

  const internal = () => Object.assign(new Error('We encountered an internal error'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });

  it('does not resend a conditional write or an update after a server error: it may have been applied', async () => {
    const write = { operation: 'update', model: 'Movie', key: { id: 'm1' }, writeOnce: true };
    const { send, calls } = sender([internal()], 'item');
    const error = await execute(contextWith({ attempts: 5 }), send, write).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect((error as Error).message).toMatch(/^update of Movie \{ id: "m1" \} failed with a server error \(InternalServerError: .*\)\. DynamoDB may or may not have applied it.*read the item/);
    expect(calls.count).toBe(1);
    // Throttling refused the request: resending such a write is safe, and done.
    const retried = sender([throttled()], 'item');
    await expect(execute(contextWith({ attempts: 5 }), retried.send, write)).resolves.toBe('item');
    expect(retried.calls.count).toBe(2);
  });

  it('resends a write refused because a transaction holds the item (nothing was applied), and says so when it keeps happening', async () => {
    const conflict = () => Object.assign(new Error('Transaction is ongoing for the item'), { name: 'TransactionConflictException', $metadata: { httpStatusCode: 400 } });
    const write = { operation: 'put', model: 'Movie', key: { id: 'm1' }, writeOnce: true };
    const { send, calls } = sender([conflict()], 'item');
    await expect(execute(contextWith({ attempts: 3 }), send, write)).resolves.toBe('item');
    expect(calls.count).toBe(2);
    const stuck = sender([conflict(), conflict(), conflict()], 'item');
    const error = await execute(contextWith({ attempts: 3 }), stuck.send, write).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoError);
    expect((error as Error).message).toMatch(/refused 3 time\(s\) because a transaction was writing the item.*nothing was applied: retry it later/);
  });
});

describe('keys in error messages', () => {
  it('show binaries by size, Dates in ISO-8601 and strings escaped (regression: raw bytes reached the terminal)', async () => {
    const key = { id: Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x41]), at: new Date(0), name: 'a\u001bb', n: 2n ** 70n };
    const refused = Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
    const error = await execute(contextWith({}), () => Promise.reject(refused), { operation: 'get', model: 'Bin', key }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      'get of Bin { id: <5 bytes>, at: 1970-01-01T00:00:00.000Z, name: "a\\u001bb", n: 1180591620717411303424 } failed: ' +
      'ResourceNotFoundException: Requested resource not found. ');
  });
});

describe('an operand of another type than the stored value', () => {
  it('is explained for every model, the @Version sentence only with a version (regression: unversioned models got the bare AWS text)', async () => {
    const refused = Object.assign(new Error('An operand in the update expression has an incorrect data type'), {
      name: 'ValidationException', $metadata: { httpStatusCode: 400 },
    });
    const plain = await execute(contextWith({}), () => Promise.reject(refused), { operation: 'update', model: 'Tagged', key: { id: 't' } })
      .catch((e: unknown) => e);
    expect((plain as Error).message).toBe(
      'update of Tagged { id: "t" } failed: ValidationException: An operand in the update expression has an incorrect data type. ' +
      'An operand does not fit the type the stored item holds at its path (add() of a number to a string set, append() to a string...): read the item to see which.');
    const versioned = await execute(contextWith({}), () => Promise.reject(refused),
      { operation: 'update', model: 'Tagged', key: { id: 't' }, incrementsVersion: 'version' }).catch((e: unknown) => e);
    expect((versioned as Error).message).toMatch(/read the item to see which\. If it is the @Version version \(other code may store it as NULL\)/);
  });
});
