"""The Dutch plain-language check (casus.answers.readability): syllables counted by hand, sentences,
template text, the Flesch-Douma score and its levels, and the warnings a writer can act on."""

from __future__ import annotations

import pytest

from casus.answers import readability
from casus.answers.readability import score, sentences, syllables

# Hand-counted: the hyphens show the syllables as a Dutch dictionary splits them.
HAND_COUNTED = {
    "bezwaarschrift": 3,  # be-zwaar-schrift
    "ontvangstbevestiging": 6,  # ont-vangst-be-ves-ti-ging
    "geïnformeerd": 4,  # ge-ïn-for-meerd
    "Awb": 3,  # aa-wee-bee (spelled out)
    "ruïne": 3,  # ru-ï-ne
    "België": 3,  # Bel-gi-ë
    "coördinator": 5,  # co-ör-di-na-tor
    "financiële": 5,  # fi-nan-ci-ë-le
    "zeeën": 2,  # zee-ën
    "energietoeslag": 5,  # e-ner-gie-toe-slag
    "bijzondere": 4,  # bij-zon-de-re
    "bijstand": 2,  # bij-stand
    "gemeente": 3,  # ge-meen-te
    "uitbetaald": 3,  # uit-be-taald
    "nieuwe": 2,  # nieu-we
    "eeuw": 1,  # eeuw
    "moeilijk": 2,  # moei-lijk
    "draaien": 2,  # draai-en
    "mooie": 2,  # mooi-e
    "ooievaar": 3,  # ooi-e-vaar
    "individueel": 5,  # in-di-vi-du-eel
    "sociaal": 3,  # so-ci-aal
    "situatie": 4,  # si-tu-a-tie
    "januari": 4,  # ja-nu-a-ri
    "informatie": 4,  # in-for-ma-tie
    "alstublieft": 3,  # als-tu-blieft
    "beschikking": 3,  # be-schik-king
    "ingebrekestelling": 6,  # in-ge-bre-ke-stel-ling
    "hoorzitting": 3,  # hoor-zit-ting
    "vrouw": 1,  # vrouw
    "uw": 1,  # uw
    "e-mail": 2,  # e-mail
    "WOZ-beschikking": 6,  # wee-oo-zet-be-schik-king
    "kindertoeslag": 4,  # kin-der-toe-slag
    "terugvordering": 5,  # te-rug-vor-de-ring
    "radio": 3,  # ra-di-o
    "yoga": 2,  # yo-ga
    "baby": 2,  # ba-by
    "wijziging": 3,  # wij-zi-ging
    "ijs": 1,  # ijs
}

B1_TEXT = """Beste mevrouw Jansen,

Wij hebben uw vraag over de energietoeslag gekregen. Dank u wel. U krijgt het geld binnen vier weken
op uw rekening. Dat is uiterlijk 12 december. Heeft u dan nog niets gekregen? Bel ons dan op 14 036.
Wij helpen u graag.

Met vriendelijke groet,
Team Inkomen"""

LEGALESE = (
    "Naar aanleiding van uw bezwaarschrift d.d. 12 april 2026, ingekomen op 14 april 2026, tegen de "
    "beschikking van het college van burgemeester en wethouders inzake de afwijzing van uw aanvraag om "
    "bijzondere bijstand, delen wij u mede dat het college, gelet op het bepaalde in artikel 7:10 lid 3 van "
    "de Algemene wet bestuursrecht (Awb), heeft besloten de beslissing op uw bezwaarschrift voor ten hoogste "
    "zes weken te verdagen, teneinde de noodzakelijke informatie ten behoeve van een zorgvuldige "
    "heroverweging te kunnen verkrijgen. Tevens wordt u erop geattendeerd dat, indien u van mening bent dat "
    "deze verdaging onrechtmatig is, u zich ingevolge de geldende regelgeving kunt wenden tot de Nationale "
    "ombudsman, onverminderd de mogelijkheid van het indienen van een ingebrekestelling."
)


