// Baseline for the tile benchmarks: the same tile bytes from memory over bare node:http. With only the tiles file it
// sends Content-Type, Content-Length and Content-Encoding; with a second file (a flat [name, value, …] list) it also
// sends those headers and each tile's ETag, so the only difference left to SafeMap is the work of finding the tile.
// With BARE_WORKERS=N it runs N processes on one port with node:cluster, as `safemap serve --workers N` does.
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const workers = Number(process.env.BARE_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    if (++listening === workers) process.stdout.write(`listening ${address.port}\n`);
  });
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    process.exit(0);
  });
} else {

const extra = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : undefined;
const tiles = new Map(
  JSON.parse(readFileSync(process.argv[2], 'utf8')).map(({ path, body, etag }) => {
    const bytes = Buffer.from(body, 'base64');
    const base = ['Content-Type', 'application/vnd.mapbox-vector-tile', 'Content-Encoding', 'gzip', 'Content-Length', String(bytes.length)];
    return [path, { bytes, headers: extra ? [...extra, 'ETag', etag, ...base] : base }];
  }),
);
const server = createServer((req, res) => {
  const tile = tiles.get(req.url);
  if (!tile) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, tile.headers);
  res.end(tile.bytes);
});
server.listen(0, '127.0.0.1', () => {
  if (!cluster.isWorker) process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
