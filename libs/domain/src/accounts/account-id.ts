const ACCOUNT_ID = /^\d{12}$/;

/** An AWS account id: exactly 12 digits. */
export type AccountId = string;

/** True when `value` is exactly 12 digits. */
export const isAccountId = (value: unknown): value is AccountId => typeof value === 'string' && ACCOUNT_ID.test(value);
