"""Schemathesis against both running servers: aad-func with openapi/aad-func.yaml (no token,
msi-func's token, reader-func's token) and the emulator with openapi/emulator.yaml.

    python Tests/Interop/run_schemathesis.py LOG_DIR

Starts the emulator and aad-func (see servers.py), runs each schemathesis command with its
output streamed, stops the servers, and exits 1 if any run failed.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import servers

OPENAPI = servers.REPO / "openapi"


def schemathesis() -> str:
    """The CLI beside this interpreter (a venv's bin/), else the one on PATH."""
    beside = Path(sys.executable).with_name("schemathesis")
    return str(beside) if beside.exists() else (shutil.which("schemathesis") or "schemathesis")


def main(log_dir: Path) -> int:
    log_dir.mkdir(parents=True, exist_ok=True)
    emulator = servers.start_emulator(log_dir)
    try:
        aad_func = servers.start_aad_func(log_dir, emulator)
        try:
            caller = servers.emulator_token(emulator)
            roleless = servers.emulator_token(emulator, client_id=servers.READER_FUNC["client_id"])
            aad = [schemathesis(), "--config-file", str(OPENAPI / "aad-func.schemathesis.toml"), "run",
                   str(OPENAPI / "aad-func.yaml"), "--url", aad_func.values["URL"]]
            runs = [
                ("aad-func, no token", aad),
                ("aad-func, msi-func's token (DoAll)", aad + ["-H", f"Authorization: Bearer {caller}"]),
                ("aad-func, reader-func's token (no role)", aad + ["-H", f"Authorization: Bearer {roleless}"]),
                ("emulator", [schemathesis(), "--config-file", str(OPENAPI / "schemathesis.toml"), "run",
                              str(OPENAPI / "emulator.yaml"), "--url", emulator.values["AZURE_POD_IDENTITY_AUTHORITY_HOST"],
                              "-H", f"X-IDENTITY-HEADER: {emulator.values['IDENTITY_HEADER']}"]),
            ]
            failed = []
            for title, command in runs:
                print(f"--- schemathesis: {title}", flush=True)
                if subprocess.run(command, stdin=subprocess.DEVNULL, cwd=log_dir).returncode != 0:  # its caches go there
                    failed.append(title)
            if failed:
                print(f"schemathesis failed: {', '.join(failed)} (server logs in {log_dir})", flush=True)
                return 1
            print(f"schemathesis: all {len(runs)} runs passed", flush=True)
            return 0
        finally:
            aad_func.stop()
    finally:
        emulator.stop()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemathesis-logs")))
