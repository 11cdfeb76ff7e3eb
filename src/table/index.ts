/** Table definitions, the declared-vs-actual diff, and sync. */
export { createTableInput, groupByTable, tableDefinition, type TableDefinition } from './definition';
export { planTable } from './diff';
export { checkTableOf, modelsOfTable } from './table-models';
export { syncModels } from './sync';
export { describeSyncResult } from './sync-report';
export type {
  CreateGlobalIndexStep,
  CreateTableStep,
  EnableTtlStep,
  PlanStep,
  SyncOptions,
  SyncResult,
  TablePlan,
} from './types';
