/**
 * dynamap as users run it: the built package (dist/cjs, compiled by tsc), not the TypeScript
 * sources through tsx. tsx turns each source module's exports into getters, so every call across
 * modules pays a getter; measured on the codec's hot path that was about a tenth of its time, a
 * cost no user of the published package pays. Types still come from src (typecheck needs no build).
 *
 * The bench scripts run `npm run build` first.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const DIST = path.join(__dirname, '..', '..', 'dist', 'cjs');

function load<M>(module: string): M {
  const file = path.join(DIST, `${module}.js`);
  if (!existsSync(file)) throw new Error(`bench: ${file} is missing; run \`npm run build\` first (the bench:* scripts do)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as M;
}

/** The public surface, from dist/cjs/index.js. */
export const dynamap = load<typeof import('../../src/index')>('index');
/** Codec internals (codecFor, encodeKey) for the codec-only measurements. */
export const codecInternals = load<typeof import('../../src/codec/index')>('codec/index');
