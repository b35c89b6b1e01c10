#!/usr/bin/env python3
"""bats-lint.py FILE...: checks in bats tests that can never fail.

bats runs each test under `set -e`, and bash's `set -e` ignores a failure in
two shapes unless the command is the test's (or function's) last:
  ! grep -q x f          a negated command never stops the shell
  [ "$a" = 1 ] && cmd    an AND list whose left side fails is no error
and in one shape wherever it is:
  local x=$(cmd)         local, export, declare, readonly: their own
                         status (0) replaces that of the command
So `! grep -q error log` in the middle of a test passes whatever the log
says. This script parses the shell of every @test and function in FILEs
and prints FILE:LINE for each such command; exit status 1 if there is one.

Allowed, as bash checks them or they are no checks:
  - the last command of a @test or function (its status is the result),
    and the last command inside ( ... ), which is the subshell's status;
  - conditions of if/elif/while/until, the insides of [[ ]] and (( )),
    of quotes and of $( ), and commands left of a pipe;
  - `a || b` (b runs and is checked when a fails) and `a && b || c`;
  - `cond && break` (continue, return, exit): control flow, not a check.
Write `not CMD` (tests/helpers.bash) for a negation, one command per line
(or `if`) for an AND, and `local x` then `x=$(cmd)`.
"""
import re
import sys

OPERATORS = ["&&", "||", ";;&", ";;", ";&", "|&", ";", "&", "|", "(", ")"]
REDIRS = ["<<<", "<<-", "<<", "&>>", "&>", ">>", ">&", "<&", "<>", ">|", "<", ">"]
META = set(" \t\n;&|()<>")
CONTROL = {"break", "continue", "return", "exit"}
DECLARE = {"local", "export", "declare", "readonly", "typeset"}


class Lexer:
    """Bash tokens: ('w', text, line) words, ('op', text, line) operators,
    ('nl', '\\n', line) newlines; redirections are dropped with their target,
    here-documents with their bodies, comments with their text."""

    def __init__(self, text):
        self.s, self.i, self.line = text, 0, 1
        self.heredocs = []  # (delimiter, strip tabs) waiting for the newline
        self.toks = []

    def peek(self, k=0):
        j = self.i + k
        return self.s[j] if j < len(self.s) else ""

    def advance(self, n=1):
        for _ in range(n):
            if self.peek() == "\n":
                self.line += 1
            self.i += 1

    def run(self):
        while self.i < len(self.s):
            c = self.peek()
            if c in " \t":
                self.advance()
            elif c == "\\" and self.peek(1) == "\n":
                self.advance(2)
            elif c == "#":
                while self.peek() not in ("", "\n"):
                    self.advance()
            elif c == "\n":
                self.toks.append(("nl", "\n", self.line))
                self.advance()
                self.skip_heredocs()
            elif self.redirection():
                pass
            elif self.s.startswith("((", self.i):
                line = self.line
                self.toks.append(("w", self.balanced("(", ")"), line))
            else:
                op = next((o for o in OPERATORS if self.s.startswith(o, self.i)), None)
                if op:
                    self.toks.append(("op", op, self.line))
                    self.advance(len(op))
                else:
                    line = self.line
                    self.toks.append(("w", self.word(), line))
        self.toks.append(("nl", "\n", self.line))
        return self.toks

    def redirection(self):
        """A redirection (with an fd number before it) and its target word."""
        j = self.i
        while j < len(self.s) and self.s[j].isdigit():
            j += 1
        r = next((r for r in REDIRS if self.s.startswith(r, j)), None)
        if not r or self.s.startswith("<(", j) or self.s.startswith(">(", j):
            return False
        self.advance(j - self.i + len(r))
        if r in (">&", "<&") and self.peek() == "-":
            self.advance()
            return True
        while self.peek() in " \t":
            self.advance()
        target = self.word()
        if r in ("<<", "<<-"):
            delim = target.replace("'", "").replace('"', "").replace("\\", "")
            self.heredocs.append((delim, r == "<<-"))
        return True

    def skip_heredocs(self):
        for delim, strip in self.heredocs:
            while self.i < len(self.s):
                end = self.s.find("\n", self.i)
                end = len(self.s) if end < 0 else end
                text = self.s[self.i:end]
                self.advance(end - self.i + 1)
                if (text.lstrip("\t") if strip else text) == delim:
                    break
        self.heredocs = []

    def word(self):
        start = self.i
        while self.i < len(self.s):
            c = self.peek()
            if c == "\\":
                self.advance(2)
            elif c == "'":
                self.quoted("'")
            elif c == '"':
                self.double()
            elif c == "`":
                self.quoted("`")
            elif c == "$" and self.peek(1) == "'":
                self.advance()
                self.ansi()
            elif c == "$" and self.peek(1) in "({":
                self.advance()
                self.balanced(self.peek(), ")" if self.peek() == "(" else "}")
            elif c in "<>" and self.peek(1) == "(":
                self.advance()
                self.balanced("(", ")")
            elif c == "(" and self.i > start and self.s[self.i - 1] in "@?*+!":
                self.balanced("(", ")")  # an extended glob
            elif c in META:
                break
            else:
                self.advance()
        if self.i == start:  # a lone metacharacter no rule knows: skip it
            self.advance()
        return self.s[start:self.i]

    def quoted(self, q):
        self.advance()
        while self.i < len(self.s) and self.peek() != q:
            self.advance(2 if q == "`" and self.peek() == "\\" else 1)
        self.advance()

    def ansi(self):
        self.advance()
        while self.i < len(self.s) and self.peek() != "'":
            self.advance(2 if self.peek() == "\\" else 1)
        self.advance()

    def double(self):
        self.advance()
        while self.i < len(self.s) and self.peek() != '"':
            c = self.peek()
            if c == "\\":
                self.advance(2)
            elif c == "$" and self.peek(1) in "({":
                self.advance()
                self.balanced(self.peek(), ")" if self.peek() == "(" else "}")
            elif c == "`":
                self.quoted("`")
            else:
                self.advance()
        self.advance()

    def balanced(self, open_, close):
        """From an opening bracket to its match, past quotes inside."""
        start, depth = self.i, 0
        while self.i < len(self.s):
            c = self.peek()
            if c == "\\":
                self.advance(2)
                continue
            if c == "'" and open_ == "(":
                self.quoted("'")
                continue
            if c == '"':
                self.double()
                continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    self.advance()
                    break
            self.advance()
        return self.s[start:self.i]


