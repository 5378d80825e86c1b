import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts: that one has the renderer as its root.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
