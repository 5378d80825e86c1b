// Validates electron-builder.yml against electron-builder's own schema, offline (packaging itself
// needs to download Electron and its tools). Uses electron-builder internals: keep it pinned.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');

(async () => {
  const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  console.log('electron-builder.yml: valid');
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
