/*!
 * Charley chat widget. Talks to Rasa's socket.io channel (session_persistence: true).
 * Embed: <script src="https://HOST/webhooks/widget/charley-widget.js" data-socket-url="https://HOST"></script>
 * Every piece of text from the bot, the user or storage is set with textContent /
 * createTextNode, never parsed as HTML.
 */
(function () {
  "use strict";

  if (window.CharleyWidget) return; // the script tag was included twice

  const VERSION = "1.0.0";
  // The contract's level ids (triage-contract.md); their labels come in each result (`label`),
  // worded once in the knowledge (bot/knowledge/rules.yml, levels).
  const LEVEL_IDS = ["emergency", "urgent", "routine", "self_care"];
  const EMERGENCY_NOTE =
    "In an emergency call your local emergency number (e.g. 911, 112 or 999).";
  const CALL_NOW_LOCAL =
    "Call your local emergency number now (for example 911, 112 or 999), or have someone take you to an emergency department.";
  const MAX_ENTRIES = 200;
  const MAX_TEXT = 4000;
  const MAX_ITEMS = 30;
  const TOP_ACTIONS = 3; // what to do now, on the card's first screen
  const MAX_REPLIES = 20; // a checklist has up to 12 signs plus "None of these" and "I'm not sure"
  const TYPING_TIMEOUT_MS = 20000;

  // ------------------------------------------------------------------ config
  const script =
    document.currentScript ||
    Array.prototype.slice
      .call(document.querySelectorAll('script[src*="charley-widget"]'))
      .pop();
  if (!script || !script.src) return;
  const scriptUrl = new URL(script.src, document.baseURI);
  const assetBase = new URL(".", scriptUrl).href;
  const opts = script.dataset || {};
  let socketOrigin = scriptUrl.origin;
  try {
    if (opts.socketUrl) socketOrigin = new URL(opts.socketUrl, document.baseURI).origin;
  } catch (e) {
    /* keep the script's origin */
  }
  // The number the emergency screen dials, set per deployment (data-emergency-number="112").
  const emergencyNumber = /^\+?[0-9]{2,15}$/.test(opts.emergencyNumber || "")
    ? opts.emergencyNumber
    : "";
  const config = {
    emergencyNumber: emergencyNumber,
    socketUrl: socketOrigin,
    socketPath: opts.socketPath || "/socket.io/",
    userEvent: opts.userEvent || "user_uttered",
    botEvent: opts.botEvent || "bot_uttered",
    title: opts.title || "Charley",
    subtitle: opts.subtitle || "Muscle spasm helper",
    intro:
      opts.intro ||
      "Tell me about your muscle spasm or cramp: where it is, how long it lasts, " +
        "and anything else you noticed.",
  };

  // ----------------------------------------------------------------- storage
  const keyBase = "charley-widget:" + config.socketUrl + ":";
  function load(area, key) {
    try {
      return window[area].getItem(keyBase + key);
    } catch (e) {
      return null; // storage disabled (privacy mode, sandboxed frame)
    }
  }
  function store(area, key, value) {
    try {
      if (value === null) window[area].removeItem(keyBase + key);
      else window[area].setItem(keyBase + key, value);
    } catch (e) {
      /* quota or disabled storage: the chat still works, it just won't persist */
    }
  }

  // ---------------------------------------------------------- sanitising data
  function str(value, max) {
    if (typeof value === "number") value = String(value);
    if (typeof value !== "string") return "";
    return value.slice(0, max || MAX_TEXT);
  }
  function strList(value) {
    if (!Array.isArray(value)) return [];
    return value.map((v) => str(v)).filter(Boolean).slice(0, MAX_ITEMS);
  }
  function objList(value, fields) {
    if (!Array.isArray(value)) return [];
    return value
      .filter((v) => v && typeof v === "object")
      .slice(0, MAX_ITEMS)
      .map((v) => {
        const out = {};
        fields.forEach((f) => {
          out[f] = str(v[f]);
        });
        return out;
      });
  }
  function cleanTriage(t) {
    return {
      level: str(t.level, 40),
      label: str(t.label, 200),
      headline: str(t.headline),
      reasons: objList(t.reasons, ["rule", "because", "why", "source"]),
      causes: objList(t.causes, ["id", "title", "source"]),
      self_care: strList(t.self_care),
      do_now: strList(t.do_now),
      seek_help_now_if: strList(t.seek_help_now_if),
      sources: strList(t.sources),
      source_links: linkMap(t.source_links),
      disclaimer: str(t.disclaimer),
    };
  }
  // title -> address; only https addresses, so a payload cannot smuggle in a javascript: link.
  function linkMap(value) {
    const out = {};
    if (!isObject(value)) return out;
    Object.keys(value)
      .slice(0, MAX_ITEMS)
      .forEach((title) => {
        const url = str(value[title], 2000);
        if (/^https:\/\/[^\s]+$/.test(url)) out[str(title, 400)] = url;
      });
    return out;
  }
  function cleanReplies(list) {
    if (!Array.isArray(list)) return [];
    return list
      .filter((b) => b && typeof b === "object")
      .map((b) => ({ title: str(b.title, 200), payload: str(b.payload, 1000) }))
      .filter((b) => b.title && b.payload)
      .slice(0, MAX_REPLIES);
  }
  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }
  // One entry of the transcript, from the network or from storage (untrusted both).
  function cleanEntry(e) {
    if (!isObject(e) || (e.from !== "user" && e.from !== "bot")) return null;
    const out = { from: e.from };
    if (e.from === "bot" && isObject(e.triage)) out.triage = cleanTriage(e.triage);
    else if (e.from === "bot" && typeof e.summary === "string") out.summary = str(e.summary);
    else out.text = str(e.text);
    if (!out.triage && !out.text && !out.summary) return null;
    if (e.from === "bot") {
      const replies = cleanReplies(e.quickReplies);
      if (replies.length) out.quickReplies = replies;
    }
    return out;
  }

  // ------------------------------------------------------------------- DOM
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((name) => {
      const value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach((child) => {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  const SVG_NS = "http://www.w3.org/2000/svg";
  function icon(pathData) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "20");
    svg.setAttribute("height", "20");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }
  const ICON_CHAT =
    "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z";
  const ICON_CLOSE =
    "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";

  const host = el("div", { id: "charley-widget" });
  const root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  const stylesheet = el("link", { rel: "stylesheet", href: assetBase + "charley-widget.css" });
  // Hidden until the stylesheet arrives, so the page never shows it unstyled.
  const wrapper = el("div", { class: "cw", hidden: true });
  // Until the stylesheet arrives nothing has a size, so scrolling waits for it (after a reload the
  // view must open on the latest message, not the top of the transcript).
  const reveal = () => {
    wrapper.removeAttribute("hidden");
    if (!panel.hidden) showLatest();
  };
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);

  const launcher = el(
    "button",
    {
      type: "button",
      class: "cw-launcher",
      "aria-expanded": "false",
      "aria-controls": "cw-panel",
    },
    [icon(ICON_CHAT), el("span", { text: "Chat with " + config.title })],
  );
  const statusText = el("span", { class: "cw-status", id: "cw-status" });
  const restartButton = el("button", {
    type: "button",
    class: "cw-restart",
    text: "Start over",
    "aria-label": "Start a new conversation",
  });
  const closeButton = el(
    "button",
    { type: "button", class: "cw-close", "aria-label": "Close chat" },
    [icon(ICON_CLOSE)],
  );
  const log = el("div", {
    class: "cw-log",
    role: "log",
    "aria-live": "polite",
    "aria-relevant": "additions",
    "aria-label": "Conversation with " + config.title,
    tabindex: "0",
  });
  const intro = el("p", { class: "cw-intro", text: config.intro });
  const typing = el("div", { class: "cw-typing", role: "status", hidden: true }, [
    el("span", { class: "cw-dots", "aria-hidden": "true" }, [
      el("span"),
      el("span"),
      el("span"),
    ]),
    el("span", { class: "cw-typing-text", text: config.title + " is typing…" }),
  ]);
  const input = el("input", {
    id: "cw-input",
    class: "cw-input",
    type: "text",
    autocomplete: "off",
    maxlength: "1000",
    enterkeyhint: "send",
    placeholder: "Type your message",
  });
  const sendButton = el("button", { type: "submit", class: "cw-send", text: "Send" });
  const form = el("form", { class: "cw-form", novalidate: true }, [
    el("label", { class: "cw-sr", for: "cw-input", text: "Message to " + config.title }),
    input,
    sendButton,
  ]);
  const panel = el(
    "section",
    {
      id: "cw-panel",
      class: "cw-panel",
      role: "dialog",
      "aria-modal": "false",
      "aria-labelledby": "cw-title",
      "aria-describedby": "cw-subtitle",
      hidden: true,
    },
    [
      el("header", { class: "cw-header" }, [
        el("div", { class: "cw-heading" }, [
          el("h2", { id: "cw-title", class: "cw-title", text: config.title }),
          el("p", { id: "cw-subtitle", class: "cw-subtitle" }, [
            config.subtitle,
            statusText,
          ]),
        ]),
        restartButton,
        closeButton,
      ]),
      log,
      typing,
      form,
      el("footer", { class: "cw-footer" }, [
        el("p", { class: "cw-emergency", text: EMERGENCY_NOTE }),
      ]),
    ],
  );
  wrapper.appendChild(panel);
  wrapper.appendChild(launcher);
  root.appendChild(stylesheet);
  root.appendChild(wrapper);

  // ------------------------------------------------------------- rendering
  let cardCount = 0;
  function renderTriage(t) {
    const level = LEVEL_IDS.indexOf(t.level) >= 0 ? t.level : "unknown";
    const headingId = "cw-card-" + ++cardCount;
    const card = el("article", {
      class: "cw-card cw-level-" + level.replace("_", "-"),
      "aria-labelledby": headingId,
      "data-level": level,
    });
    card.appendChild(
      el("h3", { class: "cw-badge", id: headingId }, [
        el("span", { class: "cw-sr", text: "Advice: " }),
        t.label || "Advice",
      ]),
    );
    if (t.headline) card.appendChild(el("p", { class: "cw-headline", text: t.headline }));
    if (level === "emergency") card.appendChild(renderCallNow(t.do_now));
    function list(items) {
      return el("ul", {}, items.map((item) => el("li", { text: item })));
    }
    function section(kind, heading, items) {
      if (!items.length) return;
      card.appendChild(el("section", { class: "cw-section cw-" + kind }, [el("h4", { text: heading }), list(items)]));
    }
    // The rest, one tap away, so the card's top (what to do now) fits a phone screen.
    function more(kind, heading, nodes) {
      if (!nodes.length) return;
      card.appendChild(
        el("details", { class: "cw-section cw-more cw-" + kind }, [el("summary", { text: heading })].concat(nodes)),
      );
    }
    const actions = t.self_care.filter((item) => t.do_now.indexOf(item) === -1);
    section("top-actions", "What to do now", actions.slice(0, TOP_ACTIONS));
    section("seek-help", "Get medical help now if", t.seek_help_now_if);
    more(
      "why",
      "Why this advice",
      t.reasons
        .filter((r) => r.because || r.why)
        .map((r) => el("p", { class: "cw-reason", text: [r.because, r.why].filter(Boolean).join(" ") })),
    );
    const causes = t.causes.map((c) => c.title).filter(Boolean);
    more("causes", "What might be causing it", causes.length ? [list(causes)] : []);
    const rest = actions.slice(TOP_ACTIONS);
    more("self-care", "More you can do yourself", rest.length ? [list(rest)] : []);
    // The articles behind the reasons and causes, then any other listed source.
    const sources = [];
    t.reasons
      .concat(t.causes)
      .map((item) => item.source)
      .concat(t.sources || [])
      .forEach((title) => {
        if (title && sources.indexOf(title) === -1) sources.push(title);
      });
    const sourceItems = sources.map((title) => {
      const url = t.source_links[title];
      if (!url) return el("li", { text: title });
      return el("li", {}, [el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: title })]);
    });
    more("sources", "Sources", sourceItems.length ? [el("ul", {}, sourceItems)] : []);
    if (t.disclaimer) {
      card.appendChild(el("p", { class: "cw-disclaimer", text: t.disclaimer }));
    }
    return card;
  }

  // The emergency screen's head: a call button that cannot be missed, then what to do meanwhile.
  function renderCallNow(doNow) {
    const number = config.emergencyNumber;
    const call = number
      ? el("a", { class: "cw-call", href: "tel:" + number, text: "Call " + number + " now" })
      : el("p", { class: "cw-call cw-call-text", text: CALL_NOW_LOCAL });
    const block = el("div", { class: "cw-call-now", role: "alert" }, [call]);
    if (doNow.length) {
      block.appendChild(el("h4", { text: "While you wait for help" }));
      block.appendChild(el("ul", {}, doNow.map((item) => el("li", { text: item }))));
    }
    return block;
  }

  // The summary for a clinician: to copy into a message, print or keep as a file.
  function renderSummary(text) {
    const body = el("pre", { class: "cw-summary-text", text: text });
    const status = el("span", { class: "cw-summary-status", role: "status" });
    const copy = el("button", { type: "button", class: "cw-summary-copy", text: "Copy" });
    copy.addEventListener("click", () => {
      const done = () => (status.textContent = "Copied");
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, () => (status.textContent = "Select the text to copy it"));
      } else {
        status.textContent = "Select the text to copy it";
      }
    });
    const download = el("button", { type: "button", class: "cw-summary-download", text: "Download" });
    download.addEventListener("click", () => {
      const url = URL.createObjectURL(new Blob([text + "\n"], { type: "text/plain;charset=utf-8" }));
      const link = el("a", { href: url, download: "charley-summary.txt", hidden: true });
      root.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    const print = el("button", { type: "button", class: "cw-summary-print", text: "Print" });
    print.addEventListener("click", () => {
      // A frame of its own, so only the summary is printed, not the page around the widget.
      const frame = document.createElement("iframe");
      frame.setAttribute("aria-hidden", "true");
      frame.style.cssText = "position:fixed;width:0;height:0;border:0;";
      document.body.appendChild(frame);
      const doc = frame.contentDocument;
      const pre = doc.createElement("pre");
      pre.textContent = text;
      pre.style.cssText = "white-space:pre-wrap;font:12pt/1.4 sans-serif;";
      doc.body.appendChild(pre);
      frame.contentWindow.focus();
      frame.contentWindow.print();
      setTimeout(() => frame.remove(), 1000);
    });
    return el("section", { class: "cw-summary", "aria-label": "Summary for a clinician" }, [
      body,
      el("div", { class: "cw-checklist-actions" }, [copy, print, download, status]),
    ]);
  }

  function renderEntry(entry) {
    if (entry.summary) {
      return el("div", { class: "cw-row cw-row-bot cw-row-summary" }, [renderSummary(entry.summary)]);
    }
    if (entry.triage) {
      return el("div", { class: "cw-row cw-row-bot cw-row-card" }, [renderTriage(entry.triage)]);
    }
    const mine = entry.from === "user";
    // a checklist's options are shown as the boxes to tick, not again in the bubble
    const text = listedChoices(entry).length ? withoutListedLines(entry.text) : entry.text;
    return el("div", { class: "cw-row " + (mine ? "cw-row-user" : "cw-row-bot") }, [
      el("span", { class: "cw-sr", text: mine ? "You said: " : config.title + " said: " }),
      el("p", { class: "cw-bubble", text: text }),
    ]);
  }

  // A question that lists its options in the text ("- numbness or tingling") and offers each as a
  // reply lets the person tick several; the other replies ("None of these") stay single buttons.
  function listedChoices(entry) {
    if (!entry || !entry.text || !entry.quickReplies) return [];
    const listed = entry.text
      .split("\n")
      .filter((line) => line.indexOf("- ") === 0)
      .map((line) => line.slice(2).trim());
    const choices = entry.quickReplies.filter((r) => listed.indexOf(r.title) !== -1);
    return choices.length >= 2 ? choices : [];
  }
  function withoutListedLines(text) {
    return text
      .split("\n")
      .filter((line) => line.indexOf("- ") !== 0)
      .join("\n");
  }

  let checklistCount = 0;
  function renderChecklist(choices, others) {
    const legendId = "cw-checklist-" + ++checklistCount;
    const done = el("button", { type: "button", class: "cw-reply cw-done", text: "Done", disabled: true });
    const boxes = choices.map((choice, i) => {
      const id = legendId + "-" + i;
      const box = el("input", { type: "checkbox", id: id, class: "cw-check", value: choice.payload });
      box.addEventListener("change", () => {
        done.disabled = !boxes.some((b) => b.box.checked);
      });
      return { box: box, choice: choice, row: el("label", { class: "cw-choice", for: id }, [box, choice.title]) };
    });
    done.addEventListener("click", () => {
      const picked = boxes.filter((b) => b.box.checked).map((b) => b.choice);
      if (!picked.length) return;
      sendUser(picked.map((c) => c.payload).join("; "), picked.map((c) => c.title).join("; "));
      input.focus();
    });
    const group = el("fieldset", { class: "cw-checklist", "aria-labelledby": legendId }, [
      el("legend", { id: legendId, class: "cw-sr", text: "Tick all that apply, then Done" }),
    ]);
    boxes.forEach((b) => group.appendChild(b.row));
    const buttons = others.map((reply) => {
      const button = el("button", { type: "button", class: "cw-reply", text: reply.title });
      button.addEventListener("click", () => {
        sendUser(reply.payload, reply.title);
        input.focus();
      });
      return button;
    });
    return el("div", { class: "cw-replies cw-replies-checklist" }, [
      group,
      el("div", { class: "cw-checklist-actions", role: "group", "aria-label": "Answer" }, [done].concat(buttons)),
    ]);
  }

  function renderRepliesFor(entry) {
    const choices = listedChoices(entry);
    if (!choices.length) return renderReplies(entry.quickReplies);
    return renderChecklist(
      choices,
      entry.quickReplies.filter((r) => choices.indexOf(r) === -1),
    );
  }

  function renderReplies(replies) {
    return el(
      "div",
      { class: "cw-replies", role: "group", "aria-label": "Suggested answers" },
      replies.map((reply) => {
        const button = el("button", { type: "button", class: "cw-reply", text: reply.title });
        button.addEventListener("click", () => {
          sendUser(reply.payload, reply.title);
          input.focus();
        });
        return button;
      }),
    );
  }

  function removeReplies() {
    Array.prototype.forEach.call(log.querySelectorAll(".cw-replies"), (node) => node.remove());
  }

  // The latest message in view: a result card from its top, anything else at the bottom.
  function showLatest() {
    const rows = log.querySelectorAll(".cw-row");
    const last = rows[rows.length - 1];
    scrollTo(last && last.classList.contains("cw-row-card") ? last : log.lastElementChild);
  }

  function scrollTo(node) {
    if (node && node.classList.contains("cw-row-card")) {
      // Tall cards: show their top (level and "what to do now") first.
      log.scrollTop = Math.max(0, node.offsetTop - 8);
    } else {
      log.scrollTop = log.scrollHeight;
    }
  }

  // ----------------------------------------------------------------- state
  let sessionId = load("localStorage", "session");
  let entries = [];
  (function restore() {
    let saved = null;
    try {
      saved = JSON.parse(load("localStorage", "transcript") || "null");
    } catch (e) {
      saved = null;
    }
    if (saved && saved.sessionId && saved.sessionId === sessionId && Array.isArray(saved.entries)) {
      entries = saved.entries.map(cleanEntry).filter(Boolean).slice(-MAX_ENTRIES);
    }
  })();

  function persist() {
    if (!sessionId) return;
    store(
      "localStorage",
      "transcript",
      JSON.stringify({ v: 1, sessionId: sessionId, entries: entries }),
    );
  }

  function renderAll() {
    while (log.firstChild) log.removeChild(log.firstChild);
    log.appendChild(intro);
    entries.forEach((entry) => log.appendChild(renderEntry(entry)));
    const last = entries[entries.length - 1];
    if (last && last.from === "bot" && last.quickReplies) {
      log.appendChild(renderRepliesFor(last));
    }
  }

  function addEntry(raw) {
    const entry = cleanEntry(raw);
    if (!entry) return;
    entries.push(entry);
    if (entries.length > MAX_ENTRIES) entries = entries.slice(-MAX_ENTRIES);
    persist();
    removeReplies();
    const node = renderEntry(entry);
    log.appendChild(node);
    if (entry.quickReplies) log.appendChild(renderRepliesFor(entry));
    scrollTo(node);
  }

  let typingTimer = null;
  function showTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }
  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  function setStatus(text) {
    statusText.textContent = text ? " · " + text : "";
  }

  // ---------------------------------------------------------------- network
  let socket = null;
  let connecting = false;
  let confirmed = false;
  const outbox = [];

  // Loads our copy of socket.io without clobbering a page's own window.io (and
  // without registering with a page's AMD loader).
  let ioPromise = null;
  function loadSocketIo() {
    if (ioPromise) return ioPromise;
    ioPromise = new Promise((resolve, reject) => {
      const hadIo = Object.prototype.hasOwnProperty.call(window, "io");
      const previousIo = window.io;
      const amd = typeof window.define === "function" && window.define.amd ? window.define : null;
      if (amd) window.define = undefined;
      const tag = document.createElement("script");
      tag.src = assetBase + "socket.io.min.js";
      tag.async = true;
      const restore = () => {
        if (amd) window.define = amd;
        const ours = window.io;
        if (hadIo) window.io = previousIo;
        else delete window.io;
        return ours;
      };
      tag.onload = () => {
        const ours = restore();
        if (typeof ours === "function") resolve(ours);
        else reject(new Error("socket.io client did not load"));
      };
      tag.onerror = () => {
        restore();
        ioPromise = null;
        reject(new Error("socket.io client failed to load"));
      };
      document.head.appendChild(tag);
    });
    return ioPromise;
  }

  function flush() {
    if (!socket || !confirmed || !sessionId) return;
    while (outbox.length) {
      socket.emit(config.userEvent, { message: outbox.shift(), session_id: sessionId });
    }
  }

  function onSessionConfirm(data) {
    const id = isObject(data) ? data.session_id : data;
    if (typeof id !== "string" || !id) return;
    if (sessionId && id !== sessionId) {
      entries = []; // the server started another conversation: drop the old transcript
      renderAll();
    }
    sessionId = id;
    store("localStorage", "session", id);
    persist();
    confirmed = true;
    setStatus("");
    flush();
  }

  function onBotMessage(message) {
    if (!isObject(message)) return;
    hideTyping();
    const custom = isObject(message.custom) ? message.custom : message;
    const replies = message.quick_replies || message.buttons;
    if (isObject(custom.triage)) {
      // The same bot message's text is a plain rendering of the card: show the card only.
      addEntry({ from: "bot", triage: custom.triage, quickReplies: replies });
    } else if (isObject(custom.summary) && typeof custom.summary.text === "string") {
      addEntry({ from: "bot", summary: custom.summary.text, quickReplies: replies });
    } else if (typeof message.text === "string" && message.text.trim()) {
      addEntry({ from: "bot", text: message.text, quickReplies: replies });
    }
    // Images, attachments and other custom payloads are not shown by this widget.
  }

  function connect() {
    if (socket || connecting) return;
    connecting = true;
    setStatus("connecting…");
    loadSocketIo().then(
      (io) => {
        socket = io(config.socketUrl, { path: config.socketPath });
        socket.on("connect", () => {
          confirmed = false;
          socket.emit("session_request", { session_id: sessionId || null });
        });
        socket.on("session_confirm", onSessionConfirm);
        socket.on(config.botEvent, onBotMessage);
        socket.on("disconnect", () => {
          confirmed = false;
          setStatus("reconnecting…");
        });
        socket.on("connect_error", () => setStatus("can't reach " + config.title + ", retrying…"));
      },
      () => {
        connecting = false;
        setStatus("chat unavailable, please try again later");
      },
    );
  }

  function sendUser(payload, shown) {
    const text = str(payload, 1000).trim();
    if (!text) return;
    addEntry({ from: "user", text: shown || text });
    outbox.push(text);
    showTyping();
    connect();
    flush();
  }

  // ------------------------------------------------------------- behaviour
  function isOpen() {
    return !panel.hidden;
  }
  function open(moveFocus) {
    panel.hidden = false;
    wrapper.classList.add("cw-is-open");
    launcher.setAttribute("aria-expanded", "true");
    store("sessionStorage", "open", "1");
    connect();
    showLatest();
    if (moveFocus !== false) input.focus();
  }
  function close(moveFocus) {
    panel.hidden = true;
    wrapper.classList.remove("cw-is-open");
    launcher.setAttribute("aria-expanded", "false");
    store("sessionStorage", "open", null);
    hideTyping();
    if (moveFocus !== false) launcher.focus();
  }
  function restart() {
    entries = [];
    sessionId = null;
    confirmed = false;
    outbox.length = 0;
    store("localStorage", "session", null);
    store("localStorage", "transcript", null);
    hideTyping();
    renderAll();
    if (socket && socket.connected) socket.emit("session_request", { session_id: null });
    input.focus();
  }

  launcher.addEventListener("click", () => (isOpen() ? close() : open()));
  closeButton.addEventListener("click", () => close());
  // "Start over" wipes the conversation, so it asks first, inside the panel.
  const confirmRestart = el("div", { class: "cw-confirm", role: "alertdialog", "aria-labelledby": "cw-confirm-text", hidden: true }, [
    el("p", { id: "cw-confirm-text", text: "Start a new conversation? This chat will be cleared." }),
  ]);
  const confirmYes = el("button", { type: "button", class: "cw-confirm-yes", text: "Yes, start over" });
  const confirmNo = el("button", { type: "button", class: "cw-confirm-no", text: "Cancel" });
  confirmRestart.appendChild(el("div", { class: "cw-checklist-actions" }, [confirmYes, confirmNo]));
  panel.insertBefore(confirmRestart, log);
  function askRestart() {
    if (!entries.length) return restart();
    confirmRestart.hidden = false;
    confirmNo.focus();
  }
  confirmYes.addEventListener("click", () => {
    confirmRestart.hidden = true;
    restart();
  });
  confirmNo.addEventListener("click", () => {
    confirmRestart.hidden = true;
    restartButton.focus();
  });
  restartButton.addEventListener("click", askRestart);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    sendUser(text);
  });
  wrapper.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      event.preventDefault();
      close();
    }
  });

  renderAll();
  function mount() {
    document.body.appendChild(host);
    if (load("sessionStorage", "open") === "1") open(false); // reopen after a reload
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.CharleyWidget = {
    version: VERSION,
    open: () => open(),
    close: () => close(),
    restart: restart,
  };
})();
