// Only storage (and the shared hooks over it) speaks Dexie: screens read and write through repository functions.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(process.cwd(), 'src');
const ALLOWED = ['src/storage/', 'src/hooks/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

// Static and dynamic imports and re-exports of dexie or dexie-react-hooks.
const DEXIE_IMPORT = /(?:from\s*|import\s*\(\s*|import\s+)['"]dexie(?:-react-hooks)?['"]/;

describe('the storage boundary', () => {
  it('no file outside src/storage and src/hooks imports dexie or dexie-react-hooks', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => relative(process.cwd(), file).split('\\').join('/'))
      .filter((file) => !ALLOWED.some((dir) => file.startsWith(dir)))
      .filter((file) => DEXIE_IMPORT.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself recognises each way of importing', () => {
    expect(DEXIE_IMPORT.test("import Dexie from 'dexie';")).toBe(true);
    expect(DEXIE_IMPORT.test("import { useLiveQuery } from 'dexie-react-hooks';")).toBe(true);
    expect(DEXIE_IMPORT.test("const { default: Dexie } = await import('dexie');")).toBe(true);
    expect(DEXIE_IMPORT.test("export { liveQuery } from 'dexie';")).toBe(true);
    expect(DEXIE_IMPORT.test("import { x } from './dexie-free';")).toBe(false);
  });
});
