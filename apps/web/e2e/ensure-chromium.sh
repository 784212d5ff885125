#!/bin/sh
# The browser tests drive Debian's Chromium; CI runs as root with Debian's archive reachable.
set -eu
if [ ! -x /usr/bin/chromium ]; then
  apt-get update
  apt-get install -y chromium
fi
