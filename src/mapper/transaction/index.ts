/** Transactions (TransactWriteItems / TransactGetItems) and their public types. */
export { runTransaction } from './run';
export { runTransactGet } from './get';
export { TransactionWriter } from './writer';
export type {
  TransactionOptions, TransactPutOptions, TransactUpdateOptions, TransactDeleteOptions, TransactCheckOptions,
  TransactGetRequest, TransactGetResults, CheckedGetRequests,
} from './types';
