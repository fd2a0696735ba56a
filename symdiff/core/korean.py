"""Korean particles for mathematics: how an expression is read aloud, and the particle it takes.

A Korean particle (을/를, 은/는, 이/가, 과/와, (으)로, (이)라) depends on the sound it follows: the
final consonant (받침) of the last syllable read aloud. For mathematics that is how a teacher reads
the expression: x is 엑스 (를), y 와이 (를), 3 삼 (을), x³ 엑스 세제곱 (을), 1/2 이분의 일 (을),
sin x 사인 엑스 (를). `reading` gives that reading from the expression's tree (SymPy, the matrix
engine's nodes, or printed text as a last resort); `particle` picks the particle from it.

The message catalogue writes a particle as a format spec, `{var:을/를}`, and `symdiff.core.messages`
appends the right one for the value inserted there.
"""

from __future__ import annotations

import re
from fractions import Fraction

import sympy

from .formula import root_beside_power

# ------------------------------------------------------------------------------ sounds

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # the index of ㄹ among the final consonants


def _final(reading: str) -> int | None:
    """The final consonant (0: none, 8: ㄹ, ...) of the last Hangul syllable, None if there is none."""
    for ch in reversed(reading):
        if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
            return (ord(ch) - _HANGUL_FIRST) % 28
    return None


# Each pair: the form after a final consonant, the form after a vowel. (으)로 also takes 로 after ㄹ.
_PAIRS = [("을", "를"), ("은", "는"), ("이", "가"), ("과", "와"), ("으로", "로"), ("이라", "라"),
          ("이라는", "라는"), ("이라고", "라고"), ("이다", "다"), ("이고", "고"), ("이며", "며"),
          ("이면", "면"), ("이지만", "지만"), ("이나", "나"), ("으로는", "로는"), ("으로서", "로서"),
          ("아", "야"), ("이므로", "이므로"), ("이어야", "여야")]
PARTICLES: dict[str, tuple[str, str]] = {}
for _pair in _PAIRS:
    PARTICLES[f"{_pair[0]}/{_pair[1]}"] = PARTICLES[f"{_pair[1]}/{_pair[0]}"] = _pair
PARTICLES["(이)라"] = ("이라", "라")
PARTICLES["(으)로"] = ("으로", "로")


def is_particle_spec(spec: str) -> bool:
    return spec in PARTICLES


class Reading(str):
    """A reading aloud (Hangul): `particle` takes it as it is instead of reading it again."""


def particle(word, spec: str) -> str:
    """The particle of `spec` ("을/를", "은/는", "이/가", "과/와", "으로/로", "이라/라", ...) that
    follows `word`: a Korean word, an expression (SymPy or matrix), a number or printed math."""
    try:
        after_consonant, after_vowel = PARTICLES[spec]
    except KeyError:
        raise ValueError(f"unknown particle {spec!r}; write it as {', '.join(sorted(PARTICLES)[:6])}, ...") \
            from None
    final = _final(ending(word))
    if final is None:  # nothing readable (cannot happen for a value; an empty text): the vowel form
        return after_vowel
    if final == 0 or (final == _RIEUL and after_consonant.startswith("으로")):
        return after_vowel
    return after_consonant


# ------------------------------------------------------------------------------ nouns for quoted input

# A piece of the input quoted in a message is named for what it is: '3' 수, 'x' 이름, '+' 기호, and
# anything longer that mixes them ('3x', 'x y') 부분. ('3' 기호 calls a number a symbol.) A catalogue
# slot `{found:기호가}` writes that noun with its particle, not the value again: the spec is 기호 with
# the particle 기호 takes (가, 는, 와, 를, 로, 의), or 기호 alone.
NOUN_SPECS = {"기호": None, "기호가": "이/가", "기호는": "은/는", "기호와": "과/와", "기호를": "을/를",
              "기호로": "으로/로", "기호의": None}
_NAME_TOKEN = re.compile(r"[^\W\d_][\w]*")


def token_noun(text) -> str:
    """수, 이름, 기호 or 부분: what the quoted piece of input `text` is."""
    text = str(text).strip()
    if _NUMBER.match(text) and number_text(text) is not None:
        return "수"
    if _NAME_TOKEN.fullmatch(text):
        return "이름"
    if len(text) <= 3 and not any(ch.isalnum() for ch in text):  # **, ', ', a bracket
        return "기호"
    return "부분"


