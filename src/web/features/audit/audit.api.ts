import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi } from '../../../shared/contracts/audit.ts';
import { call } from '../../api/client.ts';

export const auditKeys = {
  record: (entity: string, id: string) => ['audit', entity, id] as const,
};

export function useRecordHistory(entity: string, id: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: [...auditKeys.record(entity, id), page, pageSize],
    queryFn: ({ signal }) => call(auditApi.list, { query: { entity, id, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
