"""Texts of the demo scenarios in other languages, and the CICA note's own wording.

The English texts are those of the source documents; the translations were drafted for the demo
and are marked "to be reviewed" wherever they feed a note.
"""

UNODC_SECRETARIAT = {
    "en": {"sender_short": "The Secretary-General"},
    "fr": {"sender": "Le Secrétaire général de l'Organisation des Nations Unies",
           "name": "Secrétariat de la Conférence des États parties à la Convention des Nations "
                   "Unies contre la corruption",
           "office": "Office des Nations Unies contre la drogue et le crime", "acronym": "ONUDC",
           "office_short": "l'Office",
           "city": "Vienne",
           "postal_address": "Office des Nations Unies contre la drogue et le crime\nB.P. 500\n"
                             "1400 Vienne\nAutriche"},
    "es": {"sender": "El Secretario General de las Naciones Unidas",
           "name": "Secretaría de la Conferencia de los Estados Partes en la Convención de las "
                   "Naciones Unidas contra la Corrupción",
           "office": "Oficina de las Naciones Unidas contra la Droga y el Delito",
           "acronym": "UNODC", "city": "Viena", "office_short": "la Oficina",
           "postal_address": "Oficina de las Naciones Unidas contra la Droga y el Delito\n"
                             "Apartado postal 500\n1400 Viena\nAustria"},
    "ru": {"sender": "Генеральный секретарь Организации Объединенных Наций",
           "name": "Секретариат Конференции государств – участников Конвенции Организации "
                   "Объединенных Наций против коррупции",
           "office": "Управление Организации Объединенных Наций по наркотикам и преступности",
           "acronym": "ЮНОДК", "city": "Вена", "office_short": "Управлению",
           "postal_address": "Управление ООН по наркотикам и преступности\nа/я 500\n1400 Вена\n"
                             "Австрия"},
    "ar": {"sender": "الأمين العام للأمم المتحدة",
           "name": "أمانة مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد",
           "office": "مكتب الأمم المتحدة المعني بالمخدرات والجريمة", "city": "فيينا",
           "office_short": "المكتب",
           "postal_address": "مكتب الأمم المتحدة المعني بالمخدرات والجريمة\nص.ب. 500\n"
                             "1400 فيينا\nالنمسا"},
    "zh": {"sender": "联合国秘书长", "name": "联合国反腐败公约缔约国会议秘书处",
           "office": "联合国毒品和犯罪问题办公室", "city": "维也纳", "office_short": "本办公室",
           "postal_address": "联合国毒品和犯罪问题办公室\n邮政信箱500号\n1400 维也纳\n奥地利"},
}

