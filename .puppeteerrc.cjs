// Use the system Chromium where one is installed (CI, Debian servers); elsewhere puppeteer downloads its own.
const { existsSync } = require('node:fs');

const executablePath = process.env.PUPPETEER_EXECUTABLE_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

module.exports = executablePath ? { skipDownload: true, executablePath } : {};
