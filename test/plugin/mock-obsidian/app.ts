// Mock of Obsidian's App: vault, metadata cache, workspace, file manager, and the registries plugins write into.
import yaml from 'js-yaml';
import { installDomHelpers } from './dom';
import { MetadataCache } from './metadata-cache';
import type { PostProcessorContext } from './reading-view';
import type { Modal } from './ui';
import { Vault, type TFile, type VaultStorage } from './vault';
import { MarkdownView, type View } from './views';
import { Workspace, WorkspaceLeaf } from './workspace';

/** A command as the palette lists it. */
export interface Command {
  id: string;
  name: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  hotkeys?: unknown[];
}

/** Obsidian's FileManager (processFrontMatter is the part plugins use). */
export class FileManager {
  constructor(private readonly vault: Vault) {}

  /** Parse the frontmatter, let `fn` mutate it, write it back; the body is untouched. Atomic like Vault.process. */
  async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.vault.process(file, (text) => {
      const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
      const fm = m ? ((yaml.load(m[1]!, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown> | null) ?? {}) : {};
      fn(fm);
      const eol = m?.[2] || '\n';
      const dumped = yaml.dump(fm, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }).replace(/\n/g, eol);
      const body = m ? text.slice(m[0].length) : text;
      return `---${eol}${dumped}---${eol}${body}`;
    });
  }
}

/** Options for a mock app. */
export interface AppOptions {
  storage?: VaultStorage;
  /** Where the workspace DOM goes (default: document.body). */
  parent?: HTMLElement;
  /** True in a real browser (isShown uses layout). */
  realLayout?: boolean;
}

/** Obsidian's App with the registries a plugin fills (mock-only fields are plain and public). */
export class App {
  vault: Vault;
  metadataCache: MetadataCache;
  workspace: Workspace;
  fileManager: FileManager;
  readonly viewRegistry = new Map<string, (leaf: WorkspaceLeaf) => View>();
  readonly commands = new Map<string, Command>();
  readonly ribbon: HTMLElement;
  readonly statusBar: HTMLElement;
  readonly settingTabs: { display(): void; containerEl: HTMLElement }[] = [];
  readonly hoverLinkSources = new Map<string, { display: string; defaultMod: boolean }>();
  readonly codeBlockProcessors = new Map<string, (source: string, el: HTMLElement, ctx: PostProcessorContext) => unknown>();
  readonly protocolHandlers = new Map<string, (params: Record<string, string>) => unknown>();
  readonly pluginData = new Map<string, unknown>();
  readonly openModals: Modal[] = [];

  constructor(options: AppOptions = {}) {
    installDomHelpers(window, options.realLayout ?? false);
    this.vault = new Vault(options.storage);
    this.metadataCache = new MetadataCache(this.vault);
    this.workspace = new Workspace(this);
    this.fileManager = new FileManager(this.vault);
    const parent = options.parent ?? document.body;
    this.ribbon = parent.createDiv({ cls: 'side-dock-ribbon' });
    parent.appendChild(this.workspace.containerEl);
    this.statusBar = parent.createDiv({ cls: 'status-bar' });
    this.viewRegistry.set('markdown', (leaf) => new MarkdownView(leaf));
  }

  /** Mock-only: run a command as the palette would; false when its check says it is not available. */
  runCommand(fullId: string): boolean {
    const cmd = this.commands.get(fullId);
    if (!cmd) throw new Error(`no command ${fullId}`);
    if (cmd.checkCallback) {
      if (!cmd.checkCallback(true)) return false;
      cmd.checkCallback(false);
      return true;
    }
    cmd.callback?.();
    return true;
  }
}
