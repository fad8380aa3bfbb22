import iconv from 'iconv-lite';
import { SafeMapError } from '../errors.js';
import { jsonErrorOffset } from './json_error_offset.js';
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
/**
 * Decodes a catalogue's bytes: UTF-8 with or without a BOM (Notepad writes one). Anything else is refused by name
 * rather than guessed, because a CP949 catalogue would otherwise turn its Korean column names into mojibake and
 * fail much later with a message about a data column.
 */
export function decodeCatalogText(bytes, file) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
        throw notUtf8(file, 'UTF-16 LE (Notepad\'s "Unicode")');
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
        throw notUtf8(file, 'UTF-16 BE');
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
        return utf8Strict.decode(body);
    }
    catch {
        const lenient = Buffer.from(body).toString('utf8');
        const at = locate(lenient, lenient.indexOf('\uFFFD'));
        throw notUtf8(file, looksCp949(body) ? 'CP949 (EUC-KR)' : 'an encoding other than UTF-8', `first non-UTF-8 byte at line ${at.line}, column ${at.column}`);
    }
}
function notUtf8(file, encoding, where) {
    return new SafeMapError('CATALOG_INVALID', `${file}: the catalogue is saved as ${encoding}${where ? ` (${where})` : ''}, not UTF-8. ` +
        'Save it again as UTF-8 (Notepad: File → Save as → Encoding "UTF-8"; VS Code: "Save with Encoding" → UTF-8). ' +
        'Source data files may stay in CP949: set their source.encoding.', { file, encoding });
}
/** CP949 text decodes without replacement characters and yields Hangul syllables. */
function looksCp949(bytes) {
    const text = iconv.decode(Buffer.from(bytes), 'cp949');
    return !text.includes('\uFFFD') && /[\uAC00-\uD7A3]/.test(text);
}
/** Parses catalogue text; a syntax error is reported as file:line:column with the line and a caret. */
export function parseCatalogJson(text, file) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        const message = error.message;
        const offset = jsonErrorOffset(text) ?? 0;
        const at = locate(text, offset);
        const reason = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/,? in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '').replace(/^JSON\.parse: /, '');
        const line = text.split(/\r\n|\r|\n/)[at.line - 1] ?? '';
        const gutter = String(at.line);
        throw new SafeMapError('CATALOG_INVALID', `${file}:${at.line}:${at.column}: not valid JSON: ${reason}${hint(text, offset)}\n` +
            `  ${gutter} | ${line}\n  ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, at.column - 1))}^`, { file, line: at.line, column: at.column }, { cause: error });
    }
}
function hint(text, offset) {
    if (offset >= text.trimEnd().length)
        return ' (the file ends early: a closing } or ] is missing; is the file truncated?)';
    const next = text[offset];
    const before = text.slice(0, offset).trimEnd();
    if ((next === '}' || next === ']') && before.endsWith(','))
        return ` (a comma before "${next}": JSON allows no trailing comma; remove it)`;
    if (next === "'")
        return ' (JSON strings take double quotes ")';
    if (before.endsWith('"') || before.endsWith('}') || before.endsWith(']') || /[0-9el]$/.test(before))
        return ' (a comma is missing before this)';
    return '';
}
/** 1-based line and column (in characters) of an offset into the text. */
function locate(text, offset) {
    const before = text.slice(0, Math.max(0, offset));
    const lines = before.split(/\r\n|\r|\n/);
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}
//# sourceMappingURL=read_catalog_text.js.map