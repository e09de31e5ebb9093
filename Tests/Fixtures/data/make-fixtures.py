#!/usr/bin/env python3
"""Writes the performance-book fixtures in this folder from the bundled example.

Run from the repository root:

    pip install XlsxWriter openpyxl          # PyPI
    apt-get install -y libreoffice-calc     # Debian
    python3 Tests/Fixtures/data/make-fixtures.py

The outputs are committed, so the tests need none of these programs. See README.md here
for what each file is and which writer made it.
"""
import csv
import datetime
import os
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
LONG = os.path.join(ROOT, "examples", "cheshire-east-2013.csv")

MONTHS = ["2013-04", "2013-05", "2013-06", "2013-07", "2013-08", "2013-09", "2013-10"]
# The wide CSV's header spells the months in the forms analysts use.
WIDE_HEADERS = ["Apr-13", "May-13", "June 2013", "2013-07", "August 2013", "Sep-13", "Oct-13"]


def read_long():
    """{(measure, series): {month: value text}}, in the order first seen."""
    book = {}
    with open(LONG, newline="") as f:
        for row in csv.DictReader(f):
            book.setdefault((row["measure"], row["series"]), {})[row["date"]] = row["value"]
    return book


def write_wide_csv(book):
    with open(os.path.join(HERE, "cheshire-east-wide.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["Measure", "Series"] + WIDE_HEADERS)
        for (measure, series), values in book.items():
            w.writerow([measure, series] + [values.get(m, "") for m in MONTHS])


def cell_value(text):
    """A CSV value as a workbook cell: (value, 'percent' | 'number' | 'text')."""
    if text.endswith("%"):
        return float(text[:-1]) / 100, "percent"
    try:
        return float(text), "number"
    except ValueError:
        return text, "text"


def write_xlsxwriter(book):
    """XlsxWriter: a notes sheet, a wide Actuals sheet under a merged title with
    date header cells, a formula with its cached value, an SN sheet with a series
    column, and an empty sheet."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.path.join(HERE, "cheshire-east-xlsxwriter.xlsx"))
    percent = wb.add_format({"num_format": "0.0%"})
    month = wb.add_format({"num_format": "mmm-yy", "bold": True})
    title = wb.add_format({"bold": True, "align": "center"})
    notes = wb.add_worksheet("Notes")
    notes.write("A1", "Performance book, Cheshire East, 2013/14")
    notes.write("A2", "Actuals and statistical neighbours are on the other sheets.")
    for name, rows in (("Actuals", [k for k in book if k[1] == ""]), ("SN", [k for k in book if k[1] != ""])):
        ws = wb.add_worksheet(name)
        with_series = name == "SN"
        first = 2 if with_series else 1
        ws.merge_range(0, 0, 0, first + len(MONTHS) - 1, "Cheshire East: " + name, title)
        ws.write(1, 0, "Measure")
        if with_series:
            ws.write(1, 1, "Series")
        for j, m in enumerate(MONTHS):
            y, mo = map(int, m.split("-"))
            ws.write_datetime(1, first + j, datetime.datetime(y, mo, 1), month)
        for i, key in enumerate(rows):
            r = i + 2
            ws.write_string(r, 0, key[0])
            if with_series:
                ws.write_string(r, 1, key[1])
            for j, m in enumerate(MONTHS):
                text = book[key].get(m)
                if text is None:
                    continue
                value, kind = cell_value(text)
                c = first + j
                if kind == "percent":
                    ws.write_number(r, c, value, percent)
                elif kind == "number" and key[0] == "1.5" and m == "2013-06":
                    # A formula, stored with the value Excel would cache for it.
                    ws.write_formula(r, c, "=10+9", None, value)
                elif kind == "number":
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, value)
    wb.add_worksheet("Empty")
    wb.close()


def write_openpyxl(book):
    """openpyxl: one long sheet (measure, date, value, series), dates as date cells
    shown as months, in the 1904 date system."""
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Long"
    ws.append(["measure", "date", "value", "series"])
    for (measure, series), values in book.items():
        for m in MONTHS:
            if m not in values:
                continue
            y, mo = map(int, m.split("-"))
            value, kind = cell_value(values[m])
            ws.append([measure, datetime.date(y, mo, 28), value, series or None])
            ws.cell(ws.max_row, 2).number_format = "mmm yyyy"
            if kind == "percent":
                ws.cell(ws.max_row, 3).number_format = "0.0%"
    wb.save(os.path.join(HERE, "cheshire-east-openpyxl.xlsx"))


def write_libreoffice():
    """LibreOffice Calc, headless: the XlsxWriter book opened and saved again as
    .xlsx by Calc's own writer (its styles, its shared strings, its XML).

    Not the wide CSV: opening that, Calc (en-US) reads the id 2.10 as the number
    2.1 and the header Apr-13 as 13 April of the current year, as it would for an
    analyst; plancheck then reports the unknown id at its cell."""
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "in", "cheshire-east-libreoffice.xlsx")
        os.makedirs(os.path.dirname(source))
        with open(os.path.join(HERE, "cheshire-east-xlsxwriter.xlsx"), "rb") as f, open(source, "wb") as g:
            g.write(f.read())
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", tmp, source],
                       check=True, capture_output=True)
        os.replace(os.path.join(tmp, "cheshire-east-libreoffice.xlsx"),
                   os.path.join(HERE, "cheshire-east-libreoffice.xlsx"))


def write_cell_types():
    """XlsxWriter in constant-memory mode (inline strings, not shared): every cell
    type, the 1900 leap-year quirk, errors with cached values."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.path.join(HERE, "cell-types.xlsx"), {"constant_memory": True})
    ws = wb.add_worksheet("Types")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    pct = wb.add_format({"num_format": "0%"})
    rows = [
        ("number", lambda r: ws.write_number(r, 1, 82.5)),
        ("integer", lambda r: ws.write_number(r, 1, 412)),
        ("percent", lambda r: ws.write_number(r, 1, 0.825, pct)),
        ("text", lambda r: ws.write_string(r, 1, "in progress")),
        ("comma", lambda r: ws.write_string(r, 1, 'say "hi", then')),
        ("true", lambda r: ws.write_boolean(r, 1, True)),
        ("false", lambda r: ws.write_boolean(r, 1, False)),
        ("na", lambda r: ws.write_formula(r, 1, "=NA()", None, "#N/A")),
        ("div0", lambda r: ws.write_formula(r, 1, "=1/0", None, "#DIV/0!")),
        ("date", lambda r: ws.write_datetime(r, 1, datetime.datetime(2013, 9, 30), day)),
        ("1900-02-28", lambda r: ws.write_number(r, 1, 59, day)),
        ("1900-03-01", lambda r: ws.write_number(r, 1, 61, day)),
        ("1900-02-29", lambda r: ws.write_number(r, 1, 60, day)),
        ("formula", lambda r: ws.write_formula(r, 1, "=2*3", None, 6)),
        ("string formula", lambda r: ws.write_formula(r, 1, '="a"&"b"', None, "ab")),
    ]
    ws.write_string(0, 0, "case")
    ws.write_string(0, 1, "cell")
    for i, (name, write) in enumerate(rows):
        ws.write_string(i + 1, 0, name)
        write(i + 1)
    ws.write_string(len(rows) + 3, 4, "far")  # a gap of rows and columns
    wb.close()


def write_bad_cells():
    """XlsxWriter: a wide sheet with cells plancheck must locate and report
    (a formula error, text that is no value, an unknown id, a polarity that
    disagrees with the plan) beside gap codes it must accept (c, #N/A)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.path.join(HERE, "bad-cells.xlsx"))
    ws = wb.add_worksheet("Actuals")
    pct = wb.add_format({"num_format": "0%"})
    month = wb.add_format({"num_format": "mmm-yy"})
    ws.write_string(0, 0, "Measure")
    ws.write_string(0, 1, "Polarity")
    for j in range(6):
        ws.write_datetime(0, 2 + j, datetime.datetime(2013, 4 + j, 1), month)
    ws.write_string(1, 0, "2.3")
    ws.write_string(1, 1, "higher")
    ws.write_number(1, 2, 0.80, pct)
    ws.write_number(1, 3, 0.82, pct)
    ws.write_string(1, 4, "c")
    ws.write_number(1, 5, 0.85, pct)
    ws.write_formula(1, 6, "=1/0", None, "#DIV/0!")
    ws.write_string(1, 7, "n/a")
    ws.write_string(2, 0, "3.2")
    ws.write_string(2, 1, "higher")
    ws.write_number(2, 2, 0.21, pct)
    ws.write_formula(2, 7, "=NA()", None, "#N/A")
    ws.write_string(3, 0, "9.9")
    ws.write_number(3, 2, 1)
    wb.close()


def write_two_row_header():
    """XlsxWriter: a header of two rows, as many books have: `Measure` and `Series`
    merged down over both, `2013/14` merged across its months (Jul, Aug, Sep:
    bare months, placed in the plan's period), and an id merged down over its
    actual and SN rows."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(os.path.join(HERE, "two-row-header.xlsx"))
    ws = wb.add_worksheet("Book")
    pct = wb.add_format({"num_format": "0.0%"})
    ws.merge_range("A1:A2", "Measure")
    ws.merge_range("B1:B2", "Series")
    ws.merge_range("C1:E1", "2013/14")
    for j, name in enumerate(["Jul", "Aug", "Sep"]):
        ws.write_string(1, 2 + j, name)
    ws.merge_range("A3:A4", "3.1a")
    ws.write_row(2, 2, [400, 410, 420])
    ws.write_string(3, 1, "sn")
    ws.write_row(3, 2, [390, 395, 400])
    ws.write_string(4, 0, "2.3")
    for j, v in enumerate([0.80, 0.85, 0.912]):
        ws.write_number(4, 2 + j, v, pct)
    wb.close()


def write_uncalculated():
    """openpyxl: a wide sheet whose September value is a formula. openpyxl does not
    calculate, so the file holds the formula and no result: plancheck must say so
    at the cell, not read an empty month."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Book"
    ws.append(["Measure", "Jul-13", "Aug-13", "Sep-13"])
    ws.append(["3.1a", 400, 410, "=C2+10"])
    wb.save(os.path.join(HERE, "uncalculated.xlsx"))


def write_sheet_shapes():
    """openpyxl: three books in shapes performance teams keep.

    rolling-year.xlsx: a rolling twelve months, `2023/24` merged over Oct to Mar
    and `2024/25` over Apr to Sep, the months bare: each month is its group's.
    formats.xlsx: an id kept as the number 1.1 in a `0.00` cell (the sheet shows
    1.10), and hours kept as times (`[h]:mm` and the built-in `h:mm`).
    formulas.xlsx: formulas without saved results (openpyxl does not calculate)
    in a title, a description and a YTD column, which are never read, and one
    in a month, which is."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Front door"
    ws["A1"] = "Ref"
    ws["B1"] = "2023/24"
    ws["H1"] = "2024/25"
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:G1")
    ws.merge_cells("H1:M1")
    months = ["Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep"]
    for i, month in enumerate(months):
        ws.cell(row=2, column=2 + i, value=month)
    values = [0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.80, 0.81, 0.82, 0.83, 0.84, 0.89]
    ws.cell(row=3, column=1, value="FD1")
    for i, v in enumerate(values):
        ws.cell(row=3, column=2 + i, value=v).number_format = "0%"
    wb.save(os.path.join(HERE, "rolling-year.xlsx"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Ref", "Apr-24", "May-24", "Jun-24"])
    ws.append([1.1, 0.5, 0.55, 0.6])
    ws.append(["FD6", 0.5, 0.625, 0.7])
    ws.append(["FD7", 0.25, 0.375, 0.5])
    ws["A2"].number_format = "0.00"
    for column in "BCD":
        ws[column + "2"].number_format = "0%"
        ws[column + "3"].number_format = "[h]:mm"
        ws[column + "4"].number_format = "h:mm"
    wb.save(os.path.join(HERE, "formats.xlsx"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Book"
    ws["A1"] = '="Front door "&"2024/25"'
    ws.append([])
    ws.append(["Ref", "Description", "Apr-24", "May-24", "Jun-24", "YTD", "Notes"])
    ws.append(["FD1", '=UPPER("decisions in a day")', 0.91, 0.92, "=D4+0.01", "=AVERAGE(C4:E4)", '=IF(E4>0.9,"on track","")'])
    for column in "CDEF":
        ws[column + "4"].number_format = "0%"
    wb.save(os.path.join(HERE, "formulas.xlsx"))


def write_tidy():
    """A DfE-shaped tidy file (Explore Education Statistics): time_period,
    time_identifier, geographic levels, la_name and value columns with the
    published suppression codes."""
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name",
              "region_code", "region_name", "new_la_code", "la_name", "re_referral_rate", "cin_rate"]
    rows = [
        ["201213", "Financial year", "National", "E92000001", "England", "", "", "", "", "24.9", "325.7"],
        ["201314", "Financial year", "National", "E92000001", "England", "", "", "", "", "23.4", "346.4"],
        ["201213", "Financial year", "Regional", "E92000001", "England", "E12000002", "North West", "", "",
         "25.1", "360.2"],
        ["201213", "Financial year", "Local authority", "E92000001", "England", "E12000002", "North West",
         "E06000049", "Cheshire East", "22.1", "c"],
        ["201314", "Financial year", "Local authority", "E92000001", "England", "E12000002", "North West",
         "E06000049", "Cheshire East", "z", "301.5"],
        ["201213", "Financial year", "Local authority", "E92000001", "England", "E12000002", "North West",
         "E06000050", "Cheshire West and Chester", "19.8", ":"],
    ]
    with open(os.path.join(HERE, "dfe-cin-tidy.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


if __name__ == "__main__":
    import sys
    if len(sys.argv) > 1:
        # Only the named fixtures, e.g. `make-fixtures.py two_row_header`: the
        # writers stamp the time into a workbook, so rewriting all churns them.
        for name in sys.argv[1:]:
            globals()["write_" + name]()
        sys.exit(0)
    book = read_long()
    write_wide_csv(book)
    write_xlsxwriter(book)
    write_openpyxl(book)
    write_libreoffice()
    write_cell_types()
    write_bad_cells()
    write_two_row_header()
    write_uncalculated()
    write_sheet_shapes()
    write_tidy()
