/**
 * Thrown inside the AWS SDK's retry loop (by the mapper's resend guard) in place of a failure
 * after which a write may or may not have been applied, so that the SDK does not resend it. It is
 * never seen by users: operationError.wrap turns it into a DynamoError (`operation.outcomeUnknown`)
 * whose cause is `lost`.
 *
 * It must look like nothing the SDK retries: no `$metadata.httpStatusCode`, no `code`, no
 * `$retryable`, and the original not under `cause` (the SDK looks for transient errors there).
 */
export class ResendStopped extends Error {
  constructor(readonly lost: unknown) {
    super('dynamap stopped the AWS SDK from resending a write that got a server error or no answer');
    this.name = 'DynamapResendStopped';
  }
}

/**
 * The failure itself where the guard stopped it (anything else as it is), carrying the number of
 * times the AWS client sent the request (`$metadata.attempts`, which the SDK records on the error
 * it ends with: the stand-in).
 */
export function stoppedFailure(failure: unknown): unknown {
  if (!(failure instanceof ResendStopped)) return failure;
  const attempts = (failure as { $metadata?: { attempts?: number } }).$metadata?.attempts;
  const lost = failure.lost as { $metadata?: Record<string, unknown> } | null;
  if (attempts !== undefined && lost !== null && typeof lost === 'object') lost.$metadata = { ...lost.$metadata, attempts };
  return lost;
}
