//! A small, deterministic guess of which language a text is in, for the language-of-content
//! rules (`page-lang-matches`, `element-lang-matches`).
//!
//! With the word lists ([`crate::word_lists`], eleven languages): the text's words are
//! scored against each language by how frequent they are in it. A text fails only when it
//! is plainly in another language: another language scores it far higher (over 300
//! times likelier) *and* it holds words its declared language does not have at
//! all (a quarter of its known words or more). "Fireworks over Paris" is not Dutch
//! ("fireworks" is no Dutch word); "Paul put dire comment on tape" is French and English
//! at once, so neither `lang` fails. Names, drug names and numbers are in no list and
//! weigh the same in every language.
//!
//! Without them (the Wasm package), or for a declared language without a list: frequent
//! function words of a handful of languages, counted, and never a fail.
//!
//! In every build, first: text whose letters are in another writing system than its
//! language's (Chinese characters marked English, English marked Russian) fails, by a
//! count of Unicode scripts; a language of unknown script is never judged so.
//!
//! Also: which text an element decides the language of ([`text_in_language_of`]).

use crate::dom::{ElementRef, NodeData, NodeId};
use crate::engine::Context;
use crate::word_lists::{self, WordLists};

/// The languages the guess knows (primary subtags), with their frequent function words.
/// Words that are frequent in several of these languages (`de`, `en`, `in`, `is`, `a`,
/// `die`, ...) are listed under each of them or left out, so they never tip the balance.
const LANGUAGES: &[(&str, &str, &[&str])] = &[
    (
        "en",
        "English",
        &[
            "the", "and", "of", "to", "are", "were", "you", "your", "with", "for", "this", "that",
            "it", "be", "have", "has", "not", "or", "can", "from", "by", "into", "but", "he",
            "she", "they", "we", "our", "please", "what", "which", "if", "my", "there", "their",
            "been", "would", "should", "when", "who", "these", "those", "about",
        ],
    ),
    (
        "nl",
        "Dutch",
        &[
            "het", "een", "van", "niet", "met", "op", "voor", "dat", "hij", "zij", "ik", "uw",
            "naar", "ook", "maar", "om", "bij", "wordt", "deze", "dit", "zijn", "ging", "werd",
            "heeft", "geen", "wij", "jullie", "worden", "kunt",
        ],
    ),
    (
        "fr",
        "French",
        &[
            "le", "la", "les", "des", "du", "et", "est", "un", "une", "pour", "dans", "qui", "pas",
            "sur", "avec", "vous", "votre", "vos", "nous", "sont", "au", "aux", "cette", "il",
            "elle", "ne", "par", "mais", "ou", "être", "ces", "leur", "été", "très", "où",
        ],
    ),
    (
        "es",
        "Spanish",
        &[
            "el", "la", "los", "las", "un", "y", "es", "una", "por", "para", "con", "del", "se",
            "su", "sus", "al", "lo", "como", "más", "pero", "está", "usted", "esta", "este", "muy",
            "también", "hay", "fue", "ser", "sobre", "cuando",
        ],
    ),
    (
        "de",
        "German",
        &[
            "der", "das", "und", "ist", "nicht", "mit", "ein", "eine", "zu", "den", "dem", "auf",
            "für", "ich", "wir", "sich", "auch", "von", "bei", "oder", "aber", "wird", "sind",
            "ihr", "ihre", "bitte", "werden", "nach", "kein", "Sie",
        ],
    ),
    (
        "it",
        "Italian",
        &[
            "il", "la", "un", "gli", "di", "che", "è", "per", "non", "una", "sono", "della", "del",
            "alla", "nel", "questo", "questa", "come", "anche", "più", "ma", "suo", "sua",
            "essere",
        ],
    ),
    (
        "pt",
        "Portuguese",
        &[
            "os", "um", "uma", "não", "com", "para", "por", "do", "da", "dos", "das", "em", "na",
            "você", "seu", "sua", "é", "são", "mais", "mas", "como", "também", "ao", "pelo",
            "pela",
        ],
    ),
];

/// How many function words make a language's case.
const ENOUGH: usize = 2;

