"""Word lists that turn the words around a number into a unit and a qualifier.

Everything here is data: the grammar in `grammar.py` reads these tables and
never spells a word itself, so adding a counted noun or a currency is a
one-line change. Every unit named here must exist in the one pint registry
(`claimcheck/units.txt`); a test checks that, so the extractor can never emit
a canonical unit that `claimcheck validate` would then refuse.

German nouns are matched by their casefolded head: the lexicon lists the stem,
`_GERMAN_ENDINGS` adds the inflections, and a compound is matched by its
longest known ending (`Langstreckenraketen` ends in `raketen` -> missile).
"""

from __future__ import annotations

from functools import cache

QUALIFIER_PHRASES: dict[tuple[str, ...], str] = {
    # approx
    ("etwa",): "approx",
    ("rund",): "approx",
    ("ca",): "approx",
    ("circa",): "approx",
    ("zirka",): "approx",
    ("knapp",): "approx",
    ("ungefähr",): "approx",
    ("annähernd",): "approx",
    ("schätzungsweise",): "approx",
    ("about",): "approx",
    ("around",): "approx",
    ("roughly",): "approx",
    ("approximately",): "approx",
    ("nearly",): "approx",
    ("almost",): "approx",
    ("some",): "approx",
    # at_most
    ("bis", "zu"): "at_most",
    ("höchstens",): "at_most",
    ("maximal",): "at_most",
    ("weniger", "als"): "at_most",
    ("nicht", "mehr", "als"): "at_most",
    ("up", "to"): "at_most",
    ("at", "most"): "at_most",
    ("no", "more", "than"): "at_most",
    ("less", "than"): "at_most",
    ("fewer", "than"): "at_most",
    # at_least
    ("über",): "at_least",
    ("mehr", "als"): "at_least",
    ("mindestens",): "at_least",
    ("wenigstens",): "at_least",
    ("more", "than"): "at_least",
    ("at", "least"): "at_least",
    ("over",): "at_least",
}
"""Casefolded word sequences that directly precede a figure, and what they make of it."""

QUALIFIER_ABBREVIATIONS = frozenset({"ca"})
"""Qualifiers written with a trailing dot that belongs to the qualifier (`ca.`)."""

VAGUE_MAGNITUDES: dict[str, int] = {
    "dutzende": 12,
    "hunderte": 100,
    "tausende": 1000,
    "zehntausende": 10_000,
    "hunderttausende": 100_000,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
"""Plural magnitudes that say "at least this many" (`Tausende von Arbeitern`)."""

SEVERAL = frozenset({"mehrere", "einige", "several", "a few"})
"""Words that make `mehrere Tausend` at least twice the scale."""

PERCENT_WORDS: dict[str, str] = {
    "%": "percent",
    "prozent": "percent",
    "percent": "percent",
    "pct": "percent",
    "‰": "permille",
    "promille": "permille",
}
"""Percent signs and words, casefolded, to registry units."""

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "₪": "ILS",
    "₺": "TRY",
    "zł": "PLN",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "₿": "XBT",
    "₦": "NGN",
    "₱": "PHP",
    "₫": "VND",
    "฿": "THB",
    "₸": "KZT",
    "元": "CNY",
}
"""Currency signs. `$` alone is read as USD, the convention of German and English news."""

