/**
 * A value the user gave, as it appears in an error message: JSON where JSON can say it, and
 * never a throw. JSON.stringify alone throws on a bigint and on a cycle (so building the message
 * would replace the DynamapError with a TypeError), drops functions, and writes Infinity as null.
 */

const MAX_LENGTH = 200;
const MAX_DEPTH = 3;
const MAX_ENTRIES = 10;
/** A string alone is shown whole up to this length (a too-long name is best seen whole). */
const MAX_STRING = 1000;

function showString(value: string, max: number): string {
  return value.length > max ? `${JSON.stringify(cut(value, max))}... (${value.length} characters)` : JSON.stringify(value);
}

export function shown(value: unknown): string {
  if (typeof value === 'string') return showString(value, MAX_STRING);
  let text: string;
  try {
    text = show(value, 0, new Set());
  } catch {
    // A getter or a Proxy trap that throws: the message still says what kind of value it was.
    text = `(${typeof value === 'function' ? 'a function' : 'an object'} that cannot be shown)`;
  }
  return text.length > MAX_LENGTH ? `${cut(text, MAX_LENGTH - 3)}...` : text;
}

/** The first `max` characters, not ending inside a surrogate pair (half an emoji). */
function cut(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Whether a function is a class (`class X {}`), for messages that say "class X" or what to write instead. */
export function isClass(fn: Function): boolean {
  return /^class\b/.test(Function.prototype.toString.call(fn));
}

function show(value: unknown, depth: number, path: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return showString(value, MAX_LENGTH);
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return functionName(value);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (path.has(object)) return '[circular]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : `Date(${value.toISOString()})`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[...]' : '{...}';
  path.add(object);
  try {
    if (Array.isArray(value)) return `[${entries(value.map((v) => show(v, depth + 1, path)), value.length)}]`;
    if (value instanceof Set) return `Set [${entries([...value].slice(0, MAX_ENTRIES + 1).map((v) => show(v, depth + 1, path)), value.size)}]`;
    if (value instanceof Map) return `Map(${value.size})`;
    const keys = Object.keys(object);
    const fields = keys.slice(0, MAX_ENTRIES + 1).map((k) => `${JSON.stringify(k)}:${show((object as Record<string, unknown>)[k], depth + 1, path)}`);
    const proto = Object.getPrototypeOf(object) as object | null;
    const name = proto === null || proto === Object.prototype ? '' : `${(proto.constructor as { name?: string } | undefined)?.name || 'object'} `;
    return `${name}{${entries(fields, keys.length)}}`;
  } finally {
    path.delete(object);
  }
}

function entries(shownValues: string[], count: number): string {
  return count > MAX_ENTRIES ? `${shownValues.slice(0, MAX_ENTRIES).join(',')},... (${count} in all)` : shownValues.join(',');
}

function functionName(fn: Function): string {
  return `${isClass(fn) ? 'class' : 'function'} ${fn.name || '(anonymous)'}`;
}

/**
 * A property name or path the user wrote, as a message shows it: bare when it reads as one
 * (`rating`, `info.actors[0]`), quoted and escaped otherwise (control characters, newlines), and
 * cut when it is long, so that no input can write raw bytes or megabytes into a message.
 */
export function shownName(name: string): string {
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*$/.test(name) && name.length <= 200 ? name : shown(name);
}

/** An AWS message embedded as a sentence of ours: ends with one period ("…requestTimeout." is not given a second). */
export function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
