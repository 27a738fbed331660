// The services page: "Scan now" (router.scan over JSON-RPC) and a refresh of the list every few
// seconds from the server-rendered fragment, so the page updates without a reload.
"use strict";

const REFRESH_MS = 3000;

async function refreshServices(section) {
  const reply = await fetch(section.dataset.refresh, { headers: { accept: "text/html" } });
  if (!reply.ok) throw new Error(`HTTP ${reply.status}`);
  const html = await reply.text();
  // Keep a keyboard user's place: put focus back on the same link after the swap.
  const focused = document.activeElement?.closest?.("[data-service]")?.dataset.service;
  section.innerHTML = html;
  if (focused) section.querySelector(`[data-service="${focused}"] a`)?.focus();
}

function describeScan(result) {
  const seconds = `${Math.round(result.duration_ms)} ms`;
  if (result.changes.length === 0) return `Scan finished in ${seconds}: nothing changed.`;
  const words = { added: "found", regenerated: "client regenerated", removed: "gone" };
  const changes = result.changes.map((change) => {
    const what = change.change === "status" ? change.status.replace("_", " ") : words[change.change];
    return `${change.service} ${what}`;
  });
  return `Scan finished in ${seconds}: ${changes.join(", ")}.`;
}

async function scanNow(button, status, section) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.querySelector(".button-text").textContent = "Scanning…";
  status.className = "notice";
  status.textContent = "";
  try {
    const reply = await fetch("/rpc", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "router.scan" }),
    });
    const body = await reply.json();
    if (body.error) throw new Error(body.error.message);
    status.textContent = describeScan(body.result);
    await refreshServices(section);
  } catch (error) {
    status.className = "notice error";
    status.textContent = `Scan failed: ${error.message}`;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.querySelector(".button-text").textContent = button.dataset.label;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const section = document.getElementById("services");
  const status = document.getElementById("scan-status");
  const button = document.getElementById("scan-now");
  button.addEventListener("click", () => scanNow(button, status, section));
  let lost = false;
  setInterval(async () => {
    if (document.visibilityState !== "visible") return;
    try {
      await refreshServices(section);
      if (lost) {
        status.className = "notice";
        status.textContent = "Back in contact with the router.";
      }
      lost = false;
    } catch (error) {
      lost = true;
      status.className = "notice error";
      status.textContent = `Lost contact with the router (${error.message}); retrying.`;
    }
  }, REFRESH_MS);
});
