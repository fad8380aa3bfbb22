import { reportFatal } from './report_fatal.js';
import { rerunWithMallocThresholds } from '../malloc_thresholds.js';

const usage = `Usage: safemap <command> [options]

Check data
  validate    report what is wrong with agency files (CSV, GeoJSON); writes nothing

Make and publish tiles
  build       turn files into .pmtiles, .mbtiles or a z/x/y folder; --config publishes a catalogue
  inspect     print an archive's metadata, or one tile as GeoJSON
  versions    list the kept versions of published tile sets: build time, catalogue, sources, features
  rollback    return published tile sets to an earlier version (--to VERSION), confirmed with the server

Serve
  serve       run the tile server, widget and the agency's map page (--config CATALOGUE)
  reload      apply an edited catalogue (keys, access, allow-lists) to the running server now
  export      write the public map as a static folder for any web host or CDN (no server process)

Run "safemap <command> --help" for the options of a command.
`;

type Command = (argv: string[]) => Promise<number>;

// Each command loads only its own modules, so a build run again with glibc's thresholds (see malloc_thresholds.ts)
// starts its real work before anything heavy is loaded.
const building = (load: () => Promise<Command>): Command => async (argv) => (await rerunWithMallocThresholds()) ?? (await load())(argv);

const commands: Record<string, Command> = {
  serve: async (argv) => (await import('./serve_workers.js')).serveWithWorkers(argv),
  validate: async (argv) => (await import('../cli/validate_command.js')).validateCommand(argv),
  build: building(async () => (await import('../cli/build_command.js')).buildCommand),
  inspect: async (argv) => (await import('../cli/inspect_command.js')).inspectCommand(argv),
  rollback: async (argv) => (await import('../cli/rollback_command.js')).rollbackCommand(argv),
  reload: async (argv) => (await import('../cli/reload_command.js')).reloadCommand(argv),
  versions: async (argv) => (await import('../cli/versions_command.js')).versionsCommand(argv),
  export: building(async () => (await import('../cli/export_command.js')).exportCommand),
};

const [name, ...rest] = process.argv.slice(2);
const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!command) {
  process.stdout.write(usage);
  process.exit(name === undefined || name === '--help' || name === '-h' ? 0 : 2);
} else {
  command(rest).then((code) => process.exit(code), reportFatal);
}
