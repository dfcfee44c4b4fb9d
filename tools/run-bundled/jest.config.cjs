/** @type {import('jest').Config} */
module.exports = {
  displayName: 'run-bundled',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
