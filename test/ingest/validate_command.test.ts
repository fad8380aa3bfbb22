import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../packages/tile-server/src/cli/validate_command.js';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';

const root = path.join(import.meta.dirname, '..', '..');
const fixture = (name: string) => path.join(root, 'test', 'fixtures', 'ingest', name);
const launcher = path.join(root, 'packages', 'tile-server', 'bin', 'safemap.js');

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await validateCommand(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('safemap validate', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-validate-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 on clean data', async () => {
    const { code, stdout } = await run([fixture('bells-2026.csv')]);
    expect(code).toBe(exitCodes.ok);
    expect(stdout).toContain('no problems found');
  });

  it('exits 0 when there are only warnings', async () => {
    const { code, stdout } = await run([fixture('quirks.csv')]);
    expect(code).toBe(exitCodes.ok);
    expect(stdout).toContain('warning duplicate-header');
  });

  it('exits 7 with a file:line report when rows are quarantined', async () => {
    const { code, stdout } = await run([fixture('precision-swapped.csv')]);
    expect(code).toBe(exitCodes.dataInvalid);
    expect(stdout).toContain(`${fixture('precision-swapped.csv')}:4`);
    expect(stdout).toMatch(/error swapped-lat-lon \(1, quarantined\)/);
  });

  it('--keep-suspect keeps suspect rows but still fails validation', async () => {
    const { code, stdout } = await run(['--keep-suspect', fixture('precision-swapped.csv')]);
    expect(code).toBe(exitCodes.dataInvalid);
    expect(stdout).toMatch(/swapped-lat-lon \(1, kept \(--keep-suspect\)\)/);
  });

  it('--json prints a parseable report', async () => {
    const { code, stdout } = await run(['--json', fixture('precision-swapped.csv'), fixture('bells-2026.csv')]);
    expect(code).toBe(exitCodes.dataInvalid);
    const report = JSON.parse(stdout);
    expect(report.clean).toBe(false);
    expect(report.sources).toHaveLength(2);
    expect(report.problems.find((p: { kind: string }) => p.kind === 'swapped-lat-lon')).toMatchObject({ file: fixture('precision-swapped.csv'), line: 4, severity: 'error', quarantined: true });
    expect(report.problems.map((p: { line: number }) => p.line)).toEqual([3, 4, 5, 6, 6]);
  });

  it('refuses projected metres without --crs (exit 6), and accepts them with it', async () => {
    const refused = await run([fixture('localdata-shelters-5174.csv')]);
    expect(refused.code).toBe(exitCodes.crsRequired);
    expect(refused.stderr).toMatch(/refusing to guess[\s\S]*--crs EPSG:5174/);
    const accepted = await run(['--crs', 'EPSG:5174', fixture('localdata-shelters-5174.csv')]);
    expect(accepted.code).toBe(exitCodes.ok);
  });

  it('--require and --region feed the checks', async () => {
    const missing = await run(['--require', '대피가능인원', '--stale-days', '100000', fixture('stale-and-missing.csv')]);
    expect(missing.code).toBe(exitCodes.dataInvalid);
    expect(missing.stdout).toContain('missing-field');
    const outside = await run(['--region', '129.0,35.0,129.01,35.01', fixture('cctv-2022.csv')]);
    expect(outside.stdout).toContain('outside the declared region');
  });

  it.each([
    [['--lat', 'a', fixture('lat-lon.csv')], exitCodes.usage, /--lat and --lon go together/],
    [['--crs', 'EPSG:9999', fixture('lat-lon.csv')], exitCodes.usage, /unknown coordinate system[\s\S]*--crs EPSG:N/],
    [['--bogus', fixture('lat-lon.csv')], exitCodes.usage, /Unknown option/],
    [[], exitCodes.usage, /no input FILE/],
    [[fixture('no-coordinates.csv')], exitCodes.sourceInvalid, /columns seen: "시설명", "주소"/],
    [[fixture('does-not-exist.csv')], exitCodes.sourceUnreadable, /cannot be read/],
  ])('%j → exit %i', async (argv, expected, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(expected);
    expect(stderr).toMatch(message);
  });

  it('--help is grouped by task and lists the exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const heading of ['Coordinates', 'Checks', 'Output', 'Exit codes']) expect(stdout).toContain(heading);
    expect(stdout).toMatch(/ 6 {2}projected coordinates without a declared CRS: refused/);
  });

  it('runs as `safemap validate` from the launcher, writes nothing, and returns the exit code', async () => {
    const copy = path.join(dir, 'bells.csv');
    await copyFile(fixture('precision-swapped.csv'), copy);
    const before = await readdir(dir);
    const result = await promisify(execFile)(process.execPath, [launcher, 'validate', 'bells.csv'], { cwd: dir }).then(
      () => ({ code: 0 }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code).toBe(exitCodes.dataInvalid);
    expect(await readdir(dir)).toEqual(before);
  });
});
