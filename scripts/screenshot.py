"""Screenshots of pages on a running site, phone and desktop, with Debian Chromium.

    .venv/bin/python scripts/screenshot.py http://127.0.0.1:5000 / /plan/ /login --out test-artifacts/shots
    (add --login email:password to log in first)
"""
import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--out", default="test-artifacts/shots")
    parser.add_argument("--login", default=None, help="email:password")
    parser.add_argument("--full", action="store_true", help="full-page screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale="ja-JP", device_scale_factor=1)
            page = context.new_page()
            if args.login:
                email, password = args.login.split(":", 1)
                page.goto(args.base + "/login")
                page.fill("#email", email)
                page.fill("#password", password)
                page.click("main form button[type=submit]")
            for path in args.paths:
                page.goto(args.base + path)
                slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                target = out / f"{slug}-{name}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
