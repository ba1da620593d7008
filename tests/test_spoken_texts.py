"""The registration page's texts, resolved once per rendering (SpokenTexts), show exactly as the
lazy ones (Texts) do: the same words in every language, unescaped as Flask-Babel's, the same
answers to `in`, `get` and unknown keys."""
from __future__ import annotations

import pytest
from flask import Flask, render_template_string

from meetings import languages
from meetings.registration.texts import SOURCE, SpokenTexts, Texts, texts_for

TEMPLATE = ("{% for key in keys %}[{{ t[key] }}|{{ t[key] ~ '&' }}|{{ t[key]|e }}|"
            "{% if t[key] %}1{% endif %}|{{ t.get(key, '-') }}]{% endfor %}")


@pytest.mark.parametrize("language", languages.UI_LANGUAGES)
def test_spoken_texts_render_as_the_lazy_ones(app: Flask, language: str) -> None:
    keys = [*SOURCE, "none", "fallback"]
    with app.test_request_context():
        texts, _shown, fell_back = texts_for(language)
        lazy = render_template_string(TEMPLATE, t=texts, keys=keys)
        spoken_texts = SpokenTexts(fell_back)
        spoken = render_template_string(TEMPLATE, t=spoken_texts, keys=keys)
        again = render_template_string(TEMPLATE, t=spoken_texts, keys=keys)  # from its memory
        assert spoken == lazy == again
        assert [str(texts[k]) for k in keys] == [str(spoken_texts[k]) for k in keys]
        assert ("title" in spoken_texts, "nonsense" in spoken_texts) == (True, False)
        with pytest.raises(AttributeError):
            spoken_texts.nonsense  # noqa: B018
        assert isinstance(Texts()["title"], object)


def test_a_text_with_markup_characters_is_not_escaped_again(app: Flask) -> None:
    """Flask-Babel's lazy texts are trusted (their __html__ is the text): so is a spoken one."""
    from meetings.registration.texts import Said

    with app.test_request_context():
        assert render_template_string("{{ s }}", s=Said("l'<b>&")) == "l'<b>&"

