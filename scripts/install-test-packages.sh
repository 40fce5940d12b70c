#!/usr/bin/env bash
# The tests use real programs from Debian: they read topicwire's output with
# newsboat and python3-feedparser, look at its HTML pages in chromium (driven
# by playwright-core, which cannot download a browser here), and run the
# PostgreSQL backend against a private cluster of Debian's postgresql.
# Installs what is missing (as root, with apt-get), so `npm test` runs every
# test on a fresh machine.
set -euo pipefail
missing=()
command -v newsboat >/dev/null 2>&1 || missing+=(newsboat)
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing+=(python3-feedparser)
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian packages). Install them: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} for the tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
