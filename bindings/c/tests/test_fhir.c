/*
 * C API tests: FHIR R4 (the wijknet-fhir front door).
 *
 * Covers the directory handle (from an mCSD Bundle, _history applied, its registry, clone, free),
 * wijknet_registry_from_fhir / _to_fhir (both bundle types), consent stores as FHIR Consents,
 * audit records as AuditEvents (with and without a BSN), referral events as ServiceRequest/Task
 * history, and the error paths: NULL arguments, invalid UTF-8, malformed JSON, an unknown bundle
 * type, out-of-scope IG examples (INVALID with every problem at a FHIRPath-like path), a
 * capacity change based on a stale version (VERSION_CONFLICT), and a wrong BSN never repeated;
 * directories merged, and a shared current directory raced by two threads (one winner per round).
 *
 * Real data: the demo region (examples/data/twente.json), the public IG examples of
 * fhir/tests/data, the consent and referral conformance vectors. Round trips: registry -> FHIR
 * -> registry, store -> FHIR -> store, events -> FHIR -> events give equal documents.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_fhir VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

#include <pthread.h>

static char *registry_json(const wijknet_registry *r) {
    char *json = NULL;
    size_t len = 0;
    CHECK_RC(wijknet_registry_to_json(r, &json, &len), WIJKNET_RESULT_OK);
    return json;
}

/* Every problem path of the last error starts with `prefix`; returns how many there are. */
static size_t problems_start_with(const char *prefix) {
    size_t n = wijknet_last_error_problem_count();
    for (size_t i = 0; i < n; i++) {
        wijknet_str p, r;
        CHECK_RC(wijknet_last_error_problem(i, &p, &r), WIJKNET_RESULT_OK);
        CHECK(p.len >= strlen(prefix) && memcmp(p.ptr, prefix, strlen(prefix)) == 0, "problem path %.*s",
              (int)p.len, p.ptr);
    }
    return n;
}

static int has_problem(const char *path) {
    for (size_t i = 0; i < wijknet_last_error_problem_count(); i++) {
        wijknet_str p, r;
        wijknet_last_error_problem(i, &p, &r);
        if (str_eq(p, path)) return 1;
    }
    return 0;
}

static int has_problem_prefix(const char *prefix) {
    for (size_t i = 0; i < wijknet_last_error_problem_count(); i++) {
        wijknet_str p, r;
        wijknet_last_error_problem(i, &p, &r);
        if (p.len >= strlen(prefix) && memcmp(p.ptr, prefix, strlen(prefix)) == 0) return 1;
    }
    return 0;
}

