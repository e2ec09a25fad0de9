"""Reading a query as people write it: intents, intervals, filler, doses, stems, sound-alikes."""

from __future__ import annotations

import pytest

from msrx.query import matches_interval, parse, read_interval, read_purpose
from msrx.search import sound
from msrx.wording import normalise, stem


def intents(text: str) -> set[tuple[str, str]]:
    return {(field, value) for field, value, _said in parse(text).intents}


@pytest.mark.parametrize(("text", "expected"), [
    ("pill for relapsing ms", {("route", "oral"), ("category", "dmt")}),
    ("oral ms medication", {("route", "oral"), ("category", "dmt")}),
    ("the ms pill", {("route", "oral"), ("category", "dmt")}),
    ("interferon injections", {("route", "injection")}),
    ("jab", {("route", "injection")}),
    ("self inject", {("route", "injection")}),
    ("iv drip", {("route", "infusion")}),
    ("into the muscle", {("route", "intramuscular")}),
    ("disease modifying", {("category", "dmt")}),
    ("steroids for a flare", {("category", "relapse")}),
    ("new ms drugs in trials", {("category", "dmt"), ("status", "investigational")}),
    ("any research studies for better medications", {("status", "investigational")}),
    # A needle route refused asks for a medicine taken by mouth.
    ("some kind of ms drug but none that involve needles", {("category", "dmt"), ("route", "oral")}),
    ("no more injections", {("route", "oral")}), ("don t want injections", {("route", "oral")}),
    ("pills instead of shots", {("route", "oral")}), ("needle free", {("route", "oral")}),
    ("non injectable ms drugs", {("route", "oral"), ("category", "dmt")}),
    ("pins and needles", set()), ("ms injections", {("route", "injection"), ("category", "dmt")}),
    # Forms of MS: the form asked, or a group of forms (model.MS_FORM_GROUPS).
    ("ppms", {("ms_form", "ppms")}), ("best treatment for primary progressive ms", {("ms_form", "ppms")}),
    ("primary progressive ms treatment", {("ms_form", "ppms"), ("category", "dmt")}),
    ("secondary progressive", {("ms_form", "spms")}), ("active spms", {("ms_form", "active-spms")}),
    ("non active secondary progressive", {("ms_form", "nrspms")}), ("cis", {("ms_form", "cis")}),
    ("treatment for progressive ms", {("ms_form", "progressive")}),
    ("progressive weakness", set()),  # "progressive" alone says how a symptom goes, not which MS
    ("rrms", {("category", "dmt")}),  # every relapsing-form drug, labelled or off-label
    # The same in other languages.
    ("kortison in tablettenform", {("route", "oral")}), ("otra pastilla", {("route", "oral")}),
    ("un traitement par voie orale", {("route", "oral")}), ("un traitement par perfusion", {("route", "infusion")}),
    ("tres inyecciones semanales", {("route", "injection")}), ("eine neue basistherapie", {("category", "dmt")}),
    ("traitement de fond", {("category", "dmt")}),
    # Stop 49: Portuguese, Scandinavian, Finnish, Polish and Czech.
    ("tratamento oral", {("route", "oral")}), ("behandling med tabletter", {("route", "oral")}),
    ("injeksjoner", {("route", "injection")}), ("wlewy", {("route", "infusion")}), ("infuze", {("route", "infusion")}),
    ("bromsmedicin", {("category", "dmt")}), ("tabletki na stwardnienie rozsiane", {("route", "oral")}),
    ("otra pastilla pero no pinchazos", {("route", "oral")}), ("sans aiguilles", {("route", "oral")}),
    # A way left for another: the other is asked for; a pill refused alone asks for no way.
    ("sustituir las tres inyecciones semanales por alguna pastilla", {("route", "oral")}),
    ("replace my injections with an infusion", {("route", "infusion")}),
    ("switch from injections to a pill", {("route", "oral")}),
    ("switch from pills to injections", {("route", "injection")}),
    ("instead of pills an infusion", {("route", "infusion")}), ("not a pill", set()),
    ("pain from injections", {("route", "injection")}),  # "from" leaves a way only after a verb of switching
    # Stop 51: plural "oral" and "to inject" in other languages.
    ("corticoides orales", {("route", "oral")}), ("des traitements oraux", {("route", "oral")}),
    ("farmaci orali", {("route", "oral")}), ("medicamentos orais", {("route", "oral")}),
    ("elke dag inspuiten", {("route", "injection"), ("interval", "1")}), ("m injecter", {("route", "injection")}),
    ("inyectarme", {("route", "injection")}), ("iniettare", {("route", "injection")}),
    ("jab a needle into myself", {("route", "injection")}), ("needles", {("route", "injection")}),
    # A way a person would rather not take: a needle hated asks for a pill.
    ("scared of needles", {("route", "oral")}), ("i hate injections", {("route", "oral")}),
    ("terrified of the infusion", {("route", "oral")}),
    # ... said right before the way, or with "of": otherwise the feeling is about something else.
    ("i hate that the infusion takes so long", {("route", "infusion")}),
    ("i m afraid the infusion made me sick", {("route", "infusion")}),
])
def test_intent_words_become_field_filters(text: str, expected: set[tuple[str, str]]) -> None:
    assert intents(text) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("otra pastilla pero no pinchazos o cualquier cosa que implique una aguja", ("implique", "aguja")),
    ("alguna pastilla", ()),
    ("jeg er i behandling med tysabri", ("tysabri",)),
    ("tabletki na stwardnienie rozsiane", ()),
    ("o medicamento mais comum", ("comum",)),
    ("y a t il un autre traitement par voie orale avant de passer a un traitement par perfusion", ("t", "passer")),
    ("ich habe es nach der spritze", ()),
])
def test_joining_words_and_the_illness_in_other_languages_are_filler(text: str, words: tuple[str, ...]) -> None:
    assert parse(text).words == words


