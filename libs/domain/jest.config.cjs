/** @type {import('jest').Config} */
module.exports = {
  displayName: 'domain',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/domain',
};
