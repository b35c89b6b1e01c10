#!/usr/bin/env bats
# Names in output (docs/conventions.md): file and symbol names with a
# newline or bytes that are not UTF-8 are quoted in text output as git
# quotes paths, written as JSON strings (U+FFFD) by --json, and columns
# line up by display width.

load helpers

# A tree whose names break naive output: a newline in a file name, a byte
# that is not UTF-8, and symbols of two and three bytes a character.
tree() {
	printf 'def calc():\n    pass\n' > "$(printf 'a\nb.py')"
	printf 'def calc_more():\n    calc()\n' > "$(printf 'bad\377.py')"
	printf 'def calc_método():\n    pass\n\ndef calc_计算():\n    pass\n\ndef calc_xy():\n    pass\n' > plain.py
	ax-scan -q . | ax-parse | ax-load -q
}

@test "names: text output quotes names as git does, one hit a line" {
	tree
	run ax-rank calc
	assert_status 0
	[ "${#lines[@]}" -eq 5 ]
	grep -Fxq '"a\nb.py":1:5     function  calc         def calc()' <<< "$output"
	grep -Fxq '"bad\377.py":1:5  function  calc_more    def calc_more()' <<< "$output"
	run ax-graph refs calc
	assert_status 0
	[ "${lines[0]}" = '"a\nb.py":1: definition function calc' ]
	[ "${lines[1]}" = '"bad\377.py":2:5: call  calc()' ]
	# Stale files in ax-status, one a line.
	printf '# more\n' >> "$(printf 'a\nb.py')"
	run ax-status
	assert_contains "$output" '  changed  "a\nb.py"'
}

@test "names: columns line up by display width (método, 计算)" {
	tree
	run ax-rank calc
	assert_status 0
	grep -Fxq 'plain.py:1:5      function  calc_método  def calc_método()' <<< "$output"
	grep -Fxq 'plain.py:4:5      function  calc_计算    def calc_计算()' <<< "$output"
	grep -Fxq 'plain.py:7:5      function  calc_xy      def calc_xy()' <<< "$output"
}

@test "names: --json writes names that are not UTF-8 as JSON strings with U+FFFD" {
	tree
	run ax-rank --json calc
	assert_status 0
	[ "$(jq -r 'select(.name == "calc_more") | .path' <<< "$output")" = "bad"$'\xef\xbf\xbd'".py" ]
	[ "$(jq -r 'select(.name == "calc") | .path' <<< "$output")" = "a"$'\n'"b.py" ]
	[ "$(jq -r '.path | type' <<< "$output" | sort -u)" = string ]
	run ax-graph --json refs calc
	assert_status 0
	[ "$(jq -r 'select(.role == "reference") | .file' <<< "$output")" = "bad"$'\xef\xbf\xbd'".py" ]
	printf '# more\n' >> "$(printf 'bad\377.py')"
	run ax-status --json
	assert_status 0
	[ "$(jq -r '.stale.files[0].path' <<< "$output")" = "bad"$'\xef\xbf\xbd'".py" ]
	# ax-cat keeps its lossless tagged form: --from-json restores the bytes.
	run bash -c "ax-scan -q . | ax-cat | grep -c '\"\\\$str\"'"
	[ "$output" = 1 ]
}
