import { getWorkerUrl, setWorkerUrl } from 'maplibre-gl';

/**
 * File name of MapLibre's worker, shipped next to the widget bundles: the versioned name the build wrote (cached for a
 * year, like the bundle), or the unversioned alias when this source runs unbundled.
 */
export const WORKER_FILE = typeof __SAFEMAP_WORKER_FILE__ === 'string' ? __SAFEMAP_WORKER_FILE__ : 'maplibre-gl-worker.mjs';

/** The worker URL beside a script URL; undefined when the script URL is not http(s). */
export function workerUrlFor(scriptUrl: string): string | undefined {
  try {
    const url = new URL(WORKER_FILE, scriptUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Points MapLibre at the worker shipped beside the widget script, unless the host page has
 * already chosen a worker URL (e.g. its bundler emits the worker elsewhere).
 */
export function configureWorker(scriptUrl: string): void {
  if (getWorkerUrl()) return;
  const url = workerUrlFor(scriptUrl);
  if (url) setWorkerUrl(workerBootstrapUrl(url));
}

/**
 * A blob module that imports the worker. A worker started from its own URL runs under the CSP
 * header of the worker file's response, which servers and CDNs often set to `default-src 'none'`
 * for every static file, silently blocking every tile fetch; a blob worker runs under the page's
 * policy instead, the same one whether the widget is embedded from this origin or another.
 */
export function workerBootstrapUrl(workerUrl: string): string {
  if (typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') return workerUrl;
  return URL.createObjectURL(new Blob([`import ${JSON.stringify(workerUrl)};\n`], { type: 'text/javascript' }));
}
