"""A plain-language check for Dutch text: the Flesch-Douma score with long-sentence and long-word
warnings (issue 8, item 6). Pure Python: no Django import, no dictionary, no network.

    from casus.answers.readability import score
    result = score("Wij hebben uw vraag ontvangen. U krijgt binnen drie weken antwoord.")
    result.score, result.level, result.warnings

The formula (W.H. Douma, 1960, Flesch's Reading Ease adapted to Dutch):

    score = 206.84 - 0.77 * (syllables per 100 words) - 0.93 * (average words per sentence)

Levels. Douma's own table (quoted in "Leesbaarheid", Tijdschrift voor Taalbeheersing 1977,
https://dbnl.org/tekst/_taa014197701_01/_taa014197701_01_0089.php) reads: 0-30 zeer moeilijk
(universiteit), 30-45 moeilijk (hbs), 45-60 tamelijk moeilijk (mulo), 60-70 normaal (7e klas lo),
70-80 tamelijk gemakkelijk, 80-90 gemakkelijk, 90-100 zeer gemakkelijk. Casus folds it into five
labels; 60 and up is what most readers (lager middelbaar onderwijs, about taalniveau B1) read without
effort, so that band is labelled "makkelijk (B1)":

    score >= 80  zeer makkelijk
    60 - 80      makkelijk (B1)
    45 - 60      redelijk
    30 - 45      moeilijk
    < 30         zeer moeilijk

A formula counts; it does not understand. The warnings (sentences over 20 words, words of 4 or more
syllables or 15 or more letters) say what to change; the writer decides.

Counting rules:
- Syllables are vowel groups. A group of several vowels is split into the Dutch vowel units it is
  made of (ieu, eeu, oei, aai, ooi, aa, ee, oo, uu, ie, oe, eu, ei, ij, ui, ou, au, ...): "draaien"
  is draai-en, "individueel" in-di-vi-du-eel. A trema starts a new syllable: ge-ïn-for-meerd, ru-ï-ne.
  A final -e is a syllable in Dutch (ge-meen-te), so it is simply counted.
- An acronym is spelled out, one syllable per letter: "Awb" (aa-wee-bee), "WOZ", "BSN".
- A number or date ("12-04-2026", "1.500", "9:6") is one word of one syllable and never a long word.
  Names (a capital inside a sentence) are never long words either: the writer cannot shorten them.
- Abbreviations ("bijv.", "o.a.", "d.w.z.", "art.", initials like "J.") do not end a sentence; nor
  does a full stop followed by a lower-case letter.
- A line break ends a sentence unless the next line goes on in lower case (a wrapped line), so
  headings, salutations and list items (a line starting with -, *, • or 1.) are sentences of their own.
- A few everyday words are long by the count but known to every reader ("vriendelijke",
  "informatie", "telefoonnummer", ...): they are no long words (EVERYDAY_WORDS).
- Template text: Django tags ({% ... %}) and comments ({# ... #}) are left out, HTML tags too (a
  paragraph, list item, heading or <br> ends a sentence); a variable ({{ naam }}) or a placeholder
  ({naam}) counts as one word of two syllables, like a typical name or date.

Showing it while writing (htmx, no JavaScript of your own). Any textarea on a Casus page can get the
live check with these attributes and the include of the result box:

    <textarea name="text" id="id_text" aria-describedby="id_text_leesbaarheid"
              hx-post="{% url 'answers:readability' %}" hx-trigger="input changed delay:600ms, load"
              hx-target="#id_text_leesbaarheid" hx-swap="innerHTML"></textarea>
    {% include "answers/_readability.html" with target="id_text_leesbaarheid" %}

(`input` rather than `keyup changed delay:600ms`: it also fires on a paste with the mouse, on
dictation and on autofill.) The endpoint reads the posted field named by `field` (default "text"; add
hx-vals='{"field": "closing_text"}' for another name) and answers with the fragment
answers/_readability_result.html. htmx sends the CSRF token from the page's form
(`{% csrf_token %}` inside the same <form>), or add hx-headers with the token otherwise. For a Django
form field, set the same attributes through the widget: `casus.answers.widgets.readability_attrs()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LONG_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 4
LONG_WORD_LETTERS = 15
VARIABLE_SYLLABLES = 2

# (lower bound, label): the first band whose bound the score reaches.
LEVELS: tuple[tuple[float, str], ...] = (
    (80, "zeer makkelijk"),
    (60, "makkelijk (B1)"),
    (45, "redelijk"),
    (30, "moeilijk"),
    (float("-inf"), "zeer moeilijk"),
)
B1_THRESHOLD = 60

# Dutch vowel units, longest first: each is one syllable nucleus.
VOWEL_UNITS = (
    "ieu", "eeu", "oei", "aai", "ooi", "uui",
    "aa", "ee", "oo", "uu", "ie", "oe", "eu", "ei", "ij", "ui", "ou", "au", "ai", "oi", "ay", "ey", "oy",
)  # fmt: skip
PLAIN_VOWELS = frozenset("aeiouyáàâéèêíìîóòôúùû")
TREMA_VOWELS = frozenset("äëïöü")  # a trema opens a new syllable

# Abbreviations whose full stop does not end a sentence (lower case, with their dots). Dotted letter
# groups like "d.w.z." and single-letter initials are recognised by pattern as well.
ABBREVIATIONS = frozenset(
    {
        "bijv.", "bv.", "o.a.", "d.w.z.", "m.b.t.", "t.a.v.", "i.v.m.", "z.s.m.", "a.u.b.", "t.z.t.", "e.d.",
        "n.a.v.", "i.p.v.", "t.o.v.", "m.i.v.", "o.b.v.", "v.w.b.", "e.v.", "nr.", "blz.", "art.", "mr.",
        "dhr.", "mevr.", "drs.", "dr.", "ir.", "ing.", "prof.", "jl.", "vgl.", "zgn.", "incl.", "excl.",
        "ca.", "resp.", "tel.", "jr.", "sr.", "ong.", "min.", "max.", "afd.", "str.", "plm.",
        "etc.", "enz.",
    }
)  # fmt: skip
# Known acronyms written in mixed or lower case; all-capital words of 2-5 letters are acronyms too.
# Long by the count, but everyday words every reader knows: no warning.
EVERYDAY_WORDS = frozenset(
    {"vriendelijke", "informatie", "telefoonnummer", "telefonisch", "medewerker", "rekeningnummer", "geboortedatum"}
)
ACRONYMS = frozenset({"awb", "wmo", "woo", "atw", "bsn", "woz", "uwv", "svb", "ggd", "avg", "kvk", "aow", "cjg"})

_TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}", re.S)
_TEMPLATE_VAR = re.compile(r"\{\{.*?\}\}|\{[a-z_][a-z0-9_]*\}", re.S)
_BLOCK_END = re.compile(r"<br\s*/?>|</?(?:p|li|ul|ol|h[1-6]|div|tr|td|th|dt|dd|blockquote)\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:nbsp|amp|euro|quot|#\d+);")
VARIABLE_WORD = "Xvariabele"  # stands in for a template variable while counting

_TOKEN = re.compile(
    r"\d+(?:[.,:/-]\d+)*"  # numbers, amounts, dates, articles (9:6)
    r"|[^\W\d_]+(?:['’-][^\W\d_]+)*",  # words, with apostrophes and hyphens (auto's, e-mail)
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")  # d.w.z., o.a., a.u.b.
_INITIAL = re.compile(r"^[A-Z]\.$")


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int


@dataclass(frozen=True)
class Readability:
    score: float
    level: str
    words: int
    sentences: int
    syllables: int
    long_sentences: list[Sentence] = field(default_factory=list)
    long_words: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_b1(self) -> bool:
        return self.words > 0 and self.score >= B1_THRESHOLD

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


# --- syllables -----------------------------------------------------------------------------------


def syllables(word: str) -> int:
    """Syllables of one Dutch word (see the module docstring for the rules)."""
    if word == VARIABLE_WORD:
        return VARIABLE_SYLLABLES
    if _is_number(word):
        return 1
    parts = re.split(r"[-'’]", word)
    if len(parts) > 1:
        return sum(syllables(part) for part in parts if part) or 1
    if is_acronym(word):
        return len(word)
    return max(1, _count_nuclei(word.lower()))


def _count_nuclei(word: str) -> int:
    count, i = 0, 0
    while i < len(word):
        char = word[i]
        if char in TREMA_VOWELS:
            count, i = count + 1, i + 1
        elif _vowelish(word, i):
            group_end = i
            while group_end < len(word) and _vowelish(word, group_end):
                group_end += 1
            count += _units_in(word[i:group_end])
            i = group_end
        else:
            i += 1
    return count


def _vowelish(word: str, i: int) -> bool:
    """A plain vowel, or the j of 'ij' (a vowel in Dutch). A y before a vowel is a consonant (yoga)."""
    char = word[i]
    if char == "j":
        return i > 0 and word[i - 1] == "i"
    if char == "y" and word[i + 1 : i + 2] and word[i + 1] in PLAIN_VOWELS:
        return i > 0 and word[i - 1] in "aeo"  # 'ay', 'ey', 'oy' before a vowel stay a unit
    return char in PLAIN_VOWELS


def _units_in(group: str) -> int:
    """Greedy split of a vowel group into Dutch vowel units: 'ieu' is one, 'iaa' (sociaal) two."""
    units, i = 0, 0
    while i < len(group):
        step = next((len(unit) for unit in VOWEL_UNITS if group.startswith(unit, i)), 1)
        units, i = units + 1, i + step
    return units


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    if letters.lower() in ACRONYMS:
        return True
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


# --- text ----------------------------------------------------------------------------------------


def plain_text(text: str) -> str:
    """The readable text of a template: tags and comments out, variables as one stand-in word, HTML
    tags out (block ends become line breaks), entities as spaces."""
    text = _TEMPLATE_COMMENT.sub(" ", text)
    text = _TEMPLATE_TAG.sub(" ", text)
    text = _TEMPLATE_VAR.sub(VARIABLE_WORD, text)
    text = _BLOCK_END.sub("\n\n", text)
    text = _HTML_TAG.sub(" ", text)
    return _ENTITY.sub(" ", text)


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (abbreviations and wrapped lines kept together)."""
    found: list[str] = []
    for block in _blocks(text):
        found.extend(_split_block(block))
    return [sentence for sentence in found if _TOKEN.search(sentence)]


