import { Map as MapLibreMap, NavigationControl, type MapGeoJSONFeature, type PointLike } from 'maplibre-gl';
import { registerBasemapProtocol } from './basemap_protocol.js';
import { applyStyleBounds } from './style_bounds.js';
import { CoverageNotice } from './coverage_notice.js';
import { CatalogError, catalogUrl, fetchCatalog, safetyLayers, selectTileset, type CatalogTileset } from './catalog_client.js';
import { isCluster } from './cluster.js';
import { parseCenter, parseGestures, parseLayerList, parseZoom, resolveServer } from './element_attributes.js';
import { FeatureStore } from './feature_store.js';
import { localize, maplibreLocale, messages, resolveLang, type Lang } from './i18n.js';
import { Legend } from './legend.js';
import { moveMap } from './map_motion.js';
import { representativePoint, type PlaceFeature } from './place_feature.js';
import { PointList } from './point_list.js';
import { fetchRestrictedLayers, keyedRequest, withRestrictedStyle, type RestrictedLayers } from './restricted_layers.js';
import { ResidentTools } from './resident_tools.js';
import { gazetteerUrlOf } from './search_client.js';
import { loadSpriteSheet, spriteBaseUrl } from './sprite_sheet.js';
import { catalogLayerOf, setCatalogLayerVisibility, styleLayerIds } from './style_layers.js';
import { resolveStyleUrls } from './style_urls.js';
import { widgetStyleSheets } from './widget_styles.js';

/** Where this script was loaded from; the default tile server is its origin. */
const SCRIPT_URL = import.meta.url;
/** Half the side of the square searched around a click or tap, in CSS pixels, so small symbols are easy to hit. */
const HIT_TOLERANCE_PX = 10;
/** Wait after the map stops before writing `center`/`zoom` back, so a drag does not rewrite them every frame. */
const REFLECT_DELAY_MS = 300;
/** Narrower than this (CSS px), the panel starts closed so the map keeps the room. */
const NARROW_PX = 600;

/** Fired (bubbling, composed) once the style has loaded and the map is usable; `detail` is the MapLibre map. */
export const READY_EVENT = 'safetymap:ready';
/** Fired (bubbling, composed) when the catalogue, style or a tile fails to load; `detail.error` says why. */
export const ERROR_EVENT = 'safetymap:error';
/** Fired (bubbling, composed) when a resident taps a feature or picks it from a list. */
export const FEATURE_CLICK_EVENT = 'safetymap:featureclick';

/** `detail` of a `safetymap:error` event. */
export interface SafetyMapErrorDetail {
  error: Error;
  /** True when the map cannot be shown at all (catalogue or style failed); false for a later failure such as one tile. */
  fatal: boolean;
}

/** `detail` of a `safetymap:featureclick` event. */
export interface SafetyMapFeatureDetail {
  /** Catalogue layer id. */
  layer: string;
  id: number | string;
  /** The feature's published properties. */
  properties: Record<string, unknown>;
}

/** One life of the map, from connection (or a restart) to disconnection. */
interface Session {
  abort: AbortController;
  lang: Lang;
  map?: MapLibreMap;
  tileset?: CatalogTileset;
  legend?: Legend;
  tools?: ResidentTools;
  coverage?: CoverageNotice;
  /** Style layers that draw catalogue layers: the ones a tap can hit. */
  interactiveLayerIds: string[];
  /** Layers the resident wants shown, by catalogue layer id. */
  visible: Map<string, boolean>;
  styleLoaded: boolean;
  ready: boolean;
  reflectTimer?: ReturnType<typeof setTimeout>;
}

