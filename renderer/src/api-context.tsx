// Hands the Api to every view through React context.
import { createContext, useContext } from 'react';
import type { Api } from '../../shared/api';

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}

/**
 * Bumped each time the connection comes back after a drop: charts reload their history, since
 * samples pushed while the socket was down never reached them.
 */
export const ReconnectEpochContext = createContext(0);
