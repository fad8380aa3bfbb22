// The widget and page assets over real HTTP: precompressed variants by content negotiation, content-hashed immutable
// URLs that pages load, and no source maps or build metadata in public.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { acceptedEncodings } from '../../packages/tile-server/src/http/static_assets.js';
import { httpGet } from '../helpers/http_get.js';
import { startTestServer } from '../helpers/start_test_server.js';

const dist = new URL('../../packages/widget/dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dist), 'utf8')) as Record<string, string>;
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer('examples/busan/catalog.json');
});
afterAll(async () => {
  await server?.close();
});

describe('widget assets', () => {
  it.each(['safemap-widget.js', 'safemap-widget.mjs', 'maplibre-gl-worker.mjs'])('sends %s as brotli, gzip or plain bytes, all equal to the build', async (file) => {
    const plain = readFileSync(new URL(file, dist));
    const path = `/widget/${manifest[file]}`;
    const br = await httpGet(server.url, path, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);
    const gz = await httpGet(server.url, path, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);
    const none = await httpGet(server.url, path, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(plain)).toBe(true);
    // Each encoding has its own validator, and a match is a 304 with no body.
    expect(new Set([br.headers.etag, gz.headers.etag, none.headers.etag]).size).toBe(3);
    const again = await httpGet(server.url, path, { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('keeps the unversioned alias on a short cache, with the same bytes', async () => {
    const alias = await httpGet(server.url, '/widget/safemap-widget.js', { 'Accept-Encoding': 'br' });
    expect(alias.status).toBe(200);
    expect(alias.headers['cache-control']).toBe('public, max-age=300');
    expect(brotliDecompressSync(alias.body).equals(readFileSync(new URL('safemap-widget.js', dist)))).toBe(true);
  });

  it.each([
    '/widget/safemap-widget.js.map',
    '/widget/maplibre-gl-worker.mjs.map',
    '/widget/manifest.json',
    '/widget/sri.json',
    '/widget/safemap-widget.js.br',
    '/widget/types/index.d.ts',
    '/widget/..%2fpackage.json',
    '/widget/%2e%2e/package.json',
  ])('refuses %s', async (path) => {
    expect((await httpGet(server.url, path)).status).toBe(404);
  });

  it('serves the page loading the versioned bundle, and its stylesheet compressed', async () => {
    const page = await httpGet(server.url, '/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain(`/widget/${manifest['safemap-widget.js']}`);
    const css = await httpGet(server.url, '/page/agency.css', { 'Accept-Encoding': 'br' });
    expect(css.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(css.body).toString()).toBe(readFileSync('packages/tile-server/assets/page/agency.css', 'utf8'));
    const embed = await httpGet(server.url, '/embed');
    expect(embed.body.toString()).toContain(`widget/${manifest['safemap-widget.js']}`);
    const embedJs = await httpGet(server.url, '/embed/embed.js', { 'Accept-Encoding': 'gzip' });
    expect(embedJs.headers['content-encoding']).toBe('gzip');
  });
});

describe('acceptedEncodings', () => {
  it('prefers brotli, honours q=0 and the wildcard', () => {
    expect(acceptedEncodings('gzip, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=1.0, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});
