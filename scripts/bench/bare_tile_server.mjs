// Baseline for the tile benchmark: the same tile bytes from memory over bare node:http, nothing else.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const tiles = new Map(JSON.parse(readFileSync(process.argv[2], 'utf8')).map(({ path, body }) => [path, Buffer.from(body, 'base64')]));
const server = createServer((req, res) => {
  const body = tiles.get(req.url);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
