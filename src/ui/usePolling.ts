import { useEffect } from 'react';

/** Run `fn` now and every `ms` while mounted: the popup follows the page it is about. */
export function usePolling(fn: () => unknown, ms = 1000): void {
  useEffect(() => {
    void fn();
    const timer = setInterval(() => void fn(), ms);
    return () => clearInterval(timer);
  }, [fn, ms]);
}
