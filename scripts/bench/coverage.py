#!/usr/bin/env python3
"""coverage.py CTAGS_JSON AX_JSONL KINDS_MD [--examples N] [--lang L]

Compares the definitions universal-ctags lists with the symbols ax-parse
extracts from the same files, per language: recall (ctags definitions ax
also has, by path, line and name), precision (ax symbols of the kinds
that map to a ctags kind which ctags also lists there) and the top
missing constructs.

CTAGS_JSON is `ctags --output-format=json --fields=+nKlZ` output; AX_JSONL
is `ax-cat` output of ax-parse. KINDS_MD is docs/languages.md: its table
under "## ctags kinds" maps each ctags language and kind to ax kinds;
a row whose ax kinds are "-" is a kind ax leaves out on purpose, and is
not counted. JSON keys that ax leaves out by design (docs/parse.md, "Config
files") are not counted either: an array value (ctags names it by its
index), a key of a list item whose path an earlier item already gave, a
path past the 200-byte cap, a key past the per-file cap of a truncated file.

Beside the raw figure it prints a judged one for JavaScript and TypeScript
(docs/languages.md, "Judged figure"): the same comparison without the
ctags tags of a few documented classes that are not definitions a user
would look up (generated names, data keys, locals, members of object types)
and without the ax symbols in a stretch of a file where ctags stopped
parsing. C and C++ get one too: without the macro calls ctags takes for
prototypes, the explicit template instantiations it takes for variables,
and the ax symbols of #else/#elif branches ctags left out.
Each rule is counted; --examples shows what each one removed.
"""
import bisect
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from js_scopes import js_scopes  # noqa: E402

# ax language -> universal-ctags language (ctags has no TSX, Swift, Scala,
# Dart or TOML parser)
CTAGS_LANG = {
    "javascript": "JavaScript", "typescript": "TypeScript",
    "python": "Python", "go": "Go", "rust": "Rust", "java": "Java", "c": "C",
    "cpp": "C++", "csharp": "C#", "php": "PHP", "ruby": "Ruby",
    "kotlin": "Kotlin", "elixir": "Elixir", "yaml": "Yaml", "json": "JSON",
}

# ctags parsers that list the locals of a function body as definitions:
# for these languages a tag whose scope is one of these kinds (a `val` in a
# method, a lambda's parameter) or that is a lambda is a local: it is not
# counted for recall, but confirms an ax symbol there (a method of an
# object expression in a function).
LOCAL_SCOPES = {"Kotlin": {"method"}}


def is_local(r):
    scopes = LOCAL_SCOPES.get(r.get("language"))
    return bool(scopes) and (r.get("scopeKind") in scopes or r.get("name") == "<lambda>")


def load_kinds(path):
    """{(ctags_lang, ctags_kind): set(ax kinds) or None for left out}."""
    kinds, on = {}, False
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            on = line.strip() == "## ctags kinds"
            continue
        if not on or not line.startswith("|"):
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in ("ctags language", "") or set(cells[0]) <= set("-: "):
            continue
        lang, kind, ax = cells[0], cells[1], cells[2]
        kinds[(lang, kind)] = None if ax in ("-", "—") else {k.strip().strip("`") for k in ax.split(",")}
    return kinds


def config_path(scope, name):
    """ax's path of a ctags JSON key: its scope without array indexes."""
    parts = (scope.split(".") if scope else []) + [name]
    return ".".join(p for p in parts if not p.isdigit())


def by_design(path_names, truncated, scope, name):
    """Whether ax leaves this JSON entry (not found on its line) out on
    purpose; scope is (ctags scope, scopeKind)."""
    if name.isdigit() and scope[1] in ("", "array"):
        return True   # an array value
    path = config_path(scope[0], name)
    return path in path_names or len(path.encode()) > 200 or truncated


# The judged figure's rules (docs/languages.md, "Judged figure"), for the
# ctags languages below. Each takes a ctags tag (line, name, kind) and the
# file's js_scopes() lines.
JUDGED_LANGS = {"JavaScript", "TypeScript"}
IDENT = re.compile(r"^#?[A-Za-z_$][A-Za-z0-9_$]*$")
KEY_KINDS = {"property", "field", "method", "getter", "setter", "constant", "class"}
DATA_KINDS = {"variable", "constant", "property", "field", "class"}
STOP_RUN = 20   # ax symbols in a stretch where ctags lists nothing


def receiver(line, name, kind):
    """Whether a ctags tag names the receiver of an assignment, not what it
    defines (`X.prototype.m = f`: X; `module.exports = {...}`: exports), or
    a use of a prototype's member (`delete X.prototype.m`,
    `X.prototype.m.call(this)`)."""
    n = re.escape(name)
    if kind == "method":
        return bool(re.search(r"\.prototype\.{}\b(?!\s*=[^=])".format(n), line))
    return bool(re.search(r"(^|[^\w$]){}\.prototype\b".format(n), line)) or \
        (name == "exports" and re.match(r"\s*module\.exports\s*=", line) is not None)


