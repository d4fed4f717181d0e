// Speech helpers: chunks short enough for Chrome, the voice picked (on-device first), and when to show text instead.
import { describe, expect, it } from 'vitest';
import { chunkText, MAX_CHUNK, pickVoice, speechProblem } from '../../src/components/speech';

const voice = (voiceURI: string, lang: string, localService: boolean) => ({ voiceURI, lang, localService });

describe('speech', () => {
  it('speaks a sentence at a time, and cuts a long sentence at a space before 200 characters', () => {
    expect(chunkText('  One.  Two?\nThree!  ')).toEqual(['One.', 'Two?', 'Three!']);
    const long = `${'word '.repeat(100)}end.`;
    const chunks = chunkText(long);
    expect(chunks.every((c) => c.length <= MAX_CHUNK && c.length > 0)).toBe(true);
    expect(chunks.join(' ')).toBe(long.trim());
    // No space to cut at: cut at the limit rather than never.
    expect(chunkText('x'.repeat(450)).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunkText('   ')).toEqual([]);
  });

  it('picks the chosen voice, else an on-device voice of the language; a network voice only online', () => {
    const net = voice('net-en', 'en-US', false);
    const localFr = voice('local-fr', 'fr-FR', true);
    const localEnGb = voice('local-gb', 'en_GB', true);
    expect(pickVoice([net, localFr, localEnGb], 'net-en', 'en-US', true)).toBe(net);
    expect(pickVoice([net, localFr, localEnGb], 'net-en', 'en-US', false)).toBe(localEnGb);
    expect(pickVoice([net, localFr, localEnGb], '', 'en-US', true)).toBe(localEnGb);
    expect(pickVoice([net, localFr], '', 'en-US', true)).toBe(localFr);
    expect(pickVoice([net], '', 'en-US', true)).toBe(net);
    expect(pickVoice([net], '', 'en-US', false)).toBeNull();
  });

  it('shows the text instead when there is no speech, no voice, or only network voices offline', () => {
    const local = { uri: 'a', name: 'A', lang: 'en-US', local: true };
    const network = { ...local, local: false };
    expect(speechProblem(false, [], true)).toMatch(/cannot read aloud/);
    expect(speechProblem(true, [], true)).toMatch(/No voice/);
    expect(speechProblem(true, [network], false)).toMatch(/only has network voices, and it is offline/);
    expect(speechProblem(true, [network], true)).toBeNull();
    expect(speechProblem(true, [network, local], false)).toBeNull();
  });
});
