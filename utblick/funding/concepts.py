"""A small Swedish concept list: words of municipal needs and the English words of calls.

A need is written in Swedish and almost every call in English, so shared words rarely
explain a match. Each concept has a Swedish label (shown to staff), Swedish word starts that
find it in a need and English word starts that find it in a call. A call's concepts are found
once, when its vector is computed (``embeddings.embed_calls``), and stored in
``Call.concepts``; a need's when it is matched.

Word starts match at the beginning of a word only: ``"skol"`` finds "skolor" and
"skolbyggnader" but not "högskola"; a word marked with ``*`` is also found inside a word
(``"*skola"`` finds "grundskola", a Swedish compound), one marked with ``=`` only as a whole
word (``"sea="`` does not find "search"). Keep the list general
(what municipal units write about), not tuned to single needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Raise when the list changes: every call's concepts are then found again.
VERSION = "3"


@dataclass(frozen=True)
class Concept:
    key: str
    label: str  # Swedish, as shown in the explanation
    swedish: tuple[str, ...]
    english: tuple[str, ...]


def _c(key, label, swedish, english):
    return Concept(key, label, tuple(swedish.split()), tuple(english.split("|")))


CONCEPTS = [
    _c(
        "school",
        "skola",
        "skol *skola *skolan grundskol förskol elev lärare undervisning",
        "school|pupil|teacher|classroom",
    ),
    _c(
        "education",
        "utbildning",
        "utbildning *utbildning lärande läromed kompetens",
        # Not "learning" or "training" alone: in this corpus they are mostly machine
        # learning and training AI models.
        "education|learners|lifelong learning|learning outcome|learning environment|"
        "skills|upskill|reskill|vocational training|training programme|curricul",
    ),
    _c(
        "vocational",
        "yrkesutbildning",
        "yrkesutb yrkesskol *yrkesutbildning yrkescentr vuxenutb lärling",
        "vocational|apprentice|vet=",
    ),
    _c("children", "barn", "barn *barn förskol", "child|early childhood|kindergarten"),
    _c(
        "youth",
        "unga",
        "unga ungdom *ungdom ungas fritidsgård",
        "youth|young people|young person|adolescen",
    ),
    _c(
        "elderly",
        "äldre",
        "äldre äldreomsorg *omsorg hemtjänst demens åldrande",
        "older people|older person|older adult|elderly|ageing|aging|dementia|long-term care",
    ),
    _c(
        "care",
        "omsorg och vård",
        "omsorg vård *vård anhörig hemtjänst välfärdstekn",
        "care=|carers|caregiv|social services|welfare",
    ),
    _c(
        "health",
        "hälsa",
        "hälsa *hälsa välbefinnande psykisk",
        "health|well-being|wellbeing|mental",
    ),
    _c(
        "energy_efficiency",
        "energieffektivisering",
        "energieffektiv energianvänd energibesparing renover energiförbruk",
        "energy efficien|renovat|energy performance|energy saving|retrofit",
    ),
    _c(
        "buildings",
        "byggnader",
        "byggnad *byggnad *byggnader skolbyggnad flerbostadshus bostäder boende *hus",
        "building|housing|dwelling|residential",
    ),
    _c(
        "heating",
        "värme och kyla",
        "uppvärmning värme *värme fjärrvärm kyla",
        "heating|cooling|district heat|heat pump",
    ),
    _c(
        "renewable_energy",
        "förnybar energi",
        "förnybar solel solcell solenergi vindkraft energibolag",
        "renewable|solar|photovolta|wind energy|energy communit",
    ),
    _c(
        "energy_poverty",
        "energifattigdom",
        "energifattig",
        "energy poverty|vulnerable households|energy poor",
    ),
    _c(
        "electricity_grid",
        "elnät",
        "elnät *nät laddning lagring smarta",
        "grid|electricity|charging|storage|smart energy|flexibility",
    ),
    _c(
        "climate_adaptation",
        "klimatanpassning",
        "klimatanpass anpassa förändrat översvämn skyfall värmebölj torka havsnivå erosion",
        "adaptation|climate resilien|flood|"
        "heatwave|heat wave|drought|sea level|coastal erosion|extreme weather",
    ),
    _c(
        "climate_neutrality",
        "klimatneutralitet",
        "klimatneutral utsläpp koldioxid fossilfri",
        "climate neutral|climate-neutral|emission|decarboni|net zero|net-zero",
    ),
    _c(
        "coast",
        "kust och hav",
        "kust *kust hav havet havs hamn strand",
        "coast|ocean|sea=|seas=|marine|port=|ports=|maritime",
    ),
    _c("water", "vatten", "vatten *vatten vattendrag sjö= sjöar ån=", "water|river|lake"),
    _c(
        "nature",
        "natur och grönska",
        "grönska gröna grönområ natur biologisk mångfald träd parker",
        "nature-based|biodiversity|green infrastructure|green space|urban green|ecosystem|nature",
    ),
    _c(
        "urban",
        "stad och stadsutveckling",
        "stad stadsdel stadsplan tätort *staden stadskärna",
        "urban|city|cities|neighbourhood|district",
    ),
    _c(
        "mobility",
        "resor och transporter",
        "resande *resor kollektivtrafik buss elbuss cykel bilpool mobilitet resecentrum transport",
        "mobility|transport|public transport|"
        "cycling|bus=|buses=|shared vehicle|sustainable urban mobility",
    ),
    _c(
        "culture",
        "kultur",
        "kultur *kultur musik dans konst kreat konstnär",
        "cultur|arts|artist|music|creative",
    ),
    _c(
        "heritage",
        "kulturarv",
        "kulturarv *kulturarv fornlämn kyrkor museum museer",
        "heritage|historic|monument|museum",
    ),
    _c("tourism", "turism", "turism *turism besöksnäring vandringsled besökare", "touris|visitor"),
    _c(
        "creative_industries",
        "kulturella och kreativa näringar",
        "kreativa kreatör formgivare kulturföretag",
        "cultural and creative|creative industr|creative sector",
    ),
    _c(
        "democracy",
        "demokrati",
        "demokrati *demokrati medborgardialog medborgarråd beslut delaktig",
        "democra|civic|participat|deliberat",
    ),
    _c(
        "citizens",
        "medborgare",
        "medborgar invånare *invånare",
        "citizen|resident|inhabitant|civil society",
    ),
    _c(
        "twinning",
        "vänorter",
        "vänort *vänort vänorter",
        "town twinning|twinning|twin town|network of towns",
    ),
    _c("european", "EU och Europa", "europeisk eu:s europa", "european|europe|union values"),
    _c("sport", "idrott", "idrott *idrott tränar tävlar motion", "sport|physical activit"),
    _c(
        "inclusion",
        "inkludering",
        "inkluder oavsett bakgrund nyanlända utrikes integration utsatta",
        "inclusi|integration|migrant|under-represented|disadvantaged|marginali|equal opportunit",
    ),
    _c(
        "poverty",
        "fattigdom",
        "fattigdom låga inkomster",
        "poverty|low-income|low income|social exclusion",
    ),
    _c("digital", "digitalisering", "digital *digital digitalis data", "digital|data="),
    _c("ai", "AI", "ai= ai-stöd artificiell", "artificial intelligence|ai="),
    _c(
        "public_sector",
        "offentlig sektor",
        "förvaltning *förvaltning offentlig kommunal medarbetar",
        "public sector|public administration|public authorit|public services|civil serv|government",
    ),
    _c(
        "small_business",
        "små och medelstora företag",
        "småföretag *företag företagare näringsliv",
        "sme=|smes=|small and medium|enterprise|business|entrepreneur|start-up|startup",
    ),
    _c(
        "entrepreneurship",
        "företagande",
        "företagande nyföretag eget företag inkubator mikrolån rådgivning",
        "entrepreneur|incubat|start-up|startup|microfinanc|social financ",
    ),
    _c(
        "innovation",
        "innovation",
        "innovation *innovation ny teknik",
        "innovation|innovative|deploy",
    ),
    _c("regions", "regioner", "region *region regionen", "region|interregional"),
    _c(
        "social_media",
        "sociala medier",
        "sociala medier nätet källkritik",
        "social media|online|disinformation|media literacy",
    ),
    _c("violence", "våld", "våld *våld kvinnojour", "violence|abuse"),
    _c("gender", "jämställdhet", "jämställ kvinnor *kvinnor", "gender|women"),
    _c("research", "forskning", "forskare forskning", "research"),
    _c(
        "loneliness",
        "ensamhet",
        "ensam *ensamhet mötesplats generation",
        "loneliness|intergeneration|social isolation|generations",
    ),
    _c("math", "matematik", "matematik", "mathemat|STEM|numeracy"),
]

BY_KEY = {concept.key: concept for concept in CONCEPTS}
KEYS = [concept.key for concept in CONCEPTS]


def _pattern(words) -> re.Pattern:
    """``*`` before a word: also inside a word; ``=`` after it: the whole word only."""
    parts = []
    for word in words:
        word = word.strip().lower()
        start = "" if word.startswith("*") else r"(?<![^\W_])"
        end = r"(?![^\W_])" if word.endswith("=") else ""
        parts.append(start + re.escape(word.strip("*=")) + end)
    return re.compile("|".join(parts))


@cache
def _patterns() -> list[tuple[str, re.Pattern, re.Pattern]]:
    return [(c.key, _pattern(c.swedish), _pattern(c.english)) for c in CONCEPTS]


def need_concepts(text: str) -> list[str]:
    """The keys of the concepts a (Swedish) need speaks of, in list order."""
    text = text.lower()
    return [key for key, swedish, _english in _patterns() if swedish.search(text)]


def call_concepts(text: str) -> list[str]:
    """The keys of the concepts a (mostly English) call's text speaks of."""
    text = text.lower()
    return [key for key, swedish, english in _patterns() if english.search(text)]


def labels(keys) -> list[str]:
    return [BY_KEY[key].label for key in keys if key in BY_KEY]
