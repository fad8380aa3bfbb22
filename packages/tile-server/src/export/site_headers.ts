import type { Response } from 'express';
import { pageCsp, pageHeaderSetter } from '../http/page_routes.js';
import { securityHeaders, TILE_HEADERS } from '../http/security_headers.js';

/**
 * How a file of the exported folder is served:
 * - `page`: index.html, the map itself; the server's page headers and CSP, revalidated on every visit;
 * - `document`: catalogue, styles, TileJSON, gazetteers (unversioned names whose content changes on re-export);
 * - `immutable`: content-hashed names (archives, widget, sprites, look-ups, page assets), cached for a year.
 */
export type FileKind = 'page' | 'document' | 'immutable';

export interface SiteFile {
  /** Folder-relative, `/`-separated. */
  readonly path: string;
  readonly kind: FileKind;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** The headers of one kind of file, as the server sends them for the same kind of response. */
export function headersFor(kind: FileKind, frameAncestors: readonly string[]): Record<string, string> {
  if (kind === 'page') {
    const headers: Record<string, string> = { ...securityHeaders('page') };
    const recorder = { setHeader: (name: string, value: string) => void (headers[name] = value), removeHeader: (name: string) => void delete headers[name] };
    pageHeaderSetter(frameAncestors)(recorder as unknown as Response);
    return { ...headers, 'Cache-Control': REVALIDATE };
  }
  // Public data may be read by other origins' pages that embed the map from this folder, as from the server.
  const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag, Content-Range, Content-Length' };
  if (kind === 'document') return { ...securityHeaders('data'), ...cors, 'Cache-Control': REVALIDATE };
  return { ...TILE_HEADERS, ...cors, 'Cache-Control': IMMUTABLE };
}

/** The CSP of the page for a `<meta>` element: what a host that cannot set headers still enforces (no frame-ancestors there). */
export function metaCsp(frameAncestors: readonly string[]): string {
  return pageCsp(frameAncestors)
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}

/** Headers every kind shares, sent for every path (404s included); the per-file rules then never repeat a name. */
function commonHeaders(frameAncestors: readonly string[]): Record<string, string> {
  const kinds = (['page', 'document', 'immutable'] as const).map((kind) => headersFor(kind, frameAncestors));
  return Object.fromEntries(Object.entries(kinds[0]!).filter(([name, value]) => kinds.every((set) => set[name] === value)));
}

function ownHeaders(kind: FileKind, frameAncestors: readonly string[]): Record<string, string> {
  const common = commonHeaders(frameAncestors);
  return Object.fromEntries(Object.entries(headersFor(kind, frameAncestors)).filter(([name]) => !Object.hasOwn(common, name)));
}

/** URL paths a file answers: index.html also answers the folder itself. */
function urlPaths(file: SiteFile): string[] {
  return file.path === 'index.html' ? ['/', '/index.html'] : [`/${file.path}`];
}

/**
 * A `_headers` file (Netlify, Cloudflare Pages and hosts that copy their format). Every file is named exactly, so no
 * wildcard rule can overlap another: those hosts join the values of a header set by two matching rules.
 */
export function headersFile(files: readonly SiteFile[], frameAncestors: readonly string[]): string {
  const block = (pattern: string, headers: Record<string, string>) => [pattern, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  const blocks = [block('/*', commonHeaders(frameAncestors))];
  for (const file of files) for (const url of urlPaths(file)) blocks.push(block(url, ownHeaders(file.kind, frameAncestors)));
  return `# SafeMap static export: response headers per file (Netlify / Cloudflare Pages format).\n${blocks.join('\n')}\n`;
}

/**
 * An nginx snippet for the `server {}` block that serves the folder (`root` set to it): MIME types the folder needs
 * (`.mjs` and `.pmtiles` are missing from many mime.types), precompressed `.gz` siblings (`.br` too where the brotli
 * module is loaded, which this snippet cannot assume: `brotli_static` fails without it), and one exact location per
 * file with its full header set (nginx's `add_header` in a location replaces every inherited one).
 */
export function nginxSnippet(files: readonly SiteFile[], frameAncestors: readonly string[]): string {
  const add = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => `    add_header ${name} ${quote(value)} always;`);
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
    // Text files have .gz and .br siblings; Vary tells caches the answer depends on Accept-Encoding.
    '# With the brotli module loaded (Debian: libnginx-mod-http-brotli-static), add "brotli_static on;" beside this include.',
    'gzip_static on;',
    'gzip_vary on;',
    'location / {',
    ...add(commonHeaders(frameAncestors)),
    '}',
  ];
  for (const file of files) {
    lines.push(`location = /${file.path} {`, ...add(headersFor(file.kind, frameAncestors)));
    // Archives are read by byte ranges: never compressed on the fly, which would disable ranges.
    if (file.path.endsWith('.pmtiles')) lines.push('    gzip off;');
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
