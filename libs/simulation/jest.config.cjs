/** @type {import('jest').Config} */
module.exports = {
  displayName: 'simulation',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/simulation',
};
