import { DEFAULT_LAUNCH_OPTIONS } from '@contact-sync/domain';
import { AWS_DELIVERY, DeliveryModel } from './deployed-system';
import { CRASH_RATES } from './scenarios';

/** How hostile the property tests make AWS's delivery. */
export interface DeliveryHostility {
  /** Multiplies every crash rate of the crash scenario (0: no crashes). */
  readonly crashFactor: number;
  readonly workerConcurrency: number;
  readonly sqsDuplicateRate: number;
  /** Small items make many per run, which SQS hands out in any order. */
  readonly accountsPerItem: number;
  /** How long a launch lists before it hands the rest to the next slice; the default when absent. */
  readonly sliceMs?: number;
}

/** AWS's delivery made as hostile as told: crashes anywhere, redelivery, many small items, many workers. */
export function hostileDelivery(h: DeliveryHostility): DeliveryModel {
  const crashRates = Object.fromEntries(Object.entries(CRASH_RATES).map(([point, rate]) => [point, rate * h.crashFactor]));
  return {
    ...AWS_DELIVERY,
    workerConcurrency: h.workerConcurrency,
    sqs: { ...AWS_DELIVERY.sqs, duplicateRate: h.sqsDuplicateRate },
    crashRates: h.crashFactor > 0 ? crashRates : {},
    launch: { ...DEFAULT_LAUNCH_OPTIONS, accountsPerItem: h.accountsPerItem, ...(h.sliceMs !== undefined ? { sliceMs: h.sliceMs } : {}) },
  };
}
