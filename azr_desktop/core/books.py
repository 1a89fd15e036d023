"""Read any .txt book a user drops in, whatever its encoding, as clean text.

Books arrive as UTF-8, as UTF-16 from Notepad, as cp1251 or koi8-r from old Russian sites, as cp1252 with smart
quotes, with CRLF line ends or HTML entities, and sometimes the file is not a book at all. ``inspect_book`` decides
once, from samples of the file, how to decode it, or says in one sentence why it cannot. ``iter_text`` then streams
normalised text, so a 1 GB book never sits in memory, and normalising any chunking of a book gives exactly the same
text as normalising it whole: a tokenizer may encode the chunks one by one.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import html
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import CharsetMatch, CharsetMatches, from_bytes

from azr_desktop.core.errors import BookError, Text

__all__ = ["BookInfo", "inspect_book", "iter_text", "normalize_text", "read_text"]

HEAD_BYTES = 1 << 20  # size of the samples that encoding detection and the binary check read
BLOCK_BYTES = 1 << 20  # hashing and the search for the first non-ASCII byte read this much at a time
READ_BLOCK = 1 << 16  # iter_text decodes this much at a time, whatever the chunk size
_SCORE_SIZE = 1 << 18  # enough text to tell Cyrillic code pages apart
_SCORE_MARGIN = 0.02  # a common Cyrillic code page charset-normalizer chose yields only to a clearly better one
_TIE = 0.01  # charset-normalizer's own tolerance: readings this close in chaos and coherence are equally good
_CONTEXT_BYTES = 1 << 16  # ASCII text before the first non-ASCII byte that the sample keeps, for language

# Signatures of files people mistake for books. Detected binary without a signature reads "binary data".
_MAGIC: tuple[tuple[bytes, Text], ...] = (
    (b"\x89PNG\r\n\x1a\n", Text("a PNG image")),
    (b"\xff\xd8\xff", Text("a JPEG image")),
    (b"GIF87a", Text("a GIF image")),
    (b"GIF89a", Text("a GIF image")),
    (b"%PDF-", Text("a PDF document")),
    (b"PK\x03\x04", Text("a ZIP archive, as .docx, .epub and .odt files are")),
    (b"\x1f\x8b", Text("a gzip archive")),
    (b"\x7fELF", Text("a program")),
    (b"MZ\x90\x00", Text("a program")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Text("an old Microsoft Office document")),
)
_BINARY = Text("binary data")
# UTF-32 LE before UTF-16 LE: its BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOMLESS_UNICODE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
# When several code pages read a sample equally well, name the one people actually use.
_PREFERRED = ("cp1252", "cp1250", "cp1251", "koi8_r", "cp866")
# Code pages of DOS and the classic Mac OS: rare in books today, but charset-normalizer sometimes ranks them first.
_DOS_OR_MAC = ("cp4", "cp7", "cp8", "mac_")
# Code pages Russian and Ukrainian books come in; charset-normalizer often confuses them with each other.
_CYRILLIC_CODECS = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")
_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯІЇЄҐЎ"
# The most frequent lowercase letters of Russian and Ukrainian prose.
_COMMON_CYRILLIC = "оеаинтсрвлкі"
_NOT_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_HIGH_BYTE = re.compile(b"[\x80-\xff]")
_BINARY_CHAR = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ODD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\u00a0\u2007\u202f\ufeff]")
_CLEANUP: dict[int, str | None] = {
    **{c: None for c in (*range(0x09), *range(0x0E, 0x20))},
    0x0B: "\n",  # vertical tab, form feed (page break) and a CR made by "&#13;" still separate lines
    0x0C: "\n",
    0x0D: "\n",
    0x00A0: " ",
    0x2007: " ",
    0x202F: " ",
    0xFEFF: None,  # byte order marks, also the stray ones left where files were concatenated
}


@dataclass(frozen=True)
class BookInfo:
    """A book file that can be read, and how to read it."""

    path: Path  # resolved absolute path
    name: str  # file name
    size_bytes: int  # raw file size
    encoding: str  # Python codec name, e.g. "utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r", "cp1252"
    sha256: str  # hex digest of the raw bytes: the book library's key

    def to_dict(self) -> dict[str, str | int]:
        return {
            "path": str(self.path),
            "name": self.name,
            "size_bytes": self.size_bytes,
            "encoding": self.encoding,
            "sha256": self.sha256,
        }


def inspect_book(path: str | Path) -> BookInfo:
    """Check that ``path`` is a readable text book, detect its encoding and hash it; raise ``BookError`` if not."""
    resolved, size, encoding = _probe(path)
    return BookInfo(resolved, resolved.name, size, encoding, _sha256(resolved))


def iter_text(
    book: BookInfo | str | Path, chunk_chars: int = 1 << 20, on_bytes: Callable[[int], None] | None = None
) -> Iterator[str]:
    """Yield the book's normalised text in chunks of at most about ``chunk_chars`` characters.

    Chunks end at a line break where the text has one (else before a space), and joined they equal ``read_text``.
    Bytes that do not decode become U+FFFD. A path is inspected first, so a bad file raises here, not later.
    ``on_bytes`` (for progress bars) is called before each chunk with the raw bytes read so far, lastly the size.
    """
    if chunk_chars < 1:
        raise ValueError(f"chunk_chars must be at least 1, got {chunk_chars}")
    if isinstance(book, BookInfo):
        return _stream(book.path, book.encoding, chunk_chars, on_bytes)
    path, _, encoding = _probe(book)
    return _stream(path, encoding, chunk_chars, on_bytes)


def training_text(
    book: BookInfo, val_frac: float, on_bytes: Callable[[int], None] | None = None
) -> Iterator[str]:
    """The part of a book a model trains on: its first ``1 - val_frac`` of characters (core/data.py holds out the last
    ``val_frac`` of its tokens, nearly the same text). A tokenizer fitted to the whole book learns the held-out text's
    words as tokens and encodes it in fewer, longer ones, so validation looks better than it is (docs/sizing.md: by
    9% on the bundled Russian book with 2048 tokens, 43% with 8000). Counting the characters costs one more read."""
    keep = int(sum(len(chunk) for chunk in iter_text(book)) * (1 - val_frac))
    for chunk in iter_text(book, on_bytes=on_bytes):
        if keep <= 0:
            return
        yield chunk[:keep]
        keep -= len(chunk)


def read_text(book: BookInfo | str | Path) -> str:
    """The whole normalised text of a book."""
    return "".join(iter_text(book))


def normalize_text(text: str) -> str:
    """Normalise text the way books are: LF line ends, HTML entities decoded, plain spaces, no control
    characters but tab and newline, no BOM, Unicode NFC. Use it on prompts so they match the training text."""
    return _clean(_unify_newlines(text))


# --- normalisation -------------------------------------------------------------------------------------------------


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def _clean(text: str) -> str:
    """Everything but newline unification. Only ``&name;``, ``&#123;`` and ``&#x1F;`` are entities here, so
    "AT&T" or "&c." in plain prose stay as they are."""
    text = _ENTITY.sub(_unescape, text)
    if _ODD_CHAR.search(text):
        text = text.translate(_CLEANUP)
    return unicodedata.normalize("NFC", text)


def _safe_cut(text: str) -> int:
    """Where ``text`` may be split so that normalising the parts equals normalising the whole: after the last
    newline, else before the last space or tab (no entity contains whitespace, and whitespace never combines with
    its neighbours under NFC), else, so that a book without line breaks still streams, before a character that
    starts cleanly; 0 if there is no such place."""
    newline = text.rfind("\n")
    if newline >= 0:
        return newline + 1
    space = max(text.rfind(" "), text.rfind("\t"))
    if space > 0:
        return space
    return next((i for i in range(len(text) - 1, max(len(text) - 64, 0), -1) if _starts_cleanly(text, i)), 0)


def _starts_cleanly(text: str, i: int) -> bool:
    """Whether ``text[i]`` stays in place and never composes with what precedes it under NFC (not a combining
    mark, not a Hangul vowel or final jamo, not a character that cleaning removes or an entity that could become
    one), and no entity begun before it could run on into it."""
    char = text[i]
    if char == "&" or "&" in text[max(i - 40, 0) : i] or _CLEANUP.get(ord(char), char) is None:
        return False
    return not unicodedata.category(char).startswith("M") and not "\u1160" <= char <= "\u11ff"


class _Normaliser:
    """Normalises text fed in arbitrary pieces exactly as ``normalize_text`` would the whole."""

    def __init__(self) -> None:
        self._pending = ""  # newline-unified text after the last safe cut
        self._cr = False  # the last piece ended in CR: it may be the first half of a CRLF

    def feed(self, piece: str, final: bool = False) -> str:
        if self._cr:
            piece = "\r" + piece
        self._cr = not final and piece.endswith("\r")
        if self._cr:
            piece = piece[:-1]
        text = self._pending + _unify_newlines(piece)
        cut = len(text) if final else _safe_cut(text)
        self._pending = text[cut:]
        return _clean(text[:cut])


def _stream(
    path: Path, encoding: str, chunk_chars: int, on_bytes: Callable[[int], None] | None = None
) -> Iterator[str]:
    """Decode and normalise small blocks (cache-friendly, little garbage) and yield them gathered into chunks."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    normaliser = _Normaliser()
    parts: list[str] = []
    gathered = done = 0
    with _reading(path), open(path, "rb") as f:
        while block := f.read(min(chunk_chars, READ_BLOCK)):
            done += len(block)
            text = normaliser.feed(decoder.decode(block))
            if parts and gathered + len(text) > chunk_chars:
                if on_bytes:
                    on_bytes(done)
                yield "".join(parts)
                parts, gathered = [], 0
            if text:
                parts.append(text)
                gathered += len(text)
    parts.append(normaliser.feed(decoder.decode(b"", final=True), final=True))
    if on_bytes:
        on_bytes(done)
    if text := "".join(parts):
        yield text


