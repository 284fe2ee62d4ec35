// The only code that changes notes: tick one checklist line (Vault.process) and set frontmatter (processFrontMatter).
import { Notice, type App, type TFile } from 'obsidian';
import { setStepChecked, type ChecklistEdit } from '../../shared/checklist';
import { applyPatch, resultPatch, startPatch, type RestoreResult } from './restore-patch';

/** Words for a refused tick, shown in a notice. */
const REFUSAL: Record<Exclude<ChecklistEdit, { ok: true }>['reason'], string> = {
  'not-found': 'That step is no longer in the note.',
  'duplicate-id': 'Two steps in the note share that block id, so it is unclear which one to tick. Fix the note by hand.',
  'state-changed': 'That step was changed in the note meanwhile; the view now shows its current state.',
};

/** Edits to Vigil notes, each touching only what it must. */
export class NoteActions {
  constructor(
    private readonly app: App,
    private readonly now: () => number,
  ) {}

  private file(path: string): TFile | null {
    const file = this.app.vault.getFileByPath(path);
    if (!file) new Notice(`Vigil: ${path} no longer exists.`);
    return file;
  }

  /**
   * Set one step to `checked`, but only if the note still has it `expected` (the state the view showed).
   * Vault.process re-reads the file, so a tick made in the editor a moment ago is never overwritten.
   */
  async tickStep(path: string, id: string, expected: boolean, checked = !expected): Promise<ChecklistEdit> {
    const file = this.file(path);
    if (!file) return { ok: false, reason: 'not-found' };
    let outcome: ChecklistEdit = { ok: false, reason: 'not-found' };
    await this.app.vault.process(file, (text) => {
      outcome = setStepChecked(text, id, expected, checked);
      return outcome.ok ? outcome.text : text;
    });
    if (!outcome.ok) new Notice(`Vigil: ${REFUSAL[outcome.reason]}`);
    return outcome;
  }

  /** Mark a restore test as started now. */
  async startRestoreTest(path: string): Promise<boolean> {
    const file = this.file(path);
    if (!file) return false;
    const patch = startPatch(new Date(this.now()));
    await this.app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => applyPatch(fm, patch));
    return true;
  }

  /** Record a restore test's result: status, result, completed and duration (from `started`, read inside the same write). */
  async recordRestoreResult(path: string, result: RestoreResult): Promise<boolean> {
    const file = this.file(path);
    if (!file) return false;
    const now = new Date(this.now());
    await this.app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => applyPatch(fm, resultPatch(fm, result, now)));
    new Notice(`Vigil: restore test recorded as ${result}.`);
    return true;
  }

  /** Acknowledge an open incident (the user's key; the collector never changes it back). */
  async acknowledgeIncident(path: string): Promise<boolean> {
    const file = this.file(path);
    if (!file) return false;
    let changed = false;
    await this.app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => {
      if (fm.status !== 'open') return;
      fm.status = 'acknowledged';
      changed = true;
    });
    return changed;
  }
}
