// `npm run bench -- --profile`: a CPU profile and a timeline trace around a measured operation, summarised by function and by phase.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CDPSession, Page } from '@playwright/test';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { message?: string } };
}

export interface Capture {
  cpu: CpuProfile;
  trace: TraceEvent[];
  /** performance.now() of the sync marker, and where it shows in each recording (µs). */
  syncAt: number;
}

/** Frames per phase, from where the code came from (after source maps). */
const PHASE_OF_SOURCE: Array<[RegExp, string]> = [
  [/node_modules\/dexie\//, 'IndexedDB via Dexie (JS side, incl. native IDB calls and clone under it)'],
  [/node_modules\/ts-fsrs\//, 'ts-fsrs'],
  [/src\/domain\/scheduler\.ts/, 'scheduler wrapper (src/domain/scheduler.ts)'],
  [/src\/domain\//, 'other domain'],
  [/src\/storage\//, 'storage repositories (src/storage)'],
  [/src\/session\//, 'study engine (src/session)'],
  [/node_modules\/(react-dom|react|scheduler)\//, 'React render/commit'],
  [/src\/(features|components|app|hooks|pwa)\//, 'app components and hooks'],
  [/bench\//, 'bench page'],
];

const SYNC_FUNCTION = 'kpProfileSync';

export async function startCapture(
  cdp: CDPSession,
  page: Page,
): Promise<{ syncAt: number; traced: TraceEvent[] }> {
  const traced: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    traced.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'blink.user_timing',
      ],
    },
  });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  // A marker both recordings see: a named busy loop (profile) and a console.timeStamp (trace).
  const syncAt = (await page.evaluate(
    `(function ${SYNC_FUNCTION}() { const t = performance.now(); console.timeStamp('kp-sync'); while (performance.now() - t < 30) {} return t; })()`,
  )) as number;
  return { syncAt, traced };
}

export async function stopCapture(
  cdp: CDPSession,
  started: { syncAt: number; traced: TraceEvent[] },
): Promise<Capture> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.send('Profiler.disable');
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  return { cpu: profile, trace: started.traced, syncAt: started.syncAt };
}

function mapperFor(dist: string) {
  const maps = new Map<string, TraceMap | null>();
  return (frame: CallFrame): { source: string; name: string } => {
    if (!frame.url.startsWith('http')) return { source: frame.url, name: frame.functionName };
    const path = new URL(frame.url).pathname;
    let map = maps.get(path);
    if (map === undefined) {
      const file = join(dist, `${path}.map`);
      map = existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null;
      maps.set(path, map);
    }
    if (!map) return { source: path, name: frame.functionName };
    const o = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
    const source = (o.source ?? path).replace(/^.*?(node_modules\/|src\/|bench\/)/, '$1');
    return { source: `${source}:${o.line ?? 0}`, name: o.name ?? (frame.functionName || '(anonymous)') };
  };
}

export interface Summary {
  sampledMs: number;
  phases: Array<[string, number]>;
  functions: Array<[string, number]>;
  timeline: Array<[string, number]>;
}

/**
 * Self time by function and by phase, counting only samples inside `windows` (performance.now() ms
 * pairs) when given. A native or builtin frame counts for the phase of the nearest caller with code.
 */
export function summarize(capture: Capture, dist: string, windows: Array<[number, number]> | null): Summary {
  const { cpu, trace, syncAt } = capture;
  const map = mapperFor(dist);
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const resolved = new Map<number, { label: string; phase: string }>();
  const phaseOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at) as ProfileNode;
      const f = node.callFrame;
      if (f.functionName === '(garbage collector)') return 'GC';
      if (f.functionName === '(program)') return 'native: style/layout/paint, IDB delivery, tasks';
      if (f.functionName === '(idle)') return 'idle';
      if (f.url.startsWith('http')) {
        const { source } = map(f);
        return PHASE_OF_SOURCE.find(([re]) => re.test(source))?.[1] ?? `other (${source.split(':')[0]})`;
      }
    }
    return 'bench driver / other';
  };
  const info = (id: number) => {
    let r = resolved.get(id);
    if (!r) {
      const f = (byId.get(id) as ProfileNode).callFrame;
      const m = map(f);
      r = { label: f.url ? `${m.name} ${m.source}` : f.functionName || '(anonymous)', phase: phaseOf(id) };
      resolved.set(id, r);
    }
    return r;
  };

  // Where the sync marker shows in the profile gives the profile clock's offset to performance.now().
  const syncNodes = new Set(
    cpu.nodes.filter((n) => n.callFrame.functionName === SYNC_FUNCTION).map((n) => n.id),
  );
  const under = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (syncNodes.has(at)) return true;
    return false;
  };
  let t = cpu.startTime;
  const times: number[] = [];
  let cpuOffset: number | null = null;
  for (let i = 0; i < cpu.samples.length; i++) {
    t += cpu.timeDeltas[i] ?? 0;
    times.push(t);
    if (cpuOffset === null && under(cpu.samples[i] as number)) cpuOffset = t / 1000 - syncAt;
  }
  const inWindow = (ms: number) => !windows || windows.some(([a, b]) => ms >= a && ms <= b);

  const phase = new Map<string, number>();
  const fn = new Map<string, number>();
  let sampled = 0;
  for (let i = 0; i < cpu.samples.length; i++) {
    const id = cpu.samples[i] as number;
    const dt = ((times[i + 1] ?? cpu.endTime) - (times[i] as number)) / 1000;
    const at = (times[i] as number) / 1000 - (cpuOffset ?? 0);
    if (!inWindow(at) || syncNodes.has(id) || under(id)) continue;
    const r = info(id);
    if (r.phase === 'idle') continue;
    sampled += dt;
    phase.set(r.phase, (phase.get(r.phase) ?? 0) + dt);
    fn.set(r.label, (fn.get(r.label) ?? 0) + dt);
  }

  // The timeline: what the renderer's main thread spent in style, layout, paint… inside the windows.
  const sync = trace.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'kp-sync');
  const mainTids = new Set(
    trace
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const timeline = new Map<string, number>();
  const counted = new Set([
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'Commit',
    'HitTest',
    'MinorGC',
    'MajorGC',
    'ParseAuthorStyleSheet',
    'ScheduleStyleRecalculation',
  ]);
  if (sync) {
    const traceOffset = sync.ts / 1000 - syncAt;
    for (const e of trace) {
      if (e.ph !== 'X' || !counted.has(e.name) || !mainTids.has(`${e.pid}:${e.tid}`)) continue;
      if (!inWindow(e.ts / 1000 - traceOffset)) continue;
      timeline.set(e.name, (timeline.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    }
  }
  const sorted = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, Math.round(v * 10) / 10] as [string, number]);
  return {
    sampledMs: Math.round(sampled),
    phases: sorted(phase, 30),
    functions: sorted(fn, 40),
    timeline: sorted(timeline, 20),
  };
}

/** Writes the raw recording beside the summary (`<file>.json`: open the `cpu` field in DevTools as a .cpuprofile), then the summary. */
export function writeSummary(
  file: string,
  title: string,
  capture: Capture,
  dist: string,
  windows: Array<[number, number]> | null,
): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file.replace(/\.txt$/, '')}.json`, JSON.stringify({ ...capture, windows }));
  const s = summarize(capture, dist, windows);
  const pct = (v: number) => `${((v / Math.max(1, s.sampledMs)) * 100).toFixed(1)}%`;
  const lines = [
    `${title}: ${s.sampledMs} ms sampled, not idle${windows ? `, inside ${windows.length} measured windows` : ''}`,
    '',
    'By phase (self time):',
    ...s.phases.map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms ${pct(v).padStart(6)}  ${k}`),
    '',
    'Top functions (self time):',
    ...s.functions.map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms ${pct(v).padStart(6)}  ${k}`),
    '',
    'Main-thread timeline events (trace, inclusive):',
    ...s.timeline.map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
}
