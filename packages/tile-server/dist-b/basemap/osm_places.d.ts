import type { Place } from './place_gazetteer.js';
/** `osmium tags-filter` expressions that keep every object a gazetteer entry can come from. */
export declare const PLACE_FILTERS: string[];
/**
 * Gazetteer entries from `osmium export -f geojsonseq` output: place nodes and areas, railway and subway stations
 * (not bus stops, which OSM also tags `public_transport=station`), and administrative areas. Korea maps si/gun/gu at
 * admin_level 6–7 and eup/myeon/dong at 8; elsewhere those levels are still the district and neighbourhood scale.
 */
export declare function placesFromGeojsonSeq(text: string): Place[];
