// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BackupFile, BackupStatus } from '../../../shared/contracts/backups.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { adminUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';

describe('backups page', () => {
  it('says when no backup was taken, takes one on request and shows it as the last one', async () => {
    const items: BackupFile[] = [];
    const status = (): BackupStatus => ({ database: 'pglite', everyHours: 24, keep: 7, running: false, last: items[0] ?? null, items: [...items] });
    const api = fakeApi({
      ...meRoute(adminUser),
      'GET /api/v1/admin/backups': () => ({ body: status() }),
      'POST /api/v1/admin/backups': () => {
        items.unshift({ name: 'relais-backup-2026-12-04T22-00-00-000Z.tar.gz', bytes: 5_452_595, takenAt: '2026-12-04T22:00:00.000Z' });
        return { status: 201, body: items[0] };
      },
    });
    await renderApp('/admin/backups');
    expect(await screen.findByText('Aucune sauvegarde n’a encore été prise.')).toBeTruthy();
    expect(screen.getByText(/toutes les 24 heures ; les 7 plus récentes sont gardées/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sauvegarder maintenant' }));
    expect(await screen.findByText('Sauvegarde enregistrée : relais-backup-2026-12-04T22-00-00-000Z.tar.gz.')).toBeTruthy();
    expect(await screen.findByText(/^Prise le .*\(5,2 Mo\)\.$/)).toBeTruthy();
    expect(api.calls('POST', '/api/v1/admin/backups')).toHaveLength(1);
    expect(screen.getByRole('table', { name: 'Sauvegardes gardées, de la plus récente à la plus ancienne' })).toBeTruthy();
  });
});
