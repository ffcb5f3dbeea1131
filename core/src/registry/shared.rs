//! The current registry, shared by every thread of a host, with updates that cannot be lost.
//!
//! A [`Registry`] is an immutable value: [`Registry::update_capacity`] returns a new value and
//! leaves the old one alone. That keeps readers safe, but it leaves the host to store the new
//! value somewhere, and two writers that both start from the same value each get their own new
//! value: both updates "succeed" and whichever is stored last silently erases the other, although
//! each named the version it was based on. [`SharedRegistry`] is that "somewhere", done once and
//! right: it holds the current value and installs an update only if the value it was applied to
//! is still current (compare-and-swap). A writer that lost the race applies its update again to
//! the value that won, so the usual optimistic check decides: an update to another team goes
//! through, and a second update based on the same team version gets [`Error::VersionConflict`].
//!
//! [`Error::VersionConflict`]: crate::Error::VersionConflict

use std::sync::Arc;

use arc_swap::ArcSwap;

use super::{CapacityUpdate, Registry};
use crate::error::Result;

/// The current registry of a host, shared between threads: lock-free snapshots for readers,
/// compare-and-swap for writers.
///
/// `Send + Sync`: share one `SharedRegistry` (for instance in an `Arc` or a `static`-like host
/// object) between every thread that reads or updates the registry.
#[derive(Debug)]
pub struct SharedRegistry {
    /// `ArcSwap` rather than a `Mutex` or `RwLock`: matching runs on every thread, many times per
    /// update, and a reader must never wait for a writer (nor a writer for a long match) just to
    /// get hold of the current value; writers need compare-and-swap, which a lock would only
    /// emulate.
    current: ArcSwap<Registry>,
}

impl SharedRegistry {
    /// Starts sharing `registry` as the current value.
    pub fn new(registry: Registry) -> Self {
        Self { current: ArcSwap::from_pointee(registry) }
    }

    /// The current registry: a snapshot that never changes, however many updates are installed
    /// after it was taken. Use one snapshot for everything that must agree with itself (a match
    /// and the explanation shown next to it), and take a new one for the next request.
    ///
    /// Costs a reference-count increment; never waits for a writer.
    pub fn current(&self) -> Arc<Registry> {
        self.current.load_full()
    }

    /// Applies a capacity update to the current registry and installs the result, returning it.
    ///
    /// The result is installed only if the registry it was computed from is still the current
    /// one. When another writer installed a value in between, the update is applied again to that
    /// newer value, so the outcome is as if the writers had run one after the other: an update to
    /// another team still goes through, and of two updates based on the same version of one team
    /// the second gets [`Error::VersionConflict`] instead of overwriting the first. Each retry
    /// means some other writer succeeded, so the writers as a whole always make progress.
    ///
    /// Errors are those of [`Registry::update_capacity`], against the value current at the
    /// moment of the final attempt; on error nothing is installed.
    ///
    /// [`Error::VersionConflict`]: crate::Error::VersionConflict
    pub fn update_capacity(&self, update: &CapacityUpdate) -> Result<Arc<Registry>> {
        self.install(|r| r.update_capacity(update))
    }

    /// Applies several capacity updates at once ([`Registry::update_capacities`]: in order,
    /// all or none) to the current registry and installs the result, by compare-and-swap as
    /// [`SharedRegistry::update_capacity`] does: when another thread installed a value in
    /// between, the whole batch is applied again to that value. On error nothing is installed.
    pub fn update_capacities(&self, updates: &[CapacityUpdate]) -> Result<Arc<Registry>> {
        self.install(|r| r.update_capacities(updates))
    }

    /// Installs what `change` gives from the current registry, if that is still current when
    /// it is done; otherwise runs `change` again on the registry that is.
    fn install(&self, change: impl Fn(&Registry) -> Result<Registry>) -> Result<Arc<Registry>> {
        // A guard keeps `base` alive, so its address cannot be freed and reused by another
        // registry while we compare against it: a pointer comparison is an exact identity check.
        let mut base = self.current.load();
        loop {
            let next = Arc::new(change(&base)?);
            let found = self.current.compare_and_swap(&base, Arc::clone(&next));
            if Arc::ptr_eq(&found, &base) {
                return Ok(next);
            }
            base = found;
        }
    }