CURRENCY_NAMES: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "us-dollar": "USD",
    "us-dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pfund sterling": "GBP",
    "sterling": "GBP",
    "franken": "CHF",
    "rubel": "RUB",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "won": "KRW",
    "hrywnja": "UAH",
    "hrywnjas": "UAH",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "rupien": "INR",
    "rupie": "INR",
    "rupees": "INR",
    "rupee": "INR",
    "riel": "KHR",
    "zloty": "PLN",
    "złoty": "PLN",
    "lira": "TRY",
    "peso": "MXN",
    "pesos": "MXN",
    "real": "BRL",
    "reais": "BRL",
    "rand": "ZAR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "franc": "CHF",
    "francs": "CHF",
    "rmb": "CNY",
    "kuai": "CNY",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "shekel": "ILS",
    "shekels": "ILS",
    "naira": "NGN",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "rouble": "RUB",
    "ruble": "RUB",
    "forint": "HUF",
    "bitcoin": "XBT",
    "bitcoins": "XBT",
    "kronor": "SEK",
    "krona": "SEK",
    "lire": "TRY",
}
"""Currency nouns (and codes written as words), casefolded, to ISO 4217 codes.

Generic names go to the currency English and German news mean by them
(`dollars` USD, `pounds` GBP, `francs` CHF); names with their country come
from CLDR (`english_currency_names`)."""

CURRENCY_PREFIX_WORDS: dict[str, str] = {
    "RM": "MYR", "Rs": "INR", "Rp": "IDR", "RMB": "CNY", "BTC": "XBT",
}  # fmt: skip
"""Abbreviations written before the amount, glued or not (`RM79`, `Rs 500`), besides ISO codes."""

CODES_AS_NAMES = frozenset({"COP"})
"""ISO codes that news writes as names with glued digits (`COP28`, the climate summit)."""

DOLLAR_PREFIXES: dict[str, str] = {
    "US": "USD", "C": "CAD", "CA": "CAD", "CAN": "CAD", "A": "AUD", "AU": "AUD",
    "NZ": "NZD", "HK": "HKD", "S": "SGD", "NT": "TWD", "R": "BRL", "MX": "MXN", "MEX": "MXN",
}  # fmt: skip
"""Letters glued before `$` that name the dollar (`C$10` is Canadian, `HK$3` Hong Kong):
CLDR's English symbols (`CA$`, `A$`, `NZ$`, `HK$`, `NT$`, `R$`, `MX$`) and the press's
shorter forms (`C$`, `S$`, `US$`)."""

MILLION_CURRENCY_PREFIX = "M"
"""`MEUR`, `MUSD`: an ISO code behind `M` is millions of that currency (finance usage)."""

CURRENCY_ADJECTIVES: dict[str, dict[str, str]] = {
    # adjective stem -> {currency noun -> ISO code}; the adjective decides the currency
    "amerikanisch": {"dollar": "USD"},
    "kanadisch": {"dollar": "CAD"},
    "australisch": {"dollar": "AUD"},
    "neuseeländisch": {"dollar": "NZD"},
    "hongkong": {"dollar": "HKD"},
    "singapurisch": {"dollar": "SGD"},
    "mexikanisch": {"peso": "MXN", "pesos": "MXN"},
    "britisch": {"pfund": "GBP"},
    "schweizer": {"franken": "CHF"},
    "schweizerisch": {"franken": "CHF"},
    "chinesisch": {"yuan": "CNY", "renminbi": "CNY"},
    "japanisch": {"yen": "JPY"},
    "russisch": {"rubel": "RUB"},
    "südkoreanisch": {"won": "KRW"},
    "nordkoreanisch": {"won": "KPW"},
    "ukrainisch": {"hrywnja": "UAH", "hrywnjas": "UAH"},
    "indisch": {"rupien": "INR", "rupie": "INR"},
    "kambodschanisch": {"riel": "KHR"},
    "finnisch": {"mark": "FIM"},
    "polnisch": {"zloty": "PLN", "złoty": "PLN"},
    "schwedisch": {"kronen": "SEK", "krone": "SEK"},
    "norwegisch": {"kronen": "NOK", "krone": "NOK"},
    "dänisch": {"kronen": "DKK", "krone": "DKK"},
    "tschechisch": {"kronen": "CZK", "krone": "CZK"},
    "türkisch": {"lira": "TRY"},
    "canadian": {"dollar": "CAD", "dollars": "CAD"},
    "australian": {"dollar": "AUD", "dollars": "AUD"},
    "british": {"pound": "GBP", "pounds": "GBP"},
    "swiss": {"franc": "CHF", "francs": "CHF"},
}
"""Adjective + noun pairs (`kanadische Dollar`); the adjective's inflection is stripped."""

ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e", "")
"""German adjective inflections, longest first, stripped before looking an adjective up."""

