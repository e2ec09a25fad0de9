"""What a question asks about one treatment: the topic words.

"Can I get pregnant on Ocrevus", "blood tests for Tysabri", "how often are
the infusions" ask about one part of a treatment, a field `show` prints. The
query reader (msrx.query) takes the topic out before it reads intents and
content words; search answers with that part of the treatments it finds.

Pure functions, standard library only: this runs on every search.
"""

from __future__ import annotations

import functools
import re

# What a question asks about one treatment: the living-on-it fields `show`
# prints ("can I get pregnant on Ocrevus", "blood tests for Tysabri", "how
# often are the infusions"). Read before the intent words, so that "flu jab"
# is no injection, "blood tests" no symptom word and "dose" no filler, and
# after a DMT's purpose ("reduce the risk of relapse" asks about no risks).
# The topic never finds a treatment by itself: the rest of the query has to
# name one or a group (or, for monitoring, a test: "jc virus test").
# Listed most specific first: "is it safe to get pregnant" is about pregnancy.
TOPICS: tuple[tuple[str, str], ...] = (
    # "trying to fall pregnant" (British and Australian): the whole idiom, or "fall" reads as falls.
    ("pregnancy", r"f[ae]ll(?:ing|en|s)? pregnant|pregnan\w*|conceiv\w*|conception|(?:in)?fertil\w*|ttc|try(?:ing)? for (?:a )?baby|(?:have|having) (?:a )?baby"
                  r"|start(?:ing)? a family|family planning|(?:have|having|had) (?:children|kids|a child)"),
    ("breastfeeding", r"breast ?fe(?:e)?d\w*|breast ?milk|nursing|lactat\w*|chest ?feed\w*"),
    ("vaccines", r"vaccin\w*|immuni[sz]\w*|(?:flu|covid|shingles|booster) (?:jab|shot|vaccine)s?|boosters?"),
    ("monitoring", r"blood ?(?:tests?|work|counts?|draws?|checks?)|bloods|labs?(?: (?:tests?|work|results?))?"
                   r"|monitor\w*|check ?ups?|checks|exams?|examinations?|screening|mris?|scans?"
                   r"|(?<!being )(?:tests?|tested|testing)"),
    ("stopping", r"stop(?:ped|ping|s)? (?:taking|using|treatment)|(?:come|comes|coming|came|going|went|get|getting|got)"
                 r" (?:completely |totally |fully |entirely )?off|wash ?out|discontinu\w*|quit(?:s|ting)?|switch(?:ing|ed)? (?:from|off)"
                 # Not "I haven't stopped feeling lousy": stopping a feeling, not the treatment.
                 r"|stop(?:ped|ping)(?! working| helping| (?!injecting|infusing)\w+ing\b)|ending"
                 # "can I stop my DMT", "stopping the medication"
                 r"|stop(?:s|ping)? (?:my|the|your|their) (?:dmts?|medications?|medicines?|meds|treatments?|drugs?"
                 r"|therap(?:y|ies))"
                 r"|(?:an )?(?:abrupt )?end to|(?:days|weeks|months) off|(?:a )?break from|taking a break"
                 # "steroid withdrawal", "tapering off prednisone", "weaning off baclofen"
                 r"|withdrawal(?: (?:symptoms?|effects?))?|taper(?:ing|ed|s)?(?: (?:off|down))?|wean(?:ing|ed)?(?: off)?"
                 # "I am off of my MS meds", "been off all treatment for a year"
                 r"|(?:i m|am|been|was|were|went|now|currently|are|is|taken|took|came) off (?:of )?"
                 r"(?:my |the |all |all my |any |their |his |her |your )?(?:ms )?"
                 r"(?:meds|medications?|medicines?|dmts?|treatments?|drugs?|therap(?:y|ies))"),
    ("effectiveness", r"how (?:effective|well)(?: (?:does|do|did|is|are) (?:it|they|this|that))?(?: works?)?"
                      r"|effectiveness|efficacy|(?:does|do|did) (?:it|they|this|that) (?:really |even )?work"
                      r"|success rates?|take to work|start(?:s|ed)? working|kick in"
                      # "is it still working", "it's apparently working for you" ("it s" once normalised)
                      r"|(?:is|are|was|were|s|re) (?:it |they |this |that )?"
                      r"(?:even |really |still |apparently |definitely |actually |clearly )?working"
                      # Not French "en cure", "une cure de cortisone": a course of it (administration).
                      r"|(?:a |the )?(?<!\ben )cure(?! de\b| d\b)"
                      # Said of how it went: "the walking drug works for me", "it worked wonders",
                      # "the benefits of Ocrevus"; not "works at" or "my brain works slower".
                      r"|work(?:s|ed) (?:(?:so |really |very )?well |great |wonders |brilliantly )?for (?:me|him|her|us|them|you)"
                      r"|work(?:s|ed) (?:wonders|brilliantly|a treat)|benefits?|beneficial"
                      # "does Tecfidera really work", "how long does it take Ocrevus to work", "how
                      # long until Tysabri kicks in": the name between stays in the query
                      r"|(?:does|do|did|will|would|can|(?:takes?|took|until|till|before)(?: (?:it|they|for))?)"
                      r" (?P<keep>(?:\w+ ){1,3}?)(?:really |even |actually |definitely |ever |still )?(?:to )?"
                      # "... work for you"; "does Mavenclad work for progressive ms": what it works for stays in the query
                      r"(?:work(?:s|ed)?|start(?:s|ed)? working|kick(?:s|ed)? in)"
                      r"(?:(?: for (?:you|me|people|anyone|everyone))?"
                      # "will Campath definitely work in the long term"
                      r"(?: (?:in|over) the long (?:term|run)| long ?term)?$|(?= for \w))"),
    ("side_effects", r"side ?(?:e|a)ffects?|adverse (?:effects?|reactions?|events?)|downsides?|drawbacks?"
                     r"|negative (?:parts?|sides?|aspects?|effects?)"
                     # "I couldn't tolerate Tecfidera", "intolerance to interferon"
                     r"|tolerat\w*|intoleran\w*"),
    # After the side effects: "how long do Ocrevus side effects last" asks about them, not a dose.
    ("administration", r"how (?:often|frequent\w*|long)|how (?:is|are) (?:it|they) (?:given|taken|administered|done)"
                       r"|how (?:do|to|should|would) (?:you |i |we )?(?:take|use|inject|give)|dos(?:e|es|ing|age)"
                       r"|schedules?|regimen|how many times|training"
                       # "Ocrevus premeds", "Tecfidera with food": what goes with each dose.
                       r"|premed\w*|pre ?medicat\w*|with (?:food|meals?)|(?:on )?an empty stomach"
                       # "allergy medication via IV before Ocrevus", "el antihistamínico": the premedication.
                       r"|antihistamin\w*|allergy (?:medications?|meds|medicines?|tablets?|pills?)"
                       # Where it goes in: "Copaxone injection sites", "where do I inject"; not
                       # "injection site reactions" or "injection site pain" (side effects).
                       r"|(?:injection|inject) sites?(?! (?:reactions?|pain|lumps?|bruis\w*|redness|swelling"
                       r"|itch\w*|rash\w*|problems?|issues?))|where (?:to|do i|should i|do you|can i) inject"
                       r"|rotat\w* (?:injection |the )?sites?"
                       # "when should I take baclofen", "best time of day to take Tecfidera"
                       r"|(?:when|what time(?: of (?:the )?day)?) (?:should|do|can|to|would) (?:i |you |we )?take"
                       r"|(?:best|right|good|what) time(?: of (?:the )?day)? to take"
                       # "how is Lemtrada given", "how are Ocrevus infusions done": the name between stays
                       r"|how (?:is|are) (?P<keep>(?:\w+ ){1,3}?)(?:given|taken|administered|infused|injected|done)$"),
    # Not "warning" or "danger" alone: "comes on without warning", "a sense of danger" are symptoms.
    ("warnings", r"risks?|warnings|boxed warning|dangerous|how safe|(?:is|are) (?:it|this|they) safe|safety|black box"),
)
# The same questions as people ask them on German, French, Spanish, Italian,
# Dutch, Portuguese, Scandinavian, Finnish, Polish and Czech pages ("Aubagio
# absetzen", "gli effetti collaterali di Tysabri", "Ocrevus grossesse"),
# accents already folded by normalise.
# Words no English query says, so they can take nothing from one.
_IN_OTHER_LANGUAGES = {
    "pregnancy": r"schwanger\w*|grossesse|enceinte|embaraz\w*|gravidanza|incinta|zwanger\w*|graviditet|gravidez"
                 r"|gravida|engravidar|raskaus|raskaana|raskauden|ciaza|ciazy|tehotenstvi|tehotna"
                 # Wanting a child: "einen Kinderwunsch", "kinderwens".
                 r"|kinderwunsch\w*|kinderwens\w*",
    "breastfeeding": r"stillen|stillzeit|allaitement|allaiter|lactancia|amamantar|allattamento|allattare"
                     r"|borstvoeding|amning|amamentacao|amamentar|amming|imetys|imettaa|karmienie piersia|kojeni"
                     r"|kojit",
    "vaccines": r"impf\w*|vacuna\w*|vaccino|vaccini|vacinas?|vacinacao|vaksine\w*|vaksiner|rokote\w*|rokotus"
                r"|szczepion\w*|szczepieni\w*|ockovani|vakcin\w*",
    "monitoring": r"blutbild|blutwerte|bluttests?|blutuntersuchung\w*|prise de sang|bilan sanguin|analyses? de sang"
                  r"|analisis de sangre|analitica|esami del sangue|bloedonderzoek|irm|mrt|analises ao sangue"
                  r"|exames? de sangue|ressonancia|blodprove\w*|blodprov|verikoe\w*|verikokeet|magneettikuva\w*"
                  r"|badania krwi|rezonans\w*|krevni test\w*|odber krve",
    "stopping": r"absetz\w*|abgesetzt|ausschleich\w*|auszuschleichen|arreter|arret|sospendere|smettere"
                r"|dejar de tomar|stoppen met|parar de tomar|suspender|interromper|stoppe med|stopper med|sluta med"
                r"|slutade med|lopettaa|lopetin|odstawic|odstawienie|przerwac leczenie|vysadit|vysazeni"
                # "decidi abandonar o interferon", "dejé de tomar", "ho interrotto il Tysabri".
                r"|abandon(?:ar|ei|ou|e|o|amos|aron)|deje de|deixei de|interromp(?:ere|ido|u)|interrott[oa]|sospes[oa]"
                # "Gilenya abzusetzen"; no longer taking it: "nehme ich das Medikament (Aubagio) nicht mehr",
                # "je ne prends plus", "ya no tomo", "ik neem het niet meer", "non prendo piu", "nao tomo mais".
                # The verb alone is read where the name may sit before "nicht mehr": the name stays in the query.
                r"|abzusetzen|(?:nehme|nimmt|nehmen|nahm)(?= (?:\w+ ){0,4}?nicht mehr)|ne (?:prends|prend|prenons|prennent) plus"
                r"|ya no (?:tomo|toma|tomamos)|(?:neem|neemt|nemen)(?= (?:\w+ ){0,4}?niet meer)|non (?:prendo|prende|assumo) piu"
                r"|nao (?:tomo|toma) mais",
    "effectiveness": r"wirksamkeit|wirkt|hilft|funktioniert|efficacite|efficace|efficacia|eficacia|werkzaamheid"
                     # "les effets bénéfiques", "i benefici", "los beneficios", "die Vorteile", "de voordelen"
                     r"|benefiques?|benefici\w*|vorteile?|voordel\w*"
                     r"|werkt|funciona|virker|virkning\w*|effekt\w*|fungerar|tehoaa|tehoava|tehokas|skutecznosc"
                     r"|skuteczn\w*|ucinnost|ucinny|funguje",
    "side_effects": r"nebenwirkung\w*|effets? (?:secondaires?|indesirables?)|efectos? (?:secundarios?|adversos?)"
                    r"|effett[oi] collateral[ei]|bijwerking\w*|biverkning\w*|bivirkning\w*"
                    r"|efeitos? (?:secundarios?|colatera(?:is|l)|adversos?)|sivuvaikutu\w*|haittavaiku\w*"
                    r"|skutki uboczne|skutkow ubocznych|dzialania niepozadane|efekty uboczne|nezadouci ucinky"
                    r"|vedlejsi ucinky"
                    # Downsides: "el inconveniente del cannabis", "die Nachteile", "de nadelen", "gli svantaggi".
                    r"|inconvenientes?|nachteile?|nadelen|svantaggi|desvantage(?:m|ns)"
                    # "qué tal toleráis los corticoides", "non tollero l'interferone", "vertrage ich nicht".
                    r"|toler(?:ar|o|a|as|ais|amos|an|ei|ou)|toller\w*|vertrag\w*|verdraag\w*",
    "administration": r"dosierung|posologie|posologia|wie oft|combien de fois|tous les combien|cada cuanto"
                      r"|ogni quanto|hoe vaak|hur ofta|hvor ofte|dosagem|de quanto em quanto|quantas vezes|dosering"
                      r"|annostus|kuinka usein|dawkowanie|jak czesto|davkovani|jak casto"
                      # How it is given: "de manier van toedienen", "Verabreichung", "la somministrazione".
                      r"|toedien\w*|verabreich\w*|somministr\w*|administracion|administracao"
                      # A course of it, in French: "à base de corticoïdes en cure", "une cure de Solumédrol".
                      r"|en cure|cures? de|cures? d",
    "warnings": r"risiko|risiken|risques?|riesgos?|rischio|rischi|gefahr\w*|dangereux|dangereuse|peligros[oa]"
                r"|pericolos[oa]|gevaarlijk|riscos?|perigos[oa]|farlig|farligt|riski|riskit|vaarallinen|ryzyko"
                r"|niebezpieczn\w*|riziko|rizika|nebezpecn\w*",
}
TOPICS = tuple((name, f"{words}|{_IN_OTHER_LANGUAGES[name]}" if name in _IN_OTHER_LANGUAGES else words)
               for name, words in TOPICS)

