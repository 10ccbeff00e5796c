"""The one normalisation both the index and the query go through, so SQLite and PostgreSQL see
the same words: `fold()` (case in every script, "STRASSE" = "straße"), accents and other
combining marks dropped ("Zoë" = "zoe"), and the text cut into runs of letters and digits
("pair-programming" is two words, "alice@example.com" three), joined by single spaces.

Technologies whose names are mostly symbols get a spelled-out word first ("C++" is "cplusplus",
"C#" "csharp", ".NET" "dotnet"): cut into letters they would be "c" or "net" and match far too
much."""

import re
import unicodedata

from devhub.lib.fields import fold

_WORD = re.compile(r"[^\W_]+")
_SPELLED = {"c++": "cplusplus", "c#": "csharp", "f#": "fsharp", ".net": "dotnet"}
_SYMBOLIC = re.compile(r"(?<![\w.])(?:c\+\+|c#|f#|\.net)(?!\w)")


def normalise(text: str) -> str:
    return " ".join(words(text))


def words(text: str) -> list[str]:
    folded = _SYMBOLIC.sub(lambda m: f" {_SPELLED[m.group(0)]} ", fold(text or ""))
    decomposed = unicodedata.normalize("NFD", folded)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(unicodedata.normalize("NFC", bare))
