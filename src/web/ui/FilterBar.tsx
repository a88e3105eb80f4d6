import { type ReactNode, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useUiT } from './messages.ts';

/** Phones: the width under which the filters fold behind a button (the tables become cards there too). */
const narrowQuery = '(max-width: 640px)';

function subscribe(onChange: () => void) {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(narrowQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(narrowQuery).matches;
}

/**
 * A list's filters. On a phone they fold behind one button, "Filtres (n)" with the number of
 * filters in force, so the list starts on the first screen; on a wider screen they show as a row.
 */
export function FilterBar({ active, className, label, children }: { active: number; className?: string; label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const ut = useUiT();
  const narrow = useSyncExternalStore(subscribe, isNarrow, () => false);
  const [open, setOpen] = useState(false);
  const id = useId();
  const bar = (
    <div id={id} className={['filters', className].filter(Boolean).join(' ')} role="search" aria-label={label ?? t('list.filters')} hidden={narrow && !open}>
      {children}
    </div>
  );
  if (!narrow) return bar;
  return (
    <>
      <button type="button" className="button button-secondary filters-toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {ut('filtersToggle', { count: active })}
      </button>
      {bar}
    </>
  );
}