MINOR_UNITS = frozenset({"cent", "cents", "pence", "penny", "rappen", "kopeken"})
"""Words for a hundredth of a currency (`15 Dollar und 15 Cent`)."""

_GERMAN_NOUNS: dict[str, str] = {
    "container": "container",
    "artilleriegeschoss": "artillery_shell",
    "geschoss": "artillery_shell",
    "granate": "artillery_shell",
    "patrone": "ammunition_round",
    "schuss": "ammunition_round",
    "rakete": "missile",
    "marschflugkörper": "missile",
    "drohne": "drone",
    "panzer": "tank",
    "fahrzeug": "vehicle",
    "flugzeug": "aircraft",
    "kampfjet": "aircraft",
    "schiff": "ship",
    "waffe": "weapon",
    "soldat": "soldier",
    "truppe": "soldier",
    "kämpfer": "soldier",
    "arbeiter": "worker",
    "arbeitskraft": "worker",
    "arbeitskräfte": "worker",
    "mensch": "person",
    "person": "person",
    "leute": "person",
    "einwohner": "person",
    "opfer": "casualty",
    "verletzte": "casualty",
    "tote": "death",
    "todesopfer": "death",
    "flüchtling": "refugee",
    "besuch": "visit",
    "treffen": "meeting",
    "atomtest": "nuclear_test",
    "atomwaffentest": "nuclear_test",
    "nukleartest": "nuclear_test",
    "kernwaffentest": "nuclear_test",
    "raketenstart": "missile_launch",
    "raketentest": "missile_launch",
    "satellit": "satellite",
    "sanktion": "sanction",
    "projekt": "project",
    "tourist": "tourist",
    "tonne": "tonne",
    "kilogramm": "kilogram",
    "kilo": "kilogram",
    "gramm": "gram",
    "pfund": "pound_mass",
    "teelöffel": "teaspoon",
    "esslöffel": "tablespoon",
    "zentimeter": "centimeter",
    "millimeter": "millimeter",
    "meile": "mile",
    "milliliter": "milliliter",
    "gallone": "gallon",
    "hektar": "hectare",
    "kilometer": "kilometer",
    "meter": "meter",
    "liter": "liter",
    "barrel": "barrel",
    "jahr": "year",
    "monat": "month",
    "woche": "week",
    "tag": "day",
    "stunde": "hour",
}
"""German noun stems (casefolded singular) to registry units."""

_GERMAN_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "ne", "nen")
"""Inflections appended to the stems above (plural and case endings)."""

