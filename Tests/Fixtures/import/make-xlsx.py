#!/usr/bin/env python3
"""Writes plan-table.xlsx and blank-cells.xlsx, the workbook cases of the import tests, with openpyxl.

Run from the repository root:

    pip install openpyxl
    python3 Tests/Fixtures/import/make-xlsx.py

The output is committed, so the tests need neither Python nor openpyxl. It is the action plan
of action-plan.tsv as a council keeps it in Excel: a cover sheet first, the title merged across
the table, the area of improvement and a lead merged down over their rows (so the cells below
the first are blank, as Excel stores a merge), a line break inside a cell, a real date cell,
a percent-formatted number and a formula with no saved result.
"""
import datetime
import os

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))

book = Workbook()
cover = book.active
cover.title = "Cover"
cover["A1"] = "Children's Social Care: improvement action plan (see the next sheet)"

sheet = book.create_sheet("Action plan")
sheet["A1"] = "Children's Social Care Improvement Action Plan 2011/12"
sheet.merge_cells("A1:G1")
header = ["Area for improvement", "Ref", "Action", "Person Responsible", "Timescale", "Success criteria", "Progress"]
for column, text in enumerate(header, start=1):
    sheet.cell(row=3, column=column, value=text)

rows = [
    ["Strengthen management oversight of casework", "1.1", "Introduce monthly case file audits by team managers",
     "Head of Service (Safeguarding)", datetime.date(2012, 3, 31),
     "No less than 85% of audited cases rated adequate or better", "Dec 2011: audit programme started; 40 cases audited"],
    [None, "1.2", "Deliver supervision training to all team managers", None, "With immediate effect",
     "100% of team managers trained", None],
    [None, "1.3", "Review the caseload weighting tool", "Principal Social Worker", "within next 3 months",
     "Average caseload does not exceed 18", None],
    ["Improve the timeliness of assessments", "2.1", "Daily screening of contacts by a senior practitioner",
     "Assistant Director (Children's Social Care)", "September",
     "Initial assessments completed\nwithin 7 working days: 80% or more", None],
    [None, "2.2", "Agree step-down arrangements with early help", None, "ongoing", 0.9, None],
]
for r, values in enumerate(rows, start=4):
    for c, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=r, column=c, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = "dd/mm/yyyy"
        elif isinstance(value, float):
            cell.number_format = "0%"
        elif isinstance(value, str) and "\n" in value:
            cell.alignment = Alignment(wrap_text=True)
# A formula openpyxl cannot calculate: no saved result, so the reader says so at its cell.
sheet["G8"] = '="Jan 2012: "&"protocol signed by partners"'
sheet.merge_cells("A4:A6")
sheet.merge_cells("D4:D5")
sheet.merge_cells("A7:A8")
sheet.merge_cells("D7:D8")

notes = book.create_sheet("Notes")
notes["A1"] = "RAG key"
notes["A2"] = "Red: off track"

book.save(os.path.join(HERE, "plan-table.xlsx"))

# blank-cells.xlsx: blank cells with no merge, which a workbook shows to be blank
# (not the rest of a merged cell, as in a table saved as text), so nothing is
# carried into them; one merge, which is; a formula with no saved result, which
# is not blank; criteria whose deadline or population is in their own words.
blanks = Workbook()
sheet = blanks.active
sheet.title = "Plan"
sheet.append(["Ref", "Action", "Lead Officer", "Timescale", "Success Criteria"])
sheet.append(["1.1", "Daily screening\nmeeting", "Head of MASH", datetime.date(2015, 3, 31),
              "No less than 85% of contacts screened within 1 working day"])
sheet.append(["1.2", "Audit", None, None, "At least 80% of audits graded good"])
sheet.append(["1.3", "Merged lead", "Head of CIN", datetime.date(2015, 6, 30), "No more than 10% by end of Q2"])
sheet.append(["1.4", "Under the merge", None, datetime.date(2015, 3, 31),
              "The number of CIN cases open more than 12 months reduced by 25%"])
sheet.merge_cells("C4:C5")
sheet.append(["1.5", "Formula due", "Head of CP", "=DATE(2015,6,30)", "At least 70% within 6 months"])
sheet["B2"].alignment = Alignment(wrap_text=True)
blanks.save(os.path.join(HERE, "blank-cells.xlsx"))

# two-row-header.xlsx: the header over two rows, as councils lay out a plan
# table in Excel: "Delivery" merged across the three columns it groups, whose
# own headings sit on the row below; the area and ref headings merged down
# over both rows (so the second row's cells under them are blank).
grouped = Workbook()
sheet = grouped.active
sheet.title = "Improvement plan"
sheet["A1"] = "Area for improvement"
sheet["B1"] = "Ref"
sheet["C1"] = "Action"
sheet["D1"] = "Delivery"
sheet["G1"] = "Progress"
sheet.merge_cells("A1:A2")
sheet.merge_cells("B1:B2")
sheet.merge_cells("C1:C2")
sheet.merge_cells("D1:F1")
sheet.merge_cells("G1:G2")
sheet["D2"] = "Lead Officer"
sheet["E2"] = "Timescale"
sheet["F2"] = "Success measure"
sheet.append(["Timeliness of assessments", "1.1", "Introduce a daily tracker", "Head of Assessment",
              datetime.date(2014, 9, 30), "90% of assessments completed within 45 working days", None])
sheet.append([None, "1.2", "Weekly performance clinic", "Head of Assessment", datetime.date(2014, 10, 31),
              "No more than 5% of assessments over 60 days", "Clinics started in July"])
sheet.merge_cells("A3:A4")
sheet.append(["Supervision", "2.1", "Audit supervision files", "Principal Social Worker", datetime.date(2014, 12, 31),
              "At least 80% of files rated good", None])
grouped.save(os.path.join(HERE, "two-row-header.xlsx"))
