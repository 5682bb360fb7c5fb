//! The languages a doctor can consult in: ISO 639-1 code, English name, own name. The same
//! list is seeded into the `languages` table (a test keeps the two equal).

/// Every language, in the order pickers offer them.
pub const LANGUAGES: [(&str, &str, &str); 10] = [
    ("bn", "Bangla", "বাংলা"),
    ("en", "English", "English"),
    ("hi", "Hindi", "हिन्दी"),
    ("ur", "Urdu", "اردو"),
    ("ar", "Arabic", "العربية"),
    ("zh", "Chinese", "中文"),
    ("fr", "French", "Français"),
    ("de", "German", "Deutsch"),
    ("es", "Spanish", "Español"),
    ("ja", "Japanese", "日本語"),
];

/// The English name of the language with `code`.
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(c, _, _)| *c == code).map(|(_, name, _)| *name)
}
