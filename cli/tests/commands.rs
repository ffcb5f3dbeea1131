//! Every subcommand's text and `--json` output, exit codes per error class, stdin, hostile
//! input, and the exit-code table of `--help` against the README.

mod support;

use serde_json::json;
use support::{exit_code_of, root, scratch, scratch_json, wijknet, wijknet_with};

const TWENTE: &str = "examples/data/twente.json";
const TWENTE_AGREEMENTS: &str = "examples/data/twente.agreements.json";
/// The demo's "now": Sunday 22 November 2026, 14:00 in Enschede.
const NOW: &str = "2026-11-22T14:00:00+01:00";

/// Referral a of the demo: help showering twice a week in Boekelo.
fn boekelo_request() -> String {
    scratch_json(
        "boekelo.json",
        &json!({"id": "demo-a", "location": "7548BA", "care_types": ["personal_care"],
                "desired_start": "2026-11-24", "latest_start": "2026-11-30",
                "insurer": "ins-tubantia", "policy": "natura"}),
    )
}

/// The demo's acute discharge: wound care and injections, also at night.
fn acute_request() -> String {
    scratch_json(
        "acute.json",
        &json!({"id": "demo-b", "location": "7544GK", "care_types": ["wound_care", "medical_technical"],
                "urgency": "acute", "times_of_day": ["day", "night"], "min_nurse_level": "level_5",
                "insurer": "ins-nederland", "policy": "restitution"}),
    )
}

fn assert_ok(run: &support::Run) {
    assert_eq!(run.code, Some(0), "{run:?}");
    // No --now/--at was left to the clock and no progress bar drew: stderr stays empty.
    assert_eq!(run.stderr, "", "{run:?}");
}

#[test]
fn validate_reports_every_document_kind() {
    let cases: &[(&str, &str, Option<&str>, &str)] = &[
        ("registry", TWENTE, None, "valid: registry (organisations 16, teams 20, version 1)"),
        ("agreements", TWENTE_AGREEMENTS, Some(TWENTE), "valid: agreements (agreements 6, version 3)"),
    ];
    for (kind, file, registry, want) in cases {
        let mut args = vec!["validate", kind, file];
        if let Some(r) = registry {
            args.extend(["--registry", r]);
        }
        let run = wijknet(&args);
        assert_ok(&run);
        assert!(run.stdout.starts_with(want), "{run:?}");
        args.push("--json");
        let v = wijknet(&args).json();
        assert_eq!(v["valid"], true);
        assert_eq!(v["kind"], *kind);
    }
    // FHIR: the region as an mCSD Bundle is read back; the IHE examples lack what wijknet needs,
    // and every missing piece is listed at its FHIR path.
    let registry = wijknet::Registry::from_json(&std::fs::read(root().join(TWENTE)).unwrap()).unwrap();
    let bundle = wijknet_fhir::api::registry_to_fhir(&registry, wijknet_fhir::api::BundleType::Collection);
    let bundle = scratch("twente.fhir.json", bundle.as_bytes());
    let run = wijknet(&["validate", "fhir-directory", &bundle]);
    assert_ok(&run);
    assert_eq!(run.stdout, "valid: fhir-directory (organisations 16, teams 20)\n");
    let run = wijknet(&["validate", "fhir-directory", "fhir/tests/data/ihe-mcsd-examples.json"]);
    assert_eq!(run.code, Some(exit_code_of("invalid")));
    assert!(run.stderr.contains("\n  `Bundle.entry[7].resource.providedBy`: "), "{}", run.stderr);
    let request = boekelo_request();
    let run = wijknet(&["validate", "match-request", &request, "--registry", TWENTE, "--json"]);
    assert_eq!(run.json(), json!({"valid": true, "kind": "match-request", "location": "7548BA", "care_types": 1}));
    let update = scratch_json(
        "update.json",
        &json!({"team": "b1", "expected_version": 0, "status": "full", "updated_at": "2026-11-22T09:30:00Z"}),
    );
    assert_ok(&wijknet(&["validate", "capacity-update", &update, "--registry", "tests/vectors/registries/basic.json"]));
    let stale = scratch_json(
        "stale.json",
        &json!({"team": "b1", "expected_version": 7, "status": "full", "updated_at": "2026-11-22T09:30:00Z"}),
    );
    let run = wijknet(&["validate", "capacity-update", &stale, "--registry", "tests/vectors/registries/basic.json"]);
    assert_eq!(run.code, Some(exit_code_of("version_conflict")), "{run:?}");
    let events = wijknet(&["generate", "events", "--seed", "1", "--referrals", "5"]);
    let run = wijknet_with(&["validate", "events", "--json"], events.stdout.as_bytes());
    assert_eq!(run.json()["kind"], "referral-events");
    let consent = support::cases("consent");
    let (_, case) = &consent[0];
    let store = scratch_json("store.json", &case["store"]);
    let request = scratch_json("request.json", &case["request"]);
    assert_ok(&wijknet(&["validate", "consent-store", &store]));
    assert_ok(&wijknet(&["validate", "consent-request", &request]));
}

