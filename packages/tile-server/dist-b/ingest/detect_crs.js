import { SafeMapError } from '../errors.js';
import { toWgs84 } from './crs.js';
import { koreaLand, nearestCity } from './korea_land.js';
/** Whether a coordinate pair cannot be degrees: projected metres. */
export function isProjectedPair(x, y) {
    return Math.abs(x) > 180 || Math.abs(y) > 90;
}
/** Whether most of a sample of pairs are projected metres. */
export function looksProjected(sample) {
    if (sample.length === 0)
        return false;
    const projected = sample.filter(([x, y]) => isProjectedPair(x, y)).length;
    return projected * 2 > sample.length;
}
/** When a candidate CRS counts as plausible, declared once. */
export const crsRankingDefaults = {
    /** Positions looked at per candidate. */
    sample: 500,
    /** Share of positions that must land in South Korea (its land, within 2 km of the coast). */
    minInKorea: 0.95,
    /** Share of positions with a province in their address whose position lies in that province. */
    minAddressAgreement: 0.8,
    /** Positions this many or more all within {@link collapseMeters} are collapsed, not a map. */
    collapseRows: 20,
    collapseMeters: 10,
};
/** Korean systems in the order they are met in agency data, which breaks ties between equally plausible ones. */
const prior = [
    ['EPSG:5174', 'Korean 1985 / modified central belt, Bessel; LOCALDATA, false northing 500000'],
    ['EPSG:5186', 'Korea 2000 / central belt 2010; base maps and most shapefiles, false northing 600000'],
    ['EPSG:5181', 'Korea 2000 / central belt; Kakao/Daum, false northing 500000'],
    ['EPSG:2097', 'Korean 1985 / central belt, Bessel; older local data, false northing 500000'],
    ['EPSG:5185', 'Korea 2000 / west belt 2010, false northing 600000'],
    ['EPSG:5187', 'Korea 2000 / east belt 2010, false northing 600000'],
    ['EPSG:5188', 'Korea 2000 / East Sea belt 2010, false northing 600000'],
    ['EPSG:5179', 'Korea 2000 / unified CS (UTM-K)'],
    ['EPSG:3857', 'Web Mercator'],
];
/**
 * Ranks the Korean projected systems by where each would put the sample: on South Korean land, in the provinces its
 * addresses name (`addressProvinces[i]`, 1-based into `provinces` of korea_land.ts, 0 unknown), not collapsed into a spot. Every
 * candidate is returned, plausible ones first, then by agreement with the addresses and the share on land; ties keep
 * the order in which agencies use the systems.
 */
