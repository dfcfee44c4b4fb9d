import { SyncStateSnapshot } from '@contact-sync/adapters-memory';
import { SimulatedAws } from '@contact-sync/composition';
import { StoredContact } from '@contact-sync/simulated-aws';
import {
  AuditEntry,
  KeptPreviousValue,
  CONTACT_KINDS,
  formatIssues,
  parseSyncConfig,
  parseUniqueKeyJson,
  SyncConfigInput,
  toSyncConfigJson,
} from '@contact-sync/domain';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from './cli-error';

const FORMAT = 'contact-sync/memory-state@1';

/** What the memory backend keeps of its simulated organization between commands. */
interface MemoryState {
  readonly format: typeof FORMAT;
  readonly seed: number;
  /** The virtual clock: time goes on from one command to the next, as it would. */
  readonly clockMs: number;
  /** The contacts that differ from the organization as the seed generates it (null: deleted). */
  readonly contacts: Record<string, StoredContact | null>;
  readonly config: { readonly version: number; readonly config: SyncConfigInput };
  readonly audit: readonly AuditEntry[];
  readonly syncState: SyncStateSnapshot;
  /** The members' previous values, sealed under the simulated undo key (absent in files of versions before them). */
  readonly previousValues?: readonly KeptPreviousValue[];
}

/** The file that keeps the simulated organization of a seed. */
export const memoryStateFile = (stateDir: string, seed: number): string => join(stateDir, `memory-seed-${seed}.json`);

/**
 * Loads the simulated organization kept in `stateDir` (if any) into a freshly seeded one, and returns
 * what saves it back: the contacts that changed, the configuration, the audit trail, the runs and the
 * virtual clock. The simulated failure queue and notifications are not kept.
 */
export async function keepMemoryState(sim: SimulatedAws, stateDir: string, seed: number): Promise<() => Promise<void>> {
  const file = memoryStateFile(stateDir, seed);
  const seeded = contactsOf(sim);
  const saved = await load(file);
  if (saved) await restore(sim, saved, file);
  return async () => {
    const now = contactsOf(sim);
    const contacts: Record<string, StoredContact | null> = {};
    for (const [key, value] of now) if (JSON.stringify(value) !== JSON.stringify(seeded.get(key))) contacts[key] = value ?? null;
    const { config, version } = await sim.syncConfig.load();
    const state: MemoryState = {
      format: FORMAT,
      seed,
      clockMs: sim.time.now(),
      contacts,
      config: { version, config: toSyncConfigJson(config) },
      audit: sim.auditLog.all(),
      syncState: sim.syncState.snapshot(),
      previousValues: sim.previousValues.all(),
    };
    await write(stateDir, file, JSON.stringify(state));
  };
}

/** Forgets the organization kept for a seed; the path removed, or undefined when nothing was kept. */
export async function forgetMemoryState(stateDir: string, seed: number): Promise<string | undefined> {
  const file = memoryStateFile(stateDir, seed);
  try {
    await rm(file);
    return file;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function contactsOf(sim: SimulatedAws): Map<string, StoredContact | undefined> {
  const contacts = new Map<string, StoredContact | undefined>();
  for (const account of sim.model.listAccounts())
    for (const kind of CONTACT_KINDS) contacts.set(`${account.id}#${kind}`, sim.model.settled(account.id, kind));
  return contacts;
}

async function load(file: string): Promise<MemoryState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, (error as NodeJS.ErrnoException).code ?? 'unreadable', error);
  }
  // Read as the configuration it holds is: a key given twice is refused, not read as its last value.
  const parsed = parseUniqueKeyJson(text, 'simulation state');
  if (!parsed.ok)
    throw unreadable(file, parsed.error.issues[0]?.field === '(text)' ? 'not valid JSON' : formatIssues(parsed.error.issues), parsed.error);
  const state = parsed.value as Partial<MemoryState>;
  if (state.format !== FORMAT) throw unreadable(file, `not a ${FORMAT} file`);
  return state as MemoryState;
}

async function restore(sim: SimulatedAws, state: MemoryState, file: string): Promise<void> {
  const config = parseSyncConfig(state.config.config);
  if (!config.ok) throw unreadable(file, 'its configuration is not valid');
  sim.time.advance(Math.max(0, state.clockMs - sim.time.now()));
  const now = sim.time.now();
  for (const [key, value] of Object.entries(state.contacts)) {
    const [accountId, kind] = key.split('#') as [string, (typeof CONTACT_KINDS)[number]];
    if (!sim.model.account(accountId) || !CONTACT_KINDS.includes(kind)) throw unreadable(file, `it names an unknown account-kind ${key}`);
    sim.model.write(accountId, kind, value ?? undefined, now);
  }
  sim.syncConfig.restore({ config: config.value, version: state.config.version });
  await sim.auditLog.append(state.audit);
  sim.syncState.restore(state.syncState);
  for (const kept of state.previousValues ?? []) await sim.previousValues.keep(kept);
}

/** Written whole, then renamed: a command cut off while saving leaves the previous state, not half of one. */
async function write(stateDir: string, file: string, text: string): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  // The directory holds a simulation's state, never something to commit.
  await writeFile(join(stateDir, '.gitignore'), '*\n');
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}

const unreadable = (file: string, why: string, cause?: unknown) =>
  new CliError(
    'STATE_UNREADABLE',
    `the memory backend's state ${file} cannot be used (${why}): start afresh with contact-sync reset --backend memory`,
    cause === undefined ? undefined : { cause },
  );
