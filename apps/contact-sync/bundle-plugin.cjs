// A local Serverless plugin: bundles the handlers (bundle.mjs) before every package or deploy, so
// that `serverless package` and `serverless deploy` need no separate build step.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Set to 1 to package from the handlers already in dist/ (the cfn-lint test packages every stage's
 * template right after the package target bundled them: the code is the same for every stage).
 */
const REUSE_BUNDLE = 'CONTACT_SYNC_REUSE_BUNDLE';

class BundlePlugin {
  constructor(serverless) {
    const bundle = () => {
      if (process.env[REUSE_BUNDLE] === '1' && existsSync(join(__dirname, 'dist', 'bundle-sizes.json'))) {
        serverless.cli.log(`Packaging the handlers already bundled in dist/ (${REUSE_BUNDLE}=1)`);
        return;
      }
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
