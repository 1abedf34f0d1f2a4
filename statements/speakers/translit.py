"""Names across scripts: a scored mapping between Latin-script names (English, Roman Urdu) and
Urdu ones, without a list of names.

`cost(latin, urdu)` is a weighted edit distance over *units*: a Latin chunk of one to five
letters ("sh", "kh", "ullah", "ee") against an Urdu chunk ("ش", "خ", "اللہ", "ی"), each pair
with a cost from CORRESPONDENCES (0 for the usual rendering, more for rarer ones), plus cheap
steps for what one script writes and the other does not: Urdu leaves short vowels out (the
English vowel costs little to drop), writes a word-initial vowel on an alef or ain, doubles no
consonant, and spaces compound names differently ("Jaishankar" / "جے شنکر"). A whole word of
one side may be left out at a price (a middle name, an initial). Anything else is a
substitution at a high price, so every pair has a cost and the ranking decides.

`similarity` turns the cost into 0..1 (1 = the usual rendering of every letter), comparable
between candidates of different lengths. `urdu_similarity` compares two Urdu spellings of one
name (پیوٹن / پوتن) through the same units; `romanize` suggests an English spelling for an Urdu
name nobody has written in English yet (rough: an editor confirms it).

Nothing here touches the database; statements/speakers/names.py finds the candidates.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from statements import urdu

# --- the two scripts, prepared --------------------------------------------------------------

_LATIN_SPECIAL = {
    "ş": "sh", "ç": "ch", "ğ": "gh", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o",
    "đ": "d", "ł": "l", "ñ": "n", "ü": "u", "ö": "o", "ä": "a", "'": "", "’": "", "`": "",
}  # fmt: skip

# Urdu letters that matching treats as one (after statements.urdu.fold).
_URDU_SAME = str.maketrans({"ں": "ن", "ۃ": "ہ", "ء": "", "ٔ": ""})


def latin(text: str) -> str:
    """Lower-case Latin letters and single spaces: accents off, Turkish ş ç as sh ch."""
    text = text.lower()
    text = "".join(_LATIN_SPECIAL.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def urdu_letters(text: str) -> str:
    """Urdu letters (folded as search folds them, ں as ن) and single spaces."""
    text = urdu.fold(text).translate(_URDU_SAME)
    return " ".join(re.sub(r"[^\u0600-\u06ff]+", " ", text).split())


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isascii() or unicodedata.combining(c) or ord(c) < 0x250
                                 for c in letters)  # fmt: skip


# Letters read by their names, as initials and acronyms are ("S." -> ایس, "UN" -> یو این),
# spelled the way this table reads Latin.
LETTER_NAMES = {
    "a": "ay", "b": "bee", "c": "see", "d": "dee", "e": "ee", "f": "ef", "g": "jee",
    "h": "aich", "i": "aai", "j": "jay", "k": "kay", "l": "el", "m": "em", "n": "en", "o": "o",
    "p": "pee", "q": "kyu", "r": "aar", "s": "es", "t": "tee", "u": "yu", "v": "vee",
    "w": "dablyu", "x": "eks", "y": "wai", "z": "zed",
}  # fmt: skip


def latin_readings(text: str) -> list[str]:
    """The ways a Latin name may be read aloud: as written, and with its initials and
    all-capital acronyms spelled out letter by letter ("S. Jaishankar", "UN")."""
    words = re.findall(r"[^\s\-]+", text)
    spelled = []
    changed = False
    for word in words:
        core = re.sub(r"[^A-Za-z]", "", word)
        if core and (len(core) == 1 or (core.isupper() and len(core) <= 5)):
            spelled.append(" ".join(LETTER_NAMES[c] for c in core.lower()))
            changed = True
        else:
            spelled.append(word)
    readings = [latin(text)]
    if changed:
        readings.append(latin(" ".join(spelled)))
    return [r for r in dict.fromkeys(readings) if r]


# --- the correspondences ---------------------------------------------------------------------

# Latin chunk -> {Urdu chunk: cost}. "" on the Urdu side: the Latin chunk is not written.
# Costs: 0 the usual rendering, 0.1-0.4 a common alternative, 0.5-1 a rarer one.
CORRESPONDENCES: dict[str, dict[str, float]] = {
    # consonants
    "b": {"ب": 0},
    "bh": {"بھ": 0, "ب": 0.4},
    "c": {"ک": 0.1, "س": 0.3, "چ": 0.6, "ق": 0.5, "ش": 0.8},
    "ch": {"چ": 0, "ش": 0.4, "خ": 0.5, "ک": 0.6, "چھ": 0.1},
    "chh": {"چھ": 0, "چ": 0.2},
    "ck": {"ک": 0},
    "cz": {"چ": 0.2, "ش": 0.5},
    "d": {"د": 0, "ڈ": 0.1, "ض": 0.3, "ذ": 0.4},
    "dh": {"دھ": 0, "ڈھ": 0.1, "ذ": 0.3, "ض": 0.3, "د": 0.4, "ڈ": 0.5},
    "dj": {"ج": 0},
    "dzh": {"ج": 0},
    "f": {"ف": 0, "پھ": 0.5},
    "g": {"گ": 0, "غ": 0.3, "ج": 0.5, "ق": 0.6, "گھ": 0.5},
    "gh": {"غ": 0, "گھ": 0.1, "گ": 0.3, "ق": 0.4, "": 0.8},
    "gn": {"ن": 0.5, "گن": 0},
    "h": {"ہ": 0, "ح": 0.1, "ھ": 0.3, "": 0.45, "خ": 0.6},
    "j": {"ج": 0, "ژ": 0.4, "ی": 0.6, "ز": 0.8, "ہ": 0.9, "خ": 0.8},
    "jh": {"جھ": 0, "ج": 0.3},
    "k": {"ک": 0, "ق": 0.2, "کھ": 0.5, "چ": 0.9},
    "kh": {"خ": 0, "کھ": 0.1, "ک": 0.4, "ہ": 0.8},
    "ks": {"کس": 0, "کش": 0.6},
    "l": {"ل": 0},
    "ll": {"ل": 0, "ی": 0.7},
    "m": {"م": 0},
    "n": {"ن": 0},
    "ng": {"نگ": 0, "ن": 0.4, "نج": 0.8},
    "p": {"پ": 0, "ب": 0.6},
    "ph": {"پھ": 0, "ف": 0.1, "پ": 0.4},
    "q": {"ق": 0, "ک": 0.3, "چ": 0.4, "غ": 0.6},
    "qu": {"کو": 0.2, "ک": 0.3, "ق": 0.3, "کیو": 0.5},
    "r": {"ر": 0, "ڑ": 0.2},
    "rh": {"ڑھ": 0, "رھ": 0, "ر": 0.3},
    "s": {"س": 0, "ص": 0.1, "ث": 0.3, "ز": 0.4, "ش": 0.6},
    "sch": {"ش": 0, "سک": 0.4},
    "sh": {"ش": 0, "س": 0.5, "چ": 0.7},
    "shch": {"شچ": 0, "ش": 0.3},
    "sz": {"ش": 0},
    "t": {"ت": 0, "ٹ": 0.05, "ط": 0.1, "ث": 0.5, "د": 0.7},
    "th": {"تھ": 0, "ٹھ": 0.1, "ت": 0.2, "ٹ": 0.3, "ث": 0.3, "ط": 0.4, "ذ": 0.6, "د": 0.7},
    "ts": {"تس": 0, "ٹس": 0.1, "س": 0.4, "ز": 0.6},
    "tz": {"تز": 0, "ٹز": 0.1, "ز": 0.4, "تس": 0.2},
    "tch": {"چ": 0},
    "tsch": {"چ": 0},
    "v": {"و": 0, "ف": 0.3, "ؤ": 0.2},
    "w": {"و": 0, "": 0.6, "ؤ": 0.2},
    "x": {"کس": 0, "ش": 0.4, "ز": 0.7, "خ": 0.6, "س": 0.7},
    "y": {"ی": 0, "": 0.5, "ے": 0.4, "ج": 0.8},
    "z": {"ز": 0, "ذ": 0.15, "ض": 0.15, "ظ": 0.15, "ژ": 0.4, "س": 0.5, "تس": 0.6},
    "zh": {"ژ": 0, "ج": 0.3, "ز": 0.4, "ش": 0.6},
    "zz": {"ز": 0, "تس": 0.5},
    # vowels: Urdu leaves short ones out, writes long ones with ا و ی ے
    "a": {"": 0.15, "ا": 0.05, "ع": 0.3, "ہ": 0.35, "ی": 0.9, "ے": 0.8, "و": 0.9, "ئ": 0.9},
    "aa": {"ا": 0, "عا": 0.2},
    "ae": {"ی": 0.2, "ے": 0.2, "ا": 0.4, "": 0.6},
    "ah": {"ہ": 0.1, "ا": 0.2, "اح": 0.3, "اہ": 0.2, "ح": 0.2},
    "ai": {"ے": 0.1, "ای": 0.1, "ایی": 0.1, "ی": 0.25, "یی": 0.3, "ا": 0.5, "عی": 0.3},
    "au": {"او": 0, "و": 0.2, "ا": 0.5, "اؤ": 0},
    "aw": {"او": 0, "و": 0.3},
    "ay": {"ے": 0, "ای": 0.1, "ا": 0.5, "ی": 0.2, "یی": 0.3},
    "e": {"": 0.2, "ی": 0.2, "ے": 0.25, "ا": 0.35, "ای": 0.3, "ع": 0.5, "ہ": 0.45, "یی": 0.6},
    "ea": {"ی": 0.2, "یا": 0.2, "ا": 0.4},
    "ee": {"ی": 0, "یی": 0.3},
    "ei": {"ی": 0.1, "ے": 0.1, "ای": 0.2, "یی": 0.3},
    "eu": {"یو": 0.1, "و": 0.4},
    "ey": {"ی": 0.05, "ے": 0.1, "یی": 0.1, "ای": 0.2},
    "i": {"": 0.2, "ی": 0.1, "ا": 0.35, "ای": 0.35, "ع": 0.5, "ے": 0.6, "یی": 0.5},
    "ia": {"یا": 0, "یہ": 0.2, "ی": 0.4, "ا": 0.4, "ی ا": 0.3},
    "ie": {"ی": 0, "یی": 0.2, "ے": 0.3},
    "ii": {"ی": 0},
    "io": {"یو": 0, "ی": 0.4},
    "iu": {"یو": 0},
    "o": {"و": 0.05, "": 0.35, "ا": 0.4, "او": 0.3, "ع": 0.5, "ؤ": 0.2, "ہ": 0.7, "ا ": 0.6},
    "oe": {"و": 0.2, "ی": 0.5},
    "oh": {"وہ": 0.1, "و": 0.3},
    "oi": {"وی": 0.1, "ائی": 0.2, "ای": 0.4},
    "oo": {"و": 0},
    "ou": {"و": 0, "او": 0.1, "ؤ": 0.2},
    "ow": {"او": 0.1, "و": 0.2, "اؤ": 0.1},
    "oy": {"وئی": 0, "وی": 0.2, "ائی": 0.3},
    "u": {"و": 0.1, "": 0.25, "ا": 0.4, "او": 0.3, "ع": 0.5, "ی": 0.7, "ؤ": 0.3},
    "ua": {"وا": 0, "ا": 0.4},
    "ue": {"و": 0.2, "ی": 0.5},
    "ui": {"وئی": 0.1, "وی": 0.2},
    "uu": {"و": 0},
    # Arabic names: the article and the words of God ("ud-din", "Abdullah")
    "al": {"ال": 0, "": 0.6},
    "el": {"ال": 0.1},
    "ul": {"ال": 0.1},
    "ad": {"ال": 0.5},
    "ud": {"ال": 0.3},
    "ur": {"ال": 0.3},
    "us": {"ال": 0.3},
    "ush": {"ال": 0.3},
    "un": {"ال": 0.4},
    "uz": {"ال": 0.4},
    "ut": {"ال": 0.4},
    "as": {"ال": 0.5},
    "ar": {"ال": 0.5},
    "allah": {"اللہ": 0},
    "ollah": {"اللہ": 0},
    "ullah": {"اللہ": 0},
    "ullo": {"اللہ": 0.2},
    "illah": {"اللہ": 0.1},
    "ulla": {"اللہ": 0.1},
    "abd": {"عبد": 0},
    "abdel": {"عبدال": 0},
    "abdul": {"عبدال": 0, "عبد ال": 0},
    "ibn": {"ابن": 0, "بن": 0.2},
    "bin": {"بن": 0},
}

_MAX_CHUNK = max(map(len, CORRESPONDENCES))
_VOWELS = set("aeiou")

# What Urdu writes where the Latin has nothing (word-initial alef, ain, final heh...).
URDU_ONLY = {"ا": 0.35, "ع": 0.35, "ہ": 0.45, "ی": 0.55, "و": 0.55, "ھ": 0.35, "ئ": 0.3, "ے": 0.5}
URDU_ONLY_DEFAULT = 1.4
LATIN_ONLY_DEFAULT = 1.4  # a Latin consonant with no Urdu counterpart
SUBSTITUTION = 1.6  # any letter for any other
SPACE_GAP = 0.15  # a space on one side only: compounds written apart or together
DOUBLED = 0.05  # the second letter of a doubled Latin consonant ("Hassan", "Abbas")
WORD_SKIP = 1.6  # a whole word of one side left out (a middle name, an initial)
WORD_SKIP_PER_LETTER = 0.15


def _latin_word_ends(text: str) -> dict[int, int]:
    """For each word start, the position after the word (and its space)."""
    ends = {}
    for m in re.finditer(r"\S+\s?", text):
        ends[m.start()] = m.end()
    return ends


def cost(latin_text: str, urdu_text: str, *, skip_urdu_word: float | None = None) -> float:
    """The cheapest way to write `latin_text` as `urdu_text` (both prepared: see `latin` and
    `urdu_letters`). `skip_urdu_word` overrides the price of leaving an Urdu word out."""
    return _cost(latin_text, urdu_text, WORD_SKIP if skip_urdu_word is None else skip_urdu_word)


@functools.lru_cache(maxsize=65536)
def _cost(e: str, u: str, skip_u: float) -> float:
    n, m = len(e), len(u)
    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    e_words = _latin_word_ends(e)
    u_words = _latin_word_ends(u)
    chunks_at = [_chunks(e, i) for i in range(n)]
    for i in range(n + 1):
        row = dp[i]
        for j in range(m + 1):
            here = row[j]
            if here == inf:
                continue
            uc = u[j] if j < m else ""
            # Urdu letter with no Latin counterpart
            if j < m:
                step = SPACE_GAP if uc == " " else URDU_ONLY.get(uc, URDU_ONLY_DEFAULT)
                if here + step < row[j + 1]:
                    row[j + 1] = here + step
                if j in u_words and (j == 0 or u[j - 1] == " "):
                    end = u_words[j]
                    skip = skip_u + WORD_SKIP_PER_LETTER * (end - j)
                    if here + skip < row[end]:
                        row[end] = here + skip
            if i == n:
                continue
            ec = e[i]
            nxt = dp[i + 1]
            # Latin letter with no Urdu counterpart
            if ec == " ":
                step = SPACE_GAP
            elif i > 0 and e[i - 1] == ec and ec not in _VOWELS:
                step = DOUBLED
            elif ec in _VOWELS:
                step = 0.5
            elif ec in "hyw":
                step = 0.6
            else:
                step = LATIN_ONLY_DEFAULT
            if here + step < nxt[j]:
                nxt[j] = here + step
            if i in e_words and (i == 0 or e[i - 1] == " "):
                end = e_words[i]
                skip = WORD_SKIP + WORD_SKIP_PER_LETTER * (end - i)
                if here + skip < dp[end][j]:
                    dp[end][j] = here + skip
            if j < m:
                if ec == " " and uc == " ":
                    if here < nxt[j + 1]:
                        nxt[j + 1] = here
                elif ec != " " and uc != " " and here + SUBSTITUTION < nxt[j + 1]:
                    nxt[j + 1] = here + SUBSTITUTION
            for length, options in chunks_at[i]:
                target = dp[i + length]
                for chunk, c in options:
                    if not chunk:
                        if here + c < target[j]:
                            target[j] = here + c
                    elif u.startswith(chunk, j):
                        k = j + len(chunk)
                        if here + c < target[k]:
                            target[k] = here + c
    return dp[n][m]


# The Arabic article assimilated to the next consonant ("ud-din", "ur-Rehman", "an-Nasr") is
# written ال: only where that consonant follows.
_ARTICLES = {"ad", "ud", "ur", "us", "ush", "un", "uz", "ut", "as", "ar"}


def _chunks(e: str, i: int) -> list[tuple[int, list[tuple[str, float]]]]:
    out = []
    for length in range(1, _MAX_CHUNK + 1):
        piece = e[i : i + length]
        if len(piece) < length:
            break
        options = CORRESPONDENCES.get(piece)
        if options and piece in _ARTICLES:
            following = e[i + length : i + length + 2].lstrip(" ")[:1]
            if following != piece[-1]:
                continue
        if options:
            out.append((length, list(options.items())))
    return out


def similarity(latin_name: str, urdu_name: str, *, partial: bool = False) -> float:
    """How well `latin_name` (any Latin spelling) and `urdu_name` are one name, 0 to 1.

    With `partial`, Urdu words may be left out cheaply: the Latin name is part of the Urdu
    one ("Lavrov" in "سرگئی لاوروف")."""
    u = urdu_letters(urdu_name)
    if not u:
        return 0.0
    best = 0.0
    for e in latin_readings(latin_name):
        c = cost(e, u, skip_urdu_word=0.3 if partial else None)
        size = len(e.replace(" ", "")) + (len(u.replace(" ", "")) if not partial else 0)
        scale = size if not partial else 2 * len(e.replace(" ", ""))
        best = max(best, 1 - c / max(scale, 1) * 2.2)
    return max(best, 0.0)


def rank(query: str, candidates: list[str]) -> list[tuple[float, str]]:
    """`candidates` in the other script from `query`, best first, with their similarity."""
    if is_latin(query):
        scored = [(similarity(query, c), c) for c in candidates]
    else:
        scored = [(similarity(c, query), c) for c in candidates]
    scored.sort(key=lambda sc: -sc[0])
    return scored


# --- Urdu against Urdu: two spellings of one name ----------------------------------------------

_WEAK = set("اویےہعھئ")  # letters one outlet writes and another leaves out
_SOUND = {c: k for k, cs in {
    "T": "تٹطدڈ", "S": "سصثش", "Z": "زذضظژ", "K": "کقخ", "G": "گغ", "B": "بپ", "J": "جچ",
    "R": "رڑ", "H": "ہحھ", "V": "اعیےو",
}.items() for c in cs}  # fmt: skip


@functools.lru_cache(maxsize=65536)
def urdu_cost(a: str, b: str) -> float:
    """Edit cost between two prepared Urdu names (see `urdu_letters`): letters one outlet writes
    and another leaves out (vowel letters, aspiration, a space) cost little, letters of one
    sound little more, anything else 1."""
    n, m = len(a), len(b)
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + _gap(b[j - 1])
    for i in range(1, n + 1):
        cur = [prev[0] + _gap(a[i - 1])] + [0.0] * m
        for j in range(1, m + 1):
            x, y = a[i - 1], b[j - 1]
            sub = 0.0 if x == y else 0.3 if _SOUND.get(x, x) == _SOUND.get(y, y) else 1.0
            cur[j] = min(prev[j - 1] + sub, prev[j] + _gap(x), cur[j - 1] + _gap(y))
        prev = cur
    return prev[m]


def _gap(c: str) -> float:
    return 0.15 if c == " " else 0.3 if c in _WEAK else 1.0


def urdu_similarity(a: str, b: str) -> float:
    """How well two Urdu spellings are one name, 0 to 1 (پیوٹن / پوتن about 0.8)."""
    x, y = urdu_letters(a), urdu_letters(b)
    if not x or not y:
        return 0.0
    strong = max(sum(c not in _WEAK and c != " " for c in s) for s in (x, y)) or 1
    return max(0.0, 1 - urdu_cost(x, y) / strong)


def name_similarity(query: str, candidate: str, *, partial: bool = False) -> float:
    """Either script against either: transliteration across scripts, spellings within Urdu,
    letters within Latin."""
    q_latin, c_latin = is_latin(query), is_latin(candidate)
    if q_latin and not c_latin:
        return similarity(query, candidate, partial=partial)
    if c_latin and not q_latin:
        return similarity(candidate, query)
    if not q_latin:
        return urdu_similarity(query, candidate)
    a, b = latin(query), latin(candidate)
    return max(0.0, 1 - _latin_distance(a, b) / max(len(a), len(b), 1) * 2)


def _latin_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


# --- a suggested English spelling -------------------------------------------------------------

_ROMAN = {
    "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j", "چ": "ch", "ح": "h", "خ": "kh",
    "د": "d", "ڈ": "d", "ذ": "z", "ر": "r", "ڑ": "r", "ز": "z", "ژ": "zh", "س": "s", "ش": "sh",
    "ص": "s", "ض": "z", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ک": "k",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ہ": "h", "ھ": "h", "ی": "i", "ے": "e", "و": "o",
    "ا": "a",
}  # fmt: skip


def romanize(name: str, known: dict[str, str] | None = None) -> str:
    """A suggested English spelling of an Urdu name: each word from `known` (folded Urdu word ->
    English, from names already written in both scripts) when it is there, else spelled letter
    by letter (short vowels, which Urdu does not write, guessed as "a")."""
    known = known or {}
    out = []
    for word in urdu_letters(name).split():
        out.append(known.get(word) or _spell(word).capitalize())
    return " ".join(w for w in out if w)


def _spell(word: str) -> str:
    letters = []
    for i, c in enumerate(word):
        first, last = i == 0, i == len(word) - 1
        if c == "ا":
            letters.append("a")
        elif c == "و":
            letters.append("v" if first else "o")
        elif c == "ی":
            letters.append("y" if first else "i")
        elif c == "ہ":
            letters.append("a" if last and i else "h")
        elif c == "ع":
            letters.append("a" if first else "")
        else:
            letters.append(_ROMAN.get(c, ""))
    out = ""
    for i, piece in enumerate(letters):
        if (
            out
            and piece
            and out[-1] not in "aeiou"
            and piece[0] not in "aeiouy"
            and (i > 1 or len(letters) <= 3)
        ):
            out += "a"  # a short vowel Urdu left unwritten
        out += piece
    return out
