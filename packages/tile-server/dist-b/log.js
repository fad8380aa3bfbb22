import { pino } from 'pino';
/**
 * The one logger factory; packages receive a logger, they never create `console` output. Lines go to stdout
 * asynchronously and in batches of at least 8 KB, or every half second when traffic is light: a server logs every
 * request, and one write per tile cost about a tenth of serving cached tiles. pino flushes what is left when the
 * process exits.
 */
export function createLogger(options = {}) {
    return pino({
        level: options.level ?? process.env.LOG_LEVEL ?? 'info',
        base: undefined,
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], remove: true },
    }, pino.destination({ dest: 1, sync: false, minLength: 8192, periodicFlush: 500 }));
}
/** A logger that drops everything, for tests and library callers that do not care. */
export function silentLogger() {
    return pino({ level: 'silent' });
}
//# sourceMappingURL=log.js.map