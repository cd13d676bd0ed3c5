/* The visitor study's kiosk (docs/adr/0016-visitor-study.md).
 *
 * The token comes once in the start link's fragment (#jeton=…) and stays in the device's
 * storage. Each visitor's answers are put in an IndexedDB queue with an id made here
 * (crypto.randomUUID); the queue is sent in batches to the entries API, and an entry
 * leaves the queue only when the server has answered for it (stored, duplicate or
 * invalid): a batch sent twice is stored once, nothing is lost offline.
 * After the last question, the visitor may leave an e-mail to be contacted about the
 * study: it is queued as its own item (type "contact", its own id, only the day), sent
 * in the same batches under "contacts", and tied to no answer. */
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  var TOKEN_KEY = "trajectoires-kiosk-token";
  var CONFIG_KEY = "trajectoires-kiosk-config";
  var BATCH = 100;
  var IDLE_MS = 90000;
  var THANKS_MS = 2500;
  var config = null;
  var answers = null;
  var stepIndex = 0;
  var steps = [];
  var idleTimer = null;
  var sending = false;
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  var refused = false;

  function t(name, values) {
    var text = root.getAttribute("data-t-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace("%(" + key + ")s", values[key]);
    });
    return text;
  }

  // --- token -------------------------------------------------------------------------
  var match = /[#&]jeton=([A-Za-z0-9_\-]+)/.exec(window.location.hash);
  if (match) {
    localStorage.setItem(TOKEN_KEY, match[1]);
    localStorage.removeItem(CONFIG_KEY);
    history.replaceState(null, "", window.location.pathname);
  }
  var token = localStorage.getItem(TOKEN_KEY);

  // --- the queue (IndexedDB) ------------------------------------------------------------
  var dbPromise = new Promise(function (resolve, reject) {
    var request = indexedDB.open("trajectoires-kiosk", 1);
    request.onupgradeneeded = function () { request.result.createObjectStore("queue", { keyPath: "id" }); };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
  function store(mode) {
    return dbPromise.then(function (db) { return db.transaction("queue", mode).objectStore("queue"); });
  }
  function asPromise(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function queued() { return store("readonly").then(function (s) { return asPromise(s.getAll()); }); }
  function enqueue(entry) { return store("readwrite").then(function (s) { return asPromise(s.put(entry)); }); }
  function dequeue(ids) {
    return store("readwrite").then(function (s) {
      return Promise.all(ids.map(function (id) { return asPromise(s.delete(id)); }));
    });
  }

  function showQueue() {
    return queued().then(function (items) {
      var n = items.length;
      var text = n === 0 ? t("queue-0") : n === 1 ? t("queue-1") : t("queue-n", { n: n });
      var node = document.getElementById("kiosk-queue");
      node.textContent = text;
      node.setAttribute("data-waiting", String(n));
    });
  }
  function showNetwork() {
    document.getElementById("kiosk-net").textContent = navigator.onLine ? t("online") : t("offline");
  }
  function refuse(message) {
    refused = true;
    var node = document.getElementById("kiosk-refused");
    node.textContent = message;
    node.hidden = false;
    document.getElementById("kiosk-main").hidden = true;
  }

  // --- sending -------------------------------------------------------------------------
  function flush() {
    if (sending || refused || !token) { return Promise.resolve(); }
    sending = true;
    return queued().then(function sendSome(items) {
      if (!items.length) { return null; }
      var batch = items.slice(0, BATCH);
      var body = {
        entries: batch.filter(function (item) { return item.type !== "contact"; }),
        contacts: batch.filter(function (item) { return item.type === "contact"; })
      };
      return fetch(root.getAttribute("data-entries-url"), {
        method: "POST",
        headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
        body: JSON.stringify(body),
        credentials: "omit"
      }).then(function (response) {
        return response.json().then(function (body) {
          if (response.status === 401 || response.status === 403) { refuse(body.error); return null; }
          if (!response.ok) { return null; }
          var done = body.results.concat(body.contacts || []).map(function (r) { return r.id; }).filter(Boolean);
          return dequeue(done).then(showQueue).then(function () {
            return items.length > batch.length ? queued().then(sendSome) : null;
          });
        });
      });
    }).catch(function () { /* offline: the queue waits */ }).then(function () {
      sending = false;
      return showQueue();
    });
  }

  // --- the questionnaire ---------------------------------------------------------------
  function section(name) { return root.querySelector('[data-step="' + name + '"]'); }

  function button(value, label, multi) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "kiosk__button";
    b.setAttribute("data-value", value);
    b.textContent = label;
    if (multi) { b.setAttribute("aria-pressed", "false"); }
    return b;
  }

  function build() {
    var q = config.questionnaire;
    document.getElementById("kiosk-event").textContent = config.event.name;
    document.getElementById("kiosk-notice").textContent = q.notice;
    document.getElementById("kiosk-retention").textContent = q.retention;
    if (config.contact) {
      document.getElementById("kiosk-contact-consent").textContent = config.contact.consent_text;
      document.getElementById("kiosk-contact-lead").textContent = t("contact-lead", { partner: config.contact.partner });
    }
    var lists = {
      age_bands: q.age_bands, residences: q.residences, heard_of: q.heard_of,
      companions: q.companions, satisfaction: q.satisfaction,
      motivations: q.motivations, activities: q.activities
    };
    root.querySelectorAll("[data-single], [data-multi]").forEach(function (node) {
      var old = node.querySelector(".kiosk__choices");
      if (old) { old.remove(); }
      var multi = node.hasAttribute("data-multi");
      var name = node.getAttribute(multi ? "data-multi" : "data-single");
      var group = document.createElement("div");
      group.className = "kiosk__choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", node.querySelector("h1").id);
      var template = node.querySelector("template[data-choices]");
      if (template) {
        template.content.querySelectorAll("button").forEach(function (b) {
          group.appendChild(button(b.getAttribute("data-value"), b.textContent, false));
        });
      } else {
        (lists[name] || []).forEach(function (item) {
          group.appendChild(button(String(item[0]), item[1], multi));
        });
      }
      var free = node.querySelector(".kiosk__free");
      node.insertBefore(group, free || null);
    });
    steps = ["age_band", "residence", "first_visit", "heard_of", "motivations", "activities", "companions"];
    if (q.exit_question) { steps.push("satisfaction", "would_return"); }
  }

  function show(name) {
    root.querySelectorAll(".kiosk__step").forEach(function (node) { node.hidden = true; });
    var node = section(name);
    node.hidden = false;
    var inQuestions = steps.indexOf(name) >= 0;
    var nav = document.getElementById("kiosk-nav");
    nav.hidden = !inQuestions;
    if (inQuestions) {
      var multi = node.hasAttribute("data-multi");
      document.getElementById("kiosk-next").hidden = !multi;
      document.getElementById("kiosk-skip").hidden = multi;
      document.getElementById("kiosk-progress").textContent =
        t("step", { n: steps.indexOf(name) + 1, total: steps.length });
    }
    node.querySelector("h1").focus();
  }

  function reset() {
    answers = null;
    stepIndex = 0;
    root.querySelectorAll("[aria-pressed]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    document.getElementById("kiosk-motivation-text").value = "";
    clearContact();
    if (config) { show("consent"); }
  }

  function onContactStep() { return !section("contact").hidden; }

  function touch() {
    clearTimeout(idleTimer);
    // a visitor who walks away during the questions leaves nothing; on the contact
    // screen the answers are complete: they are kept, without any address
    if (answers) { idleTimer = setTimeout(function () { if (onContactStep()) { finish(null); } else { reset(); } }, IDLE_MS); }
  }

  function next() {
    stepIndex += 1;
    if (stepIndex < steps.length) { show(steps[stepIndex]); return; }
    if (config.contact) { show("contact"); return; }
    finish(null);
  }

  function localDay(date) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function clearContact() {
    document.getElementById("kiosk-contact-email").value = "";
    document.getElementById("kiosk-contact-name").value = "";
    var error = document.getElementById("kiosk-contact-error");
    error.textContent = "";
    error.hidden = true;
    document.getElementById("kiosk-contact-email").removeAttribute("aria-invalid");
  }

  function contactRequest() {
    var input = document.getElementById("kiosk-contact-email");
    var email = input.value.trim();
    if (email.length > 254 || !EMAIL.test(email)) {
      var error = document.getElementById("kiosk-contact-error");
      error.textContent = t("invalid-email");
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return null;
    }
    return {
      id: newId(), type: "contact", consent: true, day: localDay(new Date()), email: email,
      first_name: document.getElementById("kiosk-contact-name").value.trim().slice(0, 80)
    };
  }

  function finish(contact) {
    var entry = answers;
    entry.motivation_text = document.getElementById("kiosk-motivation-text").value.slice(0, 300);
    answers = null;
    clearTimeout(idleTimer);
    var saved = enqueue(entry);
    if (contact) { saved = saved.then(function () { return enqueue(contact); }); }
    saved.then(showQueue).then(flush);
    clearContact();
    show("thanks");
    setTimeout(reset, THANKS_MS);
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  root.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target || !config) { return; }
    touch();
    var action = target.getAttribute("data-action");
    if (action === "consent") {
      answers = { id: newId(), consent: true, arrived_at: new Date().toISOString(), motivations: [], activities: [] };
      stepIndex = 0;
      touch();
      show(steps[0]);
      return;
    }
    if (action === "decline" || action === "restart") { reset(); return; }
    if (!answers) { return; }
    if (action === "next" || action === "skip") { next(); return; }
    if (action === "contact-skip") { finish(null); return; }
    if (action === "contact-send") {
      var contact = contactRequest();
      if (contact) { finish(contact); }
      return;
    }
    var step = target.closest(".kiosk__step");
    if (!step || !target.hasAttribute("data-value")) { return; }
    var name = step.getAttribute("data-step");
    var value = target.getAttribute("data-value");
    if (step.hasAttribute("data-multi")) {
      var list = answers[name];
      var at = list.indexOf(value);
      if (at >= 0) { list.splice(at, 1); } else { list.push(value); }
      target.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
      return;
    }
    answers[name] = name === "first_visit" || name === "would_return" ? value === "true"
      : name === "satisfaction" ? parseInt(value, 10) : value;
    next();
  });
  root.addEventListener("input", touch);

  // --- start ---------------------------------------------------------------------------
  function start(loaded) {
    config = loaded;
    build();
    reset();
  }

  function loadConfig() {
    if (!token) { refuse(t("not-enrolled")); return; }
    fetch(root.getAttribute("data-config-url"), {
      headers: { "Authorization": "Bearer " + token }, credentials: "omit", cache: "no-store"
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.status === 401 || response.status === 403) { refuse(body.error); return; }
        if (!response.ok) { throw new Error("config"); }
        localStorage.setItem(CONFIG_KEY, JSON.stringify(body));
        if (!config) { start(body); }
      });
    }).catch(function () {
      var cached = localStorage.getItem(CONFIG_KEY);
      if (cached && !config) { start(JSON.parse(cached)); }
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.getAttribute("data-sw-url"), { scope: "/kiosque/" }).catch(function () {});
  }
  var cached = localStorage.getItem(CONFIG_KEY);
  if (cached && token) { start(JSON.parse(cached)); }
  loadConfig();
  showNetwork();
  showQueue().then(flush);
  window.addEventListener("online", function () { showNetwork(); flush(); });
  window.addEventListener("offline", showNetwork);
  setInterval(flush, 15000);
})();
