// Thi Đua Bot's pages: each field saves itself, colleagues' changes are shown, and nothing
// is overwritten without asking. Every form also works without this script.
"use strict";
(function () {
  var doc = document, body = doc.body, csrf = body.dataset.csrf;
  doc.documentElement.className += " js";

  function send(url, data, method) {
    return fetch(url, {
      method: method || "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "fetch", "X-CSRF-Token": csrf}
    }).then(function (r) {
      return r.json().then(function (j) { j.status = r.status; return j; },
        function () { return {status: r.status, error: r.statusText}; });
    });
  }
  function $(sel, root) { return (root || doc).querySelector(sel); }
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function say(el, text, cls) { if (el) { el.textContent = text || ""; el.className = "msg " + (cls || ""); } }

  // Inside Telegram: the theme, and sign-in with the Mini App's signed data.
  var tg = window.Telegram && window.Telegram.WebApp;
  if (tg) {
    tg.ready(); tg.expand();
    var p = tg.themeParams || {}, st = doc.documentElement.style;
    if (p.bg_color) st.setProperty("--bg", p.bg_color);
    if (p.text_color) st.setProperty("--fg", p.text_color);
    if (p.button_color) st.setProperty("--accent", p.button_color);
    if (p.button_text_color) st.setProperty("--accent-fg", p.button_text_color);
  }
  var signin = $("[data-signin]");
  if (signin) {
    var hash = new URLSearchParams(location.hash.slice(1));
    var initData = (tg && tg.initData) || hash.get("tgWebAppData");
    if (initData) {
      $("#tg-wait").hidden = false;
      var f = new FormData(); f.append("init_data", initData); f.append("next", location.pathname + location.search);
      send("/w/tg", f).then(function (j) {
        if (j.next) location.replace(j.next); else $("#tg-wait").textContent = j.error;
      });
    }
  }
  var go = $("#go");
  if (go) go.submit();  // a sign-in link: a person's browser goes on, a link preview does not

  // --- the score sheet ---
  var flash = $("#flash");
  function show(text) { if (flash) { flash.textContent = text; flash.hidden = !text; } }
  function totals(t) {
    if (!t) return;
    $("#final").textContent = t.final;
    all(".total").forEach(function (s) { s.textContent = t.final; });
    $("#scored").textContent = $("#scored").textContent.replace(/\d+\/\d+/, t.scored + "/" + t.count);
    $("#sum progress").value = t.percent;
    for (var code in t.sections) { var s = $('[data-sub="' + code + '"]'); if (s) s.textContent = t.sections[code]; }
    var b = $('[data-sub="bonus"]'); if (b) b.textContent = t.bonus;
    var pn = $('[data-sub="penalty"]'); if (pn) pn.textContent = t.penalties;
  }
  function field(form) { return $("input[name=value]:not([type=radio])", form); }
  function setValue(form, value) {
    var input = field(form);
    if (input) { input.value = value; input.dataset.saved = value; return; }
    all("input[type=radio]", form).forEach(function (r) { r.checked = r.value === value; });
  }
  function save(form) {
    var data = new FormData(form), msg = $(".msg", form), input = field(form);
    if (input) {
      // Enter, then leaving the field, must not save twice (the second would meet the first).
      var typed = input.value.trim();
      if (typed === "" || typed === input.dataset.saved || typed === input.dataset.pending) return;
      input.dataset.pending = typed;
      input.removeAttribute("aria-invalid");
    }
    send(form.action, data).then(function (j) {
      if (input) delete input.dataset.pending;
      if (j.status === 200) {
        form.version.value = j.version; setValue(form, j.value);
        say(msg, "✓ " + j.saved, "saved"); totals(j.totals);
      } else if (j.conflict) {
        conflict(form, j);
      } else {
        if (input && j.status === 422) input.setAttribute("aria-invalid", "true");
        say(msg, "⚠ " + j.error, "bad");
        if (j.status !== 422) show(j.error);
      }
    }, function () { if (input) delete input.dataset.pending; say(msg, "⚠ offline", "bad"); });
  }
  function conflict(form, j) {
    var msg = $(".msg", form), box = doc.createElement("div");
    say(msg, "⚠ " + j.error, "bad");
    box.className = "conflict";
    var keep = doc.createElement("button"), take = doc.createElement("button");
    keep.type = take.type = "button"; keep.className = take.className = "btn small";
    keep.textContent = body.dataset.keep || "Giữ của tôi";
    take.textContent = body.dataset.take || "Lấy của đồng nghiệp";
    keep.onclick = function () { form.version.value = j.version; box.remove(); save(form); };
    take.onclick = function () { form.version.value = j.version; setValue(form, j.value); box.remove(); say(msg, ""); };
    box.appendChild(keep); box.appendChild(take);
    var old = $(".conflict", form); if (old) old.remove();
    msg.after(box);
  }
  all("form.save").forEach(function (form) {
    var input = field(form);
    if (input) {
      input.dataset.saved = input.value;
      input.addEventListener("change", function () { save(form); });
    }
    all("input[type=radio]", form).forEach(function (r) { r.addEventListener("change", function () { save(form); }); });
    form.addEventListener("submit", function (e) { e.preventDefault(); save(form); });
    if (input) input.addEventListener("keydown", function (e) {
      // The keyboard's Next (Enter) saves the field and goes on to the next one.
      if (e.key !== "Enter") return;
      e.preventDefault(); save(form);
      var fields = all("form.save input[name=value]:not([type=radio]):not([readonly])");
      var next = fields[fields.indexOf(input) + 1];
      if (next) next.focus();
    });
  });
  // Colleagues' changes (in the chat or on another phone) appear here; a field being
  // edited is never overwritten: its owner chooses.
  var sum = $("#sum");
  function poll() {
    if (!sum) return;
    fetch(location.pathname + "/state", {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
      .then(function (r) { return r.json(); }).then(function (s) {
        totals(s.totals);
        for (var code in s.entries) {
          var e = s.entries[code], form = $('form.save[data-code="' + code + '"]');
          if (!form || +form.version.value >= e.version) continue;
          var input = field(form), dirty = input && input.value !== input.dataset.saved;
          var text = (body.dataset.changed || "{by} → {value} ({at})").replace("{by}", e.by).replace("{value}", e.value).replace("{at}", e.at);
          if (dirty) { conflict(form, {error: text, value: e.value, version: e.version}); continue; }
          form.version.value = e.version; setValue(form, e.value);
          if (!e.mine) say($(".msg", form), "ℹ " + text, "");
        }
      }, function () {});
  }
  if (sum && $("form.save")) {
    window.addEventListener("focus", poll);
    doc.addEventListener("visibilitychange", function () { if (!doc.hidden) poll(); });
    setInterval(poll, (+body.dataset.poll || 20) * 1000);
  }
  // Evidence: a photo or file is sent as soon as it is picked; a note when saved.
  all("form.up").forEach(function (form) {
    var code = form.action.split("/").pop(), list = $("#ev-" + code), msg = $(".msg", form.previousElementSibling ? form.parentNode : form);
    function upload(data) {
      var m = $("#m-" + code);
      say(m, "…");
      send(form.action, data).then(function (j) {
        if (j.status !== 200) { say(m, "⚠ " + j.error, "bad"); return; }
        say(m, "✓ " + j.saved, "saved");
        var li = doc.createElement("li"), ev = j.evidence;
        if (ev.url) { var a = doc.createElement("a"); a.href = ev.url; a.target = "_blank"; a.textContent = (ev.kind === "photo" ? "📷 " : "📄 ") + ev.name; li.appendChild(a); }
        else li.textContent = "📝 " + ev.name;
        var rm = doc.createElement("form"); rm.method = "post"; rm.className = "rm";
        rm.action = form.action.replace(/evidence\/[^/]+$/, "remove/" + ev.id);
        rm.innerHTML = '<button class="btn small" aria-label="✕">✕</button>';
        li.appendChild(rm); list.appendChild(li); removable(rm);
      });
    }
    all("input[type=file]", form).forEach(function (input) {
      input.addEventListener("change", function () {
        if (!input.files.length) return;
        var d = new FormData(); d.append("csrf", csrf); d.append("file", input.files[0]);
        upload(d); input.value = "";
      });
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var note = $("textarea", form);
      if (!note.value.trim()) return;
      var d = new FormData(); d.append("csrf", csrf); d.append("note", note.value);
      upload(d); note.value = ""; $("details", form).open = false;
    });
  });
  function removable(form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send(form.action, new FormData(form)).then(function (j) {
        if (j.status === 200) form.parentNode.remove(); else show(j.error);
      });
    });
  }
  all("form.rm").forEach(removable);

  // --- the ballot paper ---
  var paper = $("#paper");
  if (paper) {
    var quota = +paper.dataset.quota, boxes = all("input[name=c]", paper);
    function limit() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      boxes.forEach(function (b) { b.disabled = !b.checked && n >= quota; });
    }
    boxes.forEach(function (b) { b.addEventListener("change", limit); }); limit();
    paper.addEventListener("submit", function (e) {
      if (paper.dataset.secret === "1" && !paper.confirmed) {
        if (!confirm(paper.dataset.ask)) { e.preventDefault(); return; }
        var c = doc.createElement("input"); c.type = "hidden"; c.name = "confirmed"; c.value = "1"; paper.appendChild(c);
      }
    });
  }
  var count = $("#count");
  if (count) setInterval(function () {
    fetch(count.dataset.url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
      .then(function (r) { return r.json(); }).then(function (c) {
        count.textContent = count.textContent.replace(/\d+\/\d+/, c.voted + "/" + c.members);
      }, function () {});
  }, (+body.dataset.poll || 20) * 1000);

  // --- the pledge: each change saved as it is made ---
  var pledge = $("form#pledge.autosave");
  if (pledge) {
    var pmsg = $("#pledge-msg"), again = false;
    // One save at a time, each with the whole form: an older form never lands after a newer.
    function psave() {
      if (pledge.dataset.busy === "1") { again = true; return; }
      pledge.dataset.busy = "1";
      send(pledge.action, new FormData(pledge)).then(function (j) {
        say(pmsg, j.status === 200 ? "✓ " + j.saved : "⚠ " + j.error, j.status === 200 ? "saved" : "bad");
        pledge.dataset.busy = "0";
        if (again) { again = false; psave(); }
      });
    }
    all("input", pledge).forEach(function (i) { i.addEventListener("change", psave); });
    $("textarea", pledge).addEventListener("change", psave);
    pledge.addEventListener("submit", function (e) { e.preventDefault(); psave(); });
  }
})();
