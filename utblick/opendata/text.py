"""Text normalisation and query terms for the partner search (no database access)."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Legal forms dropped before comparing organisation names.
LEGAL_FORMS = {
    "ab",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "sl",
    "spa",
    "ltd",
    "limited",
    "plc",
    "bv",
    "nv",
    "oy",
    "oyj",
    "as",
    "asa",
    "aps",
    "a/s",
    "ev",
    "e",
    "v",
    "kg",
    "sarl",
    "inc",
    "co",
    "the",
}
STOPWORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "och", "i"}
# Words left out of the stored search terms as well (too common to search for).
INDEX_STOPWORDS = STOPWORDS | {"as", "at", "be", "by", "from", "is", "its", "or", "their"}
_STEMMER = snowballstemmer.stemmer("english")

# A small curated Swedish -> English mapping for topics coordinators search for. Each
# Swedish term maps to English phrases; a query matches when any of them matches.
SV_TO_EN = {
    "klimatanpassning": ["climate adaptation"],
    "klimat": ["climate"],
    "klimatförändring": ["climate change"],
    "klimatförändringar": ["climate change"],
    "klimatneutral": ["climate neutral"],
    "anpassning": ["adaptation"],
    "energi": ["energy"],
    "energieffektivisering": ["energy efficiency"],
    "förnybar energi": ["renewable energy"],
    "vatten": ["water"],
    "översvämning": ["flood"],
    "översvämningar": ["flood"],
    "biologisk mångfald": ["biodiversity"],
    "mångfald": ["diversity"],
    "skog": ["forest"],
    "jordbruk": ["agriculture"],
    "livsmedel": ["food"],
    "hälsa": ["health"],
    "folkhälsa": ["public health"],
    "äldreomsorg": ["elderly care", "ageing"],
    "utbildning": ["education"],
    "skola": ["school"],
    "ungdomar": ["youth", "young people"],
    "unga": ["youth", "young people"],
    "kultur": ["culture"],
    "kulturarv": ["cultural heritage"],
    "turism": ["tourism"],
    "transport": ["transport"],
    "kollektivtrafik": ["public transport"],
    "mobilitet": ["mobility"],
    "digitalisering": ["digital"],
    "innovation": ["innovation"],
    "cirkulär ekonomi": ["circular economy"],
    "avfall": ["waste"],
    "hållbar stad": ["sustainable city", "sustainable urban"],
    "stadsutveckling": ["urban development"],
    "integration": ["integration", "migrant"],
    "migration": ["migration"],
    "jämställdhet": ["gender equality"],
    "demokrati": ["democracy"],
    "sysselsättning": ["employment"],
    "företag": ["business", "enterprise"],
    "entreprenörskap": ["entrepreneurship"],
    "vätgas": ["hydrogen"],
    "biogas": ["biogas"],
    "havet": ["marine", "sea"],
    "hav": ["marine", "sea"],
    "östersjön": ["baltic sea"],
    "arktis": ["arctic"],
    "luftkvalitet": ["air quality"],
    "buller": ["noise"],
    "byggande": ["construction"],
    "bostäder": ["housing"],
    "fattigdom": ["poverty"],
    "smart stad": ["smart city"],
    "stad": ["city"],
    "städer": ["city"],
    "storstad": ["city"],
    "kommun": ["municipality"],
    "kommuner": ["municipality"],
    "region": ["region"],
    "regioner": ["region"],
    "ungdom": ["youth"],
    "barn": ["children"],
    "skolor": ["school"],
    "vänort": ["twin town"],
    "vänorter": ["twin town"],
    "vänortssamarbete": ["twin town"],
    "forskning": ["research"],
    "miljö": ["environment"],
    "hållbarhet": ["sustainability"],
    "landsbygd": ["rural"],
    "äldre": ["elderly", "ageing"],
    "sjukvård": ["healthcare"],
    "vård": ["care"],
    "kust": ["coast"],
    "luft": ["air"],
    "sol": ["solar"],
    "solenergi": ["solar energy"],
    "vind": ["wind"],
    "vindkraft": ["wind power"],
    "el": ["electricity"],
}


def fold(text: str) -> str:
    """Lower case without accents: "Göteborg" -> "goteborg"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_text(text: str) -> str:
    """Folded words separated by single spaces (the stored search text)."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def normalise_name(name: str) -> str:
    """An organisation name for comparison: folded, without punctuation and legal forms."""
    words = [word for word in normalise_text(name).split() if word not in LEGAL_FORMS]
    return " ".join(words) or normalise_text(name)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The English Snowball stem of a normalised word ("cities" -> "citi"), the one stemming
    rule of the search on every database: the stored search terms and the query's words are
    stemmed by it, and match when equal."""
    return _STEMMER.stemWord(word)


def search_terms(text: str) -> str:
    """The stored search text of a project: the distinct stems of its words in order of
    first appearance, without the most common words ("Cities and energy" -> "citi energi")."""
    found = {}
    for word in normalise_text(text).split():
        if word not in INDEX_STOPWORDS:
            found.setdefault(stem(word), None)
    return " ".join(found)


def query_alternatives(query: str) -> list[list[str]]:
    """The query as alternatives of words: a text matches an alternative when it has a word
    starting with the stem of every word, and matches the query when it matches any
    alternative.

    Swedish terms are translated through ``SV_TO_EN``; the query itself is always one of the
    alternatives.
    """
    raw = " ".join((query or "").casefold().split())
    phrases = [raw]
    if raw in SV_TO_EN:
        phrases += SV_TO_EN[raw]
    else:
        translated = [SV_TO_EN.get(word, [word])[0] for word in raw.split()]
        phrases.append(" ".join(translated))
    alternatives = []
    for phrase in phrases:
        words = [w for w in normalise_text(phrase).split() if w not in STOPWORDS]
        words = sorted(set(words))
        if words and words not in alternatives:
            alternatives.append(words)
    return alternatives


def query_stems(alternatives: list[list[str]]) -> list[list[str]]:
    """The alternatives as sorted sets of stems, without duplicates (words that are stored
    search terms' stop words are left out: no text has them)."""
    found = []
    for words in alternatives:
        stems = sorted({stem(word) for word in words if word not in INDEX_STOPWORDS})
        if stems and stems not in found:
            found.append(stems)
    return found


def matching_terms(terms: str, alternatives: list[list[str]]) -> list[str]:
    """The words of the first alternative whose stems are all among ``terms`` (a project's
    stored search terms), for "why it matched"."""
    stored = set(terms.split())
    for alternative in alternatives:
        words = [word for word in alternative if word not in INDEX_STOPWORDS]
        if words and all(stem(word) in stored for word in words):
            return alternative
    return []
