/** The parts of a tile URL: `{prefix}{id}[@{version}]/{z}/{x}/{y}.mvt`, z/x/y still as sent (parseTileCoords judges them). */
export interface TilePath {
  readonly id: string;
  readonly version: string | undefined;
  readonly z: string;
  readonly x: string;
  readonly y: string;
}

/**
 * The grammar after the prefix: a tile set id `[a-z][a-z0-9_-]{0,63}`, a version of 1 to 64 hex digits, and z, x and y
 * as any text without a slash (so a bad one gets a 400 that says why, not a 404).
 */
const GRAMMAR = String.raw`([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{1,64}))?\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$`;

/** The two places tiles are served from: public tile sets, and restricted ones behind an API key. */
const PATTERNS = {
  '/tiles/': new RegExp(String.raw`^\/tiles\/${GRAMMAR}`),
  '/restricted/tiles/': new RegExp(String.raw`^\/restricted\/tiles\/${GRAMMAR}`),
} as const;

/** Reads a tile URL under `prefix`, or returns undefined when `url` is not one. A query string is ignored. */
export function parseTilePath(url: string, prefix: keyof typeof PATTERNS): TilePath | undefined {
  const query = url.indexOf('?');
  const match = PATTERNS[prefix].exec(query === -1 ? url : url.slice(0, query));
  if (match === null) return undefined;
  return { id: match[1]!, version: match[2], z: match[3]!, x: match[4]!, y: match[5]! };
}