/// Texts of at most this many words without enough function words are too short to tell;
/// longer ones without them (a table of dates and names, a menu) say nothing either way.
const SHORT: usize = 8;

/// What the guess says about a text declared to be in `lang` (a language tag).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guess {
    /// No words at all: nothing to judge.
    NoText,
    /// The text reads like its declared language.
    Matches,
    /// The text is plainly in this other language (its English name): by the word lists,
    /// far likelier in it, with words its declared language does not have.
    WrittenIn(&'static str),
    /// The text reads like this other language (its English name).
    ReadsLike(&'static str),
    /// Too little to tell: a few words (at most [`SHORT`]) without enough function words.
    TooShort,
    /// No case either way: the declared language is one the guess does not know and the
    /// text does not read like one it knows, or a longer text has too few function words
    /// (names, dates, labels).
    Unknown,
}

/// The English name of a known primary language subtag (`en` → `English`).
pub fn language_name(lang: &str) -> Option<&'static str> {
    let primary = primary_subtag(lang);
    LANGUAGES
        .iter()
        .map(|(code, name, _)| (*code, *name))
        .chain(word_lists::LANGUAGES.iter().copied())
        .find(|(code, _)| primary.eq_ignore_ascii_case(code))
        .map(|(_, name)| name)
}

fn primary_subtag(lang: &str) -> &str {
    lang.trim().split(['-', '_']).next().unwrap_or("")
}

/// Guesses whether `text` is in the language `lang` names (see [`Guess`]).
pub fn guess(text: &str, lang: &str) -> Guess {
    let words = words_of(text);
    if words.is_empty() {
        return Guess::NoText;
    }
    let primary = primary_subtag(lang);
    if let Some(other) = written_in_another_script(text, primary) {
        return Guess::WrittenIn(other);
    }
    if let (Some(lists), Some(declared)) = (
        word_lists::word_lists(),
        word_lists::language_index(primary),
    ) {
        return guess_by_word_lists(lists, &words, declared);
    }
    guess_by_function_words(&words, lang)
}

/// The text's words, lowercase: runs of letters.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Writing systems that tell languages apart without any word list.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Hangul,
    Kana,
    Han,
}

impl Script {
    const ALL: [Script; 10] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Devanagari,
        Script::Thai,
        Script::Hangul,
        Script::Kana,
        Script::Han,
    ];

    fn of(c: char) -> Option<Script> {
        Some(match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x590..=0x5FF => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF => Script::Kana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Han,
            _ => return None,
        })
    }

    /// How the script is named in a finding ("The text here is in ...").
    fn text_name(self) -> &'static str {
        match self {
            Script::Latin => "Latin script",
            Script::Cyrillic => "Cyrillic script",
            Script::Greek => "Greek script",
            Script::Arabic => "Arabic script",
            Script::Hebrew => "Hebrew script",
            Script::Devanagari => "Devanagari script",
            Script::Thai => "Thai script",
            Script::Hangul => "Korean script (Hangul)",
            Script::Kana => "Japanese script (kana)",
            Script::Han => "Chinese characters (Han)",
        }
    }

    /// How many letters of the script make a case: one Han or Hangul character is a word.
    fn enough(self) -> usize {
        match self {
            Script::Han | Script::Hangul | Script::Kana => 2,
            _ => 4,
        }
    }
}

/// The scripts a language is written in, for the languages whose script is certain.
fn scripts_of(primary: &str) -> Option<&'static [Script]> {
    use Script::*;
    const LATIN: &[&str] = &[
        "en", "es", "fr", "de", "nl", "it", "pt", "da", "sv", "nb", "nn", "no", "pl", "vi", "tl",
        "fil", "id", "ms", "tr", "ro", "cs", "sk", "hu", "fi", "et", "lv", "lt", "hr", "sl", "ca",
        "eu", "gl", "ga", "cy", "is", "sq", "sw", "so", "ht", "haw", "sm", "to", "mi", "af", "lb",
        "mt",
    ];
    let primary = primary.to_ascii_lowercase();
    Some(match primary.as_str() {
        p if LATIN.contains(&p) => &[Latin],
        "ru" | "uk" | "bg" | "be" | "mk" | "kk" | "ky" | "mn" | "tg" => &[Cyrillic],
        "sr" => &[Cyrillic, Latin],
        "el" => &[Greek],
        "ar" | "fa" | "ur" | "ps" => &[Arabic],
        "he" | "yi" => &[Hebrew],
        "hi" | "mr" | "ne" | "sa" => &[Devanagari],
        "th" => &[Thai],
        "ko" => &[Hangul, Han],
        "ja" => &[Kana, Han],
        "zh" | "yue" => &[Han],
        _ => return None,
    })
}

