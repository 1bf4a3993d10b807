"""Reading a table fast: pandas' C reader in chunks, column by column, with what the
csv-module reader guaranteed checked on the text alongside.

A table is held as columns, not as a Python list per row: a column whose every cell is a
number is a float64 array (its text is read again only if someone asks for it), any other
column an array of its stripped cells. That is what makes a 200 MB file ready in seconds
and in a few times its size of memory (docs/performance.md, "Reading a large table").

A file with anything unusual (ragged rows, a bad header, quoting pandas reads otherwise than
the ``csv`` module) is read by the csv-module reader instead, which names the line and column
of each problem as before; :func:`read_columns` returns None for those. pandas is
imported here only, when a file is read (in the worker process, never the window's).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from ce_desktop.core.data import csv_table
from ce_desktop.core.data.csv_table import (
    _DECIMAL_COMMA,
    MISSING_TOKENS,
    DataError,
    LoadCancelled,
    _delimiter,
    _file_bytes,
    _read_table,
    _text_of,
    header_problems,
    is_workbook,
)
from ce_desktop.core.messages import QT_TRANSLATE_NOOP

_UTF8_BOM = b"\xef\xbb\xbf"
#: A line of CSV text with its ending (the csv module's own line endings).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
#: Bytes a blank line may hold besides separators (what ``str.strip`` removes, in ASCII).
_BLANK_BYTES = b" \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f"


class Table:
    """The cells of a table as read: the header, and per column its stripped cells or, for a
    column of numbers, their values; each row's 1-based line (a workbook's row number).

    Rows that do not have the header's width ("ragged") are kept aside with their cells.
    """

    def __init__(self, name: str, header: Sequence[str],
                 rows: list[tuple[int, list[str]]]) -> None:
        """A table from its rows as the csv-module reader (or a workbook) gives them."""
        self.name = name
        self.header = tuple(header)
        width = len(self.header)
        whole = [(line, cells) for line, cells in rows if len(cells) == width]
        self._lines = np.array([line for line, _ in whole], dtype=np.int64)
        self.ragged = [(line, cells) for line, cells in rows if len(cells) != width]
        self._cells: list[np.ndarray | None] = [
            _stripped(np.array([cells[j] for _, cells in whole], dtype=object))
            for j in range(width)]
        self._values: list[np.ndarray | None] = [None] * width
        self._rows: list[tuple[int, list[str]]] | None = rows
        self._reread: Callable[[list[int], int | None], list[np.ndarray]] | None = None

    @classmethod
    def of_columns(cls, name: str, header: Sequence[str], lines: np.ndarray,
                   cells: list[np.ndarray | None], values: list[np.ndarray | None],
                   reread: Callable[[list[int], int | None], list[np.ndarray]]) -> Table:
        """A table without ragged rows from its columns; ``reread(columns)`` gives the
        stripped cells of columns held as values only."""
        table = cls.__new__(cls)
        table.name, table.header = name, tuple(header)
        table._lines, table.ragged = lines, []
        table._cells, table._values = cells, values
        table._rows, table._reread = None, reread
        return table

    @property
    def n_rows(self) -> int:
        """Rows read, ragged ones included."""
        return len(self._lines) + len(self.ragged)

    @property
    def header_line(self) -> int:
        """The header's line, as far as the rows tell: the line before the first row."""
        first = [int(self._lines[0])] if len(self._lines) else []
        return min(first + [line for line, _ in self.ragged], default=2) - 1

    @property
    def lines(self) -> list[int]:
        """The line of each row that has the header's width."""
        return self._lines.tolist()

    def line_array(self) -> np.ndarray:
        return self._lines

    def cells(self, index: int) -> np.ndarray:
        """The column's cells, stripped, in the rows that have the header's width (an object
        array of str)."""
        held = self._cells[index]
        if held is None:
            assert self._reread is not None  # a column is held as text or as values
            held = self._reread([index], None)[0]
            self._cells[index] = held
        return held

    def column(self, index: int) -> list[str]:
        """The column's cells, stripped, in the rows that have the header's width."""
        return self.cells(index).tolist()

    def numbers(self, index: int) -> tuple[np.ndarray, list[int]]:
        """The column as floats (NaN where missing or not a number) and the indices of the
        cells that are neither a number nor missing."""
        values = self._values[index]
        if values is not None:
            return values, []
        return numbers_of(self.cells(index))

    def values(self, index: int) -> np.ndarray | None:
        """The column's values when every cell was read as a finite number, else None."""
        return self._values[index]

    def take_values(self, index: int) -> np.ndarray | None:
        """:meth:`values`, handed over: the table forgets them, so that a caller copying the
        columns into one array holds one copy of each at a time."""
        values, self._values[index] = self._values[index], None
        return values

    def preview(self, count: int) -> list[tuple[str, ...]]:
        """The first ``count`` rows' cells, ragged rows as they are."""
        if self._rows is not None:
            return [tuple(cells) for _, cells in self._rows[:count]]
        assert self._reread is not None
        columns = self._reread(list(range(len(self.header))), count)
        return [tuple(str(c[i]) for c in columns) for i in range(min(count, len(self._lines)))]

    @property
    def rows(self) -> list[tuple[int, list[str]]]:
        """Every row with its line: as read, or (for a table read by columns) its stripped
        cells. Builds a Python list per row: meant for small tables and for writing out."""
        if self._rows is None:
            columns = [self.cells(j) for j in range(len(self.header))]
            self._rows = [(int(line), [str(c[i]) for c in columns])
                          for i, line in enumerate(self._lines)]
        return self._rows


