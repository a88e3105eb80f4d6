import type { Language } from '../../../shared/contracts/common.ts';
import { type ColumnSpec, optionLabel } from '../../../shared/tabular/columns.ts';

const booleanWords: Record<Language, [string, string]> = { fr: ['oui', 'non'], en: ['yes', 'no'] };

export function booleanLabels(language: Language): readonly [string, string] {
  return booleanWords[language];
}

/**
 * A row value as a spreadsheet cell: numbers stay numbers, dates stay ISO strings (each writer
 * makes them real dates or text), enumerations become their label in the export's language,
 * lists their items joined by "; ". Everything else is text.
 */
export function exportValue(spec: ColumnSpec, value: unknown, language: Language): string | number | null {
  if (value === null || value === undefined) return null;
  switch (spec.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return booleanWords[language][value ? 0 : 1];
    case 'enum':
      return optionLabel(spec, String(value), language);
    case 'list': {
      const items = (Array.isArray(value) ? value : [value]).map((item) => (spec.options ? optionLabel(spec, String(item), language) : String(item)));
      return items.length > 0 ? items.join('; ') : null;
    }
    case 'date':
    case 'text':
      return String(value);
  }
}

/** A width that shows the header and typical values without wrapping, in characters. */
export function columnWidth(spec: ColumnSpec, language: Language): number {
  if (spec.width !== undefined) return spec.width;
  const header = Math.max(spec.header[language].length, spec.hxl?.length ?? 0) + 2;
  const content =
    spec.type === 'date' || spec.type === 'integer' || spec.type === 'number' || spec.type === 'boolean'
      ? 12
      : spec.type === 'enum'
        ? Math.max(...spec.options.map((o) => o.label[language].length)) + 4
        : 20;
  return Math.min(50, Math.max(header, content));
}