EXPERT_MEETING = {
    "fr": {
        "title": "Première réunion intergouvernementale d'experts à composition non limitée sur "
                 "la coopération internationale",
        "in_text": "la première réunion intergouvernementale d'experts à composition non limitée "
                   "sur la coopération internationale",
        "short_title": "la réunion d'experts de la Convention contre la corruption",
        "city": "Vienne", "country": "Autriche",
        "mandate": "la résolution 4/2 de la Conférence des États parties à la Convention des "
                   "Nations Unies contre la corruption, intitulée « Convocation de réunions "
                   "intergouvernementales d'experts à composition non limitée pour renforcer la "
                   "coopération internationale », adoptée à sa quatrième session, tenue à "
                   "Marrakech (Maroc) du 24 au 28 octobre 2011.",
        "functions": "Dans la même résolution, la Conférence a également décidé que les réunions "
                     "d'experts exerceraient les fonctions suivantes : a) l'aider à développer un "
                     "savoir cumulatif dans le domaine de la coopération internationale ; b) l'aider "
                     "à encourager la coopération entre les initiatives bilatérales, régionales et "
                     "multilatérales pertinentes ; c) faciliter l'échange de données d'expérience "
                     "entre États ; d) instaurer la confiance et encourager la coopération entre "
                     "États requérants et États requis ; et e) aider la Conférence à recenser les "
                     "besoins des États en matière de renforcement des capacités."
                     "\n\n" "La Conférence a en outre demandé aux États parties et aux États signataires de désigner une autorité centrale et, selon qu'il conviendrait, des autorités locales et d'autres experts gouvernementaux pour participer aux réunions d'experts. Elle a également prié le Secrétariat d'aider, dans la limite des ressources existantes, les réunions d'experts à s'acquitter de leurs fonctions, notamment en assurant des services d'interprétation, et invité les États parties et les États signataires à fournir des ressources extrabudgétaires pour les activités décrites dans la résolution 4/2.",
        "background": "Dans sa résolution 4/2, la Conférence a décidé de convoquer des réunions intergouvernementales d'experts à composition non limitée sur la coopération internationale, chargées de la conseiller et de l'aider en matière d'extradition et d'entraide judiciaire, et de tenir une telle réunion pendant sa cinquième session et, auparavant, dans la limite des ressources existantes, au moins une réunion intersessions.",
        "focus": "les questions liées à la corruption",
    },
    "es": {
        "title": "Primera reunión intergubernamental de expertos de composición abierta sobre "
                 "cooperación internacional",
        "in_text": "la primera reunión intergubernamental de expertos de composición abierta sobre "
                   "cooperación internacional",
        "short_title": "la reunión de expertos de la Convención contra la Corrupción",
        "city": "Viena", "country": "Austria",
        "mandate": "la resolución 4/2 de la Conferencia de los Estados Partes en la Convención de "
                   "las Naciones Unidas contra la Corrupción, titulada «Convocación de reuniones "
                   "intergubernamentales de expertos de composición abierta para mejorar la "
                   "cooperación internacional», aprobada en su cuarto período de sesiones, "
                   "celebrado en Marrakech (Marruecos) del 24 al 28 de octubre de 2011.",
        "functions": "En la misma resolución, la Conferencia decidió también que las reuniones de "
                     "expertos desempeñaran las funciones siguientes: a) ayudarla a acumular "
                     "conocimientos en el ámbito de la cooperación internacional; b) ayudarla a "
                     "fomentar la cooperación entre las iniciativas bilaterales, regionales y "
                     "multilaterales pertinentes; c) facilitar el intercambio de experiencias entre "
                     "los Estados; d) fomentar la confianza y la cooperación entre los Estados "
                     "requirentes y los Estados requeridos; y e) ayudar a la Conferencia a "
                     "determinar las necesidades de fomento de la capacidad de los Estados."
                     "\n\n" "La Conferencia exhortó además a los Estados partes y a los Estados signatarios a que designaran una autoridad central y, según procediera, autoridades locales y otros expertos gubernamentales para que participaran en las reuniones de expertos. Asimismo, solicitó a la Secretaría que, con cargo a los recursos existentes, prestara asistencia a las reuniones de expertos en el desempeño de sus funciones, incluso facilitando servicios de interpretación, e invitó a los Estados partes y a los Estados signatarios a que aportaran recursos extrapresupuestarios para las actividades descritas en la resolución 4/2.",
        "background": "En su resolución 4/2, la Conferencia decidió convocar reuniones intergubernamentales de expertos de composición abierta sobre cooperación internacional para que la asesoraran y le prestaran asistencia en relación con la extradición y la asistencia judicial recíproca, y convocar una de esas reuniones durante su quinto período de sesiones y, antes de este, con cargo a los recursos existentes, al menos una reunión entre períodos de sesiones.",
        "focus": "las cuestiones relacionadas con la corrupción",
    },
    "ru": {
        "title": "Первое межправительственное совещание экспертов открытого состава по "
                 "международному сотрудничеству",
        "in_text": "первого межправительственного совещания экспертов открытого состава по "
                   "международному сотрудничеству",
        "short_title": "совещание экспертов по Конвенции против коррупции",
        "city": "Вена", "country": "Австрия",
        "mandate": "резолюцию 4/2 Конференции государств – участников Конвенции Организации "
                   "Объединенных Наций против коррупции, озаглавленную «Созыв совещаний "
                   "межправительственных экспертов открытого состава для укрепления "
                   "международного сотрудничества», которая была принята на ее четвертой сессии, "
                   "состоявшейся в Марракеше, Марокко, 24–28 октября 2011 года.",
        "functions": "В той же резолюции Конференция постановила, что совещания экспертов "
                     "выполняют следующие функции: a) оказание ей помощи в накоплении знаний в "
                     "области международного сотрудничества; b) оказание ей помощи в поощрении "
                     "сотрудничества между соответствующими двусторонними, региональными и "
                     "многосторонними инициативами; c) содействие обмену опытом между "
                     "государствами; d) укрепление доверия и поощрение сотрудничества между "
                     "запрашивающими и запрашиваемыми государствами; и e) оказание Конференции "
                     "помощи в определении потребностей государств в создании потенциала."
                     "\n\n" "Конференция далее призвала государства-участники и подписавшие Конвенцию государства назначить центральный орган и, в соответствующих случаях, местные органы и других правительственных экспертов для участия в совещаниях экспертов. Кроме того, она просила Секретариат в пределах имеющихся ресурсов оказывать совещаниям экспертов содействие в выполнении их функций, в том числе путем обеспечения устного перевода, и предложила государствам-участникам и подписавшим Конвенцию государствам предоставлять внебюджетные ресурсы для деятельности, предусмотренной в резолюции 4/2.",
        "background": "В резолюции 4/2 Конференция постановила созывать межправительственные совещания экспертов открытого состава по международному сотрудничеству для консультирования Конференции и оказания ей помощи в вопросах выдачи и взаимной правовой помощи, а также провести одно такое совещание в ходе своей пятой сессии, а до нее, в пределах имеющихся ресурсов, по меньшей мере одно межсессионное совещание.",
        "focus": "вопросах, связанных с коррупцией",
    },
    "ar": {
        "title": "اجتماع الخبراء الحكومي الدولي المفتوح العضوية الأول المعني بالتعاون الدولي",
        "in_text": "اجتماع الخبراء الحكومي الدولي المفتوح العضوية الأول المعني بالتعاون الدولي",
        "short_title": "اجتماع خبراء اتفاقية مكافحة الفساد",
        "city": "فيينا", "country": "النمسا",
        "mandate": "القرار 4/2 لمؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد، المعنون "
                   "\"عقد اجتماعات حكومية دولية مفتوحة العضوية للخبراء لتعزيز التعاون الدولي\"، الذي "
                   "اعتمده المؤتمر في دورته الرابعة المعقودة في مراكش، المغرب، من 24 إلى 28 تشرين الأول/أكتوبر 2011.",
        "functions": "وقرر المؤتمر في القرار نفسه أن تؤدي اجتماعات الخبراء الوظائف التالية: (أ) مساعدته "
                     "على تكوين معارف تراكمية في مجال التعاون الدولي؛ (ب) مساعدته على تشجيع التعاون بين "
                     "المبادرات الثنائية والإقليمية والمتعددة الأطراف ذات الصلة؛ (ج) تيسير تبادل الخبرات "
                     "بين الدول؛ (د) بناء الثقة وتشجيع التعاون بين الدول الطالبة والدول متلقية الطلبات؛ "
                     "(هـ) مساعدة المؤتمر على تحديد احتياجات الدول في مجال بناء القدرات."
                     "\n\n" "ودعا المؤتمر كذلك الدول الأطراف والدول الموقّعة إلى أن تعيّن سلطة مركزية، وكذلك سلطات محلية وغيرها من الخبراء الحكوميين، حسب الاقتضاء، للمشاركة في اجتماعات الخبراء. وطلب المؤتمر أيضا إلى الأمانة أن تساعد اجتماعات الخبراء، في حدود الموارد المتاحة، على أداء وظائفها، بما في ذلك بتوفير خدمات الترجمة الشفوية، ودعا الدول الأطراف والدول الموقّعة إلى توفير موارد من خارج الميزانية للأنشطة المبيّنة في القرار 4/2.",
        "background": "وقرر المؤتمر، في قراره 4/2، أن يعقد اجتماعات خبراء حكومية دولية مفتوحة العضوية بشأن التعاون الدولي لإسداء المشورة إليه ومساعدته فيما يتعلق بتسليم المطلوبين والمساعدة القانونية المتبادلة، وأن يعقد اجتماعا من هذا القبيل أثناء دورته الخامسة، وأن يعقد قبل ذلك، في حدود الموارد المتاحة، اجتماعا واحدا على الأقل بين الدورتين.",
        "focus": "المسائل المتصلة بالفساد",
    },
    "zh": {
        "title": "第一次国际合作问题不限成员名额政府间专家会议",
        "in_text": "第一次国际合作问题不限成员名额政府间专家会议",
        "short_title": "反腐败公约专家会议",
        "city": "维也纳", "country": "奥地利",
        "mandate": "联合国反腐败公约缔约国会议在2011年10月24日至28日于摩洛哥马拉喀什举行的第四届会议"
                   "上通过的题为“召开不限成员名额政府间专家会议以加强国际合作”的第4/2号决议。",
        "functions": "缔约国会议在同一决议中还决定，专家会议应履行下列职能：(a)协助会议积累国际合作领域的"
                     "知识；(b)协助会议鼓励相关的双边、区域和多边举措之间的合作；(c)促进各国之间交流经验；"
                     "(d)在请求国和被请求国之间建立信任并鼓励合作；(e)协助会议确定各国的能力建设需要。"
                     "\n\n" "缔约国会议还呼吁各缔约国和签署国指定一个中央机关，并酌情指定地方机关和其他政府专家参加专家会议。此外，会议请秘书处在现有资源范围内协助专家会议履行职能，包括提供口译服务，并请各缔约国和签署国为第4/2号决议所述活动提供预算外资源。",
        "background": "缔约国会议在第4/2号决议中决定召开国际合作问题不限成员名额政府间专家会议，就引渡和司法协助问题向会议提供咨询意见和协助，并决定在第五届会议期间召开一次此类会议，在此之前利用现有资源至少召开一次闭会期间会议。",
        "focus": "与腐败有关的问题",
    },
}