@pytest.mark.parametrize(("word", "expected"), HAND_COUNTED.items())
def test_it_counts_dutch_syllables_like_a_dictionary(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_a_number_or_date_is_one_word_of_one_syllable() -> None:
    result = score("Wij betalen op 12-04-2026 een bedrag van 1.500 euro.")
    assert result.words == 9
    assert result.syllables == 13  # wij be-ta-len op [1] een be-drag van [1] eu-ro
    assert syllables("9:6") == 1


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Zie bijv. art. 9:6 Awb. Dat geldt o.a. voor klachten, d.w.z. niet altijd. Mr. J. de Vries belt u."
    assert sentences(text) == [
        "Zie bijv. art. 9:6 Awb.",
        "Dat geldt o.a. voor klachten, d.w.z. niet altijd.",
        "Mr. J. de Vries belt u.",
    ]


def test_a_question_mark_and_an_exclamation_mark_end_a_sentence() -> None:
    expected = ["Heeft u nog vragen?", "Bel ons!", "Wij helpen u."]
    assert sentences("Heeft u nog vragen? Bel ons! Wij helpen u.") == expected


def test_lines_list_items_and_wrapped_lines() -> None:
    text = (
        "Beste meneer De Vries,\n\nSchrijf in uw brief:\n- uw naam;\n- de datum.\n"
        "Dit is een zin die\ndoorloopt op de volgende regel."
    )
    assert sentences(text) == [
        "Beste meneer De Vries,",
        "Schrijf in uw brief:",
        "uw naam;",
        "de datum.",
        "Dit is een zin die doorloopt op de volgende regel.",
    ]


def test_template_tags_variables_and_html_are_not_read() -> None:
    template = (
        "{% load casus %}{# intern #}<h2>Uw klacht</h2><p>Beste {{ case.resident.full_name }},</p>"
        "<p>Wij hebben uw klacht {kenmerk} op {{ case.received_on|date:'j F Y' }} ontvangen.</p>"
    )
    plain = readability.plain_text(template)
    assert "{%" not in plain and "<p>" not in plain and "intern" not in plain
    assert sentences(plain) == [
        "Uw klacht",
        f"Beste {readability.VARIABLE_WORD},",
        f"Wij hebben uw klacht {readability.VARIABLE_WORD} op {readability.VARIABLE_WORD} ontvangen.",
    ]
    result = score(template)
    assert result.words == 2 + 2 + 8
    assert result.long_words == []  # a variable is never a long word


def test_a_b1_text_scores_clearly_higher_than_legalese() -> None:
    plain, legal = score(B1_TEXT), score(LEGALESE)
    assert plain.level in ("zeer makkelijk", "makkelijk (B1)") and plain.is_b1
    assert legal.level == "zeer moeilijk" and not legal.is_b1
    assert plain.score - legal.score > 50
    # The B1 letter only gets a hint about one long word (the scheme's name, which it needs).
    assert plain.warnings == ["Lange woorden: energietoeslag. Kies waar het kan een korter of bekender woord."]
    assert legal.sentences == 2 and [s.words for s in legal.long_sentences] == [83, 37]


def test_the_score_is_the_flesch_douma_formula() -> None:
    result = score("Wij bellen u morgen. U hoeft niets te doen.")
    # 9 words, 2 sentences; syllables: wij bel-len u mor-gen (6) + u hoeft niets te doen (5) = 11.
    assert (result.words, result.sentences, result.syllables) == (9, 2, 11)
    assert result.score == round(206.84 - 0.77 * (100 * 11 / 9) - 0.93 * (9 / 2), 1)


@pytest.mark.parametrize(
    ("value", "label"),
    [(95, "zeer makkelijk"), (80, "zeer makkelijk"), (79.9, "makkelijk (B1)"), (60, "makkelijk (B1)"),
     (59.9, "redelijk"), (45, "redelijk"), (44, "moeilijk"), (30, "moeilijk"), (29.9, "zeer moeilijk"),
     (-12, "zeer moeilijk")],
)  # fmt: skip
def test_the_levels_follow_doumas_table(value: float, label: str) -> None:
    assert readability.level_for(value) == label


def test_long_sentences_and_long_words_are_named_in_the_warnings() -> None:
    result = score(LEGALESE)
    assert result.long_sentences[0].text.startswith("Naar aanleiding van uw bezwaarschrift")
    assert "heroverweging" in result.long_words and "ingebrekestelling" in result.long_words
    assert "Nationale" not in result.long_words  # a name
    assert "Awb" not in result.long_words and "2026" not in result.long_words
    assert result.warnings[0] == "De tekst is zeer moeilijk (score 0). Voor taalniveau B1 is 60 of hoger het doel."
    assert result.warnings[1] == "2 zinnen zijn langer dan 20 woorden. Maak er twee zinnen van."
    assert result.warnings[2].startswith("Lange woorden: ingekomen, burgemeester, bijzondere,")
    assert "(en nog " in result.warnings[2]


def test_a_word_of_fifteen_letters_is_long_even_with_few_syllables() -> None:
    assert score("Dat is slechtziendheid.").long_words == ["slechtziendheid"]  # 15 letters, 3 syllables
    assert score("Dit is uw bezwaarschrift.").long_words == []  # 14 letters, 3 syllables
    assert score("Dit is een klachtbehandelaar.").long_words == ["klachtbehandelaar"]  # 5 syllables


def test_an_empty_text_has_no_score() -> None:
    result = score("  {% if x %}{% endif %}  ")
    assert (result.words, result.level, result.warnings) == (0, "", [])
