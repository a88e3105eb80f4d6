import type { Position } from 'geojson';
import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/contracts/common.ts';
import type { KeyFigures, MapLocality, SectorCoverage } from '../../../shared/contracts/dashboard.ts';
import type { GapStatus } from '../../../shared/gaps.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { labelPoint } from '../../../shared/geo.ts';
import { briefText } from './brief-text.ts';

export interface BriefGap {
  locality: string;
  place: string;
  sector: string;
  gap: number;
  sentences: string[];
  capacities: { acronym: string; left: number }[];
}

/** Everything one brief shows, already computed and in its language. */
export interface BriefContent {
  language: Language;
  scopeTitle: string;
  at: string;
  figures: KeyFigures;
  coverage: SectorCoverage[];
  /** Areas to draw, each with its name and polygons of [lon, lat] rings (the first ring of each polygon is its outline). */
  areas: { name: string | null; polygons: Position[][][] }[];
  localities: MapLocality[];
  /** [minLon, minLat, maxLon, maxLat] the map frames; everything drawn when absent. */
  view: [number, number, number, number] | null;
  topGaps: BriefGap[];
  /** How far the responses follow the harmonised packages (the quality section); null when no 5W in the window. */
  quality: BriefQuality | null;
  generatedAt: Date;
}

export interface BriefQuality {
  from: string;
  to: string;
  households: number;
  withPackage: number;
  following: number;
  /** Sectors with the lowest share through a package, weakest first. */
  weakest: { sector: string; share: number }[];
}

const page = { width: 595.28, height: 841.89, margin: 36 };
const colours = {
  ink: '#1f2933',
  muted: '#52606d',
  rule: '#cbd2d9',
  accent: '#0b5c8a',
  land: '#f1ede4',
  border: '#8a8170',
  status: { uncovered: '#c0392b', partial: '#e67e22', covered: '#2e8b57', unknown: '#8e9aa6', none: '#6b7c93' } satisfies Record<GapStatus | 'none', string>,
};

/**
 * Helvetica (built into every PDF reader) encodes Windows-1252: French accents, « », €, – and …
 * fit; the narrow no-break space Intl puts in French numbers does not, a no-break space does.
 */
function printable(text: string): string {
  return text.replace(/[\u202f\u2009]/g, '\u00a0').replace(/[\u2212]/g, '-');
}

/** "EHA (eau, hygiène, assainissement)" → "EHA": titles and gap lines have one line each. */
export function shortSector(label: string): string {
  return label.replace(/ \(.*\)$/, '');
}

