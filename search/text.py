"""The one normalisation both the index and the query go through, so SQLite and PostgreSQL see
the same words: `fold()` (case in every script, "STRASSE" = "straße"), accents and other
combining marks dropped ("Zoë" = "zoe"), and the text cut into runs of letters and digits
("pair-programming" is two words, "alice@example.com" three), joined by single spaces."""

import re
import unicodedata

from devhub.lib.fields import fold

_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    return " ".join(words(text))


def words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFD", fold(text or ""))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(unicodedata.normalize("NFC", bare))
