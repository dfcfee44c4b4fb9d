/** The checked settings of one stage (see stage-settings.cjs). */
export interface StageSettings {
  readonly organizationId: string;
  readonly workerConcurrency: number;
  readonly reconcileEnabled: boolean;
  readonly reconcileSchedule: string;
  readonly logRetentionDays: number;
  readonly notificationEmail: string;
  /** Never '' once checked: an unsaid mode is none, or refused when notificationEmail is set. */
  readonly notificationHub: 'none' | 'existing' | 'create';
  readonly failedAccountsAlarmThreshold: number;
  readonly throttlingAlarmThreshold: number;
  readonly initialSyncConfig: string;
}
export declare class SettingsError extends Error {}
export declare const REGION: string;
export declare const NOTIFICATION_HUB_MODES: readonly string[];
export declare function readStages(path: string): Record<string, unknown>;
export declare function stageSettings(input: {
  stage: string;
  region?: string;
  param?: string | string[];
  stages: Record<string, unknown>;
}): StageSettings;
