// A live preview for the target editor: a test scrape of the input, debounced while the user
// edits; older replies never overwrite newer ones.
import { useEffect, useRef, useState } from 'react';
import type { TargetInput, TestScrapeResult } from '../../../shared/api';
import { useApi } from '../api-context';
import { errorMessage } from '../lib/error-message';

export interface ScrapePreview {
  result: TestScrapeResult | null;
  error: string | null;
  pending: boolean;
}

export function useScrapePreview(input: TargetInput | null, delayMs = 600): ScrapePreview {
  const api = useApi();
  const [state, setState] = useState<ScrapePreview>({ result: null, error: null, pending: false });
  const seq = useRef(0);
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    const n = ++seq.current;
    if (!key) {
      setState({ result: null, error: null, pending: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      api.testScrape(JSON.parse(key) as TargetInput).then(
        (result) => {
          if (n === seq.current) setState({ result, error: null, pending: false });
        },
        (e: unknown) => {
          if (n === seq.current) setState({ result: null, error: errorMessage(e), pending: false });
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [api, key, delayMs]);
  return state;
}