/**
 * `<safety-map>`: a safety map of one tile set from a SafeMap tile server, with a panel for residents
 * (layers, hazard filter, search, nearest shelters, list of what is in view) and feature details.
 *
 * Attributes: `server`, `tileset`, `lang`, `center` ("lon,lat"), `zoom`, `layers` (ids shown), `gestures`
 * (`cooperative`: two fingers / Ctrl+wheel move the map, for a map inside a scrolling page; `greedy`: one finger pans;
 * default: cooperative only when the page scrolls), `places` (URL of a place gazetteer for search; default: the one
 * beside the style's basemap), `catalog` (URL of the catalogue document, default `{server}/catalog`; a static folder
 * written by `safemap export` names its `catalog.json`), `key` (an API key, bound to the page's origin, that unlocks the
 * tile set's restricted layers; sent only in the X-SafeMap-Key header of requests below `{server}/restricted/`).
 * The map writes `center`, `zoom` and `layers` back as the resident moves it.
 */
export class SafetyMapElement extends HTMLElement {
  static readonly observedAttributes = ['server', 'catalog', 'tileset', 'lang', 'center', 'zoom', 'layers', 'gestures', 'places', 'key'];

  readonly #root: ShadowRoot;
  readonly #container: HTMLDivElement;
  readonly #status: HTMLParagraphElement;
  #session: Session | undefined;
  /** True while the element writes its own attributes, so it does not react to them. */
  #reflecting = false;

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
    // Escape closes details wherever focus is in the map (e.g. on the canvas after a tap).
    this.#root.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape' && this.#session?.tools?.closeDetails()) event.stopPropagation();
    });
  }

  /** The MapLibre map, once the catalogue has loaded; undefined while loading, without WebGL, or disconnected. */
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

  /** Shows exactly these catalogue layers (and writes the `layers` attribute). */
  setLayers(ids: readonly string[]): void {
    this.setAttribute('layers', ids.join(','));
  }

  /** Moves the map to a place: a short flight, or a jump when the resident prefers reduced motion. */
  flyTo(target: { center?: [number, number]; zoom?: number }): void {
    const map = this.#session?.map;
    if (map) moveMap(map, target);
    else {
      if (target.center) this.setAttribute('center', target.center.join(','));
      if (target.zoom !== undefined) this.setAttribute('zoom', String(target.zoom));
    }
  }

  connectedCallback(): void {
    this.#start();
    window.addEventListener('offline', this.#onConnectivity);
    window.addEventListener('online', this.#onConnectivity);
  }

  disconnectedCallback(): void {
    this.#stop();
    window.removeEventListener('offline', this.#onConnectivity);
    window.removeEventListener('online', this.#onConnectivity);
  }

  /** Offline after load: a clear notice over the map (what is loaded stays usable), gone when the network is back. */
  readonly #onConnectivity = (): void => {
    const session = this.#session;
    if (!session?.ready) return;
    if (navigator.onLine) {
      this.#status.hidden = true;
      session.map?.triggerRepaint();
    } else {
      this.#showStatus(messages(session.lang).offline, 'notice');
    }
  };

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    const session = this.#session;
    if (oldValue === newValue || !session || this.#reflecting) return;
    if (name === 'center' || name === 'zoom') this.#jumpToAttributes(session);
    else if (name === 'layers') this.#applyLayersAttribute(session);
    else {
      this.#stop();
      this.#start();
    }
  }

  #start(): void {
    const session: Session = { abort: new AbortController(), lang: this.#resolveLang(), visible: new Map(), interactiveLayerIds: [], styleLoaded: false, ready: false };
    this.#session = session;
    // A skeleton (CSS) until the first map frame is ready.
    this.#container.classList.add('safemap-loading');
    this.#showStatus(messages(session.lang).loading);
    this.#load(session).catch((error: unknown) => this.#fail(session, error));
  }

  #stop(): void {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    session.abort.abort();
    clearTimeout(session.reflectTimer);
    session.tools?.destroy();
    session.tools?.panel.element.remove();
    session.map?.remove();
    this.#container.replaceChildren();
    this.#container.hidden = false;
  }

  async #load(session: Session): Promise<void> {
    const { signal } = session.abort;
    const catalogAt = this.#catalogUrl();
    // A static folder's catalogue, named alone, also locates the folder.
    const server = catalogAt && !this.getAttribute('server') ? new URL('.', catalogAt).href : resolveServer(this.getAttribute('server'), SCRIPT_URL, document.baseURI);
    const catalog = await fetchCatalog(server, signal, catalogAt ?? catalogUrl(server));
    if (signal.aborted) return;
    const chosen = selectTileset(catalog, this.getAttribute('tileset'));
    const restricted = await this.#restrictedLayers(server, chosen, signal);
    if (signal.aborted) return;
    // Restricted layers join the legend, list, popups and search like public ones.
    const tileset = restricted ? { ...chosen, layers: [...chosen.layers, ...restricted.layers] } : chosen;
    session.tileset = tileset;
    const shown = parseLayerList(this.getAttribute('layers'));
    for (const layer of safetyLayers(tileset)) session.visible.set(layer.id, shown?.has(layer.id) ?? true);

    session.legend = new Legend(document, {
      layers: safetyLayers(tileset),
      lang: session.lang,
      visibleLayers: new Set([...session.visible].filter(([, v]) => v).map(([id]) => id)),
      onToggle: (layerId, visible) => {
        this.#setLayerVisible(session, layerId, visible);
        this.#reflect('layers', [...session.visible].filter(([, v]) => v).map(([id]) => id).join(','));
      },
    });
    const store = new FeatureStore(server, tileset, signal, restricted);
    const points = new PointList(server, tileset, signal, restricted);
    const tools = (map?: MapLibreMap) =>
      new ResidentTools(document, {
        tileset,
        lang: session.lang,
        server,
        signal,
        store,
        points,
        restricted,
        legend: session.legend!,
        ...(map ? { map, host: this.#container } : {}),
        expanded: !map || this.getBoundingClientRect().width >= NARROW_PX,
        onSelect: (feature) => this.#emitFeature(feature),
      });

    let map: MapLibreMap;
    registerBasemapProtocol();
    try {
      map = new MapLibreMap({
        container: this.#container,
        style: tileset.style,
        center: parseCenter(this.getAttribute('center')) ?? initialCenter(tileset),
        zoom: parseZoom(this.getAttribute('zoom')) ?? tileset.center?.[2] ?? 1,
        cooperativeGestures: this.#cooperative(),
        attributionControl: { compact: true },
        locale: maplibreLocale(session.lang) ?? {},
        // Links in a static folder's style are relative to it; a server's are absolute and pass unchanged.
        transformStyle: (_previous, next) => withRestrictedStyle(resolveStyleUrls(next, tileset.style), restricted),
        // The key goes with restricted TileJSON and tiles only: never to the basemap, a sprite or another origin.
        ...(restricted ? { transformRequest: (url: string) => keyedRequest(url, restricted) } : {}),
        // Rotation and tilt only disorient residents reading a safety map.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
      });
    } catch (error) {
      // No WebGL 2 (old device, disabled GPU, blocked by policy): the same data as a list.
      this.#container.replaceChildren();
      this.#container.hidden = true;
      session.tools = tools();
      session.tools.panel.element.classList.add('safemap-panel-static');
      this.#root.append(session.tools.panel.element);
      this.#showStatus(messages(session.lang).noWebgl, 'notice');
      await session.tools.showAllPlaces();
      this.#emitError(error instanceof Error ? error : new Error(String(error)), false);
      return;
    }
    session.map = map;
    const fitWidth = () => this.#container.classList.toggle('safemap-narrow', this.#container.clientWidth < NARROW_PX);
    fitWidth();
    map.on('resize', fitWidth);
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    session.tools = tools(map);
    map.addControl(session.tools.panel, 'top-left');
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');

    map.on('style.load', () => {
      // Before the first frame, so layers the resident hid never flash on screen.
      session.styleLoaded = true;
      const region = applyStyleBounds(map) ?? tileset.bounds;
      if (session.coverage) map.removeControl(session.coverage);
      session.coverage = undefined;
      if (region) {
        const title = localize(tileset.title, session.lang, tileset.id);
        const t = messages(session.lang);
        session.coverage = new CoverageNotice(document, { map, region, home: tileset.center, text: t.mapCovers(title), back: t.backTo(title) });
        map.addControl(session.coverage, 'top-right');
        session.coverage.update();
      }
      const places = this.getAttribute('places');
      session.tools?.setGazetteer(places ? new URL(places, document.baseURI).href : (tileset.places ?? gazetteerUrlOf(map.getStyle() as never, tileset.style)));
      session.interactiveLayerIds = styleLayerIds(map.getStyle().layers);
      for (const [layerId, visible] of session.visible) setCatalogLayerVisibility(map, layerId, visible);
      session.tools?.styleLoaded();
      const sprite = spriteBaseUrl(map.getStyle().sprite);
      if (sprite) {
        void loadSpriteSheet(sprite, devicePixelRatio, signal).then((sheet) => sheet && session.legend?.setIcons(sheet.imageUrl, sheet.icons, sheet));
      }
    });
    map.on('error', (event) => {
      const error = event.error instanceof Error ? event.error : new Error(String(event.error));
      // Once the style is in, a failure (typically one tile) leaves the rest of the map usable. Offline, the notice
      // says it all: failed tiles are expected, not errors to report.
      if (session.styleLoaded && !navigator.onLine) this.#onConnectivity();
      else if (session.styleLoaded) this.#emitError(error, false);
      else this.#fail(session, error);
    });
    map.on('click', (event) => {
      if (session.tools?.takePick([event.lngLat.lng, event.lngLat.lat])) return;
      const feature = this.#featureAt(session, event.point);
      if (!feature) return;
      const layer = catalogLayerOf(feature.layer) ?? feature.sourceLayer ?? '';
      const at = feature.geometry.type === 'Point' ? representativePoint(feature.geometry) : undefined;
      const place: PlaceFeature = { id: feature.id ?? '', layer, at: at ?? [event.lngLat.lng, event.lngLat.lat], properties: { ...feature.properties } };
      if (isCluster(place.properties)) {
        void session.tools?.openCluster(place);
        return;
      }
      session.tools?.openDetails(place, false);
      this.#emitFeature(place);
    });
    map.on('mousemove', (event) => {
      if (session.tools?.picking) return;
      map.getCanvas().style.cursor = this.#featureAt(session, event.point) ? 'pointer' : '';
    });
    map.on('moveend', () => {
      session.tools?.scheduleList();
      clearTimeout(session.reflectTimer);
      session.reflectTimer = setTimeout(() => {
        const c = map.getCenter();
        this.#reflect('center', `${c.lng.toFixed(5)},${c.lat.toFixed(5)}`);
        this.#reflect('zoom', String(Number(map.getZoom().toFixed(2))));
      }, REFLECT_DELAY_MS);
    });
    // MapLibre restores its own style and tiles after a context loss; the notice tells residents why the map is blank.
    map.on('webglcontextlost', () => this.#showStatus(messages(session.lang).contextLost));
    map.on('webglcontextrestored', () => {
      this.#status.hidden = true;
      session.tools?.scheduleList();
    });
    map.once('load', () => {
      if (this.#session !== session) return;
      session.ready = true;
      this.#status.hidden = true;
      this.#container.classList.remove('safemap-loading');
      // The attribution starts folded behind its button on every size: unfolded, it covers the map's bottom rows.
      foldAttribution(this.#container);
      if (!navigator.onLine) this.#onConnectivity();
      session.tools?.scheduleList();
      this.dispatchEvent(new CustomEvent(READY_EVENT, { bubbles: true, composed: true, detail: map }));
    });
  }

  #fail(session: Session, error: unknown): void {
    if (session.abort.signal.aborted || this.#session !== session) return;
    this.#showStatus(messages(session.lang).loadFailed);
    this.#emitError(error instanceof Error ? error : new Error(String(error)), true);
  }

  /**
   * The restricted layers the `key` attribute unlocks, or undefined. A refused key (401, 403) or a failure leaves the
   * public map as it is, with no notice to residents, who cannot act on it; the page hears of it through a non-fatal
   * `safetymap:error`.
   */
  async #restrictedLayers(server: string, tileset: CatalogTileset, signal: AbortSignal): Promise<RestrictedLayers | undefined> {
    const key = this.getAttribute('key')?.trim();
    // A static folder has no restricted layers: `safemap export` never writes them.
    if (!key || tileset.lookups) return undefined;
    try {
      return await fetchRestrictedLayers(server, tileset.id, key, signal);
    } catch (error) {
      if (!signal.aborted) this.#emitError(error instanceof Error ? error : new Error(String(error)), false);
      return undefined;
    }
  }

  #emitError(error: Error, fatal: boolean): void {
    const detail: SafetyMapErrorDetail = { error, fatal };
    this.dispatchEvent(new CustomEvent(ERROR_EVENT, { bubbles: true, composed: true, detail }));
  }

  #emitFeature(feature: PlaceFeature): void {
    const detail: SafetyMapFeatureDetail = { layer: feature.layer, id: feature.id, properties: { ...feature.properties } };
    this.dispatchEvent(new CustomEvent(FEATURE_CLICK_EVENT, { bubbles: true, composed: true, detail }));
  }

  #showStatus(text: string, kind: 'overlay' | 'notice' = 'overlay'): void {
    this.#status.textContent = text;
    this.#status.classList.toggle('safemap-notice', kind === 'notice');
    this.#status.hidden = false;
  }

  /** Writes an attribute without reacting to it as if the page had set it. */
  #reflect(name: string, value: string): void {
    if (this.getAttribute(name) === value) return;
    this.#reflecting = true;
    try {
      this.setAttribute(name, value);
    } finally {
      this.#reflecting = false;
    }
  }

  /** The `catalog` attribute as an http(s) URL; undefined when absent. */
  #catalogUrl(): URL | undefined {
    const value = this.getAttribute('catalog')?.trim();
    if (!value) return undefined;
    const url = new URL(value, document.baseURI);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CatalogError('should be an http(s) URL', 'catalog');
    return url;
  }

  /** Cooperative gestures from the `gestures` attribute; by default only when the page scrolls around the map. */
  #cooperative(): boolean {
    const chosen = parseGestures(this.getAttribute('gestures'));
    if (chosen) return chosen === 'cooperative';
    const page = document.scrollingElement ?? document.documentElement;
    return page.scrollHeight > page.clientHeight + 1 || page.scrollWidth > page.clientWidth + 1;
  }

  #resolveLang(): Lang {
    const inherited = this.closest('[lang]')?.getAttribute('lang');
    return resolveLang(inherited, navigator.languages ?? [navigator.language]);
  }

  #setLayerVisible(session: Session, layerId: string, visible: boolean): void {
    session.visible.set(layerId, visible);
    session.legend?.setChecked(layerId, visible);
    if (session.map && session.styleLoaded) setCatalogLayerVisibility(session.map, layerId, visible);
    if (!visible) session.tools?.closeDetailsOf(layerId);
    session.tools?.scheduleList();
  }

  #applyLayersAttribute(session: Session): void {
    if (!session.tileset) return;
    const shown = parseLayerList(this.getAttribute('layers'));
    for (const layer of safetyLayers(session.tileset)) this.#setLayerVisible(session, layer.id, shown?.has(layer.id) ?? true);
  }

  #jumpToAttributes(session: Session): void {
    const center = parseCenter(this.getAttribute('center'));
    const zoom = parseZoom(this.getAttribute('zoom'));
    session.map?.jumpTo({ ...(center ? { center } : {}), ...(zoom !== undefined ? { zoom } : {}) });
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
}

/** Folds MapLibre's compact attribution to its (i) button, which MapLibre opens at first; the button still unfolds it. */
function foldAttribution(container: HTMLElement): void {
  const attribution = container.querySelector('.maplibregl-ctrl-attrib');
  attribution?.classList.remove('maplibregl-compact-show');
  attribution?.removeAttribute('open');
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
    'safetymap:featureclick': CustomEvent<SafetyMapFeatureDetail>;
  }
}
