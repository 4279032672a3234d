"""corroborate in Python: article extraction, multi-source analysis, corpus deduplication and
the MinHash building blocks (signatures, LSH band keys) of its Rust core.

Records are dicts with the CLI's JSONL fields (``id``, ``text`` or ``html``, ``title``, ``url``,
``source``, ``published``, ``language``); each is read exactly as the CLI reads one line of a
JSONL file (record *n* is line *n*, its default id ``records-<n>``). A record that gives no
article is skipped with the CLI's reason; it never raises and never loses the rest of the batch.

Every call releases the GIL while the Rust core works (:func:`dedup` and :func:`analyze` hold it
only to read the records' fields; :func:`dedup` deduplicates the records already read meanwhile),
and batch calls run in parallel inside (on rayon's pool: ``RAYON_NUM_THREADS`` sets its size).
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from . import _core

__all__ = [
    "extract",
    "extract_many",
    "analyze",
    "dedup",
    "Dedup",
    "DedupResult",
    "signatures",
    "band_keys",
    "PERMUTATIONS",
    "BANDS",
    "ROWS",
]

#: MinHash signature length the CLI uses.
PERMUTATIONS = 128
#: LSH bands and rows per band the CLI uses (28 x 4 of the 128 positions).
BANDS = 28
ROWS = 4

_DEFAULT_KINDS = ("exact", "near")


def _line(record: Any) -> str:
    """One record as a JSONL line (a record that is not JSON-serialisable becomes a line the
    reader rejects, so it is skipped with the CLI's "malformed JSON line" reason).

    The Rust core reads a dict of plain values (str keys; str, int, bool, None, lists, tuples
    and dicts of them) from its fields, as the JSONL reader reads the object of its line, and
    calls this only for the other records, whose line then decides."""
    if isinstance(record, (bytes, bytearray)):
        record = record.decode("utf-8", errors="replace")
    if isinstance(record, str):
        # Already a JSON line; a line break inside would make two records.
        return record.replace("\r", " ").replace("\n", " ")
    try:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        return "\x00not JSON: " + str(e)


def _records(records: Iterable[Any]) -> List[Any]:
    if isinstance(records, (str, bytes, Mapping)):
        raise TypeError("records must be an iterable of records (dicts or JSON lines), not one record")
    return records if type(records) is list else list(records)


def _skip(line: Optional[int], reason: str, kind: str) -> Dict[str, Any]:
    return {"path": "records", "line": line, "reason": reason, "kind": kind}


def extract(html: str, url: Optional[str] = None, id: str = "page") -> Dict[str, Any]:
    """The main text and metadata of an HTML page: the CLI's ``extract`` record (``id``,
    ``title``, ``published``, ``source``, ``url``, ``language``, ``author``, ``text``).

    A page with no main text gives ``{"skipped": reason, "kind": kind}`` instead.
    """
    if not isinstance(html, str):
        raise TypeError("html must be a str")
    return json.loads(_core.extract([(html, url, id)])[0])


def extract_many(
    pages: Sequence[str], urls: Optional[Sequence[Optional[str]]] = None, ids: Optional[Sequence[str]] = None
) -> List[Dict[str, Any]]:
    """:func:`extract` over many pages, in parallel; one dict per page, in order."""
    pages = list(pages)
    urls = list(urls) if urls is not None else [None] * len(pages)
    ids = list(ids) if ids is not None else [f"page-{i + 1}" for i in range(len(pages))]
    if not (len(pages) == len(urls) == len(ids)):
        raise ValueError("pages, urls and ids must have the same length")
    return [json.loads(r) for r in _core.extract(list(zip(pages, urls, ids)))]


def analyze(records: Iterable[Any], **options: float) -> Dict[str, Any]:
    """The report (schema 1) of the records, as ``corroborate analyze --no-model --json -`` gives
    it for the same JSONL: stories, copies and rewrites, facts, and the account of skipped records.

    Options are the CLI's story flags: ``story_threshold``, ``story_neighbors``, ``story_merge``,
    ``story_window``, ``story_decay``. Similarity is lexical (the package is built without the
    sentence-embedding model).
    """
    opts = []
    for k, v in sorted(options.items()):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise TypeError(f"option {k} must be a number, not {v!r}")
        opts.append((k, float(v)))
    return json.loads(_core.analyze(_records(records), _line, opts))


class DedupResult(list):
    """The duplicates (a list of dicts, the CLI's ``dedup`` lines: ``id``, ``duplicate_of``,
    ``kind``, ``score``) with ``skipped`` (the records that gave no article, with the CLI's
    reasons) and ``stats`` (the stage's counts)."""

    skipped: List[Dict[str, Any]]
    stats: Dict[str, int]


def dedup(
    records: Iterable[Any], threshold: float = 0.7, kinds: Sequence[str] = _DEFAULT_KINDS
) -> DedupResult:
    """The duplicates among the records, as ``corroborate dedup`` prints them for the same JSONL:
    each record, in order, is kept or reported as a duplicate of the earliest kept record it
    matches (``exact``: same normalised body; ``near_duplicate``: word 5-gram Jaccard at least
    ``threshold``, verified on the texts; ``rewrite``: only when asked for in ``kinds``).
    """
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",") if k.strip()]
    dups, skipped, stats = _core.dedup(_records(records), _line, float(threshold), list(kinds))
    out = DedupResult(
        {"id": i, "duplicate_of": d, "kind": k, "score": s} for (i, d, k, s) in dups
    )
    out.skipped = [_skip(*s) for s in skipped]
    out.stats = dict(stats)
    return out


