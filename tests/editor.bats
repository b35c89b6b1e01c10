#!/usr/bin/env bats
# What editors read from the index: ax outline, ax tags (vim's :tag and
# taglist() under tmux, readtags), the etags TAGS format, ax index --tags.

load helpers

# A git repository with a nested Python class, a JavaScript line holding
# a '/', a Python line holding a '\', and enough other names that vim's
# binary search over a sorted file has something to skip.
make_repo() {
	mkdir -p src
	cat > src/shapes.py <<'EOF'
import os


class Shape:
    """A shape."""

    def area(self):
        return 0

    class Unit:
        def scale(self, k):
            return k / 2


def half(x): return x  # a \ backslash


def dollar(x): return x  # ends in $
EOF
	printf 'export function parseUrl(u) { return u.split("/"); }\nexport class Router {\n  route(p) { return p; }\n}\n' > src/url.js
	for i in $(seq 1 150); do printf 'def helper_%03d(x):\n    return x\n' "$i"; done > src/many.py
	git init -q .
	git add -A
	git -c user.email=a@b -c user.name=a commit -qm init
	ax index -q
}

@test "ax outline: definitions nested by parent with kind and line; --json; no symbols is 1, unknown file 2" {
	make_repo
	run ax outline src/shapes.py
	assert_status 0
	[ "$output" = "$(printf '%6d  %-10s %s\n' 4 class Shape 7 method '  area' 10 class '  Unit' 11 method '    scale' 15 function half 18 function dollar)" ]
	run ax outline --json shapes.py
	assert_status 0
	[ "$(jq -r '"\(.name) \(.depth) \(.parent) \(.line) \(.end_line)"' <<< "$output" | sed -n 4p)" = "scale 2 Unit 11 12" ]
	[ "$(jq -r .path <<< "$output" | sort -u)" = src/shapes.py ]
	: > src/empty.py
	ax index -q
	run ax outline src/empty.py
	assert_status 1
	run ax outline src/nosuch.py
	assert_status 2
	assert_contains "$output" "not in the index"
}

@test "ax tags: sorted extended format with headers, kind, line, scope; / and \\ escaped as ctags does" {
	make_repo
	run ax tags
	assert_status 0
	assert_contains "$output" "tags written to $WORK/tags"
	head -n 2 tags | grep -q $'^!_TAG_FILE_FORMAT\t2\t'
	grep -q $'^!_TAG_FILE_SORTED\t1\t' tags
	# Sorted by byte order, the headers first.
	LC_ALL=C sort -c tags
	[ "$(grep -c '^!_TAG_' tags)" = "$(grep -n -v '^!_TAG_' tags | head -n 1 | cut -d: -f1 | awk '{print $1 - 1}')" ]
	[ "$(grep -v '^!_' tags | wc -l)" = "$(sqlite3 .ax/index.db 'SELECT count(*) FROM symbols')" ]
	[ "$(grep $'^scale\t' tags)" = $'scale\tsrc/shapes.py\t/^        def scale(self, k):$/;"\tmethod\tline:11\tend:12\tlanguage:python\tclass:Shape.Unit' ]
	[ "$(grep $'^parseUrl\t' tags | cut -f3)" = '/^export function parseUrl(u) { return u.split("\/"); }$/;"' ]
	[ "$(grep $'^half\t' tags | cut -f3)" = '/^def half(x): return x  # a \\ backslash$/;"' ]
	[ "$(grep $'^dollar\t' tags | cut -f3)" = '/^def dollar(x): return x  # ends in \$$/;"' ]
	# Stdout, and line numbers only.
	run ax tags -o - --numbers
	assert_status 0
	[ "$(grep $'^route\t' <<< "$output" | cut -f2-4)" = $'src/url.js\t3;"\tmethod' ]
}

@test "ax tags -o elsewhere: absolute paths; the file is replaced by a rename, no temporary left" {
	make_repo
	mkdir out
	echo old > out/tags
	ln out/tags out/old-link
	run ax tags -o out/tags
	assert_status 0
	[ "$(grep $'^area\t' out/tags | cut -f2)" = "$WORK/src/shapes.py" ]
	# A rename, not a rewrite in place: the old inode keeps the old text.
	[ "$(cat out/old-link)" = old ]
	[ "$(ls out)" = "$(printf 'old-link\ntags')" ]
	run ax tags -o nodir/tags
	assert_status 2
}

@test "readtags reads ax's tags file: exact and prefix lookups with kind and scope" {
	make_repo
	ax tags 2>/dev/null
	run readtags -t tags -e -n scale
	assert_status 0
	[ "$output" = $'scale\tsrc/shapes.py\t/^        def scale(self, k):$/;"\tkind:method\tline:11\tend:12\tlanguage:python\tclass:Shape.Unit' ]
	run readtags -t tags -p helper_1
	assert_status 0
	[ "$(wc -l <<< "$output")" = 51 ]
	run readtags -t tags -e -l
	assert_status 0
	[ "$(wc -l <<< "$output")" = "$(sqlite3 .ax/index.db 'SELECT count(*) FROM symbols')" ]
}

# start_vim: vim in a 120x30 tmux terminal (server ax-$$) in the
# repository, reading its tags file; returns once vim has drawn its screen.
start_vim() {
	tmux -L "ax-$$" -f /dev/null new-session -d -x 120 -y 30 \
		"cd '$WORK' && vim -u NONE -i NONE -N --cmd 'set tags=tags shortmess+=A'"
	wait_until screen_shows '~'
}

screen_shows() {
	tmux -L "ax-$$" capture-pane -p | grep -qF -- "$1"
}

eval "helpers_$(declare -f teardown)"
teardown() {
	tmux -L "ax-$$" kill-server 2>/dev/null || true
	helpers_teardown
}

