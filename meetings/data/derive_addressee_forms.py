"""Write addressee_names.csv: per State, the names a Russian, Arabic and Kazakh addressee needs.

The UN name data give Russian and Arabic names in the nominative only, and no Kazakh at all, so
«Постоянное представительство Австрии», «البعثة الدائمة للنمسا» and «Австрияның … Тұрақты
өкілдігі» need forms derived once and shipped; the libraries are needed only here. Run it in a
throwaway environment whenever states.csv, the overrides or the CLDR release change:

    python3 -m venv /tmp/morph
    /tmp/morph/bin/pip install pymorphy3 pymorphy3-dicts-ru babel
    /tmp/morph/bin/python meetings/data/derive_addressee_forms.py

and read the diff: every change is a name a government will see.

Columns: ru (the Russian name, nominative), ru_gen (its genitive, after «Постоянное
представительство»), ar (the Arabic name, to which «ل» is joined), kk (the Kazakh name), kk_gen
(its genitive). The name is the short one, except where the UN writes the State in diplomatic
order (the English short name has a bracket: "Iran (Islamic Republic of)"), where it is the
formal one. Russian: pymorphy3, word by word, adjectives agreeing with their noun; words it does
not know (Кабо-Верде, Тимор-Лешти) are left as they are. Kazakh: CLDR territory names through
Babel, genitive by meetings/grammar.py. addressee_overrides.csv corrects both, with reasons.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "addressee_names.csv"
COLUMNS = ("iso3", "ru", "ru_gen", "ar", "kk", "kk_gen")
# Words that join two names both declined: «Боснии и Герцеговины», «Папуа — Новой Гвинеи».
COORDINATORS = {"и", "—"}


def _grammar():
    """meetings/grammar.py without importing the Flask package around it."""
    spec = importlib.util.spec_from_file_location("grammar", HERE.parent / "grammar.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def states() -> list[dict[str, str]]:
    with open(HERE / "states.csv", encoding="utf-8") as handle:
        rows = {row["iso3"]: row for row in csv.DictReader(handle)}
    with open(HERE / "state_corrections.csv", encoding="utf-8") as handle:
        for fix in csv.DictReader(handle):
            rows[fix["iso3"]][fix["field"]] = fix["value"]
    return list(rows.values())


def diplomatic(row: dict[str, str], language: str) -> str:
    """The short name, or the formal one where the English short name is turned round."""
    english = row["short_en"].strip()
    turned = "(" in english and not english.endswith("(the)")
    return (row[f"formal_{language}"] if turned else row[f"short_{language}"]).strip()


def _cased(word: str, like: str) -> str:
    """pymorphy3 answers in lower case with «ё»; the UN writes «е» and capitals per part."""
    word = word.replace("ё", "е")
    parts, model = word.split("-"), like.split("-")
    if len(parts) != len(model):
        return word[:1].upper() + word[1:] if like[:1].isupper() else word
    return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, model, strict=True))


def _nominative(morph, word: str, pos: set[str], number: str | None = None):
    for parse in morph.parse(word):
        if parse.tag.POS in pos and parse.tag.case == "nomn" and parse.is_known and (
                number is None or parse.tag.number == number):
            return parse
    return None


def russian_genitive(morph, name: str) -> str:
    """«Соединенное Королевство Великобритании …» → «Соединенного Королевства Великобритании …»:
    the words up to the first noun (and a second name joined by «и» or «—») take the genitive;
    what follows a noun is already genitive or an apposition («Республики Корея»)."""
    words = name.split(" ")
    out = list(words)
    start = 0
    while start < len(words):
        head = next((i for i in range(start, len(words))
                     if _nominative(morph, words[i], {"NOUN"})
                     and not _nominative(morph, words[i], {"ADJF", "PRTF"})), None)
        if head is None:
            break
        adjectives = range(start, head)
        number = None
        if adjectives:
            first = _nominative(morph, words[start], {"ADJF", "PRTF"})
            number = first.tag.number if first else None
        noun = _nominative(morph, words[head], {"NOUN"}, number) or \
            _nominative(morph, words[head], {"NOUN"})
        gender = noun.tag.gender if noun.tag.number == "sing" else None
        for i in adjectives:
            adjective = next((p for p in morph.parse(words[i])
                              if p.tag.POS in {"ADJF", "PRTF"} and p.tag.case == "nomn"
                              and p.tag.number == noun.tag.number
                              and (gender is None or p.tag.gender == gender)), None)
            inflected = adjective.inflect({"gent"}) if adjective else None
            if inflected:
                out[i] = _cased(inflected.word, words[i])
        inflected = noun.inflect({"gent"})
        if inflected:
            out[head] = _cased(inflected.word, words[head])
        proper = "Geox" in noun.tag or "Name" in noun.tag
        if proper and head + 2 < len(words) and words[head + 1] in COORDINATORS:
            start = head + 2
            continue
        break
    return " ".join(out)


def overrides() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    with open(HERE / "addressee_overrides.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["iso3"], {})[row["field"]] = row["value"]
    return found


def main() -> None:
    import pymorphy3  # type: ignore[import-not-found]  # only where the file is regenerated
    from babel import Locale

    morph = pymorphy3.MorphAnalyzer()
    kazakh = Locale("kk").territories
    kk_case = _grammar().kk_case
    fixes = overrides()
    rows = []
    for state in states():
        fixed = fixes.get(state["iso3"], {})
        ru = fixed.get("ru") or diplomatic(state, "ru")
        kk = fixed.get("kk") or kazakh[state["iso2"]]
        row = {"iso3": state["iso3"], "ru": ru,
               "ru_gen": fixed.get("ru_gen") or russian_genitive(morph, ru),
               "ar": fixed.get("ar") or diplomatic(state, "ar"),
               "kk": kk, "kk_gen": fixed.get("kk_gen") or kk_case(kk, "gen")}
        rows.append(row)
    unknown = set(fixes) - {r["iso3"] for r in rows}
    if unknown:
        sys.exit(f"Overrides for States not in states.csv: {', '.join(sorted(unknown))}")
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["iso3"]))
    print(f"{len(rows)} States written to {OUT.name}")


if __name__ == "__main__":
    main()
