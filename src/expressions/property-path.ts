/**
 * Parses a property path as users write it: `info.rating`, `info.actors[0]`, and `meta["a.b"]`
 * for a map key that itself holds a dot or bracket (beyond the schema keys are free strings).
 */

export type PropertySegment = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly index: number };

export type ParseResult = { readonly ok: true; readonly segments: readonly PropertySegment[] } | { readonly ok: false; readonly reason: string };

const NAME_END = /[.[\]]/;

export function parsePropertyPath(path: string): ParseResult {
  if (typeof path !== 'string' || path.length === 0) return { ok: false, reason: 'it is empty' };
  const segments: PropertySegment[] = [];
  let i = 0;
  let expectName = true; // at the start, and after a dot
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      if (expectName) return { ok: false, reason: `a name is missing before "[" at position ${i}` };
      const close = path.indexOf(']', i);
      if (close < 0) return { ok: false, reason: `"[" at position ${i} is not closed` };
      const inner = path.slice(i + 1, close);
      if (inner.startsWith('"')) {
        const end = quotedEnd(path, i + 1);
        if (end < 0 || path[end + 1] !== ']') return { ok: false, reason: `the quoted name at position ${i + 1} is not closed by "]` };
        let name: string;
        try {
          name = JSON.parse(path.slice(i + 1, end + 1)) as string;
        } catch {
          return { ok: false, reason: `the quoted name at position ${i + 1} is not a valid JSON string` };
        }
        // DynamoDB refuses an empty attribute name, map keys included.
        if (name === '') return { ok: false, reason: `the quoted name at position ${i + 1} is empty (DynamoDB has no empty attribute names)` };
        segments.push({ kind: 'name', name });
        i = end + 2;
        continue;
      }
      if (!/^(0|[1-9]\d{0,8})$/.test(inner)) return { ok: false, reason: `[${inner}] is not a list index (a whole number)` };
      segments.push({ kind: 'index', index: Number(inner) });
      i = close + 1;
      continue;
    }
    if (c === '.') {
      if (expectName) return { ok: false, reason: `a name is missing before "." at position ${i}` };
      expectName = true;
      i++;
      continue;
    }
    if (c === ']') return { ok: false, reason: `"]" at position ${i} has no "["` };
    if (!expectName) return { ok: false, reason: `"." or "[" is missing at position ${i}` };
    const rest = path.slice(i);
    const m = NAME_END.exec(rest);
    const name = m ? rest.slice(0, m.index) : rest;
    segments.push({ kind: 'name', name });
    i += name.length;
    expectName = false;
  }
  if (expectName) return { ok: false, reason: 'it ends with "."' };
  return { ok: true, segments };
}

/** Index of the closing quote of a JSON string starting at `start`, or -1. */
function quotedEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** Writes segments back as a property path (for messages and for `nestedPaths`). */
export function formatPropertyPath(segments: readonly PropertySegment[]): string {
  let out = '';
  for (const s of segments) {
    if (s.kind === 'index') out += `[${s.index}]`;
    else if (NAME_END.test(s.name) || s.name === '') out += `[${JSON.stringify(s.name)}]`;
    else out += out ? `.${s.name}` : s.name;
  }
  return out;
}
