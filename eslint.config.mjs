// ESLint: typescript-eslint's recommended rules (type-aware), import cycles and the import rules of
// test/unit/architecture/layers.json (the same rules importRules.test.ts checks without eslint), and
// eslint-config-prettier last, so formatting is prettier's alone (`npm run lint` runs both).
import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const layers = JSON.parse(readFileSync(new URL('./test/unit/architecture/layers.json', import.meta.url), 'utf8'));

const domain = layers.domainLayers.flat();
/** server/src's own files (main.ts, serverProcess.ts): the entry wiring, outside the layers (as in importRules.test.ts). */
const entryFiles = readdirSync(new URL('./server/src', import.meta.url)).filter((f) => f.endsWith('.ts'));
const layerText = [...layers.domainLayers, ...layers.outerLayers].map((g) => g.join(' ')).join(' ← ');

/** One zone per folder of server/src: it imports only itself and the layers below it (a domain folder: the domain
 * layers below; an outer folder: the whole domain and the outer layers below). */
const layerZones = [
  ...layers.domainLayers.map((group, level) => ({ group, below: layers.domainLayers.slice(0, level).flat() })),
  ...layers.outerLayers.map((group, level) => ({
    group,
    below: [...domain, ...layers.outerLayers.slice(0, level).flat()],
  })),
].flatMap(({ group, below }) =>
  group.map((folder) => ({
    target: `./server/src/${folder}`,
    from: './server/src',
    except: [folder, ...below, ...entryFiles].map((f) => `./${f}`),
    message: `server/src/${folder} imports only from ${[folder, ...below].join(', ')} (layers: ${layerText}).`,
  })),
);

const browserGlobals = Object.fromEntries(
  // the webview scripts; `self` and `module` for the UMD wrapper that lets unit tests load a page model in Node
  [
    'window',
    'self',
    'module',
    'document',
    'acquireVsCodeApi',
    'navigator',
    'requestAnimationFrame',
    'setTimeout',
    'clearTimeout',
  ].map((name) => [name, 'readonly']),
);
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'process', '__dirname', 'console', 'URL'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.cache/',
      'test-output/',
      '.stack/',
      '.vscode-test/',
      'test/e2e/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['examples/cdc-streaming/scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // `const { dropped: _, ...rest } = obj` is how this code leaves a property out of a copy: the named sibling is
      // there to be unused (the rule's own option for that idiom); any other unused variable is still an error
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // test and bench code: scripted fakes of the async clients (FlinkRestClient, SqlGatewayClient, the Confluent Cloud
    // statements API) and kafkajs eachMessage/eachBatch handlers implement interfaces that return promises, with
    // nothing of their own to await; `async` is what keeps them answering like the real thing (a promise, a throw
    // as a rejection), so require-await is wrong there. The extension's own code keeps the rule.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: browserGlobals },
  },
  {
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['client/src/**/*.ts', 'server/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './client/src',
              from: './server',
              except: [`./${layers.clientMayImportFromServer.replace(/^server\//, '')}`],
              message: `The client imports from the server only ${layers.clientMayImportFromServer} (what travels over LSP).`,
            },
            {
              target: './server',
              from: './stack',
              message: 'The server never imports the local stack (stack/ is for npm run stack:* and the tests).',
            },
            ...layerZones,
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The server never imports vscode: it serves any LSP client and the CLI.' },
          ],
        },
      ],
    },
  },
  prettier,
);
