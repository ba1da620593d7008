"""The words of a list of participants in the six UN languages; headings are the UN's defaults,
which a secretariat may replace (Secretariat.participants_sections)."""
from __future__ import annotations

from meetings.models import InvitationCategory as C

# The order UN lists use.
DEFAULT_ORDER: tuple[C, ...] = (
    C.STATE_PARTY, C.MEMBER_STATE, C.SIGNATORY_STATE, C.OBSERVER_STATE, C.UN_ENTITY,
    C.SPECIALIZED_AGENCY, C.OBSERVER_ORGANIZATION, C.OTHER,
)

DEFAULT_HEADINGS: dict[C, dict[str, str]] = {
    C.STATE_PARTY: {
        "en": "States parties", "fr": "États parties", "es": "Estados partes",
        "ru": "Государства-участники", "ar": "الدول الأطراف", "zh": "缔约国"},
    C.MEMBER_STATE: {
        "en": "Member States", "fr": "États membres", "es": "Estados miembros",
        "ru": "Государства-члены", "ar": "الدول الأعضاء", "zh": "成员国"},
    C.SIGNATORY_STATE: {
        "en": "Signatory States and signatory regional economic integration organizations",
        "fr": "États signataires et organisations régionales d'intégration économique signataires",
        "es": "Estados signatarios y organizaciones regionales de integración económica "
              "signatarias",
        "ru": "Государства и региональные организации экономической интеграции, подписавшие "
              "документ",
        "ar": "الدول الموقِّعة ومنظمات التكامل الاقتصادي الإقليمية الموقِّعة",
        "zh": "签署国和签署方区域经济一体化组织"},
    C.OBSERVER_STATE: {
        "en": "Other States", "fr": "Autres États", "es": "Otros Estados",
        "ru": "Другие государства", "ar": "دول أخرى", "zh": "其他国家"},
    C.UN_ENTITY: {
        "en": "United Nations Secretariat units, programmes and funds",
        "fr": "Services du Secrétariat de l'Organisation des Nations Unies, programmes et fonds",
        "es": "Dependencias de la Secretaría de las Naciones Unidas, programas y fondos",
        "ru": "Подразделения Секретариата Организации Объединенных Наций, программы и фонды",
        "ar": "وحدات الأمانة العامة للأمم المتحدة وبرامجها وصناديقها",
        "zh": "联合国秘书处各单位、方案和基金"},
    C.SPECIALIZED_AGENCY: {
        "en": "Specialized agencies and related organizations",
        "fr": "Institutions spécialisées et organisations apparentées",
        "es": "Organismos especializados y organizaciones conexas",
        "ru": "Специализированные учреждения и связанные с ними организации",
        "ar": "الوكالات المتخصصة والمؤسسات ذات الصلة",
        "zh": "专门机构和有关组织"},
    C.OBSERVER_ORGANIZATION: {
        "en": "Other intergovernmental organizations",
        "fr": "Autres organisations intergouvernementales",
        "es": "Otras organizaciones intergubernamentales",
        "ru": "Другие межправительственные организации",
        "ar": "منظمات حكومية دولية أخرى", "zh": "其他政府间组织"},
    C.OTHER: {
        "en": "Other observers", "fr": "Autres observateurs", "es": "Otros observadores",
        "ru": "Другие наблюдатели", "ar": "مراقبون آخرون", "zh": "其他观察员"},
}

LABELS: dict[str, dict[str, str]] = {
    "title": {"en": "List of participants", "fr": "Liste des participants",
              "es": "Lista de participantes", "ru": "Список участников",
              "ar": "قائمة المشاركين", "zh": "与会者名单"},
    "provisional": {"en": "Provisional", "fr": "Provisoire", "es": "Provisional",
                    "ru": "Предварительный", "ar": "مؤقتة", "zh": "临时"},
    "final": {"en": "Final", "fr": "Définitive", "es": "Definitiva", "ru": "Окончательный",
              "ar": "نهائية", "zh": "最后"},
    "submitted": {"en": "submitted, not yet confirmed", "fr": "soumise, non encore confirmée",
                  "es": "presentada, aún no confirmada", "ru": "представлено, еще не подтверждено",
                  "ar": "مقدَّمة، لم تؤكَّد بعد", "zh": "已提交，尚未确认"},
    "counts": {"en": "Summary", "fr": "Récapitulatif", "es": "Resumen", "ru": "Итоги",
               "ar": "موجز", "zh": "汇总"},
    "states": {"en": "States", "fr": "États", "es": "Estados", "ru": "Государства",
               "ar": "الدول", "zh": "国家"},
    "organizations": {"en": "Organizations", "fr": "Organisations", "es": "Organizaciones",
                      "ru": "Организации", "ar": "المنظمات", "zh": "组织"},
    "delegates": {"en": "Delegates", "fr": "Délégués", "es": "Delegados", "ru": "Делегаты",
                  "ar": "أعضاء الوفود", "zh": "代表"},
    "women": {"en": "Women", "fr": "Femmes", "es": "Mujeres", "ru": "Женщины", "ar": "النساء",
              "zh": "女性"},
    "men": {"en": "Men", "fr": "Hommes", "es": "Hombres", "ru": "Мужчины", "ar": "الرجال",
            "zh": "男性"},
    "none": {"en": "No delegation confirmed yet.", "fr": "Aucune délégation confirmée.",
             "es": "Ninguna delegación confirmada.", "ru": "Подтвержденных делегаций нет.",
             "ar": "لم يؤكَّد أي وفد بعد.", "zh": "尚无已确认的代表团。"},
    "page": {"en": "Page", "fr": "Page", "es": "Página", "ru": "Стр.", "ar": "الصفحة",
             "zh": "第页"},
}


def label(key: str, language: str) -> str:
    """A word of the document in its language; English for a language without one."""
    words = LABELS[key]
    return words.get(language) or words["en"]
