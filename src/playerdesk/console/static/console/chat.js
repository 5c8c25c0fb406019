/* The agent's chat panel: waiting chats, several conversations at once, delivery that
   survives a lost connection (docs/chat.md). */
(function () {
  "use strict";
  var S = JSON.parse(document.getElementById("chat-strings").textContent);
  var URL_ = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/chat/agent/";
  var status = document.getElementById("chat-status");
  var waitingList = document.getElementById("chat-waiting");
  var mineList = document.getElementById("chat-mine");
  var panesBox = document.getElementById("chat-panes");
  var ws = null;
  var backoff = 500;
  var panes = {}; // conversation -> {root, log, lastId, seen, pending, lines, typing}
  var canned = []; // the canned answers offered to this agent

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }
  function send(data) {
    if (ws && ws.readyState === 1) { ws.send(JSON.stringify(data)); return true; }
    return false;
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function renderLists(waiting, mine) {
    waitingList.textContent = "";
    if (!waiting.length) { waitingList.appendChild(el("li", { "class": "empty" }, S.none_waiting)); }
    waiting.forEach(function (c) {
      var li = el("li", { "data-testid": "waiting-chat" });
      var accept = el("button", { "type": "button" }, S.accept);
      accept.addEventListener("click", function () { send({ type: "accept", conversation: c.conversation }); });
      li.appendChild(accept);
      var pass = el("button", { "type": "button", "data-testid": "decline" }, S.decline);
      pass.addEventListener("click", function () { send({ type: "decline", conversation: c.conversation }); });
      li.appendChild(pass);
      li.appendChild(el("strong", {}, c.player));
      li.appendChild(el("div", {}, c.brand + " · " + c.language.toUpperCase() + " · " + c.subject));
      waitingList.appendChild(li);
    });
    mineList.textContent = "";
    mine.forEach(function (c) {
      var li = el("li", {});
      if (!panes[c.conversation]) {
        var open = el("button", { "type": "button" }, S.open);
        open.addEventListener("click", function () { send({ type: "join", conversation: c.conversation, after: 0 }); });
        li.appendChild(open);
      }
      li.appendChild(el("strong", {}, c.player));
      li.appendChild(el("div", {}, c.reference + " · " + c.subject));
      mineList.appendChild(li);
    });
  }

  function pane(m) {
    if (panes[m.conversation]) { return panes[m.conversation]; }
    var root = el("section", { "class": "chat-pane", "data-testid": "chat-pane", "aria-label": m.player });
    var head = el("header");
    head.appendChild(el("strong", {}, m.player + " "));
    head.appendChild(el("a", { "href": "/console/tickets/" + m.reference + "/", "target": "_blank" }, m.reference));
    head.appendChild(document.createTextNode(" · "));
    head.appendChild(el("a", { "href": "/console/players/" + m.player_id + "/", "target": "_blank" }, S.history));
    var log = el("ol", { "role": "log", "aria-live": "polite" });
    var typing = el("p", { "class": "typing", "aria-live": "polite" });
    var form = el("form");
    var id = "chat-text-" + m.conversation;
    form.appendChild(el("label", { "for": id, "class": "visually-hidden" }, S.message));
    var text = el("textarea", { "id": id, "rows": "2", "maxlength": "5000", "aria-label": S.message });
    var answers = canned.filter(function (a) {
      return a.language === m.language && (a.brand === null || a.brand === m.brand);
    });
    if (answers.length) {
      var pick = el("select", { "aria-label": S.canned, "data-testid": "canned" });
      pick.appendChild(el("option", { "value": "" }, S.canned));
      answers.forEach(function (a) { pick.appendChild(el("option", { "value": String(a.id) }, a.title)); });
      pick.addEventListener("change", function () {
        var chosen = answers.filter(function (a) { return String(a.id) === pick.value; })[0];
        if (chosen) {
          text.value = (text.value ? text.value + " " : "") + chosen.body.split("{name}").join(m.player);
          text.focus();
        }
        pick.value = "";
      });
      form.appendChild(pick);
    }
    form.appendChild(text);
    form.appendChild(el("button", { "type": "submit", "class": "primary" }, S.send));
    var end = el("button", { "type": "button" }, S.end);
    form.appendChild(end);
    var transfer = el("button", { "type": "button", "data-testid": "transfer" }, S.transfer);
    form.appendChild(transfer);
    var handover = el("div", { "class": "handover", "hidden": "" });
    [head, log, typing, form, handover].forEach(function (n) { root.appendChild(n); });
    panesBox.appendChild(root);
    var p = { root: root, log: log, typing: typing, form: form, handover: handover, reference: m.reference, lastId: 0, seen: {}, pending: [], lines: {} };
    transfer.addEventListener("click", function () { send({ type: "targets", conversation: m.conversation }); });
    panes[m.conversation] = p;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var body = text.value.trim();
      if (!body) { return; }
      var cid = newId();
      p.pending.push({ id: cid, body: body });
      p.lines[cid] = line(p, "agent", body, "…");
      text.value = "";
      send({ type: "message", conversation: m.conversation, client_id: cid, body: body });
    });
    text.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    var last = 0;
    text.addEventListener("input", function () {
      if (Date.now() - last > 2000) { last = Date.now(); send({ type: "typing", conversation: m.conversation }); }
    });
    end.addEventListener("click", function () { send({ type: "end", conversation: m.conversation }); });
    return p;
  }

  function line(p, author, body, who) {
    var li = el("li", { "class": author });
    li.appendChild(el("small", {}, who));
    li.appendChild(document.createTextNode(body));
    p.log.appendChild(li);
    p.log.scrollTop = p.log.scrollHeight;
    return li;
  }

  function showTargets(p, m) {
    var box = p.handover;
    box.textContent = "";
    var choose = el("select", { "aria-label": S.transfer_to, "data-testid": "transfer-to" });
    choose.appendChild(el("option", { "value": "" }, S.transfer_to));
    var agents = el("optgroup", { "label": S.agents });
    m.agents.forEach(function (a) { agents.appendChild(el("option", { "value": "agent:" + a.id }, a.name)); });
    if (m.agents.length) { choose.appendChild(agents); }
    var teams = el("optgroup", { "label": S.teams });
    m.teams.forEach(function (t) { teams.appendChild(el("option", { "value": "team:" + t.id }, t.name)); });
    choose.appendChild(teams);
    var go = el("button", { "type": "button", "class": "primary" }, S.transfer);
    go.addEventListener("click", function () {
      var v = choose.value.split(":");
      if (v.length !== 2) { return; }
      var data = { type: "transfer", conversation: m.conversation };
      data[v[0] === "agent" ? "to_agent" : "to_team"] = Number(v[1]);
      send(data);
    });
    box.appendChild(choose);
    box.appendChild(go);
    box.hidden = false;
    choose.focus();
  }

  function handle(m) {
    var p = m.conversation ? panes[m.conversation] : null;
    if (m.type === "chats") {
      renderLists(m.waiting, m.mine);
    } else if (m.type === "canned") {
      canned = m.answers;
    } else if (m.type === "joined") {
      pane(m);
    } else if (m.type === "message" && p) {
      if (p.seen[m.id]) { return; }
      p.seen[m.id] = true;
      p.lastId = Math.max(p.lastId, m.id);
      if (m.author === "agent" && p.lines[m.client_id]) {
        p.lines[m.client_id].firstChild.textContent = m.name;
        return;
      }
      var who = m.author === "player" ? S.player : (m.author === "note" ? S.note : m.name);
      var files = m.attachments || [];
      var li = line(p, m.author, files.length ? "" : m.body, who);
      files.forEach(function (a) {
        li.appendChild(el("a", { "href": "/console/tickets/" + p.reference + "/attachments/" + a.id + "/", "target": "_blank", "data-testid": "chat-file" }, S.file + ": " + a.name));
      });
      if (m.author === "player") { p.typing.textContent = ""; send({ type: "read", conversation: m.conversation, id: m.id }); }
    } else if (m.type === "ack" && p) {
      p.pending = p.pending.filter(function (x) { return x.id !== m.client_id; });
    } else if (m.type === "typing" && p) {
      p.typing.textContent = S.typing;
      clearTimeout(p.timer);
      p.timer = setTimeout(function () { p.typing.textContent = ""; }, 4000);
    } else if (m.type === "read" && p) {
      p.typing.textContent = S.read;
    } else if (m.type === "targets" && p) {
      showTargets(p, m);
    } else if (m.type === "state" && p && (m.state === "ended" || m.state === "transferred")) {
      p.root.classList.add("ended");
      p.handover.hidden = true;
      p.form.replaceWith(el("p", { "class": "typing" }, m.state === "ended" ? S.ended : S.transferred));
    } else if (m.type === "error") {
      status.textContent = m.message;
    }
  }

  function connect() {
    ws = new WebSocket(URL_);
    ws.onopen = function () {
      backoff = 500;
      status.textContent = "";
      Object.keys(panes).forEach(function (c) {
        var p = panes[c];
        send({ type: "join", conversation: Number(c), after: p.lastId });
        p.pending.forEach(function (x) { send({ type: "message", conversation: Number(c), client_id: x.id, body: x.body }); });
      });
    };
    ws.onmessage = function (e) { handle(JSON.parse(e.data)); };
    ws.onclose = function (e) {
      ws = null;
      if (e.code === 4401) { return; }
      status.textContent = S.reconnecting;
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 10000);
    };
  }
  connect();
})();
