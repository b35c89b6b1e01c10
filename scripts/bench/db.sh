#!/usr/bin/env bash
# db.sh: ax-db on a large index: migrate, backup and restore of a
# FILES-file index (default 100000: 1.5M symbols, 0.8M imports, 3M refs,
# made by tests/fixtures/db/populate.sql, as there is no loader input this
# size), with `cp` of the same file as the peer for backup and restore.
# Goal: each under 5 s at 100k files. Prints figures; asserts nothing.
# BASE_BIN=DIR also times another build's ax-db, default check, same run.
#   FILES=n scripts/bench/db.sh
set -uo pipefail
root=${AX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${AX_BIN:-$root/build/bin}
files=${FILES:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/ax-bench-db.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A private copy: a rebuild during the run must not swap the binary.
cp "$bin/ax-db" "$work/ax-db" || exit 1
bin=$work
if [ -n "${BASE_BIN:-}" ]; then
	mkdir -p "$work/base" && cp "$BASE_BIN/ax-db" "$work/base/ax-db" || exit 1
fi
export HOME=$work AX_DB=$work/.ax/index.db
unset AX_DB_BACKUP_DIR AX_DB_BACKUP_CHECK

secs() {   # secs CMD...: run CMD, print its wall time in seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" > /dev/null || { echo "failed: $*" >&2; exit 1; }
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

mkdir -p "$work/.ax"
"$bin/ax-db" migrate --to 1 > /dev/null || exit 1
gen=$(secs sqlite3 -cmd ".parameter set @files $files" "$AX_DB" ".read $root/tests/fixtures/db/populate.sql")
sqlite3 "$AX_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
size=$(stat -c %s "$AX_DB")
mib=$((size / 1048576))
echo "index: $files files, $mib MiB, generated in ${gen}s"
cp "$AX_DB" "$work/v1.db"
sync

for check in default full quick; do
	if [ "$check" = default ]; then unset AX_DB_BACKUP_CHECK; else export AX_DB_BACKUP_CHECK=$check; fi
	rm -rf "$work/.ax/backups" "$work"/b-*.db "$work/cp.db"
	cp "$work/v1.db" "$AX_DB"
	sync
	migrate=$(secs "$bin/ax-db" migrate)
	backup=$(secs "$bin/ax-db" backup "$work/b-$check.db")
	copy=$(secs cp "$AX_DB" "$work/cp.db")
	rm -f "$work/cp.db"
	copysync=$(secs sh -c "cp '$AX_DB' '$work/cp.db' && sync '$work/cp.db'")
	restore=$(secs "$bin/ax-db" restore "$work/b-$check.db")
	mbs=$(awk -v s="$size" -v t="$backup" 'BEGIN { printf "%.0f", s / 1048576 / t }')
	echo "check=$check: migrate 1->latest ${migrate}s (backup included); backup ${backup}s (${mbs} MiB/s);" \
		"cp ${copy}s, cp+sync ${copysync}s; backup/(cp+sync) $(ratio "$backup" "$copysync");" \
		"restore ${restore}s; restore/(cp+sync) $(ratio "$restore" "$copysync")"
done
unset AX_DB_BACKUP_CHECK
if [ -n "${BASE_BIN:-}" ]; then
	rm -rf "$work/.ax/backups" "$work"/b-*.db
	cp "$work/v1.db" "$AX_DB"
	sync
	migrate=$(secs "$work/base/ax-db" migrate)
	backup=$(secs "$work/base/ax-db" backup "$work/b-base.db")
	restore=$(secs "$work/base/ax-db" restore "$work/b-base.db")
	echo "base build, default check: migrate ${migrate}s; backup ${backup}s; restore ${restore}s"
fi
echo "verify $(secs "$bin/ax-db" verify)s; status $(secs "$bin/ax-db" status)s"
