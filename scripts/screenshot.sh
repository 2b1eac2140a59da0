#!/usr/bin/env bash
# Saves a full-page PNG of a relocsim report (report.html or compare.html), rendered by headless
# Chromium offline, e.g. for docs/report-baseline.png:
#   scripts/screenshot.sh docs/report-baseline.png results/baseline/report.html
# Options after the two paths go to tests/browser/check_report.mjs:
#   --width PX (default 1040), --element CSS (only that element, e.g. '#map figure'),
#   --clip Y:HEIGHT (a band of the page), --pdf OUT.pdf (also an A4 print).
# Needs Chromium and Node.js: scripts/setup.sh --with-browser.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: scripts/screenshot.sh OUT.png REPORT.html [--width PX] [--element CSS] [--clip Y:H] [--pdf OUT.pdf]" >&2
  exit 2
fi
out=$1
page=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v node >/dev/null || { echo "screenshot.sh: node not found (scripts/setup.sh --with-browser)" >&2; exit 2; }
set +e
node "$here/../tests/browser/check_report.mjs" --screenshot "$out" "$@" "$page"
rc=$?
set -e
if [[ $rc -eq 77 ]]; then
  echo "screenshot.sh: Chromium not found (scripts/setup.sh --with-browser)" >&2
  exit 2
fi
exit $rc
