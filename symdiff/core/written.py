"""A formula an explanation states (δ₂ = z − t, ∂L/∂W = δxᵀ, Σᵢ zᵢ·tᵢ/zᵢ = 𝟏ᵀt), given once in Unicode and
typeset by each renderer in its own notation: as given in text, LaTeX in a document, MathML in a page.

The catalogue names the formula as a slot (`{cancel}`); the words around it stay in the catalogue, so a
document typesets the formula whole, as one piece of mathematics, and never guesses where mathematics
begins in a sentence. The Unicode is a textbook's: names with subscript digits or letters (W₂, zᵢ), ᵀ and
other superscripts, ∂a/∂b, ·, ×, ⊙, ⊘ (element-wise division), −, ⟨a, b⟩, ‖a‖, Σ, 𝟏 (the vector of ones), and the function names below.
"""

from __future__ import annotations

import html
import re

# written upright, as operators: diag(z), tr(A), softmax(y)
FUNCTIONS = {"diag", "softmax", "sum", "tr", "det", "sign", "exp", "log", "ln", "sigmoid", "tanh", "relu",
             "max", "identity", "inv", "sin", "cos", "tan", "sec", "step",
             # the rule book's statements (d/dx arcsin x = …, sinh′ = cosh)
             "csc", "cot", "sinh", "cosh", "sech", "csch", "coth", "arcsin", "arccos", "arctan", "arsinh", "arcosh",
             "artanh", "sinc", "softplus", "arccot", "arcsec", "arccsc", "arcoth", "arsech", "arcsch"}
# LaTeX's own: \ln, \det
_LATEX_FUNCTIONS = {"det", "exp", "log", "ln", "tanh", "max", "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh",
                    "coth", "arcsin", "arccos", "arctan"}
_GREEK = {"δ": r"\delta", "σ": r"\sigma", "η": r"\eta", "α": r"\alpha", "λ": r"\lambda", "θ": r"\theta"}
_SUBSCRIPT = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙₐ", "0123456789ijklmna"))
_SUPERSCRIPT = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺ⁱʲⁿᵏᵖʳˢᵗʷᵀ∘⁽⁾ˣᵍᵛ⁄", "0123456789-+ijnkprstwT∘()xgv/"))
# sign: (LaTeX, MathML operator)
_SIGNS = {"=": ("=", "="), "+": ("+", "+"), "−": ("-", "−"), "-": ("-", "−"), "·": (r"\cdot", "·"),
          "×": (r"\times", "×"), "⊙": (r"\odot", "⊙"), "⊘": (r"\oslash", "⊘"), "/": ("/", "/"), "(": (r"\left(", "("), ")": (r"\right)", ")"),
          "[": ("[", "["), "]": ("]", "]"), "⟨": (r"\langle", "⟨"), "⟩": (r"\rangle", "⟩"), ",": (",", ","),
          "‖": (r"\|", "‖"), "→": (r"\to", "→"), "←": (r"\leftarrow", "←"), "′": ("'", "′"), "∇": (r"\nabla", "∇"),
          "Σ": (r"\sum", "∑"), "≠": (r"\neq", "≠"), "∘": (r"\circ", "∘"), "⇒": (r"\Rightarrow", "⇒"),
          "|": ("|", "|"), "″": ("''", "″"), "≈": (r"\approx", "≈"), "≤": (r"\leq", "≤"), "≥": (r"\geq", "≥"), "…": (r"\dots", "…"), "±": (r"\pm", "±")}
_NAME = re.compile(r"[A-Za-zδσηαλθ]+")


def power_of_ten(text: str) -> tuple[str, int | None]:
    """A decimal as printed split into its mantissa and power of ten: 6.12998e-06 is (6.12998, -6);
    one printed without a power is (text, None). Every human view sets the power as a textbook does
    (6.12998 × 10⁻⁶), never a programming language's e-06."""
    mantissa, e, exponent = text.partition("e")
    return (text, None) if not e else (mantissa, int(exponent))


def unicode_number(text: str) -> str:
    """A decimal as printed (8.97882e+14) as a line of text writes it: 8.97882×10¹⁴."""
    mantissa, power = power_of_ten(text)
    # a minus sign, not the hyphen-minus a float prints: −0.5, −1.5×10⁻³
    mantissa = mantissa.replace("-", "−")
    return mantissa if power is None else f"{mantissa}×10{str(power).translate(_RAISED)}"


