// Generates the Busan demo data in examples/busan/data/ (see the README there).
//
//   node scripts/generate-demo-data.mjs [path/to/busan-cctv-2022.csv] [--check]
//
// The CCTV csv is real and copied byte for byte; shelters, emergency bells and
// safe-return routes are SYNTHETIC, anchored on real CCTV locations so that they
// sit in populated streets. Output is deterministic: seeded PRNG streams, no
// clock, stable key order, one feature per line. `--check` writes nothing and
// exits 1 when a committed file differs from what would be generated.
//
// One file on purpose (~560 lines): it runs with plain `node`, no build step and
// nothing outside Node built-ins. Sections: PRNG, geometry, CCTV csv, layers, main.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'examples/busan/data');
const CCTV_NAME = 'busan-cctv-2022.csv';

const OPTIONS = {
  seed: 20240611, // base seed; each layer derives its own stream from it
  bbox: [128.75, 34.88, 129.31, 35.39], // Busan [west, south, east, north], degrees
  shelters: 250, // total synthetic shelters
  bells: 600, // total synthetic emergency bells
  routes: 40, // total synthetic safe-return routes
  minPerDistrict: { shelters: 8, bells: 18, routes: 2 }, // floor per district before proportional share
  maxOffsetM: 80, // max distance of a shelter/bell from its CCTV anchor, metres
  stepM: [30, 150], // route step length range, metres
  routeLengthM: [300, 1500], // route length range, metres
  routeVertices: [8, 30], // route vertex count range
  alongM: 30, // buffer for counting CCTV/bells along a route, metres
};

// 시군구 codes (행정표준코드) of Busan's 16 districts.
const DISTRICT_CODES = {
  중구: '26110', 서구: '26140', 동구: '26170', 영도구: '26200', 부산진구: '26230', 동래구: '26260',
  남구: '26290', 북구: '26320', 해운대구: '26350', 사하구: '26380', 금정구: '26410', 강서구: '26440',
  연제구: '26470', 수영구: '26500', 사상구: '26530', 기장군: '26710',
};

// Approximate shore points (beaches, fish markets, ports); tsunami shelters are
// placed on CCTV anchors 200–1200 m inland of one of these in the same district.
const COAST_POINTS = [
  ['해운대구', 129.1604, 35.1587], ['해운대구', 129.1997, 35.1786], ['수영구', 129.1186, 35.1532],
  ['수영구', 129.1335, 35.1545], ['서구', 129.0172, 35.0758], ['사하구', 128.9663, 35.0465],
  ['중구', 129.0305, 35.0966], ['기장군', 129.2346, 35.26], ['기장군', 129.264, 35.321],
  ['기장군', 129.229, 35.222], ['동구', 129.0445, 35.1155], ['영도구', 129.0415, 35.0905],
  ['남구', 129.1165, 35.1005],
];

// Shelter name templates. `kind` follows from the facility type, and `hazards`
// lists what that facility is suitable for: an underground civil-defence
// shelter is never an earthquake or tsunami refuge; an open field is an
// earthquake refuge; tsunami refuges are high floors or high ground.
const SHELTER_TEMPLATES = {
  'civil-defence': [
    ['{dong} 행정복지센터 지하', ['civil-defence'], 200, 900],
    ['{base}역 지하상가', ['civil-defence'], 1500, 9000],
    ['{base}{apt}아파트 지하주차장', ['civil-defence'], 600, 4000],
    ['{base}빌딩 지하 1층', ['civil-defence'], 150, 1200],
  ],
  'earthquake-outdoor': [
    ['{base}초등학교 운동장', ['earthquake'], 800, 4000],
    ['{base}중학교 운동장', ['earthquake'], 800, 4000],
    ['{base}근린공원', ['earthquake'], 300, 2500],
  ],
  tsunami: [
    ['{base}초등학교 본관 옥상', ['tsunami'], 200, 900],
    ['{base}공원 고지대 광장', ['earthquake', 'tsunami'], 300, 2000],
    ['{dong} 행정복지센터 3층 이상', ['tsunami'], 100, 400],
    ['{base}{apt}아파트 옥상', ['tsunami'], 150, 800],
  ],
  heat: [
    ['{base}{vil}경로당 무더위쉼터', ['heat'], 15, 50],
    ['{dong} 행정복지센터 무더위쉼터', ['heat', 'cold'], 30, 120],
    ['{base}작은도서관 무더위쉼터', ['heat'], 20, 60],
  ],
  cold: [
    ['{base}{vil}경로당 한파쉼터', ['cold'], 15, 50],
    ['{base}종합사회복지관 한파쉼터', ['heat', 'cold'], 30, 150],
  ],
};
const KIND_WEIGHTS = { 'civil-defence': 30, 'earthquake-outdoor': 25, tsunami: 12, heat: 20, cold: 13 };
const HAZARD_ORDER = ['civil-defence', 'earthquake', 'tsunami', 'heat', 'cold'];
const APT_NAMES = ['한마음', '푸른마을', '센트럴', '하이츠', '스카이', '청솔', '동원', '그린'];
const VILLAGE_NAMES = ['', '', '제일', '새마을', '중앙', '한마음', '양지'];

