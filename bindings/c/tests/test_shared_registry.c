/*
 * Tests of wijknet_shared_registry, compiled with gcc against the committed include/wijknet.h and
 * the built library (shared or static): every function with its error paths, ownership (handles
 * passed in stay the caller's, handles handed out outlive the shared registry), versions at their
 * maximum, and threads racing with the same expected version (exactly one wins, every round).
 *
 * Usage: test_shared_registry        Prints "N passed, M failed"; exits 1 on any failure.
 * The counters and CHECK macros are the C API tests' own (common.h).
 */
#include "common.h"

#include <pthread.h>

/* A registry of two teams, t0 and t1, with the given data version and t0's capacity version. */
static wijknet_registry *registry(const char *version, const char *t0_version) {
    char json[2048];
    snprintf(json, sizeof json,
             "{\"schema\":\"wijknet.registry/v1\",\"version\":%s,\"municipalities\":[],"
             "\"organisations\":[{\"id\":\"org-a\",\"name\":\"Thuiszorg A\",\"kind\":\"home_care_provider\"}],"
             "\"teams\":["
             "{\"id\":\"t0\",\"organisation\":\"org-a\",\"name\":\"T0\",\"area\":{\"pc4\":[\"7511\"]},"
             "\"care_types\":[\"nursing\"],\"max_nurse_level\":\"level_5\",\"times_of_day\":[\"day\"],"
             "\"capacity\":{\"status\":\"accepting\",\"updated_at\":\"2026-11-20T08:00:00Z\",\"version\":%s}},"
             "{\"id\":\"t1\",\"organisation\":\"org-a\",\"name\":\"T1\",\"area\":{\"pc4\":[\"7511\"]},"
             "\"care_types\":[\"nursing\"],\"max_nurse_level\":\"level_5\",\"times_of_day\":[\"day\"],"
             "\"capacity\":{\"status\":\"accepting\",\"updated_at\":\"2026-11-20T08:00:00Z\",\"version\":0}}"
             "],\"coordination_points\":[]}",
             version, t0_version);
    wijknet_registry *r = NULL;
    CHECK_RC(wijknet_registry_from_json(json, strlen(json), &r), WIJKNET_RESULT_OK);
    return r;
}

/* An update of `team` to `places` free nursing places, based on `expected`. */
static size_t update_json(char *out, size_t cap, const char *team, unsigned long long expected, int places) {
    int n = snprintf(out, cap,
                     "{\"team\":\"%s\",\"expected_version\":%llu,\"status\":\"accepting\","
                     "\"free_places\":{\"nursing\":%d},\"updated_at\":\"2026-11-22T09:00:00Z\"}",
                     team, expected, places);
    return (size_t)n;
}

static uint64_t version_of(const wijknet_registry *r) {
    uint64_t v = 0;
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    return v;
}

static uint64_t current_version(const wijknet_shared_registry *s) {
    wijknet_registry *r = NULL;
    CHECK_RC(wijknet_shared_registry_current(s, &r), WIJKNET_RESULT_OK);
    uint64_t v = version_of(r);
    wijknet_registry_free(r);
    return v;
}

