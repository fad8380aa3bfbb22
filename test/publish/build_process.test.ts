import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { mallocThresholds } from '../../packages/tile-server/src/malloc_thresholds.js';
import { childPids, isRunning, until } from '../helpers/process_tree.js';
import { makeCatalogue, writeBells } from './publish_fixture.js';

// `safemap build` runs itself again with glibc's malloc thresholds set (malloc_thresholds.ts); the two processes must
// behave as the one command a user started.
const bin = fileURLToPath(new URL('../../packages/tile-server/bin/safemap.js', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The environment of a user who never heard of glibc's thresholds. */
function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of Object.keys(mallocThresholds)) delete env[name];
  return env;
}

/** Starts a build of 40,000 rows over a published version, and resolves once its staging file exists. */
async function buildUnderway(): Promise<{ fixture: Awaited<ReturnType<typeof makeCatalogue>>; parent: ChildProcess; worker: number; pointer: Buffer; exited: Promise<NodeJS.Signals | null> }> {
  const fixture = await makeCatalogue(3);
  dirs.push(fixture.dir);
  await writeBells(fixture.csv, 100, '처음');
  expect(spawnSync(process.execPath, [bin, 'build', '-q', '--config', fixture.catalog], { env: plainEnv(), timeout: 60_000 }).status).toBe(0);
  const pointer = await readFile(path.join(fixture.tilesetDir, 'current.json'));
  await writeBells(fixture.csv, 40_000, '다음');
  const parent = spawn(process.execPath, [bin, 'build', '-q', '--config', fixture.catalog], { stdio: 'ignore', env: plainEnv() });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.once('exit', (_code, signal) => resolve(signal)));
  const staged = await until(
    async () => (await readdir(fixture.tilesetDir)).some((name) => name.includes('.staging-')),
    (found) => found || parent.exitCode !== null,
    100_000,
    5,
  );
  expect(staged, 'the build reached its staging step').toBe(true);
  const workers = childPids(parent.pid!);
  expect(workers, 'the command runs its work in one child process').toHaveLength(1);
  return { fixture, parent, worker: workers[0]!, pointer, exited };
}

describe('safemap build as one command in two processes', () => {
  it('does its work with the thresholds set, and reports through the terminal it was started from', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 100, '처음');
    const seen = path.join(fixture.dir, 'seen.txt');
    // Every process the command starts writes down the threshold it was given.
    const preload = `data:text/javascript,import{appendFileSync}from"node:fs";appendFileSync(process.env.SEEN_FILE,process.pid+"="+process.env.MALLOC_MMAP_THRESHOLD_+"\\n")`;
    const run = spawnSync(process.execPath, ['--import', preload, bin, 'build', '--config', fixture.catalog], { encoding: 'utf8', env: plainEnv({ SEEN_FILE: seen }), timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/published [0-9a-f]{16}/);
    const lines = (await readFile(seen, 'utf8')).trim().split('\n');
    expect(lines).toContain(`${run.pid}=undefined`);
    expect(lines.some((line) => !line.startsWith(`${run.pid}=`) && line.endsWith(`=${mallocThresholds.MALLOC_MMAP_THRESHOLD_}`))).toBe(true);
  }, 120_000);

  it('SIGTERM to the command reaches the build: staging removed, published version kept, exit by SIGTERM', async () => {
    const { fixture, parent, worker, pointer, exited } = await buildUnderway();
    parent.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    expect(isRunning(worker)).toBe(false);
    expect(await readFile(path.join(fixture.tilesetDir, 'current.json'))).toEqual(pointer);
    expect((await readdir(fixture.tilesetDir)).sort()).toEqual(['current.json', 'versions']);
  }, 180_000);

  it('SIGKILL to the command ends the build too, before it can publish', async () => {
    const { fixture, parent, worker, pointer, exited } = await buildUnderway();
    parent.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await until(() => isRunning(worker), (running) => !running, 10_000)).toBe(false);
    // Long enough for the 40,000-row build to have published, had it gone on.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await readFile(path.join(fixture.tilesetDir, 'current.json'))).toEqual(pointer);
  }, 180_000);
});
