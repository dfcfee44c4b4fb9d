import { readFileSync } from 'node:fs';
import { parseSyncConfig, SyncConfig } from '@contact-sync/domain';
import { ArgumentError } from './arguments';

/** A sync configuration file, validated: a bad field is named, as `contact-sync config validate` names it. */
export function readConfigFile(path: string): SyncConfig {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ArgumentError(`--config: cannot read ${path}: ${typeof code === 'string' ? code : 'not JSON'}`);
  }
  const parsed = parseSyncConfig(input);
  if (!parsed.ok) throw new ArgumentError(`--config: ${parsed.error.message}`);
  return parsed.value;
}
