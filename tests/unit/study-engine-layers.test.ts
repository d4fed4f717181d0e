// The study engine knows no screen: src/session imports neither React, a feature, nor the PWA layer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SESSION = join(process.cwd(), 'src/session');
const FORBIDDEN = [
  /^react(-dom)?(\/|$)/,
  /^dexie-react-hooks$/,
  /\/features(\/|$)/,
  /\/pwa(\/|$)/,
  /\/hooks(\/|$)/,
];

function importsOf(source: string): string[] {
  return [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('src/session', () => {
  const files = readdirSync(SESSION, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it('has modules to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s imports nothing from React, a feature, a hook or the PWA layer', (file) => {
    const bad = importsOf(readFileSync(join(SESSION, file), 'utf8')).filter((spec) =>
      FORBIDDEN.some((rule) => rule.test(spec)),
    );
    expect(bad).toEqual([]);
  });
});
