"""Draw the installable app's PNG icons from static/favicon.svg, once; the PNGs are committed.

    python -m pwa.make_icons

Chromium renders the SVG (the Playwright browser the end-to-end tests use), so the icons are
the favicon at every size. The maskable icon fills the whole square with the brand colour and
keeps the glyph inside the central 80% that every launcher's mask leaves visible.
"""

import os
import re
import shutil
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
ICONS = STATIC / "icons"
# (file name, size in pixels, maskable)
SIZES = [
    ("icon-192.png", 192, False),
    ("icon-512.png", 512, False),
    ("maskable-512.png", 512, True),
    ("apple-touch-icon.png", 180, True),
]


def svg_for(maskable: bool) -> str:
    svg = (STATIC / "favicon.svg").read_text()
    if not maskable:
        return svg
    # Square corners, and the glyph scaled to 70% around the centre: inside the safe zone.
    svg = svg.replace('rx="14"', 'rx="0"')
    return re.sub(r"<path ", '<path transform="translate(9.6 9.6) scale(.7)" ', svg)


def main() -> None:
    from playwright.sync_api import sync_playwright

    ICONS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu"],
        )
        for name, size, maskable in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = svg_for(maskable).replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
            page.set_content(f"<body style='margin:0;background:transparent'>{svg}</body>")
            page.locator("svg").screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
