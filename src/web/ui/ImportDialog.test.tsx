// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportIssue, ImportReport } from '../../shared/contracts/import.ts';
import { ApiError } from '../api/client.ts';
import type { ImportUpload } from '../api/imports.ts';
import { createQueryClient } from '../api/query-client.ts';
import { initI18n } from '../i18n/i18n.ts';
import { fakeApi } from '../test/fake-api.ts';
import { importReport as report } from '../test/fixtures.ts';
import '../test/render.tsx';
import { ImportDialog } from './ImportDialog.tsx';

beforeAll(() => initI18n('fr'));

const unknownPlace: ImportIssue = {
  row: 4,
  column: 'locality',
  header: 'Localité',
  value: 'Sevarre',
  code: 'place_did_you_mean',
  params: { value: 'Sevarre', suggestions: '« Sévaré »' },
  severity: 'error',
  message: 'Lieu inconnu : « Sevarre ». Vouliez-vous dire « Sévaré » ?',
  suggestions: ['Sévaré'],
};

const refusedPreview = report({
  valid: 2,
  invalid: 1,
  errors: 1,
  issues: [unknownPlace],
  plan: { create: 1, update: 1, unchanged: 0, refused: 1 },
  outcomes: [
    { row: 3, action: 'create', id: null, label: 'NRC — Santé — Sévaré' },
    { row: 4, action: 'refused', id: null, label: 'NRC — Abris — Sevarre' },
    { row: 5, action: 'update', id: null, label: 'NRC — WASH — Mopti' },
  ],
  canCommit: false,
});

type Upload = (upload: ImportUpload) => Promise<ImportReport>;

function renderDialog(upload: Upload, extra: { onCommitted?: (r: ImportReport) => void; reportsProgress?: boolean } = {}) {
  function Page() {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Importer
        </button>
        <ImportDialog open={open} onClose={() => setOpen(false)} title="Importer des lignes" intro="Un fichier XLSX ou CSV." upload={upload} {...extra} />
      </>
    );
  }
  render(
    <QueryClientProvider client={createQueryClient()}>
      <Page />
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
  return screen.getByRole('dialog', { name: 'Importer des lignes' });
}

function chooseFile(dialog: HTMLElement, name = 'lignes.xlsx') {
  fireEvent.change(within(dialog).getByLabelText('Fichier'), { target: { files: [new File(['x'], name)] } });
}

/** A promise the test settles when it wants: the server "working" in between. */
function pending<T>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

