/**
 * The TypeScript blocks of README.md and docs/*.md, type-checked against the sources as a reader
 * would paste them. Each block is its own module; what it uses without declaring (the doc's model,
 * a `mapper`, a `key`) comes from the doc's context file in ./context/, whose declarations are
 * added unless the block declares or imports the same name itself, and so are the classes and
 * types of the doc's earlier blocks (as a reader takes them); ./context/_common.ts holds what every
 * doc may use (the public surface, a `mapper`), overridden by a doc's own context. A line whose
 * comment says `compile error` must fail to compile (it gets a `// @ts-expect-error` above it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';

export const ROOT = join(__dirname, '..', '..', '..');
const CONTEXT_DIR = join(__dirname, 'context');
const VIRTUAL_DIR = join(__dirname, '.snippets');

export interface Snippet {
  /** The doc, relative to the repository root. */
  readonly doc: string;
  /** 1-based line of the block's first code line in the doc. */
  readonly line: number;
  readonly code: string;
}

export function docsWithSnippets(): string[] {
  return ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

export function snippetsOf(doc: string): Snippet[] {
  const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
  const out: Snippet[] = [];
  let open: { line: number; code: string[]; checked: boolean } | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(\S*)/.exec(text);
    if (!fence) {
      open?.code.push(text);
      return;
    }
    if (open) {
      if (open.checked) out.push({ doc, line: open.line, code: open.code.join('\n') });
      open = undefined;
    } else {
      const lang = fence[1]!;
      open = { line: i + 2, code: [], checked: lang === 'ts' || lang === 'typescript' };
    }
  });
  return out;
}

/** Top-level names a statement declares (imports included). */
function declaredNames(statement: ts.Statement): string[] {
  const names: string[] = [];
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.push(e.name.text);
  } else if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) bind(d.name);
  } else if (
    (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
    statement.name && ts.isIdentifier(statement.name)
  ) {
    names.push(statement.name.text);
  }
  return names;
}

function parse(name: string, code: string): ts.SourceFile {
  return ts.createSourceFile(name, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** An import without the names `taken`; undefined when none is left (a side-effect import stays). */
function importWithout(statement: ts.ImportDeclaration, taken: ReadonlySet<string>): string | undefined {
  const clause = statement.importClause;
  if (!clause) return statement.getText();
  const from = statement.moduleSpecifier.getText();
  if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
    const kept = clause.namedBindings.elements.filter((e) => !taken.has(e.name.text)).map((e) => e.getText());
    return kept.length ? `import ${clause.isTypeOnly ? 'type ' : ''}{ ${kept.join(', ')} } from ${from};` : undefined;
  }
  return declaredNames(statement).some((n) => taken.has(n)) ? undefined : statement.getText();
}

/** The context's statements that declare nothing the block declares itself, as source text. */
function contextFor(context: ts.SourceFile | undefined, taken: ReadonlySet<string>): string[] {
  if (!context) return [];
  const out: string[] = [];
  for (const statement of context.statements) {
    const text = ts.isImportDeclaration(statement) ? importWithout(statement, taken)
      : declaredNames(statement).some((n) => taken.has(n)) ? undefined : statement.getText();
    if (text !== undefined) out.push(text);
  }
  return out;
}

function identifiersIn(code: string): Set<string> {
  return new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

export interface SnippetProblem {
  readonly doc: string;
  /** The doc's line. */
  readonly line: number;
  readonly message: string;
}

/** Type-checks every snippet; the problems found, located in the docs. */
export function checkSnippets(docs: readonly string[]): SnippetProblem[] {
  const files = new Map<string, { text: string; origin: (line: number) => number; doc: string }>();
  const commonPath = join(CONTEXT_DIR, '_common.ts');
  const common = parse(commonPath, readFileSync(commonPath, 'utf8'));
  for (const doc of docs) {
    const contextPath = join(CONTEXT_DIR, `${basename(doc, '.md')}.ts`);
    const context = existsSync(contextPath) ? parse(contextPath, readFileSync(contextPath, 'utf8')) : undefined;
    const contextNames = context ? context.statements.flatMap(declaredNames) : [];
    const earlier: ts.SourceFile[] = [];
    snippetsOf(doc).forEach((snippet, n) => {
      const block = parse('block.ts', snippet.code);
      const blockNames = new Set(block.statements.flatMap(declaredNames));
      // Classes and types of earlier blocks that the block uses (the latest of a name: a reader
      // takes the doc's last Movie), with what they use in turn.
      const candidates = new Map<string, ts.Statement>();
      for (const previous of earlier) {
        for (const statement of previous.statements) {
          if (ts.isVariableStatement(statement) || ts.isExpressionStatement(statement)) continue;
          for (const name of declaredNames(statement)) if (!blockNames.has(name)) candidates.set(name, statement);
        }
      }
      const used = new Set<ts.Statement>();
      const pending = [...identifiersIn(snippet.code)];
      for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
        const statement = candidates.get(name);
        if (statement && !used.has(statement)) {
          used.add(statement);
          pending.push(...identifiersIn(statement.getText()));
        }
      }
      const fromEarlier = earlier.flatMap((previous) => previous.statements.filter((st) => used.has(st)))
        .map((st) => (ts.isImportDeclaration(st) ? importWithout(st, blockNames) : st.getText()))
        .filter((text): text is string => text !== undefined);
      const taken = new Set([...blockNames, ...[...used].flatMap(declaredNames)]);
      earlier.push(block);
      const head = [
        `// ${doc}, block ${n + 1}`,
        ...contextFor(common, new Set([...taken, ...contextNames])),
        ...contextFor(context, taken),
        ...fromEarlier,
      ].flatMap((s) => s.split('\n'));
      const body: string[] = [];
      const origins: number[] = [];
      snippet.code.split('\n').forEach((text, i) => {
        if (/\/\/.*\bcompile error\b/.test(text)) {
          body.push('// @ts-expect-error (the doc says this line does not compile)');
          origins.push(snippet.line + i);
        }
        body.push(text);
        origins.push(snippet.line + i);
      });
      const text = [...head, ...body, 'export {};', ''].join('\n');
      const name = join(VIRTUAL_DIR, `${doc.replace(/[/.]/g, '_')}_${n + 1}.ts`);
      files.set(name, { text, doc, origin: (line) => (line < head.length ? -1 : origins[line - head.length] ?? -1) });
    });
  }

  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    // Top-level await, as in the docs: an ES module.
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f)?.text ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => {
    const virtual = files.get(f);
    return virtual ? ts.createSourceFile(f, virtual.text, language, true) : getSourceFile(f, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const problems: SnippetProblem[] = [];
  for (const [name, file] of files) {
    const sf = program.getSourceFile(name)!;
    for (const d of ts.getPreEmitDiagnostics(program, sf)) {
      if (d.file !== sf || d.start === undefined) continue;
      const at = sf.getLineAndCharacterOfPosition(d.start).line;
      const origin = file.origin(at);
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      problems.push({ doc: file.doc, line: origin, message: origin < 0 ? `(in the context) ${message}: ${sf.text.split('\n')[at]}` : message });
    }
  }
  return problems;
}
