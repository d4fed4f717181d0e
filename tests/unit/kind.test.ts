// Kind rules: each of the 15 real questions, the documented precedence, and the context fallback.
import { describe, expect, it } from 'vitest';
import { classifyKind } from '../../src/domain/kind';
import { parsePage } from '../../src/domain/parse-page';
import { SOURCE_PAGE_TEXT } from '../support/deck';

describe('classifyKind on the built-in page', () => {
  it('gives each of the 15 questions the kind of answer it calls for', () => {
    const { cards } = parsePage(SOURCE_PAGE_TEXT, { deckId: 'amazon-engineer' });
    expect(Object.fromEntries(cards.map((c) => [c.number, c.kind]))).toEqual({
      '1.1': 'operational', // "Explain how you would diagnose and fix a sudden increase in 5xx errors"
      '1.2': 'behavioral', // "Tell me about a time you took ownership"
      '1.3': 'judgement', // on-call scene, but "How would you decide whether to act immediately"
      '2.1': 'system-design', // "Design a highly available, cost‑efficient service"
      '2.2': 'behavioral', // "Tell me about a time you disagreed"
      '2.3': 'operational', // "You receive an alert … latency spikes and 5xx errors"
      '3.1': 'system-design',
      '3.2': 'behavioral', // "Describe a time you led a cross-functional effort"
      '3.3': 'behavioral', // "Tell me about a production incident you owned": a past story
      '4.1': 'system-design',
      '4.2': 'behavioral',
      '4.3': 'operational', // "Imagine a production incident … How would you investigate, mitigate"
      '5.1': 'behavioral', // "Describe a time you led the response to a large-scale availability incident"
      '5.2': 'system-design', // "Design … How would you design for scalability"
      '5.3': 'behavioral',
    });
  });
});

describe('classifyKind rules', () => {
  it.each([
    ['Tell me about a time you failed.', 'behavioral'],
    ['Describe a time you disagreed with your manager.', 'behavioral'],
    ['Give an example of a decision you made with incomplete data.', 'behavioral'],
    ['Can you share a time when you mentored someone?', 'behavioral'],
    ['What was a time you had to push back on a deadline?', 'behavioral'],
    ['Design a rate limiter for a public API.', 'system-design'],
    ['Architect a multi-region key-value store.', 'system-design'],
    ['How would you design the checkout service for Prime Day?', 'system-design'],
    ['How would you prioritise three urgent bugs with one engineer?', 'judgement'],
    ['Your team must choose whether to build or buy a queue. What do you weigh?', 'judgement'],
    ['You are paged at 3am because the order service is down. What do you do?', 'operational'],
    ['A deployment caused latency spikes in eu-west-1. Walk me through your response.', 'operational'],
    ['How do you debug a memory leak in a Java service?', 'operational'],
  ])('%s → %s', (question, kind) => {
    expect(classifyKind(question, '')).toBe(kind);
  });

  it('a past story beats its topic: an incident told as "describe a time" is behavioral', () => {
    expect(
      classifyKind('Describe a time you led the response to a large-scale availability incident.', ''),
    ).toBe('behavioral');
    expect(classifyKind('Tell me about a time you designed a system that failed.', '')).toBe('behavioral');
  });

  it('a decision beats the on-call scene around it', () => {
    expect(
      classifyKind(
        'Imagine you’re on-call and notice a recurring error. How would you decide whether to act immediately or schedule a later fix?',
        '',
      ),
    ).toBe('judgement');
  });

  it('design beats the failures a design question mentions', () => {
    expect(classifyKind('Design a service that stays up during an outage of one region.', '')).toBe(
      'system-design',
    );
  });

  it('reads curly apostrophes and non-breaking hyphens like plain ones', () => {
    expect(classifyKind('You’re on\u2011call and get an alert.', '')).toBe('operational');
    expect(classifyKind('TELL ME ABOUT A TIME you shipped late.', '')).toBe('behavioral');
  });

  it('falls back on the context, then on judgement', () => {
    expect(classifyKind('What motivates you?', 'This behavioural question checks your drive.')).toBe(
      'behavioral',
    );
    expect(classifyKind('Walk through a URL shortener.', 'This tests system-design knowledge.')).toBe(
      'system-design',
    );
    expect(classifyKind('What matters most to you?', 'This checks operational maturity.')).toBe(
      'operational',
    );
    expect(classifyKind('What matters most to you?', 'This checks your values.')).toBe('judgement');
  });

  it('the question wins over a context that says otherwise', () => {
    expect(classifyKind('Design a cache.', 'This behavioural question…')).toBe('system-design');
  });
});
