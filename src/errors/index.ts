export * from './classes';
export { modelError, modelProblem } from './model';
export { syncError, tableProblem } from './sync';
export { operationError, optionError } from './operation';
export { writeError } from './write';
export { valueError, valueRule, describeValue } from './value';
