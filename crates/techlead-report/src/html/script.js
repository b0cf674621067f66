"use strict";
// Search, filters, tabs and map zoom. Without this script everything is
// shown; with it, the controls (hidden in the HTML) appear.
(function () {
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  $$("[data-js-only]").forEach((el) => { el.hidden = false; });

  // Decisions: full-text search and filters by status, tag, decider, date.
  const form = document.getElementById("decision-filters");
  if (form) {
    const items = $$("article.decision");
    const count = document.getElementById("decision-count");
    const field = (name) => form.elements.namedItem(name);
    const apply = () => {
      const q = field("q").value.trim().toLowerCase();
      const status = field("status").value;
      const tag = field("tag").value;
      const decider = field("decider").value;
      const from = field("from").value;
      const to = field("to").value;
      let shown = 0;
      items.forEach((el) => {
        const d = el.dataset;
        const date = d.date || "";
        const ok = (!q || el.textContent.toLowerCase().includes(q)) &&
          (!status || (status === "__none__" ? !d.status : d.status === status)) &&
          (!tag || (d.tags || "").split("\u001f").includes(tag)) &&
          (!decider || (d.deciders || "").split("\u001f").includes(decider)) &&
          (!from || (date && date >= from)) && (!to || (date && date <= to));
        el.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + items.length + " shown";
    };
    form.addEventListener("input", apply);
    form.addEventListener("submit", (e) => e.preventDefault());
    apply();
  }

  // Printing shows every record in full.
  window.addEventListener("beforeprint", () => { $$("details").forEach((d) => { d.open = true; }); });

  // A link to a record opens it.
  const openTarget = () => {
    const el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const d = el && el.querySelector("details");
    if (d) d.open = true;
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Text filters over table rows.
  $$("input[data-filter]").forEach((input) => {
    const table = document.getElementById(input.dataset.filter);
    if (!table) return;
    input.addEventListener("input", () => {
      const q = input.value.trim().toLowerCase();
      $$("tbody tr", table).forEach((tr) => {
        tr.hidden = q !== "" && !tr.textContent.toLowerCase().includes(q);
      });
    });
  });

  // Tabs: one panel at a time, arrow keys move between tabs.
  $$("[role=tablist]").forEach((list) => {
    const tabs = $$("[role=tab]", list);
    const select = (tab, focus) => {
      tabs.forEach((t) => {
        const on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        const panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => select(tab, false));
      tab.addEventListener("keydown", (e) => {
        const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (step) { e.preventDefault(); select(tabs[(i + step + tabs.length) % tabs.length], true); }
      });
    });
    if (tabs.length) select(tabs[0], false);
  });

  // Map zoom: a folder fills the map; Escape or the reset button goes back.
  $$("svg.treemap").forEach((svg) => {
    const home = svg.dataset.home;
    const reset = document.querySelector("button.zoom-reset[data-map='" + svg.id + "']");
    const zoom = (box) => { svg.setAttribute("viewBox", box || home); };
    const pick = (target) => {
      const g = target.closest(".folder");
      if (!g) return;
      zoom(svg.getAttribute("viewBox") === g.dataset.box ? home : g.dataset.box);
    };
    svg.addEventListener("click", (e) => pick(e.target));
    svg.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(e.target); }
      if (e.key === "Escape") zoom(home);
    });
    if (reset) reset.addEventListener("click", () => zoom(home));
  });
})();
