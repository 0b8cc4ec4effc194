#!/usr/bin/env bash
# Check a self-contained HTML report in headless Chromium and take a screenshot of it.
#
# Usage: scripts/check-report.sh REPORT.html OUT.png
#
# 1. Loads the report through the DevTools protocol (scripts/report-console-check.py) and
#    lists JavaScript exceptions, console errors, browser log errors, failed loads and any
#    request for another file or URL. Host names resolve to nothing, so no request leaves
#    this machine.
# 2. Takes a 1280 x 4000 screenshot with Chromium's --screenshot option.
#
# Exit status: 0 when the report loaded cleanly and the screenshot was written, 1 when
# problems were found, 2 for a usage error or when Chromium or Python 3 is missing or fails.
# Chromium comes from Debian's package: apt-get install -y chromium.
set -u

if [ "$#" -ne 2 ]; then
    echo "usage: $0 REPORT.html OUT.png" >&2
    exit 2
fi
report=$1
screenshot=$2
if [ ! -f "$report" ]; then
    echo "error: report not found: $report" >&2
    exit 2
fi

chromium=""
for candidate in chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then
        chromium=$(command -v "$candidate")
        break
    fi
done
if [ -z "$chromium" ]; then
    echo "error: Chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 not found; the console check needs it" >&2
    exit 2
fi

script_dir=$(cd "$(dirname "$0")" && pwd)
report_path=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
screenshot_dir=$(mkdir -p "$(dirname "$screenshot")" && cd "$(dirname "$screenshot")" && pwd)
screenshot_path=$screenshot_dir/$(basename "$screenshot")
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT

status=0

echo "checking $report_path for console errors and resource loads"
TMPDIR=$work_dir timeout 90 python3 "$script_dir/report-console-check.py" "$chromium" "$report_path" \
    >"$work_dir/problems.txt" 2>"$work_dir/check-errors.txt"
check_status=$?
if [ "$check_status" -eq 0 ]; then
    echo "ok: no console errors, no failed loads, no external requests"
elif [ "$check_status" -eq 1 ]; then
    echo "FAIL: the report has problems:"
    sed 's/^/  /' "$work_dir/problems.txt"
    status=1
else
    echo "error: the console check did not finish (exit status $check_status):" >&2
    sed 's/^/  /' "$work_dir/check-errors.txt" >&2
    status=2
fi

echo "taking screenshot $screenshot_path"
rm -f "$screenshot_path"
# Debian's launcher script prints a harmless shell warning on some machines. The log goes to
# a file, which is shown only when the screenshot fails.
timeout 90 "$chromium" --headless --disable-gpu --no-sandbox --no-first-run \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$work_dir/profile" \
    --hide-scrollbars --screenshot="$screenshot_path" --window-size=1280,4000 \
    "$report_path" >"$work_dir/screenshot.log" 2>&1
screenshot_status=$?
if [ "$screenshot_status" -ne 0 ] || [ ! -s "$screenshot_path" ]; then
    echo "error: Chromium did not write the screenshot (exit status $screenshot_status); its log ends:" >&2
    tail -n 20 "$work_dir/screenshot.log" | sed 's/^/  /' >&2
    [ "$status" -eq 0 ] && status=2
else
    echo "ok: screenshot written ($(wc -c <"$screenshot_path") bytes)"
fi

exit "$status"
