/**
 * The expression AST: plain data, discriminated by `type`. One set of shapes serves both stages:
 *
 *  - unresolved: paths are property paths as the user wrote them (`'info.actors[0]'`), values
 *    are JavaScript values — what the helper functions (`gte(8)`, `and(...)`, `add(1)`) build;
 *  - resolved: paths are attribute paths (`['info', 'actors', 0]`, attribute names and list
 *    indexes), values are DynamoDB AttributeValues encoded by each attribute's codec — what
 *    `resolve(ast, schema)` returns and `compile(ast, ctx)` turns into expression strings.
 *
 * The stages differ only in the two type parameters, so `compile` and the test evaluator never
 * see a property name, and `resolve` never builds a string.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Marks the objects the helper functions build, so that a condition or update object can tell an
 * operator (`{ rating: gte(8) }`) from a literal map value (`{ meta: { type: 'x' } }`).
 * `Symbol.for` so that two loaded copies of dynamap recognise each other's nodes.
 */
export const EXPRESSION: unique symbol = Symbol.for('dynamap.expression');

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** The type names `attribute_type()` accepts. */
export type AttributeTypeName = 'S' | 'SS' | 'N' | 'NS' | 'B' | 'BS' | 'BOOL' | 'NULL' | 'L' | 'M';
export const ATTRIBUTE_TYPE_NAMES: readonly AttributeTypeName[] = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

/** One step of a resolved path: an attribute (or map key) name, or a list index. */
export type AttributePathElement = string | number;
export type AttributePath = readonly AttributePathElement[];

/** The left side of a comparison: the value at a path, or `size()` of it. */
export type Operand<P> =
  | { readonly type: 'path'; readonly path: P }
  | { readonly type: 'size'; readonly path: P };

export type ConditionAst<P, V> =
  | { readonly type: 'compare'; readonly left: Operand<P>; readonly comparator: Comparator; readonly value: V }
  /** Two attributes of the same item compared (`stock >= reserved`): built by resolve from attribute(). */
  | { readonly type: 'compareAttributes'; readonly left: Operand<P>; readonly comparator: Comparator; readonly right: P }
  | { readonly type: 'between'; readonly left: Operand<P>; readonly low: V; readonly high: V }
  | { readonly type: 'in'; readonly left: Operand<P>; readonly values: readonly V[] }
  | { readonly type: 'beginsWith'; readonly path: P; readonly value: V }
  | { readonly type: 'contains'; readonly path: P; readonly value: V }
  /** begins_with / contains with another attribute of the item as the prefix, substring, member or element. */
  | { readonly type: 'beginsWithAttribute'; readonly path: P; readonly right: P }
  | { readonly type: 'containsAttribute'; readonly path: P; readonly right: P }
  | { readonly type: 'exists'; readonly path: P }
  | { readonly type: 'notExists'; readonly path: P }
  | { readonly type: 'isType'; readonly path: P; readonly attributeType: AttributeTypeName }
  | { readonly type: 'and'; readonly conditions: readonly ConditionAst<P, V>[] }
  | { readonly type: 'or'; readonly conditions: readonly ConditionAst<P, V>[] }
  | { readonly type: 'not'; readonly condition: ConditionAst<P, V> };

export type ConditionType = ConditionAst<unknown, unknown>['type'];

/**
 * Update actions. `increment` and `append` carry what they need and no more: the neutral value of
 * a missing attribute (0, the empty list) is a constant the compiler adds itself.
 */
export type UpdateActionAst<P, V> =
  | { readonly type: 'set'; readonly path: P; readonly value: V }
  | { readonly type: 'increment'; readonly path: P; readonly sign: '+' | '-'; readonly by: V }
  | { readonly type: 'ifNotExists'; readonly path: P; readonly value: V }
  | { readonly type: 'append'; readonly path: P; readonly position: 'end' | 'start'; readonly values: V }
  | { readonly type: 'add'; readonly path: P; readonly value: V }
  | { readonly type: 'deleteFromSet'; readonly path: P; readonly value: V }
  | { readonly type: 'remove'; readonly path: P }
  /** `SET path = from`: the value of another attribute of the item, as it was before the update. */
  | { readonly type: 'copy'; readonly path: P; readonly from: P }
  /** `SET path = if_not_exists(path, 0) ± from`: increment by another attribute of the item. */
  | { readonly type: 'incrementFrom'; readonly path: P; readonly sign: '+' | '-'; readonly from: P }
  /** `SET path = if_not_exists(path, from)`: another attribute's value, if the attribute is missing. */
  | { readonly type: 'copyIfNotExists'; readonly path: P; readonly from: P };

export type UpdateActionType = UpdateActionAst<unknown, unknown>['type'];

export interface UpdateAst<P, V> {
  readonly type: 'update';
  readonly actions: readonly UpdateActionAst<P, V>[];
}

/** Conditions and updates as users build them: property paths, JavaScript values. */
export type PropertyCondition = ConditionAst<string, unknown>;
export type PropertyUpdate = UpdateAst<string, unknown>;
export type PropertyUpdateAction = UpdateActionAst<string, unknown>;

/** After `resolve`: attribute paths, AttributeValues. */
export type ResolvedCondition = ConditionAst<AttributePath, AttributeValue>;
export type ResolvedUpdateAction = UpdateActionAst<AttributePath, AttributeValue>;

export interface ResolvedUpdate extends UpdateAst<AttributePath, AttributeValue> {
  /**
   * The property paths of the actions below the top level (`address.city`, `info.actors[0]`):
   * DynamoDB refuses the whole update if the parent of one is missing (even for REMOVE), and the
   * mapper names them in that error (`missingParentPath`).
   */
  readonly nestedPaths: readonly string[];
}

/** The sort key part of a key condition: DynamoDB allows these and no others. */
export type KeySortCondition<P, V> = Extract<ConditionAst<P, V>, { type: 'compare' | 'between' | 'beginsWith' }>;

export interface ResolvedKeyCondition {
  readonly partitionKey: { readonly path: AttributePath; readonly value: AttributeValue };
  readonly sortKey?: KeySortCondition<AttributePath, AttributeValue>;
}

export type ResolvedProjection = readonly AttributePath[];