def judge(tag, scope, scopes, line):
    """The rule that leaves this ctags tag out of the judged figure, or None.
    scope: the tag's ctags scope (a.b.c); line: its source line."""
    ln, name, kind = tag
    if kind in ("class", "function", "method") and receiver(line, name, kind):
        return "receiver"
    if re.match(r"\s*(import\b|export\s*(=|\{|\*|type\s*\{))", line):
        return "import/export"
    if kind in KEY_KINDS and not (IDENT.match(name) and all(IDENT.match(s) for s in scope.split(".") if s)):
        return "data key"
    local, in_type = scopes[ln] if ln < len(scopes) else (False, False)
    if kind in DATA_KINDS and local:
        return "local"
    if kind in DATA_KINDS and in_type:
        return "object-type member"
    return None


MEMBER_VALUE = r"^\s*(?:[\w$]+\.)+{}\s*=(?!=)\s*(?!async\b|function\b|class\b|[{{(]|[\w$]+\s*=>)\S"


def member_value(line, name):
    """Whether an ax property is a member assignment of a value that is not
    a function, class or object literal (`AWS.S3 = Service.define(...)`,
    `exports.VERSION = '1'`): ctags' JavaScript parser lists none."""
    return bool(re.match(MEMBER_VALUE.format(re.escape(name)), line))


def ctags_stopped(ct_lines, unconfirmed):
    """The lines of the ax symbols that lie in a stretch between two
    consecutive ctags tags (or before the first, after the last) that holds
    at least STOP_RUN ax symbols: there ctags stopped parsing (a TypeScript
    `declare class` after its first body-less `constructor(...)`, a bundle).
    unconfirmed: the lines of the ax symbols ctags does not list."""
    runs = collections.defaultdict(list)
    for ln in unconfirmed:
        runs[bisect.bisect_right(ct_lines, ln)].append(ln)
    return {ln for run in runs.values() if len(run) >= STOP_RUN for ln in run}


# C and C++ (docs/languages.md, "Judged figure"): ctags takes a macro call
# for a prototype, and leaves out many #else/#elif branches.
C_JUDGED = {"C", "C++"}
MACRO = re.compile(r"^[A-Z][A-Z0-9_]*$")
PP_BRANCH = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b")


def macro_call(line, name, kind):
    """Whether a ctags C/C++ function or prototype is a macro's call: the
    name in capitals at the start of its line (`BOOST_STATIC_CONSTANT(bool,
    value = true);` in a class), or any name called after a `=`, `;`, `{` or
    `}` (`state = yy_get_previous_state(s);` in a function body)."""
    if kind not in ("function", "prototype"):
        return False
    call = r"\s*{}\s*\(".format(re.escape(name))
    return bool((MACRO.match(name) and re.match("^" + call, line)) or re.search(r"[=;{}]" + call, line))


def instantiation(line, name, kind):
    """Whether a ctags C++ variable is an explicit template instantiation
    (`template class CSSValueVariant<CSSAngle>;`): it names a class defined
    elsewhere."""
    return kind == "variable" and bool(
        re.match(r"\s*(extern\s+)?template\s+(class|struct)\s+{}\s*<".format(re.escape(name)), line))


def else_lines(lines):
    """The line numbers (1-based) inside an #else or #elif branch, at any
    depth of #if."""
    out, stack = set(), []
    for i, line in enumerate(lines, 1):
        m = PP_BRANCH.match(line)
        if not m:
            if any(stack):
                out.add(i)
        elif m.group(1).startswith("if"):
            stack.append(False)
        elif m.group(1) == "endif":
            stack = stack[:-1]
        elif stack:
            stack[-1] = True
    return out


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def last(name):
    """The last component of a qualified name: a.b.c, A::B, A\\B, A#b."""
    return re.split(r"\.|::|\\|#", name)[-1] if name else name


def bare(name):
    """The name without white space: ctags writes C++'s `operator==` as
    `operator ==`."""
    return re.sub(r"\s+", "", name) if name else name


def spelling(lang):
    """How names are compared in a language: Ruby's without a trailing `=`,
    `?` or `!` (ctags lists an attr_accessor's writer as `x=` beside `x`,
    where ax has one property `x`, and drops the `?` of `alias :x? :y`)."""
    if lang == "ruby":
        return lambda n: n.rstrip("=?!") or n
    return lambda n: n


