import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/contracts/common.ts';
import type { Meeting } from '../../../shared/contracts/meetings.ts';
import { drawMarkdown, printable } from '../../lib/pdf-text.ts';
import { meetingFormat } from '../../../shared/meeting-text.ts';

const page = { width: 595.28, height: 841.89, margin: 42, footer: 34 };
const colours = { ink: '#1f2933', muted: '#52606d', rule: '#cbd2d9', accent: '#0b5c8a', band: '#eef3f7', draft: '#c0392b', overdue: '#c0392b' };

/**
 * The minutes of a meeting as an A4 PDF: header, participants, each agenda item with what the
 * data showed and the notes taken, decisions, action points as a table; page numbers in the footer.
 * Drafts (not published) say so on every page.
 */
export function renderMinutes(meeting: Meeting, language: Language, generatedAt: Date): Promise<Buffer> {
  const f = meetingFormat(language);
  const w = f.words;
  const published = meeting.status === 'minutes_published' && meeting.publishedAt;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.margin, left: page.margin, right: page.margin, bottom: page.margin + page.footer },
    bufferPages: true,
    info: { Title: printable(`${w.minutes} — ${meeting.title}`), Author: 'Relais', Subject: printable(f.when(meeting)) },
    lang: language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = page.margin;
  const width = page.width - 2 * page.margin;

  const heading = (title: string) => {
    if (doc.y > page.height - page.margin - page.footer - 60) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(12.5).fillColor(colours.accent).text(printable(title), left, doc.y, { width });
    doc.moveTo(left, doc.y + 2).lineTo(left + width, doc.y + 2).lineWidth(0.5).strokeColor(colours.rule).stroke();
    doc.moveDown(0.5);
  };
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(colours.ink).text(printable(`${label}${w.colon}`), left, doc.y, { continued: true });
    doc.font('Helvetica').text(printable(value), { width });
  };
  const muted = (text: string) => doc.font('Helvetica-Oblique').fontSize(9).fillColor(colours.muted).text(printable(text), left, doc.y, { width });

  // Header band.
  doc.rect(0, 0, page.width, 92).fill(colours.accent);
  doc.fillColor('#ffffff').font('Helvetica').fontSize(9).text(printable(w.header), left, 16, { width });
  doc.font('Helvetica-Bold').fontSize(17).text(printable(`${w.minutes} — ${meeting.title}`), left, 30, { width, height: 42, ellipsis: true });
  doc.font('Helvetica').fontSize(10).text(printable(`${f.level(meeting)} · ${f.when(meeting)}`), left, 72, { width, height: 14, ellipsis: true });
  doc.y = 106;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(published ? colours.accent : colours.draft).text(printable(published ? w.publishedOn(f.date(meeting.publishedAt!.slice(0, 10))) : w.draft), left, doc.y, { width });
  doc.moveDown(0.4);
  if (meeting.place) line(w.place, meeting.place);
  if (meeting.callLink) line(w.callLink, meeting.callLink);
  const chair = [meeting.chairOrganisation?.acronym, meeting.chairName].filter(Boolean).join(' — ');
  if (chair) line(w.chair, chair);

  // Participants: who came, who was invited and did not.
  const who = (p: Meeting['participants'][number]) => [p.organisation?.acronym, p.user?.name ?? p.name].filter(Boolean).join(' — ');
  const attendanceTaken = meeting.participants.some((p) => p.present !== null);
  const present = meeting.participants.filter((p) => p.present === true).map(who);
  const absent = meeting.participants.filter((p) => p.invited && p.present === false).map(who);
  const invited = meeting.participants.filter((p) => p.invited).map(who);
  if (attendanceTaken) {
    line(w.present, present.join(', ') || w.nobody);
    if (absent.length) line(w.absent, absent.join(', '));
  } else {
    line(w.invited, invited.join(', ') || w.nobody);
  }

  // Agenda: the data the meeting saw, then the notes of each item.
  heading(w.agenda);
  for (const [index, item] of meeting.agenda.items.entries()) {
    if (doc.y > page.height - page.margin - page.footer - 50) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10.5).fillColor(colours.ink).text(printable(`${index + 1}. ${f.itemTitle(item)}`), left, doc.y, { width });
    doc.moveDown(0.2);
    if (item.description) doc.font('Helvetica').fontSize(9).fillColor(colours.muted).text(printable(item.description), left + 10, doc.y, { width: width - 10 });
    if (item.kind !== 'custom') {
      if (item.entries.length === 0) muted(w.noEntries);
      for (const entry of item.entries) {
        const y = doc.y;
        doc.font('Helvetica').fontSize(8.5).fillColor(colours.muted).text('–', left + 6, y, { width: 8, lineBreak: false });
        doc.text(printable(f.entry(entry)), left + 16, y, { width: width - 16, lineGap: 0.5 });
      }
      doc.moveDown(0.3);
    }
    if (item.notes.trim()) drawMarkdown(doc, item.notes, left + 10, width - 10);
    else if (item.kind === 'custom' && !item.description) muted(w.noNotes);
    doc.moveDown(0.5);
  }

  // Decisions.
  heading(w.decisions);
  if (meeting.decisionList.length === 0) muted(w.noDecisions);
  for (const decision of meeting.decisionList) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(colours.accent).text(`D${decision.number}`, left, y, { width: 28, lineBreak: false });
    doc.font('Helvetica').fillColor(colours.ink).text(printable(decision.text), left + 30, y, { width: width - 30 });
    const about = f.concern(decision.concern);
    if (about) doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(colours.muted).text(printable(`${w.about}${w.colon}${about}`), left + 30, doc.y, { width: width - 30 });
    doc.moveDown(0.4);
  }

  // Action points as a table, its header repeated on each page it spans.
  heading(w.actionPoints);
  if (meeting.actionPointList.length === 0) muted(w.noActionPoints);
  else {
    const columns = [
      { key: 'reference', width: 38 },
      { key: 'action', width: width - 38 - 110 - 62 - 72 },
      { key: 'owner', width: 110 },
      { key: 'due', width: 62 },
      { key: 'status', width: 72 },
    ] as const;
    const cellPad = 3;
    const drawHeader = () => {
      const y = doc.y;
      doc.rect(left, y, width, 16).fill(colours.band);
      let x = left;
      for (const c of columns) {
        doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colours.ink).text(printable(w.columns[c.key]), x + cellPad, y + 4, { width: c.width - 2 * cellPad, lineBreak: false });
        x += c.width;
      }
      doc.y = y + 18;
    };
    drawHeader();
    for (const point of meeting.actionPointList) {
      const about = f.concern(point.concern);
      const cells: Record<(typeof columns)[number]['key'], string> = {
        reference: `AP-${point.number}`,
        action: `${point.title}${point.decision ? ` (D${point.decision.number})` : ''}${about ? `\n${w.about}${w.colon}${about}` : ''}`,
        owner: f.owner(point),
        due: f.date(point.dueDate),
        status: f.actionStatus(point),
      };
      doc.font('Helvetica').fontSize(8.5);
      const height = Math.max(...columns.map((c) => doc.heightOfString(printable(cells[c.key]), { width: c.width - 2 * cellPad }))) + 2 * cellPad;
      if (doc.y + height > page.height - page.margin - page.footer) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y;
      let x = left;
      for (const c of columns) {
        const colour = c.key === 'status' && point.overdue ? colours.overdue : colours.ink;
        doc.font(c.key === 'reference' ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor(colour).text(printable(cells[c.key]), x + cellPad, y + cellPad, { width: c.width - 2 * cellPad });
        x += c.width;
      }
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.4).strokeColor(colours.rule).stroke();
      doc.y = y + height + 1;
    }
    doc.moveDown(0.3);
    muted(w.statusAt(f.date(generatedAt.toISOString().slice(0, 10))));
  }

  // Footers, written in the bottom margin of every page once the pages are known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = page.height - page.margin;
    doc.moveTo(left, y - 6).lineTo(left + width, y - 6).lineWidth(0.5).strokeColor(colours.rule).stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(colours.muted);
    doc.text(printable(`${meeting.title} · ${w.generated(f.date(generatedAt.toISOString().slice(0, 10)))}`), left, y, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(printable(w.page(i - range.start + 1, range.count)), left + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    if (!published) doc.font('Helvetica-Bold').fillColor(colours.draft).text(printable(w.draft), left, y + 10, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