static void test_api(void) {
    wijknet_shared_registry *sentinel_s = (wijknet_shared_registry *)(void *)&passed; /* never used */
    wijknet_registry *sentinel_r = (wijknet_registry *)(void *)&failed;               /* never used */
    wijknet_shared_registry *s = sentinel_s;
    wijknet_registry *out = sentinel_r;
    char up[512];
    size_t len;

    wijknet_registry *r = registry("7", "3");
    CHECK_RC(wijknet_shared_registry_new(NULL, &s), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_new(r, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(s == sentinel_s, "out_shared untouched on failure");
    CHECK_RC(wijknet_shared_registry_new(r, &s), WIJKNET_RESULT_OK);
    /* The registry passed in stays the caller's: freeing it leaves the shared registry whole. */
    wijknet_registry_free(r);
    CHECK(current_version(s) == 7, "current is the registry it was made with");

    CHECK_RC(wijknet_shared_registry_current(NULL, &out), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_current(s, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(out == sentinel_r, "out_registry untouched on failure");

    wijknet_registry *before = NULL;
    CHECK_RC(wijknet_shared_registry_current(s, &before), WIJKNET_RESULT_OK);

    /* An update installs and returns the new value; the earlier snapshot never changes. */
    len = update_json(up, sizeof up, "t0", 3, 5);
    wijknet_registry *installed = NULL;
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &installed), WIJKNET_RESULT_OK);
    CHECK(version_of(installed) == 8, "installed value has version 8");
    CHECK(current_version(s) == 8, "and is current");
    CHECK(version_of(before) == 7, "the earlier snapshot is unchanged");

    /* The second writer with the same expected version conflicts; nothing is installed. */
    len = update_json(up, sizeof up, "t0", 3, 6);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(str_eq(wijknet_last_error_code_name(), "version_conflict"), "conflict code name");
    CHECK(out == sentinel_r, "out untouched on conflict");
    CHECK(current_version(s) == 8, "nothing installed on conflict");
    /* An update of another team goes through on top. */
    len = update_json(up, sizeof up, "t1", 0, 1);
    wijknet_registry *other = NULL;
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &other), WIJKNET_RESULT_OK);
    CHECK(version_of(other) == 9, "other team's update installed on top");

    /* The exported current document carries both updates. */
    char *json = NULL;
    size_t json_len = 0;
    CHECK_RC(wijknet_registry_to_json(other, &json, &json_len), WIJKNET_RESULT_OK);
    CHECK(json && strstr(json, "\"nursing\":5") && strstr(json, "\"nursing\":1"), "both updates in the document");
    wijknet_string_free(json);

    /* Error paths: each a code, out untouched, nothing installed. */
    len = update_json(up, sizeof up, "zz", 0, 1);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_NOT_FOUND);
    const char bad[] = "{\"team\":\"t0\",\"expected_version\":4,\"status\":\"maybe\",\"updated_at\":\"x\"}";
    CHECK_RC(wijknet_shared_registry_update_capacities(s, bad, strlen(bad), &out), WIJKNET_RESULT_INVALID);
    CHECK(wijknet_last_error_problem_count() == 2, "both update problems");
    CHECK_RC(wijknet_shared_registry_update_capacities(s, "[", 1, &out), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, "\x80", 1, &out), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_shared_registry_update_capacities(NULL, up, len, &out), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, NULL, 0, &out), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(out == sentinel_r, "out untouched on every failure");
    CHECK(current_version(s) == 9, "nothing installed by a failure");

    /* Replace installs a whole new document; the caller keeps (and frees) its handle. */
    wijknet_registry *fresh = registry("20", "10");
    CHECK_RC(wijknet_shared_registry_replace(NULL, fresh), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_replace(s, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_replace(s, fresh), WIJKNET_RESULT_OK);
    wijknet_registry_free(fresh);
    CHECK(current_version(s) == 20, "replaced");
    len = update_json(up, sizeof up, "t0", 4, 1);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_VERSION_CONFLICT);
    len = update_json(up, sizeof up, "t0", 10, 1);
    wijknet_registry *after = NULL;
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &after), WIJKNET_RESULT_OK);
    CHECK(version_of(after) == 21, "updates apply to the new document");

    /* Handles handed out outlive the shared registry. */
    wijknet_shared_registry_free(s);
    wijknet_shared_registry_free(NULL);
    CHECK(version_of(before) == 7 && version_of(installed) == 8 && version_of(after) == 21,
          "snapshots outlive the shared registry");
    wijknet_registry_free(before);
    wijknet_registry_free(installed);
    wijknet_registry_free(other);
    wijknet_registry_free(after);
}

static void test_versions_never_wrap(void) {
    char up[512];
    size_t len;
    wijknet_registry *out = NULL;
    wijknet_shared_registry *s = NULL;
    wijknet_registry *r = registry("7", "18446744073709551615");
    CHECK_RC(wijknet_shared_registry_new(r, &s), WIJKNET_RESULT_OK);
    len = update_json(up, sizeof up, "t0", 18446744073709551615ull, 1);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_INVALID);
    wijknet_str path = {NULL, 0}, reason = {NULL, 0};
    CHECK_RC(wijknet_last_error_problem(0, &path, &reason), WIJKNET_RESULT_OK);
    CHECK(str_eq(path, "$.expected_version"), "problem names expected_version (%.*s)", (int)path.len, path.ptr);
    /* Wrapping to 0 would have let this stale update through. */
    len = update_json(up, sizeof up, "t0", 0, 1);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK_RC(wijknet_registry_update_capacities(r, up, len, &out), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(out == NULL, "nothing handed out");
    wijknet_registry_free(r);

    r = registry("18446744073709551615", "0");
    CHECK_RC(wijknet_shared_registry_replace(s, r), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, up, len, &out), WIJKNET_RESULT_INVALID);
    CHECK_RC(wijknet_last_error_problem(0, &path, &reason), WIJKNET_RESULT_OK);
    CHECK(str_eq(path, "$.version"), "problem names the registry version (%.*s)", (int)path.len, path.ptr);
    CHECK(current_version(s) == 18446744073709551615ull, "still at the maximum, not wrapped");
    wijknet_registry_free(r);
    wijknet_shared_registry_free(s);
}

