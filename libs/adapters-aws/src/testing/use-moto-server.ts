import { AwsClientOptions } from '../clients';
import { MOTO_START_TIMEOUT_MS, MotoServer, startMotoServer } from './moto-server';

/** The moto server of a test file, and clients on it that live for one test. */
export interface MotoForTests extends MotoServer {
  /** Builds a client on this server; it is destroyed after the test. */
  client<T extends { destroy(): void }>(make: (options: AwsClientOptions) => T): T;
}

/**
 * Registers the hooks that give a test file its own moto server: started before the first test,
 * stopped after the last; clients made with `client()` are destroyed after each test. Call it at
 * the top of the file; the returned server is usable from the hooks and tests that follow.
 */
export function useMotoServer(): MotoForTests {
  let server: MotoServer | undefined;
  const clients: { destroy(): void }[] = [];
  beforeAll(async () => {
    server = await startMotoServer();
  }, MOTO_START_TIMEOUT_MS);
  afterAll(() => server?.stop());
  afterEach(() => clients.splice(0).forEach((client) => client.destroy()));
  const started = (): MotoServer => {
    if (!server) throw new Error('moto is not started yet: use the server from hooks and tests, after useMotoServer()');
    return server;
  };
  return {
    get endpoint() {
      return started().endpoint;
    },
    get pid() {
      return started().pid;
    },
    get clientOptions() {
      return started().clientOptions;
    },
    get environment() {
      return started().environment;
    },
    reset: () => started().reset(),
    stop: () => started().stop(),
    client(make) {
      const client = make(started().clientOptions);
      clients.push(client);
      return client;
    },
  };
}
