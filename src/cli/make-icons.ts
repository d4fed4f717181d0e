// Renders public/icon.svg into the PNG icons the manifest and iOS need (`npm run icons`).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE = resolve(ROOT, 'public/icon.svg');
// Must equal the rounded square's fill in icon.svg: full-bleed icons paint it behind the corners.
const ACCENT = '#2f5d8a';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface IconSpec {
  file: string;
  size: number;
  /** Opaque accent background to the edges; launchers (maskable) and iOS apply their own shape. */
  fullBleed: boolean;
  /** Share of the canvas the artwork covers: maskable icons keep it inside the 80% safe zone. */
  scale: number;
}

const ICONS: readonly IconSpec[] = [
  { file: 'public/icons/icon-192.png', size: 192, fullBleed: false, scale: 1 },
  { file: 'public/icons/icon-512.png', size: 512, fullBleed: false, scale: 1 },
  { file: 'public/icons/maskable-512.png', size: 512, fullBleed: true, scale: 0.8 },
  { file: 'public/icons/apple-touch-icon-180.png', size: 180, fullBleed: true, scale: 1 },
];

function pageFor(svg: string, spec: IconSpec): string {
  const art = Math.round(spec.size * spec.scale);
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const background = spec.fullBleed ? ACCENT : 'transparent';
  return `<!doctype html><html><body style="margin:0;width:${spec.size}px;height:${spec.size}px;display:grid;place-items:center;background:${background}"><img alt="" src="${src}" width="${art}" height="${art}" style="display:block"></body></html>`;
}

async function main(): Promise<void> {
  const svg = await readFile(SOURCE, 'utf8');
  if (!svg.toLowerCase().includes(`fill="${ACCENT}"`)) {
    throw new Error(`public/icon.svg no longer uses the accent ${ACCENT}: update ACCENT in make-icons.ts`);
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
  try {
    for (const spec of ICONS) {
      const page = await browser.newPage({
        viewport: { width: spec.size, height: spec.size },
        deviceScaleFactor: 1,
      });
      await page.setContent(pageFor(svg, spec));
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      // Icons with rounded corners keep them transparent; full-bleed ones are opaque to the edge.
      await page.screenshot({ path: resolve(ROOT, spec.file), omitBackground: !spec.fullBleed, type: 'png' });
      await page.close();
      console.log(`wrote ${spec.file} (${spec.size}×${spec.size})`);
    }
  } finally {
    await browser.close();
  }
}

await main();
