import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { renderAgencyPage } from '../http/agency_page.js';
import { widgetVersioner } from '../http/page_routes.js';
import { metaCsp } from './site_headers.js';
/** The page's own script and stylesheet, as `pageRoutes` serves them (`/page/…`). */
const PAGE_ASSET_REF = /(["'(])\/page\/([\w-]+\.(?:css|js))(?=["')])/g;
/** What the server's `widgetVersioner` leaves: a versioned widget file. */
const WIDGET_REF = /(["'(])\/widget\/([a-z][a-z0-9-]*\.[0-9a-f]{12}\.m?js)(?=["')])/g;
/**
 * The page `/` of the server for a static folder: the same page generated from the catalogue, with the widget
 * references versioned by the server's own `widgetVersioner`, then every absolute link made relative (so the folder
 * works under any path), page assets renamed by content hash, the widget pointed at the folder's `catalog.json`, and
 * the page CSP also in a `<meta>` element for hosts that cannot set headers.
 */
export function exportPage(options) {
    let html = widgetVersioner(options.widgetDir)(renderAgencyPage(options.site, { otherMapLinks: false }));
    const assets = new Map();
    html = html.replace(WIDGET_REF, (_all, quote, file) => {
        for (const name of [file, ...workerFiles(options.widgetDir, file)])
            assets.set(`widget/${name}`, { path: `widget/${name}`, bytes: readWidgetFile(options.widgetDir, name) });
        return `${quote}widget/${file}`;
    });
    html = html.replace(PAGE_ASSET_REF, (_all, quote, file) => {
        const bytes = readFileSync(path.join(options.pageDir, file));
        const target = `assets/${versionedName(file, bytes)}`;
        assets.set(target, { path: target, bytes });
        return `${quote}${target}`;
    });
    if (/["'(]\/(?:widget|page)\//.test(html)) {
        throw new SafeMapError('SOURCE_INVALID', 'the page loads a widget file this export cannot version (is the widget built? npm run build)');
    }
    html = html.replace(/<safety-map(?=[\s>])/, `<safety-map catalog="${options.catalog}"`);
    html = html.replace(/<meta charset="utf-8">/i, (tag) => `${tag}\n  <meta http-equiv="Content-Security-Policy" content="${metaCsp(options.frameAncestors)}">`);
    return { html, assets: [...assets.values()] };
}
/** `name.<12 hex of sha256>.ext`, as the widget build names its files. */
export function versionedName(file, bytes) {
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const dot = file.indexOf('.');
    return `${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
}
/** The worker the bundle loads (its versioned name from the manifest), and each file's `.gz` sibling for nginx's gzip_static. */
function workerFiles(widgetDir, bundle) {
    const manifest = JSON.parse(readFileSync(path.join(widgetDir, 'manifest.json'), 'utf8'));
    const worker = manifest['maplibre-gl-worker.mjs'];
    if (!worker)
        throw new SafeMapError('SOURCE_INVALID', `${widgetDir}/manifest.json: no maplibre-gl-worker.mjs`);
    return [worker, ...[bundle, worker].flatMap((name) => [`${name}.gz`].filter((sibling) => existsSync(path.join(widgetDir, sibling))))];
}
function readWidgetFile(widgetDir, name) {
    try {
        return readFileSync(path.join(widgetDir, name));
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${path.join(widgetDir, name)}: cannot read the widget (npm run build)`, undefined, { cause: error });
    }
}
//# sourceMappingURL=export_page.js.map