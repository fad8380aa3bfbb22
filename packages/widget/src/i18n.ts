/** Languages the widget's interface is written in. */
export type Lang = 'ko' | 'en';

/** Text given in each interface language, as the catalogue provides titles. */
export type LocalizedText = Partial<Record<Lang, string>>;

/** Every string the widget shows, per language. */
export interface Messages {
  /** Accessible name of the map region. */
  mapLabel: string;
  /** Heading of the legend panel. */
  legendHeading: string;
  /** Shown while the catalogue and style load. */
  loading: string;
  /** Shown when the map cannot be loaded at all. */
  loadFailed: string;
  /** Values of boolean properties. */
  yes: string;
  no: string;
  /** Button that opens and closes the tools panel (layers, search, nearest shelters, list). */
  panelToggle: string;
  /** Heading of the shelter hazard filter, and its "no filter" choice. */
  hazardHeading: string;
  allHazards: string;
  /** Search box label, its hint, and what the results list says. */
  searchLabel: string;
  searchHint: string;
  searchResults: (count: number) => string;
  searchNone: string;
  /** In a static map: layers whose features search does not cover (too many to download). */
  searchNotCovered: (layers: string) => string;
  /** Nearest-shelter tools. */
  nearestHeading: string;
  nearMe: string;
  pickPoint: string;
  useCentre: string;
  picking: string;
  locating: string;
  locationFailed: string;
  nearestResults: (count: number, from: 'location' | 'point') => string;
  /** The resident is outside the region the map covers; the nearest results are still the region's. */
  outsideCoverage: (area: string) => string;
  /** The view has left the region the map covers, and the button back to it. */
  mapCovers: (area: string) => string;
  backTo: (area: string) => string;
  nearestNone: string;
  /** "850 m, north-east" as shown in a nearest-shelter entry. */
  distanceAndDirection: (distance: string, direction: string) => string;
  /** Compass point names, N, NE, … clockwise. */
  compass: readonly string[];
  /** List of the features in view. */
  inViewHeading: string;
  inViewSummary: (parts: readonly string[]) => string;
  inViewNone: string;
  inViewCount: (count: number, layerTitle: string) => string;
  inViewMore: (count: number) => string;
  /** The list in place of the map when it cannot be drawn. */
  allFeaturesHeading: string;
  /** Notices about the map display. */
  noWebgl: string;
  contextLost: string;
  /** Accessible name of a phone link, e.g. "Call 051-600-2558". */
  call: (number: string) => string;
  /** Heading of the details shown in place of a popup when there is no map. */
  detailsHeading: string;
  /** Accessible name of the button closing details. */
  close: string;
  /** A cluster of features: "152 CCTV cameras here". */
  clusterHere: (count: number, layerTitle: string) => string;
  /** Hint under a cluster's heading, and the button that zooms into it. */
  clusterHint: string;
  zoomIn: string;
  /** Accessible name of the "you are here" marker's description, and its accuracy. */
  youAreHere: string;
  accuracy: (meters: string) => string;
  /** Line of a nearest shelter's details: "850 m north-east of your location". */
  fromHere: (distanceAndDirection: string, from: 'location' | 'point') => string;
  /** Shown while the first tiles arrive, and when the device goes offline / comes back. */
  offline: string;
  /** Search result group of places from the basemap (districts, neighbourhoods, stations). */
  placesGroup: string;
  placeKinds: Record<'city' | 'district' | 'neighbourhood' | 'station' | 'place', string>;
  /** "12 of 340 shown" under a search group that was cut. */
  searchMore: (shown: number, total: number) => string;
}

