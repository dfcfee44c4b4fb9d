import { runCli } from './cli';
import { processIo } from './io';

// The AWS SDK's documented switch for its Node.js version notice (aws/aws-sdk-js-v3#7983): on Node 20 it
// prints 8 lines on every command. The CLI supports Node 20 and recommends 22; a user may set it to false.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
