"""Reading matrix expressions and shape declarations, with shapes checked while parsing.

A tokenizer and a precedence-climbing parser build `symdiff.matrix.expr` nodes directly (no eval,
no sympify). Every binary operation checks its operands' shapes as it is built, so a shape error
names the offending sub-expression, both shapes and the column where it starts, before any
differentiation happens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..core import parsing as core
from ..core.errors import LimitError, ParseError, SymdiffError, UnsupportedError, Words, spelled
from ..core.limits import Limits
from ..core.parsing import InputDomainError as _Domain
from ..core.parsing import Reader, char_name, unexpected_character
from ..core.parsing import UnknownFunction as _UnknownFunction
from . import expr as E
from .expr import Node, is_scalar, shape_str
from .table import CONSTANTS, lookup, parser_names

# Tighter than a scalar expression's: every step of a matrix derivation is checked on random matrices.
LIMITS = Limits(max_length=20_000, max_depth=100, max_literal_digits=100)
MAX_LENGTH = LIMITS.max_length
MAX_DEPTH = LIMITS.max_depth
MAX_POWER = LIMITS.max_matrix_power
MAX_DIGITS = LIMITS.max_literal_digits

UNKNOWN = "?"  # the size of a bare `I` until its neighbours give it one

_TOKEN = re.compile(r"""
    (?P<space>[^\S\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+)  # (core.parsing.LINE_BREAKS are refused by name)
  | (?P<number>(?:[0-9]+\.[0-9]+|[0-9]+\.(?![*/^])|[0-9]+|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\*|\./|\.\^|\.T\b|\*\*|[-+*/^(),'ᵀ⊙·×−]|⁻¹)
""", re.VERBOSE)
_CANONICAL_OP = {"·": "*", "×": "*", "−": "-", "^": "**", "ᵀ": "'", ".T": "'", "⊙": ".*"}


class MissingShape(ParseError):
    """Names used without a --shape. The command line needs fixing, not the expression: a usage
    error (exit 2), whichever name it is."""

    usage = True

    def __init__(self, names: list[str], column: int | None = None):
        super().__init__(missing_shape_message(names), column)
        self.names = names


def _shape(name: str, sizes: str) -> str:
    """How the reader gives a shape: `--shape A=1,1`, or the API's `shapes={"A": (1, 1)}`."""
    return spelled(f"--shape {name}={sizes}", f'shapes={{"{name}": ({sizes.replace(",", ", ")})}}')


def _declaration(name: str) -> Words:
    """`--shape A=ROWS,COLS` (the API's `shapes={"A": (ROWS, COLS)}`): its placeholders are words, said
    in the reader's language."""
    return spelled(Words("error.shape.declare", option="--shape", name=name),
                   Words("error.shape.declare.api", name=name))


def missing_shape_message(names: list[str]) -> str:
    """`A has no shape: add --shape A=ROWS,COLS (a scalar is --shape A=1,1)`, for one or more names."""
    if len(names) == 1:
        name = names[0]
        return Words("error.matrix.shape", name=name, option=_declaration(name), scalar=_shape(name, "1,1"))
    # one Words inside the next, so that every placeholder is said in the reader's language
    options = _declaration(names[-1])
    for name in reversed(names[:-1]):
        options = Words("error.shape.declare.and", first=_declaration(name), rest=options)
    return Words("error.matrix.shapes", names=", ".join(names[:-1]), last=names[-1], options=options)


def undeclared(text: str, shapes: dict[str, tuple]) -> tuple[list[str], int | None]:
    """The names `text` uses that have no shape, in order, and the column of the first; ([], None)
    when there are none or the text cannot be read (its parse error is reported as usual)."""
    try:
        tokens = caret_transpose(tokenize(text), text, shapes)
    except SymdiffError:
        return [], None
    names, column, sizes, known = [], None, 0, parser_names()
    for k, (tok, after) in enumerate(zip(tokens, tokens[1:])):
        before = tokens[k - 1].value if k else ""
        if sizes or (tok.value == "(" and before in CONSTANTS):
            # inside eye(n), zeros(m, n), ones(m, n): sizes, not matrices
            sizes += {"(": 1, ")": -1}.get(tok.value, 0)
            continue
        if tok.kind != "name" or after.value == "(" or tok.value in shapes or tok.value == "I":
            continue
        if tok.value in known or tok.value in CONSTANTS:
            continue  # a function without its parentheses: the parser says so
        if tok.value not in names:
            names.append(tok.value)
            column = column or tok.start + 1
    return names, column


def caret_transpose(tokens: list[Token], text: str, shapes: dict) -> list[Token]:
    """`x^T` is how people write xᵀ: read it as x' when T is not a declared name (a declared T keeps
    the exponent's error, with a hint, since it could mean either)."""
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        after = tokens[i + 1:i + 3]
        if (tok.value == "**" and text[tok.start] == "^" and after and after[0].kind == "name"
                and after[0].value == "T" and "T" not in shapes and (len(after) < 2 or after[1].value != "(")):
            out.append(Token("op", "'", tok.start))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


class ShapeError(UnsupportedError):
    """Operands whose shapes do not fit."""


@dataclass(frozen=True)
class Token(core.Token):
    start: int  # 0-based: spans of the text are sliced by it
    typed: str = ""  # as written, where `value` is canonical (⊙ for .*, ᵀ for ')

    @property
    def shown(self) -> str:
        return self.typed or self.value

    @property
    def column(self) -> int:
        return self.start + 1


def _literal(text: str) -> Fraction:
    """A number as written, exactly: 0.5 is 1/2 and 2.5e3 is 2500, as in scalar expressions (the
    tokenizer has checked the digits and the exponent against the limits)."""
    mantissa, _, exponent = text.lower().partition("e")
    return Fraction(mantissa) * Fraction(10) ** int(exponent or 0)


def _count(size, noun: str) -> str:
    return f"{size} {noun}" if size == 1 else f"{size} {noun}s"


# NumPy's spellings a newcomer types first; the hint names symdiff's for the same thing
_NUMPY_MODULES = ("np", "numpy", "jnp", "torch")
_OPERAND_BEFORE = re.compile(r"([A-Za-z]\w*(?:\.T)?|\))\s*$")
_NAME_AFTER = re.compile(r"\s*([A-Za-z]\w*)")
_CALL = re.compile(r"\.(\w+)\s*\(([^()]*)\)")


def _numpy_spelling(text: str, i: int) -> Words | None:
    """The symdiff spelling for NumPy's at the unreadable character `text[i]` ('@', or the '.' of
    np.dot(...), W.transpose()), or None when it is not one."""
    if text[i] == "@":
        left, right = _OPERAND_BEFORE.search(text[:i]), _NAME_AFTER.match(text, i + 1)
        if left and right and left.group(1) != ")":
            return Words("error.matrix.numpy.at", example=f"{left.group(1)}*{right.group(1)}")
        return Words("error.matrix.numpy.at", example="A*B")
    if text[i] != ".":
        return None
    owner = re.search(r"([A-Za-z]\w*)$", text[:i])
    call = _CALL.match(text, i)
    method = re.match(r"\.([A-Za-z]\w*)", text[i:])
    if not owner or not method:
        return None
    owner, name = owner.group(1), method.group(1)
    args = [a.strip() for a in call.group(2).split(",")] if call else []
    if owner in _NUMPY_MODULES:
        return _module_spelling(owner, name, args)
    if name == "transpose":
        return Words("error.matrix.numpy.method", method="transpose()", example=f"{owner}.T")
    if name == "dot" and len(args) == 1 and args[0]:
        return Words("error.matrix.numpy.method", method="dot(…)", example=f"{owner}*{args[0]}")
    return None


def _module_spelling(module: str, name: str, args: list[str]) -> Words:
    simple = all(re.fullmatch(r"[A-Za-z]\w*(?:\.T)?", a) for a in args) and args
    if name in ("dot", "matmul"):
        example = f"{args[0]}*{args[1]}" if simple and len(args) == 2 else "A*B"
        return Words("error.matrix.numpy.dot", call=f"{module}.{name}", example=example)
    if name == "transpose":
        example = f"{args[0]}.T" if simple and len(args) == 1 else "(…).T"
        return Words("error.matrix.numpy.call", call=f"{module}.{name}", example=example)
    return Words("error.matrix.numpy.module", module=module, name=name)


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise LimitError(Words("error.matrix.length", length=len(text), limit=MAX_LENGTH), 1)
    tokens, i = [], 0
    while i < len(text):
        m = _TOKEN.match(text, i)
        if not m:
            ch = text[i]
            if ch.isdigit():  # a digit of another script (Arabic-Indic ٣): never read as a number or size
                raise ParseError(Words("error.digit", ch=ch, name=char_name(ch)), i + 1)
            raise ParseError(_numpy_spelling(text, i) or unexpected_character(ch), i + 1)
        kind = m.lastgroup
        value = m.group()
        if kind == "name" and value.startswith("_"):
            # As in scalar expressions: _x, __init__ are Python's names, not mathematics'.
            raise ParseError(Words("error.matrix.underscore", found=repr(value)), i + 1)
        if kind == "number":
            digits = sum(c.isdigit() for c in value.lower().partition("e")[0])
            if digits > MAX_DIGITS:
                raise LimitError(Words("error.limit.literal", digits=digits, limit=MAX_DIGITS), i + 1)
            exponent = value.lower().partition("e")[2]
            if exponent and abs(int(exponent)) > LIMITS.max_number_digits:
                raise LimitError(Words("error.limit.literal.exponent", literal=value, limit=LIMITS.max_number_digits),
                                 i + 1)
        if kind != "space":
            tokens.append(Token(kind, _CANONICAL_OP.get(value, value), i, value))
        i = m.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


@dataclass
class Parsed:
    node: Node
    start: int
    end: int


class _Parser(Reader):
    too_deep = "error.matrix.depth"  # a key of the error catalogue

    def __init__(self, text: str, shapes: dict[str, tuple]):
        super().__init__(text, caret_transpose(tokenize(text), text, shapes), LIMITS)
        self.shapes = shapes

    def error(self, message: str, at: int, cls=ParseError) -> SymdiffError:
        """An error at `at`, a 0-based offset as the spans hold (the column is 1-based)."""
        return super().error(message, at + 1, cls)

    def src(self, a: Parsed) -> str:
        return self.text[a.start:a.end].strip()

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise self.error(Words("error.matrix.empty"), 0)
        result = self.expression()
        tok = self.peek()
        if tok.kind != "end":
            if tok.value == "(" or tok.kind in ("name", "number"):
                raise self.error(Words("error.matrix.operator", found=repr(tok.value)), tok.start)
            raise self.error(Words("error.matrix.unexpected", found=repr(tok.shown)), tok.start)
        node = result.node
        if UNKNOWN in node.shape or any(isinstance(n, E.Ident) and n.n == UNKNOWN for n in node.walk()):
            raise self.error(Words("error.matrix.identity_size"), result.start,
                             ShapeError)
        return node

    # expression := term (('+' | '-') term)*
    def expression(self) -> Parsed:
        self.nest()
        left = self.term()
        while self.peek().value in ("+", "-"):
            op = self.advance()
            right = self.term()
            left = self.combine_add(left, right, op)
        self.depth -= 1
        return left

    def combine_add(self, left: Parsed, right: Parsed, op: Token) -> Parsed:
        a, b = self.resolve_pair_add(left, right)
        span = Parsed(a, left.start, right.end)
        if a.shape != b.shape:
            key = "error.matrix.add" if op.value == "+" else "error.matrix.subtract"
            raise self.error(Words(key + (".scalar" if self._spread(a, b) else ""), sum=self.src(span),
                                   left=shape_str(a.shape), right=shape_str(b.shape),
                                   **self._spread(a, b, left, right)), left.start, ShapeError)
        span.node = E.add(a, b) if op.value == "+" else E.sub(a, b)
        return span

    def _spread(self, a: Node, b: Node, left: Parsed | None = None, right: Parsed | None = None) -> dict:
        """Where a scalar meets a matrix in a sum, the scalar and what writes it in every entry (1 + v:
        ones(m,1)); symdiff does not broadcast, so that every shape stays as written. {} otherwise."""
        if (a.shape == (1, 1)) == (b.shape == (1, 1)):
            return {}
        if left is None:
            return {"scalar": "", "ones": ""}
        scalar, shape = (self.src(left), b.shape) if a.shape == (1, 1) else (self.src(right), a.shape)
        ones = f"ones({shape[0]},{shape[1]})"
        return {"scalar": scalar, "ones": ones if scalar.strip() == "1" else f"{scalar.strip()}*{ones}"}

    def resolve_pair_add(self, left: Parsed, right: Parsed) -> tuple[Node, Node]:
        a, b = left.node, right.node
        if UNKNOWN in a.shape and UNKNOWN not in b.shape:
            a = self.size_identity(a, b.shape[0], left)
        elif UNKNOWN in b.shape and UNKNOWN not in a.shape:
            b = self.size_identity(b, a.shape[0], right)
        return a, b

    def size_identity(self, node: Node, n, where: Parsed) -> Node:
        return E.substitute(node, {E.Ident(UNKNOWN): E.Ident(n)})

    # term := unary (('*' | '/' | '.*' | './')? unary)*
    def term(self) -> Parsed:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok.value in ("*", "/", ".*", "./"):
                op = self.advance()
            elif tok.kind == "name" or tok.value == "(":
                # an implicit product, as people write 2 A x or x' A x: read as * (and checked as *)
                op = Token("op", "*", tok.start)
            elif tok.kind == "number":
                # as in scalar expressions: x 2 is not 2x (nor x²), so the number needs its operator
                raise self.error(Words("error.matrix.number", number=tok.value),
                                 tok.start)
            else:
                return left
            right = self.unary()
            left = self.combine_mul(left, right, op)

    def division_by_zero(self, span: Parsed, right: Parsed) -> str:
        divisor = self.src(right)
        literal = divisor.strip("()").replace(".", "").strip("0") == ""
        return f"{self.src(span)}: division by zero" + ("" if literal else f" ({divisor} is 0)")

    def combine_mul(self, left: Parsed, right: Parsed, op: Token) -> Parsed:
        a, b = left.node, right.node
        span = Parsed(a, left.start, right.end)
        if op.value == "*":
            if not (is_scalar(a.shape) or is_scalar(b.shape)):
                if a.shape[1] == UNKNOWN or b.shape[0] == UNKNOWN:
                    pass  # a bare I takes the size of its neighbour (and drops out of the product)
                elif a.shape[1] != b.shape[0]:
                    raise self.error(Words("error.matrix.conform", product=self.src(span), left=shape_str(a.shape),
                                           right=shape_str(b.shape), columns=_count(a.shape[1], "column"),
                                           rows=_count(b.shape[0], "row")),
                                     left.start, ShapeError)
            if UNKNOWN in a.shape and not is_scalar(b.shape) and UNKNOWN not in b.shape:
                a = self.size_identity(a, b.shape[0], left)
            if UNKNOWN in b.shape and not is_scalar(a.shape) and UNKNOWN not in a.shape:
                b = self.size_identity(b, a.shape[1], right)
            span.node = E.mul(a, b)
            for f in (span.node.chain if isinstance(span.node, E.Mul) else (span.node,)):
                if isinstance(f, E.Power) and not is_scalar(f.shape) and f.exponent > MAX_POWER:
                    raise self.error(Words("error.matrix.power", power=self.src(span), limit=MAX_POWER),
                                     left.start, LimitError)
            return span
        if op.value == "/":
            if not is_scalar(b.shape):
                raise self.error(Words("error.matrix.divide", quotient=self.src(span), right=shape_str(b.shape)),
                                 right.start, ShapeError)
            if E.is_zero(b):
                raise self.error(self.division_by_zero(span, right), right.start, _Domain)
            span.node = E.mul(a, E.power(b, -1))
            return span
        a, b = self.resolve_pair_add(left, right)
        if a.shape != b.shape and not (is_scalar(a.shape) or is_scalar(b.shape)):
            raise self.error(Words("error.matrix.elementwise", operation=self.src(span), left=shape_str(a.shape),
                                   right=shape_str(b.shape), op=op.value), left.start, ShapeError)
        if op.value == "./" and E.is_zero(b):
            raise self.error(self.division_by_zero(span, right), right.start, _Domain)
        if op.value == ".*":
            span.node = E.call("hadamard", a, b) if a.shape == b.shape else E.mul(a, b)
        else:
            inverse = E.hadamard_power(b, -1)
            span.node = E.call("hadamard", a, inverse) if a.shape == b.shape else E.mul(a, inverse)
        return span

    # unary := ('-' | '+') unary | power
    def unary(self) -> Parsed:
        tok = self.peek()
        if tok.value in ("-", "+"):
            self.advance()
            self.nest()
            operand = self.unary()
            self.depth -= 1
            node = E.neg(operand.node) if tok.value == "-" else operand.node
            return Parsed(node, tok.start, operand.end)
        return self.power()

    # power := postfix (('**' | '.^') exponent)?
    def power(self) -> Parsed:
        base = self.postfix()
        tok = self.peek()
        if tok.value in ("**", ".^"):
            self.advance()
            k, end = self.exponent()
            span = Parsed(base.node, base.start, end)
            node = base.node
            if k < 0 and E.is_zero(node):
                raise self.error(Words("error.matrix.zero_power", span=self.src(span), base=self.src(base)), base.start,
                                 _Domain)
            if tok.value == ".^":
                span.node = E.hadamard_power(node, k)
                return span
            if is_scalar(node.shape):
                if abs(k) > LIMITS.max_exponent:
                    raise self.error(Words("error.matrix.exponent.limit", k=str(k), limit=LIMITS.max_exponent),
                                     tok.start, LimitError)
                if isinstance(node, E.Num) and node.value != 0:
                    # a number to a power is computed exactly: keep it to a printable size
                    v = node.value
                    digits = (len(str(abs(v.numerator))) + len(str(v.denominator))) * abs(k.numerator)
                    if digits > 2 * LIMITS.max_number_digits:
                        raise self.error(Words("error.matrix.number.digits", span=self.src(span), digits=digits,
                                               limit=LIMITS.max_number_digits), base.start, LimitError)
                span.node = E.power(node, k)
                return span
            if node.shape[0] != node.shape[1]:
                raise self.error(Words("error.matrix.power.square", span=self.src(span), shape=shape_str(node.shape)),
                                 base.start, ShapeError)
            if k.denominator != 1:
                raise self.error(Words("error.matrix.power.whole", span=self.src(span), k=str(k)), tok.start,
                                 ShapeError)
            if abs(k) > MAX_POWER:
                raise self.error(Words("error.matrix.power", power=str(k), limit=MAX_POWER), tok.start, LimitError)
            if k < 0:
                node = E.call("inv", node)
            span.node = E.power(node, abs(k))
            return span
        return base

    def exponent(self) -> tuple[Fraction, int]:
        """A numeric exponent: 2, -1, 0.5, (1/2), (-3)."""
        tok = self.peek()
        sign = 1
        if tok.value in ("-", "+"):
            self.advance()
            sign = -1 if tok.value == "-" else 1
            tok = self.peek()
        if tok.kind == "number":
            self.advance()
            return sign * _literal(tok.value), tok.start + len(tok.value)
        if tok.value == "(":
            group = self.postfix()
            if isinstance(group.node, E.Num):
                return sign * group.node.value, group.end
            raise self.error(Words("error.matrix.exponent"), group.start)
        if tok.value == "T":  # x^T with T declared: say how to write the transpose
            raise self.error(Words("error.matrix.exponent.transpose"), tok.start)
        raise self.error(Words("error.matrix.exponent"), tok.start)

    # postfix := atom ("'" | ".T")*
    def postfix(self) -> Parsed:
        node = self.atom()
        while self.peek().value in ("'", "⁻¹"):
            tok = self.advance()
            end = tok.start + len(tok.value)
            if tok.value == "'":
                node = Parsed(_transposed(node.node), node.start, end)
            else:
                node = Parsed(self.apply("inv", [node], tok, node.start, end), node.start, end)
        return node

    def atom(self) -> Parsed:
        tok = self.advance()
        if tok.kind == "number":
            return Parsed(E.Num(_literal(tok.value)), tok.start, tok.start + len(tok.value))
        if tok.value == "(":
            inner = self.expression()  # expression() counts the level
            close = self.advance()
            if close.value != ")":
                raise self.error(Words("error.matrix.unclosed"), tok.start)
            return Parsed(inner.node, tok.start, close.start + 1)
        if tok.kind == "name":
            after = self.peek()
            # a declared name, a space and "(": a product, A (x + y), as in scalar expressions
            spaced = tok.value in self.shapes and after.start > tok.start + len(tok.value)
            if after.value == "(" and not spaced:
                if tok.value in self.shapes:
                    raise self.error(Words("error.matrix.declared", name=tok.value,
                                           product=Words("error.function.product", name=tok.value)),
                                     tok.start, _UnknownFunction)
                return self.function(tok)
            return Parsed(self.name(tok), tok.start, tok.start + len(tok.value))
        if tok.kind == "end":
            before = self.tokens[self.pos - 2].shown if self.pos >= 2 else ""
            raise self.error(Words("error.matrix.operand.after", found=repr(before)) if before
                             else Words("error.matrix.operand"), tok.start)
        raise self.error(Words("error.matrix.unexpected", found=repr(tok.shown)), tok.start)

    def name(self, tok: Token) -> Node:
        if tok.value in self.shapes:
            return E.Sym(tok.value, self.shapes[tok.value])
        if tok.value == "I":
            return E.Ident(UNKNOWN)
        fn = parser_names().get(tok.value)
        if fn is not None and lookup(fn).bare_is_function or tok.value in CONSTANTS:
            raise self.error(Words("error.matrix.function", name=tok.value), tok.start)
        raise MissingShape([tok.value], tok.start + 1)

    def arguments(self) -> tuple[list[Parsed], int]:
        opener = self.advance()
        args = []  # each argument's expression() counts the level
        if self.peek().value != ")":
            args.append(self.expression())
            while self.peek().value == ",":
                self.advance()
                args.append(self.expression())
        close = self.advance()
        if close.value != ")":
            raise self.error(Words("error.matrix.unclosed"), opener.start)
        return args, close.start + 1

    def dim_argument(self, arg: Parsed) -> E.Dim:
        src = self.src(arg)
        if re.fullmatch(r"[0-9]+", src) and int(src) > 0:
            return int(src)
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", src):
            if number_name(src):
                raise self.error(Words("error.matrix.size.number", value=repr(src)), arg.start)
            return src
        raise self.error(Words("error.matrix.size", value=repr(src)), arg.start)

    def function(self, tok: Token) -> Parsed:
        name = tok.value
        constant = CONSTANTS.get(name)
        if constant is not None:
            # sizes are names, not expressions: read them from the source text
            args, end = self._raw_size_args()
            if len(args) != constant.sizes:
                raise self.error(f"{name} takes {constant.takes}", tok.start)
            return Parsed(constant.build(*args), tok.start, end)
        args, end = self.arguments()
        fn = parser_names().get(name)
        if fn is None:
            meant = core.closest_name(name, parser_names())
            words = (Words("error.matrix.unknown.meant", name=repr(name), meant=meant) if meant
                     else Words("error.matrix.unknown", name=repr(name)))
            raise self.error(words, tok.start, _UnknownFunction)
        entry = lookup(fn)
        if len(args) != entry.arity or entry.operator == ".^" and not isinstance(args[1].node, E.Num):
            raise self.error(f"{name} takes {entry.usage}", tok.start)
        if entry.operator:
            return Parsed(self.spelled_operator(entry.operator, args, tok, end), tok.start, end)
        return Parsed(self.apply(fn, args, tok, tok.start, end), tok.start, end)

    def spelled_operator(self, op: str, args: list[Parsed], tok: Token, end: int) -> Node:
        """f(u, v) read as `u op v`, with the operator's checks: hadamard(u, v) is u .* v."""
        left, right = args
        if op == ".^":  # the one operator that is not combine_mul's: its right side is a number
            k = right.node.value
            if k < 0 and E.is_zero(left.node):
                raise self.error(f"{self.text[tok.start:end]}: division by zero ({self.src(left)} is 0)",
                                 left.start, _Domain)
            return E.hadamard_power(left.node, k)
        return self.combine_mul(left, right, Token("op", op, tok.start)).node

    def _raw_size_args(self) -> tuple[list, int]:
        opener = self.advance()
        if opener.value != "(":
            raise self.error(Words("error.matrix.expected.open"), opener.start)
        sizes = []
        while True:
            tok = self.advance()
            if tok.kind == "number" and tok.value.isdigit() and int(tok.value) > 0:
                sizes.append(int(tok.value))
            elif tok.kind == "name":
                if number_name(tok.value):
                    raise self.error(Words("error.matrix.size.number", value=repr(tok.value)), tok.start)
                sizes.append(tok.value)
            else:
                raise self.error(Words("error.matrix.size", value=repr(tok.value)), tok.start)
            sep = self.advance()
            if sep.value == ")":
                return sizes, sep.start + 1
            if sep.value != ",":
                raise self.error(Words("error.matrix.expected.separator"), sep.start)

    def apply(self, fn: str, args: list[Parsed], tok: Token, start: int, end: int) -> Node:
        entry = lookup(fn)
        span = self.text[start:end].strip()
        for arg in args:
            if UNKNOWN in arg.node.shape:
                raise self.error(Words("error.matrix.identity_size"), arg.start,
                                 ShapeError)
        a = args[0].node
        complaint = entry.domain(a) if entry.domain else None
        if complaint:
            raise self.error(f"{span}: {complaint}", start, _Domain)
        if entry.square and a.shape[0] != a.shape[1]:
            raise self.error(Words("error.matrix.square", span=span, fn=fn, shape=shape_str(a.shape)), start,
                             ShapeError)
        complaint = entry.accepts(*(arg.node.shape for arg in args)) if entry.accepts else None
        if complaint:
            raise self.error(f"{span}: {complaint}", start, ShapeError)
        return E.call(fn, *(arg.node for arg in args))


def _transposed(node: Node) -> Node:
    """The transpose as typed: a teacher differentiates (Ax − b)ᵀ(Ax − b) with (Ax − b)ᵀ kept whole, by
    d(Pᵀ) = (dP)ᵀ, so a transposed sum is not spread into xᵀAᵀ − bᵀ as the normal form would."""
    if isinstance(node, E.Add) and not E.is_scalar(node.shape):
        return E.Transpose(node)
    return E.transpose(node)


def parse_matrix(text: str, shapes: dict[str, tuple]) -> Node:
    """Parse `text` with the declared `shapes` ({name: (rows, cols)}); raises ParseError/ShapeError."""
    return _Parser(text, shapes).parse()


# A size named nan or pi prints as "W₁ nan×3", which a reader takes for a number (and SymPy would, if
# the name ever met sympify); I is the identity matrix, e Euler's number.
_NUMBER_NAMES = frozenset({"nan", "inf", "infinity", "oo", "zoo", "pi", "e", "i"})


def number_name(name: str) -> bool:
    """True if a size `name` reads as a number or constant (nan, inf, oo, pi, e, I, in any case)."""
    return name.lower() in _NUMBER_NAMES


MAX_SIZE = 10_000
"""The largest number of rows or columns a shape may declare."""
# [0-9], not \d: \d also matches other scripts' digits (Arabic-Indic ٣), which int() reads as sizes.
# A whole number may be written with a decimal point (3.0 is 3).
_DIM = re.compile(r"\s*(?:([0-9]+)(?:\.0*)?|([A-Za-z][A-Za-z0-9_]*))\s*")


def foreign_letter(value: str) -> str | None:
    """The first letter of a size's name that no name may have (은 of 은닉: names use ASCII letters, as
    the matrix engine's symbols do), or None where `value` is no name at all or has none such."""
    if not value.strip().isidentifier():
        return None
    return next((ch for ch in value if ch.isalpha() and not ch.isascii()), None)


def parse_shape(text: str) -> tuple[str, tuple]:
    """`x=n,1` → ("x", ("n", 1)); `x=n` is a column vector (n, 1)."""
    name, eq, dims = text.partition("=")
    name = name.strip()
    if not eq or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ParseError(Words("error.shape.form", text=repr(text)), 1)
    if name.startswith("_"):
        raise ParseError(Words("error.matrix.underscore", found=repr(name)), 1)
    parts = dims.split(",")
    if len(parts) not in (1, 2):
        raise ParseError(Words("error.shape.sizes", dims=repr(dims)), len(name) + 2)
    out = []
    for p in parts:
        m = _DIM.fullmatch(p)
        digit = next((ch for ch in p if ch.isdigit() and not ch.isascii()), None)
        if digit is not None:
            raise ParseError(Words("error.matrix.size.digit", digit=repr(digit), name=char_name(digit)), len(name) + 2)
        if not m and (letter := foreign_letter(p)) is not None:
            raise ParseError(Words("error.matrix.size.letter", value=repr(p.strip()), letter=repr(letter),
                                   char=char_name(letter)), len(name) + 2)
        if not m or (m.group(1) and int(m.group(1)) == 0):
            raise ParseError(Words("error.matrix.size", value=repr(p.strip())), len(name) + 2)
        if m.group(2) and number_name(m.group(2)):
            raise ParseError(Words("error.matrix.size.number", value=repr(m.group(2))), len(name) + 2)
        if m.group(1) and int(m.group(1)) > MAX_SIZE:
            raise LimitError(Words("error.matrix.size.limit", size=m.group(1), limit=MAX_SIZE), len(name) + 2)
        out.append(int(m.group(1)) if m.group(1) else m.group(2))
    if len(out) == 1:
        out.append(1)
    if name == "I":
        raise ParseError(Words("error.shape.identity"), 1)
    return name, tuple(out)


def parse_shapes(items) -> dict[str, tuple]:
    shapes: dict[str, tuple] = {}
    for item in items:
        for part in _split_shapes(item):
            name, shape = parse_shape(part)
            if shapes.get(name, shape) != shape:
                # Keeping either one silently would differentiate an expression the user did not mean.
                raise ParseError(Words("error.shape.twice", name=name, first=shape_str(shapes[name]),
                                       second=shape_str(shape)), 1)
            shapes[name] = shape
    return shapes


def to_shapes(shapes: object) -> dict[str, tuple]:
    """Shapes as the Python API takes them: {"x": ("n", 1), "A": (3, 3)} (a size is a positive int or a
    name; one size is a column), or `--shape` texts ["x=n,1", "A=3,3"]. Anything else, a float, None or
    True as a size included, raises `InputTypeError` (a TypeError); bad values are `ParseError`s, as on
    the command line."""
    from ..core.errors import InputTypeError

    if isinstance(shapes, str):
        shapes = [shapes]
    if isinstance(shapes, Mapping):
        items = []
        for name, shape in shapes.items():
            if not isinstance(name, str):
                raise InputTypeError(f"a shape's name must be a string such as \"x\", not {type(name).__name__}")
            sizes = shape if isinstance(shape, (tuple, list)) else (shape,)
            if not 1 <= len(sizes) <= 2:
                raise ParseError(f"the shape of {name} has two sizes, (ROWS, COLS), not {len(sizes)}", 1)
            for size in sizes:
                if isinstance(size, bool) or not isinstance(size, (int, str)):
                    raise InputTypeError(f"a size in the shape of {name} must be a positive whole number or a "
                                         f"name such as \"n\", not {size!r}")
            items.append(f"{name}={','.join(str(size) for size in sizes)}")
        return parse_shapes(items)
    if isinstance(shapes, (list, tuple)) and all(isinstance(item, str) for item in shapes):
        return parse_shapes(shapes)
    raise InputTypeError(f"shapes must be a mapping such as {{\"x\": (\"n\", 1)}} or texts such as "
                         f"[\"x=n,1\"], not {shapes!r}"[:200])


def _split_shapes(item: str) -> list[str]:
    """`--shape "x=n,1 A=n,n"` or `--shape x=n,1;A=n,n` also declare several at once."""
    return [p for p in re.split(r"[;\s]+(?=[A-Za-z_][A-Za-z0-9_]*\s*=)", item.strip()) if p]