def noun(value, spec: str) -> str:
    """The noun of `value` (token_noun) with the particle of a noun spec such as 기호가: 수가, 이름이."""
    word = token_noun(value)
    pair = NOUN_SPECS[spec]
    if pair is None:
        return word + spec.removeprefix("기호")
    return word + particle(Reading(word), pair)


# ------------------------------------------------------------------------------ numbers

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("", "십", "백", "천")
_LARGE_UNITS = ("", "만", "억", "조", "경", "해", "자", "양", "구", "간", "정", "재", "극")


def _four(n: int) -> str:
    """1 … 9999 in Sino-Korean: 1 일, 10 십, 21 이십일, 1000 천."""
    out = []
    for power in (3, 2, 1, 0):
        d = n // 10 ** power % 10
        if d:
            out.append(("" if d == 1 and power else _DIGITS[d]) + _SMALL_UNITS[power])
    return "".join(out)


# Digits that have names (만, 억, … every four): a longer number is read digit by digit.
_NAMED_DIGITS = 4 * len(_LARGE_UNITS)


def integer(n: int) -> str:
    """An integer read aloud: 0 영, 3 삼, 10 십, 100 백, 12345 만 이천삼백사십오, -2 마이너스 이."""
    if n < 0:
        return "마이너스 " + integer(-n)
    if n == 0:
        return "영"
    if n >= 10 ** _NAMED_DIGITS:  # past 10^52: digit by digit
        # its last 52 digits: str() of an int of over 4300 digits raises, and a particle follows the end
        return digits(str(n % 10 ** _NAMED_DIGITS))
    groups = []
    unit = 0
    while n:
        n, group = divmod(n, 10000)
        if group:
            words = "" if group == 1 and unit == 1 else _four(group)  # 10000 is 만, not 일만
            groups.append(words + _LARGE_UNITS[unit])
        unit += 1
    return " ".join(reversed(groups))


def digits(text: str) -> str:
    """A run of digits read one by one (a name's w0123, a number past 10^52): 영일이삼."""
    return "".join(_DIGITS[int(d)] for d in text)


# A count before a noun, as a textbook writes it: native numerals up to four (두 항, 세 인수, 네 항), digits
# and 개의 from five on (5개의 항); a message writes the slot as {count:개의}.
COUNT_SPEC = "개의"
_NATIVE_COUNTS = {1: "한", 2: "두", 3: "세", 4: "네"}


def counted(n: int) -> str:
    """The words of a count before its noun: 두 (항), 5개의 (항)."""
    return _NATIVE_COUNTS.get(n) or f"{n}개의"


def _fraction(numerator: str, denominator: str) -> str:
    """a/b is read b분의 a: the numerator last."""
    return f"{denominator}분의 {numerator}"


def rational(value) -> str:
    """A rational number read aloud: 1/2 이분의 일, -3/4 마이너스 사분의 삼."""
    value = Fraction(value)
    if value < 0:
        return "마이너스 " + rational(-value)
    if value.denominator == 1:
        return integer(value.numerator)
    return _fraction(integer(value.numerator), integer(value.denominator))


_NUMBER = re.compile(r"^([-−+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$")


def number_text(text: str) -> str | None:
    """A number as written (2, -0.0375, 1.5e-05) read aloud, or None if `text` is not one:
    the digits after the point one by one (영 점 영삼칠오), an exponent as 곱하기 십의 … 제곱."""
    m = _NUMBER.match(text.strip())
    if not m or not (m.group(2) or m.group(3)):
        return None
    sign, whole, frac, exponent = m.groups()
    out = (integer(int(whole)) if len(whole) <= _NAMED_DIGITS else digits(whole)) if whole else "영"
    if frac:
        out += " 점 " + "".join(_DIGITS[int(d)] for d in frac)
    if exponent is not None:
        out += f" 곱하기 십의 {number_text(exponent)}제곱"
    return ("마이너스 " if sign in "-−" and sign else "") + out


# ------------------------------------------------------------------------------ names

_LETTERS = {
    "a": "에이", "b": "비", "c": "씨", "d": "디", "e": "이", "f": "에프", "g": "지", "h": "에이치", "i": "아이",
    "j": "제이", "k": "케이", "l": "엘", "m": "엠", "n": "엔", "o": "오", "p": "피", "q": "큐", "r": "알",
    "s": "에스", "t": "티", "u": "유", "v": "브이", "w": "더블유", "x": "엑스", "y": "와이", "z": "제트",
}

