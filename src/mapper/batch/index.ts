/** The batch operations (BatchWriteItem / BatchGetItem) and their public types. */
export { batchPut, batchDelete, batchWrite, batchGetOne, batchGetMany } from './operations';
export type {
  BatchProgress, BatchOptions, BatchWriteOptions, BatchGetOptions, BatchGetOneOptions, BatchPutOperation, BatchDeleteOperation,
  BatchWriteOperation, BatchGetRequest, BatchGetResults, CheckedBatchGetRequests, CheckedBatchWriteOperations,
} from './types';
