import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load_catalog.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { publishDirOf } from '../publish/publish_location.js';
import { rollbackVersion } from '../publish/publish_version.js';
import { exitCodeFor, exitCodes, exitCodeTable } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap rollback [--config CATALOGUE] [TILESET…]

Return published tile sets to their previous version. The running server switches within a second; the version
left stays on disk until the next build prunes it.

  -c, --config FILE   layer catalogue (default: examples/busan/catalog.json)
  TILESET…            tile sets to roll back (default: every tile set of the catalogue)
  -h, --help          show this help

Exit codes
${exitCodeTable.map(([code, meaning]) => `  ${String(code).padStart(2)}  ${meaning}`).join('\n')}
`;

/** `safemap rollback`: switches each named tile set's pointer back one version. */
export async function rollbackCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let config: string;
  let names: string[];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    config = values.config ?? 'examples/busan/catalog.json';
    names = positionals;
  } catch (error) {
    io.stderr.write(`safemap rollback: ${(error as Error).message}\nRun "safemap rollback --help" for the options.\n`);
    return exitCodes.usage;
  }
  try {
    const catalog = await loadCatalog(config);
    const known = catalog.catalog.tilesets.map((tileset) => tileset.id);
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${config}`);
    for (const id of names.length > 0 ? names : known) {
      const { from, to } = await rollbackVersion(path.join(publishDirOf(catalog), id));
      io.stdout.write(`${id}: ${from} → ${to}\n`);
    }
    return exitCodes.ok;
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap rollback: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
}
