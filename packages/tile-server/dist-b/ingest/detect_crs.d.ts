import { SafeMapError } from '../errors.js';
/** Whether a coordinate pair cannot be degrees: projected metres. */
export declare function isProjectedPair(x: number, y: number): boolean;
/** Whether most of a sample of pairs are projected metres. */
export declare function looksProjected(sample: ReadonlyArray<readonly [number, number]>): boolean;
/** When a candidate CRS counts as plausible, declared once. */
export declare const crsRankingDefaults: {
    /** Positions looked at per candidate. */
    readonly sample: 500;
    /** Share of positions that must land in South Korea (its land, within 2 km of the coast). */
    readonly minInKorea: 0.95;
    /** Share of positions with a province in their address whose position lies in that province. */
    readonly minAddressAgreement: 0.8;
    /** Positions this many or more all within {@link collapseMeters} are collapsed, not a map. */
    readonly collapseRows: 20;
    readonly collapseMeters: 10;
};
/** Where one candidate CRS would put the data, and whether that is believable. */
export interface CrsCandidate {
    crs: string;
    label: string;
    /** Share of the sample on South Korean land (or within the coastal tolerance). */
    inKorea: number;
    /** Share of positions with a province in their address that land in that province; undefined without addresses. */
    addressAgreement?: number;
    /** [west, south, east, north] of the projected sample. */
    bounds: [number, number, number, number];
    /** The nearest city to the sample's median position, and how far. */
    near: {
        name: string;
        km: number;
    };
    /** All positions within a few metres of each other although there are many. */
    collapsed: boolean;
    plausible: boolean;
}
/**
 * Ranks the Korean projected systems by where each would put the sample: on South Korean land, in the provinces its
 * addresses name (`addressProvinces[i]`, 1-based into `provinces` of korea_land.ts, 0 unknown), not collapsed into a spot. Every
 * candidate is returned, plausible ones first, then by agreement with the addresses and the share on land; ties keep
 * the order in which agencies use the systems.
 */
export declare function rankCrsCandidates(sample: ReadonlyArray<readonly [number, number]>, addressProvinces?: ArrayLike<number>): CrsCandidate[];
/** How a candidate would land, for people: "100% in South Korea, 96% match their addresses; 126.90–127.10°E … near Seoul (2 km)". */
export declare function describeLanding(candidate: CrsCandidate): string;
/**
 * The refusal for projected coordinates without a declared CRS that cannot be told apart from where they land: false
 * northings of 500000 and 600000 overlap over most of Korea, so a guess would silently misplace every point by 100 km
 * (or 300 m between Bessel and GRS80). Each candidate is listed with where it lands and the exact flag to use.
 */
export declare function crsRequiredError(file: string, sample: ReadonlyArray<readonly [number, number]>, candidates?: CrsCandidate[]): SafeMapError;
/** The acceptance note when exactly one system places the data plausibly. */
export declare function crsDetectedReason(chosen: CrsCandidate, others: readonly CrsCandidate[]): string;
/** Whether many positions all lie within a few metres of their median: coordinates that are not positions. */
export declare function isCollapsed(lons: readonly number[], lats: readonly number[]): boolean;
