#!/usr/bin/env bash
# db-faults.sh: ax-db under faults (make check-long). A seeded loop kills
# ax-db migrate, backup and restore with SIGKILL at many points (just
# before a chosen write, sync, rename, link or unlink, by the LD_PRELOAD
# shim db-crash.c, and at random times), fills the disk (a small tmpfs)
# and makes the index read-only (a read-only bind mount). After each
# fault: the index is at the old or the new version, `ax-db verify`
# passes, every indexed row is still there, and running the command
# again succeeds. Needs root (mount); fails, never skips, without it.
#   SEED=n ROUNDS=n tests/long/db-faults.sh
set -uo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${AX_BIN:-$root/build/bin}
. "$root/tests/long/lib.sh"
lt_init db-faults 25

lt_need cc sqlite3 mount umount
lt_need_root "tmpfs and bind mounts"
cc -shared -fPIC -O1 -o "$work/crash.so" "$root/tests/long/db-crash.c" -ldl || exit 1
# A private copy: a rebuild during the run must not swap the binary.
mkdir -p "$work/bin" && cp "$bin/ax-db" "$work/bin/" || exit 1
bin=$work/bin

export HOME=$work/home AX_DB_BUSY_TIMEOUT=2000
mkdir -p "$HOME"
unset AX_DB AX_DB_BACKUP_DIR
latest=$("$bin/ax-db" --db "$work/none/x.db" migrate --dry-run --json | sed -n 's/.*"to":\([0-9]*\).*/\1/p')

# What must never be lost: every row of the data tables, whatever the version.
digest() {
	sqlite3 "$1" "SELECT id, path, lang, size, mtime, hash, nsyms FROM files ORDER BY id;
		SELECT id, file_id, parent_id, name, kind, line, signature FROM symbols ORDER BY id;
		SELECT id, file_id, raw, kind, target_id FROM imports ORDER BY id;
		SELECT id, file_id, name, line FROM refs ORDER BY id;
		SELECT id, file_id, path, code FROM errors ORDER BY id;" | md5sum | cut -d' ' -f1
}
version() { sqlite3 "$1" 'PRAGMA user_version'; }

# A v1 index of 1500 files, its digest, and a second index to restore.
base=$work/base
mkdir -p "$base/.ax"
"$bin/ax-db" --db "$base/.ax/index.db" migrate --to 1 > /dev/null || exit 1
sqlite3 -cmd '.parameter set @files 1500' "$base/.ax/index.db" < "$root/tests/fixtures/db/populate.sql" || exit 1
sqlite3 "$base/.ax/index.db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
base_digest=$(digest "$base/.ax/index.db")
other=$work/other.db
cp "$base/.ax/index.db" "$other"
sqlite3 "$other" "PRAGMA foreign_keys = ON; DELETE FROM files WHERE id % 3 = 0; PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
"$bin/ax-db" --db "$other" migrate > /dev/null || exit 1
other_digest=$(digest "$other")

fresh() {
	rm -rf "$work/run"
	mkdir -p "$work/run/.ax"
	cp "$base/.ax/index.db" "$work/run/.ax/index.db"
	db=$work/run/.ax/index.db
}

# check LABEL VERSIONS DIGESTS: the index is at one of VERSIONS, verifies
# clean, and its rows are one of DIGESTS.
check() {
	local label=$1 versions=$2 digests=$3 v d
	checks=$((checks + 1))
	v=$(version "$db")
	case " $versions " in *" $v "*) ;; *) fail "$label: version $v, expected one of $versions"; return ;; esac
	"$bin/ax-db" --db "$db" verify > "$work/verify.out" 2>&1 || { fail "$label: verify: $(cat "$work/verify.out")"; return; }
	d=$(digest "$db")
	case "$digests" in *"$d"*) ;; *) fail "$label: rows changed" ;; esac
}

points() {   # points CMD...: how many file-changing calls CMD makes
	AX_CRASH_COUNT=$work/count LD_PRELOAD=$work/crash.so "$@" > /dev/null 2>&1
	cat "$work/count"
}

