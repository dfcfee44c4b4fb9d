import { AccountId } from '../accounts/account-id';
import { OrganizationStructurePort } from '../ports/organization-structure.port';
import { DomainError } from '../shared/domain-error';
import { TagReader } from './tag-reader';
import { TargetingRules } from '../targeting/targeting-rules';

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable name for a text (not a secret: the text is ids and tags). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * What the targeting rules read of where an account is: its parent when OU rules exist, its tags
 * when tag rules exist, as 8 hex digits (the empty text when no such rule exists). Two reads give the
 * same digits exactly when the rules could not decide differently. A parent or tag read that fails
 * throws: the caller's event is then delivered again, never decided on a guess.
 */
export async function placementOf(
  structure: OrganizationStructurePort,
  tags: TagReader,
  rules: TargetingRules,
  accountId: AccountId,
): Promise<string> {
  if (!rules.hasUnitRules && !rules.hasTagRules) return '';
  const parts: string[] = [];
  if (rules.hasUnitRules) {
    const parent = await structure.parentOf(accountId);
    if (!parent) throw new DomainError('NOT_FOUND', `the parent of account ${accountId} could not be read`);
    parts.push(parent.id);
  }
  if (rules.hasTagRules) {
    const read = await tags.tagsOf(accountId);
    if (!read) throw new DomainError('NOT_FOUND', `the tags of account ${accountId} could not be read in time`);
    // Keys and values as JSON, sorted: no separator in a tag can make two tag sets read alike.
    parts.push(JSON.stringify(Object.entries(read).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
  }
  return fnv1a(parts.join('\n'));
}
