import nx from '@nx/eslint-plugin';

const nodeIo = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'cluster',
  'worker_threads',
  'readline',
  'os',
  'process',
  'timers',
  'timers/promises',
];
const nodeIoImports = nodeIo.flatMap((m) => [m, `node:${m}`]);

/** What libs/domain may not import; `io` lists the node modules it may not import. */
const domainImportRules = (io) => [
  'error',
  {
    paths: [
      ...io.map((name) => ({ name, message: 'libs/domain does no I/O: put it behind a port.' })),
      { name: 'inversify', message: 'Only apps and composition libraries import inversify.' },
      { name: 'reflect-metadata', message: 'Only apps and composition libraries import reflect-metadata.' },
    ],
    patterns: [
      { group: ['@aws-sdk/*', '@aws-lambda-powertools/*'], message: 'libs/domain must not depend on AWS: put it behind a port.' },
      {
        group: ['@contact-sync/adapters-*', '@contact-sync/simulated-*', '@contact-sync/composition', '@contact-sync/simulation'],
        message: 'libs/domain must not import adapters, their composition or apps.',
      },
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.serverless', '**/.esbuild', '**/.nx', '**/coverage', '**/tmp'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'inversify', 'reflect-metadata', ...nodeIoImports],
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:domain', 'type:testing'],
              bannedExternalImports: ['inversify', 'reflect-metadata'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['inversify', 'reflect-metadata'],
            },
            {
              sourceTag: 'type:view',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@aws-sdk/*', '@aws-lambda-powertools/*', 'inversify', 'reflect-metadata', ...nodeIoImports],
            },
            {
              // Container modules and the simulated deployment: where adapters are bound to the ports.
              sourceTag: 'type:composition',
              onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:composition', 'type:view'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:testing', 'type:composition', 'type:view'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A consumer's code, run against the packed domain outside the repository: it imports the package by name, as a user's does.
    files: ['tools/domain-package/consumer/**', 'tools/domain-package/examples/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The domain is pure: no SDKs, no container, no I/O, and time and randomness only through ports.
    files: ['libs/domain/src/**/*.ts'],
    rules: { 'no-restricted-imports': domainImportRules(nodeIoImports) },
  },
  {
    // The architecture spec reads the domain's own source files to check how its folders import one
    // another: a test reading the repository, not the domain doing I/O. Every other rule still holds.
    files: ['libs/domain/src/architecture.spec.ts'],
    rules: { 'no-restricted-imports': domainImportRules(nodeIoImports.filter((name) => name !== 'fs' && name !== 'node:fs')) },
  },
  {
    // The functions' bodies run in Lambda and on the simulation's virtual time alike: they read time from their invocation.
    files: ['libs/functions/src/**/*.ts'],
    ignores: ['libs/functions/src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the invocation’s now().' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the invocation’s now().' },
      ],
    },
  },
  {
    // Views render data to text: as pure as the domain, so that a stored run renders the same anywhere.
    files: ['libs/domain/src/**/*.ts', 'libs/run-report/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts', 'libs/run-report/src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use ClockPort.' },
        { object: 'Math', property: 'random', message: 'Use RandomPort.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use SleeperPort.' },
        { name: 'setInterval', message: 'Use SleeperPort.' },
        { name: 'process', message: 'The domain reads no environment.' },
        { name: 'console', message: 'Use LoggerPort.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use ClockPort.' }],
    },
  },
];
