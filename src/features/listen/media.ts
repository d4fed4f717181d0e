// What keeps listen mode going with the screen off: a silent looping sound (media keys and the lock screen only
// work while media plays), Media Session metadata and actions, and a screen Wake Lock where the browser has one.
import type { MediaAction } from '../../session/listen';

export interface MediaControls {
  /** Call from the tap that starts listening: browsers only play sound after one. */
  start(): void;
  /** The card being read (title) and its deck (album); whether the session is playing or paused. */
  show(meta: { title: string; album: string } | null, playing: boolean): void;
  /** Stops the sound, lets go of the keys and of the Wake Lock. */
  stop(): void;
}

const ACTIONS: readonly MediaAction[] = ['play', 'pause', 'nexttrack', 'previoustrack', 'stop'];

export function createMediaControls(onAction: (action: MediaAction) => void): MediaControls {
  const session =
    typeof navigator !== 'undefined' && 'mediaSession' in navigator ? navigator.mediaSession : null;
  let audio: HTMLAudioElement | null = null;
  let lock: WakeLockSentinel | null = null;
  let active = false;

  async function holdScreen(): Promise<void> {
    if (!active || lock || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    try {
      lock = await navigator.wakeLock.request('screen');
      lock.addEventListener('release', () => {
        lock = null;
      });
      // Stopped while the request was pending.
      if (!active) void lock.release();
    } catch {
      // Refused (battery saver, no permission): listening goes on, the screen may sleep.
    }
  }

  // The browser lets go of a Wake Lock whenever the page is hidden: ask again on return.
  const onVisibility = () => void holdScreen();

  return {
    start() {
      if (active) return;
      active = true;
      audio = new Audio(`${import.meta.env.BASE_URL}silence.wav`);
      audio.loop = true;
      audio.play().catch(() => {
        // No sound allowed: the screen's buttons still work; only the headset keys may not.
      });
      if (session) {
        for (const action of ACTIONS) {
          try {
            session.setActionHandler(action, () => onAction(action));
          } catch {
            // An action this browser does not know.
          }
        }
      }
      document.addEventListener('visibilitychange', onVisibility);
      void holdScreen();
    },
    show(meta, playing) {
      if (!session || !active) return;
      session.metadata = meta
        ? new MediaMetadata({ title: meta.title, album: meta.album, artist: 'Keypoints' })
        : null;
      session.playbackState = playing ? 'playing' : 'paused';
    },
    stop() {
      if (!active) return;
      active = false;
      if (audio) {
        audio.pause();
        audio.removeAttribute('src');
        audio.load();
        audio = null;
      }
      if (session) {
        for (const action of ACTIONS) {
          try {
            session.setActionHandler(action, null);
          } catch {
            // As above.
          }
        }
        session.metadata = null;
        session.playbackState = 'none';
      }
      document.removeEventListener('visibilitychange', onVisibility);
      void lock?.release().catch(() => undefined);
      lock = null;
    },
  };
}
