import { useMemo } from 'react';
import { renderMarkdown } from '../../../shared/markdown.ts';

/**
 * Notes written in Markdown, shown as HTML. Safe to insert: markdown-it escapes raw HTML, refuses
 * javascript:/data: links and images are off (src/shared/markdown.ts).
 */
export function MarkdownView({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
