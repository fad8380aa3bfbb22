import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../packages/tile-server/src/cli/build_command.js';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import { validateCommand } from '../../packages/tile-server/src/cli/validate_command.js';
import { formatReportText } from '../../packages/tile-server/src/ingest/format_report.js';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';

/** Generated fixtures for the value traps: DMS in one cell, trailing separators, hostile header and file names. */
describe('values read as an officer types them', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-values-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const dms = (value: number, positive: string, negative: string) => {
    const tenths = Math.round(Math.abs(value) * 36_000);
    const [d, m, s] = [Math.floor(tenths / 36_000), Math.floor((tenths % 36_000) / 600), (tenths % 600) / 10];
    return `${d}°${String(m).padStart(2, '0')}'${s.toFixed(1)}"${value < 0 ? negative : positive}`;
  };

  it('Google-Maps DMS in one cell: every camera kept, one grouped warning with a count and examples', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => {
      const [lat, lon] = [35.1 + i * 0.002, 129.03 + i * 0.002];
      return i < 36 ? `cam${i},"${dms(lat, 'N', 'S').replace(/"/g, '""')}","${dms(lon, 'E', 'W').replace(/"/g, '""')}"` : `cam${i},${lat.toFixed(5)},"${lon.toFixed(5)},"`;
    });
    const file = path.join(dir, 'busan-cameras-dms.csv');
    await writeFile(file, `설치장소,위도,경도\n${rows.join('\n')}\n`);
    const result = await ingestFiles([file]);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.features).toHaveLength(40);
    const [lon, lat] = (result.features[0]!.geometry as { coordinates: number[] }).coordinates;
    expect(Math.abs(lat! - 35.1)).toBeLessThan(2e-6); // 0.1″ of rounding in the cell: about 3 m
    expect(Math.abs(lon! - 129.03)).toBeLessThan(2e-6);
    expect(result.problems.filter((p) => p.kind === 'dms-coordinate')).toHaveLength(36);
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    const text = formatReportText(result);
    const groups = text.split('\n').filter((line) => /^\s+warning dms-coordinate/.test(line));
    expect(groups).toEqual([expect.stringMatching(/warning dms-coordinate \(36, kept\): degrees-minutes-seconds read as decimal degrees/)]);
    expect(text).toContain(`at ${file}:2–37`);
    expect(text.match(/ e\.g\. line \d+: degrees-minutes-seconds/g)).toHaveLength(3);
    expect(text).toMatch(/warning coordinate-typo \(4, kept\)/);
  });

  it('rows differing only in the values they quote are one report line, with examples', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `place${i},${i < 25 ? `abc${i}` : 35.1},129.05`);
    const file = path.join(dir, 'bad-numbers.csv');
    await writeFile(file, `name,lat,lon\n${rows.join('\n')}\n`);
    const text = formatReportText(await ingestFiles([file]));
    expect(text.split('\n').filter((line) => /^\s+error unparseable-number/.test(line))).toHaveLength(1);
    expect(text).toMatch(/error unparseable-number \(25, quarantined\): lat "…" is not a number/);
    expect(text).toContain('e.g. line 2: lat "abc0" is not a number');
  });

  it('types each column once: vector_layers and the features agree, names like 12 stay text, codes keep their zeros', async () => {
    const file = path.join(dir, 'typed.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `${i === 3 ? '중앙' : String(i)},${(35.1 + i * 0.001).toFixed(4)},129.05,${i},${String(i).padStart(5, '0')}`);
    await writeFile(file, `name,위도,경도,count,code\n${rows.join('\n')}\n`);
    const result = await ingestFiles([file]);
    expect(result.features.map((f) => typeof f.properties['name'])).toEqual(Array(30).fill('string'));
    expect(result.features[12]!.properties).toMatchObject({ name: '12', count: 12, code: '00012' });
    const output = path.join(dir, 'typed-out');
    const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined } };
    expect(await buildCommand(['-q', '-o', output, file], io)).toBe(exitCodes.ok);
    const metadata = JSON.parse(await readFile(path.join(output, 'metadata.json'), 'utf8')) as { vector_layers: Array<{ fields: Record<string, string> }> };
    expect(metadata.vector_layers[0]!.fields).toMatchObject({ name: 'String', count: 'Number', code: 'String' });
  });

  it('escapes terminal control codes in header and file names', async () => {
    const file = path.join(dir, 'evil\u001b]0;owned\u0007\u001b[31m.csv');
    await writeFile(file, `name\u001b[2J,lat,lon\nx,abc,129.05\nok,35.1,129.05\n`);
    let stdout = '';
    let stderr = '';
    const code = await validateCommand([file], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    expect(code).toBe(exitCodes.dataInvalid);
    expect(stdout + stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(stdout).toContain('evil\\u001b]0;owned\\u0007\\u001b[31m.csv');
    const missing = path.join(dir, 'no\u001b[31mcoords.csv');
    await writeFile(missing, `a\u001b[2J,b\n1,2\n`);
    stderr = '';
    expect(await validateCommand([missing], { stdout: { write: () => undefined }, stderr: { write: (t: string) => (stderr += t) } })).toBe(exitCodes.sourceInvalid);
    expect(stderr).not.toMatch(/\u001b/);
    expect(stderr).toContain('no\\u001b[31mcoords.csv');
  });
});
