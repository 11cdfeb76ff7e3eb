import { codecInternals } from '../support/built';
import { BenchMovie, makeMovie } from '../codec/model';
const { codecFor } = codecInternals;
const N = 2000; const movies = Array.from({ length: N }, (_, i) => makeMovie(i));
const codec = codecFor(BenchMovie);
let sink = 0;
const t = process.hrtime.bigint();
for (let r = 0; r < 300; r++) for (let i = 0; i < N; i++) sink += codec.toItem(movies[i]) ? 1 : 0;
console.log(Number(process.hrtime.bigint() - t) / (300 * N), 'ns');
