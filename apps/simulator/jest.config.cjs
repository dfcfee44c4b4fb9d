/** @type {import('jest').Config} */
module.exports = {
  displayName: 'simulator',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/apps/simulator',
};
