import { open } from 'node:fs/promises';
import { SafeMapError } from '../errors.js';
import { sniffEncoding } from './decode_text.js';
/** {@link sniffEncoding} on the first 64 KiB of a file: BOM, UTF-8 validity, then Korean or Japanese double-byte. */
export async function sniffFileEncoding(file) {
    let handle;
    try {
        handle = await open(file, 'r');
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${error.message})`, { file }, { cause: error });
    }
    try {
        const buffer = Buffer.alloc(65536);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        // A full buffer may end inside a character: the UTF-8 check then tolerates the cut.
        return sniffEncoding(buffer.subarray(0, bytesRead), bytesRead === buffer.length);
    }
    finally {
        await handle.close();
    }
}
//# sourceMappingURL=sniff_file_encoding.js.map