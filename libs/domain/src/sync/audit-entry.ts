import { AccountId } from '../accounts/account-id';
import { ContactKind } from '../contacts/contact-kind';
import { AccountOutcome, OutcomeStatus, skipDetail } from './account-outcome';

/** Audit entries are kept this long. */
export const AUDIT_RETENTION_DAYS = 90;
const DAY_MS = 86_400_000;

/** One audited outcome: who, what kind, which account, before/after fingerprints, when. */
export interface AuditEntry {
  /** `${runId}#${accountId}#${kind}`: one entry per outcome, so a replay never duplicates it. */
  readonly entryId: string;
  readonly runId: string;
  readonly accountId: AccountId;
  readonly kind: ContactKind;
  readonly status: OutcomeStatus;
  /** The error code, the skip reason with its rule (`EXCLUDED_BY_TAG contact-sync:exclude=true`), or the action. */
  readonly detail?: string;
  readonly initiator: string;
  readonly beforeFingerprint?: string;
  readonly afterFingerprint?: string;
  /** A write was begun and cut off, and the run made no write it knows landed after it: it may or may not have landed. */
  readonly unconfirmedWrite?: boolean;
  readonly at: string;
  /** Epoch seconds (DynamoDB TTL's unit), 90 days after `at`. */
  readonly expiresAt: number;
}

/** Epoch seconds (DynamoDB TTL's unit) at which something written at `writtenAtMs` expires: the audit retention. */
export const auditExpiresAt = (writtenAtMs: number): number => Math.floor((writtenAtMs + AUDIT_RETENTION_DAYS * DAY_MS) / 1000);

/** The audit entry for an outcome. */
export function auditEntryFor(outcome: AccountOutcome, initiator: string): AuditEntry {
  return {
    entryId: `${outcome.runId}#${outcome.accountId}#${outcome.kind}`,
    runId: outcome.runId,
    accountId: outcome.accountId,
    kind: outcome.kind,
    status: outcome.status,
    detail: outcome.errorCode ?? skipDetail(outcome) ?? outcome.action,
    initiator,
    beforeFingerprint: outcome.beforeFingerprint,
    afterFingerprint: outcome.afterFingerprint,
    ...(outcome.unconfirmedWrite ? { unconfirmedWrite: true } : {}),
    at: outcome.at,
    expiresAt: auditExpiresAt(Date.parse(outcome.at)),
  };
}
