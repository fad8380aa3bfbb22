import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  type LngLatLike,
  type MapGeoJSONFeature,
  type MapMouseEvent,
  type PointLike,
} from 'maplibre-gl';
import { fetchCatalog, safetyLayers, selectTileset, type CatalogLayer, type CatalogTileset } from './catalog_client.js';
import { parseCenter, parseLayerList, parseZoom, resolveServer } from './element_attributes.js';
import { maplibreLocale, messages, resolveLang, type Lang } from './i18n.js';
import { LegendControl } from './legend.js';
import { createPopupContent } from './popup_content.js';
import { catalogLayerOf, setCatalogLayerVisibility, styleLayerIds } from './style_layers.js';
import { widgetStyleSheets } from './widget_styles.js';

/** Where this script was loaded from; the default tile server is its origin. */
const SCRIPT_URL = import.meta.url;

/** Half the side of the square searched around a click or tap, in CSS pixels, so small symbols are easy to hit. */
const HIT_TOLERANCE_PX = 10;

/** Fired (bubbling, composed) once the style has loaded and the map is usable; `detail` is the MapLibre map. */
export const READY_EVENT = 'safetymap:ready';

/** Fired (bubbling, composed) when the catalogue, style or a tile fails to load; `detail.error` says why. */
export const ERROR_EVENT = 'safetymap:error';

/** `detail` of a `safetymap:error` event. */
export interface SafetyMapErrorDetail {
  error: Error;
  /** True when the map cannot be shown at all (catalogue or style failed); false for a later failure such as one tile. */
  fatal: boolean;
}

/** One life of the map, from connection (or a restart) to disconnection. */
interface Session {
  abort: AbortController;
  lang: Lang;
  map?: MapLibreMap;
  tileset?: CatalogTileset;
  legend?: LegendControl;
  popup?: Popup;
  /** Catalogue layer of the feature the open popup describes. */
  popupLayerId?: string;
  /** Style layers that draw catalogue layers: the ones a tap can hit. */
  interactiveLayerIds: string[];
  /** Layers the resident wants shown, by catalogue layer id. */
  visible: Map<string, boolean>;
  /** The style is in the map, so its layers can be shown and hidden. */
  styleLoaded: boolean;
  ready: boolean;
}

/**
 * `<safety-map>`: a safety map of one tile set from a SafeMap tile server, with a legend whose
 * checkboxes show and hide layers, and a popup describing the feature a resident taps.
 *
 * Attributes: `server`, `tileset`, `lang`, `center` ("lon,lat"), `zoom`, `layers` (ids shown at first).
 */
export class SafetyMapElement extends HTMLElement {
  static readonly observedAttributes = ['server', 'tileset', 'lang', 'center', 'zoom', 'layers'];

