import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
/** Tiles finer than this zoom are logged as their ancestor at this zoom: a z18 tile is a house, a z12 tile a district. */
export declare const LOGGED_MAX_ZOOM = 12;
/**
 * The path as it may be kept: no query string (it can carry `?key=` or a searched location), tile coordinates
 * coarsened to z12, and hostile paths cut short.
 */
export declare function loggablePath(url: string): string;
/**
 * Returns a hook that logs each request when its response finishes, or undefined when `info` is off (then it costs
 * nothing). Entries hold a /24 or /48 network, never a full address, and never headers: keys and cookies stay out.
 */
export declare function createAccessLog(logger: Logger, trustedHops: number): ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
