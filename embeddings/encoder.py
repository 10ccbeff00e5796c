"""The bundled text-embedding model: WordLlama's 256-dimension static embeddings, on this machine.

The weights and tokenizer ship inside the `wordllama` wheel; they are read straight from its
folder, so nothing is ever downloaded (WordLlama's own loader looks for the tokenizer under another
folder name and then tries the network, and importing the package configures the root logger).
A text's vector is the mean of its tokens' embeddings, scaled to length 1, so the dot product of
two vectors is their cosine similarity. The model is loaded once per process, on first use.
"""

import importlib.util
import json
import threading
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

DIMENSIONS = 256
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# Long notes are cut here: a mean over more tokens says little more, and costs time.
MAX_TOKENS = 512
BATCH = 256

_lock = threading.Lock()


def enabled() -> bool:
    """False when the install switched search by meaning and suggestions off (EMBEDDINGS)."""
    return settings.EMBEDDINGS


def _folder() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The wordllama package is not installed.")
    return Path(spec.submodule_search_locations[0])


def _table(path: Path, name: str = "embedding.weight") -> np.ndarray:
    """One tensor of a safetensors file, mapped rather than read: a process holds in memory
    only the rows of the tokens it has met (the file is an 8-byte header length, a JSON header
    with each tensor's dtype, shape and byte range, then the data)."""
    with path.open("rb") as file:
        length = int.from_bytes(file.read(8), "little")
        tensor = json.loads(file.read(length))[name]
    if tensor["dtype"] != "F16":
        raise RuntimeError(f"Unexpected {tensor['dtype']} weights in {path.name}.")
    start, _ = tensor["data_offsets"]
    shape = tuple(tensor["shape"])
    return np.memmap(path, dtype="<f2", mode="r", offset=8 + length + start, shape=shape)


@cache
def _model():
    from tokenizers import Tokenizer

    folder = _folder()
    # Kept as stored (float16, 16 MB); rows are widened to float32 as they are read.
    table = _table(folder / WEIGHTS)
    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return table, tokenizer


def model():
    """(token table, tokenizer), loaded on first use; one load even when threads race."""
    with _lock:
        return _model()


def encode(texts: list[str]) -> np.ndarray:
    """One unit-length float32 vector per text, shape (len(texts), DIMENSIONS).

    An empty text (or one with no known token) gives the zero vector, similar to nothing."""
    table, tokenizer = model()
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(texts), BATCH):
        encodings = tokenizer.encode_batch(texts[start : start + BATCH], add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        rows = np.flatnonzero(lengths) + start
        if rows.size == 0:
            continue
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64)
        np.clip(ids, 0, table.shape[0] - 1, out=ids)
        # Sum each text's token rows in one pass: segments start where the previous text ended.
        kept = lengths[lengths > 0]
        starts = np.concatenate(([0], np.cumsum(kept)[:-1]))
        sums = np.add.reduceat(table[ids].astype(np.float32), starts, axis=0)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        out[rows] = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
    return out
