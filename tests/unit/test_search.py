"""The matcher, without the CLI: ranking, typo tolerance, short queries, resolution."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msrx.loader import load
from msrx.model import Dataset
from msrx.notes import notes_due, symptoms_asked
from msrx.resolve import resolve, suggest
from msrx.search import SearchIndex, normalise, search, stem
from msrx.topics import STANDS_IN


@pytest.fixture
def small(mini: Path) -> tuple[Dataset, SearchIndex]:
    ds = load(mini)
    return ds, SearchIndex.build(ds)


def names(ds_index: tuple[Dataset, SearchIndex], query: str, **kw: object) -> list[str]:
    ds, index = ds_index
    return [h.treatment.id for h in search(ds, index, query, **kw)]  # type: ignore[arg-type]


def test_normalise_folds_case_accents_and_punctuation() -> None:
    assert normalise("  Interferon β-1a ") == "interferon beta 1a"
    assert normalise("Fampyra®") == "fampyra"
    assert normalise("Ocrévus") == "ocrevus"
    assert normalise("!!!") == ""


def test_normalise_spells_out_letters_that_carry_no_accent() -> None:
    # NFKD leaves these whole; they used to split a word in two ("tr thed").
    assert normalise("Træthed") == "traethed"
    assert normalise("søvnproblemer") == "sovnproblemer"
    assert normalise("cœur") == "coeur"
    assert normalise("Straße") == "strasse"


def test_stem_folds_inflections_to_one_form() -> None:
    for family in (("leak", "leaks", "leaking", "leaked"), ("benzodiazepine", "benzodiazepines"),
                   ("therapy", "therapies"), ("shake", "shakes", "shaking"), ("drag", "dragging"),
                   ("spasm", "spasms"), ("fatigue", "fatigued"), ("blur", "blurry", "blurred"),
                   ("shaky", "shaking"), ("dribbly", "dribble", "dribbles"), ("foggy", "fog"), ("sleepy", "sleep"),
                   ("itchy", "itching", "itch"), ("worry", "worries", "worried")):
        assert len({stem(w) for w in family}) == 1, family
    # Left alone: double s, Latin endings, short words and abbreviations.
    for word in ("stiffness", "sclerosis", "ocrevus", "ms", "ldn", "bg12"):
        assert stem(word) == word


def test_exact_brand_scores_100_and_reports_the_field(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    [hit] = search(ds, index, "alphix")
    assert (hit.treatment.id, hit.score, hit.field, hit.value) == ("alphamab", 100.0, "brand", "Alphix")


def test_typo_of_a_name_is_found_below_100(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    hits = search(ds, index, "gamazine")
    assert hits[0].treatment.id == "gammazine"
    assert 80 <= hits[0].score < 100


def test_short_queries_match_exactly_or_not_at_all(small: tuple[Dataset, SearchIndex]) -> None:
    assert names(small, "ALM") == ["alphamab"]
    assert names(small, "ALN") == []  # one edit from ALM, but short: no fuzzy
    assert names(small, "BTX") == []


def test_symptom_word_returns_every_treatment_for_it_approved_first(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    hits = search(ds, index, "tired")
    assert [h.treatment.id for h in hits] == ["gammazine", "betadine"]
    assert {(h.field, h.value, h.symptom) for h in hits} == {("symptom", "tired", "fatigue")}


def test_class_words_return_the_class(small: tuple[Dataset, SearchIndex]) -> None:
    assert names(small, "anti-CD20") == ["alphamab"]
    assert names(small, "monoclonal antibodies") == ["alphamab"]


def test_filters_apply_before_the_limit(small: tuple[Dataset, SearchIndex]) -> None:
    assert names(small, "fatigue", status="off-label") == ["betadine"]
    assert names(small, "fatigue", category="dmt") == []
    assert names(small, "fatigue", limit=1) == ["gammazine"]


def test_free_text_is_a_weak_last_signal(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    [hit] = search(ds, index, "insomnia")
    assert (hit.treatment.id, hit.field) == ("betadine", "side_effects")
    assert hit.score < 50


def test_every_use_text_match_is_offered_when_nothing_else_matched(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "bedtime", limit=None)
    with_word = [t.id for t in ds.treatments if "bedtime" in t.use.casefold()]
    assert len(with_word) >= 2
    assert {h.treatment.id for h in hits if h.field == "use"} == set(with_word)


def test_nonsense_and_empty_queries_find_nothing(small: tuple[Dataset, SearchIndex]) -> None:
    assert names(small, "xyzzyqq") == []
    assert names(small, "   ") == []
    assert names(small, "🙂") == []


def test_resolve_exact_typo_and_ambiguous(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    exact = resolve(ds, index, "Alphamab")
    assert exact.treatment is not None and exact.exact
    typo = resolve(ds, index, "alphamob")
    assert typo.treatment is not None and typo.treatment.id == "alphamab" and not typo.exact
    symptom = resolve(ds, index, "fatigue")  # two treatments: no single answer
    assert symptom.treatment is None
    assert {h.treatment.id for h in symptom.candidates} == {"betadine", "gammazine"}


def test_suggest_offers_near_names_for_a_miss(small: tuple[Dataset, SearchIndex]) -> None:
    ds, index = small
    assert [h.treatment.id for h in suggest(ds, index, "alphamabb")][:1] == ["alphamab"]
    assert suggest(ds, index, "qqqqqqqq") == []
    # Close as a whole is not enough: each word typed must look like a word of
    # the suggestion ("betta" is no word of Alphamab).
    assert suggest(ds, index, "alphamax betta") == []


@pytest.mark.parametrize("query", ["malic acid", "gamma knife", "vitamin k", "aluminum hydroxide"])
def test_no_unrelated_drug_is_suggested_for_a_few_words_close_only_as_a_whole(
        bundled: tuple[Dataset, SearchIndex], query: str) -> None:
    # Lipoic acid, Gammaked, vitamin D, magnesium hydroxide were offered before.
    ds, index = bundled
    assert search(ds, index, query) == [] and suggest(ds, index, query) == []


# -- the bundled dataset: the examples from the issues ----------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("ocrevus", "ocrelizumab"),
        ("tecfadera", "dimethyl-fumarate"),
        ("ocrelizumub", "ocrelizumab"),
        ("gilenia", "fingolimod"),
        ("dalfampridin", "dalfampridine"),
        ("LDN", "low-dose-naltrexone"),
        ("low dose naltrexone", "low-dose-naltrexone"),
        ("naltrexone", "low-dose-naltrexone"),
        ("alpha lipoic acid", "lipoic-acid"),
        ("DMF", "dimethyl-fumarate"),
        ("MSC", "mesenchymal-stem-cells"),
        ("Fampyra", "dalfampridine"),
        # Names written without their hyphen or space, and codes with one added.
        ("solumedrol", "methylprednisolone-iv"),
        ("soumedrol", "methylprednisolone-iv"),
        ("bg12", "dimethyl-fumarate"),
        ("fty 720", "fingolimod"),
        ("campath1h", "alemtuzumab"),
        # A name written as one word, as German writes it, and a typo of that.
        ("dimethylfumarate", "dimethyl-fumarate"),
        ("Dimethylfumarat", "dimethyl-fumarate"),
        ("Diroximelfumarat", "diroximel-fumarate"),
        ("glatiramerazetat", "glatiramer-acetate"),
        # A treatment named whole in a sentence is what it is about: it comes
        # before the drugs for a symptom the sentence also mentions.
        ("since Ocrevus my legs are weak and I keep tripping", "ocrelizumab"),
        ("I skipped my Tecfidera to get a good night sleep", "dimethyl-fumarate"),
        ("my baclofen dose went up and I still cannot sleep at night", "baclofen"),
        # Steroids as German, French and Spanish pages say them, and a typo of that.
        ("Kortison", "methylprednisolone-iv"), ("Kortision", "methylprednisolone-iv"),
        ("bolos de corticoides", "methylprednisolone-iv"), ("corticoïdes", "methylprednisolone-iv"),
        # The fumarates are fumaric acid esters; German says "Fumarsäure(ester)".
        ("Fumarsäure", "dimethyl-fumarate"), ("fumaric acid esters", "dimethyl-fumarate"),
        # "spine" is no "spinning" (dizziness); "myself" no "feeling bad about myself".
        ("my spine feels like a metal rod", "amitriptyline"),
        ("I caught myself swaying as I walked to the shop", "dalfampridine"),
        # A name and its abbreviation written together, both with their number.
        ("4-Aminopyridine (4-AP)", "dalfampridine"),
        ("BG-12 (dimethyl fumarate)", "dimethyl-fumarate"),
        ("difficulty falling asleep", "melatonin"),  # the sleep words, not "falls" (walking)
        # Delivery devices, written as people type them.
        ("betaconnect", "interferon-beta-1b"),
        ("sensoready pen", "ofatumumab"),
        ("whisper ject", "glatiramer-acetate"),
        ("rebismart", "interferon-beta-1a"),
        ("rebi smart", "interferon-beta-1a"),
        # A UK brand recorded as an alias.
        ("detrusitol", "tolterodine"),
        # Spanish and German brands (AEMPS's ficha técnica, the German MS Society).
        ("Tryptizol", "amitriptyline"),
        ("Imurek", "azathioprine"),
    ],
)
def test_bundled_first_result(bundled: tuple[Dataset, SearchIndex], query: str, first: str) -> None:
    assert names(bundled, query)[:1] == [first]


@pytest.mark.parametrize(
    ("query", "members"),
    [
        ("BTK inhibitor", {"tolebrutinib", "fenebrutinib", "remibrutinib", "evobrutinib"}),
        ("interferon", {"interferon-beta-1a", "interferon-beta-1b", "peginterferon-beta-1a"}),
        ("fumarate", {"dimethyl-fumarate", "diroximel-fumarate", "monomethyl-fumarate"}),
        ("S1P receptor modulator", {"fingolimod", "siponimod", "ozanimod", "ponesimod"}),
        ("anti-CD20", {"ocrelizumab", "ofatumumab", "ublituximab", "rituximab"}),
        ("muscle stiffness", {"baclofen", "tizanidine"}),
        ("flare", {"methylprednisolone-iv"}),
        # The first injectables, by their old acronyms.
        ("CRAB drugs", {"interferon-beta-1a", "interferon-beta-1b", "glatiramer-acetate"}),
        ("ABC drugs", {"interferon-beta-1a", "interferon-beta-1b", "glatiramer-acetate"}),
        ("ABCR", {"interferon-beta-1a", "interferon-beta-1b", "glatiramer-acetate"}),
    ],
)
def test_bundled_class_and_symptom_words(bundled: tuple[Dataset, SearchIndex], query: str, members: set[str]) -> None:
    assert members <= set(names(bundled, query))


def test_bundled_symptom_results_put_approved_before_off_label(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "spasticity", limit=None)
    order = ["approved", "off-label", "investigational", "discontinued", "withdrawn"]
    ranks = [order.index(h.treatment.status) for h in hits if h.field == "symptom"]
    assert ranks == sorted(ranks) and ranks


def test_investigational_results_rank_the_furthest_trial_phase_first(write_dataset: Callable[..., Path]) -> None:
    # Equal scores used to fall back on the name: "new ms drugs" read alphabetically.
    from tests.conftest import MINI

    text = MINI.replace('status = "approved"\ncategory = "symptom"', 'status = "investigational"\ncategory = "symptom"')
    text = text.replace('status = "off-label"', 'status = "investigational"')
    ds = load(write_dataset(text.replace('sources = ["label-alpha", "review-beta"]',
                                         'trial_phase = "phase 3"\nsources = ["label-alpha", "review-beta"]')))
    assert names((ds, SearchIndex.build(ds)), "new ms drugs") == ["gammazine", "betadine"]
    ds = load(write_dataset(text))
    assert names((ds, SearchIndex.build(ds)), "new ms drugs") == ["betadine", "gammazine"]


def test_a_symptoms_first_choice_ranks_first_among_equals(write_dataset: Callable[..., Path]) -> None:
    from tests.conftest import MINI

    both_approved = MINI.replace('status = "off-label"', 'status = "approved"')
    ds = load(write_dataset(both_approved))
    # Without a first choice: betadine is mainly for fatigue, gammazine mainly for spasticity.
    assert names((ds, SearchIndex.build(ds)), "tired") == ["betadine", "gammazine"]
    chosen = both_approved.replace('words = ["tired", "exhausted"]',
                                   'words = ["tired", "exhausted"]\nfirst_choice = ["gammazine"]\nfirst_choice_sources = ["review-beta"]')
    ds = load(write_dataset(chosen))
    index = SearchIndex.build(ds)
    assert names((ds, index), "tired") == ["gammazine", "betadine"]
    assert names((ds, index), "stiffness") == ["gammazine"]  # first choice for fatigue only


def test_relapse_lists_its_usual_first_choices_first(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    first = ["methylprednisolone-iv", "methylprednisolone-oral", "prednisone-high-dose"]
    assert names(bundled, "relapse")[:3] == first  # not corticotropin, first by the alphabet
    assert names(bundled, "steroids")[:3] == first  # found by class: their relapse order
    assert names(bundled, "oral steroids")[0] == "methylprednisolone-oral"
    # Asked a topic, a steroid whose record says something of it comes first.
    hit = search(ds, index, "steroids and steroid withdrawal")[0]
    assert hit.treatment.stopping is not None and hit.topic == "stopping"


def test_bundled_pipeline_lists_phase_3_before_phase_2(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    phases = [h.treatment.trial_phase for h in search(ds, index, "new ms drugs", limit=None)]
    assert phases[0] == "phase 3" and "phase 2" in phases
    assert phases.index("phase 2") > max(i for i, p in enumerate(phases) if p == "phase 3")


def test_a_word_split_in_two_meets_its_run_together_form(write_dataset: Callable[..., Path]) -> None:
    ds, index = with_vocabulary(write_dataset, fatigue='words = ["tired", "pulled the airstopper out"]',
                                spasticity='words = ["stiffness", "clinical spasms"]')
    for query in ("air stopper", "someone pulled out the air-stopper"):
        assert [h.symptom for h in search(ds, index, query)][:1] == ["fatigue"], query
    assert [h.value for h in search(ds, index, "clinicalspasms")][:1] == ["clinical spasms"]
    # A run-together symptom word is typed whole, never a spelling to fix a
    # word to: "clinic" is not the start of "clinicalspasms".
    assert search(ds, index, "hospital clinic") == [] and search(ds, index, "air") == []


def test_index_round_trips_through_its_data(bundled: tuple[Dataset, SearchIndex]) -> None:
    import marshal

    ds, index = bundled
    copy = SearchIndex(marshal.loads(marshal.dumps({**index.to_data(), **index.extra_data()})))
    for query in ("ocrevus", "tired", "BTK inhibitor", "gilenia", "headache"):
        assert [h.treatment.id for h in search(ds, copy, query)] == names(bundled, query)


FATIGUE_WORDS = 'words = ["tired", "exhausted"]'
SPASTICITY_WORDS = 'words = ["stiffness", "spasms"]'


def with_vocabulary(write_dataset: Callable[..., Path], fatigue: str = FATIGUE_WORDS,
                    spasticity: str = SPASTICITY_WORDS) -> tuple[Dataset, SearchIndex]:
    """The mini dataset with its two symptoms' `words` lines replaced (more words, phrases)."""
    from tests.conftest import MINI

    ds = load(write_dataset(MINI.replace(FATIGUE_WORDS, fatigue).replace(SPASTICITY_WORDS, spasticity)))
    return ds, SearchIndex.build(ds)


