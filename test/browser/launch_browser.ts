import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';

/** Flags for headless Chromium on a machine with no GPU: WebGL 2 through SwiftShader, no background traffic. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** A running browser with its own throw-away profile. */
export interface LaunchedBrowser {
  browser: Browser;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** The system Chromium (`PUPPETEER_EXECUTABLE_PATH`, else /usr/bin/chromium), if there is one. */
export function systemChromium(): string | undefined {
  const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path!));
}

/** Launches headless Chromium with a fresh profile; puppeteer's own browser where no system one is installed. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'safemap-chromium-'));
  const executablePath = systemChromium();
  try {
    const browser = await puppeteer.launch({
      headless: true,
      ...(executablePath ? { executablePath } : {}),
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, ...extraArgs],
    });
    return {
      browser,
      async close() {
        await browser.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
