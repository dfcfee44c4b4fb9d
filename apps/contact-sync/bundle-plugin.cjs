// A local Serverless plugin: bundles the handlers (bundle.mjs) before every package or deploy, so
// that `serverless package` and `serverless deploy` need no separate build step.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

class BundlePlugin {
  constructor(serverless) {
    const bundle = () => {
      serverless.cli.log('Bundling handlers with esbuild');
      execFileSync(process.execPath, [join(__dirname, 'bundle.mjs')], { stdio: 'inherit' });
    };
    this.hooks = {
      'before:package:createDeploymentArtifacts': bundle,
      'before:deploy:function:packageFunction': bundle,
    };
  }
}

module.exports = BundlePlugin;
