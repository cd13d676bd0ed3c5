/* Trust-circle and ERIC maps: Leaflet over the tile server of the settings.
 *
 * Progressive enhancement: the list or table beside the map is the source of truth.
 * Without JavaScript, without Leaflet or without tiles, the map stays hidden or empty
 * and the page still says everything. No inline script or style (CSP): the data come
 * from the container's data-* attributes and the page's own GeoJSON endpoint.
 */
(function () {
  "use strict";

  var CIRCLE_CLASSES = { core: "core", close: "close", extended: "extended", eric: "eric" };
  var RADIUS = { eric: 10, core: 9, close: 7, extended: 6 };

  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  }

  function popupFor(properties) {
    var box = document.createElement("div");
    if (properties.url) {
      var link = text("a", properties.name);
      link.href = properties.url;
      var title = document.createElement("strong");
      title.appendChild(link);
      box.appendChild(title);
    } else {
      box.appendChild(text("strong", properties.name));
    }
    var details = [properties.circle_label, properties.relation_label, properties.town || properties.address]
      .filter(function (value) { return value; })
      .join(" · ");
    if (details) box.appendChild(text("p", details));
    if (properties.description) box.appendChild(text("p", properties.description));
    return box;
  }

  function draw(container) {
    if (!window.L) return;
    container.hidden = false;
    var map = window.L.map(container, { scrollWheelZoom: false });
    window.L.tileLayer(container.dataset.tileUrl, {
      maxZoom: 18,
      attribution: container.dataset.attribution || ""
    }).addTo(map);
    map.setView([43.7, 6.0], 7);

    fetch(container.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) {
        var layer = window.L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var kind = feature.properties.kind === "eric" ? "eric" : feature.properties.circle;
            return window.L.circleMarker(latlng, {
              radius: RADIUS[kind] || 6,
              className: "map-marker map-marker--" + (CIRCLE_CLASSES[kind] || "extended")
            });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupFor(feature.properties));
            marker.bindTooltip(feature.properties.name);
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
      })
      .catch(function () {
        container.classList.add("map--failed");
      });
  }

  function start() {
    var containers = document.querySelectorAll("[data-map]");
    for (var i = 0; i < containers.length; i++) draw(containers[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
