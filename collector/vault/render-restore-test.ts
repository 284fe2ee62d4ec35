// Render a restore-test note: written once with a checklist (one block id per step), then the user's to tick.
import { localDate } from '../../shared/dates';
import type { FrontmatterData } from '../../shared/frontmatter';
import { callout, link, text } from '../../shared/markdown';
import { VIGIL_SCHEMA } from '../../shared/note-schema';
import type { RestoreTest } from '../config/types';
import { dueDate, periodLabel, type Period } from '../backups/restore-calendar';
import { RESTORE_TEMPLATES } from '../backups/restore-templates';
import { restoreTestPath } from './paths';
import type { NoteSpec } from './write-vault';

/** The note's frontmatter: only keys Vigil owns (result, completed, started, duration are the user's). */
export function restoreTestFrontmatter(test: RestoreTest, p: Period, status: string): FrontmatterData {
  return {
    vigil: 'restore-test',
    vigil_schema: VIGIL_SCHEMA,
    test: test.name,
    every: test.every,
    due: dueDate(p),
    status,
    data_class: test.dataClass,
    runbook: test.runbook,
  };
}

/** A step line: a task with a stable block id, so Obsidian and the plugin can tick exactly it. Steps are
 *  Markdown (from Vigil's templates or the user's own runbook); only characters that would break the line go. */
function stepLine(step: string, id: string, indent = ''): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a rendered line
  const clean = step.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/%%/g, '&#37;&#37;').replace(/\s\^[A-Za-z0-9-]+\s*$/, '').trim();
  return `${indent}- [ ] ${clean} ^${id}`;
}

/** Inputs of the note body. */
export interface RestoreTestBodyInput {
  test: RestoreTest;
  period: Period;
  /** Steps taken from the service's runbook, when it has a restore procedure. */
  runbookSteps: string[] | null;
  /** Vault path of the runbook note, for a link. */
  runbookPath: string | null;
  /** Vault path of Recovery.md. */
  recoveryPath: string;
}

/** The note body, written once. */
export function restoreTestBody(input: RestoreTestBodyInput): string {
  const template = RESTORE_TEMPLATES[input.test.template];
  const lines: string[] = [`# ${text(input.test.name)} — ${periodLabel(input.test.every, input.period)}`, ''];
  const facts = [
    `Due ${dueDate(input.period)}${input.test.dataClass ? ` · data class ${text(input.test.dataClass)}` : ''}${input.runbookPath ? ` · runbook ${link(input.runbookPath, input.test.runbook ?? 'runbook')}` : ''}`,
    `When you are done, set \`result: passed\` or \`result: failed\` and \`completed\` in the properties (the Vigil plugin has a command for it). ${link(input.recoveryPath, 'Recovery')} shows the last restore per data class.`,
  ];
  lines.push(callout('todo', text(template.intro), facts), '', '## Steps', '');
  if (input.runbookSteps && input.runbookSteps.length > 0) {
    input.runbookSteps.forEach((s, i) => lines.push(stepLine(s, `step-${i + 1}`)));
  } else {
    template.steps.forEach((s, i) => {
      if (typeof s === 'string') lines.push(stepLine(s, `step-${i + 1}`));
      else {
        lines.push(stepLine(s.text, `step-${i + 1}`));
        s.sub.forEach((sub, j) => lines.push(stepLine(sub, `step-${i + 1}${String.fromCharCode(97 + j)}`, '  ')));
      }
    });
  }
  lines.push('', '## Evidence', '', ...template.evidence.map((e) => `- ${text(e)}`), '', '## Notes', '');
  return `${lines.join('\n')}\n`;
}

/** `Restore tests/YYYY-MM <name>.md`, named after the month its period starts. */
export function restoreNotePath(test: RestoreTest, p: Period): string {
  return restoreTestPath(localDate(p.start).slice(0, 7), test.name);
}

/** The whole note spec (create-only: after creation only the owned frontmatter keys change). */
export function restoreTestNote(input: RestoreTestBodyInput, status: string): NoteSpec {
  return {
    path: restoreNotePath(input.test, input.period),
    ownership: 'create-only',
    frontmatter: restoreTestFrontmatter(input.test, input.period, status),
    body: restoreTestBody(input),
  };
}
