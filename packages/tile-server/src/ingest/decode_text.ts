import iconv from 'iconv-lite';

/** The encodings agency files arrive in: UTF-8, Korean CP949 (a superset of EUC-KR), Japanese CP932 and EUC-JP. */
export type TextEncoding = 'utf-8' | 'cp949' | 'cp932' | 'euc-jp';

/** Names accepted for `--encoding` and `source.encoding`, and what each reads as. */
export const encodingNames: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  cp949: 'cp949',
  'euc-kr': 'cp949',
  uhc: 'cp949',
  ms949: 'cp949',
  cp932: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
  'windows-31j': 'cp932',
  'euc-jp': 'euc-jp',
};

/** Bytes sampled to tell Korean from Japanese double-byte text: enough rows, little time. */
const SNIFF_BYTES = 256 * 1024;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** The canonical encoding for a user-given name (`EUC-KR`, `Shift_JIS`, `utf8`, …), or undefined when unknown. */
export function normalizeEncoding(name: string): TextEncoding | undefined {
  return encodingNames[name.trim().toLowerCase().replace(/_/g, '-')];
}

/**
 * BOM → UTF-8; valid UTF-8 → UTF-8; otherwise the double-byte encoding whose reading looks most like real text.
 * Korean and Japanese legacy encodings share byte ranges, so every candidate decodes *something*: CP949 read as
 * CP932 gives half-width katakana, CP932 read as CP949 gives rare Hangul outside the 2,350 common syllables, and
 * EUC-KR read as EUC-JP gives kanji without a single kana. Scoring the share of common characters tells them apart;
 * a tie stays CP949, the usual encoding of Korean portal downloads.
 */
export function sniffEncoding(bytes: Uint8Array, truncated = false): TextEncoding {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  try {
    utf8Strict.decode(bytes, { stream: truncated });
    return 'utf-8';
  } catch {
    return sniffDoubleByte(bytes.subarray(0, SNIFF_BYTES));
  }
}

/** Decodes to NFC text without a BOM, so Hangul compares and encodes the same whatever the source. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding | 'auto' | string = 'auto'): { text: string; encoding: TextEncoding } {
  const chosen = encoding === 'auto' ? sniffEncoding(bytes) : (normalizeEncoding(encoding) ?? 'utf-8');
  const body = chosen === 'utf-8' && hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  const text = chosen === 'utf-8' ? Buffer.from(body).toString('utf8') : iconv.decode(Buffer.from(body), chosen);
  return { text: text.normalize('NFC'), encoding: chosen };
}

function sniffDoubleByte(sample: Uint8Array): TextEncoding {
  const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  const korean = scoreKorean(iconv.decode(buffer, 'cp949'));
  const shiftJis = scoreJapanese(iconv.decode(buffer, 'cp932'), false);
  const eucJp = scoreJapanese(iconv.decode(buffer, 'euc-jp'), true);
  if (shiftJis > korean && shiftJis >= eucJp) return 'cp932';
  if (eucJp > korean) return 'euc-jp';
  return 'cp949';
}

/** Share of non-ASCII characters that are common Hangul (KS X 1001 syllables) or Korean punctuation. */
function scoreKorean(text: string): number {
  let good = 0;
  let total = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    total += 1;
    if (code >= 0xac00 && code <= 0xd7a3) {
      // Syllables outside KS X 1001 take the UHC extension bytes: real Korean rarely uses them, mojibake mostly does.
      if (iconv.encode(char, 'cp949')[0]! >= 0xb0) good += 1;
    } else if (code === 0xb7 || (code >= 0x3000 && code <= 0x3003) || code === 0xff5e) good += 0.5;
  }
  return total === 0 ? 0 : good / total;
}

/** Share of non-ASCII characters that are kana or kanji; EUC-JP also needs some kana, since EUC-KR reads as kanji. */
function scoreJapanese(text: string, needKana: boolean): number {
  let kana = 0;
  let kanji = 0;
  let total = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    total += 1;
    if (code >= 0x3041 && code <= 0x30ff) kana += 1;
    else if (code >= 0x4e00 && code <= 0x9fff) kanji += 1;
    else if ((code >= 0x3000 && code <= 0x3003) || (code >= 0xff01 && code <= 0xff5e)) kana += 0.5;
  }
  if (total === 0) return 0;
  if (needKana && kana < 0.05 * (kana + kanji)) return 0;
  return (kana + kanji) / total;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
