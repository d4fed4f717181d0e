// Lighthouse 12 (mobile preset) against the served build, in a Chromium the benchmark launches and stops itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';

export interface LighthouseScores {
  url: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  /** Audits that cost points, e.g. "color-contrast (0)". */
  failing: string[];
  /** Key lab metrics: ms, except CLS (unitless). */
  metrics: Record<string, number>;
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

async function waitForDevtools(port: number, chrome: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (chrome.exitCode !== null)
      throw new Error(`Chromium exited (${chrome.exitCode}) before DevTools was up`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Chromium's DevTools did not come up on port ${port}`);
}

function score(value: number | null | undefined): number | null {
  return typeof value === 'number' ? Math.round(value * 100) : null;
}

export async function runLighthouse(urls: readonly string[], port: number): Promise<LighthouseScores[]> {
  const profile = await mkdtemp(join(tmpdir(), 'kp-lh-'));
  const chrome = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    await waitForDevtools(port, chrome);
    const out: LighthouseScores[] = [];
    for (const url of urls) {
      const result = await lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
      const failing: string[] = [];
      for (const id of CATEGORIES) {
        for (const ref of lhr.categories[id]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
            failing.push(`${ref.id} (${Math.round(audit.score * 100)})`);
        }
      }
      const metric = (id: string, digits = 0) => {
        const f = 10 ** digits;
        return Math.round((lhr.audits[id]?.numericValue ?? Number.NaN) * f) / f;
      };
      out.push({
        url,
        performance: score(lhr.categories.performance?.score),
        accessibility: score(lhr.categories.accessibility?.score),
        bestPractices: score(lhr.categories['best-practices']?.score),
        failing,
        metrics: {
          fcp: metric('first-contentful-paint'),
          lcp: metric('largest-contentful-paint'),
          tbt: metric('total-blocking-time'),
          cls: metric('cumulative-layout-shift', 3),
        },
      });
    }
    return out;
  } finally {
    chrome.kill('SIGTERM');
    await new Promise((r) => (chrome.exitCode !== null ? r(null) : chrome.once('exit', r)));
    await rm(profile, { recursive: true, force: true });
  }
}
