import { useSearchParams } from 'react-router';

export interface Sort {
  key: string;
  direction: 'asc' | 'desc';
}

interface ListParamsOptions<F extends string> {
  /** Each filter's default; a filter at its default stays out of the URL. */
  filters: Record<F, string>;
  pageSize?: number;
  /** Default sort, written as in the URL: `name`, or `-name` for descending. */
  sort?: string;
}

/** `name` → ascending by name, `-name` → descending; anything else → none. */
export function parseSort(value: string | null | undefined): Sort | null {
  if (!value) return null;
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  return /^[A-Za-z][\w.]*$/.test(key) ? { key, direction: descending ? 'desc' : 'asc' } : null;
}

function writeSort(sort: Sort): string {
  return sort.direction === 'desc' ? `-${sort.key}` : sort.key;
}

/**
 * Filters, sort and page of a list, kept in the URL so a list can be bookmarked, shared and
 * restored with the back button. `query` is ready to send to a list endpoint.
 */
export function useListParams<F extends string>(options: ListParamsOptions<F>) {
  const [params, setParams] = useSearchParams();
  const { filters: defaults, pageSize = 25, sort: defaultSort } = options;
  const names = Object.keys(defaults) as F[];

  const filters = Object.fromEntries(names.map((name) => [name, params.get(name) ?? defaults[name]])) as Record<F, string>;
  const rawPage = Number(params.get('page'));
  const page = Number.isInteger(rawPage) && rawPage > 0 ? rawPage : 1;
  const sort = parseSort(params.get('sort') ?? defaultSort);

  function update(change: (next: URLSearchParams) => void, replace: boolean) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        change(next);
        return next;
      },
      { replace },
    );
  }

  /** Several filters in one URL change (a second call in the same event would start from the same URL and undo the first). */
  function setFilters(values: Partial<Record<F, string>>) {
    update((next) => {
      for (const [name, value] of Object.entries(values) as [F, string][]) {
        if (value === defaults[name]) next.delete(name);
        else next.set(name, value);
      }
      // A new filter changes what page 3 means.
      next.delete('page');
    }, true);
  }

  function setFilter(name: F, value: string) {
    setFilters({ [name]: value } as Partial<Record<F, string>>);
  }

  function setPage(nextPage: number) {
    update((next) => {
      if (nextPage <= 1) next.delete('page');
      else next.set('page', String(nextPage));
    }, false);
  }

  /** Sorts by `key` ascending, or flips the direction when already sorted by it. */
  function toggleSort(key: string) {
    update((next) => {
      const current = parseSort(next.get('sort') ?? defaultSort);
      const written = writeSort({ key, direction: current?.key === key && current.direction === 'asc' ? 'desc' : 'asc' });
      if (written === defaultSort) next.delete('sort');
      else next.set('sort', written);
      next.delete('page');
    }, true);
  }

  function clearFilters() {
    update((next) => {
      for (const name of names) next.delete(name);
      next.delete('page');
    }, false);
  }

  const query: Record<string, string | number> = { page, pageSize };
  for (const name of names) if (filters[name] !== '') query[name] = filters[name];
  if (sort) query.sort = writeSort(sort);

  /** Filters away from their default (what a folded filter bar counts). */
  const activeFilters = names.filter((name) => filters[name] !== defaults[name]).length;
  const isFiltered = activeFilters > 0;
  return { filters, page, pageSize, sort, query, isFiltered, activeFilters, setFilter, setFilters, setPage, toggleSort, clearFilters };
}
