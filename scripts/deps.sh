#!/usr/bin/env bash
# deps.sh [build] [test] [bench]: install the system packages ax needs
# (Debian 12) to build it, to run `make test` and `make check-long`, and to
# run the benchmarks; by default build and test, what CI needs. The only
# install step; idempotent and non-interactive. Needs root (or sudo).
set -euo pipefail

BUILD=(
	build-essential pkg-config             # compilers
	libmsgpack-dev libxxhash-dev           # record stream, content hashes
	libpcre2-dev                           # #match? regexes with a step limit
	libsqlite3-dev                         # the index
	libgit2-dev                            # git's ignore rules (ax-scan)
	libjansson-dev                         # JSON files (ax-cat, flags)
	libcurl4-openssl-dev                   # telemetry upload (ax-telemetry only)
	libyaml-dev                            # lint rule files (ax-lint)
	ca-certificates openssl                # npm pack fetches the pinned grammars; their sha512
)
TEST=(
	bats git jq sqlite3                    # the end-to-end tests and their checks
	python3 file xxhash man-db             # ax-scan tests: tree generator, labels, xxhsum, man -l
	chromium                               # telemetry HTML report test
	time valgrind                          # peak RSS in tests; tests/long/parse.sh
	tmux zsh parallel                      # ax front end: terminal and completion tests; recipes
	vim universal-ctags                    # ax tags: vim's :tag under tmux, readtags
	procps                                 # pgrep: the stage to kill (tests/faults.bats)
	clang                                  # libFuzzer (make check-long)
)
BENCH=(
	libtree-sitter-dev                     # runtime comparison
	universal-ctags ripgrep global         # peers for the benchmarks
	hyperfine                              # hooks overhead bench
	gnuplot-nox unzip                      # scale bench plots; the JDK sources of the scale corpus
)

sets=("$@")
[ "${#sets[@]}" -gt 0 ] || sets=(build test)
PKGS=()
for s in "${sets[@]}"; do
	case "$s" in
	build) PKGS+=("${BUILD[@]}") ;;
	test) PKGS+=("${TEST[@]}") ;;
	bench) PKGS+=("${BENCH[@]}") ;;
	*) echo "usage: deps.sh [build] [test] [bench]" >&2; exit 2 ;;
	esac
done

if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi

missing=()
# Node may come from elsewhere than Debian (its npm conflicts with Debian's).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
	echo "deps.sh: all ${#PKGS[@]} packages present (${sets[*]})"
	exit 0
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
