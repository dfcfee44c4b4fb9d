/** @type {import('jest').Config} */
module.exports = {
  displayName: 'domain-package',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
