# ruff: noqa: RUF001 (look-alike letters from other scripts are what these tests are about)
"""fold(): the caseless key behind search and name uniqueness, the same on every engine."""

import unicodedata

import pytest

from devhub.lib.fields import FoldedField, fold


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Élodie", "élodie"),
        ("ÉLODIE", "élodie"),
        ("STRASSE", "straße"),  # full case folding: ß -> ss
        ("Straße", "STRASSE"),
        ("ẞ", "ss"),  # capital sharp s
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευς"),  # final sigma folds like sigma
        ("Δ", "δ"),
        ("ЁЛКА", "ёлка"),
        ("Ärzte", "ärzte"),
        ("İstanbul", "istanbul"),  # Turkish capital dotted I: see fold()'s docstring
        ("ISTANBUL", "istanbul"),
        ("Ｐｙｔｈｏｎ", "python"),  # full-width letters (NFKC)
        ("ﬁle", "file"),  # ligature (NFKC)
        (unicodedata.normalize("NFD", "Élodie"), "élodie"),  # decomposed, as macOS pastes it
    ],
)
def test_case_variants_fold_to_the_same_key(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ı", "i"),  # Turkish dotless i is a letter of its own
        ("élodie", "elodie"),  # accents matter: case-insensitive, not accent-insensitive
        ("Δ", "d"),
    ],
)
def test_different_letters_stay_different(one, other):
    assert fold(one) != fold(other)


def test_keys_are_stable_under_folding_again():
    for text in ["Élodie", "STRASSE", "İstanbul", "ΟΔΥΣΣΕΥΣ", "Ｐｙｔｈｏｎ", "㎒"]:
        assert fold(fold(text)) == fold(text)


def test_the_turkish_dotted_capital_i_loses_its_combining_dot():
    # str.casefold() gives "i" + U+0307; the dot is dropped so İ, I and i all fold to "i".
    assert "İ".casefold() == "i\u0307"
    assert fold("İ") == "i"
    assert fold("ı") == "ı"


def test_search_text_joins_the_filled_sources_with_newlines():
    assert FoldedField.fold_values(["Élodie", "", None, "ACME"]) == "élodie\nacme"


def test_deconstruct_round_trips_and_leaves_the_fixed_options_out():
    field = FoldedField(sources=["name", "notes"])
    _name, path, args, kwargs = field.deconstruct()

    assert path == "devhub.lib.fields.FoldedField"
    assert kwargs == {"sources": ("name", "notes")}
    rebuilt = FoldedField(*args, **kwargs)
    assert rebuilt.sources == ("name", "notes")
    assert (rebuilt.editable, rebuilt.blank, rebuilt.default) == (False, True, "")
