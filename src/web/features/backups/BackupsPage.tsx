import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type BackupFile, backupsApi } from '../../../shared/contracts/backups.ts';
import { type ApiError, call } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useBackupsT } from './i18n.ts';

const backupsKey = ['admin', 'backups'] as const;

/** The embedded database's backups: when the last one was taken, the ones kept, one more now. */
export default function BackupsPage() {
  const t = useBackupsT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: backupsKey, queryFn: ({ signal }) => call(backupsApi.status, { signal }) });
  const take = useMutation<BackupFile, ApiError>({
    mutationFn: () => call(backupsApi.take, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const size = (bytes: number) => t('size', { size: format.number(Math.round((bytes / 1024 / 1024) * 10) / 10) });
  const columns: Column<BackupFile>[] = [
    { key: 'takenAt', header: t('takenAt'), cell: (f) => format.dateTime(f.takenAt) },
    { key: 'name', header: t('file'), cell: (f) => <code>{f.name}</code> },
    { key: 'bytes', header: t('bytes'), cell: (f) => size(f.bytes), numeric: true },
  ];
  const data = status.data;
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="lead">{t('lead')}</p>
      </PageHeader>
      {status.error && <ProblemNotice error={status.error} />}
      {data?.database === 'postgresql' && <Notice tone="info" title={t('postgresql')} />}
      {data?.database === 'pglite' && (
        <section className="panel" aria-labelledby="backups-last">
          <h2 id="backups-last">{t('last')}</h2>
          {data.last ? (
            <p>{t('lastTaken', { date: format.dateTime(data.last.takenAt), size: size(data.last.bytes) })}</p>
          ) : (
            <Notice tone="warning" title={t('none')} />
          )}
          <p className="muted">{data.everyHours > 0 ? t('schedule', { count: data.everyHours, keep: data.keep }) : t('onRequest', { keep: data.keep })}</p>
          {take.isSuccess && <Notice tone="success" title={t('taken', { name: take.data.name })} />}
          {take.error && <ProblemNotice error={take.error} />}
          <div className="form-actions">
            <button type="button" className="button" disabled={take.isPending || data.running} onClick={() => take.mutate()}>
              {take.isPending || data.running ? t('taking') : t('takeNow')}
            </button>
          </div>
          <p className="field-hint">{t('restore')}</p>
          {data.items.length > 0 && <DataTable caption={t('caption')} columns={columns} rows={data.items} rowKey={(f) => f.name} />}
        </section>
      )}
    </>
  );
}
