// Mock of Obsidian's Component: load/unload lifecycle, children, and everything registered for cleanup.
import type { EventRef } from './events';

/** Obsidian's Component. */
export class Component {
  _loaded = false;
  private readonly children: Component[] = [];
  private readonly cleanups: (() => unknown)[] = [];

  /** Obsidian's plugin loader awaits a plugin's load; other components load synchronously. */
  load(): void | Promise<void> {
    if (this._loaded) return;
    this._loaded = true;
    void this.onload();
    for (const child of this.children) void child.load();
  }

  onload(): void | Promise<void> {}

  unload(): void {
    if (!this._loaded) return;
    this._loaded = false;
    for (const child of this.children.splice(0)) child.unload();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
    this.onunload();
  }

  onunload(): void {}

  addChild<T extends Component>(component: T): T {
    this.children.push(component);
    if (this._loaded) void component.load();
    return component;
  }

  removeChild<T extends Component>(component: T): T {
    const i = this.children.indexOf(component);
    if (i >= 0) {
      this.children.splice(i, 1);
      component.unload();
    }
    return component;
  }

  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }

  registerEvent(ref: EventRef): void {
    this.register(() => ref.e.offref(ref));
  }

  registerDomEvent(el: EventTarget, type: string, callback: (evt: never) => unknown, options?: boolean | AddEventListenerOptions): void {
    const listener = callback as unknown as EventListener;
    el.addEventListener(type, listener, options);
    this.register(() => el.removeEventListener(type, listener, options));
  }

  registerInterval(id: number): number {
    this.register(() => window.clearInterval(id));
    return id;
  }

  /** Mock-only: the number of pending cleanups (tests check that unload releases everything). */
  cleanupCount(): number {
    return this.cleanups.length;
  }
}
