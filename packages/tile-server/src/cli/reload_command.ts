import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load_catalog.js';
import { isSafeMapError } from '../errors.js';
import { serversOf } from '../server/server_registry.js';
import { checkConfirmOptions, confirmCatalog, confirmOptionsHelp, confirmTarget } from './confirm_served.js';
import { exitCodeFor, exitCodeHelp, exitCodes } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

const usage = `Usage: safemap reload --config CATALOGUE [--server URL] [--wait SECONDS]

Apply an edited catalogue to the running server at once, without a restart: API keys (a revoked key stops
working), layer access and allow-lists. The catalogue is checked first; a catalogue with errors is not sent, and
the server keeps the one it has. Every "safemap serve" of this catalogue on this machine is sent SIGHUP, then the
server at --server is asked which catalogue it serves.

A running server also follows the catalogue file by itself within about a second; this command makes it immediate
and confirms it.

  -c, --config FILE   layer catalogue (required)
${confirmOptionsHelp}
  -h, --help          show this help

Exit codes
${exitCodeHelp}
`;

/** `safemap reload`: checks the catalogue, signals this machine's servers of it and confirms with the running one. */
export async function reloadCommand(argv: string[], io: CommandIo = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        server: { type: 'string' },
        wait: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    if (parsed.values.config === undefined) throw new Error('--config CATALOGUE is required: the catalogue the server should apply');
    checkConfirmOptions(parsed.values);
  } catch (error) {
    io.stderr.write(`safemap reload: ${(error as Error).message}\nRun "safemap reload --help" for the options.\n`);
    return exitCodes.usage;
  }
  const { values } = parsed;
  let catalog;
  try {
    catalog = await loadCatalog(values.config!);
  } catch (error) {
    if (!isSafeMapError(error)) throw error;
    io.stderr.write(`safemap reload: ${error.message}\nNothing was sent: the server keeps serving the catalogue it has.\n`);
    return exitCodeFor(error.code);
  }
  const signalled = serversOf(catalog.file).filter((pid) => {
    try {
      process.kill(pid, 'SIGHUP');
      return true;
    } catch {
      return false;
    }
  });
  io.stdout.write(
    signalled.length > 0
      ? `${catalog.file}: revision ${catalog.revision}; asked ${signalled.length === 1 ? 'server' : 'servers'} ${signalled.join(', ')} on this machine to reload\n`
      : `${catalog.file}: revision ${catalog.revision}; no server of this catalogue runs on this machine (a server elsewhere follows the file by itself)\n`,
  );
  const { server, waitMs } = confirmTarget(values, catalog.catalog.publish?.server);
  const check = await confirmCatalog(server, catalog.revision!, waitMs);
  if (check.state === 'serving') {
    io.stdout.write(`  the server at ${server} serves this catalogue (confirmed after ${check.seconds} s)\n`);
    return exitCodes.ok;
  }
  if (check.state === 'no-server') {
    io.stdout.write(`  no server answered at ${server} (${check.reason}); a server started on this catalogue uses it; give --server URL to confirm with a running one\n`);
    return exitCodes.ok;
  }
  io.stderr.write(
    `safemap reload: the server at ${server} still serves catalogue revision ${check.version ?? `unknown (HTTP ${check.status})`} after ${waitMs / 1000} s, not ${catalog.revision}: it serves another catalogue file, or it could not apply this one and its log says why\n`,
  );
  return exitCodes.notServed;
}
