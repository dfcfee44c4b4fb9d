import { CreateQueueCommand, ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../clients';
import { MOTO_REQUIRED, MOTO_START_TIMEOUT_MS, MotoMissingError, MotoServer, startMotoServer } from './moto-server';
import { processGroupAlive } from './process-group';

const queues = async (server: MotoServer) => {
  const client = createSqsClient(server.clientOptions);
  const { QueueUrls = [] } = await client.send(new ListQueuesCommand({}));
  client.destroy();
  return QueueUrls.map((url) => url.split('/').pop());
};
const createQueue = async (server: MotoServer, name: string) => {
  const client = createSqsClient(server.clientOptions);
  await client.send(new CreateQueueCommand({ QueueName: name }));
  client.destroy();
};

describe('startMotoServer', () => {
  let first: MotoServer;
  let second: MotoServer;
  beforeAll(async () => {
    [first, second] = await Promise.all([startMotoServer(), startMotoServer()]);
  }, MOTO_START_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all([first.stop(), second.stop()]);
  });

  it('serves on 127.0.0.1, on a port of its own, with settings for the clients and the environment', async () => {
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.clientOptions).toEqual({
      endpoint: first.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    expect(first.environment).toEqual({
      AWS_ENDPOINT_URL: first.endpoint,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
    });
    expect((await fetch(`${first.endpoint}/moto-api/`)).status).toBe(200);
  });

  it('keeps servers started side by side apart: their own port, process group and resources', async () => {
    expect(second.endpoint).not.toBe(first.endpoint);
    expect(second.pid).not.toBe(first.pid);
    await createQueue(first, 'only-in-first');
    expect(await queues(first)).toEqual(['only-in-first']);
    expect(await queues(second)).toEqual([]);
  });

  it('reset forgets every resource of that server only', async () => {
    await createQueue(first, 'to-forget');
    await createQueue(second, 'to-keep');
    await first.reset();
    expect(await queues(first)).toEqual([]);
    expect(await queues(second)).toEqual(['to-keep']);
  });
});

describe('stopping a moto server', () => {
  it(
    'ends its whole process group and frees the port; a second stop is harmless; another server keeps serving',
    async () => {
      const [server, other] = await Promise.all([startMotoServer(), startMotoServer()]);
      try {
        expect(processGroupAlive(server.pid)).toBe(true);
        await server.stop();
        await server.stop();
        expect(processGroupAlive(server.pid)).toBe(false);
        await expect(fetch(`${server.endpoint}/moto-api/`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
        expect((await fetch(`${other.endpoint}/moto-api/`)).status).toBe(200);
      } finally {
        await Promise.all([server.stop(), other.stop()]);
      }
    },
    MOTO_START_TIMEOUT_MS,
  );
});

describe('when moto is not installed', () => {
  it('fails with one line that says how to install it', async () => {
    const started = startMotoServer({
      commands: [['moto-server-that-does-not-exist'], ['python3', '-m', 'moto_module_that_does_not_exist']],
    });
    await expect(started).rejects.toBeInstanceOf(MotoMissingError);
    await expect(started).rejects.toMatchObject({ message: MOTO_REQUIRED, stack: MOTO_REQUIRED });
    expect(MOTO_REQUIRED).toBe('moto is required for the AWS over-the-wire tests: pip install "moto[server]"');
  });

  it('names a command that runs but never serves, once the start timeout has passed', async () => {
    await expect(startMotoServer({ commands: [['sh', '-c', 'echo not moto; sleep 30']], startTimeoutMs: 500 })).rejects.toThrow(
      /^moto did not start within 500 ms; its last output: not moto\n$/,
    );
  });
});
