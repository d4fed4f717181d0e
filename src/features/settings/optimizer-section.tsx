// Settings' "Your own parameters": fitting FSRS to the user's reviews, the fit judged on the newest
// ones, Apply when it predicts them better, Revert to what was in use before.

import { useRef, useState } from 'react';
import { count, errorWords, number, type Settings } from '../../domain';
import type { Evaluation, OptimizeOutcome, SkippedReviews } from '../../domain/optimizer';
import { ROUGH_FIT_REVIEWS } from '../../domain/optimizer';
import { useDb } from '../../hooks/use-db';
import type { ReviewLogSnapshot } from '../../storage/review-log-snapshot';

// Loaded on use: rebuilding schedules brings ts-fsrs, which the Settings screen itself does not need.
const parametersStore = () => import('../../storage/repositories/fsrs-parameters');

import { OptimizerUnavailableError, type OptimizeStage, runInWorker } from './optimizer-client';

type Busy =
  | { kind: 'optimizing'; stage: OptimizeStage }
  | { kind: 'rebuilding'; what: 'apply' | 'revert'; done: number; total: number };

const STAGE_WORDS: Record<OptimizeStage, string> = {
  reading: 'Reading your reviews…',
  loading: 'Loading the optimizer…',
  fitting: 'Fitting parameters to your reviews…',
};

function skippedWords(skipped: SkippedReviews): string | null {
  const total = skipped.rating + skipped.time + skipped.duration;
  if (total === 0) return null;
  const parts = [
    skipped.rating && count(skipped.rating, 'unknown grade'),
    skipped.time && count(skipped.time, 'missing or future time'),
    skipped.duration && count(skipped.duration, 'bad duration'),
  ].filter(Boolean);
  return `${count(total, 'review')} left out (${parts.join(', ')}).`;
}

const figure = (n: number) => (Number.isFinite(n) ? n.toFixed(4) : '–');

