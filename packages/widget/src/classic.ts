// Entry of the classic-script (IIFE) bundle. The build replaces `import.meta.url` in this bundle
// with the URL of the <script> element, read while it runs (see classic_script_url.ts).
import { createSafetyMap } from './create_safety_map.js';
import { defineSafetyMap } from './define_safety_map.js';
import { configureWorker } from './worker_url.js';

configureWorker(import.meta.url);
defineSafetyMap();

/** What the classic bundle puts on `window.SafeMap`, for pages that script the map without modules. */
export { createSafetyMap };
