// The rules the README's Architecture section states, checked by ESLint
// (`npm run lint`, part of `npm test`): which layer may import which, no
// import cycles, and typescript-eslint's recommended rules.
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * docs/architecture.md: what each part of src/ may import besides itself.
 * A folder is "src/NAME", a file "src/NAME.ts". Adding a part, or letting
 * one import another, is a change to this table and to the table in docs/architecture.md.
 */
const layers = {
  // Leaves, usable by every part: pure helpers importing nothing but the text toolkit (src/text), which imports nothing.
  'credentials.ts': ['text'],
  'version.ts': [],
  text: [],
  'model.ts': [],
  'update-model.ts': [],
  'errors.ts': [],
  // The entry point's V8 heap settings, imported first.
  'heap-settings.ts': [],
  fetch: ['model.ts', 'errors.ts'],
  parse: ['model.ts', 'errors.ts'],
  topics: ['model.ts', 'errors.ts'],
  cluster: ['model.ts', 'errors.ts'],
  publish: ['model.ts', 'errors.ts'],
  // Alerts, pure: which stories fire (decided inside the store's writes), the messages, the retry plan.
  alerts: ['model.ts', 'errors.ts'],
  // The edge that sends alerts: HTTP (webhook, ntfy) and SMTP.
  deliver: ['alerts', 'model.ts', 'errors.ts'],
  store: ['alerts', 'model.ts', 'update-model.ts', 'errors.ts'],
  server: ['publish', 'model.ts', 'errors.ts'],
  config: ['topics', 'parse', 'model.ts', 'errors.ts'],
  update: ['fetch', 'parse', 'topics', 'cluster', 'alerts', 'store', 'config', 'model.ts', 'update-model.ts', 'errors.ts'],
  daemon: ['update', 'fetch', 'parse', 'topics', 'cluster', 'alerts', 'deliver', 'store', 'publish', 'server', 'config', 'model.ts', 'update-model.ts', 'errors.ts'],
  cli: ['daemon', 'update', 'fetch', 'parse', 'topics', 'cluster', 'alerts', 'deliver', 'store', 'publish', 'server', 'config', 'model.ts', 'update-model.ts', 'errors.ts'],
  'main.ts': ['cli', 'heap-settings.ts'],
};

const leaves = ['credentials.ts', 'version.ts', 'text'];

const zones = Object.entries(layers).map(([part, allowed]) => ({
  target: `./src/${part}`,
  from: './src',
  except: [`./${part}`, ...[...allowed, ...(leaves.includes(part) ? [] : leaves)].map((name) => `./${name}`)],
  message: `docs/architecture.md: src/${part} may import only ${allowed.length === 0 ? 'nothing' : allowed.join(', ')}.`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'scripts/**', 'tests/fixtures/**', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'vitest.config.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.test.json' })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      // A store answer may be a Promise (src/store/store.ts): one not awaited is a write or read lost.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
);
