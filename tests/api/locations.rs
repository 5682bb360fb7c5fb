//! The location hierarchy shipped in the binary: complete, searchable in both languages,
//! loaded idempotently, and guarded by the database.

use crate::helpers::*;
use medibook::dto::location_view::{LocationMatch, LocationView};
use medibook::server::locations::import::{LoadReport, load_shipped};

async fn children(app: &TestApp, parent: Option<i64>) -> Vec<LocationView> {
    let parent = parent.map(|p| p.to_string()).unwrap_or_default();
    let form: Vec<(&str, &str)> =
        if parent.is_empty() { vec![] } else { vec![("parent_id", parent.as_str())] };
    call(app, &app.client(), "location_children", &form).await
}

async fn search(app: &TestApp, query: &str) -> Vec<LocationMatch> {
    call(app, &app.client(), "search_locations", &[("query", query)]).await
}

#[tokio::test]
async fn every_division_district_and_upazila_of_bangladesh_is_there() {
    let app = spawn_app().await;
    let divisions = children(&app, None).await;
    let names: Vec<&str> = divisions.iter().map(|d| d.name_en.as_str()).collect();
    assert_eq!(
        names,
        [
            "Barishal",
            "Chattogram",
            "Dhaka",
            "Khulna",
            "Mymensingh",
            "Rajshahi",
            "Rangpur",
            "Sylhet"
        ]
    );
    assert!(divisions.iter().all(|d| d.depth == 1 && d.level_en == "Division"));
    assert_eq!(divisions[2].name_local, "ঢাকা");
    let (mut districts, mut upazilas) = (0, 0);
    for division in &divisions {
        for district in children(&app, Some(division.id)).await {
            assert_eq!((district.depth, district.level_local.as_str()), (2, "জেলা"));
            districts += 1;
            let below = children(&app, Some(district.id)).await;
            assert!(!below.is_empty(), "{} has no upazilas", district.name_en);
            assert!(below.iter().all(|u| u.depth == 3 && !u.name_local.trim().is_empty()));
            upazilas += below.len();
        }
    }
    assert_eq!(districts, 64);
    assert_eq!(upazilas, 494 + 1 + 26, "upazilas, Shaistaganj, metropolitan thanas");
    assert!(children(&app, Some(9_999_999)).await.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn places_are_found_by_name_prefix_in_english_or_bangla_with_their_breadcrumb() {
    let app = spawn_app().await;
    let found = search(&app, "dhanm").await;
    assert_eq!(found[0].place.name_en, "Dhanmondi");
    assert_eq!(found[0].breadcrumb_en, "Dhaka › Dhaka › Dhanmondi");
    assert_eq!(found[0].breadcrumb_local, "ঢাকা › ঢাকা › ধানমন্ডি");
    assert_eq!(search(&app, "ধানম").await[0].place.name_en, "Dhanmondi");
    assert_eq!(search(&app, "  DHANMONDI ").await[0].place.name_en, "Dhanmondi");
    let cox = search(&app, "cox baz").await;
    assert!(cox.iter().any(|m| m.breadcrumb_en == "Chattogram › Cox's Bazar"), "{cox:?}");
    let kaliganj = search(&app, "kaliganj").await;
    assert!(kaliganj.len() >= 4, "one Kaliganj per district it is in: {kaliganj:?}");
    for nothing in
        ["", "\"* - ( ) :", "NEAR(dhaka) OR zzzzqqq", "zzzzqqq", "'; DROP TABLE locations; --"]
    {
        assert!(search(&app, nothing).await.is_empty(), "{nothing:?}");
    }

    let dhanmondi = found[0].place.id.to_string();
    let path: Vec<LocationView> =
        call(&app, &app.client(), "location_path", &[("location_id", &dhanmondi)]).await;
    let names: Vec<&str> = path.iter().map(|p| p.name_en.as_str()).collect();
    assert_eq!(names, ["Dhaka", "Dhaka", "Dhanmondi"]);
    let unknown = app.call(&app.client(), "location_path", &[("location_id", "0")]).await;
    assert_eq!(unknown.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn loading_the_locations_again_changes_nothing_and_the_database_keeps_the_hierarchy() {
    let app = spawn_app().await;
    assert_eq!(load_shipped(&app.state.writer, false).await.expect("load"), None, "same version");
    let again = load_shipped(&app.state.writer, true).await.expect("load").expect("forced");
    assert_eq!(again, LoadReport { added: 0, renamed: 0, unchanged: 593 });

    let dhaka: i64 = sqlx::query_scalar("SELECT id FROM locations WHERE code = 'BD.6'")
        .fetch_one(&app.state.db)
        .await
        .expect("Dhaka division");
    // A district's child at the district level, a place hung under a missing level, a move.
    for (sql, what) in [
        (format!("INSERT INTO locations (code, country, parent_id, depth, name_en, name_local) VALUES ('X.1', 'BD', {dhaka}, 1, 'X', 'X')"), "wrong depth"),
        (format!("INSERT INTO locations (code, country, parent_id, depth, name_en, name_local) VALUES ('X.2', 'BD', {dhaka}, 4, 'X', 'X')"), "skipped level"),
        ("INSERT INTO locations (code, country, depth, name_en, name_local) VALUES ('X.3', 'IN', 1, 'X', 'X')".to_owned(), "country without levels"),
        ("UPDATE locations SET parent_id = NULL WHERE code = 'BD.6.47'".to_owned(), "moved"),
    ] {
        let refused = sqlx::query(&sql).execute(&app.state.writer).await;
        assert!(refused.is_err(), "{what} was accepted");
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM locations")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 593);
    app.stop().await;
}
