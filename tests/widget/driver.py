"""Reusable helpers to drive Charley's chat widget in a real Chromium via Playwright.

Nothing here knows about the stand-in server: point ``WidgetDriver`` at any server that
serves the widget (the stand-in in these tests, or the real Charley servers) with
``base_url`` and ``demo_path``.
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from typing import Any, Dict, List, Tuple
from urllib.parse import urlsplit

from bot.channels.render import level_labels

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PATH = "/webhooks/widget/demo"
LEVEL_LABELS = level_labels()
EMERGENCY_NOTE = "In an emergency call your local emergency number (e.g. 911, 112 or 999)."


def chromium_path() -> str:
    return os.environ.get("CHARLEY_CHROMIUM", DEFAULT_CHROMIUM)


def browser_unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed (run `make setup`)"
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)) and not shutil.which(path):
        return f"no Chromium at {path} (apt-get install -y chromium, or set CHARLEY_CHROMIUM)"
    return None


def launch_chromium(playwright: Any, executable_path: str | None = None) -> Any:
    """Debian's Chromium, headless, no background traffic, fresh temporary profile
    (Playwright's launch() always starts from a new empty user-data-dir)."""
    return playwright.chromium.launch(
        executable_path=executable_path or chromium_path(),
        headless=True,
        args=CHROMIUM_ARGS,
    )


@dataclass
class NetworkLog:
    """Everything a page fetched: request URLs, WebSocket URLs and response sizes."""

    requests: List[str] = field(default_factory=list)
    websockets: List[str] = field(default_factory=list)
    responses: List[Any] = field(default_factory=list)
    console_errors: List[str] = field(default_factory=list)

    def attach(self, page: Any) -> "NetworkLog":
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))
        page.on("response", lambda response: self.responses.append(response))
        page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        return self

    def foreign_urls(self, base_url: str) -> List[str]:
        """URLs (HTTP and WebSocket) whose host:port is not the base URL's."""
        own = urlsplit(base_url).netloc
        return [
            url
            for url in self.requests + self.websockets
            if urlsplit(url).netloc != own and not url.startswith(("data:", "blob:"))
        ]

    def downloaded_bytes(self) -> Tuple[int, List[Tuple[str, int]]]:
        """Sum of the bytes of every response (headers + body as sent on the wire)."""
        rows = []
        for response in self.responses:
            sizes = response.request.sizes()
            rows.append(
                (
                    response.url,
                    int(sizes.get("responseHeadersSize", 0)) + int(sizes.get("responseBodySize", 0)),
                )
            )
        return sum(size for _, size in rows), rows


# JavaScript run in the page ---------------------------------------------------------
_JS_TRANSCRIPT = """() => {
  const host = document.getElementById('charley-widget');
  const root = host && host.shadowRoot;
  if (!root) return [];
  return Array.from(root.querySelectorAll('.cw-row')).map((row) => {
    const card = row.querySelector('.cw-card');
    if (card) return {who: 'bot', card: true, level: card.dataset.level,
                      text: card.innerText};
    const bubble = row.querySelector('.cw-bubble');
    return {who: row.classList.contains('cw-row-user') ? 'user' : 'bot', card: false,
            text: bubble ? bubble.textContent : ''};
  });
}"""

