"""Country names django-countries leaves in English in its Swedish catalogue.

django-countries 9.1 gives about 130 countries no Swedish name ("Albania", "Brazil",
"South Sudan"); most of them are spelt the same in Swedish, these are not. They are given
to django-countries as overrides (``COUNTRIES_OVERRIDE`` in settings) with the English name
as the message id, so English pages keep django-countries' names and Swedish pages get the
translation from Utblick's catalogue. Names follow Svenska skrivregler / the Swedish
Institute for Language and Folklore's list of country names.
"""

from django.utils.translation import gettext_lazy as _

SWEDISH_NAME_GAPS = {
    "AL": _("Albania"),
    "AS": _("American Samoa"),
    "BV": _("Bouvet Island"),
    "BR": _("Brazil"),
    "CV": _("Cabo Verde"),
    "KH": _("Cambodia"),
    "CA": _("Canada"),
    "TD": _("Chad"),
    "CC": _("Cocos (Keeling) Islands"),
    "CU": _("Cuba"),
    "EG": _("Egypt"),
    "GE": _("Georgia"),
    "HM": _("Heard Island and McDonald Islands"),
    "HK": _("Hong Kong"),
    "ID": _("Indonesia"),
    "JO": _("Jordan"),
    "LB": _("Lebanon"),
    "NF": _("Norfolk Island"),
    "PS": _("Palestine, State of"),
    "PH": _("Philippines"),
    "PN": _("Pitcairn"),
    "SS": _("South Sudan"),
}
