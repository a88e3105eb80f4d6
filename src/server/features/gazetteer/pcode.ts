/**
 * P-codes as OCHA CODs write them: the country's letters then digits, hierarchical (ML05 Mopti,
 * ML0501 Mopti cercle, ML050109 Mopti commune). geoBoundaries' ISO codes (ML-5) pass too.
 */
const pcodePattern = /^[A-Z]{2,3}-?\d{1,15}$/;

/** What a person typed or a file held, as the gazetteer stores it. */
export function normalisePcode(value: string): string {
  return value.trim().toUpperCase();
}

export function isPcode(value: string): boolean {
  return pcodePattern.test(value);
}

/** A search text that is a P-code (prefix) rather than a name: "ML05", "ml0501". */
export function looksLikePcode(text: string): boolean {
  return /^[A-Za-z]{2,3}-?\d/.test(text.trim());
}
