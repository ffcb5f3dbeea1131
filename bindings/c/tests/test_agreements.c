/*
 * C API tests: collaboration agreements.
 *
 * Covers loading against a registry (every error code), export round trip, on-call questions,
 * agreement checks, delegated mandates, the escalation policy of a coordination point, every
 * error path of those, agreements outliving their registry, wijknet_agreements_clone, and every
 * conformance vector in tests/vectors/agreements (matching with agreements cross-checks the
 * typed result against the JSON answer).
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_agreements VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

static char *document_text(const cJSON *v, size_t *len) {
    if (cJSON_IsString(v)) return read_vector_file(v->valuestring, len);
    char *p = print(v);
    char *copy = strdup(p);
    cJSON_free(p);
    *len = strlen(copy);
    return copy;
}

static void run_agreements_case(const char *name, const cJSON *c) {
    size_t len;
    char *text = document_text(cJSON_GetObjectItemCaseSensitive(c, "registry"), &len);
    wijknet_registry *reg = NULL;
    wijknet_agreements *agr = NULL;
    char *json = NULL;
    size_t json_len = 0;
    wijknet_result rc = wijknet_registry_from_json(text, len, &reg);
    free(text);
    if (rc == WIJKNET_RESULT_OK) {
        text = document_text(cJSON_GetObjectItemCaseSensitive(c, "agreements"), &len);
        rc = wijknet_agreements_from_json(reg, text, len, &agr);
        free(text);
    }
    const char *op = cJSON_GetObjectItemCaseSensitive(c, "operation")->valuestring;
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(c, "input");
#define IN(k) (cJSON_GetObjectItemCaseSensitive(in, k)->valuestring)
    if (rc == WIJKNET_RESULT_OK) {
        if (strcmp(op, "load") == 0) {
            json = strdup("{}");
        } else if (strcmp(op, "match") == 0) {
            const cJSON *opts = cJSON_GetObjectItemCaseSensitive(in, "options");
            char *req = print(cJSON_GetObjectItemCaseSensitive(in, "request"));
            char *opt = print(opts);
            rc = wijknet_match_json(reg, agr, req, strlen(req), opt, strlen(opt), &json, &json_len);
            if (rc == WIJKNET_RESULT_OK) {
                wijknet_match_result *res = NULL;
                const cJSON *stale = cJSON_GetObjectItemCaseSensitive(opts, "stale_after_hours");
                CHECK_RC(wijknet_match(reg, agr, req, strlen(req),
                                       parse_instant(cJSON_GetObjectItemCaseSensitive(opts, "now")->valuestring),
                                       stale ? (uint32_t)stale->valuedouble : 72u, &res),
                         WIJKNET_RESULT_OK);
                char *again = NULL;
                size_t again_len;
                CHECK_RC(wijknet_match_result_to_json(res, &again, &again_len), WIJKNET_RESULT_OK);
                CHECK(again && strcmp(again, json) == 0, "%s: typed and JSON paths differ", name);
                check_typed_against_json(name, res, json);
                wijknet_string_free(again);
                wijknet_match_result_free(res);
            }
            cJSON_free(req);
            cJSON_free(opt);
        } else if (strcmp(op, "on_call") == 0) {
            const cJSON *local = cJSON_GetObjectItemCaseSensitive(in, "at_local");
            int64_t at = 0;
            if (local) {
                /* A Dutch wall-clock time: the host turns it into the instant first. */
                unsigned hour = 99, minute = 99;
                sscanf(cJSON_GetObjectItemCaseSensitive(local, "time")->valuestring, "%u:%u", &hour, &minute);
                const cJSON *occ = cJSON_GetObjectItemCaseSensitive(local, "occurrence");
                uint32_t occurrence = occ ? code_index(WIJKNET_CODE_KIND_OCCURRENCE, occ->valuestring) : 0;
                rc = wijknet_local_instant(parse_date(cJSON_GetObjectItemCaseSensitive(local, "date")->valuestring),
                                           hour, minute, occ ? &occurrence : NULL, &at);
            } else {
                at = parse_instant(IN("at"));
            }
            if (rc == WIJKNET_RESULT_OK)
                rc = wijknet_agreements_on_call(agr, reg, IN("location"), strlen(IN("location")), at, &json,
                                                &json_len);
        } else if (strcmp(op, "check") == 0) {
            rc = wijknet_agreements_check(agr, reg, parse_date(IN("today")),
                                          (uint32_t)cJSON_GetObjectItemCaseSensitive(in, "horizon_days")->valuedouble,
                                          &json, &json_len);
        } else if (strcmp(op, "may_assess") == 0) {
            uint32_t outcome = 99;
            rc = wijknet_agreements_may_assess(agr, IN("provider"), strlen(IN("provider")),
                                               code_index(WIJKNET_CODE_KIND_CARE_TYPE, IN("care_type")),
                                               parse_date(IN("date")), &outcome, &json, &json_len);
            if (rc == WIJKNET_RESULT_OK) {
                cJSON *doc = cJSON_Parse(json);
                CHECK(outcome == code_index(WIJKNET_CODE_KIND_MANDATE_OUTCOME,
                                            cJSON_GetObjectItemCaseSensitive(doc, "outcome")->valuestring),
                      "%s: typed mandate outcome", name);
                cJSON_Delete(doc);
            }
        } else {
            CHECK(0, "%s: unknown operation %s", name, op);
        }
    }
