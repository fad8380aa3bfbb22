import path from 'node:path';
import { checkCatalogSources } from '../ingest/check_catalog_sources.js';
import { loadCatalog } from '../catalog/load_catalog.js';
import { SafeMapError } from '../errors.js';
import { publishDirOf } from '../publish/publish_location.js';
import { readLiveVersion } from '../publish/live_version.js';
import { judgeLayer } from '../publish/publish_guard.js';
import { exitCodeFor, exitCodes } from './exit_codes.js';
/**
 * `safemap validate --config CATALOGUE [TILESET…]`: the dry run of `build --config`. Reads every layer's source as the
 * build would, checks it against the catalogue, and compares feature counts with the live version. Writes nothing.
 */
export async function validateCatalog(file, only, json, io) {
    const loaded = await loadCatalog(file);
    const unknown = only.filter((id) => !loaded.catalog.tilesets.some((set) => set.id === id));
    if (unknown.length > 0) {
        throw new SafeMapError('USAGE', `no tile set named ${unknown.join(', ')} in ${loaded.file}; it has ${loaded.catalog.tilesets.map((set) => set.id).join(', ')}`);
    }
    const checks = await checkCatalogSources(loaded, only);
    const tilesets = [];
    for (const config of loaded.catalog.tilesets) {
        if (only.length > 0 && !only.includes(config.id))
            continue;
        const found = await readLiveVersion(path.join(publishDirOf(loaded), config.id));
        const live = found ? { version: found.version, featuresPerLayer: found.featuresPerLayer } : null;
        const layers = checks
            .filter((check) => check.tileset === config.id)
            .map((check) => {
            // Restricted layers never enter the published archive, so they have nothing to compare with nor a guard.
            const count = check.access === 'public' && live ? (live.featuresPerLayer[check.layer] ?? null) : null;
            // A source that cannot be read at all is its own error; the guard judges what a build would publish.
            const unreadable = check.findings.some((finding) => finding.code !== undefined || finding.kind === 'missing-column' || finding.kind === 'source-unreadable');
            const guard = check.access === 'public' && !unreadable ? judgeLayer(count, check.features) : null;
            return { ...check, live: count, change: count === null ? null : check.features - count, guard };
        });
        tilesets.push({ id: config.id, live, layers });
    }
    const refused = tilesets.flatMap((tileset) => tileset.layers.filter((layer) => layer.guard !== null && layer.guard !== 'ok').map((layer) => ({ tileset: tileset.id, layer: layer.layer, live: layer.live, features: layer.features, verdict: layer.guard })));
    const findings = checks.flatMap((check) => check.findings);
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const report = { catalogue: loaded.file, clean: errors === 0 && refused.length === 0, errors, warnings: findings.length - errors, tilesets, refused };
    io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatCatalogValidation(report));
    const unreadable = findings.find((finding) => finding.code !== undefined);
    if (unreadable)
        return exitCodeFor(unreadable.code);
    return errors > 0 || refused.length > 0 ? exitCodes.dataInvalid : exitCodes.ok;
}
export function formatCatalogValidation(report) {
    const lines = [`catalogue ${report.catalogue}`];
    for (const tileset of report.tilesets) {
        lines.push(`tile set ${tileset.id}${tileset.live ? ` (live version ${tileset.live.version})` : ' (nothing published yet)'}`);
        for (const layer of tileset.layers) {
            lines.push(`  layer ${layer.layer}${layer.access === 'restricted' ? ' (restricted)' : ''}  ${layer.key}  ${path.basename(layer.file)}`);
            const counts = [`rows ${layer.rows}`, `features ${layer.features}`, `quarantined ${layer.quarantined}`];
            if (layer.live !== null)
                counts.push(`live ${layer.live} → ${layer.features} (${layer.change > 0 ? '+' : ''}${layer.change})`);
            if (layer.guard === 'empty')
                counts.push('publish guard: REFUSED, the layer would be empty');
            if (layer.guard === 'shrunk')
                counts.push('publish guard: REFUSED, it would lose more than half of its features');
            lines.push(`    ${counts.join(' · ')}`);
            for (const group of layer.quarantine) {
                lines.push(`    quarantined ${group.kind} ×${group.count}`);
                for (const first of group.first)
                    lines.push(`      ${first}`);
            }
            for (const finding of layer.findings)
                lines.push(`    ${finding.severity.padEnd(7)} ${finding.key}: ${finding.message}`);
        }
    }
    const verdict = report.errors > 0
        ? 'fix the errors before "safemap build --config"'
        : report.refused.length > 0
            ? `"safemap build --config" would be refused (${report.refused.map((entry) => `${entry.tileset}/${entry.layer}`).join(', ')}) and keep the live version; fix the source, or publish with --allow-shrink`
            : 'ready to build';
    lines.push(`${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}: ${verdict}`);
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=validate_catalog.js.map