"""Reading a classification table from a CSV file: bounded, with progress, and every refusal
naming the line and column."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from ce_desktop.core.bounded_reads import FileRefused, regular_file
from ce_desktop.core.data.datasets import Dataset, split_indices, standardised
from ce_desktop.core.messages import QT_TRANSLATE_NOOP, Explained, Listing, Message

#: Cells (compared case-insensitively, after stripping) that mean "no value here": the one
#: list every reader, summary and preview uses. "?" marks a gap in many public data sets
#: (UCI's adult, census income), "#n/a" is what a spreadsheet writes for a failed look-up.
MISSING_TOKENS = frozenset({"", "na", "n/a", "nan", "null", "?", "#n/a"})
#: Bytes looked at to tell a binary file from text.
_SNIFF_BYTES = 8192
#: Byte-order marks, the longer first (UTF-32 LE starts with UTF-16 LE's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: A number with a decimal comma: "0,5", "-1,25e3".
_DECIMAL_COMMA = re.compile(r"\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$")
#: A quoted field of a CSV line, doubled quotes included.
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
#: A line's text, ended as ``str.splitlines`` ends lines (found without splitting them all).
_TEXT_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
#: Bytes looked at to tell GBK from Windows-1252 in a file that is not UTF-8.
_ENCODING_SAMPLE_BYTES = 1 << 16
#: Signs besides letters that Western spreadsheets write in Windows-1252.
_WESTERN_SIGNS = frozenset("°±²³µ·×÷€£¥¢§©®«»¼½¾¿¡“”‘’„–—…\u00a0")
#: The csv-module reader, which reads a file with a problem to name it, holds the whole text
#: and its cells: about 17× the file at peak (pandas' reader needs a few times the file).
READ_PEAK_FACTOR = 17
MAX_CSV_BYTES = 500_000_000
#: The largest feature value: its square, summed over a million rows, still fits a float.
MAX_MAGNITUDE = 1e150
#: How many short classes an error message lists before summarising the rest.
_MAX_LISTED = 5


class DataError(Explained, ValueError):
    """Bad data, with a message naming the row and/or column."""


def load_csv(
    path: str | os.PathLike[str],
    target: str | None = None,
    *,
    val_fraction: float = 0.2,
    test_fraction: float = 0.2,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Dataset:
    """A CSV file (UTF-8 or GBK) with a header row, numeric features and a class column.

    The class column is ``target`` or, when that is None, the last column. Labels may be
    numbers or text. Rows are split (stratified) into train/val/test by the fractions and the
    features standardised with a scaler fitted on the training rows. Blank lines are skipped.
    Raises :class:`DataError` naming the line and column of the first problem in the file.
    ``progress(lines read, lines in the file)`` is called while reading; when
    ``should_stop()`` turns true, :class:`LoadCancelled` is raised.
    """
    check_fractions(val_fraction, test_fraction)
    path = Path(path)
    if not is_workbook(path):
        from ce_desktop.core.data.fast_read import missing_mask, read_columns

        raw = _file_bytes(path)
        table = read_columns(path, raw, progress, should_stop)
        if table is not None:
            feature_index, target_index = _columns_of(table.header, target)
            labels = table.cells(target_index)
            if all(table.values(j) is not None for j in feature_index) and not (
                    missing_mask(labels).any()):
                X = np.empty((len(labels), len(feature_index)), dtype=np.float64)
                for k, j in enumerate(feature_index):
                    X[:, k] = table.take_values(j)  # one copy of a column at a time
                return _dataset(path, X, labels.tolist(), table.line_array(),
                                table.header, feature_index, target_index,
                                val_fraction, test_fraction, seed)
            del table, labels
        # A problem to name: the csv-module reader finds the first one, with its line.
        header, rows = _read_table(path, progress, should_stop, text=_text_of(raw, path.name))
    else:
        header, rows = _read_table(path, progress, should_stop)
    feature_index, target_index = _columns_of(header, target)
    target_name = header[target_index]

    X, labels = _fast_table(rows, len(header), feature_index, target_index)
    if X is None:
        # Slow path, only for a file with a problem: find the first one and name it.
        X = np.empty((len(rows), len(feature_index)), dtype=np.float64)
        labels = []
        for i, (line, cells) in enumerate(rows):
            if len(cells) != len(header):
                raise DataError(QT_TRANSLATE_NOOP(
                    "core", "line {line} has {cells} cells, the header has {columns}"),
                    line=line, cells=len(cells), columns=len(header))
            X[i] = _parse_features(line, cells, feature_index, header)
            label = cells[target_index].strip()
            if label.lower() in MISSING_TOKENS:
                raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"),
                                where=_cell(line, target_name))
            labels.append(label)
    lines = np.array([line for line, _ in rows], dtype=np.int64)
    return _dataset(path, X, labels, lines, header, feature_index, target_index,
                    val_fraction, test_fraction, seed)


def _columns_of(header: Sequence[str], target: str | None) -> tuple[list[int], int]:
    """The feature columns and the class column: ``target`` or, when None, the last."""
    if target is None:
        target_index = len(header) - 1
    elif target in header:
        target_index = list(header).index(target)
    else:
        columns = ", ".join(repr(h) for h in header)
        raise DataError(QT_TRANSLATE_NOOP("core", "no column named {target!r}; the columns are "
                                          "{columns}"), target=target, columns=columns)
    return [j for j in range(len(header)) if j != target_index], target_index


def _dataset(path: Path, X: np.ndarray, labels: list[str], lines: np.ndarray,
             header: Sequence[str], feature_index: list[int], target_index: int,
             val_fraction: float, test_fraction: float, seed: int) -> Dataset:
    """The data set of a table's features and labels: checked, split and standardised."""
    feature_names = tuple(header[j] for j in feature_index)
    _check_magnitudes(X, lines, feature_names)
    y, class_names = _encode_labels(labels, header[target_index])
    _check_class_sizes(y, class_names, val_fraction, test_fraction)
    train, val, test = split_indices(y, val_fraction, test_fraction, seed)
    return standardised(path.name, X, y, train, val, test, feature_names, class_names)


