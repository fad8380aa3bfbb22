import type { IncomingMessage } from 'node:http';

/**
 * One request header, read from `rawHeaders` as received; `name` is lower-case. Repeated headers are joined with ", ",
 * as `req.headers` joins them. Node builds `req.headers` as an object of every header the first time it is read, and
 * on a cached tile that was a tenth of the work this server does for a request (a browser sends a dozen headers, the
 * tile endpoint reads three).
 */
export function rawHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  let found: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (sameName(raw[i]!, name)) found = joined(found, raw[i + 1]!);
  }
  return found;
}

/** Whether a header name as sent equals a lower-case name, compared without making a lower-case copy. */
function sameName(sent: string, name: string): boolean {
  if (sent.length !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    let code = sent.charCodeAt(i);
    if (code >= 65 && code <= 90) code += 32;
    if (code !== name.charCodeAt(i)) return false;
  }
  return true;
}

/** The request headers a tile answer depends on. */
export interface TileRequestHeaders {
  readonly origin: string | undefined;
  readonly acceptEncoding: string | undefined;
  readonly ifNoneMatch: string | undefined;
}

/**
 * Origin, Accept-Encoding and If-None-Match in one pass over `rawHeaders`, joined as rawHeader joins them. A browser
 * sends a dozen headers with every tile; three passes over them cost as much as the rest of a cached tile's look-up.
 */
export function tileRequestHeaders(req: IncomingMessage): TileRequestHeaders {
  const raw = req.rawHeaders;
  let origin: string | undefined;
  let acceptEncoding: string | undefined;
  let ifNoneMatch: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    // The spelling clients send is compared first, as a whole: one native comparison instead of a loop over letters.
    if (name === 'Accept-Encoding' || sameName(name, 'accept-encoding')) acceptEncoding = joined(acceptEncoding, raw[i + 1]!);
    else if (name === 'Origin' || sameName(name, 'origin')) origin = joined(origin, raw[i + 1]!);
    else if (name === 'If-None-Match' || sameName(name, 'if-none-match')) ifNoneMatch = joined(ifNoneMatch, raw[i + 1]!);
  }
  return { origin, acceptEncoding, ifNoneMatch };
}

function joined(found: string | undefined, value: string): string {
  return found === undefined ? value : `${found}, ${value}`;
}
