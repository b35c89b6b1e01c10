#!/usr/bin/env bash
# dump-index.sh DB: everything an index answers, as ordered text with every
# id replaced by what it stands for (a file by its path, a symbol by its
# file, name and line), so that two indexes of the same tree compare with
# diff whatever ids, page layout or index set each has: files, symbols (with
# their parent), imports (with their resolution and target), edges, refs,
# errors, meta (but the load's time), and full-text answers for a few words
# in both full-text tables. Load times (indexed_at, last_load*) are left out.
#   scripts/bench/dump-index.sh old.db > old.txt
#   scripts/bench/dump-index.sh new.db > new.txt; diff old.txt new.txt
set -euo pipefail
db=${1:?usage: dump-index.sh DB}
[ -f "$db" ] || { echo "dump-index.sh: no index at $db" >&2; exit 2; }

words=(parse get value config error test main http name type)
fts=""
for w in "${words[@]}"; do
	fts+="SELECT 'fts', '$w', f.path, s.name, s.line FROM symbols_fts x JOIN symbols s ON s.id = x.rowid
	        JOIN files f ON f.id = s.file_id WHERE symbols_fts MATCH '$w' ORDER BY 3, 5, 4;
	      SELECT 'stem', '$w', f.path, s.name, s.line FROM symbols_stem x JOIN symbols s ON s.id = x.rowid
	        JOIN files f ON f.id = s.file_id WHERE symbols_stem MATCH '$w' ORDER BY 3, 5, 4;"
done

sqlite3 -readonly "$db" <<SQL
SELECT 'file', path, lang, size, mtime, hash, path_words, nsyms, nerrors, minified, truncated
  FROM files ORDER BY path;
SELECT 'sym', f.path, s.line, s.col, s.name, s.kind, s.name_words, s.end_line, s.end_col,
       s.signature, s.doc, p.name, p.line
  FROM symbols s JOIN files f ON f.id = s.file_id LEFT JOIN symbols p ON p.id = s.parent_id
  ORDER BY 2, 3, 4, 5, 6, 8, 9, 10;
SELECT 'import', f.path, i.line, i.raw, i.kind, i.status, t.path
  FROM imports i JOIN files f ON f.id = i.file_id LEFT JOIN files t ON t.id = i.target_id
  ORDER BY 2, 3, 4, 5;
SELECT 'edge', s.path, d.path, i.line, i.raw
  FROM edges e JOIN files s ON s.id = e.src_id JOIN files d ON d.id = e.dst_id
  JOIN imports i ON i.id = e.import_id ORDER BY 2, 3, 4, 5;
SELECT 'ref', f.path, r.line, r.col, r.name, r.kind, r.recv
  FROM refs r JOIN files f ON f.id = r.file_id ORDER BY 2, 3, 4, 5, 6, 7;
SELECT 'error', path, stage, code, msg FROM errors ORDER BY 2, 3, 4, 5;
SELECT 'meta', key, value FROM meta WHERE key NOT LIKE 'last_load%' ORDER BY 2;
$fts
SQL