def test_half_a_phrase_needs_a_word_that_belongs_to_one_symptom(write_dataset: Callable[..., Path]) -> None:
    # "muscles" is in a fatigue phrase and a spasticity phrase: alone it names
    # neither. "stiff" belongs to spasticity only, so it names half of
    # "stiff muscles".
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "heavy muscles"]',
                                'words = ["stiffness", "spasms", "stiff muscles", "stiff joints"]')
    assert search(ds, index, "muscles like jelly") == []
    hits = search(ds, index, "stiff painful muscles")
    assert hits and all(h.symptom == "spasticity" for h in hits)
    assert search(ds, index, "muscles are stiff")[0].symptom == "spasticity"


def test_two_words_of_one_phrase_name_it_though_each_is_shared(write_dataset: Callable[..., Path]) -> None:
    # "foot" and "floor" are each in a fatigue phrase too, so neither alone
    # names a symptom; together they are two thirds of a spasticity phrase.
    ds, index = with_vocabulary(write_dataset, fatigue='words = ["tired", "heavy foot", "cold floor"]',
                                spasticity='words = ["stiffness", "foot catches on the floor"]')
    hits = search(ds, index, "like someone velcroed my foot to the floor")
    assert [h.symptom for h in hits][:1] == ["spasticity"]
    assert search(ds, index, "like someone velcroed my foot") == []


def test_a_patients_phrase_finds_the_symptoms_treatments(write_dataset: Callable[..., Path]) -> None:
    ds, index = with_vocabulary(write_dataset, spasticity=SPASTICITY_WORDS + '\n'
                                'phrases = [{ text = "legs like planks", page = "https://example.org/1" }]')
    hits = search(ds, index, "my legs feel like planks")
    assert hits and hits[0].symptom == "spasticity" and hits[0].value == "legs like planks"


def test_a_phrase_is_matched_whole_never_by_one_everyday_word_or_a_typo(write_dataset: Callable[..., Path]) -> None:
    ds, index = with_vocabulary(write_dataset, FATIGUE_WORDS + '\n'
                                'phrases = [{ text = "a bad patch of shuddering", page = "https://example.org/2" }]')
    assert search(ds, index, "patch") == []  # one everyday word of the phrase
    assert search(ds, index, "shudering patch") == []  # a typo is never corrected into a phrase's word
    assert search(ds, index, "patch of shuddering")[0].symptom == "fatigue"  # two of its words, nothing else
    assert search(ds, index, "what a bad patch of shuddering")[0].symptom == "fatigue"


def test_three_letters_are_brand_shorthand_only_when_they_name_one_brand(bundled: tuple[Dataset, SearchIndex]) -> None:
    # Forums write "tec", "tys", "cop" for Tecfidera, Tysabri, Copaxone.
    assert names(bundled, "tec")[:1] == ["dimethyl-fumarate"]
    assert names(bundled, "tys")[:1] == ["natalizumab"]
    assert names(bundled, "cop")[:1] == ["glatiramer-acetate"]
    assert search(*bundled, "tys")[0].score < 70  # a guess, below any real match
    assert names(bundled, "bet") == []  # Betaseron and Betmiga: two treatments
    assert names(bundled, "arm") == []  # starts armodafinil, a generic name: a word, not shorthand


def test_a_short_word_names_half_a_phrase_only_when_two_phrases_of_one_symptom_hold_it(
        write_dataset: Callable[..., Path]) -> None:
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "dim vision", "dim spot", "up all night"]',
                                'words = ["stiffness", "spasms", "jumps up"]')
    assert search(ds, index, "the world has dimmed")[0].symptom == "fatigue"  # "dim": fatigue's, twice
    assert search(ds, index, "things up high") == []  # "up": in both symptoms' phrases


