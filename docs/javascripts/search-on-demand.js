// Fetch the search index when the reader reaches for search, not on every first visit.
//
// Material for MkDocs requests search/search_index.json (about 300 KB, a third of a chapter's
// weight) with XMLHttpRequest as soon as a page loads. This script, loaded before Material's,
// holds that one request back until the search box gets the focus (a click or tap on it or on
// the search icon, or the "/", "s" and "f" keys, which focus it), then sends it unchanged. A page
// opened from a search result (?h=...) needs the index at once to highlight the terms.
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]h=/.test(window.location.search);

  function release() {
    wanted = true;
    held.splice(0).forEach(function (call) {
      send.apply(call.request, call.args);
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.nnbookUrl = new URL(String(url), document.baseURI).pathname;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!wanted && INDEX.test(this.nnbookUrl || "")) {
      held.push({ request: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) {
      release();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) {
      release();
    }
  });
})();
