import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A link or button that gets the reader out of the empty state. */
  action?: ReactNode;
  /** `h2` inside a page; `h1` when the empty state is the whole page. */
  headingLevel?: 1 | 2;
}

export function EmptyState({ title, children, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className="empty-state">
      <svg className="empty-state-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M14 26h8l2 4h0l2-4h8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        <path d="M16 18h16" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <Heading className="empty-state-title">{title}</Heading>
      {children && <div className="empty-state-text">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
