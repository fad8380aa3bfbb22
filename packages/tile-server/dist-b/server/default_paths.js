import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const require = createRequire(import.meta.url);
/** The built widget of the workspace (or of the installed @safemap/widget package). */
export function defaultWidgetDir() {
    return path.join(path.dirname(require.resolve('@safemap/widget/package.json')), 'dist');
}
/** The repository's examples folder, found from this file (src/ or dist/ of packages/tile-server). */
export function defaultExamplesDir() {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../examples');
}
//# sourceMappingURL=default_paths.js.map