/*
 * C API tests: matching.
 *
 * Covers wijknet_match and its JSON form, with and without agreements, with every error path,
 * the typed result handle (summary, candidates, exclusions, accountable party, out of range), a
 * result outliving its registry, wijknet_match_result_clone, concurrent matching on
 * one registry (each thread's last error its own), and every conformance vector in
 * tests/vectors/matching with the pattern rule of tests/vectors/README.md, cross-checking the
 * typed accessors against the JSON answers.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_matching VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

#include <pthread.h>

static void run_matching_case(const char *name, const cJSON *c) {
    size_t len;
    char *reg_text = read_vector_file(cJSON_GetObjectItemCaseSensitive(c, "registry")->valuestring, &len);
    wijknet_registry *reg = NULL;
    char *json = NULL;
    size_t json_len = 0;
    wijknet_result rc = wijknet_registry_from_json(reg_text, len, &reg);
    free(reg_text);
    const cJSON *u;
    cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(c, "capacity_updates")) {
        if (rc != WIJKNET_RESULT_OK) break;
        char *ut = print(u);
        wijknet_registry *next = NULL;
        rc = wijknet_registry_update_capacities(reg, ut, strlen(ut), &next);
        cJSON_free(ut);
        if (rc == WIJKNET_RESULT_OK) {
            wijknet_registry_free(reg);
            reg = next;
        }
    }
    char *req = print(cJSON_GetObjectItemCaseSensitive(c, "request"));
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(c, "options");
    char *opt = print(opts);
    if (rc == WIJKNET_RESULT_OK)
        rc = wijknet_match_json(reg, NULL, req, strlen(req), opt, strlen(opt), &json, &json_len);
    compare_case(name, c, rc, json);
    if (rc == WIJKNET_RESULT_OK) {
        CHECK(json_len == strlen(json), "%s: out_len", name);
        /* the typed path gives the same answer */
        wijknet_match_result *res = NULL;
        const cJSON *stale = cJSON_GetObjectItemCaseSensitive(opts, "stale_after_hours");
        CHECK_RC(wijknet_match(reg, NULL, req, strlen(req),
                               parse_instant(cJSON_GetObjectItemCaseSensitive(opts, "now")->valuestring),
                               stale ? (uint32_t)stale->valuedouble : 72u, &res),
                 WIJKNET_RESULT_OK);
        char *again = NULL;
        size_t again_len = 0;
        CHECK_RC(wijknet_match_result_to_json(res, &again, &again_len), WIJKNET_RESULT_OK);
        CHECK(again && strcmp(again, json) == 0, "%s: typed and JSON paths differ", name);
        check_typed_against_json(name, res, json);
        wijknet_string_free(again);
        wijknet_match_result_free(res);
    }
    wijknet_string_free(json);
    cJSON_free(req);
    cJSON_free(opt);
    wijknet_registry_free(reg);
}