#undef IN
    compare_case(name, c, rc, json);
    if (strcmp(op, "load") == 0)
        free(json);
    else
        wijknet_string_free(json);
    wijknet_agreements_free(agr);
    wijknet_registry_free(reg);
}

/* The local-time call's own contract: outputs only on success, arguments checked. */
static void test_local_instant(void) {
    wijknet_date night = {2026, 10, 25};
    uint32_t first = WIJKNET_OCCURRENCE_FIRST, second = WIJKNET_OCCURRENCE_SECOND, bogus = 7;
    int64_t at = 42;
    CHECK_RC(wijknet_local_instant(night, 2, 30, &first, &at), WIJKNET_RESULT_OK);
    CHECK(at == 1792888200, "first 02:30 is 00:30 UTC: %lld", (long long)at);
    CHECK_RC(wijknet_local_instant(night, 2, 30, &second, &at), WIJKNET_RESULT_OK);
    CHECK(at == 1792888200 + 3600, "second 02:30 is an hour later: %lld", (long long)at);
    at = 42;
    CHECK_RC(wijknet_local_instant(night, 2, 30, NULL, &at), WIJKNET_RESULT_LOCAL_TIME);
    CHECK(at == 42, "no output on failure");
    CHECK(str_eq(wijknet_last_error_code_name(), "local_time"), "code name local_time");
    wijknet_date spring = {2026, 3, 29};
    CHECK_RC(wijknet_local_instant(spring, 2, 30, &first, &at), WIJKNET_RESULT_LOCAL_TIME);
    CHECK_RC(wijknet_local_instant(spring, 3, 0, NULL, &at), WIJKNET_RESULT_OK);
    CHECK(at == 1774746000, "03:00 on 29 March is 01:00 UTC: %lld", (long long)at);
    CHECK_RC(wijknet_local_instant(night, 24, 0, NULL, &at), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_local_instant(night, 2, 30, &bogus, &at), WIJKNET_RESULT_INVALID_ARGUMENT);
    wijknet_date impossible = {2026, 2, 30};
    CHECK_RC(wijknet_local_instant(impossible, 12, 0, NULL, &at), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_local_instant(night, 12, 0, NULL, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
}

static void test_agreements(void) {
    wijknet_registry *r = load_registry("registries/region.json");
    wijknet_agreements *sentinel = (wijknet_agreements *)(void *)&passed, *a = sentinel;
    size_t len;
    char *text = read_vector_file("registries/region.agreements.json", &len);
    CHECK_RC(wijknet_agreements_from_json(NULL, text, len, &a), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_from_json(r, NULL, len, &a), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_from_json(r, text, len, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_from_json(r, text, len / 2, &a), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_agreements_from_json(r, "\"\xc0\xaf\"", 4, &a), WIJKNET_RESULT_INVALID_UTF8);
    const char reg_schema[] = "{\"schema\":\"wijknet.registry/v1\"}";
    CHECK_RC(wijknet_agreements_from_json(r, reg_schema, strlen(reg_schema), &a), WIJKNET_RESULT_SCHEMA);
    CHECK(a == sentinel, "out_agreements untouched");
    CHECK_RC(wijknet_agreements_from_json(r, text, len, &a), WIJKNET_RESULT_OK);
    free(text);

    char *json = NULL, *json2 = NULL;
    size_t jl = 0, jl2 = 0;
    CHECK_RC(wijknet_agreements_to_json(a, &json, &jl), WIJKNET_RESULT_OK);
    wijknet_agreements *a2 = NULL;
    CHECK_RC(wijknet_agreements_from_json(r, json, jl, &a2), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_agreements_to_json(a2, &json2, &jl2), WIJKNET_RESULT_OK);
    CHECK(json2 && strcmp(json, json2) == 0, "agreements export round trip");
    CHECK_RC(wijknet_agreements_to_json(NULL, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_to_json(a, NULL, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_to_json(a, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_string_free(json);
    wijknet_string_free(json2);
    wijknet_agreements_free(a2);
    json = NULL;

    CHECK_RC(wijknet_agreements_on_call(a, r, "7514AB", 6, NOW, &json, &jl), WIJKNET_RESULT_OK);
    cJSON *oc = cJSON_Parse(json);
    CHECK(oc && cJSON_GetObjectItemCaseSensitive(oc, "outcome") != NULL, "on-call answer");
    cJSON_Delete(oc);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_agreements_on_call(a, r, "75", 2, NOW, &json, &jl), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(a, r, "\xff\xff\xff\xff", 4, NOW, &json, &jl), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_agreements_on_call(a, r, "7514", 4, INT64_MIN, &json, &jl), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(NULL, r, "7514", 4, NOW, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(a, NULL, "7514", 4, NOW, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(a, r, NULL, 4, NOW, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(a, r, "7514", 4, NOW, NULL, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_on_call(a, r, "7514", 4, NOW, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    wijknet_date today = {2026, 11, 22}, bad = {2026, 2, 30};
    CHECK_RC(wijknet_agreements_check(a, r, today, 30, &json, &jl), WIJKNET_RESULT_OK);
    cJSON *ch = cJSON_Parse(json);
    CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(ch, "findings")), "findings array");
    cJSON_Delete(ch);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_agreements_check(a, r, bad, 30, &json, &jl), WIJKNET_RESULT_INVALID_ARGUMENT);
    /* says what was expected, never the date given (a date parameter may be a date of birth) */
    CHECK(str_contains(wijknet_last_error_message(), "expected a calendar date") &&
              !str_contains(wijknet_last_error_message(), "2026") && !str_contains(wijknet_last_error_message(), "30"),
          "bad date message");
    CHECK_RC(wijknet_agreements_check(NULL, r, today, 30, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_check(a, NULL, today, 30, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_check(a, r, today, 30, NULL, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_check(a, r, today, 30, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    uint32_t outcome = 77;
    CHECK_RC(wijknet_agreements_may_assess(a, "nobody", 6, WIJKNET_CARE_TYPE_WMO_HOUSEHOLD_HELP, today, &outcome,
                                           &json, &jl),
             WIJKNET_RESULT_OK);
    CHECK(outcome == WIJKNET_MANDATE_OUTCOME_NO_MANDATE, "no mandate for an unknown provider");
    wijknet_string_free(json);
    json = NULL;
    outcome = 77;
    CHECK_RC(wijknet_agreements_may_assess(a, "p1", 2, 13, today, &outcome, &json, &jl),
             WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, "p1", 2, 0, bad, &outcome, &json, &jl), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, "\xfe", 1, 0, today, &outcome, &json, &jl), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_agreements_may_assess(NULL, "p1", 2, 0, today, &outcome, &json, &jl),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, NULL, 2, 0, today, &outcome, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, "p1", 2, 0, today, NULL, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, "p1", 2, 0, today, &outcome, NULL, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_may_assess(a, "p1", 2, 0, today, &outcome, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(outcome == 77 && json == NULL, "outputs untouched on failure");

    wijknet_agreements_free(NULL);
    /* agreements outlive the registry they were loaded against */
    wijknet_registry_free(r);
    wijknet_registry *r2 = load_registry("registries/region.json");
    CHECK_RC(wijknet_agreements_on_call(a, r2, "7514AB", 6, NOW, &json, &jl), WIJKNET_RESULT_OK);
    wijknet_string_free(json);
    wijknet_registry_free(r2);
    wijknet_agreements_free(a);
    wijknet_string_free(NULL);
}

/* The limits of the coordination point in force, which referral escalation checks use. */
static void test_escalation_policy(void) {
    wijknet_registry *r = load_registry("registries/region.json");
    wijknet_agreements *a = load_agreements(r, "registries/region.agreements.json");
    wijknet_date day = {2026, 11, 22}, bad = {2026, 13, 1};
    wijknet_escalation_policy p, untouched;
    memset(&untouched, 0x5A, sizeof untouched);
    p = untouched;
    CHECK_RC(wijknet_agreements_escalation_policy(a, "7511", 4, day, &p), WIJKNET_RESULT_OK);
    CHECK(str_eq(p.accountable, "cp") && p.max_unplaced_acute_secs == 4 * 3600 &&
              p.max_unplaced_non_acute_secs == 72 * 3600 && p.max_declines == 3,
          "the coordination point's limits");
    p = untouched;
    CHECK_RC(wijknet_agreements_escalation_policy(a, "1011AB", 6, day, &p), WIJKNET_RESULT_NOT_FOUND);
    CHECK_RC(wijknet_agreements_escalation_policy(a, "75", 2, day, &p), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_escalation_policy(a, "7511", 4, bad, &p), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_agreements_escalation_policy(a, "\xff", 1, day, &p), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_agreements_escalation_policy(NULL, "7511", 4, day, &p), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_escalation_policy(a, NULL, 4, day, &p), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_escalation_policy(a, "7511", 4, day, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(memcmp(&p, &untouched, sizeof p) == 0, "out_policy untouched on failure");
    wijknet_agreements_free(a);
    wijknet_registry_free(r);
}

/* A clone of agreements is another pointer to the same value; either may be freed first. */
static void test_agreements_clone(void) {
    wijknet_registry *r = load_registry("registries/region.json");
    wijknet_agreements *a = load_agreements(r, "registries/region.agreements.json");
    wijknet_agreements *sentinel = (wijknet_agreements *)(void *)&passed, *c = sentinel;
    CHECK_RC(wijknet_agreements_clone(NULL, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_agreements_clone(a, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(c == sentinel, "out_clone untouched on failure");
    char *want = NULL, *got = NULL;
    size_t len;
    CHECK_RC(wijknet_agreements_to_json(a, &want, &len), WIJKNET_RESULT_OK);

    /* the clone freed first */
    CHECK_RC(wijknet_agreements_clone(a, &c), WIJKNET_RESULT_OK);
    CHECK(c != NULL && c != sentinel && c != a, "a clone is another pointer");
    CHECK_RC(wijknet_agreements_to_json(c, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "a clone has the same agreements");
    wijknet_string_free(got);
    got = NULL;
    wijknet_agreements_free(c);
    CHECK_RC(wijknet_agreements_on_call(a, r, "7514AB", 6, NOW, &got, &len), WIJKNET_RESULT_OK);
    wijknet_string_free(got);
    got = NULL;

    /* the original freed first: the clone answers, and its borrowed texts are its own */
    CHECK_RC(wijknet_agreements_clone(a, &c), WIJKNET_RESULT_OK);
    wijknet_agreements_free(a);
    wijknet_escalation_policy p;
    wijknet_date day = {2026, 11, 22};
    CHECK_RC(wijknet_agreements_escalation_policy(c, "7511", 4, day, &p), WIJKNET_RESULT_OK);
    CHECK(str_eq(p.accountable, "cp"), "a policy read through the clone");
    CHECK_RC(wijknet_match_json(r, c, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &got, &len),
             WIJKNET_RESULT_OK);
    wijknet_string_free(got);
    got = NULL;
    CHECK_RC(wijknet_agreements_to_json(c, &got, &len), WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "the clone has the same agreements after the original was freed");
    wijknet_string_free(got);
    wijknet_string_free(want);
    wijknet_agreements_free(c);
    wijknet_registry_free(r);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_agreements();
    test_local_instant();
    test_escalation_policy();
    test_agreements_clone();
    run_vectors("agreements", 14, run_agreements_case);
    return test_finish();
}
