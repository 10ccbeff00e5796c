"""Takes the README's screenshots (docs/images/*.png) from a demo database.

    .venv/bin/python docs/screenshots.py

Builds a throwaway SQLite database with `seed_demo`, serves it with `runserver` on a free port,
and photographs the dashboard and a contact page at 1280 px and the public Quick Connect form at
375 px with Debian's Chromium (the same browser as the tests). Nothing touches data/.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def shell(env: dict, code: str) -> str:
    """The last line `code` prints in `manage.py shell` (the shell may print notices first)."""
    return manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def main() -> None:
    work = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work}/demo.sqlite3",
        "DATA_DIR": str(work),
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    }
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")  # as `make run` does
    out = manage(
        env,
        "seed_demo",
        "--users",
        "1",
        "--contacts-per-user",
        "120",
        "--interactions-per-contact",
        "6",
        "--seed",
        "7",
    )
    password = re.search(r"password: (\S+)", out)[1]
    manage(env, "refresh_statuses", "--verbosity", "0")
    token = shell(
        env,
        (
            "from accounts.models import User; from quickconnect.models import QuickConnectCode; "
            "u = User.objects.get(username='demo'); "
            "print(QuickConnectCode.objects.create(owner=u, event_name='PyCon 2026').token)"
        ),
    )
    contact = shell(
        env,
        (
            "from contacts.models import Contact; "
            "print(Contact.objects.filter(owner__username='demo', is_vip=True)"
            ".order_by('name')[0].code)"
        ),
    )
    print(f"contact {contact}, Quick Connect {token}")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(work / "server.log").open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        IMAGES.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            desk = browser.new_page(viewport={"width": 1280, "height": 860})
            desk.goto(f"{base}/accounts/login/")
            if "error" in desk.title().lower():
                raise SystemExit((work / "server.log").read_text()[-3000:])
            desk.fill("input[name=username]", "demo")
            desk.fill("input[name=password]", password)
            desk.click("button[type=submit]")
            desk.wait_for_load_state("networkidle")
            desk.screenshot(path=IMAGES / "dashboard.png")
            desk.goto(f"{base}/contacts/{contact}/")
            desk.wait_for_load_state("networkidle")
            desk.screenshot(path=IMAGES / "contact.png")
            phone = browser.new_page(viewport={"width": 375, "height": 760}, device_scale_factor=1)
            phone.goto(f"{base}/q/{token}/")
            phone.screenshot(path=IMAGES / "phone-form.png")
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    for image in sorted(IMAGES.glob("*.png")):
        print(f"{image.relative_to(ROOT)}: {image.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