COP6 = {
    "fr": {"title": "Sixième session de la Conférence des Parties à la Convention des Nations "
                    "Unies contre la criminalité transnationale organisée",
           "in_text": "la sixième session de la Conférence des Parties à la Convention des "
                      "Nations Unies contre la criminalité transnationale organisée"},
    "es": {"title": "Sexto período de sesiones de la Conferencia de las Partes en la Convención de "
                    "las Naciones Unidas contra la Delincuencia Organizada Transnacional",
           "in_text": "el sexto período de sesiones de la Conferencia de las Partes en la "
                      "Convención de las Naciones Unidas contra la Delincuencia Organizada "
                      "Transnacional"},
    "ru": {"title": "Шестая сессия Конференции участников Конвенции Организации Объединенных "
                    "Наций против транснациональной организованной преступности",
           "in_text": "шестой сессии Конференции участников Конвенции Организации Объединенных "
                      "Наций против транснациональной организованной преступности"},
    "ar": {"title": "الدورة السادسة لمؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
           "in_text": "الدورة السادسة لمؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"},
    "zh": {"title": "联合国打击跨国有组织犯罪公约缔约方会议第六届会议",
           "in_text": "联合国打击跨国有组织犯罪公约缔约方会议第六届会议"},
}

WORKING_GROUP = {
    "en": {"in_text": "a meeting of the Open-ended Working Group of Government Experts on "
                      "Extradition, Mutual Legal Assistance and International Cooperation for "
                      "Purposes of Confiscation"},
    "fr": {"title": "Groupe de travail d'experts gouvernementaux à composition non limitée sur "
                    "l'extradition, l'entraide judiciaire et la coopération internationale aux "
                    "fins de confiscation",
           "in_text": "une réunion du Groupe de travail d'experts gouvernementaux à composition "
                      "non limitée sur l'extradition, l'entraide judiciaire et la coopération "
                      "internationale aux fins de confiscation",
           "short_title": "la réunion du groupe de travail de la Convention contre la "
                          "criminalité organisée"},
    "es": {"title": "Grupo de trabajo de composición abierta de expertos gubernamentales sobre "
                    "extradición, asistencia judicial recíproca y cooperación internacional con "
                    "fines de decomiso",
           "in_text": "una reunión del Grupo de trabajo de composición abierta de expertos "
                      "gubernamentales sobre extradición, asistencia judicial recíproca y "
                      "cooperación internacional con fines de decomiso",
           "short_title": "la reunión del grupo de trabajo de la Convención contra la "
                          "Delincuencia Organizada"},
    "ru": {"title": "Рабочая группа правительственных экспертов открытого состава по выдаче, "
                    "взаимной правовой помощи и международному сотрудничеству в целях конфискации",
           "in_text": "совещания Рабочей группы правительственных экспертов открытого состава по "
                      "выдаче, взаимной правовой помощи и международному сотрудничеству в целях "
                      "конфискации",
           "short_title": "совещание рабочей группы по Конвенции против организованной "
                          "преступности"},
    "ar": {"title": "الفريق العامل الحكومي الدولي المفتوح العضوية المعني بتسليم المطلوبين والمساعدة القانونية المتبادلة والتعاون الدولي لأغراض المصادرة",
           "in_text": "اجتماع الفريق العامل الحكومي الدولي المفتوح العضوية المعني بتسليم المطلوبين والمساعدة القانونية المتبادلة والتعاون الدولي لأغراض المصادرة",
           "short_title": "اجتماع الفريق العامل لاتفاقية الجريمة المنظمة"},
    "zh": {"title": "引渡、司法协助和没收事宜国际合作问题不限成员名额政府专家工作组",
           "in_text": "引渡、司法协助和没收事宜国际合作问题不限成员名额政府专家工作组会议",
           "short_title": "有组织犯罪公约工作组会议"},
}

