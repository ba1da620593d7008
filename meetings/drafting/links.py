"""Links a mission can follow: the typable code beside the private link, its QR code, real
hyperlinks and the document language in the .docx.

Kept apart from render.py (the note's layout) so both can change independently. The note as
issued holds markers only; the secret, its code and its QR code are put in when it goes out.
"""
from __future__ import annotations

import base64
import io
import re

import segno
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph

REGISTRATION_MARKER = "__registration_secret__"  # the same as private_links.REGISTRATION_MARKER
CODE_MARKER = "__registration_code__"
QR_MARKER = "__registration_qr__"
_URL_LINE = re.compile(r"^(?:https?://|mailto:)\S+$")

# "Registration code: ⏎ 7KQ2-M9XD-…": printed under the link, typed on the registration page.
CODE_LABELS = {
    "en": "Registration code (to be typed on the registration page {page} if the link "
          "cannot be followed):",
    "fr": "Code d'inscription (à saisir sur la page d'inscription {page} si le lien ne peut "
          "être suivi) : ",
    "es": "Código de inscripción (para introducir en la página de inscripción {page} si no se "
          "puede seguir el enlace): ",
    "ru": "Регистрационный код (вводится на странице регистрации {page}, если ссылку нельзя "
          "открыть): ",
    "ar": "رمز التسجيل (يُكتب في صفحة التسجيل {page} إذا تعذّر فتح الرابط): ",
    "zh": "登记代码（如无法打开链接，请在登记页面 {page} 输入）：",
    "kk": "Тіркеу коды (сілтеме ашылмаса, тіркеу бетінде {page} енгізіледі): ",
}
# The cover of a circular note's e-mail: the shared text carries no private link.
CIRCULAR_COVER = {
    "en": "Note verbale {reference} below is a circular note. The delegation of your Government "
          "may be registered online through the following private link, which is meant for "
          "your Government only:",
    "fr": "La note verbale {reference} ci-dessous est une note circulaire. La délégation de "
          "votre Gouvernement peut être inscrite en ligne au moyen du lien privé suivant, "
          "destiné à votre seul Gouvernement :",
    "es": "La nota verbal {reference} que figura a continuación es una nota circular. La "
          "delegación de su Gobierno puede inscribirse en línea mediante el siguiente enlace "
          "privado, destinado únicamente a su Gobierno:",
    "ru": "Нота {reference} ниже является циркулярной. Делегацию Вашего правительства можно "
          "зарегистрировать онлайн по следующей персональной ссылке, предназначенной только "
          "для Вашего правительства:",
    "ar": "المذكرة الشفوية {reference} أدناه مذكرة تعميمية. ويمكن تسجيل وفد حكومتكم إلكترونياً "
          "عن طريق الرابط الخاص التالي، المخصص لحكومتكم وحدها:",
    "zh": "以下第{reference}号普通照会为通函。贵国政府代表团可通过以下仅供贵国政府使用的专用链接在线登记：",
    "kk": "Төмендегі {reference} нотасы циркулярлық нота болып табылады. Үкіметіңіздің "
          "делегациясын тек Үкіметіңізге арналған келесі жеке сілтеме арқылы онлайн тіркеуге "
          "болады:",
}
# For spelling and screen readers: w:val (Latin and Cyrillic), w:bidi (Arabic), w:eastAsia.
DOCX_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA",
                 "zh": "zh-CN", "kk": "kk-KZ"}


def is_url(text: str) -> bool:
    return bool(_URL_LINE.match(text.strip()))


def code_label(language: str, page: str, code: str = CODE_MARKER) -> str:
    """The label, then the code on a line of its own (never broken, read left to right)."""
    label = CODE_LABELS.get(language, CODE_LABELS["en"]).format(page=page).rstrip()
    return f"{label}\n{code}"


def circular_cover(language: str, reference: str, link: str, page: str) -> str:
    """The lines an e-mail of a circular note starts with: its addressee's own link and code."""
    cover = CIRCULAR_COVER.get(language, CIRCULAR_COVER["en"]).format(reference=reference)
    return f"{cover}\n\n{link}\n\n{code_label(language, page)}\n\n"


def qr_png(data: str) -> bytes:
    """A QR code (error correction M, 4 px modules, quiet zone kept) as a PNG."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buffer, kind="png", scale=4, border=4)
    return buffer.getvalue()


# What an issued .docx holds in the QR code's place until the live link is known.
PLACEHOLDER_QR = qr_png("private link not shown")


def qr_data_uri(data: str | None) -> str:
    png = qr_png(data) if data else PLACEHOLDER_QR
    return "data:image/png;base64," + base64.b64encode(png).decode()


def qr_html() -> str:
    """The QR code's place in the print HTML; private_links.fill puts the image in."""
    return f'<p class="qr"><img src="{QR_MARKER}" alt="QR code of the private link" ' \
           'width="132" height="132"></p>'


# --- the .docx: language, hyperlinks, QR code -------------------------------------------------

def finish_docx(document, language: str) -> None:
    """Set the document's language (its styles': `set_language`), make link paragraphs real
    hyperlinks, add the QR code."""
    document.core_properties.language = DOCX_LANGUAGE.get(language, language)
    for paragraph in list(document.paragraphs):
        text = paragraph.text.strip()
        if _URL_LINE.match(text):
            hyperlink(paragraph, text)
        elif CODE_MARKER in text:
            qr = paragraph._p.makeelement(qn("w:p"), {})
            paragraph._p.addprevious(qr)
            picture = Paragraph(qr, paragraph._parent)
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(PLACEHOLDER_QR), width=Cm(3.5))


def set_language(document, language: str) -> None:
    """The language of the Normal style (render.docx_styles: made once a language)."""
    tag = DOCX_LANGUAGE.get(language, language)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag if language not in {"ar", "zh"} else "en-GB")
    lang.set(qn("w:eastAsia"), tag if language == "zh" else "zh-CN")
    lang.set(qn("w:bidi"), tag if language == "ar" else "ar-SA")
    rpr.append(lang)


def hyperlink(paragraph, url: str) -> None:
    """Wrap the paragraph's runs in a w:hyperlink to `url` (blue, underlined)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    for run in paragraph.runs:
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.append(run._r)
    paragraph._p.append(link)


def refresh_qr(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Once the links of a .docx are filled, draw the QR code of its private link."""
    rels = parts.get("word/_rels/document.xml.rels", b"").decode("utf-8")
    live = [url for url in re.findall(r'Target="([^"]+)"', rels)
            if "/register/" in url and REGISTRATION_MARKER not in url and "://" in url]
    if not live:
        return parts
    image = qr_png(live[0].replace("&amp;", "&"))
    return {name: image if name.startswith("word/media/") and content == PLACEHOLDER_QR
            else content for name, content in parts.items()}
