//! Key combinations a page tells its users about ("Press Ctrl+M to exit"): the one reading
//! of instruction text that the browser front-ends use to choose which keys to try when
//! focus is trapped, and that rules use to say what the page advertised. No I/O.

/// Modifier names as pages write them, and the one each stands for.
const MODIFIERS: &[(&str, Modifier)] = &[
    ("ctrl", Modifier::Ctrl),
    ("control", Modifier::Ctrl),
    ("strg", Modifier::Ctrl),
    ("alt", Modifier::Alt),
    ("option", Modifier::Alt),
    ("opt", Modifier::Alt),
    ("shift", Modifier::Shift),
    ("cmd", Modifier::Meta),
    ("command", Modifier::Meta),
    ("meta", Modifier::Meta),
];

/// The most combinations read from one text: instructions name a few, not dozens.
const MAX_COMBOS: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Modifier {
    Ctrl,
    Alt,
    Shift,
    Meta,
}

impl Modifier {
    pub fn label(self) -> &'static str {
        match self {
            Modifier::Ctrl => "Ctrl",
            Modifier::Alt => "Alt",
            Modifier::Shift => "Shift",
            Modifier::Meta => "Meta",
        }
    }
}

/// A key with modifiers, e.g. Ctrl+M: `key` is a DOM `KeyboardEvent.key` value for
/// named keys (`Escape`, `F10`, `Enter`) or one upper-case letter or digit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCombo {
    pub modifiers: Vec<Modifier>,
    pub key: String,
}

impl KeyCombo {
    /// `Ctrl+Shift+M`, modifiers in a fixed order.
    pub fn label(&self) -> String {
        let mut parts: Vec<&str> = self.modifiers.iter().map(|m| m.label()).collect();
        parts.push(&self.key);
        parts.join("+")
    }
}

/// The key combinations with at least one modifier that `text` names, in order, each
/// once ("Press Ctrl+M", "Control - M", "Alt+F10"). A modifier alone, or a plain word
/// after "+" ("Ctrl+click"), is not a combination a keyboard user can press.
pub fn advertised_key_combos(text: &str) -> Vec<KeyCombo> {
    let words = tokens(text);
    let mut combos: Vec<KeyCombo> = Vec::new();
    let mut i = 0;
    while i < words.len() && combos.len() < MAX_COMBOS {
        let mut modifiers = Vec::new();
        let mut j = i;
        // modifier ("+"|"-") modifier ... ("+"|"-") key
        while let Some(m) = modifier(&words[j]) {
            if words.get(j + 1).is_none_or(|w| w != "+" && w != "-") {
                break;
            }
            modifiers.push(m);
            j += 2;
            if j >= words.len() {
                break;
            }
        }
        let key = (!modifiers.is_empty())
            .then(|| words.get(j).and_then(|w| key_name(w)))
            .flatten();
        match key {
            Some(key) => {
                modifiers.sort();
                modifiers.dedup();
                let combo = KeyCombo { modifiers, key };
                if !combos.contains(&combo) {
                    combos.push(combo);
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    combos
}

/// Words and the joiners `+` and `-`, in order.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if c == '+' || c == '-' {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn modifier(word: &str) -> Option<Modifier> {
    let lower = word.to_ascii_lowercase();
    MODIFIERS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, m)| *m)
}

/// A key's `KeyboardEvent.key` name, for a word that names one key.
fn key_name(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    let named = match lower.as_str() {
        "esc" | "escape" => Some("Escape"),
        "enter" | "return" => Some("Enter"),
        "space" | "spacebar" => Some(" "),
        "tab" => Some("Tab"),
        "home" => Some("Home"),
        "end" => Some("End"),
        "up" => Some("ArrowUp"),
        "down" => Some("ArrowDown"),
        "left" => Some("ArrowLeft"),
        "right" => Some("ArrowRight"),
        _ => None,
    };
    if let Some(name) = named {
        return Some(name.to_string());
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphanumeric() => Some(c.to_ascii_uppercase().to_string()),
        _ => {
            let n = lower.strip_prefix('f')?.parse::<u8>().ok()?;
            (1..=12).contains(&n).then(|| format!("F{n}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        advertised_key_combos(text)
            .iter()
            .map(KeyCombo::label)
            .collect()
    }

    #[test]
    fn combinations_are_read_as_pages_write_them() {
        assert_eq!(labels("Press Ctrl+M to Exit"), ["Ctrl+M"]);
        assert_eq!(
            labels("Use control - m, then ALT+F10."),
            ["Ctrl+M", "Alt+F10"]
        );
        assert_eq!(
            labels("Shift+Ctrl+Esc leaves the editor"),
            ["Ctrl+Shift+Escape"]
        );
        assert_eq!(labels("Cmd+1 or Cmd + 1"), ["Meta+1"]);
    }

    #[test]
    fn words_that_are_not_combinations_are_not() {
        assert!(labels("Go to the next element").is_empty());
        assert!(labels("Ctrl-click to select several").is_empty());
        assert!(labels("Press M to exit").is_empty(), "no modifier");
        assert!(labels("Shift+ work").is_empty());
        assert!(labels("Alt").is_empty());
        assert!(labels("").is_empty());
    }

    #[test]
    fn at_most_a_few_are_read() {
        let text = "Ctrl+A Ctrl+B Ctrl+C Ctrl+D Ctrl+E Ctrl+A";
        assert_eq!(labels(text), ["Ctrl+A", "Ctrl+B", "Ctrl+C", "Ctrl+D"]);
    }
}
