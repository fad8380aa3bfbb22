import { createHash } from 'node:crypto';
import { buildSpriteSheet } from './build_sprite_sheet.js';
import { defaultIconDir, spriteIconsFor } from './sprite_icons.js';
/**
 * Renders each tile set's sprites once per published version and pixel ratio and keeps them in memory. A sheet is a
 * few kilobytes, and a republish (new version) simply renders anew; entries of old versions are dropped then.
 */
export class SpriteStore {
    #iconDir;
    #cache = new Map();
    constructor(iconDir = defaultIconDir()) {
        this.#iconDir = iconDir;
    }
    /** The sprite of `tileset` at 1× or 2×, rendered on first use. */
    get(tileset, pixelRatio) {
        const prefix = `${tileset.id}\u0000`;
        const key = `${prefix}${tileset.source.version}\u0000${pixelRatio}`;
        let files = this.#cache.get(key);
        if (!files) {
            for (const old of this.#cache.keys()) {
                if (old.startsWith(prefix) && !old.startsWith(`${prefix}${tileset.source.version}\u0000`))
                    this.#cache.delete(old);
            }
            files = buildSpriteSheet(spriteIconsFor(tileset.layers), this.#iconDir, pixelRatio).then(toFiles);
            // A failed render is not cached, so a fixed icon folder is picked up on the next request.
            files.catch(() => this.#cache.delete(key));
            this.#cache.set(key, files);
        }
        return files;
    }
}
function toFiles(sheet) {
    const json = Buffer.from(JSON.stringify(sheet.index));
    return { json, jsonEtag: etag(json), png: sheet.png, pngEtag: etag(sheet.png) };
}
function etag(bytes) {
    return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}
//# sourceMappingURL=sprite_store.js.map