_GREEK = {
    "alpha": "알파", "beta": "베타", "gamma": "감마", "delta": "델타", "epsilon": "엡실론", "zeta": "제타",
    "eta": "에타", "theta": "세타", "iota": "요타", "kappa": "카파", "lambda": "람다", "mu": "뮤", "nu": "뉴",
    "xi": "크사이", "omicron": "오미크론", "pi": "파이", "rho": "로", "sigma": "시그마", "tau": "타우",
    "upsilon": "입실론", "phi": "파이", "chi": "카이", "psi": "프사이", "omega": "오메가",
}
_GREEK_LETTERS = dict(zip("αβγδεζηθικλμνξοπρστυφχψωϵϑϕ",
                          ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
                           "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau",
                           "upsilon", "phi", "chi", "psi", "omega", "epsilon", "theta", "phi"]))
_GREEK_LETTERS.update({ch.upper(): name for ch, name in list(_GREEK_LETTERS.items())[:24]})

_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# a subscript letter is read as its letter after the name, as a teacher reads bₗ aloud: 비 엘 (so a particle
# after bₗ follows 엘's ㄹ, 은 and 을, not 비's vowel)
_SUBSCRIPT_LETTERS = {sub: "_" + letter for sub, letter in zip("ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥⱼ", "aeoxhklmnpstiruvj")}
_SUBSCRIPTED = "₀-₉" + "".join(_SUBSCRIPT_LETTERS)


def name(text: str) -> str:
    """A variable's name read aloud: x 엑스, theta 세타, σ 시그마, w0 더블유 영, x_1 엑스 일, xy 엑스와이,
    bₗ 비 엘."""
    text = text.translate(_SUBSCRIPTS).translate(str.maketrans(_SUBSCRIPT_LETTERS))
    parts = []
    for piece in re.findall(r"[A-Za-z]+|\d+|[^\W\d_]", text):
        lower = piece.lower()
        if piece.isdigit():
            # int() of over 4300 digits raises; such a run is read one by one, as integer() would
            parts.append(integer(int(piece)) if len(piece) <= _NAMED_DIGITS else digits(piece))
        elif lower in _GREEK:
            parts.append(_GREEK[lower])
        elif piece in _GREEK_LETTERS:
            parts.append(_GREEK[_GREEK_LETTERS[piece]])
        elif piece.isascii():
            parts.append("".join(_LETTERS[ch] for ch in lower))
        else:
            parts.append(piece)  # a Korean word, or a letter we have no name for
    return " ".join(parts)


# How each function is read: the name before its argument (sin x 사인 엑스, ln x 엘엔 엑스).
_FUNCTIONS = {
    "sin": "사인", "cos": "코사인", "tan": "탄젠트", "cot": "코탄젠트", "sec": "시컨트", "csc": "코시컨트",
    "asin": "아크사인", "acos": "아크코사인", "atan": "아크탄젠트", "acot": "아크코탄젠트",
    "asec": "아크시컨트", "acsc": "아크코시컨트", "atan2": "아크탄젠트 투",
    "sinh": "하이퍼볼릭 사인", "cosh": "하이퍼볼릭 코사인", "tanh": "하이퍼볼릭 탄젠트",
    "coth": "하이퍼볼릭 코탄젠트", "sech": "하이퍼볼릭 시컨트", "csch": "하이퍼볼릭 코시컨트",
    "asinh": "역하이퍼볼릭 사인", "acosh": "역하이퍼볼릭 코사인", "atanh": "역하이퍼볼릭 탄젠트",
    "acoth": "역하이퍼볼릭 코탄젠트", "asech": "역하이퍼볼릭 시컨트", "acsch": "역하이퍼볼릭 코시컨트",
    "log": "엘엔", "ln": "엘엔", "sqrt": "루트", "Abs": "절댓값", "abs": "절댓값", "sign": "부호",
    "sigmoid": "시그모이드", "σ": "시그모이드", "softplus": "소프트플러스", "relu": "렐루",
    "Heaviside": "헤비사이드", "DiracDelta": "디랙 델타", "sinc": "싱크", "Max": "맥스", "Min": "민",
    "max": "맥스", "min": "민", "erf": "오차 함수", "gamma": "감마", "floor": "바닥", "ceiling": "천장",
    "exp": "익스포넨셜", "trace": "트레이스", "tr": "트레이스", "det": "디터미넌트", "logdet": "로그 디터미넌트",
    "sum": "합", "diag": "대각", "step": "스텝", "inv": "역행렬", "pinv": "유사역행렬",
    "expm": "행렬 지수", "sinm": "행렬 사인", "cosm": "행렬 코사인",
}


