import { defineConfig } from 'vitest/config';

// Unit tests cover pure modules (validators, dictionaries, role mapping) and the build's own
// steps (build/): no DOM needed.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
  },
});
