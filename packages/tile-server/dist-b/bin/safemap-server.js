#!/usr/bin/env node
import { reportFatal } from './report_fatal.js';
import { serveWithWorkers } from './serve_workers.js';
serveWithWorkers(process.argv.slice(2)).then((code) => process.exit(code), reportFatal);
//# sourceMappingURL=safemap-server.js.map