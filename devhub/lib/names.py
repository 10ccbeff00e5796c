"""People's names as they arrive from outside: typed into a form, read from a file, or fetched.

Unicode's bidirectional controls are invisible, yet they reorder the text that follows them. In a
name they make the contacts list, a notification or an e-mail subject show something other than
what is stored and searched (the "Trojan Source" trick), and no real name needs them: a name in
Arabic or Hebrew is displayed right to left by the characters' own direction. So every way a name
comes in goes through `normalise_name`.
"""

# LRE, RLE, PDF, LRO, RLO (U+202A-U+202E), LRI, RLI, FSI, PDI (U+2066-U+2069), the LRM and RLM
# marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_DROP_BIDI_CONTROLS = dict.fromkeys(map(ord, BIDI_CONTROLS))


def normalise_name(value: str) -> str:
    """`value` without bidirectional controls, with each run of whitespace as one space and none
    at either end: '  Ada\u202e \n Lovelace ' -> 'Ada Lovelace'."""
    return " ".join(value.translate(_DROP_BIDI_CONTROLS).split())
