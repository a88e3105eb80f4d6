import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '../../../shared/contracts/audit.ts';
import type { Page } from '../../../shared/contracts/common.ts';
import { api } from '../../api/client.ts';

export const auditKeys = {
  record: (entity: string, id: string) => ['audit', entity, id] as const,
};

export function useRecordHistory(entity: string, id: string, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: [...auditKeys.record(entity, id), page, pageSize],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/v1/audit', { query: { entity, id, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