ENGLISH_NOUNS: dict[str, str] = {
    "container": "container",
    "shell": "artillery_shell",
    "artillery shell": "artillery_shell",
    "round": "ammunition_round",
    "missile": "missile",
    "rocket": "rocket",
    "drone": "drone",
    "tank": "tank",
    "vehicle": "vehicle",
    "aircraft": "aircraft",
    "jet": "aircraft",
    "ship": "ship",
    "weapon": "weapon",
    "soldier": "soldier",
    "troop": "soldier",
    "worker": "worker",
    "laborer": "worker",
    "labourer": "worker",
    "people": "person",
    "person": "person",
    "resident": "person",
    "casualty": "casualty",
    "casualties": "casualty",
    "death": "death",
    "fatality": "death",
    "fatalities": "death",
    "refugee": "refugee",
    "visit": "visit",
    "meeting": "meeting",
    "nuclear test": "nuclear_test",
    "missile launch": "missile_launch",
    "missile launches": "missile_launch",
    "satellite": "satellite",
    "sanction": "sanction",
    "project": "project",
    "tourist": "tourist",
    "tonne": "tonne",
    "ton": "tonne",
    "kilogram": "kilogram",
    "kilometer": "kilometer",
    "kilometre": "kilometer",
    "barrel": "barrel",
    "meter": "meter",
    "metre": "meter",
    "centimeter": "centimeter",
    "centimetre": "centimeter",
    "millimeter": "millimeter",
    "millimetre": "millimeter",
    "mile": "mile",
    "yard": "yard",
    "foot": "foot",
    "feet": "foot",
    "inch": "inch",
    "gram": "gram",
    "milligram": "milligram",
    "ounce": "ounce",
    "liter": "liter",
    "litre": "liter",
    "milliliter": "milliliter",
    "millilitre": "milliliter",
    "gallon": "gallon",
    "hectare": "hectare",
    "acre": "acre",
    "watt": "watt",
    "kilowatt": "kilowatt",
    "megawatt": "megawatt",
    "gigawatt": "gigawatt",
    "kilowatt hour": "kilowatt_hour",
    "megawatt hour": "megawatt_hour",
    "horsepower": "horsepower",
    "gigabyte": "gigabyte",
    "megabyte": "megabyte",
    "terabyte": "terabyte",
    "minute": "minute",
    "teaspoon": "teaspoon",
    "tablespoon": "tablespoon",
    "radian": "radian",
    "degrees celsius": "celsius",
    "degrees fahrenheit": "fahrenheit",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
}
"""English nouns and two-word terms (singular, casefolded) to registry units, `-s` understood."""

MEASURES = frozenset(
    {"tonne", "kilogram", "gram", "pound_mass", "ounce", "kilometer", "meter", "centimeter",
     "millimeter", "mile", "yard", "foot", "inch", "liter", "milliliter", "gallon", "barrel",
     "teaspoon", "tablespoon", "hectare", "acre"}
)  # fmt: skip
"""Units of measure: an article before them states one (`ein Pfund`, `a mile`)."""

UNIT_SYMBOLS: dict[str, str] = {
    "km": "kilometer", "kg": "kilogram", "t": "tonne", "l": "liter", "m": "meter",
    "cm": "centimeter", "mm": "millimeter", "mi": "mile", "ft": "foot", "yd": "yard",
    "g": "gram", "mg": "milligram", "lb": "pound_mass", "lbs": "pound_mass", "oz": "ounce",
    "ml": "milliliter", "gal": "gallon", "ha": "hectare", "bbl": "barrel",
    "mph": "mph", "kph": "kph", "kmph": "kph", "km/h": "kph",
    "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "kWh": "kilowatt_hour", "MWh": "megawatt_hour", "hp": "horsepower",
    "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "pc": "percent", "rad": "radian",
    "C": "celsius", "F": "fahrenheit", "°C": "celsius", "°F": "fahrenheit",
}  # fmt: skip
"""Unit symbols after digits, glued or not (`512GB`, `70mph`, `3pc`), case-sensitive as
written (`MW` is not `mW`). Single letters only glued (`5m`, `2t`): spaced, they are too
often something else."""

VISIT_VERBS = frozenset(
    {
        "besucht", "besuchte", "besuchten", "besuchen", "besuchst", "bereist",
        "visited", "visit", "visits", "visiting",
    }
)  # fmt: skip
"""Verbs that make a multiplicative (`zweimal besucht`) count visits."""

GERMAN_STOPWORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "nicht",
        "ist",
        "sind",
        "war",
        "waren",
        "wird",
        "werden",
        "wurde",
        "wurden",
        "hat",
        "haben",
        "hatte",
        "hatten",
        "sein",
        "seine",
        "seinen",
        "ihre",
        "ihren",
        "ihr",
        "sich",
        "mit",
        "von",
        "zu",
        "zur",
        "zum",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "für",
        "nach",
        "vor",
        "über",
        "unter",
        "um",
        "als",
        "wie",
        "auch",
        "noch",
        "nur",
        "schon",
        "so",
        "dass",
        "daß",
        "es",
        "er",
        "sie",
        "wir",
        "man",
        "wenn",
        "weil",
        "da",
        "dann",
        "doch",
        "eher",
        "wohl",
        "sehr",
        "mehr",
        "bis",
        "seit",
        "durch",
        "gegen",
        "ohne",
    ]
)
"""Function words: never the counted noun, and the stop-word half of language detection."""