const MESSAGES: Record<Lang, Messages> = {
  ko: {
    mapLabel: '안전지도',
    legendHeading: '안전지도 레이어',
    loading: '지도를 불러오는 중입니다…',
    loadFailed: '지도를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.',
    yes: '예',
    no: '아니오',
    panelToggle: '지도 메뉴: 레이어, 검색, 가까운 대피소, 목록',
    hazardHeading: '재난 종류별 대피소',
    allHazards: '모든 대피소',
    searchLabel: '장소, 이름, 주소로 찾기',
    searchHint: '예: 해운대, 부산역, 행정복지센터',
    searchResults: (count) => `검색 결과 ${count}건`,
    searchNone: '검색 결과가 없습니다.',
    searchNotCovered: (layers) => `검색 대상 아님: ${layers} (지도에서 눌러 확인하세요).`,
    nearestHeading: '가까운 대피소',
    nearMe: '내 위치에서 찾기',
    pickPoint: '지도에서 위치 고르기',
    useCentre: '지도 가운데에서 찾기',
    picking: '지도에서 위치를 누르세요. 취소하려면 Esc 키를 누르세요.',
    locating: '위치를 확인하는 중입니다… 위치는 이 기기 밖으로 보내지 않습니다.',
    locationFailed: '위치를 알 수 없습니다. 지도에서 위치를 고르거나 지도 가운데에서 찾아 보세요.',
    nearestResults: (count, from) => `${from === 'location' ? '내 위치' : '고른 위치'}에서 가까운 대피소 ${count}곳`,
    outsideCoverage: (area) => `지금 위치는 ‘${area}’가 다루는 지역 밖입니다. 아래는 이 지도 안에서 가장 가까운 대피소입니다. 지금 있는 곳의 안전지도를 확인하세요.`,
    mapCovers: (area) => `이 지도는 ‘${area}’ 지역만 보여 줍니다.`,
    backTo: (area) => `‘${area}’ 지역으로 돌아가기`,
    nearestNone: '조건에 맞는 대피소가 없습니다.',
    distanceAndDirection: (distance, direction) => `${direction}쪽 ${distance}`,
    compass: ['북', '북동', '동', '남동', '남', '남서', '서', '북서'],
    inViewHeading: '지도에 보이는 시설',
    inViewSummary: (parts) => `지도에 보이는 시설: ${parts.join(', ')}`,
    inViewNone: '지도에 보이는 시설이 없습니다.',
    inViewCount: (count, layerTitle) => `${layerTitle} ${count.toLocaleString('ko-KR')}곳`,
    inViewMore: (count) => `외 ${count.toLocaleString('ko-KR')}곳. 지도를 확대하면 더 볼 수 있습니다.`,
    allFeaturesHeading: '시설 목록',
    noWebgl: '이 브라우저에서는 지도를 그릴 수 없어 목록으로 보여 드립니다.',
    contextLost: '지도 화면을 다시 그리는 중입니다…',
    call: (number) => `${number}로 전화 걸기`,
    detailsHeading: '자세한 정보',
    close: '닫기',
    clusterHere: (count, layerTitle) => `이 근처 ${layerTitle} ${count.toLocaleString('ko-KR')}곳`,
    clusterHint: '확대하면 하나씩 볼 수 있습니다.',
    zoomIn: '확대해서 보기',
    youAreHere: '내 위치',
    accuracy: (meters) => `오차 약 ${meters}`,
    fromHere: (where, from) => `${from === 'location' ? '내 위치' : '고른 위치'}에서 ${where}`,
    offline: '인터넷에 연결되어 있지 않습니다. 이미 불러온 지도만 볼 수 있습니다.',
    placesGroup: '지역·역',
    placeKinds: { city: '시·군', district: '구·군', neighbourhood: '동', station: '역', place: '장소' },
    searchMore: (shown, total) => `${total.toLocaleString('ko-KR')}건 중 ${shown}건`,
  },
  en: {
    mapLabel: 'Safety map',
    legendHeading: 'Safety map layers',
    loading: 'Loading the map…',
    loadFailed: 'The map could not be loaded. Please try again later.',
    yes: 'Yes',
    no: 'No',
    panelToggle: 'Map menu: layers, search, nearest shelters, list',
    hazardHeading: 'Shelters by hazard',
    allHazards: 'All shelters',
    searchLabel: 'Find a place, name or address',
    searchHint: 'e.g. Haeundae, Busan Station',
    searchResults: (count) => `${count} ${count === 1 ? 'result' : 'results'}`,
    searchNone: 'Nothing found.',
    searchNotCovered: (layers) => `Not searchable here: ${layers} (tap them on the map).`,
    nearestHeading: 'Nearest shelters',
    nearMe: 'From my location',
    pickPoint: 'Pick a point on the map',
    useCentre: 'From the map centre',
    picking: 'Tap the map to choose a point. Press Esc to cancel.',
    locating: 'Finding your location… It never leaves this device.',
    locationFailed: 'Your location is not available. Pick a point on the map or use the map centre.',
    nearestResults: (count, from) => `${count} nearest ${count === 1 ? 'shelter' : 'shelters'} to ${from === 'location' ? 'your location' : 'the chosen point'}`,
    outsideCoverage: (area) => `You are outside the area “${area}” covers. These are the nearest shelters inside this map; check the safety map of where you are.`,
    mapCovers: (area) => `This map covers ${area}’s area only.`,
    backTo: (area) => `Back to ${area}`,
    nearestNone: 'No shelter matches.',
    distanceAndDirection: (distance, direction) => `${distance} ${direction}`,
    compass: ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'],
    inViewHeading: 'On the map now',
    inViewSummary: (parts) => `On the map now: ${parts.join(', ')}`,
    inViewNone: 'Nothing on the map here.',
    inViewCount: (count, layerTitle) => `${count.toLocaleString('en-US')} × ${layerTitle}`,
    inViewMore: (count) => `and ${count.toLocaleString('en-US')} more. Zoom in to see them.`,
    allFeaturesHeading: 'All places',
    noWebgl: 'This browser cannot draw the map, so the places are listed instead.',
    contextLost: 'Redrawing the map…',
    call: (number) => `Call ${number}`,
    detailsHeading: 'Details',
    close: 'Close',
    clusterHere: (count, layerTitle) => `${count.toLocaleString('en-US')} ${layerTitle} here`,
    clusterHint: 'Zoom in to see them one by one.',
    zoomIn: 'Zoom in',
    youAreHere: 'You are here',
    accuracy: (meters) => `within about ${meters}`,
    fromHere: (where, from) => `${where} of ${from === 'location' ? 'your location' : 'the chosen point'}`,
    offline: 'You are offline. The map shows only what has already loaded.',
    placesGroup: 'Places and stations',
    placeKinds: { city: 'City', district: 'District', neighbourhood: 'Neighbourhood', station: 'Station', place: 'Place' },
    searchMore: (shown, total) => `${shown} of ${total.toLocaleString('en-US')}`,
  },
};