export function rankCrsCandidates(sample, addressProvinces) {
    const indexes = [];
    for (let i = 0; i < sample.length && indexes.length < crsRankingDefaults.sample; i++)
        if (isProjectedPair(sample[i][0], sample[i][1]))
            indexes.push(i);
    const land = koreaLand();
    const candidates = prior.map(([crs, label], order) => {
        const project = toWgs84(crs);
        const lons = [];
        const lats = [];
        let inside = 0;
        let addressed = 0;
        let agreeing = 0;
        for (const i of indexes) {
            const [lon, lat] = project(sample[i][0], sample[i][1]);
            if (!Number.isFinite(lon) || !Number.isFinite(lat))
                continue;
            lons.push(lon);
            lats.push(lat);
            const province = land.provinceAt(lon, lat);
            if (province !== 0)
                inside += 1;
            const named = addressProvinces?.[i] ?? 0;
            if (named === 0)
                continue;
            addressed += 1;
            if (named === province)
                agreeing += 1;
        }
        const inKorea = indexes.length === 0 ? 0 : inside / indexes.length;
        const addressAgreement = addressed >= Math.min(10, indexes.length / 2) && addressed > 0 ? agreeing / addressed : undefined;
        const bounds = lons.length === 0 ? [NaN, NaN, NaN, NaN] : [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
        const near = nearestCity(median(lons), median(lats));
        const collapsed = isCollapsed(lons, lats);
        const plausible = inKorea >= crsRankingDefaults.minInKorea && (addressAgreement === undefined || addressAgreement >= crsRankingDefaults.minAddressAgreement) && !collapsed;
        const candidate = { crs, label, inKorea, bounds, near, collapsed, plausible, ...(addressAgreement === undefined ? {} : { addressAgreement }) };
        return { candidate, order };
    });
    candidates.sort((a, b) => Number(b.candidate.plausible) - Number(a.candidate.plausible) ||
        (b.candidate.addressAgreement ?? 0) - (a.candidate.addressAgreement ?? 0) ||
        b.candidate.inKorea - a.candidate.inKorea ||
        a.order - b.order);
    return candidates.map(({ candidate }) => candidate);
}
/** How a candidate would land, for people: "100% in South Korea, 96% match their addresses; 126.90–127.10°E … near Seoul (2 km)". */
export function describeLanding(candidate) {
    const [west, south, east, north] = candidate.bounds;
    const percent = (share) => `${Math.round(share * 100)}%`;
    const where = Number.isFinite(west)
        ? `lands at ${west.toFixed(3)}–${east.toFixed(3)}°E ${south.toFixed(3)}–${north.toFixed(3)}°N, near ${candidate.near.name} (${Math.round(candidate.near.km)} km)`
        : 'cannot be projected';
    const parts = [`${percent(candidate.inKorea)} on South Korean land`];
    if (candidate.addressAgreement !== undefined)
        parts.push(`${percent(candidate.addressAgreement)} in the province their address names`);
    if (candidate.collapsed)
        parts.push(`all within ${crsRankingDefaults.collapseMeters} m: collapsed`);
    return `${parts.join(', ')}; ${where}`;
}
/**
 * The refusal for projected coordinates without a declared CRS that cannot be told apart from where they land: false
 * northings of 500000 and 600000 overlap over most of Korea, so a guess would silently misplace every point by 100 km
 * (or 300 m between Bessel and GRS80). Each candidate is listed with where it lands and the exact flag to use.
 */
export function crsRequiredError(file, sample, candidates = rankCrsCandidates(sample)) {
    const x = Math.round(median(sample.map(([value]) => value)));
    const y = Math.round(median(sample.map(([, value]) => value)));
    const plausible = candidates.filter((candidate) => candidate.plausible);
    const shown = plausible.length > 0 ? plausible : candidates.filter((candidate) => candidate.inKorea > 0).slice(0, 4);
    const why = plausible.length > 1
        ? `${plausible.length} coordinate systems place them plausibly in South Korea, so it cannot be told which is right; most plausible first:`
        : shown.length > 0
            ? 'no Korean coordinate system places them plausibly in South Korea; the nearest misses:'
            : 'no Korean coordinate system places them in South Korea.';
    const lines = shown.map((candidate) => `  --crs ${candidate.crs}  ${candidate.label}: ${describeLanding(candidate)}`);
    return new SafeMapError('CRS_REQUIRED', `${file}: coordinates are projected metres (median x≈${x}, y≈${y}) but no coordinate system is declared; refusing to guess. ${why}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ' '}` +
        'Declare the system the file was written in with --crs EPSG:N (any EPSG code, or the WKT of its .prj), or "crs" in the catalogue source.' +
        (plausible.length === 0 ? ' Japanese plane rectangular coordinates are JGD2011 zones I–XIX, --crs EPSG:6669 to EPSG:6687 (Tokyo: EPSG:6677).' : ''), { file, candidates: shown.map((c) => c.crs), medianX: x, medianY: y });
}
/** The acceptance note when exactly one system places the data plausibly. */
export function crsDetectedReason(chosen, others) {
    // The next two, and always the system most Korean files use, since it is the likeliest wrong answer.
    const shown = others.slice(0, 2);
    const common = others.find((candidate) => candidate.crs === prior[0][0]);
    if (common && !shown.includes(common))
        shown.push(common);
    const misses = shown.map((candidate) => `${candidate.crs} ${describeLanding(candidate)}`);
    return (`no coordinate system declared: read as ${chosen.crs} (${chosen.label}), the only one that places the data plausibly ` +
        `(${describeLanding(chosen)})${misses.length > 0 ? `; ${misses.join('; ')}` : ''}. If this is wrong, give --crs EPSG:N`);
}
/** Whether many positions all lie within a few metres of their median: coordinates that are not positions. */
export function isCollapsed(lons, lats) {
    if (lons.length < crsRankingDefaults.collapseRows)
        return false;
    const [lon, lat] = [median(lons), median(lats)];
    const metresPerDegree = 111_320;
    const cos = Math.cos((lat * Math.PI) / 180);
    let near = 0;
    const distinct = new Set();
    for (let i = 0; i < lons.length; i++) {
        const dx = (lons[i] - lon) * metresPerDegree * cos;
        const dy = (lats[i] - lat) * metresPerDegree;
        if (Math.hypot(dx, dy) <= crsRankingDefaults.collapseMeters) {
            near += 1;
            if (distinct.size < 3)
                distinct.add(`${lons[i]},${lats[i]}`);
        }
    }
    // Many rows on one exact coordinate are a placeholder, reported as such elsewhere; a collapse smears them.
    return near >= lons.length * 0.9 && distinct.size >= 3;
}
function median(values) {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
//# sourceMappingURL=detect_crs.js.map