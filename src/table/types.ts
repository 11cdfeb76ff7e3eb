/** The shapes of a sync: the plan for one table, its steps, the options and the result. */
import type {
  AttributeDefinition,
  CreateGlobalSecondaryIndexAction,
  CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';

/** Create the table as declared (with its indexes), then wait until it is ACTIVE. */
export interface CreateTableStep {
  readonly kind: 'createTable';
  readonly table: string;
  readonly input: CreateTableCommandInput;
}

/** Add one missing global index with one UpdateTable, then wait until it is ACTIVE. */
export interface CreateGlobalIndexStep {
  readonly kind: 'createGlobalIndex';
  readonly table: string;
  readonly index: CreateGlobalSecondaryIndexAction;
  /** The definitions of the index's key attributes (UpdateTable needs them). */
  readonly attributeDefinitions: AttributeDefinition[];
}

/** Enable TTL on the @TimeToLive attribute with UpdateTimeToLive. */
export interface EnableTtlStep {
  readonly kind: 'enableTtl';
  readonly table: string;
  readonly attribute: string;
}

export type PlanStep = CreateTableStep | CreateGlobalIndexStep | EnableTtlStep;

/** What sync will do (or did) to one table. */
export interface TablePlan {
  /** Full table name, prefix included. */
  readonly table: string;
  /**
   * In the order they are applied. In a sync's result, the steps it took: a step that got no
   * answer and that the table, described again, shows applied is one of them; a change someone
   * else made meanwhile is not.
   */
  readonly steps: PlanStep[];
  /**
   * Things sync noticed but does not change: indexes nobody declares (never deleted), options
   * that differ (billing, stream, ...), features the engine lacks.
   */
  readonly notes: string[];
  /** True when there is nothing to do. */
  readonly unchanged: boolean;
}

export interface SyncOptions {
  /** Describe and plan only: no CreateTable, UpdateTable or UpdateTimeToLive is sent. */
  dryRun?: boolean | undefined;
  /** How long each wait for ACTIVE (the table, then each new index) may take; default 120 000 ms. */
  timeoutMs?: number | undefined;
  /** Delay between two DescribeTable calls while waiting; default 500 ms. */
  pollMs?: number | undefined;
}

export interface SyncResult {
  /** Tables created (with dryRun: that would be created). Full names, prefix included. */
  created: string[];
  /** Existing tables that got an index or TTL (with dryRun: that would). */
  updated: string[];
  /** Tables already as declared. */
  unchanged: string[];
  /** One plan per table, in the order the tables were synced. */
  plan: TablePlan[];
}
