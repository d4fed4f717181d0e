// Which build of Keypoints is running: shown in Settings so a user can tell whether an update took effect.

// Replaced at build time by vite.config.ts (`define`); absent when the code runs outside Vite (Vitest).
declare const __KP_BUILD_LABEL__: string | undefined;

export const BUILD_LABEL: string =
  typeof __KP_BUILD_LABEL__ === 'string' ? __KP_BUILD_LABEL__ : 'development';

export function AppVersion() {
  return (
    <p className="kp-muted kp-version" data-testid="app-version">
      Keypoints version {BUILD_LABEL}
    </p>
  );
}