def function_name(text: str) -> str:
    return _FUNCTIONS.get(text) or name(text)


def _shown_args(expr) -> tuple:
    """The arguments a view prints: SymPy's Heaviside(x) carries its value at 0 as a second argument
    (Heaviside(x, 1/2)), which the views leave out (H(x)), so "H(x)라", not the "이분의 일이라" it would end with."""
    if isinstance(expr, sympy.Heaviside):
        return expr.args[:1]
    return expr.args


# ------------------------------------------------------------------------------ command-line options

# The words of symdiff's option names as Korean users say them (--from 프롬, --at 앳, --format 포맷):
# read letter by letter, --at would be 에이티 (는) where a reader says 앳 (은). An abbreviation
# (--lr, --dx, --cse, --dir) is read letter by letter: 엘알.
OPTION_WORDS = {
    "activation": "액티베이션", "at": "앳", "check": "체크", "completion": "컴플리션", "count": "카운트",
    "file": "파일", "format": "포맷", "from": "프롬", "help": "헬프", "host": "호스트", "inputs": "인풋스",
    "install": "인스톨", "jobs": "잡스", "lang": "랭", "layers": "레이어스", "layout": "레이아웃", "loss": "로스",
    "memory": "메모리", "no": "노", "open": "오픈", "output": "아웃풋", "outputs": "아웃풋스", "plot": "플롯",
    "port": "포트", "rules": "룰스", "seed": "시드", "shape": "셰이프", "show": "쇼", "standalone": "스탠드얼론",
    "steps": "스텝스", "timeout": "타임아웃", "tol": "톨", "var": "바", "vars": "바스", "version": "버전",
}
_OPTION = re.compile(r"--[A-Za-z][A-Za-z0-9-]*")


def option(text: str) -> str:
    """An option's name read aloud: its dashes silent, each word as Koreans say it (OPTION_WORDS),
    any other word letter by letter (name): --no-steps 노 스텝스, --lr 엘알."""
    words = [w for w in text.lstrip("-").split("-") if w]
    return " ".join(OPTION_WORDS.get(w.lower()) or name(w) for w in words)


def _option_text(printed: str) -> str | None:
    """`printed` read aloud if it starts with an option (--format, '--from', --format latex,
    --vars xy): the option, then the rest as text; None otherwise (a single dash is a minus)."""
    printed = printed.strip().strip("'\"")
    found = _OPTION.match(printed)
    if not found:
        return None
    rest = printed[found.end():]
    return " ".join(filter(None, [option(found.group()), text(rest) if rest.strip() else ""]))


# ------------------------------------------------------------------------------ SymPy expressions


def _power(base: str, exponent) -> str:
    """base^n: x² 엑스 제곱, x³ 엑스 세제곱, xⁿ 엑스의 n제곱."""
    if exponent == 2:
        return f"{base} 제곱"
    if exponent == 3:
        return f"{base} 세제곱"
    return f"{base}의 {exponent}제곱"


