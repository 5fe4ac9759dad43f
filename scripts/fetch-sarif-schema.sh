#!/usr/bin/env bash
# The official SARIF 2.1.0 JSON schema (2.1.0-rtm.5, what GitHub code scanning
# validates against), for the tests that validate deadwood's SARIF output.
# It comes from the npm package @microsoft/jest-sarif, which ships it, into
# the build directory; it is not part of this repository.
set -euo pipefail
out=${1:-build/sarif-schema-2.1.0.json}
[ -s "$out" ] && exit 0
if ! command -v npm >/dev/null; then
  echo "deadwood: npm not found: the SARIF schema test will fail" >&2
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null && tar xzf ./*.tgz)
cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$out"
