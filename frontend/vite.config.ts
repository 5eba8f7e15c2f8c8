/// <reference types="vitest/config" />
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const outDir = 'dist';

// Vite empties dist/ before a build; the Go side embeds frontend/dist and needs the directory to exist in a fresh
// checkout, so the tracked placeholder is written back after every build.
function keepGitkeep(): Plugin {
  return {
    name: 'onesales:keep-gitkeep',
    apply: 'build',
    async closeBundle() {
      await writeFile(resolve(import.meta.dirname, outDir, '.gitkeep'), '');
    },
  };
}

export default defineConfig({
  plugins: [react(), keepGitkeep()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    strictPort: false,
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
    // Form tests type into Mantine inputs; on a busy machine that takes longer than vitest's default 5 s (on two
    // cores shared with other work, the longest form tests took 15 to 18 s).
    testTimeout: 60_000,
  },
});
