/** @type {import('jest').Config} */
module.exports = {
  displayName: 'functions',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/functions',
};
