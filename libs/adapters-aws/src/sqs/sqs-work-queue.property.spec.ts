import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { WorkItem } from '@contact-sync/domain';
import { accountIdArb, alternateContactPropsArb, contactInformationPropsArb, ManualTime } from '@contact-sync/domain/testing';
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import { SqsWorkQueue } from './sqs-work-queue';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111111111111/contact-sync-work';

/** A work item as a careless caller might pass it: the ids, plus the run's desired values and initiator spread in. */
const itemCarryingContactsArb = fc
  .record({
    index: fc.nat({ max: 9999 }),
    accountIds: fc.array(accountIdArb, { minLength: 1, maxLength: 25 }),
    desired: fc.record({
      PRIMARY: contactInformationPropsArb,
      SECURITY: alternateContactPropsArb('SECURITY'),
      BILLING: alternateContactPropsArb('BILLING'),
    }),
    initiator: fc.stringMatching(/^arn:aws:iam::\d{12}:user\/[A-Za-z]{3,20}$/),
  })
  .map(({ index, accountIds, desired, initiator }) => ({ runId: 'chg-e1', itemId: `chg-e1:${index}`, accountIds, desired, initiator }));

describe('SqsWorkQueue message bodies', () => {
  it('hold the item ids and nothing else: no contact value, no initiator', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Failed: [] });
    await fc.assert(
      fc.asyncProperty(fc.array(itemCarryingContactsArb, { minLength: 1, maxLength: 12 }), async (items) => {
        sqs.resetHistory();
        await new SqsWorkQueue(new SQSClient({ region: 'us-east-1' }), QUEUE_URL, new ManualTime()).enqueue(items as WorkItem[]);
        const bodies = sqs
          .commandCalls(SendMessageBatchCommand)
          .flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => entry.MessageBody));
        expect(bodies).toEqual(items.map(({ runId, itemId, accountIds }) => JSON.stringify({ runId, itemId, accountIds })));
      }),
      { numRuns: 100 },
    );
  });
});
