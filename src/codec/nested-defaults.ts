/**
 * Defaults inside nested documents. A put fills a missing property that has a `default` in the
 * item it writes, at any depth; the top-level ones are then set on the entity too (write hooks).
 * The nested ones are set here, after the write succeeded, from the item as written: so the entity
 * is what was stored, and a later save() does not see the property as missing and call a default
 * function again (a nested generated id would change on every save).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getDocumentSchema } from '../metadata/schema';
import type { AttributeSchema, DocumentSchema } from '../metadata/types';
import { attributeCodecOf } from './document';

const cache = new WeakMap<DocumentSchema, boolean>();

/** Whether a document's nested classes (at any depth) have a property with a default. */
export function hasNestedDefaults(schema: DocumentSchema): boolean {
  let known = cache.get(schema);
  if (known === undefined) {
    cache.set(schema, false); // a class that nests itself: assume none while looking
    known = schema.attributes.some((a) => a.documentClass !== undefined && documentHasDefaults(getDocumentSchema(a.documentClass)));
    cache.set(schema, known);
  }
  return known;
}

function documentHasDefaults(doc: DocumentSchema): boolean {
  return doc.attributes.some((a) => a.hasDefault) || hasNestedDefaults(doc);
}

/** Sets, on the entity's nested instances, the defaults the written item got for them. */
export function adoptNestedDefaults(schema: DocumentSchema, entity: object, item: Record<string, AttributeValue>): void {
  for (const attr of schema.attributes) {
    if (attr.documentClass === undefined) continue;
    const value = (entity as Record<string, unknown>)[attr.property];
    const av = item[attr.name];
    if (value === null || typeof value !== 'object' || av === undefined) continue;
    const doc = getDocumentSchema(attr.documentClass);
    if (attr.kind === 'document' && av.M) fill(doc, value, av.M);
    else if (attr.kind === 'documentList' && Array.isArray(value) && av.L) {
      for (let i = 0; i < value.length; i++) {
        const element: unknown = value[i];
        const m = av.L[i]?.M;
        if (element !== null && typeof element === 'object' && m) fill(doc, element, m);
      }
    }
  }
}

function fill(doc: DocumentSchema, target: object, map: Record<string, AttributeValue>): void {
  const t = target as Record<string, unknown>;
  for (const attr of doc.attributes) {
    if (attr.hasDefault && t[attr.property] === undefined && map[attr.name] !== undefined && Object.isExtensible(target)) {
      setFrom(t, attr, map[attr.name]);
    }
  }
  if (hasNestedDefaults(doc)) adoptNestedDefaults(doc, target, map);
}

function setFrom(target: Record<string, unknown>, attr: AttributeSchema, av: AttributeValue): void {
  try {
    target[attr.property] = attributeCodecOf(attr).decode(av);
  } catch {
    // A read-only or accessor property: the entity keeps what it had; the item holds the default.
  }
}
