"""Books in any encoding read back as the same clean text, in one piece or streamed; bad files get one clear line."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import random
import tracemalloc
from pathlib import Path

import pytest

from azr_desktop.core import books
from azr_desktop.core.books import BookInfo, inspect_book, iter_text, normalize_text, read_text
from azr_desktop.core.errors import BookError

SAMPLE_CHARS = 200_000


def _start(book: Path) -> str:
    """~200,000 characters of a bundled book, ending at a line break: fast and realistic. The Russian sample is
    shorter (59,462 characters), so it is read again from its start until there is enough."""
    text = book.read_text(encoding="utf-8")
    text = (text * (SAMPLE_CHARS // len(text) + 1))[:SAMPLE_CHARS]
    return text[: text.rfind("\n") + 1]


@pytest.fixture(scope="module")
def russian(anna_karenina: Path) -> str:
    return _start(anna_karenina)


@pytest.fixture(scope="module")
def english(shakespeare: Path) -> str:
    return _start(shakespeare)


ENGLISH_VARIANTS = {
    # Typographic punctuation is what cp1252 adds to Latin-1; charset-normalizer alone reads some of these variants
    # as cp852, cp775 or cp1250.
    "apostrophes and quotes": lambda t: t.replace("'", "\u2019").replace("\nFirst Citizen:", "\n\u201cFirst\u201d:"),
    "quotes only": lambda t: t.replace("\nFirst Citizen:", "\n\u201cFirst\u201d:"),
    "short, apostrophes": lambda t: t[:3000].replace("'", "\u2019"),
    "one accented line at the end": lambda t: t,
}
ENGLISH_LAST_LINE = "Caf\u00e9 \u2014 na\u00efve r\u00e9sum\u00e9.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def chunks_of(book: BookInfo | Path, chunk_chars: int) -> list[str]:
    return list(iter_text(book, chunk_chars=chunk_chars))


# --- encodings -----------------------------------------------------------------------------------------------------


def test_utf8_book_reads_back_unchanged(tmp_path: Path, russian: str) -> None:
    path = write(tmp_path, "anna.txt", russian.encode("utf-8"))
    info = inspect_book(path)
    assert info.encoding == "utf-8"
    assert read_text(info) == russian  # already clean text comes back untouched


@pytest.mark.parametrize(
    ("codec", "expected_name"),
    [
        ("cp1251", "cp1251"),
        ("koi8_r", "koi8-r"),
        ("mac_cyrillic", "mac-cyrillic"),
        ("cp866", "cp866"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),  # with a BOM
        ("utf-16-le", "utf-16-le"),  # without one
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32"),
    ],
)
def test_russian_book_in_any_encoding_round_trips(tmp_path: Path, russian: str, codec: str, expected_name: str) -> None:
    # What the encoding can represent (koi8-r has no «», cp1251 no é) must come back exactly.
    original = russian.encode(codec, "replace").decode(codec)
    path = write(tmp_path, f"anna-{codec}.txt", original.encode(codec))
    info = inspect_book(path)
    assert info.encoding == expected_name
    assert read_text(info) == normalize_text(original)


@pytest.mark.parametrize("variant", list(ENGLISH_VARIANTS))
def test_english_with_smart_quotes_in_cp1252_round_trips(tmp_path: Path, english: str, variant: str) -> None:
    text = ENGLISH_VARIANTS[variant](english) + ENGLISH_LAST_LINE
    path = write(tmp_path, "shakespeare.txt", text.encode("cp1252"))
    info = inspect_book(path)
    assert info.encoding == "cp1252"
    assert read_text(info) == text


@pytest.mark.parametrize(
    ("codec", "wrong_guess"),
    [
        ("cp1251", "koi8_r"),
        ("koi8_r", "cp1251"),
        ("cp866", "cp1125"),
        ("cp1251", "mac_cyrillic"),
        ("iso8859_5", "cp1251"),
        ("mac_cyrillic", "iso8859_5"),
    ],
)
def test_cyrillic_code_page_mix_ups_are_corrected(russian: str, codec: str, wrong_guess: str) -> None:
    sample = russian.encode(codec, "replace")[: books._SCORE_SIZE]
    assert books._best_cyrillic(sample, wrong_guess) == codec


def test_ascii_book_is_utf8(tmp_path: Path, english: str) -> None:
    path = write(tmp_path, "shakespeare.txt", english.encode("ascii"))
    assert inspect_book(path).encoding == "utf-8"


def test_encoding_found_after_long_ascii_preface(tmp_path: Path, shakespeare: Path, russian: str) -> None:
    preface = shakespeare.read_text(encoding="ascii") * 4  # more than the 1 MiB sample that decides the encoding
    text = preface + russian.encode("cp1251", "replace").decode("cp1251")
    assert len(preface) > books.HEAD_BYTES
    path = write(tmp_path, "preface.txt", text.encode("cp1251"))
    info = inspect_book(path)
    assert info.encoding == "cp1251"
    assert read_text(info) == text


def test_utf8_sample_cut_inside_a_character(tmp_path: Path) -> None:
    text = "ж" + "€" * 400_000  # no line breaks: the 1 MiB sample ends inside a 3-byte character
    assert (len(text.encode()) > books.HEAD_BYTES) and (books.HEAD_BYTES - 2) % 3
    path = write(tmp_path, "euros.txt", text.encode("utf-8"))
    info = inspect_book(path)
    assert info.encoding == "utf-8"
    assert read_text(info) == text


@pytest.mark.parametrize(("codec", "bad_byte"), [("utf-8", b"\xff"), ("cp1251", b"\x98")])
def test_undecodable_byte_after_the_sample_becomes_replacement_character(
    tmp_path: Path, russian: str, codec: str, bad_byte: bytes
) -> None:
    text = russian.encode(codec, "replace").decode(codec) * 8  # well past the sample that decides the encoding
    raw = text.encode(codec)
    middle = raw.index(b"\n", len(raw) - 1000) + 1
    path = write(tmp_path, "damaged.txt", raw[:middle] + bad_byte + raw[middle:])
    info = inspect_book(path)
    assert info.encoding == codec
    decoded = read_text(info)
    assert decoded.count("\ufffd") == 1
    assert decoded.replace("\ufffd", "") == text


# --- normalisation -------------------------------------------------------------------------------------------------


def test_line_ends_become_lf(tmp_path: Path) -> None:
    path = write(tmp_path, "lines.txt", b"one\r\ntwo\rthree\n\r\nfour\r")
    assert read_text(path) == "one\ntwo\nthree\n\nfour\n"


@pytest.mark.parametrize("chunk_chars", range(1, 13))
def test_crlf_split_across_chunks_is_one_line_break(tmp_path: Path, chunk_chars: int) -> None:
    path = write(tmp_path, "crlf.txt", b"ab\r\ncde\r\n\r\nf\r\n" * 40)
    assert "".join(chunks_of(path, chunk_chars)) == "ab\ncde\n\nf\n" * 40


def test_non_breaking_spaces_become_spaces() -> None:
    assert normalize_text("a\u00a0b\u202fc\u2007d") == "a b c d"


def test_html_entities_are_decoded_only_where_they_are_entities() -> None:
    text = "Tom &amp; Jerry &mdash; &#8212;&#x2014; a&nbsp;b &amp;mdash; AT&T &c. &foo; &copy 5 &lt 6"
    assert normalize_text(text) == "Tom & Jerry \u2014 \u2014\u2014 a b &mdash; AT&T &c. &foo; &copy 5 &lt 6"


@pytest.mark.parametrize("chunk_chars", [1, 2, 3, 5, 7, 11])
def test_entities_and_combining_marks_survive_any_chunking(tmp_path: Path, chunk_chars: int) -> None:
    # No line breaks or spaces: chunks must be cut inside the run without splitting "&mdash;" or "e" + accent.
    path = write(tmp_path, "run.txt", ("&mdash;cafe\u0301&#x44;&nbsp;" * 60).encode("utf-8"))
    assert "".join(chunks_of(path, chunk_chars)) == "\u2014caf\u00e9D " * 60


def test_bom_is_stripped(tmp_path: Path) -> None:
    for codec in ("utf-8-sig", "utf-16", "utf-32"):
        path = write(tmp_path, f"bom-{codec}.txt", "Привет\n".encode(codec))
        assert read_text(path) == "Привет\n"
    assert normalize_text("\ufeffone\ufefftwo") == "onetwo"  # stray BOMs from concatenated files too


def test_unicode_is_composed_to_nfc() -> None:
    assert normalize_text("cafe\u0301 \u0438\u0306") == "caf\u00e9 \u0439"


def test_control_characters_are_removed_but_tabs_and_line_breaks_kept(tmp_path: Path) -> None:
    assert normalize_text("a\x01b\x1bc\td\fe\x0bf\x7f") == "abc\td\ne\nf\x7f"
    lines = ["A line of plain text.\n"] * 20
    path = write(tmp_path, "bell.txt", "".join(lines).replace("plain", "plain\x07", 1).encode("ascii"))
    assert read_text(path) == "".join(lines)  # a stray control character is dropped; many mean binary data


def test_other_characters_are_kept_exactly() -> None:
    text = "«Ёлка» — ёжик, і ї є ґ, 😀 中文 日本語 ﬁ ½ x²\ttab\n"
    assert normalize_text(text) == text


# --- streaming -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy(russian: str) -> str:
    """Russian text with CRLF line ends, entities, NBSP, a combining accent and a stray control character."""
    text = russian[:20_000].replace("\n", "\r\n").replace(" — ", "&nbsp;&mdash; ").replace("е", "e\u0301", 5)
    return text.replace("Анна", "\u00a0Анна\x02")


@pytest.mark.parametrize("chunk_chars", [1, 2, 3, 7, 64, 1000, 1 << 20])
def test_chunks_join_to_read_text(tmp_path: Path, messy: str, chunk_chars: int) -> None:
    path = write(tmp_path, "messy.txt", messy.encode("utf-8"))
    whole = read_text(path)
    assert whole == normalize_text(messy)
    assert "".join(chunks_of(path, chunk_chars)) == whole


@pytest.mark.parametrize("codec", ["utf-16", "cp1251"])
def test_chunks_join_to_read_text_in_other_encodings(tmp_path: Path, messy: str, codec: str) -> None:
    path = write(tmp_path, "messy.txt", messy.replace("\u0301", "").replace("\x02", "").encode(codec))
    whole = read_text(path)
    for chunk_chars in (1, 5, 333):
        assert "".join(chunks_of(path, chunk_chars)) == whole


def test_chunks_end_at_line_breaks_or_else_before_a_space(tmp_path: Path, russian: str) -> None:
    path = write(tmp_path, "anna.txt", russian.encode("utf-8"))
    longest_line = max(len(line.encode("utf-8")) for line in russian.split("\n")) + 1
    for chunk_chars in (100, longest_line, 2 * longest_line, 65536):
        chunks = chunks_of(path, chunk_chars)
        assert max(len(chunk) for chunk in chunks) <= chunk_chars + longest_line
        for chunk, after in itertools.pairwise(chunks):
            assert chunk.endswith("\n") or after.startswith(" ")
        if chunk_chars >= 2 * longest_line:  # every block read holds a line break
            assert all(chunk.endswith("\n") for chunk in chunks)


def test_progress_reports_raw_bytes_read(tmp_path: Path, russian: str) -> None:
    path = write(tmp_path, "anna.txt", russian.encode("utf-8"))
    reports: list[int] = []
    chunks = list(iter_text(path, chunk_chars=10_000, on_bytes=reports.append))
    assert len(reports) == len(chunks) > 10
    assert reports == sorted(reports) and reports[-1] == path.stat().st_size


def test_iter_text_takes_a_path_string_or_book_info(tmp_path: Path) -> None:
    path = write(tmp_path, "short.txt", b"Hello\r\nworld\r\n")
    assert list(iter_text(str(path))) == list(iter_text(inspect_book(path))) == ["Hello\nworld\n"]
    with pytest.raises(ValueError, match="chunk_chars"):
        iter_text(path, chunk_chars=0)


def test_big_book_streams_in_bounded_memory(tmp_path: Path, russian: str) -> None:
    block = russian.encode("utf-8")
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.writelines(block for _ in range(50_000_000 // len(block) + 1))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        info = inspect_book(path)
        inspect_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        chars = sum(len(chunk) for chunk in iter_text(info))
        iter_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.size_bytes == size > 50_000_000
    assert chars == len(russian) * (size // len(block))
    for what, peak in (("inspect_book", inspect_peak), ("iter_text", iter_peak)):
        assert peak < size * 0.25, f"{what} peaked at {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB book"


# --- book info -----------------------------------------------------------------------------------------------------


def test_book_info_describes_the_file(tmp_path: Path, russian: str) -> None:
    raw = russian.encode("cp1251", "replace")
    path = write(tmp_path, "anna-1251.txt", raw)
    info = inspect_book(tmp_path / "." / "anna-1251.txt")
    assert info.path == path.resolve() and info.path.is_absolute()
    assert info.name == "anna-1251.txt"
    assert info.size_bytes == len(raw)
    assert info.sha256 == hashlib.sha256(raw).hexdigest()
    assert json.loads(json.dumps(info.to_dict())) == {
        "path": str(path.resolve()),
        "name": "anna-1251.txt",
        "size_bytes": len(raw),
        "encoding": "cp1251",
        "sha256": hashlib.sha256(raw).hexdigest(),
    }


def test_blank_start_of_big_file_is_not_blank_book(tmp_path: Path) -> None:
    path = write(tmp_path, "late.txt", b" \n" * books.HEAD_BYTES + b"Finally, text.\n")
    assert read_text(path).strip() == "Finally, text."


# --- bad files -----------------------------------------------------------------------------------------------------

_RANDOM = random.Random(0).randbytes(4096)

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "book.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _RANDOM, "PNG image"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + _RANDOM, "JPEG image"),
    "cat.gif": (b"GIF89a\x01\x00\x01\x00" + _RANDOM, "GIF image"),
    "paper.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF document"),
    "novel.epub": (b"PK\x03\x04\x14\x00\x00\x00" + _RANDOM, "ZIP archive"),
    "book.txt.gz": (gzip.compress(b"It was a dark and stormy night.\n" * 10), "gzip archive"),
    "program": (b"\x7fELF\x02\x01\x01\x00" + bytes(64), "program"),
    "setup.exe": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + _RANDOM, "program"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "Microsoft Office"),
    "noise.txt": (_RANDOM, "binary data"),
    "nul.txt": (b"Some text.\n" * 50 + b"\x00" + b"More text.\n" * 50, "binary data"),
    "controls.txt": (b"text \x01\x02\x03\x04\x05 " * 100, "binary data"),
    "bom-noise.txt": (b"\xff\xfe" + _RANDOM, "binary data"),
    "mystery.txt": (bytes(b for b in random.Random(0).randbytes(12_000) if b >= 0x80)[:4096], "cannot be recognised"),
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"  \n\t\r\n   \n", "only blank space"),
    "nbsp.txt": ("\u00a0\u00a0\n\u202f\n".encode("utf-8"), "only blank space"),
    "blank16.txt": ("   \n\n".encode("utf-16"), "only blank space"),
}


def assert_one_clear_line(error: pytest.ExceptionInfo[BookError], name: str, says: str) -> None:
    message = str(error.value)
    assert name in message and says in message
    assert "\n" not in message and "\r" not in message
    assert "; " in message  # what happened; what to do


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_is_refused_with_one_clear_line(tmp_path: Path, name: str) -> None:
    data, says = BAD_FILES[name]
    path = write(tmp_path, name, data)
    for read in (inspect_book, iter_text, read_text):
        with pytest.raises(BookError) as error:
            read(path)
        assert_one_clear_line(error, name, says)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BookError) as error:
        inspect_book(tmp_path / "missing.txt")
    assert_one_clear_line(error, "missing.txt", "does not exist")


def test_folder(tmp_path: Path) -> None:
    (tmp_path / "books").mkdir()
    with pytest.raises(BookError) as error:
        inspect_book(tmp_path / "books")
    assert_one_clear_line(error, "books", "is a folder")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(BookError) as error:
        inspect_book(tmp_path / "pipe.txt")
    assert_one_clear_line(error, "pipe.txt", "not a regular file")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt", b"Top secret text.\n")
    if os.name == "posix" and os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything, Windows ignores the mode: make opening fail the way it would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(books, "open", refuse, raising=False)
    try:
        with pytest.raises(BookError) as error:
            inspect_book(path)
    finally:
        path.chmod(0o644)
    assert_one_clear_line(error, "secret.txt", "permission denied")


@pytest.mark.skipif(os.name == "nt", reason="Windows file names cannot hold line breaks")
def test_file_name_with_a_line_break_stays_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "two\nlines.txt", b"")
    with pytest.raises(BookError) as error:
        inspect_book(path)
    assert_one_clear_line(error, "two?lines.txt", "is empty")
