// Query regexes run on RE2 (src/topics/compile-regex.ts). Two figures: the
// hostile pattern that hung the daemon with JavaScript's RegExp, and what RE2
// costs on an ordinary pattern against the engine it replaced.
import { compileRegex } from '../../dist/topics/compile-regex.js';

/** Mean ms per call of fn over `runs` calls, after one warm-up call. */
function timeEach(fn, runs) {
  fn();
  const started = performance.now();
  for (let i = 0; i < runs; i += 1) fn();
  return (performance.now() - started) / runs;
}

export function benchRegex() {
  const hostile = `${'a'.repeat(48)}!`;
  const re2 = compileRegex('(a+)+$', '');
  const hostileMs = timeEach(() => re2.test(hostile), 2000);
  // 48 a's would not finish: the backtracking baseline runs on 22, and doubles with each one more.
  const shortHostile = `${'a'.repeat(22)}!`;
  const backtracking = /(a+)+$/;
  const backtrackingMs = timeEach(() => backtracking.test(shortHostile), 3);
  const titles = Array.from({ length: 1000 }, (_, i) => `Story ${i}: ministers meet as NATO’s summit opens in the South Caucasus, day ${i % 7}`);
  const ordinary = compileRegex('nato\\b', 'i');
  const native = /nato\b/i;
  const re2Ms = timeEach(() => titles.every((t) => ordinary.test(t)), 200) / titles.length;
  const nativeMs = timeEach(() => titles.every((t) => native.test(t)), 200) / titles.length;
  return { hostileMs, backtrackingMs, re2Ms, nativeMs };
}
