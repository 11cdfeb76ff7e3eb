/** Messages for model-definition problems. Each names the class, the property and the fix. */
import { ModelError, type ModelProblem } from './classes';
import { shown } from './shown';

const NAME_RULE = '3 to 255 characters of [a-zA-Z0-9_.-]';

function p(code: string, className: string, property: string | undefined, message: string): ModelProblem {
  return property === undefined
    ? { code: `model.${code}`, className, message }
    : { code: `model.${code}`, className, property, message };
}

/** Problems, collected by the schema builder and thrown together as one ModelError. */
export const modelProblem = {
  notAClass: (value: unknown) =>
    p('notAClass', typeof value === 'string' ? value : String(value), undefined,
      `expected a model class (the class itself, e.g. Movie), got ${typeof value === 'string' ? `the string ${JSON.stringify(value)}` : value === null ? 'null' : typeof value}.`),
  noTable: (c: string) =>
    p('noTable', c, undefined, `${c} is not a table model: add @Table() to the class (or give defineModel a table).`),
  noPartitionKey: (c: string) =>
    p('noPartitionKey', c, undefined, `${c} has no partition key: mark one property with @PartitionKey().`),
  twoPartitionKeys: (c: string, props: string[]) =>
    p('twoPartitionKeys', c, props[1], `${c} has ${props.length} partition keys (${props.join(', ')}): a table has exactly one @PartitionKey().`),
  twoSortKeys: (c: string, props: string[]) =>
    p('twoSortKeys', c, props[1], `${c} has ${props.length} sort keys (${props.join(', ')}): a table has at most one @SortKey().`),
  twoOfRole: (c: string, decorator: string, props: string[]) =>
    p('duplicateRole', c, props[1], `${c} has ${decorator} on ${props.join(' and ')}: use it on one property only.`),
  twoDecorators: (c: string, prop: string, sources: string[]) =>
    p('twoDecorators', c, prop, `${c}.${prop} carries ${sources.join(' and ')}: a property takes one dynamap decorator.`),
  unknownType: (c: string, prop: string, source: string) =>
    p('unknownType', c, prop,
      `${c}.${prop}: the type of ${source} cannot be known. Give it explicitly: ${source.startsWith('@') ? `${source}({ type: ... })` : 'type: ...'} with the kind it holds ` +
      `('string', 'number', 'boolean', 'date', ..., or () => NestedClass), ` +
      `or enable "emitDecoratorMetadata" (with "experimentalDecorators") in tsconfig.json and import 'reflect-metadata' ` +
      `before your models. Tools that strip types (esbuild, tsx, vitest, swc) emit no design:type, so they need the explicit type.`),
  typeContradicts: (c: string, prop: string, kind: string, designType: string, fits: readonly string[]) =>
    p('typeContradicts', c, prop,
      `${c}.${prop}: type ${kind.startsWith('(') ? kind : `'${kind}'`} does not fit the property, which TypeScript types as ${designType}: ` +
      `give the kind of what it holds (${fits.map((k) => (k.startsWith('(') ? k : `'${k}'`)).join(' or ')}, or 'any'), or change the property's type.`),
  /** `hint` undefined: @Type(() => Date). */
  typeHintWithoutMetadata: (c: string, prop: string, hint: string | undefined) =>
    p('unknownType', c, prop, hint === undefined
      ? `${c}.${prop}: class-transformer's @Type(() => Date) does not say whether the property holds a Date or a list, and ` +
        `without decorator metadata (esbuild, tsx, vitest and swc emit none) dynamap cannot tell: write @Attribute({ type: 'date' }) ` +
        `(or 'epochSeconds').`
      : `${c}.${prop}: class-transformer's @Type(() => ${hint}) names the class, but without decorator metadata (esbuild, tsx, ` +
        `vitest and swc emit none) dynamap cannot tell one ${hint} from a list of them: write @Attribute({ type: () => ${hint} }) ` +
        `or @Attribute({ type: () => [${hint}] }).`),
  ttlTypeUnknown: (c: string, prop: string, source: string) =>
    p('unknownType', c, prop, source.startsWith('@')
      ? `${c}.${prop}: @TimeToLive cannot tell a Date from a number of epoch seconds without decorator metadata (esbuild, tsx, ` +
        `vitest and swc emit none; TypeScript emits a union such as Date | null as Object): write @TimeToLive({ type: 'epochSeconds' }) ` +
        `for a Date, or @TimeToLive({ type: 'number' }) for a number.`
      : `${c}.${prop}: a ttl attribute holds a Date or a number of epoch seconds, which defineModel cannot tell apart: ` +
        `give it type: 'epochSeconds' (a Date) or type: 'number'.`),
  badKind: (c: string, prop: string, kind: unknown) =>
    p('badKind', c, prop, `${c}.${prop}: type ${shown(kind)} is not an attribute kind. Use one of ` +
      `'string', 'number', 'bigint', 'boolean', 'binary', 'date', 'epochSeconds', 'stringSet', 'numberSet', 'binarySet', ` +
      `'list', 'map', 'any', or () => NestedClass, or () => [NestedClass].`),
  decoratedMethod: (c: string, prop: string, decorator: string) =>
    p('decoratedMethod', c, prop, `${c}.${prop}: ${decorator} is on a method, which holds no value to store: put it on a property (or a get/set accessor).`),
  roleInDocument: (c: string, prop: string, decorator: string) =>
    p('roleInDocument', c, prop, `${c}.${prop}: ${decorator} is for properties of a table model (@Table), and ${c} is a nested ` +
      `document class, where it would do nothing. Use @Attribute() here, or move the property to the model.`),
  typeReturnedNoClass: (c: string, prop: string, returned: string) =>
    p('typeReturnedNoClass', c, prop, `${c}.${prop}: its type function returned ${returned === 'undefined' ? 'undefined' : `a ${returned}`}, not a class. ` +
      `If it names a class from another module, the modules may import each other (the class is not defined yet when the ` +
      `function runs): keep the function lazy (type: () => Other), and break the cycle or move the classes into one module.`),
  classAsType: (c: string, prop: string, given: string, write: string) =>
    p('classAsType', c, prop, `${c}.${prop}: type is ${given}; write type: ${write}.`),
  setNeedsType: (c: string, prop: string) =>
    p('setNeedsType', c, prop, `${c}.${prop} is a Set: say which kind with type: 'stringSet', 'numberSet' or 'binarySet'.`),
  unsupportedDesignType: (c: string, prop: string, typeName: string) =>
    p('unsupportedType', c, prop, typeName === 'Function'
      ? `${c}.${prop} has type Function as TypeScript emits it, which is what it emits for a class imported with \`import type\` ` +
        '(or by the consistent-type-imports lint rule): give the class explicitly, type: () => TheClass, or import it as a value. ' +
        'For a property that really holds a function, dynamap cannot store it: give type: \'map\' or \'any\', or a converter.'
      : `${c}.${prop} has type ${typeName}, which dynamap cannot store: give type: 'map' or 'any', or a converter.`),
  plainClass: (c: string, prop: string, nested: string) =>
    p('plainClass', c, prop, `${c}.${prop} has type ${nested}, a class without @Attribute properties: decorate its fields with @Attribute(), ` +
      `or give type: 'map' (stored as a plain map) or a converter.`),
  keyKind: (c: string, prop: string, role: string, kind: string) =>
    p('keyKind', c, prop, `${c}.${prop} is a ${role} of kind '${kind}': a key must be a string, number, bigint, binary or date ` +
      `(DynamoDB keys are S, N or B). For another type give a converter with keyType.`),
  roleKind: (c: string, prop: string, decorator: string, kind: string, allowed: string) =>
    p('roleKind', c, prop, `${c}.${prop}: ${decorator} needs ${allowed}, not '${kind}'.`),
  badAttributeName: (c: string, prop: string, name: unknown, rule: string) =>
    p('badAttributeName', c, prop, `${c}.${prop}: attribute name ${shown(name)} is not allowed: ${rule}.`),
  duplicateAttributeName: (c: string, name: string, props: string[]) =>
    p('duplicateAttributeName', c, props[1], `${c}: properties ${props.join(' and ')} both map to attribute "${name}": give one of them another name.`),
  badTableName: (c: string, name: unknown) =>
    p('badTableName', c, undefined, `${c}: table name ${shown(name)} is not allowed: DynamoDB table names are ${NAME_RULE}.`),
  localIndexWithoutTableSortKey: (c: string, index: string) =>
    p('localIndexWithoutTableSortKey', c, undefined, `${c}: local index "${index}" needs a table with a sort key (DynamoDB allows ` +
      `local indexes only on a composite primary key): add @SortKey to ${c}, or make the index a @GlobalIndex.`),
  badIndexName: (c: string, name: unknown) =>
    p('badIndexName', c, undefined, `${c}: index name ${shown(name)} is not allowed: DynamoDB index names are ${NAME_RULE}.`),
  indexSameKey: (c: string, index: string, type: 'global' | 'local', prop: string) =>
    p('indexSameKey', c, prop, type === 'local'
      ? `${c}: local index "${index}" sorts by ${prop}, the table's partition key, which is already the index's partition key: ` +
        `DynamoDB refuses two keys of one attribute. Sort the index by another property.`
      : `${c}: index "${index}" has ${prop} as both its partition key and its sort key: DynamoDB refuses two keys of one attribute. ` +
        `Leave out the sort key, or sort by another property.`),
  tableTwice: (c: string, count: number) =>
    p('tableTwice', c, undefined, `${c} carries @Table ${count} times: give it one @Table with all its options.`),
  duplicateIndex: (c: string, name: string) =>
    p('duplicateIndex', c, undefined, `${c}: two indexes are named "${name}": give each index its own name.`),
  indexUnknownProperty: (c: string, index: string, what: string, prop: unknown) =>
    p('indexUnknownProperty', c, typeof prop === 'string' ? prop : undefined,
      `${c}: index "${index}" names ${what} ${shown(prop)}, which is not a decorated property of ${c}. ` +
      `Use a property name (not an attribute name) of a property with @Attribute().`),
  indexMissingKey: (c: string, index: string, what: string) =>
    p('indexMissingKey', c, undefined, `${c}: index "${index}" needs a ${what}.`),
  indexKeyKind: (c: string, index: string, prop: string, kind: string) =>
    p('keyKind', c, prop, `${c}: index "${index}" uses ${prop} of kind '${kind}' as a key: index keys must be a string, number, bigint, binary or date.`),
  tooManyIndexes: (c: string, type: string, count: number, max: number) =>
    p('tooManyIndexes', c, undefined, `${c} declares ${count} ${type} indexes; DynamoDB allows ${max} per table.`),
  tooManyProjected: (c: string, count: number) =>
    p('tooManyProjected', c, undefined, `${c}: the indexes project ${count} non-key attributes in all; DynamoDB allows 100 per table.`),
  badProjection: (c: string, index: string, value: unknown) =>
    p('badProjection', c, undefined, `${c}: index "${index}" has projection ${shown(value)}: use 'ALL', 'KEYS_ONLY' or a non-empty list of property names.`),
  unknownOption: (c: string, prop: string | undefined, where: string, option: string, known: readonly string[]) =>
    p('unknownOption', c, prop, `${c}${prop ? '.' + prop : ''}: ${where} has no option ${shown(option)}; the options are ${known.join(', ')}.`),
  badOption: (c: string, prop: string | undefined, option: string, value: unknown, expected: string) =>
    p('badOption', c, prop, `${c}${prop ? '.' + prop : ''}: option ${option} is ${shown(value)}; expected ${expected}.`),
  excludedKey: (c: string, prop: string) =>
    p('excludedKey', c, prop, `${c}.${prop} is a table or index key but carries class-transformer's @Exclude(): a key is always stored; remove @Exclude().`),
  entityAttributeTaken: (c: string, prop: string, attribute: string) =>
    p('entityAttributeTaken', c, prop,
      `${c}.${prop} is stored as "${attribute}", the attribute that holds ${c}'s entity type: ` +
      `rename the property's attribute (@Attribute({ name })) or choose another @Table({ entityAttribute }).`),
  sameEntity: (table: string, c1: string, c2: string, entity: string) =>
    p('sameEntity', c2, undefined, `${c1} and ${c2} share table "${table}" and both have the entity type "${entity}", ` +
      `so their reads cannot tell their items apart: give each its own @Table({ entity }).`),
  tableMismatch: (table: string, c1: string, c2: string, detail: string) =>
    p('tableMismatch', c2, undefined, c1 === c2
      ? `two different classes named ${c1} share table "${table}" but ${detail}: either two files declare a ${c1} for this table ` +
        '(give each model of a table its own name, and make them agree), or the class was defined twice (a module loaded again: ' +
        'hot reload, jest.resetModules, two copies of the package or of the models file). The registry keeps every definition for the ' +
        "process's life: define models once, in modules loaded once, or give the classes different names and tables."
      : `${c1} and ${c2} share table "${table}" but ${detail}: models sharing a table must agree on its keys and options.`),
};

