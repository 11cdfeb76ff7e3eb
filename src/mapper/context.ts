/**
 * What every operation needs from the Mapper: the client, the table prefix, whether to validate,
 * the retry policy. Operations are functions of (context, input); the Mapper is a thin facade.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Constructor, ModelSchema } from '../metadata/types';
import type { ModelPlan } from './model-plan';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** First backoff delay in ms. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay in ms. */
  readonly maxDelayMs: number;
  /** 'full': a random delay between 0 and the exponential bound (AWS's "full jitter"); 'none': the bound itself. */
  readonly jitter: 'full' | 'none';
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ attempts: 10, baseDelayMs: 50, maxDelayMs: 5000, jitter: 'full' });

export interface MapperContext {
  readonly client: DynamoDBClient;
  readonly tablePrefix: string;
  readonly validate: boolean;
  readonly retry: RetryPolicy;
  /** HMAC key of query/scan cursors (default: a fixed key that detects edits, not forgery). */
  readonly cursorSecret?: string;
  /** The full table name (prefix included) of a model. */
  tableName(schema: ModelSchema): string;
  /** What single-item operations need of a model, built once per model (see model-plan.ts). */
  plan<T extends object>(Model: Constructor<T>): ModelPlan<T>;
}
