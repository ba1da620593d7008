"""Grammar a note needs between its values: contractions, agreement, case endings, plurals.

Templates hold the wording; the words that change with what they meet (« au Gouvernement »,
« de l'Organisation », «للحكومة», «маусымда») are made here, so no template spells a rule twice.
"""
from __future__ import annotations

import re

# --- The recipient: "the Government", "the Organization", "the Union" ------------------------

# Per kind of recipient and language: the noun with its article (or its cases) and the words that
# agree with it. Keys are the same for every kind within a language, so a template written for
# a Government reads right for an organization. Kinds are RecipientKind values.
_NOUNS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "government": {"the": "the Government"},
        "organization": {"the": "the Organization"},
        "european_union": {"the": "the Union"},
        "un_entity": {"the": "the entity"},
        "other": {"the": "the institution"},
    },
    # French: noun, gender (m/f) for « il/elle », « invité/invitée ».
    "fr": {
        "government": {"noun": "Gouvernement", "gender": "m"},
        "organization": {"noun": "Organisation", "gender": "f"},
        "european_union": {"noun": "Union", "gender": "f"},
        "un_entity": {"noun": "entité", "gender": "f"},
        "other": {"noun": "institution", "gender": "f"},
    },
    "es": {
        "government": {"noun": "Gobierno", "gender": "m"},
        "organization": {"noun": "Organización", "gender": "f"},
        "european_union": {"noun": "Unión", "gender": "f"},
        "un_entity": {"noun": "entidad", "gender": "f"},
        "other": {"noun": "institución", "gender": "f"},
    },
    # Russian: the six cases, and the gender for «оно/она/он», «приглашено/приглашена/приглашен».
    "ru": {
        "government": {"nom": "Правительство", "gen": "Правительства", "dat": "Правительству",
                       "acc": "Правительство", "ins": "Правительством", "pre": "Правительстве",
                       "gender": "n"},
        "organization": {"nom": "Организация", "gen": "Организации", "dat": "Организации",
                         "acc": "Организацию", "ins": "Организацией", "pre": "Организации",
                         "gender": "f"},
        "european_union": {"nom": "Союз", "gen": "Союза", "dat": "Союзу", "acc": "Союз",
                           "ins": "Союзом", "pre": "Союзе", "gender": "m"},
        "un_entity": {"nom": "структура", "gen": "структуры", "dat": "структуре",
                      "acc": "структуру", "ins": "структурой", "pre": "структуре", "gender": "f"},
        "other": {"nom": "учреждение", "gen": "учреждения", "dat": "учреждению",
                  "acc": "учреждение", "ins": "учреждением", "pre": "учреждении", "gender": "n"},
    },
    # Arabic: the noun with its article; gender for verbs, adjectives and suffixes.
    "ar": {
        "government": {"the": "الحكومة", "gender": "f"},
        "organization": {"the": "المنظمة", "gender": "f"},
        "european_union": {"the": "الاتحاد", "gender": "m"},
        "un_entity": {"the": "الكيان", "gender": "m"},
        "other": {"the": "المؤسسة", "gender": "f"},
    },
    "zh": {
        "government": {"the": "该国政府", "experts": "其本国专家"},
        "organization": {"the": "该组织", "experts": "其专家"},
        "european_union": {"the": "欧洲联盟", "experts": "其专家"},
        "un_entity": {"the": "该实体", "experts": "其专家"},
        "other": {"the": "该机构", "experts": "其专家"},
    },
    "kk": {
        "government": {"noun": "Үкімет"},
        "organization": {"noun": "Ұйым"},
        "european_union": {"noun": "Одақ"},
        "un_entity": {"noun": "құрылым"},
        "other": {"noun": "мекеме"},
    },
}
RECIPIENT_KINDS = ("government", "organization", "european_union", "un_entity", "other")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def recipient(kind: str, language: str) -> dict[str, str]:
    """The words a note uses for its recipient, as `recipient.…` placeholders.

    English: the, The, experts. French: le, Le, a (« au Gouvernement », « à l'Organisation »),
    de, il, Il, invited (« invité », « invitée »), experts. Spanish: el, El, a, de, invited,
    experts. Russian: nom, Nom, gen, dat, acc, ins, pre, it (оно/она/он), invited (приглашено…),
    experts. Arabic: the, li («للحكومة»), invited_verb (تُدعى/يُدعى), invited (مدعوة/مدعو),
    may_wish (ترغب/يرغب), its (ها/ه), alone (وحدها/وحده), appoint (تعيّن/يعيّن), take (تتخذ/يتخذ),
    experts. Chinese: the, experts.
    Kazakh: nom, Nom, acc, dat, gen, experts.
    """
    kind = kind if kind in RECIPIENT_KINDS else "other"
    nouns = _NOUNS.get(language)
    if nouns is None:
        return {}
    entry = nouns[kind]
    government = kind == "government"
    if language == "en":
        the = entry["the"]
        return {"the": the, "The": _capital(the),
                "experts": "its national experts" if government else "its experts"}
    if language in {"fr", "es"}:
        noun, gender = entry["noun"], entry["gender"]
        the = definite(noun, gender, language)
        words = {"the": the, "The": _capital(the), "a": with_preposition("a", the, language),
                 "de": with_preposition("de", the, language)}
        if language == "fr":
            words.update(le=the, Le=_capital(the), il="il" if gender == "m" else "elle",
                         Il="Il" if gender == "m" else "Elle",
                         invited="invité" if gender == "m" else "invitée",
                         experts="ses experts nationaux" if government else "ses experts")
        else:
            words.update(el=the, El=_capital(the),
                         invited="invitado" if gender == "m" else "invitada",
                         experts="sus expertos nacionales" if government else "sus expertos")
        return words
    if language == "ru":
        gender = entry["gender"]
        words = {case: entry[case] for case in ("nom", "gen", "dat", "acc", "ins", "pre")}
        words.update(Nom=_capital(entry["nom"]),
                     it={"n": "оно", "f": "она", "m": "он"}[gender],
                     invited={"n": "приглашено", "f": "приглашена", "m": "приглашен"}[gender],
                     experts="своих национальных экспертов" if government else "своих экспертов")
        return words
    if language == "ar":
        the, feminine = entry["the"], entry["gender"] == "f"
        return {"the": the, "li": arabic_li(the),
                "invited_verb": "تُدعى" if feminine else "يُدعى",
                "invited": "مدعوة" if feminine else "مدعو",
                "may_wish": "ترغب" if feminine else "يرغب",
                "its": "ها" if feminine else "ه",
                "alone": "وحدها" if feminine else "وحده",
                "appoint": "تعيّن" if feminine else "يعيّن",
                "take": "تتخذ" if feminine else "يتخذ",
                "experts": ("خبرائها" if feminine else "خبرائه")
                + (" الوطنيين" if government else "")}
    if language == "zh":
        return dict(entry)
    noun = entry["noun"]  # Kazakh
    return {"nom": noun, "Nom": _capital(noun), "acc": kk_case(noun, "acc"),
            "dat": kk_case(noun, "dat"), "gen": kk_case(noun, "gen"),
            "experts": "ұлттық сарапшыларының" if government else "сарапшыларының"}


