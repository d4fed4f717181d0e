// Speech through the Web Speech API behind listen mode's Speaker: chunks, a watchdog, late voices, on-device voices first.
import type { Speaker } from '../session/listen';

/** A voice as Settings lists it. */
export interface VoiceChoice {
  uri: string;
  name: string;
  lang: string;
  /** Speaks on the device (works offline); otherwise through a network service. */
  local: boolean;
}

export interface WebSpeaker extends Speaker {
  /** The voices known now (Chrome lists none until `voiceschanged`). */
  voices(): VoiceChoice[];
  /** The voices, once the browser has them, or whatever it has after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<VoiceChoice[]>;
  /** Speaks nothing, from a tap: Safari only lets a page speak after speech began in a user gesture. */
  unlock(): void;
}

/** Longest piece given to the browser at once: Chrome cuts utterances off after about 15 s. */
export const MAX_CHUNK = 200;
/** Time allowed for a chunk beyond its expected length before the watchdog gives up on it. */
const WATCHDOG_SLACK_MS = 5_000;
/** Characters a second at rate 1, on the slow side (watchdog only). */
const SLOW_CHARS_PER_SECOND = 8;
/** Chrome's network voices stop after ~15 s unless nudged: pause and resume this often. */
const KEEP_ALIVE_MS = 10_000;

/**
 * Splits a text into sentences, and sentences longer than `max` at the last space (or comma) before
 * it, so each piece is spoken in one short utterance. Never returns empty pieces.
 */
export function chunkText(text: string, max = MAX_CHUNK): string[] {
  const chunks: string[] = [];
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?;:])\s+/);
  for (let sentence of sentences) {
    while (sentence.length > max) {
      const window = sentence.slice(0, max + 1);
      const cut = Math.max(window.lastIndexOf(', '), window.lastIndexOf(' '));
      const at = cut > max / 2 ? cut + (window[cut] === ',' ? 1 : 0) : max;
      chunks.push(sentence.slice(0, at).trim());
      sentence = sentence.slice(at).trim();
    }
    if (sentence) chunks.push(sentence);
  }
  return chunks;
}

/** The Web Speech API, when the browser has it. */
export function speechSynthesisOrNull(): SpeechSynthesis | null {
  return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined'
    ? speechSynthesis
    : null;
}

function toChoice(v: SpeechSynthesisVoice): VoiceChoice {
  return { uri: v.voiceURI, name: v.name, lang: v.lang, local: v.localService };
}

/**
 * The voice to speak with: the chosen one (unless it needs the network and there is none), else an
 * on-device voice of the page's language, else any on-device voice, else the browser's default.
 */
export function pickVoice<V extends { voiceURI: string; lang: string; localService: boolean }>(
  voices: readonly V[],
  wanted: string,
  lang: string,
  online: boolean,
): V | null {
  const chosen = voices.find((v) => v.voiceURI === wanted);
  if (chosen && (chosen.localService || online)) return chosen;
  const base = lang.toLowerCase().split('-')[0] ?? '';
  const sameLanguage = (v: V) => v.lang.toLowerCase().split(/[-_]/)[0] === base;
  return (
    voices.find((v) => v.localService && v.lang.toLowerCase() === lang.toLowerCase()) ??
    voices.find((v) => v.localService && sameLanguage(v)) ??
    voices.find((v) => v.localService) ??
    (online ? (voices.find(sameLanguage) ?? null) : null)
  );
}

/**
 * Why listen mode must show text instead of speaking, or null when it can speak. Voices are the
 * ones the browser lists once ready; `online` is navigator.onLine.
 */
export function speechProblem(
  hasSpeech: boolean,
  voices: readonly VoiceChoice[],
  online: boolean,
): string | null {
  if (!hasSpeech) return 'This browser cannot read aloud. The text is shown instead, with the same buttons.';
  if (voices.length === 0)
    return 'No voice is installed on this device. The text is shown instead, with the same buttons.';
  if (!online && !voices.some((v) => v.local))
    return 'This device only has network voices, and it is offline. The text is shown instead, with the same buttons.';
  return null;
}

export interface WebSpeakerOptions {
  /** The chosen voice's URI ('' for the app's pick) and the rate, read at each line: Settings may change them. */
  choice: () => { voice: string; rate: number };
  lang?: string;
  online?: () => boolean;
}

/** A Speaker over `speechSynthesis`; only call when speechSynthesisOrNull() is not null. */
export function createWebSpeaker(options: WebSpeakerOptions): WebSpeaker {
  const synth = speechSynthesisOrNull();
  if (!synth) throw new Error('This browser cannot read aloud.');
  const lang = options.lang ?? 'en-US';
  const online = options.online ?? (() => navigator.onLine);
  /** Utterances in flight, held so that Chrome does not collect them and never fire their end. */
  const inFlight = new Set<SpeechSynthesisUtterance>();
  /** Bumped by cancel(): chunks of an older speak() are not started. */
  let generation = 0;

  function voices(): VoiceChoice[] {
    return synth?.getVoices().map(toChoice) ?? [];
  }

  function sayChunk(text: string, voice: SpeechSynthesisVoice | null, rate: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = voice?.lang ?? lang;
      if (voice) u.voice = voice;
      u.rate = rate;
      inFlight.add(u);
      let keepAlive: ReturnType<typeof setInterval> | undefined;
      const finish = (error?: Error) => {
        clearTimeout(watchdog);
        if (keepAlive !== undefined) clearInterval(keepAlive);
        inFlight.delete(u);
        if (error) reject(error);
        else resolve();
      };
      // An utterance that neither ends nor fails (a stuck engine, a dropped end event) must not
      // hold the session: past its expected length it is cancelled and counted as said.
      const expected = (text.length / (SLOW_CHARS_PER_SECOND * rate)) * 1000;
      const watchdog = setTimeout(() => {
        synth?.cancel();
        finish();
      }, expected + WATCHDOG_SLACK_MS);
      u.onend = () => finish();
      u.onerror = (e) => {
        // Cut short by cancel(): what was asked is over, not failed.
        if (e.error === 'interrupted' || e.error === 'canceled') finish();
        else finish(new Error(e.error || 'speech failed'));
      };
      if (voice && !voice.localService) {
        keepAlive = setInterval(() => {
          if (!synth?.speaking) return;
          synth.pause();
          synth.resume();
        }, KEEP_ALIVE_MS);
      }
      synth?.speak(u);
    });
  }

  return {
    voices,
    ready(timeoutMs = 1_500) {
      const now = voices();
      if (now.length > 0) return Promise.resolve(now);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          synth.removeEventListener('voiceschanged', done);
          resolve(voices());
        };
        const timer = setTimeout(done, timeoutMs);
        synth.addEventListener('voiceschanged', done);
      });
    },
    unlock() {
      const u = new SpeechSynthesisUtterance('');
      u.volume = 0;
      synth.speak(u);
    },
    async speak(text) {
      const mine = generation;
      const { voice: wanted, rate } = options.choice();
      const voice = pickVoice(synth.getVoices(), wanted, lang, online());
      for (const chunk of chunkText(text)) {
        if (mine !== generation) return;
        await sayChunk(chunk, voice, rate);
      }
    },
    cancel() {
      generation += 1;
      synth.cancel();
    },
  };
}
