/* Trust-circle and ERIC maps: Leaflet over the tile server of the settings.
 *
 * Progressive enhancement: the list or table beside the map is the source of truth.
 * Without JavaScript, without Leaflet or without tiles, the map stays hidden or empty
 * and the page still says everything. No inline script or style (CSP): the data come
 * from the container's data-* attributes and the page's own GeoJSON endpoint; the words
 * (controls, close button) from the page's #map-strings JSON block, in its language.
 *
 * User-written text (names, descriptions) enters the DOM only through textContent:
 * Leaflet's bindTooltip/bindPopup write a *string* as HTML, so they get DOM nodes.
 *
 * Keyboard (RGAA 7.1, 7.3): each marker is a button named after its entry and circle;
 * Enter or Space opens its popup and moves the focus into it, so the popup comes right
 * after its marker; Escape or the close button closes it and gives the focus back.
 */
(function () {
  "use strict";

  var CIRCLE_CLASSES = { core: "core", close: "close", extended: "extended", eric: "eric" };
  var RADIUS = { eric: 10, core: 9, close: 7, extended: 6 };

  function readStrings() {
    var block = document.getElementById("map-strings");
    try {
      return block ? JSON.parse(block.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function markerName(properties) {
    return [properties.name, properties.circle_label]
      .filter(function (value) { return value; })
      .join(" — ");
  }

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

  // Focusable, named SVG circle that opens its popup with Enter or Space.
  function makeAccessible(marker, name, state) {
    var element = marker.getElement();
    if (!element) return;
    element.setAttribute("tabindex", "0");
    element.setAttribute("role", "button");
    element.setAttribute("aria-label", name);
    element.setAttribute("aria-haspopup", "dialog");
    element.setAttribute("aria-expanded", "false");
    element.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault(); // Space would scroll the page
      event.stopPropagation();
      marker.openPopup();
    });
    marker.on("popupopen", function (event) {
      state.open = marker;
      element.setAttribute("aria-expanded", "true");
      var popup = event.popup.getElement();
      popup.setAttribute("role", "dialog");
      popup.setAttribute("aria-label", name);
      var close = popup.querySelector(".leaflet-popup-close-button");
      if (close && state.strings.closePopup) close.setAttribute("aria-label", state.strings.closePopup);
      var content = popup.querySelector(".leaflet-popup-content");
      if (content && document.activeElement === element) {
        content.setAttribute("tabindex", "-1");
        content.focus({ preventScroll: true });
      }
    });
    marker.on("popupclose", function () {
      element.setAttribute("aria-expanded", "false");
      if (state.open === marker) state.open = null;
    });
  }

  // Escape, or the close button (by click, Enter or Space), closes the open popup and
  // the focus goes back to its marker. Capture phase: Leaflet stops the close button's
  // click before it bubbles.
  function listenForClosing(container, map, state) {
    function closeAndReturn(event) {
      var marker = state.open;
      if (!marker) return;
      event.preventDefault();
      event.stopPropagation();
      map.closePopup();
      marker.getElement().focus({ preventScroll: true });
    }
    container.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        closeAndReturn(event);
      } else if (event.key === " " && event.target.closest(".leaflet-popup-close-button")) {
        closeAndReturn(event);
      }
    }, true);
    container.addEventListener("click", function (event) {
      if (event.target.closest(".leaflet-popup-close-button")) closeAndReturn(event);
    }, true);
  }

  function draw(container, strings) {
    if (!window.L) return;
    container.hidden = false;
    var state = { open: null, strings: strings };
    var map = window.L.map(container, { scrollWheelZoom: false, zoomControl: false });
    window.L.control.zoom({
      zoomInTitle: strings.zoomIn || "+",
      zoomOutTitle: strings.zoomOut || "−"
    }).addTo(map);
    // Leaflet's own prefix carries an English title; the name alone needs no translation.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
    listenForClosing(container, map, state);
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
            // A DOM node, never a string: Leaflet writes a string content as HTML.
            marker.bindTooltip(text("span", feature.properties.name || ""));
            marker.once("add", function () {
              makeAccessible(marker, markerName(feature.properties), state);
            });
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
    var strings = readStrings();
    for (var i = 0; i < containers.length; i++) draw(containers[i], strings);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
