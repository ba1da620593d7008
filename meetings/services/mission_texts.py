"""What the secretariat writes to a Permanent Mission, in the invitation's language.

Subjects and bodies per kind of message, in the six UN languages and Kazakh; any other language
falls back to English. Placeholders: {meeting}, {deadline}, {comment}, {link}. The e-mail puts
the meeting and the party above the text and the secretariat's name under it (mission_mail.py).
"""
from __future__ import annotations

KINDS = ("reminder", "confirmed", "late_accepted", "returned", "new_link")

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "reminder": (
            "Reminder: registration of the delegation — {meeting}",
            "The secretariat wishes to recall that the composition of the Government's delegation "
            "has not yet been registered. The deadline for registration is {deadline}.\n\n"
            "The delegation may be registered through the following private link, which is meant "
            "for the Government only:\n{link}\n\n"
            "Should the Government not intend to be represented, it may indicate so on the same "
            "page."),
        "confirmed": (
            "Delegation confirmed — {meeting}",
            "The secretariat confirms the registration of the Government's delegation."),
        "late_accepted": (
            "Late registration accepted — {meeting}",
            "The registration of the Government's delegation, received after the deadline, has "
            "been accepted. The secretariat confirms the registration of the delegation."),
        "returned": (
            "Registration returned for correction — {meeting}",
            "The secretariat returns the registration of the Government's delegation for "
            "correction, with the following comment:\n\n{comment}\n\n"
            "The registration may be corrected and submitted again through the Government's "
            "private link:\n{link}"),
        "new_link": (
            "New private link for registration — {meeting}",
            "A new private link has been issued for the registration of the Government's "
            "delegation. The previous link no longer works.\n\n{link}\n\n"
            "The link is meant for the Government only."),
    },
    "fr": {
        "reminder": (
            "Rappel : inscription de la délégation — {meeting}",
            "Le secrétariat se permet de rappeler que la composition de la délégation du "
            "Gouvernement n'a pas encore été communiquée. La date limite d'inscription est le "
            "{deadline}.\n\n"
            "La délégation peut être inscrite au moyen du lien privé ci-après, qui est destiné au "
            "seul Gouvernement :\n{link}\n\n"
            "Si le Gouvernement n'entend pas se faire représenter, il peut l'indiquer sur la même "
            "page."),
        "confirmed": (
            "Délégation confirmée — {meeting}",
            "Le secrétariat confirme l'inscription de la délégation du Gouvernement."),
        "late_accepted": (
            "Inscription tardive acceptée — {meeting}",
            "L'inscription de la délégation du Gouvernement, reçue après la date limite, a été "
            "acceptée. Le secrétariat confirme l'inscription de la délégation."),
        "returned": (
            "Inscription renvoyée pour correction — {meeting}",
            "Le secrétariat renvoie l'inscription de la délégation du Gouvernement pour "
            "correction, avec l'observation suivante :\n\n{comment}\n\n"
            "L'inscription peut être corrigée et soumise à nouveau au moyen du lien privé du "
            "Gouvernement :\n{link}"),
        "new_link": (
            "Nouveau lien privé d'inscription — {meeting}",
            "Un nouveau lien privé a été établi pour l'inscription de la délégation du "
            "Gouvernement. Le lien précédent n'est plus valable.\n\n{link}\n\n"
            "Ce lien est destiné au seul Gouvernement."),
    },
    "es": {
        "reminder": (
            "Recordatorio: inscripción de la delegación — {meeting}",
            "La secretaría desea recordar que aún no se ha inscrito la composición de la "
            "delegación del Gobierno. El plazo de inscripción vence el {deadline}.\n\n"
            "La delegación puede inscribirse mediante el siguiente enlace privado, destinado "
            "exclusivamente al Gobierno:\n{link}\n\n"
            "Si el Gobierno no tiene previsto estar representado, puede indicarlo en la misma "
            "página."),
        "confirmed": (
            "Delegación confirmada — {meeting}",
            "La secretaría confirma la inscripción de la delegación del Gobierno."),
        "late_accepted": (
            "Inscripción tardía aceptada — {meeting}",
            "Se ha aceptado la inscripción de la delegación del Gobierno, recibida después del "
            "plazo. La secretaría confirma la inscripción de la delegación."),
        "returned": (
            "Inscripción devuelta para su corrección — {meeting}",
            "La secretaría devuelve la inscripción de la delegación del Gobierno para su "
            "corrección, con la siguiente observación:\n\n{comment}\n\n"
            "La inscripción puede corregirse y presentarse de nuevo mediante el enlace privado "
            "del Gobierno:\n{link}"),
        "new_link": (
            "Nuevo enlace privado de inscripción — {meeting}",
            "Se ha generado un nuevo enlace privado para la inscripción de la delegación del "
            "Gobierno. El enlace anterior ya no es válido.\n\n{link}\n\n"
            "Este enlace está destinado exclusivamente al Gobierno."),
    },
    "ru": {
        "reminder": (
            "Напоминание: регистрация делегации — {meeting}",
            "Секретариат хотел бы напомнить, что состав делегации правительства еще не "
            "зарегистрирован. Крайний срок регистрации: {deadline}.\n\n"
            "Делегацию можно зарегистрировать по следующей персональной ссылке, предназначенной "
            "исключительно для правительства:\n{link}\n\n"
            "Если правительство не намерено направлять делегацию, оно может сообщить об этом на "
            "той же странице."),
        "confirmed": (
            "Делегация подтверждена — {meeting}",
            "Секретариат подтверждает регистрацию делегации правительства."),
        "late_accepted": (
            "Регистрация после крайнего срока принята — {meeting}",
            "Регистрация делегации правительства, полученная после истечения крайнего срока, "
            "принята. Секретариат подтверждает регистрацию делегации."),
        "returned": (
            "Регистрация возвращена для исправления — {meeting}",
            "Секретариат возвращает регистрацию делегации правительства для исправления со "
            "следующим комментарием:\n\n{comment}\n\n"
            "Исправить регистрацию и представить ее повторно можно по персональной ссылке "
            "правительства:\n{link}"),
        "new_link": (
            "Новая персональная ссылка для регистрации — {meeting}",
            "Для регистрации делегации правительства выдана новая персональная ссылка. Прежняя "
            "ссылка больше не действует.\n\n{link}\n\n"
            "Ссылка предназначена исключительно для правительства."),
    },
    "ar": {
        "reminder": (
            "تذكير: تسجيل الوفد — {meeting}",
            "تود الأمانة أن تذكّر بأن تشكيلة وفد الحكومة لم تُسجَّل بعد. والموعد النهائي للتسجيل "
            "هو {deadline}.\n\n"
            "ويمكن تسجيل الوفد عن طريق الرابط الخاص التالي، المخصص للحكومة وحدها:\n{link}\n\n"
            "وإذا كانت الحكومة لا تعتزم أن تكون ممثلة، فبإمكانها أن تشير إلى ذلك في الصفحة نفسها."),
        "confirmed": (
            "تأكيد الوفد — {meeting}",
            "تؤكد الأمانة تسجيل وفد الحكومة."),
        "late_accepted": (
            "قبول التسجيل المتأخر — {meeting}",
            "قُبل تسجيل وفد الحكومة الذي ورد بعد انقضاء الموعد النهائي. وتؤكد الأمانة تسجيل "
            "الوفد."),
        "returned": (
            "إعادة التسجيل للتصحيح — {meeting}",
            "تعيد الأمانة تسجيل وفد الحكومة للتصحيح، مع التعليق التالي:\n\n{comment}\n\n"
            "ويمكن تصحيح التسجيل وتقديمه من جديد عن طريق الرابط الخاص بالحكومة:\n{link}"),
        "new_link": (
            "رابط خاص جديد للتسجيل — {meeting}",
            "صدر رابط خاص جديد لتسجيل وفد الحكومة، ولم يعد الرابط السابق صالحا.\n\n{link}\n\n"
            "وهذا الرابط مخصص للحكومة وحدها."),
    },
    "zh": {
        "reminder": (
            "提醒：代表团登记 — {meeting}",
            "秘书处谨提请注意，贵国政府代表团的组成尚未登记。登记截止日期为{deadline}。\n\n"
            "可通过以下专供贵国政府使用的私人链接登记代表团：\n{link}\n\n"
            "如贵国政府无意派代表出席，也可在同一页面上说明。"),
        "confirmed": (
            "代表团已确认 — {meeting}",
            "秘书处确认贵国政府代表团的登记。"),
        "late_accepted": (
            "逾期登记已接受 — {meeting}",
            "贵国政府代表团在截止日期后提交的登记已被接受。秘书处确认该代表团的登记。"),
        "returned": (
            "登记退回修改 — {meeting}",
            "秘书处将贵国政府代表团的登记退回修改，意见如下：\n\n{comment}\n\n"
            "可通过贵国政府的私人链接更正并重新提交登记：\n{link}"),
        "new_link": (
            "新的登记私人链接 — {meeting}",
            "已为贵国政府代表团的登记发放新的私人链接。原链接已失效。\n\n{link}\n\n"
            "该链接仅供贵国政府使用。"),
    },
    "kk": {
        "reminder": (
            "Еске салу: делегацияны тіркеу — {meeting}",
            "Хатшылық Үкімет делегациясының құрамы әлі тіркелмегенін еске салады. Тіркеудің "
            "соңғы мерзімі: {deadline}.\n\n"
            "Делегацияны тек Үкіметке арналған мына жеке сілтеме арқылы тіркеуге болады:\n"
            "{link}\n\n"
            "Егер Үкімет өкіл жіберуге ниет етпесе, бұл туралы сол бетте көрсетуге болады."),
        "confirmed": (
            "Делегация расталды — {meeting}",
            "Хатшылық Үкімет делегациясының тіркелгенін растайды."),
        "late_accepted": (
            "Мерзімнен кейінгі тіркеу қабылданды — {meeting}",
            "Үкімет делегациясының соңғы мерзімнен кейін келіп түскен тіркеуі қабылданды. "
            "Хатшылық делегацияның тіркелгенін растайды."),
        "returned": (
            "Тіркеу түзетуге қайтарылды — {meeting}",
            "Хатшылық Үкімет делегациясының тіркеуін мына түсініктемемен түзетуге қайтарады:"
            "\n\n{comment}\n\n"
            "Тіркеуді Үкіметтің жеке сілтемесі арқылы түзетіп, қайта ұсынуға болады:\n{link}"),
        "new_link": (
            "Тіркеуге арналған жаңа жеке сілтеме — {meeting}",
            "Үкімет делегациясын тіркеу үшін жаңа жеке сілтеме берілді. Бұрынғы сілтеме енді "
            "жарамсыз.\n\n{link}\n\n"
            "Сілтеме тек Үкіметке арналған."),
    },
}


def texts_for(language: str) -> tuple[dict[str, tuple[str, str]], str]:
    """(texts, language written): the invitation's language when there are texts in it."""
    if language in TEXTS:
        return TEXTS[language], language
    return TEXTS["en"], "en"