# A topic a record may leave empty, and the field that answers it instead: how
# well a symptom drug works is said in its evidence (only the DMTs carry an
# effectiveness block of trial results). "Does gabapentin work" answered "not stated".
STANDS_IN: dict[str, str] = {"effectiveness": "evidence"}

# A query holding none of these asks about no topic: the patterns are not even compiled.
# Kept by hand beside TOPICS; a property test (test_properties.py) fails when a topic
# word has no hint here.
_TOPIC_HINTS = (
    "pregnan", "conce", "fertil", "ttc", "baby", "famil", "breast", "nursing", "lactat", "feed", "vaccin", "immuni", "jab",
    "shot", "booster", "blood", "lab", "monitor", "check", "exam", "screening", "test", "stop", "off", "wash",
    "discontinu", "quit", "switch", "well", "work", "success", "kick", "how", "dos", "benefi", "vorteil", "voordel",
    "schedule", "regimen", "training", "site", "inject", "cure", "end", "break", "effect", "affect", "adverse", "risk", "warning",
    "dangerous", "safe", "black box", "child", "kids", "down", "drawback", "negative", "withdrawal", "taper", "wean",
    "mri", "scan", "premed", "medicat", "antihistamin", "allergy", "food", "meal", "stomach", "take", "given", "administered", "infused",
    "done",
    # _IN_OTHER_LANGUAGES
    "schwanger", "grossesse", "enceinte", "embaraz", "gravid", "incinta", "zwanger", "stillen", "stillzeit", "allait",
    "lactancia", "amamantar", "allatt", "borstvoeding", "amning", "impf", "vacun", "blutbild", "blutwerte",
    "prise de sang", "analisis", "analitica", "esami", "bloedonderzoek", "absetz", "abgesetzt",
    "smettere", "ausschleich", "auszuschleich", "wirk", "efficac", "eficacia", "werkzaamheid", "effet", "efecto", "blutunters", "bilan sanguin",
    "analyse", "irm", "mrt", "arret", "dejar de", "hilft", "funktioniert", "werkt", "wie oft", "combien",
    "cada cuanto", "ogni quanto", "hoe vaak", "hur ofta", "hvor ofte", "gefahr", "dangereu", "peligros", "pericolos",
    "gevaarlijk",
    "bijwerking", "biverkning", "posolog", "risiko", "risiken", "risque", "riesgo", "rischi",
    "raskau", "raskaa", "ciaz", "amament", "amming", "imety", "imett", "piersia", "koj", "vacina", "vaksin",
    "rokot", "szczepi", "ockovani", "vakcin", "sangue", "ressonanc", "blodprov", "verik", "magneettikuv", "krwi",
    "rezonans", "krve", "parar de", "interromp", "sluta", "lopet", "odstaw", "przerwac", "vysad", "vysaz", "funciona",
    "virk", "effekt", "fungerar", "teho", "skuteczn", "ucinn", "funguje", "efeito", "sivuvaik", "haittavaik", "uboczn",
    "niepozadan", "nezadouc", "toler", "toller", "vertrag", "verdraag", "vedlejsi", "quanto em", "quantas", "annost", "kuinka", "dawkow", "czesto", "davkov",
    "jak cast", "risco", "perigos", "farlig", "vaarallin", "ryzyk", "niebezpiecz", "rizik", "nebezpec",
    "abandon", "deje de", "deixei de", "interrott", "sospes", "inconvenient", "nachteil", "nadelen", "svantagg",
    "desvantage", "toedien", "verabreich", "somministr", "administrac", "abzuset", "nicht mehr", "ne pren", "ya no",
    "niet meer", "non pren", "non assum", "nao tom", "kinderw",
)