const numberFormats: Record<Language, Intl.NumberFormat> = { fr: new Intl.NumberFormat('fr-FR'), en: new Intl.NumberFormat('en-GB') };
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** A one-page A4 advocacy brief: header, map, key figures, coverage by sector, priority gaps with capacities, sources. */
export function renderBrief(content: BriefContent): Promise<Buffer> {
  const text = briefText[content.language];
  const n = (value: number) => printable(numberFormats[content.language].format(value));
  const date = (iso: string) => printable(dateFormats[content.language].format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)));
  const doc = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    info: { Title: printable(`${text.title} — ${content.scopeTitle}`), Author: 'Relais', Subject: printable(text.situationAt(date(content.at))) },
    lang: content.language,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = page.margin;
  const width = page.width - 2 * page.margin;

  // Header.
  doc.rect(0, 0, page.width, 74).fill(colours.accent);
  doc.fillColor('#ffffff').font('Helvetica').fontSize(9).text(printable(text.header), left, 16, { width });
  doc.font('Helvetica-Bold').fontSize(18).text(printable(`${text.title} — ${content.scopeTitle}`), left, 30, { width, height: 24, ellipsis: true });
  doc.font('Helvetica').fontSize(10).text(printable(text.situationAt(date(content.at))), left, 54, { width });

  // Map (left) and key figures (right).
  const top = 88;
  const mapBox = { x: left, y: top, w: 250, h: 220 };
  drawMap(doc, content, mapBox, text);
  drawFigures(doc, content.figures, { x: left + 266, y: top, w: width - 266 }, text, n);

  // Coverage by sector.
  let y = top + mapBox.h + 34;
  y = heading(doc, text.coverage, y);
  y = drawCoverage(doc, content.coverage, { x: left, y, w: width }, content.language, text, n);

  // Quality: how far responses follow the harmonised packages, in two lines.
  if (content.quality && content.quality.households > 0) {
    const q = content.quality;
    const pct = (part: number) => n(Math.round((part / q.households) * 100));
    y = heading(doc, text.quality, y + 8);
    const weakest = q.weakest.map((w) => `${shortSector(sectorLabels[w.sector as keyof typeof sectorLabels][content.language])} (${n(Math.round(w.share * 100))} %)`).join(', ');
    const line = [text.qualityLine(pct(q.withPackage), pct(q.following), q.from, q.to), weakest ? text.qualityWeakest(weakest) : ''].filter(Boolean).join(' ');
    doc.fillColor(colours.ink).font('Helvetica').fontSize(9).text(printable(line), left, y, { width, height: 24, ellipsis: true });
    y += 26;
  }

  // Priority gaps.
  y = heading(doc, text.topGaps, y + 8);
  drawGaps(doc, content, { x: left, y, w: width, bottom: page.height - 84 }, text, n);

  // Sources and date, written inside the bottom margin: without this PDFKit would start a second page.
  doc.page.margins.bottom = 0;
  const footerTop = page.height - 76;
  doc.moveTo(left, footerTop).lineTo(left + width, footerTop).lineWidth(0.5).strokeColor(colours.rule).stroke();
  doc.fillColor(colours.muted).font('Helvetica').fontSize(7).text(printable(text.sources), left, footerTop + 6, { width, lineGap: 1 });
  doc.text(printable(text.generated(date(content.generatedAt.toISOString()))), left, page.height - 44, { width });

  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, title: string, y: number): number {
  doc.fillColor(colours.accent).font('Helvetica-Bold').fontSize(11).text(printable(title), page.margin, y);
  return y + 16;
}

