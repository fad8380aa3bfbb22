import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer';
// Brings in the types of <safety-map> and its events for the code that runs in the page.
import type {} from '../../packages/widget/src/safety_map_element.js';

/** The placeholder origin the README's published policy is written with. */
export const README_SERVER_ORIGIN = 'https://map.example.go.kr';
const MAP_TIMEOUT_MS = 40_000;

/**
 * The minimal host-page CSP published in the README ("Embed the map"), for a widget served from `serverOrigin`.
 * Read from the README itself, so the test proves exactly the policy agencies are told to use.
 */
export function publishedAgencyCsp(serverOrigin: string): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const match = /<!-- agency-csp -->\s*```text\n([^`]+?)\n```/.exec(readme);
  if (!match) throw new Error('README.md has no <!-- agency-csp --> policy block');
  return match[1]!.trim().replaceAll(README_SERVER_ORIGIN, serverOrigin);
}

/** The SRI hashes the widget build wrote (packages/widget/dist/sri.json), by versioned file name. */
export function builtSri(): Record<string, string> {
  return JSON.parse(readFileSync(new URL('../../packages/widget/dist/sri.json', import.meta.url), 'utf8')) as Record<string, string>;
}

/** The versioned file name of a shipped widget file (packages/widget/dist/manifest.json), as the README pins it. */
export function versionedWidgetFile(file: string): string {
  const manifest = JSON.parse(readFileSync(new URL('../../packages/widget/dist/manifest.json', import.meta.url), 'utf8')) as Record<string, string>;
  return manifest[file]!;
}

/** An agency site on its own origin: one page embedding the widget with one script tag, under `csp`. */
export interface AgencySite {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startAgencySite(serverOrigin: string, csp: string): Promise<AgencySite> {
  const bundle = versionedWidgetFile('safemap-widget.js');
  const integrity = builtSri()[bundle];
  const html = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>구청 누리집 · District office</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/site.css">
<script src="${serverOrigin}/widget/${bundle}" integrity="${integrity}" crossorigin="anonymous" defer></script>
</head>
<body>
<main><h1>우리 동네 안전지도</h1><safety-map server="${serverOrigin}" lang="ko"></safety-map></main>
</body>
</html>`;
  const css = 'body{margin:0;font-family:sans-serif}main{padding:8px}safety-map{display:block;height:70vh;min-height:320px}';
  const server: Server = createServer((req, res) => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (req.url === '/') res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    else if (req.url === '/site.css') res.writeHead(200, { ...headers, 'Content-Type': 'text/css' }).end(css);
    else res.writeHead(404, headers).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

declare global {
  interface Window {
    embedWatch: { ready: boolean; errors: string[]; violations: string[] };
  }
}

/** Problems seen by a watched page: page errors, console errors and failed or refused requests. */
export interface PageWatch {
  readonly problems: string[];
  /** CSP violations and widget error events recorded inside the page (all frames). */
  inPage(): Promise<string[]>;
}

/** Starts collecting problems; call before navigating. Violations are caught from the very first script. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // MapLibre cancels requests for tiles that left the view; a cancelled request is not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    const state = { ready: false, errors: [] as string[], violations: [] as string[] };
    window.embedWatch = state;
    document.addEventListener(
      'securitypolicyviolation',
      (event) => state.violations.push(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`),
      true,
    );
    document.addEventListener('safetymap:ready', () => (state.ready = true));
    document.addEventListener('safetymap:error', (event) => state.errors.push(event.detail.error.message));
  });
  return {
    problems,
    async inPage() {
      const out: string[] = [];
      for (const frame of page.frames()) {
        const found = await frame.evaluate(() =>
          window.embedWatch
            ? [...window.embedWatch.violations.map((v) => `CSP violation: ${v}`), ...window.embedWatch.errors.map((e) => `safetymap:error: ${e}`)]
            : [],
        );
        out.push(...found);
      }
      return out;
    },
  };
}

/** Waits in `page` (or its first frame holding a map) for `safetymap:ready`, then for the map's next `idle`. */
export async function waitForMap(page: Page): Promise<void> {
  const frame = await mapFrame(page);
  await frame.waitForFunction(() => window.embedWatch?.ready || (window.embedWatch?.errors.length ?? 0) > 0, { timeout: MAP_TIMEOUT_MS });
  await frame.evaluate(
    (timeout) =>
      new Promise<void>((resolve, reject) => {
        const map = document.querySelector('safety-map')?.map;
        if (!map) return reject(new Error('the <safety-map> has no map'));
        const timer = setTimeout(() => reject(new Error(`map not idle after ${timeout} ms`)), timeout);
        // `idle` can come before the first tiles are even requested; wait for one with features drawn.
        const check = () => {
          if (map.areTilesLoaded() && map.queryRenderedFeatures().length > 0) {
            clearTimeout(timer);
            resolve();
          } else {
            map.once('idle', check);
            map.triggerRepaint();
          }
        };
        check();
      }),
    MAP_TIMEOUT_MS,
  );
}

/** Rendered feature count per catalogue layer (`safemap:layer` or `safemap:basemap` metadata). */
export async function renderedCounts(page: Page): Promise<Record<string, number>> {
  const frame = await mapFrame(page);
  return frame.evaluate(() => {
    const map = document.querySelector('safety-map')!.map!;
    const counts: Record<string, number> = {};
    for (const feature of map.queryRenderedFeatures()) {
      const metadata = feature.layer.metadata as Record<string, string> | undefined;
      const id = metadata?.['safemap:layer'] ?? metadata?.['safemap:basemap'] ?? '(none)';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  });
}

async function mapFrame(page: Page) {
  const deadline = Date.now() + MAP_TIMEOUT_MS;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.evaluate(() => document.querySelector('safety-map') !== null).catch(() => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error('no frame holds a <safety-map>');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
