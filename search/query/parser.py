"""The query language of the contract, parsed by hand so errors can say what and where.

Grammar (AND binds tighter than OR; adjacent clauses are AND-ed)::

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | ["+"] primary
    primary := "(" or_expr ")" | [FIELD ":"] (WORD ["*" | "~" [N]] | PHRASE | "(" or_expr ")")

Whoosh's own parser never fails (it silently turns bad syntax into words), which would
hide a reader's mistake; this parser reports it with a position instead. The tree is then
compiled to Whoosh queries in :mod:`qidir.search.query.compiler`, where the analysers run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qidir.search.fields import query_fields

#: Bounds that keep one query from tying up a worker (each violation is a 400).
MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MAX_FUZZY_DISTANCE = 2


class QueryError(ValueError):
    """A query that cannot be run; ``position`` is the 0-based offset in the query string."""

    def __init__(self, message: str, position: int | None = None, param: str = "q") -> None:
        where = f" (at character {position + 1})" if position is not None else ""
        super().__init__(message + where)
        self.message = message + where
        self.position = position
        self.param = param


@dataclass
class Term:
    word: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0
    position: int = 0
    #: Typed as ``+word``: a relaxed search (no document has all the words) still needs it.
    required: bool = False


@dataclass
class Phrase:
    words: list[str]
    field: str | None = None
    position: int = 0


@dataclass
class Not:
    child: Node


@dataclass
class And:
    children: list[Node] = field(default_factory=list)


@dataclass
class Or:
    children: list[Node] = field(default_factory=list)


Node = Term | Phrase | Not | And | Or

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<phrase>"[^"]*"?)
  | (?P<word>[^\s()"]+)
""", re.VERBOSE)
_FIELD = re.compile(r"^([A-Za-z]+):")
_FUZZY = re.compile(r"~(\d*)$")
_PHRASE_WORD = re.compile(r"[^\s]+")


@dataclass
class _Tok:
    kind: str
    text: str
    pos: int