# --- checks and encoding detection ---------------------------------------------------------------------------------


def _printable(text: str) -> str:
    """``text`` fit for a one-line message."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _shown(path: Path) -> str:
    return _printable(path.name or str(path))


def _not_text(path: Path, kind: Text = _BINARY) -> BookError:
    return BookError(
        "{file} is not a text file (it looks like {kind}); choose a .txt file", file=_shown(path), kind=kind
    )


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn failures to read ``path`` into a ``BookError`` that says what to do."""
    try:
        yield
    except FileNotFoundError:
        raise BookError("{file} does not exist; check the path or choose another file", file=_shown(path)) from None
    except PermissionError:
        raise BookError(
            "{file} cannot be read (permission denied); allow reading it or copy it somewhere you can read",
            file=_shown(path),
        ) from None
    except OSError as e:
        reason = _printable(e.strerror or type(e).__name__)
        raise BookError(
            "{file} cannot be read ({reason}); check the file or choose another one", file=_shown(path), reason=reason
        ) from None


def _probe(path: str | Path) -> tuple[Path, int, str]:
    """Validate a book file; return its resolved path, size and canonical codec name."""
    resolved = Path(path).expanduser().resolve()
    with _reading(resolved):
        mode = resolved.stat().st_mode
        if stat.S_ISDIR(mode):
            raise BookError("{file} is a folder, not a file; choose a .txt file inside it", file=_shown(resolved))
        if not stat.S_ISREG(mode):
            raise BookError("{file} is not a regular file; choose a .txt file", file=_shown(resolved))
        with open(resolved, "rb") as f:
            size = f.seek(0, 2)
            if size == 0:
                raise BookError("{file} is empty; choose a file with text in it", file=_shown(resolved))
            f.seek(0)
            head, sample = _read_samples(f, size)
    encoding = codecs.lookup(_detect_encoding(resolved, head, sample)).name
    _check_decoded(resolved, head, encoding, complete=len(head) == size)
    return resolved, size, encoding


