import { type TextEncoding } from './decode_text.js';
/** {@link sniffEncoding} on the first 64 KiB of a file: BOM, UTF-8 validity, then Korean or Japanese double-byte. */
export declare function sniffFileEncoding(file: string): Promise<TextEncoding>;