@test "vim under tmux: :tag jumps to the file and line; taglist() has kind and scope" {
	command -v vim
	make_repo
	ax tags 2>/dev/null
	start_vim
	tmux -L "ax-$$" send-keys ':tag scale' Enter
	wait_until screen_shows 'def scale(self, k):'
	tmux -L "ax-$$" send-keys ":call writefile([expand('%') . ':' . line('.')], 'where.txt')" Enter
	wait_until test -s where.txt
	[ "$(cat where.txt)" = src/shapes.py:11 ]
	tmux -L "ax-$$" send-keys ":tag helper_142" Enter
	wait_until screen_shows 'def helper_142(x):'
	tmux -L "ax-$$" send-keys ":call writefile([expand('%') . ':' . line('.'), json_encode(taglist('^area\$'))], 'list.txt')" Enter
	wait_until test -s list.txt
	[ "$(head -n 1 list.txt)" = src/many.py:283 ]
	[ "$(tail -n 1 list.txt | jq -r '.[0] | "\(.name) \(.kind) \(.class) \(.filename) \(.line)"')" = "area method Shape src/shapes.py 7" ]
}

@test "ax tags -e: an etags TAGS file whose section sizes and offsets are right" {
	make_repo
	run ax tags -e
	assert_status 0
	[ -f TAGS ]
	python3 - <<'EOF'
import sys
data = open("TAGS", "rb").read()
sections = data.split(b"\x0c\n")[1:]
assert len(sections) == 3, sections
for sec in sections:
    head, _, body = sec.partition(b"\n")
    path, size = head.rsplit(b",", 1)
    assert int(size) == len(body), (path, size, len(body))
    src = open(path, "rb").read()
    for line in body.splitlines():
        text, _, rest = line.partition(b"\x7f")
        name, _, pos = rest.partition(b"\x01")
        lineno, offset = map(int, pos.split(b","))
        # the offset is the start of the line, whose text the tag repeats
        assert src[offset:].startswith(text), (name, offset)
        assert src[:offset].count(b"\n") == lineno - 1, (name, lineno)
        assert name in text, name
EOF
}

@test "ax index --tags keeps the tags file current after each index" {
	make_repo
	ax index --tags -q
	grep -q $'^half\t' tags
	printf 'def third(x):\n    return x\n' >> src/shapes.py
	ax index --tags -q
	grep -q $'^third\tsrc/shapes.py\t' tags
	# index.tags in the configuration does the same without the option.
	ax config set index.tags 1
	printf 'def fourth(x):\n    return x\n' >> src/shapes.py
	ax index -q
	grep -q $'^fourth\tsrc/shapes.py\t' tags
}

@test "a damaged index names the cure, and ax index --rebuild replaces it" {
	make_repo
	printf 'garbage garbage garbage garbage' | dd of=.ax/index.db conv=notrunc 2>/dev/null
	run ax find scale
	assert_status 2
	assert_contains "$output" "the index is damaged: rebuild it with 'ax index --rebuild'"
	run ax index --rebuild -q
	assert_status 0
	run ax find scale
	assert_status 0
	assert_contains "$output" "src/shapes.py:11"
	[ -z "$(ls .ax | grep rebuild)" ]
	# Pages overwritten inside a sound header: found while reading.
	ax tags 2>/dev/null
	cp tags tags.good
	yes garbage | head -c 16384 | dd of=.ax/index.db bs=4096 seek=2 conv=notrunc 2>/dev/null
	run ax tags
	assert_status 3
	assert_contains "$output" "malformed (the index is damaged: rebuild it with 'ax index --rebuild')"
	cmp tags tags.good
}

# bin_with_gated_load: the tools in ./bin, ax-load there waiting for the
# fifo ./gate (after saying so on ./started) once it has loaded, before it
# exits, so a test can look at both files while a rebuild is under way.
# FAIL=1: it then exits 3.
bin_with_gated_load() {
	mkdir bin
	cp "$AX_BIN"/ax* bin/
	mv bin/ax-load bin/ax-load.real
	mkfifo started gate
	cat > bin/ax-load <<GATE
#!/bin/sh
'$WORK/bin/ax-load.real' "\$@"
rc=\$?
: > '$WORK/started'
cat '$WORK/gate' > /dev/null
[ -n "\$FAIL" ] && exit 3
exit \$rc
GATE
	chmod +x bin/ax-load
}

@test "ax index --rebuild: queries read the old index until the rename; a failed rebuild leaves it untouched" {
	make_repo
	bin_with_gated_load
	printf 'def renamed_later(x):\n    return x\n' > src/late.py
	bin/ax index --rebuild -q &
	await started
	# The new index is built beside the old one, which still answers.
	fresh=$(ls .ax/index.db.rebuild.* | grep -v -e -wal -e -shm -e lock)
	[ "$(sqlite3 "$fresh" "SELECT count(*) FROM symbols WHERE name = 'renamed_later'")" = 1 ]
	run ax find scale
	assert_status 0
	run ax find renamed_later
	assert_status 1
	release gate
	wait $!
	run ax find renamed_later
	assert_status 0
	[ -z "$(ls .ax | grep rebuild)" ]
	# A rebuild whose load fails: the index stays as it was.
	before=$(sqlite3 .ax/index.db 'SELECT count(*) FROM symbols')
	rm src/late.py
	FAIL=1 bin/ax index --rebuild -q &
	await started
	release gate
	rc=0
	wait $! || rc=$?
	[ "$rc" = 3 ]
	[ "$(sqlite3 .ax/index.db 'SELECT count(*) FROM symbols')" = "$before" ]
	[ -z "$(ls .ax | grep rebuild)" ]
}