ENGLISH_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "not",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "than",
        "then",
        "there",
        "their",
        "they",
        "he",
        "she",
        "we",
        "you",
        "his",
        "her",
        "our",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "more",
        "less",
        "also",
        "only",
        "just",
        "over",
        "under",
        "into",
        "out",
        "up",
        "down",
        "said",
        "says",
        "after",
        "before",
        "while",
        "when",
        "where",
        "about",
        "each",
        "per",
    ]
)
"""English function words, as for German."""

MONTHS = frozenset(
    [
        "januar",
        "jänner",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "october",
        "december",
        "jan",
        "feb",
        "mär",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "oct",
        "nov",
        "dez",
        "dec",
    ]
)
"""Month names: `26. Mai` and `May 26` are dates, not figures."""

YEAR_WORDS = frozenset(
    {
        "jahr", "jahre", "jahres", "jahren", "seit", "im", "ab", "anno", "bis",
        "year", "since", "in", "until", "by", "from", "frühjahr", "sommer",
        "herbst", "winter", "ende", "anfang", "mitte", "end", "early", "late",
    }
)  # fmt: skip
"""Words that, right before a four-digit number, make it a year."""

NOT_A_FIGURE_AFTER = frozenset({"uhr", "o'clock", "a.m.", "p.m.", "am", "pm"})
"""Words after a number that make it a clock time."""

TIME_ZONES = frozenset(
    {"GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "ET", "PT", "PST", "PDT", "CST", "CDT",
     "MEZ", "MESZ", "JST", "IST", "AEST", "AEDT", "HKT", "SGT", "MSK"}
)  # fmt: skip
"""Time-zone abbreviations after a number that make it a clock time (`0530 GMT`)."""

SCORE_WORDS = frozenset(
    {"won", "win", "wins", "winning", "lost", "lose", "loses", "losing", "beat", "beats",
     "beating", "defeated", "defeat", "drew", "draw", "victory", "score", "scored", "led",
     "trailed", "thrashed", "edged"}
)  # fmt: skip
"""Words before `3-1` that make it a score, not a range."""

STREET_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln", "drive",
     "dr", "way", "place", "square", "court", "terrace", "strasse", "straße"}
)  # fmt: skip
"""Street-name endings: a number before `Downing Street` is a house number."""

NOT_NOUNS = frozenset(
    {"already", "ago", "apiece", "each", "alone", "again", "too", "yet", "still", "later",
     "earlier", "since", "last", "next", "more", "less", "times", "percent", "plus", "minus",
     "or", "nor", "so", "such", "than", "whereas", "thereafter", "per", "versus", "vs", "is",
     "has", "was", "does", "goes", "remains", "seems", "becomes", "stands", "means", "says",
     "adds", "shows"}
)  # fmt: skip
"""Words after a number that never are the thing counted (`100,000 already`, `3 times`)."""

CHANGE_WORDS = frozenset(
    {"rose", "rise", "rises", "risen", "fell", "fall", "falls", "fallen", "grew", "grow",
     "grown", "increased", "decreased", "dropped", "climbed", "jumped", "surged", "slipped",
     "declined", "cut", "raised", "lowered", "up", "down", "soared", "plunged", "shrank",
     "gestiegen", "gesunken", "stieg", "sank", "fiel"}
)  # fmt: skip
"""Verbs of change: `rose from 90 to 85` states two figures, before and after."""

