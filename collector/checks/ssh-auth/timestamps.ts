// Log timestamps to epoch ms: RFC 3339 (rsyslog's high-precision format, journalctl short-iso) and classic syslog
// "Nov 23 06:14:59", which has neither year nor zone (the year is inferred from the clock, the zone is configured).

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** A classic timestamp more than this far in the future belongs to the previous year (a log read just after New Year). */
const FUTURE_TOLERANCE_MS = 86_400_000;

const ZERO = 48;

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Turns log timestamps into epoch milliseconds against an injected clock and zone. */
export class LogClock {
  private readonly nowMs: number;
  private readonly utc: boolean;
  private readonly format: Intl.DateTimeFormat | null;
  private readonly offsets = new Map<number, number>();

  constructor(
    now: Date,
    readonly timeZone = 'UTC',
  ) {
    this.nowMs = now.getTime();
    this.utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
    this.format = this.utc
      ? null
      : new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
  }

  /**
   * RFC 3339 between `start` and `end` of `s`: `2026-11-23T06:14:59.513240+01:00`, `…+0100` (journalctl before
   * systemd 254), `…Z`. NaN when it is not one.
   */
  iso(s: string, start: number, end: number): number {
    if (end - start < 20 || s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45 || s.charCodeAt(start + 13) !== 58) return Number.NaN;
    const year = digits(s, start, 4);
    const month = digits(s, start + 5, 2);
    const day = digits(s, start + 8, 2);
    const hour = digits(s, start + 11, 2);
    const minute = digits(s, start + 14, 2);
    const second = digits(s, start + 17, 2);
    let i = start + 19;
    let ms = 0;
    if (s.charCodeAt(i) === 46) {
      i++;
      let scale = 100;
      while (i < end && s.charCodeAt(i) >= ZERO && s.charCodeAt(i) <= ZERO + 9) {
        ms += (s.charCodeAt(i) - ZERO) * scale;
        scale /= 10;
        i++;
      }
    }
    let offsetMin = 0;
    const sign = s.charCodeAt(i);
    if (sign === 90 /* Z */ && i + 1 === end) {
      offsetMin = 0;
    } else if ((sign === 43 || sign === 45) && (end - i === 6 || end - i === 5)) {
      const oh = digits(s, i + 1, 2);
      const om = digits(s, end - 2, 2);
      if (end - i === 6 && s.charCodeAt(i + 3) !== 58) return Number.NaN;
      offsetMin = (sign === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return Number.NaN;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return Number.NaN;
    return Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(ms) - offsetMin * 60_000;
  }

  /** Classic `Mmm dd HH:MM:SS` at `start` (15 characters); NaN when it is not one. */
  classic(s: string, start: number): number {
    const month = MONTHS[s.slice(start, start + 3)];
    if (month === undefined || s.charCodeAt(start + 3) !== 32 || s.charCodeAt(start + 6) !== 32) return Number.NaN;
    if (s.charCodeAt(start + 9) !== 58 || s.charCodeAt(start + 12) !== 58) return Number.NaN;
    const day = s.charCodeAt(start + 4) === 32 ? digits(s, start + 5, 1) : digits(s, start + 4, 2);
    const hour = digits(s, start + 7, 2);
    const minute = digits(s, start + 10, 2);
    const second = digits(s, start + 13, 2);
    if (!(day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60)) return Number.NaN;
    const year = new Date(this.nowMs).getUTCFullYear();
    const t = this.wallToUtc(year, month, day, hour, minute, second);
    // No year in the line: the latest moment that is not in the future (give or take a day of clock skew).
    return t > this.nowMs + FUTURE_TOLERANCE_MS ? this.wallToUtc(year - 1, month, day, hour, minute, second) : t;
  }

  private wallToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const wall = Date.UTC(year, month, day, hour, minute, second);
    if (this.utc) return wall;
    // Cached per wall-clock hour: zone offsets change on the hour (or half hour) at most once or twice a year.
    const key = Math.floor(wall / 3_600_000);
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      const first = this.offsetAt(wall);
      offset = this.offsetAt(wall - first);
      if (this.offsets.size > 10_000) this.offsets.clear();
      this.offsets.set(key, offset);
    }
    return wall - offset;
  }

  /** The zone's offset from UTC (ms) at an instant. */
  private offsetAt(instant: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.format!.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(instant / 1000) * 1000;
  }
}
