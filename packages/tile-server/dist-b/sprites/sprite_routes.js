import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import { SpriteStore } from './sprite_store.js';
/** `{tileset}[@2x].{json|png}`: the file names MapLibre derives from a style's `sprite` URL. */
const spriteFile = /^([a-z][a-z0-9_-]{0,63})(@2x)?\.(json|png)$/;
/** `GET /sprites/{tileset}.json|.png` and `@2x` variants: icon sheets in MapLibre's sprite format. */
export function spriteRoutes(getRegistry, options) {
    const router = Router();
    const store = options.store ?? new SpriteStore();
    const cacheControl = `public, max-age=${options.maxAge}`;
    router.get('/sprites/:file', async (req, res) => {
        const file = req.params.file;
        const match = typeof file === 'string' ? spriteFile.exec(file) : null;
        const tileset = match ? getRegistry().get(match[1]) : undefined;
        if (!match || !tileset)
            throw new SafeMapError('NOT_FOUND', 'no such sprite');
        const files = await store.get(tileset, match[2] ? 2 : 1);
        const json = match[3] === 'json';
        const etag = json ? files.jsonEtag : files.pngEtag;
        res.set({
            'Cache-Control': cacheControl,
            'X-Content-Type-Options': 'nosniff',
            'Content-Type': json ? 'application/json; charset=utf-8' : 'image/png',
            ETag: etag,
        });
        if (matchesEtag(req.get('if-none-match'), etag)) {
            res.status(304).end();
            return;
        }
        res.send(json ? files.json : files.png);
    });
    return router;
}
function matchesEtag(header, etag) {
    return header !== undefined && (header.trim() === '*' || header.split(',').some((candidate) => candidate.trim() === etag));
}
//# sourceMappingURL=sprite_routes.js.map