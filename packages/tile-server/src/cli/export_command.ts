import { parseArgs } from 'node:util';
import { isSafeMapError } from '../errors.js';
import { exportSite } from '../export/export_site.js';
import { DEFAULT_LOOKUP_FEATURES } from '../export/static_lookups.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap export --config CATALOGUE -o DIR [options]

Write the public map as a self-contained folder for any static host, object storage or CDN: index.html is the map,
and the widget reads tiles straight from the PMTiles archives with HTTP range requests. No SafeMap process is needed
to serve it. Each tile set is exported at its published version; one nothing published is built now, as
"safemap build --config" would. Restricted layers are never exported.

  -c, --config FILE          layer catalogue (required)
  -o, --output DIR           folder to write (refused when it exists and is not empty, unless -f)
  -f, --force                replace the output folder
      --public-url URL       absolute URL the folder will be served at; without it every link is relative
      --frame-ancestors SOURCES
                             who may frame the page (CSP frame-ancestors, space-separated; default 'self')
      --lookup-limit N       most features a layer may have to be searchable and listed without a server
                             (one static JSON per layer; default ${DEFAULT_LOOKUP_FEATURES})
  -h, --help                 show this help

The folder holds _headers (Netlify, Cloudflare Pages) and safemap-nginx.conf (nginx) with the headers each file
needs: the page's CSP, no-cache for documents, and a year of immutable caching for content-hashed files.
See docs/operations.md, "A static folder on object storage or a CDN".

Exit codes
${exitCodeHelp}
`;

/** `safemap export`: the public map as a static folder. */
export async function exportCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let options: Parameters<typeof exportSite>[0];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        output: { type: 'string', short: 'o' },
        force: { type: 'boolean', short: 'f' },
        'public-url': { type: 'string' },
        'frame-ancestors': { type: 'string' },
        'lookup-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
    if (!values.config) throw new Error('--config CATALOGUE is required');
    if (!values.output) throw new Error('-o DIR is required');
    const publicUrl = values['public-url'];
    if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/.test(publicUrl)) throw new Error('--public-url must be an http(s) URL without query or fragment');
    const limit = values['lookup-limit'];
    if (limit !== undefined && !/^\d{1,7}$/.test(limit)) throw new Error('--lookup-limit must be a whole number of features');
    options = {
      catalogPath: values.config,
      outDir: values.output,
      force: values.force ?? false,
      ...(publicUrl ? { publicUrl } : {}),
      ...(values['frame-ancestors'] ? { frameAncestors: values['frame-ancestors'].split(/\s+/).filter(Boolean) } : {}),
      ...(limit !== undefined ? { maxLookupFeatures: Number(limit) } : {}),
    };
  } catch (error) {
    io.stderr.write(`safemap export: ${(error as Error).message}\nRun "safemap export --help" for the options.\n`);
    return exitCodes.usage;
  }
  try {
    const result = await exportSite(options);
    for (const tileset of result.tilesets) {
      io.stdout.write(`${tileset.id}: version ${tileset.version}${tileset.built ? ' (built now: nothing published from this configuration)' : ' (published)'}\n`);
      io.stdout.write(`  searchable and listed without a server: ${tileset.lookups.join(', ') || 'none'}\n`);
      for (const skipped of tileset.lookupsSkipped) {
        io.stdout.write(`  ${skipped.layer}: ${skipped.count} features, over --lookup-limit: on the map and in popups, not in search or lists\n`);
      }
    }
    const total = result.files.reduce((sum, file) => sum + file.bytes, 0);
    io.stdout.write(`wrote ${result.files.length} files (${(total / 1024 / 1024).toFixed(1)} MB) to ${result.outDir}\n`);
    return exitCodes.ok;
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap export: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}
