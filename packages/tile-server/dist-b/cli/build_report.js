/** Collects the figures of a finished build; `started` is a performance.now() reading. */
export function buildReport(output, format, result, quarantined, started, version) {
    return {
        output,
        format,
        featuresPerLayer: result.featuresPerLayer,
        quarantined,
        tilesPerZoom: result.tilesPerZoom,
        tiles: result.tiles,
        bytes: result.bytes,
        largestTile: result.largest,
        thinnedTiles: result.thinned.length,
        denseTiles: result.dense.length,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        // maxRSS is in kilobytes.
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        ...(version ? { version } : {}),
    };
}
export function formatBuildReport(report) {
    const lines = [`${report.output} (${report.format})${report.version ? ` version ${report.version}` : ''}`];
    for (const [layer, count] of Object.entries(report.featuresPerLayer))
        lines.push(`  layer ${layer}: ${count} features`);
    lines.push(`  quarantined rows: ${report.quarantined}`);
    lines.push(`  tiles: ${report.tiles} (${Object.entries(report.tilesPerZoom).map(([z, n]) => `z${z} ${n}`).join(', ')})`);
    if (report.largestTile) {
        const { z, x, y, bytes } = report.largestTile;
        lines.push(`  largest tile: ${z}/${x}/${y} ${bytes} bytes`);
    }
    if (report.thinnedTiles > 0)
        lines.push(`  tiles thinned further to stay under 500 KB: ${report.thinnedTiles}`);
    if (report.denseTiles > 0)
        lines.push(`  warning: ${report.denseTiles} tiles at the max zoom are over 500 KB, kept whole so every feature stays; a higher max zoom (-z) splits them`);
    lines.push(`  size: ${report.bytes} bytes of tiles`);
    lines.push(`  time: ${report.seconds} s, peak memory: ${report.peakRssMB} MB`);
    return `${lines.join('\n')}\n`;
}
//# sourceMappingURL=build_report.js.map