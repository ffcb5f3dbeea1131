//! Hostile and broken bundles: deep nesting, huge arrays, wrong types, cycles, and personal data
//! planted everywhere. Never a panic, bounded output, no value repeated in any error.

use serde_json::{Value, json};
use wijknet::Registry;
use wijknet::limits::{MAX_LIST_ITEMS, MAX_PROBLEMS};
use wijknet_fhir::{BundleType, Directory, to_bundle};

fn twente_bundle() -> Value {
    to_bundle(&Registry::from_json(include_bytes!("../../examples/data/twente.json")).unwrap(), BundleType::Collection)
}

fn import(v: &Value) -> Result<Directory, wijknet::Error> {
    Directory::from_json(v.to_string().as_bytes())
}

#[test]
fn deep_nesting_is_refused_at_its_path() {
    let deep = format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{{"resource":{}}}]}}"#,
        "[".repeat(100_000) + &"]".repeat(100_000)
    );
    let e = Directory::from_json(deep.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(e.problems()[0].reason.contains("nested deeper"), "{e:?}");
    assert!(e.problems()[0].path.starts_with("Bundle.entry[0].resource[0][0]"), "{e:?}");
}

#[test]
fn an_array_beyond_the_list_limit_is_refused() {
    let mut s = String::from(
        r#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Location","id":"x","extension":["#,
    );
    s.push_str(&"0,".repeat(MAX_LIST_ITEMS));
    s.push_str("0]}}]}");
    let e = Directory::from_json(s.as_bytes()).unwrap_err();
    assert_eq!(e.code(), "json");
    assert!(e.problems()[0].reason.contains("more than the limit"), "{e:?}");
}

#[test]
fn a_huge_coverage_list_and_many_problems_stay_bounded() {
    let mut b = twente_bundle();
    let entries = b["entry"].as_array_mut().unwrap();
    let svc = entries.iter_mut().find(|e| e["resource"]["resourceType"] == "HealthcareService").unwrap();
    svc["resource"]["coverageArea"] = json!(vec![json!({"reference": "Location/nope"}); 50_000]);
    let e = import(&b).unwrap_err();
    assert_eq!(e.problems().len(), 1, "over the record-list limit: one problem, the list not walked");
    assert!(e.problems()[0].reason.contains("more than the limit"));
    svc_many_problems();
}

fn svc_many_problems() {
    let mut b = twente_bundle();
    let entries = b["entry"].as_array_mut().unwrap();
    let svc = entries.iter_mut().find(|e| e["resource"]["resourceType"] == "HealthcareService").unwrap();
    svc["resource"]["coverageArea"] = json!(vec![json!({"reference": "Location/nope"}); 5_000]);
    let e = import(&b).unwrap_err();
    let p = e.problems();
    assert_eq!(p.len(), MAX_PROBLEMS + 1);
    assert_eq!(p.last().unwrap().path, "Bundle");
    assert!(p.last().unwrap().reason.starts_with("4000 more problems"), "{:?}", p.last());
}

#[test]
fn wrong_types_everywhere_are_problems_not_panics() {
    let base = twente_bundle();
    let n = base["entry"].as_array().unwrap().len();
    let wrong = [json!(5), json!("x"), json!([1, 2]), json!({"a": 1}), json!(null), json!(true), json!(-1.5)];
    let mut cases = 0;
    for i in (0..n).step_by(3) {
        let keys: Vec<String> = base["entry"][i]["resource"].as_object().unwrap().keys().cloned().collect();
        for k in keys {
            for w in &wrong {
                let mut b = base.clone();
                b["entry"][i]["resource"][&k] = w.clone();
                let _ = import(&b); // must not panic; a problem or (for ignored elements) success
                cases += 1;
            }
        }
    }
    assert!(cases > 500, "{cases}");
}

