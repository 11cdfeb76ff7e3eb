/**
 * Every ```ts block of README.md and docs/ type-checks against the sources, as pasted by a reader
 * (with the doc's context: see ./snippets.ts), and every line a doc says does not compile does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, checkSnippets, docsWithSnippets, snippetsOf, type SnippetProblem } from './snippets';

const docs = docsWithSnippets();
let problems: SnippetProblem[] = [];

beforeAll(() => {
  problems = checkSnippets(docs);
}, 120_000);

describe('code in the docs', () => {
  it.each(docs)('%s: its TypeScript blocks compile', (doc) => {
    const found = problems.filter((p) => p.doc === doc).map((p) => `${p.doc}:${p.line}: ${p.message}`);
    expect(found).toEqual([]);
  });

  it.each(docs)('%s: every ```ts fence is found and checked', (doc) => {
    // Counted a second way: a fence the extractor paired wrongly would leave code unchecked.
    const fences = readFileSync(join(ROOT, doc), 'utf8').split('\n').filter((line) => /^```(ts|typescript)(\s|$)/.test(line)).length;
    expect(snippetsOf(doc)).toHaveLength(fences);
    if (doc !== 'docs/cli.md') expect(fences).toBeGreaterThan(0);
  });
});
