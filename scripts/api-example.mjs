// The open gaps of Mopti from the API, then the region's 5W as an HXL CSV kept up to date.
// RELAIS_URL=https://relais.example.org RELAIS_TOKEN=relais_… node scripts/api-example.mjs
import fs from 'node:fs';

const base = process.env.RELAIS_URL ?? 'http://localhost:8080';
const headers = { Authorization: `Bearer ${process.env.RELAIS_TOKEN}`, 'Accept-Language': 'fr' };

const gaps = await fetch(`${base}/api/v1/gaps?region=ML05&open=true&pageSize=100`, { headers });
if (!gaps.ok) throw new Error(`${gaps.status} ${(await gaps.json()).title}`);
const { items, total, at } = await gaps.json();
console.log(`${total} gaps ouverts dans la région de Mopti au ${at}`);
for (const g of items) console.log(`${g.locality.name.padEnd(24)} ${g.sector.padEnd(12)} besoin ${g.need ?? '?'}, gap ${g.gap ?? '?'} ménages`);

// The feed is downloaded again only when its figures changed (304 otherwise).
const etag = fs.existsSync('5w-mopti.etag') ? fs.readFileSync('5w-mopti.etag', 'utf8') : '';
const feed = await fetch(`${base}/api/v1/feeds/5w.csv?region=ML05`, { headers: { ...headers, 'If-None-Match': etag } });
if (feed.status === 304) console.log('5W de Mopti inchangé');
else if (!feed.ok) throw new Error(`${feed.status} ${(await feed.json()).title}`);
else {
  fs.writeFileSync('5w-mopti.csv', Buffer.from(await feed.arrayBuffer()));
  fs.writeFileSync('5w-mopti.etag', feed.headers.get('etag') ?? '');
  console.log('5W de Mopti enregistré dans 5w-mopti.csv');
}
