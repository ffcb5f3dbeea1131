/*
 * C API tests: the referral lifecycle.
 *
 * Covers the referral book and events lists (every error code: NULL arguments, invalid UTF-8,
 * malformed JSON, wrong schema, out of range, refused transitions, duplicate events), applying
 * single events as JSON (strict reading, problem paths of the event itself), status, summaries,
 * monitoring and escalation checks, wijknet_referral_events_clone, and every conformance vector
 * in tests/vectors/referral, applied from a document and event by event.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_referral VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

static cJSON *referral_answer(const cJSON *v, const char *name) {
    char *doc = print(cJSON_GetObjectItemCaseSensitive(v, "events"));
    wijknet_referral_events *events = NULL;
    wijknet_result rc = wijknet_referral_events_from_json(doc, strlen(doc), &events);
    cJSON_free(doc);
    cJSON *answer = cJSON_CreateObject();
    if (rc != WIJKNET_RESULT_OK) {
        cJSON *err = cJSON_AddObjectToObject(answer, "error");
        wijknet_str code = wijknet_last_error_code_name();
        char *c = strndup(code.ptr, code.len);
        cJSON_AddStringToObject(err, "code", c);
        if (rc == WIJKNET_RESULT_INVALID || rc == WIJKNET_RESULT_JSON || rc == WIJKNET_RESULT_SCHEMA) {
            cJSON *paths = cJSON_AddArrayToObject(err, "paths");
            for (size_t i = 0; i < wijknet_last_error_problem_count(); i++) {
                wijknet_str p, r;
                wijknet_last_error_problem(i, &p, &r);
                cJSON_AddItemToArray(paths, cJSON_CreateString(p.ptr)); /* NUL-terminated too */
            }
        }
        free(c);
        return answer;
    }
    wijknet_referral_book *book = NULL, *one_by_one = NULL;
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_new(&one_by_one), WIJKNET_RESULT_OK);
    size_t n = 0;
    CHECK_RC(wijknet_referral_events_count(events, &n), WIJKNET_RESULT_OK);
    const cJSON *wire = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(v, "events"), "events");
    for (size_t i = 0; i < n; i++) {
        rc = wijknet_referral_book_apply(book, events, i);
        /* the same event through the single-event JSON entry point gives the same code */
        char *ev = print(cJSON_GetArrayItem(wire, (int)i));
        wijknet_result rc2 = wijknet_referral_book_apply_event_json(one_by_one, ev, strlen(ev));
        cJSON_free(ev);
        CHECK(rc2 == rc, "%s: event %zu: apply gave %s, apply_event_json %s", name, i, wijknet_result_name(rc),
              wijknet_result_name(rc2));
        if (rc != WIJKNET_RESULT_OK) {
            cJSON *err = cJSON_AddObjectToObject(answer, "error");
            wijknet_str code = wijknet_last_error_code_name();
            char *c = strndup(code.ptr, code.len);
            cJSON_AddStringToObject(err, "code", c);
            cJSON_AddNumberToObject(err, "event_index", (double)i);
            free(c);
            break;
        }
    }
    if (rc == WIJKNET_RESULT_OK) {
        char *json = NULL, *json2 = NULL;
        size_t len;
        CHECK_RC(wijknet_referral_book_summaries_json(book, &json, &len), WIJKNET_RESULT_OK);
        CHECK_RC(wijknet_referral_book_summaries_json(one_by_one, &json2, &len), WIJKNET_RESULT_OK);
        CHECK(json && json2 && strcmp(json, json2) == 0, "%s: event-by-event JSON gives the same book", name);
        cJSON_AddItemToObject(answer, "referrals", cJSON_Parse(json));
        wijknet_string_free(json);
        wijknet_string_free(json2);
        CHECK_RC(wijknet_referral_book_monitoring_json(book, &json, &len), WIJKNET_RESULT_OK);
        cJSON_AddItemToObject(answer, "monitoring", cJSON_Parse(json));
        wijknet_string_free(json);
        /* typed status agrees with the summaries */
        const cJSON *r;
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(answer, "referrals")) {
            const char *id = cJSON_GetObjectItemCaseSensitive(r, "id")->valuestring;
            uint32_t status = 99;
            CHECK_RC(wijknet_referral_book_status(book, id, strlen(id), &status), WIJKNET_RESULT_OK);
            CHECK(status == (uint32_t)code_of(WIJKNET_CODE_KIND_REFERRAL_STATUS, cJSON_GetObjectItemCaseSensitive(r, "status")),
                  "%s: typed status of %s", name, id);
            CHECK_RC(wijknet_referral_book_summary_json(book, id, strlen(id), &json, &len), WIJKNET_RESULT_OK);
            cJSON *one = cJSON_Parse(json);
            CHECK(cJSON_Compare(one, r, true), "%s: summary of %s", name, id);
            cJSON_Delete(one);
            wijknet_string_free(json);
        }
        const cJSON *checks = cJSON_GetObjectItemCaseSensitive(v, "checks");
        if (checks) {
            cJSON *out = cJSON_AddArrayToObject(answer, "checks");
            const cJSON *c;
            cJSON_ArrayForEach(c, checks) {
                const cJSON *p = cJSON_GetObjectItemCaseSensitive(c, "policy");
                const char *id = cJSON_GetObjectItemCaseSensitive(c, "referral")->valuestring;
                const char *acc = cJSON_GetObjectItemCaseSensitive(p, "accountable")->valuestring;
                json = NULL;
                CHECK_RC(wijknet_referral_book_check_escalation_json(
                             book, id, strlen(id), acc, strlen(acc),
                             (int64_t)cJSON_GetObjectItemCaseSensitive(p, "max_unplaced_acute_secs")->valuedouble,
                             (int64_t)cJSON_GetObjectItemCaseSensitive(p, "max_unplaced_non_acute_secs")->valuedouble,
                             (uint32_t)cJSON_GetObjectItemCaseSensitive(p, "max_declines")->valuedouble,
                             parse_instant(cJSON_GetObjectItemCaseSensitive(c, "now")->valuestring), &json, &len),
                         WIJKNET_RESULT_OK);
                cJSON_AddItemToArray(out, json ? cJSON_Parse(json) : cJSON_CreateString("error"));
                wijknet_string_free(json);
            }
        }
    }
    wijknet_referral_book_free(book);
    wijknet_referral_book_free(one_by_one);
    wijknet_referral_events_free(events);
    return answer;
}

