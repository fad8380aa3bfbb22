import { PbfWriter } from 'pbf';
/**
 * pbf 5.1 joins a surrogate pair with `| 0x10000` where `+ 0x10000` is meant, so every code point from U+20000 up —
 * the CJK Extension B–G Hanja that appear in Korean place and person names — is written as a different character.
 * Importing this module makes every PbfWriter in the process encode strings with the platform's UTF-8 encoder.
 */
const encoder = new TextEncoder();
PbfWriter.prototype.writeString = function writeString(value) {
    const bytes = encoder.encode(String(value));
    this.writeVarint(bytes.length);
    this.realloc(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
};
//# sourceMappingURL=pbf_utf8_fix.js.map