const BELL_TEMPLATES = [
  '{base}공원 화장실 앞', '{base}어린이공원 놀이터 옆', '{base}초등학교 후문 통학로', '{road} 원룸가 골목 보안등주',
  '{road} 버스정류장', '{base}시장 공중화장실 입구', '{dong} 공영주차장 출입구', '{base}근린공원 산책로 입구',
  '{base}역 지하보도', '{road} 주택가 골목 전신주',
];
const ROUTE_BELL_TEMPLATE = '{road} 안심귀갓길 전신주';
const STREET_PURPOSES = new Set(['생활방범', '다목적', '어린이보호', '쓰레기단속']);

// ---------- PRNG ----------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per layer, so editing one layer leaves the others unchanged. */
function stream(name) {
  let h = OPTIONS.seed >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  const next = mulberry32(h);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    range: (lo, hi) => lo + next() * (hi - lo),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

// ---------- geometry ----------

const RAD = Math.PI / 180;
function distM(a, b) {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
/** Local planar metres relative to `o` (good to well under 1 % at these distances). */
function toXY(o, p) {
  return [(p[0] - o[0]) * RAD * 6371008.8 * Math.cos(o[1] * RAD), (p[1] - o[1]) * RAD * 6371008.8];
}
function segDistM(p, a, b) {
  const [bx, by] = toXY(a, b);
  const [px, py] = toXY(a, p);
  const len2 = bx * bx + by * by;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
  return Math.hypot(px - t * bx, py - t * by);
}
function lineDistM(p, line) {
  let d = Infinity;
  for (let i = 1; i < line.length; i++) d = Math.min(d, segDistM(p, line[i - 1], line[i]));
  return d;
}
function segmentsCross(a, b, c, d) {
  const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}
function bearing(a, b) {
  const [x, y] = toXY(a, b);
  return Math.atan2(y, x);
}
const round7 = (x) => Math.round(x * 1e7) / 1e7;
const lonLat = (p) => [round7(p[0]), round7(p[1])];

/** Grid index of points, cell ~200 m. */
function gridIndex(items) {
  const CELL = 0.002;
  const cells = new Map();
  const key = (cx, cy) => `${cx},${cy}`;
  for (const it of items) {
    const k = key(Math.floor(it.p[0] / CELL), Math.floor(it.p[1] / CELL));
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(it);
  }
  return {
    /** Items within r metres of p, nearest first (ties broken by input order). */
    near(p, r) {
      const n = Math.ceil(r / 180) + 1;
      const cx = Math.floor(p[0] / CELL);
      const cy = Math.floor(p[1] / CELL);
      const out = [];
      for (let i = -n; i <= n; i++) {
        for (let j = -n; j <= n; j++) {
          for (const it of cells.get(key(cx + i, cy + j)) ?? []) {
            const d = distM(p, it.p);
            if (d <= r) out.push({ it, d });
          }
        }
      }
      return out.sort((x, y) => x.d - y.d || x.it.seq - y.it.seq);
    },
  };
}

// ---------- CCTV csv ----------

/** RFC 4180 parser: quoted cells may hold commas, doubled quotes and newlines; LF or CRLF rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"' && (quoted || cell === '')) {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Road address as published, with "부산광역시 <district> " supplied where missing or doubled, and stray `_`/`'` read as spaces. */
function fullAddress(raw, district) {
  let rest = raw.normalize('NFC').replace(/['_\s]+/g, ' ').trim();
  for (let prev = ''; prev !== rest; ) {
    prev = rest;
    rest = rest.replace(/^부산광역시\s*/, '');
    if (rest.startsWith(district) && !/^[로길]/.test(rest.slice(district.length))) rest = rest.slice(district.length).trim();
  }
  return `부산광역시 ${district} ${rest}`;
}

const DONG_RE = /(?:^|[\s(])([가-힣]{1,5}?)(\d?)(동|읍|면)(?:\d{1,2}가)?(?=[\s\d,()산-]|$)/;
/** 동/읍/면 of an address, and the stem used for facility names ("보수동1가" → 보수동, 보수; "우동" → 우동, 우동). */
function dongOf(text, district) {
  const m = DONG_RE.exec(text.replace(/^부산광역시\s*/, '').replace(district, ' '));
  if (!m) return undefined;
  return { dong: m[1] + m[2] + m[3], base: m[1].length > 1 ? m[1] : m[1] + m[3] };
}
const ROAD_RE = /([가-힣0-9]+(?:로|길))(?=[\s\d]|$)/;

/**
 * Reads the CCTV rows and keeps, as anchors, distinct locations that are
 * inside the bbox, agree with their neighbours about the district and (for
 * street anchors) carry a usable road address. Returns the anchors and the
 * quirk counts.
 */
function loadCctv(text) {
  const [header, ...rows] = parseCsv(text.normalize('NFC'));
  const col = Object.fromEntries(header.map((h, i) => [h.trim(), i]));
  const [w, s, e, n] = OPTIONS.bbox;
  const quirks = { rows: rows.length, emptyCoord: 0, zeroCoord: 0, swapped: 0, outsideBbox: 0, unknownDistrict: 0, districtOutlier: 0 };
  const byKey = new Map();
  for (const r of rows) {
    const [latText, lonText] = [r[col.WGS84위도] ?? '', r[col.WGS84경도] ?? ''];
    if (latText.trim() === '' || lonText.trim() === '') { quirks.emptyCoord++; continue; }
    const [lat, lon] = [Number(latText), Number(lonText)];
    if (lat === 0 || lon === 0) { quirks.zeroCoord++; continue; }
    if (lat >= w && lat <= e && lon >= s && lon <= n) { quirks.swapped++; continue; }
    if (!(lon >= w && lon <= e && lat >= s && lat <= n)) { quirks.outsideBbox++; continue; }
    const district = /([가-힣]+(?:구|군))(?:청)?$/.exec(r[col.관리기관명].trim())?.[1];
    if (!DISTRICT_CODES[district]) { quirks.unknownDistrict++; continue; }
    const key = `${lon.toFixed(6)},${lat.toFixed(6)}`;
    if (!byKey.has(key)) byKey.set(key, { seq: byKey.size, p: [lon, lat], district, rows: [] });
    byKey.get(key).rows.push(r);
  }
  const locations = [...byKey.values()];
  const index = gridIndex(locations);
  for (const loc of locations) {
    // Far from every other location of its district: a misplaced point (DATA.md's "20 km away" trap).
    const near = index.near(loc.p, 2000).filter((x) => x.it !== loc);
    const isolated = !near.some((x) => x.it.district === loc.district);
    if (isolated) quirks.districtOutlier += loc.rows.length;
    // Anchors also keep clear of district borders: most of the 8 nearest neighbours share the district.
    const nearest = near.slice(0, 8);
    const same = nearest.filter((x) => x.it.district === loc.district).length;
    loc.trusted = !isolated && nearest.length >= 3 && same * 2 > nearest.length;
    const road = loc.rows.map((r) => r[col.소재지도로명주소].trim()).find((a) => /\d/.test(a) && !a.includes('부재'));
    loc.address = road ? fullAddress(road, loc.district) : undefined;
    const names = loc.rows.flatMap((r) => [r[col.소재지지번주소], r[col.소재지도로명주소]]);
    loc.dong = names.map((t) => dongOf(t, loc.district)).find(Boolean);
    loc.road = loc.address ? ROAD_RE.exec(loc.address.replace(/^부산광역시 \S+ /, ''))?.[1] : undefined;
    loc.phone = /^051-\d{3,4}-/.exec(loc.rows[0][col.관리기관전화번호])?.[0];
    loc.street = loc.rows.some((r) => STREET_PURPOSES.has(r[col.설치목적구분]));
  }
  // Locations without a dong of their own borrow the nearest one in their district.
  for (const loc of locations) {
    loc.dong ??= index.near(loc.p, 3000).find((x) => x.it.dong && x.it.district === loc.district)?.it.dong;
  }
  const trusted = locations.filter((l) => l.trusted);
  const anchors = trusted.filter((l) => l.street && l.address && l.dong && l.phone);
  return { locations: trusted, anchors, quirks };
}

// ---------- layers ----------

function allocate(total, floor, weights) {
  const names = Object.keys(weights);
  const sum = names.reduce((acc, k) => acc + weights[k], 0);
  const rest = total - floor * names.length;
  const share = names.map((k) => ({ k, q: (rest * weights[k]) / sum }));
  const out = Object.fromEntries(share.map(({ k, q }) => [k, floor + Math.floor(q)]));
  let left = total - Object.values(out).reduce((a, b) => a + b, 0);
  for (const { k } of [...share].sort((a, b) => (b.q % 1) - (a.q % 1) || (a.k < b.k ? -1 : 1))) {
    if (left-- <= 0) break;
    out[k]++;
  }
  return out;
}

function dateOf(dayOf2024) {
  return new Date(Date.UTC(2024, 0, 1) + dayOf2024 * 86400000).toISOString().slice(0, 10);
}

/** A point up to maxOffsetM from the anchor, towards a neighbouring CCTV location (so along a street, not into the sea). */
function placeNear(anchor, index, rng) {
  const near = index.near(anchor.p, 160).filter((x) => x.d >= 40 && x.it.street && x.it.district === anchor.district);
  const [x0, y0] = [anchor.p[0], anchor.p[1]];
  const kx = 1 / (RAD * 6371008.8 * Math.cos(y0 * RAD));
  const ky = 1 / (RAD * 6371008.8);
  const jitter = (m) => {
    const a = rng.range(0, 2 * Math.PI);
    const r = rng.range(0, m);
    return [Math.cos(a) * r * kx, Math.sin(a) * r * ky];
  };
  if (near.length === 0) {
    const [dx, dy] = jitter(20);
    return [x0 + dx, y0 + dy];
  }
  const { it, d } = rng.pick(near);
  const t = rng.range(0.1, Math.min(0.5, (OPTIONS.maxOffsetM - 6) / d));
  const [dx, dy] = jitter(6);
  return [x0 + (it.p[0] - x0) * t + dx, y0 + (it.p[1] - y0) * t + dy];
}

function fill(template, anchor, rng) {
  return template
    .replace('{dong}', anchor.dong.dong)
    .replace('{base}', anchor.dong.base)
    .replace('{road}', anchor.road ?? anchor.dong.dong)
    .replace('{apt}', rng.pick(APT_NAMES))
    .replace('{vil}', rng.pick(VILLAGE_NAMES));
}

function feature(id, properties, geometry) {
  return { type: 'Feature', id, properties, geometry };
}

function makeShelters(cctv, quotas) {
  const rng = stream('shelters');
  const index = gridIndex(cctv.locations);
  const placed = [];
  const names = new Set();
  const features = [];
  for (const district of Object.keys(DISTRICT_CODES)) {
    const pool = cctv.anchors.filter((a) => a.district === district);
    const coast = COAST_POINTS.filter((c) => c[0] === district).map((c) => [c[1], c[2]]);
    const coastal = pool.filter((a) => coast.some((c) => distM(a.p, c) >= 200 && distM(a.p, c) <= 1200));
    const dataDate = dateOf(rng.int(60, 330));
    for (let i = 0; i < quotas[district]; i++) {
      const weights = Object.entries(KIND_WEIGHTS).filter(([k]) => k !== 'tsunami' || coastal.length > 0);
      let roll = rng.range(0, weights.reduce((a, [, w]) => a + w, 0));
      const kind = weights.find(([, w]) => (roll -= w) < 0)?.[0] ?? weights[0][0];
      // Redraw until the name is new and the point keeps 60 m from other shelters.
      let template, hazards, capLo, capHi, anchor, p, name;
      for (let attempt = 0; attempt < 60; attempt++) {
        [template, hazards, capLo, capHi] = rng.pick(SHELTER_TEMPLATES[kind]);
        anchor = rng.pick(kind === 'tsunami' ? coastal : pool);
        name = fill(template, anchor, rng);
        p = placeNear(anchor, index, rng);
        if (!names.has(name) && placed.every((q) => distM(p, q) >= 60)) break;
      }
      for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      names.add(name);
      placed.push(p);
      features.push(feature(features.length + 1, {
        name,
        address: anchor.address,
        district,
        kind,
        hazards: HAZARD_ORDER.filter((h) => hazards.includes(h)).join(','),
        capacity: Math.round(rng.int(capLo, capHi) / 5) * 5,
        phone: `${anchor.phone}${String(rng.int(0, 9999)).padStart(4, '0')}`,
        dataDate,
        synthetic: true,
      }, { type: 'Point', coordinates: lonLat(p) }));
    }
  }
  return features;
}

/** Nearest-neighbour walk through CCTV locations; undefined when it cannot reach a valid length. */
function walk(start, index, used, rng) {
  const [minStep, maxStep] = OPTIONS.stepM;
  const target = rng.range(OPTIONS.routeLengthM[0], OPTIONS.routeLengthM[1] - maxStep);
  const path = [start];
  let length = 0;
  while (path.length < OPTIONS.routeVertices[1] && length < target) {
    const cur = path.at(-1);
    const heading = path.length > 1 ? bearing(path.at(-2).p, cur.p) : undefined;
    const next = index.near(cur.p, maxStep).find(({ it, d }) => {
      if (d < minStep || used.has(it) || it.district !== start.district) return false;
      if (path.some((v) => distM(v.p, it.p) < minStep)) return false;
      if (heading !== undefined) {
        const turn = Math.abs(((bearing(cur.p, it.p) - heading + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
        if (turn > Math.PI / 2) return false;
      }
      for (let i = 1; i < path.length - 1; i++) if (segmentsCross(path[i - 1].p, path[i].p, cur.p, it.p)) return false;
      return true;
    });
    if (!next) break;
    path.push(next.it);
    length += next.d;
  }
  const [minLen, maxLen] = OPTIONS.routeLengthM;
  if (path.length < OPTIONS.routeVertices[0] || length < minLen || length > maxLen) return undefined;
  return path;
}

function makeRoutes(cctv, quotas) {
  const rng = stream('routes');
  const index = gridIndex(cctv.locations);
  const used = new Set();
  const routes = [];
  const perDong = new Map();
  for (const district of Object.keys(DISTRICT_CODES)) {
    const starts = cctv.anchors.filter((a) => a.district === district && index.near(a.p, 250).length >= 8);
    const dataDate = dateOf(rng.int(60, 330));
    for (let made = 0, attempt = 0; made < quotas[district] && attempt < 300; attempt++) {
      const start = rng.pick(starts);
      if (used.has(start) || routes.some((r) => distM(r.path[0].p, start.p) < 400)) continue;
      const path = walk(start, index, used, rng);
      if (!path) continue;
      for (const v of path) for (const { it } of index.near(v.p, OPTIONS.stepM[0])) used.add(it);
      const n = (perDong.get(start.dong.dong) ?? 0) + 1;
      perDong.set(start.dong.dong, n);
      routes.push({ path, district, dataDate, name: `${start.dong.dong} 안심귀갓길 ${n}구간` });
      made++;
    }
  }
  return routes;
}

function makeBells(cctv, quotas, routes) {
  const rng = stream('bells');
  const index = gridIndex(cctv.locations);
  const bells = [];
  // A few bells on every route first, so the routes' bell counts are real counts.
  for (const route of routes) {
    const k = rng.int(2, 5);
    for (let i = 0; i < k; i++) {
      const v = rng.int(0, route.path.length - 2);
      const [a, b] = [route.path[v], route.path[v + 1]];
      const t = rng.range(0, Math.min(1, 15 / distM(a.p, b.p)));
      const p = [a.p[0] + (b.p[0] - a.p[0]) * t, a.p[1] + (b.p[1] - a.p[1]) * t];
      const anchor = a.address && a.dong ? a : route.path.find((x) => x.address && x.dong) ?? a;
      bells.push({ p, anchor, location: fill(ROUTE_BELL_TEMPLATE, anchor, rng), district: route.district });
    }
  }
  for (const district of Object.keys(DISTRICT_CODES)) {
    const pool = cctv.anchors.filter((a) => a.district === district);
    const have = bells.filter((b) => b.district === district).length;
    for (let i = have; i < quotas[district]; i++) {
      const anchor = rng.pick(pool);
      bells.push({ p: placeNear(anchor, index, rng), anchor, location: fill(rng.pick(BELL_TEMPLATES), anchor, rng), district });
    }
  }
  const order = Object.keys(DISTRICT_CODES);
  bells.sort((a, b) => order.indexOf(a.district) - order.indexOf(b.district));
  const seqs = new Map();
  const dataDates = new Map(order.map((d) => [d, rng.int(60, 330)]));
  return bells.map((b, i) => {
    const code = DISTRICT_CODES[b.district];
    const seq = (seqs.get(code) ?? 0) + 1;
    seqs.set(code, seq);
    const dataDay = dataDates.get(b.district);
    return feature(i + 1, {
      id: `BB-${code}-${String(seq).padStart(4, '0')}`,
      location: b.location,
      address: b.anchor.address ?? `부산광역시 ${b.district}`,
      district: b.district,
      linkedToPolice: rng.next() < 0.85 ? 'Y' : 'N',
      lastInspected: dateOf(rng.int(dataDay - 420, dataDay - 7)),
      dataDate: dateOf(dataDay),
      synthetic: true,
    }, { type: 'Point', coordinates: lonLat(b.p) });
  });
}

function routeFeatures(routes, cctv, bells) {
  const rng = stream('route-lamps');
  const index = gridIndex(cctv.locations);
  const bellPoints = bells.map((b) => b.geometry.coordinates);
  return routes.map((r, i) => {
    const line = r.path.map((v) => lonLat(v.p));
    let lengthM = 0;
    for (let j = 1; j < line.length; j++) lengthM += distM(line[j - 1], line[j]);
    const seen = new Set();
    for (const v of line) for (const { it } of index.near(v, OPTIONS.stepM[1] / 2 + OPTIONS.alongM)) seen.add(it);
    const cctvCount = [...seen].filter((it) => lineDistM(it.p, line) <= OPTIONS.alongM).length;
    return feature(i + 1, {
      name: r.name,
      district: r.district,
      lengthM: Math.round(lengthM),
      bells: bellPoints.filter((p) => lineDistM(p, line) <= OPTIONS.alongM).length,
      cctv: cctvCount,
      lamps: Math.round(lengthM / rng.range(25, 45)),
      dataDate: r.dataDate,
      synthetic: true,
    }, { type: 'LineString', coordinates: line });
  });
}

function featureCollection(features) {
  const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  return text.normalize('NFC');
}

// ---------- main ----------

function main(argv) {
  const check = argv.includes('--check');
  const arg = argv.find((a) => !a.startsWith('--'));
  const source = arg ? resolve(arg) : resolve(ROOT, '..', 'shared', 'data', CCTV_NAME);
  const cctvCopy = join(OUT_DIR, CCTV_NAME);
  mkdirSync(OUT_DIR, { recursive: true });
  const outputs = new Map();
  if (existsSync(source)) outputs.set(CCTV_NAME, readFileSync(source));
  else if (existsSync(cctvCopy)) process.stderr.write(`source ${source} not found; keeping the committed ${CCTV_NAME}\n`);
  else {
    process.stderr.write(`error: CCTV csv not found at ${source} nor ${cctvCopy}\n`);
    return 2;
  }
  const cctv = loadCctv((outputs.get(CCTV_NAME) ?? readFileSync(cctvCopy)).toString('utf8'));
  const weights = Object.fromEntries(Object.keys(DISTRICT_CODES).map((d) => [d, cctv.anchors.filter((a) => a.district === d).length]));
  const floors = OPTIONS.minPerDistrict;
  const shelters = makeShelters(cctv, allocate(OPTIONS.shelters, floors.shelters, weights));
  const routes = makeRoutes(cctv, allocate(OPTIONS.routes, floors.routes, weights));
  const bells = makeBells(cctv, allocate(OPTIONS.bells, floors.bells, weights), routes);
  outputs.set('shelters.geojson', featureCollection(shelters));
  outputs.set('emergency-bells.geojson', featureCollection(bells));
  outputs.set('safe-routes.geojson', featureCollection(routeFeatures(routes, cctv, bells)));

  let stale = 0;
  for (const [name, body] of outputs) {
    const path = join(OUT_DIR, name);
    const same = existsSync(path) && Buffer.compare(readFileSync(path), Buffer.from(body)) === 0;
    if (check && !same) stale++, process.stderr.write(`stale: ${name}\n`);
    if (!check && !same) writeFileSync(path, body);
  }
  const q = cctv.quirks;
  process.stderr.write(
    `cctv rows ${q.rows}: skipped ${q.emptyCoord} empty, ${q.zeroCoord} zero, ${q.swapped} swapped, ` +
      `${q.outsideBbox} outside bbox, ${q.unknownDistrict} unknown district, ${q.districtOutlier} >2 km from the rest of their district; ${cctv.anchors.length} anchors\n` +
      `shelters ${shelters.length}, bells ${bells.length}, routes ${routes.length}${check ? `, stale ${stale}` : ''}\n`,
  );
  return stale > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
