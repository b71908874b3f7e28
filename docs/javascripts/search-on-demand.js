// Fetch search when the reader reaches for it, not on every first visit.
//
// Material for MkDocs requests search/search_index.json (about 300 KB, a third of a chapter's
// weight) with XMLHttpRequest, and starts its search worker (40 KB), as soon as a page loads.
// This script, loaded before Material's, holds both back until the search box gets the focus
// (a click or tap on it or on the search icon, or the "/", "s" and "f" keys, which focus it):
// the request is then sent unchanged, and the worker started with the messages it was sent
// meanwhile. A page opened from a search result (?h=...) needs the index at once to highlight.
// The index holds the English and the Korean pages (ko/...): the worker is given those of the
// page's language only, so results stay in the reader's language.
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]h=/.test(window.location.search);

  var waiting = []; // workers asked for before search was wanted

  function release() {
    wanted = true;
    held.splice(0).forEach(function (call) {
      send.apply(call.request, call.args);
    });
    waiting.splice(0).forEach(function (lazy) {
      lazy.start();
    });
  }

  // Material's first message to its worker (type 0, "setup") carries the index.
  function inLanguage(message) {
    var docs = message && message.type === 0 && message.data && message.data.docs;
    if (!Array.isArray(docs)) return message;
    var korean = document.documentElement.lang === "ko";
    var kept = docs.filter(function (doc) {
      return /^ko\//.test(doc.location) === korean;
    });
    var data = Object.assign({}, message.data, { docs: kept });
    return Object.assign({}, message, { data: data });
  }

  // Material only posts messages to its worker and listens to its "message" events.
  var RealWorker = window.Worker;
  function LazyWorker(url, options) {
    var target = new EventTarget();
    var queue = [];
    var worker = null;
    target.postMessage = function (message) {
      message = inLanguage(message);
      if (worker) worker.postMessage(message);
      else queue.push(message);
    };
    target.terminate = function () {
      if (worker) worker.terminate();
    };
    target.start = function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      queue.splice(0).forEach(function (message) {
        worker.postMessage(message);
      });
    };
    if (wanted) target.start();
    else waiting.push(target);
    return target;
  }
  window.Worker = function (url, options) {
    return /\/workers\/search\.\w+\.min\.js$/.test(String(url))
      ? LazyWorker(url, options)
      : new RealWorker(url, options);
  };

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
