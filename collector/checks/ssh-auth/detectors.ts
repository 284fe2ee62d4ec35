// Brute-force detectors with constant memory per address: a leaky bucket (CrowdSec) and a sliding window (fail2ban).
import type { Detector } from './options';

/** Per-address state of one detector. */
export interface DetectorState {
  /** Bucket level, or failures seen by the window. */
  level: number;
  /** Time of the last failure fed (bucket), ms. */
  at: number;
  /** Ring of the last max_retry failure times (window only). */
  times: number[] | null;
  head: number;
  /** When the detector first fired, ms; null when it has not. */
  trippedAt: number | null;
}

/** Fresh state for a detector. */
export function newDetectorState(d: Detector): DetectorState {
  return { level: 0, at: 0, times: d.kind === 'window' ? [] : null, head: 0, trippedAt: null };
}

/** Feed one failure at `time`; returns true when this failure made the detector fire for the first time. */
export function feedDetector(d: Detector, s: DetectorState, time: number): boolean {
  if (d.kind === 'bucket') {
    // Logs can be slightly out of order (rotated files, rsyslog batching): time never runs backwards for the bucket.
    const elapsed = s.level === 0 ? 0 : Math.max(0, time - s.at);
    s.level = Math.max(0, s.level - elapsed / d.leakMs) + 1;
    s.at = Math.max(s.at, time);
    // CrowdSec overflows when an event arrives at a full bucket: more than `capacity` events.
    if (s.level > d.capacity && s.trippedAt === null) {
      s.trippedAt = time;
      return true;
    }
    return false;
  }
  const ring = s.times!;
  s.level++;
  if (ring.length < d.maxRetry) {
    ring.push(time);
  } else {
    ring[s.head] = time;
    s.head = (s.head + 1) % d.maxRetry;
  }
  // fail2ban bans at the max_retry-th failure inside find_time: the oldest of the last max_retry is recent enough.
  if (ring.length === d.maxRetry && s.trippedAt === null) {
    const oldest = ring[s.head]!;
    if (Math.abs(time - oldest) <= d.findTimeMs) {
      s.trippedAt = time;
      return true;
    }
  }
  return false;
}
