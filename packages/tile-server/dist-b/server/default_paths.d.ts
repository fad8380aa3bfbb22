/** The built widget of the workspace (or of the installed @safemap/widget package). */
export declare function defaultWidgetDir(): string;
/** The repository's examples folder, found from this file (src/ or dist/ of packages/tile-server). */
export declare function defaultExamplesDir(): string;
