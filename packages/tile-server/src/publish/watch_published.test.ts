import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { watchPublished } from './watch_published.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function recordingLogger(): { logger: pino.Logger; errors: () => string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  return { logger, errors: () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((line) => line.level >= 50).map((line) => line.msg) };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('watchPublished', () => {
  it('retries a failed reload on the next ticks, with no further change, and reports the same failure once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-watch-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pointer = path.join(dir, 'current.json');
    await writeFile(pointer, '{"version":"a"}\n');
    const { logger, errors } = recordingLogger();
    let calls = 0;
    let failUntil = 0;
    const stop = watchPublished(
      () => [pointer],
      async () => {
        calls += 1;
        if (calls <= failUntil) throw new Error('the archive is still being written');
      },
      logger,
      20,
    );
    cleanups.push(stop);
    // Let the first tick take its snapshot; nothing has changed yet, so nothing reloads.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(0);

    failUntil = 3;
    await writeFile(pointer, '{"version":"b"}\n');
    // Three failures, then a retry that succeeds: the change is not lost although the file changed only once.
    await until(() => calls === 4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calls).toBe(4);
    expect(errors()).toHaveLength(1);
    expect(errors()[0]).toContain('the archive is still being written');
  });
});