def _sympy(expr) -> str:
    if expr.is_Integer:
        return integer(int(expr))
    if expr.is_Rational:
        return rational(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Float:  # as a person writes it: 0.1, not 0.100000000000000
        return number_text(repr(float(expr))) or "수"
    if expr.is_Symbol:
        return name(expr.name) if expr.name != "…" else "생략"
    if getattr(expr, "implicit_reading", False):  # y for y(x), dy/dx: read as written
        return _sympy(expr.read_as)
    if expr is sympy.E:
        return "이"
    if expr is sympy.pi:
        return "파이"
    if expr is sympy.I:
        return "아이"
    if expr in (sympy.oo, -sympy.oo, sympy.zoo):
        return ("마이너스 " if expr == -sympy.oo else "") + "무한대"
    if expr is sympy.nan:
        return "정의되지 않은 값"
    if expr.is_Add:
        return _sum(expr)
    if expr.is_Mul:
        return _product(expr)
    if isinstance(expr, sympy.Pow):  # a power kept as typed too (scalar.parsing.TypedPow is not is_Pow)
        return _pow(expr)
    if isinstance(expr, sympy.exp):
        return f"이의 {_sympy(expr.args[0])} 제곱"
    if isinstance(expr, sympy.Function) or isinstance(expr, sympy.Abs):
        head = function_name(type(expr).__name__)
        return f"{head} " + ", ".join(_sympy(a) for a in _shown_args(expr))
    if isinstance(expr, sympy.Equality):
        return f"{_sympy(expr.lhs)}{particle(expr.lhs, '은/는')} {_sympy(expr.rhs)}"
    if isinstance(expr, (sympy.Tuple, sympy.MatrixBase)):
        items = list(expr) if not isinstance(expr, sympy.MatrixBase) else []
        return ", ".join(_sympy(a) for a in items) if items else "행렬"
    if expr.args:  # anything else: its name, then its arguments
        return f"{function_name(type(expr).__name__)} " + ", ".join(_sympy(a) for a in expr.args)
    return name(sympy.sstr(expr))


def _ending(expr) -> str:
    """The end of `_sympy(expr)`, reading only the part that is read last (a long sum is not read
    whole to choose one particle)."""
    while True:
        if expr.is_Add:
            expr = _terms(expr)[-1]
            if expr.could_extract_minus_sign():
                expr = -expr
        elif expr.is_Mul:
            _, numer, denom = _split(expr)
            if not numer:
                return "일"  # 1/x: 엑스분의 일
            expr = _ordered(numer)[-1]
        elif isinstance(expr, sympy.Pow) and (expr.exp in _ROOTS or (
                root_beside_power(expr) is not None and expr.exp.is_positive)):
            expr = expr.base  # 루트 …, 세제곱근 …, 엑스 루트 엑스: the base ends the reading
        elif _below_the_bar(expr):
            return "일"
        elif hasattr(expr, "read_as"):  # a stated formula (symdiff.core.formula): a = b ends as b does
            expr = expr.read_as
        elif _raised_function(expr):  # sin² x: 사인 제곱 엑스, ending as its argument does
            expr = expr.base.args[-1]
        elif isinstance(expr, sympy.Pow) or isinstance(expr, sympy.exp):
            return "제곱"
        elif isinstance(expr, sympy.Equality):  # a = b is read a는 b: it ends as its last side does
            expr = expr.rhs
        elif isinstance(expr, (sympy.Function, sympy.Abs)) and expr.args:
            expr = _shown_args(expr)[-1]
        else:
            return _sympy(expr)


def _terms(expr) -> list:
    # the printers' order (symdiff.render.notation prints a very long sum in stored order)
    return list(expr.args) if len(expr.args) > 200 else expr.as_ordered_terms()


def _sum(expr) -> str:
    out = []
    for i, term in enumerate(_terms(expr)):
        negative = term.could_extract_minus_sign()
        body = _sympy(-term if negative else term)
        if i == 0:
            out.append(("마이너스 " if negative else "") + body)
        else:
            out.append(("빼기 " if negative else "더하기 ") + body)
    return " ".join(out)


def _below_the_bar(expr) -> bool:
    """A power with a negative exponent (x**(-2), 10**(-y)): printed, and read, as 1 over a power."""
    return isinstance(expr, sympy.Pow) and bool(expr.exp.as_coeff_Mul()[0] < 0)


def _split(expr) -> tuple[str, list, list]:
    """A product as it is printed: its sign, the factors above the fraction bar, those below."""
    coeff, rest = expr.as_coeff_Mul()
    sign = ""
    if coeff.is_negative:
        sign, coeff = "마이너스 ", -coeff
    numer, denom = [], []
    if coeff.is_Rational and coeff != 1:
        if coeff.p != 1:  # x/2 is read 이분의 엑스
            numer.append(sympy.Integer(coeff.p))
        if coeff.q != 1:
            denom.append(sympy.Integer(coeff.q))
    elif coeff != 1:
        numer.append(coeff)
    for factor in sympy.Mul.make_args(rest):
        if _below_the_bar(factor):
            denom.append(factor.base if factor.exp == -1 else sympy.Pow(factor.base, -factor.exp))
        else:
            numer.append(factor)
    return sign, numer, denom


def _product(expr) -> str:
    sign, numer, denom = _split(expr)
    numer_text = " ".join(_sympy(f) for f in _ordered(numer)) or "일"
    if not denom:
        return sign + numer_text
    return sign + _fraction(numer_text, " ".join(_sympy(f) for f in _ordered(denom)))


def _ordered(factors: list) -> list:
    if len(factors) < 2:
        return factors
    return list(sympy.Mul(*factors, evaluate=False).as_ordered_factors())


# Functions whose whole power is written on the name, sin² x, and so read: 사인 제곱 엑스 (the argument
# is read last, and a particle after it follows the argument). The printers raise these names only.
_RAISED_NAMES = frozenset("sin cos tan cot sec csc sinh cosh tanh coth sech csch".split())


# The roots the views write with a radical sign (√x, ∛x, ∜x), read before their radicand as a
# textbook reads them: 루트 엑스, 세제곱근 엑스 (so ∛x는, as 엑스는)
_ROOTS = {sympy.S.Half: "루트", sympy.Rational(1, 3): "세제곱근", sympy.Rational(1, 4): "네제곱근"}


def _raised_function(expr) -> bool:
    """A positive whole power of a function written on its name (sin² x, sec³ 2x)."""
    return (isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp.is_positive
            and type(expr.base).__name__ in _RAISED_NAMES and bool(expr.base.args))


def _pow(expr) -> str:
    base, exponent = expr.base, expr.exp
    if _raised_function(expr):
        power = _power("", 2 if exponent == 2 else 3 if exponent == 3 else integer(int(exponent))).strip()
        return f"{function_name(type(base).__name__)} {power.removeprefix('의 ')} " + \
            ", ".join(_sympy(a) for a in base.args)
    if exponent in _ROOTS:
        return f"{_ROOTS[exponent]} {_sympy(base)}"
    split = root_beside_power(expr)
    if split is not None and exponent.is_positive:  # x·√x as the views write it: 엑스 루트 엑스
        whole = _sympy(split[0]) if split[1] == 1 else _pow(sympy.Pow(split[0], split[1]))
        return f"{whole} 루트 {_sympy(split[0])}"
    if _below_the_bar(expr):
        return _fraction("일", _sympy(sympy.Pow(base, -exponent, evaluate=False)) if exponent != -1
                         else _sympy(base))
    if base is sympy.E:
        return f"이의 {_sympy(exponent)} 제곱"
    shown = _sympy(base)
    if exponent.is_Integer:
        return _power(shown, 2 if exponent == 2 else 3 if exponent == 3 else integer(int(exponent)))
    return _power(shown, _sympy(exponent))


# ------------------------------------------------------------------------------ matrix expressions


def _matrix(node) -> str:
    kind = type(node).__name__
    if kind == "Sym":
        return name(node.name)
    if kind == "Differential":
        return f"디 {name(node.of.name)}"
    if kind == "Num":
        return rational(node.value)
    if kind == "Ident":
        return "단위행렬"
    if kind == "Zero":
        return "영행렬"
    if kind == "Ones":
        return "일 행렬"
    if kind == "Add":
        parts = []
        for i, term in enumerate(node.terms):
            negative = (kind_of(term) == "Mul" and term.coeff < 0) or (kind_of(term) == "Num" and term.value < 0)
            body = _matrix_negated(term) if negative else _matrix(term)
            parts.append(("마이너스 " if negative and i == 0 else "빼기 " if negative else
                          "" if i == 0 else "더하기 ") + body)
        return " ".join(parts)
    if kind == "Mul":
        coeff = Fraction(node.coeff)
        sign = "마이너스 " if coeff < 0 else ""
        coeff = abs(coeff)
        factors = " ".join(_matrix(f) for f in (*node.scalars, *node.chain))
        if coeff.numerator != 1:
            factors = f"{integer(coeff.numerator)} {factors}"
        if coeff.denominator != 1:
            return sign + _fraction(factors, integer(coeff.denominator))
        return sign + factors
    if kind == "Transpose":
        return f"{_matrix(node.arg)} 전치"
    if kind == "Power":
        exponent = Fraction(node.exponent)
        if exponent == Fraction(1, 2):
            return f"루트 {_matrix(node.base)}"
        if exponent == -1:
            return _fraction("일", _matrix(node.base))
        shown = integer(exponent.numerator) if exponent.denominator == 1 else rational(exponent)
        return _power(_matrix(node.base), 2 if exponent == 2 else 3 if exponent == 3 else shown)
    if kind == "Call":
        args = [_matrix(a) for a in node.args]
        if node.fn == "inv":
            return f"{args[0]} 인버스"
        if node.fn in ("norm2", "norm1"):
            return f"{args[0]}의 {'일 ' if node.fn == 'norm1' else ''}노름"
        if node.fn == "hadamard":
            return " 아다마르 곱 ".join(args)
        if node.fn == "hadamard_power":
            exponent = Fraction(node.exponent)
            return _power(args[0], 2 if exponent == 2 else 3 if exponent == 3 else rational(exponent))
        return f"{function_name(node.fn)} " + ", ".join(args)
    return name(str(node))


def kind_of(node) -> str:
    return type(node).__name__


def _matrix_negated(node) -> str:
    if kind_of(node) == "Num":
        return rational(-Fraction(node.value))
    text = _matrix(node)
    return text[len("마이너스 "):] if text.startswith("마이너스 ") else text


def _is_matrix_node(value) -> bool:
    return any(cls.__name__ == "Node" and cls.__module__.endswith("matrix.expr") for cls in type(value).__mro__)


# ------------------------------------------------------------------------------ printed text

# Printed derivative symbols are read left to right (∂f/∂x 라운드 에프 라운드 엑스, dy/dx 디와이 디엑스),
# not as fractions.
_DERIVATIVE = re.compile(r"^[d∂][²³⁴⁵⁶⁷⁸⁹]*\w*/(?:[d∂]\w+)+(?:[²³⁴⁵⁶⁷⁸⁹])?$")
_TOKEN = re.compile(r"""
    (?P<number>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*[""" + _SUBSCRIPTED + r"""]*|[α-ωΑ-Ωϵϑϕ][""" + _SUBSCRIPTED + r"""]*)
  | (?P<hangul>[가-힣]+)
  | (?P<superscript>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)
  | (?P<superletter>[ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ])
  | (?P<op>\*\*|\*|·|×|\^|/|\(|\)|\+|-|−)
  | (?P<symbol>∂|∇|√|ᵀ|⁻¹|′|'|…)
""", re.VERBOSE)
_SYMBOLS = {"∂": "라운드", "∇": "나블라", "√": "루트", "ᵀ": "전치", "⁻¹": "인버스", "′": "프라임", "'": "프라임",
            "…": "생략"}
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# a letter exponent (xⁿ, U∘ᵏ) is read as its letter's name: 엑스의 엔제곱, whose 곱 takes 은/이/을
_SUPERSCRIPT_LETTERS = str.maketrans("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz")


def text(printed: str) -> str:
    """Printed mathematics (or words) read aloud, for values that arrive already printed: a
    number, a name, a product of names, a derivative symbol, a Korean word. Token by token, with
    x**n read 엑스의 엔제곱 and a/b read b분의 a, but a derivative symbol (∂f/∂x, dy/dx) left to right."""
    printed = printed.strip()
    spoken = number_text(printed)
    if spoken is not None:
        return spoken
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(printed)]
    words, _ = _read(tokens, 0, fractions=not _DERIVATIVE.match(printed))
    return " ".join(w for w in words if w)