crash_loop() {   # crash_loop NAME SETUP VERSIONS DIGESTS CMD...
	local name=$1 setup=$2 versions=$3 digests=$4
	shift 4
	$setup
	local n
	n=$(points "$@")
	echo "$name: $n crash points; trying $rounds of them and $rounds random times"
	for r in $(seq 1 "$rounds"); do
		$setup
		lt_rand "$n"
		local at=$((rnd + 1))
		AX_CRASH_AT=$at LD_PRELOAD=$work/crash.so "$@" > /dev/null 2>&1
		check "$name killed at point $at/$n" "$versions" "$digests"
		"$@" > /dev/null 2>&1 || fail "$name after a kill at $at: running again failed"
		check "$name rerun after point $at" "${versions##* }" "${digests##* }"
	done
	for r in $(seq 1 "$rounds"); do
		$setup
		"$@" > /dev/null 2>&1 &
		local pid=$! ms
		lt_rand 400
		ms=$rnd
		sleep "$(printf '0.%03d' "$ms")"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		check "$name killed after ${ms} ms" "$versions" "$digests"
	done
}

# migrate: each migration commits alone, so any version from the old to
# the new one (each complete), and the same rows.
crash_loop migrate fresh "$(seq -s ' ' 1 "$latest")" "$base_digest" "$bin/ax-db" --db "$work/run/.ax/index.db" migrate

# backup: the index is untouched; a backup that exists is whole.
backup_setup() { fresh; rm -f "$work/b.db"; }
crash_loop backup backup_setup "1" "$base_digest" "$bin/ax-db" --db "$work/run/.ax/index.db" backup "$work/b.db"
for f in "$work"/run/.ax/backups/*.db; do
	[ -e "$f" ] || continue
	[ "$(sqlite3 "$f" 'PRAGMA integrity_check')" = ok ] || fail "backup $f is not whole"
done

# restore: the old index or the restored one, never a mix.
crash_loop restore fresh "1 $latest" "$base_digest $other_digest" "$bin/ax-db" --db "$work/run/.ax/index.db" restore "$other"

# Disk full: the index on a small tmpfs with little room to spare; the
# backups elsewhere (else the backup fails first, which is tested too).
full=$work/full
mkdir -p "$full"
size=$(stat -c %s "$base/.ax/index.db")
hit=0
for r in $(seq 1 "$rounds"); do
	lt_rand 96
	slack=$(( (rnd + 4) * 16 ))   # KiB
	lt_mount -t tmpfs -o size=$(( size / 1024 + slack ))k axfull "$full" || { fail "cannot mount a tmpfs"; break; }
	cp "$base/.ax/index.db" "$full/index.db" 2> /dev/null || { lt_umount "$full"; continue; }
	db=$full/index.db
	if [ $((r % 4)) = 0 ]; then unset AX_DB_BACKUP_DIR; else export AX_DB_BACKUP_DIR=$work/full-backups; fi
	"$bin/ax-db" --db "$db" migrate > "$work/full.out" 2>&1
	st=$?
	if [ "$st" != 0 ]; then
		hit=$((hit + 1))
		[ "$hit" = 1 ] && echo "disk full, for example: $(grep 'ax-db: ' "$work/full.out")"
		grep -q 'ax-db: ' "$work/full.out" || fail "disk full ($slack KiB free): status $st without a message"
	fi
	mount -o remount,size=$(( size / 1024 + 65536 ))k "$full"
	check "disk full, $slack KiB free, status $st" "$(seq -s ' ' 1 "$latest")" "$base_digest"
	lt_umount "$full"
done
unset AX_DB_BACKUP_DIR
echo "disk full: $hit of $rounds migrations ran out of space"
[ "$hit" -gt 0 ] || fail "disk full: no migration ran out of space; the test tests nothing"

# A read-only file system: migrate refuses with a message, status and
# backup still work, nothing changes.
ro=$work/ro
fresh
mkdir -p "$ro"
lt_mount --bind "$work/run/.ax" "$ro" && mount -o remount,bind,ro "$ro" || fail "cannot make a read-only bind mount"
before=$(md5sum < "$ro/index.db")
[ -e "$ro/index.db-wal" ] && fail "read-only: the copy still has a WAL"
"$bin/ax-db" --db "$ro/index.db" migrate > "$work/ro.out" 2>&1
st=$?
checks=$((checks + 1))
[ "$st" = 2 ] && grep -q 'read-only' "$work/ro.out" || fail "read-only migrate: status $st: $(cat "$work/ro.out")"
"$bin/ax-db" --db "$ro/index.db" status > "$work/ro.out" 2>&1 || fail "read-only status: $(cat "$work/ro.out")"
"$bin/ax-db" --db "$ro/index.db" backup "$work/ro-backup.db" > "$work/ro.out" 2>&1 || fail "read-only backup: $(cat "$work/ro.out")"
[ "$(md5sum < "$ro/index.db")" = "$before" ] || fail "read-only: the file changed"
lt_umount "$ro"
check "read-only" "1" "$base_digest"

lt_done