IRREGULAR_PLURALS = frozenset(
    {"people", "children", "men", "women", "police", "cattle", "sheep", "geese", "mice",
     "teeth", "staff", "personnel", "crew", "livestock", "aircraft", "feet"}
)  # fmt: skip
"""English plurals without `-s`: counted nouns too (`two children`)."""

PRONOUN_ONE_BEFORE = frozenset(
    {"no", "the", "this", "that", "which", "each", "every", "any", "another"}
)  # fmt: skip
"""Words before `one` that make it a pronoun (`no one`, `the one`), unless a noun follows."""

DATE_PREPOSITIONS = frozenset({"am", "vom", "zum", "bis", "den", "dem", "on"})
"""Words that, before `26.`, signal a day of the month even without a month name."""


@cache
def german_noun_forms() -> dict[str, str]:
    """Every inflected German noun form the lexicon knows, casefolded, to its unit."""
    forms: dict[str, str] = {}
    for stem, unit in _GERMAN_NOUNS.items():
        for ending in _GERMAN_ENDINGS:
            forms.setdefault(stem + ending, unit)
    return forms


def german_noun_unit(word: str) -> str | None:
    """The unit of a German noun, compounds included (`Artilleriegeschosse`), or None.

    The compound's head is its last part, so the longest lexicon form that the
    word ends with decides; heads shorter than four letters are not trusted
    (`Tag` must not make `Vortrag` a day).
    """
    folded = word.casefold()
    forms = german_noun_forms()
    if folded in forms:
        return forms[folded]
    for cut in range(1, len(folded) - 3):
        tail = folded[cut:]
        if tail in forms and len(tail) >= 5:
            return forms[tail]
    return None


def english_noun_unit(word: str) -> str | None:
    """The unit of an English noun or two-word term, plural `-s`/`-es` understood."""
    folded = word.casefold()
    if folded in ENGLISH_NOUNS:
        return ENGLISH_NOUNS[folded]
    for suffix in ("s", "es"):
        if folded.endswith(suffix) and folded[: -len(suffix)] in ENGLISH_NOUNS:
            return ENGLISH_NOUNS[folded[: -len(suffix)]]
    return None


def adjective_stem(word: str) -> str:
    """A German adjective without its inflection (`kanadischen` -> `kanadisch`)."""
    folded = word.casefold()
    for ending in ADJECTIVE_ENDINGS:
        if ending and folded.endswith(ending) and folded[: -len(ending)] in CURRENCY_ADJECTIVES:
            return folded[: -len(ending)]
    return folded


@cache
def english_currency_names(known: frozenset[str]) -> dict[str, str]:
    """CLDR's English currency names, singular and plural (`canadian dollars`) -> ISO code.

    Only codes in `known` (the registry's currencies) and only current
    currencies (CLDR marks historic ones with a year range in parentheses).
    """
    from babel import Locale

    locale = Locale("en")
    names: dict[str, str] = {}
    plurals = locale._data["currency_names_plural"]
    for code, name in locale.currencies.items():
        if code not in known:
            continue
        forms = [name, *plurals[code].values()] if code in plurals else [name]
        for form in forms:
            if "(" not in form:
                names.setdefault(form.casefold(), code)
    return names


def lexicon_units() -> frozenset[str]:
    """Every unit the lexicon can emit, for the test that keeps it inside the registry."""
    units = set(_GERMAN_NOUNS.values()) | set(ENGLISH_NOUNS.values())
    units |= set(CURRENCY_SYMBOLS.values()) | set(CURRENCY_NAMES.values())
    units |= set(CURRENCY_PREFIX_WORDS.values()) | set(DOLLAR_PREFIXES.values())
    units |= set(UNIT_SYMBOLS.values()) | MEASURES
    units |= set(PERCENT_WORDS.values())
    for pairs in CURRENCY_ADJECTIVES.values():
        units |= set(pairs.values())
    return frozenset(units)
