// The mock 'obsidian' module: what the plugin imports, mapped here in the vitest wiring bundle and the Chromium host.
export { App, FileManager } from './app';
export { Component } from './component';
export { Events } from './events';
export { getIcon, setIcon } from './icons';
export { MetadataCache } from './metadata-cache';
export { Keymap, normalizePath, Platform, requireApiVersion } from './platform';
export { Plugin } from './plugin';
export { DropdownComponent, FuzzySuggestModal, Modal, Notice, PluginSettingTab, Setting, TextComponent, ToggleComponent } from './ui';
export { TAbstractFile, TFile, TFolder, Vault } from './vault';
export { ItemView, MarkdownRenderChild, MarkdownView, View } from './views';
export { Workspace, WorkspaceLeaf } from './workspace';
