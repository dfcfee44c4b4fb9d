/** @type {import('jest').Config} */
module.exports = {
  displayName: 'adapters-memory',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/adapters-memory',
};
