import { runSimulation, SimulationReport, SimulationRequest, SimulationView } from '@contact-sync/simulation';

/** A simulation's report with what its HTML report draws. */
export interface ObservedSimulation {
  readonly report: SimulationReport;
  readonly view: SimulationView;
}

/** Runs a simulation and keeps the view it hands over when quiet. */
export async function runObservedSimulation(request: Omit<SimulationRequest, 'observe'>): Promise<ObservedSimulation> {
  let view: SimulationView | undefined;
  const report = await runSimulation({ ...request, observe: (v) => (view = v) });
  if (!view) throw new Error('the simulation finished without handing over what it did');
  return { report, view };
}
