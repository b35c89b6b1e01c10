/* test_lang.c: the language table and detection (lib/lang/lang.c). */
#include "lang/lang.h"
#include "test.h"

#include <string.h>

#define PATH(p, lang) CHECK_EQ_STR(ax_lang_name(ax_lang_from_path(p)), lang)
#define DETECT(p, head, lang) CHECK_EQ_STR(ax_lang_name(ax_lang_detect(p, head, strlen(head))), lang)

static void test_table(void)
{
	CHECK_EQ_INT(AX_LANG_COUNT - 1, 20); /* 19 languages, TSX counted apart */
	CHECK_EQ_STR(ax_lang_name(AX_LANG_NONE), "");
	CHECK(ax_lang_info(AX_LANG_NONE) == NULL);
	CHECK(ax_lang_info(AX_LANG_COUNT) == NULL);
	CHECK_EQ_STR(ax_lang_info(AX_LANG_PYTHON)->name, "python");
	CHECK_EQ_INT(ax_lang_by_name("py"), AX_LANG_PYTHON);
	CHECK_EQ_INT(ax_lang_by_name("Python"), AX_LANG_PYTHON);
	CHECK_EQ_INT(ax_lang_by_name("C++"), AX_LANG_CPP);
	CHECK_EQ_INT(ax_lang_by_name("c#"), AX_LANG_CSHARP);
	CHECK_EQ_INT(ax_lang_by_name("golang"), AX_LANG_GO);
	CHECK_EQ_INT(ax_lang_by_name("cobol"), AX_LANG_NONE);
	CHECK_EQ_INT(ax_lang_by_name(""), AX_LANG_NONE);
	CHECK_EQ_INT(ax_lang_by_name(NULL), AX_LANG_NONE);
	/* Every language's name maps back to it. */
	for (int l = 1; l < AX_LANG_COUNT; l++)
		CHECK_EQ_INT(ax_lang_by_name(ax_lang_name((enum ax_lang)l)), l);
}

static void test_extensions(void)
{
	PATH("src/app.ts", "typescript");
	PATH("x.d.ts", "typescript");
	PATH("a.mts", "typescript");
	PATH("a.cts", "typescript");
	PATH("ui/App.tsx", "tsx");
	PATH("a.js", "javascript");
	PATH("a.mjs", "javascript");
	PATH("a.cjs", "javascript");
	PATH("a.jsx", "javascript");
	PATH("m.py", "python");
	PATH("stub.pyi", "python");
	PATH("main.go", "go");
	PATH("lib.rs", "rust");
	PATH("A.java", "java");
	PATH("x.c", "c");
	PATH("x.cc", "cpp");
	PATH("x.cpp", "cpp");
	PATH("x.cxx", "cpp");
	PATH("x.hpp", "cpp");
	PATH("x.hh", "cpp");
	PATH("x.inl", "cpp");
	PATH("x.tcc", "cpp"); /* a C++ extension; tcc the interpreter is C */
	PATH("P.cs", "csharp");
	PATH("index.php", "php");
	PATH("a.rb", "ruby");
	PATH("x.gemspec", "ruby");
	PATH("config.ru", "ruby");
	PATH("tasks.rake", "ruby");
	PATH("Main.kt", "kotlin");
	PATH("build.gradle.kts", "kotlin");
	PATH("v.swift", "swift");
	PATH("A.scala", "scala");
	PATH("build.sbt", "scala");
	PATH("lib/a.ex", "elixir");
	PATH("test/a_test.exs", "elixir");
	PATH("main.dart", "dart");
	PATH("ci.yml", "yaml");
	PATH("ci.yaml", "yaml");
	PATH("package.json", "json");
	PATH(".eslintrc.json", "json");
	PATH("settings.jsonc", "json");
	PATH("pyproject.toml", "toml");
	/* Extensions are case-insensitive. */
	PATH("SETUP.PY", "python");
	PATH("Foo.JAVA", "java");
	/* Not ours. */
	PATH("README.md", "");
	PATH("Makefile", "");
	PATH("run.sh", "");
	PATH("a.pl", "");
	PATH("noext", "");
	PATH("trailing.", "");
	/* A leading dot starts a hidden name, not an extension. */
	PATH(".py", "");
	PATH("dir.py/file", "");
	/* .h needs the contents. */
	PATH("x.h", "");
}