def check_fractions(val_fraction: float, test_fraction: float) -> None:
    """ValueError unless both parts are shares of the rows that leave training rows."""
    for label, fraction in (("val_fraction", val_fraction), ("test_fraction", test_fraction)):
        if not 0 < fraction < 1:
            raise ValueError(f"{label} must be between 0 and 1 (exclusive), got {fraction!r}")
    if val_fraction + test_fraction >= 1:
        raise ValueError(
            f"val_fraction + test_fraction must be below 1 to leave training rows, got "
            f"{val_fraction} + {test_fraction}"
        )


def _check_magnitudes(X: np.ndarray, lines: np.ndarray,
                      feature_names: tuple[str, ...]) -> None:
    """Refuse finite cells so large (such as 1e308) that their squares overflow: the
    standardised features, and then the network, would see inf or NaN."""
    too_large = np.abs(X) > MAX_MAGNITUDE
    if too_large.any():
        row, column = (int(i) for i in np.argwhere(too_large)[0])
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{where}: {value:g} is too large to compute with (at most {limit:g}); "
            "rescale the column"), where=_cell(int(lines[row]), feature_names[column]),
            value=float(X[row, column]), limit=MAX_MAGNITUDE)


class LoadCancelled(DataError):
    """Reading a file was stopped on request."""


def _fast_table(rows: list[tuple[int, list[str]]], width: int, feature_index: list[int],
                target_index: int) -> tuple[np.ndarray | None, list[str]]:
    """Features and labels of a well-formed table in whole-table passes, or (None, [])
    when anything is off (the caller then finds and names the problem row by row).

    Row-by-row parsing with a check per cell took 13 s for a million rows; this takes a
    third of that."""
    if any(len(cells) != width for _, cells in rows):
        return None, []
    try:
        X = np.array([[float(cells[j]) for j in feature_index] for _, cells in rows],
                     dtype=np.float64).reshape(len(rows), len(feature_index))
    except ValueError:
        return None, []
    labels = [cells[target_index].strip() for _, cells in rows]
    if not np.isfinite(X).all() or any(label.lower() in MISSING_TOKENS for label in labels):
        return None, []
    return X, labels


#: Lines read between two progress reports (and stop checks).
_PROGRESS_LINES = 50_000


