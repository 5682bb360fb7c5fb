//! The doctor directory's search, filters, sort and page, as they travel in the query string
//! (`/doctors?q=cardio&location=12&sort=soonest&page=2`): shareable, read the same way by the
//! server's first render and by the browser.

use super::calendar_date::parse_calendar_date;
use super::field_error::{Field, FieldError, FieldErrorCode};
use super::query_string;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Doctors per page.
pub const PAGE_SIZE: u32 = 20;
/// The longest search text kept (characters).
pub const MAX_TEXT_CHARS: usize = 100;
/// The highest fee bound accepted (whole currency units).
pub const MAX_FEE: u32 = 100_000;
/// The highest page number accepted.
pub const MAX_PAGE: u32 = 10_000;

/// How the directory orders its doctors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DirectorySort {
    /// Best text match first (highest rated first when there is no text).
    #[default]
    BestMatch,
    /// The earliest free slot first; doctors with none last.
    Soonest,
    /// Lowest fee first.
    FeeLowest,
    /// Best average rating first (more reviews first among equals).
    Rating,
    /// Most years of experience first.
    Experience,
}

impl DirectorySort {
    /// Every sort, in the order the page offers them.
    pub const ALL: [DirectorySort; 5] = [
        DirectorySort::BestMatch,
        DirectorySort::Soonest,
        DirectorySort::FeeLowest,
        DirectorySort::Rating,
        DirectorySort::Experience,
    ];

    /// The query-string value.
    pub fn key(self) -> &'static str {
        match self {
            DirectorySort::BestMatch => "best",
            DirectorySort::Soonest => "soonest",
            DirectorySort::FeeLowest => "fee",
            DirectorySort::Rating => "rating",
            DirectorySort::Experience => "experience",
        }
    }

    /// What the sort menu calls it.
    pub fn label(self) -> &'static str {
        match self {
            DirectorySort::BestMatch => "Best match",
            DirectorySort::Soonest => "Soonest available",
            DirectorySort::FeeLowest => "Lowest fee",
            DirectorySort::Rating => "Highest rated",
            DirectorySort::Experience => "Most experienced",
        }
    }

    fn parse(raw: &str) -> Option<DirectorySort> {
        DirectorySort::ALL.into_iter().find(|s| s.key() == raw)
    }
}

/// One filter a patient can set (and the empty-result hint can offer to drop).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterKind {
    Text,
    Specialty,
    Location,
    FeeMin,
    FeeMax,
    Experience,
    Rating,
    FreeOn,
    Language,
}

/// A directory search: what to match, which doctors to keep, in which order, which page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DirectoryFilter {
    /// Words every doctor must match (name, specialty, bio, place), trimmed; empty: no text.
    pub text: String,
    pub specialty: Option<i64>,
    /// A place at any level: doctors practising in it or anywhere below it.
    pub location: Option<i64>,
    /// Fee bounds in whole units of the doctor's currency, inclusive.
    pub fee_min: Option<u32>,
    pub fee_max: Option<u32>,
    pub min_experience: Option<u8>,
    /// 1–5: an average of at least this many stars.
    pub min_rating: Option<u8>,
    /// A free slot on this day (the doctor's local date).
    pub free_on: Option<NaiveDate>,
    /// ISO 639-1 code of a language the doctor consults in.
    pub language: Option<String>,
    pub sort: DirectorySort,
    /// 1-based.
    pub page: u32,
}

