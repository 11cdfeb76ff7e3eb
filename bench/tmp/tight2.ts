import { codecInternals, dynamap } from '../support/built';
import { BenchMovie, makeMovie, handItem, handRead } from '../codec/model';
const { codecFor, encodeKey } = codecInternals;
const N = 2000; const movies = Array.from({ length: N }, (_, i) => makeMovie(i));
const codec = codecFor(BenchMovie); const schema = dynamap.getModelSchema(BenchMovie);
const items = movies.map((m) => codec.toItem(m));
let sink = 0;
function time(label: string, f: () => void) { for (let w = 0; w < 20; w++) f(); const t = process.hrtime.bigint(); const R = 100; for (let r = 0; r < R; r++) f(); const ns = Number(process.hrtime.bigint() - t) / (R * N); console.log(label.padEnd(20), ns.toFixed(0), 'ns/item'); }
for (let k = 0; k < 2; k++) {
time('hand toItem', () => { for (let i = 0; i < N; i++) sink += handItem(movies[i]) ? 1 : 0; });
time('codec toItem', () => { for (let i = 0; i < N; i++) sink += codec.toItem(movies[i]) ? 1 : 0; });
time('hand read', () => { for (let i = 0; i < N; i++) sink += handRead(items[i]).year as number; });
time('codec fromItem', () => { for (let i = 0; i < N; i++) sink += codec.fromItem(items[i]).year; });
time('hand key', () => { for (let i = 0; i < N; i++) { const m = movies[i]; sink += ({ id: { S: m.id }, year: { N: String(m.year) } }).id ? 1 : 0; } });
time('encodeKey', () => { for (let i = 0; i < N; i++) { const m = movies[i]; sink += encodeKey(schema, { id: m.id, year: m.year }).id ? 1 : 0; } });
}
