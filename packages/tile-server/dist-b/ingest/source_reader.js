/** Formats whose files can be split at record boundaries and read by several threads. */
export function isSplittable(format) {
    return format === 'geojson' || format === 'ndjson';
}
//# sourceMappingURL=source_reader.js.map