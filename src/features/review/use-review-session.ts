// The review screen's view of a study engine: one engine per filter, read with useSyncExternalStore.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Grade } from '../../domain';
import { useDb } from '../../hooks/use-db';
import { requestPersistence } from '../../pwa/persistence';
import { createStudyEngine, type StudyEngine, type StudySnapshot } from '../../session/study-engine';
import type { SessionFilter } from '../../storage/repositories/queries';

export type { Phase, ShownCard, Stage } from '../../session/study-engine';

export interface ReviewSession extends StudySnapshot {
  setNotes: (s: string) => void;
  toggleTick: (i: number) => void;
  toggleFlag: (i: number) => void;
  showAnswer: () => void;
  prepareGrading: () => Promise<void>;
  grade: (rating: Grade) => Promise<void>;
  undo: () => Promise<void>;
  dismissMessage: () => void;
}

// Until the effect has made this screen's engine: one never started, whose commands do nothing.
const idle = createStudyEngine({ db: null as never });
const noSubscription = () => () => undefined;

export function useReviewSession(filter: SessionFilter): ReviewSession {
  const db = useDb();
  const [engine, setEngine] = useState<StudyEngine | null>(null);
  const filterKey = `${filter.levels?.join(',') ?? ''}|${filter.kinds?.join(',') ?? ''}`;

  // The engine lives with the effect (not the render) so that a remount, as StrictMode does, starts afresh.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter's identity changes every render; its key does not.
  useEffect(() => {
    const next = createStudyEngine({ db, filter, requestPersistence });
    setEngine(next);
    void next.start();
    return () => next.dispose();
  }, [db, filterKey]);

  const live = engine ?? idle;
  const snapshot = useSyncExternalStore(engine ? engine.subscribe : noSubscription, live.getSnapshot);
  return {
    ...snapshot,
    setNotes: live.setNotes,
    toggleTick: live.toggleTick,
    toggleFlag: live.toggleFlag,
    showAnswer: live.showAnswer,
    prepareGrading: live.prepareGrading,
    grade: live.grade,
    undo: live.undo,
    dismissMessage: live.dismissMessage,
  };
}