def _read(tokens: list, i: int, fractions: bool) -> tuple[list[str], int]:
    """The words of tokens[i:] up to the closing parenthesis that ends them, and where it ended."""
    words: list[str] = []
    while i < len(tokens):
        kind, token = tokens[i]
        if token == ")":
            return words, i + 1
        if token == "/" and fractions:
            below, i = _operand(tokens, i + 1, fractions)
            words.append(_fraction(words.pop() if words else "일", " ".join(below)))
        elif token in ("+", "-", "−"):
            words.append("더하기" if token == "+" else "빼기" if words else "마이너스")
            i += 1
        elif kind == "op" and token not in ("(", "**", "^"):
            i += 1
        elif kind in ("superscript", "superletter") or token in ("**", "^"):  # a power of nothing read: its word alone
            words.append("제곱")
            i = _operand(tokens, i + 1, fractions)[1] if kind == "op" else i + 1
        else:
            operand, i = _operand(tokens, i, fractions)
            words.extend(operand)
    return words, i


def _operand(tokens: list, i: int, fractions: bool) -> tuple[list[str], int]:
    """The atom, call or parenthesised group at tokens[i] with the powers that follow it, as words."""
    if i >= len(tokens):
        return [], i
    kind, token = tokens[i]
    if token == "(":
        words, i = _read(tokens, i + 1, fractions)
    elif kind == "name" and i + 1 < len(tokens) and tokens[i + 1][1] == "(":  # a function and its argument
        argument, i = _read(tokens, i + 2, fractions)
        words = [f"이의 {' '.join(argument)} 제곱"] if token == "exp" else [_word(kind, token), *argument]
    elif token in ("-", "−"):
        words, i = _operand(tokens, i + 1, fractions)
        words = ["마이너스", *words]
    else:
        words, i = [_word(kind, token)], i + 1
    raised = kind == "name" and token in _RAISED_NAMES and len(words) > 1  # sin(x)**2 is sin² x
    while i < len(tokens) and (tokens[i][0] in ("superscript", "superletter") or tokens[i][1] in ("**", "^")):
        whole = tokens[i][0] == "superscript" or (i + 1 < len(tokens) and tokens[i + 1][1].isdigit())
        if tokens[i][0] == "superscript":
            exponent, i = int(tokens[i][1].translate(_SUPERSCRIPT_DIGITS)), i + 1
        elif tokens[i][0] == "superletter":
            exponent, i = [name(tokens[i][1].translate(_SUPERSCRIPT_LETTERS))], i + 1
        else:
            exponent, i = _operand(tokens, i + 1, fractions)
        said = _exponent_words(exponent)
        if raised and whole:
            words, raised = [words[0], _power("", said).strip().removeprefix("의 "), *words[1:]], False
        else:
            words, raised = [_power(" ".join(words), said)], False
    return words, i


