import { useEffect, useRef, useState } from 'react';
import type { SettingsSection } from './routes';

/** How far below the top of the window a section's heading counts as "being read" (px). */
const READING_LINE = 120;
/** What she does to move around the page herself (the scrolling that follows is hers, not a link's). */
const HER_OWN_MOVES = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

/**
 * The settings section she is reading, so the side navigation can mark it; null while the settings
 * are not shown. The section she went to through the navigation counts until she moves on herself
 * (near the end of the page a section cannot scroll up to the top, and the scroll would otherwise
 * point at the one below); after that, it is the last one whose top has passed the reading line.
 */
export function useSectionInView(sections: readonly SettingsSection[], active: boolean, target: SettingsSection | null): SettingsSection | null {
  const [current, setCurrent] = useState<SettingsSection | null>(null);
  const pinned = useRef(false);

  useEffect(() => {
    if (!active) return;
    pinned.current = target !== null;
    if (target) setCurrent(target);
  }, [active, target]);

  useEffect(() => {
    if (!active) {
      setCurrent(null);
      return;
    }
    let frame = 0;
    const measure = () => {
      frame = 0;
      if (pinned.current) return;
      let seen: SettingsSection | null = sections[0] ?? null;
      for (const s of sections) {
        const top = document.getElementById(s)?.getBoundingClientRect().top;
        if (top !== undefined && top <= READING_LINE) seen = s;
      }
      // Scrolled to the very bottom, the last section may never reach the line: it is the one being read.
      if (window.scrollY > 0 && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) seen = sections[sections.length - 1] ?? seen;
      setCurrent(seen);
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(measure);
    };
    const unpin = () => {
      pinned.current = false;
    };
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    for (const e of HER_OWN_MOVES) window.addEventListener(e, unpin, { passive: true, capture: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      for (const e of HER_OWN_MOVES) window.removeEventListener(e, unpin, { capture: true });
      if (frame) cancelAnimationFrame(frame);
    };
  }, [sections, active]);
  return current;
}
