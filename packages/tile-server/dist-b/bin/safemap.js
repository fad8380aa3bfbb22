import { reportFatal } from './report_fatal.js';
import { validateCommand } from '../cli/validate_command.js';
import { buildCommand } from '../cli/build_command.js';
import { inspectCommand } from '../cli/inspect_command.js';
import { reloadCommand } from '../cli/reload_command.js';
import { rollbackCommand } from '../cli/rollback_command.js';
import { versionsCommand } from '../cli/versions_command.js';
import { serveWithWorkers } from './serve_workers.js';
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
const commands = {
    serve: serveWithWorkers,
    validate: validateCommand,
    build: buildCommand,
    inspect: inspectCommand,
    rollback: rollbackCommand,
    reload: reloadCommand,
    versions: versionsCommand,
    // Loaded on demand: serving never pays for the exporter's imports.
    export: async (argv) => (await import('../cli/export_command.js')).exportCommand(argv),
};
const [name, ...rest] = process.argv.slice(2);
const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!command) {
    process.stdout.write(usage);
    process.exit(name === undefined || name === '--help' || name === '-h' ? 0 : 2);
}
else {
    command(rest).then((code) => process.exit(code), reportFatal);
}
//# sourceMappingURL=safemap.js.map