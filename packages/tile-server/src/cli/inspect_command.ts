import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { parseArgs } from 'node:util';
import { openArchive } from '../archive/open_archive.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap inspect ARCHIVE [Z/X/Y]

Look inside a tile archive (.pmtiles, .mbtiles or a z/x/y.mvt folder).

  ARCHIVE          prints the archive kind and its metadata as JSON (generator, options, source hashes, layers)
  ARCHIVE Z/X/Y    prints that tile as GeoJSON: one FeatureCollection, each feature with its "layer" member
  -h, --help       show this help

Exit codes
${exitCodeHelp}
`;

/** `safemap inspect`: metadata, or one tile decoded to GeoJSON in WGS84. */
export async function inspectCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    positionals = parsed.positionals;
    if (positionals.length < 1 || positionals.length > 2) throw new SafeMapError('USAGE', 'give ARCHIVE and optionally Z/X/Y');
  } catch (error) {
    io.stderr.write(`safemap inspect: ${(error as Error).message}\nRun "safemap inspect --help" for the options.\n`);
    return exitCodes.usage;
  }
  const [file, tile] = positionals as [string, string | undefined];
  try {
    const archive = await openArchive(file);
    try {
      if (tile === undefined) {
        io.stdout.write(`${JSON.stringify({ archive: archive.format, ...(await archive.metadata()) }, null, 2)}\n`);
        return exitCodes.ok;
      }
      const match = /^(\d{1,2})\/(\d{1,9})\/(\d{1,9})$/.exec(tile);
      const [z, x, y] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
      if (!match || z > 30 || x >= 2 ** z || y >= 2 ** z) throw new SafeMapError('USAGE', `${tile}: expected Z/X/Y with X and Y below 2^Z`);
      const bytes = await archive.getTile(z, x, y);
      io.stdout.write(`${JSON.stringify(tileToGeojson(bytes, z, x, y), null, 2)}\n`);
      return exitCodes.ok;
    } finally {
      await archive.close();
    }
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap inspect: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}

/** A tile as one GeoJSON FeatureCollection in longitude/latitude; each feature names its MVT layer. */
export function tileToGeojson(bytes: Uint8Array | undefined, z: number, x: number, y: number) {
  const features: object[] = [];
  if (bytes) {
    const tile = new VectorTile(new PbfReader(bytes));
    for (const name of Object.keys(tile.layers)) {
      const layer = tile.layers[name]!;
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i).toGeoJSON(x, y, z);
        features.push({ ...feature, layer: name });
      }
    }
  }
  return { type: 'FeatureCollection', tile: `${z}/${x}/${y}`, features };
}
