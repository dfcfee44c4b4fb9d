import { runCli } from './cli';
import { processIo } from './io';

// The AWS SDK warns on Node 20 about its future releases; the CLI supports Node 20. Other warnings still show.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'NodeVersionSupportWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
