// Lint: the official Obsidian rules on plugin/ (nothing disabled), typescript-eslint everywhere else.
import js from '@eslint/js';
import obsidianmd from 'eslint-plugin-obsidianmd';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Entries that lint package.json are about the plugin-template repository layout, not plugin/ code. */
function isPackageJsonOnly(config) {
  return Array.isArray(config.files) && config.files.length === 1 && config.files[0] === 'package.json';
}

/** Re-root an entry's file patterns under plugin/ (entries without patterns apply to plugin/**\/*.ts). */
function scopeToPlugin(config) {
  const prefix = (pattern) => (Array.isArray(pattern) ? pattern.map(prefix) : `plugin/${pattern}`);
  return { ...config, files: config.files ? config.files.map(prefix) : ['plugin/**/*.ts'] };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'main.js', 'vigil-demo/', 'vigil-vault/', 'test-output/', '**/*.d.ts'] },
  // The collector, shared code, tests and benchmarks.
  {
    files: ['collector/**/*.ts', 'shared/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', '*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The plugin: Obsidian's recommended configuration, every rule as shipped, scoped to plugin/.
  ...obsidianmd.configs.recommended.filter((c) => !isPackageJsonOnly(c)).map(scopeToPlugin),
  {
    files: ['plugin/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    // Configuration, not a disabled rule: "Vigil" is the product's name and keeps its capital.
    rules: { 'obsidianmd/ui/sentence-case': ['warn', { brands: ['Vigil', 'Obsidian'] }] },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
);
