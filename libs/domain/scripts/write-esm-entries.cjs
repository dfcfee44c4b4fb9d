// Writes the ESM entries over the CommonJS build (tsc emits only the latter): each names every export of
// its CommonJS module, so `import` and `require` share one copy of the domain, and `instanceof` holds across them.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const ENTRIES = { index: 'index.js', testing: 'testing/index.js' };

mkdirSync(join(dist, 'esm'), { recursive: true });
for (const [entry, cjsPath] of Object.entries(ENTRIES)) {
  const names = Object.keys(require(join(dist, 'cjs', cjsPath)))
    .filter((name) => name !== '__esModule')
    .sort();
  if (names.length === 0) throw new Error(`dist/cjs/${cjsPath} exports nothing`);
  const from = `../cjs/${cjsPath}`;
  writeFileSync(join(dist, 'esm', `${entry}.mjs`), `import cjs from '${from}';\n\nexport const {\n  ${names.join(',\n  ')},\n} = cjs;\n`);
  writeFileSync(join(dist, 'esm', `${entry}.d.mts`), `export * from '${from}';\n`);
}