/// A text whose letters are (four fifths and more) in a script its declared language is
/// not written in: Chinese characters marked English, English marked Russian. Certain
/// without any word list, so the Wasm package fails it too.
fn written_in_another_script(text: &str, primary: &str) -> Option<&'static str> {
    let declared = scripts_of(primary)?;
    let mut counts = [0usize; Script::ALL.len()];
    let mut letters = 0;
    for script in text.chars().filter_map(Script::of) {
        letters += 1;
        counts[Script::ALL.iter().position(|s| *s == script).unwrap_or(0)] += 1;
    }
    let (dominant, count) = Script::ALL
        .into_iter()
        .zip(counts)
        .max_by_key(|(_, count)| *count)?;
    let dominates = count >= dominant.enough() && count * 5 >= letters * 4;
    (dominates && !declared.contains(&dominant)).then(|| dominant.text_name())
}

/// A word no list has weighs this much in every language (the lists end near Zipf 3).
const UNLISTED_ZIPF: f32 = 2.0;

/// How much likelier (in Zipf units summed over the words: 3 is a thousand times) another
/// language must make a text before it can fail, and how much likelier its own language
/// must make it before it passes.
const FAIL_MARGIN: f32 = 2.5;
const PASS_MARGIN: f32 = 1.0;

/// Scores the words against every listed language (`declared`: the index of the `lang`).
fn guess_by_word_lists(lists: &WordLists, words: &[String], declared: usize) -> Guess {
    // Single letters (French "a", Spanish "y", initials) say too little.
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().nth(1).is_some())
        .collect();
    let known = words.iter().filter(|w| lists.knows(w)).count();
    if known == 0 {
        return if words.len() <= SHORT {
            Guess::TooShort
        } else {
            Guess::Unknown
        };
    }
    let score = |index: usize| -> f32 {
        words
            .iter()
            .map(|w| lists.zipf(w, index).unwrap_or(UNLISTED_ZIPF))
            .sum()
    };
    let scores: Vec<f32> = (0..word_lists::LANGUAGES.len()).map(score).collect();
    // The best other language (the first on a tie).
    let best = (0..scores.len())
        .filter(|&i| i != declared)
        .fold(None, |best: Option<usize>, i| match best {
            Some(b) if scores[b] >= scores[i] => Some(b),
            _ => Some(i),
        })
        .unwrap_or(declared);
    let margin = scores[best] - scores[declared];
    // Words the best language has and the declared one does not have at all.
    let foreign = words
        .iter()
        .filter(|w| lists.zipf(w, declared).is_none() && lists.zipf(w, best).is_some())
        .count();
    if margin >= FAIL_MARGIN && foreign > 0 && foreign * 4 >= known {
        return Guess::WrittenIn(word_lists::LANGUAGES[best].1);
    }
    if margin > 0.0 {
        return if words.len() <= SHORT {
            Guess::TooShort
        } else {
            Guess::ReadsLike(word_lists::LANGUAGES[best].1)
        };
    }
    if -margin >= PASS_MARGIN {
        Guess::Matches
    } else if words.len() <= SHORT {
        Guess::TooShort
    } else {
        Guess::Unknown
    }
}

