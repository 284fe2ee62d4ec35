// Value schemas used across the config and check options: durations and sizes as people write them.
import * as v from 'valibot';
import { parseDuration, parseSize } from './units';

/** A duration written as `30s`, `26h`, `8d` (or a number of seconds); becomes milliseconds. */
export const durationSchema = v.pipe(
  v.union([v.string(), v.number()], 'expected a duration like 30s, 26h or 8d'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    const ms = typeof value === 'number' ? value * 1000 : parseDuration(value);
    if (ms === null || !Number.isFinite(ms) || ms <= 0) {
      addIssue({ message: `expected a duration like 30s, 26h or 8d, got ${JSON.stringify(value)}` });
      return NEVER;
    }
    return ms;
  }),
);

/** A size written as `10MB`, `512KiB`, `1.5G` or a number of bytes; becomes bytes. */
export const sizeSchema = v.pipe(
  v.union([v.string(), v.number()], 'expected a size like 10MB or 1.5GiB'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const bytes = parseSize(dataset.value);
    if (bytes === null) {
      addIssue({ message: `expected a size like 10MB or 1.5GiB, got ${JSON.stringify(dataset.value)}` });
      return NEVER;
    }
    return bytes;
  }),
);

/** A non-empty string. */
export const nonEmpty = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
