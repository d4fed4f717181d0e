// The page parser against the real source page, small bad pages and noise.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/domain/card';
import { ParseError } from '../../src/domain/errors';
import { MAX_PROBLEMS, type PageParseResult, parsePage, parsePageStrict } from '../../src/domain/parse-page';
import { SOURCE_PAGE_TEXT } from '../support/deck';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../fixtures/pages', name), 'utf8');
const options = { deckId: 'amazon-engineer' };
const parse = (text: string) => parsePage(text, options);
const card = (result: PageParseResult, number: string) => {
  const found = result.cards.find((c) => c.number === number);
  if (!found) throw new Error(`no card ${number}`);
  return found;
};
const strictProblems = (text: string) => {
  try {
    parsePageStrict(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).problems;
  }
  throw new Error('expected a ParseError');
};
/** The source with the given 1-based lines removed. */
const withoutLines = (...lineNumbers: number[]) =>
  SOURCE_PAGE_TEXT.split('\n')
    .filter((_, i) => !lineNumbers.includes(i + 1))
    .join('\n');

describe('the built-in source page', () => {
  const result = parse(SOURCE_PAGE_TEXT);

  it('parses without problems into 15 questions, 3 per level, in level order', () => {
    expect(result.problems).toEqual([]);
    expect(result.cards.map((c) => c.number)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
    ]);
    expect(result.cards.map((c) => c.level)).toEqual(LEVELS.flatMap((level) => [level, level, level]));
    expect(result.levels).toEqual([...LEVELS]);
    expect(result.cards.map((c) => c.order)).toEqual([...Array(15).keys()]);
  });

  it('gives every question a context, at least 5 key points, 3 pitfalls and an unquoted example answer', () => {
    for (const c of result.cards) {
      expect(c.context, c.number).not.toBe('');
      expect(c.keyPoints.length, c.number).toBeGreaterThanOrEqual(5);
      expect(c.pitfalls.length, c.number).toBeGreaterThanOrEqual(3);
      expect(c.exampleAnswer.length, c.number).toBeGreaterThan(100);
      expect(c.exampleAnswer, c.number).not.toMatch(/^[“"]|[”"]$/);
      for (const item of [...c.keyPoints, ...c.pitfalls]) expect(item, c.number).not.toMatch(/^- /);
      expect(c.skills).toEqual([]);
      expect(c.questionType).toBe('');
      expect(c.tags).toEqual([]);
    }
  });

  it('keeps the exact first and last key point of each question', () => {
    const expected: Record<string, [string, string]> = {
      '1.1': [
        'Start with a clear, step-by-step troubleshooting plan (prioritize customer impact and safety).',
        "State how you would communicate with stakeholders (status updates to on-call, post-mortem plan) and what you'd include in a post-incident review to prevent recurrence.",
      ],
      '1.2': [
        'Use the STAR method (Situation, Task, Action, Result) to structure your answer.',
        'Highlight what you learned and how you ensured the solution aligned with team goals and standards.',
      ],
      '1.3': [
        'Start by assessing customer impact: does the error affect any customers now or could it escalate?',
        'Explain how you’d document and communicate the decision, and schedule a root-cause fix with owners and deadlines.',
      ],
      '2.1': [
        'Start with a clear one‑paragraph summary of your end‑to‑end architecture (ingest → buffer → processing → storage → downstream).',
        'Conclude with key trade‑offs and why your design is appropriate for the stated scale (performance vs cost vs complexity).',
      ],
      '2.3': [
        'Describe immediate triage steps: acknowledge the alert, set an incident channel, and assign roles (incident commander, scribe, responder).',
        'Highlight post‑incident actions: detailed RCA, corrective actions, monitoring improvements, and follow‑up verification.',
      ],
      '4.3': [
        'Start with immediate mitigations to limit customer impact: enable failover paths, pause automated outbound changes to prevent inconsistent states, and surface a status page message for affected sellers.',
        'Conclude with preventative measures: add better monitoring/alerts for auth errors, implement synthetic transactions, add automated token refresh health checks, and improve runbooks and SLA commitments for sellers.',
      ],
      '5.1': [
        'Use the STAR format: Situation (scale & impact), Task (your responsibility), Action (steps you led), Result (outcome and metrics).',
        'Mention any trade-offs you made under time pressure and how you documented them for stakeholders.',
      ],
      '5.3': [
        'Describe the context and the change you proposed (technical and business implications).',
        'Reflect on what you learned about cross-cultural or cross-country coordination (important for UK/EU contexts).',
      ],
    };
    for (const [number, [first, last]] of Object.entries(expected)) {
      const c = card(result, number);
      expect(c.keyPoints[0]).toBe(first);
      expect(c.keyPoints.at(-1)).toBe(last);
    }
  });

  it('keeps the exact pitfalls, context and question text', () => {
    const c11 = card(result, '1.1');
    expect(c11.question).toBe(
      'Explain how you would diagnose and fix a sudden increase in 5xx errors from an AWS-backed service that you maintain.',
    );
    expect(c11.context).toBe(
      'Junior Amazon Engineers often support production services running on AWS. This question tests your practical troubleshooting skills, familiarity with AWS services, monitoring, and your ability to follow Amazon’s operational best practices (including customer obsession and ownership).',
    );
    expect(c11.pitfalls).toHaveLength(4);
    expect(c11.pitfalls[0]).toBe(
      'Jumping straight to a code rewrite without gathering data or considering mitigations.',
    );
    expect(c11.pitfalls[3]).toBe(
      'Failing to mention customer impact, communication, or follow-up (post-mortem and fixes).',
    );
    expect(card(result, '4.3').pitfalls.at(-1)).toBe(
      'Not documenting the incident or failing to implement preventive controls afterward.',
    );
    expect(card(result, '5.2').pitfalls.at(-1)).toBe(
      'Neglecting operational concerns like monitoring, alert fatigue, and runbooks.',
    );
  });

  it('keeps curly quotes and non-breaking hyphens as they are printed', () => {
    const c21 = card(result, '2.1');
    expect(c21.question).toContain('cost\u2011efficient');
    expect(c21.question).toBe(
      'Design a highly available, cost‑efficient service on AWS to ingest and process millions of events per minute from devices across Europe. Walk us through your architecture and trade‑offs.',
    );
    expect(card(result, '1.1').context).toContain('Amazon\u2019s');
    expect(card(result, '1.3').question.startsWith('Imagine you\u2019re on-call')).toBe(true);
  });

  it('strips only the surrounding quotes of an example answer', () => {
    const answer = card(result, '1.2').exampleAnswer;
    expect(answer.startsWith('On a previous project in Sydney, our frontend lead fell ill')).toBe(true);
    expect(answer.endsWith('created a checklist to handle similar handovers in future.')).toBe(true);
  });

  it('gives stable ids made of the deck id and the printed number', () => {
    expect(result.cards[5]?.id).toBe('amazon-engineer/2.3');
    expect(new Set(result.cards.map((c) => c.id)).size).toBe(15);
    expect(
      result.cards.every((c) => c.deckId === 'amazon-engineer' && c.id === `amazon-engineer/${c.number}`),
    ).toBe(true);
  });

  it('reads the title and description but puts no marketing, pricing or sign-up line in a card', () => {
    expect(result.title).toBe('5 Amazon Engineer Interview Questions and Answers');
    expect(result.description.startsWith('Amazon Engineers are responsible for designing')).toBe(true);
    const everything = JSON.stringify(result.cards);
    for (const line of [
      'Unlimited interview practice',
      'AI mock interviewer',
      'No credit card required',
      '$9',
      'Similar Interview Questions',
      'Simple pricing',
      'Himalayas',
      'Find your dream job',
      'Sign up now',
    ]) {
      expect(everything).not.toContain(line);
    }
  });

  it('reads the page the same with Windows line endings, a byte-order mark or indented lines', () => {
    const crlf = parse(`\uFEFF${SOURCE_PAGE_TEXT.replace(/\n/g, '\r\n')}`);
    expect(crlf.problems).toEqual([]);
    expect(crlf.cards).toEqual(result.cards);
    const indented = parse(SOURCE_PAGE_TEXT.replace(/\n/g, '\n  '));
    expect(indented.cards).toEqual(result.cards);
  });
});

