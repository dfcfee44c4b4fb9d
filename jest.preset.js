const { join } = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

/** Shared Jest settings: every project transpiles with ts-jest; type errors are the typecheck target's job. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Several suites run a simulated organization or an in-process DynamoDB (dynalite): seconds alone,
  // past Jest's default 5 s when the machine is busy. A hung test still fails, later.
  testTimeout: 30_000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The domain is also an npm workspace (node_modules/@contact-sync/domain, whose exports name its build):
  // tests always take its source, never a build that may be stale or missing.
  moduleNameMapper: {
    '^@contact-sync/domain$': join(__dirname, 'libs/domain/src/index.ts'),
    '^@contact-sync/domain/testing$': join(__dirname, 'libs/domain/src/testing/index.ts'),
  },
  coverageReporters: ['text-summary', 'lcov'],
  // Integration tests take about a second alone; Nx runs projects side by side on two cores.
  testTimeout: 30_000,
};