static void test_filenames(void)
{
	PATH("Gemfile", "ruby");
	PATH("sub/Rakefile", "ruby");
	PATH("Podfile", "ruby");
	PATH("Vagrantfile", "ruby");
	PATH(".irbrc", "ruby");
	PATH("Cargo.lock", "toml");
	PATH("Pipfile", "toml");
	PATH("poetry.lock", "toml");
	PATH("tsconfig.json", "json");
	PATH(".babelrc", "json");
	PATH(".eslintrc", "json");
	PATH("composer.lock", "json");
	PATH("mix.lock", "elixir");
	PATH(".clang-format", "yaml");
	PATH("SConstruct", "python");
	PATH("Jakefile", "javascript");
	/* Names are exact: case matters, and a directory of that name is not it. */
	PATH("gemfile", "");
	PATH("Gemfile/x", "");
	PATH("Gemfile.lock", "");
}

static void test_shebangs(void)
{
	DETECT("bin/tool", "#!/usr/bin/env python3\nimport sys\n", "python");
	DETECT("bin/tool", "#!/usr/bin/python3.11 -u\n", "python");
	DETECT("bin/tool", "#!/usr/bin/python\n", "python");
	DETECT("bin/tool", "#! /usr/bin/env   python2.7\n", "python");
	DETECT("bin/tool", "#!/usr/bin/env -S node --experimental-modules\n", "javascript");
	DETECT("bin/tool", "#!/usr/bin/env -Snode\n", "javascript");
	DETECT("bin/tool", "#!/usr/bin/env -i PATH=/bin node\n", "javascript");
	DETECT("bin/tool", "#!/usr/bin/env -u HOME nodejs\n", "javascript");
	DETECT("bin/tool", "#!/usr/local/bin/node\r\nconsole.log(1)\r\n", "javascript");
	DETECT("bin/tool", "#!/usr/bin/env bun\n", "javascript");
	DETECT("bin/tool", "#!/usr/bin/env ruby\n", "ruby");
	DETECT("bin/rails", "#!/usr/bin/env ruby3.1\n", "ruby");
	DETECT("bin/tool", "#!/usr/bin/php\n<?php echo 1;\n", "php");
	DETECT("bin/tool", "#!/usr/bin/env elixir\n", "elixir");
	DETECT("bin/tool", "#!/usr/bin/env -S deno run --allow-net\n", "typescript");
	DETECT("bin/tool", "#!/usr/bin/env ts-node\n", "typescript");
	DETECT("bin/tool", "#!/usr/bin/env kotlin\n", "kotlin");
	DETECT("bin/tool", "#!/usr/bin/env swift\n", "swift");
	DETECT("bin/tool", "#!/usr/bin/env dart\n", "dart");
	DETECT("bin/tool", "#!/usr/bin/env scala\n", "scala");
	DETECT("bin/tool", "#!/usr/bin/tcc -run\n", "c");
	DETECT("bin/tool", "#!/bin/sh\nexec python \"$0\"\n", "");
	DETECT("bin/tool", "#!/usr/bin/perl -w\n", "");
	DETECT("bin/tool", "#!/usr/bin/env\n", "");
	DETECT("bin/tool", "#!\n", "");
	DETECT("bin/tool", "#!/usr/bin/env -S\n", "");
	DETECT("bin/tool", "# not a shebang python\n", "");
	/* The extension wins over the shebang. */
	DETECT("x.rb", "#!/usr/bin/env python3\n", "ruby");
	/* A file without contents. */
	CHECK_EQ_STR(ax_lang_name(ax_lang_detect("bin/tool", NULL, 0)), "");
	CHECK_EQ_STR(ax_lang_name(ax_lang_detect("bin/tool", "#", 1)), "");
}

