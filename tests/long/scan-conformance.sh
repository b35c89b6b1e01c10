#!/usr/bin/env bash
# scan-conformance.sh BUILD_DIR: the long run of ax-scan's ignore-rule
# conformance test, 250 random repositories (make test runs 25).
# For scripts/check-long.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec "$root/tests/scan-conformance.sh" "$root/${1:-build}/bin" "${SCAN_TREES:-250}" "${SCAN_FIRST_SEED:-1}"