static void run_referral_case(const char *name, const cJSON *v) {
    cJSON *actual = referral_answer(v, name);
    char *a = print(actual);
    CHECK(cJSON_Compare(actual, cJSON_GetObjectItemCaseSensitive(v, "expect"), true), "vector %s differs: %.300s", name, a);
    cJSON_free(a);
    cJSON_Delete(actual);
}

static void test_referral_api(void) {
    wijknet_referral_book *sentinel = (wijknet_referral_book *)(void *)&passed, *book = sentinel;
    CHECK_RC(wijknet_referral_book_new(NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    CHECK(book != sentinel && book != NULL, "new book");
    wijknet_referral_events *ev_sentinel = (wijknet_referral_events *)(void *)&failed, *events = ev_sentinel;
    CHECK_RC(wijknet_referral_events_from_json(NULL, 0, &events), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_from_json("{}", 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_from_json("{\"schema\":", 10, &events), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_referral_events_from_json("\xff", 1, &events), WIJKNET_RESULT_INVALID_UTF8);
    const char wrong[] = "{\"schema\":\"wijknet.consent/v1\",\"events\":[]}";
    CHECK_RC(wijknet_referral_events_from_json(wrong, strlen(wrong), &events), WIJKNET_RESULT_SCHEMA);
    CHECK(events == ev_sentinel, "out_events untouched");
    const char empty[] = "{\"schema\":\"wijknet.referral-events/v1\",\"events\":[]}";
    CHECK_RC(wijknet_referral_events_from_json(empty, strlen(empty), &events), WIJKNET_RESULT_OK);
    size_t n = 7;
    CHECK_RC(wijknet_referral_events_count(events, &n), WIJKNET_RESULT_OK);
    CHECK(n == 0, "no events");
    CHECK_RC(wijknet_referral_events_count(NULL, &n), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_count(events, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_apply(book, events, 0), WIJKNET_RESULT_OUT_OF_RANGE);
    CHECK_RC(wijknet_referral_book_apply(NULL, events, 0), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_apply(book, NULL, 0), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_referral_events_free(events);
    wijknet_referral_events_free(NULL);

    const char created[] =
        "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"acute\":false,\"at\":\"2026-03-02T09:00:00Z\","
        "\"care_types\":[\"nursing\"],\"id\":\"r1.1\",\"pc4\":\"1011\",\"referral\":\"r1\",\"referrer\":\"gp-1\","
        "\"seq\":1,\"type\":\"created\"}";
    const char submitted[] = "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"at\":\"2026-03-02T09:01:00Z\","
                             "\"id\":\"r1.2\",\"referral\":\"r1\",\"seq\":2,\"type\":\"submitted\"}";
    CHECK_RC(wijknet_referral_book_apply_event_json(NULL, created, strlen(created)), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, NULL, 3), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, "{", 1), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, "\"\xff\"", 3), WIJKNET_RESULT_INVALID_UTF8);
    const char bad_event[] = "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"acute\":false,\"at\":\"noon\","
                             "\"care_types\":[\"nursing\"],\"id\":\"r1.1\",\"pc4\":\"1011\",\"referral\":\"r1\","
                             "\"referrer\":\"gp-1\",\"seq\":1,\"type\":\"created\"}";
    CHECK_RC(wijknet_referral_book_apply_event_json(book, bad_event, strlen(bad_event)), WIJKNET_RESULT_INVALID);
    wijknet_str path, reason;
    CHECK(wijknet_last_error_problem(0, &path, &reason) == WIJKNET_RESULT_OK && str_eq(path, "$.at"),
          "single-event problem path is the event's own (`$.at`), got %.*s", (int)path.len, path.ptr);
    /* the single event is read by the strict reader of documents: a key given twice is refused,
     * and so is more than one value */
    const char twice[] = "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"acute\":false,\"at\":\"2026-03-02T09:00:00Z\","
                         "\"care_types\":[\"nursing\"],\"id\":\"r1.1\",\"pc4\":\"1011\",\"referral\":\"r1\","
                         "\"referrer\":\"gp-1\",\"seq\":1,\"type\":\"created\",\"type\":\"cancelled\"}";
    CHECK_RC(wijknet_referral_book_apply_event_json(book, twice, strlen(twice)), WIJKNET_RESULT_JSON);
    CHECK(wijknet_last_error_problem(0, &path, &reason) == WIJKNET_RESULT_OK && str_eq(path, "$") &&
              str_contains(reason, "duplicate"),
          "a duplicate key in one event is refused at `$`, got %.*s: %.*s", (int)path.len, path.ptr,
          (int)reason.len, reason.ptr);
    char two[sizeof created * 2 + 4];
    snprintf(two, sizeof two, "%s, %s", created, created);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, two, strlen(two)), WIJKNET_RESULT_JSON);
    const char escape[] = "{\"id\":\"x\"}],\"events\":[{\"id\":\"y\"}";
    CHECK_RC(wijknet_referral_book_apply_event_json(book, escape, strlen(escape)), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, submitted, strlen(submitted)), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, created, strlen(created)), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_apply_event_json(book, created, strlen(created)), WIJKNET_RESULT_DUPLICATE_EVENT);
    CHECK(str_eq(wijknet_last_error_code_name(), "duplicate_event"), "duplicate code name");
    CHECK_RC(wijknet_referral_book_apply_event_json(book, submitted, strlen(submitted)), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_count(book, &n), WIJKNET_RESULT_OK);
    CHECK(n == 1, "one referral");
    CHECK_RC(wijknet_referral_book_count(NULL, &n), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_count(book, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    uint32_t status = 99;
    CHECK_RC(wijknet_referral_book_status(book, "r1", 2, &status), WIJKNET_RESULT_OK);
    CHECK(status == WIJKNET_REFERRAL_STATUS_REQUESTED, "submitted referral is requested (%u)", status);
    CHECK_RC(wijknet_referral_book_status(book, "r9", 2, &status), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_referral_book_status(book, "\xff", 1, &status), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_referral_book_status(NULL, "r1", 2, &status), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_status(book, NULL, 2, &status), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_status(book, "r1", 2, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    char *json = NULL;
    size_t len;
    CHECK_RC(wijknet_referral_book_summary_json(book, "r9", 2, &json, &len), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_referral_book_summary_json(NULL, "r1", 2, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summary_json(book, NULL, 2, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summary_json(book, "r1", 2, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summary_json(book, "r1", 2, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summaries_json(NULL, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summaries_json(book, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_summaries_json(book, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_monitoring_json(NULL, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_monitoring_json(book, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_monitoring_json(book, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(json == NULL, "out_json untouched");
    CHECK_RC(wijknet_referral_book_monitoring_json(book, &json, &len), WIJKNET_RESULT_OK);
    cJSON *m = cJSON_Parse(json);
    CHECK(m && cJSON_GetObjectItemCaseSensitive(m, "referrals")->valuedouble == 1, "monitoring counts one referral");
    cJSON_Delete(m);
    wijknet_string_free(json);
    json = NULL;

    int64_t later = parse_instant("2026-03-05T09:00:00Z");
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "cp-1", 4, 3600, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_OK);
    cJSON *e = cJSON_Parse(json);
    CHECK(e && str_eq((wijknet_str){cJSON_GetObjectItemCaseSensitive(e, "type")->valuestring, 9}, "escalated"),
          "unplaced too long escalates: %s", json);
    cJSON_Delete(e);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "cp-1", 4, 3600, 86400, 2,
                                                         parse_instant("2026-03-02T09:30:00Z"), &json, &len),
             WIJKNET_RESULT_OK);
    CHECK(json && strcmp(json, "null") == 0, "nothing due yet");
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "cp-1", 4, 0, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "", 0, 3600, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "cp-1", 4, INT64_MAX, 86400, 2, later, &json,
                                                         &len),
             WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r9", 2, "cp-1", 4, 3600, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_referral_book_check_escalation_json(NULL, "r1", 2, "cp-1", 4, 3600, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, NULL, 4, 3600, 86400, 2, later, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_check_escalation_json(book, "r1", 2, "cp-1", 4, 3600, 86400, 2, later, NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(json == NULL, "out_json untouched");
    wijknet_referral_book_free(book);
    wijknet_referral_book_free(NULL);
}

/* A clone of an events list is another pointer to the same events; either may be freed first. */
static void test_referral_events_clone(void) {
    const char doc[] =
        "{\"schema\":\"wijknet.referral-events/v1\",\"events\":["
        "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"acute\":false,\"at\":\"2026-03-02T09:00:00Z\","
        "\"care_types\":[\"nursing\"],\"id\":\"r1.1\",\"pc4\":\"1011\",\"referral\":\"r1\",\"referrer\":\"gp-1\","
        "\"seq\":1,\"type\":\"created\"},"
        "{\"actor\":{\"id\":\"gp-1\",\"role\":\"referrer\"},\"at\":\"2026-03-02T09:01:00Z\","
        "\"id\":\"r1.2\",\"referral\":\"r1\",\"seq\":2,\"type\":\"submitted\"}]}";
    wijknet_referral_events *events = NULL, *sentinel = (wijknet_referral_events *)(void *)&failed, *c = sentinel;
    CHECK_RC(wijknet_referral_events_from_json(doc, strlen(doc), &events), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_events_clone(NULL, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_events_clone(events, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(c == sentinel, "out_clone untouched on failure");
    size_t n = 0;

    /* the clone freed first */
    CHECK_RC(wijknet_referral_events_clone(events, &c), WIJKNET_RESULT_OK);
    CHECK(c != NULL && c != sentinel && c != events, "a clone is another pointer");
    CHECK_RC(wijknet_referral_events_count(c, &n), WIJKNET_RESULT_OK);
    CHECK(n == 2, "a clone has the same events (%zu)", n);
    wijknet_referral_events_free(c);
    n = 0;
    CHECK_RC(wijknet_referral_events_count(events, &n), WIJKNET_RESULT_OK);
    CHECK(n == 2, "the original outlives its clone");

    /* the original freed first: the clone feeds a book */
    CHECK_RC(wijknet_referral_events_clone(events, &c), WIJKNET_RESULT_OK);
    wijknet_referral_events_free(events);
    wijknet_referral_book *book = NULL;
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_apply(book, c, 0), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_apply(book, c, 1), WIJKNET_RESULT_OK);
    uint32_t status = 99;
    CHECK_RC(wijknet_referral_book_status(book, "r1", 2, &status), WIJKNET_RESULT_OK);
    CHECK(status == WIJKNET_REFERRAL_STATUS_REQUESTED, "events applied from the clone (%u)", status);
    wijknet_referral_events_free(c);
    wijknet_referral_book_free(book);
}

/* What a progress callback saw: the reports in order, and when (if ever) to cancel. */
typedef struct {
    int reports;
    int in_order; /* every report's done >= the previous one's within a step, <= total */
    uint32_t last_step;
    uint64_t last_done, last_total;
    int steps_seen[8];
    uint32_t cancel_step; /* cancel at the first report of this step (8 = never) */
} progress_log;

static bool record_progress(void *user_data, uint32_t step, uint64_t done, uint64_t total) {
    progress_log *log = user_data;
    if (log->reports > 0 && step == log->last_step && done < log->last_done) log->in_order = 0;
    if (done > total || step >= 8) log->in_order = 0;
    log->reports++;
    log->last_step = step;
    log->last_done = done;
    log->last_total = total;
    if (step < 8) log->steps_seen[step] = 1;
    return step != log->cancel_step;
}

/* Progress and cancel of the long calls: the answers with a callback equal those without, every
 * step reports its start and end, and a cancel at any step returns CANCELLED with no output. */
static void test_progress(void) {
    size_t len = 0;
    char *doc = read_vector_file("registries/basic.json", &len);
    progress_log log = {.in_order = 1, .cancel_step = 8};
    wijknet_registry *reg = NULL;
    CHECK_RC(wijknet_registry_from_json_progress(doc, len, record_progress, &log, &reg), WIJKNET_RESULT_OK);
    CHECK(reg != NULL, "registry loaded with progress");
    CHECK(log.in_order, "reports in order");
    CHECK(log.steps_seen[WIJKNET_PROGRESS_STEP_READ] && log.steps_seen[WIJKNET_PROGRESS_STEP_CHECK] &&
              log.steps_seen[WIJKNET_PROGRESS_STEP_INDEX],
          "read, check and index reported");
    CHECK(log.reports == 6, "three whole steps: a start and an end each, got %d", log.reports);
    CHECK(log.last_step == WIJKNET_PROGRESS_STEP_INDEX && log.last_done == log.last_total, "ends with index done");
    char *teams = NULL, *teams_plain = NULL;
    size_t teams_len = 0;
    wijknet_registry *plain = load_registry("registries/basic.json");
    CHECK_RC(wijknet_registry_teams_json(reg, NULL, 0, &teams, &teams_len), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_teams_json(plain, NULL, 0, &teams_plain, &teams_len), WIJKNET_RESULT_OK);
    CHECK(teams && teams_plain && strcmp(teams, teams_plain) == 0, "same registry with and without progress");
    wijknet_string_free(teams);
    wijknet_string_free(teams_plain);
    wijknet_registry_free(plain);
    wijknet_registry_free(reg);
    for (uint32_t step = WIJKNET_PROGRESS_STEP_READ; step <= WIJKNET_PROGRESS_STEP_INDEX; step++) {
        progress_log c = {.in_order = 1, .cancel_step = step};
        wijknet_registry *untouched = (wijknet_registry *)&c; /* must stay as it is */
        CHECK_RC(wijknet_registry_from_json_progress(doc, len, record_progress, &c, &untouched),
                 WIJKNET_RESULT_CANCELLED);
        CHECK(untouched == (wijknet_registry *)&c, "cancelled at step %u: no registry written", step);
        CHECK(c.last_step == step && c.last_done == 0, "cancelled at the start of step %u", step);
    }
    CHECK_RC(wijknet_registry_from_json_progress(doc, len, NULL, NULL, &reg), WIJKNET_RESULT_OK);
    wijknet_registry_free(reg);
    CHECK_RC(wijknet_registry_from_json_progress(NULL, 0, NULL, NULL, &reg), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_from_json_progress(doc, len, NULL, NULL, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    free(doc);

    /* a consent store: read (bytes), then index (records); the same store with or without */
    size_t store_len = 0;
    char *store_doc = read_vector_file("../../examples/data/twente.consent.json", &store_len);
    progress_log sl = {.in_order = 1, .cancel_step = 8};
    wijknet_consent_store *store = NULL, *plain_store = NULL;
    CHECK_RC(wijknet_consent_store_from_json_progress(store_doc, store_len, record_progress, &sl, &store),
             WIJKNET_RESULT_OK);
    CHECK(sl.in_order && sl.reports == 4, "two whole steps, a start and an end each, got %d", sl.reports);
    CHECK(sl.steps_seen[WIJKNET_PROGRESS_STEP_READ] && sl.steps_seen[WIJKNET_PROGRESS_STEP_INDEX] &&
              !sl.steps_seen[WIJKNET_PROGRESS_STEP_CHECK],
          "consent store: read and index reported");
    CHECK(sl.last_step == WIJKNET_PROGRESS_STEP_INDEX && sl.last_done == sl.last_total && sl.last_total > 0,
          "ends with index done");
    CHECK_RC(wijknet_consent_store_from_json(store_doc, store_len, &plain_store), WIJKNET_RESULT_OK);
    char *sj = NULL, *pj = NULL;
    size_t sj_len = 0;
    CHECK_RC(wijknet_consent_store_to_json(store, &sj, &sj_len), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_store_to_json(plain_store, &pj, &sj_len), WIJKNET_RESULT_OK);
    CHECK(sj && pj && strcmp(sj, pj) == 0, "same consent store with and without progress");
    wijknet_string_free(sj);
    wijknet_string_free(pj);
    wijknet_consent_store_free(plain_store);
    wijknet_consent_store_free(store);
    for (uint32_t step = WIJKNET_PROGRESS_STEP_READ; step <= WIJKNET_PROGRESS_STEP_INDEX; step += 2) {
        progress_log c = {.in_order = 1, .cancel_step = step};
        wijknet_consent_store *untouched = (wijknet_consent_store *)&c;
        CHECK_RC(wijknet_consent_store_from_json_progress(store_doc, store_len, record_progress, &c, &untouched),
                 WIJKNET_RESULT_CANCELLED);
        CHECK(untouched == (wijknet_consent_store *)&c, "consent store cancelled at step %u: nothing written", step);
    }
    CHECK_RC(wijknet_consent_store_from_json_progress(NULL, 0, NULL, NULL, &store), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_from_json_progress(store_doc, store_len, NULL, NULL, NULL),
             WIJKNET_RESULT_NULL_ARGUMENT);
    free(store_doc);

    /* a FHIR directory: read (bytes), check (entries), index (resources); the same registry */
    {
        wijknet_registry *region = load_registry("registries/basic.json");
        char *fhir = NULL, *a = NULL, *b = NULL;
        size_t fhir_len = 0, a_len = 0, b_len = 0;
        CHECK_RC(wijknet_registry_to_fhir(region, WIJKNET_FHIR_BUNDLE_COLLECTION, &fhir, &fhir_len), WIJKNET_RESULT_OK);
        progress_log fl = {.in_order = 1, .cancel_step = 8};
        wijknet_fhir_directory *dir = NULL;
        wijknet_registry *from_dir = NULL;
        CHECK_RC(wijknet_fhir_directory_from_json_progress(fhir, fhir_len, record_progress, &fl, &dir),
                 WIJKNET_RESULT_OK);
        CHECK(fl.in_order && fl.reports == 6, "FHIR directory: three whole steps, got %d reports", fl.reports);
        CHECK(fl.steps_seen[WIJKNET_PROGRESS_STEP_READ] && fl.steps_seen[WIJKNET_PROGRESS_STEP_CHECK] &&
                  fl.steps_seen[WIJKNET_PROGRESS_STEP_INDEX],
              "FHIR directory: read, check and index reported");
        CHECK(fl.last_step == WIJKNET_PROGRESS_STEP_INDEX && fl.last_done == fl.last_total && fl.last_total > 0,
              "FHIR directory: ends with index done");
        CHECK_RC(wijknet_fhir_directory_registry(dir, &from_dir), WIJKNET_RESULT_OK);
        CHECK_RC(wijknet_registry_to_json(region, &a, &a_len), WIJKNET_RESULT_OK);
        CHECK_RC(wijknet_registry_to_json(from_dir, &b, &b_len), WIJKNET_RESULT_OK);
        CHECK(a && b && strcmp(a, b) == 0, "FHIR directory read with progress gives the registry back");
        wijknet_string_free(a);
        wijknet_string_free(b);
        wijknet_registry_free(from_dir);
        wijknet_fhir_directory_free(dir);
        for (uint32_t step = WIJKNET_PROGRESS_STEP_READ; step <= WIJKNET_PROGRESS_STEP_INDEX; step++) {
            progress_log c = {.in_order = 1, .cancel_step = step};
            wijknet_fhir_directory *untouched = (wijknet_fhir_directory *)&c;
            CHECK_RC(wijknet_fhir_directory_from_json_progress(fhir, fhir_len, record_progress, &c, &untouched),
                     WIJKNET_RESULT_CANCELLED);
            CHECK(untouched == (wijknet_fhir_directory *)&c, "FHIR directory cancelled at step %u: nothing written",
                  step);
            CHECK(c.last_step == step && c.last_done == 0, "FHIR directory cancelled at the start of step %u", step);
        }
        CHECK_RC(wijknet_fhir_directory_from_json_progress(NULL, 0, NULL, NULL, &dir), WIJKNET_RESULT_NULL_ARGUMENT);
        CHECK_RC(wijknet_fhir_directory_from_json_progress(fhir, fhir_len, NULL, NULL, NULL),
                 WIJKNET_RESULT_NULL_ARGUMENT);
        wijknet_string_free(fhir);
        wijknet_registry_free(region);
    }

    /* events: read + check, then replay */
    char *path = vector_path("referral/escalation_and_outcomes.json");
    char *text = read_file(path, NULL);
    free(path);
    cJSON *v = cJSON_Parse(text);
    free(text);
    char *events_doc = print(cJSON_GetObjectItemCaseSensitive(v, "events"));
    progress_log elog = {.in_order = 1, .cancel_step = 8};
    wijknet_referral_events *events = NULL;
    CHECK_RC(wijknet_referral_events_from_json_progress(events_doc, strlen(events_doc), record_progress, &elog, &events),
             WIJKNET_RESULT_OK);
    size_t n = 0;
    CHECK_RC(wijknet_referral_events_count(events, &n), WIJKNET_RESULT_OK);
    CHECK(elog.in_order && elog.steps_seen[WIJKNET_PROGRESS_STEP_READ] && elog.steps_seen[WIJKNET_PROGRESS_STEP_CHECK],
          "events: read and check reported");
    CHECK(elog.last_step == WIJKNET_PROGRESS_STEP_CHECK && elog.last_done == n && elog.last_total == n,
          "check ends at the event count %zu", n);
    progress_log rlog = {.in_order = 1, .cancel_step = 8};
    wijknet_referral_book *book = NULL, *by_apply = NULL;
    CHECK_RC(wijknet_referral_book_replay(events, record_progress, &rlog, &book), WIJKNET_RESULT_OK);
    CHECK(rlog.in_order && rlog.last_step == WIJKNET_PROGRESS_STEP_REPLAY && rlog.last_done == n,
          "replay reports up to every event");
    CHECK(rlog.reports == (int)n + 1, "a small replay reports its start and every event: %d for %zu", rlog.reports, n);
    CHECK_RC(wijknet_referral_book_new(&by_apply), WIJKNET_RESULT_OK);
    for (size_t i = 0; i < n; i++) CHECK_RC(wijknet_referral_book_apply(by_apply, events, i), WIJKNET_RESULT_OK);
    char *a = NULL, *b = NULL;
    size_t alen = 0;
    CHECK_RC(wijknet_referral_book_summaries_json(book, &a, &alen), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_summaries_json(by_apply, &b, &alen), WIJKNET_RESULT_OK);
    CHECK(a && b && strcmp(a, b) == 0, "replay with progress = applying one by one");
    wijknet_string_free(a);
    wijknet_string_free(b);
    wijknet_referral_book_free(book);
    wijknet_referral_book_free(by_apply);
    progress_log cancel = {.in_order = 1, .cancel_step = WIJKNET_PROGRESS_STEP_REPLAY};
    book = NULL;
    CHECK_RC(wijknet_referral_book_replay(events, record_progress, &cancel, &book), WIJKNET_RESULT_CANCELLED);
    CHECK(book == NULL, "cancelled replay writes no book");
    wijknet_str code = wijknet_last_error_code_name();
    CHECK(str_eq(code, "cancelled"), "error code name is cancelled");
    CHECK_RC(wijknet_referral_book_replay(NULL, NULL, NULL, &book), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_replay(events, NULL, NULL, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_referral_book_replay(events, NULL, NULL, &book), WIJKNET_RESULT_OK);
    wijknet_referral_book_free(book);
    progress_log ccheck = {.in_order = 1, .cancel_step = WIJKNET_PROGRESS_STEP_CHECK};
    wijknet_referral_events *none = NULL;
    CHECK_RC(wijknet_referral_events_from_json_progress(events_doc, strlen(events_doc), record_progress, &ccheck, &none),
             WIJKNET_RESULT_CANCELLED);
    CHECK(none == NULL, "cancelled read writes no events");
    wijknet_referral_events_free(events);
    cJSON_free(events_doc);
    cJSON_Delete(v);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_referral_api();
    test_referral_events_clone();
    test_progress();
    run_vectors("referral", 7, run_referral_case);
    return test_finish();
}