_RAISED = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


class Number(str):
    """A decimal as printed (0.0185, 2.41207e+06), set in a formula as a textbook sets a number
    (2.41207 × 10⁶): a renderer's printer typesets it; as words it is the text it is."""


class Formula:
    """A formula as written (Unicode), with `{name}` where an expression goes (`nodes`), which the
    renderer's printer prints; `unicode()`, `latex()` and `mathml()` typeset it."""

    def __init__(self, text: str, **nodes):
        self.text, self.nodes = text, nodes

    def __str__(self) -> str:
        return self.unicode()

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Formula) and (other.text, other.nodes) == (self.text, self.nodes)

    def __hash__(self) -> int:
        return hash(self.text)

    def unicode(self, printer=str) -> str:
        return self.text.format(**{k: printer(v) for k, v in self.nodes.items()})

    def latex(self, printer=None) -> str:
        fill = {k: ("{" + printer(v) + "}", "") for k, v in self.nodes.items()}
        return _latex(_pieces(self.text, fill))

    def mathml(self, printer=None) -> str:
        fill = {k: ("", printer(v)) for k, v in self.nodes.items()}
        return "<mrow>" + "".join(m for _, m in _pieces(self.text, fill)) + "</mrow>"


def _latex(pieces: list[tuple[str, str]]) -> str:
    out = ""
    for tex, _ in pieces:
        if re.search(r"\\[A-Za-z]+$", out) and tex[:1].isalnum():
            out += " "  # \delta x, not \deltax
        out += tex
    return re.sub(r" {2,}", " ", out).strip()


def _is_differential(name: str) -> bool:
    """dW, dy, dθ: d and one Latin or Greek symbol."""
    return len(name) == 2 and name[0] == "d" and (name[1].isascii() and name[1].isalpha() or name[1] in _GREEK)


def _name(name: str) -> tuple[str, str]:
    """One name as LaTeX and MathML: a function upright, dX a differential, δx a Greek letter and a name."""
    if name in FUNCTIONS:
        tex = f"\\{name}" if name in _LATEX_FUNCTIONS else rf"\operatorname{{{name}}}"
        return tex, f'<mi mathvariant="normal">{name}</mi>'
    if _is_differential(name):
        rest_tex, rest_ml = _name(name[1])
        return rf"\mathrm{{d}}{rest_tex}", f'<mi mathvariant="normal">d</mi>{rest_ml}'
    tex, ml = "", ""
    for ch in name:
        if ch in _GREEK:
            tex += _GREEK[ch] + " "
        else:
            tex += ch
        ml += f"<mi>{html.escape(ch)}</mi>"
    return tex.strip(), ml if len(name) > 1 else f"<mi>{html.escape(name)}</mi>"


def _script(kind: str, base: tuple[str, str], script: str) -> tuple[str, str]:
    """base with a subscript or superscript (ᵀ is ⊤, ∘⁻¹ the element-wise inverse)."""
    tex_base, ml_base = base
    if kind == "sub":
        ml_script = "".join(f"<mn>{c}</mn>" if c.isdigit() else f"<mi>{c}</mi>" for c in script)
        return f"{tex_base}_{{{script}}}", f"<msub><mrow>{ml_base}</mrow><mrow>{ml_script}</mrow></msub>"
    tex_script = script.replace("T", r"\top").replace("∘", r"\circ ")
    ml_script = "".join({"T": "<mo>⊤</mo>", "∘": "<mo>∘</mo>", "-": "<mo>−</mo>", "+": "<mo>+</mo>", "(": "<mo>(</mo>",
                         ")": "<mo>)</mo>", "/": "<mo>/</mo>"}.get(c) or
                        (f"<mn>{c}</mn>" if c.isdigit() else f"<mi>{c}</mi>") for c in script)
    return f"{tex_base}^{{{tex_script.strip()}}}", f"<msup><mrow>{ml_base}</mrow><mrow>{ml_script}</mrow></msup>"


