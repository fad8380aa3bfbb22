import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../packages/tile-server/src/ingest/ingest_files.js';
import { gdalGeojson, ogr2ogr } from '../helpers/gdal.js';
import { writeZip } from '../helpers/write_zip.js';

const root = path.join(import.meta.dirname, '..', '..');
const real = (name: string) => path.join(root, 'test', 'fixtures', 'ingest', 'real', name);

let dir: string;
const at = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'safemap-tables-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A workbook as municipal lists come: a title and a date line above the header, phonetic guides in the shared
 * strings (as Japanese Excel writes them), a date cell, a number stored with 17 digits, and a second sheet.
 */
function municipalWorkbook(hiddenCodesFirst = false): Buffer {
  const strings = ['고양시 민방위 대피시설 현황', '2026.11.01 기준', '시설명', '위도', '경도', '지정일', '수용인원', '일산 <b>&amp; 대피소</b>', '주엽역 지하', 'コード表'];
  const si = strings.map((text, index) => (index === 9 ? `<si><t>${text}</t><rPh sb="0" eb="1"><t>コードヒョウ</t></rPh></si>` : index === 2 ? `<si><r><t/></r><r><t>${text}</t></r></si>` : `<si><t xml:space="preserve">${text.replace(/&(?!amp;)/g, '&amp;').replace(/</g, '&lt;')}</t></si>`)).join('');
  const cell = (ref: string, value: string, type?: string, style?: number) => `<c r="${ref}"${type ? ` t="${type}"` : ''}${style === undefined ? '' : ` s="${style}"`}><v>${value}</v></c>`;
  const sheet1 =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    `<row r="1">${cell('A1', '0', 's')}</row>` +
    `<row r="2">${cell('D2', '1', 's')}</row>` +
    `<row r="4">${cell('A4', '2', 's')}${cell('B4', '3', 's')}${cell('C4', '4', 's')}${cell('D4', '5', 's')}${cell('E4', '6', 's')}</row>` +
    `<row r="5">${cell('A5', '7', 's')}${cell('B5', '37.676000000000002')}${cell('C5', '126.7456')}${cell('D5', '45962', undefined, 1)}${cell('E5', '1200', undefined, 3)}</row>` +
    `<row r="6">${cell('A6', '8', 's')}${cell('B6', '37.670200000000001')}${cell('C6', '126.7612')}<c r="D6" s="1"/>${cell('E6', '350', undefined, 3)}</row>` +
    `<row r="7">${cell('A7', '8', 's')}${cell('B7', '37.6702')}${cell('C7', '126.7613')}${cell('D7', '45000', undefined, 2)}</row>` +
    `<row r="9"><c r="A9" t="inlineStr"><is><t>※ 자료: 고양시 민방위과</t></is></c></row>` +
    '</sheetData></worksheet>';
  const sheet2 = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', '9', 's')}<c r="B1" t="inlineStr"><is><t>lat</t></is></c><c r="C1" t="inlineStr"><is><t>lon</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>${cell('B2', '35.1')}${cell('C2', '129.1')}</row></sheetData></worksheet>`;
  return writeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: 'xl/workbook.xml',
      data:
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        (hiddenCodesFirst ? '<sheet name="코드" sheetId="2" state="hidden" r:id="rId2"/><sheet name="대피시설" sheetId="1" r:id="rId1"/>' : '<sheet name="대피시설" sheetId="1" r:id="rId1"/><sheet name="코드" sheetId="2" r:id="rId2"/>') +
        '</sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    },
    { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${si}</sst>` },
    { name: 'xl/styles.xml', data: '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="177" formatCode="#,##0&quot;명&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/></cellXfs></styleSheet>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheet1 },
    { name: 'xl/worksheets/sheet2.xml', data: sheet2 },
  ]);
}

describe('XLSX', () => {
  it('reads the first sheet under its title rows, reports them skipped, and types cells as a CSV would be', async () => {
    await writeFile(at('고양시.xlsx'), municipalWorkbook());
    const result = await ingestFiles([at('고양시.xlsx')]);
    expect(result.sources[0]).toMatchObject({ format: 'xlsx', crs: 'EPSG:4326', layer: 'sheet "대피시설" (1 of 2)', rows: 3, accepted: 3, header: ['시설명', '위도', '경도', '지정일', '수용인원'] });
    const skipped = result.problems.find((problem) => problem.kind === 'skipped-rows');
    expect(skipped).toMatchObject({ line: 1, severity: 'warning', quarantined: false });
    expect(skipped!.reason).toBe('2 rows above the header skipped ("고양시 민방위 대피시설 현황 / 2026.11.01 기준"): the header is the row after');
    const notes = result.problems.filter((problem) => problem.kind === 'skipped-rows')[1];
    expect(notes).toMatchObject({ line: 9, severity: 'warning', reason: 'a row below the table skipped ("※ 자료: 고양시 민방위과"): notes, not data' });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(result.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [126.7456, 37.676] });
    expect(result.features[0]!.properties).toEqual({ 시설명: '일산 <b>& 대피소</b>', 위도: 37.676, 경도: 126.7456, 지정일: '2025-11-01', 수용인원: 1200 });
    expect(result.features[1]!.origin.line).toBe(6);
    expect(result.features[1]!.properties).not.toHaveProperty('지정일');
    expect(result.features[2]!.properties['지정일']).toBe('2023-03-15');
  });

  it('--sheet picks a sheet by name or 1-based position; phonetic guides are left out; an unknown sheet lists the sheets', async () => {
    await writeFile(at('book.xlsx'), municipalWorkbook());
    const byName = await ingestFiles([at('book.xlsx')], { sheet: '코드' });
    const byIndex = await ingestFiles([at('book.xlsx')], { sheet: '2' });
    expect(byName.features[0]!.properties['コード表']).toBe('x');
    expect(byIndex.features).toEqual(byName.features);
    await expect(ingestFiles([at('book.xlsx')], { sheet: '3' })).rejects.toThrow('no sheet "3"; sheets: 1 "대피시설", 2 "코드". Give --sheet NAME or --sheet N (1 is the first)');
    // A hidden sheet (a lookup table) is never the default, even when it comes first.
    await writeFile(at('hidden.xlsx'), municipalWorkbook(true));
    expect((await ingestFiles([at('hidden.xlsx')])).sources[0]!.layer).toBe('sheet "대피시설" (2 of 2)');
  });

  it('reads an XLSX written by GDAL with the values GDAL reads back', async () => {
    ogr2ogr(['-f', 'XLSX', '-nln', 'shelters', '-oo', 'AUTODETECT_TYPE=YES', at('takamatsu.xlsx'), real('takamatsu-shelters.csv')]);
    const result = await ingestFiles([at('takamatsu.xlsx')]);
    const reference = gdalGeojson(at('takamatsu.xlsx'), ['-oo', 'HEADERS=FORCE']).features;
    expect(result.sources[0]!.accepted).toBe(193);
    expect(result.features).toHaveLength(reference.length);
    result.features.forEach((feature, index) => {
      const expected = reference[index]!.properties!;
      expect(feature.geometry).toEqual({ type: 'Point', coordinates: [Number(expected['lng']), Number(expected['lat'])] });
      expect(feature.properties['name']).toBe(expected['name']);
    });
    expect(result.problems.filter((problem) => problem.kind === 'skipped-rows')).toEqual([]);
  });

  it('a sheet of 10 MB is read in pieces of 8 MB: every row, in order, with its row number, as GDAL reads it', async () => {
    const rows = ['name,lat,lon,address'];
    for (let i = 0; i < 60_000; i += 1) rows.push(`대피소 ${i},${(35.15 + i / 1e7).toFixed(7)},${(129.05 + i / 1e7).toFixed(7)},부산광역시 중구 대청로 ${i}`);
    await writeFile(at('long.csv'), rows.join('\n'));
    ogr2ogr(['-f', 'XLSX', '-nln', 'shelters', at('long.xlsx'), at('long.csv')]);
    const result = await ingestFiles([at('long.xlsx')]);
    // Every cell is text, so GDAL reads the header as the first row, into columns Field1…Field4.
    const reference = gdalGeojson(at('long.xlsx')).features.map((feature) => feature.properties!);
    expect(reference[0]).toEqual({ Field1: 'name', Field2: 'lat', Field3: 'lon', Field4: 'address' });
    expect(reference).toHaveLength(60_001);
    expect(result.sources[0]).toMatchObject({ rows: 60_000, accepted: 60_000 });
    const read = result.features.map((feature) => [feature.origin.line, feature.properties['name'], feature.properties['address']]);
    const expected = reference.slice(1).map((row, index) => [index + 2, row['Field1'], row['Field4']]);
    expect(read.flatMap((row, index) => (JSON.stringify(row) === JSON.stringify(expected[index]) ? [] : [{ index, read: row, expected: expected[index] }])).slice(0, 5)).toEqual([]);
  }, 60_000);

  it('refuses an XLSX renamed .csv with what to do, instead of printing binary as columns', async () => {
    await copyFile(at('takamatsu.xlsx'), at('shelters.csv'));
    const message = await ingestFiles([at('shelters.csv')]).catch((error: Error) => error.message);
    expect(message).toBe(`${at('shelters.csv')}: this is an Excel workbook (.xlsx), not CSV text; rename it to shelters.xlsx`);
  });
});

describe('encodings', () => {
  it('reads a Shift_JIS municipal CSV as Shift_JIS without flags, and reports it', async () => {
    const result = await ingestFiles([real('takamatsu-shelters-sjis.csv')]);
    expect(result.sources[0]).toMatchObject({ format: 'csv', encoding: 'cp932', crs: 'EPSG:4326', rows: 30, accepted: 30, quarantined: 0 });
    expect(result.features[0]!.properties).toMatchObject({ 名称: '日新小学校跡施設', 住所: '高松市瀬戸内町18-2', 洪水: '○', 津波: '△', 想定収容人数: 238 });
    expect(result.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [134.0300392, 34.34753333] });
    expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('reads EUC-JP, and --encoding overrides the sniffing', async () => {
    const text = iconv.decode(await readFile(real('takamatsu-shelters-sjis.csv')), 'cp932');
    await writeFile(at('euc.csv'), iconv.encode(text, 'euc-jp'));
    const sniffed = await ingestFiles([at('euc.csv')]);
    expect(sniffed.sources[0]!.encoding).toBe('euc-jp');
    expect(sniffed.features[29]!.properties['名称']).toBe(text.split('\r\n')[30]!.split(',')[0]);
    const forced = await ingestFiles([real('takamatsu-shelters-sjis.csv')], { encoding: 'shift_jis' });
    expect(forced.sources[0]!.encoding).toBe('cp932');
    await expect(ingestFiles([at('euc.csv')], { encoding: 'latin-9' })).rejects.toThrow(/unknown encoding "latin-9"; use utf-8, cp949 \(euc-kr\), cp932 \(shift_jis\) or euc-jp/);
  });

  it('a Japanese GeoJSON in Shift_JIS is sniffed the same way', async () => {
    const collection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '栗林小学校', 洪水: '○' }, geometry: { type: 'Point', coordinates: [134.0501211, 34.33083306] } }] };
    await writeFile(at('sjis.geojson'), iconv.encode(JSON.stringify(collection), 'cp932'));
    const result = await ingestFiles([at('sjis.geojson')]);
    expect(result.sources[0]!.encoding).toBe('cp932');
    expect(result.features[0]!.properties).toEqual({ 名称: '栗林小学校', 洪水: '○' });
  });
});
