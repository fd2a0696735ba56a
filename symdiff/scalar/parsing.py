"""The safe parser: text → SymPy expression, built node by node.

User text never reaches `eval`, `exec`, `sympify` or `parse_expr` (all of which run Python code). A
tokenizer turns the text into tokens, and a Pratt (precedence-climbing) parser builds SymPy objects
directly from them, so the grammar below is all that can ever be expressed.

Grammar, loosest binding first (README.md has the user's version):

    expr     := term (('+' | '-') term)*
    term     := unary (('*' | '/' | implicit) unary)*     implicit: `2x`, `x y`, `2(x+1)`, `(a)(b)`
    unary    := ('-' | '+') unary | power
    power    := postfix (('**' | '^') unary)?             right-associative: 2^3^2 = 2^9
    postfix  := primary superscript*                      x², x⁻¹
    primary  := number | name | constant | call | '(' expr ')' | '|' expr '|' | '√' postfix
              | \\frac{expr}{expr} | \\sqrt[n]{expr} | '{' expr '}'
    call     := function ['^' integer] ( '(' expr (',' expr)* ')' | bare-argument )

Names are ASCII letters, digits and underscores (`w0`, `x_1`) or a Greek letter; a run of letters
is one name (`xy` is the variable xy; write `x*y` or `x y` for the product). A name that is or hides a
function is never silently a variable: `log_2` is the logarithm to base 2, `xsin(x)` and `sinx` are
refused with the spacing meant, `erf x` is unsupported (unless --vars declares the name).

`parse_input` also reads what people paste around an expression (`parse` refuses both):

    input    := name ['(' name (',' name)* ')'] '=' expr      a definition: f(x) = …, y = …
              | operator expr                                 d/dx …, \\frac{d}{dx} …, ∂/∂x …
              | expr
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

import sympy
from sympy.core.parameters import distribute

from ..core import parsing as core
from ..core.errors import LimitError, ParseError, SymdiffError, Words, reason_words, spelled
from ..core.limits import DEFAULT_LIMITS, Limits, decimal_digits, length_limit, room_for_depth
from ..core.parsing import (LINE_BREAKS, InputDomainError, Reader, UnknownFunction, char_name,
                            refuse_deep_parentheses, unexpected_character)
from .functions import relu, sigmoid, softplus
from .roots import real_constant, real_odd_power

# ---------------------------------------------------------------------------------------------
# Vocabulary

def _log(args):
    return sympy.log(*args)


# name → (builder taking the argument list, allowed argument counts)
FUNCTIONS: dict[str, tuple[Callable, tuple[int, ...]]] = {}


# name → the builder of the function as typed, unevaluated (sin(x + π) stays so; SymPy makes it −sin x)
TYPED: dict[str, Callable] = {}


def _register(names: Iterable[str], builder: Callable, arities: tuple[int, ...] = (1,),
              typed: Callable | None = None) -> None:
    typed = typed or getattr(builder, "typed", None)
    for name in names:
        FUNCTIONS[name] = (builder, arities)
        if typed is not None:
            TYPED[name] = typed


def _unary(f):
    def build(args):
        return f(args[0])
    if isinstance(f, type):  # a SymPy function class: it can be built unevaluated
        build.typed = lambda args: f(args[0], evaluate=False)
    return build


_register(["sin"], _unary(sympy.sin))
_register(["cos"], _unary(sympy.cos))
_register(["tan"], _unary(sympy.tan))
_register(["cot"], _unary(sympy.cot))
_register(["sec"], _unary(sympy.sec))
_register(["csc", "cosec"], _unary(sympy.csc))
# atan2(y, x): the angle of the point (x, y), as in polar coordinates (SymPy's argument order).
_register(["atan2", "arctan2"], lambda a: sympy.atan2(a[0], a[1]), (2,),
          lambda a: sympy.atan2(a[0], a[1], evaluate=False))
# sinc(x) = sin(x)/x with sinc(0) = 1 (SymPy's; NumPy's np.sinc is the normalised sin(πx)/(πx)).
_register(["sinc"], _unary(sympy.sinc))
_register(["asin", "arcsin"], _unary(sympy.asin))
_register(["acos", "arccos"], _unary(sympy.acos))
_register(["atan", "arctan"], _unary(sympy.atan))
_register(["acot", "arccot"], _unary(sympy.acot))
_register(["asec", "arcsec"], _unary(sympy.asec))
_register(["acsc", "arccsc"], _unary(sympy.acsc))
_register(["sinh"], _unary(sympy.sinh))
_register(["cosh"], _unary(sympy.cosh))
_register(["tanh"], _unary(sympy.tanh))
_register(["coth"], _unary(sympy.coth))
_register(["sech"], _unary(sympy.sech))
_register(["csch", "cosech"], _unary(sympy.csch))
_register(["asinh", "arcsinh", "arsinh"], _unary(sympy.asinh))
_register(["acosh", "arccosh", "arcosh"], _unary(sympy.acosh))
_register(["atanh", "arctanh", "artanh"], _unary(sympy.atanh))
_register(["acoth", "arccoth", "arcoth"], _unary(sympy.acoth))
_register(["asech", "arcsech", "arsech"], _unary(sympy.asech))
_register(["acsch", "arccsch", "arcsch"], _unary(sympy.acsch))
_register(["exp"], _unary(sympy.exp))
_register(["log"], _log, (1, 2), lambda a: _typed_log(*a))
_register(["ln"], _unary(sympy.log))
_register(["log2"], lambda a: sympy.log(a[0], 2), typed=lambda a: _typed_log(a[0], sympy.Integer(2)))
_register(["log10"], lambda a: sympy.log(a[0], 10), typed=lambda a: _typed_log(a[0], sympy.Integer(10)))
_register(["sqrt"], _unary(sympy.sqrt), typed=lambda a: typed_power(a[0], sympy.S.Half))
_register(["cbrt"], _unary(sympy.cbrt), typed=lambda a: typed_power(a[0], sympy.Rational(1, 3)))
_register(["root"], lambda a: sympy.root(a[0], a[1]), (2,), lambda a: typed_power(a[0], 1 / a[1]))
_register(["abs", "Abs"], _unary(sympy.Abs))
_register(["sigmoid"], _unary(sigmoid))
_register(["softplus"], _unary(softplus))
_register(["relu", "ReLU"], _unary(relu))
# These appear in results (d|x|/dx = sign(x), relu' = Heaviside(x, 0)), so results read back: as
# SymPy writes them, never kept as typed (sign(-x) is -sign(x) in a result too).
_register(["sign", "sgn"], lambda a: sympy.sign(a[0]))
_register(["Heaviside"], lambda a: sympy.Heaviside(*a), (1, 2))
_register(["DiracDelta"], lambda a: sympy.DiracDelta(*a), (1, 2))
# The names the human views print those two as (relu′ = H(x), sign′ = 2δ(x)): an answer copied from
# them reads back. Only as a call with no space, H(x): `H (x)` and `H*(x)` stay H times x, as before.
CALLED_AS = {"H": "Heaviside", "delta": "DiracDelta"}


def _typed_log(argument: sympy.Expr, base: sympy.Expr = None) -> sympy.Expr | None:
    """ln u, or log_b u as SymPy stores it (ln u/ln b, which the rules read as one logarithm), with
    ln u unevaluated: ln(eˣ) and log_2(eˣ) stay as typed (SymPy makes them x and x/ln 2). A logarithm
    of a number to a number base is computed (log_2 8 = 3): its typed form ln 8/ln 2 would not settle."""
    ln = sympy.log(argument, evaluate=False)
    if base is None:
        return ln
    if argument.is_number and base.is_number:
        return None
    return kept(sympy.log(argument), ln) / sympy.log(base)


def typed_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr | None:
    """base^exponent as typed, or None where evaluating it is the arithmetic a textbook does
    silently: a power of rational numbers (2³ = 8, √4 = 2, √8 = 2√2). Otherwise SymPy would rewrite
    the student's function: √(x²) as |x|, (x²)³ as x⁶, (√x)² as x, e^(ln x) as x."""
    if (base.is_Rational and exponent.is_Rational) or exponent in (sympy.S.Zero, sympy.S.One):
        return None  # (x⁰ = 1 and x¹ = x are no function the student means to differentiate as a power)
    if base is sympy.E:  # e^u is exp(u): the same notation, and the exp rule's
        return sympy.exp(exponent, evaluate=False)
    return sympy.Pow(base, exponent, evaluate=False)


def _as_unevaluated_pow(name: str) -> Callable:
    """Pow's method `name`, asked of the same power as a plain unevaluated Pow: these read the base
    and exponent through as_base_exp, which a TypedPow keeps to itself."""
    def method(self, *args, **kwargs):
        return getattr(sympy.Pow(*self.args, evaluate=False), name)(*args, **kwargs)
    method.__name__ = name
    return method


class _KeptAsTyped:
    """A factor of its own to SymPy's products (they would rebuild it from base and exponent,
    evaluated) and a plain, evaluated node to every rebuild (`func`, as xreplace and subs use)."""

    evaluated: type  # the SymPy class it stands for

    def as_base_exp(self):
        return self, sympy.S.One

    def _eval_power(self, other):
        return None

    @property
    def func(self):
        return self.evaluated

    def _eval_expand_power_base(self, **hints):
        return self.evaluated(*self.args)  # expanding asks to rewrite: (x²)³ is x⁶ then


class TypedPow(_KeptAsTyped, sympy.Pow):
    """A power kept as typed, (x²)³ or √(x²). SymPy's products rebuild every power they hold from its
    base and exponent, evaluated (y·√(x²) would become y·|x|), and a power of a power multiplies the
    exponents: this one is a factor of its own to them, and stays as typed until `settled`. Every
    rebuild (`func`, as xreplace and subs use) makes the plain, evaluated Pow."""

    # Not is_Pow either: SymPy code that meets a power asks for its base and exponent and rebuilds
    # (Abs(b**e) is Abs(b)**e), which would meet this one again. It is still an instance of Pow: the
    # rules (`isinstance`) differentiate it as a power.
    is_Pow = False

    evaluated = sympy.Pow

    # In the class body: SymPy collects the _eval_is_* handlers when the class is made.
    for _name in ("_eval_refine", "_eval_evalf", "_eval_is_rational", "as_numer_denom", "matches",
                  "_eval_nseries", "as_content_primitive"):
        locals()[_name] = _as_unevaluated_pow(_name)
    del _name


