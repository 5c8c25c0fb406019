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
    ws.onmessage = function (e) {
      var data = {};
      try { data = JSON.parse(e.data); } catch (err) { /* not ours */ }
      var sla = document.getElementById("sla-notice");
      if (data.type === "sla.notice" && sla && data.breached_count > 0) {
        sla.textContent = sla.getAttribute("data-template")
          .replace("%(count)s", data.breached_count)
          .replace("%(refs)s", data.breached.join(", "));
        sla.hidden = false;
      }
      notice.hidden = false;
    };
    ws.onclose = function (e) {
      if (e.code === 4401) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();

// Countdowns to the next response target: live, in the agent's language, from the server's
// clock (data-now) so a wrong clock on the agent's machine does not matter.
(function () {
  "use strict";
  var table = document.querySelector("table.queue[data-in]");
  if (!table) return;
  var units = (table.getAttribute("data-units") || "d,h,min").split(",");
  var skew = Date.now() - Date.parse(table.getAttribute("data-now"));
  function format(ms) {
    var m = Math.round(Math.abs(ms) / 60000);
    var d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), min = m % 60;
    var parts = [];
    if (d) parts.push(d + " " + units[0]);
    if (h) parts.push(h + " " + units[1]);
    if (!d && (min || !h)) parts.push(min + " " + units[2]);
    return parts.join(" ");
  }
  function tick() {
    var now = Date.now() - skew;
    var clocks = table.querySelectorAll("time.countdown");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var left = Date.parse(el.getAttribute("datetime")) - now;
      var pattern = table.getAttribute(left >= 0 ? "data-in" : "data-late");
      el.textContent = pattern.replace("%(time)s", format(left));
      el.classList.toggle("late", left < 0);
    }
  }
  tick();
  setInterval(tick, 30000);
})();
