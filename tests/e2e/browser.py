"""Headless Chromium for the page test: one-shot runs, a tiny DOM, and a DevTools client.

Only the standard library and aiohttp (already a dependency of faust) are used.

- :func:`run_chromium` runs ``chromium --headless`` once (``--dump-dom``, ``--screenshot``).
- :func:`parse_dom` turns the dumped HTML into :class:`Node` trees with simple lookups.
- :class:`DevTools` starts Chromium with a DevTools port and evaluates JavaScript in the
  page, for what a one-shot run cannot show: live updates and the error banner.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp

INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"

BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found is None:
        raise RuntimeError(f"chromium is not installed; install it with: {INSTALL}")
    return found


def run_chromium(profile: Path, *args: str, timeout: float = 90.0) -> str:
    """Run headless Chromium once with its own profile dir; return stdout."""
    profile.mkdir(parents=True, exist_ok=True)
    cmd = [chromium_path(), *BASE_FLAGS, f"--user-data-dir={profile}", *args]
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"chromium exited with {proc.returncode}:\n{proc.stderr.decode(errors='replace')[-3000:]}")
    return proc.stdout.decode()


# ---- a small DOM --------------------------------------------------------------------

VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self) -> Iterator[Node]:
        """This node and every element below it, in document order."""
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs: str | None) -> list[Node]:
        """Elements with this tag whose attributes match (``class_`` matches one class;
        ``None`` only asks that the attribute be present; ``_`` in names stands for ``-``)."""
        out = []
        for n in self.iter():
            if tag is not None and n.tag != tag:
                continue
            ok = True
            for key, want in attrs.items():
                if key == "class_":
                    ok = want in n.classes
                else:
                    name = key.replace("_", "-")
                    ok = name in n.attrs and (want is None or n.attrs[name] == want)
                if not ok:
                    break
            if ok:
                out.append(n)
        return out

    def find(self, tag: str | None = None, **attrs: str | None) -> Node:
        found = self.find_all(tag, **attrs)
        if not found:
            raise AssertionError(f"no <{tag or '*'}> with {attrs} under <{self.tag} {self.attrs}>")
        return found[0]

    def by_id(self, ident: str) -> Node:
        return self.find(None, id=ident)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def marked_text(self) -> tuple[str, list[tuple[int, int]]]:
        """The text, and the [start, end) code-point ranges that sit inside <mark> elements."""
        parts: list[str] = []
        marks: list[tuple[int, int]] = []
        pos = 0
        for c in self.children:
            if isinstance(c, str):
                parts.append(c)
                pos += len(c)
            elif c.tag == "mark":
                t = c.text
                marks.append((pos, pos + len(t)))
                parts.append(t)
                pos += len(t)
            else:
                t, inner = c.marked_text()
                marks.extend((pos + s, pos + e) for s, e in inner)
                parts.append(t)
                pos += len(t)
        return "".join(parts), marks


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.cur))

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse_dom(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG, from its IHDR chunk."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# ---- DevTools ---------------------------------------------------------------------


class DevTools:
    """Chromium with a DevTools port, showing one page; ``evaluate`` runs JavaScript in it.

    ``launch()`` (blocking) starts Chromium and finds the page; ``async with`` connects to it
    and, on the way out, closes the connection and stops Chromium.
    """

    def __init__(self, profile: Path, url: str, log_path: Path) -> None:
        self.profile = profile
        self.url = url
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.ws_url = ""
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._next_id = 0

    def launch(self, limit_s: float = 30.0) -> DevTools:
        self.profile.mkdir(parents=True, exist_ok=True)
        port_file = self.profile / "DevToolsActivePort"
        port_file.unlink(missing_ok=True)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [chromium_path(), *BASE_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
                 "--window-size=1280,1600", self.url],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        try:
            deadline = time.monotonic() + limit_s
            port = self._port(port_file, deadline)
            self.ws_url = self._page_socket(port, deadline)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def _port(self, port_file: Path, deadline: float) -> int:
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.proc.returncode}; see {self.log_path}")
            lines = port_file.read_text().splitlines() if port_file.exists() else []
            if lines and lines[0].strip().isdigit():
                return int(lines[0])
            time.sleep(0.1)
        raise TimeoutError("chromium opened no DevTools port in time")

    def _page_socket(self, port: int, deadline: float) -> str:
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as resp:
                targets = json.loads(resp.read())
            for t in targets:
                if t.get("type") == "page" and t.get("url", "").startswith(self.url):
                    return str(t["webSocketDebuggerUrl"])
            time.sleep(0.1)
        raise TimeoutError(f"no DevTools page target for {self.url}")

    async def __aenter__(self) -> DevTools:
        if not self.ws_url:
            raise RuntimeError("call launch() first")
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(self.ws_url, max_msg_size=0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()
        self.stop()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        assert self.ws is not None
        self._next_id += 1
        ident = self._next_id
        await self.ws.send_json({"id": ident, "method": method, "params": params})
        while True:  # events are not enabled, but skip anything that is not our answer
            msg = await self.ws.receive_json(timeout=30)
            if msg.get("id") == ident:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                result: dict[str, Any] = msg["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        r = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression!r} threw: {r['exceptionDetails']}")
        return r["result"].get("value")

    async def wait_for(self, expression: str, what: str, limit_s: float = 20.0) -> Any:
        """Evaluate until the value is truthy; return it."""
        deadline = time.monotonic() + limit_s
        while True:
            value = await self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {limit_s}s waiting for {what}")
            await asyncio.sleep(0.2)