/// The guess without word lists: function words counted, never [`Guess::WrittenIn`] (the
/// script check before it may be).
fn guess_by_function_words(words: &[String], lang: &str) -> Guess {
    let hits: Vec<usize> = LANGUAGES
        .iter()
        .map(|(_, _, list)| {
            words
                .iter()
                .filter(|w| list.iter().any(|s| s.eq_ignore_ascii_case(w)))
                .count()
        })
        .collect();
    let primary = primary_subtag(lang);
    let declared = LANGUAGES
        .iter()
        .position(|(code, _, _)| primary.eq_ignore_ascii_case(code));
    let declared_hits = declared.map_or(0, |i| hits[i]);
    // The known language with the most function words (the first on a tie).
    let (best, best_hits) = hits
        .iter()
        .enumerate()
        .fold((0, 0), |acc, (i, &h)| if h > acc.1 { (i, h) } else { acc });
    let other_reads_better = Some(best) != declared && best_hits >= ENOUGH;
    match declared {
        Some(_) if other_reads_better && best_hits > 2 * declared_hits => {
            Guess::ReadsLike(LANGUAGES[best].1)
        }
        Some(_) if declared_hits >= ENOUGH && declared_hits >= best_hits => Guess::Matches,
        Some(_) if words.len() <= SHORT => Guess::TooShort,
        Some(_) => Guess::Unknown,
        // A language the guess does not know: only a clear case of a known one counts, and
        // its function words must be a good part of the text (a tenth of its words).
        None if best_hits > ENOUGH && best_hits * 10 >= words.len() => {
            Guess::ReadsLike(LANGUAGES[best].1)
        }
        None => Guess::Unknown,
    }
}

