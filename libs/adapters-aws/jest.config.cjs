/** @type {import('jest').Config} */
module.exports = {
  displayName: 'adapters-aws',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Fails the run with one line when moto is missing; each test file then starts its own server.
  globalSetup: '<rootDir>/src/testing/require-moto.ts',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/adapters-aws',
};
