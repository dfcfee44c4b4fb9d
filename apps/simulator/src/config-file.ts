import { readFileSync } from 'node:fs';
import { parseSyncConfigText, SyncConfig } from '@contact-sync/domain';
import { ArgumentError } from './arguments';

/**
 * A sync configuration file, validated: a bad field, or a key given twice, is named, as
 * `contact-sync config validate` names it.
 */
export function readConfigFile(path: string): SyncConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ArgumentError(`--config: cannot read ${path}: ${typeof code === 'string' ? code : 'unreadable'}`);
  }
  const parsed = parseSyncConfigText(text);
  if (!parsed.ok) {
    if (parsed.error.issues[0]?.field === '(text)') throw new ArgumentError(`--config: cannot read ${path}: not JSON`);
    throw new ArgumentError(`--config: ${parsed.error.message}`);
  }
  return parsed.value;
}
