#!/bin/sh
# Debian's Chromium, its driver and a Chinese font, for the HTML report test (tests/test_html_report.py).
# Does nothing when they are already there; needs root (or sudo) to install them. apt's output is
# kept out of the way, and shown whole when a step fails (a dpkg lock held by another apt, a
# mirror that cannot be reached), so the reason is never a bare "E:" line.
set -e
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    exit 0
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
step() {
    if ! "$@" >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "install-browser.sh: failed: $*" >&2
        echo "install-browser.sh: if another apt or dpkg is running, wait for it to finish and run this again" >&2
        exit 1
    fi
}
# wait up to two minutes for a dpkg lock another apt holds, instead of failing at once
step $SUDO apt-get -o DPkg::Lock::Timeout=120 update -q
step $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-microhei
