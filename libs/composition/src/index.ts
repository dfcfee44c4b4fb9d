export * from './simulated-aws';
