#!/bin/sh
# Code execution (code_executor, python_exec) runs in bubblewrap with Debian's Python. This installs
# whichever is missing when the machine allows it (root with apt-get), as apps/web/e2e/ensure-chromium.sh
# does for the browser tests. Otherwise it says what to install and carries on: without bubblewrap
# the server reports code execution as unavailable and never runs code outside the sandbox.
set -eu
missing=""
[ -x /usr/bin/bwrap ] || missing="$missing bubblewrap"
[ -x /usr/bin/python3 ] || missing="$missing python3"
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  # shellcheck disable=SC2086 # one word per package
  if apt-get update && apt-get install -y --no-install-recommends $missing; then
    exit 0
  fi
fi
echo "ensure-sandbox: code execution needs:$missing (apt-get install$missing). Until then code_executor and python_exec answer that code execution is unavailable." >&2
