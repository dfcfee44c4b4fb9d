import { dryRunNote, NotificationPriority, RunReport } from '@contact-sync/domain';

/** SNS refuses subjects of 100 characters or more. */
export const MAX_SUBJECT_LENGTH = 99;
/** Failures listed in a message; the rest are counted (the whole list is in the state table). */
export const LISTED_FAILURES = 50;

/** The subject: status, run and counts; ASCII without line breaks, under 100 characters. */
export function notificationSubject(report: RunReport): string {
  // From the outcomes, not the mode the run started in: dry run may have been switched mid-run.
  const note = dryRunNote(report);
  const mode = note === undefined ? '' : note.startsWith('dry run for part') ? ' (partly dry run)' : ' (dry run)';
  const subject = `Contact sync ${report.status}${mode}: ${report.updated} updated, ${report.failed} failed - ${report.runId}`;
  const ascii = subject.replace(/[^\x20-\x7E]/g, '?');
  return ascii.length <= MAX_SUBJECT_LENGTH ? ascii : `${ascii.slice(0, MAX_SUBJECT_LENGTH - 3)}...`;
}

/** The readable body, for email and SMS. Ids, kinds, counts and codes only. */
export function notificationText(report: RunReport): string {
  const lines = [
    `Contact sync run ${report.runId} ${report.status}${dryRunNote(report) === undefined ? '' : ` (${dryRunNote(report)})`}.`,
    '',
    `Trigger:   ${report.trigger}`,
    `Kinds:     ${report.kinds.join(', ')}`,
    `Targeted:  ${report.targeted} account-kinds`,
    `Updated:   ${report.updated}`,
    `Unchanged: ${report.unchanged}`,
    `Skipped:   ${report.skipped}`,
    ...(report.planned ? [`Planned:   ${report.planned} (dry run: compared and found to differ, not written)`] : []),
    ...Object.entries(report.skippedBy ?? {}).map(([reason, n]) => `  ${reason}: ${n}`),
    `Failed:    ${report.failed}`,
    ...(report.missing > 0 ? [`Missing:   ${report.missing} (no outcome recorded)`] : []),
    ...(report.launchIncomplete
      ? ['Launch:    incomplete (listing the organization failed on every try; members not listed were not reached)']
      : []),
    ...(report.cancelledAt !== undefined
      ? [`Cancelled: ${report.cancelledAt} by an operator (the rest is SKIPPED CANCELLED; nothing of the run was written after it)`]
      : []),
    `Started:   ${report.startedAt}`,
    `Finished:  ${report.finishedAt} (${Math.round(report.durationMs / 1000)} s)`,
  ];
  if (report.failures.length > 0) {
    lines.push('', 'Failures (account, kind, error):');
    for (const f of report.failures.slice(0, LISTED_FAILURES)) lines.push(`  ${f.accountId}  ${f.kind}  ${f.errorCode}`);
    const more = report.failed - Math.min(report.failures.length, LISTED_FAILURES);
    if (more > 0) lines.push(`  ... and ${more} more: contact-sync history --run ${report.runId}`);
  }
  return lines.join('\n');
}

/** The machine-readable body: the report, with the failure list cut to {@link LISTED_FAILURES}. */
export function notificationJson(report: RunReport, priority: NotificationPriority): string {
  const listed = report.failures.slice(0, LISTED_FAILURES);
  return JSON.stringify({
    type: 'contact-sync.run-finished',
    priority,
    ...report,
    failures: listed,
    failuresNotListed: report.failed - listed.length,
  });
}
