import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only: built into dist/renderer, served by app:// in Electron and by browser mode.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120' },
});
