import { useTranslation } from 'react-i18next';
import type { AdminArea, Locality } from '../../../shared/contracts/gazetteer.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { GazetteerImportForm } from './GazetteerImportForm.tsx';
import { useAreaList, useLocalityList } from './gazetteer-admin.api.ts';

const levelNames = { 1: 'place.levels.region', 2: 'place.levels.cercle', 3: 'place.levels.commune' } as const;

function levelName(level: number) {
  return levelNames[level as 1 | 2 | 3];
}

/** "Référentiel géographique": import the official files, then look areas and localities up. */
export default function GazetteerPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title={t('gazetteer.title')}>
        <p className="lead">{t('gazetteer.intro')}</p>
      </PageHeader>
      {can(user, 'gazetteer:import') && (
        <section className="panel" aria-labelledby="gazetteer-import">
          <h2 id="gazetteer-import">{t('gazetteer.importTitle')}</h2>
          <GazetteerImportForm />
        </section>
      )}
      <section aria-labelledby="gazetteer-browse">
        <h2 id="gazetteer-browse">{t('gazetteer.browseTitle')}</h2>
        <GazetteerBrowser />
      </section>
    </>
  );
}

function GazetteerBrowser() {
  const { t } = useTranslation();
  const list = useListParams({ filters: { view: 'areas', q: '', level: '', adm: '' } });
  const { view, q, level, adm } = list.filters;
  const showAreas = view !== 'localities';
  const base = { page: list.page, pageSize: list.pageSize, q: q || undefined };
  const areas = useAreaList({ ...base, level: level || undefined }, showAreas);
  const localities = useLocalityList({ ...base, adm: adm || undefined }, !showAreas);
  const result = showAreas ? areas : localities;

  const areaColumns: Column<AdminArea>[] = [
    { key: 'pcode', header: t('gazetteer.columns.pcode'), cell: (a) => <code>{a.pcode}</code> },
    { key: 'name', header: t('gazetteer.columns.name'), cell: (a) => a.name },
    { key: 'level', header: t('gazetteer.columns.level'), cell: (a) => t(levelName(a.level)) },
    { key: 'parent', header: t('gazetteer.columns.parent'), cell: (a) => (a.parentPcode ? `${a.parentName ?? ''} (${a.parentPcode})` : t('common.empty')) },
    { key: 'edition', header: t('gazetteer.columns.edition'), cell: (a) => a.edition },
    { key: 'geometry', header: t('gazetteer.columns.geometry'), cell: (a) => (a.hasGeometry ? t('common.yes') : t('common.no')) },
  ];
  const localityColumns: Column<Locality>[] = [
    { key: 'pcode', header: t('gazetteer.columns.pcode'), cell: (l) => (l.pcode ? <code>{l.pcode}</code> : t('common.empty')) },
    { key: 'name', header: t('gazetteer.columns.name'), cell: (l) => l.name },
    { key: 'kind', header: t('gazetteer.columns.kind'), cell: (l) => t(`place.kinds.${l.kind}`) },
    { key: 'commune', header: t('gazetteer.columns.commune'), cell: (l) => l.adm3Name ?? t('common.empty') },
    { key: 'cercle', header: t('gazetteer.columns.cercle'), cell: (l) => l.adm2Name ?? t('common.empty') },
    { key: 'region', header: t('gazetteer.columns.region'), cell: (l) => l.adm1Name ?? t('common.empty') },
    {
      key: 'coordinates',
      header: t('gazetteer.columns.coordinates'),
      cell: (l) => (l.lat !== null && l.lon !== null ? `${l.lat.toFixed(4)}, ${l.lon.toFixed(4)}` : t('common.empty')),
    },
  ];

  return (
    <>
      <div className="filters" role="search" aria-label={t('list.filters')}>
        <SelectField
          label={t('gazetteer.view')}
          value={view}
          onChange={(event) => list.setFilter('view', event.target.value)}
          options={[
            { value: 'areas', label: t('gazetteer.views.areas') },
            { value: 'localities', label: t('gazetteer.views.localities') },
          ]}
        />
        <SearchField label={t('gazetteer.searchLabel')} value={q} onSearch={(value) => list.setFilter('q', value)} />
        {showAreas ? (
          <SelectField
            label={t('gazetteer.columns.level')}
            value={level}
            onChange={(event) => list.setFilter('level', event.target.value)}
            options={[{ value: '', label: t('gazetteer.allLevels') }, ...([1, 2, 3] as const).map((l) => ({ value: String(l), label: t(levelName(l)) }))]}
          />
        ) : (
          <TextField
            label={t('gazetteer.admFilter')}
            hint={t('gazetteer.admFilterHint')}
            defaultValue={adm}
            key={adm}
            maxLength={20}
            onBlur={(event) => list.setFilter('adm', event.target.value.trim().toUpperCase())}
            onKeyDown={(event) => {
              if (event.key === 'Enter') list.setFilter('adm', event.currentTarget.value.trim().toUpperCase());
            }}
          />
        )}
      </div>
      {result.error ? (
        <ProblemNotice error={result.error} />
      ) : (
        <>
          <ResultCount total={result.data?.total} />
          {result.data && result.data.total === 0 ? (
            <EmptyState title={t('gazetteer.empty')} />
          ) : showAreas ? (
            <DataTable caption={t('gazetteer.areasCaption')} columns={areaColumns} rows={areas.data?.items ?? []} rowKey={(a) => a.pcode} busy={areas.isPlaceholderData} />
          ) : (
            <DataTable caption={t('gazetteer.localitiesCaption')} columns={localityColumns} rows={localities.data?.items ?? []} rowKey={(l) => l.id} busy={localities.isPlaceholderData} />
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
      <p className="muted">{t('gazetteer.attribution')}</p>
    </>
  );
}
