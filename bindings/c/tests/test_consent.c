/*
 * C API tests: consent-aware data sharing.
 *
 * Covers loading a consent store (every error code), export round trip, the data version,
 * decisions as JSON (with and without trace) and the typed fast path with every error path,
 * what agreements add to a decision, wijknet_consent_store_clone, and every conformance vector
 * in tests/vectors/consent (loading errors by problem path and never with personal data; each
 * decision as JSON, with trace, and typed).
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_consent VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

/* Builds the typed query of a consent request JSON; returns 0 when the request uses something
 * the typed path does not carry (data-sharing agreements). */
static int typed_query(const cJSON *req, const char *at, wijknet_consent_request *q, wijknet_str *rel, size_t rel_cap) {
    const cJSON *agreements = cJSON_GetObjectItemCaseSensitive(req, "agreements");
    if (cJSON_GetArraySize(agreements) > 0) return 0;
    memset(q, 0, sizeof *q);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(req, "discloser"), *r = cJSON_GetObjectItemCaseSensitive(req, "recipient");
#define S(obj, key) ((wijknet_str){cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring, strlen(cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring)})
    q->client = S(req, "client");
    q->discloser = S(d, "organisation");
    q->discloser_role = (uint32_t)code_of(WIJKNET_CODE_KIND_RECIPIENT_ROLE, cJSON_GetObjectItemCaseSensitive(d, "role"));
    /* A recipient named by its role only: {NULL, 0}. */
    if (cJSON_GetObjectItemCaseSensitive(r, "organisation")) q->recipient = S(r, "organisation");
    q->recipient_role = (uint32_t)code_of(WIJKNET_CODE_KIND_RECIPIENT_ROLE, cJSON_GetObjectItemCaseSensitive(r, "role"));
#undef S
    const cJSON *dk = cJSON_GetObjectItemCaseSensitive(d, "kind"), *rk = cJSON_GetObjectItemCaseSensitive(r, "kind");
    if (dk) {
        q->discloser_kind_given = true;
        q->discloser_kind = (uint32_t)code_of(WIJKNET_CODE_KIND_ORGANISATION_KIND, dk);
    }
    if (rk) {
        q->recipient_kind_given = true;
        q->recipient_kind = (uint32_t)code_of(WIJKNET_CODE_KIND_ORGANISATION_KIND, rk);
    }
    q->purpose = (uint32_t)code_of(WIJKNET_CODE_KIND_PURPOSE, cJSON_GetObjectItemCaseSensitive(req, "purpose"));
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(req, "categories")) {
        q->categories |= 1u << code_of(WIJKNET_CODE_KIND_DATA_CATEGORY, c);
    }
    const cJSON *channel = cJSON_GetObjectItemCaseSensitive(req, "channel");
    q->channel = channel ? (uint32_t)code_of(WIJKNET_CODE_KIND_CONSENT_CHANNEL, channel) : WIJKNET_CONSENT_CHANNEL_DIRECT;
    const cJSON *policy = cJSON_GetObjectItemCaseSensitive(req, "policy");
    q->policy = policy ? (uint32_t)code_of(WIJKNET_CODE_KIND_COMBINING_POLICY, policy)
                       : WIJKNET_COMBINING_POLICY_MOST_SPECIFIC_WINS;
    const cJSON *em = cJSON_GetObjectItemCaseSensitive(req, "emergency");
    if (em && !cJSON_IsNull(em)) {
        q->emergency = true;
        q->emergency_reason =
            (uint32_t)code_of(WIJKNET_CODE_KIND_EMERGENCY_REASON, cJSON_GetObjectItemCaseSensitive(em, "reason"));
    }
    const cJSON *form = cJSON_GetObjectItemCaseSensitive(req, "data_form");
    if (form && !cJSON_IsNull(form)) {
        q->data_form_given = true;
        q->data_form = (uint32_t)code_of(WIJKNET_CODE_KIND_DATA_FORM, form);
    }
    size_t n = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(req, "treatment_relationships")) {
        if (n < rel_cap) rel[n++] = (wijknet_str){c->valuestring, strlen(c->valuestring)};
    }
    q->treatment_relationships = n ? rel : NULL;
    q->treatment_relationship_count = n;
    q->at_unix_seconds = parse_instant(at);
    return 1;
}

