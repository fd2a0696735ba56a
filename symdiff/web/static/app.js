// symdiff serve's page: the form's state lives in the URL query, so a link reproduces a derivation.
// Plain DOM, no framework, nothing loaded from anywhere but this server.

const FIELDS = {
  partial: ["var", "vars", "at"], grad: ["vars", "at"], hessian: ["vars", "at"], jacobian: ["vars", "at"],
  matrix: ["wrt", "shape"], backprop: ["layers", "activation"], check: ["var", "answer"],
  implicit: ["dx", "dy", "at"],
};
const ALL = ["var", "vars", "at", "answer", "wrt", "shape", "dx", "dy", "layers", "activation"];
const LABELS = JSON.parse(document.getElementById("labels").textContent);
const $ = (id) => document.getElementById(id);

function label(key) {
  const lang = $("lang").value;
  return (LABELS[lang] && LABELS[lang][key]) || LABELS.en[key] || key;
}

function applyLanguage() {
  const lang = $("lang").value;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-label]")) el.textContent = label(el.dataset.label);
  document.title = label("web.title");
}

function showFields() {
  const command = $("command").value;
  const shown = FIELDS[command] || [];
  for (const name of ALL) document.querySelector(`[data-for="${name}"]`).hidden = !shown.includes(name);
  document.querySelector('[data-for="expr"]').hidden = command === "backprop";
}

// The query of the form as it stands: only the fields the command reads, none left empty.
function query(extra = {}) {
  const command = $("command").value;
  const params = new URLSearchParams();
  params.set("command", command);
  if (command !== "backprop") params.set("expr", $("expr").value);
  for (const name of FIELDS[command] || []) if ($(name).value.trim()) params.set(name, $(name).value);
  if ($("lang").value !== "en") params.set("lang", $("lang").value);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params;
}

function fromURL() {
  const params = new URLSearchParams(location.search);
  if (params.has("command") && FIELDS[params.get("command")]) $("command").value = params.get("command");
  if (params.get("lang") === "ko") $("lang").value = "ko";
  for (const name of ["expr", ...ALL]) if (params.has(name)) $(name).value = params.get(name);
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  return response.json();
}

function api(format) {
  const params = query({ format });
  params.delete("command");
  return `/api/${$("command").value}?${params}`;
}

// The command line's steps are nested lists; each step with substeps becomes a <details>, open,
// whose summary is the step's own line.
function collapsible(root) {
  for (const li of [...root.querySelectorAll("ul.steps li")].reverse()) {
    const sub = [...li.children].find((c) => c.tagName === "UL");
    if (!sub) continue;
    const details = document.createElement("details");
    details.open = true;
    const summary = document.createElement("summary");
    for (const node of [...li.childNodes]) if (node !== sub) summary.appendChild(node);
    details.append(summary, sub);
    li.appendChild(details);
  }
}

function caret(text, column) {
  const wrap = document.createElement("div");
  wrap.className = "parse-error";
  if (!column) { wrap.textContent = text; return wrap; }
  const at = Math.max(0, Math.min(column - 1, text.length));
  const mark = document.createElement("mark");
  mark.textContent = text.slice(at, at + 1) || " ";
  wrap.append(text.slice(0, at), mark, text.slice(at + 1));
  return wrap;
}

function showError(target, record, text) {
  target.replaceChildren();
  const box = document.createElement("div");
  box.className = "error";
  box.dataset.type = record.error.type;
  const message = document.createElement("p");
  message.textContent = record.error.message;
  box.appendChild(message);
  if (text && record.error.column) box.appendChild(caret(text, record.error.column));
  target.appendChild(box);
}

let ticket = 0;
async function refresh() {
  const mine = ++ticket;
  history.replaceState(null, "", `?${query()}`);
  const command = $("command").value;
  const text = $("expr").value;
  if (command !== "backprop" && !text.trim()) {
    $("read").replaceChildren(); $("derivation").replaceChildren(); return;
  }
  $("status").textContent = label("web.working");
  if (command !== "backprop") {
    const params = new URLSearchParams({ command, expr: text, lang: $("lang").value });
    if ($("vars").value.trim()) params.set("vars", $("vars").value);
    getJSON(`/api/preview?${params}`).then((read) => {
      if (mine !== ticket) return;
      if (read.ok) $("read").innerHTML = read.mathml || "";
      else {
        const said = document.createElement("div");
        said.className = "parse-message";
        said.textContent = read.error.message;
        $("read").replaceChildren(caret(text, read.error.column), said);
      }
    }).catch(() => {});
  }
  try {
    const response = await fetch(api("html"));
    if (mine !== ticket) return;
    const target = $("derivation");
    if (response.headers.get("content-type").startsWith("application/json")) {
      showError(target, await response.json(), text);
    } else {
      target.innerHTML = await response.text();
      collapsible(target);
    }
  } catch (err) {
    $("derivation").textContent = String(err);
  }
  if (mine === ticket) $("status").textContent = "";
}

async function copy(format) {
  const response = await fetch(api(format));
  let text;
  if (response.headers.get("content-type").startsWith("application/json")) {
    text = (await response.json()).error.message;
  } else text = await response.text();
  await write(text);
}

async function write(text) {
  document.body.dataset.copied = text; // what a test (or a curious reader) can check
  try { await navigator.clipboard.writeText(text); } catch {
    const area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    document.execCommand("copy"); area.remove();
  }
  $("status").textContent = label("web.copied");
}

let timer;
function soon() { clearTimeout(timer); timer = setTimeout(refresh, 250); }

fromURL();
applyLanguage();
showFields();
$("form").addEventListener("input", soon);
$("command").addEventListener("change", () => { showFields(); soon(); });
$("lang").addEventListener("change", () => { applyLanguage(); soon(); });
$("form").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
$("copy-markdown").addEventListener("click", () => copy("markdown"));
$("copy-latex").addEventListener("click", () => copy("latex"));
$("copy-link").addEventListener("click", () => write(location.href));
refresh();
