/** DynamoDB's rule for table and index names. */
export const TABLE_NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/;

/** What the Mapper's tablePrefix may be: characters of table names, any length (the full name is checked too). */
const TABLE_PREFIX_PATTERN = /^[a-zA-Z0-9_.-]*$/;

export function isValidTablePrefix(prefix: unknown): prefix is string {
  return typeof prefix === 'string' && TABLE_PREFIX_PATTERN.test(prefix);
}

export function isValidTableName(name: unknown): name is string {
  return typeof name === 'string' && TABLE_NAME_PATTERN.test(name);
}