/* The typed answer says what the decision JSON says, category by category. */
static void check_typed_consent(const char *name, const wijknet_consent_answer *a, const cJSON *decision) {
    uint32_t permit = 0, deny = 0, none = 0;
    const cJSON *c;
    CHECK(a->who_decides == (uint32_t)code_of(WIJKNET_CODE_KIND_WHO_DECIDES,
                                              cJSON_GetObjectItemCaseSensitive(decision, "who_decides")),
          "%s: typed who_decides", name);
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(decision, "categories")) {
        int cat = code_of(WIJKNET_CODE_KIND_DATA_CATEGORY, cJSON_GetObjectItemCaseSensitive(c, "category"));
        int outcome = code_of(WIJKNET_CODE_KIND_CONSENT_OUTCOME, cJSON_GetObjectItemCaseSensitive(c, "outcome"));
        if (outcome == WIJKNET_CONSENT_OUTCOME_PERMIT) permit |= 1u << cat;
        if (outcome == WIJKNET_CONSENT_OUTCOME_DENY) deny |= 1u << cat;
        if (outcome == WIJKNET_CONSENT_OUTCOME_NO_APPLICABLE_CONSENT) none |= 1u << cat;
        CHECK(a->basis[cat] == code_of(WIJKNET_CODE_KIND_CONSENT_BASIS, cJSON_GetObjectItemCaseSensitive(c, "basis")),
              "%s: typed basis of category %d", name, cat);
        uint32_t obligations = 0;
        const cJSON *o;
        cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(c, "obligations")) {
            obligations |= 1u << code_of(WIJKNET_CODE_KIND_OBLIGATION, o);
        }
        CHECK(a->obligations[cat] == obligations, "%s: typed obligations of category %d", name, cat);
    }
    CHECK(a->permitted == permit && a->denied == deny && a->no_applicable_consent == none,
          "%s: typed outcome bits %x/%x/%x vs %x/%x/%x", name, a->permitted, a->denied, a->no_applicable_consent,
          permit, deny, none);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void run_consent_case(const char *name, const cJSON *v) {
    char *store_text = print(cJSON_GetObjectItemCaseSensitive(v, "store"));
    wijknet_consent_store *store = NULL;
    wijknet_result rc = wijknet_consent_store_from_json(store_text, strlen(store_text), &store);
    cJSON_free(store_text);
    const cJSON *expected_error = cJSON_GetObjectItemCaseSensitive(v, "expected_error");
    if (expected_error) {
        CHECK(rc != WIJKNET_RESULT_OK, "%s: store loaded but an error was expected", name);
        if (rc == WIJKNET_RESULT_OK) {
            wijknet_consent_store_free(store);
            return;
        }
        CHECK(str_eq(wijknet_last_error_code_name(),
                     cJSON_GetObjectItemCaseSensitive(expected_error, "code")->valuestring),
              "%s: error code", name);
        /* the set of problem paths equals `paths` */
        const cJSON *paths = cJSON_GetObjectItemCaseSensitive(expected_error, "paths");
        size_t n = wijknet_last_error_problem_count(), m = (size_t)cJSON_GetArraySize(paths);
        char **got = calloc(n + 1, sizeof *got), **want = calloc(m + 1, sizeof *want);
        size_t ng = 0, nw = 0;
        for (size_t i = 0; i < n; i++) {
            wijknet_str p, r;
            wijknet_last_error_problem(i, &p, &r);
            int dup = 0;
            for (size_t k = 0; k < ng; k++) dup |= str_eq(p, got[k]);
            if (!dup) got[ng++] = strndup(p.ptr, p.len);
        }
        const cJSON *p;
        cJSON_ArrayForEach(p, paths) { want[nw++] = strdup(p->valuestring); }
        qsort(got, ng, sizeof *got, cmp_str);
        qsort(want, nw, sizeof *want, cmp_str);
        int same = ng == nw;
        for (size_t i = 0; same && i < ng; i++) same = strcmp(got[i], want[i]) == 0;
        CHECK(same, "%s: problem paths differ (%zu vs %zu)", name, ng, nw);
        const cJSON *s;
        wijknet_str all = wijknet_last_error_json();
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(expected_error, "must_not_contain")) {
            CHECK(!str_contains(all, s->valuestring), "%s: error text contains %s", name, s->valuestring);
        }
        for (size_t i = 0; i < ng; i++) free(got[i]);
        for (size_t i = 0; i < nw; i++) free(want[i]);
        free(got);
        free(want);
        return;
    }
    CHECK(rc == WIJKNET_RESULT_OK, "%s: store loads", name);
    if (rc != WIJKNET_RESULT_OK) return;
    const cJSON *request = cJSON_GetObjectItemCaseSensitive(v, "request");
    const char *at = cJSON_GetObjectItemCaseSensitive(v, "at")->valuestring;
    char *req = print(request);
    char *plain = NULL, *traced = NULL;
    size_t len;
    CHECK_RC(wijknet_consent_decide_json(store, NULL, req, strlen(req), at, strlen(at), false, &plain, &len),
             WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_decide_json(store, NULL, req, strlen(req), at, strlen(at), true, &traced, &len),
             WIJKNET_RESULT_OK);
    cJSON *a = cJSON_Parse(plain ? plain : "{}"), *b = cJSON_Parse(traced ? traced : "{}");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(a, "decision");
    CHECK(cJSON_Compare(decision, cJSON_GetObjectItemCaseSensitive(v, "expected"), true), "vector %s: decision differs: %s",
          name, plain ? plain : "(none)");
    CHECK(cJSON_Compare(decision, cJSON_GetObjectItemCaseSensitive(b, "decision"), true),
          "%s: decide and decide_with_trace disagree", name);
    CHECK(cJSON_GetObjectItemCaseSensitive(b, "trace") != NULL && cJSON_GetObjectItemCaseSensitive(a, "trace") == NULL,
          "%s: trace only when asked", name);
    const cJSON *et = cJSON_GetObjectItemCaseSensitive(v, "expected_trace");
    if (et) {
        /* Why each record did or did not apply: {id: reason} against the trace's records. */
        const cJSON *records = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(b, "trace"), "records");
        CHECK(cJSON_GetArraySize(records) == cJSON_GetArraySize(et), "%s: %d trace records, expected %d", name,
              cJSON_GetArraySize(records), cJSON_GetArraySize(et));
        const cJSON *rec;
        cJSON_ArrayForEach(rec, records) {
            const cJSON *want = cJSON_GetObjectItemCaseSensitive(et, cJSON_GetObjectItemCaseSensitive(rec, "id")->valuestring);
            CHECK(want && cJSON_Compare(want, cJSON_GetObjectItemCaseSensitive(rec, "reason"), true), "%s: trace reason of %s",
                  name, cJSON_GetObjectItemCaseSensitive(rec, "id")->valuestring);
        }
    }
    const cJSON *ea = cJSON_GetObjectItemCaseSensitive(v, "expected_audit");
    if (ea) {
        const char *keys[] = {"decision_id", "inputs_hash", "data_version"};
        for (int k = 0; k < 3; k++)
            CHECK(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "audit"), keys[k]),
                                cJSON_GetObjectItemCaseSensitive(ea, keys[k]), true),
                  "%s: audit %s", name, keys[k]);
    }
    wijknet_consent_request q;
    wijknet_str rel[16];
    if (typed_query(request, at, &q, rel, 16)) {
        wijknet_consent_answer ans;
        CHECK_RC(wijknet_consent_check(store, NULL, &q, &ans), WIJKNET_RESULT_OK);
        check_typed_consent(name, &ans, decision);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    wijknet_string_free(plain);
    wijknet_string_free(traced);
    cJSON_free(req);
    wijknet_consent_store_free(store);
}

