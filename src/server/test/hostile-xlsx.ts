import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * Hand-built .xlsx files for hostile-input tests: valid zips whose parts are generated as
 * streams, so a part can unpack to hundreds of megabytes while the file stays small (a zip bomb).
 */
export interface GeneratedPart {
  name: string;
  /** The part's bytes, produced chunk by chunk. */
  chunks: () => Iterable<Buffer>;
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

const text = (value: string) => () => [Buffer.from(value)];

/** `head`, then `body` `times` times, then `tail`: how a bomb part repeats one small piece. */
export function repeated(head: string, body: string, times: number, tail: string): () => Iterable<Buffer> {
  return function* () {
    yield Buffer.from(head);
    const block = Buffer.from(body.repeat(Math.max(1, Math.floor((1 << 20) / body.length))));
    const perBlock = block.length / Buffer.byteLength(body);
    let left = times;
    while (left >= perBlock) {
      yield block;
      left -= perBlock;
    }
    if (left > 0) yield Buffer.from(body.repeat(left));
    yield Buffer.from(tail);
  };
}

const sheetHead = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const sheetTail = '</sheetData></worksheet>';
/** A header row with the required columns of a 5W-like import, read from shared strings 0–2. */
const headerRow = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>';
const headerStrings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Organisation</t></si><si><t>Secteur</t></si><si><t>Date de début</t></si>';

export function workbookParts(parts: { sharedStrings?: GeneratedPart['chunks']; sheet?: GeneratedPart['chunks'] }): GeneratedPart[] {
  return [
    { name: '[Content_Types].xml', chunks: text(contentTypes) },
    { name: '_rels/.rels', chunks: text(rootRels) },
    { name: 'xl/workbook.xml', chunks: text(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', chunks: text(workbookRels) },
    {
      name: 'xl/sharedStrings.xml',
      chunks: parts.sharedStrings ?? text(`${headerStrings}</sst>`),
    },
    { name: 'xl/worksheets/sheet1.xml', chunks: parts.sheet ?? text(`${sheetHead}${headerRow}${sheetTail}`) },
  ];
}

/** Shared strings that unpack to about `megabytes` MB of one repeated string. */
export function sharedStringsBomb(megabytes: number): GeneratedPart['chunks'] {
  const si = `<si><t>${'A'.repeat(1000)}</t></si>`;
  return repeated(headerStrings, si, Math.ceil((megabytes * 1024 * 1024) / si.length), '</sst>');
}

/** `count` tiny shared strings: few bytes, many strings. */
export function manySharedStrings(count: number): GeneratedPart['chunks'] {
  return repeated(headerStrings, '<si><t>a</t></si>', count, '</sst>');
}

/** A sheet of `rows` identical rows (each cell an inline string of `cellLength` characters). */
export function sheetBomb(rows: number, cellLength = 10): GeneratedPart['chunks'] {
  // Every row says it is row 2: a bomb repeats one piece, and the reader needs addresses.
  const row = `<row r="2"><c r="A2" t="inlineStr"><is><t>${'B'.repeat(cellLength)}</t></is></c><c r="B2" t="inlineStr"><is><t>x</t></is></c></row>`;
  return repeated(`${sheetHead}${headerRow}`, row, rows, sheetTail);
}

/** One cell whose text is `characters` long (Excel allows 32,767). */
export function giantCell(characters: number): GeneratedPart['chunks'] {
  return repeated(`${sheetHead}${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>`, 'C', characters, `</t></is></c></row>${sheetTail}`);
}

/** Writes the parts as a zip (deflated, streamed: memory stays small whatever the parts unpack to). */
export async function writeZip(filePath: string, parts: GeneratedPart[]): Promise<void> {
  const out = fs.createWriteStream(filePath);
  let offset = 0;
  const write = async (buffer: Buffer) => {
    offset += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const start = offset;
    // Sizes and CRC follow the data (flag bit 3), so the part is deflated in one streaming pass.
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(name.length, 26);
    await write(local);
    await write(name);
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level: 9 });
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      offset += chunk.length;
      out.write(chunk);
    });
    const ended = once(deflate, 'end');
    for (const chunk of part.chunks()) {
      crc = zlib.crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
    await ended;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size >>> 0, 12);
    await write(descriptor);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0808, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(compressed, 20);
    header.writeUInt32LE(Math.min(size, 0xfffffffe), 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(start, 42);
    central.push(header, name);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(directory);
  await write(end);
  out.end();
  await once(out, 'finish');
}
