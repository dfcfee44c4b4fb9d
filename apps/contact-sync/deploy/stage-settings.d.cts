/** The checked settings of one stage (see stage-settings.cjs). */
export interface StageSettings {
  readonly organizationId: string;
  readonly workerConcurrency: number;
  readonly reconcileEnabled: boolean;
  readonly reconcileSchedule: string;
  readonly logRetentionDays: number;
  readonly notificationEmail: string;
  readonly notificationHub: 'create' | 'existing';
  readonly failedAccountsAlarmThreshold: number;
  readonly throttlingAlarmThreshold: number;
  readonly initialSyncConfig: string;
}
export declare class SettingsError extends Error {}
export declare const REGION: string;
export declare function readStages(path: string): Record<string, unknown>;
export declare function stageSettings(input: {
  stage: string;
  region?: string;
  param?: string | string[];
  stages: Record<string, unknown>;
}): StageSettings;
