/** @type {import('jest').Config} */
module.exports = {
  displayName: 'adapters-aws',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/adapters-aws',
};
