import { InMemoryFailedEvents } from '@contact-sync/adapters-memory';
import { CONTACT_KINDS, contactKindSpec, ContactOperation } from '@contact-sync/domain';
import { SimulatedAws } from '@contact-sync/composition';
import { BackendSettings, ComposedBackend } from '../backend';
import { SIMULATED_AWS } from '../backend-modules';
import { openBackend } from '../composition';

/** The operations that set or unset a contact, as the table of kinds names them. */
const WRITE_OPERATIONS: ReadonlySet<ContactOperation> = new Set(
  CONTACT_KINDS.flatMap((kind) => {
    const { write, remove } = contactKindSpec(kind);
    return remove === undefined ? [write] : [write, remove];
  }),
);

/** One simulated organization kept across several CLI commands, and a look behind it. */
export class SharedMemoryBackend {
  private backend?: Promise<ComposedBackend>;

  readonly open = (settings: BackendSettings): Promise<ComposedBackend> =>
    (this.backend ??= openBackend({ ...settings, backend: 'memory' }));

  async sim(): Promise<SimulatedAws> {
    if (!this.backend) throw new Error('no command has opened the backend yet');
    return (await this.backend).container.get(SIMULATED_AWS);
  }

  /** The failure destination behind the backend (opening it with the defaults if no command has yet). */
  async failedEvents(): Promise<InMemoryFailedEvents> {
    await this.open({ backend: 'memory', seed: 1 });
    return (await this.sim()).failedEvents;
  }

  /** Contact writes the simulated Account Management API has answered: calls of every kind's set and unset operations. */
  async writes(): Promise<number> {
    const calls = (await this.sim()).accountService.calls;
    return [...WRITE_OPERATIONS].reduce((sum, operation) => sum + calls[operation], 0);
  }
}