# Words that ask a topic only when said with a treatment's name: "IV steroids make
# me grumpy" asks about side effects, "something to make me sleep" asks for a
# treatment; "my dropping Tecfidera" is stopping it, "keep dropping things" a
# symptom. They are read after a name was found, and stay content words.
_FAILING_ORGANS = ("kidney", "liver", "heart", "renal", "hepatic", "cardiac", "respiratory", "organ", "bone marrow")
NAMED_TOPICS: tuple[tuple[str, str], ...] = (
    # "IV steroids make me grumpy", "does Tecfidera cause hair loss".
    ("side_effects", r"(?:make|makes|made|making|leave|leaves|left|leaving) (?:me|you|him|her|them|us|people)"
                     r"|caus(?:e|es|ed|ing)"
                     # "a bad reaction to these steroids", "reactions after Ocrevus".
                     r"|reactions? (?:to|from|with|after)"
                     # "an allergic reaction to Ocrevus", "por si el ocrelizumab me diese alergia".
                     r"|allerg\w*|alergi\w*"
                     # "Jaimie got fat. Thanks amitriptyline": weight put on.
                     r"|(?:got|get|getting|gotten) fat|(?:gain|gained|gaining|put on|putting on) weight|weight (?:gain|loss)"
                     # "feeling terrible after infusions", "felt rough on Tecfidera": how it leaves people.
                     # "I am often very tired after Ocrevus", "dizzy since starting Gilenya".
                     r"|(?:terrible|awful|rough|unwell|poorly|lousy|horrible|rubbish|crappy|sick|tired|exhausted|drained"
                     r"|dizzy|nauseous|nauseated|achy|flushed|itchy) (?:after|since)"
                     r"|(?:feel\w*|felt) (?:really |so |very |pretty )?(?:terrible|awful|rough|unwell|poorly|lousy"
                     r"|horrible|rubbish|crappy|sick|ill|bad) (?:on|from)"
                     # "Two rounds of IV steroids were harsh", "problems with Rituxan", "my body
                     # continued to respond horribly to Copaxone": how the treatment treated them.
                     r"|(?:was|were|is|are|been|so|very|really|pretty|quite) (?:harsh|brutal|nasty|hellish)"
                     r"|hard on (?:me|my|the|your|our) ?(?:body|stomach|system)?"
                     r"|(?:problems?|issues?|troubles?) (?:with|on|from)"
                     r"|(?:respond|react)\w* (?:so |very |really )?(?:badly|horribly|terribly|poorly)"
                     # Hair loss is no symptom of MS: said with a name, it is asked of the drug ("my hair
                     # loss saga with Tecfidera", "trop de pertes de cheveux" on Gilenya, "Haarausfall").
                     r"|hair ?loss|(?:losing|lost|lose|loses) (?:my |your |her |his |some |of (?:my |your )?)?hair"
                     r"|hair (?:thinning|falling out|is falling out)|thinning hair|pertes? de(?:s)? cheveux"
                     r"|chute de(?:s)? cheveux|caida del? (?:pelo|cabello)|perdida de (?:pelo|cabello)|queda de cabelo"
                     r"|(?:perdita|caduta) (?:di|dei) capelli|haarausfall|haaruitval|haravfall|hartab|hiustenlahto"
                     r"|wypadanie wlosow|vypadavani vlasu"),
    # "should I stop Tysabri", "can you safely stop Ocrevus"; not "does baclofen stop spasms".
    # "Rituxan is completely washed out": said of a drug; "I feel washed out" is fatigue.
    ("stopping", r"dropp(?:ed|ing)|(?:continue|keep) (?:taking|using|on|with)|(?:i|we|you|safely) stop|washed out"
                 # How long it stays in the body after the last dose (its washout): "Das Aubagio bleibt ja
                 # bis zu zwei Jahre im Körper", "stays in your system", "out of my system".
                 r"|(?:stays?|stayed|staying|remains?|lingers?) (?:\w+ ){0,4}?in (?:your|my|the|his|her|their) (?:system|body)"
                 r"|out of (?:your|my|the|his|her|their) system|(?:bleibt|verbleibt|blieb) (?:\w+ ){0,6}?im korper"
                 r"|(?:reste|restent|demeure) (?:\w+ ){0,4}?dans (?:le corps|l organisme)"
                 r"|(?:permanece|queda) (?:\w+ ){0,4}?en el (?:cuerpo|organismo)"
                 r"|(?:rimane|resta) (?:\w+ ){0,4}?nell? ?(?:corpo|organismo)|blijft (?:\w+ ){0,4}?in het lichaam"),
    # "did I fail Copaxone", "Tysabri failed me", "Rebif failure": the treatment stopped
    # working. Not an organ's failure ("kidney failure on Gilenya"), a warning.
    # "Tecfidera - report card", "Ocrevus reviews", "Kesimpta experiences": how it has gone for people.
    ("effectiveness", r"improv\w*|fail(?:s|ed|ing)?|" + "".join(f"(?<!{organ} )" for organ in _FAILING_ORGANS) + "failure"
                      r"|report cards?|reviews?|experiences|breakthrough"
                      # "Interferons don't help", "Copaxone stopped helping": whether it works.
                      r"|(?:(?:don|doesn|didn|won|isn|aren) t|dont|doesnt|didnt|not|never|no longer) help(?:s|ed|ing)?"
                      r"|stop(?:ped|s)? helping"
                      # "the one MS drug that ever worked", "it works for me", "baclofen and tizanidine don't work".
                      r"|(?:ever|really|actually|that|which) work(?:s|ed)|work(?:s|ed) (?:for (?:me|us|him|her|them)|well)"
                      r"|(?:(?:don|doesn|didn|won) t|dont|doesnt|didnt|never) work(?:s|ed)?"
                      # "does Ampyra help walking", "can baclofen help with spasms": whether it works.
                      r"|(?:does|do|did|can|could|will|would|might) (?:\w+ ){1,3}?(?:really |actually )?help"
                      # "Tysabri not working", "Ocrevus stopped working", "Copaxone success stories".
                      r"|(?:not|isn t|aren t|wasn t|no longer|stop(?:ped|s)?) working|success stor(?:y|ies)"
                      # "LDN seems a very promising treatment", "took Fampridine to see if it could ...".
                      r"|promising|(?:to )?see (?:if|whether) (?:it|they|this|that) (?:could|would|will|can|might|does|did)"
                      # Helping, said elsewhere: "Tysabri ... kan hjælpe på permanente skader", "til hjælp
                      # for", "hat mir geholfen", "me ayudó", "mi ha aiutato", "het helpt".
                      r"|hjaelpe[rt]?|(?:til|till) (?:hjaelp|hjelp|hjalp)|hjelpe[rt]?|hjalpa|hjalpe[rt]|hjalpt|hjulpet"
                      r"|geholfen|helfen|helpt|hielp|ayuda(?:do|r|n)?|ayudo|aiuta(?:to|re|no)?|ajuda(?:do|r|m)?|ajudou"
                      r"|aide"  # "le Fampyra m'a aidé"
                      # Trying it "per vedere se può essere utile", "pour voir si", "um zu sehen, ob".
                      r"|per vedere se|para ver s[ei]|pour voir si|um zu sehen ob|om te zien of"
                      r"|useful|helpful|utile|utiles|util|nutzlich|hilfreich|nuttig"
                      # "Provigil has been a life saver", "a positive benefit from Fampridine", "the Biotin will
                      # do me no more good", "Sativex took the edge off", "40% more effective than the Interferons",
                      # "claiming a 50% reduction in relapses".
                      # "could the steroids be working": of a name only ("my legs won't be working" is walking)
                      r"|(?:be|been) (?:really |still |actually )?working"
                      r"|life ?savers?|game ?changers?|benefits?|beneficial|(?:more|less|most|very|highly|as|quite) effective"
                      # Praise of what it did: "a proven medication", "like a miracle drug", "Bendito
                      # Tysabri", "Het is gewoon geweldig spul", "a godsend".
                      r"|proven|miracle\w*|wonder ?drugs?|god ?send|milagro\w*|milagre\w*|miracol\w*|wundermittel"
                      r"|bendit[oa]|benedett[oa]|(?:great|geweldig|goed|tolles|super) (?:stuff|spul|zeug)"
                      r"|(?:do|does|did|doing|done) (?:me |you |us |him |her |them )?(?:no |any |much |some )?(?:more )?good"
                      r"|(?:take|takes|took|taking) the edge off"
                      # "Lemtrada should reboot the immune system", "HSCT resets it": what it is given to do.
                      r"|reboot\w*|re ?set(?:s|ting)? (?:the|my|your|their|his|her) immune"
                      # What it guards against: "Hvilken beskyttelse yder Medrol mod attakker?", "does
                      # Ocrevus protect against progression", "la protection du Tysabri".
                      r"|protect(?:s|ed|ing|ion)?|beskyttelse|beskytter|schutz|schutzt|protege|protegge|protezione"
                      r"|proteccion|protecao|bescherm\w*|skydd\w*"
                      # Failed, said elsewhere: "la fallida prueba con el baclofeno intratecal", "Tysabri hat
                      # versagt", "l'échec du Copaxone", "het is mislukt".
                      r"|fallid[oa]s?|fracas\w*|fallit[oa]|fallimento|echec|echoue\w*|gescheitert|versagt"
                      r"|mislukt\w*|falhou|falhad[oa]|misslyckad\w*|mislykke\w*"
                      # Slowing it, said elsewhere: "J'espère qu'il freinera les nouvelles poussées",
                      # "rallenta la malattia", "verlangsamt den Verlauf" (English "slow progression" is
                      # read as a DMT's aim: msrx.asked).
                      r"|frein\w*|ralenti\w*|frena(?:r|n|do|ra)?|ralentiz\w*|rallent\w*|verlangsam\w*|bremst|bremsen"
                      r"|vertraag\w*"
                      # "I started on Gilenya ..., and what a difference it has made", "made a huge difference".
                      r"|what a difference|(?:made|makes|make|making) (?:a |such a |all the )?(?:huge |big |real |massive )?difference"
                      r"|reduction in (?:relapses?|relapse rate)|relapse reduction"
                      # "un farmaco che riduce le ricadute del 52%", "reduces relapses by a third".
                      r"|(?:reduc(?:e|es|ed|ing)|riduce|riducono|reduit|reduisent|reduziert|verringert|reducen?)"
                      r" (?:\w+ ){0,2}?(?:relapses?|ricadute|rechutes|poussees|schube|brotes|recaidas)"
                      r"|\d+ ?(?:%|percent) (?:reduction|fewer|less|lower|more effective)"
                      # "no relapses since", "haven't had any new lesions", "relapse-free", and
                      # "Har ikke hatt noen atakker siden", "keine Schübe mehr": what it has done.
                      r"|(?:no|zero|any|noen|ingen|keine|keinen|aucune?|sin|ningun|nessuna) (?:new |more |further |neue"
                      r" |nouvelles? |nuevos? |nuove )?(?:relapses?|attacks?|flares?|lesions?|exacerbations?|atakker"
                      r"|attakker|attakk|schube|poussees?|brotes|ricadute|recaidas)|(?:relapse|lesion) ?free"),
    # "first shot of Plegridy", "1st day of Tecfidera", "Lemtrada: round two": starting a course.
    ("administration", r"(?:delivered|given|administered) (?:through|by|via|as|into|intravenously|orally)"
                       # "a bolus of Solu-Medrol", "3 jours de bolus", "five days of IV steroids", "cicli di 10 giorni".
                       r"|bolus|bolos?|boli|(?:\d+|three|five|ten) (?:days|jours|dias|giorni|tage) (?:of|de|di|d)"
                       r"|(?:first|1st|second|2nd|third|3rd|next) (?:\w+ )?(?:shots?|jabs?|injections?|infusions?|doses?|days?"
                       r"|weeks?|years?|rounds?|courses?|treatments?|pills?|tablets?)|(?:rounds?|years?) (?:one|two|three|1|2|3)"
                       # The same elsewhere: "die erste Gabe von Ocrevus", "ma première perfusion de Tysabri".
                       r"|(?:erste|ersten|erster|zweite|zweiten|dritte|dritten|premier|premiere|deuxieme|troisieme|primera"
                       r"|primer|segunda|tercera|prima|primo|seconda|secondo|terza|eerste|tweede|derde) (?:\w+ )?(?:gabe"
                       r"|infusion|infusionen|spritze|injektion|dosis|perfusion|injection|piqure|cure|infusione|iniezione"
                       r"|dose|infuus|injectie|ciclo|zyklus|runde"
                       # "Mi primer día con Copaxone", "mein erster Tag mit Tecfidera", "ma première semaine".
                       r"|tag|tage|woche|jour|semaine|dia|semana|giorno|settimana|dag|week)"
                       # "how many Mavenclad tablets", "Ponvory titration", "Briumvi infusion time".
                       r"|how many (?:\w+ ){0,2}?(?:tablets?|pills?|capsules?|doses?|injections?|infusions?|shots?"
                       r"|courses?|rounds?|cycles?)"
                       # "how many years is Lemtrada given"; not "how many years" alone ("... have I had MS").
                       r"|how many years (?:\w+ ){1,3}?(?:given|taken|needed)"
                       r"|titrat\w*|starter (?:packs?|doses?|kits?)|infusion (?:times?|length|duration)"
                       # "Cladribine is given over two years", "the protocol for Ocrevus"
                       r"|given over (?:\w+ )?(?:years?|months?|weeks?|days?|hours?)|protocols?"
                       # "the 22mcg of Rebif", "5000IU's of vitamin D": a dose with its unit.
                       # "3 Tage je 1gr", "2 grams of Solu-Medrol": grams, as people write them elsewhere too.
                       r"|\d+ ?(?:mg|mcg|ug|iu|ml|micrograms?|milligrams?|units|gr|grams?|gramm|grammes?|gramos?|grammi)"
                       # "Copaxone comes with an auto injector", "Lemtrada ... a two year treatment".
                       r"|auto ?injectors?|pre ?filled (?:pens?|syringes?)"
                       # Pre-filled, said elsewhere: "seringas pré-cheias", "siringhe preriempite",
                       # "seringues préremplies", "jeringas precargadas", "Fertigspritzen", "voorgevulde pen"
                       # (not the checks before a course: "pre" alone asks about those, below).
                       r"|pre ?(?:cheias?|riempit[ae]|remplies?|cargadas?)|fertig ?(?:spritzen?|pens?)|voorgevulde"
                       r"|forfyld\w*|forfyll\w*"
                       # "anyone who has had Lemtrada on a day case basis": where it is given.
                       r"|day ?cases?|(?:as an |an )?out ?patients?(?: basis)?"
                       r"|(?:one|two|three|four|five|1|2|3|4|5) years? (?:treatment|course|therapy|programme|program)"),
    # "Baclofen and alcohol", "can I drink on Tecfidera".
    ("warnings", r"alcohol|booze|drink(?:s|ing)?"),
    # "Too old for Gilenya?": who should not take it, and what changes with age.
    ("warnings", r"too (?:old|young)"),
    # "can you die from Tysabri", "deaths on Lemtrada", "Tysabri kan man dø af": a risk asked of it.
    ("warnings", r"(?:die|dies|died|dying|death|deaths) (?:from|of|on|after)|deadly|lethal"
                 r"|(?:do|dode) af|(?:do|dode|dor|dog) av|sterben an|starb an|gestorben an|todlich|mourir de|mort(?:e|s|es)? de|mortel(?:le)?s?"
                 r"|morir de|murio de|morire di|morto di|morta di|mortale|sterven aan|dodelijk|morrer de|morreu de"),
    # "Ocrevus and feeding my baby" asks about feeding; "worried about how Ocrevus was going to
    # affect the baby" about pregnancy: the baby, not the worry, is what is asked about.
    ("breastfeeding", r"feed(?:s|ing)?"),
    ("pregnancy", r"bab(?:y|ies)|newborns?|unborn"),
    ("warnings", r"concerns?|concerned|worr(?:y|ies|ied|ying)"),
    # "the key thing to look out for with Tec is lymphocyte levels": a blood value's level or
    # count is what its tests check ("Tecfidera caused low lymphocytes" asks of side effects, above).
    ("monitoring", r"(?:lymphocyte|white (?:blood )?cell|wbc|liver|platelet|neutrophil|b ?cell|cd19|cd20|jc ?virus|jcv"
                   r"|antibody|antibodies|igg|immunoglobulin|vitamin d) (?:levels?|counts?)"),
    # "pre-Ocrevus", "before starting Lemtrada": the checks and tests a label asks for first
    # (not "pre-existing").
    ("monitoring", r"pre(?! existing)|before (?:starting|beginning|(?:i|you|we) (?:start|begin))"),
    # "is Tysabri safe", "how safe is Lemtrada" (the name between the words); last, as
    # "safe to feed while taking Tysabri" asks about feeding.
    ("warnings", r"safe"),
)


