import { OptionName } from '../arguments';

/** A command's name, summary, usage and the options it accepts. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: readonly OptionName[];
  readonly details: string;
  /** Names of the positional arguments after the command's words (`runs show ID`), each required. */
  readonly arguments?: readonly string[];
}

const CONNECTION: readonly OptionName[] = [
  'backend',
  'profile',
  'region',
  'state-table',
  'audit-table',
  'topic-arn',
  'seed',
  'state-dir',
  'json',
  'debug',
  'help',
];

export const GLOBAL_HELP = `Options for every command:
  --backend aws|memory   aws (default): the AWS credential chain, the management account's APIs and the
                         stack's tables. memory: a built-in simulated organization (1,000 members, some
                         drift), kept between commands in --state-dir (contact-sync reset starts it afresh).
  --profile NAME         AWS named profile (default: the standard credential chain)
  --region REGION        region of the stack's tables (default: AWS_REGION, else us-east-1)
  --state-table NAME     the stack's state table (default: CONTACT_SYNC_STATE_TABLE)
  --audit-table NAME     the stack's audit table, for sync and history (default: CONTACT_SYNC_AUDIT_TABLE)
  --topic-arn ARN        sync also notifies the stack's SNS topic (default: CONTACT_SYNC_TOPIC_ARN; unset: no notification)
  --seed N               memory backend: the simulated organization's seed (default 1)
  --state-dir DIR        memory backend: where the simulated organization is kept (default .contact-sync
                         in the current directory)
  --json                 machine-readable output on stdout; an error is one JSON object on stderr
  --debug                log details, the error's causes and stack traces to stderr
  -h, --help             help for the command
Environment:
  CONTACT_SYNC_INITIAL_SYNC_CONFIG   with --backend aws: the stage's initial configuration (the stack output
                         InitialSyncConfig), which the deployed functions use until a configuration is stored;
                         unset, the CLI takes the defaults in dry run meanwhile (config get says which)
`;

