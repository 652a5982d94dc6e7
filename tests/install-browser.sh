#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests.
# Order: one already installed; Debian's chromium (as root or with sudo);
# Playwright's managed Chromium. Usage: install-browser.sh PYTHON
set -euo pipefail
python=$1
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null; then exit 0; fi
done
if command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null && exit 0
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null && exit 0
  fi
fi
echo "No system Chromium: trying Playwright's managed browser" >&2
"$python" -m playwright install chromium || {
  echo "No Chromium could be installed: install 'chromium' with your package manager." >&2
  exit 1
}
