import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function withPdfFile<T>(pdf: Buffer, read: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    return read(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF as a reader sees it: its text (poppler's pdftotext), its page count, and a rendering to PNG (pdftoppm). */
export function readPdf(pdf: Buffer) {
  return withPdfFile(pdf, (file, dir) => {
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', file, path.join(dir, 'page')]);
    const png = fs.readFileSync(path.join(dir, 'page.png'));
    // IHDR: width and height as big-endian integers at bytes 16 and 20.
    return { text: text.replace(/\s+/g, ' '), pages, width: png.readUInt32BE(16), height: png.readUInt32BE(20), pngBytes: png.length };
  });
}

export interface PageImage {
  width: number;
  height: number;
  /** [r, g, b] at a point given as fractions of the width and height. */
  colourAt(x: number, y: number): [number, number, number];
  /** Share of pixels that are not near-white in a band of rows (fractions of the height). */
  inkIn(top: number, bottom: number): number;
}

/** Every page drawn by pdftoppm as raw pixels (PPM), to check what a reader would see. */
export function pageImages(pdf: Buffer, resolution = 40): PageImage[] {
  return withPdfFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(resolution), file, path.join(dir, 'page')]);
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.ppm'))
      .sort()
      .map((name) => {
        const data = fs.readFileSync(path.join(dir, name));
        // P6 header: magic, width, height, max value, each followed by whitespace.
        const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'))!;
        const [width, height] = [Number(header[1]), Number(header[2])];
        const pixels = data.subarray(header[0].length);
        const at = (x: number, y: number): [number, number, number] => {
          const i = 3 * (y * width + x);
          return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
        };
        return {
          width,
          height,
          colourAt: (x, y) => at(Math.min(width - 1, Math.floor(x * width)), Math.min(height - 1, Math.floor(y * height))),
          inkIn(top, bottom) {
            let ink = 0;
            const [from, to] = [Math.floor(top * height), Math.floor(bottom * height)];
            for (let y = from; y < to; y++) for (let x = 0; x < width; x++) if (Math.min(...at(x, y)) < 200) ink++;
            return ink / Math.max(1, (to - from) * width);
          },
        };
      });
  });
}
