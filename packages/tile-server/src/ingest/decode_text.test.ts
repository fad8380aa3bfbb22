import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, normalizeEncoding, sniffEncoding } from './decode_text.js';

const text = '무더위쉼터명,위도,경도\n덕율3리경로당,36.712133,128.505098\n';
const japanese = '名称,住所,緯度,経度,洪水\n日新小学校跡施設,高松市瀬戸内町18-2,34.34753333,134.0300392,○\nコミュニティセンター,高松市錦町2-14-1,34.3458,134.0409,△\n';
const kanjiOnly = '名称,住所,緯度,経度\n高松市役所,高松市番町一丁目,34.34,134.04\n栗林公園,高松市栗林町,34.32,134.05\n';

describe('text decoding', () => {
  it('round-trips Hangul through CP949 and sniffs it', () => {
    const bytes = iconv.encode(text, 'cp949');
    expect(sniffEncoding(bytes)).toBe('cp949');
    expect(decodeText(bytes)).toEqual({ text, encoding: 'cp949' });
  });

  it('strips a UTF-8 BOM and normalises to NFC', () => {
    const decomposed = '대피소'.normalize('NFD');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decomposed)]);
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe('대피소');
    expect(decoded.text).toBe(decoded.text.normalize('NFC'));
  });

  it('honours an explicit encoding, by any of its names', () => {
    expect(decodeText(Buffer.from(text), 'utf-8').text).toBe(text);
    expect(decodeText(iconv.encode(japanese, 'cp932'), 'Shift_JIS')).toEqual({ text: japanese, encoding: 'cp932' });
    expect(decodeText(iconv.encode(text, 'cp949'), 'EUC-KR').encoding).toBe('cp949');
  });

  it('tells Japanese double-byte text from Korean: Shift_JIS, EUC-JP, and Shift_JIS written in kanji only', () => {
    expect(sniffEncoding(iconv.encode(japanese, 'cp932'))).toBe('cp932');
    expect(sniffEncoding(iconv.encode(japanese, 'euc-jp'))).toBe('euc-jp');
    expect(sniffEncoding(iconv.encode(kanjiOnly, 'cp932'))).toBe('cp932');
    expect(decodeText(iconv.encode(japanese, 'euc-jp')).text).toBe(japanese);
  });

  it('keeps Korean text Korean, even with rare syllables and hanja', () => {
    const rare = '이름,주소\n똠방각하 쉼터,부산광역시 해운대구 우동 1408-1 (海雲臺區)\n펲시 경로당,서울특별시\n';
    expect(sniffEncoding(iconv.encode(rare, 'cp949'))).toBe('cp949');
  });

  it('knows the names officers type', () => {
    expect(['utf8', 'UTF-8', 'euc_kr', 'cp949', 'SJIS', 'shift_jis', 'Windows-31J', 'EUC-JP'].map(normalizeEncoding)).toEqual(['utf-8', 'utf-8', 'cp949', 'cp949', 'cp932', 'cp932', 'cp932', 'euc-jp']);
    expect(normalizeEncoding('latin-9')).toBeUndefined();
  });
});
