import { markdown } from '../../shared/markdown.ts';

/** The ink and muted text colours of every Relais PDF (minutes, handover dossiers, the protocol). */
const ink = '#1f2933';
const muted = '#52606d';

type Token = ReturnType<typeof markdown.parse>[number];

/** Characters of Windows-1252, the encoding of the PDF's built-in Helvetica. */
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text Helvetica can draw: Intl's narrow spaces become no-break spaces, a minus sign a hyphen, and
 * anything outside Windows-1252 (emoji, other scripts) a question mark instead of garbage.
 */
export function printable(text: string): string {
  return [...text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/\u2212/g, '-')]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '\n' || c === '\t') return c;
      return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(c) ? c : '?';
    })
    .join('');
}

interface Span {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
}

function fontOf(span: Pick<Span, 'bold' | 'italic' | 'code'>): string {
  if (span.code) return 'Courier';
  if (span.bold && span.italic) return 'Helvetica-BoldOblique';
  if (span.bold) return 'Helvetica-Bold';
  if (span.italic) return 'Helvetica-Oblique';
  return 'Helvetica';
}

/** The inline tokens of one Markdown block as styled spans; a link shows its text and its address. */
function spansOf(inline: Token): Span[] {
  const spans: Span[] = [];
  let bold = 0;
  let italic = 0;
  let href: string | null = null;
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open':
        href = String(child.attrGet('href') ?? '') || null;
        break;
      case 'link_close':
        if (href && !spans.at(-1)?.text.includes(href)) spans.push({ text: ` (${href})`, bold: false, italic: false, code: false });
        href = null;
        break;
      case 'softbreak':
      case 'hardbreak':
        spans.push({ text: '\n', bold: false, italic: false, code: false });
        break;
      case 'code_inline':
        spans.push({ text: child.content, bold: false, italic: false, code: true });
        break;
      case 'text':
        spans.push({ text: child.content, bold: bold > 0, italic: italic > 0, code: false });
        break;
      default:
        if (child.content) spans.push({ text: child.content, bold: bold > 0, italic: italic > 0, code: false });
    }
  }
  return spans;
}

/** Renders Markdown notes as PDF text: paragraphs, headings, lists, quotes, code; never raw HTML (it is off). */
export function drawMarkdown(doc: PDFKit.PDFDocument, source: string, x: number, width: number) {
  const tokens = markdown.parse(source, {});
  const lists: { ordered: boolean; next: number }[] = [];
  let heading = 0;
  let quote = 0;
  let marker: string | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 0 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) doc.moveDown(0.3);
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        marker = list.ordered ? `${list.next++}.` : '•';
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'hr':
        doc
          .moveTo(x, doc.y + 3)
          .lineTo(x + width, doc.y + 3)
          .lineWidth(0.5)
          .strokeColor('#cbd2d9')
          .stroke();
        doc.moveDown(0.6);
        break;
      case 'fence':
      case 'code_block':
        doc
          .font('Courier')
          .fontSize(8.5)
          .fillColor(ink)
          .text(printable(token.content.replace(/\n$/, '')), x + 10, doc.y, { width: width - 10 });
        doc.moveDown(0.4);
        break;
      case 'inline': {
        const indent = 12 * lists.length + 10 * quote;
        const left = x + indent;
        const size = heading ? Math.max(9.5, 12 - heading) : 9.5;
        // PDFKit starts a new line for an empty continued piece: drop them.
        const spans = spansOf(token).filter((span) => span.text !== '');
        const y = doc.y;
        if (marker) {
          doc
            .font('Helvetica')
            .fontSize(size)
            .fillColor(ink)
            .text(marker, left - 10, y, { width: 10, lineBreak: false });
          marker = null;
        }
        spans.forEach((span, i) => {
          doc
            .font(fontOf({ ...span, bold: span.bold || heading > 0 }))
            .fontSize(size)
            .fillColor(quote ? muted : ink)
            .text(printable(span.text), i === 0 ? left : undefined, i === 0 ? y : undefined, {
              width: width - indent,
              continued: i < spans.length - 1,
              lineGap: 1,
            });
        });
        if (spans.length === 0) doc.text('', left, y);
        doc.moveDown(lists.length ? 0.15 : 0.4);
        break;
      }
      default:
        break;
    }
  }
}
