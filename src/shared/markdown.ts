import MarkdownIt from 'markdown-it';

/**
 * Minutes notes are Markdown written by meeting participants. Raw HTML is off (markdown-it's
 * safe default: it is escaped, never passed through), links with javascript:, vbscript:, file:
 * or data: schemes are refused by markdown-it's link check, and images are off too: a note
 * must not make every reader's browser fetch an outside address. The same parser feeds the web
 * page (HTML) and the minutes PDF (tokens).
 */
export const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }).disable(['image']);

const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Notes as HTML that is safe to put in a page. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