    /// Installs a whole new registry (a newly loaded document), whatever is current.
    ///
    /// Unlike a capacity update this is last-writer-wins on purpose: a new document supersedes
    /// the old one, including capacity updates installed on the old one since it was loaded (put
    /// them into the new document, or apply them again). An update running at the same time is
    /// applied to the new registry, never installed on top of the old one.
    pub fn replace(&self, registry: Registry) {
        self.current.store(Arc::new(registry));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{CapacityStatus, CareType};
    use crate::error::Error;
    use crate::registry::tests::small_doc;

    fn registry(doc: &serde_json::Value) -> Registry {
        Registry::from_json(doc.to_string().as_bytes()).unwrap()
    }

    fn update(team: &str, expected_version: u64, status: &str) -> CapacityUpdate {
        let json = serde_json::json!({
            "team": team, "expected_version": expected_version, "status": status,
            "updated_at": "2026-11-22T09:00:00Z",
        });
        CapacityUpdate::from_json(json.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<SharedRegistry>();
    }

    #[test]
    fn current_is_the_registry_it_was_made_with() {
        let r = registry(&small_doc());
        let shared = SharedRegistry::new(r.clone());
        assert_eq!(shared.current().to_doc(), r.to_doc());
        // Two snapshots without a write in between are the same value, not copies.
        assert!(Arc::ptr_eq(&shared.current(), &shared.current()));
    }

    #[test]
    fn an_update_installs_and_returns_the_new_value_and_old_snapshots_stay() {
        let shared = SharedRegistry::new(registry(&small_doc()));
        let before = shared.current();
        let after = shared.update_capacity(&update("t-a1", 3, "full")).unwrap();
        assert!(Arc::ptr_eq(&after, &shared.current()));
        assert_eq!(after.capacity(0).status, CapacityStatus::Full);
        assert_eq!(after.capacity(0).version, 4);
        assert_eq!(after.version(), 8);
        // A snapshot taken before never changes.
        assert_eq!(before.capacity(0).status, CapacityStatus::Accepting);
        assert_eq!(before.capacity(0).version, 3);
        assert_eq!(before.version(), 7);
    }

    #[test]
    fn the_second_writer_with_the_same_expected_version_conflicts() {
        let shared = SharedRegistry::new(registry(&small_doc()));
        shared.update_capacity(&update("t-a1", 3, "full")).unwrap();
        let e = shared.update_capacity(&update("t-a1", 3, "waitlist")).unwrap_err();
        assert_eq!(e, Error::VersionConflict { what: "team capacity", id: "t-a1".into(), expected: 3, actual: 4 });
        // The first writer's update is what is current.
        assert_eq!(shared.current().capacity(0).status, CapacityStatus::Full);
        assert_eq!(shared.current().capacity(0).version, 4);
    }

    #[test]
    fn a_failed_update_installs_nothing() {
        let shared = SharedRegistry::new(registry(&small_doc()));
        let before = shared.current();
        assert_eq!(shared.update_capacity(&update("t-zz", 0, "full")).unwrap_err().code(), "not_found");
        assert_eq!(shared.update_capacity(&update("t-a1", 2, "full")).unwrap_err().code(), "version_conflict");
        assert!(Arc::ptr_eq(&before, &shared.current()));
    }

    #[test]
    fn a_batch_installs_all_or_nothing() {
        let shared = SharedRegistry::new(registry(&small_doc()));
        let before = shared.current();
        // The second update of t-a1 names the version the first gives; the batch is one install.
        let batch = [update("t-a1", 3, "full"), update("t-a1", 4, "waitlist")];
        let after = shared.update_capacities(&batch).unwrap();
        assert!(Arc::ptr_eq(&after, &shared.current()));
        assert_eq!((after.version(), after.capacity(0).version), (before.version() + 2, 5));
        assert_eq!(after.capacity(0).status, CapacityStatus::Waitlist);
        // A batch whose last update is stale installs none of it.
        let stale = [update("t-a1", 5, "accepting"), update("t-a1", 5, "full")];
        assert_eq!(shared.update_capacities(&stale).unwrap_err().code(), "version_conflict");
        assert!(Arc::ptr_eq(&after, &shared.current()));
    }

    #[test]
    fn a_list_reports_every_update_s_problems_at_its_place() {
        let json =
            br#"[{"team": "t-a1", "expected_version": 3, "status": "full", "updated_at": "2026-11-22T09:00:00Z"},
            {"team": "", "expected_version": 0, "status": "full", "updated_at": "yesterday"}]"#;
        let Err(Error::Invalid { problems, .. }) = CapacityUpdate::list_from_json(json) else {
            panic!("invalid expected")
        };
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$[1].team", "$[1].updated_at"]);
        assert!(paths.iter().all(|p| p.starts_with("$[1]")), "{paths:?}");
        // A JSON-level error names its element too.
        let e = CapacityUpdate::list_from_json(br#"[{"team": "t-a1"}, 7]"#).unwrap_err();
        assert_eq!(e.code(), "json");
        assert!(e.to_string().contains("$[0]") || e.to_string().contains("$[1]"), "{e}");
        let good =
            br#"[{"team": "t-a1", "expected_version": 3, "status": "full", "updated_at": "2026-11-22T09:00:00Z"}]"#;
        assert_eq!(CapacityUpdate::list_from_json(good).unwrap(), vec![update("t-a1", 3, "full")]);
        assert_eq!(CapacityUpdate::list_from_json(b"[]").unwrap(), vec![]);
    }

    #[test]
    fn one_update_or_a_list_reads_as_a_list_with_its_own_paths() {
        let one = br#"{"team": "t-a1", "expected_version": 3, "status": "full", "updated_at": "2026-11-22T09:00:00Z"}"#;
        let expected = vec![update("t-a1", 3, "full")];
        assert_eq!(CapacityUpdate::one_or_list_from_json(one).unwrap(), expected);
        // Leading JSON whitespace does not hide the object.
        let padded = [b" \r\n\t".as_slice(), one].concat();
        assert_eq!(CapacityUpdate::one_or_list_from_json(&padded).unwrap(), expected);
        let list = [b"[".as_slice(), one, b"]"].concat();
        assert_eq!(CapacityUpdate::one_or_list_from_json(&list).unwrap(), expected);
        assert_eq!(CapacityUpdate::one_or_list_from_json(b" []").unwrap(), vec![]);
        // One update's problems are at `$.`, a list's at `$[i].`.
        let bad = br#"{"team": "", "expected_version": 0, "status": "full", "updated_at": "yesterday"}"#;
        let paths = |json: &[u8]| match CapacityUpdate::one_or_list_from_json(json) {
            Err(Error::Invalid { problems, .. }) => problems.into_iter().map(|p| p.path).collect::<Vec<_>>(),
            other => panic!("invalid expected, got {other:?}"),
        };
        assert_eq!(paths(bad), ["$.team", "$.updated_at"]);
        assert_eq!(paths(&[b"[".as_slice(), bad, b"]"].concat()), ["$[0].team", "$[0].updated_at"]);
        // Neither an object nor an array: the list reader's JSON error.
        for json in [b"7".as_slice(), b"", b"  ", b"\"x\""] {
            assert_eq!(CapacityUpdate::one_or_list_from_json(json).unwrap_err().code(), "json", "{json:?}");
        }
    }

    #[test]
    fn replace_installs_a_new_document_and_later_updates_apply_to_it() {
        let shared = SharedRegistry::new(registry(&small_doc()));
        shared.update_capacity(&update("t-a1", 3, "full")).unwrap();
        let mut doc = small_doc();
        doc["version"] = serde_json::json!(20);
        doc["teams"][0]["capacity"]["version"] = serde_json::json!(10);
        doc["teams"][0]["capacity"]["free_places"] = serde_json::json!({"nursing": 9});
        shared.replace(registry(&doc));
        let now = shared.current();
        assert_eq!(now.version(), 20);
        assert_eq!(now.capacity(0).version, 10);
        assert_eq!(now.capacity(0).free_places.get(CareType::Nursing), Some(9));
        // An update based on the old document's team version is stale against the new one.
        assert_eq!(shared.update_capacity(&update("t-a1", 4, "waitlist")).unwrap_err().code(), "version_conflict");
        let r = shared.update_capacity(&update("t-a1", 10, "waitlist")).unwrap();
        assert_eq!((r.version(), r.capacity(0).version), (21, 11));
    }
}
