// Minimal timing harness: warm-up, then the median of several timed samples, in ns per operation.
// All peers of one table are measured in the same process so their ratios are comparable.

const now = () => process.hrtime.bigint();

/** ns/op of a synchronous function: median of `samples` runs of ≈`sampleMs` each, after warm-up. */
export function measure(fn, { samples = 7, sampleMs = 150 } = {}) {
  let iterations = 1;
  // Warm-up doubles as calibration: find an iteration count that fills one sample.
  for (;;) {
    const start = now();
    for (let i = 0; i < iterations; i++) fn();
    const elapsed = Number(now() - start) / 1e6;
    if (elapsed >= sampleMs / 4) {
      iterations = Math.max(1, Math.round((iterations * sampleMs) / elapsed));
      break;
    }
    iterations *= 2;
  }
  const results = [];
  for (let s = 0; s < samples; s++) {
    const start = now();
    for (let i = 0; i < iterations; i++) fn();
    results.push(Number(now() - start) / iterations);
  }
  return median(results);
}

/** ns/op of an async function, `inFlight` calls at a time. */
export async function measureAsync(fn, { inFlight = 1, samples = 5, sampleMs = 200 } = {}) {
  const round = async () => {
    if (inFlight === 1) await fn();
    else await Promise.all(Array.from({ length: inFlight }, fn));
  };
  for (let i = 0; i < 50; i++) await round();
  const results = [];
  for (let s = 0; s < samples; s++) {
    let ops = 0;
    const start = now();
    while (Number(now() - start) / 1e6 < sampleMs) {
      await round();
      ops += inFlight;
    }
    results.push(Number(now() - start) / ops);
  }
  return median(results);
}

/**
 * Rows measured interleaved: each round times a short batch of every row in turn (wall clock),
 * and each row reports its fastest batch. On a shared 2-vCPU machine other processes take the core
 * for milliseconds at a time; the fastest of many interleaved batches is the one least disturbed,
 * for every row alike, so the ratios stay meaningful (process CPU time is no cure: V8's background
 * GC and compiler threads bill the row that happens to run). BENCH_STAT=median reports medians.
 * Rows are [name, fn, async?]; resolves with ns/op per row.
 */
export async function interleaved(rows, { rounds = 40, batchMs = 4 } = {}) {
  const iterations = [];
  for (const [, fn, isAsync] of rows) {
    // Warm-up and calibration: the iteration count that fills one batch.
    let n = 1;
    for (;;) {
      const start = now();
      for (let i = 0; i < n; i++) isAsync ? await fn() : fn();
      const ms = Number(now() - start) / 1e6;
      if (ms >= batchMs / 2) {
        iterations.push(Math.max(1, Math.round((n * batchMs) / ms)));
        break;
      }
      n *= 2;
    }
  }
  const samples = rows.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [k, [, fn, isAsync]] of rows.entries()) {
      const n = iterations[k];
      const start = now();
      for (let i = 0; i < n; i++) isAsync ? await fn() : fn();
      samples[k].push(Number(now() - start) / n);
    }
  }
  const pick = process.env.BENCH_STAT === 'median' ? (v) => [...v].sort((a, b) => a - b)[v.length >> 1] : (v) => Math.min(...v);
  return samples.map(pick);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const fmt = (n, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Prints one table: each row is [name, ns/op]; the first row is ours and every other row gets the
 * ratio ours-faster-by (peer time / our time).
 */
export function table(title, rows) {
  const [ours] = rows;
  console.log(`\n${title}`);
  console.log(`  ${'implementation'.padEnd(44)} ${'ops/s'.padStart(12)} ${'µs/op'.padStart(9)}  ours vs peer`);
  for (const [name, ns] of rows) {
    const ratio = name === ours[0] ? '' : `${fmt(ns / ours[1])}×`;
    console.log(`  ${name.padEnd(44)} ${fmt(1e9 / ns, 0).padStart(12)} ${fmt(ns / 1000).padStart(9)}  ${ratio}`);
  }
}