class TypedExp(_KeptAsTyped, sympy.exp):
    """e^u kept as typed, e^(ln x): SymPy's products read exp(u) as the power E**u and rebuild it
    evaluated, as `TypedPow` says."""

    evaluated = sympy.exp


# Printers name a node by its class (StrPrinter writes a function as its class's name): these print
# as the classes they stand for.
TypedPow.__name__, TypedExp.__name__ = "Pow", "exp"
_TYPED_CLASSES = {sympy.Pow: TypedPow, sympy.exp: TypedExp}


# The nodes the parser kept as typed where SymPy would have evaluated them (as keys; a dict keeps
# them in order, so when full the oldest half goes). `settled` evaluates them in a final result.
_KEPT: dict[sympy.Basic, None] = {}
_KEPT_MAX = 1 << 16


def kept(value: sympy.Expr, typed: sympy.Expr | None) -> sympy.Expr:
    """`typed`, the node as the student wrote it, where SymPy's evaluated `value` differs from it;
    else `value` (the same node: an input without such pieces is read exactly as before)."""
    if typed is None or typed == value or not _answers_assumptions(typed):
        return value
    if type(typed) in _TYPED_CLASSES:
        typed = _TYPED_CLASSES[type(typed)](*typed.args, evaluate=False)
    if len(_KEPT) >= _KEPT_MAX:
        for old in list(_KEPT)[: _KEPT_MAX // 2]:
            del _KEPT[old]
    _KEPT[typed] = None
    return typed


def _answers_assumptions(node: sympy.Expr) -> bool:
    """Whether SymPy can say what `node` is (real, zero, positive…) without failing: some unevaluated
    nodes make its assumptions fail (csc(acsc(2)) asks 1/2 for a method numbers lack). Such a node
    is read evaluated, as before."""
    try:
        for fact in ("extended_real", "zero", "positive", "negative", "rational", "integer", "finite"):
            getattr(node, "is_" + fact)
        if node.is_number:  # sech(0): its rewrite asks 1 for a method (the checks rewrite and evaluate)
            node.rewrite(sympy.exp)
            node.evalf(15)
    except (AttributeError, TypeError, ValueError, RecursionError):
        return False
    return True


def settled(expr: sympy.Expr) -> sympy.Expr:
    """`expr` with every part the parser kept as typed evaluated as SymPy builds it, and each node
    above such a part rebuilt: the simplification at the end of a derivation (sin(π/6)·1 is ½,
    x·(−cos x) + sin(x + π) is −x·cos x − sin x). Each distinct node is visited once, without
    recursion (a result may be deeper than Python's stack)."""
    if not _KEPT or expr.is_Atom:
        return expr
    new: dict = {}
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if node in new:
            continue
        if node.is_Atom or node in _SETTLED_SUMS:
            new[node] = node
        elif not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if a not in new)
        else:
            args = tuple(new[a] for a in node.args)
            # an argument is changed when it is another expression, not another object: after SymPy's
            # cache evicts Integer(2), a new 2 and an old one are equal but not the same object, and the
            # node rebuilt (evaluated) for it multiplied 2·(x² + x) out, so an answer's form depended on
            # the lines a batch had worked before it
            changed = node in _KEPT or any(a is not b and a != b for a, b in zip(args, node.args))
            new[node] = node.func(*args) if changed else node
            if not changed and node.is_Add and len(node.args) >= _SETTLED_SUM_TERMS:
                if len(_SETTLED_SUMS) >= 1024:
                    _SETTLED_SUMS.clear()
                _SETTLED_SUMS[node] = None
    return new[expr]


# Big sums found to hold no typed part: every partial of a gradient of g(Σ exp(z_j)) holds the same
# sum, and walking it again for each would make the gradient quadratic.
_SETTLED_SUMS: dict[sympy.Basic, None] = {}
_SETTLED_SUM_TERMS = 32


# Well-known functions symdiff does not differentiate: a clearer error than "unknown function".
UNSUPPORTED_FUNCTIONS = frozenset(
    "factorial factorial2 gamma lgamma loggamma digamma polygamma trigamma beta floor ceil ceiling round "
    "frac mod max min Max Min erf erfc erfi binomial zeta Piecewise Integral Derivative diff integrate "
    "limit sum prod gcd lcm hypot log1p expm1 exp2 logit softmax logsumexp LambertW lambertw besselj "
    "bessely besseli besselk Ei Si Ci li expint re im arg conjugate "
    "leakyrelu leaky_relu prelu elu selu gelu silu swish mish softsign".split()
)
# Of those, the names that are also ordinary variable names (Greek letters, arg, re…): only a call,
# gamma(x), is refused; gamma x stays the variable gamma times x. Every other name above is refused
# wherever it stands, since `erf x` or `floor + 1` read as a variable would silently differentiate to 0.
UNSUPPORTED_ALSO_NAMES = frozenset("gamma beta zeta re im arg li Ei Si Ci elu mod".split())

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "ι": "iota", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Σ": "Sigma",
    "Υ": "Upsilon", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega", "π": "pi",
}
LATEX_GREEK = {name for name in GREEK.values()} | {"varepsilon", "varphi", "vartheta"}
LATEX_GREEK_ALIASES = {"varepsilon": "epsilon", "varphi": "phi", "vartheta": "theta"}

# Letters that look like Latin ones but are not: reading them as new symbols would silently give
# a wrong derivative (∂/∂x of Cyrillic х·y is 0).
LOOKALIKES = {
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "ο": "o", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ı": "i",
}

SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
    "⁹": "9", "⁻": "-", "⁺": "+",
}
SUBSCRIPTS = {"₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
              "₈": "8", "₉": "9"}

# Operator spellings → the canonical operator.
OPERATORS = {
    "**": "**", "*": "*", "+": "+", "-": "-", "/": "/", "^": "^", "(": "(", ")": ")",
    "{": "{", "}": "}", "[": "[", "]": "]", ",": ",", "|": "|",
    "·": "*", "⋅": "*", "×": "*", "∗": "*", "÷": "/", "−": "-", "–": "-",
    "√": "√", "∛": "∛", "∜": "∜", "=": "=", "∂": "∂",
}
CLOSERS = {"(": ")", "{": "}", "[": "]"}

LATEX_OPERATORS = {
    "cdot": "*", "times": "*", "ast": "*", "div": "/", "lvert": "|", "rvert": "|", "vert": "|",
    "mid": "|", "lbrace": "{", "rbrace": "}", "lbrack": "[", "rbrack": "]", "partial": "∂",
}
LATEX_FUNCTIONS = {
    "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
    "tanh", "coth", "exp", "ln", "log", "sgn",
}
LATEX_IGNORED = {"left", "right", "big", "Big", "bigg", "Bigg", "quad", "qquad", "displaystyle"}
LATEX_UNSUPPORTED = {  # each command with the key of what it writes (symdiff.core.error_words)
    command: f"error.latex.what.{command}" for command in ("int", "sum", "prod", "lim", "infty", "nabla")}

# Binding powers (higher binds tighter).
BP_SUM, BP_PRODUCT, BP_UNARY, BP_POWER, BP_SUPERSCRIPT = 10, 20, 30, 40, 50
BP_ROOT = BP_SUPERSCRIPT - 1  # √x² = √(x²) but √x^2 = (√x)^2
BP_BARE_ARGUMENT = BP_PRODUCT + 5  # sin 2x = sin(2x): the bare argument stops before + and -


# ---------------------------------------------------------------------------------------------
# Tokens

@dataclass(frozen=True)
class Token(core.Token):
    """kind: "num", "name", "op", "sup", "frac", "sqrt", "eof"; value: the number, the name, the operator."""

    text: str  # as typed, for messages
    column: int  # 1-based
    space_before: bool = False


