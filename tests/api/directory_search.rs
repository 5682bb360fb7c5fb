//! The directory's answer equals a brute-force filter and sort over randomly generated doctors,
//! for random combinations of text, filters, sorts and pages (through `search_doctors`).

use crate::helpers::*;
use medibook::domain::directory_filter::{DirectoryFilter, DirectorySort, PAGE_SIZE};
use medibook::dto::directory_page::DirectoryPage;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::HashMap;

const FIRST_NAMES: [&str; 8] =
    ["Amina", "Rafiq", "Nusrat", "Tanvir", "Farhana", "Karim", "Sadia", "Imran"];
const LAST_NAMES: [&str; 6] = ["Rahman", "Hossain", "Chowdhury", "Akter", "Islam", "Haque"];
const BIO_WORDS: [&str; 12] = [
    "heart", "cardiac", "children", "skin", "bones", "diabetes", "sleep", "migraine", "surgery",
    "care", "allergy", "asthma",
];
const LANGUAGES: [&str; 4] = ["bn", "en", "hi", "ur"];
const DAYS: [&str; 5] = ["2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"];

/// A generated doctor as the brute force sees it.
#[derive(Debug, Clone)]
struct Doctor {
    id: i64,
    name: String,
    specialty: i64,
    bio: String,
    place: Option<i64>,
    fee_minor: i64,
    currency: &'static str,
    years: i64,
    stars: [i64; 5],
    next_free_at: Option<i64>,
    free_days: Vec<&'static str>,
    languages: Vec<&'static str>,
    listed: bool,
    active: bool,
}

impl Doctor {
    fn fee_hundredths(&self) -> i64 {
        self.fee_minor * if self.currency == "JPY" { 100 } else { 1 }
    }
    fn count(&self) -> i64 {
        self.stars.iter().sum()
    }
    /// Computed as SQLite computes the generated column.
    fn average(&self) -> Option<f64> {
        let [s1, s2, s3, s4, s5] = self.stars.map(|s| s as f64);
        (self.count() > 0)
            .then(|| (s1 + 2.0 * s2 + 3.0 * s3 + 4.0 * s4 + 5.0 * s5) / self.count() as f64)
    }
}

/// What the brute force knows of places and specialties.
struct World {
    specialties: HashMap<i64, String>,
    /// id → (parent, English name, local name)
    places: HashMap<i64, (Option<i64>, String, String)>,
    doctors: Vec<Doctor>,
}

impl World {
    fn ancestors(&self, place: i64) -> Vec<i64> {
        let mut chain = vec![place];
        while let Some((Some(parent), _, _)) = self.places.get(chain.last().unwrap()) {
            chain.push(*parent);
        }
        chain
    }

    fn tokens(&self, d: &Doctor) -> Vec<String> {
        let mut text = format!("{} {} {}", d.name, self.specialties[&d.specialty], d.bio);
        for place in d.place.map(|p| self.ancestors(p)).unwrap_or_default() {
            let (_, en, local) = &self.places[&place];
            text.push_str(&format!(" {en} {local}"));
        }
        words(&text)
    }

    /// The ids the directory must answer, in order (`None` order for best-match text search).
    fn expected(&self, f: &DirectoryFilter) -> Vec<i64> {
        let query_words = words(&f.text);
        let mut kept: Vec<&Doctor> = self
            .doctors
            .iter()
            .filter(|d| d.listed && d.active)
            .filter(|d| f.specialty.is_none_or(|s| d.specialty == s))
            .filter(|d| {
                f.location.is_none_or(|l| d.place.is_some_and(|p| self.ancestors(p).contains(&l)))
            })
            .filter(|d| f.fee_min.is_none_or(|m| d.fee_hundredths() >= i64::from(m) * 100))
            .filter(|d| f.fee_max.is_none_or(|m| d.fee_hundredths() <= i64::from(m) * 100))
            .filter(|d| f.min_experience.is_none_or(|y| d.years >= i64::from(y)))
            .filter(|d| f.min_rating.is_none_or(|r| d.average().is_some_and(|a| a >= f64::from(r))))
            .filter(|d| {
                f.free_on.is_none_or(|day| {
                    d.free_days.contains(&day.format("%Y-%m-%d").to_string().as_str())
                })
            })
            .filter(|d| f.language.as_deref().is_none_or(|l| d.languages.contains(&l)))
            .filter(|d| {
                let tokens = self.tokens(d);
                query_words.iter().all(|w| tokens.iter().any(|t| t.starts_with(w.as_str())))
            })
            .collect();
        let by_rating =
            |d: &&Doctor| (d.average().is_none(), d.average().map(|a| -a), -d.count(), d.id);
        match f.sort {
            DirectorySort::BestMatch | DirectorySort::Rating => {
                kept.sort_by(|a, b| by_rating(a).partial_cmp(&by_rating(b)).unwrap())
            }
            DirectorySort::Soonest => {
                kept.sort_by_key(|d| (d.next_free_at.is_none(), d.next_free_at, d.id))
            }
            DirectorySort::FeeLowest => kept.sort_by_key(|d| (d.fee_hundredths(), d.id)),
            DirectorySort::Experience => kept.sort_by_key(|d| (-d.years, d.id)),
        }
        kept.into_iter().map(|d| d.id).collect()
    }
}

