import csv
import re

import openpyxl

from .factories import DATA

CLIMATE = re.compile(r"(^|\W)climat", re.IGNORECASE)
ADAPT = re.compile(r"(^|\W)adapt", re.IGNORECASE)


def import_all():
    from ..importers import IMPORTERS

    for kind, name in [
        ("cordis-projects", "cordis-h2020-projects.xlsx"),
        ("cordis-projects", "cordis-fp7-projects.xlsx"),
        ("cordis-participations", "cordis-participations.csv"),
        ("interreg", "interreg-partners.json"),
        ("twin-towns", "twin-towns.csv"),
    ]:
        IMPORTERS[kind](DATA / name).run()


def raw_climate_adaptation_counts() -> dict:
    """From the raw files, independently of the importers: {organisation key: number of
    projects about climate adaptation}, where a project is about it when its title, acronym,
    theme or topic has a word starting with "climat" and one starting with "adapt"."""
    texts = {}
    for name, number_column in [
        ("cordis-h2020-projects.xlsx", "Project Nbr"),
        ("cordis-fp7-projects.xlsx", "Project Nbr"),
    ]:
        sheet = openpyxl.load_workbook(DATA / name, read_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows)
        for row in rows:
            record = dict(zip(header, row, strict=False))
            texts[str(record[number_column])] = " ".join(
                str(record.get(c) or "")
                for c in (
                    "Project Title",
                    "Project Acronym",
                    "Thema",
                    "Thematic Priority Descr",
                    "Topic description",
                    "Topic Description",
                )
            )
    counts = {}
    with open(DATA / "cordis-participations.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = " ".join(
                [
                    texts.get(row["project_id"], ""),
                    row["project_acronym"],
                    row["thematic_priority"],
                    row["topic_description"],
                ]
            )
            if CLIMATE.search(text) and ADAPT.search(text):
                key = row["pic"] if row["pic"] != "NA" else row["legal_name"]
                counts.setdefault(key, set()).add(row["project_id"])
    import json

    for record in json.loads((DATA / "interreg-partners.json").read_text(encoding="utf-8")):
        text = " ".join([record["projektnamn"], record.get("specifiktmal") or ""])
        if CLIMATE.search(text) and ADAPT.search(text):
            key = record["organisationsnamn"]
            counts.setdefault(key, set()).add((record["program"], record["projektnamn"]))
    return {key: len(projects) for key, projects in counts.items()}
