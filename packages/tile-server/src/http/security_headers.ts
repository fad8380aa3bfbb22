import helmet from 'helmet';

/** What a response is, for the headers that differ between API data and HTML pages. */
export type ResponseKind = 'data' | 'page';

/**
 * The CSP of every non-HTML response: JSON, tiles and problems are never rendered, so nothing may load or frame them.
 * Pages replace it with `pageCsp`.
 */
export const DATA_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * helmet's default header set, computed once at start-up so the tile fast path can send it without running
 * middleware. Two values differ from helmet's defaults on purpose: data responses get a CSP that allows nothing, and
 * `Cross-Origin-Resource-Policy: cross-origin`, because tiles, styles and the widget bundle exist to be used by other
 * origins' pages (a `same-origin` policy would break every embedding agency page).
 */
export function securityHeaders(kind: ResponseKind = 'data'): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const middleware = helmet({
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: kind === 'page' ? 'same-origin' : 'cross-origin' },
  });
  const fakeResponse = {
    setHeader: (name: string, value: string) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  middleware({} as never, fakeResponse as never, () => undefined);
  if (kind === 'data') headers['Content-Security-Policy'] = DATA_CSP;
  return Object.freeze(headers);
}

/** The data header set as a flat `[name, value, …]` list, the cheapest form for `writeHead`. */
export function securityHeaderList(kind: ResponseKind = 'data'): readonly string[] {
  return Object.freeze(Object.entries(securityHeaders(kind)).flat());
}