/** Labels of the feature properties the tile server publishes; other keys are shown raw. */
const PROPERTY_LABELS: Record<string, Record<Lang, string>> = {
  name: { ko: '이름', en: 'Name' },
  kind: { ko: '종류', en: 'Type' },
  address: { ko: '주소', en: 'Address' },
  location: { ko: '위치', en: 'Location' },
  district: { ko: '구·군', en: 'District' },
  hazards: { ko: '대상 재난', en: 'Hazards' },
  capacity: { ko: '수용 인원', en: 'Capacity' },
  purpose: { ko: '설치 목적', en: 'Purpose' },
  cameras: { ko: '카메라 수', en: 'Cameras' },
  lengthM: { ko: '길이', en: 'Length' },
  agency: { ko: '관리 기관', en: 'Managing agency' },
  phone: { ko: '전화번호', en: 'Phone' },
  dataDate: { ko: '데이터 기준일', en: 'Data as of' },
  synthetic: { ko: '가상(시연용) 데이터', en: 'Synthetic demo data' },
  bells: { ko: '비상벨', en: 'Emergency bells' },
  cctv: { ko: 'CCTV', en: 'CCTV cameras' },
  lamps: { ko: '보안등', en: 'Street lamps' },
  linkedToPolice: { ko: '경찰 연계', en: 'Linked to police' },
  lastInspected: { ko: '최근 점검일', en: 'Last inspected' },
};

/** Display names of coded values, per property key; codes not listed are shown raw. */
const VALUE_LABELS: Record<string, Record<string, Record<Lang, string>>> = {
  kind: {
    'civil-defence': { ko: '민방위 대피시설', en: 'Civil defence shelter' },
    'earthquake-outdoor': { ko: '지진 옥외대피장소', en: 'Earthquake outdoor evacuation site' },
    tsunami: { ko: '지진해일 대피장소', en: 'Tsunami evacuation site' },
    heat: { ko: '무더위쉼터', en: 'Heat shelter' },
    cold: { ko: '한파쉼터', en: 'Cold shelter' },
  },
  hazards: {
    'civil-defence': { ko: '민방위', en: 'Civil defence' },
    earthquake: { ko: '지진', en: 'Earthquake' },
    tsunami: { ko: '지진해일', en: 'Tsunami' },
    heat: { ko: '폭염', en: 'Heat wave' },
    cold: { ko: '한파', en: 'Cold wave' },
  },
  linkedToPolice: {
    Y: { ko: '예', en: 'Yes' },
    N: { ko: '아니오', en: 'No' },
  },
};