static void test_consent_api(void) {
    char *text = read_vector_file("consent/01_social_worker_informs_gp.json", NULL);
    cJSON *v = cJSON_Parse(text);
    free(text);
    char *store_text = print(cJSON_GetObjectItemCaseSensitive(v, "store"));
    char *req = print(cJSON_GetObjectItemCaseSensitive(v, "request"));
    const char *at = cJSON_GetObjectItemCaseSensitive(v, "at")->valuestring;
    wijknet_consent_store *sentinel = (wijknet_consent_store *)(void *)&passed, *s = sentinel;
    CHECK_RC(wijknet_consent_store_from_json(NULL, 1, &s), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_from_json(store_text, strlen(store_text), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_from_json("\xff", 1, &s), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_consent_store_from_json(store_text, 10, &s), WIJKNET_RESULT_JSON);
    const char other[] = "{\"schema\":\"wijknet.registry/v1\"}";
    CHECK_RC(wijknet_consent_store_from_json(other, strlen(other), &s), WIJKNET_RESULT_SCHEMA);
    CHECK(s == sentinel, "out_store untouched");
    CHECK_RC(wijknet_consent_store_from_json(store_text, strlen(store_text), &s), WIJKNET_RESULT_OK);

    char *json = NULL, *json2 = NULL;
    size_t len, len2;
    CHECK_RC(wijknet_consent_store_to_json(s, &json, &len), WIJKNET_RESULT_OK);
    wijknet_consent_store *s2 = NULL;
    CHECK_RC(wijknet_consent_store_from_json(json, len, &s2), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_store_to_json(s2, &json2, &len2), WIJKNET_RESULT_OK);
    CHECK(json2 && strcmp(json, json2) == 0, "consent store export round trip");
    wijknet_string_free(json);
    wijknet_string_free(json2);
    wijknet_consent_store_free(s2);
    CHECK_RC(wijknet_consent_store_to_json(NULL, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_to_json(s, NULL, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_to_json(s, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_str version = {NULL, 0};
    CHECK_RC(wijknet_consent_store_version(s, &version), WIJKNET_RESULT_OK);
    CHECK(version.ptr != NULL, "store version");
    CHECK_RC(wijknet_consent_store_version(NULL, &version), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_version(s, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    json = NULL;
    CHECK_RC(wijknet_consent_decide_json(NULL, NULL, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, NULL, 0, at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), NULL, 0, false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), at, strlen(at), false, NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), at, strlen(at), false, &json, NULL),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), "yesterday", 9, false, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, "{\"client\":", 10, at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), "\xc3", 1, false, &json, &len),
             WIJKNET_RESULT_INVALID_UTF8);
    CHECK(json == NULL, "out_json untouched");

    wijknet_consent_request q;
    wijknet_str rel[4];
    typed_query(cJSON_GetObjectItemCaseSensitive(v, "request"), at, &q, rel, 4);
    wijknet_consent_answer ans, untouched;
    memset(&untouched, 0xAB, sizeof untouched);
    ans = untouched;
    CHECK_RC(wijknet_consent_check(NULL, NULL, &q, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, NULL, NULL, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, NULL, &q, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_consent_request bad = q;
    bad.client.ptr = NULL;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    bad = q;
    bad.client = (wijknet_str){"\xff\xfe", 2};
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_UTF8);
    bad = q;
    bad.client = (wijknet_str){"nobody-here", 11};
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_NOT_FOUND);
    bad = q;
    bad.recipient_role = 99;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.purpose = 1000;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.categories = 1u << 30;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.categories = 0;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID);
    bad = q;
    bad.treatment_relationships = NULL;
    bad.treatment_relationship_count = 2;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    bad = q;
    bad.emergency = true;
    bad.emergency_reason = 17;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.data_form_given = true;
    bad.data_form = 3; /* one past WIJKNET_DATA_FORM_AGGREGATED */
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad.data_form_given = false; /* not read when not given */
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_OK);
    ans = untouched;
    bad = q;
    bad.at_unix_seconds = INT64_MAX;
    CHECK_RC(wijknet_consent_check(s, NULL, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(memcmp(&ans, &untouched, sizeof ans) == 0, "out_answer untouched on every failure");
    CHECK_RC(wijknet_consent_check(s, NULL, &q, &ans), WIJKNET_RESULT_OK);
    CHECK((ans.permitted | ans.denied | ans.no_applicable_consent) == q.categories, "every asked category answered");

    wijknet_consent_store_free(s);
    wijknet_consent_store_free(NULL);
    cJSON_free(store_text);
    cJSON_free(req);
    cJSON_Delete(v);
}

/* Agreements feed the consent decision: case-team organisations count as treatment
 * relationships and data-sharing agreements are a basis. */
static void test_consent_with_agreements(void) {
    wijknet_registry *r = load_registry("registries/region.json");
    wijknet_agreements *a = load_agreements(r, "registries/region.agreements.json");

    /* client-0001 has a case-coordination agreement (p1 coordinates, p4 and the GP are members)
     * and p1..p4 share nursing plans for direct care: without the agreements nothing permits
     * p1 to share the nursing plan with p4, with them it is permitted. */
    const char store_json[] = "{\"schema\": \"wijknet.consent/v1\", \"version\": \"t\", \"clients\": [{\"id\": "
                              "\"client-0001\", \"date_of_birth\": \"1940-01-01\", \"can_decide\": true}], "
                              "\"consents\": [], \"objections\": []}";
    wijknet_consent_store *s = NULL;
    CHECK_RC(wijknet_consent_store_from_json(store_json, strlen(store_json), &s), WIJKNET_RESULT_OK);
    wijknet_consent_request q;
    memset(&q, 0, sizeof q);
    q.client = (wijknet_str){"client-0001", 11};
    q.discloser = (wijknet_str){"p1", 2};
    q.discloser_role = WIJKNET_RECIPIENT_ROLE_HOME_CARE_PROVIDER;
    q.recipient = (wijknet_str){"p4", 2};
    q.recipient_role = WIJKNET_RECIPIENT_ROLE_HOME_CARE_PROVIDER;
    q.purpose = WIJKNET_PURPOSE_DIRECT_CARE;
    q.categories = 1u << WIJKNET_DATA_CATEGORY_NURSING_PLAN_REPORTS;
    q.at_unix_seconds = NOW;
    wijknet_consent_answer plain, with;
    CHECK_RC(wijknet_consent_check(s, NULL, &q, &plain), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_check(s, a, &q, &with), WIJKNET_RESULT_OK);
    CHECK(plain.permitted == 0, "no basis without the agreements");
    CHECK(with.permitted == q.categories, "the agreements give a basis");
    /* NULL agreements is not an error: it is the query as it is (`plain`) */
    CHECK_RC(wijknet_consent_check(NULL, a, &q, &with), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, a, NULL, &with), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, a, &q, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    const char req[] = "{\"client\": \"client-0001\", \"discloser\": {\"organisation\": \"p1\", \"role\": "
                       "\"home_care_provider\"}, \"recipient\": {\"organisation\": \"p4\", \"role\": "
                       "\"home_care_provider\"}, \"purpose\": \"direct_care\", \"categories\": [\"nursing_plan_reports\"]}";
    const char at[] = "2026-11-22T10:00:00Z";
    char *json = NULL;
    size_t len;
    CHECK_RC(wijknet_consent_decide_json(s, a, req, strlen(req), at, strlen(at), true, &json, &len),
             WIJKNET_RESULT_OK);
    cJSON *d = cJSON_Parse(json);
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(d, "decision");
    check_typed_consent("decide_json with agreements", &with, decision);
    cJSON_Delete(d);
    wijknet_string_free(json);
    json = NULL;
    /* NULL agreements: decided as the request is, as the typed check without them */
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_OK);
    d = cJSON_Parse(json);
    check_typed_consent("decide_json without agreements", &plain, cJSON_GetObjectItemCaseSensitive(d, "decision"));
    cJSON_Delete(d);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_consent_decide_json(NULL, a, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, a, req, strlen(req), "soon", 4, false, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_json(s, a, req, strlen(req), at, strlen(at), false, NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(json == NULL, "out_json untouched");
    wijknet_consent_store_free(s);
    wijknet_agreements_free(a);
    wijknet_registry_free(r);
}

/* A clone of a consent store is another pointer to the same store; either may be freed first. */
static void test_consent_store_clone(void) {
    char *text = read_vector_file("consent/01_social_worker_informs_gp.json", NULL);
    cJSON *v = cJSON_Parse(text);
    free(text);
    char *store_text = print(cJSON_GetObjectItemCaseSensitive(v, "store"));
    char *req = print(cJSON_GetObjectItemCaseSensitive(v, "request"));
    const char *at = cJSON_GetObjectItemCaseSensitive(v, "at")->valuestring;
    wijknet_consent_store *s = NULL, *sentinel = (wijknet_consent_store *)(void *)&passed, *c = sentinel;
    CHECK_RC(wijknet_consent_store_from_json(store_text, strlen(store_text), &s), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_store_clone(NULL, &c), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_store_clone(s, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(c == sentinel, "out_clone untouched on failure");
    char *want = NULL, *got = NULL;
    size_t len;
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), at, strlen(at), false, &want, &len),
             WIJKNET_RESULT_OK);
    wijknet_str version = {NULL, 0};
    CHECK_RC(wijknet_consent_store_version(s, &version), WIJKNET_RESULT_OK);
    char *version_text = strndup(version.ptr, version.len);

    /* the clone freed first */
    CHECK_RC(wijknet_consent_store_clone(s, &c), WIJKNET_RESULT_OK);
    CHECK(c != NULL && c != sentinel && c != s, "a clone is another pointer");
    CHECK_RC(wijknet_consent_decide_json(c, NULL, req, strlen(req), at, strlen(at), false, &got, &len),
             WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "a clone decides as the original");
    wijknet_string_free(got);
    got = NULL;
    wijknet_consent_store_free(c);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, req, strlen(req), at, strlen(at), false, &got, &len),
             WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "the original outlives its clone");
    wijknet_string_free(got);
    got = NULL;

    /* the original freed first: the clone decides, typed and as JSON */
    CHECK_RC(wijknet_consent_store_clone(s, &c), WIJKNET_RESULT_OK);
    wijknet_consent_store_free(s);
    CHECK_RC(wijknet_consent_store_version(c, &version), WIJKNET_RESULT_OK);
    CHECK(str_eq(version, version_text), "the version read through the clone");
    CHECK_RC(wijknet_consent_decide_json(c, NULL, req, strlen(req), at, strlen(at), false, &got, &len),
             WIJKNET_RESULT_OK);
    CHECK(got && strcmp(got, want) == 0, "the clone decides as before after the original was freed");
    wijknet_consent_request q;
    wijknet_str rel[4];
    if (typed_query(cJSON_GetObjectItemCaseSensitive(v, "request"), at, &q, rel, 4)) {
        wijknet_consent_answer ans;
        CHECK_RC(wijknet_consent_check(c, NULL, &q, &ans), WIJKNET_RESULT_OK);
        cJSON *d = cJSON_Parse(want);
        check_typed_consent("clone of a consent store", &ans, cJSON_GetObjectItemCaseSensitive(d, "decision"));
        cJSON_Delete(d);
    }
    wijknet_string_free(got);
    wijknet_string_free(want);
    free(version_text);
    wijknet_consent_store_free(c);
    cJSON_free(store_text);
    cJSON_free(req);
    cJSON_Delete(v);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_consent_api();
    test_consent_with_agreements();
    test_consent_store_clone();
    run_vectors("consent", 13, run_consent_case);
    return test_finish();
}
