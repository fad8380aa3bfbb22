import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureServerBuilt, repoRoot } from '../helpers/server_process.js';

/**
 * The workers of `serve --workers N` write their logs to one shared stdout. Several real processes log through the
 * server's own logger into one pipe whose reader lags behind, as a busy log collector does: every line must arrive
 * whole, or the collector drops it (once, a worker's "reloading the catalogue" line was cut in two this way).
 */
const WRITERS = 4;
const LINES = 40_000;
const writer = `
import fs from 'node:fs';
import { createLogger } from ${JSON.stringify(pathToFileURL(path.join(repoRoot, 'packages/tile-server/dist/log.js')).href)};
// Each write(2) the logger makes is also measured: the pipe keeps it whole only if it is at most 4,096 bytes.
const write = fs.write;
let unsafe = 0;
fs.write = (fd, data, ...rest) => {
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
  if (fd === 1 && (Buffer.byteLength(text) > 4096 || !text.endsWith('\\n'))) unsafe++;
  return write(fd, data, ...rest);
};
process.on('exit', () => process.stderr.write('unsafe writes: ' + unsafe + '\\n'));
process.stdout.write(''); // as the server does: Node then makes the shared pipe non-blocking
const logger = createLogger();
let n = 0;
const burst = () => {
  for (let i = 0; i < 500; i++) logger.info({ n: n++, path: '/tiles/busan/14/13980/6517.pbf', client: '127.0.0.0/24' }, 'request');
  if (n < ${LINES}) setImmediate(burst);
};
burst();
`;

describe('logs of processes sharing one stdout', () => {
  it('every line arrives whole while the reader lags', () => {
    ensureServerBuilt();
    const one = `node --input-type=module -e "$SAFEMAP_WRITER"`;
    const script = `(${Array.from({ length: WRITERS }, () => `${one} &`).join(' ')} wait) | (sleep 1; cat)`;
    // A torn write needs the pipe to be full at the wrong moment, so a few rounds are run.
    for (let round = 0; round < 3; round++) {
      const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { ...process.env, SAFEMAP_WRITER: writer, LOG_LEVEL: 'info' }, maxBuffer: 1 << 30 });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr.trim().split('\n')).toEqual(Array.from({ length: WRITERS }, () => 'unsafe writes: 0'));
      const lines = result.stdout.split('\n').filter(Boolean);
      const torn = lines.filter((line) => {
        try {
          return (JSON.parse(line) as { msg?: string }).msg !== 'request';
        } catch {
          return true;
        }
      });
      expect(torn.slice(0, 3)).toEqual([]);
      expect(lines).toHaveLength(WRITERS * LINES);
    }
  }, 60_000);
});
