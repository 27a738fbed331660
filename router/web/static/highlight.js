// A small syntax highlighter for Python and JSON: text in, spans out (built as DOM nodes, so no
// text is ever parsed as HTML). Exposed as window.heroHighlight.{python,json}(element, text).
"use strict";

(() => {
  const KEYWORDS = new Set(
    ("and as assert async await break class continue def del elif else except finally for " +
      "from global if import in is lambda nonlocal not or pass raise return try while with " +
      "yield match case").split(" "),
  );
  const CONSTANTS = new Set(["True", "False", "None", "self", "cls"]);
  const BUILTINS = new Set(
    ("abs all any bool bytes callable dict enumerate float frozenset getattr hasattr int " +
      "isinstance issubclass iter len list map max min next object open print property range " +
      "repr reversed round set setattr sorted staticmethod classmethod str sum super tuple type " +
      "zip Exception ValueError TypeError KeyError RuntimeError OSError").split(" "),
  );

  const PYTHON = new RegExp(
    [
      /(#[^\n]*)/.source,
      /((?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$(?![\s\S]))|'''[\s\S]*?(?:'''|$(?![\s\S]))|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))/.source,
      /(@[A-Za-z_][\w.]*)/.source,
      /(\b(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?j?)\b)/.source,
      /([A-Za-z_]\w*)/.source,
    ].join("|"),
    "g",
  );
  const JSON_TOKENS =
    /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;

  function span(kind, text) {
    const node = document.createElement("span");
    node.className = "tok-" + kind;
    node.textContent = text;
    return node;
  }

  function render(element, text, regex, classify, build = (kind, match) => span(kind, match[0])) {
    const out = document.createDocumentFragment();
    let last = 0;
    let previous = "";
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      if (match[0] === "") {
        regex.lastIndex += 1;
        continue;
      }
      if (match.index > last) out.append(text.slice(last, match.index));
      const kind = classify(match, previous);
      out.append(kind ? build(kind, match) : match[0]);
      previous = match[0];
      last = match.index + match[0].length;
    }
    out.append(text.slice(last));
    element.replaceChildren(out);
  }

  function pythonKind(match, previous) {
    if (match[1]) return "comment";
    if (match[2]) return "string";
    if (match[3]) return "decorator";
    if (match[4]) return "number";
    const word = match[5];
    if (previous === "def") return "function";
    if (previous === "class") return "class";
    if (KEYWORDS.has(word)) return "keyword";
    if (CONSTANTS.has(word)) return "constant";
    if (BUILTINS.has(word)) return "builtin";
    return null;
  }

  function jsonKind(match) {
    if (match[1]) return match[2] ? "key" : "string";
    if (match[3]) return "number";
    return "constant";
  }

  // A key's match includes the colon after it: only the quoted name is coloured.
  function jsonSpan(kind, match) {
    if (kind !== "key") return span(kind, match[0]);
    const key = document.createDocumentFragment();
    key.append(span(kind, match[1]), match[2]);
    return key;
  }

  window.heroHighlight = {
    python: (element, text) => render(element, text, PYTHON, pythonKind),
    json: (element, text) => render(element, text, JSON_TOKENS, jsonKind, jsonSpan),
  };
})();