def test_a_refused_route_shows_the_refusal_as_what_was_said() -> None:
    assert parse("some kind of ms drug but none that involve needles").intents[-1] == (
        "route", "oral", "none that involve needles")


def test_relapsing_means_a_dmt_but_relapse_means_treating_an_attack() -> None:
    assert intents("relapsing") == {("category", "dmt")}
    assert intents("relapse") == {("category", "relapse")}


@pytest.mark.parametrize("text", ["i m relapsing", "my nurse says i am relapsing", "she is relapsing again"])
def test_relapsing_after_a_form_of_be_is_an_attack_now(text: str) -> None:
    assert intents(text) == {("category", "relapse")}
    assert intents("i have relapsing ms") == {("category", "dmt")}
    assert intents("is relapsing ms curable") == {("category", "dmt")}  # the disease, not an attack


@pytest.mark.parametrize(("text", "days"), [
    ("every 6 months", 180), ("6 monthly infusion", 180), ("twice a year", 182), ("once a week", 7),
    ("weekly", 7), ("daily pill", 1), ("twice a day", 1), ("three times a week", 2), ("every other day", 2),
    ("monthly injection", 30), ("every 4 weeks", 28), ("once a year", 365), ("every two weeks", 14),
    ("pills two short treatment weeks a year", 365), ("5 days a month", 30),  # a course, once a year or month
    # "twice yearly" was read as "yearly" (365 days).
    ("twice yearly infusion", 182), ("twice yearly", 182), ("biannual infusion", 182), ("semi annual", 182),
    ("half yearly", 182), ("twice a month", 15), ("twice monthly injection", 15),
    # The same said in other languages.
    ("alle drei monate", 90), ("alle 6 monate", 180), ("tous les six mois", 180), ("tous les jours", 1),
    ("cada 4 semanas", 28), ("cada mes", 30), ("ogni sei mesi", 180), ("elke maand", 30),
    # A dose's rhythm said as a phrase (stop 53).
    ("jeden zweiten tag", 2), ("a giorni alterni", 2), ("un jour sur deux", 2), ("om de dag", 2), ("varannan dag", 2),
    ("dreimal pro woche", 2), ("trois fois par semaine", 2), ("tres veces por semana", 2), ("tre gange om ugen", 2),
    ("1x taglich", 1), ("una vez al dia", 1), ("dagelijks", 1), ("einmal pro woche", 7), ("semanal", 7),
    ("wekelijks", 7), ("ugentlig", 7), ("una vez al mes", 30), ("monatlich", 30), ("mensile", 30),
    ("zweimal im jahr", 182), ("deux fois par an", 182), ("tva ganger per ar", 182), ("jahrlich", 365),
    ("una volta all anno", 365), ("arlig", 365),
])
def test_how_often_words_become_an_interval(text: str, days: int) -> None:
    found, said, rest = read_interval(text)
    assert found == days and said and said not in rest
    assert ("interval", str(days)) in intents(text)


