/* test_grammars.c: every registered language has a grammar that the runtime
 * accepts, that parses a small valid program without errors into the root
 * node its grammar names, and that flags a broken one. */
#include "lang/grammar.h"
#include "lang/lang.h"
#include "test.h"

struct sample {
	const char *valid;
	const char *root;    /* type of the root node of `valid` */
	const char *invalid; /* must hold an ERROR or MISSING node */
};

/* Indexed by language so a language added to languages.def without a sample
 * fails below instead of being skipped. */
static const struct sample samples[AX_LANG_COUNT] = {
	[AX_LANG_TYPESCRIPT] = { "interface P { x: number }\nfunction f(p: P): number { return p.x; }\n",
		"program", "interface P { x: }\nlet y: = 1;\n" },
	[AX_LANG_TSX] = { "const a = <div className=\"x\">{f<number>(1)}</div>;\n",
		"program", "const a = <div>{1</div>;\n" },
	[AX_LANG_JAVASCRIPT] = { "import x from 'y';\nclass A { m(a) { return a + 1; } }\n",
		"program", "class A { m(a) { return a + ; }\n" },
	[AX_LANG_PYTHON] = { "import os\n\ndef f(x):\n    return os.path.join(x, 'a')\n",
		"module", "def f(x:\n    return\n" },
	[AX_LANG_GO] = { "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n",
		"source_file", "package main\n\nfunc main( {\n" },
	[AX_LANG_RUST] = { "use std::io;\nfn main() { let x: u32 = 1; println!(\"{}\", x); }\n",
		"source_file", "fn main() { let = ; }\n" },
	[AX_LANG_JAVA] = { "package a;\nclass A { int f(int x) { return x; } }\n",
		"program", "class A { int f(int x) { return x } \n" },
	[AX_LANG_C] = { "#include <stdio.h>\nint main(void) { return 0; }\n",
		"translation_unit", "int main(void) { return 0 }\n" },
	[AX_LANG_CPP] = { "namespace n { template <class T> class A { public: T f() const; }; }\n",
		"translation_unit", "namespace n { class A { public: int f( }; }\n" },
	[AX_LANG_CSHARP] = { "using System;\nnamespace N { class A { void F() { } } }\n",
		"compilation_unit", "class A { void F( { } }\n" },
	[AX_LANG_PHP] = { "<?php\nfunction f($a) { return $a + 1; }\n",
		"program", "<?php\nfunction f($a { return $a + ; }\n" },
	[AX_LANG_RUBY] = { "require 'x'\nclass A\n  def f(a)\n    a + 1\n  end\nend\n",
		"program", "class A\n  def f(a\n" },
	[AX_LANG_KOTLIN] = { "package a\n\nfun main() {\n    val x = 1\n    println(x)\n}\n",
		"source_file", "fun main( {\n    val = \n}\n" },
	[AX_LANG_SWIFT] = { "import Foundation\nfunc f(x: Int) -> Int { return x }\n",
		"source_file", "func f(x: Int -> { return }\n" },
	[AX_LANG_SCALA] = { "package a\nobject A { def f(x: Int): Int = x + 1 }\n",
		"compilation_unit", "object A { def f(x: Int): = }\n" },
	[AX_LANG_ELIXIR] = { "defmodule A do\n  def f(x), do: x + 1\nend\n",
		"source", "defmodule A do\n  def f(x) do\n" },
	[AX_LANG_DART] = { "import 'a.dart';\nclass A { int f(int x) { return x; } }\n",
		"program", "class A { int f(int x) { return x; }\n" },
	[AX_LANG_YAML] = { "a: 1\nb:\n  - [2, 3]\n  - c: d\n",
		"stream", "a: [1, 2\nb: 3\n" },
	[AX_LANG_JSON] = { "{\"a\": [1, 2.5, \"x\"], \"b\": {\"c\": null}}\n",
		"document", "{\"a\": [1, }\n" },
	[AX_LANG_TOML] = { "[a]\nb = 1\nc = [\"x\", \"y\"]\n",
		"document", "[a\nb = = 1\n" },
};

static TSTree *parse(TSParser *parser, const char *text)
{
	return ts_parser_parse_string(parser, NULL, text, (uint32_t)strlen(text));
}

static void check_language(TSParser *parser, enum ax_lang lang)
{
	const char *name = ax_lang_name(lang);
	const struct sample *s = &samples[lang];
	int failed_before = test_failed;

	const TSLanguage *grammar = ax_grammar(lang);
	CHECK(grammar != NULL);
	CHECK(s->valid != NULL);
	if (!grammar || !s->valid)
		goto out;
	/* false means the grammar's ABI is outside what the runtime accepts */
	CHECK(ts_parser_set_language(parser, grammar));

	TSTree *tree = parse(parser, s->valid);
	CHECK(tree != NULL);
	if (tree) {
		TSNode root = ts_tree_root_node(tree);
		CHECK_EQ_STR(ts_node_type(root), s->root);
		CHECK(!ts_node_has_error(root));
		ts_tree_delete(tree);
	}

	tree = parse(parser, s->invalid);
	CHECK(tree != NULL);
	if (tree) {
		CHECK(ts_node_has_error(ts_tree_root_node(tree)));
		ts_tree_delete(tree);
	}
out:
	if (test_failed != failed_before)
		fprintf(stderr, "  (language %s)\n", name);
}

int main(void)
{
	CHECK(ax_grammar(AX_LANG_NONE) == NULL);
	CHECK(ax_grammar(AX_LANG_COUNT) == NULL);
	CHECK(ax_grammar((enum ax_lang)-1) == NULL);

	TSParser *parser = ts_parser_new();
	for (int lang = AX_LANG_NONE + 1; lang < AX_LANG_COUNT; lang++)
		check_language(parser, (enum ax_lang)lang);
	ts_parser_delete(parser);
	return test_summary();
}
