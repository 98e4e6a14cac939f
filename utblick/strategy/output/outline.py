"""The content of the action plan document, in the municipal layout of the seed plan:
type row, title, document information, contents, background, per focus area the core tasks
and the identified development potential, contact footer."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from utblick.documents.models import TYPE_NAMES, DocumentType

from .. import selectors


@dataclass
class AreaSection:
    name: str
    text: str
    core: list = field(default_factory=list)
    development: list = field(default_factory=list)


@dataclass
class PlanOutline:
    municipality: object
    title: str
    type_row: list
    information: list
    background: str
    areas: list
    contact: list

    @property
    def contents(self):
        return [_("Document information"), _("Background"), *[a.name for a in self.areas]]


def _date(value):
    return value.isoformat() if value else ""


def information_rows(plan) -> list[tuple[str, str]]:
    """The document information block; from the register entry when the plan has one."""
    document = plan.document
    if document is None:
        return [
            (_("Document designation"), TYPE_NAMES[DocumentType.ACTION_PLAN]),
            (_("Validity"), plan.period_label),
        ]
    validity = (
        f"{_date(document.valid_from)} – {_date(document.valid_to)}"
        if document.valid_to
        else f"{_date(document.valid_from)} – {_('until further notice')}"
    )
    replaces = document.replaces.title if document.replaces_id else ""
    return [
        (_("Document designation"), document.designation_or_type),
        (_("Adopted by"), document.adopted_by or document.get_deciding_body_display()),
        (_("Registration number"), document.registration_number),
        (_("Date"), _date(document.document_date)),
        (_("Replaces"), replaces),
        (_("Published in"), document.published_in),
        (_("Purpose"), document.purpose or ""),
        (_("Applies to"), document.applies_to or ""),
        (_("Reference documents"), document.reference_documents),
        (_("Document owner"), document.owner_title),
        (_("Follow-up"), _date(document.follow_up_on)),
        (_("Validity"), validity),
    ]


def contact_lines(municipality) -> list[str]:
    lines = [municipality.name]
    if municipality.address:
        lines.append(municipality.address)
    if municipality.phone:
        lines.append(f"{_('Phone')}: {municipality.phone}")
    if municipality.email:
        lines.append(f"{_('E-mail')}: {municipality.email}")
    if municipality.website:
        lines.append(f"{_('Web')}: {municipality.website}")
    return lines


def plan_outline(plan) -> PlanOutline:
    current = plan.document.doc_type if plan.document else DocumentType.ACTION_PLAN
    type_row = [(TYPE_NAMES[kind], kind == current) for kind in DocumentType]
    activities = selectors.plan_activities(plan)
    areas = [
        AreaSection(
            name=area.name,
            text=area.description or "",
            core=[a.title for a in core],
            development=[a.title for a in development],
        )
        for area, core, development in selectors.grouped(plan, activities)
    ]
    return PlanOutline(
        municipality=plan.municipality,
        title=plan.title,
        type_row=type_row,
        information=information_rows(plan),
        background=plan.background or "",
        areas=areas,
        contact=contact_lines(plan.municipality),
    )
