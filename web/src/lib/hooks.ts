import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  data: T | null;
  error: unknown;
}

/**
 * Calls `fetcher` now and then every `intervalMs` after each answer (never two
 * at once). While the tab is hidden it waits, and catches up when shown again.
 */
export function usePolling<T>(fetcher: () => Promise<T>, intervalMs: number): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: null });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waitingForVisible = false;

    const tick = async () => {
      if (document.hidden) {
        waitingForVisible = true;
        return;
      }
      try {
        const data = await fetcherRef.current();
        if (!stopped) setState({ data, error: null });
      } catch (error) {
        if (!stopped) setState((previous) => ({ data: previous.data, error }));
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    };
    const onVisibility = () => {
      if (!document.hidden && waitingForVisible) {
        waitingForVisible = false;
        void tick();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);

  return state;
}

/** The rendered width of an element, kept up to date with a ResizeObserver (measured before the first paint). */
export function useElementWidth(ref: RefObject<HTMLElement>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth || fallback);
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

/** Seconds left until `until` (epoch ms), ticking every second; 0 once passed. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!until) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

/** Sets the tab's title while a screen is shown. */
export function useTitle(...parts: string[]): void {
  const title = [...parts, 'CozyBox'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