function drawMap(doc: PDFKit.PDFDocument, content: BriefContent, box: { x: number; y: number; w: number; h: number }, text: (typeof briefText)['fr']) {
  doc.rect(box.x, box.y, box.w, box.h).lineWidth(0.5).strokeColor(colours.rule).stroke();
  const points: Position[] = content.view
    ? [
        [content.view[0], content.view[1]],
        [content.view[2], content.view[3]],
      ]
    : [...content.areas.flatMap((area) => area.polygons.flatMap((polygon) => polygon[0] ?? [])), ...content.localities.map((l): Position => [l.lon, l.lat])];
  if (points.length === 0) return;
  const lons = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  // Equirectangular with the middle latitude's scale: true enough for one country.
  const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * squeeze, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const pad = 10;
  const legendHeight = 40;
  const scale = Math.min((box.w - 2 * pad) / spanX, (box.h - 2 * pad - legendHeight) / spanY);
  const offsetX = box.x + (box.w - spanX * scale) / 2;
  const offsetY = box.y + pad + (box.h - 2 * pad - legendHeight - spanY * scale) / 2;
  const project = ([lon, lat]: Position): [number, number] => [offsetX + (lon! - minLon) * squeeze * scale, offsetY + (maxLat - lat!) * scale];

  // Shapes reaching beyond the framed area are cut at the map's edge.
  doc.save();
  doc.rect(box.x, box.y, box.w, box.h - legendHeight).clip();
  for (const polygon of content.areas.flatMap((area) => area.polygons)) {
    for (const ring of polygon) {
      ring.forEach((position, i) => {
        const [x, y] = project(position);
        if (i === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.closePath();
    }
    doc.lineWidth(0.6).fillAndStroke(colours.land, colours.border);
  }
  // Place names: each area's in its middle, then the most affected localities' beside their circle; one that would overlap a name already written is left out.
  const written: [number, number, number, number][] = [];
  const writeLabel = (label: string, x: number, y: number, size: number, bold: boolean, centred: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const text = printable(label);
    const width = doc.widthOfString(text);
    const left = centred ? x - width / 2 : x;
    const box: [number, number, number, number] = [left, y - size / 2, left + width, y + size / 2];
    const inside = box[0] >= box0.x && box[2] <= box0.x + box0.w && box[1] >= box0.y && box[3] <= box0.y + box0.h - legendHeight;
    if (!inside || written.some((o) => box[0] < o[2] + 2 && box[2] + 2 > o[0] && box[1] < o[3] && box[3] > o[1])) return;
    written.push(box);
    doc.fillColor(bold ? colours.muted : colours.ink).text(text, left, y - size / 2, { lineBreak: false });
  };
  const box0 = box;
  const labels: { name: string; at: Position }[] = [];
  for (const area of content.areas) {
    const at = area.name && area.polygons.length ? labelPoint({ type: 'MultiPolygon', coordinates: area.polygons }) : null;
    if (at && area.name) labels.push({ name: area.name, at });
  }

  const largest = Math.max(1, ...content.localities.map((l) => l.displacedHouseholds));
  // Largest circles first, so small ones stay visible on top.
  for (const l of [...content.localities].sort((a, b) => b.displacedHouseholds - a.displacedHouseholds)) {
    const [x, y] = project([l.lon, l.lat]);
    const radius = 2 + 10 * Math.sqrt(l.displacedHouseholds / largest);
    doc.circle(x, y, radius).fillOpacity(0.85).lineWidth(0.5).fillAndStroke(colours.status[l.gapStatus ?? 'none'], '#ffffff');
    doc.fillOpacity(1);
  }
  for (const label of labels) {
    const [x, y] = project(label.at);
    writeLabel(label.name, x, y, 6.5, true, true);
  }
  for (const l of [...content.localities].sort((a, b) => b.displacedHouseholds - a.displacedHouseholds).slice(0, 12)) {
    const [x, y] = project([l.lon, l.lat]);
    writeLabel(l.name, x + 2 + 10 * Math.sqrt(l.displacedHouseholds / largest) + 1.5, y, 6, false, false);
  }
  doc.restore();

  let legendX = box.x + 8;
  const legendY = box.y + box.h - legendHeight + 6;
  doc.font('Helvetica').fontSize(7);
  for (const status of ['uncovered', 'partial', 'covered', 'unknown'] as const) {
    doc.circle(legendX + 3, legendY + 3, 3).fill(colours.status[status]);
    const label = printable(text.mapLegend[status]);
    doc.fillColor(colours.ink).text(label, legendX + 9, legendY, { lineBreak: false });
    legendX += 14 + doc.widthOfString(label);
  }
  doc.fillColor(colours.muted).text(printable(text.mapCaption), box.x + 8, legendY + 14, { width: box.w - 16 });
}

function drawFigures(
  doc: PDFKit.PDFDocument,
  figures: KeyFigures,
  box: { x: number; y: number; w: number },
  text: (typeof briefText)['fr'],
  n: (value: number) => string,
) {
  doc.fillColor(colours.accent).font('Helvetica-Bold').fontSize(11).text(printable(text.keyFigures), box.x, box.y);
  const { alertsByPhase } = figures;
  const active = alertsByPhase.alerte + alertsByPhase.rrm + alertsByPhase.post_rrm;
  const rows: [string, string][] = [
    [n(figures.displacedHouseholds), text.displaced],
    [n(active), text.activeAlerts(active, n(alertsByPhase.alerte), n(alertsByPhase.rrm), n(alertsByPhase.post_rrm))],
    [n(figures.postRrmLocalities), text.postRrmLocalities(figures.postRrmLocalities)],
    [n(figures.gaps.open), text.openGaps(figures.gaps.open)],
    [n(figures.gaps.householdsInGap), text.householdsInGap(figures.gaps.householdsInGap)],
    [n(figures.gaps.upcoming), text.upcomingGaps(figures.gaps.upcoming, '30')],
    [n(figures.rrmExits), text.rrmExits(figures.rrmExits, String(figures.rrmExitDays))],
    figures.rrm.medianDays === null ? ['—', text.noDelay] : [n(figures.rrm.medianDays), text.rrmDelay(String(figures.rrm.targetDays))],
  ];
  let y = box.y + 18;
  for (const [value, label] of rows) {
    doc.fillColor(colours.ink).font('Helvetica-Bold').fontSize(14).text(printable(value), box.x, y, { width: 62, align: 'right', lineBreak: false });
    doc.font('Helvetica').fontSize(8.5).fillColor(colours.muted).text(printable(label), box.x + 70, y + 2, { width: box.w - 70, height: 22, ellipsis: true });
    y += 25;
  }
}

function drawCoverage(
  doc: PDFKit.PDFDocument,
  coverage: SectorCoverage[],
  box: { x: number; y: number; w: number },
  language: Language,
  text: (typeof briefText)['fr'],
  n: (value: number) => string,
): number {
  const known = coverage.filter((c) => c.need > 0);
  if (known.length === 0) {
    doc.fillColor(colours.muted).font('Helvetica').fontSize(9).text(printable(text.coverageNone), box.x, box.y);
    return box.y + 14;
  }
  const labelWidth = 150;
  const barWidth = box.w - labelWidth - 120;
  let y = box.y;
  for (const c of known) {
    const ratio = Math.min(1, c.covered / c.need);
    doc.fillColor(colours.ink).font('Helvetica').fontSize(8.5).text(printable(sectorLabels[c.sector][language]), box.x, y, { width: labelWidth - 6, height: 11, ellipsis: true, lineBreak: false });
    doc.rect(box.x + labelWidth, y, barWidth, 9).fill('#e4e7eb');
    doc.rect(box.x + labelWidth, y, barWidth * ratio, 9).fill(ratio >= 0.8 ? colours.status.covered : ratio >= 0.25 ? colours.status.partial : colours.status.uncovered);
    doc.fillColor(colours.muted).fontSize(8).text(printable(`${Math.round(ratio * 100)} % · ${n(c.covered)} / ${n(c.need)}`), box.x + labelWidth + barWidth + 6, y, { width: 114, lineBreak: false });
    y += 13;
  }
  return y;
}

function drawGaps(
  doc: PDFKit.PDFDocument,
  content: BriefContent,
  box: { x: number; y: number; w: number; bottom: number },
  text: (typeof briefText)['fr'],
  n: (value: number) => string,
) {
  if (content.topGaps.length === 0) {
    doc.fillColor(colours.muted).font('Helvetica').fontSize(9).text(printable(text.topGapsNone), box.x, box.y);
    return;
  }
  let y = box.y;
  const share = (box.bottom - box.y) / content.topGaps.length;
  for (const [index, gap] of content.topGaps.entries()) {
    const end = Math.min(box.bottom, y + share);
    doc.fillColor(colours.ink).font('Helvetica-Bold').fontSize(9.5);
    doc.text(printable(`${index + 1}. ${gap.locality} (${gap.place}) · ${shortSector(sectorLabels[gap.sector as keyof typeof sectorLabels][content.language])} · ${text.gapLine(n(gap.gap))}`), box.x, y, {
      width: box.w,
      height: 13,
      ellipsis: true,
    });
    y = doc.y + 1;
    const capacity = gap.capacities.length ? gap.capacities.map((c) => text.capacityLeft(c.acronym, n(c.left))).join(', ') : text.noCapacity;
    const colon = content.language === 'fr' ? '\u00a0: ' : ': ';
    const body = `${gap.sentences.join(' ')}\n${text.capacities}${colon}${capacity}`;
    doc.font('Helvetica').fontSize(8).fillColor(colours.muted).text(printable(body), box.x + 10, y, { width: box.w - 10, height: Math.max(12, end - y - 4), ellipsis: true, lineGap: 0.5 });
    y = Math.max(doc.y, y) + 5;
    if (y >= box.bottom) break;
  }
}
