/**
 * DynamoDB's limit of 300 operators and functions in an expression ("The expression contains too
 * many operators"). Counted on the compiled text, where every name and value is a placeholder, so
 * only the grammar's own words and symbols are left. Measured on DynamoDB Local: each comparator,
 * AND, OR, NOT, BETWEEN (its AND not counted again), IN (whatever its operand count) and function
 * call counts one; 300 pass, 301 are refused.
 */
export const MAX_EXPRESSION_OPERATORS = 300;

const COUNTED = /<>|<=|>=|=|<|>|\b(?:AND|OR|NOT|BETWEEN|IN)\b|\b(?:attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|size)\(/g;
const BETWEEN = /\bBETWEEN\b/g;

/** The operators and functions of a condition, filter or key condition expression, as DynamoDB counts them. */
export function operatorCount(expression: string): number {
  const all = expression.match(COUNTED)?.length ?? 0;
  // `a BETWEEN b AND c` is one operator: its AND was counted above too.
  return all - (expression.match(BETWEEN)?.length ?? 0);
}
