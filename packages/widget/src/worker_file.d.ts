/** Versioned file name of MapLibre's worker, set by build.mjs (e.g. "maplibre-gl-worker.0123456789ab.mjs"). */
declare const __SAFEMAP_WORKER_FILE__: string;
