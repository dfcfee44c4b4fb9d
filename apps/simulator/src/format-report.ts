import { SimulationReport } from '@contact-sync/simulation';

/** The report as a person reads it. */
export function formatReport(r: SimulationReport): string {
  const calls = Object.entries(r.apiCalls)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `    ${op.padEnd(33)} ${n}`)
    .join('\n');
  const failures =
    Object.entries(r.failures)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ') || 'none';
  const skippedBy =
    Object.entries(r.skippedBy)
      .map(([reason, n]) => `    ${reason.padEnd(48)} ${n}`)
      .join('\n') || '    none';
  const events =
    Object.entries(r.events)
      .map(([status, n]) => `${status} ${n}`)
      .join(', ') || 'none';
  return [
    `Contact Sync simulation: ${r.scenario} (seed ${r.seed})${r.interrupted ? ': INTERRUPTED, a partial report of what was done' : ''}`,
    '',
    `  Organization      ${r.accounts} member accounts; ${r.eligible} eligible account-kinds in ${r.runs} run(s)`,
    `  Events            ${events}`,
    ...(r.planned !== undefined ? [`  Plan (dry run)    ${r.planned} account-kinds to change`] : []),
    `  Delivery          ${r.delivery.model === 'ideal' ? 'ideal (one worker, ordered queue)' : `as AWS delivers, ${r.delivery.workerConcurrency} workers`}; redelivered ${r.redelivered}, crashes ${r.crashes}, dead-lettered ${r.deadLettered}, failed events ${r.failedEvents}`,
    `  Timing            ${r.timing.hazards.length === 0 ? 'calm (no latency tails, lost responses or clock skew)' : `${r.timing.hazards.join(', ')}: ${r.timing.latencyTails} requests held up to 5 min, ${r.timing.lostResponses} responses lost after the write, ${r.timing.skewedEvents} events with eventTime skewed`}`,
    `  Outcomes          updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped}, superseded ${r.superseded}, failed ${r.failed}, lost ${r.lost}`,
    `  Writes in doubt   ${r.verification.runs === 0 ? 'none' : `${r.verification.accountKinds} account-kinds read again by ${r.verification.runs} verification run(s), ${r.verification.updated} written again`}`,
    `  Failures          ${failures}`,
    `  Skipped, by reason (account-kinds)`,
    skippedBy,
    `  Targeting         ${r.mistargeted === 0 ? 'every account skipped for the reason its OUs, tags and id give, and no other written' : `${r.mistargeted} account-kinds skipped for the wrong reason, or written although left out`}`,
    `  In sync           ${r.outOfSync === 0 ? 'every member the rules leave in equals the management account, listed by a run or not' : `${r.outOfSync} account-kinds differ`}`,
    `  Written in error  ${r.wronglyWritten === 0 ? 'no write to an account-kind the rules left out when it was sent' : `${r.wronglyWritten} writes to account-kinds left out (dry run, kind not synced, id, OU or tag rule) when sent`}`,
    `  Runs and audit    ${r.stuckRuns === 0 ? 'every run finished and notified' : `${r.stuckRuns} run(s) not finished or not notified`}; ${r.auditMismatches === 0 ? 'the audit matches the writes made' : `${r.auditMismatches} audit entries disagree with the writes made`}`,
    `  API calls`,
    calls,
    `  Throttled         ${r.throttled} (retries ${r.retries})`,
    `  Simulated time    ${formatDuration(r.simulatedSeconds)} (quota floor ${formatDuration(r.floorSeconds)}, efficiency ${(r.efficiency * 100).toFixed(1)}%)`,
    `  Notifications     ${r.notifications.total} (${r.notifications.high} high, ${r.notifications.normal} normal); audit entries ${r.auditEntries}`,
    `  Cost              ${r.wallMs} ms wall, ${r.cpuMs} ms CPU`,
    `  Result            ${verdict(r)}`,
  ].join('\n');
}

/** Whether the promises held (exit code 0), and if not, which did not. */
export const promisesHeld = (r: SimulationReport): boolean =>
  !r.interrupted &&
  r.lost === 0 &&
  r.outOfSync === 0 &&
  r.wronglyWritten === 0 &&
  r.stuckRuns === 0 &&
  r.auditMismatches === 0 &&
  r.mistargeted === 0;

function verdict(r: SimulationReport): string {
  if (r.interrupted) return 'INTERRUPTED (Ctrl-C): runs still open were left as they were';
  if (promisesHeld(r)) return 'PASSED: nothing lost, nothing out of sync, every run finished, the audit matches';
  const broken = [
    r.lost > 0 ? `${r.lost} lost` : '',
    r.outOfSync > 0 ? `${r.outOfSync} out of sync` : '',
    r.wronglyWritten > 0 ? `${r.wronglyWritten} written in error` : '',
    r.stuckRuns > 0 ? `${r.stuckRuns} run(s) never finished` : '',
    r.auditMismatches > 0 ? `${r.auditMismatches} audit mismatches` : '',
    r.mistargeted > 0 ? `${r.mistargeted} mistargeted` : '',
  ].filter(Boolean);
  return `FAILED: ${broken.join(', ')}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}
