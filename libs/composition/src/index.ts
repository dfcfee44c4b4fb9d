export * from './tokens';
export * from './use-cases.module';
export * from './aws-adapters.module';
export * from './simulated-aws.module';
export * from './simulated-aws';
