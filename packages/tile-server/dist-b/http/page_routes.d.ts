import { Router, type Response } from 'express';
import type { Catalog } from '../catalog/catalog_schema.js';
export interface PageRouteOptions {
    /** Folder of the built widget (safemap-widget.js, .mjs, worker, their .br/.gz and manifest.json). */
    widgetDir: string;
    /** Folder of the example pages (the Busan demo's `index.html` and the embedding examples), served at `/examples/`. */
    examplesDir: string;
    /** The public part of the catalogue being served, from which `/` is generated. */
    getCatalog: () => Catalog;
    /** Folder of the generated page's script and stylesheet, served at `/page/`. */
    pageDir?: string;
    /** `frame-ancestors` sources allowed to frame SafeMap pages. */
    frameAncestors: readonly string[];
}
/** The CSP under which the widget runs with no violations when it comes from this origin. */
export declare function pageCsp(frameAncestors: readonly string[]): string;
/**
 * Sets the headers of an HTML page: its CSP, a same-origin resource policy, and `X-Frame-Options` only while framing
 * is limited to this origin (a configured `frame-ancestors` list supersedes it, and the two must not disagree).
 */
export declare function pageHeaderSetter(frameAncestors: readonly string[]): (res: Response) => void;
/**
 * Rewrites a page's references to the widget's unversioned files (`widget/safemap-widget.js`) to the versioned names
 * of the current build, read from the widget's manifest.json, so pages load bundles cached for a year and a new
 * build is a new URL. Without a manifest the page is left as it is.
 */
export declare function widgetVersioner(widgetDir: string): (html: string) => string;
/** The agency's page generated from the catalogue, its assets, the widget bundle and the example pages. */
export declare function pageRoutes(options: PageRouteOptions): Router;
