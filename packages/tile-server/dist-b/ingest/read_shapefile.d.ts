import { type TextEncoding } from './decode_text.js';
import type { SourceReader } from './source_reader.js';
/**
 * Reads a shapefile (`.shp` with its `.dbf`, `.prj`, `.cpg`/`.cst` beside it) or a `.zip` holding one or more. The
 * attribute encoding comes from `--encoding`, else the `.cpg` or `.cst` file, else CP949, what Korean GIS software
 * writes without saying so. The `.prj` is the file's stated CRS: passed on as WKT and, when it matches a known
 * code, as that code. Geometry and attributes are read by the `shapefile` package.
 */
export declare const readShapefile: SourceReader;
/** The files a `.shp` is read with (itself, then `.dbf`, `.prj`, `.cpg`, `.cst` when present): what its hash must cover. */
export declare function shapefileFiles(file: string): Promise<string[]>;
/** A code page as `.cpg`/`.cst` files state it: `UTF-8`, `65001`, `CP949`, `949`, `ANSI 949`, `EUC-KR`, `MS949`, `x-windows-949`, `SJIS`, `932`… */
export declare function codePage(stated: string): TextEncoding | undefined;
