"""One normaliser for people's names from outside: no bidirectional controls, tidy whitespace."""

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from devhub.lib.forms import PersonNameField
from devhub.lib.names import normalise_name

# Written out here rather than imported, so the test says which characters must go.
BIDI_CONTROLS = [
    *map(chr, range(0x202A, 0x202F)),  # LRE RLE PDF LRO RLO
    *map(chr, range(0x2066, 0x206A)),  # LRI RLI FSI PDI
    "\u200e",  # LRM
    "\u200f",  # RLM
    "\u061c",  # ALM
]
CONTROL = st.sampled_from(BIDI_CONTROLS)
# Any text, with the controls and odd whitespace made likely rather than left to chance.
NAME_TEXT = st.text(
    st.one_of(st.characters(), CONTROL, st.sampled_from(" \t\n\u00a0\u2028\u3000")), max_size=40
)


@pytest.mark.parametrize("control", BIDI_CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_bidirectional_control_is_dropped(control):
    assert normalise_name(f"{control}Ada{control} Love{control}lace{control}") == "Ada Lovelace"


def test_the_trojan_source_spoof_shows_what_is_stored():
    # With the override a page shows "Ada Lovelace (admin)"; without it, what is stored.
    assert normalise_name("Ada \u202e)nimda( ecalevoL\u202c") == "Ada )nimda( ecalevoL"


@pytest.mark.parametrize(
    "name",
    [
        "محمد عبد الله",  # Arabic: right to left by its letters, no control needed
        "שלום עליכם",  # Hebrew
        "Zoë O'Brien-Šťastný",
        # Persian "mikhaham": its zero-width non-joiner is part of the spelling, and is kept.
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "क्\u200dष",  # Devanagari with a zero-width joiner: kept
        "李小龍",
    ],
)
def test_real_names_in_any_script_are_kept(name):
    assert normalise_name(name) == name


@given(NAME_TEXT)
def test_no_control_and_no_stray_whitespace_survive(text):
    name = normalise_name(text)

    assert not set(name) & set(BIDI_CONTROLS)
    assert name == name.strip()
    assert "  " not in name
    assert all(c == " " or not c.isspace() for c in name)


@given(NAME_TEXT)
def test_every_other_character_is_kept_in_order(text):
    visible = [c for c in text if not c.isspace() and c not in BIDI_CONTROLS]

    assert [c for c in normalise_name(text) if c != " "] == visible


@given(NAME_TEXT, st.lists(st.tuples(st.integers(0, 40), CONTROL), max_size=6))
def test_controls_inserted_anywhere_change_nothing(text, insertions):
    spoofed = text
    for position, control in insertions:
        spoofed = spoofed[:position] + control + spoofed[position:]

    assert normalise_name(spoofed) == normalise_name(text)


@given(NAME_TEXT)
def test_normalising_twice_is_normalising_once(text):
    assert normalise_name(normalise_name(text)) == normalise_name(text)


def test_the_form_field_counts_a_name_of_only_controls_as_no_name():
    field = PersonNameField(max_length=10)

    with pytest.raises(forms.ValidationError, match="This field is required"):
        field.clean(" \u202e\u2066 \u200f ")
    # The limit applies to what is stored, after the controls are gone.
    assert field.clean("\u202e" * 20 + "Ada  Byron") == "Ada Byron"
    with pytest.raises(forms.ValidationError, match="at most 10 characters"):
        field.clean("Ada Lovelace")
