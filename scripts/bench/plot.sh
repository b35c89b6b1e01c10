#!/usr/bin/env bash
# plot.sh [RUN.json | DIR]: render RUN.svg beside RUN.json (time and peak
# RSS against file count, plot.gp) for one scale.sh run, or for the newest
# run in DIR (default bench/results). Needs gnuplot and jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arg=${1:-$here/../../bench/results}
if [ -d "$arg" ]; then
	run=$(ls -t "$arg"/*.json 2>/dev/null | head -1)
	[ -n "$run" ] || { echo "plot.sh: no results in $arg" >&2; exit 1; }
else
	run=$arg
fi
dat=$(mktemp)
trap 'rm -f "$dat"' EXIT
jq -r '.sizes[] | [.indexed, .cold.wall_s, .peers.ctags.wall_s, .peers.rg_count.wall_s,
	(.cold.stages.scan.rss_kb, .cold.stages.parse.rss_kb, .cold.stages.load.rss_kb,
	 .peers.ctags.rss_kb | . / 1024), .changed_100.wall_s] | @tsv' "$run" | sort -n > "$dat"
if [ "$(wc -l < "$dat")" -lt 2 ]; then
	echo "plot: $run has one size: no curve to draw"
	exit 0
fi
title=$(jq -r '.machine | "ax scale bench \(.host) \(.date) commit \(.commit) (\(.nproc) CPUs, load \(.loadavg_start))"' "$run")
gnuplot -e "data='$dat'; out='${run%.json}.svg'; title='$title'" "$here/plot.gp"
echo "plot: ${run%.json}.svg"
