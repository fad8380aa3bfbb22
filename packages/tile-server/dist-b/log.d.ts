import { type Logger } from 'pino';
export type { Logger };
/**
 * The one logger factory; packages receive a logger, they never create `console` output. Lines go to stdout
 * asynchronously and in batches of at least 8 KB, or every half second when traffic is light: a server logs every
 * request, and one write per tile cost about a tenth of serving cached tiles. pino flushes what is left when the
 * process exits.
 */
export declare function createLogger(options?: {
    level?: string;
}): Logger;
/** A logger that drops everything, for tests and library callers that do not care. */
export declare function silentLogger(): Logger;