_strip = np.frompyfunc(str.strip, 1, 1)


def _stripped(cells: np.ndarray) -> np.ndarray:
    return _strip(cells).astype(object) if len(cells) else cells


def is_missing(cell: str) -> bool:
    return cell.lower() in MISSING_TOKENS


def _spellings(word: str) -> set[str]:
    if not word:
        return {""}
    return {first + rest for first in {word[0].lower(), word[0].upper()}
            for rest in _spellings(word[1:])}


#: Every spelling of the missing-value tokens ("NA", "Na", "nA", "na", …).
_MISSING_SPELLINGS = frozenset().union(*(_spellings(token) for token in MISSING_TOKENS))
_is_missing_each = np.frompyfunc(_MISSING_SPELLINGS.__contains__, 1, 1)


def missing_mask(cells: np.ndarray) -> np.ndarray:
    """:func:`is_missing` of each stripped cell, as a bool array (a set look-up per cell,
    without a Python call each)."""
    if not len(cells):
        return np.zeros(0, dtype=bool)
    return _is_missing_each(np.asarray(cells, dtype=object)).astype(bool)


def numbers_of(cells: Sequence[str] | np.ndarray,
               give_up_after: int | None = None) -> tuple[np.ndarray, list[int]]:
    """The cells as floats (NaN where missing or not a number) and the indices of the cells
    that are neither a number nor missing; read as Python's ``float`` reads them.

    With ``give_up_after``, stops once more cells than that are not numbers (the values and
    indices are then partial): a column of text is told from one of numbers early."""
    cells = np.asarray(cells, dtype=object)
    try:  # the usual case, a column of numbers without gaps, in one pass
        return cells.astype(np.float64), []
    except (ValueError, TypeError):
        pass
    missing = missing_mask(cells)
    values = np.full(len(cells), np.nan)
    present = np.flatnonzero(~missing)
    try:
        values[present] = cells[present].astype(np.float64)
        return values, []
    except (ValueError, TypeError):
        pass
    bad: list[int] = []
    for i in present:
        try:
            values[i] = float(cells[i])
        except ValueError:
            bad.append(int(i))
            if give_up_after is not None and len(bad) > give_up_after:
                break
    return values, bad


