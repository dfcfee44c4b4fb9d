import { CipherPort, KeptPreviousValue, PreviousValueStorePort, targetKey } from '@contact-sync/domain';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Previous values in memory, by run and account-kind. */
export class InMemoryPreviousValues implements PreviousValueStorePort {
  private readonly runs = new Map<string, Map<string, KeptPreviousValue>>();

  async keep(value: KeptPreviousValue): Promise<void> {
    let run = this.runs.get(value.runId);
    if (!run) this.runs.set(value.runId, (run = new Map()));
    run.set(targetKey(value.accountId, value.kind), value);
  }

  async keptFor(runId: string): Promise<KeptPreviousValue[]> {
    return [...(this.runs.get(runId)?.values() ?? [])];
  }

  /** Every value kept, for the checks that look at what is stored. */
  all(): KeptPreviousValue[] {
    return [...this.runs.values()].flatMap((run) => [...run.values()]);
  }
}

/** The simulated deployment's undo key. Public, so never a real deployment's. */
export const SIMULATED_UNDO_KEY = 'contact-sync simulated undo key: public, not a secret';

/**
 * AES-256-GCM under a key given in code (the simulator's, or a test's), with the context as
 * additional authenticated data: the simulator stores previous values sealed, as a deployment does.
 */
export class InMemoryCipher implements CipherPort {
  private readonly key: Buffer;

  constructor(key: string = SIMULATED_UNDO_KEY) {
    this.key = createHash('sha256').update(key, 'utf8').digest();
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
  }

  open(sealed: string, context: string): string {
    const [iv = '', body = '', tag = ''] = sealed.split('.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
