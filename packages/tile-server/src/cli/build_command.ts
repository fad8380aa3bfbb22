import { rmSync } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatForPath } from '../archive/open_archive.js';
import { buildArchive } from '../tiling/build_archive.js';
import { publishCatalog, PublishRefusedError } from '../publish/publish_catalog.js';
import { jsonProgress, silentProgress, terminalProgress, type Progress } from '../tiling/progress.js';
import { loadCatalog } from '../catalog/load_catalog.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { ingestFiles } from '../ingest/ingest_files.js';
import type { IngestOptions } from '../ingest/ingest_types.js';
import { cleanStaleStaging, stagedFiles, stagingPathFor } from '../publish/staging.js';
import { isKnownCrs, normalizeCrs, unknownCrs } from '../ingest/crs.js';
import { formatChange, refusedChanges, type LayerChange } from '../publish/publish_guard.js';
import { buildReport, formatBuildReport } from './build_report.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import { readingOptions, readingUsage } from './reading_options.js';
import { displayText } from '../ingest/display_text.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap build -o OUT [options] FILE…
       safemap build --config CATALOGUE [TILESET…]

Turn agency files into vector tiles. Bad rows are quarantined (left out and reported), projected coordinates
without a declared CRS are refused, and OUT appears only once it is complete and every tile decodes.

Most people only need these
  -o, --output OUT         OUT.pmtiles, OUT.mbtiles, or a folder of z/x/y.mvt tiles
  -f, --force              overwrite OUT if it exists
  -z, --maximum-zoom N     the zoom that keeps every feature (default 14)

Catalogue (publish for the running server)
  -c, --config FILE        build every tile set of the layer catalogue (or only the TILESETs named) and publish:
                           <publish.dir>/<tileset>/versions/<hash>.pmtiles, switched in via current.json.
                           Refused (exit 7, the live version stays) when a layer comes out empty or with fewer
                           than half of the live version's features
      --allow-shrink       publish even so (a layer really was emptied or cut down)

Input (CSV, XLSX, GeoJSON, NDJSON, shapefiles as .shp or .zip, GeoPackage, FlatGeobuf, KML/KMZ; other formats:
       ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson IN)
      --crs EPSG:N|WKT     coordinate system of the input: any EPSG code, or the WKT of a .prj file
      --lat COL --lon COL  latitude/longitude columns, in degrees
      --x COL --y COL      projected easting/northing columns, in metres (with --crs)
      --keep-suspect       keep suspect rows (outside the region, swapped, shared placeholder) in the tiles
${readingUsage}

Tiles
  -l, --layer NAME         layer name (default: the first file's name)
  -y, --include PROP       publish only this property; repeat for more (default: all properties)
  -Z, --minimum-zoom N     lowest zoom (default 0)
  -z, --maximum-zoom N     highest zoom, 0–18 (default 14); lower zooms cluster points with point_count

Progress
  -q, --quiet              print nothing but errors
      --json-progress      progress as one JSON object per line on stderr, the report as JSON on stdout
      --json               the report as JSON on stdout, no progress
  -h, --help               show this help

Exit codes
${exitCodeHelp}
`;

const options = {
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  force: { type: 'boolean', short: 'f' },
  layer: { type: 'string', short: 'l' },
  include: { type: 'string', short: 'y', multiple: true },
  'minimum-zoom': { type: 'string', short: 'Z' },
  'maximum-zoom': { type: 'string', short: 'z' },
  crs: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  x: { type: 'string' },
  y: { type: 'string' },
  'keep-suspect': { type: 'boolean' },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'json-progress': { type: 'boolean' },
  json: { type: 'boolean' },
  'allow-shrink': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** `safemap build`: one archive from files (`-o`), or every tile set of a catalogue published (`--config`). */
export async function buildCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr.write(`safemap build: ${displayText((error as Error).message, true)}\nRun "safemap build --help" for the options.\n`);
    return exitCodes.usage;
  }
  if (values.help) {
    io.stdout.write(usage);
    return exitCodes.ok;
  }
  const progress: Progress = values.quiet || values.json ? silentProgress : values['json-progress'] ? jsonProgress((line) => io.stderr.write(line)) : io.stderr.isTTY ? terminalProgress((text) => io.stderr.write(text)) : silentProgress;
  const staging = new Set<string>();
  const cleanup = (signal: NodeJS.Signals) => {
    for (const file of [...staging].flatMap(stagedFiles)) rmSync(file, { recursive: true, force: true });
    removeHandlers();
    // Re-raise so the exit status still says which signal ended the build.
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const removeHandlers = () => signals.forEach((signal) => process.off(signal, cleanup));
  signals.forEach((signal) => process.once(signal, cleanup));
  const onStaging = (file: string, active: boolean) => (active ? staging.add(file) : staging.delete(file));
  try {
    return values.config !== undefined ? await fromCatalog(values, positionals, io, progress, onStaging) : await fromFiles(values, positionals, io, progress, onStaging);
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap build: ${displayText(error.message, true)}\n`);
    return exitCodeFor(error.code);
  } finally {
    removeHandlers();
  }
}