/** Properties whose value is a comma-separated list of codes. */
const LIST_PROPERTIES: ReadonlySet<string> = new Set(['hazards']);

/** Units appended (with their leading space, if any) to numeric values of known properties. */
const PROPERTY_UNITS: Record<string, Record<Lang, string>> = {
  capacity: { ko: '명', en: ' people' },
  cameras: { ko: '대', en: '' },
  cctv: { ko: '대', en: '' },
  bells: { ko: '개', en: '' },
  lamps: { ko: '개', en: '' },
  lengthM: { ko: ' m', en: ' m' },
};

/** MapLibre's own control strings in Korean; English uses MapLibre's defaults. */
const MAPLIBRE_LOCALE_KO: Record<string, string> = {
  'AttributionControl.ToggleAttribution': '출처 정보 보기/숨기기',
  'AttributionControl.MapFeedback': '지도 오류 신고',
  'Map.Title': '안전지도',
  'NavigationControl.ResetBearing': '끌어서 지도 회전, 누르면 북쪽으로 되돌리기',
  'NavigationControl.ZoomIn': '확대',
  'NavigationControl.ZoomOut': '축소',
  'Popup.Close': '닫기',
  'CooperativeGesturesHandler.WindowsHelpText': 'Ctrl 키를 누른 채 스크롤하면 지도가 확대·축소됩니다',
  'CooperativeGesturesHandler.MacHelpText': '⌘ 키를 누른 채 스크롤하면 지도가 확대·축소됩니다',
  'CooperativeGesturesHandler.MobileHelpText': '두 손가락으로 지도를 움직이세요',
};

/**
 * Chooses the interface language: the `lang` attribute when it names a supported language,
 * else the first supported entry of the browser's preferred languages, else Korean.
 */
export function resolveLang(attribute: string | null | undefined, preferred: readonly string[] = []): Lang {
  for (const tag of [attribute, ...preferred]) {
    const lang = supportedLang(tag);
    if (lang) return lang;
  }
  return 'ko';
}

function supportedLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'ko' || primary === 'en' ? primary : undefined;
}

/** The interface strings for a language. */
export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Picks a catalogue text in the wanted language, falling back to the other one, then to `fallback`. */
export function localize(text: LocalizedText | undefined, lang: Lang, fallback = ''): string {
  return text?.[lang] || text?.[lang === 'ko' ? 'en' : 'ko'] || fallback;
}

/** The label for a feature property key; unknown keys are returned unchanged. */
export function propertyLabel(key: string, lang: Lang): string {
  return Object.hasOwn(PROPERTY_LABELS, key) ? PROPERTY_LABELS[key]![lang] : key;
}

/**
 * Formats a property value for display: grouped numbers with units, yes/no for booleans,
 * names for known codes (e.g. shelter kinds); anything else as it is.
 */
export function formatPropertyValue(key: string, value: unknown, lang: Lang): string {
  if (typeof value === 'boolean') return value ? MESSAGES[lang].yes : MESSAGES[lang].no;
  if (typeof value === 'string' && Object.hasOwn(VALUE_LABELS, key)) {
    const names = VALUE_LABELS[key]!;
    const codes = LIST_PROPERTIES.has(key) ? value.split(',').map((code) => code.trim()) : [value];
    return codes.map((code) => (Object.hasOwn(names, code) ? names[code]![lang] : code)).join(', ');
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const number = new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 2 }).format(value);
    const unit = Object.hasOwn(PROPERTY_UNITS, key) ? PROPERTY_UNITS[key]![lang] : '';
    return number + unit;
  }
  return String(value);
}

/** MapLibre `locale` option for the language (undefined keeps MapLibre's English). */
export function maplibreLocale(lang: Lang): Record<string, string> | undefined {
  return lang === 'ko' ? { ...MAPLIBRE_LOCALE_KO } : undefined;
}
