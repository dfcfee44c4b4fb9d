import { AwsClientOptions } from '@contact-sync/adapters-aws';
import { createMotoStack, MotoStack, TemplateResource } from '@contact-sync/adapters-aws/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The template `serverless package --stage dev` writes; the test target packages before it runs. */
export const PACKAGED_TEMPLATE = join(__dirname, '..', '..', '.serverless', 'cloudformation-template-update-stack.json');

/** The packaged stack's tables, queues and topic in moto, and each function's environment pointing at them. */
export interface PackagedStackOnMoto {
  readonly stack: MotoStack;
  /** The environment the stack gives `functionName` (e.g. `accountWorker`), its Refs resolved to the moto resources. */
  environmentOf(functionName: string): Record<string, string>;
}

/**
 * Creates the stack's DynamoDB tables, SQS queues and SNS topic in moto from the packaged
 * CloudFormation template (the same definitions CloudFormation deploys), for tests that run the
 * handlers or their adapters against them.
 */
export async function createPackagedStackInMoto(options: AwsClientOptions, templatePath = PACKAGED_TEMPLATE): Promise<PackagedStackOnMoto> {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as { Resources: Record<string, TemplateResource> };
  const stack = await createMotoStack(options, template.Resources, 'contact-sync-dev');
  return {
    stack,
    environmentOf(functionName) {
      const id = `${functionName.charAt(0).toUpperCase()}${functionName.slice(1)}LambdaFunction`;
      const fn = template.Resources[id];
      if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${functionName} is not a function of the packaged stack`);
      const environment = (fn.Properties?.['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      return stack.resolve(environment) as Record<string, string>;
    },
  };
}
