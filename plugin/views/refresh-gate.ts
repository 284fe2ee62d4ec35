// Pure: dataview's rule for views — re-render only when the index revision (or the view's own inputs) moved and the view can be seen.

/** Tracks what a view last rendered, so hidden views and unchanged revisions cost nothing. */
export class RefreshGate {
  private renderedRevision = -1;
  private renderedInputs = '';
  private pending = false;

  /** True when a render is owed but was skipped because the view was hidden. */
  get owed(): boolean {
    return this.pending;
  }

  /**
   * Decide whether to render now. `inputs` is a key of everything else the render depends on
   * (filters, the day, settings); a change of it counts like a revision move.
   */
  shouldRender(revision: number, inputs: string, visible: boolean): boolean {
    const moved = revision !== this.renderedRevision || inputs !== this.renderedInputs;
    if (!moved) return false;
    if (!visible) {
      this.pending = true;
      return false;
    }
    this.renderedRevision = revision;
    this.renderedInputs = inputs;
    this.pending = false;
    return true;
  }

  /** Forget what was rendered (the DOM was rebuilt), so the next check renders. */
  invalidate(): void {
    this.renderedRevision = -1;
  }
}

/** Run `fn` once per burst of calls (index events arrive in bursts while a sync client writes many notes). */
export function coalesce(fn: () => void, schedule: (run: () => void) => void): () => void {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    schedule(() => {
      queued = false;
      fn();
    });
  };
}
