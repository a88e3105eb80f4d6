// @vitest-environment happy-dom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.ts';
import '../test/render.tsx';
import { DataTable } from './DataTable.tsx';
import { FilterBar } from './FilterBar.tsx';
import { Pagination } from './Pagination.tsx';
import { useListParams } from './useListParams.ts';

beforeAll(() => initI18n('fr'));

interface Row {
  name: string;
  households: number;
}
const rows: Row[] = [
  { name: 'Ségou', households: 1200 },
  { name: 'Mopti', households: 3400 },
];

let seen = { url: '', query: {} as Record<string, string | number> };

function Harness() {
  const list = useListParams({ filters: { sector: '' }, pageSize: 10, sort: 'name' });
  const location = useLocation();
  seen = { url: location.pathname + location.search, query: list.query };
  return (
    <>
      <button type="button" onClick={() => list.setFilter('sector', 'wash')}>
        filter
      </button>
      <DataTable
        caption="Localités"
        columns={[
          { key: 'name', header: 'Localité', cell: (r) => r.name, sortKey: 'name' },
          { key: 'households', header: 'Ménages', cell: (r) => r.households, sortKey: 'households', numeric: true },
        ]}
        rows={rows}
        rowKey={(r) => r.name}
        sort={list.sort}
        onSort={list.toggleSort}
      />
      <Pagination page={list.page} pageSize={list.pageSize} total={35} onPageChange={list.setPage} />
    </>
  );
}

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Harness />
    </MemoryRouter>,
  );
}

describe('list toolkit', () => {
  it('reads sort, page and filters from the URL and turns them into the API query', () => {
    renderAt('/x?sector=health&page=3&sort=-households');
    expect(seen.query).toEqual({ page: 3, pageSize: 10, sector: 'health', sort: '-households' });
    const table = screen.getByRole('table', { name: 'Localités' });
    expect(within(table).getByRole('columnheader', { name: /Ménages/ }).getAttribute('aria-sort')).toBe('descending');
    expect(within(table).getByRole('columnheader', { name: /Localité/ }).getAttribute('aria-sort')).toBe('none');
    expect(screen.getByText('Page 3 sur 4')).toBeTruthy();
  });

  it('sorts from the column headers, flipping the direction on a second click', () => {
    renderAt('/x?page=2');
    const header = () => screen.getByRole('columnheader', { name: /Ménages/ });
    expect(screen.getByRole('columnheader', { name: /Localité/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    // Sorting anew goes back to the first page.
    expect(seen.url).toBe('/x?sort=households');
    fireEvent.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(seen.url).toBe('/x?sort=-households');
  });

  it('pages forward and back, and a filter change returns to page 1', () => {
    renderAt('/x');
    expect(screen.getByRole('button', { name: /Précédent/ }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /Suivant/ }));
    fireEvent.click(screen.getByRole('button', { name: /Suivant/ }));
    expect(seen.url).toBe('/x?page=3');
    fireEvent.click(screen.getByRole('button', { name: 'filter' }));
    expect(seen.url).toBe('/x?sector=wash');
    expect(seen.query.page).toBe(1);
  });
});

describe('filter bar', () => {
  const screenWidth = (narrow: boolean) =>
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: narrow && query.includes('max-width'), media: query, addEventListener: () => {}, removeEventListener: () => {} }));
  const bar = (
    <FilterBar active={2}>
      <label>
        Région
        <select>
          <option>Mopti</option>
        </select>
      </label>
    </FilterBar>
  );

  it('folds the filters behind "Filtres (n)" on a phone, and unfolds them on demand', () => {
    screenWidth(true);
    render(bar);
    const toggle = screen.getByRole('button', { name: 'Filtres (2)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('search')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(within(screen.getByRole('search', { name: 'Filtres' })).getByLabelText('Région')).toBeTruthy();
  });

  it('shows them as a row on a wider screen, with no button', () => {
    screenWidth(false);
    render(bar);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByRole('search', { name: 'Filtres' })).toBeTruthy();
  });
});