DOCUMENTS = {
    "Information for participants": {
        "fr": "informations à l'intention des participants", "es": "información para los participantes",
        "ru": "информация для участников", "ar": "معلومات للمشاركين", "zh": "与会者须知"},
    "Annotated provisional agenda and proposed organization of work": {
        "fr": "ordre du jour provisoire annoté et projet d'organisation des travaux",
        "es": "programa provisional anotado y propuesta de organización de los trabajos",
        "ru": "аннотированная предварительная повестка дня и предлагаемая организация работы",
        "ar": "جدول الأعمال المؤقت المشروح وتنظيم الأعمال المقترح", "zh": "附说明的临时议程和拟议工作安排"},
}

# The document enclosed with note NCT/CT/708 ("Enclosure: on 9 p.").
CICA_ENCLOSURE = {
    "en": "Draft Memorandum of Understanding between the CICA Secretariat and the United Nations "
          "Office of Counter-Terrorism",
    "ru": "Проект меморандума о взаимопонимании между Секретариатом СВМДА и Контртеррористическим "
          "управлением Организации Объединенных Наций",
    "kk": "Азия Кеңесінің Хатшылығы мен Біріккен Ұлттар Ұйымының Терроризмге қарсы іс-қимыл "
          "кеңсесі арасындағы өзара түсіністік туралы меморандумның жобасы",
}

