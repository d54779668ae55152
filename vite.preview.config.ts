import { defineConfig } from 'vite';

/** Builds the browser preview's bridge, its stand-in for the preload. */
export default defineConfig({
  build: {
    outDir: 'out/preview',
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: 'preload/preview-bridge.ts',
      formats: ['iife'],
      name: 'previewBridge',
      fileName: () => 'bridge.js',
    },
  },
});
