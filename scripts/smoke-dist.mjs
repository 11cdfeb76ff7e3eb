#!/usr/bin/env node
/**
 * Smoke test of the built package (run after `npm run build`; `npm run smoke:dist` does both).
 * Loads the package by its own name, the way users do (Node resolves a package's own name
 * through its "exports"), once with require and once with import, and checks:
 *   - each condition resolves to the intended file (dist/cjs/index.js, dist/esm/index.mjs);
 *   - both expose the same export names, bound to the very same values (one copy of the code);
 *   - TypeScript resolves types for both an ESM and a CommonJS consumer (module node16);
 *   - every package the built code loads is a runtime dependency (not a devDependency that an
 *     installed copy would lack).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};

// 1. Resolution by package name.
const requirePath = require.resolve(pkg.name);
const importUrl = import.meta.resolve(pkg.name);
check(relative(root, requirePath) === join('dist', 'cjs', 'index.js'), `require.resolve('${pkg.name}') -> ${relative(root, requirePath)}`);
check(importUrl === pathToFileURL(join(root, 'dist', 'esm', 'index.mjs')).href, `import.meta.resolve('${pkg.name}') -> ${relative(root, fileURLToPath(importUrl))}`);

// 2. Same names, same values.
const cjs = require(pkg.name);
const esm = await import(pkg.name);
const cjsNames = Object.keys(cjs).filter((n) => n !== '__esModule').sort();
const esmNames = Object.keys(esm).sort();
const missing = cjsNames.filter((n) => !esmNames.includes(n));
const extra = esmNames.filter((n) => !cjsNames.includes(n));
check(missing.length === 0 && extra.length === 0, `same ${cjsNames.length} export name(s) from require and import` +
  (missing.length ? `; missing from import: ${missing.join(', ')}` : '') +
  (extra.length ? `; only in import: ${extra.join(', ')}` : ''));
const different = cjsNames.filter((n) => esmNames.includes(n) && esm[n] !== cjs[n]);
check(different.length === 0, `import and require give identical values${different.length ? `; differ: ${different.join(', ')}` : ''}`);
if (cjsNames.length === 0) console.log('note: the package exports nothing yet (src/index.ts is empty)');

// 3. Types for ESM and CommonJS consumers, resolved through "exports" (self-reference).
const work = join(root, '.build', 'smoke-dist');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'esm.mts'), `import * as dynamap from '${pkg.name}';\nexport const names: string[] = Object.keys(dynamap);\n`);
writeFileSync(join(work, 'cjs.cts'), `import dynamap = require('${pkg.name}');\nexport const names: string[] = Object.keys(dynamap);\n`);
writeFileSync(
  join(work, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
      },
      files: ['esm.mts', 'cjs.cts'],
    },
    null,
    2,
  ),
);
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], {
    cwd: work,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  check(true, 'TypeScript (node16) type-checks an ESM and a CommonJS consumer of the package');
} catch (error) {
  check(false, `TypeScript (node16) consumer check:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
}

// 3b. The strictest consumer settings: exactOptionalPropertyTypes (a property that may be cleared
// is written `?: T | undefined`, and an option may be given as possibly undefined), with decorators.
writeFileSync(join(work, 'strict.mts'), `import { Attribute, CreatedAt, Mapper, PartitionKey, Table, TimeToLive, Version } from '${pkg.name}';
@Table({ name: 'Strict' })
export class Strict {
  @PartitionKey({ type: 'string' }) id!: string;
  @Version() version?: number | undefined;
  @CreatedAt() created?: Date | undefined;
  @TimeToLive({ type: 'epochSeconds' }) expires?: Date | undefined;
  @Attribute({ type: 'string', default: 'x', name: undefined }) note?: string | undefined;
}
const prefix: string | undefined = process.env.PREFIX;
const flag: boolean | undefined = process.env.FLAG === undefined ? undefined : true;
export const mapper = new Mapper({ tablePrefix: prefix, validate: flag });
export const read = () => mapper.get(Strict, { id: 'a' }, { consistent: flag });
export const put = (s: Strict) => mapper.put(s, { overwrite: flag, condition: undefined });
export const many = () => mapper.batchGet(Strict, [{ id: 'a' }], { consistent: flag, concurrency: undefined });
`);
writeFileSync(join(work, 'tsconfig.strict.json'), JSON.stringify({
  compilerOptions: {
    module: 'node16', moduleResolution: 'node16', target: 'ES2022', strict: true, noEmit: true,
    exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true, isolatedModules: true,
    experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: false,
    types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
  },
  files: ['strict.mts'],
}, null, 2));
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(work, 'tsconfig.strict.json')], { cwd: work, stdio: 'pipe', encoding: 'utf8' });
  check(true, 'TypeScript type-checks a consumer with exactOptionalPropertyTypes, noUncheckedIndexedAccess and verbatimModuleSyntax');
} catch (error) {
  check(false, `TypeScript strictest consumer check:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
}
rmSync(work, { recursive: true, force: true });

// 4. What the built code loads is installed with it: node builtins and "dependencies" only.
const loaded = new Set();
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.(c|m)?js$/.test(entry.name)) {
      for (const m of readFileSync(path, 'utf8').matchAll(/(?:require\(|from\s+|import\()\s*['"]([^'"./][^'"]*)['"]/g)) loaded.add(m[1]);
    }
  }
};
walk(join(root, 'dist'));
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const notInstalled = [...loaded].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && !(packageOf(s) in (pkg.dependencies ?? {})));
check(notInstalled.length === 0 && loaded.size > 0,
  `the built code loads only node builtins and dependencies (${[...new Set([...loaded].map(packageOf))].sort().join(', ')})` +
  (notInstalled.length ? `; not in dependencies: ${notInstalled.join(', ')}` : ''));

if (failures.length > 0) {
  console.error(`\nsmoke:dist FAILED (${failures.length} problem(s))`);
  process.exit(1);
}
console.log('\nsmoke:dist passed');
