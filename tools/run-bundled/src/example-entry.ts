import { auditExpiresAt } from '@contact-sync/domain';

// An entry point for the runner's test: it imports a workspace library through the tsconfig paths,
// reports what it was started with, and fails on request, to show where the stack points.
const [command, value] = process.argv.slice(2);
if (command === 'fail') throw new Error('failed on request');
process.stdout.write(
  `${JSON.stringify({ script: process.argv[1], args: process.argv.slice(2), expiresAt: auditExpiresAt(Date.UTC(2026, 10, 22)) })}\n`,
);
if (command === 'exit') process.exitCode = Number(value);
