"""A teacher's review: what a reader must know is in the document, and a derivation's words do not
name command-line options (a saved document has no command line to refer to).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from symdiff.app.cli import app
from symdiff.core.messages import CATALOGUES

FLAG = re.compile(r"(?<![\w-])--[a-z]")

# Keys that speak to the person at the terminal about the run, not about the mathematics: errors,
# help, and advice on which option to change next. Everything else may end up in a saved document.
RUN_ADVICE_PREFIXES = ("error", "help", "descend.advice.", "descend.reason.")
RUN_ADVICE = {"grad.omitted", "training.cut"}


def _is_run_advice(key: str) -> bool:
    return key in RUN_ADVICE or key.startswith(RUN_ADVICE_PREFIXES)


DERIVATION_KEYS = sorted((lang, key) for lang, catalogue in CATALOGUES.items()
                         for key in catalogue if not _is_run_advice(key))


def test_the_catalogue_split_leaves_derivation_words_to_check():
    # Guards the test below against an exemption list that swallows the whole catalogue.
    assert len(DERIVATION_KEYS) > 200
    assert ("en", "grad.directional") in DERIVATION_KEYS


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DERIVATION_KEYS))
def test_no_derivation_message_names_an_option(lang_key):
    lang, key = lang_key
    assert not FLAG.search(CATALOGUES[lang][key]), (lang, key, CATALOGUES[lang][key])


def test_every_derivation_message_is_checked_once():
    offenders = [(lang, key) for lang, key in DERIVATION_KEYS if FLAG.search(CATALOGUES[lang][key])]
    assert offenders == []


runner = CliRunner()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "latex", "html"])
def test_the_directional_derivative_says_the_given_direction(lang, fmt):
    result = runner.invoke(app, ["grad", "x*y*z", "--at", "x=1,y=2,z=3", "--dir", "1,1,1",
                                 "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.output
    assert "--dir" not in result.stdout
    assert ("given direction" if lang == "en" else "주어진 방향") in result.stdout
