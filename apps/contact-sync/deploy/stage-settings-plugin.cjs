// A local Serverless plugin: `${settings:name}` in serverless.yml is the checked stage setting (see
// stage-settings.cjs), so that a bad or missing setting stops `serverless package|deploy` at once,
// in one line, before anything is built.
'use strict';

const { join } = require('node:path');
const { readStages, stageSettings, SettingsError } = require('./stage-settings.cjs');

class StageSettingsPlugin {
  constructor(serverless, options) {
    let settings;
    try {
      const stages = readStages(join(__dirname, '..', 'stages.yml'));
      settings = stageSettings({ stage: options.stage ?? 'dev', region: options.region ?? undefined, param: options.param, stages });
    } catch (error) {
      // Checked here, once, so that a bad setting is one line, not one per place it is used.
      if (!(error instanceof SettingsError)) throw error;
      throw new serverless.classes.Error(error.message, 'CONTACT_SYNC_SETTINGS');
    }
    this.configurationVariablesSources = {
      settings: {
        resolve: async ({ address }) => {
          if (!(address in settings))
            throw new serverless.classes.Error(`\${settings:${address}} is not a setting`, 'CONTACT_SYNC_SETTINGS');
          return { value: settings[address] };
        },
      },
    };
  }
}

module.exports = StageSettingsPlugin;
