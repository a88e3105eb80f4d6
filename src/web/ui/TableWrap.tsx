import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useUiT } from './messages.ts';

interface Edges {
  /** Columns hidden past the left or the right edge. */
  left: boolean;
  right: boolean;
}

/**
 * The scrolling box of a wide table. When columns do not fit, it says so above the table and
 * shades the edge that hides them, and the box can be scrolled from the keyboard: a reader on a
 * laptop or a phone knows there is more than the first columns.
 */
export function TableWrap({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const ut = useUiT();
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ left: false, right: false });

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const left = box.scrollLeft > 1;
      const right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
      setEdges((current) => (current.left === left && current.right === right ? current : { left, right }));
    };
    update();
    box.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(box);
    if (box.firstElementChild) observer?.observe(box.firstElementChild);
    return () => {
      box.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, []);

  const overflowing = edges.left || edges.right;
  const shade = [edges.left && 'more-left', edges.right && 'more-right'].filter(Boolean).join(' ');
  return (
    <div className={['table-scroll', className].filter(Boolean).join(' ')}>
      {overflowing && <p className="scroll-cue">{ut('scrollCue')}</p>}
      <div className={['table-shade', shade].filter(Boolean).join(' ')}>
        <div ref={ref} className="table-wrap" {...(overflowing ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}>
          {children}
        </div>
      </div>
    </div>
  );
}