impl DirectoryFilter {
    /// Reads the query string's parameters (`get` answers a decoded value by name). Blank values
    /// are "not set"; anything unreadable is refused at its field.
    pub fn parse<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let value = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let mut number = |field: Field, max: u64| -> Option<u64> {
            let raw = value(field.as_str())?;
            match raw.parse::<u64>() {
                Ok(n) if n <= max => Some(n),
                Ok(_) => fail(&mut errors, field, FieldErrorCode::OutOfRange),
                Err(_) => fail(&mut errors, field, FieldErrorCode::InvalidFormat),
            }
        };
        let specialty = number(Field::Specialty, i64::MAX as u64).map(|n| n as i64);
        let location = number(Field::Location, i64::MAX as u64).map(|n| n as i64);
        let fee_min = number(Field::FeeMin, u64::from(MAX_FEE)).map(|n| n as u32);
        let fee_max = number(Field::FeeMax, u64::from(MAX_FEE)).map(|n| n as u32);
        let min_experience = number(Field::MinExperience, 70).map(|n| n as u8);
        let min_rating = number(Field::MinRating, 5).map(|n| n as u8);
        let page = number(Field::Page, u64::from(MAX_PAGE)).map(|n| n as u32);
        if min_rating == Some(0) {
            errors.push(FieldError::new(Field::MinRating, FieldErrorCode::OutOfRange));
        }
        if page == Some(0) {
            errors.push(FieldError::new(Field::Page, FieldErrorCode::OutOfRange));
        }
        if let (Some(low), Some(high)) = (fee_min, fee_max)
            && low > high
        {
            errors.push(FieldError::new(Field::FeeMax, FieldErrorCode::EndBeforeStart));
        }
        let free_on = value(Field::FreeOn.as_str()).and_then(|raw| {
            parse_calendar_date(raw)
                .or_else(|| fail(&mut errors, Field::FreeOn, FieldErrorCode::InvalidFormat))
        });
        let language = value(Field::Language.as_str()).and_then(|raw| {
            let ok = raw.len() == 2 && raw.bytes().all(|b| b.is_ascii_lowercase());
            if ok {
                Some(raw.to_owned())
            } else {
                fail(&mut errors, Field::Language, FieldErrorCode::Unknown)
            }
        });
        let sort = value(Field::Sort.as_str()).map_or(Some(DirectorySort::BestMatch), |raw| {
            DirectorySort::parse(raw)
                .or_else(|| fail(&mut errors, Field::Sort, FieldErrorCode::Unknown))
        });
        let text = value(Field::SearchText.as_str()).unwrap_or("");
        if text.chars().any(char::is_control) {
            errors.push(FieldError::new(Field::SearchText, FieldErrorCode::InvalidCharacters));
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            errors.push(FieldError::new(Field::SearchText, FieldErrorCode::TooLong));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(DirectoryFilter {
            text: text.to_owned(),
            specialty,
            location,
            fee_min,
            fee_max,
            min_experience,
            min_rating,
            free_on,
            language,
            sort: sort.unwrap_or_default(),
            page: page.unwrap_or(1),
        })
    }

    /// The filters that are set, broadest question first.
    pub fn active(&self) -> Vec<FilterKind> {
        let set = [
            (FilterKind::Text, !self.text.is_empty()),
            (FilterKind::Specialty, self.specialty.is_some()),
            (FilterKind::Location, self.location.is_some()),
            (FilterKind::FeeMin, self.fee_min.is_some()),
            (FilterKind::FeeMax, self.fee_max.is_some()),
            (FilterKind::Experience, self.min_experience.is_some()),
            (FilterKind::Rating, self.min_rating.is_some()),
            (FilterKind::FreeOn, self.free_on.is_some()),
            (FilterKind::Language, self.language.is_some()),
        ];
        set.into_iter().filter(|(_, on)| *on).map(|(kind, _)| kind).collect()
    }

    /// This search without one filter, from its first page.
    pub fn without(&self, kind: FilterKind) -> DirectoryFilter {
        let mut next = DirectoryFilter { page: 1, ..self.clone() };
        match kind {
            FilterKind::Text => next.text.clear(),
            FilterKind::Specialty => next.specialty = None,
            FilterKind::Location => next.location = None,
            FilterKind::FeeMin => next.fee_min = None,
            FilterKind::FeeMax => next.fee_max = None,
            FilterKind::Experience => next.min_experience = None,
            FilterKind::Rating => next.min_rating = None,
            FilterKind::FreeOn => next.free_on = None,
            FilterKind::Language => next.language = None,
        }
        next
    }

    /// This search on another page.
    pub fn on_page(&self, page: u32) -> DirectoryFilter {
        DirectoryFilter { page, ..self.clone() }
    }

    /// The query string (without `?`) that [`DirectoryFilter::parse`] reads back as this
    /// search; defaults are left out.
    pub fn to_query(&self) -> String {
        let number = |n: Option<i64>| n.map(|n| n.to_string());
        let pairs = [
            (Field::SearchText, (!self.text.is_empty()).then(|| self.text.clone())),
            (Field::Specialty, number(self.specialty)),
            (Field::Location, number(self.location)),
            (Field::FeeMin, number(self.fee_min.map(i64::from))),
            (Field::FeeMax, number(self.fee_max.map(i64::from))),
            (Field::MinExperience, number(self.min_experience.map(i64::from))),
            (Field::MinRating, number(self.min_rating.map(i64::from))),
            (Field::FreeOn, self.free_on.map(|d| d.to_string())),
            (Field::Language, self.language.clone()),
            (
                Field::Sort,
                (self.sort != DirectorySort::BestMatch).then(|| self.sort.key().to_owned()),
            ),
            (Field::Page, (self.page > 1).then(|| self.page.to_string())),
        ];
        query_string::encode(pairs.iter().filter_map(|(f, v)| Some((f.as_str(), v.as_deref()?))))
    }

