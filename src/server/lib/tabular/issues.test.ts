import { describe, expect, it } from 'vitest';
import { IssueList } from './issues.ts';

describe('import issue list', () => {
  it('lists file issues first, then row issues in the file’s order whatever order the checks found them in', () => {
    const list = new IssueList('fr', 100);
    const issue = (row: number, code: 'required' | 'period_locked') => list.add({ row, column: null, header: null, value: null, code, severity: 'error' });
    issue(7, 'required');
    issue(3, 'required');
    list.file('file_empty');
    issue(5, 'period_locked');
    issue(3, 'period_locked');
    expect(list.list().map((i) => [i.row, i.code])).toEqual([
      [null, 'file_empty'],
      [3, 'required'],
      [3, 'period_locked'],
      [5, 'period_locked'],
      [7, 'required'],
    ]);
  });
});
