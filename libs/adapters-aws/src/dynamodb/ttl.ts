import { AUDIT_RETENTION_DAYS } from '@contact-sync/domain';

const DAY_MS = 86_400_000;

/** Epoch seconds (DynamoDB TTL's unit) at which an item written at `fromMs` expires: the audit retention. */
export const expiresAtFrom = (fromMs: number): number => Math.floor((fromMs + AUDIT_RETENTION_DAYS * DAY_MS) / 1000);