    /// Rows to skip before this page.
    pub fn offset(&self) -> u32 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }
}

fn fail<T>(errors: &mut Vec<FieldError>, field: Field, code: FieldErrorCode) -> Option<T> {
    errors.push(FieldError::new(field, code));
    None
}

/// Pages needed for `total` doctors (at least one, so "page 1 of 1" reads right).
pub fn page_count(total: u32) -> u32 {
    total.div_ceil(PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse_query(query: &str) -> Result<DirectoryFilter, Vec<FieldError>> {
        let pairs = query_string::decode(query);
        DirectoryFilter::parse(|name| {
            pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
        })
    }

    #[test]
    fn an_empty_query_is_every_doctor_best_first_page_one() {
        let filter = parse_query("").unwrap();
        assert_eq!(filter, DirectoryFilter { page: 1, ..DirectoryFilter::default() });
        assert!(filter.active().is_empty());
        assert_eq!(filter.to_query(), "");
    }

    #[test]
    fn unreadable_values_are_refused_at_their_fields() {
        let errors =
            parse_query("fee_min=abc&rating=9&page=0&free_on=2026-13-01&sort=x&language=EN")
                .unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        for field in [
            Field::FeeMin,
            Field::MinRating,
            Field::Page,
            Field::FreeOn,
            Field::Sort,
            Field::Language,
        ] {
            assert!(fields.contains(&field), "{field:?} not refused: {errors:?}");
        }
        let errors = parse_query("fee_min=50&fee_max=10").unwrap_err();
        assert_eq!(errors, vec![FieldError::new(Field::FeeMax, FieldErrorCode::EndBeforeStart)]);
    }

    #[test]
    fn dropping_a_filter_starts_again_from_page_one() {
        let filter = parse_query("q=cardio&location=7&page=3").unwrap();
        let wider = filter.without(FilterKind::Location);
        assert_eq!(wider.to_query(), "q=cardio");
        assert_eq!(filter.active(), vec![FilterKind::Text, FilterKind::Location]);
    }

    fn any_filter() -> impl Strategy<Value = DirectoryFilter> {
        (
            "[a-zA-Z0-9 &=+%#?ধা]{0,20}",
            proptest::option::of(1i64..1000),
            proptest::option::of(1i64..1000),
            proptest::option::of(0u32..500),
            proptest::option::of(500u32..=MAX_FEE),
            proptest::option::of(0u8..=70),
            proptest::option::of(1u8..=5),
            proptest::option::of(0u32..3000),
            proptest::option::of("[a-z]{2}"),
            proptest::sample::select(DirectorySort::ALL.to_vec()),
            1u32..=MAX_PAGE,
        )
            .prop_map(
                |(
                    text,
                    specialty,
                    location,
                    fee_min,
                    fee_max,
                    exp,
                    rating,
                    day,
                    language,
                    sort,
                    page,
                )| {
                    DirectoryFilter {
                        text: text.trim().to_owned(),
                        specialty,
                        location,
                        fee_min,
                        fee_max,
                        min_experience: exp,
                        min_rating: rating,
                        free_on: day.map(|d| {
                            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                                + chrono::Duration::days(i64::from(d))
                        }),
                        language,
                        sort,
                        page,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn the_query_string_reads_back_as_the_same_search(filter in any_filter()) {
            prop_assert_eq!(parse_query(&filter.to_query()).unwrap(), filter);
        }

        #[test]
        fn dropping_a_filter_removes_exactly_that_filter(filter in any_filter()) {
            for kind in filter.active() {
                let wider = filter.without(kind);
                let expected: Vec<FilterKind> = filter.active().into_iter().filter(|k| *k != kind).collect();
                prop_assert_eq!(wider.active(), expected);
                prop_assert_eq!(wider.page, 1);
            }
        }
    }
}
