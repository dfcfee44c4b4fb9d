/** @type {import('jest').Config} */
module.exports = {
  displayName: 'contract-tests',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Fails the run with one line when moto is missing; each test file then starts its own server.
  globalSetup: '<rootDir>/../../libs/adapters-aws/src/testing/require-moto.ts',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/contract-tests',
};