/** What every exit code means, for every command. */
export const EXIT_CODES = `Exit codes:
  0    done (also for plan and drift with changes pending, unless --detailed-exitcode)
  1    error (AWS, the configuration, an account that could not be read or written, aborted)
  2    plan, drift with --detailed-exitcode: changes pending
  64   usage error: the command line is wrong, nothing was done
  130  interrupted (Ctrl-C)
`;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'plan',
    summary: 'show what a sync would change, per account and kind (writes nothing); save it for sync --plan',
    usage:
      'contact-sync plan [--kinds BILLING,SECURITY] [--exclude 111122223333,...] [--config FILE] [--out FILE] [--detailed-exitcode] [--json]',
    options: [...CONNECTION, 'kinds', 'exclude', 'config', 'out', 'fingerprint-secret', 'detailed-exitcode'],
    details: `Reads the management account's contacts and every eligible member's, and lists the differences:
for each, why, and which fields differ (field names only, never values).
Members a targeting rule leaves out are listed as SKIP with the rule: EXCLUDED_BY_ID, EXCLUDED_BY_OU ou-…,
NOT_IN_INCLUDED_OU, EXCLUDED_BY_TAG key[=value], NOT_TAGGED_FOR_INCLUSION.
Progress goes to stderr (off a terminal: a line every 5 seconds with done/total and the time left).
Exit code: 0, or 1 on error (an account that could not be read is an error).
  --kinds LIST            only these contact kinds (PRIMARY, BILLING, OPERATIONS, SECURITY; any case), each one
                          the configuration syncs: an empty list, or a kind it does not sync, is a usage error
  --exclude LIST          leave these member account ids out, on top of the configuration's exclusions
  --config FILE           plan with this configuration (JSON) instead of the stored one: preview a change to it
  --out FILE              also save the exact writes found, for contact-sync sync --plan FILE (as terraform
                          plan -out): the organization id, the management account, each write's account,
                          kind and action, the fingerprint of the member's value before it and of the
                          management value after it. No contact values. Not with --config; not saved when
                          an account could not be read.
  --fingerprint-secret ARN   with --out and --backend aws: the stack's fingerprint key (output
                          FingerprintSecretArn; default: CONTACT_SYNC_FINGERPRINT_SECRET), which keys the
                          fingerprints as the audit's are. Needs secretsmanager:GetSecretValue.
  --detailed-exitcode     exit 2 when changes are pending, 0 when there are none (as terraform plan)
Nothing to compare is never "in sync": when the options leave no member account to compare, it is a
usage error naming them (64); when the configuration in force leaves every member out, an error (1).
`,
  },
  {
    name: 'sync',
    summary: 'apply the plan (or a saved plan): write the management account contacts where members differ',
    usage: 'contact-sync sync [--kinds ...] [--exclude ...] [--plan FILE] [--yes]',
    options: [...CONNECTION, 'kinds', 'exclude', 'plan', 'yes', 'fingerprint-secret', 'undo-key-secret'],
    details: `Plans, shows what it will write (the organization id, the management account, the AWS principal,
the profile and Region, and the changes by kind), asks for confirmation, then syncs through the same use
cases as the deployed service: the rate limiter, retries and circuit breaker, outcomes and audit entries
in the stack's tables. The audit records the AWS principal ARN (STS GetCallerIdentity) as the initiator.
Progress goes to stderr (off a terminal: a line every 5 seconds with done/total and the time left).
Ctrl-C stops cleanly after the work items in flight, reports what was done, and cancels the run (exit
code 130): the rest is recorded SKIPPED CANCELLED and never written later (see runs cancel).
  --kinds LIST               only these kinds, each one the configuration syncs (empty, or a kind it does not
                             sync: a usage error); no member account to compare is an error, as for plan
  --exclude LIST             leave these member account ids out
  --plan FILE                apply exactly the writes of a saved plan (contact-sync plan --out FILE):
                             sync reads them again first, and refuses (exit 1, nothing written) when the
                             management values or the members no longer match the plan's fingerprints,
                             naming the kinds whose management value changed, how many members changed
                             and a few of their ids; then it reads and writes only the plan's accounts
                             and kinds. A planned write the run did not make as planned, or a write it
                             made that the plan lacks (a member changed while it ran), is reported, exit 1.
                             Not with --kinds or --exclude: the plan holds them.
  -y, --yes                  do not ask for confirmation (required when stdin is not a terminal)
  --fingerprint-secret ARN   with --backend aws: the stack's fingerprint key (output FingerprintSecretArn;
                             default: CONTACT_SYNC_FINGERPRINT_SECRET). The audit entries' fingerprints
                             are keyed with it, as the deployed workers' are. Needs secretsmanager:GetSecretValue.
  --undo-key-secret ARN      with --backend aws: the stack's undo key (output UndoKeySecretArn; default:
                             CONTACT_SYNC_UNDO_KEY_SECRET): each member's value is kept, encrypted with it,
                             before it is overwritten, for contact-sync rollback. Needs secretsmanager:GetSecretValue
                             (the stack's RollbackRole has it).
Before it reads, sync waits WRITE_FENCE_MS milliseconds (default 15000), as the deployed service does,
so that writes the service's workers already have on their way land first and are overwritten.
`,
  },
  {
    name: 'drift',
    summary: 'the accounts whose contacts differ from the management account, by kind, with counts',
    usage: 'contact-sync drift [--kinds ...] [--exclude ...] [--config FILE] [--detailed-exitcode] [--json]',
    options: [...CONNECTION, 'kinds', 'exclude', 'config', 'detailed-exitcode'],
    details: `Members a targeting rule leaves out are not drift: they are counted by reason and rule.
Exit code: 0, or 1 on error (an account that could not be read is an error).
  --kinds LIST            only these contact kinds (any case), each one the configuration syncs: an empty list,
                          or a kind it does not sync, is a usage error
  --exclude LIST          leave these member account ids out
  --config FILE           use this configuration (JSON) instead of the stored one
  --detailed-exitcode     exit 2 when there is drift, 0 when there is none (as terraform plan)
A check of no account is never "no drift": when the options leave no member account to check, it is a
usage error naming them (64); when the configuration in force leaves every member out, an error (1).
`,
  },
  {
    name: 'explain',
    summary: 'whether a sync writes to one account, and which id, OU or tag rule decides it',
    usage: 'contact-sync explain ACCOUNT_ID [--config FILE] [--json]',
    options: [...CONNECTION, 'config'],
    arguments: ['ACCOUNT_ID'],
    details: `Describes the account, asks Organizations for the OUs above it (ListParents, one call per level) and,
when a tag rule exists, for its tags (ListTagsForResource), then checks every rule in the order a run
does: the account's id, then its OUs (exclusions, then inclusions), then its tags. An exclusion always
wins. Tag values are never shown. Writes nothing. Exit code: 0, targeted or not; 1 on error.
  --config FILE    explain with this configuration (JSON) instead of the stored one
`,
  },
  {
    name: 'history',
    summary: 'audit entries (90 days), newest first, a page at a time, as text, JSON or CSV',
    usage:
      'contact-sync history [--account ID] [--run ID] [--since DATE] [--status LIST] [--kind LIST] [--limit N] [--next-token TOKEN] [--output text|json|csv]',
    options: [...CONNECTION, 'account', 'run', 'since', 'status', 'kind', 'limit', 'next-token', 'output'],
    details: `Each entry: when, the run, the member account, the kind, the outcome, its detail (the action, the
error code or the skip reason), who started the run (the AWS principal ARN: the caller of a CLI sync, the
identity of a change's CloudTrail event) and the before/after fingerprints (never contact values).
  --account ID          one member account's entries
  --run ID              one run's entries
  --since DATE          entries at or after DATE (ISO-8601: 2026-11-01 or 2026-11-01T09:00:00Z)
  --status LIST         only these outcomes: UPDATED, UNCHANGED, SKIPPED, SUPERSEDED, FAILED (any case)
  --kind LIST           only these contact kinds: PRIMARY, BILLING, OPERATIONS, SECURITY (any case)
  --limit N             entries per page, 1 to 1000 (default 50)
  --next-token TOKEN    the next page: the token the previous page printed (text: at its end; json:
                        "nextToken"; csv: on stderr), given with the same filters. Pages never repeat
                        an entry, even while new ones are written.
  --output FORMAT       text (default), json (as --json: {"entries", "more", "nextToken"}) or csv
                        (RFC 4180: a header line, CRLF line ends, quoted fields where needed)
`,
  },
  {
    name: 'runs show',
    summary: 'one run: its progress while it runs, then its stored report (counts, failures and their codes)',
    usage: 'contact-sync runs show RUN_ID [--report FILE.html] [--json]',
    options: [...CONNECTION, 'report'],
    arguments: ['RUN_ID'],
    details: `Shows ids, kinds, counts and error codes: never contact values (history --run RUN_ID lists each
account's outcome and who started the run).
  --report FILE.html  also write the run as one self-contained HTML page: its progress over time,
                      outcomes by kind and status, failures by code and the failed accounts (ids only).
                      Calls per second are recorded only by the simulator (npm start -- --report).
`,
  },
  {
    name: 'runs cancel',
    summary: 'cancel an open run: nothing more of it is written, by any delivery, sweep or replay',
    usage: 'contact-sync runs cancel RUN_ID [--yes] [--json]',
    options: [...CONNECTION, 'yes'],
    arguments: ['RUN_ID'],
    details: `Stores the cancellation in one conditional write (a run already finished cannot be cancelled: exit 1,
nothing changed). Every worker reads the run immediately before each write, so no write of the run goes
out after it, whether its work items are delivered again, re-driven by the sweeper or its event replayed.
The run is then finished as CANCELLED: every account-kind it had not done is recorded and audited SKIPPED
CANCELLED (one whose write had begun is marked unconfirmed), and the run is notified once. Ctrl-C during
contact-sync sync cancels the run it started the same way. Cancelling again is harmless.
  -y, --yes   do not ask for confirmation (required when stdin is not a terminal)
`,
  },
  {
    name: 'runs',
    summary: 'recent runs, newest first: status, counts and age; a run with no progress for too long is flagged',
    usage: 'contact-sync runs [--since DATE] [--limit N] [--json]',
    options: [...CONNECTION, 'since', 'limit'],
    details: `A RUNNING run whose last progress is older than the sweeper's stall limit (45 minutes) is flagged
STALLED: the deployed sweeper re-drives it, and gives it up as PARTIAL after 8 re-drives. Runs recorded
before this version of Contact Sync are not listed (runs show RUN_ID still finds them).
  --since DATE   only runs started at or after DATE (ISO-8601: 2026-11-01 or 2026-11-01T09:00:00Z)
  --limit N      at most N runs (default 20, at most 100), the newest
`,
  },
  {
    name: 'rollback',
    summary: 'undo a run: restore the previous values of the members still holding what it wrote (plans unless --apply)',
    usage: 'contact-sync rollback RUN_ID [--apply] [--yes] [--json]',
    options: [...CONNECTION, 'apply', 'yes', 'fingerprint-secret', 'undo-key-secret'],
    arguments: ['RUN_ID'],
    details: `Reads every member contact the run wrote (its UPDATED outcomes) and compares its fingerprint with
the one the run wrote. A member still holding the run's value gets back the value it held before the
run (kept encrypted when the run wrote it; a previous "unset" is restored by deleting the contact). A
member changed since (by hand, or by a later run) is left alone and named. A member whose previous value
was not kept (older than the audit's 90 days, or written by a version before this one) is left alone, as
is a primary contact that was unset before the run (the API cannot delete one).
Without --apply this is a dry run: counts by kind, nothing written. With --apply it asks (naming the
organization, the management account, the AWS principal, the profile and Region), then restores as a
run of its own (trigger ROLLBACK): audited (history --run), notified, and its own overwritten values
kept, so a rollback can be rolled back. Refused while the run, or another run of the same kinds, is open.
A later sync or the scheduled resync writes the management values again: restore the management
account's contact too, or keep dry run on. Exit code: 0; 1 on error, when a member could not be read,
or when a restore failed.
  --apply                    restore (after confirmation); without it, only plan
  -y, --yes                  with --apply: do not ask (required when stdin is not a terminal)
  --fingerprint-secret ARN   with --backend aws: the stack's fingerprint key (output FingerprintSecretArn;
                             default: CONTACT_SYNC_FINGERPRINT_SECRET)
  --undo-key-secret ARN      with --backend aws: the stack's undo key (output UndoKeySecretArn; default:
                             CONTACT_SYNC_UNDO_KEY_SECRET). Only the worker's role and the stack's
                             RollbackRole may read it: run the CLI with a profile that assumes RollbackRole.
`,
  },
  {
    name: 'replay-failed-events',
    summary: 'replay the events the deployed functions never handled (the failure queue and the events DLQ)',
    usage: 'contact-sync replay-failed-events [--max N] [--yes] [--json]',
    options: [...CONNECTION, 'failed-events-queue-url', 'events-dlq-url', 'work-queue-url', 'max', 'yes'],
    details: `Hands the events that contactChange, newAccount and scheduledReconcile failed on every attempt
(their on-failure destination), then the events EventBridge could not deliver to them (the rules'
dead-letter queue), back to the same use cases: a change starts or resumes its run, a joining
account is onboarded, a scheduled reconcile starts its run. Each is idempotent: an event handled
meanwhile changes nothing. The runs go to the stack's work queue, for the deployed workers.
The sweeper replays the failure queue every 5 minutes, 10 events at a time; this replays at once,
or many, and is the only replay of the dead-letter queue (fix what stopped delivery first).
An event being replayed elsewhere is hidden for up to 15 minutes, and is not counted as waiting.
Exit code: 0 when every event was replayed (or none waits), 1 when one failed again (it stays
queued for the next replay), 130 when interrupted (the rest stay queued).
  --max N                         at most N events (1 to 1000, default 100)
  -y, --yes                       do not ask for confirmation (required when stdin is not a terminal)
  --failed-events-queue-url URL   the stack's failure queue (default: CONTACT_SYNC_FAILED_EVENTS_QUEUE_URL)
  --events-dlq-url URL            the stack's events dead-letter queue (default: CONTACT_SYNC_EVENTS_DLQ_URL)
  --work-queue-url URL            the stack's work queue (default: CONTACT_SYNC_WORK_QUEUE_URL)
With --backend aws, --topic-arn is required too: a run with nothing to do is notified at once.
`,
  },
  {
    name: 'config get',
    summary: 'show the sync configuration in force and where it comes from',
    usage: 'contact-sync config get [--json]',
    options: CONNECTION,
    details: `Shows the configuration the service uses now and where it comes from: a stored version; or, while
none is stored, the stage's initial configuration (the functions' INITIAL_SYNC_CONFIG, given to the CLI as
CONTACT_SYNC_INITIAL_SYNC_CONFIG from the stack output InitialSyncConfig); the defaults (--backend memory);
or, against AWS without that variable, the defaults in dry run, with a note saying how to set it.
With --json: {"version": N, "source": "STORED|STAGE_INITIAL|DEFAULTS|UNKNOWN_STAGE_INITIAL", "config": {...}},
which config set --file and config validate --file take back.
`,
  },
  {
    name: 'config set',
    summary: 'change the sync configuration: shows the changes, asks, stores (refused if it changed meanwhile)',
    usage:
      'contact-sync config set (--file config.json [--merge] | [--kinds LIST] [--excluded-accounts LIST] [--dry-run true|false] [--propagate-deletions true|false]) [--yes]',
    options: [...CONNECTION, 'file', 'merge', 'kinds', 'excluded-accounts', 'dry-run', 'propagate-deletions', 'yes'],
    details: `Shows each field it changes against the configuration in force (config get), says in one line when
the change releases dry run or widens what is synced, then asks before storing. Releasing dry run
(--dry-run false, or a file with "dryRun": false) is going live: it first plans the run that follows
and shows what it would write, by kind. A configuration equal to the stored one is not stored again.
  --file PATH                        a whole configuration, as JSON (what config get --json prints); a file
                                     that leaves fields out is refused, naming them, unless --merge
  --merge                            with --file: keep the values in force for the fields the file leaves out
  --kinds LIST                       the contact kinds to sync (at least one)
  --excluded-accounts LIST           member account ids never written
  --dry-run true|false               plan only: the service reads and compares, and writes nothing
  --propagate-deletions true|false   delete members' alternate contacts when the management account's is deleted
  -y, --yes                          do not ask for confirmation (required when stdin is not a terminal;
                                     without it and without a terminal, nothing is stored: exit 64)
Flags change only the fields they name; the rest of the configuration in force is kept.
`,
  },
  {
    name: 'config validate',
    summary: 'check a configuration file without storing it',
    usage: 'contact-sync config validate --file config.json',
    options: ['file', 'json', 'debug', 'help'],
    details: `Accepts what config get --json prints. Warns (on stderr) about rates above the documented quotas.
`,
  },
  {
    name: 'reset',
    summary: 'memory backend: forget the simulated organization kept in --state-dir (the next command starts afresh)',
    usage: 'contact-sync reset --backend memory [--state-dir DIR] [--seed N]',
    options: ['backend', 'seed', 'state-dir', 'json', 'debug', 'help'],
    details: `Removes the saved state of the simulated organization of this seed. Against AWS it does nothing: it
is refused.
`,
  },
];

/** The command groups: a word that only starts commands (`config`). */
export const groupOf = (word: string): readonly CommandSpec[] => COMMANDS.filter((c) => c.name.split(' ')[0] === word);

/** The usage of the whole command. */
export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `contact-sync: preview, apply and audit Contact Sync for AWS Organizations.

Usage: contact-sync <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

${GLOBAL_HELP}
${EXIT_CODES}
Run contact-sync help <command> (or contact-sync <command> --help) for a command's options.
`;
}

/** The commands of a group, such as config get, config set and config validate. */
export function groupHelp(word: string): string {
  const group = groupOf(word);
  const width = Math.max(...group.map((c) => c.name.length));
  return `Usage: contact-sync ${word} <${group
    .map((c) => c.name.split(' ')[1] ?? '')
    .filter(Boolean)
    .join('|')}> [options]

Commands:
${group.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run contact-sync help ${word} <command> for a command's options.
`;
}

/** The usage of one command. */
export const commandHelp = (spec: CommandSpec): string => `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.

Usage: ${spec.usage}

${spec.details ? `${spec.details}\n` : ''}${spec.name === 'config validate' ? '' : GLOBAL_HELP}
${EXIT_CODES}`;
