import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
/** The land raster's settings, declared once. */
export const koreaLandDefaults = {
    /** Positions this close to land count as in Korea: coastal facilities, piers, islets drawn smaller than they are. */
    toleranceMeters: 2000,
    /** Raster cell size in degrees of longitude and latitude (about 450 m × 445 m at 36°N). */
    lonStep: 0.005,
    latStep: 0.004,
    /** Raster extent [west, south, east, north]: all of South Korea with room for the tolerance. */
    extent: [124.3, 32.8, 132.2, 38.9],
};
export const provinces = [
    { code: '11', name: '서울특별시', nameEn: 'Seoul', prefixes: ['서울특별시', '서울시', '서울'] },
    { code: '21', name: '부산광역시', nameEn: 'Busan', prefixes: ['부산광역시', '부산시', '부산'] },
    { code: '22', name: '대구광역시', nameEn: 'Daegu', prefixes: ['대구광역시', '대구시', '대구'] },
    { code: '23', name: '인천광역시', nameEn: 'Incheon', prefixes: ['인천광역시', '인천시', '인천'] },
    { code: '24', name: '광주광역시', nameEn: 'Gwangju', prefixes: ['광주광역시', '광주'] },
    { code: '25', name: '대전광역시', nameEn: 'Daejeon', prefixes: ['대전광역시', '대전시', '대전'] },
    { code: '26', name: '울산광역시', nameEn: 'Ulsan', prefixes: ['울산광역시', '울산시', '울산'] },
    { code: '29', name: '세종특별자치시', nameEn: 'Sejong', prefixes: ['세종특별자치시', '세종시', '세종'] },
    { code: '31', name: '경기도', nameEn: 'Gyeonggi', prefixes: ['경기도', '경기'] },
    { code: '32', name: '강원특별자치도', nameEn: 'Gangwon', prefixes: ['강원특별자치도', '강원도', '강원'] },
    { code: '33', name: '충청북도', nameEn: 'North Chungcheong', prefixes: ['충청북도', '충북'] },
    { code: '34', name: '충청남도', nameEn: 'South Chungcheong', prefixes: ['충청남도', '충남'] },
    { code: '35', name: '전북특별자치도', nameEn: 'North Jeolla', prefixes: ['전북특별자치도', '전라북도', '전북'] },
    { code: '36', name: '전라남도', nameEn: 'South Jeolla', prefixes: ['전라남도', '전남'] },
    { code: '37', name: '경상북도', nameEn: 'North Gyeongsang', prefixes: ['경상북도', '경북'] },
    { code: '38', name: '경상남도', nameEn: 'South Gyeongsang', prefixes: ['경상남도', '경남'] },
    { code: '39', name: '제주특별자치도', nameEn: 'Jeju', prefixes: ['제주특별자치도', '제주도', '제주'] },
];
const byPrefix = new Map(provinces.flatMap((province, index) => province.prefixes.map((prefix) => [prefix, index + 1])));
/** The province (1-based index into {@link provinces}) an address's first word names, or 0. */
export function provinceOfAddress(address) {
    const first = /^\s*(\S+)/.exec(address.normalize('NFC'))?.[1];
    return first === undefined ? 0 : (byPrefix.get(first) ?? 0);
}
/** Cities to say where a position lands, in Korea and around it (so a position past the DMZ reads as such). */
const cities = [
    ['Seoul', 126.978, 37.566], ['Busan', 129.075, 35.18], ['Daegu', 128.601, 35.871], ['Incheon', 126.705, 37.456],
    ['Gwangju', 126.851, 35.16], ['Daejeon', 127.385, 36.351], ['Ulsan', 129.311, 35.539], ['Sejong', 127.289, 36.48],
    ['Suwon', 127.029, 37.263], ['Chuncheon', 127.73, 37.881], ['Gangneung', 128.876, 37.752], ['Cheongju', 127.489, 36.642],
    ['Hongseong', 126.661, 36.601], ['Jeonju', 127.148, 35.824], ['Muan', 126.482, 34.99], ['Mokpo', 126.392, 34.812],
    ['Andong', 128.729, 36.568], ['Pohang', 129.343, 36.019], ['Changwon', 128.682, 35.228], ['Jinju', 128.108, 35.18],
    ['Jeju', 126.531, 33.5], ['Seogwipo', 126.56, 33.254], ['Ulleungdo', 130.905, 37.484], ['Dokdo', 131.867, 37.242],
    ['Baengnyeongdo', 124.696, 37.968], ['Yeosu', 127.662, 34.76], ['Wonju', 127.92, 37.342], ['Cheorwon', 127.313, 38.147],
    ['Kaesong (North Korea)', 126.555, 37.971], ['Pyongyang (North Korea)', 125.754, 39.039], ['Wonsan (North Korea)', 127.443, 39.153],
    ['Haeju (North Korea)', 125.715, 38.04], ['Pyonggang (North Korea)', 127.295, 38.398], ['Sariwon (North Korea)', 125.755, 38.507], ['Tsushima (Japan)', 129.29, 34.2], ['Fukuoka (Japan)', 130.402, 33.59],
    ['Shanghai (China)', 121.474, 31.23], ['Dalian (China)', 121.615, 38.914],
];
/** The nearest listed city and how far it is, e.g. "Seoul" at 3 km. */
export function nearestCity(lon, lat) {
    let best = { name: '', km: Infinity };
    for (const [name, cityLon, cityLat] of cities) {
        const km = kilometres(lon, lat, cityLon, cityLat);
        if (km < best.km)
            best = { name, km };
    }
    return best;
}
export function kilometres(lon1, lat1, lon2, lat2) {
    const rad = Math.PI / 180;
    const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
    return 12_742.0 * Math.asin(Math.min(1, Math.sqrt(a)));
}
/**
 * South Korea's land as a raster of provinces, grown by the coastal tolerance: one array look-up per position, so a
 * million points are judged in milliseconds. Rasterising the polygons takes a few hundred milliseconds, so the raster
 * ships beside them (assets/korea/korea_land_raster.bin.gz, made by scripts/korea-land.mjs; a test checks that it
 * matches the polygons).
 */
