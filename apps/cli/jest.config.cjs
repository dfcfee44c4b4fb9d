/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cli',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/cli',
  // Each command runs against a simulated organization of 1,000 accounts: seconds alone, more on a busy machine.
  testTimeout: 30_000,
};
