import { reportFatal } from './report_fatal.js';
import { serveCommand } from './serve_command.js';

const usage = `Usage: safemap <command> [options]

Serve
  serve       run the tile server, widget and demo page

Run "safemap <command> --help" for the options of a command.
`;

const commands: Record<string, (argv: string[]) => Promise<number>> = { serve: serveCommand };

const [name, ...rest] = process.argv.slice(2);
const command = name === undefined ? undefined : Object.hasOwn(commands, name) ? commands[name] : undefined;
if (!command) {
  process.stdout.write(usage);
  process.exit(name === undefined || name === '--help' || name === '-h' ? 0 : 2);
} else {
  command(rest).then((code) => process.exit(code), reportFatal);
}