def main():
    args = sys.argv[1:]
    examples, only = 0, None
    if "--examples" in args:
        i = args.index("--examples")
        examples = int(args[i + 1])
        del args[i:i + 2]
    if "--lang" in args:
        i = args.index("--lang")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    ctags_path, ax_path, kinds_path = args
    kinds = load_kinds(kinds_path)

    # ax: per path, its language and symbols; minified/generated files out.
    ax_lang, ax_syms, skipped, truncated = {}, collections.defaultdict(list), set(), set()
    for line in open(ax_path, encoding="utf-8", errors="replace"):
        r = json.loads(line)
        if r.get("t") != "parsed":
            continue
        p = r["path"]
        if r.get("minified") or r.get("generated"):
            skipped.add(p)
            continue
        ax_lang[p] = r["lang"]
        if r.get("truncated"):
            truncated.add(p)
        for s in r.get("syms", []):
            ax_syms[p].append((s["line"], bare(s["name"]), s["kind"]))

    ctags = collections.defaultdict(list)  # path -> [(line, name, kind, clang, scope, local)]
    for line in open(ctags_path, encoding="utf-8", errors="replace"):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get("_type") != "tag" or r["path"] not in ax_lang:
            continue
        ctags[r["path"]].append((r.get("line", 0), bare(r["name"]), r.get("kind", "?"), r.get("language", "?"),
                                 (r.get("scope", ""), r.get("scopeKind", "")), is_local(r)))

    stats = collections.defaultdict(lambda: collections.Counter())
    missing = collections.defaultdict(collections.Counter)
    miss_ex = collections.defaultdict(list)
    extra_ex = collections.defaultdict(list)
    unknown = collections.Counter()
    rules, rule_ex = collections.Counter(), collections.defaultdict(list)
    for p, lang in ax_lang.items():
        if lang not in CTAGS_LANG or (only and lang not in only):
            continue
        st = stats[lang]
        st["files"] += 1
        spell = spelling(lang)
        axs = [(ln, spell(name), kind) for ln, name, kind in ax_syms.get(p, [])]
        ax_at = collections.defaultdict(set)
        for ln, name, kind in axs:
            ax_at[ln].add(name)
            ax_at[ln].add(last(name))
        ct_at = collections.defaultdict(set)
        mapped_ax_kinds = set()
        path_names = {name for _, name, _ in axs}
        judged = CTAGS_LANG[lang] in JUDGED_LANGS
        c_judged = CTAGS_LANG[lang] in C_JUDGED
        lines = read_text(p).split("\n") if judged or c_judged else []
        scopes = js_scopes("\n".join(lines), lang == "typescript") if judged else []
        in_else = else_lines(lines) if c_judged else set()
        jst = stats["judged " + lang] if judged or c_judged else collections.Counter()
        for ln, name, kind, clang, scope, local in ctags.get(p, []):
            name = spell(name)
            ct_at[ln].add(name)
            ct_at[ln].add(last(name))
            if local:
                continue
            k = kinds.get((clang, kind), "unknown")
            if k == "unknown":
                unknown[(clang, kind)] += 1
                continue
            if k is None:
                st["ctags_out"] += 1
                continue
            mapped_ax_kinds |= k
            found = name in ax_at.get(ln, ()) or last(name) in ax_at.get(ln, ())
            if not found and clang == "JSON" and by_design(path_names, p in truncated, scope, name):
                st["ctags_config"] += 1
                continue
            st["ctags"] += 1
            st["found"] += found
            if not found:
                missing[lang][f"{clang}/{kind}"] += 1
                miss_ex[(lang, f"{clang}/{kind}")].append((p, ln, name))
            line = lines[ln - 1] if 0 < ln <= len(lines) else ""
            rule = (judged and judge((ln, name, kind), scope[0], scopes, line)) or \
                (c_judged and macro_call(line, name, kind) and "macro call") or \
                (c_judged and instantiation(line, name, kind) and "instantiation")
            if rule:
                rules[rule] += 1
                rules[rule + ", found"] += found
                rule_ex[rule].append((p, ln, name, kind))
                continue
            jst["ctags"] += 1
            jst["found"] += found
            if not found:
                missing["judged " + lang][f"{clang}/{kind}"] += 1
                miss_ex[("judged " + lang, f"{clang}/{kind}")].append((p, ln, name))
        # Precision counts the ax kinds that some ctags kind maps to.
        mapped = [(ln, name, kind) for ln, name, kind in axs
                  if any(kind in v for (cl, _), v in kinds.items() if v and cl == CTAGS_LANG[lang])]
        unconfirmed = [s for s in mapped if not (s[1] in ct_at.get(s[0], ()) or last(s[1]) in ct_at.get(s[0], ()))]
        stopped = ctags_stopped(sorted(ct_at), [ln for ln, _, _ in unconfirmed]) if judged else set()
        st["ax"] += len(mapped)
        st["ax_confirmed"] += len(mapped) - len(unconfirmed)
        jst["ax"] += len(mapped)
        jst["ax_confirmed"] += len(mapped) - len(unconfirmed)
        for ln, name, kind in unconfirmed:
            extra_ex[lang].append((p, ln, name, kind))
            rule = None
            if ln in stopped:
                rule = "ctags stopped"
            elif judged and kind == "property" and 0 < ln <= len(lines) and member_value(lines[ln - 1], name):
                rule = "member value"
            elif ln in in_else:
                rule = "else branch"
            if rule:
                jst["ax"] -= 1
                rules[rule] += 1
                rule_ex[rule + " (ax symbols)"].append((p, ln, name, kind))
            else:
                extra_ex["judged " + lang].append((p, ln, name, kind))

    def pct(a, b):
        return f"{100.0 * a / b:5.1f}%" if b else "    -"

    print(f"{'language':<11} {'files':>6} {'ctags':>7} {'found':>7} {'recall':>7} {'ax':>7} {'prec.':>7}  top missing (ctags language/kind: count)")
    tot = collections.Counter()
    for lang in sorted(l for l in stats if not l.startswith("judged ")):
        st = stats[lang]
        tot.update(st)
        top = ", ".join(f"{k} {n}" for k, n in missing[lang].most_common(4))
        print(f"{lang:<11} {st['files']:>6} {st['ctags']:>7} {st['found']:>7} {pct(st['found'], st['ctags']):>7} "
              f"{st['ax']:>7} {pct(st['ax_confirmed'], st['ax']):>7}  {top}")
    print(f"{'all':<11} {tot['files']:>6} {tot['ctags']:>7} {tot['found']:>7} {pct(tot['found'], tot['ctags']):>7} "
          f"{tot['ax']:>7} {pct(tot['ax_confirmed'], tot['ax']):>7}")
    if tot["ctags_config"]:
        print(f"({tot['ctags_config']} JSON entries left out by design: array values, keys of repeated list "
              "items, long paths, keys past a file's cap)")
    if skipped:
        print(f"({len(skipped)} minified or generated files left out)")
    if unknown:
        print("ctags kinds not in docs/languages.md (not counted): " +
              ", ".join(f"{l}/{k} {n}" for (l, k), n in unknown.most_common()))
    judged_langs = sorted(l for l in stats if l.startswith("judged "))
    if judged_langs:
        print("\njudged (docs/languages.md, \"Judged figure\"): without the ctags tags and ax symbols these rules remove")
        for lang in judged_langs:
            st = stats[lang]
            top = ", ".join(f"{k} {n}" for k, n in missing[lang].most_common(4))
            print(f"{lang[7:]:<11} {stats[lang[7:]]['files']:>6} {st['ctags']:>7} {st['found']:>7} "
                  f"{pct(st['found'], st['ctags']):>7} {st['ax']:>7} {pct(st['ax_confirmed'], st['ax']):>7}  {top}")
        names = {CTAGS_LANG[lang[7:]] for lang in judged_langs}
        tag_rules, sym_rules = [], []
        if names & JUDGED_LANGS:
            tag_rules += ["receiver", "import/export", "data key", "local", "object-type member"]
            sym_rules += ["ctags stopped", "member value"]
        if names & C_JUDGED:
            tag_rules += ["macro call", "instantiation"]
            sym_rules.append("else branch")
        for rule in tag_rules:
            print(f"  rule {rule + ':':<20} {rules[rule]:>7} ctags tags ({rules[rule + ', found']} of them found by ax)")
        for rule in sym_rules:
            print(f"  rule {rule + ':':<20} {rules[rule]:>7} ax symbols")
    if examples:
        lines_cache = {}

        def src(p, ln):
            if p not in lines_cache:
                lines_cache[p] = read_text(p).split("\n")
            ls = lines_cache[p]
            return ls[ln - 1].strip()[:100] if 0 < ln <= len(ls) else ""

        for rule, ex in sorted(rule_ex.items()):
            print(f"\n-- judged rule {rule} ({len(ex)}), every {max(1, len(ex) // examples)}th")
            for p, ln, name, kind in ex[::max(1, len(ex) // examples)][:examples]:
                print(f"   {p}:{ln}: {kind} {name}  |  {src(p, ln)}")
        for lang in sorted(stats):
            for key, n in missing[lang].most_common(8):
                print(f"\n-- {lang}: missing {key} ({n})")
                for p, ln, name in miss_ex[(lang, key)][:examples]:
                    print(f"   {p}:{ln}: {name}  |  {src(p, ln)}")
            if extra_ex[lang]:
                print(f"\n-- {lang}: ax symbols ctags does not list ({len(extra_ex[lang])})")
                for p, ln, name, kind in extra_ex[lang][:examples]:
                    print(f"   {p}:{ln}: {kind} {name}  |  {src(p, ln)}")


if __name__ == "__main__":
    main()