static void test_matching(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    wijknet_registry *rr = load_registry("registries/region.json");
    wijknet_agreements *a = load_agreements(rr, "registries/region.agreements.json");
    CHECK(parse_instant("2026-11-22T10:00:00Z") == NOW, "instant parsing in the test");
    wijknet_match_result *sentinel = (wijknet_match_result *)(void *)&failed, *res = sentinel;
    char *json = NULL;
    size_t len = 0;

    CHECK_RC(wijknet_match(NULL, NULL, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, NULL, NULL, 5, NOW, 72, &res), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, NULL, REQUEST, strlen(REQUEST), NOW, 72, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, NULL, "{\"location\":\"\xed\xa0\x80\"}", 19, NOW, 72, &res), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_match(r, NULL, "{\"location\":", 12, NOW, 72, &res), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match(r, NULL, "{\"location\":\"7511AA\",\"care_types\":[],\"colour\":1}", 48, NOW, 72, &res),
             WIJKNET_RESULT_JSON);
    const char bad[] = "{\"location\":\"75\",\"care_types\":[\"massage\"],\"urgency\":\"soon\"}";
    CHECK_RC(wijknet_match(r, NULL, bad, strlen(bad), NOW, 72, &res), WIJKNET_RESULT_INVALID);
    CHECK(wijknet_last_error_problem_count() == 3, "three request problems, got %zu",
          wijknet_last_error_problem_count());
    CHECK_RC(wijknet_match(r, NULL, REQUEST, strlen(REQUEST), INT64_MAX, 72, &res), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(res == sentinel, "out_result untouched");
    CHECK_RC(wijknet_match(NULL, a, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(rr, a, "nope", 4, NOW, 72, &res), WIJKNET_RESULT_JSON);

    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), NULL, 0, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), "{}", 2, &json, &len), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), "{\"now\":\"yesterday\"}", 19, &json, &len),
             WIJKNET_RESULT_INVALID);
    /* options and request are read strictly, as documents are: a key given twice is refused */
    const char opts_twice[] = "{\"now\":\"2026-11-22T10:00:00Z\",\"stale_after_hours\":72,\"stale_after_hours\":1}";
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), opts_twice, strlen(opts_twice), &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK(str_contains(wijknet_last_error_message(), "duplicate"), "duplicate option key");
    const char req_twice[] = "{\"location\":\"7511AA\",\"care_types\":[\"nursing\"],\"location\":\"1000AA\"}";
    CHECK_RC(wijknet_match_json(r, NULL, req_twice, strlen(req_twice), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), "[\"2026-11-22T10:00:00Z\",72]", 26, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, NULL),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(NULL, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(NULL, a, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(rr, a, REQUEST, strlen(REQUEST), "\xff", 1, &json, &len), WIJKNET_RESULT_INVALID_UTF8);
    CHECK(json == NULL, "out_json untouched");

    /* NULL agreements: the registry alone, in both forms; with the agreements (the night rotation
     * of the region) the answer for night nursing differs */
    const char night[] = "{\"location\":\"7511AA\",\"care_types\":[\"nursing\"],\"times_of_day\":[\"night\"]}";
    char *with = NULL, *typed = NULL;
    CHECK_RC(wijknet_match(rr, NULL, night, strlen(night), NOW, 72, &res), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_match_result_to_json(res, &typed, &len), WIJKNET_RESULT_OK);
    wijknet_match_result_free(res);
    res = sentinel;
    CHECK_RC(wijknet_match_json(rr, NULL, night, strlen(night), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_OK);
    CHECK(json && typed && strcmp(json, typed) == 0, "NULL agreements: typed and JSON forms agree");
    CHECK_RC(wijknet_match_json(rr, a, night, strlen(night), OPTIONS, strlen(OPTIONS), &with, &len), WIJKNET_RESULT_OK);
    CHECK(json && with && strcmp(json, with) != 0, "the agreements change the answer");
    wijknet_string_free(with);
    wijknet_string_free(typed);
    wijknet_string_free(json);
    json = NULL;

    /* a result: candidates, accessors, errors */
    CHECK_RC(wijknet_match(r, NULL, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_OK);
    wijknet_match_summary s;
    CHECK_RC(wijknet_match_result_summary(res, &s), WIJKNET_RESULT_OK);
    CHECK(s.outcome == WIJKNET_MATCH_OUTCOME_CANDIDATES_FOUND && s.candidate_count == 3, "three candidates");
    wijknet_candidate c;
    CHECK_RC(wijknet_match_result_candidate(res, 0, &c), WIJKNET_RESULT_OK);
    CHECK(c.rank == 1 && str_eq(c.team, "a1") && c.flags == 0, "a1 first, no flags");
    CHECK_RC(wijknet_match_result_candidate(res, 2, &c), WIJKNET_RESULT_OK);
    CHECK(str_eq(c.team, "b1") && (c.flags & (1u << WIJKNET_CANDIDATE_FLAG_WAITLIST)), "b1 waitlisted");
    CHECK(c.possible_start.year == 2026 && c.possible_start.month == 12 && c.possible_start.day == 1, "b1 start");
    CHECK_RC(wijknet_match_result_candidate(res, (size_t)-1, &c), WIJKNET_RESULT_OUT_OF_RANGE);
    CHECK_RC(wijknet_match_result_candidate(NULL, 0, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_candidate(res, 0, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_exclusion e;
    CHECK_RC(wijknet_match_result_exclusion(res, 0, &e), WIJKNET_RESULT_OK);
    CHECK(str_eq(e.team, "a2") && e.reason == WIJKNET_EXCLUSION_REASON_CARE_TYPE_NOT_OFFERED, "a2 excluded");
    CHECK_RC(wijknet_match_result_exclusion(NULL, 0, &e), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_exclusion(res, 0, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_accountable acc;
    CHECK_RC(wijknet_match_result_accountable(res, &acc), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_match_result_accountable(NULL, &acc), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_accountable(res, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_summary(NULL, &s), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_summary(res, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_to_json(NULL, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_to_json(res, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_to_json(res, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    /* the result outlives the registry it came from */
    wijknet_registry_free(r);
    CHECK_RC(wijknet_match_result_candidate(res, 1, &c), WIJKNET_RESULT_OK);
    CHECK(str_eq(c.team, "c1"), "c1 second, after the registry was freed");
    wijknet_match_result_free(res);
    wijknet_match_result_free(NULL);

    wijknet_agreements_free(a);
    wijknet_registry_free(rr);
}

/* A candidate's free hours per week as a typed field: set only when the request states its hours
 * and the team reports free hours for the care type (a1: 12 nursing hours), 0 and unset otherwise. */
static void test_candidate_free_hours(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    static const char UPDATE[] = "{\"team\": \"a1\", \"expected_version\": 2, \"status\": \"accepting\", "
                                 "\"earliest_start\": \"2026-11-23\", \"free_hours\": {\"nursing\": 12.5}, "
                                 "\"updated_at\": \"2026-11-21T09:00:00Z\"}";
    wijknet_registry *updated = NULL;
    CHECK_RC(wijknet_registry_update_capacities(r, UPDATE, strlen(UPDATE), &updated), WIJKNET_RESULT_OK);
    static const char WITH_HOURS[] = "{\"location\": \"7511AA\", \"care_types\": [\"nursing\"], "
                                     "\"desired_start\": \"2026-11-23\", \"latest_start\": \"2026-12-01\", "
                                     "\"hours_per_week\": 2.5}";
    static const char WITHOUT[] = "{\"location\": \"7511AA\", \"care_types\": [\"nursing\"], "
                                  "\"desired_start\": \"2026-11-23\", \"latest_start\": \"2026-12-01\"}";
    wijknet_match_result *res = NULL;
    wijknet_candidate c;
    CHECK_RC(wijknet_match(updated, NULL, WITH_HOURS, strlen(WITH_HOURS), NOW, 72, &res), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_match_result_candidate(res, 0, &c), WIJKNET_RESULT_OK);
    CHECK(str_eq(c.team, "a1") && c.has_free_hours && c.free_hours == 12.5, "a1 first with 12.5 free hours");
    wijknet_match_result_free(res);
    CHECK_RC(wijknet_match(updated, NULL, WITHOUT, strlen(WITHOUT), NOW, 72, &res), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_match_result_candidate(res, 0, &c), WIJKNET_RESULT_OK);
    CHECK(!c.has_free_hours && c.free_hours == 0.0, "no hours asked: no free hours shown");
    wijknet_match_result_free(res);
    wijknet_registry_free(updated);
    wijknet_registry_free(r);
}

/* Several threads match against one registry handle at once and get the single-threaded answer;
 * each thread's last error is its own. */
typedef struct {
    const wijknet_registry *registry;
    const char *expected;
    int ok;
} thread_arg;

static void *match_in_thread(void *p) {
    thread_arg *t = p;
    t->ok = 1;
    for (int i = 0; i < 20; i++) {
        char *json = NULL;
        size_t len;
        if (wijknet_match_json(t->registry, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len) !=
                WIJKNET_RESULT_OK ||
            strcmp(json, t->expected) != 0)
            t->ok = 0;
        wijknet_string_free(json);
        /* a failure here must not show in another thread's last error */
        wijknet_match_result *res;
        if (wijknet_match(t->registry, NULL, "x", 1, NOW, 72, &res) != WIJKNET_RESULT_JSON ||
            wijknet_last_error_code() != WIJKNET_RESULT_JSON)
            t->ok = 0;
    }
    return NULL;
}

static void test_threads(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    char *expected = NULL;
    size_t len;
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &expected, &len),
             WIJKNET_RESULT_OK);
    enum { N = 4 };
    pthread_t th[N];
    thread_arg args[N];
    for (int i = 0; i < N; i++) {
        args[i] = (thread_arg){r, expected, 0};
        pthread_create(&th[i], NULL, match_in_thread, &args[i]);
    }
    /* meanwhile this thread's last error stays clean */
    size_t n;
    CHECK_RC(wijknet_code_count(0, &n), WIJKNET_RESULT_OK);
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CHECK(args[i].ok, "thread %d got the single-threaded answer", i);
    }
    CHECK(wijknet_last_error_code() == WIJKNET_RESULT_OK, "other threads' errors are not ours");
    wijknet_string_free(expected);
    wijknet_registry_free(r);
}

/* A clone of a match result is another pointer to the same result; texts read through a handle
 * stay valid until that handle is freed; either handle may be freed first. */
static void test_match_result_clone(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    wijknet_match_result *res = NULL, *sentinel = (wijknet_match_result *)(void *)&failed, *c = sentinel;
    CHECK_RC(wijknet_match(r, NULL, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_OK);
    wijknet_registry_free(r);
    CHECK_RC(wijknet_match_result_clone(NULL, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_result_clone(res, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(c == sentinel, "out_clone untouched on failure");
    char *want = NULL, *got = NULL;
    size_t len;
    CHECK_RC(wijknet_match_result_to_json(res, &want, &len), WIJKNET_RESULT_OK);

    /* the clone freed first */
    CHECK_RC(wijknet_match_result_clone(res, &c), WIJKNET_RESULT_OK);
    CHECK(c != NULL && c != sentinel && c != res, "a clone is another pointer");
    wijknet_exclusion e;
    CHECK_RC(wijknet_match_result_exclusion(c, 0, &e), WIJKNET_RESULT_OK);
    CHECK(str_eq(e.team, "a2") && e.detail.len > 0, "an exclusion read through the clone");
    wijknet_match_result_free(c);
    wijknet_candidate cand;
    CHECK_RC(wijknet_match_result_candidate(res, 0, &cand), WIJKNET_RESULT_OK);
    CHECK(str_eq(cand.team, "a1"), "the original outlives its clone");

    /* the original freed first: the clone and the texts read through it carry on */
    CHECK_RC(wijknet_match_result_clone(res, &c), WIJKNET_RESULT_OK);
    wijknet_match_result_free(res);
    CHECK_RC(wijknet_match_result_candidate(c, 2, &cand), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_match_result_exclusion(c, 0, &e), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_match_result_to_json(c, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "the clone has the same result after the original was freed");
    CHECK(str_eq(cand.team, "b1") && str_eq(e.team, "a2"), "texts read through the clone");
    check_typed_against_json("clone of a match result", c, want);
    wijknet_string_free(got);
    wijknet_string_free(want);
    wijknet_match_result_free(c);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_matching();
    test_match_result_clone();
    test_candidate_free_hours();
    test_threads();
    run_vectors("matching", 15, run_matching_case);
    return test_finish();
}
