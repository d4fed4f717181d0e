// The Listen screen's session: a study engine recording grades as listening, read aloud by a Web Speech speaker.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import {
  createWebSpeaker,
  speechProblem,
  speechSynthesisOrNull,
  type WebSpeaker,
} from '../../components/speech';
import { DEFAULT_LISTEN_SETTINGS, type ListenSettings } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { useSettings } from '../../hooks/use-settings';
import { requestPersistence } from '../../pwa/persistence';
import {
  createListenSession,
  type ListenSession,
  type ListenSnapshot,
  type Speaker,
} from '../../session/listen';
import { createStudyEngine, type Timers } from '../../session/study-engine';
import type { SessionFilter } from '../../storage/repositories/queries';

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Where no browser speech is: every line is over at once (the session shows text instead). */
const silent: Speaker = { speak: () => Promise.resolve(), cancel: () => undefined };

export interface ListenScreenSession {
  session: ListenSession | null;
  snapshot: ListenSnapshot | null;
  /** Speaks nothing, from the Start tap, so that the browser lets the page speak afterwards. */
  unlockSpeech: () => void;
}

const noSubscription = () => () => undefined;
const nothing = () => null;

export function useListenSession(filter: SessionFilter): ListenScreenSession {
  const db = useDb();
  const settings = useSettings();
  const listen = useRef<ListenSettings>(DEFAULT_LISTEN_SETTINGS);
  listen.current = settings?.listen ?? DEFAULT_LISTEN_SETTINGS;
  const [session, setSession] = useState<ListenSession | null>(null);
  const speakerRef = useRef<WebSpeaker | null>(null);
  const filterKey = `${filter.levels?.join(',') ?? ''}|${filter.kinds?.join(',') ?? ''}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's identity changes every render; its key does not.
  useEffect(() => {
    let live = true;
    const engine = createStudyEngine({ db, filter, requestPersistence, source: 'listening' });
    // The queue is read while the voices arrive: Start then speaks at once.
    void engine.start();
    void engine.prepareGrading();
    const synth = speechSynthesisOrNull();
    const speaker = synth
      ? createWebSpeaker({ choice: () => ({ voice: listen.current.voice, rate: listen.current.rate }) })
      : null;
    speakerRef.current = speaker;
    let made: ListenSession | null = null;
    void (speaker ? speaker.ready() : Promise.resolve([])).then((voices) => {
      if (!live) return;
      const problem = speechProblem(!!speaker, voices, navigator.onLine);
      made = createListenSession({
        engine,
        speaker: speaker && !problem ? speaker : silent,
        timers: browserTimers,
        now: Date.now,
        textOnly: problem,
      });
      setSession(made);
    });
    return () => {
      live = false;
      made?.dispose();
      speaker?.cancel();
      engine.dispose();
      speakerRef.current = null;
    };
  }, [db, filterKey]);

  const snapshot = useSyncExternalStore(
    session ? session.subscribe : noSubscription,
    session ? session.getSnapshot : nothing,
  );
  return { session, snapshot, unlockSpeech: () => speakerRef.current?.unlock() };
}
