"""Drive headless Chromium over its DevTools protocol: open a report, type into a box, click a
header, read what the page shows. Local only: the page is a file, the protocol a loopback socket,
and the browser is told not to touch the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket  # websocket-client, installed with Jupyter

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One report open in headless Chromium; use as a context manager."""

    def __init__(self, path: Path):
        self.path = Path(path).resolve()
        self._id = 0

    def __enter__(self) -> Page:
        self._profile = tempfile.TemporaryDirectory(
            prefix="atlas-chromium-", ignore_cleanup_errors=True
        )  # Chromium may still write
        self._proc = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={self._profile.name}",
                "--window-size=1280,1600",
                self.path.as_uri(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = []
        while not targets:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                targets = [t for t in json.load(r) if t["type"] == "page" and t["url"].startswith("file:")]
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not open the page")
            time.sleep(0.1)
        self._ws = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=30)
        # the first document of a new tab is an empty one, already "complete": wait for the file's
        loaded = "location.protocol === 'file:' && document.readyState === 'complete' && !!document.querySelector('h1')"
        while not self.js(loaded):
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not finish loading the page")
            time.sleep(0.1)
        return self

    def __exit__(self, *exc) -> None:
        self._ws.close()
        self._proc.terminate()
        self._proc.wait(timeout=10)
        self._profile.cleanup()

    def send(self, method: str, **params) -> dict:
        """Send one protocol command and return its result."""
        self._id += 1
        self._ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            msg = json.loads(self._ws.recv())
            if msg.get("id") == self._id:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg["result"]

    def js(self, expression: str):
        """Evaluate JavaScript in the page and return its value."""
        out = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in out:
            raise RuntimeError(out["exceptionDetails"])
        return out["result"].get("value")

    def type_into(self, selector: str, text: str) -> None:
        """Focus an input and type ``text`` as a user would (the page sees input events)."""
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        for ch in text:
            self.send("Input.insertText", text=ch)

    def visible_rows(self, selector: str = "table > thead ~ tbody > tr") -> int:
        """How many rows of the matching tables (by default those with a header row, the tables of
        data; a card's two-column table has none) are not hidden."""
        return self.js(f"[...document.querySelectorAll({json.dumps(selector)})].filter(r => !r.hidden).length")
