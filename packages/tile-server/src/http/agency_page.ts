import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from '../catalog/catalog_schema.js';
import { basemapName } from './basemap_routes.js';

type Lang = 'ko' | 'en';
type Localized = { readonly ko: string; readonly en: string };

/** The page's script and stylesheet shipped with the package (same relative place from src/ and dist/). */
export function defaultPageDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/page');
}

/** Text set into HTML, never read as markup: catalogue text is the agency's, not ours to interpret. */
function text(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One element per language; the page script shows the reader's and hides the other. */
function bilingual(tag: string, value: Localized, attributes = ''): string {
  return `<${tag} data-lang="ko"${attributes}>${text(value.ko)}</${tag}><${tag} data-lang="en" lang="en"${attributes} hidden>${text(value.en)}</${tag}>`;
}

function listOf(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  if (lang === 'ko') return items.join(', ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The page `/` answers for a catalogue (its public part): the agency's title and name, the first tile set's map, and an
 * introduction built from what the catalogue says about itself, its layers and the credits it owes. Every piece of
 * catalogue text is escaped; the page loads only this origin's script and stylesheet, so it runs under the page CSP.
 * The other tile sets of the catalogue are linked as `/embed` pages, unless `otherMapLinks` is false (no server).
 * Unless `preload` is false, the head asks for the catalogue, style and basemap TileJSON the map will read (the style
 * carries the safety source itself), so on a phone network they come in parallel with the widget's script instead of
 * one round trip after another; MapLibre's worker module is asked for in every case, a static folder's page included.
 */
export function renderAgencyPage(catalog: Catalog, options: { otherMapLinks?: boolean; preload?: boolean } = {}): string {
  const tilesets = catalog.tilesets;
  const first = tilesets[0];
  const site = catalog.site;
  const title: Localized = site?.title ?? first?.title ?? { ko: '안전지도', en: 'Safety Map' };
  const layers = first?.layers ?? [];
  const layerNames = (lang: Lang) => layers.map((layer) => layer.title[lang]);
  const descriptions = (lang: Lang) => (site?.intro ? [site.intro[lang]] : tilesets.flatMap((set) => (set.description ? [set.description[lang]] : [])));
  const credits = [...new Set(tilesets.flatMap((set) => [...set.layers.map((layer) => (layer.license ? `${layer.attribution} (${layer.license})` : layer.attribution)), ...(set.basemap ? [set.basemap.attribution] : [])]))];

  const intro = (lang: Lang) => {
    const ko = lang === 'ko';
    const paragraphs = [
      ...descriptions(lang).map((line) => `<p>${text(line)}</p>`),
      layers.length > 0
        ? ko
          ? `<p>지도에서 ${text(listOf(layerNames('ko'), 'ko'))} 위치를 확인하세요. 지도 위의 표시를 누르면 자세한 정보가 나옵니다. 왼쪽 위 메뉴(☰)에서 보고 싶은 항목을 고르고, 가까운 곳을 찾고, 이름이나 주소로 검색할 수 있습니다.</p>`
          : `<p>This map shows ${text(listOf(layerNames('en'), 'en'))}. Tap or click a symbol on the map to see its details. Use the menu (☰) at the top left to choose what to show, find the nearest places, or search by name or address.</p>`
        : '',
      ko ? '<p>내 위치는 이 기기 안에서만 쓰이고 어디에도 보내지 않습니다.</p>' : '<p>Your location is used on this device only and is never sent anywhere.</p>',
      site?.contact ? (ko ? `<p>잘못되거나 빠진 장소 알리기: ${text(site.contact)}</p>` : `<p>To report a wrong or missing place: ${text(site.contact)}</p>`) : '',
      tilesets.length > 1 && options.otherMapLinks !== false
        ? `<p>${ko ? '다른 지도' : 'Other maps'}: ${tilesets
            .slice(1)
            .map((set) => `<a href="/embed?tileset=${encodeURIComponent(set.id)}&amp;lang=${lang}">${text(set.title[lang])}</a>`)
            .join(' · ')}</p>`
        : '',
      `<p class="source">${ko ? '펴낸 곳' : 'Published by'}: ${site ? text(site.agency[lang]) : text(title[lang])}. ${ko ? '자료' : 'Data'}: ${text(credits.join(' · '))}</p>`,
    ];
    return `<div data-lang="${lang}"${ko ? '' : ' lang="en" hidden'}>\n        ${paragraphs.filter(Boolean).join('\n        ')}\n      </div>`;
  };

  // Fetched as the widget and MapLibre fetch them (CORS mode, same-origin credentials), so the preloads are reused.
  const preloads =
    first && options.preload !== false
      ? ['/catalog', `/styles/${encodeURIComponent(first.id)}.json`, ...(first.basemap ? [`/basemap/${encodeURIComponent(basemapName(first.basemap))}.json`] : [])]
          .map((href) => `\n  <link rel="preload" href="${text(href)}" as="fetch" crossorigin="anonymous">`)
          .join('')
      : '';
  // MapLibre's worker module was fetched only once the widget's script had run: a second download in a row, about
  // 1.3 s on a phone network. Fetched beside the script instead, the worker's own request is served from cache.
  const workerPreload = '\n  <link rel="modulepreload" href="/widget/maplibre-gl-worker.mjs">';
  const agencyLine = site ? `\n      <p class="agency-name">${bilingual('span', site.agency)}</p>` : '';
  const description = site?.intro?.ko ?? first?.description?.ko ?? title.ko;
  return `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${text(title.ko === title.en ? title.ko : `${title.ko} · ${title.en}`)}</title>
  <meta name="description" content="${text(description)}">
  <link rel="icon" href="data:,">${preloads}${workerPreload}
  <link rel="stylesheet" href="/page/agency.css">
  <!-- The page script runs first, so the map starts in the chosen language instead of starting twice. -->
  <script src="/page/agency.js" defer></script>
  <script src="/widget/safemap-widget.js" defer></script>
</head>
<body>
  <header class="agency-header">
    <div class="agency-title">
      <h1>${bilingual('span', title)}</h1>${agencyLine}
    </div>
    <div class="header-actions">
      <div class="lang-switch" role="group" aria-label="언어 · Language">
        <button type="button" data-set-lang="ko" lang="ko" aria-pressed="true">한국어</button>
        <button type="button" data-set-lang="en" lang="en" aria-pressed="false">English</button>
      </div>
      <button type="button" class="info-button" aria-expanded="false" aria-controls="intro">
        <span aria-hidden="true">i</span>
        <span class="visually-hidden" data-lang="ko">지도 안내</span>
        <span class="visually-hidden" data-lang="en" lang="en" hidden>About this map</span>
      </button>
    </div>
  </header>

  <main>
    <safety-map class="city-map"${first ? ` tileset="${text(first.id)}"` : ''}></safety-map>
    <noscript><p class="notice">이 지도를 보려면 JavaScript를 켜 주세요. This map needs JavaScript.</p></noscript>

    <section id="intro" class="intro" aria-labelledby="intro-title" hidden>
      <h2 id="intro-title"><span data-lang="ko">지도 안내</span><span data-lang="en" lang="en" hidden>About this map</span></h2>
      ${intro('ko')}
      ${intro('en')}
      <button type="button" class="intro-close">
        <span data-lang="ko">지도로 돌아가기</span><span data-lang="en" lang="en" hidden>Back to the map</span>
      </button>
    </section>
  </main>
</body>
</html>
`;
}
