/** The encodings agency files arrive in: UTF-8, Korean CP949 (a superset of EUC-KR), Japanese CP932 and EUC-JP. */
export type TextEncoding = 'utf-8' | 'cp949' | 'cp932' | 'euc-jp';
/** Names accepted for `--encoding` and `source.encoding`, and what each reads as. */
export declare const encodingNames: Readonly<Record<string, TextEncoding>>;
/** The canonical encoding for a user-given name (`EUC-KR`, `Shift_JIS`, `utf8`, …), or undefined when unknown. */
export declare function normalizeEncoding(name: string): TextEncoding | undefined;
/**
 * BOM → UTF-8; valid UTF-8 → UTF-8; otherwise the double-byte encoding whose reading looks most like real text.
 * Korean and Japanese legacy encodings share byte ranges, so every candidate decodes *something*: CP949 read as
 * CP932 gives half-width katakana, CP932 read as CP949 gives rare Hangul outside the 2,350 common syllables, and
 * EUC-KR read as EUC-JP gives kanji without a single kana. Scoring the share of common characters tells them apart;
 * a tie stays CP949, the usual encoding of Korean portal downloads.
 */
export declare function sniffEncoding(bytes: Uint8Array, truncated?: boolean): TextEncoding;
/** Decodes to NFC text without a BOM, so Hangul compares and encodes the same whatever the source. */
export declare function decodeText(bytes: Uint8Array, encoding?: TextEncoding | 'auto' | string): {
    text: string;
    encoding: TextEncoding;
};
