// Mock of Obsidian's Events: named listeners, EventRef handles, trigger in registration order.

/** A registered listener, as Obsidian's EventRef (opaque to plugins). */
export interface EventRef {
  e: Events;
  name: string;
  fn: (...args: unknown[]) => unknown;
  ctx: unknown;
}

/** Obsidian's event emitter. */
export class Events {
  private readonly handlers = new Map<string, EventRef[]>();

  on(name: string, callback: (...args: never[]) => unknown, ctx?: unknown): EventRef {
    const ref: EventRef = { e: this, name, fn: callback as (...args: unknown[]) => unknown, ctx };
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
    return ref;
  }

  off(name: string, callback: (...args: never[]) => unknown): void {
    this.handlers.set(name, (this.handlers.get(name) ?? []).filter((r) => r.fn !== callback));
  }

  offref(ref: EventRef): void {
    this.handlers.set(ref.name, (this.handlers.get(ref.name) ?? []).filter((r) => r !== ref));
  }

  trigger(name: string, ...data: unknown[]): void {
    for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
  }

  tryTrigger(ref: EventRef, args: unknown[]): void {
    // Obsidian logs and swallows a throwing listener so one plugin cannot break another.
    try {
      ref.fn.apply(ref.ctx, args);
    } catch (error) {
      console.error(error);
    }
  }

  /** Mock-only: how many listeners a name has (tests check cleanup on unload). */
  listenerCount(name: string): number {
    return this.handlers.get(name)?.length ?? 0;
  }
}