# --- French and Spanish: articles, contraction and elision -------------------------------------

_VOWEL_START = re.compile(r"^[aeiouyàâäéèêëîïôöùûüœæh]", re.IGNORECASE)
# French names that begin with an aspirated h take « le/la/de », not « l'/d' ».
_ASPIRATED_H = ("Honduras", "Hongrie", "Haut", "Hollande", "Hambourg", "Hanovre", "Havane")


def _elides(word: str) -> bool:
    return bool(_VOWEL_START.match(word)) and not word.startswith(_ASPIRATED_H)


def definite(noun: str, gender: str, language: str, plural: bool = False) -> str:
    """« le Gouvernement », « l'Organisation », « la Unión », « el Gobierno »."""
    if language == "fr":
        if plural:
            return f"les {noun}"
        if _elides(noun):
            return f"l'{noun}"
        return f"{'le' if gender == 'm' else 'la'} {noun}"
    if plural:
        return f"{'los' if gender == 'm' else 'las'} {noun}"
    return f"{'el' if gender == 'm' else 'la'} {noun}"


def with_preposition(preposition: str, phrase: str, language: str) -> str:
    """« à » or « de » (French), «a» or «de» (Spanish) before a phrase, contracted or elided:

    à le → au, à les → aux, de le → du, de les → des, de + vowel → d'…; a el → al, de el → del.
    A capital « El » belongs to a name (« de El Salvador ») and is left as it is. Arabic "to" is
    «ل» joined to the word («للبعثة»); other languages get the preposition as given.
    """
    phrase = phrase.strip()
    if language == "fr":
        to = preposition in {"a", "à"}
        first, _, rest = phrase.partition(" ")
        if first == "le" and rest:
            return f"{'au' if to else 'du'} {rest}"
        if first == "les" and rest:
            return f"{'aux' if to else 'des'} {rest}"
        if to:
            return f"à {phrase}"
        if phrase[:1].isupper() and _elides(phrase) or phrase.startswith(("un ", "une ")):
            return f"d'{phrase}"
        return f"de {phrase}"
    if language == "es":
        to = preposition in {"a", "à"}
        if phrase.startswith("el ") and len(phrase) > 3:
            return f"{'al' if to else 'del'} {phrase[3:]}"
        return f"{'a' if to else 'de'} {phrase}"
    if language == "ar":  # «ل» joins the word; "of" is the construct state, no preposition
        return arabic_li(phrase) if preposition in {"a", "à", "to"} else phrase
    return f"{preposition} {phrase}"