def _lex(q: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i = 0
    while i < len(q):
        m = _TOKEN.match(q, i)
        assert m is not None  # the pattern matches any character
        kind = m.lastgroup or "ws"
        text = m.group()
        if kind == "phrase" and (len(text) < 2 or not text.endswith('"')):
            raise QueryError('unclosed quotation mark: add the closing "', i)
        if kind == "word":
            # A field prefix may be followed directly by a phrase or a group: title:"a b".
            fm = _FIELD.match(text)
            if fm and len(text) == len(fm.group()):
                nxt = q[m.end():m.end() + 1]
                toks.append(_Tok("field", fm.group(1), i))
                if nxt in ('"', "("):
                    i = m.end()
                    continue
                raise QueryError(f"field {fm.group(1)!r} has no value after the colon", i)
        if kind != "ws":
            toks.append(_Tok(kind, text, i))
        i = m.end()
    return toks


class _Parser:
    def __init__(self, q: str) -> None:
        self.q = q
        self.toks = _lex(q)
        self.i = 0
        self.clauses = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if not self.toks:
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            raise QueryError("unmatched closing parenthesis", tok.pos)
        return node

    def _is_op(self, tok: _Tok | None, op: str) -> bool:
        return tok is not None and tok.kind == "word" and tok.text == op

    def or_expr(self) -> Node:
        start = self.peek()
        if self._is_op(start, "OR") or self._is_op(start, "AND"):
            raise QueryError(f"{start.text} needs a term before it", start.pos)
        children = [self.and_expr()]
        while self._is_op(self.peek(), "OR"):
            op = self.next()
            if self.peek() is None or self.peek().kind == "rparen":
                raise QueryError("OR needs a term after it", op.pos)
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(children)

    def and_expr(self) -> Node:
        children = [self.unary()]
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "rparen" or self._is_op(tok, "OR"):
                break
            if self._is_op(tok, "AND"):
                self.next()
                if self.peek() is None or self.peek().kind == "rparen":
                    raise QueryError("AND needs a term after it", tok.pos)
                continue
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(children)

    def unary(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends where a term was expected", len(self.q))
        if self._is_op(tok, "NOT"):
            self.next()
            if self.peek() is None or self.peek().kind == "rparen":
                raise QueryError("NOT needs a term after it", tok.pos)
            return Not(self.unary())
        if tok.kind == "word" and tok.text[0] in "-+" and len(tok.text) > 1:
            self.next()
            rest = _Tok("word", tok.text[1:], tok.pos + 1)
            self.toks.insert(self.i, rest)
            child = self.unary()
            if tok.text[0] == "-":
                return Not(child)
            if isinstance(child, Term):
                child.required = True
            return child
        return self.primary()

    def primary(self, fieldname: str | None = None) -> Node:
        tok = self.next() if self.peek() is not None else None
        if tok is None:
            raise QueryError("the query ends where a term was expected", len(self.q))
        if tok.kind == "lparen":
            if self.peek() is None:
                raise QueryError("unclosed parenthesis: add the closing )", tok.pos)
            if self.peek().kind == "rparen":
                raise QueryError("empty parentheses", tok.pos)
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QueryError("unclosed parenthesis: add the closing )", tok.pos)
            self.next()
            return _with_field(node, fieldname) if fieldname else node
        if tok.kind == "rparen":
            raise QueryError("unmatched closing parenthesis", tok.pos)
        if tok.kind == "field":
            name = tok.text.lower()
            if name not in query_fields():
                raise QueryError(f"unknown field {tok.text!r}; fields are "
                                 f"{', '.join(query_fields())}", tok.pos)
            if fieldname:
                raise QueryError("a field cannot be nested in another field", tok.pos)
            return self.primary(name)
        self._count(tok.pos)
        if tok.kind == "phrase":
            words = _PHRASE_WORD.findall(tok.text[1:-1])
            if not words:
                raise QueryError("empty phrase", tok.pos)
            return Phrase(words, fieldname, tok.pos)
        return self._word(tok, fieldname)

    def _word(self, tok: _Tok, fieldname: str | None) -> Term:
        text = tok.text
        fm = _FIELD.match(text)
        if fm and fieldname is None and fm.group(1).lower() in query_fields():
            fieldname = fm.group(1).lower()
            text = text[fm.end():]
        elif fm and fm.group(1).lower() not in ("http", "https"):
            raise QueryError(f"unknown field {fm.group(1)!r}; fields are "
                             f"{', '.join(query_fields())}", tok.pos)
        fuzzy = 0
        prefix = False
        fz = _FUZZY.search(text)
        if fz:
            fuzzy = int(fz.group(1)) if fz.group(1) else 1
            if not 1 <= fuzzy <= MAX_FUZZY_DISTANCE:
                raise QueryError(f"fuzzy distance must be 1 to {MAX_FUZZY_DISTANCE}", tok.pos)
            text = text[:fz.start()]
        if text.endswith("*"):
            prefix = True
            text = text.rstrip("*")
            if "*" in text or "?" in text:
                raise QueryError("only a trailing * is supported", tok.pos)
        elif "*" in text:
            raise QueryError("only a trailing * is supported", tok.pos)
        if prefix and fuzzy:
            raise QueryError("a term cannot be both a prefix (*) and fuzzy (~)", tok.pos)
        if not text:
            raise QueryError("empty term", tok.pos)
        return Term(text, fieldname, prefix, fuzzy, tok.pos)

    def _count(self, pos: int) -> None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(f"too many terms: at most {MAX_CLAUSES} per query", pos)


def _with_field(node: Node, fieldname: str) -> Node:
    """Apply ``field:( ... )`` to every term inside the group."""
    if isinstance(node, Term | Phrase):
        if node.field is None:
            node.field = fieldname
        return node
    if isinstance(node, Not):
        node.child = _with_field(node.child, fieldname)
        return node
    node.children = [_with_field(c, fieldname) for c in node.children]
    return node


def parse(q: str) -> Node | None:
    """Parse a query string; None for an empty query (which means: every document)."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}")
    return _Parser(q).parse()
