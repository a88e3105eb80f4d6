/**
 * The delimiter of a CSV file, told from its first lines: pure, so that the server's reader and
 * the browser's (a list encoded on the device) read the same file the same way.
 */
export type CsvDelimiter = ',' | ';' | '\t';
const delimiters: readonly CsvDelimiter[] = [',', ';', '\t'];

/** Excel writes "sep=;" as a first line to say which delimiter follows. */
const separatorLine = /^sep=(.)\r?\n/i;

/**
 * The delimiter among `,` `;` and tab: the one that splits the first lines into the same number
 * of fields most consistently. Decimal commas in a `;` file vary from line to line; the `;` count
 * does not. Quoted text is skipped. With no delimiter at all (one column), `,`.
 */
export function sniffDelimiter(sample: string): { delimiter: CsvDelimiter; separatorLine: boolean } {
  const declared = separatorLine.exec(sample);
  if (declared && delimiters.includes(declared[1] as CsvDelimiter)) return { delimiter: declared[1] as CsvDelimiter, separatorLine: true };

  const counts = new Map<CsvDelimiter, number[]>(delimiters.map((d) => [d, []]));
  let line = new Map<string, number>();
  let inQuotes = false;
  let lines = 0;
  const endLine = () => {
    if (line.size > 0 || lines > 0) for (const d of delimiters) counts.get(d)!.push(line.get(d) ?? 0);
    line = new Map();
    lines++;
  };
  for (const char of sample) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && char === '\n') {
      endLine();
      if (lines >= 30) break;
    } else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) line.set(char, (line.get(char) ?? 0) + 1);
  }
  if (lines < 30) endLine();

  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: 0 };
  for (const d of delimiters) {
    const perLine = counts.get(d)!.filter((n) => n > 0);
    if (perLine.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of perLine) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const [, modeLines] = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = modeLines / counts.get(d)!.length;
    if (score > best.score) best = { delimiter: d, score };
  }
  return { delimiter: best.delimiter, separatorLine: false };
}
