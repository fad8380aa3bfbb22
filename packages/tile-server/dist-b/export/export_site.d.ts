import { type Logger } from '../log.js';
import { type SiteFile } from './site_headers.js';
export interface ExportOptions {
    readonly catalogPath: string;
    readonly outDir: string;
    /** Replace an existing, non-empty output folder. */
    readonly force?: boolean;
    /** Absolute URL the folder will be served at; without it every link is relative and the folder works anywhere. */
    readonly publicUrl?: string;
    /** `frame-ancestors` of the page's CSP (default `'self'`, as the server). */
    readonly frameAncestors?: readonly string[];
    /** Most features a layer may have to get a static look-up file (search, nearest, lists). */
    readonly maxLookupFeatures?: number;
    readonly widgetDir?: string;
    readonly pageDir?: string;
    readonly logger?: Logger;
}
export interface ExportResult {
    readonly outDir: string;
    /** Every file a client may request, with how it is served and its size in bytes. */
    readonly files: ReadonlyArray<SiteFile & {
        bytes: number;
    }>;
    readonly tilesets: ReadonlyArray<{
        id: string;
        version: string;
        built: boolean;
        lookups: string[];
        lookupsSkipped: Array<{
            layer: string;
            count: number;
        }>;
    }>;
}
/**
 * `safemap export`: the public map as a self-contained folder for any static host. `index.html` is the map; the
 * widget reads tiles straight from the PMTiles archives with HTTP range requests, so no SafeMap process is needed.
 * Restricted layers are never exported: everything comes from the public part of the catalogue. The folder is
 * written beside the output and renamed into place, so a failed export never leaves half a site.
 */
export declare function exportSite(options: ExportOptions): Promise<ExportResult>;