static void registry_round_trip(void) {
    wijknet_registry *region = load_registry("../../examples/data/twente.json");
    char *want = registry_json(region);
    const uint32_t types[] = {WIJKNET_FHIR_BUNDLE_COLLECTION, WIJKNET_FHIR_BUNDLE_TRANSACTION,
                              WIJKNET_FHIR_BUNDLE_SEARCHSET};
    const char *names[] = {"\"collection\"", "\"transaction\"", "\"searchset\""};
    for (size_t i = 0; i < 3; i++) {
        char *fhir = NULL;
        size_t len = 0;
        CHECK_RC(wijknet_registry_to_fhir(region, types[i], &fhir, &len), WIJKNET_RESULT_OK);
        CHECK(fhir && strlen(fhir) == len, "to_fhir: NUL-terminated of the given length");
        CHECK(fhir && strstr(fhir, names[i]), "bundle type %zu", i);
        CHECK(fhir && (strstr(fhir, "\"total\":") != NULL) == (types[i] == WIJKNET_FHIR_BUNDLE_SEARCHSET),
              "a total in the searchset only (type %zu)", i);
        wijknet_registry *back = NULL;
        CHECK_RC(wijknet_registry_from_fhir(fhir, len, &back), WIJKNET_RESULT_OK);
        char *got = back ? registry_json(back) : NULL;
        CHECK(got && strcmp(got, want) == 0, "registry -> FHIR -> registry is identical (type %zu)", i);
        /* the same through a directory handle */
        wijknet_fhir_directory *dir = NULL, *copy = NULL;
        wijknet_registry *from_dir = NULL;
        CHECK_RC(wijknet_fhir_directory_from_json(fhir, len, &dir), WIJKNET_RESULT_OK);
        CHECK_RC(wijknet_fhir_directory_clone(dir, &copy), WIJKNET_RESULT_OK);
        CHECK(copy != NULL && copy != dir, "a clone is another pointer");
        wijknet_fhir_directory_free(dir); /* the clone and the registry outlive it */
        CHECK_RC(wijknet_fhir_directory_registry(copy, &from_dir), WIJKNET_RESULT_OK);
        wijknet_fhir_directory_free(copy);
        char *via_dir = from_dir ? registry_json(from_dir) : NULL;
        CHECK(via_dir && strcmp(via_dir, want) == 0, "directory registry is identical (type %zu)", i);
        wijknet_string_free(via_dir);
        wijknet_registry_free(from_dir);
        wijknet_string_free(got);
        wijknet_registry_free(back);
        wijknet_string_free(fhir);
    }
    char *fhir = NULL;
    size_t len = 0;
    CHECK_RC(wijknet_registry_to_fhir(region, 7, &fhir, &len), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(fhir == NULL, "no output on failure");
    CHECK_RC(wijknet_registry_to_fhir(NULL, 0, &fhir, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_to_fhir(region, 0, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_to_fhir(region, 0, &fhir, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_string_free(want);
    wijknet_registry_free(region);
}

static void ig_examples(void) {
    size_t len = 0;
    char *org1 = read_vector_file("../../fhir/tests/data/nl-gf-admin-directory-org1.json", &len);
    wijknet_registry *r = NULL;
    CHECK_RC(wijknet_registry_from_fhir(org1, len, &r), WIJKNET_RESULT_OK);
    char *orgs = NULL;
    size_t olen = 0;
    CHECK_RC(wijknet_registry_organisations_json(r, &orgs, &olen), WIJKNET_RESULT_OK);
    CHECK(orgs && strstr(orgs, "4cb35b96-f021-4e15-bf71-d67a6d4bebec") && strstr(orgs, "gp_practice"),
          "nl-gf organisation 1 imports as a GP practice");
    wijknet_string_free(orgs);
    wijknet_registry_free(r);
    free(org1);

    /* Out of scope: every problem at once, at FHIRPath-like paths. */
    char *mcsd = read_vector_file("../../fhir/tests/data/ihe-mcsd-examples.json", &len);
    wijknet_fhir_directory *dir = NULL;
    CHECK_RC(wijknet_fhir_directory_from_json(mcsd, len, &dir), WIJKNET_RESULT_INVALID);
    CHECK(dir == NULL, "no directory on failure");
    CHECK(problems_start_with("Bundle.entry[") >= 2, "several problems");
    CHECK(has_problem("Bundle.entry[0].resource.type"), "the organisation type without a wijknet kind");
    free(mcsd);

    char *wlz = read_vector_file("../../fhir/tests/data/nl-gf-admin-directory-org3.json", &len);
    CHECK_RC(wijknet_registry_from_fhir(wlz, len, &r), WIJKNET_RESULT_INVALID);
    CHECK(has_problem("Bundle.entry[5].resource.type"), "a Wlz care profile is out of scope");
    free(wlz);

    /* Structural errors */
    const char *bad = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"type\":\"history\"}";
    CHECK_RC(wijknet_fhir_directory_from_json(bad, strlen(bad), &dir), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_fhir_directory_from_json("{", 1, &dir), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_fhir_directory_from_json("\xff", 1, &dir), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_fhir_directory_from_json(NULL, 0, &dir), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_from_json("{}", 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_from_fhir("{}", 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_registry(NULL, &r), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_clone(NULL, &dir), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_fhir_directory_free(NULL);
}

/* A history Bundle with one PUT of `svc` (a HealthcareService) with capacity `status`, `version`. */
static char *capacity_history(const cJSON *svc, const char *status, long version) {
    cJSON *copy = cJSON_Duplicate(svc, 1);
    const cJSON *ext;
    cJSON_ArrayForEach(ext, cJSON_GetObjectItemCaseSensitive(copy, "extension")) {
        const char *url = cJSON_GetObjectItemCaseSensitive(ext, "url")->valuestring;
        if (strlen(url) < 9 || strcmp(url + strlen(url) - 9, "/capacity") != 0) continue;
        cJSON *sub;
        cJSON_ArrayForEach(sub, cJSON_GetObjectItemCaseSensitive(ext, "extension")) {
            const char *u = cJSON_GetObjectItemCaseSensitive(sub, "url")->valuestring;
            char v[32];
            snprintf(v, sizeof v, "%ld", version);
            if (strcmp(u, "status") == 0) cJSON_ReplaceItemInObject(sub, "valueCode", cJSON_CreateString(status));
            if (strcmp(u, "version") == 0) cJSON_ReplaceItemInObject(sub, "valueString", cJSON_CreateString(v));
            if (strcmp(u, "updatedAt") == 0)
                cJSON_ReplaceItemInObject(sub, "valueInstant", cJSON_CreateString("2026-11-22T13:00:00Z"));
        }
    }
    cJSON *bundle = cJSON_CreateObject();
    cJSON_AddStringToObject(bundle, "resourceType", "Bundle");
    cJSON_AddStringToObject(bundle, "type", "history");
    cJSON *entry = cJSON_CreateObject();
    char url[256];
    snprintf(url, sizeof url, "HealthcareService/%s", cJSON_GetObjectItemCaseSensitive(copy, "id")->valuestring);
    cJSON_AddItemToObject(entry, "resource", copy);
    cJSON *req = cJSON_AddObjectToObject(entry, "request");
    cJSON_AddStringToObject(req, "method", "PUT");
    cJSON_AddStringToObject(req, "url", url);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(bundle, "entry"), entry);
    char *out = print(bundle);
    cJSON_Delete(bundle);
    return out;
}

/* The first HealthcareService with wijknet's capacity extension, and its capacity version. */
static const cJSON *service_with_capacity(const cJSON *bundle, long *version) {
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(bundle, "entry")) {
        const cJSON *res = cJSON_GetObjectItemCaseSensitive(e, "resource");
        if (strcmp(cJSON_GetObjectItemCaseSensitive(res, "resourceType")->valuestring, "HealthcareService") != 0) continue;
        const cJSON *ext, *sub;
        cJSON_ArrayForEach(ext, cJSON_GetObjectItemCaseSensitive(res, "extension")) {
            cJSON_ArrayForEach(sub, cJSON_GetObjectItemCaseSensitive(ext, "extension")) {
                if (strcmp(cJSON_GetObjectItemCaseSensitive(sub, "url")->valuestring, "version") == 0) {
                    *version = atol(cJSON_GetObjectItemCaseSensitive(sub, "valueString")->valuestring);
                    return res;
                }
            }
        }
    }
    return NULL;
}

static void history(void) {
    wijknet_registry *region = load_registry("../../examples/data/twente.json");
    char *fhir = NULL;
    size_t len = 0;
    CHECK_RC(wijknet_registry_to_fhir(region, WIJKNET_FHIR_BUNDLE_COLLECTION, &fhir, &len), WIJKNET_RESULT_OK);
    wijknet_fhir_directory *dir = NULL, *next = NULL;
    CHECK_RC(wijknet_fhir_directory_from_json(fhir, len, &dir), WIJKNET_RESULT_OK);
    cJSON *bundle = cJSON_Parse(fhir);
    long version = -1;
    const cJSON *svc = service_with_capacity(bundle, &version);
    CHECK(svc != NULL, "a HealthcareService with capacity");
    if (svc == NULL) return;
    const char *team = cJSON_GetObjectItemCaseSensitive(svc, "id")->valuestring;
    char *h = capacity_history(svc, "full", version + 1);
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, h, strlen(h), &next), WIJKNET_RESULT_OK);
    wijknet_registry *before = NULL, *after = NULL;
    CHECK_RC(wijknet_fhir_directory_registry(dir, &before), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_fhir_directory_registry(next, &after), WIJKNET_RESULT_OK);
    uint64_t v0 = 0, v1 = 0;
    CHECK_RC(wijknet_registry_version(before, &v0), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(after, &v1), WIJKNET_RESULT_OK);
    CHECK(v1 == v0 + 1, "one change: version %llu -> %llu", (unsigned long long)v0, (unsigned long long)v1);
    char *t = NULL;
    size_t tlen = 0;
    CHECK_RC(wijknet_registry_team_json(after, team, strlen(team), &t, &tlen), WIJKNET_RESULT_OK);
    CHECK(t && strstr(t, "\"full\""), "the change is applied");
    wijknet_string_free(t);
    CHECK_RC(wijknet_registry_team_json(before, team, strlen(team), &t, &tlen), WIJKNET_RESULT_OK);
    CHECK(t && !strstr(t, "\"full\""), "the old directory is unchanged");
    wijknet_string_free(t);
    /* the same change again is no change (the stored resource is identical) */
    wijknet_fhir_directory *again = NULL;
    CHECK_RC(wijknet_fhir_directory_apply_history(next, h, strlen(h), &again), WIJKNET_RESULT_OK);
    wijknet_fhir_directory_free(again);
    again = NULL;
    /* another change based on the version before it: a conflict, and nothing applied */
    char *stale = capacity_history(svc, "waitlist", version + 1);
    CHECK_RC(wijknet_fhir_directory_apply_history(next, stale, strlen(stale), &again), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(again == NULL, "no directory on a conflict");
    free(stale);
    CHECK_RC(wijknet_fhir_directory_apply_history(NULL, h, strlen(h), &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, NULL, 0, &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, h, strlen(h), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    const char *gone = "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"request\":{\"method\":\"DELETE\",\"url\":\"Organization/not-there\"}}]}";
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, gone, strlen(gone), &again), WIJKNET_RESULT_NOT_FOUND);
    const char *bad = "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p\"},\"request\":{\"method\":\"PUT\",\"url\":\"Patient/p\"}}]}";
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, bad, strlen(bad), &again), WIJKNET_RESULT_INVALID);
    CHECK(problems_start_with("Bundle.entry[0]") >= 1, "problems at Bundle.entry[0] paths");
    free(h);
    cJSON_Delete(bundle);
    wijknet_registry_free(before);
    wijknet_registry_free(after);
    wijknet_fhir_directory_free(next);
    wijknet_fhir_directory_free(dir);
    wijknet_string_free(fhir);
    wijknet_registry_free(region);
}

static void consent(void) {
    size_t len = 0;
    char *text = read_vector_file("consent/01_social_worker_informs_gp.json", &len);
    cJSON *c = cJSON_Parse(text);
    char *doc = print(cJSON_GetObjectItemCaseSensitive(c, "store"));
    wijknet_consent_store *store = NULL, *back = NULL;
    CHECK_RC(wijknet_consent_store_from_json(doc, strlen(doc), &store), WIJKNET_RESULT_OK);
    char *fhir = NULL;
    CHECK_RC(wijknet_consent_store_to_fhir(store, &fhir, &len), WIJKNET_RESULT_OK);
    CHECK(fhir && strstr(fhir, "\"Consent\""), "Consents");
    CHECK_RC(wijknet_consent_store_from_fhir(store, fhir, len, &back), WIJKNET_RESULT_OK);
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    CHECK_RC(wijknet_consent_store_to_json(store, &a, &al), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_store_to_json(back, &b, &bl), WIJKNET_RESULT_OK);
    CHECK(a && b && strcmp(a, b) == 0, "store -> FHIR -> store is identical");
    CHECK_RC(wijknet_consent_store_from_fhir(NULL, fhir, len, &back), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_from_fhir(store, NULL, 0, &back), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_from_fhir(store, fhir, len, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_to_fhir(NULL, &fhir, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    const char *other = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":{\"resourceType\":\"Task\"}}]}";
    wijknet_consent_store *none = NULL;
    CHECK_RC(wijknet_consent_store_from_fhir(store, other, strlen(other), &none), WIJKNET_RESULT_INVALID);
    CHECK(has_problem("Bundle.entry[0].resource.resourceType"), "a Task is no Consent");

    /* The audit record of a decision as an AuditEvent */
    char *req = print(cJSON_GetObjectItemCaseSensitive(c, "request"));
    const char *at = cJSON_GetObjectItemCaseSensitive(c, "at")->valuestring;
    char *answer = NULL;
    CHECK_RC(wijknet_consent_decide_json(store, NULL, req, strlen(req), at, strlen(at), false, &answer, &len),
             WIJKNET_RESULT_OK);
    cJSON *ans = cJSON_Parse(answer);
    char *audit = print(cJSON_GetObjectItemCaseSensitive(ans, "audit"));
    char *event = NULL;
    CHECK_RC(wijknet_audit_event_to_fhir(audit, strlen(audit), NULL, 0, &event, &len), WIJKNET_RESULT_OK);
    CHECK(event && strstr(event, "\"AuditEvent\"") && !strstr(event, "bsn"), "an AuditEvent without a BSN");
    wijknet_string_free(event);
    const char *bsn = "111222333";
    CHECK_RC(wijknet_audit_event_to_fhir(audit, strlen(audit), bsn, strlen(bsn), &event, &len), WIJKNET_RESULT_OK);
    CHECK(event && strstr(event, bsn), "the BSN the host passed, as the patient's identifier");
    wijknet_string_free(event);
    const char *wrong = "123456789";
    CHECK_RC(wijknet_audit_event_to_fhir(audit, strlen(audit), wrong, strlen(wrong), &event, &len),
             WIJKNET_RESULT_INVALID);
    CHECK(has_problem("bsn"), "the BSN's problem at `bsn`");
    CHECK(!str_contains(wijknet_last_error_message(), wrong), "the message never repeats the BSN");
    CHECK_RC(wijknet_audit_event_to_fhir("{\"decision_id\":1}", 17, NULL, 0, &event, &len), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_audit_event_to_fhir(NULL, 0, NULL, 0, &event, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_audit_event_to_fhir(audit, strlen(audit), NULL, 0, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_audit_event_to_fhir(audit, strlen(audit), "\xff", 1, &event, &len), WIJKNET_RESULT_INVALID_UTF8);
    cJSON_free(audit);
    cJSON_Delete(ans);
    wijknet_string_free(answer);
    cJSON_free(req);
    wijknet_string_free(a);
    wijknet_string_free(b);
    wijknet_string_free(fhir);
    wijknet_consent_store_free(back);
    wijknet_consent_store_free(store);
    cJSON_free(doc);
    cJSON_Delete(c);
    free(text);
}

static char *book_summaries(const wijknet_referral_events *events) {
    wijknet_referral_book *book = NULL;
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    size_t n = 0;
    CHECK_RC(wijknet_referral_events_count(events, &n), WIJKNET_RESULT_OK);
    for (size_t i = 0; i < n; i++) CHECK_RC(wijknet_referral_book_apply(book, events, i), WIJKNET_RESULT_OK);
    char *json = NULL;
    size_t len = 0;
    CHECK_RC(wijknet_referral_book_summaries_json(book, &json, &len), WIJKNET_RESULT_OK);
    wijknet_referral_book_free(book);
    return json;
}

static void referrals(void) {
    const char *files[] = {"referral/joint_intake.json", "referral/escalation_and_outcomes.json"};
    for (size_t f = 0; f < 2; f++) {
        size_t len = 0;
        char *text = read_vector_file(files[f], &len);
        cJSON *c = cJSON_Parse(text);
        char *doc = print(cJSON_GetObjectItemCaseSensitive(c, "events"));
        wijknet_referral_events *events = NULL, *back = NULL;
        CHECK_RC(wijknet_referral_events_from_json(doc, strlen(doc), &events), WIJKNET_RESULT_OK);
        char *fhir = NULL;
        CHECK_RC(wijknet_referral_events_to_fhir(events, &fhir, &len), WIJKNET_RESULT_OK);
        CHECK(fhir && strstr(fhir, "\"history\"") && strstr(fhir, "\"Task\""), "%s: a Task history", files[f]);
        CHECK_RC(wijknet_referral_events_from_fhir(fhir, len, &back), WIJKNET_RESULT_OK);
        size_t n1 = 0, n2 = 0;
        wijknet_referral_events_count(events, &n1);
        wijknet_referral_events_count(back, &n2);
        CHECK(n1 == n2 && n1 > 0, "%s: %zu events, %zu back", files[f], n1, n2);
        char *s1 = book_summaries(events), *s2 = back ? book_summaries(back) : NULL;
        CHECK(s1 && s2 && strcmp(s1, s2) == 0, "%s: events -> FHIR -> events replay to the same book", files[f]);
        wijknet_string_free(s1);
        wijknet_string_free(s2);
        wijknet_string_free(fhir);
        wijknet_referral_events_free(back);
        wijknet_referral_events_free(events);
        cJSON_free(doc);
        cJSON_Delete(c);
        free(text);
    }
    wijknet_referral_events *e = NULL;
    char *json = NULL;
    size_t len = 0;
    const char *task = "{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}";
    CHECK_RC(wijknet_referral_events_from_fhir(task, strlen(task), &e), WIJKNET_RESULT_INVALID);
    CHECK(problems_start_with("Bundle") >= 1, "problems at Bundle paths");
    CHECK_RC(wijknet_referral_events_from_fhir(NULL, 0, &e), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_from_fhir("{}", 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_to_fhir(NULL, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
}

/* Two writers racing to install a capacity change based on the same version. */
typedef struct {
    wijknet_fhir_shared_directory *shared;
    pthread_barrier_t *start;
    const char *history;
    wijknet_result rc;
} dir_racer;

static void *dir_race(void *arg) {
    dir_racer *w = arg;
    wijknet_fhir_directory *installed = NULL;
    pthread_barrier_wait(w->start);
    w->rc = wijknet_fhir_shared_directory_apply_history(w->shared, w->history, strlen(w->history), &installed);
    wijknet_fhir_directory_free(installed);
    return NULL;
}

static uint64_t directory_version(const wijknet_fhir_directory *d) {
    wijknet_registry *r = NULL;
    uint64_t v = 0;
    CHECK_RC(wijknet_fhir_directory_registry(d, &r), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    wijknet_registry_free(r);
    return v;
}

static void shared_and_merge(void) {
    wijknet_registry *region = load_registry("../../examples/data/twente.json");
    char *fhir = NULL;
    size_t len = 0;
    CHECK_RC(wijknet_registry_to_fhir(region, WIJKNET_FHIR_BUNDLE_COLLECTION, &fhir, &len), WIJKNET_RESULT_OK);
    wijknet_fhir_directory *dir = NULL;
    CHECK_RC(wijknet_fhir_directory_from_json(fhir, len, &dir), WIJKNET_RESULT_OK);
    cJSON *bundle = cJSON_Parse(fhir);
    long version = -1;
    const cJSON *svc = service_with_capacity(bundle, &version);
    CHECK(svc != NULL, "a HealthcareService with capacity");
    if (svc == NULL) return;
    uint64_t v0 = directory_version(dir);

    /* merge: the same directory twice is itself; no source at all is an empty directory */
    const wijknet_fhir_directory *two[] = {dir, dir};
    wijknet_fhir_directory *merged = NULL;
    CHECK_RC(wijknet_fhir_directory_merge(two, 2, &merged), WIJKNET_RESULT_OK);
    wijknet_registry *mr = NULL;
    CHECK_RC(wijknet_fhir_directory_registry(merged, &mr), WIJKNET_RESULT_OK);
    char *want = registry_json(region), *got = registry_json(mr);
    CHECK(want && got && strcmp(want, got) == 0, "a directory merged with itself is the same registry");
    wijknet_string_free(want);
    wijknet_string_free(got);
    wijknet_registry_free(mr);
    wijknet_fhir_directory_free(merged);
    merged = NULL;
    /* two sources that disagree with no later lastUpdated: INVALID naming both sources */
    char *changed = capacity_history(svc, "full", version + 1);
    wijknet_fhir_directory *other = NULL;
    CHECK_RC(wijknet_fhir_directory_apply_history(dir, changed, strlen(changed), &other), WIJKNET_RESULT_OK);
    const wijknet_fhir_directory *disagree[] = {dir, other};
    CHECK_RC(wijknet_fhir_directory_merge(disagree, 2, &merged), WIJKNET_RESULT_INVALID);
    CHECK(merged == NULL && has_problem_prefix("source["), "the disagreement is named at source[i] paths");
    const wijknet_fhir_directory *with_null[] = {dir, NULL};
    CHECK_RC(wijknet_fhir_directory_merge(with_null, 2, &merged), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_merge(NULL, 1, &merged), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_merge(two, 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_directory_merge(two, WIJKNET_FHIR_MERGE_MAX + 1, &merged), WIJKNET_RESULT_INVALID_ARGUMENT);

    /* a shared directory: apply, conflict, current, replace */
    wijknet_fhir_shared_directory *shared = NULL;
    CHECK_RC(wijknet_fhir_shared_directory_new(dir, &shared), WIJKNET_RESULT_OK);
    wijknet_fhir_directory *cur = NULL, *installed = NULL;
    CHECK_RC(wijknet_fhir_shared_directory_apply_history(shared, changed, strlen(changed), &installed), WIJKNET_RESULT_OK);
    CHECK(installed && directory_version(installed) == v0 + 1, "the change is installed and returned");
    wijknet_fhir_directory_free(installed);
    char *stale = capacity_history(svc, "waitlist", version + 1);
    wijknet_fhir_directory *none = NULL;
    CHECK_RC(wijknet_fhir_shared_directory_apply_history(shared, stale, strlen(stale), &none), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(none == NULL, "nothing handed out on a conflict");
    CHECK_RC(wijknet_fhir_shared_directory_current(shared, &cur), WIJKNET_RESULT_OK);
    CHECK(cur && directory_version(cur) == v0 + 1, "the conflict installed nothing");
    wijknet_fhir_directory_free(cur);
    CHECK_RC(wijknet_fhir_shared_directory_replace(shared, dir), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_fhir_shared_directory_current(shared, &cur), WIJKNET_RESULT_OK);
    CHECK(cur && directory_version(cur) == v0, "replace installs the given directory");
    wijknet_fhir_directory_free(cur);
    CHECK_RC(wijknet_fhir_shared_directory_new(NULL, &shared), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_shared_directory_current(NULL, &cur), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_shared_directory_apply_history(shared, NULL, 0, &cur), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_fhir_shared_directory_replace(shared, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    /* two threads, the same base version, different changes: exactly one wins every round */
    int rounds_with_one_winner = 0;
    for (int round = 0; round < 20; round++) {
        CHECK_RC(wijknet_fhir_shared_directory_replace(shared, dir), WIJKNET_RESULT_OK);
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, 2);
        dir_racer w[2] = {{shared, &start, changed, WIJKNET_RESULT_OTHER}, {shared, &start, stale, WIJKNET_RESULT_OTHER}};
        pthread_t th[2];
        for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, dir_race, &w[i]);
        for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
        pthread_barrier_destroy(&start);
        int ok = (w[0].rc == WIJKNET_RESULT_OK) + (w[1].rc == WIJKNET_RESULT_OK);
        int conflicts = (w[0].rc == WIJKNET_RESULT_VERSION_CONFLICT) + (w[1].rc == WIJKNET_RESULT_VERSION_CONFLICT);
        if (ok == 1 && conflicts == 1) rounds_with_one_winner++;
    }
    CHECK(rounds_with_one_winner == 20, "one winner in %d of 20 rounds", rounds_with_one_winner);

    wijknet_fhir_shared_directory_free(shared);
    wijknet_fhir_shared_directory_free(NULL);
    free(changed);
    free(stale);
    cJSON_Delete(bundle);
    wijknet_fhir_directory_free(other);
    wijknet_fhir_directory_free(dir);
    wijknet_string_free(fhir);
    wijknet_registry_free(region);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    registry_round_trip();
    ig_examples();
    history();
    shared_and_merge();
    consent();
    referrals();
    return test_finish();
}
