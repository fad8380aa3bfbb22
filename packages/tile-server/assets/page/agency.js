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
  // after this script. The server's page says where the map opens, in the grid of the safety tiles (a static folder's
  // page does not: its archives are read by range requests), so the tiles covering the map's box there are asked for
  // here, beside the widget's script. They are immutable, and MapLibre's own requests for them are answered from the
  // browser's cache. Only the safety tiles: the sprite and basemap tiles, asked for too, delayed the script as much as
  // they saved.
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
    var halfWidth = box.width / 2 / view.tilePixels;
    var halfHeight = box.height / 2 / view.tilePixels;
    var west = Math.max(Math.floor(view.x - halfWidth), view.range[0]);
    var east = Math.min(Math.floor(view.x + halfWidth), view.range[2]);
    var north = Math.max(Math.floor(view.y - halfHeight), view.range[1]);
    var south = Math.min(Math.floor(view.y + halfHeight), view.range[3]);
    var fetched = 0;
    for (var y = north; y <= south && fetched < 24; y++) {
      for (var x = west; x <= east && fetched < 24; x++, fetched++) {
        fetch(view.tiles.replace('{z}', view.z).replace('{x}', x).replace('{y}', y), { credentials: 'same-origin' })
          .then(function (response) {
            return response.arrayBuffer();
          })
          .catch(function () {
            // Only a head start: the map asks for every tile itself.
          });
      }
    }
  }
})();