_JS_FOCUSED = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return null;
  return {tag: el.tagName.toLowerCase(), id: el.id || '', className: String(el.className || ''),
          text: (el.textContent || '').trim().slice(0, 100),
          label: el.getAttribute('aria-label') || ''};
}"""

# WCAG 2.x contrast of every visible text node in the widget against the first opaque
# background behind it (semi-transparent backgrounds are blended in).
_JS_CONTRAST = """() => {
  const host = document.getElementById('charley-widget');
  const root = host.shadowRoot;
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const blend = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const parentOf = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = parentOf(node)) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) { layers.push(bg); if (bg[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = blend(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const results = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.textContent.trim();
    const el = t.parentElement;
    if (!text || !el || el.closest('.cw-sr')) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden' || !el.checkVisibility()) continue;
    const bg = background(el);
    const fg = blend(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const bold = parseInt(style.fontWeight, 10) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const value = ratio(fg, bg);
    results.push({text: text.slice(0, 60), ratio: Math.round(value * 100) / 100,
                  required: large ? 3 : 4.5, color: style.color});
  }
  return results;
}"""


class WidgetDriver:
    """Drives the embedded widget like a person would (mouse or keyboard)."""

    def __init__(self, page: Any, base_url: str, demo_path: str = DEMO_PATH) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.demo_path = demo_path
        self.launcher = page.locator(".cw-launcher")
        self.panel = page.locator(".cw-panel")
        self.input = page.locator(".cw-input")
        self.send_button = page.locator(".cw-send")
        self.close_button = page.locator(".cw-close")
        self.log = page.locator(".cw-log")
        self.typing = page.locator(".cw-typing")
        self.replies = page.locator(".cw-reply")
        self.cards = page.locator(".cw-card")
        self.footer = page.locator(".cw-emergency")

    # navigation ------------------------------------------------------------------
    def goto_demo(self) -> Any:
        response = self.page.goto(self.base_url + self.demo_path, wait_until="load")
        self.launcher.wait_for(state="visible")
        return response

    def reload(self) -> Any:
        response = self.page.reload(wait_until="load")
        self.launcher.wait_for(state="visible")
        return response

    # actions ---------------------------------------------------------------------
    def open(self) -> None:
        if not self.panel.is_visible():
            self.launcher.click()
        self.panel.wait_for(state="visible")

    def close(self) -> None:
        self.close_button.click()
        self.panel.wait_for(state="hidden")

    def send(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")

    def quick_reply(self, title: str) -> Any:
        return self.page.locator(".cw-reply", has_text=title)

    def click_quick_reply(self, title: str) -> None:
        self.quick_reply(title).click()

    # waiting ---------------------------------------------------------------------
    def bot_bubble(self, text: str) -> Any:
        return self.page.locator(".cw-row-bot .cw-bubble", has_text=text)

    def user_bubble(self, text: str) -> Any:
        return self.page.locator(".cw-row-user .cw-bubble", has_text=text)

    def wait_for_bot_text(self, text: str, timeout: float = 10_000) -> Any:
        bubble = self.bot_bubble(text).last
        bubble.wait_for(state="visible", timeout=timeout)
        return bubble

    def wait_for_card(self, timeout: float = 10_000) -> Any:
        card = self.cards.last
        card.wait_for(state="visible", timeout=timeout)
        return card

    def open_card_sections(self, card: Any) -> str:
        """Taps every folded section of a result card open, as a person reading it all would, and
        returns the card's text."""
        for summary in card.locator("summary").all():
            summary.click()
        return normalise_space(card.inner_text())

    # reading ---------------------------------------------------------------------
    def transcript(self) -> List[Dict[str, Any]]:
        return self.page.evaluate(_JS_TRANSCRIPT)

    def focused(self) -> Dict[str, str] | None:
        """The focused element, looking inside the widget's shadow root."""
        return self.page.evaluate(_JS_FOCUSED)

    def session_id(self) -> str | None:
        return self.page.evaluate(
            """() => { for (let i = 0; i < localStorage.length; i++) {
                 const k = localStorage.key(i);
                 if (k.startsWith('charley-widget:') && k.endsWith(':session'))
                   return localStorage.getItem(k); }
               return null; }"""
        )

    def contrast_failures(self) -> List[Dict[str, Any]]:
        results = self.page.evaluate(_JS_CONTRAST)
        return [r for r in results if r["ratio"] < r["required"]]

    def count_in_widget(self, selector: str) -> int:
        return self.page.evaluate(
            "(s) => document.getElementById('charley-widget').shadowRoot"
            ".querySelectorAll(s).length + document.querySelectorAll(s).length",
            selector,
        )

    def tab_until(self, predicate: Any, max_presses: int = 20) -> Dict[str, str]:
        """Press Tab until ``predicate(focused())`` holds; returns that element."""
        for _ in range(max_presses):
            self.page.keyboard.press("Tab")
            focused = self.focused()
            if focused and predicate(focused):
                return focused
        raise AssertionError(f"Tab never reached the element (last: {self.focused()})")


def run_to_triage(
    driver: WidgetDriver,
    description: str,
    button_title: str,
    typed_answer: str,
    first_question: str,
    second_question: str,
) -> Any:
    """Describe, answer a question with a button and one by typing; returns the card."""
    driver.open()
    driver.send(description)
    driver.quick_reply(button_title).wait_for(state="visible")
    driver.wait_for_bot_text(first_question)
    driver.click_quick_reply(button_title)
    driver.wait_for_bot_text(second_question)
    driver.send(typed_answer)
    return driver.wait_for_card()


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
