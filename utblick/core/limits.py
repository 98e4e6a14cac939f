"""Limits on what a request, an upload or an import may make the server read or unpack."""

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than REQUEST_MAX_BYTES, judged by its Content-Length,
    before Django reads a byte of it. (Django itself caps form fields in memory and the
    number of fields and files, but streams any amount of file data to disk.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Invalid Content-Length."), status=400)
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                _("The request is too large (at most %(mb)d MB).")
                % {"mb": settings.REQUEST_MAX_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def check_unpacked_size(upload, *, limit=None):
    """Refuse a zip-based upload (XLSX, DOCX) that would unpack to more than the limit.

    Reads only the archive's directory, so a zip bomb is refused without being unpacked.
    Raises ValidationError with a message for the user; rewinds the file afterwards.
    """
    limit = limit or settings.UNPACKED_UPLOAD_MAX_BYTES
    limits = InputLimits(packed_bytes=0, unpacked_bytes=limit, rows=0, cell_chars=0)
    try:
        check_zip(upload, limits)
    except InputRefused as refused:
        raise ValidationError(refused.message) from refused


# Limits of imported and uploaded files ---------------------------------------------------
#
# Every import reads its file streaming and stops at the first limit it reaches, with an
# error that says which limit and on which line, before anything is written.

MB = 1024 * 1024


@dataclass(frozen=True)
class InputLimits:
    """What one file may make the server read: bytes as uploaded (``packed_bytes``), bytes
    once unpacked (gzip, zip), data rows (or records), characters per cell and columns."""

    packed_bytes: int
    unpacked_bytes: int
    rows: int
    cell_chars: int
    columns: int = 100
    line_chars: int = 1_000_000


def input_limits(kind: str) -> InputLimits:
    """The limits of one kind of import: ``calls``, ``strategy`` or ``opendata``.

    Uploads from the staff pages are also capped by ``REQUEST_MAX_BYTES``; the operator's
    commands read larger open-data files. The byte limits never exceed the settings'."""
    unpacked = settings.UNPACKED_UPLOAD_MAX_BYTES
    if kind == "calls":
        return InputLimits(
            packed_bytes=settings.UPLOAD_MAX_BYTES,
            unpacked_bytes=min(unpacked, 50 * MB),
            rows=20_000,
            cell_chars=100_000,
        )
    if kind == "strategy":
        return InputLimits(
            packed_bytes=min(settings.UPLOAD_MAX_BYTES, 5 * MB),
            unpacked_bytes=min(unpacked, 50 * MB),
            rows=5_000,
            cell_chars=20_000,
        )
    if kind == "opendata":
        return InputLimits(
            packed_bytes=max(settings.UPLOAD_MAX_BYTES, 1024 * MB),
            unpacked_bytes=unpacked,
            rows=5_000_000,
            cell_chars=100_000,
        )
    raise ValueError(f"Unknown kind of import {kind!r}")


class InputRefused(Exception):
    """A file over a limit or unreadable; ``line`` is where (None for the whole file)."""

    def __init__(self, message, line=None):
        super().__init__(str(message))
        self.message = str(message)
        self.line = line

    def as_error(self) -> dict:
        return {"line": self.line, "message": self.message}


def check_packed_size(size: int, limits: InputLimits) -> None:
    if size > limits.packed_bytes:
        raise InputRefused(
            _("The file is %(mb)s MB, more than the %(limit)s MB allowed.")
            % {"mb": _megabytes(size), "limit": _megabytes(limits.packed_bytes)}
        )


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",").replace(",0", "")


def _unpacked_refused(limit: int) -> InputRefused:
    return InputRefused(
        _("The file unpacks to more than the %(limit)s MB allowed.") % {"limit": limit // MB}
    )


def gunzip(data: bytes, limits: InputLimits) -> bytes:
    """The unpacked bytes of gzip data, read in pieces: a bomb is refused as soon as it
    passes the limit, without unpacking the rest (nor holding more than the limit)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        unpacked = stream.read(limits.unpacked_bytes + 1)
    if len(unpacked) > limits.unpacked_bytes:
        raise _unpacked_refused(limits.unpacked_bytes)
    return unpacked


def check_zip(source, limits: InputLimits) -> None:
    """Refuse a zip-based file (XLSX, DOCX) that would unpack to more than the limit, by
    its directory alone. (A member that unpacks to more than its directory says fails its
    CRC check when read, so the directory's sizes bound what is read.)"""
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InputRefused(_("The file is not a valid spreadsheet (zip) file.")) from exc
    finally:
        if position is not None:
            source.seek(position)
    if unpacked > limits.unpacked_bytes:
        raise InputRefused(
            _("The file unpacks to %(mb)d MB, more than the %(limit)d MB allowed.")
            % {"mb": unpacked // MB, "limit": limits.unpacked_bytes // MB}
        )


def check_cells(values, *, line: int, limits: InputLimits) -> None:
    """Refuse a row with too many cells, a too long cell or a NUL character."""
    if len(values) > limits.columns:
        raise InputRefused(
            _("Line %(line)s has more than %(max)s columns.")
            % {"line": line, "max": limits.columns},
            line,
        )
    for value in values:
        if not isinstance(value, str):
            continue
        if len(value) > limits.cell_chars:
            raise InputRefused(
                _("Line %(line)s has a cell longer than %(max)s characters.")
                % {"line": line, "max": f"{limits.cell_chars:_}".replace("_", "\u00a0")},
                line,
            )
        if "\x00" in value:
            raise InputRefused(
                _("Line %(line)s contains a NUL character (the file is not plain text).")
                % {"line": line},
                line,
            )


def _too_many_rows(limits: InputLimits, line: int) -> InputRefused:
    return InputRefused(
        _("The file has more than %(max)s rows.")
        % {"max": f"{limits.rows:_}".replace("_", "\u00a0")},
        line,
    )


def limited_lines(handle, limits: InputLimits):
    """The lines of an open text file for ``csv.reader``, each read with a length limit (a
    file without line breaks is not read whole into memory)."""
    number = 0
    while True:
        line = handle.readline(limits.line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.line_chars:
            raise InputRefused(
                _("Line %(line)s is longer than %(max)s characters.")
                % {"line": number, "max": f"{limits.line_chars:_}".replace("_", "\u00a0")},
                number,
            )
        yield line


def count_lines(path) -> int:
    """The number of lines of a file, read in pieces of 1 MB."""
    with open(path, "rb") as handle:
        return sum(piece.count(b"\n") for piece in iter(lambda: handle.read(MB), b""))


def check_csv_header(reader, limits: InputLimits) -> None:
    """Read and check the header of a ``csv.DictReader`` (line 1)."""
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise _malformed(1) from exc
    if header:
        check_cells(header, line=1, limits=limits)


def csv_rows(reader, limits: InputLimits):
    """Rows of a ``csv.reader`` or ``csv.DictReader`` as (line number, row), checked one by
    one: malformed CSV, too many rows, too long cells and NUL characters stop the reading
    with the line number. The header (read first by a DictReader) is checked too."""
    header = None
    if isinstance(reader, csv.DictReader):
        check_csv_header(reader, limits)
        header = reader.fieldnames
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _malformed(reader.line_num) from exc
        rows += 1
        if rows > limits.rows + (0 if header is not None else 1):
            raise _too_many_rows(limits, reader.line_num)
        values = row if isinstance(row, list) else _dict_values(row)
        check_cells(values, line=reader.line_num, limits=limits)
        yield reader.line_num, row


def _dict_values(row: dict) -> list:
    values = []
    for value in row.values():
        values.extend(value if isinstance(value, list) else [value])
    return values


def _malformed(line: int) -> InputRefused:
    return InputRefused(
        _(
            "Line %(line)s is not valid CSV (e.g. a quotation mark that is never closed or a "
            "cell that is too long)."
        )
        % {"line": line},
        line,
    )


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def check_sheet_size(source, limits: InputLimits) -> None:
    """Refuse a workbook whose first sheet states more rows or columns than the limits, or
    states no size at all, by the sheet's ``<dimension>`` (read from the start of the sheet).

    openpyxl reads a sheet without a dimension whole when it opens it (to learn its size),
    however few rows are then read; with one it stops reading at the stated last row."""
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            ref = _dimension(archive, _first_sheet(archive))
    except (KeyError, IndexError, ElementTree.ParseError, zipfile.BadZipFile) as exc:
        raise InputRefused(_("The file is not a readable XLSX workbook.")) from exc
    finally:
        if position is not None:
            source.seek(position)
    if ref is None:
        raise InputRefused(
            _(
                "The workbook does not state the size of its first sheet. Open it in Excel "
                "or LibreOffice and save it again."
            )
        )
    try:
        _min_col, _min_row, max_col, max_row = range_boundaries(ref)
    except (TypeError, ValueError) as exc:
        raise InputRefused(_("The file is not a readable XLSX workbook.")) from exc
    if max_row is not None and max_row > limits.rows + 1:
        raise _too_many_rows(limits, None)
    if max_col is not None and max_col > limits.columns:
        raise InputRefused(_("The sheet has more than %(max)s columns.") % {"max": limits.columns})


# The XML of a workbook is parsed with the standard library's expat, as openpyxl parses it
# when defusedxml is not installed: expat 2.4.1 and later refuse entity-expansion bombs and
# never fetch external entities, and the sizes read are bounded by check_zip.


def _first_sheet(archive) -> str:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    relation = sheet.get(f"{_RELATIONSHIPS}id")
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    for item in relations:
        if item.get("Id") == relation:
            target = item.get("Target")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError(relation)


def _dimension(archive, path: str) -> str | None:
    """The sheet's stated range (``A1:G200``), read only up to the start of its data."""
    with archive.open(path) as stream:
        for _event, element in ElementTree.iterparse(stream, events=("start",)):  # noqa: S314
            if element.tag == f"{_MAIN}dimension":
                return element.get("ref")
            if element.tag == f"{_MAIN}sheetData":
                return None
    return None


def xlsx_rows(source, limits: InputLimits):
    """The rows of an XLSX workbook's first sheet as (line number, values), read streaming
    after its unpacked size is checked; line 1 is the header. Stops at the first limit."""
    from openpyxl import load_workbook

    check_zip(source, limits)
    check_sheet_size(source, limits)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:
        raise InputRefused(_("The file is not a readable XLSX workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        for line, values in enumerate(rows, start=1):
            if line > limits.rows + 1:
                raise _too_many_rows(limits, line)
            check_cells(values, line=line, limits=limits)
            yield line, values
    finally:
        workbook.close()
