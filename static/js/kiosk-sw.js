/* The kiosk's service worker (served by study.views.kiosk.service_worker, scope
 * /kiosque/): keeps the kiosk's page, script and style so that the kiosk opens and takes
 * entries without network. The API is never cached here: the page keeps the last
 * configuration itself and queues the entries in IndexedDB. */
var CACHE = "trajectoires-kiosk-__SHELL_VERSION__";
var SHELL = "/kiosque/";
var ASSETS = __ASSETS__;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll([SHELL].concat(ASSETS));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("trajectoires-kiosk-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.pathname.indexOf("/kiosque/api/") === 0) { return; }
  if (request.mode === "navigate" && url.pathname === SHELL) {
    // the page from the network when there is one (a new version), else the kept one
    event.respondWith(fetch(request).then(function (response) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(SHELL, copy); });
      return response;
    }).catch(function () { return caches.match(SHELL); }));
    return;
  }
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname).then(function (hit) { return hit || fetch(request); }));
  }
});
