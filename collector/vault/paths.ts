// Where each note lives inside the Vigil folder (DESIGN.md's table), with safe file names.
import { localDate } from '../../shared/dates';
import { joinVaultPath, safeFileName } from '../../shared/file-names';

/** `Reports/YYYY/YYYY-MM-DD digest.md` for the day of `d`. */
export function digestPath(d: Date): string {
  const day = localDate(d);
  return joinVaultPath('Reports', day.slice(0, 4), `${day} digest.md`);
}

/** `Reports/YYYY/YYYY-Www weekly.md` for the ISO week of `d`. */
export function weeklyPath(isoWeek: string): string {
  return joinVaultPath('Reports', isoWeek.slice(0, 4), `${isoWeek} weekly.md`);
}

/** `Incidents/YYYY/YYYY-MM-DD <title>.md`. */
export function incidentPath(opened: Date, title: string): string {
  const day = localDate(opened);
  return joinVaultPath('Incidents', day.slice(0, 4), `${safeFileName(`${day} ${title}`)}.md`);
}

/** `Backups/<job>.md`. */
export function backupJobPath(job: string): string {
  return joinVaultPath('Backups', `${safeFileName(job)}.md`);
}

/** `Restore tests/YYYY-MM <name>.md`. */
export function restoreTestPath(month: string, name: string): string {
  return joinVaultPath('Restore tests', `${safeFileName(`${month} ${name}`)}.md`);
}

/** `Runbooks/<service>.md`. */
export function runbookPath(service: string): string {
  return joinVaultPath('Runbooks', `${safeFileName(service)}.md`);
}

/** `Recovery.md`. */
export const RECOVERY_PATH = 'Recovery.md';
