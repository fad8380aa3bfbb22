/** Bounds on what a zip (a zipped shapefile, a KMZ, an XLSX) may expand to, declared once. */
export declare const zipLimits: {
    /** Bytes all the entries read from one archive may expand to. */
    readonly totalBytes: number;
    /** Expansion ratio above which a large entry is taken for a zip bomb (real DBF files compress about 10–100×). */
    readonly ratio: 1000;
    /** Entries smaller than this are never judged by their ratio: a tiny file of spaces compresses to almost nothing. */
    readonly ratioFloorBytes: number;
    /** Entries in the central directory. */
    readonly entries: 100000;
};
/** One file inside a zip, with its name decoded (UTF-8 when flagged or valid, else the Korean or Japanese code page). */
export interface ZipEntryInfo {
    readonly name: string;
    readonly size: number;
    readonly compressedSize: number;
}
/** An open zip: its entries, and each entry's bytes on request, within {@link zipLimits}. */
export interface ZipArchive {
    readonly entries: readonly ZipEntryInfo[];
    /** The bytes of one entry, in memory (for XML parts). */
    read(name: string): Promise<Buffer>;
    /** Writes one entry to a file (for parts a library reads from disk). */
    extract(name: string, to: string): Promise<void>;
    close(): void;
}
/**
 * Opens a zip for reading entries one by one. Entry names are never used as paths, so `../` names cannot escape;
 * sizes are checked against the central directory before any byte is inflated, and yauzl refuses an entry that
 * inflates beyond its declared size, so a lying header cannot expand without bound either.
 */
export declare function openZip(file: string, label?: string): Promise<ZipArchive>;
/** Whether the bytes start like a zip (PK\x03\x04), as XLSX, KMZ and zipped shapefiles do. */
export declare function isZipSignature(bytes: Uint8Array): boolean;
