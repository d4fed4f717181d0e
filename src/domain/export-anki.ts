// Cards as an Anki text file (File → Import in Anki 2.1.54 or later), one note per card.
//
// The file starts with Anki's file headers, so Anki needs no questions about it:
//   #separator:tab        cells are separated by tabs
//   #html:true            cells are HTML
//   #columns:Front	Back	Tags
//   #tags column:3        the third cell holds the note's tags
// Then one line per card, three cells:
//   Front  the question, then its context in a smaller paragraph;
//   Back   the key points as a list, the pitfalls under "What not to say", the example answer;
//   Tags   the level, the kind and the card's tags, space-separated.
// Anki reads the cells as HTML, so every text is escaped (& < > ") and its line breaks become
// <br>: card text can never inject markup or script, and a tab or a line break inside a text can
// never split a cell or a line. A `"` at the start of a cell would make Anki read a quoted cell,
// and a `#` at the start of a line a comment: escaping quotes and starting Front with `<p>` rule
// both out. Tags are not HTML in Anki (an escaped `&amp;` would show as such), so instead of being
// escaped they lose the characters & < > " and whitespace inside a tag becomes "_".
import type { Card } from './card';

// Control characters other than tab and line breaks have no meaning in card text and some
// importers choke on them.
const CONTROL = /[^\P{Cc}\t\n\r]/gu;

/** Text → HTML that shows exactly that text, on one line of the file. */
export function escapeAnkiHtml(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

function ankiTag(tag: string): string {
  return tag
    .replace(CONTROL, '')
    .replace(/[&<>"]/g, '')
    .trim()
    .replace(/\s+/g, '_');
}

function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${escapeAnkiHtml(item)}</li>`).join('')}</ul>`;
}

function front(card: Card): string {
  const context = card.context.trim() ? `<p><small>${escapeAnkiHtml(card.context)}</small></p>` : '';
  return `<p>${escapeAnkiHtml(card.question)}</p>${context}`;
}

function back(card: Card): string {
  const parts: string[] = [];
  if (card.keyPoints.length > 0) parts.push(list(card.keyPoints));
  if (card.pitfalls.length > 0) parts.push(`<p><b>What not to say</b></p>${list(card.pitfalls)}`);
  if (card.exampleAnswer.trim()) {
    parts.push(`<p><b>Example answer</b></p><p>${escapeAnkiHtml(card.exampleAnswer)}</p>`);
  }
  return parts.join('');
}

function tags(card: Card): string {
  const all = [card.level, card.kind, ...card.tags].map(ankiTag).filter((t) => t !== '');
  return [...new Set(all)].join(' ');
}

/** The cards, in the given order, as a tab-separated file Anki imports as Basic notes. */
export function toAnkiTsv(cards: readonly Card[]): string {
  const lines = [
    '#separator:tab',
    '#html:true',
    '#columns:Front\tBack\tTags',
    '#tags column:3',
    ...cards.map((card) => [front(card), back(card), tags(card)].join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}
