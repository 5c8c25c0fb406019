// The console's live connection: tell the agent when something changed in their brands.
(function () {
  "use strict";
  var notice = document.getElementById("live");
  if (!notice || !window.WebSocket) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var delay = 1000;
  function connect() {
    var ws = new WebSocket(scheme + location.host + "/ws/console/");
    ws.onopen = function () { delay = 1000; };
    ws.onmessage = function () { notice.hidden = false; };
    ws.onclose = function (e) {
      if (e.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
