import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, sniffEncoding } from './decode_text.js';

const text = '무더위쉼터명,위도,경도\n덕율3리경로당,36.712133,128.505098\n';

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

  it('honours an explicit encoding', () => {
    expect(decodeText(Buffer.from(text), 'utf-8').text).toBe(text);
  });
});