static void test_modelines_and_php(void)
{
	DETECT("include/c++/vector", "// <vector> -*- C++ -*-\n", "cpp");
	DETECT("script", "# -*- mode: python; coding: utf-8 -*-\n", "python");
	DETECT("script", "#!/bin/sh\n# -*- mode: ruby -*-\n", "ruby");
	DETECT("script", "// vim: set ft=javascript:\n", "javascript");
	DETECT("script", "# vim: filetype=yaml\n", "yaml");
	DETECT("script", "# -*- coding: utf-8 -*-\n", "");
	DETECT("script", "# emacs is -*- not a mode -*-\n", "");
	DETECT("page", "<?php\necho 1;\n", "php");
	DETECT("page.html", "<?php\necho 1;\n", "");
}

static void test_headers(void)
{
	DETECT("x.h", "#ifndef X_H\n#define X_H\nint f(void);\n#endif\n", "c");
	CHECK_EQ_STR(ax_lang_name(ax_lang_detect("x.h", NULL, 0)), "c");
	DETECT("x.h", "#include <iostream>\n", "cpp");
	DETECT("x.h", "#include <vector>\nint f();\n", "cpp");
	DETECT("x.h", "#include \"util.hpp\"\n", "cpp");
	DETECT("x.h", "namespace foo {\n}\n", "cpp");
	DETECT("x.h", "template <typename T> T max(T a, T b);\n", "cpp");
	DETECT("x.h", "class Foo {\npublic:\n  int x;\n};\n", "cpp");
	DETECT("x.h", "class API Foo final {};\n", "cpp");
	DETECT("x.h", "class Bar : public Foo {};\n", "cpp");
	DETECT("x.h", "std::string name();\n", "cpp");
	DETECT("x.h", "struct S { virtual ~S(); };\n", "cpp");
	/* Modelines do not decide .h: LLVM's C headers say -*- C++ -*-. */
	DETECT("x.h", "/* llvm-c/Core.h -*- C++ -*- */\nint f(void);\n", "c");
	/* glibc's string.h: extern "C++" behind a macro only C++ defines. */
	DETECT("x.h", "#ifdef __CORRECT_ISO_CPP_STRING_H_PROTO\nextern \"C++\" {\nvoid *memchr(void *, int);\n}\n#endif\n", "c");
	/* C headers that say "C++" only in comments, strings, or in their
	 * #ifdef __cplusplus glue, or use C++ keywords as C names, stay C. */
	DETECT("x.h", "/* a class of functions; see namespace docs; std::x */\nint f(void);\n", "c");
	DETECT("x.h", "const char *s = \"namespace std::x\";\n", "c");
	DETECT("x.h", "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n#endif\n", "c");
	DETECT("x.h", "#if defined(__cplusplus)\ntemplate<class T> struct is { };\nnamespace x {}\n#endif\nint g;\n", "c");
	DETECT("x.h", "#ifndef __cplusplus\ntypedef int bool;\n#else\nnamespace q {}\n#endif\n", "c");
	DETECT("x.h", "#ifndef __cplusplus\nint a;\n#endif\nnamespace q {}\n", "cpp");
	DETECT("x.h", "struct XEvent { int type; int class; };\n", "c");
	DETECT("x.h", "struct flags { unsigned final : 1; };\n", "c");
	DETECT("x.h", "#define BEGIN_DECLS extern \"C\" {\n#include <stdio.h>\n#include <sys/types.h>\n", "c");
	DETECT("x.h", "[[gnu::always_inline]] static inline int f(void) { return 0; }\n", "c");
	DETECT("x.H", "namespace foo {}\n", "cpp");
	/* libstdc++ wraps whole headers in a __cplusplus test. */
	DETECT("x.h", "#ifndef X\n#define X 1\n#if __cplusplus >= 201103L\n#include <ratio>\nnamespace std {\n}\n#endif\n#endif\n", "cpp");
	DETECT("x.h", "#ifdef __cplusplus\nnamespace c {}\n#endif\nint c_api(void);\n", "c");
}

int main(void)
{
	test_table();
	test_extensions();
	test_filenames();
	test_shebangs();
	test_modelines_and_php();
	test_headers();
	return test_summary();
}
