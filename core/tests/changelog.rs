//! CHANGELOG.md keeps the Keep a Changelog form and names the version every binding reports:
//! a release cannot ship a version the changelog does not describe.

const CHANGELOG: &str = include_str!("../../CHANGELOG.md");
const KINDS: [&str; 6] = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"];

/// (version, date or "Unreleased") of every `## [x.y.z] - ...` heading, in order.
fn releases() -> Vec<(String, String)> {
    CHANGELOG
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(|h| {
            let (version, rest) = h
                .strip_prefix('[')
                .and_then(|h| h.split_once("] - "))
                .unwrap_or_else(|| panic!("release heading `## {h}` is not `## [x.y.z] - YYYY-MM-DD`"));
            (version.to_owned(), rest.to_owned())
        })
        .collect()
}

fn numbers(v: &str) -> Vec<u64> {
    v.split('.').map(|n| n.parse().unwrap_or_else(|_| panic!("version `{v}` is not x.y.z"))).collect()
}

#[test]
fn newest_release_is_the_version_every_binding_reports() {
    let releases = releases();
    let (newest, _) = releases.first().expect("CHANGELOG.md names at least one release");
    assert_eq!(newest, wijknet::VERSION, "the newest CHANGELOG.md heading must name the workspace version");
}

#[test]
fn releases_are_dated_descending_and_linked() {
    let releases = releases();
    for (i, (version, when)) in releases.iter().enumerate() {
        assert_eq!(numbers(version).len(), 3, "{version}");
        let dated = chrono::NaiveDate::parse_from_str(when, "%Y-%m-%d").is_ok();
        assert!(
            dated || (i == 0 && when == "Unreleased"),
            "`{version}`: `{when}` is not a date (only the newest may be Unreleased)"
        );
        if let Some((older, _)) = releases.get(i + 1) {
            assert!(numbers(version) > numbers(older), "{version} is listed above the higher {older}");
        }
        assert!(CHANGELOG.lines().any(|l| l.starts_with(&format!("[{version}]: "))), "no link for [{version}]");
    }
}

#[test]
fn sections_are_the_kinds_of_change() {
    let mut in_release = false;
    for line in CHANGELOG.lines() {
        in_release |= line.starts_with("## ");
        if let Some(kind) = line.strip_prefix("### ") {
            assert!(in_release, "`### {kind}` outside a release");
            assert!(KINDS.contains(&kind), "`### {kind}` is not one of {KINDS:?}");
        }
    }
}