def _file_bytes(path: Path, *, read: bool = True) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size the
    trainer reads and the memory that is free (only the checks when not ``read``)."""
    try:
        size = regular_file(path).stat().st_size
        if size > MAX_CSV_BYTES:
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "{name} is larger than {limit} MB, more than the trainer reads"),
                name=path.name, limit=MAX_CSV_BYTES // 1_000_000)
        available = memory_available()
        if available is not None and size * READ_PEAK_FACTOR > available:
            # Said now, instead of a MemoryError (or the system killing the process) later.
            raise DataError(QT_TRANSLATE_NOOP(
                "core", "{name} needs about {needed:.1f} GB of memory to read and "
                "{available:.1f} GB are free"), name=path.name,
                needed=size * READ_PEAK_FACTOR / 1e9, available=available / 1e9)
        return path.read_bytes() if read else b""
    except FileNotFoundError:
        raise DataError(QT_TRANSLATE_NOOP("core", "file not found: {path}"), path=path) from None
    except FileRefused as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                        path=path, reason=exc) from None
    except OSError as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "cannot read {path}: {reason}"),
                        path=path, reason=exc.strerror or exc) from None


def is_workbook(path: Path) -> bool:
    """An Excel workbook (read with openpyxl) rather than CSV text."""
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _read_table(
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    *,
    strict: bool = True,
    text: str | None = None,
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows after it, each with its 1-based line number (its
    row number in a workbook).

    ``strict`` refuses a header with one column, an unnamed or a repeated column at once;
    otherwise the header comes back as read (stripped) and the caller names its problems
    among the others. ``text`` is the file's text when the caller has decoded it already.

    This is the csv-module reader, a Python object per cell: :mod:`fast_read` reads a
    well-formed file with pandas instead, and falls back on this one to name a problem."""
    if text is None and is_workbook(path):
        from ce_desktop.core.data.fast_read import workbook_records

        _file_bytes(path, read=False)
        records, total_lines = workbook_records(path), 0
    else:
        if text is None:
            text = _text_of(_file_bytes(path), path.name)
        delimiter = _delimiter(text)
        records = _csv_records(text, delimiter)
        total_lines = text.count("\n") + 1
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, cells in records:
        if line % _PROGRESS_LINES == 0:
            if should_stop is not None and should_stop():
                raise LoadCancelled(QT_TRANSLATE_NOOP("core", "reading {name} was stopped"),
                                    name=path.name)
            if progress is not None and total_lines:
                progress(line, total_lines)
        # Spreadsheets often leave lines of empty cells (",,,") below the data.
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = (_check_header(cells, line) if strict
                      else [cell.strip() for cell in cells])
            continue
        rows.append((line, cells))
    if header is None:  # no text, or only separators: an empty sheet saved as CSV
        raise DataError(QT_TRANSLATE_NOOP("core", "{name} is empty"), name=path.name)
    if not rows:
        raise DataError(QT_TRANSLATE_NOOP("core", "{name} has a header but no data rows"),
                        name=path.name)
    return header, rows


def _csv_records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of CSV text with the line it ends on; decimal commas made points in a file
    not separated by commas."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if delimiter != "," and any("," in cell for cell in cells):
                cells = [_decimal_point(cell) for cell in cells]
            yield reader.line_num, cells
    except csv.Error as exc:
        raise DataError(QT_TRANSLATE_NOOP("core", "line {line}: {reason}"),
                        line=reader.line_num, reason=exc) from None


