// Deterministic synthetic data for the benchmark: a 10k-card deck and a year of reviews graded by the real scheduler.
import {
  type Card,
  type DeckFile,
  type Grade,
  KINDS,
  LEVELS,
  type Review,
  type Schedule,
  type SchedulingSettings,
} from '../src/domain';
import { seededRandom } from '../src/domain/plan-simulation';
import { createScheduler } from '../src/domain/scheduler';
import { newId } from '../src/storage/ids';

// Engineering-interview vocabulary, so that search terms hit a realistic share of the cards.
const WORDS = (
  'latency throughput availability consistency partition replica leader follower quorum shard ' +
  'index cache eviction invalidation queue backpressure retry timeout idempotency deduplication ' +
  'outage incident postmortem rollback canary deployment pipeline alarm dashboard metric trace ' +
  'log sampling budget error rate customer stakeholder deadline tradeoff estimate scope risk ' +
  'mitigation ownership mentor feedback conflict priority roadmap design review document proposal ' +
  'database schema migration transaction isolation lock contention deadlock throttling quota ' +
  'region zone failover disaster recovery backup restore encryption secret rotation permission ' +
  'audit compliance cost capacity forecast autoscaling cluster container function serverless ' +
  'stream batch window aggregation event consumer producer ordering exactly once at least once ' +
  'api contract version compatibility client server gateway load balancer health check dependency ' +
  'team hiring interview bar raiser principle customer obsession bias for action ownership ' +
  'frugality dive deep deliver results disagree commit learn curious invent simplify'
).split(' ');

const NAMES = ['service', 'system', 'team', 'project', 'platform', 'feature', 'migration', 'launch'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** Text of about `length` characters made of sentences of vocabulary words. */
function text(rand: () => number, length: number, end = '.'): string {
  const target = Math.max(8, Math.round(length * (0.8 + rand() * 0.4)));
  let out = '';
  let sentence: string[] = [];
  while (out.length + sentence.join(' ').length < target) {
    sentence.push(pick(rand, WORDS));
    if (sentence.length >= 8 + Math.floor(rand() * 10)) {
      const s = sentence.join(' ');
      out += `${out ? ' ' : ''}${s[0]?.toUpperCase()}${s.slice(1)}${end}`;
      sentence = [];
    }
  }
  if (sentence.length) {
    const s = sentence.join(' ');
    out += `${out ? ' ' : ''}${s[0]?.toUpperCase()}${s.slice(1)}${end}`;
  }
  return out;
}

export const BENCH_DECK_ID = 'bench-synthetic';

/** A deck of `count` cards with the text lengths of real ones (question ~150 chars … example ~900). */
export function syntheticDeck(count: number, seed = 1, deckId = BENCH_DECK_ID): DeckFile {
  const rand = seededRandom(seed);
  const cards: Card[] = [];
  for (let i = 0; i < count; i++) {
    const number = String(i + 1);
    cards.push({
      id: `${deckId}/${number}`,
      deckId,
      number,
      order: i,
      level: pick(rand, LEVELS),
      kind: pick(rand, KINDS),
      question: `Tell me about a time your ${pick(rand, NAMES)} ${text(rand, 110, '?')}`,
      context: text(rand, 300),
      keyPoints: Array.from({ length: 6 }, () => text(rand, 120)),
      pitfalls: Array.from({ length: 4 }, () => text(rand, 100)),
      exampleAnswer: text(rand, 900),
      skills: [],
      questionType: '',
      tags: [pick(rand, ['aws', 'leadership', 'systems', 'ops'])],
    });
  }
  return {
    format: 'keypoints-deck',
    version: 1,
    deck: { id: deckId, title: 'Benchmark deck', source: 'json', description: 'Synthetic cards.' },
    cards,
  };
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface History {
  reviews: Review[];
  /** Each reviewed card's schedule after its last review. */
  schedules: Map<string, Schedule>;
}

/** The app's own review id format, from the seeded generator so that runs are repeatable. */
function reviewId(rand: () => number): string {
  return newId((bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  });
}

function rating(rand: () => number, state: number): Grade {
  const r = rand();
  if (state === 2) return r < 0.08 ? 1 : r < 0.2 ? 2 : r < 0.92 ? 3 : 4;
  return r < 0.15 ? 1 : r < 0.2 ? 2 : r < 0.97 ? 3 : 4;
}

/**
 * A user who studies every morning for `days` days up to `lastDay` (exclusive, epoch ms of a day
 * start), introducing `newPerDay` cards in deck order and reviewing everything due, graded by the
 * real scheduler, until exactly `total` reviews exist.
 */
export function syntheticHistory(
  cards: readonly Pick<Card, 'id' | 'keyPoints' | 'pitfalls'>[],
  settings: SchedulingSettings,
  options: { total: number; days: number; lastDay: number; newPerDay: number; seed?: number },
): History {
  const rand = seededRandom(options.seed ?? 2);
  const scheduler = createScheduler(settings);
  const schedules = new Map<string, Schedule>();
  const reviews: Review[] = [];
  let introduced = 0;
  const firstDay = options.lastDay - options.days * DAY;
  for (let day = 0; day < options.days && reviews.length < options.total; day++) {
    let t = firstDay + day * DAY + 8 * 3_600_000 + Math.floor(rand() * 4 * 3_600_000);
    for (let n = 0; n < options.newPerDay && introduced < cards.length; n++, introduced++) {
      const card = cards[introduced];
      if (card) schedules.set(card.id, scheduler.newSchedule(card.id, t));
    }
    // Passes over the day: learning steps bring cards back within minutes.
    for (let pass = 0; pass < 6 && reviews.length < options.total; pass++) {
      let graded = 0;
      for (const [cardId, schedule] of schedules) {
        if (schedule.due > t || reviews.length >= options.total) continue;
        const card = cards[Number(cardId.slice(cardId.lastIndexOf('/') + 1)) - 1];
        const r = rating(rand, schedule.state);
        const { schedule: next, log } = scheduler.grade(schedule, r, t);
        schedules.set(cardId, next);
        const points = card?.keyPoints.length ?? 0;
        reviews.push({
          id: reviewId(rand),
          cardId,
          rating: r,
          reviewedAt: t,
          durationMs: 20_000 + Math.floor(rand() * 160_000),
          keyPointsRecalled: Array.from({ length: points }, (_, i) => i).filter(() => rand() < 0.7),
          pitfallsFlagged: rand() < 0.1 ? [0] : [],
          notes: rand() < 0.1 ? text(rand, 80) : '',
          log,
        });
        t += 15_000 + Math.floor(rand() * 60_000);
        graded++;
      }
      if (graded === 0) t += 10 * MINUTE;
    }
  }
  return { reviews, schedules };
}
