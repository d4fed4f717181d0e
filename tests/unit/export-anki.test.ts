// Anki export: the file Anki imports has one note per card, and card text can never become markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/domain/card';
import { toAnkiTsv } from '../../src/domain/export-anki';

function card(over: Partial<Card> = {}): Card {
  return {
    id: 'amazon-engineer/2.3',
    deckId: 'amazon-engineer',
    number: '2.3',
    order: 0,
    level: 'senior',
    kind: 'system-design',
    question: 'Design a URL shortener',
    context: 'Tests trade-offs.',
    keyPoints: ['Clarify scale', 'Pick a key scheme'],
    pitfalls: ['Jumping to a database'],
    exampleAnswer: 'First I would ask…',
    skills: [],
    questionType: '',
    tags: ['storage'],
    ...over,
  };
}

/** The note lines as Anki reads them: header lines start with "#", cells are split on tabs. */
function notes(tsv: string): string[][] {
  return tsv
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/** What a browser shows for our escaped text (the reverse of the export's escaping). */
function shown(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/&#9;/g, '\t')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('toAnkiTsv', () => {
  it('starts with the headers that tell Anki how to read the file', () => {
    expect(toAnkiTsv([]).split('\n').slice(0, 4)).toEqual([
      '#separator:tab',
      '#html:true',
      '#columns:Front\tBack\tTags',
      '#tags column:3',
    ]);
  });

  it('writes one note per card: question and context, then key points, pitfalls and example answer, then tags', () => {
    const [note, ...rest] = notes(toAnkiTsv([card()]));
    expect(rest).toEqual([]);
    expect(note).toEqual([
      '<p>Design a URL shortener</p><p><small>Tests trade-offs.</small></p>',
      '<ul><li>Clarify scale</li><li>Pick a key scheme</li></ul>' +
        '<p><b>What not to say</b></p><ul><li>Jumping to a database</li></ul>' +
        '<p><b>Example answer</b></p><p>First I would ask…</p>',
      'senior system-design storage',
    ]);
  });

  it('leaves out empty context, pitfalls and example answer', () => {
    const [note] = notes(toAnkiTsv([card({ context: '', pitfalls: [], exampleAnswer: '' })]));
    expect(note?.[0]).toBe('<p>Design a URL shortener</p>');
    expect(note?.[1]).toBe('<ul><li>Clarify scale</li><li>Pick a key scheme</li></ul>');
  });

  it('escapes a question that looks like a script', () => {
    const tsv = toAnkiTsv([
      card({ question: '<script>alert(1)</script>', keyPoints: ['<img src=x onerror="alert(2)">'] }),
    ]);
    expect(tsv).not.toContain('<script>');
    expect(tsv).not.toContain('<img');
    const [note] = notes(tsv);
    expect(note?.[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(note?.[1]).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
  });

  it('keeps a text with tabs and line breaks in its own cell on its own line', () => {
    const tsv = toAnkiTsv([
      card({ question: 'a\tb\nc', context: 'd\r\ne', keyPoints: ['f\tg'], exampleAnswer: 'h\ri' }),
      card({ question: 'second' }),
    ]);
    const all = notes(tsv);
    expect(all).toHaveLength(2);
    expect(all.map((n) => n.length)).toEqual([3, 3]);
    expect(all[0]?.[0]).toBe('<p>a&#9;b<br>c</p><p><small>d<br>e</small></p>');
    expect(all[1]?.[0]).toMatch(/^<p>second<\/p>/);
  });

  it('never starts a line with "#" (an Anki comment) or a cell with a quote (a quoted cell)', () => {
    const [first, second] = notes(
      toAnkiTsv([card({ question: '#1 priority' }), card({ question: '"Quoted"', tags: ['"tag"'] })]),
    );
    expect(first?.[0]).toMatch(/^<p>#1 priority<\/p>/);
    expect(second?.[0]).toMatch(/^<p>&quot;Quoted&quot;<\/p>/);
    expect(second?.join('\t')).not.toContain('"');
  });

  it('writes tags Anki can use: no spaces inside a tag, no markup characters, no repeats', () => {
    const [note] = notes(toAnkiTsv([card({ tags: ['system design', ' cost & <scale> ', '"q"', 'senior'] })]));
    expect(note?.[2]).toBe('senior system-design system_design cost_scale q');
  });

  it('shows every text exactly as written, whatever characters it holds', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (question, context, tags) => {
        const tsv = toAnkiTsv([card({ question, context, tags })]);
        const all = notes(tsv);
        expect(all).toHaveLength(1);
        const [front, , tagCell] = all[0] ?? [];
        expect(all[0]).toHaveLength(3);
        expect(front?.startsWith('<p>')).toBe(true);
        const readable = (s: string) => s.replace(/[^\P{Cc}\t\n\r]/gu, '').replace(/\r\n?/g, '\n');
        const match = /^<p>(.*?)<\/p>(?:<p><small>(.*)<\/small><\/p>)?$/s.exec(front ?? '');
        expect(shown(match?.[1] ?? '')).toBe(readable(question));
        if (readable(context).trim()) expect(shown(match?.[2] ?? '')).toBe(readable(context));
        expect(tagCell).not.toMatch(/[<>&"]/);
      }),
      { numRuns: 300 },
    );
  });
});
