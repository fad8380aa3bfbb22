import { isSafeMapError } from '../errors.js';
import { securityHeaders } from './security_headers.js';
/** helmet's set, on every problem too: an error page is still a response a browser may be tricked into rendering. */
const baseHeaders = securityHeaders('data');
const statusByCode = {
    TILE_COORDS_INVALID: 400,
    BAD_PARAMETER: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    RATE_LIMITED: 429,
    OVERLOADED: 503,
    MISDIRECTED: 421,
    TILESET_UNAVAILABLE: 503,
};
const titles = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    413: 'Content Too Large',
    421: 'Misdirected Request',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
};
/**
 * The one place where errors become RFC 9457 problem documents. Only SafeMap errors keep their message, and those
 * messages never contain request input; anything unexpected becomes an opaque 500.
 */
export function problemFromError(error) {
    if (isSafeMapError(error)) {
        const status = statusByCode[error.code] ?? 500;
        if (status === 500)
            return problem(500, 'INTERNAL');
        return problem(status, error.code, error.message, error.details);
    }
    const status = error?.status;
    if (typeof status === 'number' && status >= 400 && status < 500)
        return problem(status, 'BAD_REQUEST');
    return problem(500, 'INTERNAL');
}
export function problem(status, code, detail, extra) {
    return { status, code, title: titles[status] ?? 'Error', ...(detail === undefined ? {} : { detail }), ...(extra === undefined ? {} : { extra }) };
}
export function sendProblem(res, value, headers = {}) {
    if (res.headersSent) {
        res.destroy();
        return;
    }
    const body = JSON.stringify({ type: 'about:blank', title: value.title, status: value.status, code: value.code, detail: value.detail, ...value.extra });
    const retryAfter = value.extra?.retryAfter;
    res.writeHead(value.status, {
        ...baseHeaders,
        ...(typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {}),
        'Content-Type': 'application/problem+json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
    });
    res.end(body);
}
//# sourceMappingURL=problem.js.map