export class KoreaLand {
    cells;
    columns;
    rows;
    /** From the polygons, or from cells rasterised before (`cells` of a land built from the same settings). */
    constructor(source, settings = koreaLandDefaults) {
        const [west, south, east, north] = settings.extent;
        this.columns = Math.ceil((east - west) / settings.lonStep);
        this.rows = Math.ceil((north - south) / settings.latStep);
        if (source instanceof Uint8Array) {
            if (source.length !== this.columns * this.rows)
                throw new Error(`a Korea land raster has ${this.columns * this.rows} cells, not ${source.length}`);
            this.cells = source;
            return;
        }
        this.cells = new Uint8Array(this.columns * this.rows);
        for (const entry of source.provinces) {
            const index = provinces.findIndex((province) => province.code === entry.code) + 1;
            if (index > 0)
                this.fill(entry.rings.map((ring) => decodeRing(ring, source.scale)), index);
        }
        this.grow(settings.toleranceMeters);
    }
    /** 1-based index into {@link provinces} of the province at or within the tolerance of a position; 0 at sea or abroad. */
    provinceAt(lon, lat) {
        const [west, south] = koreaLandDefaults.extent;
        const column = Math.floor((lon - west) / koreaLandDefaults.lonStep);
        const row = Math.floor((lat - south) / koreaLandDefaults.latStep);
        if (!(column >= 0 && column < this.columns && row >= 0 && row < this.rows))
            return 0;
        return this.cells[row * this.columns + column];
    }
    contains(lon, lat) {
        return this.provinceAt(lon, lat) !== 0;
    }
    /** Even-odd scanline fill at cell centres, plus every vertex's own cell so islets smaller than a cell stay land. */
    fill(rings, value) {
        const [west, south] = koreaLandDefaults.extent;
        const { lonStep, latStep } = koreaLandDefaults;
        const crossings = Array.from({ length: this.rows }, () => []);
        for (const ring of rings) {
            for (let i = 0; i < ring.length; i++) {
                const [x1, y1] = ring[i];
                const [x2, y2] = ring[(i + 1) % ring.length];
                const first = Math.max(0, Math.ceil((Math.min(y1, y2) - south) / latStep - 0.5));
                const last = Math.min(this.rows - 1, Math.floor((Math.max(y1, y2) - south) / latStep - 0.5));
                for (let row = first; row <= last; row++) {
                    const y = south + (row + 0.5) * latStep;
                    // Half-open in y, so a vertex exactly on a scanline counts once.
                    if ((y1 <= y) === (y2 <= y))
                        continue;
                    crossings[row].push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
                }
                const column = Math.floor((x1 - west) / lonStep);
                const cellRow = Math.floor((y1 - south) / latStep);
                if (column >= 0 && column < this.columns && cellRow >= 0 && cellRow < this.rows)
                    this.cells[cellRow * this.columns + column] ||= value;
            }
        }
        crossings.forEach((xs, row) => {
            xs.sort((a, b) => a - b);
            for (let i = 0; i + 1 < xs.length; i += 2) {
                const from = Math.max(0, Math.ceil((xs[i] - west) / lonStep - 0.5));
                const to = Math.min(this.columns - 1, Math.floor((xs[i + 1] - west) / lonStep - 0.5));
                for (let column = from; column <= to; column++)
                    this.cells[row * this.columns + column] = value;
            }
        });
    }
    /** Grows land into the sea by `meters`, each sea cell taking the province of the nearest land (two-pass chamfer). */
    grow(meters) {
        const { columns, rows, cells } = this;
        const limit = meters / (koreaLandDefaults.latStep * 111_320);
        // Distances in cells, capped just past the limit: nothing farther matters.
        const far = limit + 2;
        const distance = new Float32Array(columns * rows);
        for (let i = 0; i < cells.length; i++)
            distance[i] = cells[i] === 0 ? far : 0;
        const diagonal = Math.SQRT2;
        // Forward pass: left, up-left, up, up-right. Backward pass: the mirror. Inlined: this runs over 2.4 M cells.
        for (let row = 0; row < rows; row++) {
            for (let column = 0; column < columns; column++) {
                const i = row * columns + column;
                let best = distance[i];
                if (best === 0)
                    continue;
                let from = -1;
                if (column > 0 && distance[i - 1] + 1 < best) {
                    best = distance[i - 1] + 1;
                    from = i - 1;
                }
                if (row > 0) {
                    const up = i - columns;
                    if (distance[up] + 1 < best) {
                        best = distance[up] + 1;
                        from = up;
                    }
                    if (column > 0 && distance[up - 1] + diagonal < best) {
                        best = distance[up - 1] + diagonal;
                        from = up - 1;
                    }
                    if (column + 1 < columns && distance[up + 1] + diagonal < best) {
                        best = distance[up + 1] + diagonal;
                        from = up + 1;
                    }
                }
                if (from >= 0) {
                    distance[i] = best;
                    cells[i] = cells[from];
                }
            }
        }
        for (let row = rows - 1; row >= 0; row--) {
            for (let column = columns - 1; column >= 0; column--) {
                const i = row * columns + column;
                let best = distance[i];
                if (best === 0)
                    continue;
                let from = -1;
                if (column + 1 < columns && distance[i + 1] + 1 < best) {
                    best = distance[i + 1] + 1;
                    from = i + 1;
                }
                if (row + 1 < rows) {
                    const down = i + columns;
                    if (distance[down] + 1 < best) {
                        best = distance[down] + 1;
                        from = down;
                    }
                    if (column + 1 < columns && distance[down + 1] + diagonal < best) {
                        best = distance[down + 1] + diagonal;
                        from = down + 1;
                    }
                    if (column > 0 && distance[down - 1] + diagonal < best) {
                        best = distance[down - 1] + diagonal;
                        from = down - 1;
                    }
                }
                if (from >= 0) {
                    distance[i] = best;
                    cells[i] = cells[from];
                }
            }
        }
        for (let i = 0; i < cells.length; i++)
            if (distance[i] > limit)
                cells[i] = 0;
    }
}
function decodeRing(deltas, scale) {
    const out = [];
    let [x, y] = [0, 0];
    for (let i = 0; i + 1 < deltas.length; i += 2) {
        x += deltas[i];
        y += deltas[i + 1];
        out.push([x / scale, y / scale]);
    }
    return out;
}
let shared;
/** Where the bundled polygons and their raster are. */
export const koreaLandFiles = {
    polygons: fileURLToPath(new URL('../../assets/korea/korea_provinces.json', import.meta.url)),
    raster: fileURLToPath(new URL('../../assets/korea/korea_land_raster.bin.gz', import.meta.url)),
};
/** The land of South Korea from the bundled raster of the province polygons (assets/korea), loaded once per process. */
export function koreaLand() {
    shared ??= new KoreaLand(new Uint8Array(gunzipSync(readFileSync(koreaLandFiles.raster))));
    return shared;
}
//# sourceMappingURL=korea_land.js.map