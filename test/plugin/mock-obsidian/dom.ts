// Mock of the helpers Obsidian adds to DOM prototypes (createEl, empty, addClass, setText, isShown…) and its DOM globals.

/** Obsidian's DomElementInfo, the subset plugins use. */
export interface ElInfo {
  cls?: string | string[];
  text?: string | DocumentFragment;
  attr?: Record<string, string | number | boolean | null>;
  title?: string;
  parent?: Node;
  value?: string;
  type?: string;
  prepend?: boolean;
  placeholder?: string;
  href?: string;
}

function classes(cls: string | string[] | undefined): string[] {
  if (!cls) return [];
  return (Array.isArray(cls) ? cls : cls.split(' ')).filter((c) => c !== '');
}

function applyInfo(el: HTMLElement, o: ElInfo | string | undefined): void {
  const info: ElInfo = typeof o === 'string' ? { cls: o } : (o ?? {});
  // Obsidian adds classes one by one; an empty token would throw there as it does here.
  for (const c of Array.isArray(info.cls) ? info.cls : info.cls ? info.cls.split(' ') : []) el.classList.add(c);
  if (info.text !== undefined) {
    if (typeof info.text === 'string') el.textContent = info.text;
    else el.appendChild(info.text);
  }
  if (info.attr) for (const [k, v] of Object.entries(info.attr)) if (v !== null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  if (info.title !== undefined) el.title = info.title;
  if (info.value !== undefined) (el as HTMLInputElement).value = info.value;
  if (info.type !== undefined) el.setAttribute('type', info.type);
  if (info.placeholder !== undefined) el.setAttribute('placeholder', info.placeholder);
  if (info.href !== undefined) el.setAttribute('href', info.href);
}

/** Without layout: attached to the document and no ancestor hidden, which is what a non-null offsetParent means. */
function shownWithoutLayout(start: HTMLElement): boolean {
  if (!start.isConnected) return false;
  for (let el: HTMLElement | null = start; el; el = el.parentElement) if (el.style.display === 'none' || el.hidden) return false;
  return true;
}

/** Install the helpers on `win`'s prototypes. `realLayout` uses offsetParent for isShown (a browser); jsdom has no layout. */
export function installDomHelpers(win: Window & typeof globalThis, realLayout: boolean): void {
  const doc = win.document;
  const create = function (this: Node | null, tag: string, o?: ElInfo | string, callback?: (el: HTMLElement) => void): HTMLElement {
    const el = doc.createElement(tag);
    applyInfo(el, o);
    const info = typeof o === 'object' ? o : undefined;
    const parent = info?.parent ?? this;
    if (parent) {
      if (info?.prepend) parent.insertBefore(el, parent.firstChild);
      else parent.appendChild(el);
    }
    callback?.(el);
    return el;
  };
  const nodeProto = win.Node.prototype as unknown as Record<string, unknown>;
  nodeProto.createEl = function (this: Node, tag: string, o?: ElInfo | string, cb?: (el: HTMLElement) => void) {
    return create.call(this, tag, o, cb);
  };
  nodeProto.createDiv = function (this: Node, o?: ElInfo | string, cb?: (el: HTMLElement) => void) {
    return create.call(this, 'div', o, cb);
  };
  nodeProto.createSpan = function (this: Node, o?: ElInfo | string, cb?: (el: HTMLElement) => void) {
    return create.call(this, 'span', o, cb);
  };
  nodeProto.empty = function (this: Node) {
    while (this.firstChild) this.removeChild(this.firstChild);
  };
  nodeProto.appendText = function (this: Node, text: string) {
    this.appendChild(doc.createTextNode(text));
  };
  nodeProto.detach = function (this: ChildNode) {
    this.remove();
  };
  // Obsidian's cross-window helpers: a node's own window and document, and an instanceof that holds in popouts.
  const crossWindow = (value: unknown, type: { name: string }): boolean => {
    const own = (value as { win?: Record<string, unknown> }).win ?? win;
    const ctor = (own as Record<string, unknown>)[type.name] ?? (win as unknown as Record<string, unknown>)[type.name];
    return typeof ctor === 'function' && value instanceof (ctor as new () => unknown);
  };
  Object.defineProperty(nodeProto, 'doc', { configurable: true, get(this: Node) { return this.ownerDocument ?? doc; } });
  Object.defineProperty(nodeProto, 'win', { configurable: true, get(this: Node) { return (this.ownerDocument ?? doc).defaultView ?? win; } });
  nodeProto.instanceOf = function (this: Node, type: { name: string }) {
    return crossWindow(this, type);
  };
  const eventProto = win.UIEvent.prototype as unknown as Record<string, unknown>;
  Object.defineProperty(eventProto, 'targetNode', { configurable: true, get(this: UIEvent) { return this.target instanceof win.Node ? this.target : null; } });
  Object.defineProperty(eventProto, 'win', { configurable: true, get(this: UIEvent) { return this.view ?? win; } });
  Object.defineProperty(eventProto, 'doc', { configurable: true, get(this: UIEvent) { return (this.view ?? win).document; } });
  eventProto.instanceOf = function (this: UIEvent, type: { name: string }) {
    return crossWindow(this, type);
  };
  const elProto = win.Element.prototype as unknown as Record<string, unknown>;
  elProto.addClass = function (this: Element, ...cls: string[]) {
    this.classList.add(...cls.flatMap((c) => classes(c)));
  };
  elProto.addClasses = function (this: Element, cls: string[]) {
    this.classList.add(...cls);
  };
  elProto.removeClass = function (this: Element, ...cls: string[]) {
    this.classList.remove(...cls.flatMap((c) => classes(c)));
  };
  elProto.toggleClass = function (this: Element, cls: string | string[], value: boolean) {
    for (const c of classes(cls)) this.classList.toggle(c, value);
  };
  elProto.hasClass = function (this: Element, cls: string) {
    return this.classList.contains(cls);
  };
  elProto.setText = function (this: Element, text: string | DocumentFragment) {
    if (typeof text === 'string') this.textContent = text;
    else {
      this.textContent = '';
      this.appendChild(text);
    }
  };
  elProto.getText = function (this: Element) {
    return this.textContent ?? '';
  };
  elProto.setAttr = function (this: Element, name: string, value: string | number | boolean | null) {
    if (value === null) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  };
  elProto.getAttr = function (this: Element, name: string) {
    return this.getAttribute(name);
  };
  const htmlProto = win.HTMLElement.prototype as unknown as Record<string, unknown>;
  htmlProto.show = function (this: HTMLElement) {
    this.style.display = '';
  };
  htmlProto.hide = function (this: HTMLElement) {
    this.style.display = 'none';
  };
  htmlProto.toggle = function (this: HTMLElement, show: boolean) {
    this.style.display = show ? '' : 'none';
  };
  htmlProto.isShown = realLayout
    ? function (this: HTMLElement) {
        return this.offsetParent !== null;
      }
    : function (this: HTMLElement) {
        return shownWithoutLayout(this);
      };
  htmlProto.setCssStyles = function (this: HTMLElement, styles: Record<string, string>) {
    Object.assign(this.style, styles);
  };
  htmlProto.setCssProps = function (this: HTMLElement, props: Record<string, string>) {
    for (const [k, v] of Object.entries(props)) this.style.setProperty(k, v);
  };
  htmlProto.find = function (this: HTMLElement, selector: string) {
    return this.querySelector(selector);
  };
  htmlProto.findAll = function (this: HTMLElement, selector: string) {
    return Array.from(this.querySelectorAll(selector));
  };
  const g = win as unknown as Record<string, unknown>;
  g.createEl = (tag: string, o?: ElInfo | string, cb?: (el: HTMLElement) => void) => create.call(null, tag, o, cb);
  g.createDiv = (o?: ElInfo | string, cb?: (el: HTMLElement) => void) => create.call(null, 'div', o, cb);
  g.createSpan = (o?: ElInfo | string, cb?: (el: HTMLElement) => void) => create.call(null, 'span', o, cb);
  g.createFragment = (cb?: (f: DocumentFragment) => void) => {
    const f = doc.createDocumentFragment();
    cb?.(f);
    return f;
  };
  g.activeWindow = win;
  g.activeDocument = doc;
  // Obsidian desktop runs in Electron (Chromium), which has requestIdleCallback; jsdom does not.
  if (typeof win.requestIdleCallback !== 'function') {
    g.requestIdleCallback = (cb: IdleRequestCallback) => win.setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 1);
  }
}
