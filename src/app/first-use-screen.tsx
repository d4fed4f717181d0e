// A screen whose code is fetched on first use (src/pwa/first-use.ts): offline before then, it says so.
import { type ComponentType, lazy } from 'react';

/** What such a screen shows when its code cannot load: the app stays as it is, Home and the rest work. */
function NeedsConnection({ title }: { title: string }) {
  return (
    <section aria-labelledby="kp-first-use-title">
      <h1 id="kp-first-use-title">{title}</h1>
      <p role="status">
        {title} needs a connection once: its code is downloaded the first time it opens, then kept for offline
        use. Connect to the internet and open it again.
      </p>
    </section>
  );
}

/**
 * React.lazy for a first-use screen. Where its chunk cannot load (offline before any online visit) the
 * screen shows NeedsConnection instead of failing the whole app. Once the network is back, the next
 * opening tries the chunk again.
 */
export function firstUseScreen<P extends object>(
  title: string,
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const offline = () => <NeedsConnection title={title} />;
  const make = () =>
    lazy(() =>
      load().then(
        (Screen) => ({ default: Screen }),
        () => {
          window.addEventListener('online', () => (Screen = make()), { once: true });
          return { default: offline as ComponentType<P> };
        },
      ),
    );
  let Screen = make();
  return (props: P) => <Screen {...props} />;
}
