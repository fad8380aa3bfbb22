// An agency page: the map fills the window, the introduction opens from the (i) button, and a language switch sets the
// page and the map to Korean or English. The first language is the browser's, when it is one of the two. The page
// title in each language is the heading's text in that language, so one script serves every agency's page.
(function () {
  'use strict';
  var map = document.querySelector('safety-map');
  var info = document.querySelector('.info-button');
  var intro = document.getElementById('intro');
  var titles = {};
  document.querySelectorAll('h1 [data-lang]').forEach(function (node) {
    titles[node.getAttribute('data-lang')] = node.textContent.trim();
  });

  function preferred() {
    var list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    for (var i = 0; i < list.length; i++) {
      var primary = String(list[i]).toLowerCase().split(/[-_]/)[0];
      if (primary === 'ko' || primary === 'en') return primary;
    }
    return 'ko';
  }

  function setLang(lang) {
    document.documentElement.lang = lang;
    var other = lang === 'ko' ? 'en' : 'ko';
    document.title = titles[lang] && titles[other] && titles[lang] !== titles[other] ? titles[lang] + ' · ' + titles[other] : titles[lang] || document.title;
    document.querySelectorAll('[data-lang]').forEach(function (node) {
      node.hidden = node.getAttribute('data-lang') !== lang;
    });
    document.querySelectorAll('[data-set-lang]').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-set-lang') === lang));
    });
    if (map.getAttribute('lang') !== lang) map.setAttribute('lang', lang);
  }

  function setIntro(open) {
    intro.hidden = !open;
    info.setAttribute('aria-expanded', String(open));
    if (open) intro.querySelector('h2').setAttribute('tabindex', '-1');
    (open ? intro.querySelector('h2') : info).focus();
  }

  document.querySelectorAll('[data-set-lang]').forEach(function (button) {
    button.addEventListener('click', function () {
      setLang(button.getAttribute('data-set-lang'));
    });
  });
  info.addEventListener('click', function () {
    setIntro(intro.hidden);
  });
  intro.querySelector('.intro-close').addEventListener('click', function () {
    setIntro(false);
  });
  intro.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') setIntro(false);
  });
  setLang(preferred());
  warmFirstView();

  // On a phone network MapLibre asks for the first tiles only once the widget's script has arrived and run, seconds
  // after this script. The server's page says where the map opens and the safety tiles' URLs (a static folder's does
  // not: its archives are read by range requests), so the tiles of the first view are asked for here, beside the
  // widget's script. They are immutable, and MapLibre's own requests for them are answered from the browser's cache.
  // Only the safety tiles: the sprite and basemap tiles, asked for too, arrived no sooner and delayed the script.
  function warmFirstView() {
    var block = document.getElementById('safemap-first-view');
    var box = map.getBoundingClientRect();
    if (!block || !window.fetch || !box.width || !box.height || map.hasAttribute('center') || map.hasAttribute('zoom')) return;
    var view;
    try {
      view = JSON.parse(block.textContent);
    } catch (error) {
      return;
    }
    tilesInView(view, box.width, box.height).forEach(function (url) {
      fetch(url, { credentials: 'same-origin' })
        .then(function (response) {
          return response.arrayBuffer();
        })
        .catch(function () {
          // Only a head start: the map asks for every tile itself.
        });
    });
  }

  // The tiles MapLibre covers a width × height view with, centred at [lng, lat, zoom]: 512-pixel vector tiles of the
  // zoom's whole part, within the source's zoom range and bounds.
  function tilesInView(source, width, height) {
    var center = source.center || [];
    var template = source.tiles && source.tiles[0];
    var zoom = center[2];
    if (typeof template !== 'string' || !/^https?:/.test(template) || typeof zoom !== 'number' || Math.floor(zoom) < (source.minzoom || 0)) return [];
    var z = Math.min(Math.floor(zoom), source.maxzoom === undefined ? 22 : source.maxzoom);
    var tilePixels = 512 * Math.pow(2, zoom - z);
    var column = function (lng) {
      return ((lng + 180) / 360) * Math.pow(2, z);
    };
    var row = function (lat) {
      var sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
      return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * Math.pow(2, z);
    };
    var bounds = source.bounds || [-180, -85.05, 180, 85.05];
    var x0 = Math.max(Math.floor(column(center[0]) - width / 2 / tilePixels), Math.floor(column(bounds[0])));
    var x1 = Math.min(Math.floor(column(center[0]) + width / 2 / tilePixels), Math.floor(column(bounds[2])));
    var y0 = Math.max(Math.floor(row(center[1]) - height / 2 / tilePixels), Math.floor(row(bounds[3])));
    var y1 = Math.min(Math.floor(row(center[1]) + height / 2 / tilePixels), Math.floor(row(bounds[1])));
    var urls = [];
    for (var y = y0; y <= y1; y++) {
      for (var x = x0; x <= x1 && urls.length < 24; x++) urls.push(template.replace('{z}', z).replace('{x}', x).replace('{y}', y));
    }
    return urls;
  }
})();
