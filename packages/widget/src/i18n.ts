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
}

const MESSAGES: Record<Lang, Messages> = {
  ko: {
    mapLabel: '안전지도',
    legendHeading: '안전지도 레이어',
    loading: '지도를 불러오는 중입니다…',
    loadFailed: '지도를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요.',
    yes: '예',
    no: '아니오',
  },
  en: {
    mapLabel: 'Safety map',
    legendHeading: 'Safety map layers',
    loading: 'Loading the map…',
    loadFailed: 'The map could not be loaded. Please try again later.',
    yes: 'Yes',
    no: 'No',
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
