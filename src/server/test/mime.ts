/** The decoded body of the first MIME part of a raw message whose Content-Type starts with `type`. */
export function mimePart(raw: string, type: string): { headers: string; body: string; bytes: Buffer } | null {
  const unfolded = raw.replace(/\r\n/g, '\n');
  const start = unfolded.search(new RegExp(`^Content-Type: ${type.replace('/', '\\/')}`, 'im'));
  if (start < 0) return null;
  const headerEnd = unfolded.indexOf('\n\n', start);
  const headers = unfolded.slice(start, headerEnd).replace(/\n[ \t]+/g, ' ');
  const rest = unfolded.slice(headerEnd + 2);
  const end = rest.search(/^--/m);
  const encoded = end < 0 ? rest : rest.slice(0, end);
  const encoding = /Content-Transfer-Encoding: *([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(encoded.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), 'latin1')
        : Buffer.from(encoded, 'utf8');
  return { headers, body: bytes.toString('utf8'), bytes };
}