/// Lower-cased words as the full-text index splits them (ASCII queries; folded case).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn pick<T: Copy>(runner: &mut TestRunner, items: &[T]) -> T {
    let i = (0..items.len()).new_tree(runner).unwrap().current();
    items[i]
}

fn number(runner: &mut TestRunner, range: std::ops::Range<i64>) -> i64 {
    range.new_tree(runner).unwrap().current()
}

fn chance(runner: &mut TestRunner, percent: i64) -> bool {
    number(runner, 0..100) < percent
}

/// Writes `count` random doctors in one transaction, their cached availability marked fresh
/// (so the availability worker leaves the generated values alone).
async fn generate(app: &TestApp, runner: &mut TestRunner, count: usize) -> World {
    let specialties: HashMap<i64, String> = sqlx::query_as("SELECT id, name FROM specialties")
        .fetch_all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let rows: Vec<(i64, Option<i64>, String, String, i64)> =
        sqlx::query_as("SELECT id, parent_id, name_en, name_local, depth FROM locations")
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    // Practice places from two divisions, so location filters both hit and miss.
    let dhaka_or_sylhet: Vec<i64> = {
        let by_id: HashMap<i64, &(i64, Option<i64>, String, String, i64)> =
            rows.iter().map(|r| (r.0, r)).collect();
        rows.iter()
            .filter(|r| r.4 >= 2)
            .filter(|r| {
                let mut top = r.0;
                while let Some(parent) = by_id[&top].1 {
                    top = parent;
                }
                ["Dhaka", "Sylhet"].contains(&by_id[&top].2.as_str())
            })
            .map(|r| r.0)
            .collect()
    };
    let places = rows.iter().map(|r| (r.0, (r.1, r.2.clone(), r.3.clone()))).collect();
    let admin = app.user_id(ADMIN).await;
    let first_id: i64 = sqlx::query_scalar("SELECT ifnull(max(id), 0) + 1 FROM users")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    let specialty_ids: Vec<i64> = {
        let mut ids: Vec<i64> = specialties.keys().copied().collect();
        ids.sort();
        ids
    };
    let mut doctors = Vec::new();
    let mut tx = app.state.writer.begin().await.unwrap();
    for i in 0..count {
        let id = first_id + i as i64;
        let bio: Vec<&str> = (0..number(runner, 0..4)).map(|_| pick(runner, &BIO_WORDS)).collect();
        let stars = if chance(runner, 70) { [0; 5].map(|_| number(runner, 0..4)) } else { [0; 5] };
        let doctor = Doctor {
            id,
            name: format!("{} {}", pick(runner, &FIRST_NAMES), pick(runner, &LAST_NAMES)),
            specialty: pick(runner, &specialty_ids),
            bio: bio.join(" "),
            place: chance(runner, 85).then(|| pick(runner, &dhaka_or_sylhet)),
            fee_minor: number(runner, 0..40) * 500,
            currency: if chance(runner, 10) { "JPY" } else { "USD" },
            years: number(runner, 0..40),
            stars,
            next_free_at: chance(runner, 80).then(|| 1_800_000_000 + number(runner, 0..50) * 3600),
            free_days: DAYS.iter().copied().filter(|_| chance(runner, 40)).collect(),
            languages: LANGUAGES.iter().copied().filter(|_| chance(runner, 40)).collect(),
            listed: chance(runner, 90),
            active: chance(runner, 95),
        };
        sqlx::query(
            "INSERT INTO users (id, role, username, email, full_name, phone, date_of_birth, \
               password_hash, is_active, created_at, updated_at) \
             VALUES (?1, 'doctor', 'gen' || ?1, 'gen' || ?1 || '@clinic.test', ?2, '+8801700000000', \
               '1980-01-01', '$argon2id$generated', ?3, 0, 0)",
        )
        .bind(id).bind(&doctor.name).bind(doctor.active)
        .execute(&mut *tx).await.unwrap();
        sqlx::query(
            "INSERT INTO doctors (user_id, specialty_id, licence_number, verified_at, verified_by, \
               bio, years_of_experience, fee_minor, currency, practice_location_id) \
             VALUES (?1, ?2, 'GEN-' || ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(id)
        .bind(doctor.specialty)
        .bind(doctor.listed.then_some(1))
        .bind(doctor.listed.then_some(admin))
        .bind(&doctor.bio)
        .bind(doctor.years)
        .bind(doctor.fee_minor)
        .bind(doctor.currency)
        .bind(doctor.place)
        .execute(&mut *tx)
        .await
        .unwrap();
        let [s1, s2, s3, s4, s5] = doctor.stars;
        sqlx::query("UPDATE doctor_ratings SET stars_1 = ?2, stars_2 = ?3, stars_3 = ?4, stars_4 = ?5, stars_5 = ?6 WHERE doctor_id = ?1")
            .bind(id).bind(s1).bind(s2).bind(s3).bind(s4).bind(s5)
            .execute(&mut *tx).await.unwrap();
        sqlx::query("UPDATE doctor_availability SET computed_version = version, next_free_at = ?2, fresh_until = 4102444800 WHERE doctor_id = ?1")
            .bind(id).bind(doctor.next_free_at)
            .execute(&mut *tx).await.unwrap();
        for day in &doctor.free_days {
            sqlx::query("INSERT INTO doctor_free_days (doctor_id, day) VALUES (?1, ?2)")
                .bind(id)
                .bind(day)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        for language in &doctor.languages {
            sqlx::query("INSERT INTO doctor_languages (doctor_id, language) VALUES (?1, ?2)")
                .bind(id)
                .bind(language)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        doctors.push(doctor);
    }
    tx.commit().await.unwrap();
    World { specialties, places, doctors }
}

/// A random search over `world`: each filter set with some chance, values near the data.
fn random_filter(runner: &mut TestRunner, world: &World) -> DirectoryFilter {
    let some = |runner: &mut TestRunner, p| chance(runner, p);
    let doctor = world.doctors[number(runner, 0..world.doctors.len() as i64) as usize].clone();
    let mut text = Vec::new();
    if some(runner, 45) {
        let vocabulary: Vec<String> =
            world.tokens(&doctor).into_iter().filter(|t| t.is_ascii()).collect();
        for _ in 0..number(runner, 1..3) {
            let word = vocabulary[number(runner, 0..vocabulary.len() as i64) as usize].clone();
            let cut = number(runner, 1..word.len() as i64 + 1) as usize;
            let word = &word[..cut];
            text.push(if some(runner, 30) { word.to_uppercase() } else { word.to_owned() });
        }
    }
    let place = doctor.place.map(|p| world.ancestors(p)).unwrap_or_default();
    let low = some(runner, 25).then(|| number(runner, 0..150) as u32);
    DirectoryFilter {
        text: text.join(" "),
        specialty: some(runner, 25).then_some(doctor.specialty),
        location: (some(runner, 35) && !place.is_empty())
            .then(|| place[number(runner, 0..place.len() as i64) as usize]),
        fee_min: low,
        fee_max: some(runner, 25).then(|| low.unwrap_or(0) + number(runner, 0..200) as u32),
        min_experience: some(runner, 20).then(|| number(runner, 0..40) as u8),
        min_rating: some(runner, 20).then(|| number(runner, 1..6) as u8),
        free_on: some(runner, 20).then(|| DAYS[number(runner, 0..5) as usize].parse().unwrap()),
        language: some(runner, 20).then(|| pick(runner, &LANGUAGES).to_owned()),
        sort: pick(runner, &DirectorySort::ALL),
        page: if some(runner, 20) { number(runner, 2..5) as u32 } else { 1 },
    }
}

#[tokio::test]
async fn the_directory_answers_what_a_brute_force_filter_and_sort_answers() {
    let app = spawn_app().await;
    let mut runner = TestRunner::default();
    let world = generate(&app, &mut runner, 300).await;
    let client = app.client();
    for _ in 0..300 {
        let filter = random_filter(&mut runner, &world);
        let expected = world.expected(&filter);
        let page: DirectoryPage =
            call(&app, &client, "search_doctors", &[("query", &filter.to_query())]).await;
        assert_eq!(page.total as usize, expected.len(), "total for {filter:?}");
        assert_eq!(page.pages, (expected.len() as u32).div_ceil(PAGE_SIZE).max(1));
        let got: Vec<i64> = page.cards.iter().map(|c| c.id.0).collect();
        let offset = filter.offset() as usize;
        let window: Vec<i64> =
            expected.iter().copied().skip(offset).take(PAGE_SIZE as usize).collect();
        if filter.sort == DirectorySort::BestMatch && !filter.text.is_empty() {
            // Relevance (bm25) orders text matches: all matches, on some page, exactly once.
            let mut all = Vec::new();
            for page_number in 1..=page.pages {
                let next: DirectoryPage = call(
                    &app,
                    &client,
                    "search_doctors",
                    &[("query", &filter.on_page(page_number).to_query())],
                )
                .await;
                all.extend(next.cards.iter().map(|c| c.id.0));
            }
            all.sort();
            let mut sorted = expected.clone();
            sorted.sort();
            assert_eq!(all, sorted, "matches for {filter:?}");
        } else {
            assert_eq!(got, window, "page for {filter:?}");
        }
        if expected.is_empty() && !filter.active().is_empty() {
            if let Some(wider) = &page.wider {
                assert_eq!(
                    world.expected(&wider.filter).len() as u32,
                    wider.total,
                    "hint for {filter:?}"
                );
                for kind in filter.active() {
                    assert!(world.expected(&filter.without(kind)).len() as u32 <= wider.total);
                }
            } else {
                for kind in filter.active() {
                    assert!(
                        world.expected(&filter.without(kind)).is_empty(),
                        "no hint for {filter:?}"
                    );
                }
            }
        }
    }
}
