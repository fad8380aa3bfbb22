import type { RequestHandler, Response } from 'express';
export interface StaticAssetOptions {
    /** Folder served. Only files directly inside it, named by `allow`. */
    dir: string;
    /** File names that may be served. */
    allow: RegExp;
    /** Seconds an unversioned file may be cached. */
    maxAge: number;
    /**
     * When true, text files without `.br`/`.gz` siblings are compressed once in memory and kept (for small page assets
     * that have no build step); otherwise only the siblings written at build time are sent compressed.
     */
    compressMissing?: boolean;
    /** Called on every answer before it is sent, e.g. to add a page CSP. */
    setHeaders?: (res: Response, file: string) => void;
}
/** Encodings a request accepts, by preference: brotli, then gzip; q=0 refuses one. */
export declare function acceptedEncodings(header: string | undefined): Array<'br' | 'gzip'>;
/**
 * Serves the files of one folder by content negotiation: `file.br` or `file.gz` when the client accepts it (with
 * `Content-Encoding` and `Vary: Accept-Encoding`), else the file itself. Versioned names are immutable for a year;
 * the rest revalidate after `maxAge`. Files are read once and kept while their size and time stay the same, so a
 * rebuild is picked up without a restart.
 */
export declare function staticAssets(options: StaticAssetOptions): RequestHandler;