describe('bad pages are reported with line numbers, never half-read', () => {
  it('an empty page', () => {
    expect(parse('').problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/empty/) }),
    ]);
    const problems = strictProblems(fixture('empty.txt'));
    expect(problems[0]?.message).toMatch(/empty/);
  });

  it('HTML instead of text, whole document or fragment', () => {
    const doc = parse(fixture('html-document.txt'));
    expect(doc.cards).toEqual([]);
    expect(doc.problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/looks like HTML/) }),
    ]);
    const fragment = parse(fixture('html-fragment.txt'));
    expect(fragment.cards).toEqual([]);
    expect(fragment.problems).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/looks like HTML/) }),
    ]);
    expect(() => parsePageStrict(fixture('html-document.txt'), options)).toThrow(ParseError);
  });

  it('a question that mentions a tag in passing is still text', () => {
    const page = fixture('small-valid.txt').replace('Design a URL shortener.', 'What does <div> do in HTML?');
    expect(parse(page).problems).toEqual([]);
  });

  it('a page whose prose mentions a tag is not refused as HTML (the "</script>" question)', () => {
    const page = fixture('small-valid.txt')
      .replace('Design a URL shortener.', 'How would you stop `</script>` injection?')
      .replace(
        'Checks design.',
        'Close </p> and </div> tags, then </span>, </li> and </ul>: prose about markup.',
      );
    const result = parse(page);
    expect(result.problems).toEqual([]);
    expect(result.cards.map((c) => c.question)).toContain('How would you stop `</script>` injection?');
  });

  it('a question missing a section is reported and left out, the others kept', () => {
    const result = parse(fixture('missing-section.txt'));
    expect(result.problems).toEqual([
      {
        line: 3,
        field: 'What not to say',
        message: expect.stringMatching(/^Question 1\.1 has no "What not to say" section/),
      },
    ]);
    expect(result.cards.map((c) => c.number)).toEqual(['1.2']);
    expect(strictProblems(fixture('missing-section.txt'))[0]?.line).toBe(3);
  });

  it('a heading missing from the real page is found at that question', () => {
    // Line 18 is the "What not to say" heading of 1.1.
    const result = parse(withoutLines(18));
    expect(result.problems).toEqual([expect.objectContaining({ line: 7, field: 'What not to say' })]);
    expect(result.cards).toHaveLength(14);
    expect(result.cards.map((c) => c.number)).not.toContain('1.1');
  });

  it('every problem is listed, not just the first', () => {
    // 1.1 loses "Introduction" (line 8), 3.2 loses "Example answer" (line 164); later lines move up.
    const result = parse(withoutLines(8, 164));
    expect(result.problems.map((p) => [p.line, p.field])).toEqual([
      [7, 'Introduction'],
      [8, 'Introduction'],
      [148, 'Example answer'],
      // The answer paragraph now sits under "What not to say", where it is not a bullet.
      [163, 'What not to say'],
    ]);
    expect(result.cards).toHaveLength(13);
  });

  it('sections out of order', () => {
    const result = parse(fixture('sections-out-of-order.txt'));
    expect(result.cards).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: 8,
        field: 'How to answer',
        message: expect.stringMatching(/"How to answer" must come before "What not to say" \(line 6\)/),
      },
    ]);
  });

  it('a question numbered 2.1 inside level 1', () => {
    const result = parse(fixture('wrong-level-number.txt'));
    expect(result.cards.map((c) => c.number)).toEqual(['1.1']);
    expect(result.problems).toEqual([
      {
        line: 14,
        field: 'question',
        message: expect.stringMatching(/Question 2\.1 is under level 1 \(line 2\)/),
      },
    ]);
  });

  it('a duplicated question number', () => {
    const result = parse(fixture('duplicate-question.txt'));
    expect(result.cards.map((c) => c.question)).toEqual(['Tell me about a time you fixed a flaky test.']);
    expect(result.problems).toEqual([
      { line: 14, field: 'question', message: expect.stringMatching(/appears twice \(first on line 3\)/) },
    ]);
  });

  it('a skipped question number and a missing level heading', () => {
    // Without line 64 ("2. Amazon Engineer…") the level-2 questions sit under level 1.
    const result = parse(withoutLines(64));
    expect(result.problems.map((p) => p.line)).toEqual([64, 86, 106, 126]);
    expect(result.problems[0]?.message).toMatch(/Question 2\.1 is under level 1 \(line 6\)/);
    expect(result.cards.map((c) => c.number)).not.toContain('2.1');
    expect(result.problems[3]?.message).toMatch(/Level heading 3 follows level 1: expected level 2/);
    const renumbered = parse(SOURCE_PAGE_TEXT.replace('\n1.2. Tell me', '\n1.4. Tell me'));
    expect(renumbered.problems[0]).toMatchObject({
      line: 27,
      message: expect.stringMatching(/expected 1\.2/),
    });
  });

  it('stray text between questions', () => {
    const page = fixture('small-valid.txt').replace(
      'Question type\n2.',
      'Question type\nBehavioral\nSomething odd\n2.',
    );
    const result = parse(page);
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 18, message: expect.stringMatching(/Something odd/) }),
    ]);
    expect(result.cards[0]?.questionType).toBe('Behavioral');
  });

  it('text with no headings at all', () => {
    const problems = strictProblems(fixture('no-headings.txt'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringMatching(/No level heading/) }),
    ]);
  });

  it('a small valid page passes the strict parse', () => {
    const result = parsePageStrict(fixture('small-valid.txt'), { deckId: 'example' });
    expect(result.cards.map((c) => [c.id, c.level, c.kind])).toEqual([
      ['example/1.1', 'junior', 'behavioral'],
      ['example/2.1', 'mid', 'system-design'],
    ]);
    expect(result.cards[1]?.exampleAnswer).toBe('I would use base62 keys.');
  });

  it('lists the first 100 problems and counts the rest', () => {
    const headings = Array.from({ length: 500 }, (_, i) => `1.${i + 1}. Question ${i + 1}?`);
    const page = ['1. Junior Interview Questions and Answers', ...headings].join('\n');
    const { problems } = parse(page);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    // Each heading lacks four required sections: 2000 problems.
    expect(problems.at(-1)).toEqual({ message: '…and 1900 more problems.' });
  });
});

