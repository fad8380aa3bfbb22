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
    if (!sameName(raw[i]!, name)) continue;
    found = found === undefined ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`;
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
