import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/contracts/common.ts';
import type { HandoverDossier } from '../../../shared/contracts/handovers.ts';
import { handoverFormat } from '../../../shared/handover-text.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import type { Download } from '../../lib/http.ts';
import { drawMarkdown, printable } from '../../lib/pdf-text.ts';

const page = { width: 595.28, height: 841.89, margin: 42, footer: 34 };
const colours = { ink: '#1f2933', muted: '#52606d', rule: '#cbd2d9', accent: '#0b5c8a', band: '#eef3f7', overdue: '#c0392b' };

/**
 * The handover dossier as an A4 PDF a development actor can act on: the shock and its timeline,
 * what was done by sector, the assessments, the needs still open, the development programmes
 * already present, and the coordination's recommendations. Built with the meetings' minutes
 * approach (pdfkit, built-in Helvetica, text drawn through `printable`).
 */
export function renderDossier(dossier: HandoverDossier, language: Language, generatedAt: Date): Promise<Buffer> {
  const f = handoverFormat(language);
  const w = f.words;
  const h = dossier.handover;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.margin, left: page.margin, right: page.margin, bottom: page.margin + page.footer },
    bufferPages: true,
    info: { Title: printable(`${w.dossier} — ${h.locality.name}`), Author: 'Relais', Subject: printable(`${h.shock.code} · ${f.place(h)}`) },
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
  const bottomLimit = page.height - page.margin - page.footer;

  const heading = (title: string) => {
    if (doc.y > bottomLimit - 60) doc.addPage();
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

  /** A table whose header repeats on each page it spans. */
  const table = (columns: { label: string; width: number; align?: 'left' | 'right' }[], rows: string[][]) => {
    const pad = 3;
    const drawHeader = () => {
      doc.font('Helvetica-Bold').fontSize(8.5);
      const height = Math.max(...columns.map((c) => doc.heightOfString(printable(c.label), { width: c.width - 2 * pad }))) + 2 * pad;
      const y = doc.y;
      doc.rect(left, y, width, height).fill(colours.band);
      let x = left;
      for (const c of columns) {
        doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colours.ink).text(printable(c.label), x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left' });
        x += c.width;
      }
      doc.y = y + height + 1;
    };
    drawHeader();
    for (const cells of rows) {
      doc.font('Helvetica').fontSize(8.5);
      const height = Math.max(...columns.map((c, i) => doc.heightOfString(printable(cells[i] ?? ''), { width: c.width - 2 * pad }))) + 2 * pad;
      if (doc.y + height > bottomLimit) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y;
      let x = left;
      columns.forEach((c, i) => {
        doc.font('Helvetica').fontSize(8.5).fillColor(colours.ink).text(printable(cells[i] ?? ''), x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left' });
        x += c.width;
      });
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.4).strokeColor(colours.rule).stroke();
      doc.y = y + height + 1;
    }
    doc.x = left;
  };

  // Header band.
  doc.rect(0, 0, page.width, 92).fill(colours.accent);
  doc.fillColor('#ffffff').font('Helvetica').fontSize(9).text(printable(w.header), left, 16, { width });
  doc.font('Helvetica-Bold').fontSize(17).text(printable(`${w.dossier} — ${h.locality.name}`), left, 30, { width, height: 42, ellipsis: true });
  doc.font('Helvetica').fontSize(10).text(printable(`${f.place(h)} · ${w.at(f.date(dossier.at))}`), left, 72, { width, height: 14, ellipsis: true });
  doc.y = 106;

  // The handover's state.
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(h.overdue ? colours.overdue : colours.accent).text(printable(`${w.status}${w.colon}${f.status(h)}`), left, doc.y, { width });
  if (h.overdue) doc.font('Helvetica').fontSize(9).fillColor(colours.overdue).text(printable(w.overdue), left, doc.y, { width });
  doc.moveDown(0.3);
  if (h.month !== null) doc.font('Helvetica').fontSize(9.5).fillColor(colours.ink).text(printable(`${w.month(h.month)} · ${w.resilienceFrom}${w.colon}${f.date(h.resilienceFrom)}`), left, doc.y, { width });
  if (h.actors.length) line(w.actors, h.actors.map((a) => `${a.acronym} (${a.name})`).join(', '));
  if (h.meeting) line(w.meeting, `${h.meeting.title}, ${f.date(h.meeting.date)}`);
  if (h.notTakenUpReason) line(w.reason, h.notTakenUpReason);

  heading(w.shock);
  line(w.alert, h.shock.code);
  line(w.shockType, f.shockType(h.shock.shockType));
  line(w.displaced, `${w.households(f.number(h.shock.households))}, ${w.persons(f.number(h.shock.persons))}`);

  heading(w.timeline);
  const t = dossier.timeline;
  line(w.shockDate, f.date(t.shockDate));
  line(w.alertDate, f.date(t.alertDate));
  if (t.validatedOn) line(w.validatedOn, f.date(t.validatedOn));
  line(w.rrmEndsOn, f.date(t.rrmEndsOn));
  line(w.postRrmEndsOn, f.date(t.postRrmEndsOn));
  line(w.resilienceFrom, f.date(t.resilienceFrom));

  heading(w.done);
  if (dossier.sectors.length === 0) muted(w.nothingDone);
  else {
    const withOrganisations = dossier.sectors.some((s) => s.organisations.length > 0);
    const rest = width - 150 - 90 - 110;
    table(
      [
        { label: w.sector, width: 150 },
        { label: w.rrm, width: 90, align: 'right' },
        { label: w.postRrm, width: 110, align: 'right' },
        { label: withOrganisations ? w.organisations : '', width: rest },
      ],
      dossier.sectors.map((s) => [sectorLabels[s.sector][language], f.number(s.rrmHouseholds), f.number(s.postRrmHouseholds), s.organisations.join(', ')]),
    );
  }

  heading(w.assessments);
  if (dossier.assessments.length === 0) muted(w.noAssessments);
  for (const a of dossier.assessments) {
    if (doc.y > bottomLimit - 40) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).fillColor(colours.ink).text(printable(`${f.assessmentKind(a.kind)} — ${f.period(a.startDate, a.endDate)} (${f.assessmentStatus(a.status)})`), left, doc.y, { width });
    for (const finding of a.findings) {
      const parts = [sectorLabels[finding.sector][language], finding.severity !== null ? w.severity(finding.severity) : null, finding.householdsInNeed !== null ? w.inNeed(f.number(finding.householdsInNeed)) : null]
        .filter(Boolean)
        .join(' · ');
      const y = doc.y;
      doc.font('Helvetica').fontSize(8.5).fillColor(colours.muted).text('–', left + 6, y, { width: 8, lineBreak: false });
      doc.fillColor(colours.ink).text(printable(`${parts}${finding.findings ? `${w.colon}${finding.findings}` : ''}`), left + 16, y, { width: width - 16 });
    }
    doc.moveDown(0.4);
  }

  heading(w.gaps);
  if (dossier.gaps.length === 0) muted(w.noGaps);
  else
    table(
      [
        { label: w.sector, width: width - 3 * 90 },
        { label: w.need, width: 90, align: 'right' },
        { label: w.covered, width: 90, align: 'right' },
        { label: w.gap, width: 90, align: 'right' },
      ],
      dossier.gaps.map((g) => [sectorLabels[g.sector][language], f.number(g.householdsInNeed), f.number(g.householdsCovered), f.number(g.gap)]),
    );

  heading(w.programmes);
  if (dossier.programmes.length === 0) muted(w.noProgrammes);
  else
    table(
      [
        { label: w.organisations, width: 70 },
        { label: w.programmes, width: 150 },
        { label: w.funding, width: 90 },
        { label: w.period, width: 100 },
        { label: w.sector, width: width - 410 },
      ],
      dossier.programmes.map((p) => [p.organisation.acronym, p.name, p.funding ?? w.none, f.period(p.startDate, p.endDate), p.sectors.map((s) => sectorLabels[s][language]).join(', ')]),
    );

  heading(w.recommendations);
  if (h.recommendedActions?.trim()) drawMarkdown(doc, h.recommendedActions, left, width);
  else muted(w.noRecommendations);
  if (h.notes?.trim()) {
    heading(w.notes);
    drawMarkdown(doc, h.notes, left, width);
  }

  // Footers in the bottom margin of every page once the pages are known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = page.height - page.margin;
    doc.moveTo(left, y - 6).lineTo(left + width, y - 6).lineWidth(0.5).strokeColor(colours.rule).stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(colours.muted);
    doc.text(printable(`${w.dossier} — ${h.locality.name} (${h.shock.code}) · ${w.generated(f.date(generatedAt.toISOString().slice(0, 10)))}`), left, y, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(printable(w.page(i - range.start + 1, range.count)), left + width - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

export function dossierPdf() {
  return {
    async render(dossier: HandoverDossier, language: Language): Promise<Download> {
      const body = await renderDossier(dossier, language, new Date());
      const slug = dossier.handover.locality.name.normalize('NFD').replace(/[^\w-]+/g, '-').replace(/-+/g, '-').toLowerCase();
      return { body, fileName: `${language === 'fr' ? 'dossier-passation' : 'handover-dossier'}-${slug}-${dossier.at}.pdf`, contentType: 'application/pdf' };
    },
  };
}
export type DossierPdf = ReturnType<typeof dossierPdf>;
