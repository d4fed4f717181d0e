// Shared test setup: an in-memory IndexedDB for storage, DOM matchers for components.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