# Where the demo meetings are held, in each of their languages: a page or a calendar in Arabic
# never says "Vienna".
VIENNA = {
    "fr": {"city": "Vienne", "country": "Autriche", "venue_name": "Centre international de Vienne"},
    "es": {"city": "Viena", "country": "Austria", "venue_name": "Centro Internacional de Viena"},
    "ru": {"city": "Вена", "country": "Австрия", "venue_name": "Венский международный центр"},
    "ar": {"city": "فيينا", "country": "النمسا", "venue_name": "مركز فيينا الدولي"},
    "zh": {"city": "维也纳", "country": "奥地利", "venue_name": "维也纳国际中心"},
}
ASTANA = {
    "ru": {"city": "Астана", "country": "Казахстан"},
    "kk": {"city": "Астана", "country": "Қазақстан"},
}


def placed(texts: dict[str, dict[str, str]],
           place: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A meeting's own texts, with the place's in every language it does not already name."""
    return {lang: {**place.get(lang, {}), **texts.get(lang, {})} for lang in {**place, **texts}}


CICA_SECRETARIAT = {
    "en": {"sender_short": "The CICA Secretariat",
           "mission_pattern": "Embassy of {formal_of} in the Republic of Kazakhstan"},
    "ru": {"name": "Секретариат Совещания по взаимодействию и мерам доверия в Азии",
           "sender": "Секретариат Совещания по взаимодействию и мерам доверия в Азии (СВМДА)",
           "sender_short": "Секретариат СВМДА", "acronym": "СВМДА", "city": "Астана",
           "letterhead": "СЕКРЕТАРИАТ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ\nИ МЕРАМ ДОВЕРИЯ В АЗИИ"},
    "kk": {"name": "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің Хатшылығы",
           "sender": "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (Азия Кеңесінің) "
                     "Хатшылығы",
           "sender_short": "Азия Кеңесінің Хатшылығы", "acronym": "Азия Кеңесі", "city": "Астана",
           "letterhead": "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ\nШАРАЛАРЫ КЕҢЕСІНІҢ ХАТШЫЛЫҒЫ"},
}

CICA_SWG = {
    "en": {"in_text": "the CICA Special Working Group"},
    "ru": {"title": "Специальная рабочая группа СВМДА", "city": "Астана", "country": "Казахстан"},
    "kk": {"title": "Азия Кеңесі Арнаулы жұмыс тобы", "city": "Астана", "country": "Қазақстан"},
}
CICA_SOC = {
    "en": {"in_text": "the CICA Senior Officials Committee"},
    "ru": {"title": "Комитет старших должностных лиц СВМДА", "city": "Астана",
           "country": "Казахстан"},
    "kk": {"title": "Азия Кеңесі Аға лауазымды тұлғалар комитеті", "city": "Астана",
           "country": "Қазақстан"},
}

# The wording of note NCT/CT/708 (Astana, 12 June 2024), as the CICA Secretariat's template for
# the June 2024 meetings; numbers, earlier notes, dates and place come from the data.
CICA_NOTE = {
    "en": """[letterhead] SECRETARIAT OF THE CONFERENCE ON INTERACTION
AND CONFIDENCE BUILDING MEASURES IN ASIA

[reference] №{{ reference }}

[enclosure] Enclosure:
on {{ enclosure_pages }} p.

{{ sender }} presents its compliments to the CICA Member States and, with reference to its notes {% for n in earlier_notes %}No. {{ n.reference }} of {{ n.date }}{{ " and " if not loop.last }}{% endfor %}, has the honour to submit for consideration the draft Memorandum of Understanding between the Secretariat of the Conference on Interaction and Confidence Building Measures in Asia and the United Nations Office of Counter-Terrorism (enclosed), updated to reflect the proposals of Member States.

This draft is expected to be discussed and agreed upon as part of the agenda for the next meetings of {{ meeting.in_text }} {{ meeting.held }}{% for other in linked %} and {{ other.in_text }} {{ other.held }}{% endfor %}.

{{ sender_short }} avails itself of this opportunity to renew to the CICA Member States the assurances of its highest consideration.

[place] {{ secretariat.city }}, {{ dated }}

[addressee] MEMBER STATES
OF THE CONFERENCE ON INTERACTION
AND CONFIDENCE BUILDING MEASURES
IN ASIA
""",
    "ru": """[letterhead] СЕКРЕТАРИАТ СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ
И МЕРАМ ДОВЕРИЯ В АЗИИ

[reference] №{{ reference }}

{{ sender }} свидетельствует свое уважение государствам-членам СВМДА и, со ссылкой на свои ноты {% for n in earlier_notes %}№{{ n.reference }} от {{ n.date }}{{ " и " if not loop.last }}{% endfor %}, имеет честь направить для рассмотрения обновленный с учетом предложений государств-членов проект Меморандума о взаимопонимании между Секретариатом Совещания по взаимодействию и мерам доверия в Азии и Контртеррористическим управлением Организации Объединенных Наций (прилагается).

[enclosure] Приложение:
на {{ enclosure_pages }} л.

Указанный проект предполагается обсудить и согласовать в рамках повестки дня очередных заседаний Специальной рабочей группы СВМДА {{ meeting.held }} и Комитета старших должностных лиц СВМДА {{ linked[0].held }}.

{{ sender_short }} пользуется случаем, чтобы возобновить государствам-членам СВМДА уверения в своем весьма высоком уважении.

[place] город {{ secretariat.city }}, {{ dated }}

[addressee] ГОСУДАРСТВА-ЧЛЕНЫ
СОВЕЩАНИЯ ПО ВЗАИМОДЕЙСТВИЮ
И МЕРАМ ДОВЕРИЯ В АЗИИ
""",
    "kk": """[letterhead] АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ
ШАРАЛАРЫ КЕҢЕСІНІҢ ХАТШЫЛЫҒЫ

[reference] №{{ reference }}

{{ sender }} Азия Кеңесіне мүше мемлекеттерге өзінің зор ілтипатын білдіреді және {% for n in earlier_notes %}{{ n.date_of }} №{{ n.reference }}{{ " мен " if not loop.last }}{% endfor %} ноталарына сілтеме жасай отырып, мүше мемлекеттердің ұсыныстарын ескере отырып Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің Хатшылығы мен Біріккен Ұлттар Ұйымының Терроризмге қарсы басқармасы арасындағы өзара түсіністік туралы жаңартылған меморандум жобасын (қоса беріледі) қарау үшін жолдауды өзіне мәртебе санайды.

[enclosure] Қосымша:
{{ enclosure_pages }} п.

Аталған жобаны {{ meeting.held_at }} өтетін Азия Кеңесі Арнаулы жұмыс тобының және {{ linked[0].held_at }} өтетін Азия Кеңесі Аға лауазымды тұлғалар комитетінің кезекті отырыстарының күн тәртібі аясында талқылау және келісу көзделеді.

{{ sender_short }} осы мүмкіндікті пайдалана отырып, Азия Кеңесіне мүше мемлекеттерге өзінің зор ілтипатын тағы да растайды.

[place] {{ secretariat.city }} қаласы, {{ dated }}

[addressee] АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ
СЕНІМ ШАРАЛАРЫ КЕҢЕСІНЕ
МҮШЕ МЕМЛЕКЕТТЕР
""",
}

# Addressees the secretariat writes itself: (block, in text). CICA writes to embassies in Astana;
# UNODC's Russian and Arabic entries are the missions' own styles, which the defaults built from
# meetings/data/addressee_names.csv («… при Организации Объединенных Наций (Вена)») do not give.
ADDRESSEES = {
    ("cica", "KAZ"): ("Қазақстан Республикасының Сыртқы істер министрлігі",
                      "Қазақстан Республикасының Сыртқы істер министрлігіне"),
    ("cica", "RUS"): ("Посольство Российской Федерации в Республике Казахстан",
                      "Посольству Российской Федерации в Республике Казахстан"),
    ("cica", "AZE"): ("Посольство Азербайджанской Республики в Республике Казахстан",
                      "Посольству Азербайджанской Республики в Республике Казахстан"),
    ("cica", "KGZ"): ("Посольство Кыргызской Республики в Республике Казахстан",
                      "Посольству Кыргызской Республики в Республике Казахстан"),
    ("cica", "TJK"): ("Посольство Республики Таджикистан в Республике Казахстан",
                      "Посольству Республики Таджикистан в Республике Казахстан"),
    ("cica", "UZB"): ("Посольство Республики Узбекистан в Республике Казахстан",
                      "Посольству Республики Узбекистан в Республике Казахстан"),
    ("unodc-cosp", "RUS"): (
        "Постоянное представительство Российской Федерации при международных организациях в Вене",
        "Постоянному представительству Российской Федерации при международных организациях "
        "в Вене"),
    ("unodc-cosp", "KAZ"): (
        "Постоянное представительство Республики Казахстан при международных организациях в Вене",
        "Постоянному представительству Республики Казахстан при международных организациях "
        "в Вене"),
    ("unodc-cosp", "EGY"): ("البعثة الدائمة لجمهورية مصر العربية لدى الأمم المتحدة (فيينا)",
                            "البعثة الدائمة لجمهورية مصر العربية لدى الأمم المتحدة (فيينا)"),
    ("unodc-cosp", "org:las"): ("الأمانة العامة لجامعة الدول العربية",
                                "الأمانة العامة لجامعة الدول العربية"),
}