#[test]
fn validate_lists_every_problem_with_its_path() {
    let doc = br#"{"schema": "wijknet.registry/v1", "version": 1, "organisations": [
        {"id": "", "name": "A", "kind": "home_care_provider"},
        {"id": "org-b", "name": "B", "kind": "no_such_kind"}], "teams": []}"#;
    let run = wijknet_with(&["validate", "registry"], doc);
    assert_eq!(run.code, Some(exit_code_of("invalid")), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("wijknet: invalid registry: `$.organisations[0].id`"), "{}", run.stderr);
    assert!(run.stderr.contains("\n  `$.organisations[1].kind`: "), "{}", run.stderr);
    assert!(run.stderr.ends_with("(exit 12: invalid)\n"), "{}", run.stderr);
    let run = wijknet_with(&["validate", "registry", "-", "--json"], doc);
    let v = run.json();
    assert_eq!(v["code"], "invalid");
    let paths: Vec<&str> = v["problems"].as_array().unwrap().iter().map(|p| p["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["$.organisations[0].id", "$.organisations[1].kind"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn exit_codes_per_error_class() {
    let registry = "tests/vectors/registries/basic.json";
    let cases: Vec<(&str, Vec<&str>, &[u8])> = vec![
        ("json", vec!["validate", "registry"], b"{\"schema\": "),
        ("schema", vec!["validate", "registry"], br#"{"schema": "wijknet.registry/v9"}"#),
        ("invalid", vec!["validate", "registry"], br#"{"schema": "wijknet.registry/v1", "version": 1, "organisations": [{"id": "", "name": "A", "kind": "home_care_provider"}], "teams": []}"#),
        (
            "not_found",
            vec!["replay", "-"],
            br#"{"schema": "wijknet.referral-events/v1", "events": [{"id": "e1", "referral": "r1", "seq": 1,
                "at": "2026-03-02T09:00:00Z", "actor": {"role": "referrer", "id": "gp-1"}, "type": "submitted"}]}"#,
        ),
        (
            "local_time",
            vec![
                "on-call",
                "--registry",
                TWENTE,
                "--agreements",
                TWENTE_AGREEMENTS,
                "--location",
                "7544",
                "--at",
                "2026-03-29T02:30",
            ],
            b"",
        ),
        ("usage", vec!["match", "--registry", registry], b""),
        ("usage", vec!["no-such-command"], b""),
        ("usage", vec!["match", "--registry", "-", "-", "--now", NOW], b""),
        ("usage", vec!["match", "--registry", registry, "x.json", "--now", "yesterday"], b""),
        ("usage", vec!["validate", "agreements", TWENTE_AGREEMENTS], b""),
        ("io", vec!["validate", "registry", "no/such/file.json"], b""),
    ];
    for (class, args, stdin) in cases {
        let run = wijknet_with(&args, stdin);
        let want = match class {
            "usage" => 2,
            "io" => 20,
            core => exit_code_of(core),
        };
        assert_eq!(run.code, Some(want), "{class}: {args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{class}: a reason is printed");
        let json = wijknet_with(&[&args[..], &["--json"]].concat(), stdin);
        assert_eq!(json.code, Some(want), "{class} with --json");
        if class != "usage" {
            assert_eq!(json.json()["code"], class, "{class}: {json:?}");
        }
    }
    // The referral errors: a refused event names its position in the document.
    for (name, class) in [
        ("error_after_completed", "transition"),
        ("error_duplicate_event", "duplicate_event"),
        ("error_wrong_actor", "wrong_actor"),
    ] {
        let case = serde_json::from_str::<serde_json::Value>(
            &std::fs::read_to_string(root().join(format!("tests/vectors/referral/{name}.json"))).unwrap(),
        )
        .unwrap();
        let events = scratch_json("events.json", &case["events"]);
        let run = wijknet(&["replay", &events]);
        assert_eq!(run.code, Some(exit_code_of(class)), "{name}: {run:?}");
        assert!(
            run.stderr
                .starts_with(&format!("wijknet: event index {}: referral ", case["expect"]["error"]["event_index"])),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn match_shows_candidates_exclusions_and_the_accountable_party() {
    let request = boekelo_request();
    let run = wijknet(&["match", "--registry", TWENTE, &request, "--now", NOW]);
    assert_ok(&run);
    let out = &run.stdout;
    assert!(out.starts_with("Match: personal care at 7548BA (now Sun 22 Nov 2026 14:00 CET)\n"), "{out}");
    assert!(out.contains("  1. Tubantia Zuid & Boekelo — Tubantia Thuiszorg\n"), "{out}");
    assert!(out.contains("     ! not contracted"), "{out}");
    assert!(
        out.contains(
            "  - De Linde Boekelo & Usselo (Thuiszorg De Linde): no capacity (no free place for `personal_care`)"
        ),
        "{out}"
    );
    let nl = wijknet(&["match", "--registry", TWENTE, &request, "--now", NOW, "--lang", "nl"]);
    assert!(nl.stdout.contains("Kandidaten, beste eerst (3):"), "{}", nl.stdout);
    assert!(nl.stdout.contains(": geen capaciteit ("), "{}", nl.stdout);
    // Nobody: the palliative client in Overdinkel, day and night; the coordination point answers.
    let nobody = scratch_json(
        "overdinkel.json",
        &json!({"id": "demo-d", "location": "7586", "care_types": ["palliative_terminal", "personal_care"],
                "urgency": "acute", "times_of_day": ["day", "evening", "night"]}),
    );
    let run = wijknet(&["match", "--registry", TWENTE, &nobody, "--now", NOW]);
    assert_ok(&run);
    assert!(run.stdout.contains("Accountable: Coördinatiepunt Wijkverpleging Twente"), "{}", run.stdout);
    // With the agreements the acute discharge finds more teams, nights through the rotation.
    let acute = acute_request();
    let alone = wijknet(&["match", "--json", "--registry", TWENTE, &acute, "--now", NOW]).json();
    let with =
        wijknet(&["match", "--json", "--registry", TWENTE, "--agreements", TWENTE_AGREEMENTS, &acute, "--now", NOW])
            .json();
    let n = |v: &serde_json::Value| v["candidates"].as_array().unwrap().len();
    assert!(n(&with) > n(&alone), "{} vs {}", n(&with), n(&alone));
    let text = wijknet(&["match", "--registry", TWENTE, "--agreements", TWENTE_AGREEMENTS, &acute, "--now", NOW]);
    assert!(text.stdout.contains("via night-care rotation `nacht-twente`"), "{}", text.stdout);
}

#[test]
fn match_json_is_the_front_doors_result() {
    let request = boekelo_request();
    let run = wijknet(&["match", "--json", "--registry", TWENTE, &request, "--now", NOW]);
    assert_ok(&run);
    let registry = wijknet::Registry::from_json(&std::fs::read(root().join(TWENTE)).unwrap()).unwrap();
    let req = wijknet::matching::MatchRequest::from_json(&std::fs::read(&request).unwrap()).unwrap();
    let now = wijknet::api::parse_instant(NOW, "now").unwrap();
    let result = wijknet::matching::match_request(&registry, &req, &wijknet::matching::MatchOptions::at(now)).unwrap();
    assert_eq!(run.stdout, result.to_json() + "\n");
}

#[test]
fn on_call_names_the_team_and_whom_to_call() {
    let base = ["on-call", "--registry", TWENTE, "--agreements", TWENTE_AGREEMENTS];
    let run = wijknet(&[&base[..], &["--location", "7544GK", "--at", "2026-11-23T02:30"]].concat());
    assert_ok(&run);
    assert!(run.stdout.starts_with("Night care for 7544GK at Mon 23 Nov 2026 02:30 CET: covered\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Nachtzorg Enschede (gezamenlijk) (Thuiszorg De Linde), rotation `nacht-twente`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("    call: "), "{}", run.stdout);
    let nobody =
        wijknet(&[&base[..], &["--location", "7553", "--at", "2026-11-23T02:30:00+01:00", "--lang", "nl"]].concat());
    assert!(nobody.stdout.contains(": niemand dienst"), "{}", nobody.stdout);
    assert!(nobody.stdout.contains("coördinatiepunt `cp-afspraak`"), "{}", nobody.stdout);
    let v = wijknet(&[&base[..], &["--location", "7544GK", "--at", "2026-11-23T01:30:00Z", "--json"]].concat()).json();
    assert_eq!(v["outcome"], "covered");
    assert_eq!(v["at"], "2026-11-23T01:30:00Z");
    assert_eq!(v["duties"][0]["agreement"], "nacht-twente");
    // A postcode that is not one: a usage error that does not repeat what was typed.
    let run = wijknet(&[&base[..], &["--location", "111222333", "--at", NOW]].concat());
    assert_eq!(run.code, Some(2));
    assert!(!run.stderr.contains("111222333"), "{}", run.stderr);
}

#[test]
fn check_lists_the_findings() {
    let base = ["check", "--registry", TWENTE, "--agreements", TWENTE_AGREEMENTS, "--date", "2026-11-22"];
    let run = wijknet(&base);
    assert_ok(&run);
    assert!(
        run.stdout.starts_with("6 agreements (version 3), checked for 60 nights from Sun 22 Nov 2026: 2 findings\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`nacht-twente` terms.rota 2026-12-24: "), "{}", run.stdout);
    assert!(run.stdout.contains("`wmo-mandaat-enschede` review_date"), "{}", run.stdout);
    let v = wijknet(&[&base[..], &["--json", "--horizon-days", "10"]].concat()).json();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
    let run = wijknet(&[&base[..], &["--horizon-days", "99999"]].concat());
    assert_eq!(run.code, Some(exit_code_of("invalid")));
    assert!(run.stderr.contains("`$.horizon_days`: expected at most 3,660 days"), "{}", run.stderr);
}

#[test]
fn decide_shows_the_decision_the_rule_and_the_trace() {
    let consent = support::cases("consent");
    let (_, case) = consent.iter().find(|(n, _)| n.starts_with("02_")).unwrap();
    let store = scratch_json("store.json", &case["store"]);
    let request = scratch_json("request.json", &case["request"]);
    let at = case["at"].as_str().unwrap();
    let run = wijknet(&["decide", "--store", &store, &request, "--at", at]);
    assert_ok(&run);
    let out = &run.stdout;
    assert!(
        out.starts_with("Sharing decision for client cl-2002 at Mon 15 Jun 2026 04:30 CEST; who decides: client"),
        "{out}"
    );
    assert!(out.contains("  nursing plan and reports: PERMIT (basis: data-sharing agreement)\n"), "{out}");
    assert!(out.contains("      obligations: log the disclosure, leave out the categories not permitted\n"), "{out}");
    // The medication has no applicable consent: a partial deny names what to leave out.
    assert!(out.contains("\nLeave out: medication\n"), "{out}");
    assert!(out.contains("Audit record: decision 2eb78cb68ba8782b, inputs fnv1a64:f3df8c05300ceb7a"), "{out}");
    assert!(!out.contains("Trace:"));
    let traced = wijknet(&["decide", "--store", &store, &request, "--at", at, "--trace", "--lang", "nl"]);
    assert!(traced.stdout.contains("\nSpoor:\n"), "{}", traced.stdout);
    assert!(traced.stdout.contains("TOESTEMMING") || traced.stdout.contains("GEEN"), "{}", traced.stdout);
    // The region's data-sharing agreement is a basis between its parties.
    let twente_store = scratch_json(
        "twente-store.json",
        &json!({"schema": "wijknet.consent/v1", "version": "t-1",
                "clients": [{"id": "cl-1", "date_of_birth": "1940-01-01", "can_decide": true}],
                "consents": [], "objections": []}),
    );
    let share = scratch_json(
        "share.json",
        &json!({"client": "cl-1", "discloser": {"organisation": "org-linde", "role": "home_care_provider"},
                "recipient": {"organisation": "org-essen", "role": "home_care_provider"},
                "purpose": "direct_care", "categories": ["nursing_plan_reports"]}),
    );
    let at = "2026-11-22T14:00:00+01:00";
    let alone = wijknet(&["decide", "--json", "--store", &twente_store, &share, "--at", at]).json();
    let with = wijknet(&[
        "decide",
        "--json",
        "--store",
        &twente_store,
        &share,
        "--at",
        at,
        "--registry",
        TWENTE,
        "--agreements",
        TWENTE_AGREEMENTS,
    ])
    .json();
    assert_ne!(alone["decision"]["categories"][0]["outcome"], "permit", "{alone}");
    assert_eq!(with["decision"]["categories"][0]["outcome"], "permit", "{with}");
    assert_eq!(with["decision"]["categories"][0]["basis"], "sharing_agreement", "{with}");
    // --agreements without --registry is a usage error.
    let run = wijknet(&["decide", "--store", &twente_store, &share, "--at", at, "--agreements", TWENTE_AGREEMENTS]);
    assert_eq!(run.code, Some(2));
}

#[test]
fn replay_gives_referrals_and_monitoring_figures() {
    let case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/referral/escalation_and_outcomes.json")).unwrap(),
    )
    .unwrap();
    let events = case["events"].to_string();
    let run = wijknet_with(&["replay", "-"], events.as_bytes());
    assert_ok(&run);
    let out = &run.stdout;
    assert!(out.starts_with("Replayed 22 events: 3 referrals\n"), "{out}");
    assert!(out.contains("  r-wsd-acute: in progress, placed with t-westland-2, 2 offers, 1 declines, escalated to cp-wsd (unplaced too long)\n"), "{out}");
    assert!(out.contains("  time to placement: n=1, median 4h55, p90 4h55\n"), "{out}");
    assert!(out.contains("  never placed: cancelled 1, failed 1\n"), "{out}");
    let nl = wijknet_with(&["replay", "-", "--lang", "nl"], events.as_bytes());
    assert!(nl.stdout.contains("tijd tot plaatsing"), "{}", nl.stdout);
    // A generated year: too many to list, the figures still shown; the FHIR form gives the same.
    let generated = wijknet(&["generate", "events", "--seed", "9", "--referrals", "300"]);
    let run = wijknet_with(&["replay", "-"], generated.stdout.as_bytes());
    assert_ok(&run);
    assert!(run.stdout.contains("too many to list"), "{}", run.stdout);
    let json = wijknet_with(&["replay", "-", "--json"], generated.stdout.as_bytes()).json();
    assert_eq!(json["monitoring"]["referrals"], 300);
    let parsed = wijknet::referral::parse_events(generated.stdout.as_bytes()).unwrap();
    let bundle = scratch("history.json", wijknet_fhir::api::referral_events_to_fhir(&parsed).unwrap().as_bytes());
    let fhir = wijknet(&["replay", "--fhir", &bundle, "--json"]).json();
    assert_eq!(fhir["monitoring"], json["monitoring"]);
}

#[test]
fn generate_is_deterministic_and_loads() {
    let a = wijknet(&["generate", "national", "--seed", "7"]);
    assert_ok(&a);
    let path = scratch("national.json", b"");
    let b = wijknet(&["generate", "national", "--seed", "7", "-o", &path]);
    assert_eq!(b.code, Some(0));
    assert_eq!(b.stdout, "");
    assert!(b.stderr.starts_with(&format!("wijknet: wrote {path} (")), "{}", b.stderr);
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(a.stdout, written + "\n", "same seed, same bytes");
    let agreements = wijknet(&["generate", "agreements", "--seed", "7"]);
    let agreements_path = scratch("national.agreements.json", agreements.stdout.as_bytes());
    let run = wijknet(&["validate", "agreements", &agreements_path, "--registry", &path, "--json"]);
    assert_eq!(run.json()["valid"], true, "{run:?}");
    let other = wijknet(&["generate", "events", "--seed", "8", "--referrals", "3"]);
    let same = wijknet(&["generate", "events", "--seed", "8", "--referrals", "3"]);
    assert_eq!(other.stdout, same.stdout);
    assert!(other.stdout.starts_with("{\"schema\":\"wijknet.referral-events/v1\""), "{}", other.stdout);
}

#[test]
fn hostile_documents_give_a_clean_error_and_repeat_no_personal_data() {
    use wijknet_fixtures::hostile::{Loader, PLANTED_BSN, PLANTED_NAME, SHAPES};
    let region = "tests/vectors/registries/region.json";
    for shape in SHAPES {
        let doc = (shape.generate)(shape.base);
        let kind = match shape.loader {
            Loader::Registry => "registry",
            Loader::ConsentStore => "consent-store",
            Loader::MatchRequest => "match-request",
            Loader::CapacityUpdate => "capacity-update",
        };
        for json in [false, true] {
            let mut args = vec!["validate", kind, "-", "--registry", region];
            if json {
                args.push("--json");
            }
            let run = wijknet_with(&args, &doc);
            let code = run.code.unwrap_or_else(|| panic!("{}: killed", shape.name));
            assert!(code == 0 || (10..=18).contains(&code), "{}: exit {code}: {}", shape.name, run.stderr);
            for planted in [PLANTED_BSN, &PLANTED_NAME[..6]] {
                assert!(!run.stdout.contains(planted) && !run.stderr.contains(planted), "{}: {run:?}", shape.name);
            }
        }
    }
    // Garbage: binary noise, deep nesting, a huge number, an empty input; no panic, no echo.
    let deep = "[".repeat(100_000);
    let inputs: [&[u8]; 5] = [
        &[0xff, 0xfe, 0x00, 0x13, 0x37, 0x80],
        deep.as_bytes(),
        b"{\"schema\": \"wijknet.registry/v1\", \"version\": 1e999999}",
        b"",
        b"111222333",
    ];
    for input in inputs {
        for kind in [
            "registry",
            "consent-store",
            "match-request",
            "consent-request",
            "events",
            "capacity-update",
            "fhir-directory",
            "fhir-referral-events",
        ] {
            let run = wijknet_with(&["validate", kind], input);
            let code = run.code.expect("not killed");
            assert!((10..=12).contains(&code), "{kind}: exit {code}: {run:?}");
            assert!(!run.stderr.contains("111222333"), "{kind}: {}", run.stderr);
            assert!(!run.stderr.contains("panic"), "{kind}: {}", run.stderr);
        }
    }
}

#[test]
fn stdin_and_stdout_behave_in_pipes() {
    // A document from stdin, the answer to a closed pipe: no error.
    let registry = std::fs::read(root().join(TWENTE)).unwrap();
    let request = boekelo_request();
    let run = wijknet_with(&["match", "--registry", "-", &request, "--now", NOW], &registry);
    assert_ok(&run);
    // Leaving --now to the clock prints a note on stderr, the answer is still given.
    let run = wijknet(&["match", "--registry", TWENTE, &request]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.starts_with("wijknet: note: no --now given; using this computer's clock: "), "{}", run.stderr);
}

#[test]
fn the_readme_documents_the_exit_codes_of_help() {
    let help = wijknet(&["--help"]);
    assert_eq!(help.code, Some(0));
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table: Vec<(String, String)> = help
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Exit codes"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap().to_owned(), words.next().unwrap().to_owned())
        })
        .collect();
    assert!(table.len() >= 14, "{table:?}");
    for (n, code) in table {
        let row = format!("| {n} | `{code}` |");
        assert!(readme.contains(&row), "README.md lacks the exit-code row `{row}`");
    }
}

/// Every command of the README's section runs as written (with the built binary in place of
/// `cargo run -q -p wijknet-cli --`) and succeeds; the invalid document's example prints its
/// exit code. (tests/readme_snippets.py runs the block too, with `cargo run`, in debug.)
#[test]
fn the_readme_snippets_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("## The command-line tool").expect("the README section")..];
    let block = &section[section.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let joined = block.replace("\\\n", " ");
    let commands: Vec<&str> = joined.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
    assert!(commands.len() >= 10, "{commands:?}");
    let binary = format!("'{}'", env!("CARGO_BIN_EXE_wijknet"));
    for command in commands {
        assert!(command.contains("cargo run -q -p wijknet-cli -- "), "{command}");
        let script = format!("set -euo pipefail; {}", command.replace("cargo run -q -p wijknet-cli --", &binary));
        let out = std::process::Command::new("bash").arg("-c").arg(&script).current_dir(root()).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}\n{}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{command}: no output");
        if command.contains(r#""id": """#) {
            assert_eq!(String::from_utf8_lossy(&out.stdout), "exit code 12\n");
        }
    }
}