def _blocks(text: str) -> list[str]:
    """Lines joined back where the next line goes on in lower case (a wrapped sentence)."""
    blocks: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            blocks.append("")
            continue
        item = re.sub(r"^(?:[-*•–]|\d+[.)])\s+", "", stripped)  # a list item's bullet or number
        wrapped = bool(blocks and blocks[-1]) and not blocks[-1].endswith((".", "!", "?"))
        continues = item == stripped and wrapped and item[:1].islower()
        stripped = item
        if continues:
            blocks[-1] = f"{blocks[-1]} {stripped}"
        else:
            blocks.append(stripped)
    return [block for block in blocks if block]


def _split_block(block: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(block):
        before = block[start : match.start() + 1].split()
        last = before[-1] if before else ""
        after = block[match.end() : match.end() + 1]
        if _keeps_going(last, after):
            continue
        parts.append(block[start : match.end()].strip())
        start = match.end()
    parts.append(block[start:].strip())
    return [part for part in parts if part]


def _keeps_going(last_token: str, next_char: str) -> bool:
    """A full stop after an abbreviation or an initial, or before a lower-case letter, is no end."""
    if next_char.islower():
        return True
    token = last_token.lstrip("([\"'“‘")
    if token.lower() in ("enz.", "etc."):
        return False  # these often end a sentence; the capital after them decides
    return token.lower() in ABBREVIATIONS or bool(_DOTTED.match(token)) or bool(_INITIAL.match(token))


def words(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def _is_long(word: str, first_in_sentence: bool) -> bool:
    if _is_number(word) or word == VARIABLE_WORD or is_acronym(word):
        return False
    parts = [part for part in re.split(r"[-'’]", word) if part]
    if len(parts) > 1:  # a compound like "WOZ-beschikking": judge its parts
        return any(_is_long(part, first_in_sentence) for part in parts if not part[:1].isupper() or first_in_sentence)
    if word[:1].isupper() and not first_in_sentence:
        return False  # a name
    if word.lower() in EVERYDAY_WORDS:
        return False
    return syllables(word) >= LONG_WORD_SYLLABLES or len(word) >= LONG_WORD_LETTERS


# --- the score -----------------------------------------------------------------------------------


def level_for(value: float) -> str:
    return next(label for bound, label in LEVELS if value >= bound)


def score(text: str) -> Readability:
    """The Flesch-Douma score of `text` (plain text or template text) with its warnings."""
    found = sentences(plain_text(text or ""))
    counted = [(sentence, words(sentence)) for sentence in found]
    total_words = sum(len(tokens) for _, tokens in counted)
    if total_words == 0:
        return Readability(0.0, "", 0, 0, 0)
    total_syllables = sum(syllables(word) for _, tokens in counted for word in tokens)
    value = 206.84 - 0.77 * (100 * total_syllables / total_words) - 0.93 * (total_words / len(counted))
    value = round(value, 1)
    long_sentences = [
        Sentence(sentence, len(tokens)) for sentence, tokens in counted if len(tokens) > LONG_SENTENCE_WORDS
    ]
    long_words = _long_words(counted)
    result = Readability(
        score=value, level=level_for(value), words=total_words, sentences=len(counted), syllables=total_syllables,
        long_sentences=long_sentences, long_words=long_words,
    )  # fmt: skip
    return Readability(**{**result.__dict__, "warnings": _warnings(result)})


def _long_words(counted: list[tuple[str, list[str]]]) -> list[str]:
    """Long words in order of appearance, each once."""
    seen: dict[str, str] = {}
    for _, tokens in counted:
        for position, word in enumerate(tokens):
            if _is_long(word, position == 0) and word.lower() not in seen:
                seen[word.lower()] = word
    return list(seen.values())


def _warnings(result: Readability) -> list[str]:
    """Dutch sentences the writer can act on, most useful first."""
    warnings = []
    if result.score < B1_THRESHOLD:
        warnings.append(
            f"De tekst is {result.level} (score {round(result.score)}). Voor taalniveau B1 is 60 of hoger het doel."
        )
    count = len(result.long_sentences)
    if count:
        zinnen = "zin is" if count == 1 else "zinnen zijn"
        warnings.append(f"{count} {zinnen} langer dan {LONG_SENTENCE_WORDS} woorden. Maak er twee zinnen van.")
    if result.long_words:
        more = len(result.long_words) - 6
        shown = ", ".join(result.long_words[:6]) + (f" (en nog {more})" if more > 0 else "")
        warnings.append(f"Lange woorden: {shown}. Kies waar het kan een korter of bekender woord.")
    return warnings
