import {
  auditLogContract,
  cipherContract,
  failedEventsContract,
  keyedHashContract,
  syncConfigContract,
  syncStateContract,
} from '@contact-sync/port-contracts';
import { InMemoryFailedEvents } from './in-memory-failed-events';
import { InMemoryKeyedHash } from './in-memory-keyed-hash';
import { InMemoryCipher } from './in-memory-previous-values';
import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemorySyncConfig } from './in-memory-sync-config';
import { InMemorySyncState } from './in-memory-sync-state';

syncConfigContract('InMemorySyncConfig', async () => new InMemorySyncConfig());
syncStateContract('InMemorySyncState', async () => new InMemorySyncState());
auditLogContract('InMemoryAuditLog', async (clock) => new InMemoryAuditLog(clock));
failedEventsContract('InMemoryFailedEvents', async () => {
  const port = new InMemoryFailedEvents();
  return { port, land: async (event) => port.add(event) };
});
keyedHashContract('InMemoryKeyedHash', (key) => new InMemoryKeyedHash(key));
cipherContract('InMemoryCipher', (key) => new InMemoryCipher(key));
