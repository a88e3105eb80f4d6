import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/contracts/common.ts';
import { type ListProtocol, listPurposeLabels } from '../../../shared/list-protocol.ts';
import { printable } from '../../lib/pdf-text.ts';

const sensitivityWords = {
  personal: { fr: 'personnelle (chiffrée)', en: 'personal (encrypted)' },
  quasi: { fr: 'indirecte', en: 'indirect' },
  aggregate: { fr: 'agrégée', en: 'aggregate' },
} as const;

/** The protocol as a PDF to sign: its text, the template's fields with their sensitivity, and a signature block. */
export function protocolPdf(protocol: ListProtocol, language: Language, organisation: string | null): Promise<Buffer> {
  const fr = language === 'fr';
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: protocol.title[language], Author: 'Relais' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = (value: string) => printable(value);
  const heading = (value: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#0b5c8a').text(text(value)).moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#1f2933');
  const bullet = (value: string) => doc.text(text(`•  ${value}`), { indent: 8 });

  doc.font('Helvetica-Bold').fontSize(16).fillColor('#1f2933').text(text(protocol.title[language]));
  doc.font('Helvetica').fontSize(10).fillColor('#52606d').text(text(fr ? `Version ${protocol.version}, en vigueur depuis le ${protocol.effectiveFrom}` : `Version ${protocol.version}, in force since ${protocol.effectiveFrom}`));
  doc.moveDown(0.6).fillColor('#1f2933').text(text(protocol.preamble[language]), { align: 'justify' });

  heading(fr ? '1. Modèle harmonisé de liste (un ménage par ligne)' : '1. Harmonised list template (one household per row)');
  for (const field of protocol.fields) {
    const required = field.required ? (fr ? ', obligatoire' : ', required') : '';
    bullet(`${field.label[language]} — ${fr ? 'sensibilité' : 'sensitivity'} ${sensitivityWords[field.sensitivity][language]}${required}. ${field.note[language]}`);
  }
  heading(fr ? '2. Finalités permises' : '2. Permitted purposes');
  for (const purpose of protocol.purposes) bullet(listPurposeLabels[purpose][language]);
  heading(fr ? '3. Conservation' : '3. Retention');
  doc.text(
    text(
      fr
        ? `Les données personnelles d'une liste sont purgées à sa date de conservation, ${protocol.defaultRetentionMonths} mois après l'assistance par défaut : sa clé de chiffrement est détruite, seuls les totaux restent.`
        : `A list's personal data is purged at its retention date, ${protocol.defaultRetentionMonths} months after the assistance by default: its encryption key is destroyed, only counts remain.`,
    ),
  );
  heading(fr ? '4. Qui voit quoi' : '4. Who sees what');
  for (const line of protocol.access) bullet(line[language]);
  heading(fr ? "5. Engagements de l'organisation" : "5. The organisation's commitments");
  for (const line of protocol.commitments) bullet(line[language]);
  heading(fr ? '6. Mode encodé : dédoublonner sans confier de noms' : '6. Encoded mode: deduplication without handing over names');
  for (const paragraph of protocol.encodedMode) bullet(paragraph[language]);

  doc.moveDown(2).font('Helvetica-Bold').text(text(fr ? 'Pour l’organisation' : 'For the organisation'));
  doc.font('Helvetica').moveDown(0.4).text(text(`${fr ? 'Organisation' : 'Organisation'} : ${organisation ?? '..............................................'}`));
  doc.moveDown(0.4).text(text(fr ? 'Nom et fonction du signataire : ..............................................' : "Signatory's name and title: .............................................."));
  doc.moveDown(0.4).text(text(fr ? 'Date : ....................        Signature et cachet :' : 'Date: ....................        Signature and stamp:'));
  doc.end();
  return done;
}
