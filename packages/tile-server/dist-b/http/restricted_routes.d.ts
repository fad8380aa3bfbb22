import { Router, type Request } from 'express';
import type { RestrictedAccess } from '../security/security_options.js';
import type { WorkLimiter } from '../security/work_limiter.js';
export interface RestrictedRouteOptions {
    getRestricted: () => RestrictedAccess | undefined;
    baseUrl: (req: Request) => string;
    work: WorkLimiter | undefined;
    /** For the look-up routes shared with public tile sets; they never build a URL under `/restricted`. */
    publicUrl: string | undefined;
    fallbackUrl: string;
}
/**
 * Restricted layers under `/restricted/tiles/…`: the same tiles and TileJSON as public sets, but every request must
 * carry an API key (X-SafeMap-Key or `?key=`) valid for the tile set and bound to the page's origin. Answers are
 * private to the browser: shared caches must not keep them, and they vary by origin and key.
 */
export declare function restrictedRoutes(options: RestrictedRouteOptions): Router;
