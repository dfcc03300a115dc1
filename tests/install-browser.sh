#!/bin/sh
# Debian's Chromium, its driver and a Chinese font, for the HTML report test (tests/test_html_report.py).
# Does nothing when they are already there; needs root (or sudo) to install them.
set -e
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    exit 0
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-microhei >/dev/null
