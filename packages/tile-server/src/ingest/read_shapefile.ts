import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { SafeMapError } from '../errors.js';
import { normalizeEncoding, type TextEncoding } from './decode_text.js';
import { displayText, quoted } from './display_text.js';
import { matchWkt } from './match_wkt.js';
import { emitBounded } from './bound_vertices.js';
import { DbfReader } from './read_dbf.js';
import { openZip } from './read_zip.js';
import type { RawRecord } from './record_stage.js';
import type { ReaderFacts, SourceReader } from './source_reader.js';

/** The parts of one shapefile, found on disk or extracted from a zip; `dbf` and the rest may be missing. */
interface ShapefileParts {
  /** How messages name it: `roads.shp`, or `roads.zip!roads/roads.shp`. */
  readonly label: string;
  readonly shp: string;
  readonly dbf?: string;
  readonly prj?: string;
  readonly cpg?: string;
  readonly cst?: string;
}

const siblingExtensions = ['.dbf', '.prj', '.cpg', '.cst'] as const;

/**
 * Reads a shapefile (`.shp` with its `.dbf`, `.prj`, `.cpg`/`.cst` beside it) or a `.zip` holding one or more. The
 * attribute encoding comes from `--encoding`, else the `.cpg` or `.cst` file, else CP949, what Korean GIS software
 * writes without saying so. The `.prj` is the file's stated CRS: passed on as WKT and, when it matches a known
 * code, as that code. Geometry is read by the `shapefile` package, attributes by {@link DbfReader}.
 */
export const readShapefile: SourceReader = async (file, options, emit) => {
  const facts: ReaderFacts = { format: 'shapefile', encoding: '', problems: [], coarseLines: [], unplaced: 0 };
  if (path.extname(file).toLowerCase() !== '.zip') {
    await readParts(file, await partsBeside(file), options.encoding, facts, emit, { next: 0 });
    return facts;
  }
  const zip = await openZip(file);
  const dir = await mkdtemp(path.join(tmpdir(), 'safemap-shp-'));
  try {
    const shps = zip.entries.filter((entry) => /\.shp$/i.test(entry.name) && !/(^|\/)(__MACOSX\/|\._)/.test(entry.name));
    if (shps.length === 0) {
      const names = zip.entries.slice(0, 20).map((entry) => quoted(entry.name));
      throw new SafeMapError(
        'SOURCE_INVALID',
        `${displayText(file)}: the zip holds no shapefile (.shp); entries seen: ${names.join(', ') || 'none'}. ` +
          'Unzip it and give the file itself, or convert it: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson /vsizip/' + displayText(file),
        { file },
      );
    }
    const counter = { next: 0 };
    const members: string[] = [];
    for (const [index, shp] of shps.entries()) {
      const stem = shp.name.slice(0, -4).toLowerCase();
      const extract = async (name: string, extension: string) => {
        const to = path.join(dir, `${index}${extension}`);
        await zip.extract(name, to);
        return to;
      };
      const parts: { -readonly [K in keyof ShapefileParts]: ShapefileParts[K] } = { label: `${path.basename(file)}!${shp.name}`, shp: await extract(shp.name, '.shp') };
      for (const extension of siblingExtensions) {
        const sibling = zip.entries.find((entry) => entry.name.toLowerCase() === stem + extension);
        if (sibling) parts[extension.slice(1) as 'dbf'] = await extract(sibling.name, extension);
      }
      const first = counter.next;
      await readParts(file, parts, options.encoding, facts, emit, counter);
      members.push(`${displayText(shp.name)} (features ${first}–${counter.next - 1})`);
    }
    if (shps.length > 1) facts.layer = `${shps.length} shapefiles: ${members.join(', ')}`;
    else facts.layer = displayText(shps[0]!.name);
    return facts;
  } finally {
    zip.close();
    await rm(dir, { recursive: true, force: true });
  }
};

/** The files a `.shp` is read with (itself, then `.dbf`, `.prj`, `.cpg`, `.cst` when present): what its hash must cover. */
export async function shapefileFiles(file: string): Promise<string[]> {
  const parts = await partsBeside(file);
  return [parts.shp, ...siblingExtensions.flatMap((extension) => parts[extension.slice(1) as 'dbf'] ?? [])];
}

