"""Read call files: the EU Funding & Tenders topic format and Vinnova's open-data format.

Both give a list of :class:`ParsedCall`; malformed input raises :class:`ParseError` with
every problem and its position (line, record). Nothing is written here.
"""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from utblick.core.limits import InputRefused, check_packed_size, gunzip, input_limits

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# EU deadlines are at 17:00 Brussels time unless the call states otherwise.
EU_DEADLINE_TIME = datetime.time(17, 0)
STATUSES = {"open", "forthcoming", "closed"}
DEADLINE_MODELS = {"single-stage", "two-stage", "multiple cut-off"}

# Mojibake (UTF-8 read as Windows-1252) seen in the portal's texts.
_MOJIBAKE = {
    "â€“": "–",
    "â€”": "—",
    "â€™": "’",
    "â€˜": "‘",
    "â€œ": "“",
    "â€\x9d": "”",
    "â€": "”",
    "â€¦": "…",
    "Â ": " ",
    "Â": "",
}


class ParseError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(e["message"] for e in errors[:3]))
        self.errors = errors


@dataclass
class ParsedCall:
    identifier: str
    title: str
    status: str
    deadlines: list[tuple[datetime.datetime, str]]
    call_identifier: str = ""
    programme_name: str = ""
    action_type: str = ""
    opening_date: datetime.date | None = None
    deadline_model: str = "single-stage"
    budget_min: int | None = None
    budget_max: int | None = None
    currency: str = "EUR"
    expected_grants: int | None = None
    description: str = ""
    keywords: str = ""
    url: str = ""
    language: str = "en"
    extra: dict = field(default_factory=dict)
    # Where the call begins in its file (None when the format cannot tell): for the messages
    # about it, not part of its content.
    line: int | None = None

    def content(self) -> dict:
        data = dict(self.__dict__)
        data["deadlines"] = [(due.isoformat(), label) for due, label in self.deadlines]
        data["opening_date"] = self.opening_date.isoformat() if self.opening_date else None
        data.pop("extra")
        data.pop("line")
        return data


def fix_text(text) -> str:
    """Undo the portal's mojibake and collapse whitespace."""
    text = str(text or "").replace("\x00", "")
    if "â" in text or "Â" in text:
        try:
            text = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            for bad, good in _MOJIBAKE.items():
                text = text.replace(bad, good)
    return re.sub(r"[ \t]+", " ", text).strip()


def safe_url(value) -> str:
    """Only http(s) links are kept (a source cannot inject javascript: links)."""
    value = str(value or "").strip()
    return value[:500] if value.startswith(("https://", "http://")) else ""


