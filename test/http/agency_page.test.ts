import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { tileForPosition } from '../../packages/tile-server/src/tiling/tile_coords.js';
import { httpGet } from '../helpers/http_get.js';
import { createSecurityFixture, startFixtureServer } from '../security/security_fixture.js';

/** `/` is the agency's page, generated from its catalogue, whatever the examples folder holds. */
const fixture = createSecurityFixture();
const catalog = JSON.parse(readFileSync(fixture.catalogPath, 'utf8')) as Record<string, unknown> & { tilesets: Array<Record<string, unknown>> };
catalog.site = {
  agency: { ko: '해운대구 <b>안전</b>총괄과', en: 'Haeundae-gu "Safety" Office' },
  intro: { ko: '우리 구의 대피소를 찾아보세요 & 확인하세요.', en: 'Find our district\'s shelters <script>alert(1)</script>.' },
  contact: '051-749-4000',
};
catalog.tilesets[0]!.title = { ko: '해운대구 안전지도', en: 'Haeundae-gu Safety Map' };
writeFileSync(fixture.catalogPath, JSON.stringify(catalog));
let server: RunningServer;

beforeAll(async () => {
  server = await startFixtureServer(fixture, { publishPollMs: 0 });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('the page at /', () => {
  it('carries the catalogue title, agency, intro, contact and credits, escaped, under the page CSP', async () => {
    const response = await httpGet(server.url, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['cache-control']).toBe('no-cache');
    const html = response.body.toString('utf8');
    expect(html).toContain('<title>해운대구 안전지도 · Haeundae-gu Safety Map</title>');
    expect(html).toContain('<h1><span data-lang="ko">해운대구 안전지도</span><span data-lang="en" lang="en" hidden>Haeundae-gu Safety Map</span></h1>');
    // Catalogue text is shown as text: no element of it reaches the page as markup.
    expect(html).toContain('해운대구 &#60;b&#62;안전&#60;/b&#62;총괄과');
    expect(html).toContain('Haeundae-gu &#34;Safety&#34; Office');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    expect(html).toContain('우리 구의 대피소를 찾아보세요 &#38; 확인하세요.');
    expect(html).toContain('051-749-4000');
    // Every public layer's credit; the map of the first tile set.
    expect(html).toContain('shelters test data');
    expect(html).toContain('<safety-map class="city-map" tileset="city">');
    // Only this origin's script and stylesheet; never the examples folder's page.
    expect([...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1])).toEqual(['/page/agency.js', '/widget/safemap-widget.js']);
    expect(html).not.toContain('<title>agency</title>');
    // What the map reads first is asked for with the page, not one round trip after another.
    expect([...html.matchAll(/<link rel="preload" href="([^"]+)" as="fetch" crossorigin="anonymous">/g)].map((match) => match[1])).toEqual(['/catalog', '/styles/city.json']);
    // So is MapLibre's worker module, which the widget's script would otherwise ask for only once it has run.
    expect(html).toMatch(/<link rel="modulepreload" href="\/widget\/maplibre-gl-worker(?:\.[0-9a-f]{12})?\.mjs">/);
  });

  it('never names a restricted layer or its credit', async () => {
    const html = (await httpGet(server.url, '/')).body.toString('utf8');
    expect(html).not.toContain('patrol');
  });

  it('says where its map opens and the safety tiles there, as the style does, so the page can fetch them first', async () => {
    const response = await httpGet(server.url, '/');
    const block = /<script type="application\/json" id="safemap-first-view">([^<]*)<\/script>/.exec(response.body.toString('utf8'));
    expect(block).not.toBeNull();
    const view = JSON.parse(block![1]!) as { tiles: string; z: number; x: number; y: number; tilePixels: number; range: number[] };
    const id = catalog.tilesets[0]!.id as string;
    const style = JSON.parse((await httpGet(server.url, `/styles/${id}.json`)).body.toString('utf8')) as { sources: Record<string, { tiles: string[]; minzoom: number; maxzoom: number; bounds: number[] }> };
    const source = style.sources[id]!;
    // The same URL template MapLibre gets, and the catalogue's opening view in the grid of the tiles it will ask for.
    expect(view.tiles).toBe(source.tiles[0]);
    const listed = JSON.parse((await httpGet(server.url, '/catalog')).body.toString('utf8')) as { tilesets: Array<{ center: [number, number, number] }> };
    const [lon, lat, zoom] = listed.tilesets[0]!.center;
    expect(view.z).toBe(Math.min(Math.floor(zoom), source.maxzoom));
    const centre = tileForPosition(lon, lat, view.z);
    expect([Math.floor(view.x), Math.floor(view.y)]).toEqual([centre.x, centre.y]);
    expect(view.tilePixels).toBeCloseTo(512 * 2 ** (zoom - view.z));
    const [west, south, east, north] = source.bounds as [number, number, number, number];
    const northWest = tileForPosition(west, north, view.z);
    const southEast = tileForPosition(east, south, view.z);
    expect(view.range).toEqual([northWest.x, northWest.y, southEast.x, southEast.y]);
    // The tile URLs are built from the request's Host, so caches keep one page per Host.
    expect(response.headers.vary).toContain('Host');
  });

  it('is still served to a Host it does not answer for, without tile URLs built from that Host', async () => {
    const response = await httpGet(server.url, '/', { Host: 'evil.example' });
    expect(response.status).toBe(200);
    const html = response.body.toString('utf8');
    expect(html).not.toContain('safemap-first-view');
    expect(html).not.toContain('evil.example');
  });

  it('serves its script and stylesheet, and nothing else, from /page/', async () => {
    const script = await httpGet(server.url, '/page/agency.js');
    expect(script.status).toBe(200);
    expect(script.body.toString('utf8')).toContain("querySelectorAll('h1 [data-lang]')");
    expect((await httpGet(server.url, '/page/agency.css')).status).toBe(200);
    expect((await httpGet(server.url, '/page/../catalog.json')).status).toBe(404);
    expect((await httpGet(server.url, '/page/agency.html')).status).toBe(404);
  });

  it('the examples folder is still served at /examples/, as its own page', async () => {
    const demo = await httpGet(server.url, '/examples/index.html');
    expect(demo.status).toBe(200);
    expect(demo.body.toString('utf8')).toContain('<title>agency</title>');
  });
});