#[test]
fn may_assess_names_the_mandate_and_when_it_ended() {
    let base = ["may-assess", "--registry", TWENTE, "--agreements", TWENTE_AGREEMENTS, "--provider", "org-linde"];
    let care = ["--care-type", "wmo_household_help"];
    // In force on the demo's Sunday: allowed, for six months, the municipality decides.
    let run = wijknet(&[&base[..], &care[..], &["--date", "2026-11-22"]].concat());
    assert_ok(&run);
    assert!(
        run.stdout.starts_with("Thuiszorg De Linde, assessing household help (Wmo), Sun 22 Nov 2026: allowed\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("wmo-mandaat-enschede"), "{}", run.stdout);
    let v = wijknet(&[&base[..], &care[..], &["--date", "2026-11-22", "--json"]].concat()).json();
    assert_eq!(v["outcome"], "allowed");
    assert_eq!(v["assessment_valid_until"], "2027-05-23");
    // The mandate runs until the end of 2026: in February 2027 it has expired (Dutch labels).
    let run = wijknet(&[&base[..], &care[..], &["--date", "2027-02-01", "--lang", "nl"]].concat());
    assert_ok(&run);
    assert!(run.stdout.contains(": mandaat verlopen\n"), "{}", run.stdout);
    // Not a care type: a usage error naming the codes, never what was typed.
    let run = wijknet(&[&base[..], &["--care-type", "Jantje Pietersen", "--date", "2026-11-22"]].concat());
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("wmo_household_help") && !run.stderr.contains("Jantje"), "{}", run.stderr);
}
