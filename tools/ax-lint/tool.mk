# ax-lint: tree-sitter grammars for the queries, libyaml for rule files.
ax-lint_DEPS := $(TS_LIBS)
ax-lint_LIBS := -lsqlite3 -lyaml
