// The stack's settings for one stage: the documented defaults, then the stage's entry in stages.yml,
// then --param values, each checked before anything is packaged. A bad setting is one line that
// says what to do. Plain CommonJS: the Serverless Framework loads it as it is.
'use strict';

const REGION = 'us-east-1';
const PLACEHOLDER_ORGANIZATION = 'o-exampleorgid';
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
/** The ways the stack may use AWS User Notifications; '' is "not said", which means none unless notificationEmail is set. */
const NOTIFICATION_HUB_MODES = ['', 'none', 'existing', 'create'];
const HUB_CHOICE =
  'existing if `aws notifications list-notification-hubs --region us-east-1` lists a us-east-1 hub, create if it lists none, or none for no alarm notifications (run notifications still go to the SNS topic)';
/** Settings that --param may give (strings); the others come from stages.yml. */
const PARAMS = ['organizationId', 'notificationEmail', 'workerConcurrency', 'notificationHub'];

class SettingsError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SettingsError';
  }
}

const isInteger = (value, min, max) => Number.isInteger(value) && value >= min && value <= max;
const asNumber = (value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
const asBoolean = (value) => (value === 'true' ? true : value === 'false' ? false : value);

/** Each setting: how to read it and the rule it must keep, said as the fix. */
const RULES = {
  organizationId: {
    read: String,
    check: (v) => /^o-[a-z0-9]{10,32}$/.test(v) && v !== PLACEHOLDER_ORGANIZATION,
    fix: `must be your organization's id (o- and 10 to 32 lowercase letters or digits): pass --param="organizationId=$(aws organizations describe-organization --query Organization.Id --output text)"`,
  },
  workerConcurrency: { read: asNumber, check: (v) => isInteger(v, 2, 1000), fix: 'must be a whole number from 2 to 1000' },
  reconcileEnabled: { read: asBoolean, check: (v) => typeof v === 'boolean', fix: 'must be true or false' },
  reconcileSchedule: {
    read: String,
    check: (v) => /^(rate|cron)\(.+\)$/.test(v),
    fix: 'must be an EventBridge schedule expression, rate(...) or cron(...)',
  },
  logRetentionDays: {
    read: asNumber,
    check: (v) => LOG_RETENTION_DAYS.includes(v),
    fix: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
  },
  notificationEmail: {
    read: String,
    check: (v) => v === '' || /^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$/.test(v),
    fix: 'must be an e-mail address, or empty for none',
  },
  notificationHub: {
    read: String,
    check: (v) => NOTIFICATION_HUB_MODES.includes(v),
    fix: `must be ${HUB_CHOICE}`,
  },
  failedAccountsAlarmThreshold: {
    read: asNumber,
    check: (v) => isInteger(v, 1, 1_000_000),
    fix: 'must be a whole number from 1 to 1000000',
  },
  throttlingAlarmThreshold: { read: asNumber, check: (v) => isInteger(v, 1, 1_000_000), fix: 'must be a whole number from 1 to 1000000' },
  initialSyncConfig: { read: String, check: isJsonObject, fix: 'must be a JSON object (a sync configuration)' },
};

function isJsonObject(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** `--param="k=v"` as given on the command line (one string or several). */
function paramsOf(param) {
  const list = param === undefined ? [] : Array.isArray(param) ? param : [param];
  return Object.fromEntries(
    list.map((entry) => {
      const at = String(entry).indexOf('=');
      return at < 0 ? [String(entry), ''] : [String(entry).slice(0, at), String(entry).slice(at + 1)];
    }),
  );
}

/**
 * The settings of `stage`, or a {@link SettingsError} naming the first bad one and the fix.
 * @param {{ stage: string, region?: string, param?: string | string[], stages: Record<string, Record<string, unknown>> }} input
 */
function stageSettings({ stage, region, param, stages }) {
  if (region !== undefined && region !== REGION) {
    throw new SettingsError(
      `--region ${region}: Contact Sync deploys to ${REGION} only, where Account Management and Organizations deliver their events; drop --region`,
    );
  }
  const defaults = stages.defaults;
  if (typeof defaults !== 'object' || defaults === null)
    throw new SettingsError('stages.yml has no "defaults:" entry: restore it from the repository');
  const entry = stages[stage] ?? {};
  if (typeof entry !== 'object' || entry === null) throw new SettingsError(`stages.yml: "${stage}:" must hold settings (key: value lines)`);
  const params = paramsOf(param);
  const unknownParam = Object.keys(params).find((key) => !PARAMS.includes(key));
  if (unknownParam !== undefined)
    throw new SettingsError(
      `--param ${unknownParam}: not a setting --param takes (${PARAMS.join(', ')}); set other settings in stages.yml under "${stage}:"`,
    );
  const unknownSetting = Object.keys(entry).find((key) => !(key in RULES));
  if (unknownSetting !== undefined)
    throw new SettingsError(`stages.yml "${stage}.${unknownSetting}" is not a setting: use ${Object.keys(RULES).join(', ')}`);
  const settings = {};
  for (const [key, rule] of Object.entries(RULES)) {
    const raw = key in params ? params[key] : key in entry ? entry[key] : defaults[key];
    const where =
      key in params ? `--param ${key}` : key in entry ? `stages.yml "${stage}.${key}"` : `${key} (not set for stage "${stage}")`;
    const value = raw === undefined || raw === null ? undefined : rule.read(raw);
    if (value === undefined || !rule.check(value)) throw new SettingsError(`${where} ${rule.fix}`);
    settings[key] = value;
  }
  return withNotificationHub(settings);
}

/**
 * The User Notifications mode, said or defaulted. An unsaid mode means none (no resources that need a
 * hub, so a first deploy cannot fail for want of one) unless an e-mail address is given: that
 * operator expects the alarms by e-mail, which need a hub, and only they can say whether the account
 * has one (no SDK for User Notifications can check it here).
 */
function withNotificationHub(settings) {
  if (settings.notificationHub !== '') return settings;
  if (settings.notificationEmail !== '')
    throw new SettingsError(
      `notificationHub must be said when notificationEmail is set (alarm e-mails go through AWS User Notifications, which needs a notification hub in us-east-1): pass --param="notificationHub=…" with ${HUB_CHOICE}`,
    );
  return { ...settings, notificationHub: 'none' };
}

/** stages.yml, parsed. */
function readStages(path) {
  return require('js-yaml').load(require('node:fs').readFileSync(path, 'utf8'));
}

module.exports = { stageSettings, readStages, SettingsError, REGION, NOTIFICATION_HUB_MODES };
