// Unit tests run in Node, component tests in happy-dom; both get an in-memory IndexedDB.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // A test's time limit is a hang detector, not a speed check (the bench measures speed): component
    // tests wait up to 5 s for what a user would see (tests/setup.ts), so the limit sits well above.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'component', include: ['tests/component/**/*.test.tsx'], environment: 'happy-dom' },
      },
    ],
  },
});
