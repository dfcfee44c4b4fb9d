import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATIONS_RATE_OPERATIONS } from '@contact-sync/domain';

// The commands the adapter sends, read from its source: a command added there without a row in the
// Organizations rates table would be neither paced by the product nor throttled by the simulator.
const source = readFileSync(join(__dirname, 'aws-organization.ts'), 'utf8');
const sent = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((match) => match[1] as string))].sort();

describe('AwsOrganization and the Organizations rates table', () => {
  it('reads the commands the adapter sends (the seven operations it calls today)', () => {
    expect(sent).toEqual([
      'DescribeAccount',
      'DescribeOrganization',
      'ListAccountsForParent',
      'ListOrganizationalUnitsForParent',
      'ListParents',
      'ListRoots',
      'ListTagsForResource',
    ]);
  });

  it('has a rate in the table for every operation the adapter calls', () => {
    expect(sent.filter((operation) => !(ORGANIZATIONS_RATE_OPERATIONS as readonly string[]).includes(operation))).toEqual([]);
  });
});