/** The `.dbf`, `.prj`, `.cpg` and `.cst` beside a `.shp`, matched case-insensitively as Windows exports vary. */
async function partsBeside(file: string): Promise<ShapefileParts> {
  const dir = path.dirname(file);
  const stem = path.basename(file).slice(0, -path.extname(file).length).toLowerCase();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  const parts: { -readonly [K in keyof ShapefileParts]: ShapefileParts[K] } = { label: path.basename(file), shp: file };
  for (const extension of siblingExtensions) {
    const found = names.find((name) => name.toLowerCase() === stem + extension);
    if (found) parts[extension.slice(1) as 'dbf'] = path.join(dir, found);
  }
  return parts;
}

/** Reads one shapefile's features into `emit`, numbering them on from `counter`; problems are filed under `file`, the input. */
async function readParts(file: string, parts: ShapefileParts, requested: string | undefined, facts: ReaderFacts, emit: (record: RawRecord) => void, counter: { next: number }): Promise<void> {
  const { encoding, from } = await encodingOf(parts, requested);
  const described = `${encoding} (${from})`;
  facts.encoding = facts.encoding === '' || facts.encoding === described ? described : `${facts.encoding}; ${described}`;
  if (parts.prj) {
    const wkt = (await readFile(parts.prj, 'utf8')).replace(/^\uFEFF/, '').trim();
    if (wkt !== '') {
      const code = matchWkt(wkt);
      if (facts.crsWkt !== undefined && facts.crsWkt !== wkt) {
        throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: the shapefiles in this zip state different coordinate systems; give them one at a time`, { file: parts.label });
      }
      facts.crsWkt = wkt;
      if (code) facts.crsMember = code;
    }
  }
  let source: Awaited<ReturnType<typeof shapefile.openShp>>;
  let table: DbfReader | undefined;
  try {
    source = await shapefile.openShp(parts.shp);
    if (parts.dbf) table = await DbfReader.open(parts.dbf, encoding);
  } catch (error) {
    throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: not a readable shapefile (${(error as Error).message})`, { file: parts.label }, { cause: error });
  }
  try {
    for (;;) {
      let geometry: Awaited<ReturnType<typeof source.read>>;
      let properties: Record<string, unknown> | undefined;
      try {
        [geometry, properties] = await Promise.all([source.read(), table?.next()]);
      } catch (error) {
        throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: feature ${counter.next} cannot be read (${(error as Error).message})`, { file: parts.label }, { cause: error });
      }
      if (geometry.done) break;
      const index = counter.next++;
      emitBounded({ geometry: geometry.value, properties: Object.assign(Object.create(null), properties), origin: index }, file, facts, emit);
    }
  } finally {
    await table?.close();
  }
}

/** `--encoding` wins; then the `.cpg` (code page, as ArcGIS and QGIS write it), then the `.cst` (GeoServer's); else CP949. */
async function encodingOf(parts: ShapefileParts, requested: string | undefined): Promise<{ encoding: TextEncoding; from: string }> {
  if (requested && requested !== 'auto') return { encoding: normalizeEncoding(requested) ?? 'utf-8', from: '--encoding' };
  for (const [file, name] of [[parts.cpg, '.cpg'], [parts.cst, '.cst']] as const) {
    if (!file) continue;
    const stated = (await readFile(file, 'latin1')).trim();
    const encoding = codePage(stated);
    if (encoding) return { encoding, from: `from ${name}` };
  }
  return { encoding: 'cp949', from: 'no .cpg or .cst: the Korean default' };
}

/** A code page as `.cpg`/`.cst` files state it: `UTF-8`, `65001`, `CP949`, `949`, `ANSI 949`, `EUC-KR`, `MS949`, `x-windows-949`, `SJIS`, `932`… */
export function codePage(stated: string): TextEncoding | undefined {
  const text = stated.trim().toLowerCase().replace(/^(ansi|oem|x-windows-|windows-)\s*/, '');
  if (text === '65001' || text === 'utf8') return 'utf-8';
  if (text === '949' || text === 'ks_c_5601-1987' || text === 'ksc5601') return 'cp949';
  if (text === '932' || text === 'shift-jis') return 'cp932';
  if (text === '51932' || text === '20932') return 'euc-jp';
  return normalizeEncoding(text);
}