async function fromCatalog(values: Values, tilesets: string[], io: CommandIo, progress: Progress, onStaging: (file: string, active: boolean) => void): Promise<number> {
  if (values.output !== undefined) throw new SafeMapError('USAGE', 'give either --config or -o, not both');
  const started = performance.now();
  const json = values.json || values['json-progress'];
  const loaded = await loadCatalog(values.config!);
  const unknown = tilesets.filter((id) => !loaded.catalog.tilesets.some((set) => set.id === id));
  if (unknown.length > 0) throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${values.config}`);
  let results;
  try {
    results = await publishCatalog(loaded, { progress, only: tilesets, onStaging, allowShrink: values['allow-shrink'] === true });
  } catch (error) {
    if (!(error instanceof PublishRefusedError)) throw error;
    if (json) io.stdout.write(`${JSON.stringify({ refused: true, message: error.message, changes: error.changes })}\n`);
    else if (!values.quiet) io.stdout.write(formatChanges(error.changes));
    io.stderr.write(`safemap build: ${error.message}\n`);
    return exitCodes.dataInvalid;
  }
  if (tilesets.length > 0 && results.length === 0) throw new SafeMapError('USAGE', `no public tile set named ${tilesets.join(', ')} in ${values.config}`);
  for (const result of results) {
    const report = buildReport(result.tileset, 'pmtiles', result.build, result.skipped, started, result.publish.version);
    if (json) io.stdout.write(`${JSON.stringify({ report, published: result.publish, changes: result.changes })}\n`);
    else if (!values.quiet) {
      io.stdout.write(formatBuildReport(report));
      io.stdout.write(formatChanges(result.changes));
      io.stdout.write(result.publish.changed ? `  published ${result.publish.version}${result.publish.previous ? ` (was ${result.publish.previous})` : ''}\n` : `  unchanged: ${result.publish.version} is already published\n`);
      if (refusedChanges(result.changes).length > 0) io.stdout.write('  published over the guard with --allow-shrink; the last version that passed it is kept for rollback\n');
    }
  }
  return exitCodes.ok;
}

/** Each layer against the live version: `  shelters: 120 → 118 features (added 1, removed 3, changed 2)`. */
function formatChanges(changes: readonly LayerChange[]): string {
  const lines = ['  against the live version:'];
  for (const change of changes) lines.push(`    ${change.tileset}/${change.layer}: ${formatChange(change)}`);
  return `${lines.join('\n')}\n`;
}

async function fromFiles(values: Values, files: string[], io: CommandIo, progress: Progress, onStaging: (file: string, active: boolean) => void): Promise<number> {
  const output = values.output;
  if (output === undefined) throw new SafeMapError('USAGE', 'no output: give -o OUT (.pmtiles, .mbtiles or a folder) or --config CATALOGUE');
  if (files.length === 0) throw new SafeMapError('USAGE', 'no input FILE given');
  const minzoom = zoomOption(values['minimum-zoom'], '-Z', 0);
  const maxzoom = zoomOption(values['maximum-zoom'], '-z', 14);
  if (minzoom > maxzoom) throw new SafeMapError('USAGE', `-Z ${minzoom} is above -z ${maxzoom}`);
  const ingest = ingestOptions(values);
  const target = path.resolve(output);
  const exists = await access(target).then(() => true, () => false);
  if (exists && !values.force) throw new SafeMapError('OUTPUT_EXISTS', `${output} exists; use -f to overwrite it`);
  const started = performance.now();
  const reading = progress.step('read', 0);
  const include = values.include ? new Set(values.include.map((name) => name.normalize('NFC'))) : undefined;
  // Reading comes first: a refused input (CRS_REQUIRED, unreadable) fails here, before anything is written.
  const result = await ingestFiles(files, { ...ingest, ...(include ? { publish: { kind: 'include', names: include } } : {}), onProgress: (event) => reading.update(event.done) });
  reading.done();
  // A CRS chosen from where the data lands is said out loud, with the flag to override it.
  for (const note of result.problems.filter((problem) => problem.kind === 'crs-detected')) io.stderr.write(`safemap build: ${displayText(note.file)}: ${displayText(note.reason)}\n`);
  const quarantined = result.sources.reduce((sum, source) => sum + source.quarantined, 0);
  if (result.store.length === 0) {
    // An empty archive would pass for a tile set and blank the map of whoever serves it: refuse before writing.
    const why = quarantined > 0 ? `every row was quarantined (${quarantined})` : 'the input holds no rows';
    throw new SafeMapError('DATA_INVALID', `no features to tile: ${why}; nothing was written. Run "safemap validate ${files.join(' ')}" to see why`);
  }
  const layer = { id: (values.layer ?? layerNameOf(files[0]!)).normalize('NFC'), minzoom, maxzoom, store: result.store };
  const format = formatForPath(target);
  await cleanStaleStaging(path.dirname(target), [path.basename(target)]);
  const staged = stagingPathFor(target);
  onStaging(staged, true);
  try {
    const built = await buildArchive([layer], staged, format, {
      name: layer.id,
      generatorOptions: contentOptions(values, files),
      sources: result.sources.map((source) => ({ file: path.basename(source.file), sha256: source.sha256, dataDates: source.dataDates })),
    }, progress);
    await moveIntoPlace(staged, target, exists);
    const report = buildReport(output, format, built, quarantined, started);
    if (values['json-progress'] || values.json) io.stdout.write(`${JSON.stringify({ report })}\n`);
    else if (!values.quiet) {
      io.stdout.write(formatBuildReport(report));
      if (report.quarantined > 0) io.stdout.write(`  run "safemap validate" on the input for the quarantined rows and why\n`);
    }
    return exitCodes.ok;
  } finally {
    onStaging(staged, false);
    await rm(staged, { recursive: true, force: true });
  }
}

/** Renames the verified staging output over the target: atomic for files; for folders the old one is moved aside first. */
async function moveIntoPlace(staged: string, target: string, exists: boolean): Promise<void> {
  if (!exists || formatForPath(target) !== 'directory') {
    await rename(staged, target);
    return;
  }
  const aside = stagingPathFor(target);
  await rename(target, aside);
  await rename(staged, target);
  await rm(aside, { recursive: true, force: true });
}

/** The file's base name without extension, as tippecanoe names layers; characters MVT readers choke on become `_`. */
export function layerNameOf(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '').normalize('NFC');
  const name = base.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '');
  return name || 'layer';
}

/** The options that shape the tiles, recorded in the archive; output path and verbosity are left out so builds reproduce. */
function contentOptions(values: Values, files: string[]): string {
  const parts = ['safemap build'];
  for (const key of ['layer', 'minimum-zoom', 'maximum-zoom', 'crs', 'lat', 'lon', 'x', 'y', 'encoding', 'sheet'] as const) {
    if (values[key] !== undefined) parts.push(`--${key} ${JSON.stringify(values[key])}`);
  }
  for (const name of values.include ?? []) parts.push(`-y ${JSON.stringify(name)}`);
  if (values['keep-suspect']) parts.push('--keep-suspect');
  parts.push(...files.map((file) => path.basename(file)));
  return parts.join(' ');
}

function zoomOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const zoom = Number(value);
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 18) throw new SafeMapError('USAGE', `${flag} must be a whole zoom from 0 to 18`);
  return zoom;
}

function ingestOptions(values: Values): IngestOptions {
  const out: IngestOptions = readingOptions(values);
  if (values.crs !== undefined) {
    const crs = normalizeCrs(values.crs);
    if (!isKnownCrs(crs)) throw unknownCrs(values.crs);
    out.crs = crs;
  }
  if ((values.lat === undefined) !== (values.lon === undefined)) throw new SafeMapError('USAGE', '--lat and --lon go together');
  if ((values.x === undefined) !== (values.y === undefined)) throw new SafeMapError('USAGE', '--x and --y go together');
  if (values.lat !== undefined && values.x !== undefined) throw new SafeMapError('USAGE', 'give either --lat/--lon or --x/--y, not both');
  if (values.lat !== undefined) Object.assign(out, { lat: values.lat, lon: values.lon });
  if (values.x !== undefined) Object.assign(out, { x: values.x, y: values.y });
  if (values['keep-suspect']) out.keepSuspect = true;
  return out;
}
