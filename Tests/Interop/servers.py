"""Start and stop the two servers the interop tests talk to, on loopback.

- the identity emulator: ``entra-auth emulator --port 0``, which prints ``KEY=value`` lines
  (IDENTITY_ENDPOINT, IDENTITY_HEADER, AZURE_POD_IDENTITY_AUTHORITY_HOST, AUTH_AUTHORITY);
- aad-func with ``PORT=0`` (a free port), which prints ``aad-func listening on http://HOST:PORT …``.

The binaries come from ``$ENTRAAUTH_BIN_DIR`` (default: ``.build/debug`` of this repository).
Each server's standard error goes to a log file, shown when a start fails.
"""
from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
API_RESOURCE = "api://aad-func"

# The seed scenario of the emulator's default configuration.
MSI_FUNC = {"client_id": "5a1c3e7f-2b4d-4f6a-8c9e-0d2b4f6a8c1e", "object_id": "9c7e5a3f-1d2b-4a6c-8e0f-3b5d7f9a1c2e",
            "resource_id": "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.Web/sites/msi-func"}
READER_FUNC = {"client_id": "6b2d4f8a-3c5e-4a7b-9d0f-1e3a5c7e9b2d", "object_id": "8d6f4b2a-0e1c-4b3d-9f5a-7c9e1b3d5f4a",
               "resource_id": "/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/resourcegroups/entra-auth-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/reader-func"}


def bin_dir() -> Path:
    return Path(os.environ.get("ENTRAAUTH_BIN_DIR", REPO / ".build" / "debug"))


@dataclass
class Running:
    """A started server: its process, what it printed, and where its log is."""
    process: subprocess.Popen
    log: Path
    values: dict[str, str] = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def _read_lines(process: subprocess.Popen, log: Path, done, timeout: float) -> list[str]:
    """Lines of the process's stdout until ``done(lines)`` is true; raises on exit or timeout."""
    lines: list[str] = []
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    buffer = b""
    while not done(lines):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            process.kill()
            raise RuntimeError(f"{process.args[0]} did not start (exit {process.poll()}); stdout so far {lines!r}; "
                               f"log {log}:\n{log.read_text(errors='replace')[-4000:]}")
        if selector.select(timeout=min(remaining, 0.5)):
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                continue
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                lines.append(line.decode())
    selector.close()
    return lines


def start_emulator(log_dir: Path, timeout: float = 120) -> Running:
    """``entra-auth emulator --port 0``; ``values`` holds its four KEY=value lines."""
    log = log_dir / "emulator.log"
    process = subprocess.Popen([str(bin_dir() / "entra-auth"), "emulator", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=log.open("wb"), stdin=subprocess.DEVNULL)
    wanted = {"IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "AUTH_AUTHORITY"}
    lines = _read_lines(process, log, lambda ls: wanted <= {l.split("=", 1)[0] for l in ls if "=" in l}, timeout)
    values = dict(line.split("=", 1) for line in lines if "=" in line)
    return Running(process, log, values)


def emulator_token(emulator: Running, resource: str = API_RESOURCE, **selector: str) -> str:
    """A token straight from the emulator's App Service endpoint (no client library)."""
    query = urllib.parse.urlencode({"api-version": "2019-08-01", "resource": resource, **selector})
    request = urllib.request.Request(f"{emulator.values['IDENTITY_ENDPOINT']}?{query}",
                                     headers={"X-IDENTITY-HEADER": emulator.values["IDENTITY_HEADER"]})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["access_token"]


def start_aad_func(log_dir: Path, emulator: Running, audience: str = API_RESOURCE, timeout: float = 60) -> Running:
    """aad-func on a free loopback port, trusting the emulator; returns once its keys are loaded
    (a request with a valid token no longer answers 503). ``values["URL"]`` is its base URL."""
    log = log_dir / "aad-func.log"
    environment = {**os.environ, "PORT": "0", "HOST": "127.0.0.1", "AUTH_AUTHORITY": emulator.values["AUTH_AUTHORITY"],
                   "AUTH_AUDIENCE": audience, "ACCESS_LOG": "1"}
    process = subprocess.Popen([str(bin_dir() / "aad-func")], env=environment, stdout=subprocess.PIPE,
                               stderr=log.open("wb"), stdin=subprocess.DEVNULL)
    pattern = re.compile(r"listening on (http://\S+)")
    lines = _read_lines(process, log, lambda ls: any(pattern.search(l) for l in ls), timeout)
    url = next(pattern.search(l).group(1) for l in lines if pattern.search(l))
    running = Running(process, log, {"URL": url})
    token = emulator_token(emulator)
    deadline = time.monotonic() + timeout
    while True:
        status = get(url + "/api/claims", token)[0]
        if status != 503:
            return running
        if time.monotonic() > deadline:
            running.stop()
            raise RuntimeError(f"aad-func never loaded the emulator's keys; log {log}:\n{log.read_text()[-4000:]}")
        time.sleep(0.2)


def get(url: str, token: str | None = None) -> tuple[int, dict | None, dict[str, str]]:
    """``GET url`` → (status, JSON body or None, headers)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, body, response_headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, body, response_headers = error.code, error.read(), dict(error.headers)
    try:
        parsed = json.loads(body) if body else None
    except ValueError:
        parsed = None
    return status, parsed, response_headers


