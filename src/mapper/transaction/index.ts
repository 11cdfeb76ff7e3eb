/** Transactions (TransactWriteItems / TransactGetItems) and their public types. */
export { runTransaction } from './run';
export { runTransactGet } from './get';
export { TransactionWriter } from './writer';
export type {
  TransactionOptions, TransactPutOptions, TransactUpdateOptions, TransactDeleteOptions, TransactCheckOptions,
  TransactGetRequest, TransactGetOptions, AnyTransactGetRequest, TransactGetResults, CheckedGetRequests,
} from './types';
