// awarekit's local page: a small script that makes the preview follow the
// form, sends a logo as soon as it is chosen, and follows a workshop build.
// Everything it does, the page also does without it (through its buttons).
(function () {
  "use strict";
  document.documentElement.className += " js";

  var errors = document.getElementById("errors");
  if (errors) errors.focus();

  var form = document.getElementById("materials");
  if (form) materials(form);
  var build = document.getElementById("build");
  if (build && build.getAttribute("data-running")) follow(build);

  // query is the form's text fields as a query string; files are left out.
  function query(form) {
    var q = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (typeof v === "string") q.append(k, v);
    });
    var ui = new URLSearchParams(location.search).get("ui");
    if (ui) q.set("ui", ui);
    return q;
  }

  function materials(form) {
    var section = document.getElementById("preview");
    var body = document.getElementById("preview-body");
    var status = document.getElementById("preview-status");
    var msg = function (name) { return section.getAttribute("data-" + name) || ""; };
    var timer = 0, seq = 0;

    function update() {
      var n = ++seq;
      var q = query(form);
      status.textContent = msg("updating");
      fetch("/preview?" + q.toString(), { headers: { "Accept": "text/html" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) {
          if (n !== seq) return; // a newer update is on its way
          body.innerHTML = html; // drawn by the server's templates, escaped there
          status.textContent = msg("updated");
          if (!body.querySelector(".preview-problems")) clearProblems(form);
          history.replaceState(null, "", "?" + q.toString());
          keepInLanguageLink(q);
        })
        .catch(function () { if (n === seq) status.textContent = msg("failed"); });
    }
    function later() { clearTimeout(timer); timer = setTimeout(update, 400); }

    form.addEventListener("input", function (e) { if (e.target.type !== "file") later(); });
    form.addEventListener("change", function (e) {
      if (e.target.type === "file") upload(e.target); else later();
    });

    var logo = document.getElementById("logo");
    var now = document.getElementById("logo-now");
    var label = document.getElementById("logo-label");
    var noLogo = document.getElementById("no-logo");
    var problem = document.createElement("p");
    problem.className = "field-error";
    problem.setAttribute("role", "alert");
    problem.hidden = true;
    now.parentNode.insertBefore(problem, now);

    function upload(input) {
      var file = input.files && input.files[0];
      if (!file) return;
      var data = new FormData();
      data.append("logo-file", file);
      problem.hidden = true;
      status.textContent = msg("updating");
      var ui = new URLSearchParams(location.search).get("ui");
      fetch("/logo" + (ui ? "?ui=" + encodeURIComponent(ui) : ""), { method: "POST", body: data, headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
        .then(function (res) {
          if (!res.ok) {
            problem.textContent = res.j.error || msg("failed");
            problem.hidden = false;
            status.textContent = "";
            return;
          }
          logo.value = res.j.logo;
          label.textContent = res.j.label;
          now.hidden = false;
          noLogo.checked = false;
          input.value = ""; // kept as logo; "Make" need not send it again
          update();
        })
        .catch(function () { problem.textContent = msg("failed"); problem.hidden = false; });
    }
  }

  // keepInLanguageLink makes the link to the page in the other language
  // carry the form as it is now, so changing language loses nothing.
  function keepInLanguageLink(q) {
    Array.prototype.forEach.call(document.querySelectorAll(".langs a[hreflang]"), function (a) {
      var l = new URLSearchParams(q);
      l.set("ui", a.getAttribute("hreflang"));
      a.setAttribute("href", "?" + l.toString());
    });
  }

  // clearProblems takes away the problems the page was drawn with, once
  // the form has none: they would tell of a form that is gone.
  function clearProblems(form) {
    var list = document.getElementById("errors");
    if (list) list.parentNode.removeChild(list);
    Array.prototype.forEach.call(form.querySelectorAll(".field-error"), function (e) {
      if (e.getAttribute("role") !== "alert") e.parentNode.removeChild(e);
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (e) {
      e.removeAttribute("aria-invalid");
    });
  }

  function follow(section) {
    var bar = document.getElementById("progress");
    var text = document.getElementById("progress-text");
    var count = section.getAttribute("data-count") || "";
    function tick() {
      fetch("/workshop/status", { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          bar.max = Math.max(s.total, 1);
          bar.value = s.done;
          text.textContent = count.replace("{done}", s.done).replace("{total}", s.total);
          if (s.state === "running") setTimeout(tick, 700);
          else location.reload();
        })
        .catch(function () { setTimeout(tick, 2000); });
    }
    setTimeout(tick, 300);
  }
})();