def to(phrase: str, language: str) -> str:
    """"to" before a phrase: "to the …", « au … », «al …», «لل…»; unchanged in Russian, Kazakh
    and Chinese, whose templates write the case or the word order themselves."""
    if language == "en":
        return f"to {phrase}"
    if language in {"fr", "es", "ar"}:
        return with_preposition("a", phrase, language)
    return phrase


def of(phrase: str, language: str) -> str:
    """"of" before a phrase: "of the …", « du … », « de l'… », «del …»; unchanged elsewhere."""
    if language == "en":
        return f"of {phrase}"
    if language in {"fr", "es"}:
        return with_preposition("de", phrase, language)
    return phrase


_UNCONTRACTED = {
    "fr": re.compile(r"(?<![\w'’])(?:[àÀ] les?|[dD]e les?|[dD]e [AEIOUYÉÈÊÂÎÔÛ]\w*)(?=\s)"),
    "es": re.compile(r"(?<![\w'’])(?:[aA] el|[dD]e el)(?=\s)"),
}


def uncontracted(text: str, language: str) -> list[str]:
    """The article + preposition pairs a text leaves uncontracted («à le», «de el», « de Autriche »).

    Shipped notes never put « de le » before a verb, so every « de le » found is a fault.
    """
    pattern = _UNCONTRACTED.get(language)
    return [m.group(0) for m in pattern.finditer(text)] if pattern else []


# --- Kazakh: case endings by vowel harmony -----------------------------------------------------

_KK_BACK = set("аоұыяю")
_KK_FRONT = set("әөүіеэ")
_KK_VOWELS = _KK_BACK | _KK_FRONT | set("иу")
_KK_VOICELESS = set("кқпстфхцчшщбвгд")
_KK_NASAL = set("мнң")
# Suffixes as (back, front) after: a vowel, a nasal, another voiced consonant, a voiceless one.
_KK_SUFFIXES = {
    "loc": (("да", "де"), ("да", "де"), ("да", "де"), ("та", "те")),
    "abl": (("дан", "ден"), ("нан", "нен"), ("дан", "ден"), ("тан", "тен")),
    "dat": (("ға", "ге"), ("ға", "ге"), ("ға", "ге"), ("қа", "ке")),
    "acc": (("ны", "ні"), ("ды", "ді"), ("ды", "ді"), ("ты", "ті")),
    "gen": (("ның", "нің"), ("ның", "нің"), ("дың", "дің"), ("тың", "тің")),
    # The locative made an attribute ("of", before its noun): «сәуірдегі», «мамырдағы».
    "loc_attr": (("дағы", "дегі"), ("дағы", "дегі"), ("дағы", "дегі"), ("тағы", "тегі")),
}


def _kk_front(word: str) -> bool:
    """The last vowel decides; «и» (read [ij]) and a soft sign are front, as in the names of
    States borrowed through Russian: «Алжирдің», «Израильдің», «Чилидің»."""
    for letter in reversed(word.lower()):
        if letter in _KK_FRONT or letter in "иь":
            return True
        if letter in _KK_BACK:
            return False
    return False


def kk_case(word: str, case: str) -> str:
    """A Kazakh word with a case ending chosen by vowel harmony and its last sound:
    «маусым» → «маусымда», «маусымнан»; «сәуір» → «сәуірде», «сәуірдегі»; «Үкімет» → «Үкіметке».
    Final «и» and «у» end in a glide ([ij], [uw]) and take the endings of «й»: «Чилидің»,
    «Тувалудың»; a soft sign is not a sound: «Беларусьтің». A phrase takes the ending on its last
    word: «Америка Құрама Штаттарының».
    """
    sound = word.rstrip("ь")
    last = sound[-1].lower()
    if last in _KK_VOWELS and last not in "иу":
        column = 0
    elif last in _KK_NASAL:
        column = 1
    elif last in _KK_VOICELESS:
        column = 3
    else:
        column = 2
    back, front = _KK_SUFFIXES[case][column]
    return word + (front if _kk_front(word) else back)


