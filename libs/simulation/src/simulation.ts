import { runScenario } from './scenario-run';
import { collectReport, Cost, SimulationReport } from './simulation-report';

export type { SimulationReport } from './simulation-report';
import { SimulationRequest } from './simulation-request';
import { buildWorld, deploySystem } from './world';

export type { SimulationRequest } from './simulation-request';

/**
 * Runs one scenario on a generated organization, entirely in virtual time, under the delivery model:
 * build the world, deploy the system on it, act the scenario out until the system is quiet, report.
 */
export async function runSimulation(request: SimulationRequest): Promise<SimulationReport> {
  const cost = costMeter();
  const world = buildWorld(request);
  const system = deploySystem(world);
  if (request.stop?.aborted) system.requestStop();
  request.stop?.addEventListener('abort', () => system.requestStop(), { once: true });
  const run = await runScenario(world, system);
  return collectReport(world, system, run, cost);
}

/** Starts measuring; each call tells the wall and CPU time used since. */
function costMeter(): () => Cost {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpuStart);
    return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(performance.now() - wallStart) };
  };
}
