#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the HTML export screenshot test
# (tests/transcript, marker "chromium"). Idempotent: does nothing when it is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; }
/usr/bin/chromium --version
