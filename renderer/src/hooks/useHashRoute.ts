// The current hash route, re-rendering on navigation.
import { useEffect, useState } from 'react';
import { parseHash, type Route } from '../lib/route';

export function useHashRoute(): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseHash(hash);
}
