// Mock of Obsidian's Platform, Keymap and small utility functions.

/** Obsidian's Platform; tests flip isMobile before loading the plugin. */
export const Platform = {
  isDesktop: true,
  isMobile: false,
  isDesktopApp: true,
  isMobileApp: false,
  isIosApp: false,
  isAndroidApp: false,
  isPhone: false,
  isTablet: false,
  isMacOS: false,
  isWin: false,
  isLinux: true,
  isSafari: false,
};

/** Mock-only: switch between a desktop and a phone. */
export function setMobile(mobile: boolean): void {
  Object.assign(Platform, { isMobile: mobile, isDesktop: !mobile, isDesktopApp: !mobile, isMobileApp: mobile, isPhone: mobile });
}

/** Obsidian's Keymap (the part plugins use). */
export class Keymap {
  static isModEvent(evt?: MouseEvent | KeyboardEvent | null): 'tab' | false {
    return evt && (evt.ctrlKey || evt.metaKey) ? 'tab' : false;
  }
}

/** Obsidian's requireApiVersion: this mock stands in for the latest version. */
export function requireApiVersion(_version: string): boolean {
  return true;
}

/** Obsidian's normalizePath. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '') || '/';
}
