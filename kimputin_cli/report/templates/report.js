(function () {
  "use strict";
  // kp report: choosing a table row highlights its marks in the text; hovering or focusing a mark shows
  // its details (and those of the marks around it).  Only textContent is ever set: nothing is parsed as HTML.
  var text = document.getElementById("text");
  var tip = document.getElementById("tip");
  var status = document.getElementById("status");
  var selected = null;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function marksOf(ref) { return text.querySelectorAll('mark[data-ref~="' + CSS.escape(ref) + '"]'); }

  function clear() {
    each(document.querySelectorAll(".hl"), function (el) { el.classList.remove("hl"); });
    each(document.querySelectorAll("button.pick[aria-pressed=true]"), function (b) {
      b.setAttribute("aria-pressed", "false");
    });
    selected = null;
    status.textContent = "";
  }

  function select(ref, scroll) {
    var again = selected === ref;
    clear();
    if (again) { return; }
    selected = ref;
    var marks = marksOf(ref);
    each(marks, function (m) { m.classList.add("hl"); });
    each(document.querySelectorAll('tr[data-ref="' + CSS.escape(ref) + '"]'), function (row) {
      row.classList.add("hl");
      var b = row.querySelector("button.pick");
      if (b) { b.setAttribute("aria-pressed", "true"); }
    });
    var count = 0;
    each(marks, function (m) { if (m.hasAttribute("tabindex")) { count += 1; } });
    status.textContent = ref + ": " + count + (count === 1 ? " mark" : " marks") + " highlighted";
    if (scroll && marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (ev) {
    var row = ev.target.closest("tr[data-ref]");
    if (row) { select(row.getAttribute("data-ref"), true); return; }
    var mark = ev.target.closest("#text mark");
    if (mark) { select(mark.getAttribute("data-ref").split(" ")[0], false); }
  });

  function showTip(mark) {
    var lines = [];
    for (var el = mark; el && el !== text; el = el.parentElement) {
      if (el.tagName === "MARK" && el.getAttribute("data-tip")) { lines.push(el.getAttribute("data-tip")); }
    }
    tip.textContent = lines.join("\n\n");
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    mark.setAttribute("aria-describedby", "tip");
  }
  function hideTip(mark) {
    tip.hidden = true;
    if (mark) { mark.removeAttribute("aria-describedby"); }
  }

  text.addEventListener("mouseover", function (ev) {
    var mark = ev.target.closest("mark");
    if (mark) { showTip(mark); }
  });
  text.addEventListener("mouseout", function (ev) {
    var mark = ev.target.closest("mark");
    var to = ev.relatedTarget && ev.relatedTarget.closest ? ev.relatedTarget.closest("mark") : null;
    if (to && text.contains(to)) { showTip(to); } else { hideTip(mark); }
  });
  text.addEventListener("focusin", function (ev) {
    if (ev.target.tagName === "MARK") { showTip(ev.target); }
  });
  text.addEventListener("focusout", function (ev) { hideTip(ev.target); });
  text.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.tagName === "MARK") {
      ev.preventDefault();
      select(ev.target.getAttribute("data-ref").split(" ")[0], false);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hideTip(null); clear(); }
  });
})();