def workbook_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """The first sheet of an Excel workbook, row by row with its row number, each cell as
    text (a whole number without ".0", a date as ISO 8601, an empty cell as "")."""
    import pandas as pd

    try:
        frame = pd.read_excel(path, sheet_name=0, header=None, dtype=object, na_filter=False,
                              engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a file that is no workbook
        raise DataError(QT_TRANSLATE_NOOP(
            "core", "cannot read {name} as an Excel workbook: {reason}"),
            name=path.name, reason=str(exc) or type(exc).__name__) from None
    for number, row in zip(frame.index, frame.itertuples(index=False, name=None),
                           strict=True):
        yield int(number) + 1, [_cell_text(value) for value in row]


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the spreadsheet shows it
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(
            value, "date") else value.isoformat()
        return text.removesuffix(" 00:00:00")
    return str(value)


# --------------------------------------------------------------------------- CSV with pandas


def _lines_of(text: str) -> Iterator[str]:
    """The text's lines with their endings, without copying it into a stream."""
    return (match.group() for match in _LINE.finditer(text))


def _header_of(text: str, delimiter: str) -> tuple[list[str], int, int] | None:
    """The header's cells (as read), the line it ends on and the offset in ``text`` just
    after it; None when the text has no non-blank record."""
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        for line in _lines_of(text):
            consumed += len(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                return cells, reader.line_num, consumed
    except csv.Error:
        return None
    return None


def read_table(path: Path, progress: Callable[[int, int], None] | None = None,
               should_stop: Callable[[], bool] | None = None) -> Table:
    """The table in a CSV file or a workbook's first sheet: read by pandas when it is
    well-formed, else by the csv-module reader, which names its problems (the header comes
    back as read, for the caller to name its problems among the others)."""
    if is_workbook(path):
        header, rows = _read_table(path, progress, should_stop, strict=False)
        return Table(path.name, header, rows)
    raw = _file_bytes(path)
    table = read_columns(path, raw, progress, should_stop)
    if table is not None:
        return table
    header, rows = _read_table(path, progress, should_stop, strict=False,
                               text=_text_of(raw, path.name))
    return Table(path.name, header, rows)


def read_columns(
    path: Path,
    raw: bytes,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Table | None:
    """The CSV file as a :class:`Table` read by pandas, or None when the csv-module reader
    must read it to name a problem (or to read a file pandas reads otherwise).

    ``raw`` is the file's bytes. Raises :class:`DataError` for a file that is no text or one
    with a header and no rows, :class:`LoadCancelled` when ``should_stop()`` turns true
    between two chunks."""
    text = _text_of(raw, path.name)  # the only reference: freed once the header is found
    delimiter = _delimiter(text)
    found = _header_of(text, delimiter)
    if found is None:
        return None  # empty (the csv-module reader says so) or not CSV the module reads
    cells, header_line, offset = found
    header = [cell.strip() for cell in cells]
    if header_problems(header, header_line):
        return None
    # pandas reads UTF-8 bytes: the file's own when it is UTF-8, else the text encoded.
    prefix = text[:offset]
    boms = 0
    while raw.startswith(_UTF8_BOM, boms):  # a file saved twice with a BOM has two
        boms += len(_UTF8_BOM)
    if _is_utf8_of(raw, boms, prefix):
        data, start = raw, boms + len(prefix.encode("utf-8"))
    else:
        data, start = text[offset:].encode("utf-8"), 0
    del text, prefix
    count = _every_line_a_row(data, start, delimiter, len(header))
    if count is not None:  # the usual file: no quotes, no blank or ragged lines
        lines, every_line = header_line + 1 + np.arange(count, dtype=np.int64), True
    else:
        lines, every_line = _scan(data, start, delimiter, len(header), header_line), False
        if lines is None:
            return None
    total_lines = header_line + data.count(b"\n", start) + 1  # as the csv-module reader
    read = _pandas_reader(data, start, delimiter, len(header))
    table = (_columns_table(path.name, header, lines, every_line, read, total_lines,
                            delimiter != ",", progress, should_stop) if len(lines) else None)
    rows = table.n_rows if table is not None else len(lines)
    if rows == 0:
        raise DataError(QT_TRANSLATE_NOOP("core", "{name} has a header but no data rows"),
                        name=path.name)
    return table


def _every_line_a_row(data: bytes, start: int, delimiter: str, width: int) -> int | None:
    """The number of lines after the header when each is a row of the header's width (or of
    separators only, which pandas reads as a row of blanks), else None.

    Whole-text counts, no pass in Python: without quotes every separator splits cells, so a
    total of (width - 1) separators per line means that every line has as many, unless one
    has more and another fewer; and pandas refuses a line with more (but the first: that it
    would read as an index, which is checked here)."""
    if data.find(b'"', start) >= 0 or _lone_carriage_return(data):
        return None
    sep = delimiter.encode()
    lines = data.count(b"\n", start)
    if len(data) > start and not data.endswith(b"\n"):
        lines += 1
    first_end = data.find(b"\n", start)
    first = data[start:first_end if first_end >= 0 else len(data)]
    if first.count(sep) != width - 1 or data.count(sep, start) != (width - 1) * lines:
        return None
    return lines


def _is_utf8_of(raw: bytes, boms: int, prefix: str) -> bool:
    """Whether ``raw`` after ``boms`` bytes is the UTF-8 encoding of a text that starts with
    ``prefix``."""
    encoded = prefix.encode("utf-8")
    return raw.startswith(encoded, boms) and _decodes_as_utf8(raw)


def _decodes_as_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _lone_carriage_return(data: bytes) -> bool:
    """Whether a line ends in a carriage return alone (old Mac files), which the csv module
    and pandas each split in their own way."""
    return data.find(b"\r") >= 0 and data.count(b"\r") != data.count(b"\r\n")


def _scan(data: bytes, start: int, delimiter: str, width: int,
          header_line: int) -> np.ndarray | None:
    """The line each data row ends on, skipping blank lines as the csv-module reader does;
    None when a row does not have the header's width (or the text is one pandas may split
    otherwise: quotes, a lone carriage return), for the csv-module reader to handle."""
    if data.find(b'"', start) >= 0 or _lone_carriage_return(data):
        return _scan_quoted(data, start, delimiter, width, header_line)
    sep = ord(delimiter)
    space = np.zeros(256, dtype=bool)  # bytes that ``str.strip`` removes
    space[list(_BLANK_BYTES)] = True
    space[sep] = False  # a tab that separates is counted as a separator, not as a space
    pieces: list[np.ndarray] = []
    first = header_line + 1  # the line the slice starts on
    # Slices of about 8 MB, cut after a newline, so that the temporaries stay small; counted
    # by positions: separators are a few per line, spaces seldom more than a carriage return.
    position, size = start, len(data)
    while position < size:
        end = data.find(b"\n", min(position + (8 << 20), size - 1))
        end = size if end < 0 else end + 1
        chunk = np.frombuffer(data, dtype=np.uint8, count=end - position, offset=position)
        ends = np.flatnonzero(chunk == 10)
        if not len(ends) or ends[-1] != len(chunk) - 1:
            ends = np.append(ends, len(chunk))  # the last line, without a newline
        starts = np.concatenate(([0], ends[:-1] + 1))
        seps = np.add.reduceat((chunk == sep).view(np.uint8), starts, dtype=np.int64)
        seps[ends == starts] = 0  # reduceat gives an empty line its next byte
        found = np.flatnonzero(chunk <= 32)  # few: a carriage return, spaces; then exact
        found = found[space[chunk[found]]]
        spaces = np.searchsorted(found, ends) - np.searchsorted(found, starts)
        kept = ends - starts > seps + spaces  # lines of separators and spaces are blank
        if np.any(seps[kept] != width - 1):
            return None  # ragged: the csv-module reader names it
        pieces.append(first + np.flatnonzero(kept))
        first += len(ends)
        position = end
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)


def _scan_quoted(data: bytes, start: int, delimiter: str, width: int,
                 header_line: int) -> np.ndarray | None:
    """:func:`_scan` for text with quotes, with the csv module (as the old reader)."""
    stream = io.TextIOWrapper(io.BytesIO(data[start:]), encoding="utf-8", newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    lines: list[int] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                return None
            lines.append(header_line + reader.line_num)
    except csv.Error:
        return None
    return np.array(lines, dtype=np.int64)


def _pandas_reader(data: bytes, start: int, delimiter: str,
                   width: int) -> Callable[..., object]:
    """``read(chunksize=None, usecols=None, as_text=False, nrows=None)``: pandas' C reader
    over the rows after the header."""

    def read(chunksize: int | None = None, usecols: list[int] | None = None,
             as_text: bool = False, nrows: int | None = None) -> object:
        import pandas as pd

        stream = io.BytesIO(data)
        stream.seek(start)
        return pd.read_csv(
            stream, sep=delimiter, header=None, names=list(range(width)), usecols=usecols,
            # Every cell as written: "" and "NA" are told apart as the csv-module reader did.
            na_filter=False, dtype=str if as_text else None,
            decimal="," if delimiter != "," else ".", engine="c", encoding="utf-8",
            quotechar='"', doublequote=True, skip_blank_lines=True, index_col=False,
            chunksize=chunksize, nrows=nrows)

    return read


def _columns_table(
    name: str,
    header: list[str],
    lines: np.ndarray,
    every_line: bool,
    read: Callable[..., object],
    total_lines: int,
    decimal_comma: bool,
    progress: Callable[[int, int], None] | None,
    should_stop: Callable[[], bool] | None,
) -> Table | None:
    """Read the rows chunk by chunk; a column of numbers keeps its values, any other its
    cells. ``lines`` are the rows' lines; with ``every_line``, of every line after the
    header, blank ones (",,,") among them."""
    import pandas as pd

    width = len(header)
    pieces: list[list[np.ndarray]] = [[] for _ in range(width)]
    numeric = [True] * width  # every chunk so far was read as finite numbers
    textual = [True] * width  # every chunk so far was read as text
    dropped: list[int] = []  # rows of only blank cells (",,,"), as pandas numbers them
    read_rows = 0
    chunk_rows = csv_table._PROGRESS_LINES  # read now: tests make it small
    try:
        for chunk in read(chunksize=chunk_rows):
            if should_stop is not None and should_stop():
                raise LoadCancelled(QT_TRANSLATE_NOOP("core", "reading {name} was stopped"),
                                    name=name)
            keep = None
            columns = [chunk.iloc[:, j] for j in range(width)]
            if all(c.dtype == object or isinstance(c.dtype, pd.StringDtype) for c in columns):
                blank = np.ones(len(chunk), dtype=bool)
                for column in columns:
                    blank &= (column.str.strip() == "").to_numpy(dtype=bool)
                if blank.any():
                    dropped.extend((read_rows + np.flatnonzero(blank)).tolist())
                    keep = ~blank
            for j, column in enumerate(columns):
                piece = _piece(column, keep)
                if piece.dtype == np.float64:
                    textual[j] = False
                    numeric[j] = numeric[j] and bool(np.isfinite(piece).all())
                else:
                    numeric[j] = False
                    textual[j] = textual[j] and piece.dtype == object
                pieces[j].append(piece)
            read_rows += len(chunk)
            if len(chunk) == chunk_rows and progress is not None:
                progress(read_rows, total_lines)
    except LoadCancelled:
        raise
    except (ValueError, pd.errors.ParserError):
        return None  # pandas splits the text otherwise than the csv module
    if every_line:  # the lines of blank cells are rows that pandas read, and were dropped
        if read_rows != len(lines):
            return None
        lines = np.delete(lines, dropped)
    elif read_rows - len(dropped) != len(lines):
        return None
    values: list[np.ndarray | None] = [None] * width
    cells: list[np.ndarray | None] = [None] * width
    for j in range(width):
        if numeric[j]:
            values[j] = np.concatenate(pieces[j])
        elif textual[j]:
            cells[j] = _text_cells(np.concatenate(pieces[j]), decimal_comma)
        pieces[j] = []

    def reread(columns: list[int], count: int | None = None) -> list[np.ndarray]:
        """The stripped cells of ``columns``; given ``count``, the cells as written (a preview)
        of the first ``count`` rows."""
        if not columns:
            return []
        gone = dropped if count is None else [i for i in dropped if i < count + len(dropped)]
        nrows = None if count is None else count + len(gone)
        frame = read(usecols=columns, as_text=True, nrows=nrows)
        texts = [frame[j].to_numpy(dtype=object) for j in columns]
        if gone:
            texts = [np.delete(text, [i for i in gone if i < len(text)]) for text in texts]
        return [_text_cells(text[:count], decimal_comma, strip=count is None)
                for text in texts]

    mixed = [j for j in range(width) if values[j] is None and cells[j] is None]
    if mixed:
        for j, text in zip(mixed, reread(mixed, None), strict=True):
            cells[j] = text
    return Table.of_columns(name, header, lines, cells, values, reread)


def _piece(column: object, keep: np.ndarray | None) -> np.ndarray:
    """A chunk of one column: float64 values when pandas read numbers, its cells (an object
    array of str) when it read text, else an int8 marker that the text must be read again
    (a huge integer, true/false)."""
    from pandas.api import types as pd_types

    dtype = column.dtype  # type: ignore[attr-defined]
    if dtype.kind in "iuf":
        piece = column.to_numpy(dtype=np.float64)  # type: ignore[attr-defined]
    elif dtype.kind == "O":  # object, or pandas' str dtype
        piece = column.to_numpy(dtype=object)  # type: ignore[attr-defined]
        if len(piece) and pd_types.infer_dtype(piece, skipna=False) != "string":
            piece = np.zeros(len(piece), dtype=np.int8)
    else:
        piece = np.zeros(len(column), dtype=np.int8)  # type: ignore[arg-type]
    return piece if keep is None else piece[keep]


def _text_cells(cells: np.ndarray, decimal_comma: bool, *, strip: bool = True) -> np.ndarray:
    """Cells stripped (if ``strip``); where ``decimal_comma``, numbers written with a decimal
    comma ("0,5", as European spreadsheets write them) with a decimal point instead."""
    if decimal_comma:
        cells = np.array([c.replace(",", ".") if "," in c and _DECIMAL_COMMA.match(c) else c
                          for c in cells], dtype=object)
    return _stripped(cells) if strip else cells
