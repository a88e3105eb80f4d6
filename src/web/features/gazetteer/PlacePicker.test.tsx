// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locality } from '../../../shared/contracts/gazetteer.ts';
import { createQueryClient } from '../../api/query-client.ts';
import { initI18n } from '../../i18n/i18n.ts';
import { page } from '../../test/fixtures.ts';
import { fakeApi } from '../../test/fake-api.ts';
import '../../test/render.tsx';
import { type Place, PlacePicker } from './PlacePicker.tsx';

beforeAll(() => initI18n('fr'));

function locality(id: string, name: string, adm3Name: string): Locality {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    name,
    pcode: `ML04010${id}`,
    kind: 'village',
    adm1Pcode: 'ML04',
    adm1Name: 'Ségou',
    adm2Pcode: 'ML0401',
    adm2Name: 'Barouéli',
    adm3Pcode: 'ML040101',
    adm3Name: adm3Name,
    lat: 13.1,
    lon: -6.8,
    version: 1,
  };
}

let chosen: Place | null = null;

function Harness() {
  const [value, setValue] = useState<Place | null>(null);
  chosen = value;
  return <PlacePicker kind="locality" label="Localité d’accueil" within="ML04" value={value} onChange={setValue} />;
}

describe('PlacePicker', () => {
  it('searches localities as one types and picks one with the keyboard', async () => {
    const api = fakeApi({
      'GET /api/v1/localities': (request) => ({
        body: request.query.get('q') === 'seg' ? page([locality('1', 'Ségou-Koura', 'Boidié'), locality('2', 'Ségoubougou', 'Tamani')]) : page([]),
      }),
    });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    const input = screen.getByRole('combobox', { name: 'Localité d’accueil' });
    fireEvent.change(input, { target: { value: 's' } });
    expect(screen.getByText('Tapez au moins 2 lettres ; les accents ne comptent pas.')).toBeTruthy();

    fireEvent.change(input, { target: { value: 'seg' } });
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'Ségou-Koura village · Boidié · Barouéli · Ségou · ML040101',
      'Ségoubougou village · Tamani · Barouéli · Ségou · ML040102',
    ]);
    const search = api.calls('GET', '/api/v1/localities')[0]!;
    expect(search.query.get('q')).toBe('seg');
    expect(search.query.get('adm')).toBe('ML04');
    expect(input.getAttribute('aria-expanded')).toBe('true');

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(input, { key: 'Enter' });

    await waitFor(() => expect(chosen?.name).toBe('Ségoubougou'));
    expect(chosen).toMatchObject({ kind: 'locality', pcode: 'ML040102' });
    expect((input as HTMLInputElement).value).toBe('Ségoubougou');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('says so when nothing matches, and Escape closes the list', async () => {
    fakeApi({ 'GET /api/v1/localities': () => ({ body: page([]) }) });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    const input = screen.getByRole('combobox', { name: 'Localité d’accueil' });
    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(await screen.findByText('Aucun lieu ne correspond.')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Escape' });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect((input as HTMLInputElement).value).toBe('');
    expect(chosen).toBeNull();
  });
});
