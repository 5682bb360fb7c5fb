//! What a patient types into a location search, made into a safe full-text query.

/// Levels the cascading place pickers offer (Bangladesh: division, district, upazila / thana);
/// their fields are `{prefix}_1` … `{prefix}_3`.
pub const PICKER_LEVELS: usize = 3;

/// Longest search text considered (characters); the rest is ignored.
pub const MAX_SEARCH_CHARS: usize = 60;
/// At most this many words are matched.
const MAX_WORDS: usize = 4;

/// The FTS5 `MATCH` expression for `text`: every word (letters, digits and marks, in any
/// script) must start a word of the name, e.g. `dhaka dhan` → `"dhaka"* "dhan"*`. `None` when
/// nothing searchable is left. Quotes and operators in the input are never passed through.
pub fn match_expression(text: &str) -> Option<String> {
    let text: String = text.chars().take(MAX_SEARCH_CHARS).collect();
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || is_mark(c)))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_WORDS)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Combining marks of the scripts our places are named in (Bangla vowel signs and others):
/// part of a word, not a separator.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0981}'..='\u{0983}' | '\u{09BC}'..='\u{09D7}' | '\u{09E2}'..='\u{09E3}' | '\u{200C}'..='\u{200D}')
}

/// A place with its parents, broadest first, as one line: `Dhaka › Dhaka › Dhanmondi`.
pub fn breadcrumb<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().collect::<Vec<_>>().join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_become_quoted_prefixes() {
        assert_eq!(match_expression("Dhaka  dhan").as_deref(), Some("\"Dhaka\"* \"dhan\"*"));
        assert_eq!(match_expression("ধানমন্ডি").as_deref(), Some("\"ধানমন্ডি\"*"));
        assert_eq!(match_expression("Cox's").as_deref(), Some("\"Cox\"* \"s\"*"));
        assert_eq!(match_expression(" \"* - ( ) : ^ "), None);
        assert_eq!(match_expression("a OR b").as_deref(), Some("\"a\"* \"OR\"* \"b\"*"));
        assert_eq!(match_expression(""), None);
    }

    #[test]
    fn a_breadcrumb_runs_broadest_first() {
        assert_eq!(breadcrumb(["Dhaka", "Dhaka", "Dhanmondi"]), "Dhaka › Dhaka › Dhanmondi");
    }

    proptest! {
        #[test]
        fn no_input_escapes_its_quotes(text in "\\PC{0,200}") {
            if let Some(expr) = match_expression(&text) {
                let words: Vec<&str> = expr.split(' ').collect();
                prop_assert!(words.len() <= MAX_WORDS);
                for word in words {
                    prop_assert!(word.starts_with('"') && word.ends_with("\"*"));
                    let inner = &word[1..word.len() - 2];
                    prop_assert!(!inner.is_empty());
                    prop_assert!(inner.chars().all(|c| c.is_alphanumeric() || is_mark(c)));
                }
            }
        }
    }
}
