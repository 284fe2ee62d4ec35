// Builds the Obsidian plugin (plugin/ → main.js, CommonJS) and the collector CLI (collector/ → dist/vigil.mjs).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'esbuild';

const production = process.argv[2] === 'production';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The plugin: one CommonJS file, `obsidian` and editor packages provided by the app, no Node built-ins. */
const plugin = {
  entryPoints: ['plugin/main.ts'],
  bundle: true,
  format: 'cjs',
  target: 'es2021',
  platform: 'browser',
  outfile: 'main.js',
  external: ['obsidian', 'electron', '@codemirror/*', '@lezer/*'],
  minify: production,
  sourcemap: production ? false : 'inline',
  treeShaking: true,
  logLevel: 'info',
  banner: { js: '/* Vigil for Obsidian: incident timeline, restore checklists, recovery runbook. Source: plugin/ */' },
  plugins: [
    {
      name: 'no-node-builtins',
      setup(build) {
        // A Node module in the plugin would break Obsidian on mobile: fail the build instead.
        build.onResolve({ filter: /.*/ }, (args) =>
          nodeBuiltins.includes(args.path)
            ? { errors: [{ text: `plugin code must not import the Node module "${args.path}" (breaks mobile)` }] }
            : undefined,
        );
      },
    },
  ],
};

/** The collector: one ESM file for Node 20; npm dependencies stay external (ssh2 has optional native parts). */
const collector = {
  entryPoints: ['collector/bin.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/vigil.mjs',
  packages: 'external',
  define: { __VIGIL_VERSION__: JSON.stringify(pkg.version) },
  minify: false,
  sourcemap: false,
  logLevel: 'info',
};

if (production) {
  await Promise.all([esbuild.build(plugin), esbuild.build(collector)]);
} else {
  const contexts = await Promise.all([esbuild.context(plugin), esbuild.context(collector)]);
  await Promise.all(contexts.map((c) => c.watch()));
}
