import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { versionRecordFile } from './publish_pointer.js';
export async function writeVersionRecord(tilesetDir, record) {
    await writeFile(path.join(tilesetDir, versionRecordFile(record.version)), `${JSON.stringify(record, null, 2)}\n`);
}
/** The record of a version, or undefined when there is none (published before records existed) or it is unreadable. */
export async function readVersionRecord(tilesetDir, version) {
    let text;
    try {
        text = await readFile(path.join(tilesetDir, versionRecordFile(version)), 'utf8');
    }
    catch {
        return undefined;
    }
    try {
        const json = JSON.parse(text);
        if (json.version !== version || typeof json.builtAt !== 'string' || typeof json.config !== 'object' || json.config === null)
            return undefined;
        return json;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=version_record.js.map