def _read_samples(f: BinaryIO, size: int) -> tuple[bytes, bytes]:
    """The head of the file, and the sample that decides its encoding: ``HEAD_BYTES`` from a little before the first
    non-ASCII byte, ending at a line break. A long ASCII preface (a licence, an English foreword) says little about
    the encoding and would drown the part that does; a file that is ASCII to the end gives an empty sample."""
    head = f.read(HEAD_BYTES)
    first = _first_non_ascii(f, head)
    if first is None:
        return head, b""
    start = max(first - _CONTEXT_BYTES, 0)
    f.seek(start)
    sample = f.read(HEAD_BYTES)
    return head, sample if start + len(sample) >= size else _trim_end(sample)


def _first_non_ascii(f: BinaryIO, head: bytes) -> int | None:
    """Offset of the first byte above 0x7F; reads on from the end of ``head`` if it is all ASCII."""
    offset, block = 0, head
    while block:
        if not block.isascii() and (high := _HIGH_BYTE.search(block)):
            return offset + high.start()
        offset += len(block)
        block = f.read(BLOCK_BYTES)
    return None


def _trim_end(data: bytes) -> bytes:
    """Cut a sample taken from inside a file after its last line break, or at least before a partial UTF-8
    character (up to 3 bytes)."""
    last = data.rfind(b"\n")
    if last >= 0:
        return data[: last + 1]
    for back in range(1, min(3, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            break
        if byte >= 0xC0:
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return data[:-back] if length > back else data
    return data


def _looks_binary(text: str) -> bool:
    """NUL anywhere, or more than 1 in 100 characters control codes or undecodable."""
    return "\0" in text or len(_BINARY_CHAR.findall(text)) * 100 > len(text)


def _detect_encoding(path: Path, head: bytes, sample: bytes) -> str:
    """BOM, then BOM-less UTF-16/32 (only they contain NUL bytes), then UTF-8, then charset-normalizer."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise _not_text(path, kind)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\0" in head:
        best = from_bytes(head[: len(head) // 4 * 4]).best()
        if best is None or best.encoding not in _BOMLESS_UNICODE:
            raise _not_text(path)
        return best.encoding
    if _looks_binary(head.decode("latin-1")) or _looks_binary(sample.decode("latin-1")):
        raise _not_text(path)
    if _is_utf8(sample):
        return "utf-8"
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise BookError(
            "{file} is not a text file, or its encoding cannot be recognised; save it as UTF-8 text", file=_shown(path)
        )
    return _choose(best, matches, sample)


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8, tolerating a damaged byte per 100 non-ASCII characters so one bad byte in a UTF-8 book does
    not turn the whole book into mojibake."""
    text = data.decode("utf-8", "replace")
    return text.count("\ufffd") * 100 <= _count_non_ascii(text)


def _choose(best: CharsetMatch, matches: CharsetMatches, data: bytes) -> str:
    """Correct charset-normalizer's pick where it is known to stumble.

    It lists code pages that read the sample equally well in no useful order (cp1250 before cp1252 for English):
    take the most common one. For Cyrillic text it mixes up cp1251, koi8-r, mac-cyrillic and cp866, which map the
    same bytes to letters of the other case or to symbols: when its reading has more Cyrillic than Latin letters,
    take the code page whose reading scores clearly best in ``_cyrillic_score``. For English with curly quotes it
    may rank first a DOS or Mac code page that reads no cleaner than cp1252: take cp1252, what such text is in.
    """
    ties = [m for m in matches if _ties(m, best)]
    guess = next(
        (name for name in _PREFERRED if any(name in m.could_be_from_charset for m in ties)),
        best.encoding,
    )
    reading = str(best)[:_SCORE_SIZE]
    if _count(reading, _CYRILLIC_LETTERS) > len(reading.encode("ascii", "ignore").translate(None, _NOT_LETTER)):
        return _best_cyrillic(data[:_SCORE_SIZE], guess)
    if guess.startswith(_DOS_OR_MAC) and any(
        "cp1252" in m.could_be_from_charset and m.chaos <= best.chaos + _TIE for m in matches
    ):
        return "cp1252"
    return guess


def _ties(match: CharsetMatch, best: CharsetMatch) -> bool:
    return match.chaos <= best.chaos + _TIE and match.coherence >= best.coherence - _TIE


def _best_cyrillic(sample: bytes, guess: str) -> str:
    """The Cyrillic code page that reads ``sample`` best, or ``guess`` if it is a common one none beats clearly."""
    scores: dict[str, float] = {}
    for codec in dict.fromkeys((*_CYRILLIC_CODECS, guess)):
        with contextlib.suppress(UnicodeDecodeError):
            scores[codec] = _cyrillic_score(sample.decode(codec))
    top = max(scores, key=scores.__getitem__)  # on a tie the first, most common, code page
    if guess in _CYRILLIC_CODECS and scores[top] <= scores.get(guess, 0.0) + _SCORE_MARGIN:
        return guess
    return top


def _cyrillic_score(text: str) -> float:
    """Share of non-ASCII characters that are Russian/Ukrainian letters, plus the share that are the most common
    lowercase ones. A wrong code page turns letters into symbols or swaps their case, so the right one scores
    highest (about 1.7 for Russian prose, wrong ones mostly 1.1 or less)."""
    letters = _count(text, _CYRILLIC_LETTERS) + _count(text, _COMMON_CYRILLIC)
    return letters / (_count_non_ascii(text) or 1)


def _count(text: str, chars: str) -> int:
    return sum(map(text.count, chars))


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _check_decoded(path: Path, head: bytes, encoding: str, complete: bool) -> None:
    """Reject binary data that decoded anyway, and files of blank space (read to the end only if the head is)."""
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=complete)
    if _looks_binary(text):
        raise _not_text(path)
    if normalize_text(text).strip():
        return
    if complete or not any(chunk.strip() for chunk in _stream(path, encoding, HEAD_BYTES)):
        raise BookError("{file} holds only blank space; choose a file with text in it", file=_shown(path))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with _reading(path), open(path, "rb") as f:
        while block := f.read(BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()
