import { InMemoryFailedEvents } from '@contact-sync/adapters-memory';
import { SimulatedAws } from '@contact-sync/composition';
import { TOKENS } from '@contact-sync/domain';
import { Backend, BackendSettings, openBackend, SIMULATED_AWS } from '../composition';

/** One simulated organization kept across several CLI commands, and a look behind it. */
export class SharedMemoryBackend {
  private backend?: Promise<Backend>;

  readonly open = (settings: BackendSettings): Promise<Backend> => (this.backend ??= openBackend({ ...settings, backend: 'memory' }));

  async sim(): Promise<SimulatedAws> {
    if (!this.backend) throw new Error('no command has opened the backend yet');
    return (await this.backend).container.get<SimulatedAws>(SIMULATED_AWS);
  }

  /** The failure destination behind the backend (opening it with the defaults if no command has yet). */
  async failedEvents(): Promise<InMemoryFailedEvents> {
    return (await this.open({ backend: 'memory', seed: 1 })).container.get<InMemoryFailedEvents>(TOKENS.FailedEvents);
  }

  /** Contact writes the simulated Account Management API has answered. */
  async writes(): Promise<number> {
    const calls = (await this.sim()).accountService.calls;
    return calls.PutAlternateContact + calls.PutContactInformation + calls.DeleteAlternateContact;
  }
}
