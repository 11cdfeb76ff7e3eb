export * from './classes';
export { modelError, modelProblem } from './model';
