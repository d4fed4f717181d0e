// The lint's layer rules (.dependency-cruiser.cjs) each catch their own violation, and nothing more.
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const TSCONFIG = join(ROOT, 'tsconfig.json');
// Cruising resolves every import through TypeScript's settings: seconds, not milliseconds.
const SLOW = 120_000;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Cruises `src` under `baseDir` with the project's own rules and options. */
async function violations(baseDir: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const result = await cruise(['src'], { ...options, baseDir, tsConfig: { fileName: TSCONFIG } }, undefined, {
    tsConfig: extractTSConfig(TSCONFIG),
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    // Where a package resolves depends on where the tree sits: name it by what follows node_modules.
    to: v.to.replace(/^.*node_modules\//, 'node_modules/'),
  }));
}

const fixture = (name: string) => join(ROOT, 'tests/fixtures/layers', name);

describe('layer rules', () => {
  it.each([
    ['feature-imports-feature', 'src/features/home/home-screen.ts', 'src/features/browse/state-label.ts'],
    [
      'screen-imports-dexie',
      'src/features/home/home-screen.ts',
      'node_modules/dexie-react-hooks/dist/dexie-react-hooks.mjs',
    ],
    ['storage-imports-ui', 'src/storage/cards.ts', 'src/features/browse/words.ts'],
    ['session-imports-ui', 'src/session/engine.ts', 'node_modules/react/index.js'],
    ['sync-imports-ui', 'src/sync/replicator.ts', 'src/features/sync/sync-words.ts'],
    ['domain-imports-outside', 'src/domain/deck.ts', 'src/storage/db.ts'],
  ])(
    '%s reports exactly its one violation',
    async (rule, from, to) => {
      expect(await violations(fixture(rule))).toEqual([{ rule, from, to }]);
    },
    SLOW,
  );

  // Each violation is named by `npm run lint`; this fails until none is left.
  it(
    'finds no violation in the real src',
    async () => {
      expect(await violations(ROOT)).toEqual([]);
    },
    SLOW,
  );
});