function Comparison({ current, candidate }: { current: Evaluation; candidate: Evaluation }) {
  return (
    <table className="kp-optimizer__table">
      <caption>
        Predicting your newest {count(candidate.count, 'review')}, held out of the fit (lower is better)
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Current</th>
          <th scope="col">New</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Log loss</th>
          <td>{figure(current.logLoss)}</td>
          <td>{figure(candidate.logLoss)}</td>
        </tr>
        <tr>
          <th scope="row">RMSE (bins)</th>
          <td>{figure(current.rmseBins)}</td>
          <td>{figure(candidate.rmseBins)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Outcome({ outcome }: { outcome: OptimizeOutcome }) {
  const skipped = skippedWords(outcome.skipped);
  if (outcome.kind === 'too-few') {
    return (
      <>
        <p data-testid="optimizer-result">
          Not enough reviews yet: {count(outcome.needed, 'more review')} on a later day than the card's last
          are needed. The parameters in use stay.
        </p>
        {skipped && <p>{skipped}</p>}
      </>
    );
  }
  return (
    <>
      <Comparison current={outcome.current} candidate={outcome.candidate} />
      <p data-testid="optimizer-result">
        {outcome.better
          ? 'The new parameters predict your newest reviews better.'
          : 'The new parameters do not predict your newest reviews better: the ones in use stay.'}
      </p>
      {outcome.fit === 'partial' && (
        <p>
          Few reviews across days yet: only the first four parameters (a card's first memory) were fitted.
        </p>
      )}
      {outcome.rough && (
        <p>
          Fitted on {count(outcome.reviews, 'review')}: under about {number(ROUGH_FIT_REVIEWS)} the fit is
          rough.
        </p>
      )}
      {skipped && <p>{skipped}</p>}
    </>
  );
}

export function OptimizerSection({ settings }: { settings: Settings }) {
  const db = useDb();
  const [busy, setBusy] = useState<Busy | null>(null);
  const [outcome, setOutcome] = useState<OptimizeOutcome | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // The log the last fit read (about 1.3 MB for 100,000 reviews): Apply and Revert replay from it
  // while it is still the log, instead of reading 100,000 reviews again.
  const snapshot = useRef<ReviewLogSnapshot | null>(null);
  const own = Boolean(settings.fsrsParameters);

  const optimize = async () => {
    setOutcome(null);
    setMessage(null);
    setBusy({ kind: 'optimizing', stage: 'reading' });
    snapshot.current = null;
    try {
      const result = await runInWorker(
        {
          dbName: db.name,
          now: Date.now(),
          dayStartHour: settings.dayStartHour,
          current: settings.fsrsParameters ?? null,
        },
        (stage) => setBusy({ kind: 'optimizing', stage }),
      );
      snapshot.current = result.snapshot;
      setOutcome(result.outcome);
    } catch (e) {
      setMessage({
        text:
          e instanceof OptimizerUnavailableError
            ? e.message
            : errorWords(e, 'The optimizer could not fit your reviews. The parameters in use stay.'),
        error: true,
      });
    } finally {
      setBusy(null);
    }
  };

  const rebuild = async (what: 'apply' | 'revert') => {
    setMessage(null);
    setBusy({ kind: 'rebuilding', what, done: 0, total: 0 });
    const onProgress = (p: { cardsDone: number; cardsTotal: number }) =>
      setBusy({ kind: 'rebuilding', what, done: p.cardsDone, total: p.cardsTotal });
    try {
      const { applyFsrsParameters, revertFsrsParameters } = await parametersStore();
      if (what === 'apply' && outcome?.kind === 'fitted') {
        await applyFsrsParameters(db, outcome.parameters, { onProgress, snapshot: snapshot.current });
        setOutcome(null);
        setMessage({
          text: 'Applied: every schedule was rebuilt from your reviews with the new parameters.',
          error: false,
        });
      } else if (what === 'revert') {
        await revertFsrsParameters(db, { onProgress, snapshot: snapshot.current });
        setMessage({
          text: 'Reverted: every schedule was rebuilt with the previous parameters.',
          error: false,
        });
      }
    } catch (e) {
      setMessage({
        text: errorWords(e, 'The schedules could not be rebuilt. Nothing was changed.'),
        error: true,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="kp-optimizer-title" className="kp-card kp-settings__section">
      <h2 id="kp-optimizer-title">Your own parameters</h2>
      <p data-testid="optimizer-state">
        {own
          ? 'Scheduling with parameters fitted to your reviews.'
          : "Scheduling with FSRS's default parameters."}{' '}
        Optimize fits them to your reviews on this device: the first time, it downloads the optimizer (1.7
        MB), which then works offline.
      </p>
      <div className="kp-settings__actions">
        <button type="button" onClick={() => void optimize()} disabled={busy !== null}>
          Optimize
        </button>
        {settings.revertFsrsParameters && (
          <button type="button" onClick={() => void rebuild('revert')} disabled={busy !== null}>
            Revert to the previous parameters
          </button>
        )}
      </div>
      <div aria-live="polite">
        {busy?.kind === 'optimizing' && (
          <p>
            <progress aria-label="Optimizing" /> {STAGE_WORDS[busy.stage]}
          </p>
        )}
        {busy?.kind === 'rebuilding' && (
          <p>
            <progress aria-label="Rebuilding schedules" max={Math.max(1, busy.total)} value={busy.done} />{' '}
            Rebuilding schedules: {number(busy.done)} of {number(busy.total)} cards.
          </p>
        )}
        {message && (
          <p className={message.error ? 'kp-alert' : undefined} role={message.error ? 'alert' : undefined}>
            {message.text}
          </p>
        )}
      </div>
      {outcome && <Outcome outcome={outcome} />}
      {outcome?.kind === 'fitted' && outcome.better && (
        <button type="button" onClick={() => void rebuild('apply')} disabled={busy !== null}>
          Apply the new parameters
        </button>
      )}
    </section>
  );
}
