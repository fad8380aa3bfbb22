import path from 'node:path';
import { openArchive } from '../archive/open_archive.js';
import { readPointer, versionLookups } from './publish_pointer.js';
import { readVersionRecord, type VersionRecord } from './version_record.js';

/** The live (published) version of a tile set: its features per layer and where its look-ups are. */
export interface LiveVersion {
  readonly version: string;
  readonly featuresPerLayer: Record<string, number>;
  /** Absolute path of the version's look-up file (may be missing for very old versions). */
  readonly lookups: string;
  readonly record: VersionRecord | undefined;
}

/**
 * What `current.json` of a tile set folder points at, with its counts from the version record, or from the
 * archive's own statistics (tippecanoe-style `tilestats`) for versions published before records existed.
 * Null when nothing is published.
 */
export async function readLiveVersion(tilesetDir: string): Promise<LiveVersion | null> {
  const pointer = await readPointer(tilesetDir);
  if (!pointer) return null;
  const record = await readVersionRecord(tilesetDir, pointer.version);
  const lookups = path.join(tilesetDir, versionLookups(pointer.version));
  if (record) return { version: pointer.version, featuresPerLayer: { ...record.featuresPerLayer }, lookups, record };
  return { version: pointer.version, featuresPerLayer: await archiveCounts(path.join(tilesetDir, pointer.archive)), lookups, record };
}

/** Features per layer from an archive's `tilestats`. */
export async function archiveCounts(file: string): Promise<Record<string, number>> {
  const archive = await openArchive(file);
  try {
    const metadata = (await archive.metadata()) as { tilestats?: { layers?: Array<{ layer?: unknown; count?: unknown }> } };
    const featuresPerLayer: Record<string, number> = {};
    for (const entry of metadata.tilestats?.layers ?? []) {
      if (typeof entry.layer === 'string' && typeof entry.count === 'number') featuresPerLayer[entry.layer] = entry.count;
    }
    return featuresPerLayer;
  } finally {
    await archive.close();
  }
}
