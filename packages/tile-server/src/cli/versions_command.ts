import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load_catalog.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { archiveCounts } from '../publish/live_version.js';
import { publishDirOf } from '../publish/publish_location.js';
import { keptVersions } from '../publish/publish_version.js';
import { openArchive } from '../archive/open_archive.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap versions --config CATALOGUE [TILESET…] [--json]

List every version of each tile set kept on disk, newest first: when it was built, the catalogue it was built from
(file and SHA-256), its sources (file and SHA-256), features per layer, whether it passed the publish guard, and
which one is live. "safemap rollback --to VERSION" returns to one of them.

  -c, --config FILE   layer catalogue (required)
      --json          print the list as JSON
  -h, --help          show this help

Exit codes
${exitCodeHelp}
`;

/** One kept version as `safemap versions` shows it. */
export interface VersionListing {
  readonly version: string;
  readonly current: boolean;
  readonly builtAt: string;
  readonly catalogue: { readonly file: string; readonly sha256: string } | null;
  readonly configHash: string | null;
  readonly sources: ReadonlyArray<{ readonly layer?: string; readonly path: string; readonly sha256: string }>;
  readonly featuresPerLayer: Readonly<Record<string, number>>;
  /** `passed`/`forced` from the record; null for versions published before records were written. */
  readonly guard: 'passed' | 'forced' | null;
}

export async function versionsCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    if (parsed.values.config === undefined) throw new Error('--config CATALOGUE is required');
  } catch (error) {
    io.stderr.write(`safemap versions: ${(error as Error).message}\nRun "safemap versions --help" for the options.\n`);
    return exitCodes.usage;
  }
  try {
    const catalog = await loadCatalog(parsed.values.config!);
    const known = catalog.catalog.tilesets.map((tileset) => tileset.id);
    const unknown = parsed.positionals.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${catalog.file}; it has ${known.join(', ')}`);
    const tilesets = [];
    for (const id of parsed.positionals.length > 0 ? parsed.positionals : known) {
      const tilesetDir = path.join(publishDirOf(catalog), id);
      tilesets.push({ id, dir: tilesetDir, versions: await listVersions(tilesetDir) });
    }
    io.stdout.write(parsed.values.json ? `${JSON.stringify({ catalogue: catalog.file, tilesets }, null, 2)}\n` : formatVersions(tilesets));
    return exitCodes.ok;
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap versions: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}

/** The kept versions of one tile set, from their records, or their archives' metadata for versions without one. */
async function listVersions(tilesetDir: string): Promise<VersionListing[]> {
  const listings: VersionListing[] = [];
  for (const entry of await keptVersions(tilesetDir)) {
    const { record } = entry;
    if (record) {
      listings.push({
        version: entry.version,
        current: entry.current,
        builtAt: entry.builtAt,
        catalogue: record.catalogue,
        configHash: record.configHash,
        sources: record.sources,
        featuresPerLayer: record.featuresPerLayer,
        guard: record.guard,
      });
      continue;
    }
    const file = path.join(tilesetDir, entry.archive);
    let metadata: Record<string, unknown> = {};
    try {
      const archive = await openArchive(file);
      try {
        metadata = await archive.metadata();
      } finally {
        await archive.close();
      }
    } catch {
      // A damaged archive is still listed; what it holds is unknown.
    }
    const sources = Array.isArray(metadata.sources) ? (metadata.sources as Array<{ file?: unknown; sha256?: unknown }>) : [];
    listings.push({
      version: entry.version,
      current: entry.current,
      builtAt: entry.builtAt,
      catalogue: null,
      configHash: typeof metadata.config_sha256 === 'string' ? metadata.config_sha256 : null,
      sources: sources.filter((source) => typeof source.file === 'string' && typeof source.sha256 === 'string').map((source) => ({ path: source.file as string, sha256: source.sha256 as string })),
      featuresPerLayer: await archiveCounts(file).catch(() => ({})),
      guard: null,
    });
  }
  return listings;
}

function formatVersions(tilesets: ReadonlyArray<{ id: string; dir: string; versions: readonly VersionListing[] }>): string {
  const lines: string[] = [];
  for (const tileset of tilesets) {
    lines.push(`tile set ${tileset.id} (${tileset.dir})`);
    if (tileset.versions.length === 0) lines.push('  nothing published yet');
    for (const version of tileset.versions) {
      const guard = version.guard === 'forced' ? '  published with --allow-shrink' : version.guard === null ? '  (no record: published before version records)' : '';
      lines.push(`${version.current ? '* ' : '  '}${version.version}  built ${version.builtAt}${version.current ? '  LIVE' : ''}${guard}`);
      if (version.catalogue) lines.push(`    catalogue ${version.catalogue.file} sha256 ${version.catalogue.sha256.slice(0, 16)}`);
      for (const source of version.sources) lines.push(`    source ${source.layer ? `${source.layer}: ` : ''}${source.path} sha256 ${source.sha256.slice(0, 16)}`);
      lines.push(`    features ${Object.entries(version.featuresPerLayer).map(([layer, count]) => `${layer} ${count}`).join(', ') || 'unknown'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
