/*
 * C API tests: the registry handle.
 *
 * Covers loading (every error code: NULL arguments, invalid UTF-8, malformed JSON, wrong
 * schema, every rule violation as a problem with its path), version, export round trip,
 * capacity updates (a new handle, version conflicts, unknown teams, duplicate keys), freeing in
 * any order, and wijknet_registry_clone: another pointer to the same value, freed in either
 * order, clones owned and freed by other threads.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_registry VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

#include <pthread.h>

static void test_registry(void) {
    wijknet_registry *sentinel = (wijknet_registry *)(void *)&passed; /* never dereferenced */
    wijknet_registry *r = sentinel;
    const char bad_json[] = "{\"schema\": ";
    CHECK_RC(wijknet_registry_from_json(NULL, 3, &r), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(str_contains(wijknet_last_error_message(), "`json` is NULL"), "null message names the parameter");
    CHECK_RC(wijknet_registry_from_json(bad_json, strlen(bad_json), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_from_json("{\"schema\":\"\xc3\x28\"}", 15, &r), WIJKNET_RESULT_INVALID_UTF8);
    CHECK(str_eq(wijknet_last_error_code_name(), "invalid_utf8"), "utf8 code name");
    CHECK_RC(wijknet_registry_from_json(bad_json, strlen(bad_json), &r), WIJKNET_RESULT_JSON);
    CHECK(wijknet_last_error_problem_count() == 1, "json error has one problem");
    CHECK_RC(wijknet_registry_from_json("", 0, &r), WIJKNET_RESULT_JSON);
    const char other[] = "{\"schema\": \"wijknet.agreements/v1\", \"version\": 1}";
    CHECK_RC(wijknet_registry_from_json(other, strlen(other), &r), WIJKNET_RESULT_SCHEMA);
    CHECK(str_eq(wijknet_last_error_code_name(), "schema"), "schema code name");
    CHECK(str_contains(wijknet_last_error_message(), "wijknet.registry/v1"), "schema message");
    const char invalid[] =
        "{\"schema\":\"wijknet.registry/v1\",\"version\":1,\"organisations\":[{\"id\":\"o1\",\"name\":\"O\","
        "\"kind\":\"spaceship\"}],\"teams\":[{\"id\":\"t1\",\"organisation\":\"nobody\",\"name\":\"T\","
        "\"area\":{\"pc4\":[\"12\"]},\"care_types\":[\"nursing\"],\"max_nurse_level\":\"level_5\","
        "\"times_of_day\":[\"day\"],\"capacity\":{\"status\":\"accepting\",\"updated_at\":"
        "\"2026-11-22T09:00:00Z\",\"version\":0}}]}";
    CHECK_RC(wijknet_registry_from_json(invalid, strlen(invalid), &r), WIJKNET_RESULT_INVALID);
    size_t np = wijknet_last_error_problem_count();
    CHECK(np >= 2, "all problems reported at once (%zu)", np);
    int saw_org = 0;
    for (size_t i = 0; i < np; i++) {
        wijknet_str path, reason;
        CHECK_RC(wijknet_last_error_problem(i, &path, &reason), WIJKNET_RESULT_OK);
        CHECK(path.len > 0 && reason.len > 0 && path.ptr[path.len] == 0, "problem %zu has path and reason", i);
        if (str_contains(path, "$.teams[0].organisation")) saw_org = 1;
    }
    CHECK(saw_org, "problem path names teams[0].organisation");
    wijknet_str ej = wijknet_last_error_json();
    cJSON *e = cJSON_ParseWithLength(ej.ptr, ej.len);
    CHECK(e && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "problems")) == (int)np, "error json");
    cJSON_Delete(e);
    CHECK(r == sentinel, "out_registry untouched on every failure");

    r = load_registry("registries/basic.json");
    uint64_t v = 0;
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    CHECK(v == 1, "version 1, got %llu", (unsigned long long)v);
    CHECK_RC(wijknet_registry_version(NULL, &v), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_version(r, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    /* export and reload give the same document */
    char *json = NULL, *json2 = NULL;
    size_t len = 0, len2 = 0;
    CHECK_RC(wijknet_registry_to_json(r, &json, &len), WIJKNET_RESULT_OK);
    CHECK(json && len == strlen(json), "export length");
    wijknet_registry *r2 = NULL;
    CHECK_RC(wijknet_registry_from_json(json, len, &r2), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_to_json(r2, &json2, &len2), WIJKNET_RESULT_OK);
    CHECK(json2 && strcmp(json, json2) == 0, "export round trip");
    CHECK_RC(wijknet_registry_to_json(NULL, &json2, &len2), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_to_json(r, NULL, &len2), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_to_json(r, &json2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_string_free(json);
    wijknet_string_free(json2);
    wijknet_registry_free(r2);

    /* capacity update: new handle, old unchanged; conflicts and unknown teams are codes */
    const char up[] = "{\"team\":\"b1\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                      "\"2026-11-22T09:30:00Z\"}";
    wijknet_registry *next = NULL;
    CHECK_RC(wijknet_registry_update_capacities(r, up, strlen(up), &next), WIJKNET_RESULT_OK);
    uint64_t v2 = 0;
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    CHECK(v == 1 && v2 == 2, "update gives a new version, old unchanged (%llu, %llu)", (unsigned long long)v,
          (unsigned long long)v2);
    wijknet_registry *again = sentinel;
    CHECK_RC(wijknet_registry_update_capacities(next, up, strlen(up), &again), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(str_contains(wijknet_last_error_message(), "version conflict on team capacity `b1`"), "conflict message");
    CHECK(str_eq(wijknet_last_error_code_name(), "version_conflict"), "conflict code name");
    CHECK(again == sentinel, "out untouched on conflict");
    const char ghost[] = "{\"team\":\"zz\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                         "\"2026-11-22T09:30:00Z\"}";
    CHECK_RC(wijknet_registry_update_capacities(r, ghost, strlen(ghost), &again), WIJKNET_RESULT_NOT_FOUND);
    const char badup[] = "{\"team\":\"a1\",\"expected_version\":0,\"status\":\"maybe\",\"updated_at\":\"x\"}";
    CHECK_RC(wijknet_registry_update_capacities(r, badup, strlen(badup), &again), WIJKNET_RESULT_INVALID);
    CHECK(wijknet_last_error_problem_count() == 2, "both update problems");
    CHECK_RC(wijknet_registry_update_capacities(r, "[", 1, &again), WIJKNET_RESULT_JSON);
    const char up_twice[] = "{\"team\":\"b1\",\"expected_version\":0,\"status\":\"accepting\","
                            "\"free_places\":{\"nursing\":5,\"nursing\":0},\"updated_at\":\"2026-11-22T09:30:00Z\"}";
    CHECK_RC(wijknet_registry_update_capacities(r, up_twice, strlen(up_twice), &again), WIJKNET_RESULT_JSON);
    wijknet_str dp, dr;
    CHECK(wijknet_last_error_problem(0, &dp, &dr) == WIJKNET_RESULT_OK && str_eq(dp, "$.free_places"),
          "duplicate free_places key refused at `$.free_places`, got %.*s", (int)dp.len, dp.ptr);
    CHECK_RC(wijknet_registry_update_capacities(r, "\x80", 1, &again), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_registry_update_capacities(NULL, up, strlen(up), &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacities(r, NULL, 0, &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacities(r, up, strlen(up), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(again == sentinel, "out untouched");
    /* free in any order: the derived handle outlives its parent */
    wijknet_registry_free(r);
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    wijknet_registry_free(next);
    wijknet_registry_free(NULL);
}

/* A clone is a new handle (another pointer) to the same registry; each handle is freed on its
 * own, in either order, and the value lives until the last one is freed (valgrind checks that
 * nothing leaks and nothing is read after it was freed). */
static void test_registry_clone(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    wijknet_registry *sentinel = (wijknet_registry *)(void *)&passed, *c = sentinel;
    CHECK_RC(wijknet_registry_clone(NULL, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(str_contains(wijknet_last_error_message(), "`registry` is NULL"), "null registry named");
    CHECK_RC(wijknet_registry_clone(r, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(str_contains(wijknet_last_error_message(), "`out_clone` is NULL"), "null out_clone named");
    CHECK(c == sentinel, "out_clone untouched on failure");

    char *want = NULL, *got = NULL;
    size_t len;
    CHECK_RC(wijknet_registry_to_json(r, &want, &len), WIJKNET_RESULT_OK);
    /* the clone freed first: the original carries on */
    CHECK_RC(wijknet_registry_clone(r, &c), WIJKNET_RESULT_OK);
    CHECK(c != NULL && c != sentinel && c != r, "a clone is another pointer");
    CHECK_RC(wijknet_registry_to_json(c, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "a clone has the same value");
    wijknet_string_free(got);
    got = NULL;
    wijknet_registry_free(c);
    CHECK_RC(wijknet_registry_to_json(r, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "the original outlives its clone");
    wijknet_string_free(got);
    got = NULL;

    /* the original freed first: the clone carries on, and can be cloned and updated in turn */
    CHECK_RC(wijknet_registry_clone(r, &c), WIJKNET_RESULT_OK);
    wijknet_registry_free(r);
    wijknet_registry *cc = NULL, *next = NULL;
    CHECK_RC(wijknet_registry_clone(c, &cc), WIJKNET_RESULT_OK);
    CHECK(cc != NULL && cc != c, "a clone of a clone is another pointer");
    wijknet_registry_free(c);
    CHECK_RC(wijknet_registry_to_json(cc, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "a clone outlives the handles it was cloned from");
    const char up[] = "{\"team\":\"b1\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                      "\"2026-11-22T09:30:00Z\"}";
    CHECK_RC(wijknet_registry_update_capacities(cc, up, strlen(up), &next), WIJKNET_RESULT_OK);
    uint64_t v = 0, v2 = 0;
    CHECK_RC(wijknet_registry_version(cc, &v), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    CHECK(v == 1 && v2 == 2, "updating through a clone leaves the shared value unchanged (%llu, %llu)",
          (unsigned long long)v, (unsigned long long)v2);
    wijknet_string_free(got);
    wijknet_string_free(want);
    wijknet_registry_free(next);
    wijknet_registry_free(cc);
}

/* Every thread gets a clone of one registry, matches with it, clones and frees more clones of it,
 * and frees its own clone on its own thread; the main thread frees the original while they run. */
typedef struct {
    wijknet_registry *own;
    const char *expected;
    int ok;
} clone_arg;

static void *match_with_own_clone(void *p) {
    clone_arg *t = p;
    t->ok = 1;
    for (int i = 0; i < 10; i++) {
        char *json = NULL;
        size_t len;
        if (wijknet_match_json(t->own, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len) !=
                WIJKNET_RESULT_OK ||
            strcmp(json, t->expected) != 0)
            t->ok = 0;
        wijknet_string_free(json);
        wijknet_registry *extra = NULL;
        if (wijknet_registry_clone(t->own, &extra) != WIJKNET_RESULT_OK || extra == t->own) t->ok = 0;
        wijknet_registry_free(extra);
    }
    wijknet_registry_free(t->own);
    return NULL;
}

static void test_clones_in_threads(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    char *expected = NULL;
    size_t len;
    CHECK_RC(wijknet_match_json(r, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &expected, &len),
             WIJKNET_RESULT_OK);
    enum { N = 4 };
    pthread_t th[N];
    clone_arg args[N];
    for (int i = 0; i < N; i++) {
        args[i] = (clone_arg){NULL, expected, 0};
        CHECK_RC(wijknet_registry_clone(r, &args[i].own), WIJKNET_RESULT_OK);
    }
    for (int i = 0; i < N; i++) pthread_create(&th[i], NULL, match_with_own_clone, &args[i]);
    wijknet_registry_free(r); /* the original goes first: each thread owns its clone */
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CHECK(args[i].ok, "thread %d matched with its own clone and freed it", i);
    }
    wijknet_string_free(expected);
}

/* The ids of a JSON array of team or organisation documents, joined by ',' into `out`. */
static void ids_of(const char *json, size_t len, char *out, size_t cap) {
    cJSON *arr = cJSON_ParseWithLength(json, len);
    out[0] = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
        if (out[0]) strncat(out, ",", cap - strlen(out) - 1);
        strncat(out, cJSON_IsString(id) ? id->valuestring : "?", cap - strlen(out) - 1);
    }
    cJSON_Delete(arr);
}

/* The registry queries in document form: teams (all and near a location), one team,
 * organisations, the coordination point; errors for a bad postcode and an unknown team. */
static void test_registry_queries(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    char *json = NULL;
    size_t len = 0;
    char ids[256];
    CHECK_RC(wijknet_registry_teams_json(r, NULL, 0, &json, &len), WIJKNET_RESULT_OK);
    ids_of(json, len, ids, sizeof ids);
    CHECK(strcmp(ids, "a1,a2,b1,c1,b2,b3") == 0, "every team in document order, got %s", ids);
    cJSON *teams = cJSON_ParseWithLength(json, len);
    const cJSON *cap = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(teams, 0), "capacity");
    CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(cap, "status")), "a team carries its capacity");
    cJSON_Delete(teams);
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_teams_json(r, "7511AB", 6, &json, &len), WIJKNET_RESULT_OK);
    ids_of(json, len, ids, sizeof ids);
    CHECK(strcmp(ids, "a1,a2,b1,c1") == 0, "the teams touching PC4 7511, got %s", ids);
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_teams_json(r, "9999", 4, &json, &len), WIJKNET_RESULT_OK);
    ids_of(json, len, ids, sizeof ids);
    CHECK(strcmp(ids, "b2") == 0, "the teams touching PC4 9999, got %s", ids);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_registry_teams_json(r, "75", 2, &json, &len), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(str_contains(wijknet_last_error_message(), "`location`"), "a bad postcode names the parameter");
    CHECK(json == NULL, "out_json untouched on failure");
    CHECK_RC(wijknet_registry_teams_json(NULL, NULL, 0, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_teams_json(r, NULL, 0, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);

    CHECK_RC(wijknet_registry_team_json(r, "b1", 2, &json, &len), WIJKNET_RESULT_OK);
    cJSON *b1 = cJSON_ParseWithLength(json, len);
    CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(b1, "organisation")->valuestring, "org-b") == 0, "team b1 of org-b");
    cJSON_Delete(b1);
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_team_json(r, "zz", 2, &json, &len), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_registry_team_json(r, NULL, 2, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);

    CHECK_RC(wijknet_registry_organisations_json(r, &json, &len), WIJKNET_RESULT_OK);
    ids_of(json, len, ids, sizeof ids);
    CHECK(strcmp(ids, "ins-a,org-a,org-b,org-c,org-cp") == 0, "organisations in document order, got %s", ids);
    CHECK(json[len] == 0, "NUL-terminated");
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_organisations_json(r, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);

    CHECK_RC(wijknet_registry_coordination_point_json(r, "7512", 4, &json, &len), WIJKNET_RESULT_OK);
    cJSON *cp = cJSON_ParseWithLength(json, len);
    CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(cp, "id")->valuestring, "cp-enschede") == 0, "Enschede's point");
    CHECK(cJSON_GetObjectItemCaseSensitive(cp, "contact") != NULL, "with whom to call");
    cJSON_Delete(cp);
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_coordination_point_json(r, "9999", 4, &json, &len), WIJKNET_RESULT_OK);
    CHECK(strcmp(json, "null") == 0 && len == 4, "no point covers 9999: null");
    wijknet_string_free(json);
    CHECK_RC(wijknet_registry_coordination_point_json(r, NULL, 0, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_coordination_point_json(r, "Jantje", 6, &json, &len), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(!str_contains(wijknet_last_error_message(), "Jantje"), "the typed text is not repeated");
    wijknet_registry_free(r);
}

/* Several updates at once: applied in order, all or none; problems of a bad list at `$[i]`. */
static void test_update_capacities(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    wijknet_registry *sentinel = (wijknet_registry *)(void *)&passed, *next = NULL, *again = sentinel;
    const char two[] = "[{\"team\":\"b1\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                       "\"2026-11-22T09:30:00Z\"},{\"team\":\"b1\",\"expected_version\":1,\"status\":"
                       "\"waitlist\",\"updated_at\":\"2026-11-22T09:31:00Z\"}]";
    CHECK_RC(wijknet_registry_update_capacities(r, two, strlen(two), &next), WIJKNET_RESULT_OK);
    uint64_t v = 0, v2 = 0;
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    CHECK(v == 1 && v2 == 3, "one version per update, old unchanged (%llu, %llu)", (unsigned long long)v,
          (unsigned long long)v2);
    /* The same list again is stale at its first update: nothing applied. */
    CHECK_RC(wijknet_registry_update_capacities(next, two, strlen(two), &again), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(again == sentinel, "out untouched on conflict");
    const char bad[] = "[{\"team\":\"b1\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":\"x\"},"
                       "{\"team\":\"\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                       "\"2026-11-22T09:30:00Z\"}]";
    CHECK_RC(wijknet_registry_update_capacities(r, bad, strlen(bad), &again), WIJKNET_RESULT_INVALID);
    wijknet_str p0, p1, reason;
    CHECK(wijknet_last_error_problem_count() == 2 && wijknet_last_error_problem(0, &p0, &reason) == WIJKNET_RESULT_OK &&
              wijknet_last_error_problem(1, &p1, &reason) == WIJKNET_RESULT_OK && str_eq(p0, "$[0].updated_at") &&
              str_eq(p1, "$[1].team"),
          "every update's problem at its place");
    CHECK_RC(wijknet_registry_update_capacities(r, "[]", 2, &again), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(again, &v2), WIJKNET_RESULT_OK);
    CHECK(v2 == 1, "an empty list changes nothing");
    wijknet_registry_free(again);
    again = sentinel;
    CHECK_RC(wijknet_registry_update_capacities(r, "{}", 2, &again), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_registry_update_capacities(NULL, two, strlen(two), &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacities(r, NULL, 0, &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacities(r, two, strlen(two), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(again == sentinel, "out untouched");

    /* Through a shared registry: one install for the list, nothing installed on failure. */
    wijknet_shared_registry *s = NULL;
    CHECK_RC(wijknet_shared_registry_new(r, &s), WIJKNET_RESULT_OK);
    wijknet_registry *installed = NULL, *current = NULL;
    CHECK_RC(wijknet_shared_registry_update_capacities(s, two, strlen(two), &installed), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(installed, &v2), WIJKNET_RESULT_OK);
    CHECK(v2 == 3, "shared: both updates installed at once");
    CHECK_RC(wijknet_shared_registry_update_capacities(s, two, strlen(two), &again), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK_RC(wijknet_shared_registry_current(s, &current), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(current, &v2), WIJKNET_RESULT_OK);
    CHECK(v2 == 3 && again == sentinel, "shared: nothing installed on conflict");
    CHECK_RC(wijknet_shared_registry_update_capacities(NULL, two, strlen(two), &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, NULL, 0, &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_shared_registry_update_capacities(s, two, strlen(two), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_registry_free(current);
    wijknet_registry_free(installed);
    wijknet_shared_registry_free(s);
    wijknet_registry_free(next);
    wijknet_registry_free(r);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_registry();
    test_registry_clone();
    test_update_capacities();
    test_registry_queries();
    test_clones_in_threads();
    return test_finish();
}
