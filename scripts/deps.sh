#!/usr/bin/env bash
# deps.sh: install the system packages ax builds and tests with (Debian 12).
# The only install step; idempotent and non-interactive. Needs root (or sudo).
set -euo pipefail

PKGS=(
	build-essential pkg-config clang       # compilers; clang for libFuzzer
	libmsgpack-dev libxxhash-dev           # record stream, content hashes
	libsqlite3-dev sqlite3                 # the index
	libgit2-dev                            # git's ignore rules (ax-scan)
	libjansson-dev                         # JSON files (ax-cat, flags)
	ca-certificates                        # npm pack fetches the pinned grammars
	bats git jq                            # tests
	libtree-sitter-dev                     # runtime comparison (scripts/bench)
	universal-ctags ripgrep global         # peers for the benchmarks
	openssl                                # sha512 of grammar tarballs (grammars/fetch.sh)
	python3 file xxhash man-db             # ax-scan tests: tree generator, labels, xxhsum, man -l
	libcurl4-openssl-dev                   # telemetry upload (ax-telemetry only)
	chromium hyperfine                     # telemetry HTML report test; hooks overhead bench
	valgrind time                          # ax-parse: tests/long/parse.sh, peak RSS in tests and bench
	gnuplot-nox unzip                      # scale bench plots; the JDK sources of the scale corpus
	libyaml-dev                            # lint rule files (ax-lint)
	tmux parallel zsh                      # ax front end: terminal and completion tests; fan-out recipes
	procps                                 # pgrep: the stage to kill (tests/faults.bats, tests/long/faults.sh)
)

if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi

missing=()
# Node may come from elsewhere than Debian (its npm conflicts with Debian's).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
	echo "deps.sh: all ${#PKGS[@]} packages present"
	exit 0
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
