import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

type Tone = 'info' | 'success' | 'warning' | 'error';

interface NoticeProps {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
}

/** A message box; errors are announced at once (`alert`), the rest politely (`status`). */
export function Notice({ tone = 'info', title, children, actions }: NoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="notice-title">{title}</p>}
      {children && <div className="notice-body">{children}</div>}
      {actions && <div className="notice-actions">{actions}</div>}
    </div>
  );
}

interface ProblemNoticeProps {
  error: unknown;
  actions?: ReactNode;
  /** Replaces the server's title, e.g. with what the reader can do about a known code. */
  children?: ReactNode;
}

/**
 * Shows an API failure as the server worded it in the reader's language; for unexpected
 * errors the request id lets the technical team find it in the logs.
 */
export function ProblemNotice({ error, actions, children }: ProblemNoticeProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error : null;
  const title = problem?.title ?? t('common.unexpectedError');
  return (
    <Notice tone="error" title={title} actions={actions}>
      {children}
      {problem?.code === 'internal' && problem.requestId && (
        <p className="request-id">{t('common.requestId', { id: problem.requestId })}</p>
      )}
    </Notice>
  );
}

/** Announces that the form has errors; each one is written under its field. */
export function FormErrorSummary({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return show ? <Notice tone="error" title={t('validation.summary')} /> : null;
}
