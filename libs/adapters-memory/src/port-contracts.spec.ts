import {
  auditLogContract,
  cipherContract,
  eventLedgerContract,
  failedEventsContract,
  itemLedgerContract,
  keyedHashContract,
  kindHeadsContract,
  outcomeLedgerContract,
  runStoreContract,
  syncConfigContract,
} from '@contact-sync/port-contracts';
import { InMemoryFailedEvents } from './in-memory-failed-events';
import { InMemoryKeyedHash } from './in-memory-keyed-hash';
import { InMemoryCipher } from './in-memory-previous-values';
import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemorySyncConfig } from './in-memory-sync-config';
import { InMemorySyncState } from './in-memory-sync-state';

syncConfigContract('InMemorySyncConfig', async () => new InMemorySyncConfig());
// One InMemorySyncState serves every role: each role's contract runs against it.
eventLedgerContract('InMemorySyncState', async () => new InMemorySyncState());
kindHeadsContract('InMemorySyncState', async () => new InMemorySyncState());
runStoreContract('InMemorySyncState', async () => new InMemorySyncState());
itemLedgerContract('InMemorySyncState', async () => new InMemorySyncState());
outcomeLedgerContract('InMemorySyncState', async () => new InMemorySyncState());
auditLogContract('InMemoryAuditLog', async (clock) => new InMemoryAuditLog(clock));
failedEventsContract('InMemoryFailedEvents', async () => {
  const port = new InMemoryFailedEvents();
  return { port, land: async (event) => port.add(event) };
});
keyedHashContract('InMemoryKeyedHash', (key) => new InMemoryKeyedHash(key));
cipherContract('InMemoryCipher', (key) => new InMemoryCipher(key));
