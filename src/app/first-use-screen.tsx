// A screen whose code is fetched on first use (src/pwa/first-use.ts): offline before then, it says so.
import { type ComponentType, lazy } from 'react';
import { useOnline } from '../pwa/online';

/**
 * What such a screen shows when its code cannot load: the app stays as it is, Home and the rest work.
 * The browser keeps a failed module import as failed for the page's life, so once connected a reload
 * (safe here: no card is in progress on this screen) is what fetches it.
 */
function NeedsConnection({ title }: { title: string }) {
  // Online again (or the connection dropped only while the code was on its way): one reload fetches it.
  const online = useOnline();
  return (
    <section aria-labelledby="kp-first-use-title">
      <h1 id="kp-first-use-title">{title}</h1>
      <p role="status">
        {online
          ? `${title} could not be downloaded while the connection was away. You are online now: reload to open it.`
          : `${title} needs a connection once: its code is downloaded the first time it opens, then kept for offline use. Connect to the internet, then reload.`}
      </p>
      <button type="button" className="kp-button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </section>
  );
}

/**
 * React.lazy for a first-use screen: where its chunk cannot load (offline before any online visit) the
 * screen shows NeedsConnection instead of failing the whole app.
 */
export function firstUseScreen<P extends object>(
  title: string,
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const offline = () => <NeedsConnection title={title} />;
  return lazy(() =>
    load().then(
      (Screen) => ({ default: Screen }),
      () => ({ default: offline as ComponentType<P> }),
    ),
  );
}
