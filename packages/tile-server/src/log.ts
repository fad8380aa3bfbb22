import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Linux's PIPE_BUF: a write of at most this many bytes to a pipe is never split, and never mixed with another
 * process's write. The workers of `serve --workers N` share one stdout, which Node makes non-blocking; a longer write
 * can land in part, and another worker's line then cuts it in two, so a log collector drops both.
 */
const ATOMIC_WRITE_BYTES = 4096;

/**
 * The one logger factory; packages receive a logger, they never create `console` output. Lines go to stdout
 * asynchronously and in batches of whole lines of nearly 4 KB, or every half second when traffic is light: a server
 * logs every request, and one write per tile cost about a tenth of serving cached tiles. A batch never exceeds one
 * atomic pipe write (a single line longer than that may still be split). pino flushes what is left when the process
 * exits.
 */
export function createLogger(options: { level?: string } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: undefined,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], remove: true },
    },
    pino.destination({ dest: 1, sync: false, minLength: ATOMIC_WRITE_BYTES - 512, maxWrite: ATOMIC_WRITE_BYTES, periodicFlush: 500 }),
  );
}

/** A logger that drops everything, for tests and library callers that do not care. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