def read_text(data: bytes) -> str:
    """The file's text; gzip is unpacked in pieces and refused past the unpacked limit."""
    limits = input_limits("calls")
    check_packed_size(len(data), limits)
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limits)
    elif len(data) > limits.unpacked_bytes:
        raise InputRefused(
            _("The file unpacks to more than the %(limit)s MB allowed.")
            % {"limit": limits.unpacked_bytes // (1024 * 1024)}
        )
    return data.decode("utf-8-sig")


def detect(text: str) -> str:
    """``eu`` for concatenated topic objects, ``vinnova`` for a JSON array of calls."""
    start = text.lstrip()[:1]
    if start == "[":
        return "vinnova"
    if start == "{":
        return "eu"
    raise ParseError([{"line": 1, "message": _("This is not a call file (JSON expected).")}])


def parse(data: bytes) -> tuple[str, list[ParsedCall]]:
    try:
        text = read_text(data)
    except InputRefused as refused:
        raise ParseError([refused.as_error()]) from refused
    except (UnicodeDecodeError, OSError, EOFError) as exc:
        raise ParseError(
            [{"line": None, "message": _("The file cannot be read: %s") % exc}]
        ) from exc
    source = detect(text)
    return source, (parse_eu(text) if source == "eu" else parse_vinnova(text))


def _date(value, what, errors, where, line):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        errors.append(
            {
                "line": line,
                "message": _("%(where)s: %(what)s “%(value)s” is not a date (YYYY-MM-DD).")
                % {"where": where, "what": what, "value": value},
            }
        )
        return None


def _int(value):
    if value in (None, ""):
        return None
    return int(value)


def _too_many_records(limit: int) -> dict:
    return {
        "line": None,
        "message": _("The file has more than %(max)s calls.")
        % {"max": f"{limit:_}".replace("_", "\u00a0")},
    }


def parse_eu(text: str) -> list[ParsedCall]:
    """Concatenated JSON topic objects (no separators needed), as the portal's search API."""
    decoder = json.JSONDecoder()
    calls, errors, seen = [], [], set()
    offset, number = 0, 0
    line, counted = 1, 0
    max_records = input_limits("calls").rows
    while True:
        while offset < len(text) and text[offset] in " \t\r\n,":
            offset += 1
        if offset >= len(text):
            break
        number += 1
        if number > max_records:
            raise ParseError([_too_many_records(max_records)])
        # Counted on from the previous record (counting from the start each time would
        # take quadratic time on a large file).
        line += text.count("\n", counted, offset)
        counted = offset
        try:
            record, offset = decoder.raw_decode(text, offset)
        except json.JSONDecodeError as exc:
            errors.append(
                {
                    "line": exc.lineno,
                    "message": _(
                        "Record %(n)s: broken JSON at line %(line)s, column %(col)s "
                        "(character %(pos)s): %(msg)s"
                    )
                    % {
                        "n": number,
                        "line": exc.lineno,
                        "col": exc.colno,
                        "pos": exc.pos,
                        "msg": exc.msg,
                    },
                }
            )
            break
        where = _("Record %(n)s (%(id)s)") % {"n": number, "id": record.get("topicId", "?")}
        call = _eu_record(record, where, line, errors)
        if call is None:
            continue
        if call.identifier in seen:
            errors.append(
                {
                    "line": line,
                    "message": _("%(where)s: the identifier appears twice.") % {"where": where},
                }
            )
        seen.add(call.identifier)
        calls.append(call)
    if errors:
        raise ParseError(errors)
    if not calls:
        raise ParseError([{"line": 1, "message": _("The file contains no calls.")}])
    return calls


def _eu_record(record, where, line, errors):
    if not isinstance(record, dict):
        errors.append(
            {"line": line, "message": _("%(where)s is not an object.") % {"where": where}}
        )
        return None
    missing = [key for key in ("topicId", "title", "callStatus", "deadline") if not record.get(key)]
    if missing:
        errors.append(
            {
                "line": line,
                "message": _("%(where)s: missing %(fields)s.")
                % {"where": where, "fields": ", ".join(missing)},
            }
        )
        return None
    status = str(record["callStatus"]).lower()
    if status not in STATUSES:
        errors.append(
            {
                "line": line,
                "message": _("%(where)s: unknown status “%(status)s”.")
                % {"where": where, "status": record["callStatus"]},
            }
        )
        return None
    deadlines = []
    for value in str(record["deadline"]).replace(";", ",").split(","):
        day = _date(value.strip(), _("deadline"), errors, where, line)
        if day:
            due = datetime.datetime.combine(day, EU_DEADLINE_TIME, tzinfo=BRUSSELS)
            deadlines.append((due, ""))
    if not deadlines:
        return None
    model = record.get("deadlineModel") or "single-stage"
    try:
        budget_min, budget_max = _int(record.get("budgetMin")), _int(record.get("budgetMax"))
        expected = _int(record.get("expectedGrants"))
    except (TypeError, ValueError):
        errors.append(
            {"line": line, "message": _("%(where)s: budget is not a number.") % {"where": where}}
        )
        return None
    return ParsedCall(
        identifier=fix_text(record["topicId"]),
        call_identifier=fix_text(record.get("callIdentifier")),
        title=fix_text(record["title"])[:400],
        status=status,
        deadlines=deadlines,
        programme_name=fix_text(record.get("programme")),
        action_type=fix_text(record.get("actionType") or record.get("typesOfAction"))[:120],
        deadline_model=model if model in DEADLINE_MODELS else "single-stage",
        budget_min=budget_min,
        budget_max=budget_max,
        expected_grants=expected,
        description=fix_text(record.get("description")),
        keywords=fix_text(record.get("keywords")),
        url=safe_url(record.get("portalUrl")),
        language="en",
        line=line,
    )


def parse_vinnova(text: str) -> list[ParsedCall]:
    """Vinnova's open data (data.vinnova.se, "utlysningar"): a JSON array of calls, each with
    its application rounds (``Ansokningsomgangar``); times are Swedish local time."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            [
                {
                    "line": exc.lineno,
                    "message": _("Broken JSON at line %(line)s, column %(col)s: %(msg)s")
                    % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
                }
            ]
        ) from exc
    max_records = input_limits("calls").rows
    if isinstance(records, list) and len(records) > max_records:
        raise ParseError([_too_many_records(max_records)])
    calls, errors = [], []
    for number, record in enumerate(records, start=1):
        where = _("Record %(n)s (%(id)s)") % {
            "n": number,
            "id": record.get("Diarienummer", "?") if isinstance(record, dict) else "?",
        }
        if (
            not isinstance(record, dict)
            or not record.get("Diarienummer")
            or not record.get("Titel")
        ):
            errors.append(
                {
                    "line": None,
                    "message": _("%(where)s: missing Diarienummer or Titel.") % {"where": where},
                }
            )
            continue
        rounds = record.get("Ansokningsomgangar") or []
        deadlines, opening = [], None
        for item in rounds:
            closes = item.get("Stangningsdatum")
            try:
                due = datetime.datetime.fromisoformat(closes) if closes else None
            except ValueError:
                errors.append(
                    {
                        "line": None,
                        "message": _("%(where)s: closing time “%(value)s” is not a date.")
                        % {"where": where, "value": closes},
                    }
                )
                continue
            if due is not None:
                if due.tzinfo is None:
                    due = due.replace(tzinfo=STOCKHOLM)
                deadlines.append((due, fix_text(item.get("Titel"))[:100]))
            opens = _date(item.get("Oppningsdatum"), _("opening date"), errors, where, None)
            opening = min(filter(None, [opening, opens]), default=None)
        if not deadlines:
            errors.append(
                {"line": None, "message": _("%(where)s: no closing date.") % {"where": where}}
            )
            continue
        status = str(record.get("Status") or "open").lower()
        calls.append(
            ParsedCall(
                identifier=f"VINNOVA-{record['Diarienummer']}",
                call_identifier=str(record["Diarienummer"]),
                title=fix_text(record["Titel"])[:400],
                status=status if status in STATUSES else "open",
                deadlines=sorted(deadlines),
                programme_name="Vinnova",
                opening_date=opening,
                deadline_model="single-stage" if len(deadlines) == 1 else "multiple cut-off",
                budget_max=_int(record.get("BudgetKronor")),
                currency="SEK",
                description=fix_text(record.get("Beskrivning")),
                keywords=", ".join(record.get("Amnesord") or []),
                url=safe_url(record.get("Url")),
                language="sv",
            )
        )
    if errors:
        raise ParseError(errors)
    return calls
