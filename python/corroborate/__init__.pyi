from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

PERMUTATIONS: int
BANDS: int
ROWS: int

Record = Union[Mapping[str, Any], str, bytes]

def extract(html: str, url: Optional[str] = None, id: str = "page") -> Dict[str, Any]: ...
def extract_many(
    pages: Sequence[str],
    urls: Optional[Sequence[Optional[str]]] = None,
    ids: Optional[Sequence[str]] = None,
) -> List[Dict[str, Any]]: ...
def analyze(records: Iterable[Record], **options: float) -> Dict[str, Any]: ...

class DedupResult(List[Dict[str, Any]]):
    skipped: List[Dict[str, Any]]
    stats: Dict[str, int]

def dedup(
    records: Iterable[Record],
    threshold: float = 0.7,
    kinds: Union[Sequence[str], str] = ("exact", "near"),
) -> DedupResult: ...

class Dedup:
    def __init__(
        self,
        threshold: float = 0.7,
        kinds: Union[Sequence[str], str] = ("exact", "near"),
        keep_text: bool = True,
    ) -> None: ...
    def add(self, id: str, text: str, title: Optional[str] = None) -> Optional[Dict[str, Any]]: ...
    @property
    def skipped(self) -> List[Dict[str, Any]]: ...
    @property
    def stats(self) -> Dict[str, int]: ...

def signatures(
    texts: Sequence[str], permutations: int = 128, shingle_words: int = 5, clean: bool = True
) -> npt.NDArray[np.uint32]: ...
def band_keys(
    signatures: npt.ArrayLike, bands: int = 28, rows: int = 4
) -> npt.NDArray[np.uint32]: ...
