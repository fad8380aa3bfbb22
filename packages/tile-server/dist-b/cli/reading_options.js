import { SafeMapError } from '../errors.js';
import { normalizeEncoding } from '../ingest/decode_text.js';
/** The help lines for `--encoding` and `--sheet`, shared by `build` and `validate`. */
export const readingUsage = `      --encoding NAME      text encoding of the input (the .dbf of a shapefile): utf-8, cp949 (euc-kr),
                           cp932 (shift_jis) or euc-jp; sniffed when absent, and the choice is reported
      --sheet NAME|N       XLSX sheet (or GeoPackage table) to read, by name or position (default: the first)`;
/** `--encoding` and `--sheet` checked and turned into ingest options. */
export function readingOptions(values) {
    const out = {};
    if (values.encoding !== undefined && values.encoding !== 'auto') {
        const encoding = normalizeEncoding(values.encoding);
        if (!encoding)
            throw new SafeMapError('USAGE', `--encoding ${JSON.stringify(values.encoding)} is not known; use utf-8, cp949 (euc-kr), cp932 (shift_jis) or euc-jp`);
        out.encoding = encoding;
    }
    if (values.sheet !== undefined) {
        if (values.sheet.trim() === '')
            throw new SafeMapError('USAGE', '--sheet needs a sheet name or a position (1 is the first)');
        out.sheet = values.sheet;
    }
    return out;
}
//# sourceMappingURL=reading_options.js.map