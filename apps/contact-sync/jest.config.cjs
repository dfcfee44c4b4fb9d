/** @type {import('jest').Config} */
module.exports = {
  displayName: 'contact-sync',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/contact-sync',
};
