/** A multipart/form-data body with one file field named `file`, as the web's upload form sends it. */
export function multipartFile(fileName: string, content: string | Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `relais-${crypto.randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
