/** @type {import('jest').Config} */
module.exports = {
  displayName: 'simulated-aws',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/libs/simulated-aws',
};
