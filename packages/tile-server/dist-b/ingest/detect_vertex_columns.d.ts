/**
 * Finds the id and sequence columns of a CSV of line vertices (GTFS shapes and route exports). Lines are read when
 * both exist and the expected geometry is a line or unknown; a line layer without them is an error listing the columns.
 */
export declare function detectVertexColumns(header: readonly string[], geometry: 'point' | 'line' | 'polygon' | undefined, file: string): {
    id: string;
    sequence: string;
} | undefined;
