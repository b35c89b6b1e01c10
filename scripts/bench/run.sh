#!/usr/bin/env bash
# run.sh BUILD_DIR: every benchmark in scripts/bench/ in turn (make bench).
# Each prints its own figures and ratios against a peer tool measured in the
# same run; none of them asserts a time. BENCH="scan parse" picks some.
# lib.sh (shared helpers), plot.sh (scale.sh's plots) and dump-index.sh
# (two indexes as text to diff) are not benchmarks.
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
export AX_ROOT=$(cd "$here/../.." && pwd)
export AX_BIN=$AX_ROOT/$build/bin
status=0
for b in ${BENCH:-$(cd "$here" && ls *.sh | sed 's/\.sh$//' | grep -vxE "run|lib|plot|dump-index")}; do
	echo "== bench $b"
	"$here/$b.sh" || { echo "bench $b failed" >&2; status=1; }
done
exit $status