/* ---- two threads racing with the same expected version ---- */

typedef struct {
    wijknet_shared_registry *shared;
    pthread_barrier_t *start;
    unsigned long long expected;
    int places;
    wijknet_result rc;
    wijknet_result last_error; /* this thread's last error right after its call */
    uint64_t installed_version;
} racer;

static void *race(void *p) {
    racer *w = p;
    char up[512];
    size_t len = update_json(up, sizeof up, "t0", w->expected, w->places);
    wijknet_registry *out = NULL;
    pthread_barrier_wait(w->start);
    w->rc = wijknet_shared_registry_update_capacities(w->shared, up, len, &out);
    w->last_error = wijknet_last_error_code();
    w->installed_version = 0;
    if (out) {
        wijknet_registry_version(out, &w->installed_version);
        wijknet_registry_free(out);
    }
    return NULL;
}

static void test_two_threads_race(void) {
    enum { ROUNDS = 100 };
    wijknet_registry *r = registry("7", "0");
    wijknet_shared_registry *s = NULL;
    CHECK_RC(wijknet_shared_registry_new(r, &s), WIJKNET_RESULT_OK);
    wijknet_registry_free(r);
    int rounds_with_one_winner = 0;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, 2);
        racer w[2];
        pthread_t th[2];
        for (int i = 0; i < 2; i++) {
            w[i] = (racer){s, &start, (unsigned long long)round, 100 + i, WIJKNET_RESULT_OTHER, WIJKNET_RESULT_OTHER, 0};
            pthread_create(&th[i], NULL, race, &w[i]);
        }
        for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
        pthread_barrier_destroy(&start);
        int ok = (w[0].rc == WIJKNET_RESULT_OK) + (w[1].rc == WIJKNET_RESULT_OK);
        int conflicts =
            (w[0].rc == WIJKNET_RESULT_VERSION_CONFLICT) + (w[1].rc == WIJKNET_RESULT_VERSION_CONFLICT);
        int winner = w[0].rc == WIJKNET_RESULT_OK ? 0 : 1;
        int loser = 1 - winner;
        if (ok == 1 && conflicts == 1 && w[winner].installed_version == 7 + (uint64_t)round + 1 &&
            w[loser].last_error == WIJKNET_RESULT_VERSION_CONFLICT && w[winner].last_error == WIJKNET_RESULT_OK)
            rounds_with_one_winner++;
        else
            CHECK(0, "round %d: results %s/%s", round, wijknet_result_name(w[0].rc), wijknet_result_name(w[1].rc));
        /* The winner's update is the one current: its free places are in the document. */
        wijknet_registry *cur = NULL;
        CHECK_RC(wijknet_shared_registry_current(s, &cur), WIJKNET_RESULT_OK);
        char *json = NULL;
        size_t json_len = 0;
        CHECK_RC(wijknet_registry_to_json(cur, &json, &json_len), WIJKNET_RESULT_OK);
        char want[32];
        snprintf(want, sizeof want, "\"nursing\":%d", w[winner].places);
        if (!(json && strstr(json, want))) CHECK(0, "round %d: the winner's capacity is current", round);
        wijknet_string_free(json);
        wijknet_registry_free(cur);
    }
    CHECK(rounds_with_one_winner == ROUNDS, "exactly one winner in every round (%d of %d)", rounds_with_one_winner,
          ROUNDS);
    CHECK(current_version(s) == 7 + ROUNDS, "one update per round");
    wijknet_shared_registry_free(s);
}

int main(void) {
    test_api();
    test_versions_never_wrap();
    test_two_threads_race();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
