//! The languages a client speaks against the languages of a team's nurses.

use chrono::{DateTime, Utc};
use wijknet::Registry;
use wijknet::matching::{ExclusionReason, MatchOptions, MatchRequest, match_request};

fn registry() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/registries/languages.json");
    Registry::from_json(&std::fs::read(path).expect("vector registry")).expect("loads")
}

fn request(languages: &str) -> MatchRequest {
    let text = format!(
        r#"{{"location":"7512AC","care_types":["nursing"],"desired_start":"2026-11-23","latest_start":"2026-12-01","languages":{languages}}}"#
    );
    MatchRequest::from_json(text.as_bytes()).expect("request")
}

fn options() -> MatchOptions {
    MatchOptions::at("2026-11-22T10:00:00Z".parse::<DateTime<Utc>>().unwrap())
}

#[test]
fn one_language_in_common_is_enough_and_none_asked_asks_nothing() {
    let r = registry();
    let without = match_request(&r, &request("[]"), &options()).unwrap();
    let with_dutch = match_request(&r, &request(r#"["pl","nl"]"#), &options()).unwrap();
    // b3 speaks only Polish, the others Dutch among others: everyone shares one language.
    assert_eq!(without.to_json(), with_dutch.to_json());
    let polish_only = match_request(&r, &request(r#"["pl"]"#), &options()).unwrap();
    let language_exclusions: Vec<&str> = polish_only
        .excluded
        .iter()
        .filter(|e| e.reason == ExclusionReason::NoCommonLanguage)
        .map(|e| e.team.as_str())
        .collect();
    let evaluated = without.candidates.len() + without.excluded.len();
    assert_eq!(polish_only.candidates.len() + polish_only.excluded.len(), evaluated, "the same teams are evaluated");
    assert!(polish_only.candidates.iter().all(|c| c.team.as_str() == "b3"), "only the Polish-speaking team");
    assert!(!language_exclusions.contains(&"b3") && !language_exclusions.is_empty());
}

#[test]
fn languages_survive_the_documents_and_unknown_codes_are_problems() {
    let r = registry();
    let again = Registry::from_json(r.to_json().as_bytes()).unwrap();
    assert_eq!(again.to_json(), r.to_json());
    let a1 = r.team("a1").unwrap();
    assert_eq!(a1.languages.iter().map(|l| l.code()).collect::<Vec<_>>(), ["nl", "en", "tr"]);
    let a2 = r.team("a2").unwrap();
    assert_eq!(a2.languages.iter().map(|l| l.code()).collect::<Vec<_>>(), ["nl"], "none named: Dutch");
    let doc: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert!(doc["teams"][1].get("languages").is_none(), "Dutch only is written as no languages");
    assert_eq!(doc["teams"][0]["languages"], serde_json::json!(["nl", "en", "tr"]));
    let req = request(r#"["tr"]"#);
    assert_eq!(MatchRequest::from_json(&serde_json::to_vec(&req.to_doc()).unwrap()).unwrap(), req);
    let e = MatchRequest::from_json(br#"{"location":"7511","care_types":["nursing"],"languages":["Klingon"]}"#)
        .unwrap_err();
    assert_eq!(e.problems()[0].path, "$.languages[0]");
    assert!(!e.to_string().contains("Klingon"), "{e}");
}
