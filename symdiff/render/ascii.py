"""Unicode math as ASCII math (∂f/∂x → df/dx, x² → x^2, √x → sqrt(x), θ → theta), for an output whose
encoding cannot hold Unicode (PYTHONIOENCODING=ascii, a Windows console in cp1252). The renderers
stay Unicode; the writer translates what they made. No SymPy here: `--help` uses it too."""

from __future__ import annotations

import codecs
import re
import unicodedata

# Every raised character the printers write (core/formula.py's superscript: eˣ, 2ˣʸ, xʸ⁻¹, x¹⁄²), so
# that eˣ is e^x and not the product ex; ᵀ is the transpose, a word below.
_SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁼⁽⁾⁄ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵁⱽᵂ",
                         "0123456789-+=()/abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRUVW"))
# A root with an index (∛x, ∜(x + 1), ⁵√x) is SymPy's root(x, 3): its index read before its radicand.
_INDEXED_ROOT = re.compile(f"(?P<index>[{''.join(_SUPERSCRIPTS)}]+)√|∛|∜")
_ROOT_INDEX = {"∛": "3", "∜": "4"}
_SUBSCRIPTS = dict(zip("₀₁₂₃₄₅₆₇₈₉₋₊₌₍₎ᵢⱼₖ", "0123456789-+=()ijk"))

_SYMBOLS = {
    "∂": "d", "·": "*", "−": "-", "×": "x", "÷": "/", "→": "->", "←": "<-", "⇒": "=>", "↦": "|->",
    "…": "...", "—": "--", "–": "-", "‖": "||", "′": "'", "″": "''", "⟨": "<", "⟩": ">", "⊙": ".*", "⊘": "./",
    "∘": "o", "≠": "!=", "≤": "<=", "≥": ">=", "≈": "~=", "±": "+/-", "∞": "oo", "½": "1/2",
    "“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "\ufeff": "",
}
# Replacements that are words: kept apart from a neighbouring letter or digit by a space
# (η∇f → eta grad f, not etagradf).
_WORDS = {"∇": "grad", "ᵀ": "^T"}

_TOKEN = re.compile(
    "(?P<ascii>[\x00-\x7f]+)"
    f"|(?P<sup>[{''.join(_SUPERSCRIPTS)}]+)"
    f"|(?P<sub>[{''.join(_SUBSCRIPTS)}]+)"
    r"|√(?P<root>[A-Za-z0-9_.]+)?"
    r"|(?P<other>.)",
    re.S,
)
_GREEK = re.compile(r"GREEK (SMALL|CAPITAL) LETTER ([A-Z]+)")
_WORD_AFTER = re.compile(r"[A-Za-z0-9_.]*")


def ascii_math(text: str) -> str:
    """`text` with its Unicode math spelled in ASCII. A character with no ASCII spelling (Hangul, a
    CJK character) is left as it is: the caller decides whether the output can hold it."""
    if text.isascii():
        return text
    text = _indexed_roots(text)
    pieces: list[str] = []
    after_word = False
    for m in _TOKEN.finditer(text):
        piece, word = _translate(m)
        if pieces and piece[:1].isalnum() and (word or after_word) and pieces[-1][-1:].isalnum():
            pieces.append(" ")
        pieces.append(piece)
        after_word = word
    return "".join(pieces)


def _indexed_roots(text: str) -> str:
    out, at = [], 0
    for m in _INDEXED_ROOT.finditer(text):
        if m.start() < at:  # inside a radicand already taken
            continue
        index = _ROOT_INDEX.get(m.group()) or "".join(_SUPERSCRIPTS[c] for c in m.group("index"))
        end = _radicand_end(text, m.end())
        radicand = text[m.end():end]
        if radicand.startswith("(") and radicand.endswith(")"):
            radicand = radicand[1:-1]
        out += [text[at:m.start()], f"root({_indexed_roots(radicand)}, {index})"]
        at = end
    return "".join(out) + text[at:]


def _radicand_end(text: str, start: int) -> int:
    """Where the radicand starting at `start` ends: its closing bracket, or the end of its word."""
    if text[start:start + 1] != "(":
        return _WORD_AFTER.match(text, start).end()
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return len(text)


def _translate(m: re.Match) -> tuple[str, bool]:
    """One token as (ASCII, whether it is a word)."""
    kind = m.lastgroup
    if kind == "ascii":
        return m.group(), False
    if kind == "sup":
        power = "".join(_SUPERSCRIPTS[c] for c in m.group())
        plain = re.fullmatch(r"-?\d+|[a-z]|\(.*\)", power)
        return ("^" + power if plain else f"^({power})"), False
    if kind == "sub":
        return "_" + "".join(_SUBSCRIPTS[c] for c in m.group()), False
    if kind == "root" or m.group() == "√":
        return (f"sqrt({m.group('root')})" if m.group("root") else "sqrt"), False
    return _character(m.group())


def _character(ch: str) -> tuple[str, bool]:
    if ch in _SYMBOLS:
        return _SYMBOLS[ch], False
    if ch in _WORDS:
        return _WORDS[ch], True
    greek = _GREEK.fullmatch(unicodedata.name(ch, ""))
    if greek:
        name = greek.group(2).lower()
        return (name if greek.group(1) == "SMALL" else name.capitalize()), True
    compatible = unicodedata.normalize("NFKC", ch)  # 𝟏 → 1, ｘ → x, ﬁ → fi
    if compatible.isascii():
        return compatible, False
    return ch, False


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def holds_unicode(encoding: str | None) -> bool:
    """Whether an output in `encoding` can show symdiff's Unicode math as it is."""
    return encoding is None or can_encode(MATH_SAMPLE, encoding)


# The characters the renderers use most: an encoding without them gets ASCII math throughout,
# rather than a mixture (cp1252 holds · and ² but not ∂ or ⁴).
MATH_SAMPLE = "∂·−²⁴√∇ᵀ…→"


def _error_handler(leftover: str):
    """A codec error handler (for `errors=`) that writes what the encoding cannot hold as ASCII math;
    what has no ASCII spelling goes to the codec handler `leftover` ("replace", "backslashreplace")."""
    def handle(exc: UnicodeError):
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        # The run the encoder could not write, with its neighbours for context: the character
        # before (η∇f → eta grad f) and the word after (√x → sqrt(x)), which is written here too.
        obj, start = exc.object, exc.start
        stop = _WORD_AFTER.match(obj, exc.end).end()
        before = obj[start - 1] if start and obj[start - 1].isascii() else ""
        text = ascii_math(before + obj[start:stop])[len(before):]
        return text.encode("ascii", leftover).decode("ascii"), stop

    return handle


REPLACE, ESCAPE = "symdiff.ascii-replace", "symdiff.ascii-escape"
codecs.register_error(REPLACE, _error_handler("replace"))
codecs.register_error(ESCAPE, _error_handler("backslashreplace"))