@functools.cache
def _compiled(table: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A topic table's patterns, compiled once, on first use, each matching whole words."""
    return tuple((name, re.compile(rf"\b(?:{words})\b")) for name, words in table)


# The same gate for NAMED_TOPICS: compiling them costs about 5 ms, paid by every
# query that names a treatment ("show naltrexone") unless no hint is in its text.
# Kept by hand too; test_properties.py fails when a named topic word has no hint.
_NAMED_HINTS = (
    "mak", "made", "leav", "allerg", "alergi", "tired", "exhausted", "drained", "dizzy", "nause", "achy", "flushed",
    "itchy", "reduc", "riduc", "reduit", "reduis", "reduziert", "verringert", "delivered", "given", "administered", "left", "caus",
    "fat", "weight", "terrible", "awful", "unwell", "bol", "days", "jours", "dias", "giorni", "tage", "too old",
    "too young",
    "poorly", "lousy", "horrible", "rubbish", "crappy", "sick", "feel", "felt", "dropp", "continue", "keep", "stop",
    "harsh", "brutal", "nasty", "hellish", "hard on", "problem", "issue", "trouble", "respond", "react", "work",
    "washed", "improv", "fail", "report card", "review", "experiences", "help", "success",
    "promising", "see if", "see whether", "hjaelp", "hjelp", "hjalp", "hjulp", "helf", "geholf", "hielp", "ayud",
    "vedere se", "ver si", "voir si", "ver se", "sehen ob", "zien of", "useful", "util", "hilfreich", "nutzlich", "nuttig",
    "ajud", "aide", "die", "dying", "death", "deadly", "lethal", "do af", "do av", "dor av", "dode a", "dog av", "dodel", "sterben",
    "starb", "gestorben", "todlich", "mour", "mort", "morir", "murio", "sterven", "morre", "saver", "changer", "benefi", "effective", "good", "edge off",
    "%", "percent", "first", "1st", "second", "2nd", "third", "3rd", "next", "erste", "zweite", "dritte",
    "deuxieme", "troisieme", "segund", "tercer", "prim", "terz", "tweede", "derde", "round", "year", "how many", "titrat",
    "starter", "infusion", "mg", "mcg", "ug", "iu", "ml", "unit", "injector", "filled",
    "protocol", "gr", "bab", "newborn", "unborn", "alcohol", "booze", "drink", "concern", "worr", "pre", "before", "feed", "safe", "difference",
    "reboot", "set", "case", "patient", "level", "count", "relapse", "attack", "flare", "lesion", "exacerbation", "atakk", "attakk",
    "schube", "poussee", "brotes", "ricadute", "recaidas", "hair", "lose", "lost", "cheveux", "pelo", "cabel",
    "capelli", "haaraus", "haaruit", "haravf", "hartab", "wlosow", "vlasu", "fertig", "voorgevuld", "forfy",
    "protec", "beskytt", "schutz", "proteg", "protez", "bescherm", "skydd", "fallid", "fracas", "fallit",
    "fallim", "echec", "echou", "gescheit", "versagt", "mislukt", "falh", "misslyck", "mislykk", "frein",
    "ralent", "frena", "rallent", "verlangsam", "brems", "vertraag", "proven", "miracl", "wonder", "god",
    "system", "body", "korper", "corps", "organism", "cuerpo", "corpo", "lichaam",
    "miracol", "wundermit", "bendit", "benedett", "stuff", "spul",
)


def named_topic(text: str) -> tuple[str, str]:
    """(the topic a normalised query asks of a treatment it names, by words that
    ask nothing alone (see NAMED_TOPICS), the words that asked it), or ("", "")."""
    if not any(hint in text for hint in _NAMED_HINTS):
        return "", ""
    for name, pattern in _compiled(NAMED_TOPICS):
        m = pattern.search(text)
        if m:
            return name, m.group(0)
    return "", ""


def _kept(m: re.Match[str]) -> str:
    """What a topic pattern gives back of the words it read: the name inside "does X work"."""
    return f" {m.groupdict().get('keep') or ''} "


def _said(m: re.Match[str]) -> str:
    """The words that asked the topic, without a name they held ("does work")
    or a leading article ("a cure": "cure", as in "ocrevus cure")."""
    keep = m.groupdict().get("keep")
    words = (m.group(0).replace(keep, " ", 1) if keep else m.group(0)).split()
    if len(words) > 1 and words[0] in ("a", "an", "the"):
        words = words[1:]
    return " ".join(words)


def read_topic(text: str) -> tuple[str, str, str]:
    """(the field a question asks about, the words that said it, the text without
    every topic's words) for a normalised query; ("", "", text) if none."""
    if not any(hint in text for hint in _TOPIC_HINTS):
        return "", "", text
    topic = said = ""
    for name, pattern in _compiled(TOPICS):
        m = pattern.search(text)
        if m is None:
            continue
        if not topic:
            topic, said = name, _said(m)
        text = " ".join(pattern.sub(_kept, text).split())
    return topic, said, text
