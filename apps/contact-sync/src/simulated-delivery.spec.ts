import { TemplateResource } from '@contact-sync/adapters-aws/testing';
import { DEPLOYMENT, FUNCTION_NAMES } from '@contact-sync/functions';
import { AWS_DELIVERY } from '@contact-sync/simulation';
import { readPackagedTemplate } from './testing/packaged-template';

// The simulator's delivery model is the stack's: every number the packaged template sets for how work
// reaches the functions is the one the simulation runs with (both read the deployment's numbers).
const template = readPackagedTemplate();
const properties = (id: string): Readonly<Record<string, unknown>> => {
  const resource: TemplateResource | undefined = template.resources[id];
  if (!resource) throw new Error(`the packaged template has no ${id}`);
  return resource.Properties ?? {};
};
const logicalId = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/** A schedule's rate expression in ms (`rate(5 minutes)`). */
function rateMs(expression: unknown): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(String(expression));
  if (!match) throw new Error(`not a rate in minutes or hours: ${String(expression)}`);
  return Number(match[1]) * (match[2]?.startsWith('hour') ? 3_600_000 : 60_000);
}

describe('the simulator’s delivery model against the packaged stack', () => {
  it('gives each function the timeout the stack gives it', () => {
    const packaged = Object.fromEntries(Object.values(template.functions).map((f) => [f.name, f.timeoutSeconds * 1000]));
    expect(AWS_DELIVERY.timeoutsMs).toEqual(packaged);
    expect(Object.keys(packaged).sort()).toEqual([...FUNCTION_NAMES].sort());
  });

  it('feeds the worker batches of the event source’s size, with as many workers as the stage’s default allows', () => {
    const [source, ...others] = template.queueSources;
    expect(others).toEqual([]);
    expect(source).toMatchObject({ queueId: 'WorkQueue', functionName: 'accountWorker', reportBatchItemFailures: true });
    // The dev stage sets no workerConcurrency of its own: its template has stages.yml's default.
    expect({ batchSize: AWS_DELIVERY.batchSize, workerConcurrency: AWS_DELIVERY.workerConcurrency }).toEqual({
      batchSize: source?.batchSize,
      workerConcurrency: source?.maximumConcurrency,
    });
  });

  it('hides and dead-letters work items as the work queue does', () => {
    const queue = properties('WorkQueue');
    expect({ visibilityTimeoutMs: AWS_DELIVERY.sqs.visibilityTimeoutMs, maxReceiveCount: AWS_DELIVERY.sqs.maxReceiveCount }).toEqual({
      visibilityTimeoutMs: (queue['VisibilityTimeout'] as number) * 1000,
      maxReceiveCount: (queue['RedrivePolicy'] as { maxReceiveCount: number }).maxReceiveCount,
    });
  });

  it('hides and dead-letters failed events as the failure destination does', () => {
    const queue = properties('FailedEventsQueue');
    const model = AWS_DELIVERY.failedEventsQueue;
    expect({ visibilityTimeoutMs: model.visibilityTimeoutMs, maxReceiveCount: model.maxReceiveCount }).toEqual({
      visibilityTimeoutMs: (queue['VisibilityTimeout'] as number) * 1000,
      maxReceiveCount: (queue['RedrivePolicy'] as { maxReceiveCount: number }).maxReceiveCount,
    });
  });

  it('retries a failed start as often as the start functions’ asynchronous invocation settings allow', () => {
    for (const name of ['contactChange', 'newAccount', 'accountChange', 'scheduledReconcile']) {
      const config = properties(`${logicalId(name)}LambdaEvConf`);
      expect([name, AWS_DELIVERY.asyncRetryDelaysMs.length]).toEqual([name, config['MaximumRetryAttempts']]);
    }
  });

  it('sweeps on the sweep’s schedule', () => {
    expect(AWS_DELIVERY.sweepIntervalMs).toBe(rateMs(properties('SweepRunsEventsRuleSchedule1')['ScheduleExpression']));
    expect(DEPLOYMENT.sweepIntervalMs).toBe(AWS_DELIVERY.sweepIntervalMs);
  });
});
