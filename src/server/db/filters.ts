/**
 * The one "contains" filter of the repositories: the user's text as a LIKE/ILIKE pattern, its own
 * `%`, `_` and `\` taken literally (PostgreSQL's default escape character is the backslash).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
