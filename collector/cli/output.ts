// Terminal output: colours when they help (TTY, no NO_COLOR), a progress line, and the run summary.
import type { Finding } from '../../shared/finding';
import type { Severity } from '../../shared/severity';
import type { RunReport } from '../engine/report';

/** Where output goes and how it may look. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
  tty: boolean;
  quiet: boolean;
}

/** The real process streams. */
export function processOutput(quiet: boolean, noColor: boolean): Output {
  const tty = Boolean(process.stderr.isTTY);
  const color = !noColor && !process.env.NO_COLOR && (tty || Boolean(process.env.FORCE_COLOR));
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color,
    tty,
    quiet,
  };
}

const CODES: Record<string, string> = {
  red: '31',
  yellow: '33',
  blue: '34',
  magenta: '35',
  cyan: '36',
  green: '32',
  gray: '90',
  bold: '1',
};

/** Wrap text in an ANSI colour when colour is on. */
export function paint(o: Output, color: keyof typeof CODES, text: string): string {
  return o.color ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text;
}

const SEVERITY_COLOR: Record<Severity, keyof typeof CODES> = {
  critical: 'magenta',
  high: 'red',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
  ok: 'green',
};

/** A severity word, coloured. */
export function severityWord(o: Output, s: Severity): string {
  return paint(o, SEVERITY_COLOR[s], s);
}

/** A progress line on a terminal (overwritten in place); nothing when not a TTY or quiet. */
export function progressLine(o: Output, done: number, total: number, label: string): void {
  if (!o.tty || o.quiet) return;
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const line = `${bar} ${done}/${total} ${label}`.slice(0, (process.stderr.columns || 80) - 1);
  o.err(`\r\u001b[2K${line}`);
}

/** Clear the progress line. */
export function clearProgress(o: Output): void {
  if (o.tty && !o.quiet) o.err('\r\u001b[2K');
}

/** The one-line run summary (also what cron mails); `dryRun` says the notes were not written. */
/** `notWritten`: why this run wrote no notes (a dry run, a capture, a replay without --vault), shown instead of counts. */
export function summaryLine(o: Output, report: RunReport, notWritten?: string): string {
  const s = report.summary;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((x) => s.by_severity[x] > 0)
    .map((x) => `${s.by_severity[x]} ${severityWord(o, x)}`);
  const checks = report.checks.length;
  const failed = s.checks.error ? `, ${paint(o, 'red', `${s.checks.error} failed`)}` : '';
  const vault = report.vault;
  const changed = vault.created.length + vault.updated.length;
  const notes = notWritten
    ? `no notes written (${changed} would change; ${notWritten})`
    : `${changed} note${changed === 1 ? '' : 's'} written, ${vault.unchanged} unchanged${vault.errors.length ? `, ${paint(o, 'red', `${vault.errors.length} not written`)}` : ''}`;
  const found = counts.length ? counts.join(', ') : paint(o, 'green', 'nothing found');
  return `vigil: ${checks} check${checks === 1 ? '' : 's'} on ${report.hosts.length} host${report.hosts.length === 1 ? '' : 's'}${failed} · ${found} · ${notes} · ${(report.duration_ms / 1000).toFixed(1)}s`;
}

/** A few lines naming the most severe findings, for the terminal. */
export function topFindings(o: Output, findings: readonly Finding[], limit = 8): string {
  const shown = findings.filter((f) => f.severity !== 'ok').slice(0, limit);
  const lines = shown.map((f) => `  ${severityWord(o, f.severity).padEnd(o.color ? 17 : 8)} ${f.title}`);
  const rest = findings.filter((f) => f.severity !== 'ok').length - shown.length;
  if (rest > 0) lines.push(paint(o, 'gray', `  … and ${rest} more in the digest`));
  return lines.join('\n');
}
