import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AlternateContactProps } from '../contacts/alternate-contact';
import { ContactInformationProps } from '../contacts/contact-information';

/** The management account's value of one kind when the run started; null when it is unset. */
export type DesiredValues = Partial<Record<ContactKind, AlternateContactProps | ContactInformationProps | null>>;

/**
 * A batch of accounts for one worker. It carries the desired values so that workers do not re-read
 * the management account (that would spend the read quota the members need).
 */
export interface WorkItem {
  readonly runId: string;
  readonly itemId: string;
  readonly accountIds: readonly AccountId[];
  readonly kinds: readonly ContactKind[];
  readonly desired: DesiredValues;
  readonly propagateDeletions: boolean;
  readonly dryRun: boolean;
  readonly initiator: string;
}
