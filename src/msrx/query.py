"""What a query asks for: the content words to match, and the intents around them.

People type "pill for relapsing ms", "bladder leaking all the time" or
"ldn 4.5", not the words in the data. A query is read in three passes over
its normalised words:

1. intent phrases become filters on fields ("pill" -> route oral,
   "relapsing" -> category dmt, "trial" -> status investigational);
2. filler ("what helps", "my", "best", "for ms") and doses ("4.5", "10mg")
   are dropped;
3. what is left is the content: words matched against names, brands,
   classes and symptom words, each folded to a stem so that leak, leaks,
   leaking and leaked are one word.

How words are folded (normalise, stem) lives in msrx.wording. Pure functions,
no imports beyond the standard library: this runs on every search.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from msrx.topics import read_topic
from msrx.wording import stem

# A number with or without a unit ("4", "10mg", "300mg", "0.5" arrives as "0 5").
_DOSE = re.compile(r"^\d+(?:mg|mcg|ug|g|ml|iu|units?|x|times)?$")

# Words that ask for treatment without saying for what: filler, but a query
# of nothing else asks for the treatments of MS itself (see parse).
_TREATMENT_WORDS = frozenset(
    "medication medications medicine medicines meds med drug drugs treatment treatments therapy therapies "
    # The same in German, French, Spanish, Italian and Dutch ("un autre traitement par voie orale").
    "behandlung therapie medikament medikamente traitement traitements medicament medicaments tratamiento "
    "tratamientos medicamento medicamentos terapia terapias trattamento trattamenti farmaco farmaci behandeling "
    "medicijn medicijnen medicatie "
    # Portuguese, Danish, Norwegian, Swedish, Finnish, Polish and Czech ("tratamento oral", "behandling med tabletter").
    "tratamento tratamentos medicacao medicacoes remedio remedios behandling behandlingen behandlinger "
    "behandlingar medicin mediciner medisin medisiner laegemiddel legemiddel legemidler lakemedel lakemedlet "
    "laake laakkeet laakitys hoito hoitoa leczenie leczenia leki lekow lekarstwo lecba lecbu lecby leky".split()
)


def treatment_word(text: str) -> str | None:
    """The first word of a query's text that asks for treatment without saying
    for what ("medication", "treatment"), or None."""
    return next((w for w in text.split() if w in _TREATMENT_WORDS), None)


# "found myself teetering" says nothing of "feeling bad about myself"; but an
# urgent phrase needs its pronoun: "kill myself" is not "kill the pain" (msrx.notes).
REFLEXIVE = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())

# Words that say when or how often, never what (msrx.match's guess, msrx.reading's "low").
WHEN = frozenset((
    "never", "always", "ever", "again", "sometimes", "often", "usually", "still", "already", "anymore", "seldom",
    "rarely", "once", "twice", "early", "earlier", "late", "later", "lately", "soon", "recently", "today",
    "tonight", "now", "yesterday", "tomorrow",
))

# Words people wrap around what they mean. Dropped from matching unless the
# query is nothing but these words.
FILLER = _TREATMENT_WORDS | frozenset(
    "a an and at for in of on the to with my me i im am is are be get getting got have having has had feel feeling "
    "feels always very really so constant constantly bad badly severe ms multiple sclerosis help helps helping helped "
    "treat treats treated treating "
    "something what whats which who how does do did can could should would will may might must shall "
    "best good better top most any some "
    "there their them they it its this that these those all time times day days daily every lot lots "
    "about from when while after before been being was were use used using taking take takes "
    "mg mcg ml iu dose doses dosage per need needs anything stop stops "
    # Words that say something is wrong without saying what: "trouble
    # sleeping", "could not get an erection", "lack of energy".
    "or not no nor cannot cant t s couldn couldnt trouble troubles problem problems difficulty "
    "difficulties issue issues hard lack unable keep keeps reason why just like only still even also "
    "again suffer suffering suffers experiencing experience "
    # Plain function words.
    "as by into onto than then if but because our your his her we you he she "
    # How much, not what: "doing more than one thing" is not said by "more ... things".
    "more "
    # Which one, not what: "another oral treatment", "other oral treatments", "a different injection".
    "another other others different else "
    "here out over under off enough quite rather go goes going gone went often sometimes usually "
    # What is left of a contraction once its apostrophe is gone: "we're",
    # "I've", "I'll", "I'd", "don't", "isn't" ("t", "s" and "im" are above).
    "re ve ll d m don doesn didn isn wasn aren weren won wouldn shouldn haven hasn hadn "
    # Politeness: "please don't be a relapse" is not "pleasure".
    "please pls plz thanks thank hi hello "
    # Choosing and planning: "how do you pick a treatment", "choosing a DMT", "I plan on having children".
    "pick picking choose choosing chose decide deciding plan plans planning planned "
    # The people who prescribe: "my neuro wants me on rituximab" is no Neurontin,
    # "neuro appointment" no forgotten appointment.
    "doctor doctors dr gp gps neuro neuros neurologist neurologists neurology consultant specialist "
    # Number words, like numbers: "one of the disease modifying drugs" is not
    # "face pain on one side".
    "one two three four five six seven eight nine ten "
    # The name of the illness in the other languages of the symptoms' names, as "ms"
    # and "multiple sclerosis" above ("tabletki na stwardnienie rozsiane").
    "esclerosis esclerose sclerose sclerosi sklerose skleros skleroosi stwardnienie rozsiane roztrousena skleroza "
    "plaques multipla multipel tauti sep em sm "
    # What and which in the Romance languages ("cualquier cosa que implique una aguja").
    "que qui quoi quel quelle quale cosa coisa chose "
    # The same wrapping in the other languages of the symptoms' names: articles and
    # prepositions, and the words that say something is wrong without saying what.
    # "problemas de equilibrio" is no half of "problemas de erección" (not "die": the
    # crisis message reads English "die").
    "de del des du la le les el los las di da dei della delle der das den dem het van een en et y e und "
    "un une uno una ein eine con avec mit pour para por "
    # Which one and how many, the same way ("alguna pastilla", "otra pastilla, pero no pinchazos"),
    # and the joining words of Portuguese, the Scandinavian languages, Polish and Czech ("jeg er i
    # behandling med", "o medicamento", "tabletki na stwardnienie rozsiane"). Not "um", which a
    # patient's phrase for lost words holds ("um, um, um, what's that word?"), nor "mas" (MAS-XR).
    "alguna alguno algunos algunas algun otra otro otros otras cualquier cualquiera pero algum alguma outro outra "
    "outros outras qualquer uma uns umas sem ou qualche altro altra altri altre autre autres quelque "
    "quelques mais sans andere anderes anderen einen einem einer aber oder ohne og och eller jeg jag er ar "
    "har det som att af av pa til till fra fran ikke inte meget mycket mitt mine mina min o na do od po za ze sie "
    "jest je jsem "
    # Pronouns, prepositions and the commonest verbs of French, German, Italian, Spanish and
    # Dutch ("Y a-t-il un autre traitement par voie orale avant de passer à une perfusion?").
    # Not German "war" or "hat", English words, nor "die" (see above).
    "il elle ils elles tu nous vous par sur dans chez avant apres ich du er sie es wir ihr mein meine meinen mir mich "
    "auf bei nach vor zu zum zur ist sind habe lo gli mi ti si ci che sono ho ha se su yo muy cuando porque como "
    "ik niet maar ook wel dat mijn op te voor nicht "
    "problemas problema problemi problemes probleme problemen problemer trastornos trastorno disturbi disturbo "
    "troubles stoornissen storungen storung dificultad dificultades difficultes difficolta moeite beschwerden "
    "klachten".split()
) | REFLEXIVE

# Intent phrases: (words, field, value). Longer phrases are tried first.
# "relapsing" must be read before stemming: it means a relapsing form of MS
# (a disease-modifying therapy), while "relapse" means treating an attack.
_INTENTS: list[tuple[str, str, str]] = [
    # routes
    ("by mouth", "route", "oral"), ("oral", "route", "oral"), ("orally", "route", "oral"),
    ("pill", "route", "oral"), ("pills", "route", "oral"), ("tablet", "route", "oral"), ("tablets", "route", "oral"),
    ("capsule", "route", "oral"), ("capsules", "route", "oral"),
    ("injection", "route", "injection"), ("injections", "route", "injection"), ("injectable", "route", "injection"),
    ("injectables", "route", "injection"), ("inject", "route", "injection"), ("injected", "route", "injection"),
    ("self inject", "route", "injection"), ("self injected", "route", "injection"),
    ("self injection", "route", "injection"), ("self injecting", "route", "injection"),
    ("jab", "route", "injection"), ("jabs", "route", "injection"), ("shot", "route", "injection"),
    ("shots", "route", "injection"), ("pen", "route", "injection"), ("pens", "route", "injection"),
    ("injector", "route", "injection"),
    # "I hate needles", "jab a needle into myself": the needle of an injection; not in
    # "pins and needles", a phrase of nerve pain (see parse).
    ("needle", "route", "injection"), ("needles", "route", "injection"),
    ("infusion", "route", "infusion"), ("infusions", "route", "infusion"), ("infused", "route", "infusion"),
    ("needle free", "route", "oral"),
    ("drip", "route", "infusion"), ("iv", "route", "infusion"), ("intravenous", "route", "infusion"),
    # categories
    ("relapsing", "category", "dmt"), ("relapsing remitting", "category", "dmt"), ("rrms", "category", "dmt"),
    ("dmt", "category", "dmt"), ("dmts", "category", "dmt"), ("dmd", "category", "dmt"), ("dmds", "category", "dmt"),
    ("disease modifying", "category", "dmt"), ("disease modifier", "category", "dmt"),
    ("disease modifiers", "category", "dmt"), ("ms drug", "category", "dmt"), ("ms drugs", "category", "dmt"),
    ("ms medication", "category", "dmt"), ("ms medications", "category", "dmt"),
    ("ms treatment", "category", "dmt"), ("ms treatments", "category", "dmt"),
    ("relapse", "category", "relapse"), ("relapses", "category", "relapse"), ("flare", "category", "relapse"),
    ("flares", "category", "relapse"), ("flare up", "category", "relapse"), ("flare ups", "category", "relapse"),
    ("attack", "category", "relapse"), ("attacks", "category", "relapse"),
    ("exacerbation", "category", "relapse"), ("exacerbations", "category", "relapse"),
    # forms of MS (model.MS_FORMS; "spms" and "progressive" are groups, model.MS_FORM_GROUPS).
    # "rrms" and "relapsing remitting" stay a DMT above: every relapsing-form drug, labelled or off-label.
    ("ppms", "ms_form", "ppms"), ("primary progressive", "ms_form", "ppms"),
    ("spms", "ms_form", "spms"), ("secondary progressive", "ms_form", "spms"),
    ("active spms", "ms_form", "active-spms"), ("active secondary progressive", "ms_form", "active-spms"),
    ("nrspms", "ms_form", "nrspms"), ("non active spms", "ms_form", "nrspms"), ("nonactive spms", "ms_form", "nrspms"),
    ("non relapsing spms", "ms_form", "nrspms"), ("non active secondary progressive", "ms_form", "nrspms"),
    ("non relapsing secondary progressive", "ms_form", "nrspms"),
    ("cis", "ms_form", "cis"), ("clinically isolated syndrome", "ms_form", "cis"),
    ("progressive ms", "ms_form", "progressive"), ("progressive multiple sclerosis", "ms_form", "progressive"),
    ("progressive form", "ms_form", "progressive"), ("progressive forms", "ms_form", "progressive"),
    ("progressive disease", "ms_form", "progressive"),
    ("progressive relapsing", "ms_form", "prms"), ("prms", "ms_form", "prms"),
    # status
    ("new", "status", "investigational"), ("newest", "status", "investigational"),
    ("trial", "status", "investigational"), ("trials", "status", "investigational"),
    ("clinical trial", "status", "investigational"), ("clinical trials", "status", "investigational"),
    ("pipeline", "status", "investigational"), ("experimental", "status", "investigational"),
    ("upcoming", "status", "investigational"), ("in development", "status", "investigational"),
    ("investigational", "status", "investigational"), ("research", "status", "investigational"),
    ("studies", "status", "investigational"), ("being studied", "status", "investigational"),
    ("being tested", "status", "investigational"), ("under investigation", "status", "investigational"),
]
# "the MS pill", "MS injections": a route said together with MS means an MS drug.
_INTENTS += [(f"ms {p}", f, v) for p, f, v in list(_INTENTS) if f == "route" and " " not in p]
_INTENTS += [
    ("into the muscle", "route", "intramuscular"), ("into your muscle", "route", "intramuscular"),
    ("in the muscle", "route", "intramuscular"), ("into muscle", "route", "intramuscular"),
    ("intramuscular", "route", "intramuscular"), ("under the skin", "route", "subcutaneous"),
    ("subcutaneous", "route", "subcutaneous"),
]
# The same words as people write them on German, French, Spanish, Italian,
# Dutch, Portuguese, Scandinavian, Finnish, Polish and Czech pages ("Kortison in
# Tablettenform", "otra pastilla, pero no pinchazos", "passer à un traitement
# par perfusion", Swedish "bromsmedicin" for a DMT), accents already folded.
# Words no English query says ("perfusion" aside, which English says of blood
# flow, not of a drug).
_ELSEWHERE = {
    ("route", "oral"): "tablette|tabletten|tablettenform|pille|pillen|comprime|comprimes|pastilla|pastillas|comprimido"
                       "|comprimidos|compressa|compresse|pastiglia|pastiglie|pil|voie orale|via oral|via orale|per os"
                       "|pilula|pilulas|tabletter|tablett|piller|tabletti|tabletit|tabletka|tabletki|doustnie|tableta"
                       "|tablety|tabletky|peroralne|peroralni"
                       # "corticoides orales", "des traitements oraux", "farmaci orali", "medicamentos orais"
                       "|orales|oraux|orali|orais",
    ("route", "injection"): "spritze|spritzen|injektion|injektionen|piqure|piqures|inyeccion|inyecciones|pinchazo"
                            "|pinchazos|iniezione|iniezioni|puntura|punture|injectie|injecties|injecao|injecoes|injetavel"
                            "|injetaveis|injektioner|sprojte|sprojter|injeksjon|injeksjoner|sproyte|sproyter|spruta"
                            "|sprutor|pistos|pistokset|injektio|injektiot|zastrzyk|zastrzyki|zastrzykow|injekce|injekci"
                            # To inject (oneself): "mij elke dag te laten inspuiten", "sich selbst spritzen" (above),
                            # "inyectarme", "m'injecter", "iniettarmi", "injetar-me", "injicere", "injisere", "injicera".
                            "|inspuiten|injecteren|injizieren|inyectar|inyectarme|inyectarse|injecter|iniettare|iniettarmi"
                            "|iniettarsi|injetar|injicere|injisere|injicera",
    ("route", "infusion"): "infusionen|perfusion|perfusions|infusiones|infusione|infusioni|infuus|infusao|infusoes"
                           "|infusioner|infusjon|infusjoner|infuusio|infuusiot|tiputus|wlew|wlewy|wlewu|kroplowka|infuze"
                           "|infuzi",
    ("category", "dmt"): "basistherapie|traitement de fond|traitements de fond|sygdomsmodificerende"
                         "|sykdomsmodifiserende|sjukdomsmodifierande|bromsmedicin|bromsmediciner",
}
_INTENTS += [(phrase, field, value) for (field, value), said in _ELSEWHERE.items() for phrase in said.split("|")]
INTENTS: dict[tuple[str, ...], tuple[str, str]] = {tuple(p.split()): (f, v) for p, f, v in _INTENTS}
# Phrases that say two things at once.
ALSO: dict[tuple[str, ...], tuple[str, str]] = {
    tuple(p.split()): ("category", "dmt") for p, f, _v in _INTENTS if f == "route" and p.startswith("ms ")
}
_LONGEST = max(len(k) for k in INTENTS)
# Forms of "be" before "relapsing" make it a verb ("I'm relapsing", "she is relapsing").
_BEING = frozenset("am m im is s are re was were be been being".split())
# ... unless the disease follows: "is relapsing MS curable?" is about the disease.
_DISEASE = frozenset("ms multiple form forms disease".split())


# How often: "every 6 months", "6 monthly", "twice a year", "once a week",
# "daily". Read before anything else (numbers are otherwise filler) and
# turned into an interval intent in days.
_NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12}
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
# The same said in German, French, Spanish, Italian and Dutch: "alle drei Monate",
# "tous les six mois", "cada 4 semanas", "ogni sei mesi", "elke 4 weken".
_EVERY_ELSEWHERE = "alle|tous les|toutes les|cada|ogni|elke|iedere"
_NUMBERS_ELSEWHERE = {"zwei": 2, "drei": 3, "vier": 4, "sechs": 6, "deux": 2, "trois": 3, "quatre": 4, "dos": 2, "tres": 3,
                      "cuatro": 4, "seis": 6, "due": 2, "tre": 3, "quattro": 4, "sei": 6, "twee": 2, "drie": 3,
                      "zes": 6, "six": 6, "douze": 12, "doce": 12, "dodici": 12, "twaalf": 12}
_UNITS_ELSEWHERE = {"tage": 1, "jours": 1, "dias": 1, "giorni": 1, "dagen": 1, "jour": 1, "dia": 1, "giorno": 1, "dag": 1,
                    "wochen": 7, "semaines": 7, "semanas": 7, "settimane": 7, "weken": 7, "semaine": 7, "semana": 7,
                    "settimana": 7, "week": 7, "monate": 30, "mois": 30, "meses": 30, "mesi": 30, "maanden": 30, "mes": 30,
                    "mese": 30, "maand": 30, "jahre": 365, "ans": 365, "anos": 365, "anni": 365, "jaar": 365, "ano": 365,
                    "anno": 365}
# Compiled on first use: most queries say no interval, and compiling these
# patterns on every start cost about a millisecond.
_INTERVAL_HINTS = ("every", "each", "day", "daily", "week", "month", "year", "annual", "fortnight",
                   "alle ", "tous les", "toutes les", "cada ", "ogni ", "elke ", "iedere ",
                   # _RHYTHMS_ELSEWHERE's words, each at a word's start: " mes" is in "mes", not in "times".
                   " tag", "taglich", "woche", "jahr", "monat", " jour", "semaine", "mois", "par an", "mensuel",
                   "semestr", "hebdo", "annuel", "quotid", " dia", "seman", " mes", " ano", "anual", "mensual",
                   "mensal", "giorn", "settiman", "mensil", " anno", " dag", "maand", "jaar", " uge", " uke", " uka",
                   "veck", "maned", "manad", "manatl", "aret", "arlig", "wekelijk", "gang")
# How often, said in German, French, Spanish, Italian, Dutch, Portuguese and the
# Scandinavian languages: "jeden zweiten Tag", "trois fois par semaine", "una vez al
# mes", "a giorni alterni", "om de dag", "1x täglich". Only phrases that say a dose's
# rhythm: a plural adjective ("tres inyecciones semanales") is left to the words.
_RHYTHMS_ELSEWHERE = (
    (r"(?:jeden|alle) zweiten tag|un jour sur deux|(?:a )?giorni alterni|un giorno si e (?:uno|un giorno) no"
     r"|dias? alternos|dias alternados|dia (?:si|sim)(?: y| e)? dia no|dia sim dia nao|dia por medio"
     r"|om de (?:andere )?dag|hver(?:t)? anden dag|annenhver dag|varannan dag", 2),
    (r"(?:dreimal|drei mal|3 ?mal|3x) (?:pro |die |in der |je )?woche|(?:dreimal|3x) wochentlich"
     r"|(?:trois|3) fois par semaine|(?:tres|3) veces (?:por|a la|a|cada|en la) semana"
     r"|(?:tre|3) volte (?:a|alla|la|per|ogni|in una) settimana|(?:drie|3) keer (?:per|in de) week"
     r"|(?:tre|3) gange om ugen|(?:tre|3) ganger (?:i|per|om) (?:uken|uka|uke|veckan)|(?:tres|3) vezes por semana", 2),
    (r"(?:einmal|ein mal|zweimal|1 ?mal|2 ?mal|1x|2x) (?:am |pro |je )?(?:tag|taglich)|taglich|jeden tag"
     r"|(?:une|deux) fois par jour|quotidiennement|(?:una vez|dos veces) al dia|todos los dias|diariamente"
     r"|(?:una volta|due volte) al giorno|quotidianamente|(?:een|twee) keer per dag|dagelijks"
     r"|en gang (?:om dagen|dagligt|per dag)|dagligen|dagligt|todos os dias|(?:uma vez|duas vezes) (?:por|ao) dia", 1),
    (r"(?:einmal|ein mal|1 ?mal|1x) (?:pro |die |in der |je )?woche|wochentlich|jede woche|une fois par semaine"
     r"|hebdomadaire|una vez (?:por|a la|a|cada|en la) semana|semanal|una volta (?:a|alla|la|per|ogni) settimana"
     r"|settimanale|een keer (?:per|in de) week|wekelijks|en gang (?:om ugen|i uken|i uka|i veckan|per uke)"
     r"|ugentlig|ukentlig|varje vecka|uma vez por semana", 7),
    (r"(?:einmal|ein mal|1 ?mal|1x) (?:im |pro |je )monat|monatlich|jeden monat|une fois par mois|mensuel(?:le)?"
     r"|una vez al mes|mensual|una volta al mese|mensile|een keer per maand|maandelijks"
     r"|en gang (?:om maneden|i maneden|i manaden|per maned)|manedlig|manatlig|varje manad|mensal|uma vez por mes", 30),
    (r"(?:zweimal|zwei mal|2 ?mal|2x) (?:im |pro |je )jahr|halbjahrlich|deux fois par an|semestriel(?:le)?"
     r"|dos veces al ano|semestral|due volte (?:l |all |al )anno|semestrale|twee keer per jaar|halfjaarlijks"
     r"|to gange om aret|to ganger i aret|tva ganger (?:per|om|i) ar(?:et)?|halvarlig|duas vezes por ano", 182),
    (r"(?:einmal|ein mal|1 ?mal|1x) (?:im |pro |je )jahr|jahrlich|une fois par an|annuel(?:le)?|una vez al ano|anual"
     r"|una volta (?:l |all |al )anno|annuale|een keer per jaar|jaarlijks|en gang (?:om|per|i) ar(?:et)?|arlig"
     r"|uma vez por ano", 365),
)


@functools.cache
def _interval_patterns() -> tuple[re.Pattern[str], re.Pattern[str], list[tuple[re.Pattern[str], int]]]:
    every = re.compile(r"\b(?:every|once every|each)\s+(\d+|one|two|three|four|six|twelve|other)?\s*(day|week|month|year)s?\b"
                       rf"|\b(?:{_EVERY_ELSEWHERE})\s+(?:(\d+|{'|'.join(_NUMBERS_ELSEWHERE)})\s+)?"
                       rf"({'|'.join(_UNITS_ELSEWHERE)})\b")
    n_ly = re.compile(r"\b(\d+|two|three|four|six|twelve)\s+(?:monthly|months?ly)\b")
    phrases = [
        # "twice yearly" is every 6 months, not "yearly"; so are "semi-annual", "half-yearly"
        # and "biannual" (twice a year; every two years is "biennial").
        (re.compile(r"\b(?:twice|two times)(?: a| per)? ?-?year(?:ly)?\b|\b(?:semi|bi) ?-?annual(?:ly)?\b"
                    r"|\bhalf ?-?yearly\b"), 182),
        (re.compile(r"\b(?:twice|two times)(?: a| per)? ?-?month(?:ly)?\b|\bsemi ?-?monthly\b"), 15),
        (re.compile(r"\b(?:three|3) times (?:a|per) week\b"), 2),
        (re.compile(r"\bevery other day\b"), 2),
        (re.compile(r"\b(?:once|twice|two times) (?:a|per) day\b|\bdaily\b|\btwice daily\b"), 1),
        (re.compile(r"\bonce (?:a|per) week\b|\bweekly\b"), 7),
        (re.compile(r"\bfortnightly\b|\bevery other week\b"), 14),
        (re.compile(r"\bonce (?:a|per) month\b|\bmonthly\b"), 30),
        (re.compile(r"\bonce (?:a|per) year\b|\byearly\b|\bannual(?:ly)?\b"), 365),
        # A course of days or weeks said per year or month ("two treatment weeks a year",
        # "5 days a month"): the course comes round once a year, once a month.
        (re.compile(r"\b(?:days|weeks) (?:a|per|each) year\b"), 365),
        (re.compile(r"\bdays (?:a|per|each) month\b"), 30),
        *((re.compile(rf"\b(?:{words})\b"), days) for words, days in _RHYTHMS_ELSEWHERE),
    ]
    return every, n_ly, phrases


def read_interval(text: str) -> tuple[int | None, str, str]:
    """(days, the words that said it, the text without them) for a normalised query."""
    padded = f" {text}"
    if not any(hint in padded for hint in _INTERVAL_HINTS):
        return None, "", text  # every pattern below needs one of these words
    every, n_ly, phrases = _interval_patterns()
    m = every.search(text)
    if m and m.group(4):  # said in another language ("tous les jours": each one)
        count = m.group(3) or "1"
        days = (int(count) if count.isdigit() else _NUMBERS_ELSEWHERE[count]) * _UNITS_ELSEWHERE[m.group(4)]
    elif m:
        count = m.group(1) or "one"
        n = 2 if count == "other" else int(count) if count.isdigit() else _NUMBERS[count]
        days = n * _UNITS[m.group(2)]
    else:
        m = n_ly.search(text)
        if m:
            count = m.group(1)
            days = (int(count) if count.isdigit() else _NUMBERS[count]) * 30
        else:
            for pattern, value in phrases:
                m = pattern.search(text)
                if m:
                    days = value
                    break
            else:
                return None, "", text
    if not 0 < days <= 3650:
        return None, "", text
    return days, m.group(0), _cut(text, m)


# What a disease-modifying therapy is for, said as a goal: "something to
# slow the progression", "prevent relapses", "fewer relapses", "treat the
# disease itself", "long term medication": the aims DMTs are given for (fewer
# relapses, fewer new lesions, slower progression). Read before the intent words, so that
# "relapses" here asks for no relapse treatment, and before stemming, so that
# "reduce" is not "reduced sensation". "stop a relapse" is not here: that is
# treating an attack.
_PURPOSE_HINTS = ("prevent", "reduc", "fewer", "less", "slow", "delay", "halt", "stop", "lower", "decreas",
                  "itself", "disease", "long term", "switch", "chang")


_NOT_A_WALL_SWITCH = "".join(f"(?<!{w} )" for w in ("light", "power", "wall", "flip a", "flipped a", "flips a",
                                                      "flick a", "flicked a", "flicks a", "hit a", "turned a"))


# The aims a purpose is said with: "reduce relapses", "stop the progression".
_AIM = ("prevent|prevents|preventing|reduce|reduces|reducing|decrease|decreases|decreasing|lower|lowers|lowering|"
        "delay|delays|delaying|slow|slows|slowing|fewer|less")
_HALT = "stop|stops|stopping|halt|halts|halting"


def says_an_aim(said: str) -> bool:
    """Whether the words a purpose was read from say what a DMT should do ("reduces
    the chance of a relapse", "slow progression"), not "switch" or "long term medication"."""
    return bool(re.match(rf"(?:{_AIM}|{_HALT})\b", said))  # re caches the compiled pattern


_TREAT = "treat|treats|treating|treatment|treatments|therapy|therapies"
_TOOK = "medication|medications|medicine|medicines|meds|drug|drugs"


@functools.cache
def _purpose_pattern() -> re.Pattern[str]:
    between = r"(?:(?:the|my|its|your|their|a|of|down|new|future|number|rate|frequency|risk|chance|chances|ms|disease|"
    between += r"further|more|any) )*"
    goals = "relapses|progression|progressing|progress|lesions|disability|disease|ms|flares|attacks"
    tail = r"(?: (?:from )?(?:getting|get) worse| worsening| itself| from progressing| progressing)?"
    return re.compile(
        rf"\b(?:{_AIM}) {between}(?:relapse rate|relapse|{goals}){tail}\b"
        rf"|\b(?:{_HALT}) {between}(?:{goals}){tail}\b"  # "stop a relapse" is treating one: not here
        rf"|\b(?:(?:{_TREAT}) (?:of |for )?)?(?:the )?(?:disease|ms) itself\b"
        rf"|\b(?:{_TREAT}) (?:of |for )?the disease\b"
        rf"|\blong term (?:{_TREAT}|{_TOOK})\b"
        # Switching medicines, in MS, is switching DMTs: "should I switch or stick with what I have",
        # "switch to a new one" (a new medicine, not a drug in trials), "changing to a different medication".
        # Not "switch off" or "switch on" (a brain that switches off), nor "switch from X" (stopping X),
        # nor the thing on a wall ("like I touched a light switch", "as if someone flipped a switch").
        rf"|{_NOT_A_WALL_SWITCH}\bswitch(?:es|ing|ed)?\b(?! (?:off|on|from)\b)"
        rf"(?: (?:to|over to) (?:a |an )?(?:new|different|another|other)(?: (?:one|{_TOOK}|{_TREAT}|dmts?))?)?"
        rf"|\bchang(?:e|es|ing|ed) (?:to )?(?:a |an |my )?(?:new|different|another|other) (?:one|{_TOOK}|{_TREAT}|dmts?)\b"
        # "when to consider changing treatments", "change of medication", "changing my DMT".
        rf"|\bchang(?:e|es|ing|ed) (?:of |my |your |our )?(?:{_TOOK}|{_TREAT}|dmts?)\b"
    )


# A medicine "for my MS" that the sentence ends on ("... choose what medicine to take for my
# multiple sclerosis"): the illness is what it treats. Not "... for MS fatigue". Apart from
# the pattern above, whose compiling (about 2 ms) a query saying "for" should not pay.
_FOR_THE_ILLNESS = (rf"\b(?:{_TOOK}|{_TREAT})(?: \w+){{0,3}} for (?:my |your |his |her |their |our |the )?"
                    r"(?:ms|multiple sclerosis)$")


def read_purpose(text: str) -> tuple[str, str]:
    """(the words that ask for a disease-modifying therapy, the text without them); ("", text) if none."""
    m = _purpose_pattern().search(text) if any(hint in text for hint in _PURPOSE_HINTS) else None
    if m is None and text.endswith((" ms", " multiple sclerosis")):
        m = re.search(_FOR_THE_ILLNESS, text)  # re compiles and caches it on first use
    if m is None:
        return "", text
    return m.group(0), _cut(text, m)


def _cut(text: str, m: re.Match[str]) -> str:
    """The text without the words a pattern read."""
    return " ".join((text[: m.start()] + " " + text[m.end():]).split())


def matches_interval(days: int, asked: int) -> bool:
    """A stated interval answers an asked one within about a fifth (30-day months, 182-day
    half-years, 6 to 8 days for weekly); under five days only exactly: daily is not every other day."""
    return abs(days - asked) <= asked // 5


def is_filler(word: str) -> bool:
    return word in FILLER or bool(_DOSE.match(word))


# What a contraction's last letter follows: "we'd" and "don't" arrive as
# "we d" and "don t". After any other word the letter is part of a name:
# "vitamin d", "car t".
_CONTRACTED = {
    "d": frozenset("i you he she we they it who that there what where how".split()),
    "t": frozenset("don doesn didn isn wasn aren weren won wouldn shouldn couldn haven hasn hadn can ain".split()),
    "m": frozenset(("i",)),
}


def _letter_of_a_name(words: list[str], i: int) -> bool:
    before = _CONTRACTED.get(words[i])
    return before is not None and i > 0 and words[i - 1] not in before


# Words that say nothing right after certain words, and are content anywhere
# else: (the words, what they follow).
_EMPTY_AFTER = (
    # "I think", "I guess", "we believe": a hedge around what is said, not
    # thinking as a symptom ("I think I might be having a relapse" asks about a
    # relapse). After anything else the word is content: "can't think straight".
    (frozenset("think thought guess suppose believe reckon".split()), frozenset("i we you they".split())),
    # "MS symptoms" names no symptom ("is sadness one of your MS symptoms");
    # "flu symptoms" stays as said.
    (frozenset(("symptom", "symptoms")), frozenset(("ms",))),
)


def _empty_here(words: list[str], i: int) -> bool:
    return i > 0 and any(words[i] in said and words[i - 1] in after for said, after in _EMPTY_AFTER)


class Query(NamedTuple):
    text: str  # the normalised query
    words: tuple[str, ...]  # content words as typed (normalised)
    stems: tuple[str, ...]  # the same, stemmed
    intents: tuple[tuple[str, str, str], ...]  # (field, value, the words that said it)
    only_filler: bool
    topic: str = ""  # the field a question asks about ("pregnancy"), or ""
    topic_said: str = ""  # the words that asked it
    settled: bool = False  # the whole query is an English compound msrx does not hold ("polo stick")


# Attacks of something other than MS: "heart attack" asks for no relapse treatment.
_OTHER_ATTACKS = frozenset("heart asthma angina gout migraine sickle".split())
# "New" asks for drugs in trials ("new ms drugs"), but not when it is said of
# the illness: "a new relapse", "new symptoms", "new lesions".
_NEW_OF_THE_ILLNESS = frozenset(
    "relapse relapses flare flares attack attacks exacerbation exacerbations symptom symptoms lesion lesions "
    "diagnosis year".split())
# A needle route said with a word that refuses it asks for the other way in:
# "none that involve needles", "no more injections", "pills instead of shots",
# "non-injectable" all ask for a medicine taken by mouth. Not "pins and needles".
_REFUSING = frozenset("no not none without avoid avoiding instead never nothing non don dont "
                      # The same in the other languages of the symptoms' names ("pero no pinchazos", "sans piqûres").
                      "sin sans pas ohne kein keine keinen senza zonder geen sem nao uten utan uden ilman bez nie".split())
# The same words in the other languages of the symptoms' names ("no pinchazos o cualquier
# cosa que implique una aguja"); not Italian "ago", an English word.
_NEEDLES = frozenset("needle needles aguja agujas agulha agulhas aiguille aiguilles nadel nadeln naald naalden "
                     "neula neulat igla igly jehla jehly".split())


# Words that leave one way of taking a medicine for another: "replace my injections
# with a pill", "sustituir las tres inyecciones ... por alguna pastilla", "switch from
# Copaxone shots to a pill". "From" leaves only after such a verb: "pain from injections" stays.
_LEAVING = frozenset("replace replacing replaced swap swapping swapped sustituir substituir reemplazar remplacer "
                     "ersetzen sostituire vervangen".split())
_SWITCHING = frozenset("switch switching switched move moving moved change changing changed go going went".split())


# A way a person would rather not take, said right before it: "I hate needles", "scared of
# injections", "terrified of the infusion"; not "I hate that the infusion takes so long".
_DREADING = frozenset("hate hates hated scared afraid terrified frightened phobic".split())
_OF_THEM = frozenset("the my all those these".split())


def _refusal(raw: list[str], i: int) -> int:
    """How many words before raw[i] refuse or leave it ("none that involve" needles: 3),
    counted from the furthest such word among the three before it; 0 if none."""
    for j in range(max(0, i - 3), i):
        if raw[j] in _REFUSING or raw[j] in _LEAVING or (raw[j] == "from" and j and raw[j - 1] in _SWITCHING):
            return i - j
        between = raw[j + 1 : i]
        if raw[j] in _DREADING and (not between or (between[0] == "of" and all(w in _OF_THEM for w in between[1:]))):
            return i - j
    return 0


def parse(text: str, topics: bool = True) -> Query:
    """Split a normalised query into content words, intents and the topic it asks about."""
    intents: list[tuple[str, str, str]] = []
    days, said, rest = read_interval(text)
    if days is not None:
        intents.append(("interval", str(days), said))
    purpose, rest = read_purpose(rest)
    if purpose:
        intents.append(("category", "dmt", purpose))
    topic, topic_said, rest = read_topic(rest) if topics else ("", "", rest)
    raw = rest.split()
    content: list[str] = []
    refused: set[str] = set()  # what the routes read from a refused needle said
    i = 0
    while i < len(raw):
        for n in range(min(_LONGEST, len(raw) - i), 0, -1):
            phrase = tuple(raw[i : i + n])
            found = INTENTS.get(phrase)
            if (found and phrase == ("relapsing",) and i and raw[i - 1] in _BEING
                    and (i + 1 == len(raw) or raw[i + 1] not in _DISEASE)):
                found = ("category", "relapse")  # "I am relapsing": an attack now, not a relapsing form of MS
            if phrase in (("attack",), ("attacks",)) and i and raw[i - 1] in _OTHER_ATTACKS:
                i += 1  # a heart attack is no MS attack: the word asks for nothing here
                break
            if phrase in (("new",), ("newest",)) and i + 1 < len(raw) and raw[i + 1] in _NEW_OF_THE_ILLNESS:
                i += 1  # "a new relapse" asks about the relapse, not about drugs in trials
                break
            if phrase in (("needle",), ("needles",)) and raw[max(0, i - 2) : i] == ["pins", "and"]:
                continue  # "pins and needles" is nerve pain: its needles ask for no injection
            spoken = phrase
            if (found and found[0] == "route") or (n == 1 and phrase[0] in _NEEDLES):
                refusal = _refusal(raw, i)
                if refusal and content[-refusal:] == raw[i - refusal : i]:
                    spoken = tuple(raw[i - refusal : i + n])  # shown: "no more injections"
                    del content[-refusal:]  # "no more", "don't want": the refusal, not a symptom's words
                    if found and found[1] == "oral":
                        i += n  # "instead of pills": a way refused asks for no route by itself
                        break
                    # A needle refused asks for a medicine by mouth, unless the query says another way.
                    found = ("route", "oral")
                    refused.add(" ".join(spoken))
            if found:
                for field, value in (found, ALSO.get(phrase, ("", ""))):
                    if field and not any(f == field and v == value for f, v, _ in intents):
                        intents.append((field, value, " ".join(spoken)))
                i += n
                break
        else:
            content.append(raw[i])
            i += 1
    if refused and any(f == "route" and said not in refused for f, _v, said in intents):
        # "replace my injections with an infusion": the way said, not the one left, is asked for.
        intents = [x for x in intents if not (x[0] == "route" and x[2] in refused)]
    routes = [x for x in intents if x[0] == "route"]
    if len(routes) >= 2 and topic_said.split(" ", 1)[0] in _SWITCHING and topic_said.endswith(" from"):
        # "switch from injections to a pill": the topic reader took "switch from"; the first way is the one left.
        intents.remove(routes[0])
    words = [w for i, w in enumerate(content)
             if (not is_filler(w) or _letter_of_a_name(content, i)) and not _empty_here(content, i)]
    # Nothing but "should I take medication for MS?", "how do you pick a
    # treatment?": in an MS reference, the treatments for MS itself.
    if not words and not intents and (asked_for := treatment_word(" ".join(content))):
        intents.append(("category", "dmt", asked_for))
    only_filler = not words and not intents
    if only_filler:
        words = content
    return Query(text, tuple(words), tuple(stem(w) for w in words), tuple(intents), only_filler, topic, topic_said)