def _exponent_words(exponent) -> object:
    if isinstance(exponent, int):
        return exponent if exponent in (2, 3) else integer(exponent)
    said = " ".join(exponent)
    return {"이": 2, "삼": 3}.get(said, said)


def _word(kind: str, token: str) -> str:
    if kind == "number":
        return number_text(token) or token
    if kind == "name":
        return function_name(token) if token in _FUNCTIONS and len(token) > 1 else name(token)
    if kind == "hangul":
        return token
    return _SYMBOLS.get(token, "")


# ------------------------------------------------------------------------------ any value


def ending(value) -> str:
    """The end of `reading(value)`: what a particle after the value follows. A printed value that
    ends in a remark, 3(3·x의 도함수), takes its particle from what precedes the remark (3이)."""
    if isinstance(value, sympy.Basic) and not isinstance(value, Reading):
        return _ending(value)
    if isinstance(value, str) and not isinstance(value, Reading):
        before = before_remark(value)
        if before is not None:
            return reading(before)
    return reading(value)


# What may end the text before a bracket that opens an operand, not a remark: x·(x + 1), 2 − (y).
_OPERATOR_END = tuple("+-−·×*/^=,(<>≤≥≠")


def _trailing_group(printed: str) -> int | None:
    """Where the bracket opens that closes `printed`, None if it does not end in one."""
    if not printed.endswith(")"):
        return None
    depth = 0
    for i in range(len(printed) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(printed[i], 0)
        if depth == 0:
            return i
    return None


def without_remark(printed: str) -> str:
    """`printed` without the parenthetical that ends it (the catalogue's own remark, as in
    인수 3(3·x의 도함수)), for a particle chosen from the word the remark follows."""
    start = _trailing_group(printed)
    return printed if start is None or not printed[:start].strip() else printed[:start].rstrip()


def before_remark(printed: str) -> str | None:
    """The text before a remark that ends a printed value, None if it ends in none. A remark is in
    words (3(3·x의 도함수)) or set off by a space (x/|x| (x ≠ 0)); a bracket that is mathematics, sin(x),
    3·(x + 1), (x + 1), is read with the rest."""
    start = _trailing_group(printed)
    if start is None:
        return None
    before, inside = printed[:start], printed[start + 1:-1]
    if not before.strip() or before.rstrip().endswith(_OPERATOR_END):
        return None
    if any(_HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST for ch in inside) or before[-1:].isspace():
        return before.rstrip()
    return None


def reading(value) -> Reading:
    """How `value` is read aloud in Korean: a SymPy expression, a matrix expression, a number, a
    list (its items), a `Factor`, or printed text (`text`)."""
    if isinstance(value, Reading):
        return value
    if isinstance(value, bool):
        return Reading("참" if value else "거짓")
    if isinstance(value, int):
        return Reading(integer(value))
    if isinstance(value, float):
        return Reading(number_text(repr(value)) or "수")
    if isinstance(value, Fraction):
        return Reading(rational(value))
    if isinstance(value, (list, tuple)):
        return Reading(", ".join(reading(v) for v in value))
    if isinstance(value, sympy.Basic):
        return Reading(_sympy(value))
    if type(value).__name__ == "Factor" and hasattr(value, "expr"):
        return reading(value.expr)
    if _is_matrix_node(value):
        return Reading(_matrix(value))
    said = _option_text(str(value))
    return Reading(said if said is not None else text(str(value)))
