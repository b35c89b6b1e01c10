# lib.sh: shared helpers of the fault scripts in tests/long (sourced, not
# run: scripts/check-long.sh skips it).
#
#   lt_init NAME          seed ($SEED or the time), rounds ($ROUNDS or the
#                         default given as $2), a scratch dir $work removed
#                         at exit with every mount made by lt_mount
#   fail MESSAGE...       count a failure, say which seed shows it
#   lt_need TOOL...       exit 1 (never skip) when a tool is missing
#   lt_need_root WHY      exit 1 unless root
#   lt_mount ARGS... DIR  mount, remembered for the cleanup
#   lt_umount DIR
#   lt_rand N             $rnd: a random number in 0..N-1 from the seeded
#                         $RANDOM (a variable, not output: $(...) would
#                         draw in a subshell and never advance the seed)
#   lt_done               the summary line; the exit status for the script
# and, for scripts about the index:
#   lt_tree DIR N         a tree of N small Python, C and JavaScript files
#   lt_state DB           what an index holds, as one checksum: files
#                         (path, hash) and symbols (path, name, kind, line)
#   lt_consistent DB      why DB is not consistent (integrity_check, each
#                         file's nsyms against its symbols rows, the FTS
#                         index against its table; a new index killed
#                         while migrating must be empty), or nothing

lt_init() {
	lt_name=$1
	seed=${SEED:-$(date +%s)}
	rounds=${ROUNDS:-$2}
	RANDOM=$seed
	failures=0 checks=0
	lt_mounts=()
	work=$(mktemp -d "${TMPDIR:-/tmp}/ax-$lt_name.XXXXXX")
	trap lt_cleanup EXIT
	echo "$lt_name: seed $seed, $rounds rounds"
}

lt_cleanup() {
	local m
	for m in "${lt_mounts[@]}"; do umount "$m" 2>/dev/null; done
	rm -rf "$work"
}

fail() {
	echo "FAIL (seed $seed): $*" >&2
	failures=$((failures + 1))
}

lt_need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" > /dev/null || { echo "$lt_name: $tool is missing" >&2; exit 1; }
	done
}

lt_need_root() {
	[ "$(id -u)" = 0 ] || { echo "$lt_name: needs root for $1" >&2; exit 1; }
}

lt_mount() {
	mount "$@" || return 1
	lt_mounts+=("${!#}")
}

lt_umount() {
	umount "$1"
	local kept=() m
	for m in "${lt_mounts[@]}"; do [ "$m" = "$1" ] || kept+=("$m"); done
	lt_mounts=("${kept[@]}")
}

lt_rand() {
	rnd=$(( (RANDOM * 32768 + RANDOM) % $1 ))
}

lt_done() {
	echo "$lt_name: $checks checks, $failures failures (seed $seed)"
	[ "$failures" = 0 ]
}

lt_tree() {
	python3 - "$1" "$2" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "d%d" % (i % 40))
    os.makedirs(d, exist_ok=True)
    kind = i % 3
    if kind == 0:
        text = "def fn_%d(x):\n    return helper_%d(x)\n\nclass C%d:\n    def m(self):\n        pass\n" % (i, i, i)
    elif kind == 1:
        text = "#include \"h%d.h\"\nint fn_%d(int x) { return x + %d; }\nstatic int g%d;\n" % (i, i, i, i)
    else:
        text = "import { fn_%d } from './f%d.js';\nexport function fn_%d(a) { return a * %d; }\n" % (i - 1, i - 1, i, i)
    with open(os.path.join(d, "f%d.%s" % (i, ("py", "c", "js")[kind])), "w") as f:
        f.write(text)
EOF
}

lt_state() {
	sqlite3 "$1" "SELECT path, hash FROM files ORDER BY path;
		SELECT f.path, s.name, s.kind, s.line FROM symbols s JOIN files f ON f.id = s.file_id
		ORDER BY f.path, s.line, s.name, s.kind;" | md5sum | cut -d' ' -f1
}

lt_consistent() {
	local out
	out=$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)
	[ "$out" = ok ] || { echo "integrity_check: $out"; return; }
	# Killed while migrating a new index (each migration commits alone):
	# no schema yet to check, and nothing may be in it.
	if [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_schema WHERE name = 'symbols_fts'")" = 0 ]; then
		out=$(sqlite3 "$1" "SELECT count(*) FROM files" 2>/dev/null)
		[ "${out:-0}" = 0 ] || echo "a half-migrated index holds $out files"
		return
	fi
	out=$(sqlite3 "$1" "SELECT path || ': nsyms ' || nsyms || ', ' || (SELECT count(*) FROM symbols s
		WHERE s.file_id = f.id) || ' symbols' FROM files f
		WHERE nsyms != (SELECT count(*) FROM symbols s WHERE s.file_id = f.id) LIMIT 3" 2>&1)
	[ -z "$out" ] || { echo "$out"; return; }
	out=$(sqlite3 "$1" "INSERT INTO symbols_fts(symbols_fts) VALUES('integrity-check')" 2>&1)
	[ -z "$out" ] || echo "symbols_fts: $out"
}
