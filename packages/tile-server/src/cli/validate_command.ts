import { parseArgs } from 'node:util';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { formatReportText, reportJson } from '../ingest/format_report.js';
import { ingestFiles } from '../ingest/ingest_files.js';
import type { IngestOptions } from '../ingest/ingest_types.js';
import { isKnownCrs, normalizeCrs, unknownCrs } from '../ingest/crs.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import { readingOptions, readingUsage } from './reading_options.js';
import { displayText } from '../ingest/display_text.js';
import { validateCatalog } from './validate_catalog.js';

/** Where a command writes; the process streams by default, buffers in tests. */
export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

const usage = `Usage: safemap validate [options] FILE…
       safemap validate --config CATALOGUE [TILESET…] [--json]

Check agency files before building tiles: report every row that cannot be placed or looks wrong, with its
file:line (CSV) or feature index (GeoJSON). Writes nothing. Exits 0 when the data is clean, 7 when errors were found.

Catalogue (the dry run of "safemap build --config": reads every layer as the build would, publishes nothing)
  -c, --config FILE      check the catalogue and every layer's source (or only the TILESETs named): rows read,
                         features, quarantined rows and why, columns the catalogue names but the file lacks,
                         values not of their declared type, and the change against the live version per layer

Inputs (CSV points or line vertices, XLSX, GeoJSON, NDJSON, shapefiles, GeoPackage, FlatGeobuf, KML/KMZ)
  FILE…                  .csv, .xlsx, .geojson/.json, .ndjson/.geojsonl, .shp or .zip (shapefiles), .gpkg, .fgb,
                         .kml/.kmz; other formats: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson IN
${readingUsage}

Coordinates (most people need none of these: Korean layouts are detected)
      --crs EPSG:N|WKT   coordinate system of the input (any EPSG code, or the WKT of a .prj file); needed for
                         projected metres whose system is not declared and cannot be told from where they land
      --lat COL --lon COL   latitude/longitude columns, in degrees
      --x COL --y COL       projected easting/northing columns, in metres (with --crs)

Checks
      --region W,S,E,N   the region the data must lie in (default: South Korea when the data is Korean)
      --require FIELD    a field every row must have; repeat for more
      --stale-days N     flag data dates older than N days (default 730)
      --keep-suspect     report suspect rows (outside the region, swapped, shared placeholder) but keep them

Output
      --json             print the report as JSON on stdout
  -h, --help             show this help

Exit codes
${exitCodeHelp}
`;

/** `safemap validate`: reads and checks the files, prints the report, returns the exit code. */
export async function validateCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let options: IngestOptions;
  let files: string[];
  let json: boolean;
  let config: string | undefined;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    ({ options, files, json, config } = parsed);
  } catch (error) {
    io.stderr.write(`safemap validate: ${displayText((error as Error).message, true)}\nRun "safemap validate --help" for the options.\n`);
    return exitCodes.usage;
  }
  if (config !== undefined) return fromCatalog(config, files, json, io);
  const progress = io.stderr.isTTY && !json ? progressLine(io) : undefined;
  try {
    const result = await ingestFiles(files, { ...options, ...(progress ? { onProgress: progress.report } : {}) });
    progress?.clear();
    io.stdout.write(json ? `${JSON.stringify(reportJson(result), null, 2)}\n` : formatReportText(result));
    return result.problems.some((problem) => problem.severity === 'error') ? exitCodes.dataInvalid : exitCodes.ok;
  } catch (error) {
    progress?.clear();
    if (!isSafeMapError(error)) throw error;
    if (json) io.stdout.write(`${JSON.stringify({ clean: false, error: { code: error.code, message: error.message, ...error.details } }, null, 2)}\n`);
    io.stderr.write(`safemap validate: ${displayText(error.message, true)}\n`);
    return exitCodeFor(error.code);
  }
}

async function fromCatalog(config: string, tilesets: string[], json: boolean, io: CommandIo): Promise<number> {
  try {
    return await validateCatalog(config, tilesets, json, io);
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    if (json) io.stdout.write(`${JSON.stringify({ clean: false, error: { code: error.code, message: error.message, ...error.details } }, null, 2)}\n`);
    io.stderr.write(`safemap validate: ${displayText(error.message, true)}\n`);
    return exitCodeFor(error.code);
  }
}

function parseCommandLine(argv: string[]): 'help' | { options: IngestOptions; files: string[]; json: boolean; config: string | undefined } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      crs: { type: 'string' },
      lat: { type: 'string' },
      lon: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
      region: { type: 'string' },
      require: { type: 'string', multiple: true },
      'stale-days': { type: 'string' },
      'keep-suspect': { type: 'boolean' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      json: { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return 'help';
  if (values.config !== undefined) {
    const flags = ['crs', 'lat', 'lon', 'x', 'y', 'region', 'require', 'stale-days', 'keep-suspect', 'encoding', 'sheet'] as const;
    const misplaced = flags.filter((flag) => values[flag] !== undefined);
    if (misplaced.length > 0) throw new SafeMapError('USAGE', `--${misplaced[0]} does not go with --config: the catalogue's source keys say how each layer is read`);
    return { options: {}, files: positionals, json: values.json === true, config: values.config };
  }
  if (positionals.length === 0) throw new SafeMapError('USAGE', 'no input FILE given');
  const options: IngestOptions = readingOptions(values);
  if (values.crs !== undefined) {
    const crs = normalizeCrs(values.crs);
    if (!isKnownCrs(crs)) throw unknownCrs(values.crs);
    options.crs = crs;
  }
  if ((values.lat === undefined) !== (values.lon === undefined)) throw new SafeMapError('USAGE', '--lat and --lon go together');
  if ((values.x === undefined) !== (values.y === undefined)) throw new SafeMapError('USAGE', '--x and --y go together');
  if (values.lat !== undefined && values.x !== undefined) throw new SafeMapError('USAGE', 'give either --lat/--lon or --x/--y, not both');
  if (values.lat !== undefined) Object.assign(options, { lat: values.lat, lon: values.lon });
  if (values.x !== undefined) Object.assign(options, { x: values.x, y: values.y });
  if (values.region !== undefined) {
    const region = values.region.split(',').map(Number);
    const [west, south, east, north] = region;
    if (region.length !== 4 || region.some((n) => !Number.isFinite(n)) || !(west! < east! && south! < north!)) {
      throw new SafeMapError('USAGE', '--region must be W,S,E,N in degrees with W < E and S < N');
    }
    options.region = region as [number, number, number, number];
  }
  if (values.require) options.requiredFields = values.require;
  if (values['stale-days'] !== undefined) {
    const days = Number(values['stale-days']);
    if (!Number.isInteger(days) || days < 0) throw new SafeMapError('USAGE', '--stale-days must be a whole number of days');
    options.staleAfterDays = days;
  }
  if (values['keep-suspect']) options.keepSuspect = true;
  return { options, files: positionals, json: values.json === true, config: undefined };
}

/** One self-overwriting status line on a terminal; never used when stderr is a file or pipe. */
function progressLine(io: CommandIo): { report: NonNullable<IngestOptions['onProgress']>; clear(): void } {
  let last = 0;
  return {
    report: ({ step, file, done, total }) => {
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      io.stderr.write(`\r\u001b[K${step === 'read' ? 'reading' : 'checking'} ${displayText(file)}: ${done}${total === undefined ? '' : `/${total}`}`);
    },
    clear: () => {
      if (last > 0) io.stderr.write('\r\u001b[K');
    },
  };
}