class Parser:
    """A recursive descent over the tokens, checking as it goes up: each
    list is checked once its last command is known."""

    def __init__(self, toks, path):
        self.toks, self.k, self.path = toks, 0, path
        self.findings = []

    def tok(self):
        return self.toks[self.k] if self.k < len(self.toks) else ("eof", "", 0)

    def take(self):
        t = self.tok()
        self.k += 1
        return t

    def at_word(self, *words):
        t = self.tok()
        return t[0] == "w" and t[1] in words

    def at_op(self, *ops):
        t = self.tok()
        return t[0] == "op" and t[1] in ops

    def skip_nl(self):
        while self.tok()[0] == "nl":
            self.k += 1

    def expect_word(self, w):
        self.skip_nl()
        if self.at_word(w):
            self.k += 1

    # --- the file: functions and @tests; other top-level code is not linted
    def file(self):
        while True:
            self.skip_nl()
            t = self.tok()
            if t[0] == "eof":
                break
            if self.at_word("@test"):
                self.k += 2  # @test and its name
                self.function_body()
            elif t[0] == "op":
                self.k += 1
            else:
                self.and_or()  # define() checks the functions it defines

    def function_body(self):
        self.skip_nl()
        body = self.command()
        self.check_command(body, consumed=True, cond=False)

    # --- grammar: each node is a dict
    def list_(self, ends, ops_end=()):
        items = []
        while True:
            self.skip_nl()
            t = self.tok()
            if t[0] == "eof" or (t[0] == "w" and t[1] in ends) or (t[0] == "op" and t[1] in ops_end):
                break
            if t[0] == "op" and t[1] in (";", "&", ")", ";;", ";&", ";;&"):
                self.k += 1  # stray separator
                continue
            ao = self.and_or()
            if self.at_op("&"):
                ao["background"] = True
                self.k += 1
            elif self.at_op(";"):
                self.k += 1
            items.append(ao)
        return items

    def and_or(self):
        line = self.tok()[2]
        pipes, ops = [self.pipeline()], []
        while self.at_op("&&", "||"):
            ops.append(self.take()[1])
            self.skip_nl()
            pipes.append(self.pipeline())
        return {"pipes": pipes, "ops": ops, "line": line, "background": False}

    def pipeline(self):
        negated = False
        while self.at_word("!"):
            negated = not negated
            self.k += 1
        cmds = [self.command()]
        while self.at_op("|", "|&"):
            self.k += 1
            self.skip_nl()
            cmds.append(self.command())
        return {"negated": negated, "cmds": cmds}

    def command(self):
        t = self.tok()
        if t[0] == "op" and t[1] == "(":
            self.k += 1
            body = self.list_((), ops_end=(")",))
            self.k += 1
            return {"kind": "subshell", "body": body}
        if t[0] != "w":
            self.k += 1
            return {"kind": "simple", "words": []}
        if t[1] in DECLARE:
            self.check_declare(t[2])
        w = t[1]
        if w == "{":
            self.k += 1
            body = self.list_({"}"})
            self.k += 1
            return {"kind": "group", "body": body}
        if w in ("if", "while", "until", "for", "select", "case"):
            self.k += 1
            return getattr(self, "c_" + ("for" if w == "select" else w))()
        if w == "[[":
            while self.tok()[0] != "eof" and not self.at_word("]]"):
                self.k += 1
            self.k += 1
            return {"kind": "simple", "words": ["[["]}
        if w == "function":
            self.k += 1
            self.take()
            if self.at_op("("):
                self.k += 2
            return self.define()
        words = []
        while self.tok()[0] == "w":
            words.append(self.take()[1])
            if len(words) == 1 and self.at_op("(") and self.toks[self.k + 1][1] == ")":
                self.k += 2
                return self.define()
        return {"kind": "simple", "words": words}

    def define(self):
        self.skip_nl()
        start = self.k
        body = self.command()
        self.check_command(body, consumed=True, cond=False)
        return {"kind": "simple", "words": ["function"], "start": start}

    def c_if(self):
        conds, bodies, other = [], [], None
        conds.append(self.list_({"then"}))
        self.k += 1
        while True:
            bodies.append(self.list_({"elif", "else", "fi"}))
            w = self.take()[1]
            if w == "elif":
                conds.append(self.list_({"then"}))
                self.k += 1
            elif w == "else":
                other = self.list_({"fi"})
                self.k += 1
                break
            else:
                break
        branches = bodies + ([other] if other is not None else [])
        return {"kind": "if", "conds": conds, "branches": branches}

    def c_while(self):
        cond = self.list_({"do"})
        self.k += 1
        body = self.list_({"done"})
        self.k += 1
        return {"kind": "loop", "conds": [cond], "body": body}

    c_until = c_while

    def c_for(self):
        if self.tok()[0] == "w" and self.tok()[1].startswith("(("):
            self.k += 1
        else:
            self.take()  # the name
            self.skip_nl()
            if self.at_word("in"):
                while self.tok()[0] == "w":
                    self.k += 1
        if self.at_op(";"):
            self.k += 1
        self.expect_word("do")
        body = self.list_({"done"})
        self.k += 1
        return {"kind": "loop", "conds": [], "body": body}

    def c_case(self):
        self.take()  # the word
        self.expect_word("in")
        branches = []
        while True:
            self.skip_nl()
            if self.at_word("esac") or self.tok()[0] == "eof":
                self.k += 1
                break
            if self.at_op("("):
                self.k += 1
            while not self.at_op(")") and self.tok()[0] != "eof":
                self.k += 1
            self.k += 1
            branches.append(self.list_({"esac"}, ops_end=(";;", ";&", ";;&")))
            if self.at_op(";;", ";&", ";;&"):
                self.k += 1
        return {"kind": "if", "conds": [], "branches": branches}

    # --- the checks
    def check_list(self, items, consumed, cond):
        for n, ao in enumerate(items):
            self.check_and_or(ao, consumed and n == len(items) - 1, cond)

    def check_and_or(self, ao, consumed, cond):
        pipes, ops = ao["pipes"], ao["ops"]
        used = consumed or ao["background"]
        if not cond and not used:
            last = pipes[-1]
            if ops and ops[-1] == "&&" and not self.control(last):
                self.report(ao["line"], "an AND list whose left side may fail unnoticed (not the last command)")
            elif last["negated"]:
                self.report(ao["line"], "a negated command never fails the test (not the last command): use not")
        for j, p in enumerate(pipes):
            # A status that the next operator reads, or that is the list's.
            seen = j < len(pipes) - 1 or used
            for m, c in enumerate(p["cmds"]):
                producer = m < len(p["cmds"]) - 1
                self.check_command(c, consumed=seen and not p["negated"],
                                   cond=cond or producer or p["negated"])

    def check_command(self, c, consumed, cond):
        kind = c["kind"]
        if kind == "subshell":
            self.check_list(c["body"], True, cond)
        elif kind == "group":
            self.check_list(c["body"], consumed, cond)
        elif kind == "if":
            for l in c["conds"]:
                self.check_list(l, True, True)
            for l in c["branches"]:
                self.check_list(l, consumed, cond)
        elif kind == "loop":
            for l in c["conds"]:
                self.check_list(l, True, True)
            self.check_list(c["body"], False, cond)

    def check_declare(self, line):
        """local x=$(cmd): the status of cmd is lost, wherever it is."""
        j = self.k + 1
        while j < len(self.toks) and self.toks[j][0] == "w":
            if re.search(r"=(\$\((?!\()|`)", self.toks[j][1]):
                self.report(line, "%s hides the status of its command substitution: "
                            "assign on a line of its own" % self.toks[self.k][1])
                return
            j += 1

    @staticmethod
    def control(p):
        c = p["cmds"][-1]
        return not p["negated"] and c["kind"] == "simple" and c["words"][:1] and c["words"][0] in CONTROL

    def report(self, line, msg):
        self.findings.append((line, msg))


def lint(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    p = Parser(Lexer(text).run(), path)
    p.file()
    lines = text.split("\n")
    out = []
    for line, msg in sorted(set(p.findings)):
        out.append("%s:%d: %s\n\t%s" % (path, line, msg, lines[line - 1].strip()))
    return out


def main():
    found = []
    for path in sys.argv[1:]:
        found += lint(path)
    for f in found:
        print(f)
    if found:
        print("bats-lint: %d unchecked command(s)" % len(found), file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