def test_up_or_down_alone_names_no_key_it_is_half_of(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "can't get it up" answered with relapse steroids ("flare up"), "can't keep
    # food down" with antidepressants ("feeling down", whose "feeling" is filler).
    assert search(*bundled, "cant get it up") == []
    assert search(*bundled, "can't keep food down") == []
    # Said with the rest of the key, in any order, the key still answers.
    for query, symptom in (("flare up", "relapse"), ("i feel so down", "depression"), ("feeling down", "depression")):
        assert search(*bundled, query)[0].symptom == symptom, query


def test_an_irregular_plural_meets_its_singular_in_a_phrase(write_dataset: Callable[..., Path]) -> None:
    ds, index = with_vocabulary(write_dataset, spasticity='words = ["stiffness", "spasms", "tooth clenching"]')
    hits = search(ds, index, "clenching my teeth at night")
    assert hits and hits[0].symptom == "spasticity" and hits[0].value == "tooth clenching"


def test_a_whole_phrase_typo_needs_every_word_to_look_like_the_phrases(write_dataset: Callable[..., Path]) -> None:
    # "jelly legs" is as close to "jerky legs" as "jerky leggs" is, letter for
    # letter, but "jelly" is another word, not a slip of "jerky".
    ds, index = with_vocabulary(write_dataset, spasticity='words = ["stiffness", "spasms", "jerky legs"]')
    assert search(ds, index, "jelly legs") == []
    assert search(ds, index, "jerky leggs")[0].symptom == "spasticity"


@pytest.mark.parametrize(("query", "first"), [
    ("Przez 3 dni podawano mi sterydy", "methylprednisolone-iv"),  # the 5th unknown word
    ("Pudimos hablar de la fallida prueba con el baclofeno intratecal", "baclofen-intrathecal"),  # the 5th and 6th
])
def test_a_name_late_in_a_long_sentence_is_still_read(bundled: tuple[Dataset, SearchIndex], query: str, first: str) -> None:
    ds, index = bundled
    assert [h.treatment.id for h in search(ds, index, query)][:1] == [first]


def test_only_long_words_late_in_a_sentence_are_read_as_names(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "étais" (was) is close to the brand Betanis; a short everyday word late in a sentence is not tried.
    ds, index = bundled
    query = "j’ai eu de plus en plus de mal à me concentrer sur ce que j’étais en train de faire"
    assert not any(h.value == "Betanis" for h in search(ds, index, query))


@pytest.mark.parametrize(("query", "topic"), [
    # When, who and how a harm was reported are no harm: "courses" and "months" are in
    # cladribine's warnings, but here they say how it is given.
    ("Mavenclad (cladribine) - a pill which is taken. in two treatment courses, twelve months apart", "administration"),
    # A treatment's own name in a warning ("... with interferon beta products") is no harm.
    ("iniziai una classica terapia con interferone (Avonex), ma dopo un annetto", None),
    ("Tysabri PML", "warnings"), ("Gilenya macular edema", "warnings"),  # what the warnings are about still asks
])
def test_only_a_harm_named_beside_a_name_asks_about_its_warnings(bundled: tuple[Dataset, SearchIndex], query: str,
                                                                   topic: str | None) -> None:
    ds, index = bundled
    assert search(ds, index, query)[0].topic == topic


@pytest.mark.parametrize(("query", "topic"), [
    # A symptom said in another language that a side effect of the named drug also says.
    ("Betaferon verstärkte bei ihr auch krankheitsbedingte Depressionen", "side_effects"),
    ("Betaferon Depressionen", "side_effects"),
    # "low" is English: read from the word itself, and "low-level" is no low mood of mitoxantrone's.
    ("The first time I asked about Novantrone, a low-level chemotherapy drug", None),
    # What the drug is for is no harm of it, in any language.
    ("Fampyra und mein Gehen", None),
])
def test_a_side_effect_said_in_another_language_beside_a_name_asks_about_side_effects(
        bundled: tuple[Dataset, SearchIndex], query: str, topic: str | None) -> None:
    ds, index = bundled
    assert search(ds, index, query)[0].topic == topic


def test_another_languages_form_of_a_harm_shares_its_start(bundled: tuple[Dataset, SearchIndex]) -> None:
    from msrx.asked import _harm_named

    ds, index = bundled
    dmf = next(t for t in ds.treatments if t.id == "dimethyl-fumarate")
    fingolimod = next(t for t in ds.treatments if t.id == "fingolimod")
    assert _harm_named(dmf, ["lymphozyten"], index) == "side_effects"  # "low lymphocyte count"
    assert _harm_named(fingolimod, ["maculaodem"], index) == "warnings"  # "macular edema"
    assert _harm_named(dmf, ["lympho"], index) is None  # six letters: too short to be read as a form


@pytest.mark.parametrize(("word", "read_as"), [
    ("krampfen", ["krampfartigen"]), ("stolpernd", ["stolpern"]),  # German forms of spasticity and walking words
    ("walking", []),  # an English word
    ("muskelx", []),  # "muskel" starts words of more than one symptom
    ("douleurs", []),  # a word msrx holds already: read as itself, not here
])
def test_another_form_of_a_symptom_word_in_another_language(bundled: tuple[Dataset, SearchIndex], word: str,
                                                            read_as: list[str]) -> None:
    from msrx.keys_said import _foreign_form

    _ds, index = bundled
    assert _foreign_form(index, word)[0] == read_as


@pytest.mark.parametrize(("word", "read_as"), [
    ("muskelkrampfe", ["krampfartigen"]),  # Muskel + Krämpfe: a spasticity word's form, ending a compound
    ("nachtkrampfen", ["krampfartigen"]),
    ("muskelkrampf", []),  # its end of five letters is too short to read as a form
    ("muskelschmerzen", []),  # "Schmerzen" is a word of more than one symptom: pain, but which
    ("bodywalking", []),  # an English end is no other language's symptom word
])
def test_a_symptom_word_of_another_language_ending_a_compound(bundled: tuple[Dataset, SearchIndex], word: str,
                                                             read_as: list[str]) -> None:
    from msrx.keys_said import _compound_tail

    _ds, index = bundled
    assert _compound_tail(index, word)[0] == read_as


def test_the_words_a_sorted_table_holds_that_start_alike_are_read_once_each() -> None:
    from msrx.index import StringTable, starting_with

    table = StringTable(*StringTable.pack(["krampf", "krampfartig", "krampfartig", "krampfe", "kranz", "lauf"]))
    assert starting_with(table, "krampf") == ["krampf", "krampfartig", "krampfe"]
    assert starting_with(table, "krampf", most=2) == ["krampf", "krampfartig"]
    assert starting_with(table, "zzz") == []


def test_lists_of_ints_packed_for_the_cache_read_back_as_they_were() -> None:
    import marshal

    from msrx.index import IntLists

    lists = [[3, 1, 4], [], [1, 5], [9]]
    table = IntLists(*marshal.loads(marshal.dumps(IntLists.pack(lists))))
    assert [list(table[g]) for g in range(len(table))] == lists
    assert list(table[-1]) == [9] and not table[1]
    assert IntLists(*table.to_data()).to_data() == IntLists.pack(lists)
    items, ends = IntLists.pack(lists)
    assert list(IntLists(memoryview(items), memoryview(ends))[2]) == [1, 5]  # a view is read as its bytes


def test_a_harm_said_whole_only_counts_when_another_symptom_than_the_drugs_own(bundled: tuple[Dataset, SearchIndex]) -> None:
    from msrx.asked import _harm_named

    ds, index = bundled
    ifn = next(t for t in ds.treatments if t.id == "interferon-beta-1b")
    bupropion = next(t for t in ds.treatments if t.id == "bupropion")
    assert _harm_named(ifn, ["verstarkt"], index) is None
    assert _harm_named(ifn, ["verstarkt"], index, frozenset({"depression"})) == "side_effects"
    assert "depression" in bupropion.symptoms
    assert _harm_named(bupropion, ["verstarkt"], index, frozenset({"depression"})) is None


@pytest.mark.parametrize(("word", "head"), [
    ("tecfideratherapie", "tecfidera"), ("copaxonespritzen", "copaxon"), ("kortisonbehandlung", "kortison"),
    ("plasmaferes", "plasma"),
    ("elevadores", None), ("immunzellen", None),  # "Eleva" and "immun" are too short a start
    ("understanding", None), ("tecfidera", None),  # an English word; a name with nothing after it
])
def test_a_compound_is_read_by_the_name_it_starts_with(bundled: tuple[Dataset, SearchIndex], word: str,
                                                      head: str | None) -> None:
    from msrx.keys_said import _compound_head

    _ds, index = bundled
    assert _compound_head(index, word) == head


def test_a_letter_typed_twice_is_read_once(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "slur" (of "slurred", "slurring") is too short for the spelling vocabulary.
    assert index.spellings("slurr") == (["slur"], 0.9)
    assert symptoms_asked(index, "I slurr my words")[0] == "speech-swallowing"
    assert search(ds, index, "tirred")[0].symptom == "fatigue"
    # A real word is no typo: "butter" is not "buter", nor anything else.
    assert search(ds, index, "butter") == []


def test_a_name_with_its_letters_moved_about_and_one_dropped_is_found(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "sipnomid": three edits from siponimod, too far for the spelling ratio;
    # the same letters but one, in another order.
    assert index.spellings("sipnomid") == (["siponimod"], 0.84)
    assert search(ds, index, "Sipnomid")[0].treatment.id == "siponimod"
    # Only names that long: a short word with a letter more is another word.
    assert index.spellings("rolls") == ([], 0.0)


def test_a_guessed_spelling_names_a_symptom_word_only_whole(write_dataset: Callable[..., Path]) -> None:
    # "Activia" (a yogurt) sounds like "activity": it named depression through
    # "avoiding social activities". A typo of a whole word still answers.
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "avoiding social activities"]')
    assert search(ds, index, "activia") == []
    assert search(ds, index, "avoiding social activites")[0].symptom == "fatigue"  # the phrase, one word misspelt
    assert search(ds, index, "exausted")[0].symptom == "fatigue"


def test_a_word_of_degree_alone_names_no_half_of_a_symptom_word(write_dataset: Callable[..., Path]) -> None:
    # "Has MS robbed you of an intimate relationship with your significant
    # other?" answered with relapse steroids through "significant worsening".
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "significant worsening"]')
    assert search(ds, index, "my significant other") == []
    assert search(ds, index, "significant") == []
    assert search(ds, index, "worsening")[0].symptom == "fatigue"  # the word that says what still names it
    assert search(ds, index, "significant worsening")[0].symptom == "fatigue"


def test_a_two_letter_word_alone_does_not_name_a_longer_sentence(write_dataset: Callable[..., Path]) -> None:
    # "up" is in two spasticity phrases, so it may name half of one; but in a
    # sentence of three or more words it alone says too little.
    ds, index = with_vocabulary(write_dataset, spasticity='words = ["stiffness", "spasms", "curl up", "toes curled up"]')
    assert search(ds, index, "my toes curl up at night")[0].symptom == "spasticity"  # two words of a phrase
    assert search(ds, index, "forgot where the story would end up next") == []
    # Not even in a short query, since stop 34: "up" or "down" alone names no key it
    # is half of ("can't get it up" is no "flare up"); the key's other word must be said.
    assert search(ds, index, "fingers up") == []
    assert search(ds, index, "curl up")[0].symptom == "spasticity"


def test_urgent_words_call_for_the_urgent_message(write_dataset: Callable[..., Path]) -> None:
    from msrx.notes import urgent_for

    ds, _index = with_vocabulary(write_dataset, FATIGUE_WORDS + '\nurgent = "Get help now."\n'
                                 'urgent_words = ["suicide", "kill myself"]\nurgent_sources = ["review-beta"]')
    assert [s.id for s in urgent_for(ds, "thinking about suicide")] == ["fatigue"]
    assert [s.id for s in urgent_for(ds, "I want to KILL myself")] == ["fatigue"]  # every word, any case
    assert urgent_for(ds, "kill the pain") == []  # one word of two is not the phrase
    assert urgent_for(ds, "tired all the time") == []


def test_a_guess_weighs_the_words_when_nothing_else_matches(write_dataset: Callable[..., Path]) -> None:
    # "legs" is one word of three in three spasticity phrases and in no fatigue
    # word: too little to name half a phrase, but when nothing matches it is
    # a guess at spasticity, scored below any real match.
    spasticity = 'words = ["stiffness", "spasms", "legs kick sideways", "legs jerk violently", "rigid aching legs"]'
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted"]', spasticity)
    hits = search(ds, index, "my legs went on vacation")
    assert hits and all(h.symptom == "spasticity" and h.relation == "guess" for h in hits) and hits[0].score <= 50
    assert search(ds, index, "my arms went on vacation") == []  # no symptom word at all
    assert search(ds, index, "legs")[0].relation == "treats"  # one word: a real match, not a guess
    # Once every symptom holds the word, it tells them apart no more: no guess.
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "legs weigh like lead"]', spasticity)
    # (A sentence may still be read for its meaning: see test_semantic.)
    assert all(h.relation != "guess" for h in search(ds, index, "my legs went on vacation"))


def test_a_word_that_says_when_weighs_nothing_in_a_guess(write_dataset: Callable[..., Path]) -> None:
    # "never" is in two walking phrases, and in no other symptom's: once enough for a
    # guess at walking in "I will never be able to watch a cricket game".
    walking = 'words = ["walking", "never pass a sobriety test", "never walk far"]'
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted"]', walking)
    assert search(ds, index, "I will never be able to watch a cricket game") == []
    assert search(ds, index, "I will never be able to walk far")[0].symptom == "spasticity"


def test_once_and_early_say_when_and_weigh_nothing_in_a_guess(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Dev rows of the real queries: "early" of sleep's "waking up early", "once" of cognition's
    # "several jobs at once" named nothing that the sentences were about.
    assert search(ds, index, "I have had MS since the early 1970s and was formally diagnosed in 1994.") == []
    assert search(ds, index, "I always feel better once that task is checked off my to-do list.") == []
    # Said in its phrase, the word still counts.
    assert search(ds, index, "I wake up too early every morning")[0].symptom == "sleep"


def test_a_word_the_query_repeats_counts_once_for_a_key(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "we're ... we're" once made "re" twice a whole "like you're spinning"
    # (dizziness); a key's words count once, and "re" is filler.
    ds, index = bundled
    hits = search(ds, index, "We're not sleepy, but we're spent")
    assert all(h.symptom != "dizziness" for h in hits)
    # "rooms rooms" says one word of "room spinning", however often: half a phrase.
    said_twice = search(ds, index, "rooms rooms")[0]
    assert said_twice.score < search(ds, index, "rooms spinning")[0].score


@pytest.mark.parametrize("query", ["flu shot", "Fibromyalgia Relief pills", "b-12",
                                   "A lot of doctors like to propose taking acid suppression pills"])
def test_a_product_msrx_does_not_hold_returns_nothing(bundled: tuple[Dataset, SearchIndex], query: str) -> None:
    # "shot" and "pills" alone would list every injectable or oral drug, and
    # "b" alone was half of "B cell": a short query of how a drug is taken and
    # an unknown word names a product msrx does not hold; a letter names nothing.
    ds, index = bundled
    assert search(ds, index, query) == []


def test_route_words_alone_and_category_words_with_an_unknown_word_still_answer(
        bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "pills") and search(ds, index, "ms pill")
    # An unknown word elsewhere than before the route word names no product.
    assert "oral" in search(ds, index, "I hate needles, is there a pill")[0].treatment.routes
    assert search(ds, index, "full-fledged exacerbation")  # a relapse, whatever "fledged" is
    assert search(ds, index, "b cell therapies")[0].treatment.drug_class.startswith("anti-CD20")


def test_a_two_letter_symptom_word_names_its_symptom_in_a_long_question(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "TN" is a whole symptom word; only half of a phrase ("go" of "need to
    # go") is too little to name a symptom in a long sentence.
    ds, index = bundled
    hits = search(ds, index, "Do you struggle with TN? What surgeries have you had?")
    assert hits and hits[0].symptom == "trigeminal-neuralgia"
    assert all(h.symptom != "bladder" for h in search(ds, index, "what I was going to do next"))


def test_a_word_that_stems_like_filler_does_not_match_the_filler(write_dataset: Callable[..., Path]) -> None:
    # "difficulty" is filler, so "difficulty sleeping" says only "sleeping";
    # "difficult" stems like it but must not find it through that word.
    ds, index = with_vocabulary(write_dataset, 'words = ["tired", "exhausted", "difficulty waking"]')
    assert search(ds, index, "seeing friends feels too difficult") == []
    assert search(ds, index, "difficulty waking")[0].symptom == "fatigue"


def test_a_sentence_that_only_says_when_asks_for_no_dosing_interval(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert all(h.field != "interval" for h in search(ds, index, "a nurse who didn't want to wake up each and every day"))
    assert search(ds, index, "every day")[0].field == "interval"  # said alone, it is the request
    assert search(ds, index, "pill every day")[0].field in ("route", "interval")


def test_number_words_are_no_content(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "should you take one of the disease modifying drugs")
    assert hits and all(h.treatment.category == "dmt" for h in hits)


def test_a_letter_of_a_name_is_part_of_the_name_not_a_contraction(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "d" and "t" are what is left of "we'd" and "don't", but in "vitamin d"
    # and "CAR T" they are part of the name; a common word left over from a
    # name ("car" of "CAR T", "lay" of "D-Lay MS") names nothing alone.
    assert names(bundled, "vitamin d")[:1] == ["high-dose-vitamin-d"]
    assert names(bundled, "car t")[:1] == ["car-t"]
    assert "car-t" not in names(bundled, "my car broke down")
    assert "high-dose-vitamin-d" not in names(bundled, "I lay there, wide awake")


def test_a_question_about_a_named_treatment_carries_its_topic(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "blood tests for tysabri")
    assert [h.treatment.id for h in hits] == ["natalizumab"]  # not hydroxyzine through "blood on my nails"
    assert hits[0].topic == "monitoring"


def test_a_test_a_treatment_monitors_finds_it(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "jc virus test")
    assert hits and hits[0].treatment.id == "natalizumab" and hits[0].field == "monitoring"
    eye = {h.treatment.id for h in search(ds, index, "eye tests")}
    assert "fingolimod" in eye and "natalizumab" not in eye  # macular oedema checks on S1P modulators


def test_a_topic_with_nothing_it_is_about_finds_nothing(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    for query in ("side effects", "how often", "can i get pregnant", "flu vaccine"):
        assert search(ds, index, query) == [], query


def test_a_topic_goes_only_with_treatments_that_answer_it(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Symptom drugs record no dosing block: found, but not passed off as answering "doses".
    hits = search(ds, index, "I need to take doses of laxative three times a week")
    assert hits and all(h.topic is None for h in hits)
    # A named treatment always carries it: "not recorded" is an answer too.
    ldn = search(ds, index, "ldn dose")[0]
    assert ldn.treatment.id == "low-dose-naltrexone" and ldn.topic == "administration"
    assert ldn.treatment.administration is None
    # A group: every member that records the field.
    oral = search(ds, index, "oral dmt pregnancy")
    assert oral and all(h.topic == "pregnancy" for h in oral if h.treatment.pregnancy is not None)
    assert [h.topic for h in oral if h.treatment.pregnancy is None] == [None] * sum(
        h.treatment.pregnancy is None for h in oral)


def test_a_known_phrase_that_holds_a_topic_word_stays_that_phrase(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "never pass a sobriety test")  # a walking phrase, not a monitoring question
    assert hits and hits[0].symptom == "walking" and hits[0].topic is None


def test_the_first_word_of_a_name_finds_it_among_unknown_words(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    ids = [h.treatment.id for h in search(ds, index, "methylprednisolone and nursing 3 month old")]
    assert set(ids[:2]) == {"methylprednisolone-iv", "methylprednisolone-oral"}
    # A short first word names nothing: "acting" is not ACT-128800 (ponesimod).
    assert "ponesimod" not in [h.treatment.id for h in search(ds, index, "my eyes have been acting a little off")]


def test_a_name_with_a_word_of_its_harms_asks_about_them(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "tecfidera flushing")[0].topic == "side_effects"
    assert search(ds, index, "Tysabri: am I a candidate for PML?")[0].topic == "warnings"
    assert search(ds, index, "ocrevus")[0].topic is None
    assert search(ds, index, "ocrevus xyzzy")[0].topic is None  # an unknown word is no harm
    # Failure alone is the treatment failing, though Rebif's warnings say "liver failure";
    # an organ's failure is said with the organ.
    assert search(ds, index, "Rebif failure")[0].topic == "effectiveness"
    assert search(ds, index, "heart failure on Rebif")[0].topic == "warnings"
    # Injection sites are where it goes in; their reactions are a harm.
    assert search(ds, index, "Copaxone injection sites")[0].topic == "administration"
    assert search(ds, index, "copaxone injection site reactions")[0].topic == "side_effects"
    # "Cause" asks of a harm; a risk the label warns of is answered from the warnings.
    assert search(ds, index, "Does Gilenya Cause PML?")[0].topic == "warnings"
    assert search(ds, index, "does gilenya cause headaches")[0].topic == "side_effects"


def test_feeling_unwell_after_a_treatment_asks_about_its_side_effects(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "felt awful on tecfidera")[0].topic == "side_effects"
    assert search(ds, index, "unwell after tysabri")[0].topic == "side_effects"
    # How it is given belongs to the harm: Ocrevus's side effects hold its infusion reactions
    # (its warnings also say "reported", which "people report" is not).
    hits = search(ds, index, "people report feeling terrible after ocrevus infusions")
    assert (hits[0].treatment.id, hits[0].topic) == ("ocrelizumab", "side_effects")
    # The route alone asks how it is given (stop 44; it asked nothing before): no harm.
    assert search(ds, index, "ocrevus infusion")[0].topic == "administration"


def test_a_harm_said_in_other_words_of_its_symptom_asks_about_it(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Dexamethasone's label says "trouble sleeping"; "insomnia" is a word of the same symptom.
    hits = search(ds, index, "dexamethasone insomnia")
    assert [(h.treatment.id, h.topic) for h in hits] == [("dexamethasone", "side_effects")]
    # A word of a symptom none of its side effects names asks nothing of them.
    assert search(ds, index, "dexamethasone tremor")[0].topic is None


def test_a_question_of_a_named_harm_lists_no_treatment_for_it(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Asked of baclofen's drowsiness, not for a sleep drug; of Rebif's heart, not for low mood.
    assert [h.treatment.id for h in search(ds, index, "does baclofen make you sleepy")] == [
        "baclofen", "baclofen-intrathecal"]
    assert [h.treatment.id for h in search(ds, index, "heart failure on Rebif")] == ["interferon-beta-1a"]
    hits = search(ds, index, "do steroids cause insomnia")
    assert hits and all(h.field == "drug_class" and h.topic == "side_effects" for h in hits)
    # Without a harm asked, the symptom's treatments stay beside the name.
    ids = [h.treatment.id for h in search(ds, index, "gabapentin nerve pain")]
    assert ids[0] == "gabapentin" and "duloxetine" in ids


def test_a_symptom_no_treatment_is_for_answers_nothing(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    for query in ("arm weakness", "weak hands", "weak grip", "weakness", "muscle weakness"):
        assert search(ds, index, query) == [], query
        assert symptoms_asked(index, query)[0] == "weakness", query
    # No drug that may cause it stands in for an answer (psyllium: "trouble swallowing").
    assert search(ds, index, "trouble swallowing") == []
    assert symptoms_asked(index, "trouble swallowing") == ["speech-swallowing"]
    # Weak legs stay a walking problem, and a risk named alone still lists who warns of it.
    assert search(ds, index, "weak legs")[0].symptom == "walking"
    assert search(ds, index, "pml")[0].treatment.id == "natalizumab"


def test_symptoms_listed_are_each_answered_and_the_untreated_noted(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "anxiety and slurred speech")
    assert hits and all(h.symptom == "anxiety" and h.relation == "treats" for h in hits)
    assert notes_due(index, "anxiety and slurred speech", hits) == ["speech-swallowing"]
    # With no answer every untreated symptom named is noted; an answer that explains the words, none.
    assert notes_due(index, "trouble swallowing", []) == ["speech-swallowing"]
    assert notes_due(index, "leg weakness", search(ds, index, "leg weakness")) == []
    assert notes_due(index, "", []) == []
    # A sentence is still read for its meaning: there the falling is the dizziness.
    assert search(ds, index, "I get dizzy and feel like I'm going to fall over")[0].symptom == "dizziness"


def test_one_everyday_word_half_of_a_phrase_finds_nothing_beside_a_name(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "stay" is half of "staying asleep": melatonin came second to the treatment asked about.
    for query, named in (("how long can you stay on tysabri", "natalizumab"),
                         ("how long does gilenya stay in your system", "fingolimod"),
                         ("can i stay on copaxone while pregnant", "glatiramer-acetate")):
        assert [h.treatment.id for h in search(ds, index, query)] == [named], query
    # A symptom word said whole beside a name still finds that symptom's treatments.
    ids = [h.treatment.id for h in search(ds, index, "baclofen stiff legs")]
    assert ids[0] == "baclofen" and "tizanidine" in ids


def test_symptoms_in_general_name_no_symptom(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Were: the relapse drugs through "new symptoms" (92), the interferons' "flu-like
    # symptoms" as what may cause them, melatonin guessed from "waking up early".
    for query in ("what are the symptoms of ms", "symptoms", "signs", "early signs of ms", "flu like symptoms"):
        assert search(ds, index, query) == [], query
    # Said with what they are, they still name one.
    assert search(ds, index, "new symptoms")[0].symptom == "relapse"
    assert search(ds, index, "my symptoms got worse")[0].symptom == "relapse"


def test_a_side_effect_answers_only_when_one_of_them_holds_the_words(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Sildenafil's "back or muscle pain" says both words; ofatumumab's "muscle aches" and
    # "injection-site redness, pain" say them of two, and were listed.
    causes = [h.treatment.id for h in search(ds, index, "muscle pain") if h.relation == "causes"]
    assert "sildenafil" in causes and "ofatumumab" not in causes and "peginterferon-beta-1a" not in causes
    # Listed, two side effects of one treatment may each be one of the words.
    causes = [h.treatment.id for h in search(ds, index, "headache and nausea") if h.relation == "causes"]
    assert "alemtuzumab" in causes


def test_a_name_said_with_a_symptom_it_is_for_asks_no_harm(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Botox's side effects name the bladder (urinary retention), but it is for the bladder:
    # "botox for bladder" answered with its side effects and dropped the other bladder drugs.
    hits = search(ds, index, "botox for bladder")
    assert hits[0].treatment.id == "onabotulinumtoxina" and hits[0].topic is None
    assert "oxybutynin" in [h.treatment.id for h in hits]
    # A symptom it is not for is still asked of its harms.
    assert search(ds, index, "ampyra dizziness")[0].topic == "side_effects"
    assert search(ds, index, "botox side effects bladder")[0].topic == "side_effects"


def test_a_sentence_about_another_drug_or_a_new_thing_finds_nothing(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Batch 25 dev rows: "new" said of a dog listed the trial drugs; "bouts" (half of
    # "bouts of crying") in a sentence about Adalat listed Nuedexta.
    assert search(ds, index, "we have a new dog!") == []
    assert search(ds, index, "Bouts of rapid heart rate even after stopping Adalat") == []
    # "New" alone, or with words that say treatment, still asks for the trial drugs.
    for query in ("whats new", "new ms drugs", "new pill"):
        assert {h.treatment.status for h in search(ds, index, query)} == {"investigational"}, query
    # A symptom said whole beside another drug still answers ("lorazepam for anxiety").
    assert search(ds, index, "i take lorazepam for my anxiety")[0].symptom == "anxiety"


def test_a_drug_name_dictionaries_hold_still_names_it_beside_other_words(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "prednisone" is in English word lists too: beside "insomnia" it was ignored.
    assert "prednisone-high-dose" in [h.treatment.id for h in search(ds, index, "prednisone insomnia")]
    # An everyday first word of a name still names nothing alone.
    assert "low-dose-naltrexone" not in [h.treatment.id for h in search(ds, index, "low mood")]


def test_an_infection_is_answered_by_no_symptom_drug(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Antimuscarinics calm an overactive bladder; they do not treat a bladder infection.
    for query in ("urinary tract infection", "bladder infection", "bladder infections keep coming back",
                  "chest infection", "skin infection"):
        assert all(h.relation == "causes" for h in search(ds, index, query)), query
    # What may cause one is still shown, as for "infections"; a name said still answers.
    assert {h.treatment.id for h in search(ds, index, "urinary tract infection")} >= {"alemtuzumab", "natalizumab"}
    assert search(ds, index, "infection risk on ocrevus")[0].treatment.id == "ocrelizumab"
    assert search(ds, index, "bladder")[0].treatment.id == "oxybutynin"


def test_the_symptoms_asked_come_strongest_first(bundled: tuple[Dataset, SearchIndex]) -> None:
    _ds, index = bundled
    # "slur" names a speech key whole; "talking" is half of a trigeminal neuralgia
    # phrase, and came first only for being met first.
    assert symptoms_asked(index, "talking with a slur") == ["speech-swallowing", "trigeminal-neuralgia"]
    assert symptoms_asked(index, "slurring when talking") == ["speech-swallowing", "trigeminal-neuralgia"]


def test_a_class_asks_a_topic_only_in_words(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "Interferons don't help MSers?")
    assert hits[0].field == "drug_class" and {h.topic for h in hits[:3]} == {"effectiveness"}
    assert search(ds, index, "do steroids cause insomnia")[0].topic == "side_effects"
    # A class said with a symptom wants the class for it, though "bladder" is in a warning.
    assert all(h.topic is None for h in search(ds, index, "anticholinergic bladder")[:3])


def test_words_that_ask_a_topic_only_of_a_named_treatment(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "does baclofen make you sleepy")[0].topic == "side_effects"
    assert search(ds, index, "thinking about dropping copaxone")[0].topic == "stopping"
    # (a symptom drug: its evidence stands in for the effectiveness block only DMTs have)
    assert search(ds, index, "any improvement on ampyra")[0].topic == "evidence"
    assert search(ds, index, "any improvement on tysabri")[0].topic == "effectiveness"
    assert search(ds, index, "ocrevus and feeding my baby")[0].topic == "breastfeeding"
    # The phrase asks the topic even when one of its words is also in the warnings
    # (Lemtrada's warnings speak of each "course").
    assert search(ds, index, "3rd course of Lemtrada")[0].topic == "administration"
    # How many years, courses or rounds it is given for is how it is given too.
    for query in ("how many years is lemtrada given", "how many rounds of mavenclad"):
        assert search(ds, index, query)[0].topic == "administration", query
    # A name said with how often asks how it is given.
    for query in ("is tysabri every 4 weeks", "kesimpta monthly", "copaxone 3 times a week"):
        assert search(ds, index, query)[0].topic == "administration", query
    # Without a name the same words ask nothing, and stay what they say.
    hits = search(ds, index, "something to make me sleep")
    assert hits and all(h.topic is None for h in hits)
    assert hits[0].symptom == "sleep"


def test_a_device_finds_its_treatment_and_says_so(write_dataset: Callable[..., Path]) -> None:
    from tests.conftest import MINI

    ds = load(write_dataset(MINI.replace('aliases = ["ALM"]', 'aliases = ["ALM"]\ndevices = ["Alpha Click"]')))
    index = SearchIndex.build(ds)
    for query in ("alpha click", "alphaclick", "alpha clik"):
        [hit, *_] = search(ds, index, query)
        assert (hit.treatment.id, hit.field) == ("alphamab", "device"), query
    assert resolve(ds, index, "Alpha Click").treatment.id == "alphamab"  # type: ignore[union-attr]


def test_a_refused_needle_route_answers_with_oral_treatments(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    for query in ("some kind of MS drug, but none that involve needles", "no more injections", "needle-free"):
        hits = search(ds, index, query, limit=5)
        assert hits and all("oral" in h.treatment.routes for h in hits), query
    assert search(ds, index, "pins and needles")[0].symptom == "neuropathic-pain"


@pytest.mark.parametrize(("query", "ids"), [
    ("vitamin e", []),  # a vitamin the dataset does not hold: not vitamin D, not biotin
    ("vitamin c", []),
    ("vitamin d", ["high-dose-vitamin-d"]),
    ("vitamin D3", ["high-dose-vitamin-d"]),
    ("vitamin b7", ["high-dose-biotin"]),
    ("vitamin b", ["high-dose-biotin"]),
    # The number written apart is still its number: B12 is not biotin (B7).
    ("vitamin b 12", []),
    ("should people with MS not use Vitamin B 12", []),
    ("vitamin b 7", ["high-dose-biotin"]),
    ("vitamin d 3", ["high-dose-vitamin-d"]),
])
def test_a_vitamin_is_named_by_its_letter(bundled: tuple[Dataset, SearchIndex], query: str, ids: list[str]) -> None:
    ds, index = bundled
    assert [h.treatment.id for h in search(ds, index, query)] == ids


@pytest.mark.parametrize(("query", "ids"), [
    # The letter holds only what the vitamin words found: the brand said beside them stays.
    ("vitamin d with tecfidera", ["high-dose-vitamin-d", "dimethyl-fumarate"]),
    ("tecfidera vitamin d", ["high-dose-vitamin-d", "dimethyl-fumarate"]),
    ("vitamin e and tecfidera", ["dimethyl-fumarate"]),
    # The substance's own name, said beside another treatment's.
    ("biotin and ocrevus", ["ocrelizumab", "high-dose-biotin", "ocrelizumab-hyaluronidase"]),
])
def test_a_vitamin_said_beside_another_name_finds_both(bundled: tuple[Dataset, SearchIndex], query: str,
                                                       ids: list[str]) -> None:
    ds, index = bundled
    assert [h.treatment.id for h in search(ds, index, query)] == ids


def test_a_topic_query_decodes_only_the_records_it_shows() -> None:
    # Ranking by whether a record answers the topic reads the index, not the records:
    # a warm cache decodes a record only when its hit is shown.
    from msrx.store import bundled_path, open_dataset

    open_dataset(bundled_path())  # writes the cache
    ds, index = open_dataset(bundled_path())
    assert type(ds.treatments).__name__ == "LazyTreatments"
    hits = search(ds, index, "steroids and steroid withdrawal", limit=1)
    assert hits[0].treatment.stopping is not None and hits[0].topic == "stopping"
    assert len(ds.treatments._decoded) == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "was"), [
    ("gamma knife", "ivig"),  # radiosurgery, not Gammagard or Gammaked
    ("gamma linolenic acid", "ivig"),
    ("methyl folate", "methylphenidate"),
    ("trans fat", "scopolamine-transdermal"),  # not Transderm Scop
    ("alpha blockers", "lipoic-acid"),  # "alpha" begins alpha-lipoic acid, but says too little alone
])
def test_a_finished_word_is_not_read_as_the_start_of_a_name(bundled: tuple[Dataset, SearchIndex], query: str, was: str) -> None:
    ds, index = bundled
    assert was not in [h.treatment.id for h in search(ds, index, query)]


@pytest.mark.parametrize(("query", "first"), [
    ("gamma", "ivig"),  # a word typed alone may be where the person stopped
    ("ocreli infusion", "ocrelizumab"),  # nothing unknown after it
    ("natali", "natalizumab"),
    ("methylprednisolone and nursing 3 month old", "methylprednisolone-iv"),
])
def test_the_last_word_typed_is_still_read_as_the_start_of_a_name(bundled: tuple[Dataset, SearchIndex], query: str,
                                                                    first: str) -> None:
    ds, index = bundled
    hits = search(ds, index, query)
    assert hits and hits[0].treatment.id == first


def test_a_form_of_ms_asked_ranks_by_the_forms_covered(bundled: tuple[Dataset, SearchIndex]) -> None:
    from msrx.model import for_form

    ds, index = bundled
    assert for_form(("cis", "rrms", "active-spms"), "spms") and not for_form(("cis", "rrms", "active-spms"), "nrspms")
    assert for_form(("spms",), "progressive") and not for_form(("rrms",), "progressive")
    t = {tr.id: n for n, tr in enumerate(ds.treatments)}
    # Ocrelizumab: active SPMS and PPMS, two progressive forms; an interferon: active SPMS only.
    assert index.forms_covered(t["ocrelizumab"], ("progressive",)) == 2
    assert index.forms_covered(t["interferon-beta-1b"], ("progressive",)) == 1
    assert index.forms_covered(t["baclofen"], ("progressive",)) == 0
    assert index.forms_covered(t["ocrelizumab"], ()) == 0
    hits = search(ds, index, "treatment for progressive ms")
    covered = [index.forms_covered(t[h.treatment.id], ("progressive",)) for h in hits if h.treatment.status == "approved"]
    assert covered == sorted(covered, reverse=True) and covered[0] == 2


@pytest.mark.parametrize(("query", "symptom", "not_named"), [
    # A phrase said whole is what its words mean there: each shorter key inside it,
    # of another symptom, found that symptom's treatments after the phrase's own.
    ("emotional incontinence", "pseudobulbar-affect", "bladder"),
    ("bowel incontinence", "bowel", "bladder"),
    ("nerve pain", "neuropathic-pain", "pain"),
])
def test_a_shorter_key_inside_a_phrase_said_whole_names_nothing_of_its_own(
        bundled: tuple[Dataset, SearchIndex], query: str, symptom: str, not_named: str) -> None:
    ds, index = bundled
    hits = [h for h in search(ds, index, query, limit=50) if h.relation != "causes"]
    assert hits and hits[0].symptom == symptom
    assert not [h.treatment.id for h in hits if h.symptom == not_named]


def test_a_shorter_key_said_apart_from_the_phrase_still_names_its_symptom(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    symptoms = {h.symptom for h in search(ds, index, "nerve pain and anxiety", limit=50) if h.relation != "causes"}
    assert {"neuropathic-pain", "anxiety"} <= symptoms
    # "restless" alone is an anxiety word; said in "restless legs" it names restless legs only.
    assert symptoms_asked(index, "restless legs") == ["restless-legs"]


def test_a_risk_named_alone_lists_the_treatments_warned_of_it_boxed_first(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "pml" found nothing: the risk is in warnings, which only a name's topic read.
    ds, index = bundled
    hits = search(ds, index, "pml", limit=None)
    assert hits and all((h.relation, h.field) == ("causes", "warnings") for h in hits)
    assert [h.treatment.id for h in hits[:2]] == ["natalizumab", "rituximab"]  # boxed warnings
    assert all(any("pml" in w.casefold() for w in h.treatment.warnings) for h in hits)
    assert [h.treatment.id for h in search(ds, index, "jc virus")] == ["natalizumab"]


def test_warnings_answer_neither_a_sentence_nor_a_query_something_else_answers(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "tysabri pml")[0].relation is None  # the name answers, with its warnings topic
    assert not [h for h in search(ds, index, "the pml was never the thing i feared most") if h.field == "warnings"]


def test_everyday_words_alone_are_no_risk_named(bundled: tuple[Dataset, SearchIndex]) -> None:
    # Warnings hold everyday words by chance: a trial "arm", "up to".
    ds, index = bundled
    assert not [h for h in search(ds, index, "arm") if h.field == "warnings"]
    assert search(ds, index, "cant get it up") == []
    assert "siponimod" in [h.treatment.id for h in search(ds, index, "bradycardia")]


def test_a_single_passing_mention_in_one_warning_is_no_risk(bundled: tuple[Dataset, SearchIndex]) -> None:
    # Phenytoin's warnings mention estrogen once, as an interaction: no harm of estrogen.
    ds, index = bundled
    assert search(ds, index, "estrogen") == []


def test_one_phrase_word_beside_an_unknown_word_names_no_symptom(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "book" is half of cognition's "follow a good book"; beside a word msrx does not
    # know, and nothing more, that word says what the query is about.
    for query in ("Festival of Books", "kindle books"):
        assert search(ds, index, query) == []
    assert search(ds, index, "I can't follow a book anymore")[0].symptom == "cognition"


def test_the_words_that_ask_are_no_harm_of_their_own(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Ocrevus's warnings say "cause" (of hepatitis B); asking what it causes is about side effects.
    assert [h.topic for h in search(ds, index, "does ocrevus cause weight gain")[:2]] == ["side_effects"] * 2


def test_a_warning_is_read_for_its_harm_not_for_what_to_do(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Aubagio's warnings say "before starting" (what to do); starting it asks about no harm.
    assert search(ds, index, "starting aubagio tomorrow")[0].topic is None
    assert search(ds, index, "aubagio pancreatitis")[0].topic == "warnings"  # a harm named before any colon
    # A short plural meets its singular: Gilenya's "macular oedema (swelling at the back of the eye)".
    assert search(ds, index, "gilenya and eyes")[0].topic == "warnings"


def test_is_it_safe_asks_about_warnings_unless_it_asks_about_feeding(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "is tysabri safe")[0].topic == "warnings"
    assert search(ds, index, "safe to feed while taking tysabri")[0].topic == "breastfeeding"


def test_the_doctor_who_prescribes_is_no_drug_or_symptom(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "neuro" started Neurontin and Neurodex; "appointment" is half of "forget appointments".
    assert [h.treatment.id for h in search(ds, index, "my neuro wants me on rituximab")] == ["rituximab"]
    assert search(ds, index, "neuro appointment tomorrow") == []
    assert search(ds, index, "neurontin")[0].treatment.id == "gabapentin"


@pytest.mark.parametrize(("warning", "parts"), [
    ("BOXED WARNING: hepatotoxicity: liver tests before starting", (True, " hepatotoxicity")),
    ("boxed: progressive multifocal leukoencephalopathy (PML)", (True, " progressive multifocal leukoencephalopathy (PML)")),
    ("BOXED: aplastic anemia and agranulocytosis; check blood counts",
     (True, " aplastic anemia and agranulocytosis; check blood counts")),
    ("Boxed warning (while marketed): severe liver injury", (True, " severe liver injury")),
    ("No boxed warning; antiepileptic-class risk of suicidal thoughts", (False, " antiepileptic-class risk of suicidal thoughts")),
    ("No boxed warning", (False, "")),
    ("peripheral neuropathy", (False, "peripheral neuropathy")),
])
def test_a_warning_splits_into_its_box_and_its_harm(warning: str, parts: tuple[bool, str]) -> None:
    from msrx.asked import warning_parts

    assert warning_parts(warning) == parts


def test_every_way_the_labels_write_a_box_keeps_its_harm(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # Rituximab's warnings are written "boxed: progressive multifocal leukoencephalopathy (PML)".
    assert search(ds, index, "rituxan pml")[0].topic == "warnings"
    assert search(ds, index, "rituximab hepatitis b")[0].topic == "warnings"


def test_a_form_of_ms_asked_for_outweighs_one_word_half_matching_a_symptom(
        bundled: tuple[Dataset, SearchIndex]) -> None:
    # "know" half matches walking's "not knowing where my feet are"; the query asks for SPMS.
    ds, index = bundled
    hits = search(ds, index, "I would like to know if anything treats SPMS")
    assert hits and hits[0].field == "ms_form" and {h.treatment.category for h in hits[:5]} == {"dmt"}
    # a whole symptom key said in full still answers ("walking", not the form)
    assert search(ds, index, "walking problems with SPMS")[0].symptom == "walking"


def test_a_topic_asked_of_treatment_in_general_answers_with_the_dmts(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "after an unexpected pregnancy must you stop all treatment straight away")
    assert hits and hits[0].treatment.category == "dmt" and hits[0].topic == "pregnancy"
    # no treatment word: the topic alone names no treatment
    assert search(ds, index, "after an unexpected pregnancy must you stop straight away") == []


def test_a_symptom_no_medicine_treats_said_whole_is_not_answered_by_a_half_matched_one(
        bundled: tuple[Dataset, SearchIndex]) -> None:
    # "worse in the heat" is heat sensitivity, said whole; relapse's "old symptoms
    # worse" only in part, on the same word. No steroid answers heat sensitivity.
    ds, index = bundled
    for query in ("symptoms worse in the heat", "my symptoms are worse in the heat",
                  "symptoms worse after a hot bath", "symptoms worse with a fever", "fever"):  # the NMSS's heat words
        assert search(ds, index, query) == [], query
        assert notes_due(index, query, [])[0] == "heat-sensitivity"
    # a treated symptom said whole beside it still answers
    assert search(ds, index, "anxiety and slurred speech")[0].symptom == "anxiety"


def test_a_pseudo_relapse_is_no_relapse(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "relapse" inside the longer key "pseudo relapse" is no relapse intent: no
    # steroid answers, and the pseudo-relapse note is due (treat the trigger).
    ds, index = bundled
    for query in ("pseudo relapse", "is this a pseudo relapse or a real relapse", "pseudoexacerbation"):
        assert search(ds, index, query) == [], query
        assert notes_due(index, query, []) == ["pseudo-relapse"], query
    assert search(ds, index, "relapse")[0].treatment.category == "relapse"


def test_a_symptom_read_for_meaning_that_no_medicine_treats_gets_its_note(bundled: tuple[Dataset, SearchIndex]) -> None:
    # The words half name nothing useful; the sentence means weakness, which no
    # treatment is for: no hit, and search says which symptom it read so its note is printed.
    ds, index = bundled
    query = "not even be able to hold my arm up in the air without it falling back down"
    meant: list[str] = []
    assert search(ds, index, query, meant=meant) == []
    assert meant == ["weakness"]
    assert notes_due(index, query, [], meant) == ["weakness"]
    assert notes_due(index, query, []) == []  # the words alone name no symptom
    # a symptom read for meaning that treatments answer is still answered by them
    # ("the whole world started to swirl" was the example until a phrase of that symptom said it in words).
    meant = []
    hits = search(ds, index, "I feel like I am on a boat that keeps rocking", meant=meant)
    assert hits and hits[0].symptom == "dizziness" and meant == ["dizziness"]
    assert notes_due(index, "I feel like I am on a boat that keeps rocking", hits, meant) == []
    # a query whose words answer reads nothing for meaning
    meant = []
    assert search(ds, index, "fatigue", meant=meant) and meant == []


def test_will_it_work_in_the_long_term_asks_about_effectiveness(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    for query in ("will Campath definitely work in the long term?", "will ocrevus work in the long run",
                  "does tysabri work long term"):
        hits = search(ds, index, query)
        assert hits and hits[0].topic == "effectiveness", query


@pytest.mark.parametrize(("query", "first", "topic"), [
    ("I started off with the normal routine of the 22mcg of Rebif", "interferon-beta-1a", "administration"),
    ("my neurologist put me on 5000IU of vitamin D a day", "high-dose-vitamin-d", "administration"),
    ("Copaxone comes with an auto injector", "glatiramer-acetate", "administration"),
    ("Lemtrada is a two year treatment", "alemtuzumab", "administration"),
    ("since starting Tysabri it's apparently working for you", "natalizumab", "effectiveness"),
    ("LDN seems a very promising treatment", "low-dose-naltrexone", "effectiveness"),
    ("I took Fampridine to see if it could help my walking", "dalfampridine", "effectiveness"),
    ("Copaxone reduces the chance of a relapse by around 30%", "glatiramer-acetate", "effectiveness"),
    ("does ocrevus slow progression", "ocrelizumab", "effectiveness"),
    ("a bad reaction to Solu-Medrol", "methylprednisolone-iv", "side_effects"),
    ("trying to get completely off tizanidine", "tizanidine", "stopping"),
    ("does mavenclad work for progressive ms", "cladribine", "effectiveness"),
    ("does amantadine work for fatigue", "amantadine", "effectiveness"),
    ("gabapentin weight gain", "gabapentin", "side_effects"),
    ("Cladribine is given over two years", "cladribine", "administration"),
    ("Provigil has been a life saver", "modafinil", "effectiveness"),
    ("Solu-Medrol was brutal", "methylprednisolone-iv", "side_effects"),
    ("I had issues with Rituxan", "rituximab", "side_effects"),
    ("Tysabri is the only thing that ever worked", "natalizumab", "effectiveness"),
    ("Could the steroids be working?", "methylprednisolone-iv", "effectiveness"),
    ("HSCT could be a game-changer for my aggressive MS", "ahsct", "effectiveness"),
    ("is Rituxan completely washed out of my body", "rituximab", "stopping"),
    ("the Biotin will do me no more good", "high-dose-biotin", "effectiveness"),
    ("Tysabri is supposed to be about 40% more effective than the interferons", "natalizumab", "effectiveness"),
    ("Tecfidera claims a 50% reduction in relapses", "dimethyl-fumarate", "effectiveness"),
    ("a DMT called Ocrevus, carried out through an infusion", "ocrelizumab", "administration"),
    ("tecfidera pill", "dimethyl-fumarate", "administration"),
    ("The protocol for Ocrevus calls for the drip to be started slowly, then turned up every half hour",
     "ocrelizumab", "administration"),
    ("At the moment, I am off of my MS meds. It has been two months since my last injection of Kesimpta.",
     "ofatumumab", "stopping"),
])
def test_what_people_say_of_a_named_treatment_asks_one_part_of_it(
        bundled: tuple[Dataset, SearchIndex], query: str, first: str, topic: str) -> None:
    ds, index = bundled
    hits = search(ds, index, query)
    assert hits and hits[0].treatment.id == first and hits[0].topic in (topic, STANDS_IN.get(topic, topic)), \
        (query, [(h.treatment.id, h.topic) for h in hits[:2]])


def test_a_harm_said_beside_a_dmts_aim_is_asked_first(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # the aim alone asks how well it works; a dose alone names no topic without a unit
    assert search(ds, index, "is tecfidera a long term medication")[0].topic is None  # no aim said
    assert search(ds, index, "ldn 4.5")[0].topic is None
    hits = search(ds, index, "Avonex flu-like symptoms are a small price to pay for slowing down the progression")
    assert hits[0].treatment.id == "interferon-beta-1a" and hits[0].topic == "side_effects"


def test_a_guess_from_one_word_of_a_short_sentence_needs_its_meaning_too(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "returns" of relapse's "return of old symptoms", in a sentence about a shop: no steroid.
    ds, index = bundled
    assert search(ds, index, "Pharmacies do not take returns.") == []
    # said of symptoms, or alone, the word still names a relapse
    for query in ("my old symptoms return", "returns"):
        assert search(ds, index, query)[0].symptom == "relapse", query


def test_how_and_how_often_in_a_sentence_about_something_else_ask_for_nothing(
        bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    assert search(ds, index, "He prescribed two more pills to add to my daily cocktail of meds to help stimulate"
                             " my thyroid into working again.") == []
    assert search(ds, index, "The IV benedryl really did me in this time.") == []  # a product msrx does not hold
    # said as a request, or of a treatment msrx holds, they still answer
    assert "oral" in search(ds, index, "is there a pill i can take daily")[0].treatment.routes
    assert search(ds, index, "i hate needles, is there a pill")[0].treatment.category == "dmt"
    assert search(ds, index, "IV solumedrol")[0].treatment.id == "methylprednisolone-iv"
    assert search(ds, index, "monthly IV infusion")[0].treatment.id == "natalizumab"


def test_what_it_works_for_stays_in_the_query(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "for nerve pain" after "does anything work" is what is asked for, not part of the topic words
    ds, index = bundled
    hits = search(ds, index, "does anything work for nerve pain")
    assert hits and hits[0].symptom == "neuropathic-pain" and hits[0].relation == "treats"


def test_falling_pregnant_is_pregnancy_and_progressive_disease_a_form_of_ms(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "I haven't yet gone on to a DMT as I am trying to fall pregnant")
    assert hits and hits[0].treatment.category == "dmt" and hits[0].topic == "pregnancy"  # not "fall" of walking
    hits = search(ds, index, "some medications are used to address progressive disease")
    assert hits and hits[0].field == "ms_form" and hits[0].treatment.category == "dmt"
    assert search(ds, index, "I had a fall")[0].symptom == "walking"  # a fall alone is still one


def test_a_class_said_with_what_it_leaves_you_asks_about_side_effects(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    hits = search(ds, index, "Antidepressants can leave you groggy and with no energy.")
    assert hits and hits[0].field == "drug_class" and hits[0].topic == "side_effects"
    # a harm said beside a route still comes first; a class said with its route asks nothing more
    assert search(ds, index, "ocrevus infusion reaction")[0].topic == "side_effects"
    assert search(ds, index, "interferon injections")[0].topic is None


def test_said_of_no_treatment_the_same_words_stay_a_symptom(bundled: tuple[Dataset, SearchIndex]) -> None:
    ds, index = bundled
    # "washed out" is fatigue-like tiredness, "won't be working" legs: no topic read into them
    assert search(ds, index, "I feel washed out all the time")
    assert search(ds, index, "my legs won't be working")[0].topic is None
    hits = search(ds, index, "people with SPMS were taken off their DMTs")
    assert hits[0].treatment.category == "dmt" and hits[0].topic == "stopping"


# -- a symptom's names in other languages --------------------------------------


@pytest.mark.parametrize(("query", "symptom"), [
    ("Müdigkeit", "fatigue"), ("schwindel", "dizziness"), ("troubles urinaires", "bladder"),
    ("vertigini", "dizziness"), ("træthed", "fatigue"),
    ("Seit Monaten habe ich ständig Harndrang in der Nacht", "bladder"),
])
def test_a_symptom_named_in_another_language_finds_its_treatments(bundled: tuple[Dataset, SearchIndex], query: str,
                                                                    symptom: str) -> None:
    ds, index = bundled
    hits = search(ds, index, query)
    assert hits and hits[0].field == "symptom" and hits[0].symptom == symptom, hits[:1]


def test_names_in_other_languages_are_matched_as_written(bundled: tuple[Dataset, SearchIndex]) -> None:
    # No English typo is "fixed" into one, none is offered as a suggestion, and
    # no word of one names half a symptom ("march" of "marche instable").
    ds, index = bundled
    translated = [k for k, field in enumerate(index.fields) if field == "translation"]
    assert len(translated) >= sum(len(s.translations) for s in ds.symptoms.values())
    spelled = set(index.vocabulary.lines(0, len(index.vocabulary)))
    own = {normalise(w) for s in ds.symptoms.values() for w in s.words}
    foreign = {stem(normalise(index.values[k])) for k in translated if " " not in normalise(index.values[k])}
    only_foreign = foreign - {stem(w) for key in own for w in key.split()}  # "fatigue" is English too
    assert "schwindel" in only_foreign and not only_foreign & spelled
    assert not set(translated) & set(index.identity_ids)
    assert search(ds, index, "Here we are in March and I am looking out at the snow on the ground") == []


def test_reading_for_meaning_leaves_out_names_in_other_languages(bundled: tuple[Dataset, SearchIndex]) -> None:
    from msrx.semantic import _symptom_keys

    _ds, index = bundled
    keys = _symptom_keys(index)
    assert keys and not [k for k in keys if index.fields[k] == "translation"]


def test_a_sentence_in_another_language_keeps_the_symptom_its_words_name(bundled: tuple[Dataset, SearchIndex]) -> None:
    # The English sentence encoder reads it as far from every symptom; it used to empty the answer.
    ds, index = bundled
    hits = search(ds, index, "Depuis des mois j'ai des vertiges le matin au réveil, surtout quand je me lève")
    assert hits and hits[0].symptom == "dizziness"


# -- "low" said of a test result (stop 51) ------------------------------------


@pytest.mark.parametrize(("query", "plain"), [
    ("low platelets", "platelets"), ("low blood pressure", "blood pressure"), ("low sodium", "sodium"),
    ("tecfidera and low lymphocytes", "tecfidera and lymphocytes"),
    # Keys that hold both words, "low" said alone, "low" before a word of when: unchanged.
    ("low mood", "low mood"), ("low energy", "low energy"), ("low libido", "low libido"), ("low back pain", "back pain"),
    ("low dose naltrexone", "low dose naltrexone"), ("feeling low", "feeling low"),
    ("feeling low and tired", "feeling low and tired"), ("feeling low today", "feeling low today"), ("low", "low"),
    ("i lay low for the day", "i lay for the day"), ("lying low", "lying"),
])
def test_low_said_of_a_test_result_is_read_as_unsaid(bundled: tuple[Dataset, SearchIndex], query: str, plain: str) -> None:
    from msrx.reading import without_a_measured_low

    assert without_a_measured_low(bundled[1], query) == plain


@pytest.mark.parametrize("query", ["low platelets", "low blood pressure", "low sodium", "low white count"])
def test_a_low_test_result_finds_no_antidepressant(bundled: tuple[Dataset, SearchIndex], query: str) -> None:
    ds, index = bundled
    hits = search(ds, index, query)
    assert hits and all(h.relation == "causes" for h in hits)
    assert search(ds, index, "feeling " + query.split()[0])[0].symptom == "depression"


# -- a misspelt name with a case ending (stop 51) -------------------------------


@pytest.mark.parametrize(("query", "treatment"), [
    ("baklofenu", "baclofen"), ("baklofenem", "baclofen"), ("sulmedrolu", "methylprednisolone-iv"),
    ("Dali mi okamžitě vysoké dávky sulmedrolu", "methylprednisolone-iv"), ("Dimethlyfumarsäure", "dimethyl-fumarate"),
])
def test_a_misspelt_name_with_a_case_ending_is_found(bundled: tuple[Dataset, SearchIndex], query: str, treatment: str) -> None:
    assert names(bundled, query)[0] == treatment


def test_an_inflected_word_only_as_near_a_name_as_letters_moved_about_is_none(bundled: tuple[Dataset, SearchIndex]) -> None:
    # "aposent(ar)" holds the letters of "aptensio" moved about: no spelling of Aptensio XR.
    assert names(bundled, "Tenho esclerose múltipla, posso me aposentar?") == []
