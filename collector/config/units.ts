// Durations ("26h", "8d") and sizes ("10MB", "1.5GiB") as written in vigil.yaml.

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Milliseconds for a duration like `90s`, `26h`, `8d`, `2w`, or `1h30m`; null when it is not one. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(s)) return null;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return total;
}

/** A short human form of milliseconds: `45s`, `12m`, `26h`, `8d`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)}ms`;
  if (abs < 120_000) return `${Math.round(ms / 1000)}s`;
  if (abs < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  if (abs < 172_800_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.round(ms / 86_400_000)}d`;
}

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/** Bytes for a size like `10MB`, `512KiB`, `1.5G` or a plain number; null when it is not one. */
export function parseSize(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? '').toLowerCase() || 'b';
  const factor = SIZE_UNITS[unit];
  return factor === undefined ? null : Math.round(Number(m[1]) * factor);
}

/** A human size: `0 B`, `512 KiB`, `1.4 GiB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${i === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[i]}`;
}
