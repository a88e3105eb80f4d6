/**
 * HXL hashtags (https://hxlstandard.org): `#adm3 +code`. Tags and attributes are
 * case-insensitive, attributes unordered, and a column carrying extra attributes still matches
 * a pattern (`#adm3+code+v_pcode` is a `#adm3+code`).
 */
export interface HxlTag {
  tag: string;
  /** Sorted, lower case, without duplicates. */
  attributes: string[];
}

const hashtagPattern = /^\s*#([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)\s*$/i;

export function parseHxlTag(text: string): HxlTag | null {
  const match = hashtagPattern.exec(text);
  if (!match) return null;
  const attributes = match[2]!
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== '');
  return { tag: match[1]!.toLowerCase(), attributes: [...new Set(attributes)].sort() };
}

export function formatHxlTag(tag: HxlTag): string {
  return `#${tag.tag}${tag.attributes.map((a) => `+${a}`).join('')}`;
}

/** How many attributes the column has beyond the pattern's, or null when it does not match. */
export function hxlExtraAttributes(pattern: HxlTag, column: HxlTag): number | null {
  if (pattern.tag !== column.tag) return null;
  if (!pattern.attributes.every((a) => column.attributes.includes(a))) return null;
  return column.attributes.length - pattern.attributes.length;
}

/**
 * A row of hashtags: most of its non-empty cells (and at least one) are valid HXL hashtags.
 * A stray "#N/A" is no hashtag, so a data row with Excel errors is not mistaken for one.
 */
export function isHxlRow(cells: readonly (string | null)[]): boolean {
  let filled = 0;
  let tags = 0;
  for (const cell of cells) {
    if (cell === null || cell.trim() === '') continue;
    filled++;
    if (parseHxlTag(cell)) tags++;
  }
  return tags > 0 && tags * 2 > filled;
}