def _operand(text: str, i: int, fill: dict) -> tuple[tuple[str, str] | None, int]:
    """The name, number or expression ({name}) at text[i], with its scripts, and where it ends."""
    if text.startswith("{", i):
        end = text.index("}", i)
        return _scripts(text, end + 1, fill[text[i + 1:end]])
    m = _NAME.match(text, i) or re.compile(r"\d+(?:\.\d+)?|𝟏").match(text, i)
    if not m:
        return None, i
    token = m.group()
    if token == "d" or (token.startswith("d") and token[1:] in FUNCTIONS):
        # d(XY), d{x}, d tr(A): the differential's d, upright
        return (r"\mathrm{d}", '<mi mathvariant="normal">d</mi>'), i + 1
    if token[0].isalpha() and token not in FUNCTIONS and not _is_differential(token):
        token = token[0]  # letters side by side are a product (Wx, zzᵀ): each its own symbol
    end = i + len(token)
    if token == "𝟏":
        piece = (r"\mathbf{1}", '<mn mathvariant="bold">1</mn>')
    elif token[0].isdigit():
        piece = (token, f"<mn>{token}</mn>")
    else:
        piece = _name(token)
    return _scripts(text, end, piece)


def _scripts(text: str, i: int, piece: tuple[str, str]) -> tuple[tuple[str, str], int]:
    """`piece` with the subscripts and superscripts that follow it at text[i]."""
    while i < len(text) and (text[i] in _SUBSCRIPT or text[i] in _SUPERSCRIPT):
        kind = "sub" if text[i] in _SUBSCRIPT else "sup"
        table = _SUBSCRIPT if kind == "sub" else _SUPERSCRIPT
        j = i
        while j < len(text) and text[j] in table:
            j += 1
        piece = _script(kind, piece, "".join(table[c] for c in text[i:j]))
        i = j
    return piece, i


