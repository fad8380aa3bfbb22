import path from 'node:path';
import { parseArgs } from 'node:util';
import { openArchive } from '../archive/open_archive.js';
import { loadCatalog, type LoadedCatalog } from '../catalog/load_catalog.js';
import { publicCatalog } from '../catalog/split_restricted.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { checkPublishedArchive } from '../publish/check_published_archive.js';
import { configHash, publishDirOf } from '../publish/publish_location.js';
import { readPointer } from '../publish/publish_pointer.js';
import { keptVersions, rollbackVersion } from '../publish/publish_version.js';
import { heldLayers, unfitReason } from '../publish/version_fits.js';
import { checkConfirmOptions, confirmOptionsHelp, confirmServed, confirmTarget } from './confirm_served.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap rollback --config CATALOGUE [TILESET…] [--to VERSION] [--server URL]

Return published tile sets to an earlier kept version ("safemap versions" lists them): the previous one, or the
one named by --to. The server then serves exactly that version's archive and look-ups, whatever the sources on
disk or the catalogue say now; the command asks the running server and says whether it serves it.

  -c, --config FILE   layer catalogue (required)
  TILESET…            tile sets to roll back (default: every tile set of the catalogue; one with --to)
      --to VERSION    the version to serve (a kept version id, or a unique start of one)
${confirmOptionsHelp}
  -h, --help          show this help

A version holding data the catalogue has since withdrawn (a layer made restricted, a property removed from the
allow-list, a precision grid added) is never served again and cannot be rolled back to.

Exit codes
${exitCodeHelp}
`;

/** `safemap rollback`: switches each named tile set's pointer back, then confirms with the running server. */
export async function rollbackCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        to: { type: 'string' },
        server: { type: 'string' },
        wait: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    if (parsed.values.config === undefined) throw new Error('--config CATALOGUE is required: the catalogue whose tile sets to roll back');
    if (parsed.values.to !== undefined && !/^[0-9a-f]{1,64}$/.test(parsed.values.to)) throw new Error(`--to must be a version id (hex), as "safemap versions" lists them`);
    checkConfirmOptions(parsed.values);
  } catch (error) {
    io.stderr.write(`safemap rollback: ${(error as Error).message}\nRun "safemap rollback --help" for the options.\n`);
    return exitCodes.usage;
  }
  const { values, positionals: names } = parsed;
  try {
    const catalog = await loadCatalog(values.config!);
    const known = catalog.catalog.tilesets.map((tileset) => tileset.id);
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${values.config}`);
    const ids = names.length > 0 ? names : known;
    if (values.to !== undefined && ids.length !== 1) throw new SafeMapError('USAGE', `--to names one version of one tile set; name the tile set (${known.join(', ')})`);
    const { server, waitMs } = confirmTarget(values, catalog.catalog.publish?.server);
    let code: number = exitCodes.ok;
    for (const id of ids) {
      const tilesetDir = path.join(publishDirOf(catalog), id);
      const to = values.to === undefined ? undefined : await resolveVersion(tilesetDir, values.to);
      const target = to ?? (await previousVersion(tilesetDir));
      if (target !== undefined) await checkServable(catalog, id, tilesetDir, target);
      const switched = await rollbackVersion(tilesetDir, target);
      io.stdout.write(`${id}: ${switched.from} → ${switched.to}\n`);
      const check = await confirmServed(server, id, switched.to, waitMs);
      if (check.state === 'serving') io.stdout.write(`  the server at ${server} serves ${switched.to} (confirmed after ${check.seconds} s)\n`);
      else if (check.state === 'no-server') {
        io.stdout.write(`  no server answered at ${server} (${check.reason}): the pointer is switched, and a server started on this catalogue serves ${switched.to}; give --server URL to confirm with a running one\n`);
      } else {
        io.stderr.write(
          `safemap rollback: ${id}: the pointer is switched to ${switched.to}, but the server at ${server} still serves ${check.version ?? `nothing (HTTP ${check.status})`} after ${waitMs / 1000} s; its log says why\n`,
        );
        code = exitCodes.notServed;
      }
    }
    return code;
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap rollback: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}

/** A full version id from a unique start of one. */
async function resolveVersion(tilesetDir: string, prefix: string): Promise<string> {
  const kept = await keptVersions(tilesetDir);
  const matches = kept.filter((entry) => entry.version.startsWith(prefix));
  if (matches.length === 1) return matches[0]!.version;
  const listed = kept.map((entry) => entry.version).join(', ') || 'none';
  if (matches.length === 0) throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: no kept version ${prefix}; kept: ${listed} (see "safemap versions")`);
  throw new SafeMapError('USAGE', `--to ${prefix} matches ${matches.length} versions (${matches.map((entry) => entry.version).join(', ')}); give more of it`);
}

/** The version a plain rollback returns to, or undefined (rollbackVersion then says why there is none). */
async function previousVersion(tilesetDir: string): Promise<string | undefined> {
  const kept = new Set((await keptVersions(tilesetDir)).map((entry) => entry.version));
  return (await readPointer(tilesetDir))?.history.find((version) => kept.has(version));
}

/** Refuses a target whose bytes changed since publishing, or that holds data the catalogue has since withdrawn. */
async function checkServable(catalog: LoadedCatalog, id: string, tilesetDir: string, version: string): Promise<void> {
  const entry = (await keptVersions(tilesetDir)).find((candidate) => candidate.version === version);
  if (!entry) return;
  const file = path.join(tilesetDir, entry.archive);
  await checkPublishedArchive(file, version);
  const archive = await openArchive(file);
  let metadata: Record<string, unknown>;
  try {
    metadata = await archive.metadata();
  } finally {
    await archive.close();
  }
  const current = publicCatalog(catalog).catalog.tilesets.find((tileset) => tileset.id === id);
  const reason = unfitReason(heldLayers(entry.record, metadata), entry.record?.configHash ?? (metadata.config_sha256 as string | undefined), current, current ? configHash(current) : '');
  if (reason) throw new SafeMapError('NO_PREVIOUS_VERSION', `${id}: version ${version} can no longer be served: ${reason}. Publish the current catalogue instead ("safemap build --config")`);
}
