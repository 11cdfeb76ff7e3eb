/** DynamoDB's rule for table and index names. */
export const TABLE_NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;

export function isValidTableName(name: unknown): name is string {
  return typeof name === 'string' && TABLE_NAME_PATTERN.test(name);
}
