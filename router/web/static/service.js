// The service page: tabs, the methods filter, copy buttons, the try-a-method form and the source
// viewer. Without JavaScript every panel is shown and the downloads still work.
"use strict";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

function setupTabs(container) {
  const tablist = $("[role=tablist]", container);
  const tabs = $$("[role=tab]", tablist);
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute("aria-controls")));
  tablist.hidden = false;
  panels.forEach((panel) => panel.setAttribute("tabindex", "0"));

  // Only a user's choice goes into the address: written at load, it would make the browser
  // scroll to (and focus) the panel once the page has loaded.
  function select(index, { focus = false, remember = true } = {}) {
    tabs.forEach((tab, i) => {
      const chosen = i === index;
      tab.setAttribute("aria-selected", String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
      panels[i].hidden = !chosen;
    });
    if (focus) tabs[index].focus();
    if (remember) history.replaceState(null, "", "#" + panels[index].id);
    panels[index].dispatchEvent(new CustomEvent("panel-shown"));
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i));
    tab.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
      if (!(event.key in moves)) return;
      event.preventDefault();
      select((moves[event.key] + tabs.length) % tabs.length, { focus: true });
    });
  });
  const fromHash = () => panels.findIndex((panel) => "#" + panel.id === location.hash);
  window.addEventListener("hashchange", () => {
    if (fromHash() >= 0) select(fromHash(), { remember: false });
  });
  select(Math.max(fromHash(), 0), { remember: false });
  return (id) => select(panels.findIndex((panel) => panel.id === id));
}

function announce(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle("error-text", isError);
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Plain http on another host is not a secure context: fall back to a hidden textarea.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("the browser refused to copy");
}

function setupCopyButtons() {
  $$("[data-copy]").forEach((button) => {
    const label = button.textContent;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await copyText(source.textContent);
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Copy failed";
      }
      setTimeout(() => (button.textContent = label), 1500);
    });
  });
}

function setupFilter() {
  const input = $("#method-filter");
  const rows = $$("#methods-table tbody tr");
  const count = $("#method-count");
  const none = $("#no-methods");
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row) => {
      const text = row.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    count.textContent = `${shown} of ${rows.length} methods`;
    none.hidden = shown !== 0;
  });
}

function formatJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function setupTry(showPanel) {
  const form = $("#try-form");
  const method = $("#try-method");
  const params = $("#try-params");
  const status = $("#try-status");
  const output = $("#try-output");
  const response = $("#try-response");
  const send = $("#try-send");

  method.addEventListener("change", () => {
    params.value = method.selectedOptions[0].dataset.params;
    params.removeAttribute("aria-invalid");
    announce(status, "");
  });
  $$("[data-try]").forEach((button) =>
    button.addEventListener("click", () => {
      method.value = button.dataset.try;
      method.dispatchEvent(new Event("change"));
      showPanel("try");
      params.focus();
    }),
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = { jsonrpc: "2.0", id: 1, method: method.value };
    if (params.value.trim()) {
      try {
        request.params = JSON.parse(params.value);
      } catch (error) {
        params.setAttribute("aria-invalid", "true");
        params.focus();
        announce(status, `Params are not valid JSON: ${error.message}`, true);
        return;
      }
    }
    params.removeAttribute("aria-invalid");
    send.disabled = true;
    announce(status, "Sending…");
    const started = performance.now();
    try {
      const reply = await fetch(form.dataset.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      const text = await reply.text();
      const elapsed = Math.round(performance.now() - started);
      output.hidden = false;
      window.heroHighlight.json(response, formatJson(text));
      announce(status, describeReply(reply, text, elapsed), !reply.ok || text.includes('"error"'));
    } catch (error) {
      announce(status, `The router did not answer: ${error.message}`, true);
    } finally {
      send.disabled = false;
    }
  });
}

function describeReply(reply, text, elapsed) {
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${reply.status} in ${elapsed} ms`;
  }
  if (body && body.error && typeof body.error.code === "number") {
    return `Error ${body.error.code}: ${body.error.message} (${elapsed} ms)`;
  }
  if (!reply.ok) return `HTTP ${reply.status}: ${body?.error?.message ?? text} (${elapsed} ms)`;
  return `OK in ${elapsed} ms`;
}

function setupSource() {
  const panel = $("#source");
  const code = $("#source-code");
  const gutter = $("#source-lines");
  const info = $("#source-info");
  const download = $("#source-download");
  const loaded = new Map();

  async function show(radio) {
    download.href = radio.dataset.url;
    if (!loaded.has(radio.value)) {
      const reply = await fetch(radio.dataset.url);
      if (!reply.ok) {
        code.textContent = `Could not load ${radio.dataset.filename}: HTTP ${reply.status}`;
        return;
      }
      loaded.set(radio.value, await reply.text());
    }
    const text = loaded.get(radio.value);
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    window.heroHighlight.python(code, text);
    gutter.textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n");
    const size = new Blob([text]).size;
    info.textContent = `${lines.toLocaleString()} lines · ${(size / 1024).toFixed(1)} KB`;
  }

  const radios = $$("input[name=source-file]");
  const current = () => radios.find((radio) => radio.checked);
  radios.forEach((radio) => radio.addEventListener("change", () => show(radio)));
  panel.addEventListener("panel-shown", () => show(current()), { once: true });
}

document.addEventListener("DOMContentLoaded", () => {
  $$("[data-highlight=python] code").forEach((code) =>
    window.heroHighlight.python(code, code.textContent),
  );
  const tabs = $("[data-tabs]");
  if (!tabs) return;
  setupCopyButtons();
  setupFilter();
  setupSource();
  setupTry(setupTabs(tabs));
});
