import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { type EncodedListUploadResult, listsApi } from '../../../shared/contracts/lists.ts';
import { minKeyLength } from '../../../shared/linkage/pprl/encoder.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type ApiError, call } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import type { PlaceCells } from './encode-list.ts';
import type { WorkerAnswer, WorkerRequest } from './encode.worker.ts';
import { useListsT } from './i18n.ts';
import { useColumnMappings, useProtocol, useRefreshLists } from './lists.api.ts';
import { ListFields, useListFields } from './ListFields.tsx';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

type ReadAnswer = Extract<WorkerAnswer, { type: 'read' }>;
type EncodedAnswer = Extract<WorkerAnswer, { type: 'encoded' }>;
type Failure = Extract<WorkerAnswer, { type: 'failed' }>['code'] | 'worker';
type Phase = 'idle' | 'reading' | 'places' | 'encoding' | 'uploading';

const spreadsheetTypes = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
const placeBatch = 5000;

/** How a place is shown back to the organisation: the most precise name or code its row gave. */
function placeLabel(place: PlaceCells): string {
  return place.localityName ?? place.localityCode ?? place.adm3Name ?? place.adm3Code ?? place.adm2Name ?? place.adm1Name ?? '?';
}

/**
 * The encoded upload, for an organisation that hands over no name (issue 14): the key and the list
 * are read on this device, the households encoded in a worker (encode.worker.ts), and only the
 * `.clk.json` of encodings is sent, with the list's registration. The key lives in this page's
 * memory only: never sent, never stored. Before encoding, the distinct places the list names
 * (nothing personal) are resolved to locality P-codes by the server.
 */
