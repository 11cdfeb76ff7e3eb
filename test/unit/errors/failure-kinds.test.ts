/**
 * How an AWS SDK failure is classified: what applied nothing (resent always), what may have been
 * applied (resent only when the operation allows it), and what is not transient at all.
 */
import { isRetryable, isTransient, operationError, outcomeUnknown } from '../../../src/errors/operation';
import { ResendStopped } from '../../../src/errors/resend-stopped';

const connection = (code: string, message = 'x') => Object.assign(new Error(message), { code, $metadata: { attempts: 1 } });
const service = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const timeout = Object.assign(new Error('Connection timed out after 300 ms'), { name: 'TimeoutError' });

const writeOnce = { writeOnce: true };
const idempotent = { writeOnce: false };

describe('failure kinds', () => {
  it.each([
    ['a reset connection (socket hang up)', connection('ECONNRESET', 'socket hang up')],
    ['a broken pipe', connection('EPIPE')],
    ['a timeout', timeout],
    ['a server error', service('InternalServerError', 500)],
    ['a 503', service('ServiceUnavailable', 503)],
  ])('%s: may have been applied; resent only for an operation that may be resent', (_, e) => {
    expect(outcomeUnknown(e)).toBe(true);
    expect(isTransient(e)).toBe(true);
    expect(isRetryable(e, idempotent)).toBe(true);
    expect(isRetryable(e, writeOnce)).toBe(false);
  });

  it.each([
    ['a refused connection', connection('ECONNREFUSED')],
    ['an unknown host', connection('ENOTFOUND')],
    ['throttling', service('ProvisionedThroughputExceededException', 400)],
    ['a transaction conflict', service('TransactionConflictException', 400)],
  ])('%s: nothing applied; resent for every operation', (_, e) => {
    expect(outcomeUnknown(e)).toBe(false);
    expect(isRetryable(e, writeOnce)).toBe(true);
  });

  it.each([
    ['a false condition', service('ConditionalCheckFailedException', 400)],
    ['a validation error', service('ValidationException', 400)],
    ['missing credentials (no HTTP answer, but nothing sent)', Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' })],
    ['a TypeError of a broken client', new TypeError('client.send is not a function')],
    ['a reset connection that did get an HTTP status (a parsed answer)', Object.assign(connection('ECONNRESET'), { $metadata: { httpStatusCode: 400 } })],
  ])('%s: not transient, never resent', (_, e) => {
    expect(outcomeUnknown(e)).toBe(false);
    expect(isTransient(e)).toBe(false);
    expect(isRetryable(e, idempotent)).toBe(false);
  });

  it('the resend guard\'s stand-in: of unknown outcome, and not resent even where a lost answer would be', () => {
    const stopped = new ResendStopped(connection('ECONNRESET'));
    expect(outcomeUnknown(stopped)).toBe(true);
    expect(isRetryable(stopped, idempotent)).toBe(false);
    // What the SDK's retry strategy looks at: nothing that marks it transient.
    expect(stopped).not.toHaveProperty('cause');
    expect(stopped).not.toHaveProperty('code');
    expect(stopped).not.toHaveProperty('$retryable');
  });
});

describe('the message of a write of unknown outcome', () => {
  const op = { operation: 'update', model: 'Account', key: { id: 'a1' }, writeOnce: true };

  it('after a timeout, says the request may still arrive and how to write safely next', () => {
    const error = operationError.outcomeUnknown(op, new ResendStopped(timeout));
    expect(error.code).toBe('operation.outcomeUnknown');
    expect(error.message).toMatch(/^update of Account \{ id: "a1" \} got no answer from DynamoDB \(TimeoutError: Connection timed out after 300 ms\)\. /);
    expect(error.message).toMatch(/After a timeout the request may still reach DynamoDB later: make the next write conditional on what you read \(a @Version does\)\.$/);
  });

  it('after a server error, nothing is in flight: no such warning; the cause carries how often the AWS client sent it', () => {
    const stopped = Object.assign(new ResendStopped(service('InternalServerError', 500)), { $metadata: { attempts: 2 } });
    const error = operationError.outcomeUnknown(op, stopped);
    expect(error.message).toMatch(/^update of Account \{ id: "a1" \} failed with a server error \(InternalServerError: InternalServerError\)\./);
    expect(error.message).not.toMatch(/After a timeout/);
    expect(error.cause).toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500, attempts: 2 } });
  });
});