export const modelError = {
  of: (problems: ModelProblem[]) => new ModelError(problems),
  badIndexOptions: (c: string, decorator: string, name: unknown, options: unknown) =>
    new ModelError([p('badOption', c, undefined, `${c}: ${decorator}(${shown(name)}, ...) needs an options object ` +
      `(${decorator === '@GlobalIndex' ? '{ partitionKey, sortKey?, projection?, throughput? }' : '{ sortKey, projection? }'}), got ${options === null ? 'null' : typeof options}.`)]),
  badDefinition: (c: string, what: string) =>
    new ModelError([p('badOption', c, undefined, `defineModel(${c}, ...): ${what}.`)]),
  decoratorOnStatic: (c: string, prop: string, source: string) =>
    new ModelError([p('staticMember', c, prop, `${c}.${prop}: ${source} is on a static member; put it on an instance property.`)]),
  standardDecorators: (source: string, kind: string, name: string) =>
    new ModelError([p('standardDecorators', kind === 'class' ? name : '', kind === 'class' ? undefined : name,
      `${source} on ${kind} ${JSON.stringify(name)} was called as a standard (TC39) decorator, but dynamap's decorators are ` +
      `TypeScript's legacy decorators (as class-validator's and class-transformer's are): set "experimentalDecorators": true ` +
      `(and "emitDecoratorMetadata": true) in the tsconfig.json that compiles this file (tsx, esbuild and vitest read it too), and check that this ` +
      `file is in that tsconfig's "include" or "files": tsx applies a tsconfig only to the files it includes.`)]),
  classDecoratorOnMember: (c: string, member: string, source: string) =>
    new ModelError([p('classDecoratorOnMember', c, member, `${c}.${member}: ${source} is a class decorator; put it on the class (above \`class ${c}\`).`)]),
  propertyDecoratorOnClass: (c: string, source: string) =>
    new ModelError([p('propertyDecoratorOnClass', c, undefined, `${c}: ${source} is a property decorator; put it on a property of ${c}, not on the class.`)]),
  symbolProperty: (c: string, source: string) =>
    new ModelError([p('symbolProperty', c, undefined, `${c}: ${source} is on a symbol-named property; dynamap maps string-named properties only.`)]),
  defineModelTwice: (c: string) =>
    new ModelError([p('definedAfterUse', c, undefined, `${c}: its model was changed after it was first used; declare all decorators and defineModel calls before using the model.`)]),
};