# --- Arabic -----------------------------------------------------------------------------------

def arabic_li(phrase: str) -> str:
    """«ل» before a word: with the article it becomes «لل» («للحكومة»), else joins («لبعثة»)."""
    phrase = phrase.strip()
    if phrase.startswith("ال"):
        return "لل" + phrase[2:]
    return "ل" + phrase


def arabic_pages(count: int) -> str:
    """«صفحة واحدة», «صفحتان», «3 صفحات» … «10 صفحات», «11 صفحة»: the counted noun agrees."""
    if count == 1:
        return "صفحة واحدة"
    if count == 2:
        return "صفحتان"
    if 3 <= count % 100 <= 10:
        return f"{count} صفحات"
    return f"{count} صفحة"


# --- Plurals --------------------------------------------------------------------------------

def spanish_pages(count: int) -> str:
    """«1 pág.», «2 págs.»."""
    return f"{count} pág." if count == 1 else f"{count} págs."


def pages(count: int, language: str) -> str:
    """The enclosure's page count as the language abbreviates it: "9", «1 pág.», «صفحتان»."""
    if language == "es":
        return spanish_pages(count)
    if language == "ar":
        return arabic_pages(count)
    return str(count)


def earlier_notes(count: int, language: str, arabic_gender: str = "m") -> str:
    """The sender's earlier note or notes, by number: « à sa note » / « à ses notes »,
    «a su nota» / «a sus notas», «свою ноту» / «свои ноты», «مذكرته» / «مذكراتها»,
    «нотасына» / «ноталарына». English: "note" / "notes" (after "his", "her", "its")."""
    one = count == 1
    if language == "ar":
        suffix = "ها" if arabic_gender == "f" else "ه"
        return ("مذكرت" if one else "مذكرات") + suffix
    return {
        "en": ("note", "notes"),
        "fr": ("à sa note", "à ses notes"),
        "es": ("a su nota", "a sus notas"),
        "ru": ("свою ноту", "свои ноты"),
        "kk": ("нотасына", "ноталарына"),
        "zh": ("照会", "照会"),
    }.get(language, ("", ""))[0 if one else 1]


# Kazakh numbers, by their last word, for the endings of a time: «18:00-ден», «18:30-дан».
_KK_UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
_KK_TENS = ("", "он", "жиырма", "отыз", "қырық", "елу")


def kk_number_case(number: int, case: str) -> str:
    """«18:00» is read «он сегіз нөл нөл»: the ending follows the last word read, with a hyphen."""
    last = _KK_UNITS[number % 10] if number % 10 or number == 0 else _KK_TENS[number // 10 % 10]
    return "-" + kk_case(last, case)[len(last):]


# --- Typography ---------------------------------------------------------------------------------

NBSP = "\u00a0"
_FRENCH_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;!?»])")
_FRENCH_AFTER = re.compile(r"(«)[ \u00a0\u202f]+")


def typography(text: str, language: str) -> str:
    """French puts a non-breaking space before « : ; ! ? » and inside « », so a line never starts
    with a colon or a closing guillemet; other languages are returned unchanged."""
    if language != "fr":
        return text
    text = _FRENCH_BEFORE.sub(lambda m: NBSP + m.group(1), text)
    return _FRENCH_AFTER.sub(lambda m: m.group(1) + NBSP, text)


def arabic_sender(gender: str) -> dict[str, str]:
    """The Arabic formulas open with the verb, which agrees with the sender: «يهدي الأمين العام
    … أطيب تحياته», «تهدي الأمينة التنفيذية … أطيب تحياتها»; gender is 'm' or 'f'."""
    feminine = gender == "f"
    return {
        "presents": "تهدي" if feminine else "يهدي",
        "greetings": "تحياتها" if feminine else "تحياته",
        "honoured": "وتتشرف" if feminine else "ويتشرف",
        "invite": "تدعو" if feminine else "يدعو",
        "draw": "تسترعي" if feminine else "يسترعي",
        "avails": "وتغتنم" if feminine else "ويغتنم",
        "express": "لتعرب" if feminine else "ليعرب",
        "his_regard": "تقديرها" if feminine else "تقديره",
    }