def _text_of(raw: bytes, name: str) -> str:
    """The file's text: UTF-32 or UTF-16 (with a BOM, or UTF-16 without one, which some
    spreadsheets write as "Unicode text"), else as :func:`_decode` reads it."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decoded_as(raw[len(bom):], encoding, name)
    sample = raw[:_SNIFF_BYTES]
    if b"\x00" in sample:
        # Mostly ASCII text in UTF-16 has a NUL in every other byte, and seldom in the others
        # (a few characters such as 一, U+4E00, have one).
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if odd > 0.4 * half and even * 20 < odd:
            return _decoded_as(raw, "utf-16-le", name)
        if even > 0.4 * half and odd * 20 < even:
            return _decoded_as(raw, "utf-16-be", name)
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} is a binary file, not CSV text (it contains NUL bytes)"), name=name)
    return _decode(raw, name)


def _decoded_as(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "{name} is not valid {encoding} text (at byte {offset}); save the file as "
            "CSV UTF-8"), name=name, encoding=encoding.upper(), offset=error.start) from None


def _decimal_point(cell: str) -> str:
    """A number written with a decimal comma ("0,5"), as European spreadsheets write it in
    semicolon- and tab-separated files, with a decimal point; any other cell as it is."""
    return cell.replace(",", ".") if _DECIMAL_COMMA.match(cell) else cell


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), GBK (read as GB18030, its superset, which Chinese-language
    spreadsheets write) or Windows-1252 (Western European ones), the last two told apart on
    the first lines."""
    try:
        # A file saved twice with a BOM starts with two; neither belongs to the header.
        return raw.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    encoding = _legacy_encoding(raw[:_ENCODING_SAMPLE_BYTES])
    if encoding is not None:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            utf8_error = exc
    line = raw[: utf8_error.start].count(b"\n") + 1
    raise DataError(QT_TRANSLATE_NOOP(
        "core", "{name} is not UTF-8, GBK or Windows-1252 text: line {line} has the byte "
        "0x{byte:02x}; save the file as CSV UTF-8"),
        name=name, line=line, byte=raw[utf8_error.start]) from None


def memory_available() -> int | None:
    """Bytes of memory the system can give without swapping (Linux's MemAvailable); None
    where that is not known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _legacy_encoding(sample: bytes) -> str | None:
    """"gb18030" or "cp1252" for a file that is not UTF-8, judged on its first bytes; None
    when neither reads them.

    Both read most bytes: a Latin-1 "é" followed by a letter is also a valid GBK character
    ("xéa" would read "x閍"). Chinese text written as GBK has trail bytes above 0x7f almost
    always; accented Western text read as Windows-1252 gives letters and common signs.
    """
    cut = sample.rfind(b"\n")
    sample = sample[: cut + 1] if cut > 0 else sample  # no character cut in two
    try:
        chinese = sample.decode("gb18030")
    except UnicodeDecodeError:
        chinese = None
    if chinese is not None and all(_is_plain_gbk(c) for c in set(chinese)):
        return "gb18030"
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and all(c.isascii() or c.isalpha() or c in _WESTERN_SIGNS
                                   for c in set(western)):
        return "cp1252"
    return "gb18030" if chinese is not None else None


def _is_plain_gbk(character: str) -> bool:
    """ASCII, or a two-byte GBK character whose second byte is not ASCII (all of GB2312)."""
    if character.isascii():
        return True
    encoded = character.encode("gb18030")
    return len(encoded) == 2 and encoded[1] >= 0x80


def _delimiter(text: str) -> str:
    """Comma, unless the header line is clearly split by semicolons, tabs or bars instead
    (European spreadsheets write semicolons)."""
    first = next((m.group() for m in _TEXT_LINE.finditer(text) if m.group().strip()), "")
    # A quoted name may hold any separator ("height, cm";"weight, kg";class).
    first = _QUOTED.sub("", first)
    if "," in first:
        return ","
    counts = {sep: first.count(sep) for sep in (";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _check_header(cells: list[str], line: int) -> list[str]:
    header = [cell.strip() for cell in cells]
    problems = header_problems(header, line)
    if problems:
        raise DataError.of(problems[0])
    return header


def header_problems(header: Sequence[str], line: int) -> list[Message]:
    """Everything wrong with a header row: one column only, unnamed or repeated columns."""
    if len(header) < 2:
        return [Message(QT_TRANSLATE_NOOP(
            "core", "line {line}: the header has only one column ({column!r}); a CSV needs "
            "feature columns and a class column separated by commas (or semicolons or tabs)"),
            line=line, column=header[0])]
    problems = [Message(QT_TRANSLATE_NOOP(
        "core", "line {line}: column {index} of the header has no name"), line=line, index=j)
        for j, name in enumerate(header, start=1) if not name]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.append(Message(QT_TRANSLATE_NOOP(
                "core", "line {line}: the header names column {column!r} twice"),
                line=line, column=name))
        seen.add(name)
    return problems


def _parse_features(
    line: int, cells: list[str], feature_index: Sequence[int], header: Sequence[str]
) -> list[float]:
    """The row's feature values, or a DataError for the first cell that is not a number."""
    try:
        values = [float(cells[j]) for j in feature_index]
        if all(math.isfinite(v) for v in values):
            return values
    except ValueError:
        pass
    # Slow path, only for a bad row: find the cell and say what is wrong with it.
    for j in feature_index:
        cell = cells[j].strip()
        where = _cell(line, header[j])
        if cell.lower() in MISSING_TOKENS:
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"), where=where)
        try:
            value = float(cell)
        except ValueError:
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: {cell!r} is not a number"),
                            where=where, cell=cell) from None
        if math.isnan(value):
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: missing value"), where=where)
        if math.isinf(value):
            raise DataError(QT_TRANSLATE_NOOP("core", "{where}: {cell!r} is an infinite value"),
                            where=where, cell=cell)
    raise AssertionError("unreachable: a bad row has a bad cell")


