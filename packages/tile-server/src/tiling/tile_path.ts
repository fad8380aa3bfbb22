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
 * as any text without a slash (so a bad one gets a 400 that says why, not a 404). One pattern per prefix, made once.
 */
const patterns = new Map<string, RegExp>();

function patternFor(prefix: string): RegExp {
  let pattern = patterns.get(prefix);
  if (pattern === undefined) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    patterns.set(prefix, (pattern = new RegExp(`^${escaped}([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{1,64}))?\\/([^/]*)\\/([^/]*)\\/([^/]*)\\.mvt$`)));
  }
  return pattern;
}

/**
 * Reads a tile URL under `prefix` (`/tiles/`, `/restricted/tiles/`), or returns undefined when `url` is not one. A
 * query string is ignored.
 */
export function parseTilePath(url: string, prefix: string): TilePath | undefined {
  const query = url.indexOf('?');
  const match = patternFor(prefix).exec(query === -1 ? url : url.slice(0, query));
  if (match === null) return undefined;
  return { id: match[1]!, version: match[2], z: match[3]!, x: match[4]!, y: match[5]! };
}
