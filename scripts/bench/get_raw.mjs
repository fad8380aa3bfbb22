import { get } from 'node:http';

/** GET with gzip accepted, keeping the compressed bytes exactly as sent (fetch would decompress them). */
export function getRaw(url) {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ path: new URL(url).pathname, status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
