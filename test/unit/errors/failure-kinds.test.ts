/**
 * How an AWS SDK failure is classified: what applied nothing (resent always), what may have been
 * applied (resent only when the operation allows it), and what is not transient at all.
 */
import { isRetryable, isTransient, outcomeUnknown } from '../../../src/errors/operation';
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
