// The agent tab: POST /<service>/agent/stream and show its server-sent events as they come (see
// router/agent/events.py for the events): one card per attempt, the final result on top.
"use strict";

const PROGRESS_EVENTS = new Set(["start", "llm_request", "script", "run", "call", "output", "retry"]);

function duration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

// Server-sent events from a fetch() response (EventSource cannot POST a body).
async function* serverSentEvents(response) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) yield { event, payload: JSON.parse(data.join("\n")) };
    }
  }
}

class RunView {
  constructor(root) {
    this.root = root;
    this.list = root.querySelector("#agent-attempts");
    this.setup = root.querySelector("#agent-setup");
    this.final = root.querySelector("#agent-final");
    this.template = document.getElementById("agent-attempt");
    this.cards = new Map();
  }

  reset() {
    this.cards.clear();
    this.list.replaceChildren();
    this.final.hidden = true;
    this.setup.className = "notice";
    this.setup.textContent = "Starting…";
    this.root.hidden = false;
  }

  card(number) {
    if (!this.cards.has(number)) {
      const item = this.template.content.firstElementChild.cloneNode(true);
      item.querySelector("[data-field=number]").textContent = number;
      item.dataset.attempt = number;
      this.list.append(item);
      this.cards.set(number, item);
    }
    return this.cards.get(number);
  }

  field(number, name) {
    return this.card(number).querySelector(`[data-field=${name}]`);
  }

  show(number, box) {
    this.card(number).querySelector(`[data-box=${box}]`).hidden = false;
  }

  state(number, kind, text) {
    const badge = this.field(number, "state");
    badge.className = `badge status-${kind}`;
    badge.textContent = text;
  }

  start({ provider, sandbox }) {
    const where = sandbox === "none" ? "without a sandbox" : `in ${sandbox}`;
    this.setup.textContent = `LLM: ${provider} · scripts run ${where}.`;
    if (sandbox === "none") this.setup.className = "notice error";
  }

  llm_request({ attempt, model, messages }) {
    this.state(attempt, "running", "asking the model");
    this.field(attempt, "step").textContent = `Asking ${model} (${messages} messages)…`;
  }

  script({ attempt, llm_ms, script }) {
    window.heroHighlight.python(this.field(attempt, "script"), script);
    this.show(attempt, "script");
    this.field(attempt, "timing").textContent = `LLM ${duration(llm_ms)}`;
    this.field(attempt, "step").textContent = "";
  }

  run({ attempt }) {
    this.state(attempt, "running", "running");
    this.field(attempt, "step").textContent = "Running in the sandbox…";
  }

  call({ attempt, method, duration_ms, error }) {
    const item = document.createElement("li");
    const name = document.createElement("code");
    name.textContent = method;
    item.append(name, ` ${duration(duration_ms)}`);
    if (error) {
      const problem = document.createElement("span");
      problem.className = "error-text";
      problem.textContent = ` · ${error}`;
      item.append(problem);
    }
    this.field(attempt, "calls").append(item);
    this.show(attempt, "calls");
  }

  output(entry) {
    const n = entry.attempt;
    this.field(n, "calls").replaceChildren();
    entry.calls.forEach((call) => this.call({ attempt: n, ...call }));
    for (const stream of ["stdout", "stderr"]) {
      this.field(n, stream).textContent = entry[stream];
      this.card(n).querySelector(`[data-box=${stream}]`).hidden = !entry[stream];
    }
    const ran = entry.exit_code === null ? "no script" : `exit ${entry.exit_code}`;
    this.state(n, entry.error ? "failed" : "ok", entry.error ? `failed · ${ran}` : `ok · ${ran}`);
    const run = entry.exit_code === null ? "" : ` · run ${duration(entry.duration_ms)}`;
    this.field(n, "timing").textContent = `LLM ${duration(entry.llm_ms)}${run}`;
    this.field(n, "step").textContent = "";
    const error = this.field(n, "error");
    error.textContent = entry.error || "";
    error.hidden = !entry.error;
  }

  // ``attempt`` is the next one: its card opens with why it is needed.
  retry({ attempt, reason }) {
    this.state(attempt, "running", "retrying");
    this.field(attempt, "step").textContent = `Sending the error back to the model: ${reason}`;
  }

  result(answer) {
    const title = this.final.querySelector("#agent-final-title");
    const text = this.final.querySelector("#agent-final-text");
    this.final.className = `final ${answer.success ? "success" : "failure"}`;
    title.textContent = answer.success ? "Result" : "No result";
    text.textContent = answer.success ? answer.result : answer.error;
    const tokens = answer.usage && answer.usage.input_tokens !== null;
    const meta = [
      `${answer.attempts} attempt${answer.attempts === 1 ? "" : "s"}`,
      duration(answer.duration_ms),
      answer.model && `model ${answer.model}`,
      tokens && `tokens ${answer.usage.input_tokens} in / ${answer.usage.output_tokens} out`,
      answer.warning,
    ];
    this.final.querySelector("#agent-final-meta").textContent = meta.filter(Boolean).join(" · ");
    if (this.setup.textContent === "Starting…") this.setup.textContent = "";
    this.final.hidden = false;
    this.final.focus();
    return answer.success ? `Done in ${meta[0]}.` : `Failed: ${answer.error}`;
  }

  stopped() {
    const last = this.cards.size;
    if (last === 0) return;
    this.state(last, "failed", "stopped");
    this.field(last, "step").textContent = "";
  }

  failure(message) {
    return this.result({ success: false, error: message, attempts: this.cards.size, duration_ms: 0 });
  }
}

async function runAgent(form, view, controller) {
  const body = {
    prompt: form.prompt.value,
    max_retries: Number(form.max_retries.value),
    model: form.model.value.trim() || "auto",
    timeout_s: Number(form.timeout_s.value),
  };
  const response = await fetch(form.dataset.endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  if (!response.ok || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const text = await response.text();
    let message = `HTTP ${response.status}`;
    try {
      message = JSON.parse(text).error.message || message;
    } catch {}
    return view.failure(message);
  }
  for await (const { event, payload } of serverSentEvents(response)) {
    if (event === "result") return view.result(payload);
    if (event === "error") return view.failure(payload.message);
    if (PROGRESS_EVENTS.has(event)) view[event](payload);
  }
  return view.failure("the router closed the stream before the result");
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("agent-form");
  if (!form) return;
  const view = new RunView(document.getElementById("agent-run-view"));
  const run = document.getElementById("agent-run");
  const stop = document.getElementById("agent-stop");
  const status = document.getElementById("agent-status");
  let controller = null;

  stop.addEventListener("click", () => controller?.abort());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!form.prompt.value.trim()) {
      form.prompt.setAttribute("aria-invalid", "true");
      form.prompt.focus();
      status.textContent = "Write what the agent should do first.";
      status.className = "error-text";
      return;
    }
    form.prompt.removeAttribute("aria-invalid");
    controller = new AbortController();
    run.disabled = true;
    stop.hidden = false;
    status.className = "muted";
    status.textContent = "Running…";
    view.reset();
    try {
      status.textContent = await runAgent(form, view, controller);
    } catch (error) {
      if (error.name === "AbortError") {
        view.stopped();
        status.textContent = "Stopped.";
      } else {
        status.textContent = view.failure(`the run broke off: ${error.message}`);
      }
    } finally {
      run.disabled = false;
      stop.hidden = true;
      controller = null;
    }
  });
});