describe('hostile input finishes', () => {
  const FIVE_MB = 5 * 1024 * 1024;
  // Deterministic noise: a linear congruential generator, so a failure can be replayed.
  const noise = (length: number, alphabet: string) => {
    let seed = 12345;
    const out: string[] = [];
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      out.push(alphabet[seed % alphabet.length] ?? ' ');
    }
    return out.join('');
  };

  it('5 MB of random characters gives problems, not cards', () => {
    const text = noise(FIVE_MB, 'abcXYZ019 .-:\n\n<>/“”‑\t');
    const result = parse(text);
    expect(result.cards).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  });

  it('5 MB shaped to tempt a backtracking regex', () => {
    for (const text of [
      '1.'.repeat(FIVE_MB / 2),
      `1.1. ${' '.repeat(FIVE_MB)}x`,
      '<div '.repeat(FIVE_MB / 5),
      `${'\n'.repeat(FIVE_MB)}1`,
      `1. Interview Questions\n1.1. Q\nHow to answer\n${'- '.repeat(FIVE_MB / 2)}`,
    ]) {
      expect(parse(text).cards).toEqual([]);
    }
  });
});

describe('properties', () => {
  const pageLine = fc.oneof(
    fc.constantFrom(
      '1. Junior Amazon Engineer Interview Questions and Answers',
      '2. Amazon Engineer Interview Questions and Answers',
      '1.1. Tell me about a time you shipped.',
      '1.2. Design a cache.',
      '2.1. Imagine an outage.',
      'Introduction',
      'How to answer',
      'What not to say',
      'Example answer',
      'Skills tested',
      'Question type',
      '- a bullet',
      '“An answer.”',
      'Similar Interview Questions and Sample Answers',
      '<div>',
      '',
    ),
    fc.string({ maxLength: 30 }),
  );
  const pageLike = fc.array(pageLine, { maxLength: 60 }).map((lines) => lines.join('\n'));

  it('parsePage never throws, and every problem points at a line of the page', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), pageLike), (text) => {
        const result = parse(text);
        const lineCount = text.split(/\r\n|\r|\n/).length;
        for (const p of result.problems) {
          if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
          if (p.line !== undefined) expect(p.line).toBeLessThanOrEqual(lineCount);
        }
        expect(new Set(result.cards.map((c) => c.id)).size).toBe(result.cards.length);
        for (const c of result.cards) expect(c.keyPoints.length).toBeGreaterThan(0);
      }),
    );
  });

  it('parsePageStrict throws only ParseError', () => {
    fc.assert(
      fc.property(pageLike, (text) => {
        try {
          parsePageStrict(text, options);
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
        }
      }),
    );
  });
});
