// Reads the app's IndexedDB from a page with the native API, so a spec checks what is stored, not what is shown.
import type { Page } from '@playwright/test';

/** Rows of one object store of the 'keypoints' database; [] when the database does not exist yet. */
export function readStore<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        // No version: open whatever version is there, never upgrade it under the app's feet.
        const request = indexedDB.open('keypoints');
        request.onupgradeneeded = () => {
          // The database did not exist: do not create it for the app.
          request.transaction?.abort();
        };
        request.onerror = () => {
          if (request.error?.name === 'AbortError') resolve([]);
          else reject(request.error);
        };
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const rows = db.transaction(name, 'readonly').objectStore(name).getAll();
          rows.onsuccess = () => {
            db.close();
            resolve(rows.result as T[]);
          };
          rows.onerror = () => {
            db.close();
            reject(rows.error);
          };
        };
      }),
    store,
  );
}

/** How many reviews (grades) the device has stored, in every deck. */
export async function readReviewCount(page: Page): Promise<number> {
  return (await readStore(page, 'reviews')).length;
}
