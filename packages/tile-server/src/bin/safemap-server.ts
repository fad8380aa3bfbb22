#!/usr/bin/env node
import { reportFatal } from './report_fatal.js';
import { serveCommand } from './serve_command.js';

serveCommand(process.argv.slice(2)).then((code) => process.exit(code), reportFatal);