#[test]
fn a_part_of_cycle_is_a_problem() {
    let mut b = twente_bundle();
    b["entry"].as_array_mut().unwrap().extend([
        json!({"resource": {"resourceType": "Organization", "id": "dep-a", "name": "A", "partOf": {"reference": "Organization/dep-b"}}}),
        json!({"resource": {"resourceType": "Organization", "id": "dep-b", "name": "B", "partOf": {"reference": "Organization/dep-a"}}}),
    ]);
    let team = b["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["resource"]["resourceType"] == "HealthcareService")
        .unwrap();
    team["resource"]["providedBy"] = json!({"reference": "Organization/dep-a"});
    let e = import(&b).unwrap_err();
    assert!(e.problems().iter().any(|p| p.reason.contains("cycle")), "{e:?}");
}

#[test]
fn a_department_s_services_belong_to_its_top_organisation() {
    let r = Registry::from_json(include_bytes!("../../examples/data/twente.json")).unwrap();
    let mut b = to_bundle(&r, BundleType::Collection);
    let team = r.teams()[0].clone();
    b["entry"]
        .as_array_mut()
        .unwrap()
        .push(json!({"resource": {"resourceType": "Organization", "id": "dep-1", "name": "Afdeling",
        "partOf": {"reference": format!("Organization/{}", team.organisation)}}}));
    let svc = b["entry"].as_array_mut().unwrap().iter_mut().find(|e| e["resource"]["id"] == team.id.as_str()).unwrap();
    svc["resource"]["providedBy"] = json!({"reference": "Organization/dep-1"});
    let d = import(&b).unwrap();
    assert_eq!(d.registry().to_doc(), r.to_doc());
}

#[test]
fn modifier_extensions_are_refused() {
    let mut b = twente_bundle();
    b["entry"][0]["resource"]["modifierExtension"] = json!([{"url": "http://example.org/x", "valueBoolean": true}]);
    let e = import(&b).unwrap_err();
    assert_eq!(e.problems()[0].path, "Bundle.entry[0].resource.modifierExtension");
}

/// Plants a BSN, a date of birth and a name at every string of the bundle (one at a time) and in
/// keys: no error text, path or reason may repeat them.
#[test]
fn no_error_repeats_personal_data() {
    const PLANTED: [&str; 4] = ["123456782", "2011-09-01", "Jantje Pietersen", "PietersenJ"];
    let base = twente_bundle();
    fn paths(v: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        match v {
            Value::String(_) => out.push(at),
            Value::Array(a) => {
                a.iter().enumerate().for_each(|(i, x)| paths(x, [at.clone(), vec![json!(i)]].concat(), out))
            }
            Value::Object(o) => o.iter().for_each(|(k, x)| paths(x, [at.clone(), vec![json!(k)]].concat(), out)),
            _ => {}
        }
    }
    fn at<'a>(v: &'a mut Value, p: &[Value]) -> &'a mut Value {
        p.iter().fold(v, |v, k| match k {
            Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
            Value::String(s) => &mut v[s.as_str()],
            _ => unreachable!(),
        })
    }
    let mut all = Vec::new();
    paths(&base, Vec::new(), &mut all);
    let mut checked = 0;
    for (n, p) in all.iter().enumerate().filter(|(n, _)| n % 4 == 0) {
        let planted = PLANTED[n % PLANTED.len()];
        let mut b = base.clone();
        *at(&mut b, p) = json!(planted);
        if let Err(e) = import(&b) {
            let text = format!("{e} {e:?}");
            assert!(!text.contains(planted), "{planted} in {text}");
            checked += 1;
        }
        // As a key.
        let mut b = base.clone();
        if let Some(parent) = p.len().checked_sub(1).map(|l| &p[..l]) {
            if let Value::Object(o) = at(&mut b, parent) {
                o.insert(planted.to_owned(), json!(1));
                o.insert(planted.to_owned() + "x", json!([planted]));
            }
            if let Err(e) = import(&b) {
                assert!(!format!("{e} {e:?}").contains(planted));
            }
        }
    }
    assert!(checked > 50, "{checked} errors checked");
}
