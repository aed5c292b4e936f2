import { createContext, useContext } from 'react';
import type { PlaybackDriver } from './driver.ts';

export const DriverContext = createContext<PlaybackDriver | null>(null);

export function useDriver(): PlaybackDriver {
  const driver = useContext(DriverContext);
  if (!driver) throw new Error('useDriver: wrap the canvas in <DriverContext.Provider>');
  return driver;
}
