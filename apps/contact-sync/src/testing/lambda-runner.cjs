// One Lambda execution environment, as the Node.js runtime runs it: the handler's module is loaded
// once (the cold start), then each invocation message from the parent calls the handler with the
// event and a context whose remaining time counts down from the function's timeout. The result or
// the error goes back as Lambda reports them (errorType, errorMessage). Ends with its parent.
const { randomUUID } = require('node:crypto');
const { join } = require('node:path');

const [codeDir, handler, functionName, timeoutMs] = process.argv.slice(2);
const dot = handler.lastIndexOf('.');
const code = require(join(codeDir, `${handler.slice(0, dot)}.js`));
const exported = handler.slice(dot + 1);
if (typeof code[exported] !== 'function') throw new Error(`${handler}: the module exports no function ${exported}`);

process.on('message', async ({ id, event }) => {
  const deadline = Date.now() + Number(timeoutMs);
  const context = {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await code[exported](event, context);
    process.send({ id, result: result === undefined ? null : result });
  } catch (error) {
    process.send({
      id,
      error: {
        errorType: error instanceof Error ? error.name : 'Error',
        errorMessage: error instanceof Error ? error.message : String(error),
      },
    });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
