import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { SafeMapError } from '../errors.js';
const TYPES = {
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
};
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.json', '.html', '.svg']);
/** `name.<12 hex>.ext`: the build's content-hashed names, which never change meaning and may be cached for good. */
const VERSIONED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Encodings a request accepts, by preference: brotli, then gzip; q=0 refuses one. */
export function acceptedEncodings(header) {
    const accepted = new Map();
    for (const part of (header ?? '').split(',')) {
        const [name, ...params] = part.trim().toLowerCase().split(';');
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
        if (name)
            accepted.set(name, q === undefined ? 1 : Number(q));
    }
    const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
    return ['br', 'gzip'].filter(ok);
}
/**
 * Serves the files of one folder by content negotiation: `file.br` or `file.gz` when the client accepts it (with
 * `Content-Encoding` and `Vary: Accept-Encoding`), else the file itself. Versioned names are immutable for a year;
 * the rest revalidate after `maxAge`. Files are read once and kept while their size and time stay the same, so a
 * rebuild is picked up without a restart.
 */
export function staticAssets(options) {
    const cache = new Map();
    const variant = (file, encoding) => {
        let stat;
        try {
            stat = statSync(file);
        }
        catch {
            return undefined;
        }
        if (!stat.isFile())
            return undefined;
        const key = `${stat.size}:${stat.mtimeMs}`;
        let entry = cache.get(file);
        if (!entry || entry.key !== key)
            cache.set(file, (entry = { key, variants: new Map() }));
        if (entry.variants.has(encoding))
            return entry.variants.get(encoding);
        const found = load(file, encoding, options.compressMissing ?? false);
        entry.variants.set(encoding, found);
        return found;
    };
    return (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD')
            return next();
        // Allowed names need no escaping, so the raw path is compared as it is: "%2e%2e" never becomes "..".
        const name = req.path.replace(/^\//, '');
        if (!options.allow.test(name) || name.includes('/') || name.includes('\\') || name.startsWith('.')) {
            return next(new SafeMapError('NOT_FOUND', 'no such resource'));
        }
        const file = path.join(options.dir, name);
        const identity = variant(file, '');
        if (!identity)
            return next(new SafeMapError('NOT_FOUND', 'no such resource'));
        const ext = path.extname(name).toLowerCase();
        let chosen = identity;
        let encoding;
        if (COMPRESSIBLE.has(ext)) {
            res.setHeader('Vary', 'Accept-Encoding');
            for (const candidate of acceptedEncodings(req.get('accept-encoding'))) {
                const found = variant(file, candidate);
                if (found) {
                    [chosen, encoding] = [found, candidate];
                    break;
                }
            }
        }
        res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', VERSIONED.test(name) ? IMMUTABLE : `public, max-age=${options.maxAge}`);
        res.setHeader('ETag', chosen.etag);
        if (encoding)
            res.setHeader('Content-Encoding', encoding);
        options.setHeaders?.(res, name);
        if (req.fresh)
            return void res.status(304).end();
        res.setHeader('Content-Length', String(chosen.bytes.length));
        res.status(200).end(req.method === 'HEAD' ? undefined : chosen.bytes);
    };
}
function load(file, encoding, compressMissing) {
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '';
    let bytes;
    try {
        bytes = readFileSync(file + suffix);
    }
    catch {
        if (!encoding || !compressMissing)
            return undefined;
        const plain = readFileSync(file);
        bytes = encoding === 'br' ? brotliCompressSync(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(plain, { level: 9 });
    }
    // The content, not the file time, decides the validator, so a rebuild of the same bytes keeps caches valid.
    const hash = createHash('sha256').update(bytes).digest('base64url').slice(0, 27);
    return { bytes, etag: `"${hash}${encoding ? `-${encoding}` : ''}"` };
}
//# sourceMappingURL=static_assets.js.map