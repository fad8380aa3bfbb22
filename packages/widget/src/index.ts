import { defineSafetyMap } from './define_safety_map.js';
import { configureWorker } from './worker_url.js';

configureWorker(import.meta.url);
defineSafetyMap();

export { CatalogError, fetchCatalog, parseCatalog, safetyLayers, selectTileset } from './catalog_client.js';
export type { Catalog, CatalogLayer, CatalogTileset, LayerGeometry } from './catalog_client.js';
export { createSafetyMap, type SafetyMapOptions } from './create_safety_map.js';
export { defineSafetyMap, TAG_NAME } from './define_safety_map.js';
export type { Lang, LocalizedText } from './i18n.js';
export { createPopupContent, popupModel, type PopupModel, type PopupRow } from './popup_content.js';
export { ERROR_EVENT, READY_EVENT, SafetyMapElement, type SafetyMapErrorDetail } from './safety_map_element.js';
export { LAYER_METADATA_KEY } from './style_layers.js';
