// Production builds of the app made by a spec itself, e.g. two versions for the update flow.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * `vite build` of the working tree into `outDir` (absolute, or relative to the repository), labelled
 * `label`: Settings then shows "Keypoints version <label>".
 */
export async function buildApp(outDir: string, label: string): Promise<void> {
  await run(
    join(ROOT, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      env: { ...process.env, KP_BUILD_LABEL: label },
    },
  );
}
