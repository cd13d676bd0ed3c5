/* Swapping a server-rendered fragment into a live region of the page (live-figures.js,
   live-maturity.js) without disturbing the person using it (RGAA 7.3, 7.5):
   - the new HTML is merged into the page node by node: an element whose tag and id
     are unchanged stays the same element, only its text and attributes change, so
     keyboard focus and anything typed or chosen in it stay where they are;
   - where an element had to be replaced anyway, focus goes to its equivalent in the
     new content (same id, same data-focus-key, same name and value, same link) and
     controls the person changed without submitting get their value back;
   - changes are announced through the page's one polite region (#live-status), once
     per burst: the changes that follow within QUIET_MS of each other say nothing new. */
(function () {
  "use strict";
  var QUIET_MS = 2000;
  var burstTimer = null;
  var burstMessages = [];
  var pending = [];
  var changed = false;

  /* ---- what identifies an element across two renderings ---- */
  function keyOf(element) {
    if (element.id) { return "#" + element.id; }
    if (element.dataset && element.dataset.focusKey) { return "k:" + element.dataset.focusKey; }
    if (element.name) {
      var value = element.type === "checkbox" || element.type === "radio" ? element.value : "";
      return "n:" + element.tagName + ":" + element.name + ":" + value;
    }
    if (element.tagName === "A" && element.getAttribute("href")) {
      return "a:" + element.getAttribute("href") + ":" + element.textContent.trim();
    }
    return null;
  }

  function find(box, key) {
    var candidates = box.querySelectorAll("[id], [data-focus-key], [name], a[href]");
    for (var i = 0; i < candidates.length; i += 1) {
      if (keyOf(candidates[i]) === key) { return candidates[i]; }
    }
    return null;
  }

  /* the path of child positions from the box down to the element: the last resort
     for an element without a key (a scrollable table's focusable wrapper) */
  function pathOf(box, element) {
    var path = [];
    while (element && element !== box) {
      path.unshift(Array.prototype.indexOf.call(element.parentNode.children, element));
      element = element.parentNode;
    }
    return path;
  }

  function atPath(box, path, tagName) {
    var element = box;
    for (var i = 0; i < path.length && element; i += 1) { element = element.children[path[i]]; }
    return element && element.tagName === tagName ? element : null;
  }

  /* ---- unsubmitted form state ---- */
  function isChanged(control) {
    if (control.type === "checkbox" || control.type === "radio") {
      return control.checked !== control.defaultChecked;
    }
    if (control.tagName === "SELECT") {
      var options = Array.prototype.slice.call(control.options);
      var defaults = options.filter(function (option) { return option.defaultSelected; });
      /* a single select without a selected attribute shows its first option */
      if (!defaults.length && !control.multiple && options.length) { defaults = [options[0]]; }
      return options.some(function (option) {
        return option.selected !== (defaults.indexOf(option) !== -1);
      });
    }
    if (control.type === "hidden" || control.type === "file") { return false; }
    return control.value !== control.defaultValue;
  }

  function stateOf(control) {
    if (control.type === "checkbox" || control.type === "radio") { return control.checked; }
    if (control.tagName === "SELECT") {
      return Array.prototype.filter.call(control.options, function (option) {
        return option.selected;
      }).map(function (option) { return option.value; });
    }
    return control.value;
  }

  function restore(control, state) {
    if (control.type === "checkbox" || control.type === "radio") {
      control.checked = state;
    } else if (control.tagName === "SELECT") {
      Array.prototype.forEach.call(control.options, function (option) {
        option.selected = state.indexOf(option.value) !== -1;
      });
    } else {
      control.value = state;
    }
  }

  function unsubmitted(box) {
    var kept = [];
    box.querySelectorAll("input, select, textarea").forEach(function (control) {
      var key = keyOf(control);
      if (key && isChanged(control)) {
        kept.push({ key: key, element: control, state: stateOf(control) });
      }
    });
    return kept;
  }

  /* ---- merging the new rendering into the page ---- */
  function sameNode(current, next) {
    return current.nodeType === next.nodeType && current.nodeName === next.nodeName &&
      (current.nodeType !== 1 || current.id === next.id);
  }

  function mergeAttributes(current, next) {
    var i;
    for (i = current.attributes.length - 1; i >= 0; i -= 1) {
      if (!next.hasAttribute(current.attributes[i].name)) {
        current.removeAttribute(current.attributes[i].name);
        changed = true;
      }
    }
    for (i = 0; i < next.attributes.length; i += 1) {
      var attribute = next.attributes[i];
      if (current.getAttribute(attribute.name) !== attribute.value) {
        current.setAttribute(attribute.name, attribute.value);
        changed = true;
      }
    }
  }

  /* line breaks and indentation between tags: they differ between the page and the
     fragment (the include's surroundings) and must not shift the other nodes */
  function significant(node) {
    return !(node.nodeType === 3 && /^\s*$/.test(node.nodeValue) && node.nodeValue.indexOf("\n") !== -1) &&
      node.nodeType !== 8;
  }

  function mergeChildren(current, next) {
    var currentNodes = Array.prototype.filter.call(current.childNodes, significant);
    var nextNodes = Array.prototype.filter.call(next.childNodes, significant);
    nextNodes.forEach(function (node, index) {
      var old = currentNodes[index];
      if (!old) {
        current.appendChild(node);
        changed = true;
      } else if (!sameNode(old, node)) {
        current.replaceChild(node, old);
        changed = true;
      } else if (node.nodeType === 1) {
        mergeAttributes(old, node);
        mergeChildren(old, node);
      } else if (old.nodeValue !== node.nodeValue) {
        old.nodeValue = node.nodeValue;
        changed = true;
      }
    });
    for (var i = nextNodes.length; i < currentNodes.length; i += 1) {
      current.removeChild(currentNodes[i]);
      changed = true;
    }
  }

  /* Put html into box; returns false when nothing changed. */
  function swap(box, html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var focused = box.contains(document.activeElement) ? document.activeElement : null;
    var focusKey = focused && keyOf(focused);
    var focusPath = focused && pathOf(box, focused);
    var kept = unsubmitted(box);

    changed = false;
    mergeChildren(box, template.content);
    if (!changed) { return false; }

    /* a control merged in place kept its value; a new one gets it back */
    kept.forEach(function (item) {
      var control = find(box, item.key);
      if (control && control !== item.element) { restore(control, item.state); }
    });
    if (focused && !box.contains(focused)) {
      var target = (focusKey && find(box, focusKey)) || atPath(box, focusPath, focused.tagName);
      if (target) { target.focus({ preventScroll: true }); }
    }
    return true;
  }

  /* ---- one polite announcement per burst ---- */
  function announce(message) {
    var region = document.getElementById("live-status");
    if (!region || !message) { return; }
    if (burstTimer === null) {
      /* the first change of a burst is announced at once */
      region.textContent = message;
      burstMessages = [message];
    } else if (burstMessages.indexOf(message) === -1 && pending.indexOf(message) === -1) {
      /* another kind of change in the same burst: said once, when the burst ends */
      pending.push(message);
    }
    window.clearTimeout(burstTimer);
    burstTimer = window.setTimeout(endBurst, QUIET_MS);
  }

  function endBurst() {
    var region = document.getElementById("live-status");
    if (pending.length) {
      region.textContent = pending.join(" ");
      burstMessages = pending;
      pending = [];
      burstTimer = window.setTimeout(endBurst, QUIET_MS);
      return;
    }
    burstTimer = null;
    burstMessages = [];
    /* emptied in silence, so that the next burst's message is read even if the same */
    region.textContent = "";
  }

  window.TrajectoiresLive = { swap: swap, announce: announce };
})();
