"""UN order: alphabetical by short name without the article, in the list's language.

The Unicode Collation Algorithm (pyuca, root collation) puts "Türkiye" between Tunisia and
Turkmenistan and « Émirats arabes unis » among the E's; Arabic names sort without their
article al-, as UN Arabic lists do; Chinese names sort by their pinyin.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from pypinyin import Style, lazy_pinyin
from pyuca import Collator

T = TypeVar("T")


@lru_cache(maxsize=1)
def _collator() -> Collator:
    return Collator()


@lru_cache(maxsize=16384)  # a pure function of its arguments: lists sort the same names again
def sort_key(name: str, language: str = "en") -> tuple:
    if language == "ar" and name.startswith("ال"):
        name = name[2:]  # UN Arabic lists pass over the article: الأرجنتين sorts under أ
    if language == "zh":
        spelled = " ".join(lazy_pinyin(name, style=Style.TONE3))
        return (_collator().sort_key(spelled), _collator().sort_key(name))
    return (_collator().sort_key(name),)


def un_sorted(items: Iterable[T], name_of: Callable[[T], str], language: str = "en") -> list[T]:
    return sorted(items, key=lambda item: sort_key(name_of(item), language))