/// The text whose language `root` decides: rendered text and text alternatives (`alt`,
/// `aria-label`) in its flat subtree that no nearer `lang` attribute claims, and, for the
/// `<html>` element, the page title. Text inside `script`, `style`, `template` and
/// hidden subtrees is left out, except that `root` itself may be hidden when its text is
/// another element's name or description (`aria-labelledby`, `aria-describedby`).
pub fn text_in_language_of(cx: &Context, root: ElementRef) -> String {
    let dom = cx.dom;
    let mut text = String::new();
    if root.is("html")
        && let Some(title) = dom.title_element()
    {
        text.push_str(&title.text_content());
        text.push('\n');
    }
    // A hidden root is read only as another element's name: then its whole subtree is.
    let root_hidden = cx.a11y.is_hidden(root.id);
    let mut stack: Vec<NodeId> = vec![root.id];
    while let Some(node) = stack.pop() {
        match &dom.node(node).data {
            NodeData::Text { text: t } => {
                text.push_str(t);
                text.push('\n');
            }
            NodeData::Element { .. } => {
                let Some(el) = dom.element(node) else {
                    continue;
                };
                if node != root.id
                    && (el.has_attr("lang")
                        || (cx.a11y.is_hidden(node) && !root_hidden)
                        || ["script", "style", "template", "noscript", "title", "head"]
                            .contains(&el.name()))
                {
                    continue;
                }
                let alt_carrier = el.is("img") || el.is("area") || el.is("input");
                if node != root.id
                    && el.has_attr("aria-labelledby")
                    && cx.a11y.role(el) == Some("img")
                {
                    // An image named by other text: that name is the image's own text, in
                    // the image's language, wherever the naming element is (ACT off6ek).
                    text.push_str(&cx.a11y.name(el).name);
                    text.push('\n');
                } else {
                    for attr in ["alt", "aria-label"] {
                        if let Some(value) = el.attr(attr).filter(|_| attr != "alt" || alt_carrier)
                        {
                            text.push_str(value);
                            text.push('\n');
                        }
                    }
                }
                let children = dom.flat_children(node);
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    text
}

/// Whether another element takes its name or description from `el` (`aria-labelledby`,
/// `aria-describedby`): then its text is read even when it is hidden.
pub fn is_referenced_text(cx: &Context, el: ElementRef) -> bool {
    let Some(id) = el.attr("id").filter(|id| !id.is_empty()) else {
        return false;
    };
    cx.dom.elements().any(|other| {
        ["aria-labelledby", "aria-describedby"].iter().any(|a| {
            other
                .attr(a)
                .is_some_and(|refs| refs.split_ascii_whitespace().any(|r| r == id))
                && cx.dom.element_by_id(other.id, id) == Some(el.id)
        })
    })
}

/// Reports the guess for the text `element` decides the language of: pass when it
/// matches, fail when it is plainly in another language (by its script, or by the word
/// lists), review when it
/// reads like another language or is too short to tell, nothing when there is no text or
/// the language is one the guess does not know.
pub fn report_guess(cx: &Context, sink: &mut crate::rule::Sink, element: ElementRef, lang: &str) {
    let text = text_in_language_of(cx, element);
    let lang = lang.trim();
    let shown = crate::selector::shorten(lang, 20);
    let declared = match language_name(lang) {
        Some(name) => format!("lang=\"{shown}\" ({name})"),
        None => format!("lang=\"{shown}\""),
    };
    match guess(&text, lang) {
        Guess::NoText | Guess::Unknown => {}
        Guess::Matches => sink.pass(element.id),
        Guess::WrittenIn(other) => sink.fail(
            element.id,
            format!(
                "The text here is in {other}, but {declared} says otherwise: screen readers \
                 will read it with the wrong voice and pronunciation. Set lang to the \
                 language of the text."
            ),
        ),
        Guess::ReadsLike(other) => sink.review(
            element.id,
            format!(
                "The text here reads like {other}, but {declared} says otherwise: screen \
                 readers will pronounce it wrongly. Check the language and correct lang."
            ),
        ),
        Guess::TooShort => sink.review(
            element.id,
            format!(
                "Too little text here to tell its language: check that it is what {declared} \
                 says."
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{Guess, guess, guess_by_function_words, language_name, words_of};

    fn by_function_words(text: &str, lang: &str) -> Guess {
        guess_by_function_words(&words_of(text), lang)
    }

    const ABSTRACT_EN: &str = "The Accessibility Conformance Testing Rules Format defines a \
                               format for writing accessibility test rules. These can be used \
                               for tools.";
    const APPOINTMENT_ES: &str = "Su cita es mañana con la doctora, por favor llegue antes";

    #[test]
    fn function_words_never_fail() {
        assert_eq!(by_function_words(ABSTRACT_EN, "en"), Guess::Matches);
        assert_eq!(by_function_words(ABSTRACT_EN, "en-US"), Guess::Matches);
        assert_eq!(
            by_function_words(ABSTRACT_EN, "nl"),
            Guess::ReadsLike("English")
        );
        // A language the guess does not know, with clearly English text.
        assert_eq!(
            by_function_words(ABSTRACT_EN, "lb"),
            Guess::ReadsLike("English")
        );
        assert_eq!(
            by_function_words("Hij ging met de kippen op stok", "fr"),
            Guess::ReadsLike("Dutch")
        );
        assert_eq!(by_function_words(APPOINTMENT_ES, "es"), Guess::Matches);
        assert_eq!(
            by_function_words(APPOINTMENT_ES, "en"),
            Guess::ReadsLike("Spanish")
        );
        assert_eq!(by_function_words("Bonne année !", "nl"), Guess::TooShort);
        assert_eq!(
            by_function_words("Fireworks over Paris", "en"),
            Guess::TooShort
        );
        assert_eq!(
            by_function_words(
                "Date Clinician May 2, 10:30 Dr. Lee Video visit Riverside Clinic Reschedule",
                "en"
            ),
            Guess::Unknown
        );
    }

    #[cfg(feature = "word-lists")]
    #[test]
    fn word_lists_fail_text_plainly_in_another_language() {
        assert_eq!(guess(ABSTRACT_EN, "en"), Guess::Matches);
        assert_eq!(guess(ABSTRACT_EN, "da"), Guess::WrittenIn("English"));
        assert_eq!(guess(ABSTRACT_EN, "nl"), Guess::WrittenIn("English"));
        assert_eq!(guess(APPOINTMENT_ES, "es-US"), Guess::Matches);
        assert_eq!(guess(APPOINTMENT_ES, "en"), Guess::WrittenIn("Spanish"));
        assert_eq!(
            guess(
                "Vous avez un rendez-vous avec le médecin dans la clinique",
                "en"
            ),
            Guess::WrittenIn("French")
        );
        assert_eq!(
            guess("Hij ging met de kippen op stok", "fr"),
            Guess::WrittenIn("Dutch")
        );
        assert_eq!(
            guess("Hij ging met de kippen op stok", "nl"),
            Guess::Matches
        );
        // Short, but with words the declared language does not have at all.
        assert_eq!(guess("Bonne année !", "nl"), Guess::WrittenIn("French"));
        assert_eq!(
            guess("Fireworks over Paris", "fr"),
            Guess::WrittenIn("English")
        );
        assert_eq!(
            guess("Paris Fireworks over Paris!", "nl"),
            Guess::WrittenIn("English")
        );
        assert_eq!(guess("Fireworks over Paris", "en"), Guess::Matches);
        assert_eq!(guess("Mi cuenta", "en"), Guess::WrittenIn("Spanish"));
        assert_eq!(guess("Din næste aftale er med lægen", "da"), Guess::Matches);
        assert_eq!(guess("Din neste avtale er med legen", "no"), Guess::Matches);
    }

    #[cfg(feature = "word-lists")]
    #[test]
    fn word_lists_leave_doubt_to_people() {
        // Every word is French and English: neither lang fails.
        assert_eq!(guess("Paul put dire comment on tape", "fr"), Guess::Matches);
        assert_ne!(
            guess("Paul put dire comment on tape", "en"),
            Guess::WrittenIn("French")
        );
        // Names, drug names and numbers are in no list: never a case.
        assert_eq!(guess("Maria Gonzalez", "en"), Guess::TooShort);
        assert_eq!(guess("Lisinopril Metformina 20 mg", "es"), Guess::TooShort);
        assert_eq!(guess("Paris", "nl"), Guess::TooShort);
        assert_eq!(guess("OK", "en"), Guess::TooShort);
        assert_eq!(guess(" \u{a0} 12/03 ", "en"), Guess::NoText);
        assert_eq!(guess("Welcome, Guadalupe Hernandez", "en"), Guess::Matches);
        assert_eq!(guess("Your visit with the clinic", "en"), Guess::Matches);
        assert_eq!(
            guess(
                "Date Clinician May 2, 10:30 Dr. Lee Video visit Riverside Clinic Reschedule",
                "en"
            ),
            Guess::Matches
        );
        // A language without a list: function words only, never a fail.
        assert_eq!(
            guess("Lëtzebuerg ass e Land an Europa.", "lb"),
            Guess::Unknown
        );
        assert_eq!(guess(ABSTRACT_EN, "lb"), Guess::ReadsLike("English"));
    }

    #[test]
    fn another_script_fails_without_word_lists() {
        assert_eq!(
            guess("预约 就诊", "en"),
            Guess::WrittenIn("Chinese characters (Han)")
        );
        assert_eq!(
            guess("Ваш следующий визит", "en-US"),
            Guess::WrittenIn("Cyrillic script")
        );
        assert_eq!(
            guess("Your next visit is tomorrow", "ru"),
            Guess::WrittenIn("Latin script")
        );
        assert_eq!(
            guess("다음 진료 예약", "ja"),
            Guess::WrittenIn("Korean script (Hangul)")
        );
        // The declared script, or too little of another, or a language of unknown script.
        assert_ne!(
            guess("預約 就診", "zh-Hant"),
            Guess::WrittenIn("Chinese characters (Han)")
        );
        assert_ne!(
            guess("Moj sledeći pregled", "sr"),
            Guess::WrittenIn("Latin script")
        );
        assert_eq!(
            guess("予約する", "ja"),
            guess_by_function_words(&["予約する".into()], "ja")
        );
        assert_ne!(
            guess("中", "en"),
            Guess::WrittenIn("Chinese characters (Han)")
        );
        assert_ne!(
            guess("Your visit summary 预约", "en"),
            Guess::WrittenIn("Chinese characters (Han)")
        );
        assert_eq!(guess("Hello there friends", "xx"), Guess::Unknown);
    }

    #[test]
    fn names_known_languages() {
        assert_eq!(language_name("es-MX"), Some("Spanish"));
        assert_eq!(language_name("EN"), Some("English"));
        assert_eq!(language_name("da"), Some("Danish"));
        assert_eq!(language_name("lb"), None);
    }
}
