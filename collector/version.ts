// The collector's version, injected at build time from package.json.
declare const __VIGIL_VERSION__: string | undefined;

/** Version string shown by `vigil --version` and stamped into reports and fixtures. */
export const VERSION: string = typeof __VIGIL_VERSION__ === 'string' ? __VIGIL_VERSION__ : '0.0.0-dev';
