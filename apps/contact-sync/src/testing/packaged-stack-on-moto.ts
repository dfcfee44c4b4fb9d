import { AwsClientOptions } from '@contact-sync/adapters-aws';
import { createMotoStack, MotoStack } from '@contact-sync/adapters-aws/testing';
import { PackagedTemplate, readPackagedTemplate } from './packaged-template';

/** The packaged stack's tables, queues and topic in moto, and each function's environment pointing at them. */
export interface PackagedStackOnMoto {
  readonly stack: MotoStack;
  readonly template: PackagedTemplate;
  /** The environment the stack gives `functionName` (e.g. `accountWorker`), its Refs resolved to the moto resources. */
  environmentOf(functionName: string): Record<string, string>;
}

/**
 * Creates the stack's DynamoDB tables, SQS queues and SNS topic in moto from the packaged
 * CloudFormation template (the same definitions CloudFormation deploys), for tests that run the
 * handlers or their adapters against them.
 */
export async function createPackagedStackInMoto(
  options: AwsClientOptions,
  template = readPackagedTemplate(),
): Promise<PackagedStackOnMoto> {
  const stack = await createMotoStack(options, template.resources, 'contact-sync-dev');
  return {
    stack,
    template,
    environmentOf(functionName) {
      const fn = template.functions[functionName];
      if (!fn) throw new Error(`${functionName} is not a function of the packaged stack`);
      return stack.resolve(fn.environment) as Record<string, string>;
    },
  };
}
