"""The layout of an XLSX sheet (openpyxl): a title row, a header row, widths that fit, number
formats, wrapped text and rows as tall as it, frozen panes, a filter, the print setup; every
string stored as text.

:mod:`seatmap.export` decides what goes on each sheet; this module how a sheet looks.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet  # openpyxl has no stubs: Any

__all__ = ["FORMULA_STARTS", "cells_as_text", "fill_sheet", "keep_carriage_returns",
           "print_setup"]


def fill_sheet(ws: Worksheet, headers: list[str], rows: Sequence[Sequence[Any]],
               decimals: Sequence[int | None], widths: Sequence[int | None], freeze_col: int,
               exact: bool = False, heading: str | None = None,
               wrap: Sequence[bool] | None = None) -> None:
    """Title row (``heading``), header row, rows, number formats, frozen panes, filter and
    widths that fit; ``wrap`` columns wrap every cell at their width.

    Parameters
    ----------
    ws : openpyxl worksheet
        An empty sheet.
    headers, rows : sequences
        The header row and the rows (cell values).
    decimals : sequence of int or None
        Per column: the places a number is shown to (None: as it is).
    widths : sequence of int or None
        Per column: the widest it may grow (None: 48 characters); longer text wraps.
    freeze_col : int
        The first column not frozen (1-based); the rows above the first data row are frozen.
    exact : bool, default False
        The Data sheet: every number column shown to two places (``0.00``).
    heading : str, optional
        A bold title row above the header row, merged across the table.
    wrap : sequence of bool, optional
        Per column: wrap every cell at exactly its width (the reason).
    """
    top = _title_row(ws, heading, len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(list(row))
    _header_row(ws, top, freeze_col, len(headers), len(rows))
    wrap = list(wrap or [False] * len(headers))
    lines = 1
    for i, header in enumerate(headers):
        width = _fit_column(ws, i, header, [r[i] for r in rows[:500]], decimals[i], widths[i],
                            wrap[i], exact=exact, top=top)
        lines = max(lines, -(-len(str(header)) // max(width - 1, 1)))
    ws.row_dimensions[top].height = 15 * min(lines, 4)
    _wrapped_rows(ws, rows, top, widths, [i for i in range(len(headers)) if wrap[i] and widths[i]])
    if heading:
        _title_height(ws, heading, len(headers))


def _title_row(ws: Worksheet, heading: str | None, columns: int) -> int:
    """Write ``heading`` as a bold title row across the table; return the header row's number."""
    if not heading:
        return 1
    from openpyxl.styles import Alignment, Font

    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(vertical="top", wrap_text=True)
    if columns > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    return 2


def _header_row(ws: Worksheet, top: int, freeze_col: int, columns: int, rows: int) -> None:
    """Style the header row (row ``top``), freeze the panes under it, filter the rows."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="1F3A5F")
    for cell in ws[top]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{top + 1}"
    if rows:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(columns)}{top + rows}"


def _number_format(decimals: int | None, exact: bool) -> str | None:
    """The number format of a column shown to ``decimals`` places (``exact``: the Data sheet)."""
    if decimals is None:
        return None
    if exact:
        return "0.00"
    return "#,##0" if decimals == 0 else f"0.{'0' * decimals}"


def _shown_lengths(values: Iterable[Any], decimals: int | None) -> list[int]:
    """The length of each value as displayed (numbers to ``decimals`` places), blanks left out."""
    return [len(f"{v:,.{decimals}f}") if decimals is not None and isinstance(v, int | float)
            else len(str(v)) for v in values if v is not None]


def _column_width(header: object, shown: list[int], width: int | None, wrap: bool) -> int:
    """A width that fits the header's longest word and the values ``shown``, at most ``width``
    (48 without one); a ``wrap`` column is exactly its ``width``."""
    longest_word = max((len(w) for w in str(header).split()), default=4)
    fit = max([longest_word + 1, *[n + 1 for n in shown]])
    fit = max(fit, min(len(str(header)), 14))
    fit = min(fit + 1, width or 48)
    return width if wrap and width else fit


def _fit_column(ws: Worksheet, i: int, header: object, sample: Sequence[Any],
                decimals: int | None, width: int | None, wrap: bool, *, exact: bool, top: int) -> int:
    """Size column ``i`` to its header and ``sample`` values, give its cells their number format
    and wrap them where they are longer than ``width``; return the width."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    fmt = _number_format(decimals, exact)
    shown = _shown_lengths(sample, decimals)
    fitted = _column_width(header, shown, width, wrap)
    ws.column_dimensions[get_column_letter(i + 1)].width = fitted
    wraps = wrap or (width is not None and any(n > width for n in shown))
    if fmt or wraps:
        for (cell,) in ws.iter_rows(min_row=top + 1, min_col=i + 1, max_col=i + 1):
            if fmt:
                cell.number_format = fmt
            if wraps:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return fitted


def _wrapped_rows(ws: Worksheet, rows: Sequence[Sequence[Any]], top: int,
                  widths: Sequence[int | None], wrapped: list[int]) -> None:
    """Rows as tall as their text in the ``wrapped`` columns (spreadsheets do not grow them on
    open), every other cell aligned to the top beside them."""
    if not wrapped:
        return
    from openpyxl.styles import Alignment

    top_align = Alignment(vertical="top")
    for row in ws.iter_rows(min_row=top + 1):
        for cell in row:
            if not cell.alignment.wrap_text:
                cell.alignment = top_align
    for r, row in enumerate(rows, start=top + 1):
        # a wrapped column has a width (`or 0` only tells the type checker so)
        n = max(-(-len(str(row[i] or "")) // max((widths[i] or 0) - 2, 1)) for i in wrapped)
        if n > 1:
            ws.row_dimensions[r].height = 15 * n


def _title_height(ws: Worksheet, heading: str, columns: int) -> None:
    """The title row tall enough for ``heading`` across the table's width (up to 3 lines)."""
    from openpyxl.utils import get_column_letter

    total = sum(ws.column_dimensions[get_column_letter(i + 1)].width or 10
                for i in range(columns))
    ws.row_dimensions[1].height = 18 * min(-(-len(heading) // max(int(total * 0.9), 1)), 3)


def print_setup(ws: Worksheet, frozen: int) -> None:
    """Print the people's sheet for a meeting: landscape A4, fitted to one page wide (as many
    pages long as it takes), narrow margins, the title and header rows repeated on every page.

    (No repeated columns: the sheet is one page wide, and LibreOffice counts repeated columns
    twice when it fits a sheet to the page width.)"""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_options.gridLines = True
    ws.print_title_rows = "1:2"
    del frozen  # the frozen columns are for the screen only


#: A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells_as_text(ws: Worksheet) -> None:
    """Store every string in ``ws`` as text: no cell becomes a formula (OWASP CSV injection)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True


def keep_carriage_returns(path: Path) -> None:
    """Write carriage returns in cell text as ``&#13;`` so XML readers do not turn them into newlines."""
    with zipfile.ZipFile(path) as zin:
        parts = [(info, zin.read(info)) for info in zin.infolist()]
    if not any(b"\r" in data for info, data in parts if info.filename.startswith("xl/worksheets/")):
        return
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"\r", b"&#13;")
            zout.writestr(info, data)
