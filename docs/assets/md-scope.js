// Globals the theme's bundle expects before it loads (storage scoped to the site's base path).
// Loaded from a file, not inline, so that the Content-Security-Policy forbids every inline script.
(function () {
  var script = document.currentScript;
  var scope = new URL(script ? script.getAttribute("data-md-scope") || "." : ".", location);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    var hash = 0;
    for (var i = 0; i < value.length; i++) hash = (hash << 5) - hash + value.charCodeAt(i);
    return hash;
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (err) {
      /* storage full or disabled: the theme works without it */
    }
  };
})();