# Python modules whose functions a student may write with their prefix (np.exp): told to drop it.
def _top_level_split(text: str) -> list[str]:
    """`text` cut at its commas outside brackets (a call's arguments)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


_PYTHON_MODULES = {"np", "numpy", "math", "cmath", "torch", "tf", "jnp", "jax", "sympy", "sp", "scipy", "mpmath",
                   "mp", "F"}

# The longest name (a variable, a glued product of names such as xysin): longer ones are not names
# a person types, and splitting one costs time that grows with its length squared.
MAX_NAME = 200


class _Tokenizer:
    def __init__(self, text: str, limits: Limits):
        self.text = text
        self.limits = limits
        self.i = 0
        self.tokens: list[Token] = []
        self.space = False

    def error(self, message: str, i: int | None = None, type: type = ParseError) -> ParseError:
        return type(message, (self.i if i is None else i) + 1)

    def add(self, kind: str, value: str, start: int) -> None:
        self.tokens.append(Token(kind, value, self.text[start:self.i], start + 1, self.space))
        self.space = False

    def run(self) -> list[Token]:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            start = self.i
            if ch.isspace() and ch not in LINE_BREAKS:
                self.i += 1
                self.space = True
            elif ch.isdigit() and ch.isascii() or (
                    ch == "." and text[self.i + 1 : self.i + 2].isdigit() and text[self.i + 1 : self.i + 2].isascii()):
                self.number()
            elif ch.isascii() and ch.isalpha():
                self.name()
            elif ch in GREEK:
                self.i += 1
                self.name_tail(GREEK[ch], start, letters=False)
            elif ch in SUPERSCRIPTS:
                digits = ""
                while self.i < len(text) and text[self.i] in SUPERSCRIPTS:
                    digits += SUPERSCRIPTS[text[self.i]]
                    self.i += 1
                self.add("sup", digits, start)
            elif ch == "\\":
                self.latex()
            elif text.startswith("**", self.i):
                self.i += 2
                self.add("op", "**", start)
            elif ch in OPERATORS:
                self.i += 1
                self.add("op", OPERATORS[ch], start)
            else:
                raise self.unexpected(ch)
        self.tokens.append(Token("eof", "", "", len(text) + 1, self.space))
        return self.tokens

    def unexpected(self, ch: str) -> ParseError:
        if ch in LOOKALIKES:
            return self.error(Words("error.lookalike", ch=ch, name=char_name(ch), latin=LOOKALIKES[ch]))
        if ch == "_":
            return self.error(Words("error.underscore"))
        after = re.match(r"[A-Za-z]\w*", self.text[self.i + 1:])
        if ch == "." and after and self.tokens and self.tokens[-1].value in _PYTHON_MODULES:
            # np.exp(x), math.sin(x): Python's module prefix, which symdiff's names do without
            module, name = self.tokens[-1].text, after.group()
            return self.error(Words("error.module", module=module, name=name))
        if ch in "!":
            return self.error(Words("error.factorial"), type=_Unsupported)
        if ch in "<>":
            return self.error(Words("error.comparison", ch=ch), type=_Unsupported)
        if ch in "'\"`":
            return self.error(Words("error.quotes"))
        if unicodedata.category(ch).startswith("L"):
            return self.error(Words("error.letter", ch=ch, name=char_name(ch)))
        if ch.isdigit():
            return self.error(Words("error.digit", ch=ch, name=char_name(ch)))
        return self.error(unexpected_character(ch))

    def number(self) -> None:
        text, start = self.text, self.i
        while self.i < len(text) and text[self.i].isdigit() and text[self.i].isascii():
            self.i += 1
        if self.i < len(text) and text[self.i] == ".":
            self.i += 1
            while self.i < len(text) and text[self.i].isdigit() and text[self.i].isascii():
                self.i += 1
        # Scientific notation only when digits follow: 2e-3 is 0.002, but 2e^x is 2·e^x.
        if self.i < len(text) and text[self.i] in "eE":
            j = self.i + 1
            if j < len(text) and text[j] in "+-":
                j += 1
            if j < len(text) and text[j].isdigit() and text[j].isascii():
                self.i = j
                while self.i < len(text) and text[self.i].isdigit() and text[self.i].isascii():
                    self.i += 1
        literal = text[start:self.i]
        digits = sum(c.isdigit() for c in literal)
        if digits > self.limits.max_literal_digits:
            raise LimitError(Words("error.limit.literal", digits=digits, limit=self.limits.max_literal_digits),
                             start + 1)
        self.add("num", literal, start)

    def name(self) -> None:
        # Whether a name is a glued function call (sinx, xsin) is the parser's to decide: it knows
        # the names --vars declares, and whether a '(' follows.
        self.name_tail("", self.i, letters=True)

    def name_tail(self, name: str, start: int, letters: bool) -> None:
        text = self.text

        def continues(ch: str) -> bool:
            return ch.isascii() and (ch.isdigit() or ch == "_" or (letters and ch.isalpha()))

        # Greek letters may carry digits and underscores (θ1, θ_0) but not letters (πx is π·x);
        # any name may carry subscripts (x₁ → x_1) or a LaTeX subscript (x_{1} → x_1).
        while self.i < len(text) and continues(text[self.i]):
            name += text[self.i]
            self.i += 1
            if len(name) > MAX_NAME:  # refused as soon as it is too long: reading on costs a long line's time
                raise LimitError(Words("error.name.long", limit=MAX_NAME), start + 1)
        if name.endswith("_") and text.startswith("{", self.i):
            close = text.find("}", self.i)
            inner = text[self.i + 1 : close] if close > 0 else ""
            if not inner or not (inner.isascii() and inner.replace("_", "").isalnum()):
                if name in ("log_", "ln_"):
                    raise ParseError(Words("error.log.base", name=name), self.i + 1)
                raise ParseError(Words("error.subscript"), self.i + 1)
            name += inner
            self.i = close + 1
        if self.i < len(text) and text[self.i] in SUBSCRIPTS:
            name += "_"
            while self.i < len(text) and text[self.i] in SUBSCRIPTS:
                name += SUBSCRIPTS[text[self.i]]
                self.i += 1
        name = core.json_name(name)
        if "__" in name or name.endswith("_"):
            # SymPy's LaTeX and MathML printers set x__2 as x² and x_ as x: a document would show
            # what was never computed (x__2 held constant reads as x² held constant).
            raise ParseError(Words("error.name.underscores", name=name), start + 1)
        self.add("name", name, start)

    def latex(self) -> None:
        text, start = self.text, self.i
        self.i += 1
        if self.i >= len(text):
            raise self.error(Words("error.latex.backslash"), start)
        if not text[self.i].isalpha():
            ch = text[self.i]
            self.i += 1
            if ch in ",;:! ":
                self.space = True  # LaTeX spacing
                return
            if ch in "{}|":
                self.add("op", ch if ch != "|" else "|", start)
                return
            raise self.error(Words("error.latex.unknown", command=ch), start)
        j = self.i
        while self.i < len(text) and text[self.i].isascii() and text[self.i].isalpha():
            self.i += 1
        command = text[j:self.i]
        if command in ("frac", "dfrac", "tfrac"):
            self.add("frac", command, start)
        elif command == "sqrt":
            self.add("sqrt", command, start)
        elif command in LATEX_OPERATORS:
            self.add("op", LATEX_OPERATORS[command], start)
        elif command in LATEX_IGNORED:
            self.space = True
        elif command in LATEX_FUNCTIONS:
            self.add("name", command, start)
            if command in ("log", "ln") and text.startswith("_", self.i):
                self.log_base(command)
        elif command in LATEX_GREEK:
            self.add("name", LATEX_GREEK_ALIASES.get(command, command), start)
        elif command in ("operatorname", "mathrm", "text"):
            self.braced_name(start, command)
        elif command in LATEX_UNSUPPORTED:
            raise self.error(Words("error.latex.unsupported", what=Words(LATEX_UNSUPPORTED[command]), command=command),
                             start, type=_Unsupported)
        else:
            raise self.error(Words("error.latex.unknown", command=command), start)

    def log_base(self, command: str) -> None:
        """\\log_2 x, \\log_{10} x: the base becomes a 'base' token after the name."""
        text, start = self.text, self.i
        self.i += 1
        if text.startswith("{", self.i):
            close = text.find("}", self.i)
            if close < 0:
                raise self.error(Words("error.latex.base.open", command=command), self.i)
            base = text[self.i + 1 : close].strip()
            self.i = close + 1
        else:
            j = self.i
            while self.i < len(text) and text[self.i].isascii() and text[self.i].isdigit():
                self.i += 1
            if self.i == j and self.i < len(text) and text[self.i].isascii() and text[self.i].isalpha():
                self.i += 1
            base = text[j:self.i]
        if not base:
            raise self.error(Words("error.latex.base", command=command), start)
        self.add("base", base, start)

    def braced_name(self, start: int, command: str) -> None:
        text = self.text
        while self.i < len(text) and text[self.i] == " ":
            self.i += 1
        close = text.find("}", self.i)
        if not text.startswith("{", self.i) or close < 0:
            raise self.error(Words("error.latex.name", command=command))
        name = text[self.i + 1 : close].strip()
        if not (name.isascii() and name.isidentifier() and name[0].isalpha()):
            raise self.error(Words("error.latex.not_name", command=command, name=name), start)
        self.i = close + 1
        self.add("name", name, start)


_FUNCTIONS_LONGEST_FIRST = sorted(FUNCTIONS, key=len, reverse=True)
GREEK_NAMES = frozenset(GREEK.values()) | LATEX_GREEK

# What may follow a function name inside one name and still be read as its argument: x, y, z or a
# Greek letter, after optional digits (sinx, sin2x, costheta). Any other letter may begin a word
# (cost, expected, logits, sinxy), so those names stay names.
_GLUED_ARGUMENTS = sorted(GREEK_NAMES | {"x", "y", "z"}, key=len, reverse=True)
# The longest name of a function that ends in digits (log10): how far into a run of digits before
# the argument a function name can reach.
_FUNCTION_DIGITS = max(len(f) - len(f.rstrip("0123456789")) for f in FUNCTIONS)
# Function names by their last character, longest first: every name in an input is looked at, so
# only the few functions that could end where a name does are compared.
_FUNCTIONS_BY_LAST: dict[str, list[str]] = {}
for _f in _FUNCTIONS_LONGEST_FIRST:
    _FUNCTIONS_BY_LAST.setdefault(_f[-1], []).append(_f)
# A name on its own: one letter or a Greek letter's name, with digits or a subscript (x, w2, theta_1).
_WHOLE_NAME = r"(|[A-Za-z]|" + "|".join(sorted(GREEK_NAMES, key=len, reverse=True)) + r")(\d*|_\w*)"


@dataclass(frozen=True)
class _Glued:
    """A name that is a function glued to its neighbours: `before` (what precedes the function,
    already spelled as meant), `function`, and the `argument` glued after it (None if none)."""

    before: str
    function: str
    argument: str | None

    def spelled(self, argument: str = "…") -> str:
        """How to write it: x sin(x), sin(2*x), sin(x) cos(x)."""
        call = f"{self.function}({self.argument or argument})"
        return f"{self.before} {call}" if self.before else call


def _glued_tail(name: str) -> tuple[str, str, str | None] | None:
    """(prefix, function, argument) when `name` ends with a function name, or with a function name and
    its argument (x, 2x, theta): the prefix is what comes before."""
    ends: list[tuple[int, str | None]] = [(len(name), None)]
    letters = next((a for a in _GLUED_ARGUMENTS if name.endswith(a) and len(a) < len(name)), None)
    if letters:
        # Each place the argument may start: log2x is log2 of x before log of 2x. (Scanning the
        # digits by hand, not with a regular expression: x_111…1 must not cost quadratic time.)
        k = len(name) - len(letters)
        ends.append((k, letters))
        start = k
        while start > 0 and name[start - 1].isdigit():
            start -= 1
        for j in range(k - 1, start - 1, -1):
            if j <= start + _FUNCTION_DIGITS:
                ends.append((j, f"{name[j:k]}*{letters}"))
    for end, argument in ends:
        splits = []
        for func in _FUNCTIONS_BY_LAST.get(name[end - 1], ()) if end else ():
            if name.endswith(func, 0, end):
                prefix = name[: end - len(func)]
                if (not prefix and argument is None) or not prefix.rpartition("_")[2].isdigit() and "_" in prefix:
                    continue  # sin alone is the function; w_sin and x_acos are names with a subscript
                splits.append((prefix, func, argument))
        if splits:
            # xasin is x·asin but thetasin is theta·sin: prefer a split that leaves a whole name in front.
            return next((split for split in splits if re.fullmatch(_WHOLE_NAME, split[0])), splits[0])
    return None


def _glued(name: str) -> _Glued | None:
    """How `name` splits into functions and their neighbours (xsin → x sin(…), sinx → sin(x),
    sinxcosx → sin(x) cos(x)), or None for a name that is just a name (cost, theta, w_sin).

    Names that hide a function are refused rather than read as a variable whose derivative is
    silently 0 (or, for xsin(x), as an unknown function with a misleading hint)."""
    if name in FUNCTIONS:
        return None
    found = _glued_tail(name)
    if found is None:
        return None
    prefix, function, argument = found
    before, pieces = prefix, []
    for _ in range(4):  # the prefix may hide functions too (sinxcosx); a few are enough for a hint
        inner = _glued_tail(before) if before and before not in FUNCTIONS else None
        if inner is None:
            break
        before, inner_function, inner_argument = inner
        pieces.insert(0, f"{inner_function}({inner_argument or '…'})")
    return _Glued(" ".join(([before] if before else []) + pieces), function, argument)


# log_2 x, ln_2 x, log_{10} x, log_b x: the logarithm to that base (as \log_2 x is). A longer
# subscript (log_sigma) is a name, as x_max is.
_LOG_BASE = r"(log|ln)_(\d+|[A-Za-z])"
_LOG_BASE_GLUED = r"(log|ln)_(\d+)([A-Za-z]\w*)"
_LOG_WORD = r"(log|ln)_([A-Za-z]\w+)"


class _Unsupported(ParseError):
    type = "unsupported"


def tokenize(text: str, limits: Limits = DEFAULT_LIMITS) -> list[Token]:
    return _Tokenizer(text, limits).run()


# ---------------------------------------------------------------------------------------------
# Derivative operators written in front of an expression

@dataclass(frozen=True)
class _Operator:
    """d/dx (or \\frac{d}{dx}, ∂/∂x, d²/dx²) at tokens[index:end]: it names `var`, `order` times."""

    var: str
    order: int
    index: int
    end: int
    text: str
    column: int


def _derivative_operator(tokens: list[Token], index: int, text: str,
                         variables: frozenset[str] = frozenset()) -> _Operator | None:
    """The derivative operator that starts at tokens[index], if one does: d/dx, d/d x, d/dθ,
    \\frac{d}{dx}, \\frac{\\mathrm{d}}{\\mathrm{d}x}, ∂/∂x, \\partial/\\partial x,
    \\frac{\\partial}{\\partial x}, and d²/dx² or d^2/dx^2 (order 2)."""

    def at(k: int) -> Token:
        return tokens[min(k, len(tokens) - 1)]

    def is_op(k: int, value: str) -> bool:
        return at(k).kind == "op" and at(k).value == value

    def order(k: int) -> tuple[int, int]:
        """(n, next index) for a power ², ^2, ^{2} at k; (1, k) if there is none."""
        t = at(k)
        if t.kind == "sup" and t.value.isdigit():
            return int(t.value), k + 1
        if is_op(k, "^") or is_op(k, "**"):
            if at(k + 1).kind == "num" and at(k + 1).value.isdigit():
                return int(at(k + 1).value), k + 2
            if is_op(k + 1, "{") and at(k + 2).kind == "num" and at(k + 2).value.isdigit() and is_op(k + 3, "}"):
                return int(at(k + 2).value), k + 4
        return 1, k

    def mark(k: int) -> str | None:
        t = at(k)
        if t.kind == "name" and t.value == "d" and "d" not in variables:
            return "d"
        return "∂" if is_op(k, "∂") else None

    def differential(k: int, kind: str) -> tuple[str, int] | None:
        """(variable, next index) for dx, d x, ∂x at k."""
        t = at(k)
        if kind == "d" and t.kind == "name" and len(t.value) > 1 and t.value[0] == "d" and t.value[1].isalpha():
            return t.value[1:], k + 1
        if mark(k) == kind and at(k + 1).kind == "name":
            return at(k + 1).value, k + 2
        return None

    def variable(name: str) -> bool:
        return name not in FUNCTIONS and name not in ("pi", "E") and not name.startswith("d_")

    kind = mark(index)
    fraction = at(index).kind == "frac" and is_op(index + 1, "{")
    if fraction:
        kind = mark(index + 2)
    if kind is None:
        return None
    n, k = order(index + (3 if fraction else 1))
    if fraction:
        if not (is_op(k, "}") and is_op(k + 1, "{")):
            return None
        k += 2
    elif not is_op(k, "/"):
        return None
    else:
        k += 1
    found = differential(k, kind)
    if found is None or not variable(found[0]):
        return None
    var, k = found
    if n > 1:
        _, k = order(k)
    if fraction:
        if not is_op(k, "}"):
            return None
        k += 1
    first, last = tokens[index], tokens[k - 1]
    return _Operator(var, n, index, k, text[first.column - 1 : last.column - 1 + len(last.text)], first.column)


@dataclass(frozen=True)
class Definition:
    """What `parse_input` read: the expression, with the function's `name` and variables (`params`)
    when it was a definition (`f(x, y) = …`, `y = …`), or the variable of the derivative operator
    written in front of it (`d/dx x^2`: `operator` is x)."""

    expr: sympy.Expr
    name: str | None = None
    params: tuple[sympy.Symbol, ...] = ()
    operator: sympy.Symbol | None = None
    operator_text: str = ""
    column: int | None = None  # where the operator stands, or a definition's '='


# ---------------------------------------------------------------------------------------------
# Parser

_symbol_cache: dict[str, sympy.Symbol] = {}


def symbol(name: str) -> sympy.Symbol:
    """The symbol symdiff uses for `name`: real, because calculus here is over the reals."""
    sym = _symbol_cache.get(name)
    if sym is None:
        sym = _symbol_cache[name] = sympy.Symbol(name, real=True)
    return sym



def _did_you_mean(name: str) -> str:
    """The function symdiff knows that `name` most likely misspells (sigmoid for sigmiod, sin for Sin
    or sni), or "" when none is close."""
    return core.closest_name(name, FUNCTIONS)

def zero_constant(expr) -> bool:
    """Whether `expr` is a constant that is 0: 1 − 1, and also cos(0) − 1, sin(0), ln(1), |0|, which the
    parser keeps as typed, unevaluated, so that `== 0` does not see them (x + 1/sin(0) was differentiated
    as if the constant were a number, and answered 1 − 0 = … 0)."""
    if not isinstance(expr, sympy.Basic) or expr.free_symbols:
        return False
    if expr == 0:
        return True
    if not expr.has(sympy.Function, sympy.Abs):
        return False  # SymPy evaluated it already: not 0
    try:
        return expr.doit().is_zero is True
    except Exception:  # noqa: BLE001 - a constant SymPy cannot settle is not known to be 0
        return False


class _Parser(Reader):
    def __init__(self, text: str, tokens: list[Token], limits: Limits, variables: frozenset[str]):
        super().__init__(text, tokens, limits)
        self.variables = variables
        self.abs_depth = 0

    # -- helpers --
    def previous(self) -> Token | None:
        return self.tokens[self.pos - 1] if self.pos else None

    def expect_close(self, opener: Token) -> None:
        want = CLOSERS[opener.value] if opener.value in CLOSERS else opener.value
        tok = self.peek()
        if tok.kind == "op" and tok.value == want:
            self.advance()
            return
        if tok.kind == "eof":
            raise self.error(Words("error.unclosed", opener=opener.text, column=opener.column), opener.column)
        if tok.kind == "op" and tok.value in (")", "}", "]"):
            raise self.error(Words("error.mismatch", found=tok.text, opener=opener.text, column=opener.column),
                             tok.column)
        raise self.error(Words("error.close", want=want, opener=opener.text, column=opener.column, found=tok.text),
                         tok.column)

    def starts_operand(self, tok: Token) -> bool:
        if tok.kind in ("num", "name", "frac", "sqrt"):
            return True
        return tok.kind == "op" and tok.value in ("(", "{", "[", "√", "∛", "∜", "|", "∂")

    def number_check(self, value: sympy.Expr, column: int) -> sympy.Expr:
        """Refuse a node that is undefined, infinite, not real, or holds a number over the limits.

        Every node the parser builds passes through here, so looking at the node and its direct
        arguments is enough (and keeps a sum of n terms O(n), not O(n²))."""
        parts = (value, *value.args)
        if any(p in _UNDEFINED for p in parts):
            raise self.error(Words("error.undefined"), column, type=InputDomainError)
        if any(p in _INFINITE for p in parts):
            raise self.error(Words("error.infinite"), column, type=InputDomainError)
        if any(p is sympy.I for p in parts) or any(p.is_Mul and sympy.I in p.args for p in parts):
            # log(-1) and sqrt(-4) evaluate to imaginary numbers; calculus here is over the reals.
            raise self.error(Words("error.not_real"), column, type=InputDomainError)
        for p in parts:
            words = over_limit(p, self.limits)
            if words is not None:
                raise LimitError(words, column)
        return value

    def digits_check(self, number: sympy.Rational, column: int) -> None:
        words = over_limit(number, self.limits)
        if words is not None:
            raise LimitError(words, column)

    def coefficient_check(self, coefficient: sympy.Rational, other: sympy.Expr, times: sympy.Expr,
                          column: int) -> None:
        """Before computing (c·other)^times, estimate the digits of c^times (and of other's own
        coefficient), so ((2x)^9999)^9999 is refused without being built."""
        c = coefficient * other.as_coeff_Mul()[0] if not other.is_number else coefficient
        size = max(abs(c.p), abs(c.q))
        if size > 1 and times.is_Number:
            digits = float(abs(times)) * math.log10(size)
            if digits > self.limits.max_number_digits:
                raise LimitError(Words("error.limit.digits", digits=f"{digits:.3g}",
                                       limit=self.limits.max_number_digits), column)

    # -- entry --
    def parse(self) -> sympy.Expr:
        """A plain expression: an '=' or a derivative operator in front is refused (see `parse_input`)."""
        equals = self.equals()
        if equals:
            raise self.error(Words("error.equation"), self.tokens[equals[0]].column, type=_Unsupported)
        return self.whole()

    def parse_input(self) -> "Definition":
        """An expression as people paste it: after a derivative operator (d/dx x^2), or as the right
        side of a definition (f(x) = …, y = …)."""
        equals = self.equals()
        if not equals:
            return self.after_operator()
        first = self.tokens[equals[0]]
        if len(equals) > 1:
            second = self.tokens[equals[1]]
            raise self.error(Words("error.equation.second"), second.column, type=_Unsupported)
        if self.depth_at(equals[0]):
            raise self.error(Words("error.equation.brackets"), first.column, type=_Unsupported)
        head = self.definition_head(equals[0])
        if head is None:
            raise self.equation_error(equals[0])
        name, params = head
        self.pos = equals[0] + 1
        if self.peek().kind == "eof":
            raise self.error(Words("error.equation.nothing", name=name.value), self.peek().column)
        expr = self.whole()
        if symbol(name.value) in expr.free_symbols:
            raise self.equation_error(equals[0], both_sides=name.value)
        return Definition(expr, name.value, tuple(symbol(p.value) for p in params or ()), column=first.column)

    def after_operator(self) -> "Definition":
        op = self.operator_at(0)
        if op is None:
            return Definition(self.whole())
        if op.order > 1:
            raise self.operator_error(op)
        self.pos = op.end
        if self.peek().kind == "eof":
            raise self.error(Words("error.operator.nothing", op=op.text), self.peek().column)
        return Definition(self.whole(), operator=symbol(op.var), operator_text=op.text, column=op.column)

    # -- definitions --
    def equals(self) -> list[int]:
        return [k for k, t in enumerate(self.tokens) if t.kind == "op" and t.value == "="]

    def depth_at(self, index: int) -> int:
        depth = 0
        for t in self.tokens[:index]:
            if t.kind == "op" and t.value in CLOSERS:
                depth += 1
            elif t.kind == "op" and t.value in (")", "}", "]"):
                depth -= 1
        return depth

    def definition_head(self, equals: int) -> tuple[Token, list[Token] | None] | None:
        """The left side of a definition, `y` or `f(x, y)`: the name token and the parameter tokens
        (None without parentheses); None if the left side is not of that form."""
        lhs = self.tokens[:equals]
        if not lhs or lhs[0].kind != "name":
            return None
        if len(lhs) == 1:
            return (lhs[0], None) if self.plain_name(lhs[0].value) else None
        if not (len(lhs) >= 4 and lhs[1].kind == "op" and lhs[1].value == "(" and lhs[-1].kind == "op"
                and lhs[-1].value == ")" and self.plain_name(lhs[0].value)):
            return None
        params, seen, inner = [], {lhs[0].value}, lhs[2:-1]
        for k, t in enumerate(inner):
            if k % 2 and not (t.kind == "op" and t.value == ","):
                return None
            if not k % 2:
                if t.kind != "name" or not self.plain_name(t.value):
                    return None
                if t.value == lhs[0].value:
                    raise self.error(Words("error.definition.same", name=t.value), t.column)
                if t.value in seen:
                    raise self.error(Words("error.definition.twice", name=t.value, function=lhs[0].value), t.column)
                params.append(t)
                seen.add(t.value)
        if len(inner) % 2 == 0:
            return None
        return lhs[0], params

    def plain_name(self, name: str) -> bool:
        """A name that reads as a variable: not a function, constant, or name that hides one."""
        if name in self.variables:
            return True
        return not (name in FUNCTIONS or name in ("pi", "E", "e") or name in UNSUPPORTED_FUNCTIONS
                    or re.fullmatch(_LOG_BASE, name) or _glued(name))

    def side(self, tokens: list[Token]) -> sympy.Expr | None:
        """One side of an equation read on its own, or None if it does not read."""
        end = Token("eof", "", "", tokens[-1].column + len(tokens[-1].text) if tokens else 1)
        try:
            return _Parser(self.text, [*tokens, end], self.limits, self.variables).parse()
        except ParseError:
            return None

    def equation_error(self, equals: int, both_sides: str | None = None) -> ParseError:
        column = self.tokens[equals].column
        implicit = f"symdiff implicit \"{self.text.strip()}\""
        if both_sides:
            return _Unsupported(Words("error.equation.both", name=both_sides, command=implicit), column)
        left, right = self.side(self.tokens[:equals]), self.side(self.tokens[equals + 1 : -1])
        if left is not None and right is not None and len(left.free_symbols | right.free_symbols) > 1:
            # x^2 + y^2 = 25: a curve, along which implicit differentiation gives dy/dx.
            return _Unsupported(Words("error.equation.curve", command=implicit), column)
        head = self.tokens[0] if equals else None
        if head is not None and head.kind == "name" and not self.plain_name(head.value) and (
                equals == 1 or (self.tokens[1].kind == "op" and self.tokens[1].value == "(")) and (
                right is not None and right.free_symbols):
            # e(x, y) = x*y: the shape of a definition of a function of variables, with a name that
            # already means something (sin(x) = 1 is an equation, and keeps the message below)
            taken = ("e" if head.value in ("e", "E") else "pi" if head.value == "pi"
                     else "function" if head.value in FUNCTIONS else None)
            return _Unsupported(Words("error.equation.taken" + (f".{taken}" if taken else ""), name=head.value),
                                head.column)
        return _Unsupported(Words("error.equation.name"), column)

    # -- derivative operators: d/dx, \frac{d}{dx}, ∂/∂x --
    def operator_at(self, index: int) -> _Operator | None:
        return _derivative_operator(self.tokens, index, self.text, self.variables)

    def operator_error(self, op: _Operator) -> ParseError:
        if op.index == 0:
            rest = self.text[self.tokens[op.end].column - 1 :].strip() or "…"
            times = " ".join([op.var] * op.order)
            command = f"symdiff partial \"{rest}\" {times}"
            if op.order == 1:
                return self.error(Words("error.operator.start", op=op.text, command=command), op.column)
            return self.error(Words("error.operator.order", op=op.text, order=op.order, command=command), op.column)
        return self.error(Words("error.operator.inside", op=op.text), op.column, type=_Unsupported)

    def refuse_operator(self, tok: Token) -> None:
        op = self.operator_at(self.pos)
        if op is not None:
            raise self.operator_error(op)
        if tok.kind == "op" and tok.value == "∂":
            raise self.error(Words("error.partial.sign", command='symdiff partial "x^2 y" x'), tok.column,
                             type=_Unsupported)

    def whole(self) -> sympy.Expr:
        """The expression from here to the end of the input."""
        if self.peek().kind == "eof":
            raise self.error(Words("error.empty"), 1)
        start = self.pos
        expr = self.expression(0)
        tok = self.peek()
        if tok.kind != "eof":
            if tok.kind == "op" and tok.value in (")", "}", "]"):
                raise self.error(Words("error.unmatched", found=tok.text), tok.column)
            if tok.kind == "op" and tok.value == "|":
                raise self.error(Words("error.unmatched", found="|"), tok.column)
            if tok.kind == "op" and tok.value == ",":
                raise self.error(Words("error.comma"), tok.column)
            raise self.error(Words("error.unexpected", found=tok.text), tok.column)
        if self.operator_at(start) is None:  # d/dx in front has its own error, which names it
            self.refuse_glued_product(self.tokens[start:self.pos])
        return expr

    def product_like(self, name: str) -> bool:
        """Whether `name` is a run of two or more plain letters that a student may mean as letters
        multiplied (xy, ab): not a function, a Greek letter, a constant or a name given by --vars."""
        return (len(name) > 1 and name.isascii() and name.isalpha() and name not in FUNCTIONS
                and name not in GREEK_NAMES and name != "pi" and name not in self.variables)

    def refuse_glued_product(self, tokens: list[Token]) -> None:
        """A teacher reads 2xy, and xy beside a lone x, as x times y, while the grammar reads one name
        held constant: the answer would differ silently, so such a name is refused with both spellings
        (issue 16). A short name sharing a letter that stands alone is refused too, a long one only if
        all its letters do (loss beside s is a word). Other names (lr, wx, theta, w1, x_1) stay names."""
        alone = {t.value for t in tokens if t.kind == "name" and len(t.value) == 1}
        for k, tok in enumerate(tokens):
            if tok.kind != "name" or not self.product_like(tok.value):
                continue
            before = tokens[k - 1] if k else None
            product = "*".join(tok.value)
            if before is not None and before.kind == "num" and not tok.space_before:
                raise self.error(Words("error.name.glued.number", name=tok.value, number=before.text,
                                       spelled=f"{before.text}*{product}", name_spelled=f"{before.text}*{tok.value}",
                                       declare=f"--vars {tok.value}"),
                                 tok.column)
            if set(tok.value) <= alone or (len(tok.value) <= 3 and set(tok.value) & alone):
                raise self.error(Words("error.name.glued.letters", name=tok.value, letters=", ".join(sorted(set(tok.value) & alone)),
                                       spelled=product, declare=f"--vars {tok.value}"), tok.column)

    def expression(self, rbp: int, nest: bool = False) -> sympy.Expr:
        """An expression binding tighter than `rbp`. `nest` marks a real level of nesting
        (parentheses, an argument, an exponent, a sign), which is what max_depth counts."""
        if nest:
            self.nest()
        left = self.nud()
        terms: list[sympy.Expr] | None = None
        while True:
            tok = self.peek()
            lbp = self.left_binding_power(tok)
            if lbp <= rbp:
                break
            if tok.kind == "op" and tok.value in ("+", "-"):
                # Terms are collected and added once: adding them one by one rebuilds the sum each
                # time, which is quadratic (a loss with 5000 terms would take minutes).
                self.advance()
                right = self.expression(BP_SUM)
                if terms is None:
                    terms = [left]
                terms.append(right if tok.value == "+" else -right)
                last = tok
                continue
            left = self.led(left, tok)
        if terms is not None:
            left = self.number_check(sympy.Add(*terms), last.column)
        if nest:
            self.depth -= 1
        return left

    def left_binding_power(self, tok: Token) -> int:
        if tok.kind == "sup":
            return BP_SUPERSCRIPT
        if tok.kind == "op":
            if tok.value in ("+", "-"):
                return BP_SUM
            if tok.value in ("*", "/"):
                return BP_PRODUCT
            if tok.value in ("**", "^"):
                return BP_POWER
            if tok.value == "|":
                return 0 if self.abs_depth else BP_PRODUCT  # inside |…| a bar closes
        return BP_PRODUCT if self.starts_operand(tok) else 0

    def led(self, left: sympy.Expr, tok: Token) -> sympy.Expr:
        if tok.kind == "sup":
            self.advance()
            return self.power(left, self.superscript_value(tok), tok)
        if tok.kind == "op" and tok.value in ("*", "/", "**", "^"):
            self.advance()
            if tok.value in ("**", "^"):
                at = self.peek().column  # where the exponent starts: an error about it points there
                right = self.expression(BP_POWER - 1, nest=True)  # right-associative
                return self.power(left, right, tok, at)
            right = self.expression(BP_PRODUCT)
            if tok.value == "*":
                out = self.product(left, right, tok)
            else:
                if zero_constant(right):
                    raise self.error(Words("error.division"), tok.column, type=InputDomainError)
                out = left / right
            return self.number_check(out, tok.column)
        # Implicit multiplication.
        if tok.kind == "num":
            raise self.error(Words("error.number.after", found=tok.text),
                             tok.column)
        right = self.expression(BP_PRODUCT)
        return self.product(left, right, tok)

    def product(self, left: sympy.Expr, right: sympy.Expr, tok: Token) -> sympy.Expr:
        for a, b in ((left, right), (right, left)):
            if a.is_Rational and not b.is_number:
                self.coefficient_check(a, b, sympy.Integer(1), tok.column)
        # Keep 2*(x + 1) as written: SymPy would distribute it to 2*x + 2, hiding the constant
        # multiple. Only here: under distribute(False) SymPy's sign handling of sin(-x-1) recurses
        # forever. Only when SymPy did distribute (its product is then a sum): switching
        # distribute clears SymPy's whole cache, and a loss has a product in every term.
        out = left * right
        if out.is_Add:
            with distribute(False):
                out = left * right
        return self.number_check(out, tok.column)

    def superscript_value(self, tok: Token) -> sympy.Integer:
        digits = tok.value
        sign = -1 if digits.startswith("-") else 1
        if digits[:1] in ("+", "-"):
            digits = digits[1:]
        if not digits or not (digits.isascii() and digits.isdigit()):
            raise self.error(Words("error.superscript", found=tok.text), tok.column)
        # The limits of x^0000000001 apply: a literal's digits, leading zeros included (which int() reads
        # safely below it), then the power's own checks on the value, 1. Counting the digits against
        # the exponent limit refused ⁰⁰⁰⁰⁰⁰⁰⁰⁰¹, which ^ reads as 1.
        if len(digits) > self.limits.max_literal_digits:
            raise LimitError(Words("error.limit.literal", digits=len(digits), limit=self.limits.max_literal_digits),
                             tok.column)
        return sympy.Integer(sign * int(digits))

    def power(self, base: sympy.Expr, exponent: sympy.Expr, tok: Token, exponent_column: int | None = None) -> sympy.Expr:
        self.power_check(base, exponent, tok.column, exponent_column)
        value = self.number_check(real_odd_power(base, exponent) or sympy.Pow(base, exponent), tok.column)
        if value.is_number:
            self.real_check(value, tok.column)
        return kept(value, typed_power(base, exponent))

    def power_check(self, base: sympy.Expr, exponent: sympy.Expr, column: int,
                    exponent_column: int | None = None) -> None:
        """Refuse base^exponent before SymPy builds it: with a number base and an integer exponent,
        SymPy computes the power at once (2^(10^300) would fill the memory)."""
        if exponent.is_Number:
            if base.is_number:
                if exponent.is_negative and zero_constant(base):  # before its digits: sin(0)⁻² has no size
                    raise self.error(Words("error.division.power"), column, type=InputDomainError)
                digits = _power_digits(base, exponent)
                if digits > self.limits.max_number_digits:
                    raise LimitError(
                        Words("error.limit.power", base=_short(base), exponent=_short(exponent),
                              digits=_about_digits(digits), limit=self.limits.max_number_digits), column)
            else:
                if abs(exponent) > self.limits.max_exponent:
                    raise LimitError(Words("error.limit.exponent", exponent=_short(exponent),
                                           limit=self.limits.max_exponent), exponent_column or column)
                # a power kept as typed, ((x⁹⁹)⁹⁹)⁹⁹, is checked as what it settles to, x^970299: its
                # exponent and coefficients are what the answer will hold
                base = settled(base)
                self.coefficient_check(sympy.Integer(1), base, exponent, column)
                if base.is_Pow and base.exp.is_Number and abs(base.exp * exponent) > self.limits.max_exponent:
                    raise LimitError(Words("error.limit.exponent", exponent=_short(base.exp * exponent),
                                           limit=self.limits.max_exponent), exponent_column or column)

    def root(self, radicand: sympy.Expr, index: sympy.Expr, column: int) -> sympy.Expr:
        """The index-th root, checked as the power radicand^(1/index) is (root(2, 1e-300) is 2^(10^300))."""
        if index == 0:
            raise self.error(Words("error.root.zero"), column, type=InputDomainError)
        if index.is_Number:
            self.power_check(radicand, 1 / index, column)
        value = self.number_check(real_constant(sympy.root(radicand, index)), column)
        if value.is_number:
            self.real_check(value, column)
        return kept(value, typed_power(radicand, 1 / index))

    def real_check(self, value: sympy.Expr, column: int) -> None:
        """A number without variables must be real: cbrt(-8) and asin(2) are complex in SymPy."""
        if value.is_real is False or (value.is_real is None and not sympy.N(value, 15).is_real):
            raise self.error(Words("error.complex", value=_short(value)), column, type=InputDomainError)

    def nud(self) -> sympy.Expr:
        tok = self.peek()
        if tok.kind == "num":
            self.advance()
            return self.number(tok)
        if tok.kind == "name":
            if tok.value == "d":
                self.refuse_operator(tok)
            self.advance()
            return self.name(tok)
        if tok.kind == "op" and tok.value == "∂":
            self.refuse_operator(tok)
        if tok.kind == "frac":
            self.refuse_operator(tok)
            self.advance()
            numerator = self.group(tok)
            denominator = self.group(tok)
            if zero_constant(denominator):
                raise self.error(Words("error.division"), tok.column, type=InputDomainError)
            return self.number_check(numerator / denominator, tok.column)
        if tok.kind == "sqrt":
            self.advance()
            index = None
            nxt = self.peek()
            if nxt.kind == "op" and nxt.value == "[":
                self.advance()
                index = self.expression(0, nest=True)
                self.expect_close(nxt)
            radicand = self.group(tok)
            if index is None:
                return self.root(radicand, sympy.Integer(2), tok.column)
            return self.root(radicand, index, tok.column)
        if tok.kind == "op":
            if tok.value in ("(", "{", "["):
                self.advance()
                saved, self.abs_depth = self.abs_depth, 0
                inner = self.expression(0, nest=True)
                self.expect_close(tok)
                self.abs_depth = saved
                return inner
            if tok.value in ("-", "+"):
                self.advance()
                operand = self.expression(BP_UNARY, nest=True)
                return -operand if tok.value == "-" else operand
            if tok.value == "|":
                self.advance()
                self.abs_depth += 1
                inner = self.expression(0, nest=True)
                closing = self.peek()
                if not (closing.kind == "op" and closing.value == "|"):
                    raise self.error(Words("error.bar.open", column=tok.column), tok.column)
                self.advance()
                self.abs_depth -= 1
                return kept(sympy.Abs(inner), sympy.Abs(inner, evaluate=False))
            if tok.value in ("√", "∛", "∜"):
                self.advance()
                operand = self.expression(BP_ROOT, nest=True)
                return self.root(operand, sympy.Integer("√∛∜".index(tok.value) + 2), tok.column)
        raise self.operand_error(tok)

    def operand_error(self, tok: Token) -> ParseError:
        prev = self.previous()
        if tok.kind == "eof":
            if prev is None:
                return self.error(Words("error.empty"), 1)
            return self.error(Words("error.operand.after", op=prev.text), tok.column)
        if prev is not None and prev.kind in ("op", "sup", "frac", "sqrt") and prev.value not in (")", "}", "]"):
            return self.error(Words("error.operand.after.found", op=prev.text, found=tok.text), tok.column)
        return self.error(Words("error.operand.found", found=tok.text), tok.column)

    def group(self, command: Token) -> sympy.Expr:
        """A LaTeX argument: {expr}, or a single token (\\frac12, \\sqrt x)."""
        tok = self.peek()
        if tok.kind == "op" and tok.value == "{":
            self.advance()
            inner = self.expression(0, nest=True)
            self.expect_close(tok)
            return inner
        if tok.kind == "num" and tok.value.isdigit():
            # \frac12 is TeX for 1/2: a group without braces is a single digit.
            self.advance()
            if len(tok.value) > 1:
                rest = Token("num", tok.value[1:], tok.text[1:], tok.column + 1)
                self.pos -= 1
                self.tokens[self.pos] = rest
                tok = Token("num", tok.value[0], tok.text[0], tok.column)
            return self.number(tok)
        if tok.kind == "name" and tok.value not in FUNCTIONS:
            self.advance()
            return self.name(tok)
        if tok.kind == "eof":
            raise self.error(Words("error.latex.brace", command=command.text), tok.column)
        raise self.error(Words("error.latex.brace.found", command=command.text, found=tok.text), tok.column)

    def number(self, tok: Token) -> sympy.Expr:
        return self.number_check(self._number(tok), tok.column)

    def _number(self, tok: Token) -> sympy.Expr:
        # Decimals are exact rationals: 0.5*x**2 differentiates to x, not 1.0*x.
        literal = tok.value
        mantissa, _, exponent = literal.lower().partition("e")
        value = sympy.Rational(mantissa if mantissa != "." else "0")
        if exponent:
            power = int(exponent)
            if abs(power) > self.limits.max_number_digits:
                raise LimitError(Words("error.limit.literal.exponent", literal=literal,
                                       limit=self.limits.max_number_digits), tok.column)
            value = value * sympy.Integer(10) ** power
        return value

    def name(self, tok: Token) -> sympy.Expr:
        name = tok.value
        if name in FUNCTIONS and name not in self.variables:
            after = self.peek()
            if name == "sqrt" and after.kind == "op" and after.value == "[" and not after.space_before:
                raise self.error(Words("error.root.index"), after.column)
            return self.call(tok)
        nxt = self.peek()
        called = nxt.kind == "op" and nxt.value == "(" and not nxt.space_before
        if name in ("pi", "E") or (name == "e" and "e" not in self.variables):
            return sympy.pi if name == "pi" else sympy.E
        if called and name in CALLED_AS and name not in self.variables:
            return self.call(dataclasses.replace(tok, value=CALLED_AS[name]))
        if name not in self.variables:
            base = re.fullmatch(_LOG_BASE, name)
            if base:
                return self.call(tok, base=base[2])
            self.refuse_hidden_function(tok, called)
        if called:
            product = Words("error.function.product", name=name)
            meant = _did_you_mean(name)
            words = (Words("error.function.unknown", name=name, meant=meant, product=product) if meant
                     else Words("error.function.unknown.product", name=name, product=product))
            raise self.error(words, tok.column, type=UnknownFunction)
        if nxt.kind == "op" and nxt.value == "[" and not nxt.space_before:
            raise self.error(Words("error.index", name=name), nxt.column)
        return symbol(name)

    def refuse_hidden_function(self, tok: Token, called: bool) -> None:
        """A name that is (or hides) a function must not silently become a variable."""
        name = tok.value
        if name in UNSUPPORTED_FUNCTIONS and (called or name not in UNSUPPORTED_ALSO_NAMES):
            words = ((self.spelled_otherwise(name) or Words("error.function.unsupported", name=name)) if called
                     else Words("error.function.unsupported.hint", name=name,
                           option=spelled(f"--vars {name}", f'variables=["{name}"]')))
            raise self.error(words, tok.column, type=_Unsupported)
        glued_base = re.fullmatch(_LOG_BASE_GLUED, name)
        if glued_base:
            log, base, rest = glued_base.groups()
            raise self.error(Words("error.function.log.glued", name=name, base=base, spelled=f"{log}_{base}({rest})",
                                   spaced=f"{log}_{base} {rest}"), tok.column)
        word = re.fullmatch(_LOG_WORD, name)
        if word and called:
            raise self.error(Words("error.function.log.word", name=name, base=word[2],
                                   spelled=f"log({self.argument_text()}, {word[2]})"), tok.column, type=UnknownFunction)
        glued = _glued(name)
        if glued is None:
            return
        if glued.argument is not None:
            words = (Words("error.function.glued", name=name, spelled=glued.spelled()) if glued.before
                     else Words("error.function.glued.alone", name=name, spelled=glued.spelled(),
                                spaced=f"{glued.function} {glued.argument}"))
            raise self.error(words, tok.column)
        if called:
            raise self.error(Words("error.function.glued.call", name=name, before=glued.before, function=glued.function,
                                   spelled=glued.spelled(self.argument_text())), tok.column)
        raise self.error(Words("error.function.glued.times", name=name, before=glued.before, function=glued.function,
                               spelled=glued.spelled()), tok.column)

    def spelled_otherwise(self, name: str) -> Words | None:
        """The refusal of max(0, u), min(0, u) or sum(…) with what to type instead (relu, or symdiff
        matrix for a sum over a vector), or None for any other call."""
        if name.lower() == "sum":
            names = re.findall(r"\b([A-Za-z]\w*)\b(?!\s*\()", self.argument_text())
            v = names[0] if names else "v"
            return Words("error.function.sum", name=name, command=f'symdiff matrix "{self.text.strip()}" {v} '
                                                                  f"--shape {v}=n,1")
        if name.lower() not in ("max", "min"):
            return None
        args = [a.strip() for a in _top_level_split(self.argument_text())]
        if len(args) != 2 or "0" not in args or args == ["0", "0"]:
            return None
        u = args[1] if args[0] == "0" else args[0]
        wrapped = u if re.fullmatch(r"\w+|\w*\([^()]*\)", u) else f"({u})"
        if name.lower() == "max":
            return Words("error.function.max", name=name, call=f"{name}({', '.join(args)})", spelled=f"relu({u})")
        return Words("error.function.min", name=name, call=f"{name}({', '.join(args)})", spelled=f"-relu(-{wrapped})")

    def argument_text(self) -> str:
        """The text between the '(' at the current token and its ')', for a hint; '…' if unclosed."""
        opener = self.peek()
        if not (opener.kind == "op" and opener.value == "("):
            return "…"
        depth = 0
        for t in self.tokens[self.pos:]:
            if t.kind == "op" and t.value in CLOSERS:
                depth += 1
            elif t.kind == "op" and t.value in (")", "}", "]"):
                depth -= 1
                if depth == 0:
                    text = self.text[opener.column : t.column - 1].strip()
                    return text if text and len(text) <= 40 else "…"
        return "…"

    def call(self, tok: Token, base: str | None = None) -> sympy.Expr:
        """A function and its arguments; `base` is the base of log_2 x (written in the name)."""
        name = tok.value
        builder, arities = FUNCTIONS[name] if base is None else (_log, (1,))
        power = None
        nxt = self.peek()
        # sin^2(x) and sin²x mean (sin x)^2; sin^-1 is refused: inverse or reciprocal is a guess.
        if nxt.kind == "sup":
            self.advance()
            power = self.superscript_value(nxt)
        elif nxt.kind == "op" and nxt.value in ("^", "**"):
            self.advance()
            power_tok = self.peek()
            if power_tok.kind == "op" and power_tok.value == "{":
                self.advance()
                power = self.expression(0, nest=True)
                self.expect_close(power_tok)
            elif power_tok.kind == "num" or (power_tok.kind == "op" and power_tok.value == "-"):
                power = self.expression(BP_SUPERSCRIPT, nest=True)
            else:
                raise self.error(Words("error.function.power.number", found=f"{name}{nxt.text}"), power_tok.column)
        if power is not None and power.is_Integer and power < 0:
            raise self.error(
                Words("error.function.power.inverse", name=name, power=power), nxt.column)
        if power is not None and not (power.is_Integer and power > 0):
            raise self.error(Words("error.function.power", name=name, power=_short(power)), nxt.column)
        if self.peek().kind == "base":
            base = self.advance().value
        if base is not None:
            arities = (1,)  # \ln_2 x: a base written as a subscript makes any log a log to that base
            builder = _log
            base = parse(base, self.variables, self.limits)
        nxt = self.peek()
        if nxt.kind == "op" and nxt.value in ("(", "{"):
            self.advance()
            args = self.arguments(nxt)
        elif self.starts_operand(nxt) and not (nxt.kind == "op" and nxt.value == "|" and self.abs_depth):
            args = [self.bare_argument()]
        else:
            words = (Words("error.function.argument.end", name=name) if nxt.kind == "eof"
                     else Words("error.function.argument", name=name, found=nxt.text))
            raise self.error(words, nxt.column)
        if len(args) not in arities:
            if len(arities) == 2:
                words = Words("error.function.arguments.either", name=name, one=arities[0], other=arities[1],
                              got=len(args))
            else:
                words = Words("error.function.arguments" + (".one" if arities == (1,) else ""), name=name,
                              want=arities[0], got=len(args))
            raise self.error(words, tok.column)
        if base is not None:
            args.append(base)
        if builder is _log and len(args) == 2 and args[1].is_Number and (args[1] <= 0 or args[1] == 1):
            raise self.error(Words("error.log.base.value", base=_short(args[1])),
                             tok.column, type=InputDomainError)
        if name == "root" and args[1] == 0:
            raise self.error(Words("error.root.call.zero"), tok.column, type=InputDomainError)
        if name == "root" and args[1].is_Number:
            self.power_check(args[0], 1 / args[1], tok.column)
        if name in _GROWING and args[0].is_number:
            # exp(exp(exp(27))) is a number too large for any computer to print or compare.
            size = abs(complex(sympy.N(args[0], 15)))
            if size > 2.31 * self.limits.max_number_digits:
                shown = f"{size:.3g}" if math.isfinite(size) else _short(args[0])
                raise LimitError(Words("error.limit.function", name=name, shown=shown,
                                       limit=self.limits.max_number_digits), tok.column)
        try:
            value = builder(args)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise self.error(Words("error.function.value", name=name, reason=reason_words(exc)), tok.column,
                             type=InputDomainError) from None
        value = self.number_check(real_constant(value), tok.column)
        if value.is_number:
            self.real_check(value, tok.column)
        # The checks above judge SymPy's value (log(0) is undefined however it is written); the
        # student's function is what was typed.
        typed = (lambda a: _typed_log(*a)) if builder is _log else TYPED.get(name)
        value = kept(value, typed(args) if typed is not None else None)
        if power is not None:
            value = self.power(value, power, tok)
        return value

    def arguments(self, opener: Token) -> list[sympy.Expr]:
        saved, self.abs_depth = self.abs_depth, 0
        args = [self.expression(0, nest=True)]
        while self.peek().kind == "op" and self.peek().value == ",":
            self.advance()
            args.append(self.expression(0, nest=True))
        self.expect_close(opener)
        self.abs_depth = saved
        return args

    def bare_argument(self) -> sympy.Expr:
        """`sin 2x` is sin(2x) and `sin x cos x` is sin(x)·cos(x): the argument takes the implicit
        product up to the next function name, '+', '-', or explicit '*'."""
        start = self.peek()
        arg = self.expression(BP_BARE_ARGUMENT, nest=True)
        while True:
            tok = self.peek()
            if tok.kind == "name" and tok.value not in FUNCTIONS:
                arg = arg * self.expression(BP_BARE_ARGUMENT, nest=True)
            elif tok.kind == "num":
                raise self.error(Words("error.number.after", found=tok.text),
                                 tok.column)
            elif tok.kind == "op" and tok.value == "(" and start.kind != "op":
                # sin 2(x+1): sin(2(x+1)) or sin(2)·(x+1)? Refuse rather than guess.
                raise self.error(Words("error.ambiguous.argument"), tok.column)
            else:
                return arg


_UNDEFINED = (sympy.zoo, sympy.nan)
_GROWING = {"exp", "sinh", "cosh"}
_INFINITE = (sympy.oo, -sympy.oo)


def _power_digits(base: sympy.Expr, exponent: sympy.Expr) -> float:
    """About how many digits base^exponent has (inf when past the float range), without computing it.

    Works in logarithms throughout: 1e310 is an exact int that `float` and `math.isfinite` refuse,
    while `math.log10` takes ints of any size."""
    if base.is_Rational:
        magnitude = max(abs(base.p), abs(base.q))
        if magnitude in (0, 1):
            return 0.0
        log_magnitude = math.log10(magnitude)
    else:
        try:
            # mpmath's log of the absolute value stays finite where the value itself overflows.
            log_magnitude = abs(float(sympy.N(sympy.log(abs(sympy.N(base, 15)), 10), 15)))
        except (TypeError, ValueError, OverflowError):
            return math.inf
        if not math.isfinite(log_magnitude):
            return math.inf
    size = abs(exponent)
    if size.is_Rational:
        return math.inf if math.log10(max(abs(size.p), 1)) - math.log10(size.q) > 300 \
            else float(size) * log_magnitude
    return float(size) * log_magnitude


def _about_digits(digits: float) -> str:
    return Words("error.digits.about", digits=f"{digits:.3g}") if math.isfinite(digits) else Words("error.digits.huge")


def _short(value) -> str:
    """A number for a message: never the 4300-plus digits Python refuses to print."""
    if isinstance(value, sympy.Rational) and max(abs(value.p), abs(value.q)).bit_length() > 200:
        return f"(a number of about {decimal_digits(max(abs(value.p), abs(value.q)))} digits)"
    from ..render.notation import unicode  # here: the printers import this module's names

    # as the human views write it (|3|, √5): an error message is read by the person who typed the input
    text = unicode(value)
    return text if len(text) <= 60 else text[:57] + "..."


def parse(text: str, variables: Iterable[str] = (), limits: Limits = DEFAULT_LIMITS) -> sympy.Expr:
    """Read `text` as a scalar expression; raise `ParseError` (with a type and column) if it isn't one.

    `variables` names symbols that would otherwise be read as constants (`e`) or functions.
    """
    return _run(text, variables, limits, _Parser.parse)


class _AsTyped(_Parser):
    """Builds what was typed without SymPy's evaluation (3·y·x² + 0·x stays so), for echoing an answer.
    Only for text `parse` has accepted: its limits are checked there, so the checks that read
    evaluated values are skipped here."""

    def number_check(self, value, column):
        return value

    def coefficient_check(self, *args) -> None:
        pass

    def power_check(self, *args) -> None:
        pass

    def real_check(self, *args) -> None:
        pass

    def digits_check(self, *args) -> None:
        pass


def as_typed(text: str, variables: Iterable[str] = ()) -> sympy.Expr:
    """`text`, which `parse` has read, as it was typed: its terms and factors in their order, nothing
    evaluated or collected (a product of products is one product, as the typed text reads)."""
    tokens = tokenize(text)
    with room_for_depth(DEFAULT_LIMITS), sympy.evaluate(False):
        return _flat(_AsTyped(text, tokens, DEFAULT_LIMITS, frozenset(variables)).parse())


def _flat(expr: sympy.Basic) -> sympy.Basic:
    if expr.is_Atom or not expr.args:
        return expr
    args = []
    for arg in map(_flat, expr.args):
        args.extend(arg.args if type(arg) is type(expr) and expr.func in (sympy.Add, sympy.Mul) else [arg])
    # a - 3·x·y is read as a + (-1)·(3·x·y): the typed minus belongs to the number that follows it,
    # or a printer that keeps the factors writes a - 1·3·x·y
    if expr.is_Mul and len(args) > 2 and args[0] == -1 and args[1].is_Number:
        args = [-args[1], *args[2:]]
    base = args[0]
    # 1/x² is x⁻², not (x²)⁻¹; but 1/(1/x) stays a division by 1/x, which is not defined at x = 0
    if expr.is_Pow and args[1] == -1 and base.is_Pow and base.exp.is_Integer and base.exp.is_positive:
        return sympy.Pow(base.base, -base.exp)
    return expr.func(*args)


# Echoing the function as typed costs a second parse and two rebuilds: past this length a view
# prints the form read instead (a loss of thousands of terms is read, not proofread).
TYPED_LONGEST = 2000


def typed_form(text: str | None, expr: sympy.Basic) -> sympy.Basic | None:
    """`expr`, which `parse` or `parse_input` read from `text`, with its terms and factors in the order
    typed (`as_typed`), for a view's line that states the function; None where that is not certain:
    text too long, not an expression alone (`d/dx x^2`), or read otherwise than as `expr`."""
    if not isinstance(text, str) or len(text) > TYPED_LONGEST or not isinstance(expr, sympy.Basic):
        return None  # before the memo, which would hash a huge expression
    return _typed_form(text, expr)


@functools.lru_cache(maxsize=256)  # every view of a result asks again, once per notation
def _typed_form(text: str, expr: sympy.Basic) -> sympy.Basic | None:
    names = sorted(s.name for s in expr.free_symbols if isinstance(s, sympy.Symbol))
    for part in _candidates(text):
        try:
            with room_for_depth(DEFAULT_LIMITS):
                tree = as_typed(part, names)
                if _evaluated(tree) == _evaluated(expr):
                    return tree
        except (SymdiffError, ValueError, TypeError, AttributeError, RecursionError):
            continue
    return None


def _candidates(text: str) -> list[str]:
    """Where in `text` the function may stand: each of several functions (`x*y; x + y`, a Jacobian's),
    and a definition's right side (f(x) = …, y = …)."""
    out = []
    for _, function in split_top_level(text, ";"):
        sides = split_top_level(function, "=")
        out.append(sides[-1][1])
    return out


def _evaluated(expr: sympy.Basic) -> sympy.Basic:
    """`expr` rebuilt with SymPy's evaluation, so that two trees typed or read alike compare equal."""
    if expr.is_Atom or not expr.args:
        return expr
    return expr.func(*map(_evaluated, expr.args))


evaluated_form = _evaluated


def parse_input(text: str, variables: Iterable[str] = (), limits: Limits = DEFAULT_LIMITS) -> Definition:
    """Read `text` as people paste what they want differentiated: an expression, a definition
    (`f(x) = 2x^4 + 3x`, `y = x^3 - \\cos x`: the right side, named by the left), or an expression
    after a derivative operator (`d/dx x^2`, `\\frac{d}{dx}(x^2)`, `∂/∂x …`).

    `parse` reads only the expression itself and refuses all of these."""
    return _run(text, variables, limits, _Parser.parse_input)


def _run(text: str, variables: Iterable[str], limits: Limits, method: Callable):
    if not isinstance(text, str):
        raise TypeError("parse() takes a string")
    # the characters only: a str subclass's own methods (a raising __eq__, a lying __len__) stay out
    text = str.__str__(text)
    longest = length_limit(limits)
    if len(text) > longest:
        raise LimitError(Words("error.limit.length", length=len(text), limit=longest), longest + 1)
    refuse_deep_parentheses(text, limits)
    tokens = tokenize(text, limits)
    # Each level of nesting costs the parser several Python frames: make room for max_depth levels.
    with room_for_depth(limits):
        return method(_Parser(text, tokens, limits, frozenset(variables)))


def parse_variable(text: str) -> sympy.Symbol:
    """Read a variable name (as given on the command line). An error's column points into `text`:
    at what follows the name (`x y`, `x^2`), or at the name that is not one (`2x`, `sin`)."""
    lead = len(text) - len(text.lstrip())
    try:
        tokens = tokenize(text.strip())
    except ParseError as exc:
        raise type(exc)(exc.message, None if exc.column is None else exc.column + lead) from None
    if len(tokens) != 2 or tokens[0].kind != "name" or tokens[0].value in FUNCTIONS:
        bad = tokens[1] if tokens[0].kind == "name" and tokens[0].value not in FUNCTIONS else tokens[0]
        # `--at w=1 x=2`: the shell split the point at its space, and x=2 arrived as a variable
        words = (Words("error.variable.point", text=text.strip(), option=spelled("--at", "at="),
                       example=spelled("--at x=1,y=2", 'at="x=1,y=2"'))
                 if re.fullmatch(r"\s*[A-Za-z]\w*\s*=.+", text) else Words("error.variable.not_name", text=text.strip()))
        raise ParseError(words, lead + bad.column)
    if tokens[0].value in ("pi", "E"):
        raise ParseError(Words("error.variable.constant", name=tokens[0].value), 1)
    return symbol(tokens[0].value)


def split_top_level(text: str, separator: str) -> list[tuple[int, str]]:
    """(offset, part) for the parts of `text` between `separator`s outside brackets:
    'x=log(8, 2),y=1' splits at the second comma only."""
    depth, start, parts = 0, 0, []
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == separator and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


# A space or semicolon before the next name=: the separator of a point's pairs mistyped.
_JOINED_PAIR = r"\s*;\s*(?=[A-Za-z_]\w*\s*=)|\s+(?=[A-Za-z_]\w*\s*=)"


def _pair_key(found: str) -> str:
    """The words for a pair that is not name=value, by what it is instead (Korean says what is
    missing: the name of '3', the value of 'x'; English says the same for all)."""
    from ..core.korean import token_noun

    kind = token_noun(found) if found else "부분"
    return {"수": "error.point.pair.number", "이름": "error.point.pair.name"}.get(kind, "error.point.pair")


def parse_point(text: str, variables: Iterable[str] = ()) -> dict[sympy.Symbol, sympy.Expr]:
    """Read `x=1,y=2` (values may be expressions without variables: `x=pi/2`)."""
    point: dict[sympy.Symbol, sympy.Expr] = {}
    for offset, part in split_top_level(text, ","):
        name, eq, value = part.partition("=")
        joined = re.search(_JOINED_PAIR, value)
        if eq and joined:  # x=1 y=2, x=1;y=2: pairs joined by something other than a comma
            fixed = re.sub(_JOINED_PAIR, ",", text)
            raise ParseError(Words("error.point.separator", fixed=fixed),
                             offset + len(name) + 1 + joined.start() + 1)
        if not eq or not name.strip() or not value.strip():
            raise ParseError(Words(_pair_key(part.strip()), found=part.strip()), offset + 1)
        sym = parse_variable(name)
        if sym in point:
            raise ParseError(Words("error.point.twice", name=str(sym)), offset + 1)
        try:
            number = parse(value, variables)
        except ParseError as exc:
            col = offset + len(name) + 1 + (exc.column or 1)
            raise type(exc)(Words("error.point.value", name=str(sym), error=exc.message), col) from None
        # as typed too: 0x10 is 0·x10, y - y is 0, and a point given so is a mistyped number, not 0
        if number.free_symbols or as_typed(value, variables).free_symbols:
            found = str(number) if number.free_symbols else value.strip()
            raise ParseError(Words("error.point.number", name=str(sym), found=found), offset + len(name) + 2)
        point[sym] = number
    return point


LOG10_2 = 0.30103  # decimal digits per bit of a Float's precision


def over_limit(node: sympy.Basic, limits: Limits) -> Words | None:
    """Why one node is over `limits` (a number of too many digits, a power of a variable past the
    exponent limit, a root of a number of too high an order), or None: what the parser asks of each
    node it builds, and the API of each node of a SymPy object it is given."""
    if node.is_Rational:
        digits = decimal_digits(max(abs(node.p), abs(node.q)))
        if digits > limits.max_number_digits:
            return Words("error.limit.digits", digits=digits, limit=limits.max_number_digits)
    elif node.is_Float and (digits := int(node._prec * LOG10_2)) > limits.max_number_digits:
        # Float("1.5", 100000): every value computed from it carries its 100 000 digits
        return Words("error.limit.precision", digits=digits, limit=limits.max_number_digits)
    elif node.is_Pow and node.exp.is_Number and abs(node.exp) > limits.max_exponent and not node.base.is_number:
        return Words("error.limit.exponent", exponent=_short(node.exp), limit=limits.max_exponent)
    elif node.is_Pow and node.base.is_number and node.exp.is_Rational and \
            (root := decimal_digits(node.exp.q)) > limits.max_root_digits:
        return Words("error.limit.root", base=_short(node.base), digits=root, limit=limits.max_root_digits)
    return None

