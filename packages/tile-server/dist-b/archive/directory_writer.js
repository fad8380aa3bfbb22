import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
/** Writes `z/x/y.mvt` files (uncompressed, as GDAL and static hosts expect) and, at the end, `metadata.json`. */
export class DirectoryWriter {
    dir;
    made = new Set();
    count = 0;
    byteCount = 0;
    constructor(dir) {
        this.dir = dir;
    }
    async add(z, x, y, raw) {
        const column = path.join(this.dir, String(z), String(x));
        if (!this.made.has(column)) {
            await mkdir(column, { recursive: true });
            this.made.add(column);
        }
        await writeFile(path.join(column, `${y}.mvt`), raw);
        this.count += 1;
        this.byteCount += raw.byteLength;
    }
    get tiles() {
        return this.count;
    }
    get bytes() {
        return this.byteCount;
    }
    async finish(metadata) {
        await mkdir(this.dir, { recursive: true });
        await writeFile(path.join(this.dir, 'metadata.json'), `${JSON.stringify({ tilejson: '3.0.0', format: 'pbf', ...metadata }, null, 2)}\n`);
    }
}
//# sourceMappingURL=directory_writer.js.map