class Dedup:
    """Streaming deduplication: :meth:`add` one record at a time, in order.

    With ``keep_text`` (default) the clean text of each kept record is held so that a candidate
    is verified on the exact Jaccard of both texts, as the CLI does; without it only the index
    is held (about 150 bytes a record) and the MinHash estimate decides.
    """

    def __init__(
        self, threshold: float = 0.7, kinds: Sequence[str] = _DEFAULT_KINDS, keep_text: bool = True
    ) -> None:
        if isinstance(kinds, str):
            kinds = [k for k in kinds.split(",") if k.strip()]
        self._inner = _core.Dedup(float(threshold), list(kinds), bool(keep_text))

    def add(self, id: str, text: str, title: Optional[str] = None) -> Optional[Dict[str, Any]]:
        """Adds a record: the duplicate it is (a dict as :func:`dedup` gives), or ``None`` when
        it is kept or skipped (see :attr:`skipped`)."""
        if not isinstance(id, str) or not isinstance(text, str):
            raise TypeError("id and text must be str")
        d = self._inner.add(id, text, title)
        if d is None:
            return None
        return {"id": d[0], "duplicate_of": d[1], "kind": d[2], "score": d[3]}

    @property
    def skipped(self) -> List[Dict[str, Any]]:
        """Records that gave no article, with the CLI's reasons (``line``: position in adds)."""
        return [{"path": "add", "line": l, "reason": r, "kind": k} for (l, r, k) in self._inner.skipped]

    @property
    def stats(self) -> Dict[str, int]:
        """The stage's counts (articles, kept, exact, near_duplicate, candidates, …)."""
        return dict(self._inner.stats)


def signatures(
    texts: Sequence[str], permutations: int = PERMUTATIONS, shingle_words: int = 5, clean: bool = True
):
    """MinHash signatures of the texts' word-shingle sets: a ``numpy.ndarray`` of shape
    ``(len(texts), permutations)``, dtype ``uint32`` (one-permutation hashing with optimal
    densification, the CLI's format). With ``clean`` (default) each text is first cleaned as
    the CLI cleans a JSONL ``text``. A text with no shingle (fewer than ``shingle_words``
    words) gets a row of ``0xFFFFFFFF``.
    """
    import numpy as np

    texts = [t if isinstance(t, str) else "" for t in texts]
    raw, _valid = _core.signatures(texts, int(permutations), int(shingle_words), bool(clean))
    return np.frombuffer(raw, dtype="<u4").reshape(len(texts), int(permutations)).astype(np.uint32, copy=False)


def band_keys(signatures, bands: int = BANDS, rows: int = ROWS):
    """The LSH band keys of signatures (as :func:`signatures` gives them): a ``numpy.ndarray``
    of shape ``(n, bands)``, dtype ``uint32``. Two texts whose keys are equal in some band are
    candidates; with the defaults these are the CLI's keys (each value folded to 16 bits, each
    band's 4 rows hashed with xxh3 seeded by the band number)."""
    import numpy as np

    sig = np.ascontiguousarray(signatures, dtype="<u4")
    if sig.ndim != 2:
        raise ValueError("signatures must be a 2-dimensional array (n x permutations)")
    n, k = sig.shape
    raw = _core.band_keys(sig.tobytes(), int(n), int(k), int(bands), int(rows))
    return np.frombuffer(raw, dtype="<u4").reshape(int(n), int(bands)).astype(np.uint32, copy=False)
