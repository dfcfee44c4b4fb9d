import { createSimulatedAws, SimulatedAws } from '@contact-sync/composition';
import { MemberAccount, SyncConfig, syncConfigOf } from '@contact-sync/domain';
import { generateAccounts, generateStructure, SeededRandom, seedContacts } from '@contact-sync/simulated-aws';
import { AWS_DELIVERY, DeliveryModel, DeployedSystem } from './deployed-system';
import { CRASH_RATES, defaultTimingHazards, HOSTILE_TIMING, TimingHazard } from './scenarios';
import { SimulationRequest } from './simulation-request';

const SECOND = 1000;

/** The simulated organization a scenario runs in, and how hostile its AWS is. */
export interface World {
  readonly request: SimulationRequest;
  readonly sim: SimulatedAws;
  /** The scenario's own generator: the organization, its contacts and the changes made to them. */
  readonly random: SeededRandom;
  readonly accounts: readonly MemberAccount[];
  readonly config: SyncConfig;
  /** Members that refuse every call (they can never be synced, and say so as FAILED). */
  readonly refusing: ReadonlySet<string>;
  /** The hostile timings on in this world. */
  readonly timing: readonly TimingHazard[];
}

/**
 * The generated organization with its contacts, on a simulated AWS as hostile as the scenario
 * asks: transient errors, throttling and refusing members in chaos, ten seconds of outage in outage.
 */
export function buildWorld(request: SimulationRequest): World {
  const random = new SeededRandom(request.seed);
  const accounts = generateAccounts(request.organization, random);
  const chaos = request.scenario === 'chaos';
  const faultRate = request.faultRate ?? (chaos ? 0.05 : 0);
  const refusing = new Set(chaos ? accounts.filter((a) => !a.isManagement && random.next() < 0.01).map((a) => a.id) : []);
  const overlapping = chaos || request.scenario === 'overlap' || request.scenario === 'timing';
  const timing = request.timing ?? defaultTimingHazards(request.scenario);
  const config = request.config ?? syncConfigOf(overlapping ? { propagateDeletions: true } : {});
  const startMs = Date.UTC(2026, 10, 22, 9, 0, 0);
  const outage: Array<[number, number]> = request.scenario === 'outage' ? [[startMs + 60 * SECOND, startMs + 70 * SECOND]] : [];
  const sim = createSimulatedAws({
    accounts,
    seed: request.seed + 1,
    config,
    behaviour: {
      transientErrorRate: faultRate,
      spuriousThrottleRate: chaos ? 0.02 : 0,
      accessDeniedAccounts: refusing,
      outages: outage,
      ...(timing.includes('latency-tails')
        ? { latencyTailRate: HOSTILE_TIMING.latencyTailRate, latencyTailMs: HOSTILE_TIMING.latencyTailMs }
        : {}),
      ...(timing.includes('lost-responses') ? { lostResponseRate: HOSTILE_TIMING.lostResponseRate } : {}),
    },
  });
  seedContacts(sim.model, request.organization, random, sim.time.now());
  // Its own draws, so that the accounts and contacts above are those of the same seed before OUs existed.
  generateStructure(sim.model, new SeededRandom(request.seed + 2));
  return { request, sim, random, accounts, config, refusing, timing };
}

/**
 * The deployed system on the world's AWS, delivered as AWS does (with crashes in crash and chaos, and
 * CloudTrail's clock skewed when the world's timing says so) unless the request says otherwise.
 */
export function deploySystem(world: World): DeployedSystem {
  const { request, sim } = world;
  const crashes = request.scenario === 'chaos' || request.scenario === 'crash';
  const model: DeliveryModel = {
    ...AWS_DELIVERY,
    ...(crashes ? { crashRates: CRASH_RATES, sqs: { ...AWS_DELIVERY.sqs, duplicateRate: 0.05 }, eventDuplicateRate: 0.1 } : {}),
    ...(world.timing.includes('clock-skew') ? { eventTimeSkewMs: HOSTILE_TIMING.eventTimeSkewMs } : {}),
    ...request.delivery,
  };
  return new DeployedSystem(sim, world.config.rates, model);
}
