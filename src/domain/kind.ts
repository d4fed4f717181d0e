// Derives a card's kind from its wording, because the source leaves "Question type" empty.
import type { Kind } from './card';
import { normalizeForSearch } from './text';

/*
 * Rules, tried in this order; the first that matches wins. The question decides; the context
 * (the source's "Introduction") is only read when the question matches nothing.
 *
 * | # | kind          | the question…                                                           | e.g.                         |
 * |---|---------------|--------------------------------------------------------------------------|------------------------------|
 * | 1 | behavioral    | asks for a story from the past: "Tell me about a/an…", "Describe a time/ | "Describe a time you led the |
 * |   |               | situation…", "Give an example of…", "Share a time…", "…a time (when) you" | response to an incident"     |
 * | 2 | system-design | asks to build something: starts "Design…"/"Architect…", or "How would    | "Design a highly available…" |
 * |   |               | you design/architect", "walk me through your architecture"              |                              |
 * | 3 | judgement     | asks how you would weigh options: "how would you decide/prioritise/      | "…How would you decide       |
 * |   |               | choose/weigh/balance", "whether to", "trade-off between"                 | whether to act immediately"  |
 * | 4 | operational   | is about running production now or in an imagined scene: incident,       | "You receive an alert that…" |
 * |   |               | outage, alert, on-call, errors, 5xx, latency spike, diagnose, debug      |                              |
 * | 5 | (context)     | nothing above matched: the context's own words "behavioural", "system    |                              |
 * |   |               | design", "incident/operational", in that order                          |                              |
 * | 6 | judgement     | fallback: an open "how would you…" question is about reasoning           |                              |
 *
 * Why this precedence: the kind tells the user what shape of answer to rehearse. A past story is
 * told with STAR whatever its topic, so "Describe a time you led the response to an outage" is
 * behavioral (rule 1 before 4). A design question may mention failures, so design comes before
 * operational. An on-call scene that asks *whether* to act is a decision, not a runbook, so
 * judgement (3) comes before operational (4).
 */

const BEHAVIORAL: readonly RegExp[] = [
  /^(can you |could you )?tell (me|us) about (a|an|one|the) /,
  /^(can you |could you )?describe (a|an|one) (time|situation|occasion|instance|case|moment)\b/,
  /^(can you |could you )?give (me |us )?(a|an) (example|instance)\b/,
  /^(can you |could you )?share (a|an) (time|example|story|situation|experience)\b/,
  /\b(a|one) time (when |that )?you\b/,
];

const SYSTEM_DESIGN: readonly RegExp[] = [
  /^(design|architect)\b/,
  /\bhow (would|do|will|should) you (design|architect)\b/,
  /\bwalk (me|us) through your (architecture|design)\b/,
  /\bsystem design\b/,
];

const JUDGEMENT: readonly RegExp[] = [
  /\bhow (would|do|will|should) you (decide|prioriti[sz]e|choose|weigh|balance|determine whether)\b/,
  /\bwhether to\b/,
  /\btrade-?offs? between\b/,
];

const OPERATIONAL: readonly RegExp[] = [
  /\b(production )?incidents?\b/,
  /\b(outages?|alerts?|alerting|on-call|paged|pager)\b/,
  /\b(5xx|4xx|errors?|latency spikes?|spikes?)\b/,
  /\b(diagnose|debug|troubleshoot)\b/,
];

const CONTEXT_RULES: readonly [RegExp, Kind][] = [
  [/\bbehaviou?ral\b/, 'behavioral'],
  [/\bsystem[- ]design\b/, 'system-design'],
  [/\b(incidents?|outages?|on-call|operational)\b/, 'operational'],
];

const matchesAny = (text: string, rules: readonly RegExp[]): boolean => rules.some((r) => r.test(text));

export function classifyKind(question: string, context: string): Kind {
  const q = normalizeForSearch(question);
  if (matchesAny(q, BEHAVIORAL)) return 'behavioral';
  if (matchesAny(q, SYSTEM_DESIGN)) return 'system-design';
  if (matchesAny(q, JUDGEMENT)) return 'judgement';
  if (matchesAny(q, OPERATIONAL)) return 'operational';
  const c = normalizeForSearch(context);
  for (const [rule, kind] of CONTEXT_RULES) {
    if (rule.test(c)) return kind;
  }
  return 'judgement';
}
