/** Test support for code built on the AWS adapters: a local DynamoDB and output capture. */
export * from './capture-output';
export * from './local-dynamodb';
