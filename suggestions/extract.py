"""Extractive summaries: the owner's own sentences, chosen by the embedding model, never written
by it. A text's most representative sentence is the one whose vector is closest to the centroid of
all its sentences' vectors (the sentence that says most of what the others say)."""

import re

import numpy as np

from embeddings.encoder import encode

# A sentence ends at ., ! or ? followed by a space, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")
# Longer "sentences" (a pasted log, a list without full stops) are cut where a word ends.
MAX_SENTENCE = 300


def sentences(text: str) -> list[str]:
    """The sentences of `text`, each exactly as written (a substring of `text`)."""
    out = []
    for part in _BOUNDARY.split(text):
        part = part.strip()
        if not part or not any(ch.isalnum() for ch in part):
            continue
        if len(part) > MAX_SENTENCE:
            cut = part.rfind(" ", 0, MAX_SENTENCE)
            part = part[: cut if cut > 0 else MAX_SENTENCE]
        out.append(part)
    return out


def representative(groups: list[list[str]], per_group: int = 1) -> list[list[str]]:
    """For each group of sentences, its `per_group` most representative ones, in the order they
    were written. One model call for every group. A group no longer than `per_group` is kept as
    it is; a group the model knows no word of keeps its first sentences."""
    flat = [s for group in groups for s in group]
    if not flat:
        return [[] for _ in groups]
    vectors = encode(flat)
    out = []
    start = 0
    for group in groups:
        block = vectors[start : start + len(group)]
        start += len(group)
        if len(group) <= per_group:
            out.append(list(group))
            continue
        centroid = block.sum(axis=0)
        # Stable: on equal scores the earlier sentence wins.
        best = np.argsort(-(block @ centroid), kind="stable")[:per_group]
        out.append([group[i] for i in sorted(best)])
    return out


def summaries(texts: list[str], per_text: int = 2) -> list[list[str]]:
    """Each text's `per_text` most representative sentences (see `representative`)."""
    return representative([sentences(t) for t in texts], per_text)
