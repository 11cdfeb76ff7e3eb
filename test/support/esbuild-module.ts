/**
 * Compiles TypeScript model source with esbuild (as tsx, vitest and other esbuild-based tools do)
 * and runs it as a CommonJS module whose only import is dynamap: for tests of what users of such
 * tools get (no design:type metadata; standard decorators without experimentalDecorators).
 */
import { transformSync, type TsconfigRaw } from 'esbuild';
import * as dynamap from 'dynamap';

export interface CompiledModule {
  readonly code: string;
  readonly exports: Record<string, unknown>;
}

/** Compiles `source`, then runs it; throws what the module throws while it loads. */
export function runWithEsbuild(source: string, compilerOptions: Record<string, boolean>): CompiledModule {
  // Options esbuild does not know (emitDecoratorMetadata) are passed as a user's tsconfig would pass them.
  const tsconfigRaw = { compilerOptions } as TsconfigRaw;
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2022', tsconfigRaw });
  const module = { exports: {} as Record<string, unknown> };
  const load = (name: string) => {
    if (name === 'dynamap') return dynamap;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (name === 'class-transformer') return require('class-transformer') as unknown;
    throw new Error(`unexpected import ${name}`);
  };
  new Function('require', 'module', 'exports', code)(load, module, module.exports);
  return { code, exports: module.exports };
}
