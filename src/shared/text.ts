/**
 * The key names are compared by: "Ségou", "SEGOU" and " segou " all give "segou".
 * Apostrophes and dashes become spaces so "Kel-Essouk" matches "kel essouk".
 */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
