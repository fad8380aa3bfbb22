import type { Request } from 'express';

const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base URL that TileJSON and styles point clients at. A configured public URL wins; otherwise the request's
 * Host is used only when it is a plain host name, so a forged header cannot inject markup or paths.
 */
export function publicBaseUrl(req: Request, configured: string | undefined, fallback: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = req.get('host');
  if (!host || !hostPattern.test(host)) return fallback;
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}
