// Shared test setup: an in-memory IndexedDB for storage, DOM matchers for components.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/dom';

// findBy/waitFor wait for what a user would see, not for a deadline: on a busy two-core machine a
// screen that reads IndexedDB and renders in steps can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5_000 });
