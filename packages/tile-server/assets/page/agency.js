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
})();
