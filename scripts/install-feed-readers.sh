#!/usr/bin/env bash
# The tests read topicwire's output with real feed readers from Debian:
# newsboat and python3-feedparser, and look at its HTML pages in Debian's
# chromium (driven by playwright-core, which cannot download a browser here).
# Installs them when missing (as root, with apt-get), so `npm test` works on a
# fresh machine.
set -euo pipefail
missing=()
command -v newsboat >/dev/null 2>&1 || missing+=(newsboat)
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing+=(python3-feedparser)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian packages). Install them: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} for the feed-reader tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
