"""Issue 10: search meets people where they are. Every example the issue names,
through the CLI (CliRunner) and the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msrx.cli import app
from tests.conftest import value_at

runner = CliRunner()


def search(*query: str, limit: int = 10) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["search", *query, "--json", "--limit", str(limit)])
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


def as_seen(query: str) -> tuple[int, str]:
    """`msrx --color always search QUERY` as a person sees it: its exit code and its
    text, without colour codes or line wrapping."""
    result = runner.invoke(app, ["--color", "always", "search", query])
    return result.exit_code, " ".join(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).split())


def answers(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in data if d["matched"]["relation"] != "causes"]


@pytest.mark.parametrize(("query", "symptom"), [
    ("bladder leaking", "bladder"), ("shaky hands", "tremor"), ("sad all the time", "depression"),
    ("tired all the time", "fatigue"), ("leg spasms at night", "spasticity"), ("burning feet", "neuropathic-pain"),
    ("trouble with erections", "sexual-dysfunction"), ("dragging my foot when i walk", "walking"),
    ("peeing at night", "bladder"), ("band around my chest", "neuropathic-pain"), ("charley horse", "spasticity"),
    ("memory problems", "cognition"), ("constipated", "bowel"), ("intimacy problems", "sexual-dysfunction"),
])
def test_everyday_phrases_find_treatments_for_the_symptom(check_json: Any, query: str, symptom: str) -> None:
    data = search(query)
    check_json("search", data)
    assert data and data[0]["matched"]["relation"] == "treats" and symptom in data[0]["symptoms"], data[:2]
    # `matched` says which query words explained it.
    assert data[0]["matched"]["words"] and set(data[0]["matched"]["words"]) <= set(query.split())


@pytest.mark.parametrize(("query", "first"), [
    ("interferon injections", {"interferon-beta-1a", "interferon-beta-1b", "peginterferon-beta-1a"}),
    ("ldn 4.5", {"low-dose-naltrexone"}), ("obagio", {"teriflunomide"}), ("copaxane", {"glatiramer-acetate"}),
    ("tecfedera", {"dimethyl-fumarate"}), ("savitex", {"nabiximols"}), ("tizanadine", {"tizanidine"}),
    ("sipnomid", {"siponimod"}),
    ("ocrevus infusion", {"ocrelizumab"}), ("baclofen 10mg", {"baclofen"}),
    ("tirred all the time", {"amantadine", "armodafinil", "methylphenidate", "modafinil", "amphetamine-salts"}),
])
def test_one_unknown_word_or_a_dose_never_empties_the_result(query: str, first: set[str]) -> None:
    data = search(query)
    assert data and data[0]["id"] in first, data[:2]


def test_up_or_down_said_in_passing_is_no_symptom() -> None:
    result = runner.invoke(app, ["search", "cant", "get", "it", "up", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    plain = runner.invoke(app, ["search", "can't keep food down"])
    assert plain.exit_code == 1 and "no treatment matches" in plain.stderr
    assert search("i feel so down")[0]["matched"]["symptom"] == "depression"

@pytest.mark.parametrize("query", ["trouble sleeping", "memory problems", "headache", "hair loss", "insomnia"])
def test_a_side_effect_is_never_an_answer(query: str) -> None:
    data = search(query, limit=50)
    causes = [d for d in data if d["matched"]["relation"] == "causes"]
    assert all(d["matched"]["field"] == "side_effects" for d in causes)
    # The group comes after every answer, never before one.
    first_cause = next((i for i, d in enumerate(data) if d in causes), len(data))
    assert all(d["matched"]["relation"] != "causes" for d in data[:first_cause])
    assert causes == data[first_cause:]
    # Corticosteroids cause insomnia; they are no answer to "trouble sleeping".
    assert not [d for d in answers(data) if "corticosteroid" in d["drug_class"] and query == "trouble sleeping"]


def test_the_causes_group_is_labelled_on_a_terminal_and_in_plain_output() -> None:
    result = runner.invoke(app, ["--color", "always", "search", "trouble", "sleeping"])
    assert "May cause this" in result.stdout
    lines = runner.invoke(app, ["search", "trouble", "sleeping"]).stdout.splitlines()
    labelled = [i for i, line in enumerate(lines) if "may cause this" in line]
    assert labelled and labelled == list(range(labelled[0], len(lines)))  # the last rows, every one labelled


def test_a_symptom_with_no_treatment_says_how_it_is_managed() -> None:
    # The fixture's note-only symptom; the bundled ones are below.
    living = str(Path(__file__).resolve().parents[1] / "living.toml")
    result = runner.invoke(app, ["--data", living, "search", "overheating", "all", "the", "time"])
    assert result.exit_code == 1
    assert "Heat sensitivity" in result.stderr and "How it is managed: Cooling vests" in result.stderr
    quiet = runner.invoke(app, ["--data", living, "search", "overheating", "--json"])
    assert quiet.stdout.strip() == "[]" and "Heat sensitivity" not in quiet.stderr


@pytest.mark.parametrize(("query", "symptom", "managed"), [
    # Dataset 2026.11.28.4: two bundled symptoms that no medicine treats, each with its note.
    ("heat intolerance", "Heat sensitivity", "keeping cool"),
    ("uhthoff", "Heat sensitivity", "keeping cool"),
    ("slurred speech", "Speech and swallowing problems", "speech and language therapist"),
    ("choking when eating", "Speech and swallowing problems", "speech and language therapist"),
    # Dataset 2026.11.28.7: arm weakness found dalfampridine, a walking drug, through "leg weakness".
    ("arm weakness", "Muscle weakness", "occupational therapist"),
    ("weak hands", "Muscle weakness", "occupational therapist"),
    ("weakness", "Muscle weakness", "physiotherapist"),
    # A symptom no treatment is for lists no drug that may cause it in place of an answer.
    ("trouble swallowing", "Speech and swallowing problems", "speech and language therapist"),
    ("muscle weakness", "Muscle weakness", "physiotherapist"),
    # Dataset 2026.11.28.10: these listed sildenafil and tadalafil, which treat erection problems.
    ("low libido", "Low desire, arousal, orgasm or genital sensation", "Sex therapy"),
    ("vaginal dryness", "Low desire, arousal, orgasm or genital sensation", "antidepressants"),
    ("trouble reaching orgasm", "Low desire, arousal, orgasm or genital sensation", "erection problems"),
    # Dataset 2026.11.28.11: these listed melatonin, which treats neither.
    ("restless legs", "Restless legs", "iron deficiency"), ("jimmy legs", "Restless legs", "Ask your doctor"),
    ("sleep apnea", "Sleep apnoea", "CPAP"), ("snoring", "Sleep apnoea", "dental splint"),
])
def test_a_bundled_symptom_no_medicine_treats_says_how_it_is_managed(query: str, symptom: str, managed: str) -> None:
    result = runner.invoke(app, ["search", *query.split()])
    assert result.exit_code == 1 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert f"{symptom}: no treatment in msrx is for it. How it is managed:" in said and managed in said
    assert said.count("no treatment in msrx is for it") == 1  # walking, also half named by "weakness", has its drugs
    assert "did you mean" not in said  # the note is the answer, no spelling to try
    quiet = runner.invoke(app, ["search", *query.split(), "--json"])
    assert (quiet.exit_code, quiet.stdout.strip()) == (1, "[]")


@pytest.mark.parametrize(("query", "first", "noted"), [
    # Each symptom said whole: the answers for the one with treatments, the note for the
    # other. "anxiety and slurred speech" found nothing (its meaning was read as speech
    # alone); "anxiety and insomnia" put melatonin first as "similar" and the
    # antidepressants, which treat anxiety, among what may cause insomnia.
    ("anxiety and slurred speech", "anxiety", "Speech and swallowing problems"),
    ("restless legs and anxiety", "anxiety", "Restless legs"),
    ("anxiety and insomnia", "anxiety", None),
    ("weakness and fatigue", "fatigue", "Muscle weakness"),
])
def test_symptoms_listed_together_each_get_their_answer(query: str, first: str, noted: str | None) -> None:
    data = search(*query.split())
    assert data and data[0]["symptoms"].count(first) == 1 and data[0]["matched"]["relation"] == "treats"
    found = [d for d in data if d["matched"]["relation"] == "treats"]
    assert all(d["matched"]["relation"] != "similar" for d in data)
    if query == "anxiety and insomnia":
        # Both symptoms answered: melatonin for the insomnia, after the anxiety drugs
        # (approved before investigational); fluoxetine treats, it is not a cause here.
        assert "melatonin" in [d["id"] for d in found] and "fluoxetine" in [d["id"] for d in found]
    said = " ".join(runner.invoke(app, ["search", *query.split()]).stderr.split())
    if noted:
        assert said.count("no treatment in msrx is for it") == 1 and f"{noted}: no treatment" in said
    else:
        assert "no treatment in msrx is for it" not in said


def test_a_symptom_half_of_an_answer_gets_no_note() -> None:
    # The walking drugs answer "leg weakness" whole: weakness's note would contradict them.
    result = runner.invoke(app, ["search", "leg", "weakness"])
    assert result.exit_code == 0 and "dalfampridine" in result.stdout.lower()
    assert "no treatment in msrx is for it" not in result.stderr


def test_a_question_of_a_named_treatment_lists_no_sleep_drug_for_stay() -> None:
    assert [d["id"] for d in search("how", "long", "can", "you", "stay", "on", "tysabri")] == ["natalizumab"]


@pytest.mark.parametrize("query", ["what are the symptoms of ms", "early signs of ms"])
def test_symptoms_in_general_point_to_the_symptom_list(query: str) -> None:
    result = runner.invoke(app, ["search", *query.split()])
    assert result.exit_code == 1 and result.stdout == ""
    assert "msrx symptoms lists those it knows" in " ".join(result.stderr.split())


def test_a_treatment_named_with_what_it_is_for_is_no_side_effect_question() -> None:
    data = search("botox", "for", "bladder")
    assert data[0]["id"] == "onabotulinumtoxina" and data[0]["topic"] is None


@pytest.mark.parametrize(("query", "topic"), [
    ("how many mavenclad tablets", "administration"), ("briumvi infusion time", "administration"),
    ("ponvory titration", "administration"), ("mavenclad year 2", "administration"),  # was warnings
    ("how many years is lemtrada given", "administration"), ("lemtrada how many courses", "administration"),  # warnings
    ("can i drink on baclofen", "warnings"),
    ("my body reacts badly to copaxone", "side_effects"), ("tysabri works for me", "effectiveness"),  # both none
    ("tecfidera nebenwirkungen", "side_effects"), ("ocrevus grossesse", "pregnancy"),  # German, French: none
])
def test_everyday_ways_of_asking_how_it_is_taken_or_its_risks(query: str, topic: str) -> None:
    data = search(*query.split())
    assert data[0]["topic"]["field"] == topic


def test_fertility_asks_about_pregnancy_and_a_new_dog_asks_nothing() -> None:
    data = search("am", "i", "likely", "to", "encounter", "fertility", "issues", "after", "hsct")
    assert data[0]["id"] == "ahsct" and data[0]["topic"]["field"] == "pregnancy"
    assert search("we", "have", "a", "new", "dog") == []


def test_a_filter_that_leaves_nothing_says_so_and_no_false_note() -> None:
    result = runner.invoke(app, ["search", "foot", "drop", "--status", "withdrawn"])
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and "no treatment matches 'foot drop' with --status withdrawn" in said
    # Walking has treatments (dalfampridine): the filter, not the symptom, left nothing.
    assert "no treatment in msrx is for it" not in said and "did you mean" not in said


@pytest.mark.parametrize(("query", "first", "symptom"), [
    ("numbness", "amitriptyline", "neuropathic-pain"),  # found sildenafil, through "pereneal numbness"
    ("numb feet", "amitriptyline", "neuropathic-pain"),
    ("lhermitte", "amitriptyline", "neuropathic-pain"),  # found nothing
    ("optic neuritis", "methylprednisolone-iv", "relapse"),  # found memantine (for nystagmus)
])
def test_sensory_words_and_optic_neuritis_find_their_treatments(query: str, first: str, symptom: str) -> None:
    data = search(query)
    assert (data[0]["id"], data[0]["matched"]["symptom"]) == (first, symptom)


@pytest.mark.parametrize(("query", "first", "symptom"), [
    # Dataset 2026.11.28.5. Vision words began with memantine, which is tried only for
    # nystagmus; the commonest MS eye problem is optic neuritis, and its steroid comes first.
    ("blurred vision", "methylprednisolone-iv", "vision"),
    ("double vision", "methylprednisolone-iv", "vision"),
    ("eye pain", "methylprednisolone-iv", "vision"),
    # Eyes that move on their own are a symptom of their own: gabapentin, then memantine.
    ("nystagmus", "gabapentin", "nystagmus"),
    ("oscillopsia", "gabapentin", "nystagmus"),
    ("whirling eyes", "gabapentin", "nystagmus"),
])
def test_vision_and_eye_movement_words_find_their_own_treatments(query: str, first: str, symptom: str) -> None:
    data = search(*query.split())
    assert (data[0]["id"], data[0]["matched"]["symptom"]) == (first, symptom)
    if symptom == "nystagmus":
        assert data[1]["id"] == "memantine"


def test_the_vision_answer_reads_first_on_a_terminal() -> None:
    result = runner.invoke(app, ["--color", "always", "search", "blurred", "vision"])
    assert result.exit_code == 0
    out = result.stdout
    assert 0 <= out.find("Methylpredniso") < out.find("Memantine")  # the name may be cut to fit 80 columns
    listed = runner.invoke(app, ["symptoms", "nystagmus"])
    assert listed.exit_code == 0 and "gabapentin" in listed.stdout and "memantine" in listed.stdout


def test_a_phrase_said_whole_lists_only_its_own_treatments() -> None:
    # "emotional incontinence" is pseudobulbar affect; its "incontinence" listed bladder drugs after it.
    data = answers(search("emotional", "incontinence", limit=50))
    assert [d["id"] for d in data] == ["dextromethorphan-quinidine"]
    shown = runner.invoke(app, ["--color", "always", "search", "emotional", "incontinence"])
    assert shown.exit_code == 0 and "Dextrometh" in shown.stdout and "Oxybutynin" not in shown.stdout


def test_a_risk_named_alone_is_labelled_a_warning_on_a_terminal_in_plain_text_and_in_json(check_json: Any) -> None:
    data = search("pml")
    check_json("search", data)
    assert data[0]["id"] == "natalizumab" and data[0]["matched"]["field"] == "warnings"
    assert all(d["matched"]["relation"] == "causes" for d in data)
    shown = runner.invoke(app, ["--color", "always", "search", "pml"])
    assert shown.exit_code == 0 and "May cause this: side effects or warnings" in shown.stdout
    plain = runner.invoke(app, ["search", "pml"]).stdout.splitlines()
    assert plain and all("may cause this (warning): pml" in line for line in plain)


def test_asking_whether_a_drug_causes_a_risk_answers_from_its_warnings(check_json: Any) -> None:
    data = search("Does", "Gilenya", "Cause", "PML?")
    check_json("search", data)
    assert data[0]["id"] == "fingolimod" and data[0]["topic"]["field"] == "warnings"
    code, out = as_seen("does gilenya cause pml")
    assert code == 0 and "Warnings: Fingolimod" in out and "leukoencephalopathy (PML)" in out
    classes = search("Interferons don't help MSers?")
    assert [d["topic"]["field"] for d in classes[:3]] == ["effectiveness"] * 3


@pytest.mark.parametrize("query", ["diarrhoea", "loose stools", "constipation"])
def test_bowel_words_list_the_bulk_former_before_the_laxatives(query: str) -> None:
    data = search(query)
    assert data[0]["id"] == "psyllium" and data[0]["matched"]["symptom"] == "bowel"
    code, out = as_seen(query)
    assert code == 0 and 0 <= out.find("Psyllium") < out.find("Bisacodyl")
    listed = runner.invoke(app, ["symptoms", "bowel", "--json"])
    assert json.loads(listed.stdout)["symptom"]["first_choice"] == ["psyllium"]


def test_a_phrase_word_beside_an_unknown_word_finds_nothing() -> None:
    result = runner.invoke(app, ["search", "Festival", "of", "Books", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    shown = runner.invoke(app, ["--color", "always", "search", "Festival of Books"])
    assert shown.exit_code == 1 and "Donepezil" not in shown.stdout


def test_is_it_safe_and_a_neurologist_read_as_people_mean_them(check_json: Any) -> None:
    data = search("is", "tysabri", "safe")
    check_json("search", data)
    assert data[0]["id"] == "natalizumab" and data[0]["topic"]["field"] == "warnings"
    assert [d["id"] for d in search("my neuro wants me on rituximab")] == ["rituximab"]
    code, out = as_seen("starting aubagio tomorrow")
    assert code == 0 and "Teriflunomide" in out and "Warnings:" not in out


def test_a_boxed_warning_written_in_short_still_answers_a_name_said_with_its_harm(check_json: Any) -> None:
    data = search("rituxan", "pml")
    check_json("search", data)
    assert data[0]["id"] == "rituximab" and data[0]["topic"]["field"] == "warnings"
    code, out = as_seen("rituxan pml")
    assert code == 0 and "Warnings: Rituximab" in out


def test_feeling_terrible_after_infusions_answers_from_the_side_effects(check_json: Any) -> None:
    data = search("people report feeling terrible after ocrevus infusions")
    check_json("search", data)
    assert (data[0]["id"], data[0]["topic"]["field"]) == ("ocrelizumab", "side_effects")
    code, out = as_seen("felt awful on tecfidera")
    assert code == 0 and "Side effects: Dimethyl fumarate" in out


def test_a_harm_in_other_words_than_the_label_answers_from_its_side_effects(check_json: Any) -> None:
    data = search("dexamethasone insomnia")
    check_json("search", data)
    assert [(d["id"], d["topic"]["field"]) for d in data] == [("dexamethasone", "side_effects")]
    code, out = as_seen("dexamethasone insomnia")
    assert code == 0 and "trouble sleeping" in out and "Melatonin" not in out


def test_a_question_of_a_named_harm_answers_only_of_that_treatment(check_json: Any) -> None:
    data = search("does baclofen make you sleepy")
    check_json("search", data)
    assert [d["id"] for d in data] == ["baclofen", "baclofen-intrathecal"]
    assert {d["topic"]["field"] for d in data} == {"side_effects"}
    code, out = as_seen("heart failure on Rebif")
    assert code == 0 and "Interferon beta-1a" in out
    assert "Bupropion" not in out and "Fluoxetine" not in out


def test_a_long_sentence_far_in_meaning_from_its_one_symptom_word_finds_nothing() -> None:
    roses = "my roses are under stress and the plumeria will not bloom this year"
    result = runner.invoke(app, ["search", roses, "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    shown = runner.invoke(app, ["--color", "always", "search", roses])
    assert shown.exit_code == 1 and "Fluoxetine" not in shown.stdout


def test_a_vitamin_whose_number_is_written_apart_is_not_biotin() -> None:
    result = runner.invoke(app, ["search", "vitamin b 12", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    shown = runner.invoke(app, ["--color", "always", "search", "vitamin b 12"])
    assert shown.exit_code == 1 and "biotin" not in shown.stdout.casefold()


def test_a_word_that_says_when_is_no_reason_to_guess() -> None:
    # "never" is in walking's "never pass a sobriety test"; it says when, not what.
    result = runner.invoke(app, ["search", "I will never watch another cricket game", "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []
    shown = runner.invoke(app, ["--color", "always", "search", "I will never watch another cricket game"])
    assert shown.exit_code == 1 and "Dalfampridine" not in shown.stdout
    early = "I have had MS since the early 1970s and was formally diagnosed in 1994."
    result = runner.invoke(app, ["search", early, "--json"])
    assert result.exit_code == 1 and json.loads(result.stdout) == []


@pytest.mark.parametrize("query", ["something to slow the progression", "prevent relapses", "stop ms getting worse"])
def test_asking_what_a_dmt_does_lists_dmts_approved_first(query: str) -> None:
    data = search(query)
    assert len(data) >= 5 and all(d["category"] == "dmt" for d in data)
    assert [d["status"] for d in data[:5]] == ["approved"] * 5
    assert data[0]["matched"]["field"] == "category"


def test_i_think_is_a_hedge_not_a_thinking_problem() -> None:
    data = search("I think I might be having a relapse")
    assert data and all(d["category"] == "relapse" for d in data)
    assert search("I can't think straight")[0]["matched"]["symptom"] == "cognition"


def test_a_category_the_query_is_about_beats_a_word_said_in_passing() -> None:
    # "start" is half of a bladder phrase; the sentence is about a relapse.
    data = answers(search("is this the start of a relapse"))
    assert data and all(d["category"] == "relapse" for d in data)
    # A symptom said in full still wins: the relapse word only counts then.
    assert search("relapse fatigue")[0]["matched"]["symptom"] == "fatigue"


@pytest.mark.parametrize("query", ["pill for relapsing ms", "oral ms medication", "the ms pill"])
def test_pill_for_ms_lists_oral_dmts_approved_first(query: str) -> None:
    data = search(query)
    assert len(data) >= 5
    assert all(d["category"] == "dmt" for d in data)
    assert [d["status"] for d in data[:9]] == ["approved"] * 9
    from msrx.api import load

    ref = load()
    assert all("oral" in ref.get(d["id"]).routes for d in data)  # type: ignore[union-attr]
    # Meaningful order, not alphabetical: the longest FDA track record first.
    years = [ref.get(d["id"]).fda_approval_year for d in data[:9]]  # type: ignore[union-attr]
    assert years == sorted(years)  # type: ignore[type-var]


@pytest.mark.parametrize(("query", "route"), [("jab", "subcutaneous"), ("infusion", "intravenous"), ("drip", "intravenous")])
def test_route_words_filter_by_route_dmts_first(query: str, route: str) -> None:
    from msrx.api import load

    ref = load()
    data = search(query, limit=30)
    assert data and data[0]["category"] == "dmt" and data[0]["status"] == "approved"
    groups = {"subcutaneous": {"subcutaneous", "intramuscular"}, "intravenous": {"intravenous"}}[route]
    assert all(groups & set(ref.get(d["id"]).routes) for d in data)  # type: ignore[union-attr]


def test_how_often_words_filter_by_dosing_interval() -> None:
    data = search("every 6 months")
    assert {d["id"] for d in data} >= {"ocrelizumab", "ublituximab"}
    assert search("once a week as a shot into your muscle")[0]["id"] == "interferon-beta-1a"
    # How often, said in German: a named treatment answers how it is given.
    first = search("Botox alle drei Monate")[0]
    assert (first["id"], first["topic"]["field"]) == ("onabotulinumtoxina", "administration")


@pytest.mark.parametrize(("query", "status_or_category"), [
    ("relapse", "relapse"), ("flare", "relapse"), ("steroids for a relapse", "relapse"),
    ("new ms drugs", "investigational"), ("ms drug trials", "investigational"), ("disease modifying", "dmt"),
])
def test_intent_words_pick_the_category_or_status(query: str, status_or_category: str) -> None:
    data = search(query)
    assert data and all(status_or_category in (d["status"], d["category"]) for d in data)


@pytest.mark.parametrize(("query", "klass"), [
    ("B cell", "anti-CD20"), ("interferon", "interferon"), ("S1P", "S1P"), ("fumarate", "fumarate"),
    ("steroid", "corticosteroid"), ("CRAB drugs", "interferon"),
])
def test_class_words_people_use_return_the_class(query: str, klass: str) -> None:
    data = search(query)
    assert data and klass.casefold() in data[0]["drug_class"].casefold()


def test_matched_names_every_field_that_explains_the_query() -> None:
    [top, *_] = search("pill for relapsing ms")
    fields = {top["matched"]["field"], *(m["field"] for m in top["matched"].get("also", []))}
    assert fields == {"category", "route"}


@pytest.mark.parametrize("query", ["constipated", "xyzzyqq", "plasma"])
def test_did_you_mean_offers_only_close_spellings(query: str) -> None:
    result = runner.invoke(app, ["search", "qqconstipatted"])
    assert "Plasma exchange" not in result.stderr
    near = runner.invoke(app, ["search", "tolebrutx"])
    assert "did you mean: Tolebrutinib" in near.stderr
    assert "did you mean" not in runner.invoke(app, ["search", "xyzzyqq"]).stderr


def test_a_search_about_suicide_says_where_to_get_help_first() -> None:
    result = runner.invoke(app, ["search", "thinking", "about", "suicide"])
    assert "988" in result.stderr and "116 123" in result.stderr
    assert result.exit_code == 0 and "bupropion" in result.stdout  # the treatments still follow
    quiet = runner.invoke(app, ["search", "thinking", "about", "suicide", "--json"])
    assert "988" not in quiet.stderr  # scripts get the data alone, as with the disclaimer
    json.loads(quiet.stdout)
    assert "988" not in runner.invoke(app, ["search", "low", "mood"]).stderr
    shown = runner.invoke(app, ["symptoms", "depression"])
    assert shown.stdout.startswith("urgent\t") and "116 123" in shown.stdout.splitlines()[0]
    unknown = runner.invoke(app, ["symptoms", "suicidal"])  # no symptom is called that: still the message
    assert unknown.exit_code == 1 and "988" in unknown.stderr and "unknown symptom" in unknown.stderr


def test_a_guess_says_it_is_one() -> None:
    result = runner.invoke(app, ["search", "my", "legs", "went", "on", "vacation"])
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first[4].startswith('guess: ') and '(from "legs"' in first[4], first
    data = search("my", "legs", "went", "on", "vacation")
    assert data and all(d["matched"]["relation"] == "guess" and d["score"] <= 50 for d in data)


def test_a_question_about_a_treatment_gets_that_field_with_its_sources(check_json: Any) -> None:
    data = search("can I get pregnant on Ocrevus?")
    check_json("search", data)
    assert data[0]["id"] == "ocrelizumab"
    topic = data[0]["topic"]
    assert topic["field"] == "pregnancy" and topic["value"]["summary"]
    assert topic["sources"] and all(s["url"].startswith("https://") for s in topic["sources"])
    assert search("ocrevus")[0]["topic"] is None  # no question, no topic


@pytest.mark.parametrize(("query", "first", "field"), [
    ("blood tests for tysabri", "natalizumab", "monitoring"),
    ("how often is the ocrevus infusion", "ocrelizumab", "administration"),
    ("breastfeeding on kesimpta", "ofatumumab", "breastfeeding"),
    ("flu jab on gilenya", "fingolimod", "vaccines"),
    ("what happens when you stop taking tysabri", "natalizumab", "stopping"),
    ("does tecfidera really work", "dimethyl-fumarate", "effectiveness"),
    ("is tysabri every 4 weeks", "natalizumab", "administration"),  # a name said with how often
    ("how long until tysabri kicks in", "natalizumab", "effectiveness"),  # not how long an infusion takes
    ("how long does it take for kesimpta to work", "ofatumumab", "effectiveness"),
    ("how long do ocrevus side effects last", "ocrelizumab", "side_effects"),
    ("tysabri not working", "natalizumab", "effectiveness"), ("copaxone success stories", "glatiramer-acetate", "effectiveness"),
    ("how is lemtrada given", "alemtuzumab", "administration"), ("when do you take vumerity", "diroximel-fumarate", "administration"),
    # A symptom drug has no effectiveness block of trial results: its evidence says how well it works.
    ("does gabapentin work", "gabapentin", "evidence"), ("how well does baclofen work", "baclofen", "evidence"),
    ("does ampyra help walking", "dalfampridine", "evidence"), ("can baclofen help with spasms", "baclofen", "evidence"),
    ("did tysabri help you", "natalizumab", "effectiveness"),
    ("what to expect on first ocrevus infusion", "ocrelizumab", "administration"),  # not the infusion-reaction warning
])
def test_everyday_questions_about_a_treatment(query: str, first: str, field: str) -> None:
    data = search(query)
    assert data[0]["id"] == first and data[0]["topic"]["field"] == field


def test_a_terminal_prints_the_answer_with_its_sources_and_the_disclaimer() -> None:
    result = runner.invoke(app, ["--color", "always", "search", "blood", "tests", "for", "tysabri"])
    assert result.exit_code == 0
    out = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).split())  # no colour codes, no wrapping
    assert "Monitoring: Natalizumab" in out and "anti-JCV antibody blood test" in out
    assert "https://dailymed.nlm.nih.gov/" in out and "not medical advice" in out
    # Piped output stays one tab-separated row per treatment, for scripts.
    piped = runner.invoke(app, ["search", "blood", "tests", "for", "tysabri"]).stdout.splitlines()
    assert len(piped) == 1 and piped[0].split("\t")[0] == "natalizumab"


def test_a_topic_alone_says_to_name_a_treatment() -> None:
    result = runner.invoke(app, ["search", "side", "effects"])
    assert result.exit_code == 1
    assert '"side effects" is answered per treatment' in result.stderr
    assert 'msrx search "ocrevus side effects"' in result.stderr
    cure = runner.invoke(app, ["search", "is there a cure for ms"])
    assert 'msrx search "ocrevus cure"' in cure.stderr  # not "ocrevus a cure": the article is not the topic
    quiet = runner.invoke(app, ["search", "how", "often", "--json"])
    assert quiet.exit_code == 1 and quiet.stdout.strip() == "[]"


def test_two_names_weighed_up_get_a_compare_hint() -> None:
    result = runner.invoke(app, ["search", "tecfidera", "vs", "aubagio"])
    assert result.exit_code == 0
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert set(ids[:2]) == {"dimethyl-fumarate", "teriflunomide"}
    assert "msrx compare" in result.stderr and "dimethyl-fumarate" in result.stderr and "teriflunomide" in result.stderr
    assert "compare" not in runner.invoke(app, ["search", "tecfidera", "vs", "aubagio", "--json"]).stderr  # scripts: no hint
    assert "compare" not in runner.invoke(app, ["search", "tired", "or", "exhausted"]).stderr  # a symptom, no two names


def test_a_sentence_naming_ms_is_read_for_its_symptom_not_for_ms() -> None:
    # The meaning check read "MS" as much as the rest: "MS fatigue" was closest.
    data = search("my", "MS", "stopped", "my", "gut", "from", "working")
    assert data[0]["matched"]["symptom"] == "bowel" and data[0]["matched"]["relation"] == "similar"
    shown = runner.invoke(app, ["search", "my MS stopped my gut from working"])
    assert shown.exit_code == 0 and "psyllium" in shown.stdout.lower() and "modafinil" not in shown.stdout.lower()


def test_pain_lists_the_usual_first_choices_first(check_json: Any) -> None:
    # "pain" began with low-dose naltrexone (the one pain treatment with no other symptom).
    data = search("pain")
    check_json("search", data)
    assert [d["id"] for d in data[:4]] == ["amitriptyline", "duloxetine", "gabapentin", "pregabalin"]
    shown = runner.invoke(app, ["symptoms", "pain"])
    assert shown.exit_code == 0 and "amitriptyline,duloxetine,gabapentin,pregabalin" in shown.stdout


def test_an_infection_gets_no_bladder_drug_and_a_plain_message() -> None:
    # "urinary tract infection" listed oxybutynin, which treats no infection.
    data = search("urinary", "tract", "infection")
    assert data and all(d["matched"]["relation"] == "causes" for d in data)
    result = runner.invoke(app, ["search", "bladder infections keep coming back"])
    assert result.exit_code == 1 and "oxybutynin" not in result.stdout
    assert "msrx holds no treatment for infections" in result.stderr and "did you mean" not in result.stderr


@pytest.mark.parametrize("query", ["erectile dysfunction", "trouble with erections", "impotence", "sexual dysfunction"])
def test_erection_problems_and_sexual_problems_in_general_list_the_erection_tablets(query: str) -> None:
    hits = json.loads(runner.invoke(app, ["search", *query.split(), "--json"]).stdout)
    assert [h["id"] for h in hits[:2]] == ["sildenafil", "tadalafil"]
    assert {h["matched"]["symptom"] for h in hits[:2]} == {"sexual-dysfunction"}


def test_how_well_a_symptom_drug_works_is_answered_from_its_evidence_not_not_stated() -> None:
    result = runner.invoke(app, ["--color", "always", "search", "does", "gabapentin", "work"])
    out = " ".join(re.sub(r"\x1b\[[0-9;]*m", "", result.stdout).split())
    assert result.exit_code == 0 and "Evidence: Gabapentin" in out and "postherpetic neuralgia" in out
    assert "not stated" not in out
    # A DMT still answers with its trial results.
    data = search("how effective is ocrevus")
    assert data[0]["topic"]["field"] == "effectiveness" and "OPERA" in data[0]["topic"]["value"]["trial"]


def test_a_product_named_before_a_route_word_lists_no_drug_taken_that_way() -> None:
    # "acid suppression pills" names a product msrx does not hold, not every oral drug.
    assert search("A lot of doctors like to propose taking acid suppression pills") == []
    result = runner.invoke(app, ["search", "taking acid suppression pills"])
    assert result.exit_code == 1 and "Fingolimod" not in result.stdout
    assert "no treatment matches 'taking acid suppression pills'" in result.stderr


def test_a_form_of_ms_or_treatment_in_general_is_answered_with_the_dmts() -> None:
    data = search("I would like to know if anything treats SPMS")
    assert data and data[0]["matched"]["field"] == "ms_form" and data[0]["category"] == "dmt"
    data = search("after an unexpected pregnancy must you stop all treatment straight away")
    assert data and data[0]["category"] == "dmt" and data[0]["topic"]["field"] == "pregnancy"
    code, out = as_seen("after an unexpected pregnancy must you stop all treatment straight away")
    assert code == 0 and "Pregnancy" in out


def test_chronic_or_acute_alone_is_no_half_of_a_symptom_phrase() -> None:
    assert search("a friend of mine has an acute interest in old trains and model railways") == []
    assert search("chronic", "pain")[0]["matched"]["symptom"] == "pain"  # said with what, it still names it


@pytest.mark.parametrize("query", ["symptoms worse in the heat", "symptoms worse after a hot bath",
                                   "symptoms worse with a fever"])
def test_symptoms_worse_in_the_heat_get_the_cooling_note_not_steroids(query: str) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code == 1 and "Methylprednisolone" not in result.stdout
    assert "Heat sensitivity" in result.stderr and "keeping cool" in result.stderr


def test_a_pseudo_relapse_gets_its_note_not_steroids() -> None:
    result = runner.invoke(app, ["search", "pseudo relapse"])
    assert result.exit_code == 1 and "Methylprednisolone" not in result.stdout
    assert "Pseudo-relapse" in result.stderr and "steroids do not help" in result.stderr


def test_a_sentence_that_means_a_symptom_no_medicine_treats_prints_its_note() -> None:
    result = runner.invoke(app, ["search", "not even be able to hold my arm up in the air without it falling back down"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "Muscle weakness: no treatment in msrx is for it" in result.stderr
    assert "did you mean" not in result.stderr  # the note, not a spelling to try
    assert search("not even be able to hold my arm up in the air without it falling back down") == []


def test_dantamacrin_and_a_long_term_question() -> None:
    assert search("Dantamacrin")[0]["id"] == "dantrolene"
    assert [(d["id"], d["matched"]["field"]) for d in search("PK-Merz")[:1]] == [("amantadine", "alias")]  # German brand
    data = search("will Campath definitely work in the long term?")
    assert data[0]["id"] == "alemtuzumab" and data[0]["topic"]["field"] == "effectiveness"


@pytest.mark.parametrize(("query", "topic", "label"), [
    ("I started off with the 22mcg of Rebif", "administration", "How taken:"),
    ("Copaxone reduces the chance of a relapse by around 30%", "effectiveness", "Effectiveness:"),
    ("what happens if somebody has a bad reaction to Solu-Medrol", "side_effects", "Side effects"),
    ("does mavenclad work for progressive ms", "effectiveness", "Effectiveness:"),
    ("Provigil has been a life saver", "evidence", "Evidence:"),
    ("ocrevus infusion", "administration", "How taken:"),
    ("Could the steroids be working?", "effectiveness", "Effectiveness:"),
    ("Kesimpta has made a huge difference", "effectiveness", "Effectiveness:"),
    ("we want to try for a baby, can I stay on Copaxone", "pregnancy", "Pregnancy:"),
])
def test_a_dose_an_aim_or_a_reaction_said_of_a_named_treatment_shows_that_part(query: str, topic: str,
                                                                                label: str) -> None:
    data = search(query)
    assert data[0]["topic"]["field"] == topic
    code, out = as_seen(query)
    assert code == 0 and label in out, out[:400]


def test_a_sentence_about_a_shop_is_no_relapse() -> None:
    assert search("Pharmacies do not take returns.") == []
    code, out = as_seen("Pharmacies do not take returns.")
    assert code == 1 and "Methylprednisolone" not in out


def test_pills_and_ivs_in_a_sentence_about_something_else_find_nothing() -> None:
    assert search("He prescribed two more pills to add to my daily cocktail of meds to help stimulate my thyroid") == []
    assert search("The IV benedryl really did me in this time.") == []
    assert search("is there a pill i can take daily")[0]["matched"]["field"] in ("route", "interval")


def test_trying_to_fall_pregnant_lists_the_dmts_with_their_pregnancy_advice() -> None:
    data = search("I haven't yet gone on to a DMT as I am trying to fall pregnant")
    assert data and data[0]["category"] == "dmt" and data[0]["topic"]["field"] == "pregnancy"
    code, out = as_seen("I haven't yet gone on to a DMT as I am trying to fall pregnant")
    assert code == 0 and "Pregnancy" in out and "Dalfampridine" not in out


@pytest.mark.parametrize(("name", "first"), [
    ("Avloire", "carbamazepine"), ("Xenidate XL", "methylphenidate"), ("Foquest", "methylphenidate"),
    ("Rubifen", "methylphenidate"), ("Octostim", "desmopressin"), ("ReciGen", "interferon-beta-1a"),
    ("Stesolid", "diazepam"), ("Driptane", "oxybutynin"), ("Iktorivil", "clonazepam"), ("Dociton", "propranolol"),
])
def test_brands_from_other_countries_find_their_substance(name: str, first: str) -> None:
    data = search(name)
    assert data and data[0]["id"] == first and data[0]["matched"]["field"] == "alias"


@pytest.mark.parametrize(("name", "first"), [
    ("Dimethylfumarat", "dimethyl-fumarate"), ("Diroximelfumarat", "diroximel-fumarate"),
    ("Glatiramerazetat", "glatiramer-acetate"), ("plasmaexchange", "plasma-exchange"),
])
def test_a_name_written_as_one_word_finds_it(name: str, first: str) -> None:
    # German writes the substance as one word; a typo of the run-together name still finds it.
    data = search(name)
    assert data and data[0]["id"] == first and data[0]["matched"]["field"] == "name"


@pytest.mark.parametrize("query", ["Kortison", "corticoides", "corticosteroidi", "Cortison", "cortisone"])
def test_steroids_in_other_languages_find_the_relapse_steroids(query: str) -> None:
    data = search(query)
    assert data and all(d["category"] == "relapse" and d["matched"]["field"] == "drug_class" for d in data)


@pytest.mark.parametrize("query", ["another oral treatment", "other oral treatments", "tratamiento oral",
                                   "un autre traitement par voie orale"])
def test_which_one_and_treatment_in_other_languages_leave_the_route_to_answer(query: str) -> None:
    # "other" found an antidepressant ("other" of a depression phrase), "another" emptied the answer.
    data = search(query)
    assert data and all(d["matched"]["field"] == "route" for d in data)


def test_steroids_in_tablet_form_in_german_are_the_oral_relapse_steroids() -> None:
    data = search("Kortison, wie auch sonst immer, hochdosiert – aber in Tablettenform.")
    assert data and all(d["category"] == "relapse" and d["matched"]["also"][0]["field"] == "route" for d in data)
    assert {d["id"] for d in data} >= {"methylprednisolone-oral", "prednisone-high-dose"}
    assert "methylprednisolone-iv" not in {d["id"] for d in data}


@pytest.mark.parametrize("query", ["zur Stammzelltransplantation in Moskau", "greffe de cellules souches"])
def test_stem_cell_transplants_in_other_languages_find_the_stem_cell_treatments(query: str) -> None:
    data = search(query)
    assert data and data[0]["id"] == "ahsct" and data[0]["matched"]["field"] == "drug_class"


@pytest.mark.parametrize(("query", "first", "topic"), [
    ("I was worried about how Ocrevus was going to affect the baby.", "ocrelizumab", "pregnancy"),
    ("el antihistamínico por si el ocrelizumab me diese alergia", "ocrelizumab", "administration"),
    ("allergic reaction to Tysabri", "natalizumab", "side_effects"),
    ("Ocrevus allergy", "ocrelizumab", "side_effects"),
    ("Vorbereitung auf die erste Gabe von Ocrevus", "ocrelizumab", "administration"),
    ("3 Tage je 1gr Cortison", "methylprednisolone-iv", "administration"),
    ("Tecfidera Blutuntersuchung", "dimethyl-fumarate", "monitoring"),
    ("I am often very tired after Ocrevus, this lasts for a long period of time", "ocrelizumab", "side_effects"),
    ("Solu-Medrol is delivered through an intravenous solution", "methylprednisolone-iv", "administration"),
    ("il fingolimod, un farmaco che riduce le ricadute del 52%", "fingolimod", "effectiveness"),
    ("Too old for Gilenya?", "fingolimod", "warnings"),
    ("un set de bolus de solumédrol de 4 jours", "methylprednisolone-iv", "administration"),
])
def test_what_is_asked_of_a_named_treatment_in_more_words(query: str, first: str, topic: str) -> None:
    data = search(query)
    assert data and data[0]["id"] == first and data[0]["topic"]["field"] == topic


def test_a_word_of_the_name_itself_asks_nothing_of_it() -> None:
    # "Allergy" in the brand "Dayhist Allergy" is no question about allergic reactions.
    data = search("Dayhist Allergy")
    assert data and data[0]["id"] == "clemastine" and data[0].get("topic") is None


@pytest.mark.parametrize("query", ["Fumarsäureester", "fumaric acid esters"])
def test_fumaric_acid_esters_are_the_fumarates(query: str) -> None:
    data = search(query)
    assert {d["id"] for d in data} == {"dimethyl-fumarate", "diroximel-fumarate", "monomethyl-fumarate"}


@pytest.mark.parametrize("query", ["a metal rod for a spine", "I keep asking myself why this happened"])
def test_a_spine_or_a_pronoun_names_no_symptom(query: str) -> None:
    # They found dizziness ("spinning") and depression ("feeling bad about myself").
    assert search(query) == []


def test_a_sentence_about_a_named_treatment_answers_with_it_first() -> None:
    # "the Tysabri nurse said ..." is about Tysabri, not a request for bladder drugs.
    data = search("the Tysabri nurse said my bladder urgency is normal")
    assert data[0]["id"] == "natalizumab" and data[0]["matched"]["field"] == "brand"


def test_a_name_and_its_numbered_abbreviation_together_find_it() -> None:
    # Numbers are no content words ("10mg"), but "4" is part of "4-aminopyridine".
    data = search("4-Aminopyridine (4-AP)")
    assert data and data[0]["id"] == "dalfampridine" and data[0]["matched"]["field"] == "alias"


@pytest.mark.parametrize(("phrase", "note"), [
    ("dashing from shady spot to shady spot", "Heat sensitivity"),  # was vision's "blind spot"
    ("it takes both hands to turn a doorknob", "Muscle weakness"),
    ("I mumble and my voice softens", "Speech and swallowing problems"),
])
def test_how_people_put_a_symptom_no_medicine_treats_gives_its_note(phrase: str, note: str) -> None:
    # Heat sensitivity, weakness and speech had no patients' phrases before stop 45.
    result = runner.invoke(app, ["search", phrase])
    said = " ".join(result.stderr.split())
    assert result.exit_code == 1 and result.stdout == "" and said.startswith(f"msrx: {note}: no treatment in msrx is for it.")


@pytest.mark.parametrize(("phrase", "symptom"), [
    ("looking through a soap sudded shower screen", "vision"),  # was the heat note ("shower")
    ("insects crawling over your skin", "itching"),  # listed nerve-pain drugs before dataset 2026.11.29.8
    ("From no need at all to total desperation", "bladder"),  # found nothing
    # Dataset 2026.11.29.9; each found nothing before.
    ("I feel like I have been run over by a juggernaut", "fatigue"),
    ("held hostage by the sofa again", "fatigue"),
    ("the lane lines on the road seem to converge", "vision"),
])
def test_a_patients_phrase_finds_its_symptoms_treatments(phrase: str, symptom: str) -> None:
    data = search(phrase)
    assert data and symptom in data[0]["symptoms"] and data[0]["matched"]["field"] == "symptom"


@pytest.mark.parametrize(("query", "symptom"), [
    ("problemas de equilibrio", "dizziness"),  # was "Problemas de erección", through "problemas de"
    ("ho disturbi urinari", "bladder"),
])
def test_words_that_only_say_something_is_wrong_name_no_symptom_in_other_languages(query: str, symptom: str) -> None:
    first = search(query)[0]
    assert first["matched"]["symptom"] == symptom, first["matched"]


def test_an_english_word_is_no_name_in_another_language_it_only_resembles() -> None:
    # "March" stems as French "marche" does; "problèmes de marche" is walking, the month is not.
    assert search("Here it is, March 24th and I am looking outside on a snow flurry filled day") == []


@pytest.mark.parametrize(("query", "symptom", "said"), [
    ("Müdigkeit", "fatigue", "Müdigkeit"),
    ("j'ai des vertiges tous les matins", "dizziness", "vertiges"),
    ("incontinenza urinaria", "bladder", "incontinenza urinaria"),
    # A word of a name in another language that is no English word names half of it.
    ("siempre con sentimientos raros", "depression", "sentimientos de desesperanza"),
    # Single everyday words (dataset 2026.11.29.15): the organ, the verb as a person writes it.
    ("anche di notte la mia vescica non dorme mai", "bladder", "vescica"),
    ("ik moet de hele nacht plassen", "bladder", "plassen"),
    ("un gros choc électrique dans la jambe", "neuropathic-pain", "électrique"),
    ("no puedo recordar nada", "cognition", "recordar"),
    ("estar cansada todo el día", "fatigue", "cansada"),  # round 4 (2026.11.29.16)
    # Round 5 (2026.11.29.17): Portuguese, Danish, Norwegian, Swedish, and Finnish, Polish, Czech.
    ("plutselig tissetrang", "bladder", "plutselig tissetrang"), ("jeg har søvnvansker", "sleep", "søvnvansker"),
    ("pieczenie w nogach", "neuropathic-pain", "pieczenie"), ("únava", "fatigue", "Únava"),
    ("uupuminen", "fatigue", "Uupuminen"), ("cansaço", "fatigue", "cansaço"),
])
def test_a_symptom_said_in_another_language_lists_its_treatments(query: str, symptom: str, said: str) -> None:
    first = search(query)[0]
    assert first["matched"]["symptom"] == symptom and first["matched"]["value"] == said, first["matched"]


@pytest.mark.parametrize(("name", "treatment"), [
    ("oxibutinina", "oxybutynin"), ("ossibutinina", "oxybutynin"), ("ciclofosfamida", "cyclophosphamide"),
    ("metilfenidato", "methylphenidate"), ("fluossetina", "fluoxetine"), ("idrossizina", "hydroxyzine"),
    ("fenitoína", "phenytoin"), ("cyklofosfamid", "cyclophosphamide"),
])
def test_a_drug_named_as_spanish_and_italian_write_it_finds_it(name: str, treatment: str) -> None:
    first = search(name)[0]
    assert (first["id"], first["matched"]["field"]) == (treatment, "name")


def test_a_french_request_for_a_pill_before_an_infusion_lists_oral_dmts() -> None:
    first = search("Y'a-t-il un autre traitement par voie orale avant de passer à un traitement par perfusion?")[0]
    assert (first["category"], first["matched"]["value"]) == ("dmt", "voie orale")


def test_a_long_sentence_ending_on_a_medicine_for_ms_lists_the_dmts() -> None:
    data = search("Once again, the day has come for me to choose what medicine to take for my multiple sclerosis.")
    assert data and all(d["category"] == "dmt" for d in data)
    assert data[0]["matched"]["value"] == "medicine to take for my multiple sclerosis"


@pytest.mark.parametrize(("query", "said"), [
    ("sustituir las tres inyecciones semanales por alguna pastilla", "sustituir las tres inyecciones"),
    ("switch from injections to a pill", "pill"),
    ("tabletki na stwardnienie rozsiane", "tabletki"),
    ("behandling med tabletter", "tabletter"),
])
def test_a_pill_asked_for_in_more_ways_lists_the_oral_dmts(query: str, said: str) -> None:
    first = search(query)[0]
    assert (first["category"], first["matched"]["field"], first["matched"]["value"]) == ("dmt", "route", said)


@pytest.mark.parametrize(("query", "treatment", "field"), [
    # Questions in more languages (stop 49).
    ("ocrevus efeitos secundarios", "ocrelizumab", "side_effects"),
    ("gilenya raskaus", "fingolimod", "pregnancy"),
    ("kesimpta dawkowanie", "ofatumumab", "administration"),
    ("Na het zien van de manier van toedienen voelde ik angst voor de Avonex", "interferon-beta-1a", "administration"),
    ("abandonei o Copaxone", "glatiramer-acetate", "stopping"),
    ("Decidi abandonar foi o interferon!", "interferon-beta-1b", "stopping"),  # the class, now that it records stopping
    ("steroids while pregnant", "methylprednisolone-iv", "pregnancy"),  # the class, now that the steroids record pregnancy
    # What a sentence says beside a name: not its warnings' words around a harm.
    ("After some practical advice from anyone who has had Lemtrada on a day case basis.", "alemtuzumab", "administration"),
    ("Lemtrada, my neurologist tells me, should reboot the immune system", "alemtuzumab", "effectiveness"),
    ("Mavenclad - a pill which is taken in two treatment courses, twelve months apart", "cladribine", "administration"),
    ("no relapses since starting Tysabri", "natalizumab", "effectiveness"),
    ("relapse free for 3 years on Copaxone", "glatiramer-acetate", "effectiveness"),
])
def test_what_is_said_beside_a_name_asks_its_field(query: str, treatment: str, field: str) -> None:
    first = search(query)[0]
    assert (first["id"], first["topic"]["field"]) == (treatment, field)


@pytest.mark.parametrize(("query", "treatment", "field"), [
    ("Tecfideratherapie", "dimethyl-fumarate", "brand"), ("Kortisonbehandlung", "methylprednisolone-iv", "drug_class"),
    ("Gilenyabehandling", "fingolimod", "brand"), ("Plasmaferes", "plasma-exchange", "name"),
])
def test_a_name_inside_a_compound_word_is_found(query: str, treatment: str, field: str) -> None:
    first = search(query)[0]
    assert (first["id"], first["matched"]["field"]) == (treatment, field)


def test_a_name_late_in_a_long_sentence_in_another_language_is_found() -> None:
    first = search("Pudimos hablar de la fallida prueba con el baclofeno intratecal")[0]
    assert (first["id"], first["matched"]["field"]) == ("baclofen-intrathecal", "name")


def test_a_name_spelt_as_another_language_does_is_found_in_a_sentence() -> None:
    first = search("O medicamento mais comum chama-se metilprednisolona")[0]
    assert (first["id"], first["matched"]["field"]) == ("methylprednisolone-iv", "name")


def test_a_word_that_only_sounds_like_a_drug_in_another_language_is_none() -> None:
    # "Prosecco" sounds like Prozac with its last vowel gone; it does not look like it.
    assert search("Prosecco") == []


@pytest.mark.parametrize(("brand", "treatment"), [
    ("Urbason", "methylprednisolone-iv"), ("Decortin", "prednisone-high-dose"), ("Cortancyl", "prednisone-high-dose"),
    ("Fortecortin", "dexamethasone"), ("Mantadix", "amantadine"), ("Redomex", "amitriptyline"),
    ("Sipralexa", "escitalopram"), ("Agyrax", "meclizine"), ("Spagulax", "psyllium"), ("Mucofalk", "psyllium"),
    ("Fontex", "fluoxetine"), ("Trimonil", "carbamazepine"), ("Eleva", "sertraline"),
    # Stop 50's sweep of regulator pages for names outside the US, and research codes.
    ("Clairyg", "ivig"), ("Tegeline", "ivig"), ("Solu-Moderín", "methylprednisolone-iv"), ("Bedranol", "propranolol"),
    ("Setofilm", "ondansetron"), ("Desunin", "high-dose-vitamin-d"), ("ispaghula husk", "psyllium"),
    ("CEP-10953", "armodafinil"), ("ICP-022", "orelabrutinib"), ("MK-733", "simvastatin"), ("Ocrevus SC", "ocrelizumab-hyaluronidase"),
    ("PRN2246", "tolebrutinib"), ("Glatect", "glatiramer-acetate"), ("GP2013", "rituximab"), ("E2020", "donepezil"),
    # Stop 51: names checked one by one on primary pages.
    ("Ebexantron", "mitoxantrone"), ("Novantron", "mitoxantrone"), ("Teberif", "interferon-beta-1a"),
    ("BCD-033", "interferon-beta-1a"), ("Vistabel", "onabotulinumtoxina"),
])
def test_brands_sold_outside_the_us_name_their_treatment(brand: str, treatment: str) -> None:
    first = search(brand)[0]
    assert (first["id"], first["matched"]["field"]) == (treatment, "alias")


@pytest.mark.parametrize("query", ["low platelets", "low blood pressure", "low lymphocyte count", "low sodium"])
def test_a_low_test_result_answers_with_what_may_cause_it_not_low_mood(query: str) -> None:
    hits = search(query)
    assert hits and {h["matched"]["relation"] for h in hits} == {"causes"}
    assert all(h["matched"]["field"] == "side_effects" for h in hits)
    assert search("low mood")[0]["matched"]["symptom"] == "depression"


@pytest.mark.parametrize(("query", "first", "path", "value"), [
    ("No sé vosotros qué tal toleráis los corticoides", "methylprednisolone-iv", "topic.field", "side_effects"),
    ("I couldn't tolerate Tecfidera", "dimethyl-fumarate", "topic.field", "side_effects"),
    ("tomar corticoides orales en casa", "methylprednisolone-oral", "matched.also.0.field", "route"),
    ("inspuiten", "interferon-beta-1b", "matched.field", "route"),
    ("Tysabri worked wonders", "natalizumab", "topic.field", "effectiveness"),
    ("Vorteile von Kesimpta", "ofatumumab", "topic.field", "effectiveness"),
    ("les effets bénéfiques du Sativex", "nabiximols", "topic.field", "evidence"),  # its evidence stands in
])
def test_tolerating_a_treatment_how_it_went_and_more_words_for_how_it_is_taken(query: str, first: str, path: str, value: str) -> None:
    hit = search(query)[0]
    assert hit["id"] == first
    assert value_at(hit, path) == value


@pytest.mark.parametrize(("query", "treatment"), [("baklofenu", "baclofen"), ("vysoké dávky sulmedrolu", "methylprednisolone-iv")])
def test_a_misspelt_name_inflected_as_polish_or_czech_do_is_found(query: str, treatment: str) -> None:
    first = search(query)[0]
    assert first["id"] == treatment and first["matched"]["field"] in ("id", "name", "brand")


@pytest.mark.parametrize("query", ["i hate needles", "scared of needles",
                                   "the idea of not having to routinely jab a needle into myself is too wonderful"])
def test_needles_said_alone_are_injections_not_pins_and_needles(query: str) -> None:
    assert all(h["matched"].get("symptom") != "neuropathic-pain" for h in search(query))


def test_pins_and_needles_is_still_nerve_pain_and_no_needles_asks_for_a_pill() -> None:
    assert search("pins and needles in my hands")[0]["matched"]["symptom"] == "neuropathic-pain"
    first = search("no needles please")[0]
    assert first["category"] == "dmt" and first["matched"] == {
        "field": "route", "value": "no needles", "words": ["no needles"], "relation": None}


def test_lying_low_is_no_low_mood() -> None:
    said = "On the days that I know I will be tackling a new recipe for dinner, I lay low for the day."
    assert all(h["matched"].get("symptom") != "depression" for h in search(said))


def test_a_side_effect_said_in_german_beside_betaferon_asks_about_its_side_effects() -> None:
    first = search("Betaferon verstärkte bei ihr auch krankheitsbedingte Depressionen")[0]
    assert (first["id"], first["topic"]["field"]) == ("interferon-beta-1b", "side_effects")
    first = search("Mein Mann hat unter Tecfideratherapie ein starkes Absinken der Lymphozyten")[0]
    assert (first["id"], first["topic"]["field"]) == ("dimethyl-fumarate", "side_effects")


def test_dentro_inside_is_no_misspelt_brand() -> None:
    # Portuguese, Spanish and Italian "inside" is two letters from Detrol (tolterodine).
    assert all(h["id"] != "tolterodine" for h in search("dores neuropáticas que queimam, formigam e rasgam por dentro"))
    assert search("dentro") == []


@pytest.mark.parametrize(("query", "wrong"), [
    ("un autre problème qui me suit depuis plus d'un an, à savoir que j'ai les pieds brulants", "carbamazepine"),
    ("achar um medico", "corticotropin"),
    ("konnte ich mit dem rechten Bein nicht mehr so richtig laufen", "melatonin"),
    # German "stimmte" (of "stimmt", was right) is no misspelt Stimate (desmopressin).
    ("die Standortangabe der Haltestelle stimmte nicht", "desmopressin"),
])
def test_an_everyday_word_of_another_language_names_no_treatment(query: str, wrong: str) -> None:
    assert all(h["id"] != wrong for h in search(query))


@pytest.mark.parametrize(("query", "first", "topic"), [
    ("Mi primer día con Copaxone.", "glatiramer-acetate", "administration"),
    ("Ensuite, j'ai eu Gilenya® mais j'ai eu trop de pertes de cheveux.", "fingolimod", "side_effects"),
    ("my hair loss saga with Tecfidera", "dimethyl-fumarate", "side_effects"),
    ("Seit September 2014 nehme ich das Medikament (Aubagio) nicht mehr.", "teriflunomide", "stopping"),
    ("Wäre es denkbar, Gilenya abzusetzen?", "fingolimod", "stopping"),
    ("ich nehme azathioprin und wir haben einen Kinderwunsch", "azathioprine", "pregnancy"),
])
def test_a_first_day_hair_loss_no_longer_taking_it_and_wanting_a_child_ask_their_topic(query: str, first: str, topic: str) -> None:
    hit = search(query)[0]
    assert (hit["id"], hit["topic"]["field"]) == (first, topic)


@pytest.mark.parametrize(("query", "first", "topic"), [
    ("can you die from Tysabri", "natalizumab", "warnings"),
    ("deaths on Lemtrada", "alemtuzumab", "warnings"),
    ("Neurologen siger til min søn, at Tysabri kan man dø af", "natalizumab", "warnings"),
    ("Tysabri kan hjælpe på permanente skader", "natalizumab", "effectiveness"),
    ("Siponimod, som kan være til hjælp for mennesker med sekundær progressiv sclerose", "siponimod", "effectiveness"),
    ("Fampyra me ayudó mucho", "dalfampridine", "evidence"),
    ("la tossina botulinica, per vedere se può essere utile al mio caso", "onabotulinumtoxina", "evidence"),
    ("Tysabri pour voir si ça marche", "natalizumab", "effectiveness"),
    ("is Ampyra useful", "dalfampridine", "evidence"),
    ("The key thing to look out for with Tec is lymphocyte levels.", "dimethyl-fumarate", "monitoring"),
    ("Tecfidera caused low lymphocyte counts", "dimethyl-fumarate", "side_effects"),
    ("Ocrevus and IgG levels", "ocrelizumab", "monitoring"),
    # Stop 54: pre-filled in another language, and protection.
    ("o Avonex, que consiste em seringas pré-cheias", "interferon-beta-1a", "administration"),
    ("Copaxone Fertigspritzen", "glatiramer-acetate", "administration"),
    ("Hvilken beskyttelse yder Medrol mod attakker?", "methylprednisolone-oral", "effectiveness"),
    ("does Ocrevus protect against progression", "ocrelizumab", "effectiveness"),
    ("la fallida prueba con el baclofeno intratecal", "baclofen-intrathecal", "evidence"),
    ("Ocrevus ... J'espère qu'il freinera les nouvelles poussées", "ocrelizumab", "effectiveness"),
    ("Bendito Tysabri.... casi no puedo creerlo.", "natalizumab", "effectiveness"),
    ("Fampyra is a proven medication", "dalfampridine", "evidence"),
    ("C’est souvent à base de corticoïdes en cure.", "methylprednisolone-iv", "administration"),
    ("Das Aubagio bleibt ja bis zu zwei Jahre im Körper.", "teriflunomide", "stopping"),
])
def test_words_said_beside_a_name_ask_their_topic(
        query: str, first: str, topic: str) -> None:
    hit = search(query)[0]
    assert (hit["id"], hit["topic"]["field"]) == (first, topic)


@pytest.mark.parametrize(("query", "first", "topic"), [
    ("prevedeva che mi iniettassi una siringa di Copaxone a giorni alterni", "glatiramer-acetate", "administration"),
    ("Copaxone tres veces por semana", "glatiramer-acetate", "administration"),
    ("Ocrevus zweimal im Jahr", "ocrelizumab", "administration"),
])
def test_how_often_in_another_language_asks_how_a_named_drug_is_given(query: str, first: str, topic: str) -> None:
    hit = search(query)[0]
    assert (hit["id"], hit["topic"]["field"]) == (first, topic)


@pytest.mark.parametrize("query", ["toxina botulínica", "Mi è stato così proposto di provare la tossina botulinica.",
                                   "inyecciones de toxina botulinica en la vejiga"])
def test_botulinum_toxin_in_spanish_portuguese_and_italian_is_botox(query: str) -> None:
    hit = search(query)[0]
    assert (hit["id"], hit["matched"]["field"]) == ("onabotulinumtoxina", "alias")


def test_a_weekly_injection_in_spanish_lists_the_weekly_interferon() -> None:
    hit = search("inyección semanal")[0]
    assert (hit["id"], hit["matched"]["field"]) == ("interferon-beta-1a", "interval")


@pytest.mark.parametrize(("query", "first"), [("die Tysabri Infusion", "natalizumab"), ("Die Aubagio", "teriflunomide")])
def test_the_german_article_die_asks_no_risk(query: str, first: str) -> None:
    hit = search(query)[0]
    assert hit["id"] == first and (hit["topic"] or {}).get("field") != "warnings"


@pytest.mark.parametrize(("query", "symptom"), [
    ("Die Finger krampfen einfach fest", "spasticity"),
    ("Soms is een broodje eten al fysiek uitputtend", "fatigue"),
    ("Stolpernd, schwankend und humpelt bewege ich mich nach Hause.", "walking"),
    # Ending a compound (stop 54): Muskel + Krämpfe.
    ("immer wieder nächtliche Muskelkrämpfe", "spasticity"), ("Muskelkrämpfe", "spasticity"),
])
def test_another_form_of_a_symptom_word_in_another_language_finds_the_symptom(query: str, symptom: str) -> None:
    assert search(query)[0]["matched"]["symptom"] == symptom
