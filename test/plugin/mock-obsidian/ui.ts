// Mock of Obsidian's UI pieces the plugin uses: Notice, Modal, FuzzySuggestModal, Setting with its components, PluginSettingTab.
import type { App } from './app';

/** Every notice shown, for assertions (mock-only). */
export const notices: string[] = [];

/** Obsidian's Notice: a toast; here also recorded. */
export class Notice {
  noticeEl: HTMLElement;
  constructor(message: string | DocumentFragment, _duration?: number) {
    const text = typeof message === 'string' ? message : (message.textContent ?? '');
    notices.push(text);
    this.noticeEl = document.body.createDiv({ cls: 'notice', text });
    window.setTimeout(() => this.hide(), 4000);
  }
  setMessage(message: string): this {
    this.noticeEl.setText(message);
    return this;
  }
  hide(): void {
    this.noticeEl.remove();
  }
}

/** Obsidian's Modal. */
export class Modal {
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  constructor(public app: App) {
    this.containerEl = createDiv({ cls: 'modal-container' });
    this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
    this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }
  open(): void {
    document.body.appendChild(this.containerEl);
    this.app.openModals.push(this);
    this.onOpen();
  }
  close(): void {
    this.onClose();
    this.containerEl.remove();
    this.app.openModals.splice(this.app.openModals.indexOf(this), 1);
  }
  onOpen(): void {}
  onClose(): void {}
  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }
}

/** Obsidian's FuzzySuggestModal, reduced to: list items by text, choose one. */
export abstract class FuzzySuggestModal<T> extends Modal {
  inputEl: HTMLInputElement;
  private placeholder = '';
  constructor(app: App) {
    super(app);
    this.inputEl = this.modalEl.createEl('input', { cls: 'prompt-input' });
  }
  setPlaceholder(placeholder: string): void {
    this.placeholder = placeholder;
    this.inputEl.placeholder = placeholder;
  }
  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
  override onOpen(): void {
    this.contentEl.empty();
    for (const item of this.getItems()) this.contentEl.createDiv({ cls: 'suggestion-item', text: this.getItemText(item) });
  }
  /** Mock-only: what the prompt shows. */
  shown(): { placeholder: string; items: string[] } {
    return { placeholder: this.placeholder, items: this.getItems().map((i) => this.getItemText(i)) };
  }
  /** Mock-only: pick the item whose text contains `text`, as a user typing and pressing Enter. */
  choose(text: string): void {
    const item = this.getItems().find((i) => this.getItemText(i).includes(text));
    if (item === undefined) throw new Error(`no suggestion matches ${text}`);
    this.close();
    this.onChooseItem(item, new KeyboardEvent('keydown', { key: 'Enter' }));
  }
}

abstract class ValueComponent<T> {
  protected handler: ((value: T) => unknown) | null = null;
  onChange(cb: (value: T) => unknown): this {
    this.handler = cb;
    return this;
  }
  /** Mock-only: what a user typing or clicking does. */
  async simulate(value: T): Promise<void> {
    this.setValue(value);
    await this.handler?.(value);
  }
  abstract setValue(value: T): this;
  abstract getValue(): T;
}

/** Obsidian's TextComponent. */
export class TextComponent extends ValueComponent<string> {
  inputEl: HTMLInputElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.inputEl = containerEl.createEl('input', { type: 'text' });
    this.inputEl.addEventListener('input', () => void this.handler?.(this.inputEl.value));
  }
  setPlaceholder(p: string): this {
    this.inputEl.placeholder = p;
    return this;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  getValue(): string {
    return this.inputEl.value;
  }
}

/** Obsidian's ToggleComponent. */
export class ToggleComponent extends ValueComponent<boolean> {
  toggleEl: HTMLElement;
  private value = false;
  constructor(containerEl: HTMLElement) {
    super();
    this.toggleEl = containerEl.createDiv({ cls: 'checkbox-container' });
    this.toggleEl.addEventListener('click', () => void this.simulate(!this.value));
  }
  setValue(value: boolean): this {
    this.value = value;
    this.toggleEl.toggleClass('is-enabled', value);
    return this;
  }
  getValue(): boolean {
    return this.value;
  }
}

/** Obsidian's DropdownComponent. */
export class DropdownComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.selectEl = containerEl.createEl('select', { cls: 'dropdown' });
    this.selectEl.addEventListener('change', () => void this.handler?.(this.selectEl.value));
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl('option', { value, text: display });
    return this;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
}

/** Obsidian's Setting row. */
export class Setting {
  settingEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  /** Mock-only: the components added, in order. */
  readonly components: (TextComponent | ToggleComponent | DropdownComponent)[] = [];
  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    const info = this.settingEl.createDiv({ cls: 'setting-item-info' });
    this.nameEl = info.createDiv({ cls: 'setting-item-name' });
    this.descEl = info.createDiv({ cls: 'setting-item-description' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
  }
  setName(name: string): this {
    this.nameEl.setText(name);
    return this;
  }
  setDesc(desc: string): this {
    this.descEl.setText(desc);
    return this;
  }
  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }
  private add<C extends TextComponent | ToggleComponent | DropdownComponent>(c: C, cb: (c: C) => unknown): this {
    this.components.push(c);
    cb(c);
    return this;
  }
  addText(cb: (c: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }
  addToggle(cb: (c: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }
  addDropdown(cb: (c: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }
}

/** Obsidian's PluginSettingTab (the imperative path: display()). */
export abstract class PluginSettingTab {
  containerEl: HTMLElement;
  constructor(
    public app: App,
    public plugin: unknown,
  ) {
    this.containerEl = createDiv({ cls: 'vertical-tab-content' });
  }
  abstract display(): void;
  hide(): void {
    this.containerEl.empty();
  }
}
