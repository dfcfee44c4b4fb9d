/** @type {import('jest').Config} */
module.exports = {
  displayName: 'run-report',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/run-report',
};
