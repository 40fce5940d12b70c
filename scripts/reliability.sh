#!/usr/bin/env bash
# The reliability suite (tests/hostile) in its long form: every hostile feed,
# the broken configs, kill -9 at random points of 20 ingest cycles and of 15
# alert deliveries, and 1,000 concurrent clients for 30 s while cycles ingest.
# `npm test` runs the same files in a short form (3 kills each, 3 s of load).
#   scripts/reliability.sh                      # long form
#   TOPICWIRE_SEED=42 scripts/reliability.sh    # other kill points (the seed is printed)
#   scripts/reliability.sh tests/hostile/load.test.ts   # one file
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tests/hostile)
TOPICWIRE_LONG=1 npx vitest run "${targets[@]}"
