// The database the screens read and write, provided once by the app (tests provide their own).
import { createContext, useContext } from 'react';
import type { KeypointsDb } from '../storage/db';

export const DbContext = createContext<KeypointsDb | null>(null);

export function useDb(): KeypointsDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb must be used inside <DbContext.Provider>');
  return db;
}
