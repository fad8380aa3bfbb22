import { pageCsp, pageHeaderSetter } from '../http/page_routes.js';
import { securityHeaders, TILE_HEADERS } from '../http/security_headers.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** The headers of one kind of file, as the server sends them for the same kind of response. */
export function headersFor(kind, frameAncestors) {
    if (kind === 'page') {
        const headers = { ...securityHeaders('page') };
        const recorder = { setHeader: (name, value) => void (headers[name] = value), removeHeader: (name) => void delete headers[name] };
        pageHeaderSetter(frameAncestors)(recorder);
        return { ...headers, 'Cache-Control': REVALIDATE };
    }
    // Public data may be read by other origins' pages that embed the map from this folder, as from the server.
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Content-Range, Content-Length' };
    if (kind === 'document')
        return { ...securityHeaders('data'), ...cors, 'Cache-Control': REVALIDATE };
    return { ...TILE_HEADERS, ...cors, 'Cache-Control': IMMUTABLE };
}
/** The CSP of the page for a `<meta>` element: what a host that cannot set headers still enforces (no frame-ancestors there). */
export function metaCsp(frameAncestors) {
    return pageCsp(frameAncestors)
        .split('; ')
        .filter((directive) => !directive.startsWith('frame-ancestors'))
        .join('; ');
}
/** Headers every kind shares, sent for every path (404s included); the per-file rules then never repeat a name. */
function commonHeaders(frameAncestors) {
    const kinds = ['page', 'document', 'immutable'].map((kind) => headersFor(kind, frameAncestors));
    return Object.fromEntries(Object.entries(kinds[0]).filter(([name, value]) => kinds.every((set) => set[name] === value)));
}
function ownHeaders(kind, frameAncestors) {
    const common = commonHeaders(frameAncestors);
    return Object.fromEntries(Object.entries(headersFor(kind, frameAncestors)).filter(([name]) => !Object.hasOwn(common, name)));
}
/** URL paths a file answers: index.html also answers the folder itself. */
function urlPaths(file) {
    return file.path === 'index.html' ? ['/', '/index.html'] : [`/${file.path}`];
}
/**
 * A `_headers` file (Netlify, Cloudflare Pages and hosts that copy their format). Every file is named exactly, so no
 * wildcard rule can overlap another: those hosts join the values of a header set by two matching rules.
 */
export function headersFile(files, frameAncestors) {
    const block = (pattern, headers) => [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
    const blocks = [block('/*', commonHeaders(frameAncestors))];
    for (const file of files)
        for (const url of urlPaths(file))
            blocks.push(block(url, ownHeaders(file.kind, frameAncestors)));
    return `# SafeMap static export: response headers per file (Netlify / Cloudflare Pages format).\n${blocks.join('\n')}\n`;
}
/**
 * An nginx snippet for the `server {}` block that serves the folder (`root` set to it): MIME types the folder needs
 * (`.mjs` and `.pmtiles` are missing from many mime.types), precompressed `.gz` siblings, and one exact location per
 * file with its full header set (nginx's `add_header` in a location replaces every inherited one).
 */
export function nginxSnippet(files, frameAncestors) {
    const add = (headers) => Object.entries(headers).map(([name, value]) => `    add_header ${name} ${quote(value)} always;`);
    const lines = [
        '# SafeMap static export: include inside the server { } block whose root is this folder.',
        // `/` is answered by an internal redirect to /index.html, whose location then sets the page headers.
        'index index.html;',
        'types {',
        '    text/html html;',
        '    text/css css;',
        '    text/javascript js mjs;',
        '    application/json json;',
        '    image/png png;',
        '    application/vnd.pmtiles pmtiles;',
        '}',
        'default_type application/octet-stream;',
        'gzip_static on;',
        'location / {',
        ...add(commonHeaders(frameAncestors)),
        '}',
    ];
    for (const file of files) {
        lines.push(`location = /${file.path} {`, ...add(headersFor(file.kind, frameAncestors)));
        // Archives are read by byte ranges: never compressed on the fly, which would disable ranges.
        if (file.path.endsWith('.pmtiles'))
            lines.push('    gzip off;');
        lines.push('}');
    }
    return `${lines.join('\n')}\n`;
}
function quote(value) {
    return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
//# sourceMappingURL=site_headers.js.map