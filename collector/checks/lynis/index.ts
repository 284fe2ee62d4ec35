// lynis: when Lynis has written its report, its warnings, suggestions and hardening index become findings — unless stale.
import * as v from 'valibot';
import { durationSchema } from '../../config/value-schemas';
import { defineCheck } from '../check';
import { analyzeLynis, isLynisStale, type LynisObservation, type LynisOptions } from './analyze';
import { parseLynisReport } from './parse';
import { DEFAULT_REPORT, probeLynis } from './probe';

export const lynis = defineCheck<LynisObservation, LynisOptions>({
  id: 'lynis',
  title: 'Lynis report',
  domain: 'security',
  scope: 'host',
  description: "Lynis's last report (/var/log/lynis-report.dat): warnings, a summary of suggestions, the hardening index, and whether the report is stale.",
  options: {
    report: v.optional(v.pipe(v.string(), v.startsWith('/', 'expected an absolute path')), DEFAULT_REPORT),
    /** Debian's lynis.timer runs daily; a week and a day covers weekly schedules too. */
    max_age: v.optional(durationSchema, '8d'),
    min_hardening_index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100, 'expected 0 to 100')), 60),
  },
  async gather({ host, hostConfig, options, signal }) {
    const raw = await probeLynis(host, options.report, hostConfig.sudo, signal);
    if (raw.status !== 'data') return { status: 'skipped', reason: raw.reason };
    return { status: 'data', data: { path: options.report, mtimeMs: raw.mtimeMs, report: parseLynisReport(raw.text, options.report) } };
  },
  analyze(obs, { options, host, now }) {
    return analyzeLynis(obs, options, host, now);
  },
  // The warning incidents of the last fresh report stay open until a new report says they are gone.
  stale(obs, { options, now }) {
    return isLynisStale(obs, options, now);
  },
});
