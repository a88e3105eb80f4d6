import { useId, useState } from 'react';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { usePackagesT } from './i18n.ts';
import { usePackageLabels } from './labels.tsx';
import { methodAttachmentUrl, useAttachMethodFile, useMethodAttachments, useRemoveMethodAttachment } from './packages.api.ts';

/** The PDFs of a method version: download for every reader, attach and remove for those who may change them now. */
export function MethodAttachments({ methodId }: { methodId: string }) {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const headingId = useId();
  const fileId = useId();
  const list = useMethodAttachments(methodId);
  const attach = useAttachMethodFile(methodId);
  const remove = useRemoveMethodAttachment(methodId);
  const [message, setMessage] = useState<string | null>(null);
  const sizeOf = (bytes: number) =>
    bytes >= 1024 * 1024
      ? pt('attachments.sizeMb', { n: labels.number(Math.round((bytes / 1024 / 1024) * 10) / 10) })
      : pt('attachments.sizeKb', { n: labels.number(Math.max(1, Math.round(bytes / 1024))) });
  const data = list.data;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{pt('attachments.title')}</h2>
      {message && <Notice tone="success" title={message} />}
      {list.error && <ProblemNotice error={list.error} />}
      {attach.error && <ProblemNotice error={attach.error} />}
      {remove.error && <ProblemNotice error={remove.error} />}
      {data && data.items.length === 0 && <p className="muted">{pt('attachments.none')}</p>}
      {data && data.items.length > 0 && (
        <ul className="method-attachments">
          {data.items.map((a) => (
            <li key={a.id}>
              <a href={methodAttachmentUrl(methodId, a.id)} download>
                {a.fileName}
              </a>{' '}
              <span className="muted">
                {a.uploadedBy
                  ? pt('attachments.metaBy', { size: sizeOf(a.size), date: labels.date(a.uploadedAt), name: a.uploadedBy })
                  : pt('attachments.meta', { size: sizeOf(a.size), date: labels.date(a.uploadedAt) })}
              </span>
              {data.canChange && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link-button link-danger"
                    aria-label={pt('attachments.removeName', { name: a.fileName })}
                    disabled={remove.isPending}
                    onClick={() => {
                      setMessage(null);
                      remove.mutate(a.id, { onSuccess: () => setMessage(pt('attachments.removed')) });
                    }}
                  >
                    {pt('attachments.remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {data?.canChange && (
        <div className="field">
          <div className="field-label">
            <label htmlFor={fileId}>{pt('attachments.add')}</label>
          </div>
          <p className="field-hint">{pt('attachments.hint', { max: data.maxMegabytes })}</p>
          <input
            id={fileId}
            type="file"
            accept="application/pdf,.pdf"
            disabled={attach.isPending}
            onChange={(event) => {
              const file = event.target.files?.[0];
              setMessage(null);
              remove.reset();
              if (file) attach.mutate(file, { onSuccess: (created) => setMessage(pt('attachments.added', { name: created.fileName })) });
              event.target.value = '';
            }}
          />
        </div>
      )}
    </section>
  );
}
