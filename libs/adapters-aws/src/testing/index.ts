/** Test support for code built on the AWS adapters: a local DynamoDB, moto over the wire, and output capture. */
export * from './capture-output';
export * from './local-dynamodb';
export * from './moto-server';
export * from './moto-fingerprints';
export * from './moto-organization';
export * from './moto-stack';
export * from './moto-iam';
export * from './moto-messages';
export { findMotoCommand } from './require-moto';
export * from './use-moto-server';
