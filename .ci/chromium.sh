#!/usr/bin/env bash
# Make sure Debian's chromium is there for the browser tests.
# Installs it when missing and running as root; otherwise fails with one clear line.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  apt-get update -qq >/dev/null
  # A CJK font so that screenshots show characters, not boxes.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null
  exit 0
fi
echo "error: chromium is missing; install it with 'sudo apt-get install chromium' and run make test again" >&2
exit 1