def test_every_in_another_language_needs_a_unit_of_time() -> None:
    assert read_interval("alle meine freunde") == (None, "", "alle meine freunde")
    # A plural adjective says no dose's rhythm ("three weekly injections"), nor "mes" inside "times".
    assert read_interval("tres inyecciones semanales")[0] is None
    assert read_interval("sometimes three times")[0] is None
    assert read_interval("cada dia es diferente")[0] == 1  # "cada dia": each day, said as such


@pytest.mark.parametrize("text", [
    "something to slow the progression", "slow down ms", "prevent relapses", "reduce the risk of relapse",
    "fewer relapses", "stop ms getting worse", "stop the disease from progressing", "lower relapse rate",
    "what about treating the disease itself", "choosing your long term medication",
    "changing to a different medication",  # switching medicines, in MS, is switching DMTs
])
def test_what_a_dmt_is_for_asks_for_a_dmt(text: str) -> None:
    said, rest = read_purpose(text)
    assert said and said not in rest
    assert intents(text) == {("category", "dmt")}
    assert not parse(text).words  # nothing left to match against symptoms ("reduced sensation")


@pytest.mark.parametrize("text", [
    "should i stay on what i am on or switch to a new one", "how do i know if i should switch or stick with it",
    "when to consider changing treatments", "change of medication", "changing my dmt",
])
def test_switching_medicines_asks_for_a_dmt_and_a_new_one_is_no_trial(text: str) -> None:
    said, rest = read_purpose(text)
    assert said.startswith(("switch", "chang")) and not {"switch", "changing", "change"} & set(rest.split())
    assert intents(text) == {("category", "dmt")}


@pytest.mark.parametrize("text", [
    "the day has come for me to choose what medicine to take for my multiple sclerosis",
    "which drug should i start for ms", "looking for the best treatment for my ms",
])
def test_a_medicine_for_ms_that_a_sentence_ends_on_asks_for_a_dmt(text: str) -> None:
    said, rest = read_purpose(text)
    assert said.endswith(("ms", "multiple sclerosis")) and said not in rest
    assert ("category", "dmt") in intents(text)


@pytest.mark.parametrize("text", [
    "medication for ms fatigue",  # the symptom, not the illness, is what it is for
    "i went for a walk",  # no medicine said
])
def test_a_medicine_for_something_said_after_ms_asks_for_no_dmt(text: str) -> None:
    assert read_purpose(text)[0] == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("how to stop a relapse", {("category", "relapse")}),  # treating an attack, not preventing one
    ("my brain slows down", set()), ("reduced sensation", set()), ("less pain", set()), ("lower back pain", set()),
    ("slow walking", set()),
    ("my brain switches off", set()), ("switching from tecfidera", set()),  # switching off; stopping one drug
    # The thing on a wall, not a change of medicine.
    ("it feels look i touched a light switch that is not grounded", set()),
    ("like someone flipped a switch in my legs", set()),
])
def test_words_of_aim_without_the_disease_ask_for_no_dmt(text: str, expected: set[tuple[str, str]]) -> None:
    assert read_purpose(text)[0] == ""
    assert intents(text) == expected


def test_an_interval_matches_within_about_a_fifth() -> None:
    assert matches_interval(182, 180) and matches_interval(168, 180) and matches_interval(28, 30)
    assert not matches_interval(7, 30) and not matches_interval(365, 182) and not matches_interval(2, 7)
    assert matches_interval(6, 7) and matches_interval(2, 2)
    assert not matches_interval(2, 1) and not matches_interval(1, 2)  # daily is not every other day


@pytest.mark.parametrize(("text", "words"), [
    ("tired all the time", ("tired",)),
    ("what helps with my bladder", ("bladder",)),
    ("ldn 4.5", ("ldn",)),  # normalised to "ldn 4 5": the dose is dropped
    ("baclofen 10mg", ("baclofen",)),
    ("best medication for ms fatigue", ("fatigue",)),
    ("could not get an erection", ("erection",)),
    ("trouble sleeping", ("sleeping",)),
    ("drugs that treat spasms", ("spasms",)),  # "treat" says nothing of what
    ("not quite enough sleep", ("sleep",)),  # "enough" named sleep ("not enough sleep") for a foot that lifts too slowly
    ("is sadness one of your ms symptoms", ("sadness",)),  # "MS symptoms" says nothing of which
    ("flu symptoms", ("flu", "symptoms")),  # said of anything else it stays
    # The same wrapping in other languages.
    ("problemas de equilibrio", ("equilibrio",)), ("troubles de la vessie", ("vessie",)),
    ("i want to die", ("want", "die")),  # the crisis message reads "die": it stays
    ("other oral treatments", ()), ("un autre traitement par voie orale", ()),
])
def test_filler_and_doses_are_dropped(text: str, words: tuple[str, ...]) -> None:
    from msrx.wording import normalise

    assert parse(normalise(text)).words == words


