import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SafeMapError } from '../errors.js';
/** Files already hashed, by identity and state: a reload re-reads only archives that changed since. */
const verified = new Map();
const MAX_REMEMBERED = 256;
/**
 * A published archive file is named by the start of its SHA-256 (`publishVersion` does so), so its bytes prove
 * whether it is the archive that was verified and published: a bit flipped on disk, a copy cut short or a file
 * replaced in place no longer matches. Throws ARCHIVE_INVALID naming the file. Tile directories have no single
 * digest and are checked by structure only.
 */
export async function checkPublishedArchive(file, version) {
    const info = await stat(file);
    if (info.isDirectory())
        return;
    const key = keyOf(file, info, version);
    if (verified.has(key))
        return;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    const digest = hash.digest('hex');
    if (!digest.startsWith(version))
        throw digestMismatch(file, version, digest);
    remember(key);
}
/**
 * Records that `file` hashed to `version` when read by other means (a verified copy of it), provided it is in the
 * same state after the read as in `before`, a stat taken before: the next check of it then costs a stat.
 */
export async function rememberVerified(file, version, before) {
    const after = await stat(file);
    if (after.ino !== before.ino || after.size !== before.size || after.mtimeMs !== before.mtimeMs)
        return;
    remember(keyOf(file, after, version));
}
function keyOf(file, info, version) {
    return `${file}\0${info.ino}\0${info.size}\0${info.mtimeMs}\0${version}`;
}
function remember(key) {
    if (verified.size >= MAX_REMEMBERED)
        verified.clear();
    verified.set(key, true);
}
/** The refusal of a published file whose SHA-256 is not the one its version records. */
export function digestMismatch(file, version, digest) {
    return new SafeMapError('ARCHIVE_INVALID', `${file}: its bytes do not match the published version ${version} (sha256 starts ${digest.slice(0, 16)}): the file was damaged or changed after publishing`, { file });
}
//# sourceMappingURL=check_published_archive.js.map