describe('shared import dialog', () => {
  it('previews a refused file row by row, offers the import only after a clean preview, then commits with dryRun=false', async () => {
    const onCommitted = vi.fn();
    const upload = vi.fn<Upload>(async ({ dryRun }) => {
      if (upload.mock.calls.length === 1) return refusedPreview;
      return dryRun ? report() : report({ plan: { create: 2, update: 1, unchanged: 0, refused: 0 } });
    });
    const dialog = renderDialog(upload, { onCommitted });
    const check = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Vérifier le fichier' });
    expect(check.disabled).toBe(true);

    chooseFile(dialog);
    fireEvent.click(check);
    expect(await within(dialog).findByText(/1 ligne est refusée/)).toBeTruthy();
    const issues = within(dialog).getByRole('table', { name: 'Problèmes ligne par ligne' });
    const refusedRow = within(issues).getByText('Sevarre').closest('tr')!;
    expect(within(refusedRow).getByText('4')).toBeTruthy();
    expect(within(refusedRow).getByText('Lieu inconnu : « Sevarre ». Vouliez-vous dire « Sévaré » ?')).toBeTruthy();
    // The message already names the suggestion: no second "did you mean".
    expect(within(refusedRow).queryByText(/Vouliez-vous dire :/)).toBeNull();
    const outcomes = within(dialog).getByRole('table', { name: 'Détail des 3 lignes' });
    expect(within(outcomes).getByText('Refusée')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /^Importer/ })).toBeNull();
    expect(upload.mock.calls.map(([u]) => u.dryRun)).toEqual([true]);

    fireEvent.click(check);
    const commit = await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' });
    expect(within(dialog).getByText(/Le fichier peut être importé \(créations : 2, mises à jour : 1\)/)).toBeTruthy();
    expect(onCommitted).not.toHaveBeenCalled();

    fireEvent.click(commit);
    expect(await within(dialog).findByText('Import terminé (créations : 2, mises à jour : 1, lignes inchangées : 0).')).toBeTruthy();
    expect(upload.mock.calls.map(([u]) => u.dryRun)).toEqual([true, true, false]);
    expect(upload.mock.calls[2]![0].file.name).toBe('lignes.xlsx');
    expect(onCommitted).toHaveBeenCalledTimes(1);
    // Written: nothing left to check or import until another file is chosen.
    expect(within(dialog).queryByRole('button', { name: 'Vérifier le fichier' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: /^Importer les/ })).toBeNull();
  });

  it('folds the template step and brings the result into view once a file is checked', async () => {
    const scrolled: Element[] = [];
    const scrollIntoView = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    function Page() {
      return <ImportDialog open onClose={() => {}} title="Importer des lignes" intro="Un fichier XLSX ou CSV." upload={async () => refusedPreview} template={<a href="/modele.xlsx">Modèle</a>} />;
    }
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Page />
      </QueryClientProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Importer des lignes' });
    const template = within(dialog).getByText('1. Télécharger le modèle').closest('details')!;
    expect(template.open).toBe(true);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    const notice = await within(dialog).findByText(/1 ligne est refusée/);
    expect(template.open).toBe(false);
    expect(scrolled.some((element) => element.contains(notice))).toBe(true);
    scrollIntoView.mockRestore();
  });

  it('says when a file changes nothing, and offers no import', async () => {
    const upload = vi.fn<Upload>(async () => report({ plan: { create: 0, update: 0, unchanged: 3, refused: 0 } }));
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(dialog).findByText(/il n’y a rien à importer/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /^Importer les/ })).toBeNull();
  });

  it('names a file refused as a whole without counting refused rows', async () => {
    const upload = vi.fn<Upload>(async () =>
      report({ rows: 0, valid: 0, invalid: 0, plan: null, outcomes: [], canCommit: false, missingRequiredColumns: [{ key: 'locality', header: 'Localité', hxl: '#loc' }] }),
    );
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(dialog).findByText(/Le fichier ne peut pas être importé/)).toBeTruthy();
    expect(within(dialog).getByText('Colonnes obligatoires absentes : Localité.')).toBeTruthy();
    expect(within(dialog).queryByText(/lignes? (est|sont) refusées?/)).toBeNull();
  });

  it('disables the file and the buttons while the server works, and shows that it works', async () => {
    const preview = pending<ImportReport>();
    const commit = pending<ImportReport>();
    const upload = vi.fn<Upload>(({ dryRun }) => (dryRun ? preview.promise : commit.promise));
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));

    const checking = (await within(dialog).findByRole<HTMLButtonElement>('button', { name: 'Vérification…' }));
    expect(checking.disabled).toBe(true);
    expect((within(dialog).getByLabelText<HTMLInputElement>('Fichier')).disabled).toBe(true);
    expect(within(dialog).getByRole('progressbar', { name: 'Avancement de l’import' })).toBeTruthy();

    preview.settle(report());
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' }));
    const importing = (await within(dialog).findByRole<HTMLButtonElement>('button', { name: 'Import en cours…' }));
    expect(importing.disabled).toBe(true);
    expect((within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Vérifier le fichier' })).disabled).toBe(true);

    commit.settle(report());
    await within(dialog).findByText(/Import terminé/);
    expect(within(dialog).queryByRole('progressbar')).toBeNull();
  });

  it('shows the rows refused at commit and asks for a new check', async () => {
    const stillValid = report();
    const upload = vi.fn<Upload>(async ({ dryRun }) => {
      if (dryRun) return stillValid;
      throw new ApiError({ code: 'import_invalid', title: 'Le fichier n’a pas été importé.', status: 422, report: refusedPreview });
    });
    const onCommitted = vi.fn();
    const dialog = renderDialog(upload, { onCommitted });
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' }));

    expect(await within(dialog).findByText('Le fichier n’a pas été importé.')).toBeTruthy();
    expect(within(within(dialog).getByRole('table', { name: 'Problèmes ligne par ligne' })).getByText('Sevarre')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /^Importer les/ })).toBeNull();
    expect(onCommitted).not.toHaveBeenCalled();
  });

  it('names the row the server refused while writing when it sends no report', async () => {
    const upload = vi.fn<Upload>(async ({ dryRun }) => {
      if (dryRun) return report();
      throw new ApiError({ code: 'import_invalid', title: 'Le fichier n’a pas été importé.', status: 409, detail: '4: Le mois 2026-03 est verrouillé.' });
    });
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' }));
    const notice = await within(dialog).findByRole('alert');
    expect(within(notice).getByText('Le fichier n’a pas été importé.')).toBeTruthy();
    expect(within(notice).getByText('4: Le mois 2026-03 est verrouillé.')).toBeTruthy();
  });

  it('closes on Escape and opens again empty', async () => {
    const upload = vi.fn<Upload>(async () => refusedPreview);
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    await within(dialog).findByText(/1 ligne est refusée/);

    // The browser turns Escape in a modal <dialog> into a cancel event.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(within(dialog).queryByLabelText('Fichier')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    expect(within(dialog).getByLabelText('Fichier')).toBeTruthy();
    expect(within(dialog).queryByText(/refusée/)).toBeNull();
    expect((within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Vérifier le fichier' })).disabled).toBe(true);
  });

  it('discards a check once what is sent along with the file changes', async () => {
    const upload = vi.fn<Upload>(async () => report());
    function Page() {
      const [period, setPeriod] = useState('2026-03');
      return (
        <ImportDialog
          open
          onClose={() => undefined}
          title="Rapport mensuel"
          intro="Le modèle rempli."
          upload={(u) => upload({ ...u, progressKey: period })}
          uploadScope={period}
          template={
            <label>
              Mois
              <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
            </label>
          }
        />
      );
    }
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Page />
      </QueryClientProvider>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Rapport mensuel' });
    expect(within(dialog).getByRole('heading', { name: '1. Télécharger le modèle' })).toBeTruthy();
    expect(within(dialog).getByRole('heading', { name: '2. Envoyer le fichier rempli' })).toBeTruthy();
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' });

    fireEvent.change(within(dialog).getByLabelText('Mois'), { target: { value: '2026-04' } });
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'Importer les 3 lignes' })).toBeNull());
    expect(within(dialog).queryByRole('region', { name: 'Bilan de l’import' })).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' }));
    await within(dialog).findByText(/Import terminé/);
    expect(upload.mock.calls.map(([u]) => [u.dryRun, u.progressKey])).toEqual([
      [true, '2026-03'],
      [true, '2026-04'],
      [false, '2026-04'],
    ]);
  });

  it('gives the focus to the next step when the pressed button goes away', async () => {
    const upload = vi.fn<Upload>(async () => report());
    const dialog = renderDialog(upload);
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    const commit = await within(dialog).findByRole('button', { name: 'Importer les 3 lignes' });
    commit.focus();
    fireEvent.click(commit);
    await within(dialog).findByText(/Import terminé/);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Fermer' })));
  });

  it('follows the server’s progress for endpoints that publish it', async () => {
    const api = fakeApi({ 'GET /api/v1/import-progress/:key': () => ({ body: { stage: 'writing', rowsRead: 1200, rowsWritten: 300, fraction: 0.25 } }) });
    const upload = vi.fn<Upload>(() => new Promise<ImportReport>(() => {}));
    const dialog = renderDialog(upload, { reportsProgress: true });
    chooseFile(dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));

    expect(await within(dialog).findByText('Enregistrement : 300 lignes sur 1 200…')).toBeTruthy();
    expect((within(dialog).getByRole<HTMLProgressElement>('progressbar')).value).toBe(0.25);
    const key = upload.mock.calls[0]![0].progressKey!;
    expect(key).toMatch(/^import-/);
    expect(api.requests[0]!.path).toBe(`/api/v1/import-progress/${key}`);
  });
});