def test_a_query_of_filler_only_keeps_its_words() -> None:
    parsed = parse("the")
    assert parsed.only_filler and parsed.words == ("the",)


@pytest.mark.parametrize("family", [
    ("leak", "leaks", "leaking", "leaked"), ("spasm", "spasms"), ("drag", "dragging"), ("tingle", "tingling"),
    ("burn", "burning", "burned"), ("cramp", "cramps", "cramping"),
    # Irregular past forms: the suffix rules cannot reach them.
    ("forget", "forgetting", "forgot", "forgotten"), ("shake", "shaking", "shook", "shaken"), ("fall", "falls", "fell"),
    # Irregular plurals: "my teeth" meets "tooth pain", "my feet" meets "foot drop".
    ("tooth", "teeth"), ("foot", "feet"),
    # Short verbs: a silent e came off ("waking"), or nothing did ("eating").
    ("wake", "waking", "woke", "woken"), ("tire", "tired", "tiring", "tires"), ("dose", "dosing", "dosed"),
    ("eat", "eating"), ("pee", "peeing"), ("cry", "crying", "cries", "cried"),
])
def test_inflections_meet(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1


@pytest.mark.parametrize(("word", "other"), [("weary", "wearing"), ("tears", "tearing"), ("spine", "spinning"), ("spines", "spin")])
def test_lookalike_words_do_not_meet(word: str, other: str) -> None:
    assert stem(word) != stem(other)


@pytest.mark.parametrize(("typed", "meant"), [
    ("obagio", "aubagio"), ("copaxane", "copaxone"), ("tecfedera", "tecfidera"), ("tizanadine", "tizanidine"),
    ("gilenia", "gilenya"), ("baclophen", "baclofen"),
])
def test_sound_alikes_share_a_key(typed: str, meant: str) -> None:
    assert sound(typed) == sound(meant)


def test_different_drugs_do_not_sound_alike() -> None:
    assert sound("baclofen") != sound("tizanidine")
    assert sound("ocrevus") != sound("kesimpta")


@pytest.mark.parametrize(("text", "words"), [
    ("we're not sleepy, but we're spent", ("sleepy", "spent")),  # "re" of "we're" is no word
    ("i've been so dizzy", ("dizzy",)),
    ("please don't be a relapse", ()),  # "please" is politeness, not "pleasure"
])
def test_what_is_left_of_contractions_and_politeness_is_filler(text: str, words: tuple[str, ...]) -> None:
    from msrx.wording import normalise

    assert parse(normalise(text)).words == words


@pytest.mark.parametrize("text", ["should i take medication for ms", "how do you pick a treatment", "medication"])
def test_a_query_of_only_treatment_words_asks_for_disease_modifying_therapies(text: str) -> None:
    parsed = parse(text)
    assert intents(text) == {("category", "dmt")} and not parsed.only_filler


def test_filler_without_a_treatment_word_still_asks_for_nothing() -> None:
    parsed = parse("what helps")
    assert parsed.only_filler and not parsed.intents


@pytest.mark.parametrize("family", [("poop", "poo", "pooping"), ("loo", "toilet", "bathroom", "restroom"),
                                    ("pee", "peed", "pees", "peeing")])
def test_everyday_words_for_the_same_thing_meet(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1


def test_words_the_suffix_rules_would_fold_into_another_word_stay_whole() -> None:
    assert stem("ready") != stem("read") and stem("steady") == "steady"


@pytest.mark.parametrize(("text", "words"), [
    ("i think i might be having a relapse", ()), ("i believe i just may have been having an exacerbation", ()),
    ("i guess i am now having a relapse", ("now",)), ("i can t think straight", ("think", "straight")),
    ("thinking problems", ("thinking",)),
])
def test_a_hedge_after_a_pronoun_and_modal_verbs_are_not_content(text: str, words: tuple[str, ...]) -> None:
    assert parse(text).words == words


def test_a_letter_after_a_pronoun_or_a_negation_is_a_contraction_else_a_name() -> None:
    assert parse("we d love to sleep").words == ("love", "sleep")
    assert parse("i don t sleep").words == ("sleep",)
    assert parse("vitamin d").words == ("vitamin", "d")
    assert parse("car t cells").words == ("car", "t", "cells")


@pytest.mark.parametrize(("text", "topic", "words"), [
    ("can i get pregnant on ocrevus", "pregnancy", ("ocrevus",)),
    ("is it safe to get pregnant on copaxone", "pregnancy", ("copaxone",)),  # the most specific topic wins
    ("breastfeeding on kesimpta", "breastfeeding", ("kesimpta",)),
    ("flu jab on gilenya", "vaccines", ("gilenya",)),  # no injection: the jab is the vaccine
    ("blood tests for tysabri", "monitoring", ("tysabri",)),  # "blood" is no symptom word here
    ("jc virus test", "monitoring", ("jc", "virus")),
    ("what happens when you stop taking tysabri", "stopping", ("happens", "tysabri")),
    ("does tecfidera really work", "effectiveness", ("tecfidera",)),  # the name inside stays
    ("how long does ocrevus take to work", "effectiveness", ("ocrevus",)),
    # The name between "take" and "to work", or after "until": not how long an infusion takes.
    ("how long does it take for kesimpta to work", "effectiveness", ("kesimpta",)),
    ("how long until tysabri kicks in", "effectiveness", ("tysabri",)),
    ("how long before aubagio starts working", "effectiveness", ("aubagio",)),
    ("how long does the ocrevus infusion take", "administration", ("ocrevus",)),
    ("how long do ocrevus side effects last", "side_effects", ("ocrevus", "last")),  # not how long a dose takes
    ("how often are ocrevus infusions", "administration", ("ocrevus",)),
    ("ldn dose", "administration", ("ldn",)),
    ("ocrevus side effects", "side_effects", ("ocrevus",)),
    ("am I safe because of the Tysabri, which has PML risks?", "warnings", ("safe", "tysabri", "pml")),
    ("stopped tecfidera", "stopping", ("tecfidera",)), ("four days off ampyra", "stopping", ("ampyra",)),
    ("people keep asking if it is working", "effectiveness", ("people", "asking")),
    ("new copaxone regimen", "administration", ("copaxone",)),
    ("i plan on having children, do i have to come off my treatments", "pregnancy", ()),
    ("hsct what are the negative parts", "side_effects", ("hsct",)), ("downsides of ocrevus", "side_effects", ("ocrevus",)),
    ("can i safely stop my dmt tysabri", "stopping", ("safely", "tysabri")),
    ("steroid withdrawal symptoms", "stopping", ("steroid",)), ("tapering off prednisone", "stopping", ("prednisone",)),
    ("weaning off baclofen", "stopping", ("baclofen",)),
    ("stopped injecting copaxone", "stopping", ("injecting", "copaxone")),
    # The same questions on German, French, Spanish, Dutch pages.
    ("aubagio absetzen", "stopping", ("aubagio",)), ("ocrevus nebenwirkungen", "side_effects", ("ocrevus",)),
    ("tysabri grossesse", "pregnancy", ("tysabri",)), ("copaxone effets secondaires", "side_effects", ("copaxone",)),
    ("tecfidera efectos secundarios", "side_effects", ("tecfidera",)), ("kesimpta bijwerkingen", "side_effects", ("kesimpta",)),
    ("gilenya impfung", "vaccines", ("gilenya",)), ("mavenclad blutbild", "monitoring", ("mavenclad",)),
    ("cortison ausschleichen", "stopping", ("cortison",)),
    ("tecfidera blutuntersuchung", "monitoring", ("tecfidera",)), ("tysabri irm", "monitoring", ("tysabri",)),
    ("gilenya arret", "stopping", ("gilenya",)), ("ocrevus wie oft", "administration", ("ocrevus",)),
    ("tysabri tous les combien", "administration", ("tysabri",)), ("lemtrada gefahrlich", "warnings", ("lemtrada",)),
    ("hilft fampyra", "effectiveness", ("fampyra",)),
    # Portuguese, Scandinavian, Finnish, Polish and Czech (stop 49).
    ("tysabri gravidez", "pregnancy", ("tysabri",)), ("ocrevus efeitos secundarios", "side_effects", ("ocrevus",)),
    ("gilenya raskaus", "pregnancy", ("gilenya",)), ("tecfidera skutki uboczne", "side_effects", ("tecfidera",)),
    ("fampyra uten effekt", "effectiveness", ("fampyra", "uten")), ("ocrevus vaksine", "vaccines", ("ocrevus",)),
    ("aubagio odstawienie", "stopping", ("aubagio",)), ("lemtrada riziko", "warnings", ("lemtrada",)),
    ("mavenclad verikokeet", "monitoring", ("mavenclad",)), ("kesimpta dawkowanie", "administration", ("kesimpta",)),
    # Stopping, downsides and how it is given, in more words (stop 50).
    ("abandonei o copaxone", "stopping", ("copaxone",)), ("ho interrotto il tysabri", "stopping", ("tysabri",)),
    ("tysabri nachteile", "side_effects", ("tysabri",)), ("el inconveniente del cannabis", "side_effects", ("cannabis",)),
    ("de nadelen van ocrevus", "side_effects", ("ocrevus",)),
    ("de manier van toedienen van avonex", "administration", ("manier", "avonex")),
    ("ocrevus verabreichung", "administration", ("ocrevus",)),
    # French "en cure", "une cure de": a course of it, no cure (stop 54).
    ("a base de corticoides en cure", "administration", ("base", "corticoides")),
    ("une cure de solumedrol", "administration", ("solumedrol",)), ("ocrevus cure", "effectiveness", ("ocrevus",)),
    # The premedication of an infusion is how it is given.
    ("allergy medication before ocrevus", "administration", ("ocrevus",)),
    ("ocrelizumab antihistaminico", "administration", ("ocrelizumab",)),
    ("copaxone injection sites", "administration", ("copaxone",)),  # where it goes in
    ("where do i inject copaxone", "administration", ("copaxone",)),
    ("rotating injection sites for rebif", "administration", ("rebif",)),
    ("kesimpta mri", "monitoring", ("kesimpta",)), ("how often do i need scans on tysabri", "monitoring", ("tysabri",)),
    ("ocrevus premeds", "administration", ("ocrevus",)), ("take tecfidera with food", "administration", ("tecfidera",)),
    ("how is lemtrada given", "administration", ("lemtrada",)),
    ("how are ocrevus infusions done", "administration", ("ocrevus",)),  # "infusions" is a route word, an intent
    ("when should i take baclofen", "administration", ("baclofen",)),
    ("what time of day should i take tecfidera", "administration", ("tecfidera",)),
    ("best time to take gabapentin", "administration", ("gabapentin",)),
    # Tolerating it is about its side effects (stop 51).
    ("i couldn t tolerate tecfidera", "side_effects", ("tecfidera",)),
    ("intolerance to interferon", "side_effects", ("interferon",)),
    ("no se vosotros que tal tolerais los corticoides", "side_effects", ("vosotros", "tal", "corticoides")),
    ("non tollero l interferone", "side_effects", ("non", "l", "interferone")),
    ("ich vertrage copaxone nicht", "side_effects", ("copaxone",)),  # "nicht" is a joining word
    # How it went, said: it works for me, its benefits (stop 51).
    ("baclofen works for me", "effectiveness", ("baclofen",)), ("tysabri worked wonders", "effectiveness", ("tysabri",)),
    ("the benefits of ocrevus", "effectiveness", ("ocrevus",)), ("vorteile von kesimpta", "effectiveness", ("von", "kesimpta")),
    ("les effets benefiques du sativex", "effectiveness", ("effets", "sativex")),
    # No longer taking it, wanting a child (stop 52); the name before "nicht mehr" stays.
    ("seit 2014 nehme ich aubagio nicht mehr", "stopping", ("seit", "aubagio", "mehr")),
    ("ik neem tecfidera niet meer", "stopping", ("tecfidera", "meer")),
    ("je ne prends plus le tecfidera", "stopping", ("tecfidera",)),
    ("gilenya abzusetzen", "stopping", ("gilenya",)),
    ("azathioprin und kinderwunsch", "pregnancy", ("azathioprin",)),
])
def test_a_question_about_a_treatment_names_the_field_it_asks_about(text: str, topic: str, words: tuple[str, ...]) -> None:
    parsed = parse(normalise(text))
    assert (parsed.topic, parsed.words) == (topic, words)
    assert parsed.topic_said and set(parsed.topic_said.split()) <= set(normalise(text).split())


@pytest.mark.parametrize("text", [
    "my whole body was trembling and i couldn t stop it", "the bowel movement comes on without warning",
    "my foot doesn t rise quite quickly enough", "being tested", "reduce the risk of relapse", "a sense of danger",
    "urinary frequency", "tired all the time", "stop relapses", "nerve endings", "my legs stopped working",
    "taperdex", "withdrawing from life", "it takes time to take in", "how is life going",
    "copaxone injection site reactions", "injection site pain",  # what it does there: side effects, read by search
    "i haven t stopped feeling lousy", "she stopped talking to me",  # stopping a feeling or a deed, not a treatment
    "she works at a bank", "my brain works slower",  # working, not a treatment working
])
def test_words_that_only_look_like_a_topic_ask_none(text: str) -> None:
    assert parse(text).topic == ""


@pytest.mark.parametrize("word", ["myself", "yourself", "themselves", "more"])
def test_reflexive_pronouns_and_more_are_filler(word: str) -> None:
    # "found myself teetering" says nothing of depression's "feeling bad about myself".
    assert parse(f"i found {word} teetering").words == ("found", "teetering")


def test_every_topic_is_a_field_of_the_table_and_of_the_schema(schema: dict[str, object]) -> None:
    from msrx.fields import BY_NAME
    from msrx.topics import TOPICS

    names = [name for name, _words in TOPICS]
    assert all(name in BY_NAME for name in names)
    hit = schema["$defs"]["hit"]  # type: ignore[index]
    from msrx.topics import STANDS_IN

    assert all(name in BY_NAME for name in STANDS_IN.values())
    assert hit["properties"]["topic"]["oneOf"][1]["properties"]["field"]["enum"] == names + list(STANDS_IN.values())


@pytest.mark.parametrize(("text", "topic"), [
    ("iv steroids make me grumpy", "side_effects"),
    ("my dropping tecfidera", "stopping"),
    ("shall i continue using tysabri", "stopping"),
    ("keep taking ocrevus", "stopping"),
    ("first shot of plegridy", "administration"),
    ("first ocrevus infusion", "administration"), ("my first few weeks on tecfidera", "administration"),
    ("lemtrada round two", "administration"),
    ("kesimpta concerns", "warnings"),
    ("worried about tysabri", "warnings"),
    ("should i stop tysabri", "stopping"),
    ("pre ocrevus checklist", "monitoring"), ("before starting lemtrada", "monitoring"),
    ("does baclofen stop spasms", ""),
    ("first symptoms", ""),
    ("continue to walk", ""),
    ("improvement on naltrexone", "effectiveness"), ("tysabri failed me", "effectiveness"),
    ("kidney failure on gilenya", ""), ("tysabri with pre existing conditions", ""),
    ("rebif failure", "effectiveness"), ("heart failure on rebif", ""),
    ("tecfidera report card", "effectiveness"), ("ocrevus reviews", "effectiveness"),
    ("kesimpta experiences", "effectiveness"), ("experiencing a relapse on kesimpta", ""),
    ("safe to feed while taking tysabri", "breastfeeding"),
    ("does tecfidera cause hair loss", "side_effects"), ("ocrevus breakthrough relapse", "effectiveness"),
    ("interferons don t help msers", "effectiveness"), ("copaxone stopped helping", "effectiveness"),
    ("tysabri not working", "effectiveness"), ("ocrevus stopped working", "effectiveness"),
    ("tecfidera isn t working", "effectiveness"), ("copaxone success stories", "effectiveness"),
    ("does baclofen help", "effectiveness"), ("can baclofen help with spasms", "effectiveness"),
    ("will ldn really help my fatigue", "effectiveness"), ("help with walking", ""), ("ampyra helps me", ""),
    ("foot drop", ""),
    ("food", ""),
    ("how many mavenclad tablets", "administration"), ("mavenclad year 2", "administration"),
    ("mavenclad second year", "administration"), ("briumvi infusion time", "administration"),
    ("ponvory titration", "administration"), ("zeposia starter pack", "administration"),
    ("can i drink on baclofen", "warnings"), ("baclofen and alcohol", "warnings"),
    ("how many years", ""), ("time to go", ""),
    ("jaimie got fat thanks amitriptyline", "side_effects"), ("gained weight on gilenya", "side_effects"),
    ("iv steroids were brutal", "side_effects"), ("gilenya was hard on my body", "side_effects"),
    ("issues with rituxan", "side_effects"), ("i react badly to copaxone", "side_effects"),
    ("the only drug that ever worked", "effectiveness"),  # "works for me" is read everywhere since stop 51
    ("gabapentin didn t work", "effectiveness"), ("i work for the council", ""), ("a brutal winter", ""),
    ("worried about how ocrevus was going to affect the baby", "pregnancy"), ("tysabri newborn", "pregnancy"),
    ("ocrevus allergy", "side_effects"), ("me diese alergia el ocrelizumab", "side_effects"),
    ("3 tage je 1gr cortison", "administration"), ("2 grams of solu medrol", "administration"),
    ("die erste gabe von ocrevus", "administration"), ("ma premiere perfusion de tysabri", "administration"),
    ("a baby", "pregnancy"), ("my first love", ""),
    ("i am often very tired after ocrevus", "side_effects"), ("dizzy since starting gilenya", "side_effects"),
    ("un farmaco che riduce le ricadute del 52", "effectiveness"), ("it reduces relapses by a third", "effectiveness"),
    ("solu medrol is delivered through an iv", "administration"),
    ("a bolus of solu medrol", "administration"), ("3 jours de bolus de cortison", "administration"),
    ("five days of iv steroids", "administration"), ("too old for gilenya", "warnings"),
    ("lemtrada should reboot the immune system", "effectiveness"), ("hsct resets the immune system", "effectiveness"),
    ("lemtrada on a day case basis", "administration"), ("ocrevus as an outpatient", "administration"),
    ("a set of keys", ""),
    ("no relapses since starting tysabri", "effectiveness"), ("i haven t had any new lesions on ocrevus", "effectiveness"),
    ("relapse free for 3 years on copaxone", "effectiveness"), ("har ikke hatt noen atakker siden", "effectiveness"),
    ("keine schube mehr seit tecfidera", "effectiveness"), ("does gilenya cause relapses", "side_effects"),
    # Hair loss, no MS symptom, and a first day (stop 52).
    ("my hair loss saga with tecfidera", "side_effects"), ("trop de pertes de cheveux", "side_effects"),
    ("haarausfall unter aubagio", "side_effects"), ("losing my hair on aubagio", "side_effects"),
    ("mi primer dia con copaxone", "administration"), ("mein erster tag mit tecfidera", "administration"),
    ("a hairy dog", ""),
    # Pre-filled in other languages, and protection (stop 54).
    ("seringas pre cheias", "administration"), ("siringhe preriempite", "administration"),
    ("copaxone fertigspritze", "administration"), ("pre ocrevus", "monitoring"),
    ("hvilken beskyttelse yder medrol mod attakker", "effectiveness"),
    ("does ocrevus protect against progression", "effectiveness"), ("la protection du tysabri", "effectiveness"),
    ("la fallida prueba con el baclofeno intratecal", "effectiveness"), ("tysabri hat versagt", "effectiveness"),
    ("j espere qu il freinera les nouvelles poussees", "effectiveness"), ("rallenta la malattia", "effectiveness"),
    ("fampyra is a proven medication", "effectiveness"), ("bendito tysabri", "effectiveness"),
    ("het is gewoon geweldig spul", "effectiveness"), ("like a miracle drug", "effectiveness"),
    ("a good friend", ""), ("the stuff i have to do", ""),
    ("das aubagio bleibt ja bis zu zwei jahre im korper", "stopping"), ("aubagio stays in your system for years", "stopping"),
    ("getting gilenya out of my system", "stopping"), ("my immune system", ""),
    ("a hairy dog", ""),
])
def test_words_that_ask_a_topic_only_with_a_name(text: str, topic: str) -> None:
    from msrx.topics import named_topic

    assert named_topic(text)[0] == topic
    assert parse(text).topic == ""  # alone they ask nothing: read only once a name is found


@pytest.mark.parametrize("text", ["heart attack", "had an asthma attack", "gout attacks"])
def test_an_attack_of_something_else_is_no_relapse(text: str) -> None:
    q = parse(text)
    assert ("category", "relapse") not in [(f, v) for f, v, _said in q.intents]
    assert not {"attack", "attacks"} & set(q.words)
    assert ("category", "relapse") in [(f, v) for f, v, _said in parse("ms attack").intents]


@pytest.mark.parametrize(("text", "investigational"), [
    ("new year, new relapse", False),
    ("new symptoms", False),
    ("new lesions", False),
    ("new ms drugs", True),
    ("newest treatments", True),
])
def test_new_asks_for_trials_only_when_not_said_of_the_illness(text: str, investigational: bool) -> None:
    intents = [(f, v) for f, v, _said in parse(normalise(text)).intents]
    assert (("status", "investigational") in intents) is investigational