  readonly #root: ShadowRoot;
  readonly #container: HTMLDivElement;
  readonly #status: HTMLParagraphElement;
  #session: Session | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = widgetStyleSheets();
    this.#container = document.createElement('div');
    this.#container.className = 'safemap-map';
    this.#status = document.createElement('p');
    this.#status.className = 'safemap-status';
    this.#status.setAttribute('role', 'status');
    this.#status.hidden = true;
    this.#root.append(this.#container, this.#status);
  }

  /** The MapLibre map, once the catalogue has loaded; undefined while loading or disconnected. */
  get map(): MapLibreMap | undefined {
    return this.#session?.map;
  }

  /** The catalogue entry of the tile set shown. */
  get tileset(): CatalogTileset | undefined {
    return this.#session?.tileset;
  }

  /** True between `safetymap:ready` and disconnection. */
  get ready(): boolean {
    return this.#session?.ready ?? false;
  }

  connectedCallback(): void {
    this.#start();
  }

  disconnectedCallback(): void {
    this.#stop();
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    const session = this.#session;
    if (oldValue === newValue || !session) return;
    if (name === 'center' || name === 'zoom') {
      this.#jumpToAttributes(session);
    } else if (name === 'layers') {
      this.#applyLayersAttribute(session);
    } else {
      this.#stop();
      this.#start();
    }
  }

  #start(): void {
    const session: Session = {
      abort: new AbortController(),
      lang: this.#resolveLang(),
      visible: new Map(),
      interactiveLayerIds: [],
      styleLoaded: false,
      ready: false,
    };
    this.#session = session;
    this.#showStatus(messages(session.lang).loading);
    this.#load(session).catch((error: unknown) => this.#fail(session, error));
  }

  #stop(): void {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    session.abort.abort();
    session.popup?.remove();
    session.map?.remove();
  }

  async #load(session: Session): Promise<void> {
    const { signal } = session.abort;
    const server = resolveServer(this.getAttribute('server'), SCRIPT_URL, document.baseURI);
    const catalog = await fetchCatalog(server, signal);
    if (signal.aborted) return;
    const tileset = selectTileset(catalog, this.getAttribute('tileset'));
    session.tileset = tileset;

    const shown = parseLayerList(this.getAttribute('layers'));
    for (const layer of safetyLayers(tileset)) session.visible.set(layer.id, shown?.has(layer.id) ?? true);

    const map = new MapLibreMap({
      container: this.#container,
      style: tileset.style,
      center: parseCenter(this.getAttribute('center')) ?? initialCenter(tileset),
      zoom: parseZoom(this.getAttribute('zoom')) ?? tileset.center?.[2] ?? 1,
      cooperativeGestures: true,
      attributionControl: { compact: true },
      locale: maplibreLocale(session.lang) ?? {},
      // Rotation and tilt only disorient residents reading a safety map.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    session.map = map;
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');

    session.legend = new LegendControl(document, {
      layers: safetyLayers(tileset),
      lang: session.lang,
      visibleLayers: new Set([...session.visible].filter(([, v]) => v).map(([id]) => id)),
      onToggle: (layerId, visible) => this.#setLayerVisible(session, layerId, visible),
    });
    map.addControl(session.legend, 'top-left');

    map.on('style.load', () => {
      // Before the first frame, so layers the resident hid never flash on screen.
      session.styleLoaded = true;
      session.interactiveLayerIds = styleLayerIds(map.getStyle().layers);
      for (const [layerId, visible] of session.visible) setCatalogLayerVisibility(map, layerId, visible);
    });
    map.on('error', (event) => {
      const error = event.error instanceof Error ? event.error : new Error(String(event.error));
      // Once the style is in, a failure (typically one tile) leaves the rest of the map usable.
      if (session.styleLoaded) this.#emitError(error, false);
      else this.#fail(session, error);
    });
    map.on('click', (event) => this.#showPopup(session, event));
    map.on('mousemove', (event) => {
      map.getCanvas().style.cursor = this.#featureAt(session, event.point) ? 'pointer' : '';
    });
    map.once('load', () => {
      if (this.#session !== session) return;
      session.ready = true;
      this.#status.hidden = true;
      this.dispatchEvent(new CustomEvent(READY_EVENT, { bubbles: true, composed: true, detail: map }));
    });
  }

  #fail(session: Session, error: unknown): void {
    if (session.abort.signal.aborted || this.#session !== session) return;
    this.#showStatus(messages(session.lang).loadFailed);
    this.#emitError(error instanceof Error ? error : new Error(String(error)), true);
  }

  #emitError(error: Error, fatal: boolean): void {
    const detail: SafetyMapErrorDetail = { error, fatal };
    this.dispatchEvent(new CustomEvent(ERROR_EVENT, { bubbles: true, composed: true, detail }));
  }

  #showStatus(text: string): void {
    this.#status.textContent = text;
    this.#status.hidden = false;
  }

  #resolveLang(): Lang {
    const inherited = this.closest('[lang]')?.getAttribute('lang');
    return resolveLang(inherited, navigator.languages ?? [navigator.language]);
  }

  #setLayerVisible(session: Session, layerId: string, visible: boolean): void {
    session.visible.set(layerId, visible);
    session.legend?.setChecked(layerId, visible);
    if (session.map && session.styleLoaded) setCatalogLayerVisibility(session.map, layerId, visible);
    if (!visible && session.popupLayerId === layerId) session.popup?.remove();
  }

  #applyLayersAttribute(session: Session): void {
    if (!session.tileset) return;
    const shown = parseLayerList(this.getAttribute('layers'));
    for (const layer of safetyLayers(session.tileset)) {
      this.#setLayerVisible(session, layer.id, shown?.has(layer.id) ?? true);
    }
  }

  #jumpToAttributes(session: Session): void {
    const center = parseCenter(this.getAttribute('center'));
    const zoom = parseZoom(this.getAttribute('zoom'));
    if (center) session.map?.jumpTo({ center });
    if (zoom !== undefined) session.map?.jumpTo({ zoom });
  }

  /** The feature a click at `point` means: the nearest point symbol within reach, else the topmost feature. */
  #featureAt(session: Session, point: { x: number; y: number }): MapGeoJSONFeature | undefined {
    const map = session.map;
    if (!map || !session.ready) return undefined;
    const box: [PointLike, PointLike] = [
      [point.x - HIT_TOLERANCE_PX, point.y - HIT_TOLERANCE_PX],
      [point.x + HIT_TOLERANCE_PX, point.y + HIT_TOLERANCE_PX],
    ];
    const features = map.queryRenderedFeatures(box, { layers: session.interactiveLayerIds });
    let nearest: MapGeoJSONFeature | undefined;
    let nearestDistance = Infinity;
    for (const feature of features) {
      if (feature.geometry.type !== 'Point') continue;
      const pixel = map.project(feature.geometry.coordinates as [number, number]);
      const distance = Math.hypot(pixel.x - point.x, pixel.y - point.y);
      if (distance < nearestDistance) [nearest, nearestDistance] = [feature, distance];
    }
    return nearest ?? features[0];
  }

  #showPopup(session: Session, event: MapMouseEvent): void {
    const feature = this.#featureAt(session, event.point);
    if (!feature || !session.map) return;
    const layerId = catalogLayerOf(feature.layer) ?? feature.sourceLayer;
    const layer: CatalogLayer | undefined = session.tileset?.layers.find((l) => l.id === layerId);
    const at: LngLatLike =
      feature.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : event.lngLat;
    session.popup?.remove();
    session.popupLayerId = layerId;
    session.popup = new Popup({ maxWidth: '320px', focusAfterOpen: true })
      .setLngLat(at)
      .setDOMContent(createPopupContent(document, feature.properties, layer, session.lang))
      .addTo(session.map);
  }
}

function initialCenter(tileset: CatalogTileset): [number, number] {
  if (tileset.center) return [tileset.center[0], tileset.center[1]];
  if (tileset.bounds) return [(tileset.bounds[0] + tileset.bounds[2]) / 2, (tileset.bounds[1] + tileset.bounds[3]) / 2];
  return [0, 0];
}

declare global {
  interface HTMLElementTagNameMap {
    'safety-map': SafetyMapElement;
  }
  interface GlobalEventHandlersEventMap {
    'safetymap:ready': CustomEvent<MapLibreMap>;
    'safetymap:error': CustomEvent<SafetyMapErrorDetail>;
  }
}
