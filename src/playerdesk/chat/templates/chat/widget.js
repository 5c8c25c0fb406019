/* playerdesk live chat widget for {{ brand.name|escapejs }}. Dependency-free.
   Embed: <script src="https://DESK/p/{{ brand.slug|escapejs }}/chat.js" data-token="MEMBER-AREA TOKEN" async></script>
   (data-token only in the member area). The language is the page's <html lang>. */
(function () {
  "use strict";
  var STRINGS = {{ strings|safe }};
  var BRAND = "{{ brand.slug|escapejs }}";
  var script = document.currentScript;
  if (!script || window.playerdeskChat) { return; }
  var ORIGIN = new URL(script.src, location.href).origin;
  var SOCKET = ORIGIN.replace(/^http/, "ws") + "/ws/widget/" + BRAND + "/";
  var TOKEN = script.getAttribute("data-token") || "";
  var LANG = (document.documentElement.lang || "en").slice(0, 2).toLowerCase() === "fr" ? "fr" : "en";
  var T = STRINGS[LANG];
  var KEY = "playerdesk-chat-" + BRAND;

  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, k) { return String(values[k]); });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  var style = el("style");
  style.textContent =
    ".pd-chat{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:15px/1.4 system-ui,sans-serif;color:#1d2330}" +
    ".pd-chat button{font:inherit;cursor:pointer}" +
    ".pd-open{background:#1f4fd1;color:#fff;border:0;border-radius:24px;padding:10px 18px;box-shadow:0 2px 8px rgba(0,0,0,.25)}" +
    ".pd-panel{width:340px;max-width:calc(100vw - 32px);height:480px;max-height:calc(100vh - 32px);background:#fff;border-radius:10px;box-shadow:0 4px 20px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}" +
    ".pd-panel[hidden]{display:none}" +
    ".pd-head{display:flex;align-items:center;background:#1f4fd1;color:#fff;padding:8px 12px}" +
    ".pd-head h2{font-size:16px;margin:0;flex:1}" +
    ".pd-head button{background:none;border:0;color:#fff;font-size:20px}" +
    ".pd-status{margin:0;padding:6px 12px;background:#eef2fb;font-size:13px}" +
    ".pd-status:empty{display:none}" +
    ".pd-log{list-style:none;margin:0;padding:8px 12px;flex:1;overflow-y:auto}" +
    ".pd-log li{margin:6px 0;max-width:85%;padding:6px 10px;border-radius:8px;white-space:pre-wrap;word-wrap:break-word}" +
    ".pd-log li.pd-player{margin-left:auto;background:#1f4fd1;color:#fff}" +
    ".pd-log li.pd-agent{background:#eef0f3}" +
    ".pd-log li small{display:block;font-size:11px;opacity:.8}" +
    ".pd-typing{margin:0 12px;font-size:12px;color:#5b6373;min-height:16px}" +
    ".pd-form{display:flex;flex-direction:column;gap:6px;padding:8px 12px;border-top:1px solid #e3e6eb}" +
    ".pd-form[hidden]{display:none}" +
    ".pd-form label{font-size:12px;color:#5b6373}" +
    ".pd-form input,.pd-form textarea{font:inherit;padding:6px;border:1px solid #b9bfca;border-radius:6px}" +
    ".pd-row{display:flex;gap:6px}.pd-row textarea{flex:1}" +
    ".pd-send{background:#1f4fd1;color:#fff;border:0;border-radius:6px;padding:6px 12px}" +
    ".pd-end{background:none;border:0;color:#5b6373;font-size:12px;text-decoration:underline;align-self:flex-end}" +
    ".pd-transcript{margin:0 12px 8px}.pd-transcript[hidden]{display:none}" +
    ".pd-file{position:absolute;width:1px;height:1px;opacity:0}" +
    ".pd-attach{cursor:pointer;align-self:center;padding:0 4px;line-height:0}" +
    ".pd-file:focus+.pd-attach{outline:2px solid #1f4fd1}";
  document.head.appendChild(style);

  var root = el("div", { "class": "pd-chat" });
  var opener = el("button", { "class": "pd-open", "type": "button", "aria-expanded": "false", "aria-controls": "pd-panel" }, T.open);
  var panel = el("section", { "class": "pd-panel", "id": "pd-panel", "role": "dialog", "aria-label": T.title, "hidden": "" });
  var head = el("div", { "class": "pd-head" });
  head.appendChild(el("h2", {}, T.title));
  var closer = el("button", { "type": "button", "aria-label": T.close }, "×");
  head.appendChild(closer);
  var status = el("p", { "class": "pd-status", "role": "status", "aria-live": "polite" });
  var log = el("ol", { "class": "pd-log", "role": "log", "aria-live": "polite", "aria-label": T.title });
  var typing = el("p", { "class": "pd-typing", "aria-live": "polite" });

  var idForm = el("form", { "class": "pd-form", "hidden": "" });
  idForm.appendChild(el("label", { "for": "pd-name" }, T.name));
  var nameInput = el("input", { "id": "pd-name", "autocomplete": "name", "required": "" });
  idForm.appendChild(nameInput);
  idForm.appendChild(el("label", { "for": "pd-email" }, T.email));
  var emailInput = el("input", { "id": "pd-email", "type": "email", "autocomplete": "email", "required": "" });
  idForm.appendChild(emailInput);
  idForm.appendChild(el("button", { "class": "pd-send", "type": "submit" }, T.start));

  var compose = el("form", { "class": "pd-form", "hidden": "" });
  compose.appendChild(el("label", { "for": "pd-text" }, T.message));
  var row = el("div", { "class": "pd-row" });
  var text = el("textarea", { "id": "pd-text", "rows": "2", "maxlength": "5000" });
  row.appendChild(text);
  var fileInput = el("input", { "type": "file", "id": "pd-file", "accept": "image/jpeg,image/png,application/pdf", "class": "pd-file" });
  var attach = el("label", { "for": "pd-file", "class": "pd-attach", "title": T.attach, "aria-label": T.attach });
  attach.innerHTML = '<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="#1f4fd1" stroke-width="2" stroke-linecap="round"><path d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7l9-9a3.5 3.5 0 0 1 5 5l-9 9a2 2 0 0 1-3-3l8-8"/></svg>';
  row.appendChild(fileInput);
  row.appendChild(attach);
  row.appendChild(el("button", { "class": "pd-send", "type": "submit" }, T.send));
  compose.appendChild(row);
  var ender = el("button", { "class": "pd-end", "type": "button" }, T.end);
  compose.appendChild(ender);

  var transcript = el("button", { "class": "pd-end pd-transcript", "type": "button", "hidden": "" }, T.transcript);

  [head, status, log, typing, idForm, compose, transcript].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(panel);
  root.appendChild(opener);
  document.body.appendChild(root);

  var state = {
    ws: null, session: sessionStorage.getItem(KEY) || "", lastId: 0, pending: [],
    lines: {}, seen: {}, ended: false, backoff: 500, name: "", email: "", lastTyping: 0
  };

  function send(data) {
    if (state.ws && state.ws.readyState === 1) { state.ws.send(JSON.stringify(data)); return true; }
    return false;
  }
  function setStatus(message) { status.textContent = message || ""; }
  function addLine(author, body, who) {
    var li = el("li", { "class": "pd-" + author });
    li.appendChild(el("small", {}, who));
    li.appendChild(document.createTextNode(body));
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
    return li;
  }

  function resend(p) {
    if (p.file) { send({ type: "attachment", client_id: p.id, name: p.file.name, data: p.file.data }); }
    else { send({ type: "message", client_id: p.id, body: p.body }); }
  }

  function hello() {
    if (state.session) {
      send({ type: "hello", resume: state.session, after: state.lastId, language: LANG });
    } else if (TOKEN) {
      send({ type: "hello", token: TOKEN, language: LANG });
    } else if (state.email) {
      send({ type: "hello", name: state.name, email: state.email, language: LANG });
    } else {
      idForm.hidden = false;
      nameInput.focus();
    }
  }

  function connect() {
    if (state.ws || state.ended) { return; }
    var ws = new WebSocket(SOCKET);
    state.ws = ws;
    ws.onopen = function () { state.backoff = 500; setStatus(""); hello(); };
    ws.onmessage = function (event) { handle(JSON.parse(event.data)); };
    ws.onclose = function (event) {
      state.ws = null;
      if (event.code === 4401 || event.code === 4403 || state.ended) { return; }
      setStatus(T.reconnecting);
      setTimeout(connect, state.backoff);
      state.backoff = Math.min(state.backoff * 2, 10000);
    };
  }

  function handle(m) {
    if (m.type === "welcome" || m.type === "closed") {
      state.session = m.session;
      sessionStorage.setItem(KEY, m.session);
      idForm.hidden = true;
      compose.hidden = false;
      if (m.type === "closed") {
        setStatus(m.message);
        var link = el("a", { "href": ORIGIN + m.contact_url, "target": "_blank", "rel": "noopener" }, T.contact);
        status.appendChild(document.createTextNode(" "));
        status.appendChild(link);
      }
      if (m.reference) { transcript.hidden = false; }
      state.pending.forEach(resend);
    } else if (m.type === "transcript") {
      setStatus(m.message);
      transcript.disabled = true;
    } else if (m.type === "error" && m.code === "file") {
      setStatus(m.message);
      state.pending = state.pending.filter(function (p) { return p.id !== m.client_id; });
      if (state.lines[m.client_id]) { state.lines[m.client_id].firstChild.textContent = T.not_sent; }
    } else if (m.type === "error") {
      setStatus(m.message);
      if (m.code === "session") { state.session = ""; sessionStorage.removeItem(KEY); }
    } else if (m.type === "ack") {
      state.pending = state.pending.filter(function (p) { return p.id !== m.client_id; });
      var line = state.lines[m.client_id];
      if (line && m.id) { line.setAttribute("data-id", m.id); line.firstChild.textContent = T.you; }
      if (m.reference) { setStatus(fmt(T.left, { reference: m.reference })); }
    } else if (m.type === "message") {
      if (state.seen[m.id]) { return; }
      state.seen[m.id] = true;
      state.lastId = Math.max(state.lastId, m.id);
      if (m.author === "player" && state.lines[m.client_id]) {
        state.lines[m.client_id].setAttribute("data-id", m.id);
        state.lines[m.client_id].firstChild.textContent = T.you;
        return;
      }
      var shown = m.attachments && m.attachments.length ? fmt(T.file_line, { name: m.body }) : m.body;
      addLine(m.author, shown, m.author === "player" ? T.you : (m.name || T.agent)).setAttribute("data-id", m.id);
      if (m.author === "agent") { typing.textContent = ""; if (!panel.hidden) { send({ type: "read", id: m.id }); } }
    } else if (m.type === "queue") {
      setStatus(fmt(T.waiting, { position: m.position, minutes: Math.max(1, Math.round(m.wait_seconds / 60)) }));
    } else if (m.type === "state") {
      if (m.state === "active") { setStatus(fmt(T.with_agent, { agent: m.agent || T.agent })); }
      if (m.state === "waiting") { setStatus(T.back_in_line); }
      if (m.state === "ended") {
        state.ended = true;
        setStatus(T.ended);
        compose.hidden = true;
        sessionStorage.removeItem(KEY);
      }
    } else if (m.type === "typing") {
      typing.textContent = T.typing;
      clearTimeout(state.typingTimer);
      state.typingTimer = setTimeout(function () { typing.textContent = ""; }, 4000);
    } else if (m.type === "read") {
      Array.prototype.forEach.call(log.querySelectorAll("li.pd-player[data-id]"), function (li) {
        if (Number(li.getAttribute("data-id")) <= m.id && !li.querySelector(".pd-read")) {
          li.firstChild.appendChild(el("span", { "class": "pd-read" }, " · " + T.read));
        }
      });
    }
  }

  function toggle(open) {
    panel.hidden = !open;
    opener.setAttribute("aria-expanded", String(open));
    opener.hidden = open;
    if (open) {
      connect();
      (compose.hidden ? nameInput : text).focus();
    } else {
      opener.focus();
    }
  }

  opener.addEventListener("click", function () { toggle(true); });
  closer.addEventListener("click", function () { toggle(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { toggle(false); } });
  idForm.addEventListener("submit", function (e) {
    e.preventDefault();
    state.name = nameInput.value.trim();
    state.email = emailInput.value.trim();
    hello();
  });
  compose.addEventListener("submit", function (e) {
    e.preventDefault();
    var body = text.value.trim();
    if (!body) { return; }
    var id = newId();
    state.pending.push({ id: id, body: body });
    state.lines[id] = addLine("player", body, T.sending);
    text.value = "";
    send({ type: "message", client_id: id, body: body });
  });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      var id = newId();
      var data = String(reader.result).split(",")[1] || "";
      var p = { id: id, file: { name: file.name, data: data } };
      state.pending.push(p);
      state.lines[id] = addLine("player", fmt(T.file_line, { name: file.name }), T.sending);
      resend(p);
    };
    reader.readAsDataURL(file);
  });
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); compose.requestSubmit(); }
  });
  text.addEventListener("input", function () {
    var now = Date.now();
    if (now - state.lastTyping > 2000) { state.lastTyping = now; send({ type: "typing" }); }
  });
  ender.addEventListener("click", function () { send({ type: "end" }); });
  transcript.addEventListener("click", function () { send({ type: "transcript" }); });

  window.playerdeskChat = { open: function () { toggle(true); } };
  if (state.session) { connect(); }
})();
