import { runCli } from './cli';
import { processIo } from './io';

// The AWS SDK warns on Node 20 about its future releases; the CLI supports Node 20. Other warnings still show.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  // The SDK emits it as a plain Warning whose message starts with its name.
  const text = `${warning.name}: ${warning.message}`;
  if (!text.includes('NodeVersionSupportWarning')) process.stderr.write(`${text}\n`);
});

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
