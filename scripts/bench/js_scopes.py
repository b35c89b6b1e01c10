"""js_scopes.py: where each line of a JavaScript or TypeScript file starts,
for coverage.py's judged figure: inside a function body (a local), or
inside a TypeScript object type (`declare const X: { a: T }`).

A lexical scan, not a parser: it skips comments, strings, template literals
and regular expressions, and classifies each `{` by what comes before it
(docs/languages.md, "Judged figure"):

- fn: a function body: after `=>`, or after `(...)` (with an optional
  TypeScript return type) that does not follow if/for/while/switch/catch;
- decl: a class, interface, namespace, module or enum body;
- type: (TypeScript) an object type: after a `:` outside an object literal;
- obj: an object literal (after `=`, `(`, `,`, `return`, ...);
- block: any other block.

A function called in place (`(function () {...})()`, `!function () {...}()`,
`}).call(this)`) is a script's module scope, not a local one.
"""
import re

CONTROL = {"if", "for", "while", "switch", "catch", "with"}
DECL = re.compile(r"\b(class|interface|namespace|module|enum)\b[^;{}()=]*$")
BLOCK_WORDS = {"else", "try", "finally", "do"}
# After these a `/` starts a regular expression, not a division.
REGEX_PREV = set("(,=:[!&|?{};+-*%<>~^")
EXPR_WORDS = {"return", "typeof", "case", "in", "of", "new", "delete", "void", "throw",
              "instanceof", "yield", "await"}
RETURN_TYPE = re.compile(r"\)\s*:\s*[^;{}=?\s][^;{}=?]*$")
IIFE = re.compile(r"[ \t]*\)?[ \t]*(\(|\.call\(|\.apply\()")


class Scanner:
    def __init__(self, text, ts):
        self.text, self.ts = text, ts
        self.braces = []      # [kind, parent id, open pos, close pos]
        self.stack = []       # open brace ids; -1: a template literal's ${
        self.parens = []      # open paren positions
        self.closed = {}      # close pos -> brace id
        self.line_at = [None]  # per line from 1: innermost brace at its start

    def top(self):
        return self.stack[-1] if self.stack and self.stack[-1] >= 0 else None

    def paren_kind(self, j):
        """fn or block for the `{` after the `)` at j."""
        text, depth = self.text, 0
        while j >= 0:
            if text[j] == ")":
                depth += 1
            elif text[j] == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        w = re.search(r"([\w$]+)\s*$", text[max(0, j - 40):j])
        return "block" if w and w.group(1) in CONTROL else "fn"

    def kind_of(self, pos):
        text, j = self.text, pos - 1
        while j >= 0 and text[j] in " \t\r\n":
            j -= 1
        if j < 0:
            return "block"
        c, start = text[j], max(0, j - 300)
        stmt = text[start:j + 1]
        if c == ">" and j > 0 and text[j - 1] == "=":
            return "fn"
        if c == ")":
            return self.paren_kind(j)
        m = RETURN_TYPE.search(stmt) if self.ts else None
        if m:
            return self.paren_kind(start + m.start())
        if c == "}" and self.ts and self.closed.get(j) is not None:
            b = self.braces[self.closed[j]]
            m = re.search(r"\)\s*:\s*$", text[max(0, b[2] - 300):b[2]])
            if b[0] == "type" and m:  # `m(): { r: T } {`
                return self.paren_kind(max(0, b[2] - 300) + m.start())
        if c.isalnum() or c in "_$>":
            w = re.search(r"[\w$]+$", stmt)
            word = w.group() if w else ""
            if word in BLOCK_WORDS:
                return "block"
            if DECL.search(stmt):
                return "decl"
            return "obj" if word in EXPR_WORDS or c == ">" else "block"
        if c == ":" and self.ts:
            outer = self.braces[self.top()][0] if self.top() is not None else "block"
            in_parens = self.parens and (self.top() is None or self.parens[-1] > self.braces[self.top()][2])
            if outer == "obj" and not in_parens:
                return "obj"
            if outer != "type" and re.search(r"\b(case|default)\b[^:]*:$", stmt):
                return "block"
            return "type"
        return "block" if c in "{};" else "obj"

    def skip_template(self, i):
        """From inside a template literal to past its end or its next ${."""
        text, n = self.text, len(self.text)
        while i < n and text[i] != "`":
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == "$" and i + 1 < n and text[i + 1] == "{":
                self.stack.append(-1)
                return i + 2
            if text[i] == "\n":
                self.line_at.append(self.top())
            i += 1
        return i + 1

    def skip_regex(self, i):
        text, n, cls = self.text, len(self.text), False
        while i < n and text[i] != "\n":
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == "[":
                cls = True
            elif text[i] == "]":
                cls = False
            elif text[i] == "/" and not cls:
                break
            i += 1
        return i + 1

    def scan(self):
        text, n, i, prev, line_start = self.text, len(self.text), 0, "", True
        while i < n:
            c = text[i]
            if c == "\n":
                self.line_at.append(None)
                line_start, i = True, i + 1
                continue
            if line_start and c not in " \t\r":
                self.line_at[-1], line_start = self.top(), False
            if text.startswith("//", i):
                j = text.find("\n", i)
                i = n if j < 0 else j
                continue
            if text.startswith("/*", i):
                j = text.find("*/", i + 2)
                j = n if j < 0 else j + 2
                self.line_at.extend([self.top()] * text.count("\n", i, j))
                i = j
                continue
            if c in "'\"":
                j = i + 1
                while j < n and text[j] != c and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                i, prev = j + 1, "a"
                continue
            if c == "`" or (c == "}" and self.stack and self.stack[-1] == -1):
                if c == "}":
                    self.stack.pop()
                i, prev = self.skip_template(i + 1), "a"
                continue
            if c == "/":
                w = re.search(r"[\w$]+$", text[max(0, i - 12):i].rstrip())
                if prev in REGEX_PREV or prev == "" or (prev == "a" and w and w.group() in EXPR_WORDS):
                    i, prev = self.skip_regex(i + 1), "a"
                    continue
            if c == "{":
                self.braces.append([self.kind_of(i), self.top(), i, None])
                self.stack.append(len(self.braces) - 1)
            elif c == "}" and self.stack:
                b = self.stack.pop()
                self.braces[b][3] = i
                self.closed[i] = b
            elif c == "(":
                self.parens.append(i)
            elif c == ")" and self.parens:
                self.parens.pop()
            if c not in " \t\r":
                prev = "a" if (c.isalnum() or c in "_$") else c
            i += 1

    def called_in_place(self, b):
        return b[3] is not None and bool(IIFE.match(self.text, b[3] + 1))

    def lines(self):
        """[(local, in_type)] indexed by line number (index 0 unused)."""
        state = {None: (False, False)}
        for bid, b in enumerate(self.braces):  # a parent comes before its children
            up = state[b[1]]
            state[bid] = (up[0] or (b[0] == "fn" and not self.called_in_place(b)), up[1] or b[0] == "type")
        return [(False, False)] + [state[b] for b in self.line_at]


def js_scopes(text, ts):
    s = Scanner(text, ts)
    s.scan()
    return s.lines()
