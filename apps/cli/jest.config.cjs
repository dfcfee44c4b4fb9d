/** @type {import('jest').Config} */
module.exports = {
  displayName: 'cli',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Fails the run with one line when moto is missing; each test file then starts its own server.
  globalSetup: '<rootDir>/../../libs/adapters-aws/src/testing/require-moto.ts',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/cli',
  // Commands run against a simulated organization of 1,000 members: on a busy machine that takes longer than Jest's 5 s default.
  testTimeout: 60_000,
};
