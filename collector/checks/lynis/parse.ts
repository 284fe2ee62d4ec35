// Parse Lynis's machine-readable report (/var/log/lynis-report.dat, key=value lines) into what the check judges.
import { ParseError } from '../../errors/parse-error';

/** A warning or suggestion: `warning[]=TEST-ID|message|details|solution|` (include/functions, ReportWarning). */
export interface LynisItem {
  test: string;
  message: string;
  /** Lynis's details field, null when it is "-" or empty. */
  details: string | null;
}

/** The parts of the report Vigil uses. */
export interface LynisReport {
  version: string;
  /** `report_datetime_end`, as Lynis wrote it: the audited host's local time, "YYYY-MM-DD HH:MM:SS". */
  finishedAt: string | null;
  startedAt: string | null;
  hardeningIndex: number | null;
  warnings: LynisItem[];
  suggestions: LynisItem[];
}

/** Lynis test ids: a category and a number (`SSH-7408`), `LYNIS`, or a plugin's own (`PLGN-0010`). */
const TEST_ID = /^[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,10})?(?::\d{1,4})?$/;
const KEY = /^([A-Za-z0-9_.:-]{1,64})(\[\])?=(.*)$/;
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Warnings and suggestions are a sentence or two; anything longer is not something Lynis wrote. */
const MAX_LINE = 8192;

/** Make Lynis's text safe for a one-line title: no control characters, bounded length. */
export function cleanText(s: string, max = 160): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function item(value: string, source: string, line: number): LynisItem {
  const [test, message, details] = value.split('|');
  if (test === undefined || !TEST_ID.test(test)) throw new ParseError(source, 'a warning or suggestion does not start with a Lynis test id', line);
  if (message === undefined) throw new ParseError(source, 'a warning or suggestion has no message field', line);
  const d = details === undefined || details === '-' || details.trim() === '' ? null : cleanText(details, 120);
  return { test, message: cleanText(message), details: d };
}

/**
 * Parse the report. Unknown keys are ignored (plugins and newer Lynis versions add their own); the fields used are
 * checked strictly, and a file without `lynis_version` is not a Lynis report at all.
 */
export function parseLynisReport(text: string, source = '/var/log/lynis-report.dat'): LynisReport {
  const report: Omit<LynisReport, 'version'> & { version: string | null } = {
    version: null,
    finishedAt: null,
    startedAt: null,
    hardeningIndex: null,
    warnings: [],
    suggestions: [],
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const m = KEY.exec(line);
    if (!m) continue;
    const [, key, list, value] = m as unknown as [string, string, string | undefined, string];
    // Only the lines read are bounded: Lynis itself writes long ones (installed_packages_array, tests_executed).
    if (list && (key === 'warning' || key === 'suggestion') && line.length > MAX_LINE) {
      throw new ParseError(source, 'a warning or suggestion is longer than any Lynis writes', i + 1);
    }
    if (list && key === 'warning') report.warnings.push(item(value, source, i + 1));
    else if (list && key === 'suggestion') report.suggestions.push(item(value, source, i + 1));
    else if (key === 'hardening_index') {
      if (!/^\d{1,3}$/.test(value) || Number(value) > 100) throw new ParseError(source, 'hardening_index is not a number from 0 to 100', i + 1);
      report.hardeningIndex = Number(value);
    } else if (key === 'lynis_version') {
      if (!/^\d{1,3}(?:\.\d{1,4}){0,3}$/.test(value)) throw new ParseError(source, 'lynis_version is not a version number', i + 1);
      report.version = value;
    } else if (key === 'report_datetime_end' || key === 'report_datetime_start') {
      if (!DATE.test(value)) throw new ParseError(source, `${key} is not "YYYY-MM-DD HH:MM:SS"`, i + 1);
      if (key === 'report_datetime_end') report.finishedAt = value;
      else report.startedAt = value;
    }
  }
  if (report.version === null) throw new ParseError(source, 'no lynis_version line: not a Lynis report');
  return { ...report, version: report.version };
}
