import { FUNCTION_GRANTS, FUNCTION_NAMES } from '@contact-sync/functions';
import { readPackagedTemplate } from './testing/packaged-template';

// The simulation gives each function the Account Management and Organizations calls its role allows
// (libs/functions/src/grants.json, read at run time where the stack's IAM roles cannot be). This holds
// that list equal to the packaged template's roles, action by action: a grant added to or taken from a
// role in iam-roles.yml and not in grants.json (or the other way) fails here. Resources are not
// compared (the simulation models the actions only); iam-least-privilege.spec.ts checks the roles.

const template = readPackagedTemplate();

interface Statement {
  readonly Effect: string;
  readonly Action: string | readonly string[];
}

/** The `account:` and `organizations:` actions the function's role allows, on any resource. */
function roleGrants(name: string): string[] {
  const fn = template.functions[name];
  if (!fn) throw new Error(`the packaged template has no function ${name}`);
  const role = template.resources[fn.roleId]?.Properties as { Policies?: { PolicyDocument: { Statement: Statement[] } }[] } | undefined;
  if (!role) throw new Error(`${name}'s role ${fn.roleId} is not in the template`);
  const actions = (role.Policies ?? [])
    .flatMap((p) => p.PolicyDocument.Statement)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => [s.Action].flat());
  return [...new Set(actions.filter((a) => /^(account|organizations):/.test(a)))].sort();
}

describe('the simulated functions’ grants against the packaged stack’s roles', () => {
  it('name the functions of the template', () => {
    expect(Object.keys(template.functions).sort()).toEqual([...FUNCTION_NAMES].sort());
  });

  it.each([...FUNCTION_NAMES].sort())(
    '%s: the simulation allows exactly the Account Management and Organizations calls its role grants',
    (name) => {
      expect([...FUNCTION_GRANTS[name]].sort()).toEqual(roleGrants(name));
    },
  );

  it('deny nothing in the roles: no statement of a function’s role refuses an Account Management or Organizations action', () => {
    const denies = FUNCTION_NAMES.flatMap((name) => {
      const role = template.resources[template.functions[name]?.roleId ?? '']?.Properties as
        { Policies?: { PolicyDocument: { Statement: Statement[] } }[] } | undefined;
      return (role?.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement).filter((s) => s.Effect !== 'Allow');
    });
    // A Deny would make a grant in grants.json wrong; the simulation models allows only.
    expect(denies).toEqual([]);
  });
});
