"""Render a profile's HTML report in headless Chromium to a PNG a person can look at.

Usage: python scripts/report_png.py examples/bakery.yaml out.png [--width 1000] [--height 20000]

It runs ``advisor score PROFILE --format html`` with the same Python, writes the report to
a temporary file and takes a screenshot of it. The window is tall so that the whole
report fits; whatever is below the window's height is cut off. Chromium is looked for as
``chromium``, ``chromium-browser`` and ``google-chrome``, in that order.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path, help="the business profile (YAML)")
    parser.add_argument("png", type=Path, help="the screenshot to write")
    parser.add_argument("--width", type=int, default=1000, help="window width in pixels")
    parser.add_argument("--height", type=int, default=20000, help="window height in pixels")
    parser.add_argument("--as-of", default=None, metavar="YYYY-MM-DD", help="passed to advisor")
    args = parser.parse_args(argv)
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print(f"error: no browser found; install one of: {', '.join(BROWSERS)}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        if not _write_report(args.profile, report, args.as_of):
            return 1
        return _screenshot(browser, report, args.png.resolve(), args.width, args.height)


def _write_report(profile: Path, report: Path, as_of: str | None) -> bool:
    command = [sys.executable, "-m", "platform_advisor", "score", str(profile)]
    command += ["--format", "html", "--output", str(report)]
    command += ["--as-of", as_of] if as_of else []
    return subprocess.run(command, check=False).returncode == 0


def _screenshot(browser: str, report: Path, png: Path, width: int, height: int) -> int:
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--screenshot={png}",
        f"--window-size={width},{height}",
        report.as_uri(),
    ]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0 or not png.exists():
        print(f"error: the browser failed:\n{done.stderr}", file=sys.stderr)
        return 1
    print(f"wrote {png}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
