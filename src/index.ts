/**
 * The public surface of dynamap. Nothing outside this file is public.
 */
import 'reflect-metadata';

export {
  Table, PartitionKey, SortKey, Attribute, GlobalIndex, LocalIndex, Version, CreatedAt, UpdatedAt, TimeToLive,
} from './decorators';
export type { ClassDecoratorFor, KeyDecorator, KindValues, PropertyDecoratorOf, TimeToLiveOptions, TimestampOptions } from './decorators';
export { defineModel, getModelSchema, getDocumentSchema } from './metadata';
export type {
  AttributeKind, AttributeOptions, Converter, TableOptions, GlobalIndexOptions, LocalIndexOptions, ProjectionOption,
  BillingOption, StreamOption, TableClassOption, ModelSchema, DocumentSchema, AttributeSchema, IndexSchema,
  Constructor, ModelDefinition, AttributeDefinition, ScalarType,
} from './metadata';
export {
  DynamapError, ModelError, ValidationError, ConditionError, TransactionError, SyncError, ItemTooLargeError,
  ThrottledError, DynamoError, BatchError,
} from './errors';
export type { ModelProblem, ValidationIssue, TransactionReason } from './errors';
export { toItem, fromItem } from './codec';
export * from './expressions/public';
export { Mapper } from './mapper/mapper';
export type { MapperOptions } from './mapper/mapper';
export type { RetryPolicy } from './mapper/context';
export type { PutOptions, GetOptions, UpdateOptions, DeleteOptions } from './mapper/item-inputs';
export type { Query, Scan, MultiQuery, MultiScan, Page, QueryOptions, ScanOptions } from './mapper/query';
export type { SyncOptions, SyncResult, TablePlan } from './table';
export { describeSyncResult } from './table';
export type {
  BatchProgress, BatchOptions, BatchWriteOptions, BatchGetOptions, BatchGetOneOptions, BatchPutOperation, BatchDeleteOperation, BatchWriteOperation,
  BatchGetRequest, BatchGetResults,
} from './mapper/batch';
export type {
  TransactionWriter, TransactionOptions, TransactPutOptions, TransactUpdateOptions, TransactDeleteOptions, TransactCheckOptions,
  TransactGetRequest, TransactGetOptions, AnyTransactGetRequest, TransactGetResults,
} from './mapper/transaction';
