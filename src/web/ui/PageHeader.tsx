import type { ReactNode } from 'react';
import { useDocumentTitle } from './useDocumentTitle.ts';

interface PageHeaderProps {
  title: string;
  /** Shown above the title, e.g. a link back to the list. */
  back?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

/** The page's one `h1`, which also names the browser tab. */
export function PageHeader({ title, back, actions, children }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      {back && <div className="page-back">{back}</div>}
      <div className="page-header-row">
        <div className="page-title">
          <h1>{title}</h1>
          {children}
        </div>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </div>
  );
}
