// Builds everything the office app runs: the renderer (Vite), the browser-mode entry, the Electron
// main process and its preload (esbuild). better-sqlite3 and electron stay external.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

await viteBuild({ logLevel: 'warn', configFile: 'vite.config.ts' });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['src-main/cli.ts'],
    outfile: 'dist/main/cli.js',
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'dist/main/electron-main.cjs',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
  }),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({
    ...common,
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  }),
]);
console.log('build: dist/renderer, dist/main/{cli.js, electron-main.cjs, preload.cjs}');