export default function EncodedListPage() {
  const lt = useListsT();
  const format = useFormat();
  const user = useCurrentUser();
  const protocol = useProtocol();
  // The headers the organisation mapped once in its uploads are recognised here too.
  const mappings = useColumnMappings(true);
  const refresh = useRefreshLists();
  const { fields, set, query } = useListFields();
  const ids = { keyFile: useId(), keyText: useId(), file: useId() };
  const worker = useRef<Worker | null>(null);
  const listener = useRef<(answer: WorkerAnswer) => void>(() => {});
  const [keyFromFile, setKeyFromFile] = useState('');
  const [keyPasted, setKeyPasted] = useState('');
  const [read, setRead] = useState<ReadAnswer | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<{ code: Failure; detail?: string } | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [encoded, setEncoded] = useState<EncodedAnswer | null>(null);
  const [result, setResult] = useState<EncodedListUploadResult | null>(null);

  useEffect(() => {
    let created: Worker;
    try {
      created = new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      setFailure({ code: 'worker' });
      return;
    }
    created.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => listener.current(event.data));
    created.addEventListener('error', () => {
      setFailure({ code: 'worker' });
      setPhase('idle');
    });
    worker.current = created;
    return () => {
      created.terminate();
      worker.current = null;
    };
  }, []);

  /** One request to the worker, answered once (its progress reported on the way). */
  function ask(request: WorkerRequest): Promise<WorkerAnswer> {
    return new Promise((resolve) => {
      listener.current = (answer) => {
        if (answer.type === 'progress') setProgress({ done: answer.done, total: answer.total });
        else resolve(answer);
      };
      worker.current?.postMessage(request);
    });
  }

  const keyText = keyPasted.trim() !== '' ? keyPasted : keyFromFile;
  const keyLength = [...keyText.trim()].length;
  const keyTooShort = keyText.trim() !== '' && keyLength < minKeyLength;
  const accepted = protocol.data?.ownAcceptance !== null && protocol.data?.ownAcceptance !== undefined;
  const busy = phase !== 'idle';
  const ready = read !== null && keyLength >= minKeyLength && fields.title.trim().length >= 2 && fields.assistanceDate !== '' && accepted && !busy;

  function forgetResult() {
    setFailure(null);
    setProblem(null);
    setEncoded(null);
    setResult(null);
    setProgress(null);
  }

  async function chooseKeyFile(file: File | null) {
    setKeyFromFile(file ? await file.text() : '');
  }

  async function chooseList(file: File | null) {
    forgetResult();
    setRead(null);
    if (!file || !worker.current) return;
    setPhase('reading');
    const answer = await ask({ type: 'read', file, mappings: mappings.data?.mappings ?? [] });
    setPhase('idle');
    if (answer.type === 'read') setRead(answer);
    else if (answer.type === 'failed') setFailure({ code: answer.code, detail: answer.detail });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || !read) return;
    forgetResult();
    try {
      setPhase('places');
      const pcodes: (string | null)[] = [];
      for (let from = 0; from < read.places.length; from += placeBatch) {
        const places = read.places
          .slice(from, from + placeBatch)
          .map((place) => Object.fromEntries(Object.entries(place).map(([k, v]) => [k, v.slice(0, 200)])));
        const answer = await call(listsApi.resolvePlaces, { body: { places } });
        pcodes.push(...answer.places.map((p) => p.pcode));
      }
      setPhase('encoding');
      const today = new Date().toISOString().slice(0, 10);
      const answer = await ask({ type: 'encode', keyText, pcodes, assistanceDate: fields.assistanceDate, today });
      if (answer.type !== 'encoded') {
        if (answer.type === 'failed') setFailure({ code: answer.code, detail: answer.detail });
        return;
      }
      setEncoded(answer);
      if (answer.households === 0) return;
      setPhase('uploading');
      const file = new File([answer.content], 'liste.clk.json', { type: 'application/json' });
      setResult(await call(listsApi.uploadEncoded, { file, query }));
      refresh();
    } catch (error) {
      setProblem(error as ApiError);
    } finally {
      setPhase('idle');
    }
  }

  if (!can(user, 'list:upload')) return null;
  const leftOut = encoded?.leftOut;
  return (
    <>
      <PageHeader title={lt('encoded.title')}>
        <p className="lead">{lt('encoded.lead')}</p>
      </PageHeader>
      <ListsNav />
      {protocol.data && !accepted && (
        <Notice tone="warning" title={lt('protocolFirst')}>
          <p>
            <Link to="/lists/protocol">{lt('protocolFirstAction')}</Link>
          </p>
        </Notice>
      )}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <section className="panel">
          <h2>{lt('encoded.keyStep')}</h2>
          <p className="field-hint">{lt('encoded.keyIntro')}</p>
          <div className="list-upload-fields">
            <div className="field">
              <div className="field-label">
                <label htmlFor={ids.keyFile}>{lt('encoded.keyFile')}</label>
              </div>
              <input id={ids.keyFile} type="file" disabled={busy} onChange={(event) => void chooseKeyFile(event.target.files?.[0] ?? null)} />
            </div>
            <div className="field">
              <div className="field-label">
                <label htmlFor={ids.keyText}>{lt('encoded.keyText')}</label>
              </div>
              <textarea
                id={ids.keyText}
                rows={2}
                value={keyPasted}
                disabled={busy}
                autoComplete="off"
                autoCorrect="off"
                autoCapitalize="off"
                spellCheck={false}
                onChange={(event) => setKeyPasted(event.target.value)}
              />
            </div>
          </div>
          {keyTooShort ? (
            <p className="field-error">{lt('encoded.keyShort', { min: minKeyLength })}</p>
          ) : (
            keyLength > 0 && <p className="muted">{lt('encoded.keyRead', { count: keyLength })}</p>
          )}
        </section>
        <section className="panel">
          <h2>{lt('encoded.fileStep')}</h2>
          <p className="field-hint">{lt('encoded.fileIntro')}</p>
          <div className="field">
            <div className="field-label">
              <label htmlFor={ids.file}>{lt('encoded.file')}</label>
            </div>
            <input id={ids.file} type="file" accept={spreadsheetTypes} disabled={busy} onChange={(event) => void chooseList(event.target.files?.[0] ?? null)} />
          </div>
          {phase === 'reading' && <p aria-live="polite">{lt('encoded.reading')}</p>}
          {read && (
            <div className="encoded-columns" data-rows={read.rows}>
              <p>
                <strong>{lt('encoded.read', { count: read.rows, formatted: format.number(read.rows) })}</strong>
                {read.sheet && <span className="muted"> — {lt('encoded.sheet', { sheet: read.sheet })}</span>}
              </p>
              <p>{lt('encoded.columns', { columns: format.list(read.columns.map((c) => `${c.header} (${c.letter})`)) })}</p>
              {read.unknownColumns.length > 0 && <p className="muted">{lt('encoded.unknownColumns', { columns: format.list(read.unknownColumns) })}</p>}
            </div>
          )}
        </section>
        <section className="panel">
          <h2>{lt('encoded.fieldsStep')}</h2>
          <ListFields fields={fields} set={set} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={!ready}>
              {lt('encoded.submit')}
            </button>
          </div>
        </section>
      </form>
      <div aria-live="polite">
        {(phase === 'places' || phase === 'encoding' || phase === 'uploading') && (
          <div className="import-progress">
            <progress
              max={progress?.total || 1}
              value={phase === 'encoding' ? (progress?.done ?? 0) : phase === 'uploading' ? (progress?.total ?? 1) : undefined}
              aria-label={lt(`encoded.${phase}`)}
            />
            <span>
              {phase === 'encoding' && progress
                ? lt('encoded.progress', { done: format.number(progress.done), total: format.number(progress.total) })
                : lt(`encoded.${phase}`)}
            </span>
          </div>
        )}
        {failure && <Notice tone="error" title={lt(`encoded.errors.${failure.code}`, { min: minKeyLength, detail: failure.detail ?? '' })} />}
        {problem && <ProblemNotice error={problem} />}
        {encoded && (
          <p className="muted" data-encoding-ms={Math.round(encoded.encodingMs)}>
            {lt('encoded.encodedIn', {
              count: encoded.households,
              formatted: format.number(encoded.households),
              seconds: format.number(Math.round(encoded.encodingMs / 100) / 10),
              fingerprint: encoded.keyFingerprint,
            })}
          </p>
        )}
        {encoded && encoded.households === 0 && <Notice tone="error" title={lt('encoded.nothingToSend')} />}
        {result && (
          <Notice
            tone="success"
            title={
              result.alreadyUploaded
                ? lt('encoded.already', { code: result.list.code })
                : lt('encoded.received', { count: result.households, formatted: format.number(result.households), code: result.list.code })
            }
            actions={<Link to={`/lists/${result.list.id}`}>{lt('encoded.openList')}</Link>}
          />
        )}
        {leftOut && read && (leftOut.places.length > 0 || leftOut.noPlace > 0 || leftOut.futureDate > 0) && (
          <Notice tone="warning" title={leftOut.places.length > 0 ? lt('encoded.placesNotFound') : undefined}>
            {leftOut.places.length > 0 && (
              <ul>
                {leftOut.places.map(({ place, rows }) => (
                  <li key={place}>{lt('encoded.placeRows', { place: placeLabel(read.places[place] ?? {}), count: rows, formatted: format.number(rows) })}</li>
                ))}
              </ul>
            )}
            {leftOut.noPlace > 0 && <p>{lt('encoded.noPlace', { count: leftOut.noPlace, formatted: format.number(leftOut.noPlace) })}</p>}
            {leftOut.futureDate > 0 && <p>{lt('encoded.futureDate', { count: leftOut.futureDate, formatted: format.number(leftOut.futureDate) })}</p>}
          </Notice>
        )}
      </div>
    </>
  );
}
