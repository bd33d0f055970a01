import type { ReactNode } from 'react';
import type { SettingsSection as Id } from './routes';

/**
 * One section of the settings, the target of a side-navigation link (#id). Its heading takes the focus
 * when she arrives through the navigation (tabIndex -1: focusable by script, not in the tab order).
 */
export function SettingsSection({ id, title, intro, children }: { id: Id; title: string; intro?: string; children: ReactNode }) {
  return (
    <section id={id} className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} tabIndex={-1}>
        {title}
      </h2>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}