def _cell(line: int, column: str) -> Message:
    """Where a cell is, for messages: "line 3, column 'x'"."""
    return Message(QT_TRANSLATE_NOOP("core", "line {line}, column {column!r}"),
                   line=line, column=column)


def _encode_labels(labels: list[str], target_name: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Labels → 0..K-1 with LabelEncoder, and the class names in LabelEncoder's order.

    Labels that are all numbers are encoded as numbers so that 2 sorts before 10; each class
    is then named by the text of its first occurrence.
    """
    from sklearn.preprocessing import LabelEncoder

    numeric = _as_numbers(labels)
    encoder = LabelEncoder()
    if numeric is None:
        y = encoder.fit_transform(labels)
        class_names = tuple(str(c) for c in encoder.classes_)
    else:
        y = encoder.fit_transform(numeric)
        first = {}
        for label, code in zip(labels, y, strict=True):
            first.setdefault(int(code), label)
        class_names = tuple(first[c] for c in range(len(encoder.classes_)))
    if len(class_names) < 2:
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "column {column!r} has only one class ({name!r}); a classifier needs at "
            "least two"), column=target_name, name=class_names[0])
    return y.astype(np.int64), class_names


def _as_numbers(labels: list[str]) -> np.ndarray | None:
    try:
        values = np.array([float(label) for label in labels])
    except ValueError:
        return None
    return values if np.isfinite(values).all() else None


def _check_class_sizes(
    y: np.ndarray, class_names: tuple[str, ...], val_fraction: float, test_fraction: float
) -> None:
    """Raise unless every class has enough rows to appear in train, val and test."""
    problem = short_classes(y, class_names, val_fraction, test_fraction)
    if problem is not None:
        raise DataError.of(problem)


def short_classes(
    y: np.ndarray, class_names: tuple[str, ...], val_fraction: float, test_fraction: float
) -> Message | None:
    """What is wrong when a class has too few rows to appear in train, val and test."""
    smallest = min(val_fraction, test_fraction, 1 - val_fraction - test_fraction)
    # A class of n rows puts about n·fraction rows into each part; that must reach 1.
    needed = max(3, math.ceil(1 / smallest - 1e-9))
    counts = np.bincount(y, minlength=len(class_names))
    short = [(class_names[c], int(n)) for c, n in enumerate(counts) if n < needed]
    if not short:
        return None
    listed: str = Listing([
        Message(QT_TRANSLATE_NOOP("core", "class {name!r} has 1 row"), name=name) if n == 1
        else Message(QT_TRANSLATE_NOOP("core", "class {name!r} has {count} rows"),
                     name=name, count=n)
        for name, n in short[:_MAX_LISTED]
    ])
    if len(short) > _MAX_LISTED:
        listed = Message(QT_TRANSLATE_NOOP("core", "{classes} and {count} more classes are short"),
                         classes=listed, count=len(short) - _MAX_LISTED)
    return Message(QT_TRANSLATE_NOOP(
        "core", "too few rows: every class needs at least {needed} so that train, validation "
        "and test each get one (val_fraction {val}, test_fraction {test}); {short}"),
        needed=needed, val=val_fraction, test=test_fraction, short=listed)
