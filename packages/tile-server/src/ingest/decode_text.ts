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
export const SNIFF_BYTES = 256 * 1024;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Hangul syllables frequent in Korean text, addresses and facility names. Kanji bytes read as EUC-KR land on
 * common syllables too, but on an even spread of all 2,350 of them, and rarely on these.
 */
const frequentHangul = new Set(
  '이다는의에하고가을지기사서를리도로자한대수어정나주구인시아전상부보일장제소해게니우그미마경회국내여관공성중동비문라개유신원계화오위명연요교통단당산' +
    '안조행영물업남강길읍면군역청센터병학복민택파트빌딩층호번앞쪽북천광울포항충세종초송노은평용랑봉금악등양타운체육료건찰출방피쉼설치년월간집실무것또되' +
    '있없같들및더후때와과으만할했된될저까처럼적점결목표준진차험현황협활효훈휴흥희입임작재접좌즉증직질창책최추축측침칭탁탄태토특판편폐품풍필합향허혁형혜' +
    '홍환김박윤권류손배백심곽엄채함변염석선반왕옥맹모예두감음빈온범팽승갈견옹순빙덕령룡림립약외욕웅율응익잉래례론료르른를름릉막만말망매맥먹메며면몇모몸못' +
    '묘무묵뮤바밖밤밭배버벌법벽별병보본볼부분불붙뷰브블비빛사삭산살삼새색생샘서석섬섭성세셀셔소속손솔쇄수숙술숨쉬스슬습승식신실심십쌍씨아악안알암압앙애' +
    '액야약양어억언얼엄업없엔여역연열염엽였영옆예오옥온올옷와완왔외요용우운울움워원월위유육윤으은을음응의이익인일읽잃임입자작잔잘잠잡장재쟁저적전절젊점' +
    '접정제조족존졸종좋좌죄주죽준줄중즉즐증지직진질짐집징짜째쪽찌차착찬찰참창찾채책처척천철첫청체초촌총최추축춘출춤충취측층치친칠침카커컴케코콘크큰키타' +
    '탈탐탑탕태택터털테토통투트특틀티파판팔패퍼페편평폐포폭표푸품풍프피필하학한할함합항해핵했행향허헌험혁현협형혜호혹혼홍화확환활황회획효후훈휴흐흑흔흥희흰힘',
);

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

/** Korean or Japanese, for bytes that are not UTF-8 (see {@link sniffEncoding}). */
export function sniffDoubleByte(sample: Uint8Array): TextEncoding {
  const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  const korean = scoreKorean(iconv.decode(buffer, 'cp949'));
  const shiftJis = scoreJapanese(iconv.decode(buffer, 'cp932'));
  const eucJp = scoreJapanese(iconv.decode(buffer, 'euc-jp'));
  if (shiftJis.score > korean && shiftJis.score >= eucJp.score) return 'cp932';
  // EUC-KR and EUC-JP share every byte range: Japanese needs some kana, or the Korean reading must be implausible.
  if ((eucJp.kana >= 0.05 && eucJp.score > korean) || (korean < 0.35 && eucJp.score > 0.8)) return 'euc-jp';
  return 'cp949';
}

/** Share of non-ASCII characters that are frequent Hangul syllables (others count a little), or punctuation. */
function scoreKorean(text: string): number {
  let good = 0;
  let total = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    total += 1;
    if (code >= 0xac00 && code <= 0xd7a3) {
      // Syllables outside KS X 1001 take the UHC extension bytes: real Korean rarely uses them, mojibake mostly does.
      if (frequentHangul.has(char)) good += 1;
      else if (iconv.encode(char, 'cp949')[0]! >= 0xb0) good += 0.2;
    } else if (code === 0xb7 || (code >= 0x3000 && code <= 0x3003) || code === 0xff5e) good += 0.5;
  }
  return total === 0 ? 0 : good / total;
}

/** Share of non-ASCII characters that are kana or kanji (`score`), and the share of kana among them (`kana`). */
function scoreJapanese(text: string): { score: number; kana: number } {
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
  if (total === 0) return { score: 0, kana: 0 };
  return { score: (kana + kanji) / total, kana: kana / Math.max(1, kana + kanji) };
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
