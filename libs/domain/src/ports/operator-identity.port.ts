import { AccountId } from '../accounts/account-id';

/** The organization an operator acts on, as Organizations describes it. */
export interface OrganizationIdentity {
  /** `o-` and 10 to 32 characters. */
  readonly organizationId: string;
  readonly managementAccountId: AccountId;
}

/**
 * Who an operator's command acts as, and on which organization: what a confirmation names before a
 * write, and what the audit records as the initiator of the operator's runs.
 */
export interface OperatorIdentityPort {
  /** The AWS principal ARN of the credentials in use (an IAM user, or an assumed role's session). */
  callerArn(): Promise<string>;
  /** The organization of the management account the credentials belong to. */
  organization(): Promise<OrganizationIdentity>;
}
