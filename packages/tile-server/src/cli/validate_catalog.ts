import path from 'node:path';
import { openArchive } from '../archive/open_archive.js';
import { checkCatalogSources, type LayerCheck } from '../ingest/check_catalog_sources.js';
import { loadCatalog, type LoadedCatalog } from '../catalog/load_catalog.js';
import { SafeMapError } from '../errors.js';
import { publishDirOf } from '../publish/publish_location.js';
import { readPointer } from '../publish/publish_pointer.js';
import { exitCodeFor, exitCodes, type ExitCode } from './exit_codes.js';
import type { CommandIo } from './validate_command.js';

/** The live (published) version of a tile set and its features per layer, from the archive's own statistics. */
export interface LiveVersion {
  readonly version: string;
  readonly featuresPerLayer: Record<string, number>;
}

/** What `safemap validate --config` found, per tile set and layer; the `--json` output. */
export interface CatalogValidation {
  readonly catalogue: string;
  readonly clean: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly tilesets: ReadonlyArray<{
    readonly id: string;
    readonly live: LiveVersion | null;
    readonly layers: ReadonlyArray<LayerCheck & { readonly live: number | null; readonly change: number | null }>;
  }>;
}

/**
 * `safemap validate --config CATALOGUE [TILESET…]`: the dry run of `build --config`. Reads every layer's source as the
 * build would, checks it against the catalogue, and compares feature counts with the live version. Writes nothing.
 */
export async function validateCatalog(file: string, only: readonly string[], json: boolean, io: CommandIo): Promise<ExitCode> {
  const loaded = await loadCatalog(file);
  const unknown = only.filter((id) => !loaded.catalog.tilesets.some((set) => set.id === id));
  if (unknown.length > 0) {
    throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${loaded.file}; it has ${loaded.catalog.tilesets.map((set) => set.id).join(', ')}`);
  }
  const checks = await checkCatalogSources(loaded, only);
  const tilesets = [];
  for (const config of loaded.catalog.tilesets) {
    if (only.length > 0 && !only.includes(config.id)) continue;
    const live = await liveVersion(loaded, config.id);
    const layers = checks
      .filter((check) => check.tileset === config.id)
      .map((check) => {
        // Restricted layers never enter the published archive, so they have nothing to compare with.
        const count = check.access === 'public' && live ? (live.featuresPerLayer[check.layer] ?? 0) : null;
        return { ...check, live: count, change: count === null ? null : check.features - count };
      });
    tilesets.push({ id: config.id, live, layers });
  }
  const findings = checks.flatMap((check) => check.findings);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const report: CatalogValidation = { catalogue: loaded.file, clean: errors === 0, errors, warnings: findings.length - errors, tilesets };
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatCatalogValidation(report));
  const refused = findings.find((finding) => finding.code !== undefined);
  if (refused) return exitCodeFor(refused.code!);
  return errors > 0 ? exitCodes.dataInvalid : exitCodes.ok;
}

/** The published version's per-layer counts (tippecanoe-style `tilestats`), or null when nothing is published. */
async function liveVersion(loaded: LoadedCatalog, tileset: string): Promise<LiveVersion | null> {
  const dir = path.join(publishDirOf(loaded), tileset);
  const pointer = await readPointer(dir);
  if (!pointer) return null;
  const archive = await openArchive(path.join(dir, pointer.archive));
  try {
    const metadata = (await archive.metadata()) as { tilestats?: { layers?: Array<{ layer?: unknown; count?: unknown }> } };
    const featuresPerLayer: Record<string, number> = {};
    for (const entry of metadata.tilestats?.layers ?? []) {
      if (typeof entry.layer === 'string' && typeof entry.count === 'number') featuresPerLayer[entry.layer] = entry.count;
    }
    return { version: pointer.version, featuresPerLayer };
  } finally {
    await archive.close();
  }
}

export function formatCatalogValidation(report: CatalogValidation): string {
  const lines = [`catalogue ${report.catalogue}`];
  for (const tileset of report.tilesets) {
    lines.push(`tile set ${tileset.id}${tileset.live ? ` (live version ${tileset.live.version})` : ' (nothing published yet)'}`);
    for (const layer of tileset.layers) {
      lines.push(`  layer ${layer.layer}${layer.access === 'restricted' ? ' (restricted)' : ''}  ${layer.key}  ${path.basename(layer.file)}`);
      const counts = [`rows ${layer.rows}`, `features ${layer.features}`, `quarantined ${layer.quarantined}`];
      if (layer.live !== null) counts.push(`live ${layer.live} (${layer.change! > 0 ? '+' : ''}${layer.change})`);
      lines.push(`    ${counts.join(' · ')}`);
      for (const group of layer.quarantine) {
        lines.push(`    quarantined ${group.kind} ×${group.count}`);
        for (const first of group.first) lines.push(`      ${first}`);
      }
      for (const finding of layer.findings) lines.push(`    ${finding.severity.padEnd(7)} ${finding.key}: ${finding.message}`);
    }
  }
  const verdict = report.errors > 0 ? 'fix the errors before "safemap build --config"' : 'ready to build';
  lines.push(`${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}: ${verdict}`);
  return `${lines.join('\n')}\n`;
}
