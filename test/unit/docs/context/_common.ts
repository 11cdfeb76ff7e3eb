// What every doc's snippets may use without declaring it (see ../snippets.ts): the public surface
// as imports, a mapper and a client. A doc's own context overrides a name declared here.
import 'reflect-metadata';
import {
  Table, PartitionKey, SortKey, Attribute, GlobalIndex, LocalIndex, Version, CreatedAt, UpdatedAt, TimeToLive,
  defineModel, getModelSchema, getDocumentSchema, DynamapError, ModelError, ValidationError, ConditionError,
  TransactionError, SyncError, ItemTooLargeError, ThrottledError, DynamoError, BatchError, toItem, fromItem, Mapper,
  describeSyncResult, eq, ne, lt, lte, gt, gte, between, beginsWith, contains, exists, notExists, isType, size, isIn,
  and, or, not, attribute, add, remove, append, prepend, ifNotExists, deleteFromSet, increment, decrement, KEY,
  compileCondition, compileUpdate, compileProjection, compileKeyCondition,
} from 'dynamap';
import type {
  ClassDecoratorFor, KeyDecorator, KindValues, PropertyDecoratorOf, TimeToLiveOptions, AttributeKind, AttributeOptions,
  Converter, TableOptions, GlobalIndexOptions, LocalIndexOptions, ProjectionOption, BillingOption, StreamOption,
  TableClassOption, ModelSchema, DocumentSchema, AttributeSchema, IndexSchema, Constructor, ModelDefinition,
  AttributeDefinition, ScalarType, ModelProblem, ValidationIssue, TransactionReason, MapperOptions, RetryPolicy,
  PutOptions, GetOptions, UpdateOptions, DeleteOptions, Query, Scan, MultiQuery, MultiScan, Page, QueryOptions,
  ScanOptions, SyncOptions, SyncResult, TablePlan, BatchProgress, BatchOptions, BatchWriteOptions, BatchGetOptions,
  TransactionWriter, TransactionOptions, ProjectedEntity,
} from 'dynamap';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

declare const mapper: Mapper;
declare const client: DynamoDBClient;
