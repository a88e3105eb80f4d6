import { z } from 'zod';

export const idSchema = z.uuid();
export const idParams = z.object({ id: idSchema });

/** List queries share one shape: `page` from 1, `pageSize` capped so no request can ask for everything. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** RFC 9457 problem details, as every error reaches the client. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
  /** An import refused row by row: the same report a dry run gives, with its errors. */
  report: z.unknown().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A calendar date of the years the platform deals with: year 0 or 9999 would only break date arithmetic and the database. */
export const isoDate = z.iso.date().refine((value) => value >= '1900-01-01' && value <= '2100-12-31', { error: 'date_out_of_range' });
/** Timestamps travel as ISO 8601 strings; repositories convert Date values. */
export const timestamp = z.string();

export const languages = ['fr', 'en'] as const;
export type Language = (typeof languages)[number];

/** Download links name their language: the browser sends its own Accept-Language, not the UI's. */
export const languageQuery = z.object({ lang: z.enum(languages).optional() });

/** What table downloads answer: a workbook, or CSV (plain or HXL-tagged). */
export const tableMediaTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'] as const;

/** `?version=` on a DELETE: a stale version gets 409 instead of deleting someone else's change. */
export const versionQuery = z.object({ version: z.coerce.number().int().optional() });
