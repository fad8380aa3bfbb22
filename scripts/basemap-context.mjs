// Low-zoom context for the Busan demo basemap: Natural Earth 10m ocean, coastline and (non-Korean) populated places,
// and Korea's municipalities (si/gun, with the metropolitan cities and the cities divided into gu each as one) from
// Statistics Korea's 2018 boundaries, with Korean and English names. A resident zoomed out then sees Korea, the sea,
// and where Busan lies beside Ulsan, Gimhae, Changwon and Geoje.
//
// Needs `7z` (Debian: p7zip-full) for Natural Earth's archives and `ogr2ogr` (gdal-bin) to clip and dissolve.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Metropolitan cities, by the first two digits of KOSTAT's municipal code: their gu are labelled as one city. */
const METROPOLITAN = {
  11: ['서울특별시', 'Seoul'], 21: ['부산광역시', 'Busan'], 22: ['대구광역시', 'Daegu'], 23: ['인천광역시', 'Incheon'],
  24: ['광주광역시', 'Gwangju'], 25: ['대전광역시', 'Daejeon'], 26: ['울산광역시', 'Ulsan'], 29: ['세종특별자치시', 'Sejong'],
};
/** Cities divided into gu (codes ending 1–9): KOSTAT names each gu ("창원시의창구", "Uichanggu"), not the city in English. */
const CITY_EN = {
  수원시: 'Suwon-si', 성남시: 'Seongnam-si', 안양시: 'Anyang-si', 안산시: 'Ansan-si', 고양시: 'Goyang-si', 용인시: 'Yongin-si',
  부천시: 'Bucheon-si', 청주시: 'Cheongju-si', 천안시: 'Cheonan-si', 전주시: 'Jeonju-si', 포항시: 'Pohang-si', 창원시: 'Changwon-si',
};

/**
 * Reads the context data for `area` ([west, south, east, north]). `seaBox` is where the demo's detailed sea polygons
 * apply; `oceanOutside` is Natural Earth's ocean outside it, for the deeper zooms.
 */
export function readContext(dataDir, { area, near, seaBox }) {
  const work = mkdtempSync(join(tmpdir(), 'basemap-context-'));
  try {
    const ne = (name) => {
      execFileSync('7z', ['x', '-y', `-o${work}`, join(dataDir, 'natural-earth-10m', `${name}.7z`)], { stdio: 'ignore' });
      return join(work, `${name}.json`);
    };
    const ocean = ne('ne_10m_ocean');
    const coast = ne('ne_10m_coastline');
    const placesFile = ne('ne_10m_populated_places');
    const oceanArea = ogr(work, 'ocean-area', ocean, ['-clipsrc', ...area.map(String), '-explodecollections']);
    ogr(work, 'ocean-near', ocean, ['-clipsrc', ...near.map(String)]);
    const [w, s, e, n] = seaBox;
    const oceanOutside = ogr(work, 'ocean-outside', join(work, 'ocean-near.geojson'), [
      '-dialect', 'SQLite', '-sql', `SELECT ST_Difference(geometry, BuildMbr(${w},${s},${e},${n},4326)) AS geometry FROM "ocean-near"`,
      '-explodecollections',
    ]);
    const coastline = ogr(work, 'coast', coast, ['-clipsrc', ...area.map(String)]);
    const municipalities = readMunicipalities(work, join(dataDir, 'kostat-2018/skorea-municipalities-2018-topo.json'));
    const places = JSON.parse(readFileSync(placesFile, 'utf8')).features.filter((f) => {
      const [lon, lat] = f.geometry.coordinates;
      // Korean places come from KOSTAT with their Korean names; Natural Earth names the neighbours (Fukuoka, Tsushima…).
      return f.properties.ADM0_A3 !== 'KOR' && f.properties.SCALERANK <= 8 && lon >= area[0] && lon <= area[2] && lat >= area[1] && lat <= area[3];
    }).map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: f.geometry.coordinates.map(round) }, properties: { name_en: f.properties.NAME, rank: f.properties.SCALERANK } }));
    return { oceanArea: oceanArea.features, oceanOutside: oceanOutside.features, coastline: coastline.features, municipalities, places };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs ogr2ogr into `<work>/<name>.geojson` and reads the result. */
function ogr(work, name, input, options) {
  const out = join(work, `${name}.geojson`);
  execFileSync('ogr2ogr', ['-f', 'GeoJSON', out, input, ...options, '-nln', name, '-lco', 'COORDINATE_PRECISION=5']);
  return JSON.parse(readFileSync(out, 'utf8'));
}

/**
 * KOSTAT's 250 si/gun/gu dissolved into what a resident calls a city: a metropolitan city's gu into the city, a
 * city's gu into the city, each with one label point and its outline.
 */
function readMunicipalities(work, topojson) {
  const group = `CASE WHEN substr(code,1,2) IN (${Object.keys(METROPOLITAN).map((c) => `'${c}'`).join(',')}) THEN substr(code,1,2) ` +
    `WHEN substr(code,5,1) <> '0' THEN substr(code,1,4) ELSE code END`;
  const dissolved = ogr(work, 'municipalities', topojson, [
    '-dialect', 'SQLite', '-sql',
    `SELECT ${group} AS grp, min(code) AS code, min(name) AS name, min(name_eng) AS name_eng, count(*) AS parts, ` +
      'ST_SimplifyPreserveTopology(ST_CollectionExtract(ST_Union(ST_MakeValid(geometry)), 3), 0.0005) AS geometry ' +
      `FROM skorea_municipalities_2018_geo GROUP BY ${group} ORDER BY grp`,
  ]);
  const labels = ogr(work, 'municipality-labels', join(work, 'municipalities.geojson'), [
    '-dialect', 'SQLite', '-sql', 'SELECT grp, ST_PointOnSurface(geometry) AS geometry FROM municipalities',
  ]);
  const at = new Map(labels.features.map((f) => [f.properties.grp, f.geometry.coordinates.map(round)]));
  return dissolved.features.map((f) => {
    const { grp, name, name_eng: nameEn, parts } = f.properties;
    const metro = METROPOLITAN[grp];
    const city = parts > 1 && !metro ? name.slice(0, name.indexOf('시') + 1) : undefined;
    const names = metro ? { name: metro[0], name_en: metro[1] } : city ? { name: city, ...(CITY_EN[city] ? { name_en: CITY_EN[city] } : {}) } : { name, name_en: nameEn };
    return { group: grp, ...names, outline: f.geometry, label: at.get(grp) };
  });
}

function round(value) {
  return Math.round(value * 1e5) / 1e5;
}