def _pieces(text: str, fill: dict) -> list[tuple[str, str]]:
    """(LaTeX, MathML) for each piece of a Unicode formula."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            out.append((" ", ""))
            i += 1
            continue
        if ch == "∂":  # ∂a/∂b as a fraction
            top, j = _operand(text, i + 1, fill)
            if top is not None and text.startswith("/∂", j):
                bottom, k = _operand(text, j + 2, fill)
                if bottom is not None:
                    out.append((rf"\frac{{\partial {top[0]}}}{{\partial {bottom[0]}}}",
                                f"<mfrac><mrow><mo>∂</mo>{top[1]}</mrow><mrow><mo>∂</mo>{bottom[1]}</mrow></mfrac>"))
                    i = k
                    continue
            out.append((r"\partial ", "<mo>∂</mo>"))
            i += 1
            continue
        if text.startswith("d/d", i) and (i == 0 or not text[i - 1].isalnum()) and i + 3 < len(text) \
                and text[i + 3].isalpha() and (i + 4 == len(text) or not text[i + 4].isalnum()):
            # d/dx, the operator, as a fraction (a textbook's d over dx)
            var = text[i + 3]
            out.append((rf"\frac{{d}}{{d{var}}}", f"<mfrac><mi>d</mi><mrow><mi>d</mi><mi>{var}</mi></mrow></mfrac>"))
            i += 4
            continue
        over = _fraction(text, i, fill)
        if over is not None:
            tex_ml, i = over
            out.append(tex_ml)
            continue
        if ch == "√":  # √x, √(1 − x²): the root over its operand or bracket
            if text.startswith("(", i + 1):
                depth, j = 0, i + 1
                while j < len(text):
                    depth += {"(": 1, ")": -1}.get(text[j], 0)
                    if depth == 0:
                        break
                    j += 1
                inner = _pieces(text[i + 2:j], fill)
                end = j + 1
            else:
                piece, end = _operand(text, i + 1, fill)
                inner = [piece] if piece is not None else []
            if inner:
                out.append((r"\sqrt{" + "".join(t for t, _ in inner).strip() + "}",
                            "<msqrt>" + "".join(m for _, m in inner) + "</msqrt>"))
                i = end
                continue
        if ch == "½":
            out.append((r"\tfrac{1}{2}", "<mfrac><mn>1</mn><mn>2</mn></mfrac>"))
            i += 1
            continue
        piece, j = _operand(text, i, fill)
        if piece is not None:
            out.append(piece)
            i = j
            continue
        if ch in _SUPERSCRIPT or ch in _SUBSCRIPT:  # after a bracket: (…)ᵀ, (…)²
            kind = "sub" if ch in _SUBSCRIPT else "sup"
            table = _SUBSCRIPT if kind == "sub" else _SUPERSCRIPT
            j = i
            while j < len(text) and text[j] in table:
                j += 1
            # the script applies to what went before: a bracket or a whole group
            prev_tex, prev_ml = out.pop() if out else ("", "")
            tex, ml = _script(kind, (prev_tex, prev_ml), "".join(table[c] for c in text[i:j]))
            out.append((tex, ml))
            i = j
            continue
        if ch == "Σ":
            j = i + 1
            while j < len(text) and text[j] in _SUBSCRIPT:
                j += 1
            index = "".join(_SUBSCRIPT[c] for c in text[i + 1:j])
            if index:
                out.append((rf"\sum_{{{index}}}", f"<msub><mo>∑</mo><mi>{index}</mi></msub>"))
            else:
                out.append((r"\sum", "<mo>∑</mo>"))
            i = j
            continue
        if ch == "∞":  # a quantity, not an operator (x → −∞)
            out.append((r"\infty ", "<mi>∞</mi>"))
            i += 1
            continue
        tex, ml = _SIGNS.get(ch, (ch, html.escape(ch)))
        out.append((tex, f"<mo>{ml}</mo>"))
        i += 1
    return out


# where a run of mathematics written close together (1/x, (g′h − gh′)/h², sin(x)/x) ends: a space, a
# relation, a comma or a sign between terms or factors
_RUN_ENDS = set(" =,+−-·×⊙⊘<>≤≥≠≈→⇒")
_OPENERS = "({[⟨|‖"


def _closing(text: str, i: int) -> int:
    """Where the bracket, bar or placeholder opened at text[i] closes (its index), or -1."""
    opener = text[i]
    if opener in "|‖":
        return text.find(opener, i + 1)
    close, depth = {"(": ")", "{": "}", "[": "]", "⟨": "⟩"}[opener], 0
    for j in range(i, len(text)):
        depth += (text[j] == opener) - (text[j] == close)
        if depth == 0:
            return j
    return -1


def _run(text: str, i: int) -> int:
    """Where the run of mathematics written close together from text[i] ends: brackets are part of it."""
    j = i
    while j < len(text) and text[j] not in _RUN_ENDS and text[j] not in ")]⟩":
        if text[j] in _OPENERS:
            end = _closing(text, j)
            if end < 0:
                return j
            j = end
        j += 1
    return j


def _fraction(text: str, i: int, fill: dict) -> tuple[tuple[str, str], int] | None:
    """a/b from text[i] as a textbook sets it, a over b, with the brackets that only grouped a side
    dropped: (g′h − gh′)/h², 1/(x ln a), sin(x)/x; None when no fraction begins at text[i]. ∂a/∂b and
    d/dx are the derivative's own notation and stay with their handlers."""
    if i > 0 and text[i - 1] not in _RUN_ENDS and text[i - 1] not in "(":
        return None
    end = _run(text, i)
    j, slash = i, -1
    while j < end:
        if text[j] in _OPENERS:
            j = _closing(text, j)
        elif text[j] == "/":
            slash = j
            break
        j += 1
    if slash <= i or slash + 1 >= end or text[slash + 1] == "∂" or text[i] == "∂" \
            or text.startswith("d/d", slash - 1) and slash - 1 == i:
        return None
    top, bottom = _grouped(text[i:slash]), _grouped(text[slash + 1:end])
    top_pieces, bottom_pieces = _pieces(top, fill), _pieces(bottom, fill)
    ml = lambda ps: "<mrow>" + "".join(m for _, m in ps) + "</mrow>"
    return (rf"\frac{{{_latex(top_pieces)}}}{{{_latex(bottom_pieces)}}}",
            f"<mfrac>{ml(top_pieces)}{ml(bottom_pieces)}</mfrac>"), end


def _grouped(side: str) -> str:
    """One side of a fraction without the brackets that only grouped it: (1 + x²) is 1 + x²."""
    if side.startswith("(") and _closing(side, 0) == len(side) - 1:
        return side[1:-1]
    return side


def shape_mathml(shape: str) -> str:
    """A shape as written, (m×n), set as the matrix result's shape is: text inside the mathematics."""
    return f"<mtext>({html.escape(shape)})</mtext>"
