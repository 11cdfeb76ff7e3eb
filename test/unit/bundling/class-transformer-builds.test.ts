/**
 * class-transformer ships three builds with a metadata store each (cjs, esm5 from its `module`
 * field, esm2015 from `es2015`). A bundler that prefers `module` (webpack's default for node
 * targets, esbuild with mainFields module first) gives the user's @Exclude() the esm5 store: dynamap
 * must still see it, or an excluded password is stored. The program is bundled with esbuild, as a
 * user's build would, and run in a separate node process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const program = `
import 'reflect-metadata';
import { Exclude, Type } from 'class-transformer';
import { Attribute, PartitionKey, Table, fromItem, toItem } from 'dynamap';
class Address { @Attribute({ type: 'string' }) city?: string; }
@Table({ name: 'Customers' })
class Customer {
  @PartitionKey({ type: 'string' }) id!: string;
  @Exclude() @Attribute({ type: 'string' }) password?: string;
  @Type(() => Address) @Attribute({ type: () => [Address] }) addresses?: Address[];
}
const item = toItem(Object.assign(new Customer(), { id: 'c1', password: 'hunter2', addresses: [Object.assign(new Address(), { city: 'Oslo' })] }));
const back = fromItem(Customer, item);
console.log(JSON.stringify({ item, address: back.addresses?.[0] instanceof Address }));
`;

const dir = mkdtempSync(path.join(tmpdir(), 'dynamap-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundleAndRun(mainFields: string[]): { item: Record<string, unknown>; address: boolean } {
  const entry = path.join(dir, 'entry.ts');
  const out = path.join(dir, `out-${mainFields.join('-')}.cjs`);
  writeFileSync(entry, program);
  buildSync({
    entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'cjs', mainFields, logLevel: 'silent',
    nodePaths: [path.join(__dirname, '..', '..', '..', 'node_modules')],
    alias: { dynamap: path.join(__dirname, '..', '..', '..', 'src', 'index.ts') },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true } },
  });
  return JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as { item: Record<string, unknown>; address: boolean };
}

describe('class-transformer decorators seen whichever of its builds the bundler picked', () => {
  it.each([[['module', 'main']], [['es2015', 'main']], [['main', 'module']]])('mainFields %j: @Exclude() is not stored, @Type is honoured', (mainFields) => {
    const { item, address } = bundleAndRun(mainFields);
    expect(item).toEqual({ id: { S: 'c1' }, addresses: { L: [{ M: { city: { S: 'Oslo' } } }] } });
    expect(address).toBe(true);
  });
});
