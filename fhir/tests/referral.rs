//! Referrals as ServiceRequest + Task versions: replaying the Task histories gives the same
//! referral book as the native events.

use wijknet::referral::{ReferralBook, parse_events};
use wijknet_fhir::referral::{book_from_history, events_from_history, events_to_history};

fn vectors() -> Vec<(String, serde_json::Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/referral");
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a: &(String, serde_json::Value), b| a.0.cmp(&b.0));
    out
}

fn same_book(a: &ReferralBook, b: &ReferralBook) {
    assert_eq!(a.summaries(), b.summaries());
    let (ra, rb) = (a.referrals(), b.referrals());
    assert_eq!(ra.len(), rb.len());
    for (x, y) in ra.iter().zip(rb.iter()) {
        assert_eq!(*x, *y, "referral {}", x.id());
    }
}

#[test]
fn generated_referral_year_replays_to_the_same_book() {
    for seed in [1, 2, 3] {
        let events = wijknet_fixtures::national_referral_events(seed, 400);
        let native = ReferralBook::replay(&events).unwrap();
        let history = events_to_history(&events).unwrap().to_string();
        let back = events_from_history(history.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.len(), events.len());
        let book = book_from_history(history.as_bytes()).unwrap();
        same_book(&native, &book);
        assert_eq!(book.summaries().len(), 400);
    }
}

#[test]
fn vector_event_streams_replay_to_the_same_book() {
    let mut n = 0;
    for (name, v) in vectors() {
        let Some(doc) = v.get("events") else { continue };
        let json = doc.to_string();
        let Ok(events) = parse_events(json.as_bytes()) else { continue };
        let Ok(native) = ReferralBook::replay(&events) else { continue };
        let history = events_to_history(&events).unwrap().to_string();
        let book = book_from_history(history.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        same_book(&native, &book);
        n += 1;
    }
    assert!(n >= 3, "{n} vectors");
}

#[test]
fn a_history_without_wijknet_extensions_still_gives_the_book_from_the_status_changes() {
    let events = wijknet_fixtures::national_referral_events(7, 50);
    let native = ReferralBook::replay(&events).unwrap();
    let mut history = events_to_history(&events).unwrap();
    for e in history["entry"].as_array_mut().unwrap() {
        let r = &mut e["resource"];
        let exts = r["extension"].as_array_mut().unwrap();
        let automatic = exts.iter().any(|x| x.to_string().contains("\"automatic\""));
        if automatic {
            continue;
        }
        exts.retain(|x| !x["url"].as_str().unwrap().ends_with("referral-event"));
    }
    let book = book_from_history(history.to_string().as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
    // Event ids and actors are derived, so compare what the book says, not its event ids.
    assert_eq!(native.summaries(), book.summaries());
}

#[test]
fn problems_are_listed_at_fhir_paths() {
    let events = wijknet_fixtures::national_referral_events(1, 5);
    let mut history = events_to_history(&events).unwrap();
    let n = history["entry"].as_array().unwrap().len();
    history["entry"][n - 1]["resource"]["meta"]["lastUpdated"] = serde_json::json!("gisteren 123456782");
    let e = events_from_history(history.to_string().as_bytes()).unwrap_err();
    assert_eq!(e.problems()[0].path, format!("Bundle.entry[{}].resource.meta.lastUpdated", n - 1));
    assert!(!e.to_string().contains("123456782"));
}
