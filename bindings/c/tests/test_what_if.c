/*
 * C API tests for the what-if replay: every conformance vector in tests/vectors/what_if through
 * wijknet_what_if_json, and the NULL and optional-handle rules of the call.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_what_if VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
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

static wijknet_registry *case_registry(const cJSON *v) {
    size_t len;
    char *text = document_text(v, &len);
    wijknet_registry *reg = NULL;
    CHECK_RC(wijknet_registry_from_json(text, len, &reg), WIJKNET_RESULT_OK);
    free(text);
    return reg;
}

/* NULL for a missing or null document. */
static wijknet_agreements *case_agreements(const wijknet_registry *reg, const cJSON *v) {
    if (v == NULL || cJSON_IsNull(v)) return NULL;
    size_t len;
    char *text = document_text(v, &len);
    wijknet_agreements *agr = NULL;
    CHECK_RC(wijknet_agreements_from_json(reg, text, len, &agr), WIJKNET_RESULT_OK);
    free(text);
    return agr;
}

static wijknet_referral_book *replay(const cJSON *events) {
    size_t len;
    char *text = document_text(events, &len);
    wijknet_referral_events *ev = NULL;
    wijknet_referral_book *book = NULL;
    CHECK_RC(wijknet_referral_events_from_json(text, len, &ev), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    size_t n = 0;
    CHECK_RC(wijknet_referral_events_count(ev, &n), WIJKNET_RESULT_OK);
    for (size_t i = 0; i < n; i++) CHECK_RC(wijknet_referral_book_apply(book, ev, i), WIJKNET_RESULT_OK);
    wijknet_referral_events_free(ev);
    free(text);
    return book;
}

/* The what-if's progress reports: how many, the last done/total, and whether to cancel. */
typedef struct {
    int reports;
    uint64_t last_done, last_total;
    int in_order;
    int cancel;
} what_if_progress;

static bool on_what_if_progress(void *user_data, uint32_t step, uint64_t done, uint64_t total) {
    what_if_progress *p = user_data;
    if (step != WIJKNET_PROGRESS_STEP_WHAT_IF || done > total || (p->reports > 0 && done <= p->last_done)) {
        p->in_order = 0;
    }
    p->reports++;
    p->last_done = done;
    p->last_total = total;
    return !p->cancel;
}

static void run_what_if_case(const char *name, const cJSON *c) {
    wijknet_registry *reg = case_registry(cJSON_GetObjectItemCaseSensitive(c, "registry"));
    const cJSON *pr_doc = cJSON_GetObjectItemCaseSensitive(c, "proposed_registry");
    wijknet_registry *preg = pr_doc ? case_registry(pr_doc) : NULL;
    wijknet_agreements *agr = case_agreements(reg, cJSON_GetObjectItemCaseSensitive(c, "agreements"));
    wijknet_agreements *pagr =
        case_agreements(preg ? preg : reg, cJSON_GetObjectItemCaseSensitive(c, "proposed_agreements"));
    wijknet_referral_book *book = replay(cJSON_GetObjectItemCaseSensitive(c, "events"));
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(c, "max_referrals");
    char *json = NULL;
    size_t json_len = 0;
    what_if_progress progress = {.in_order = 1};
    uint32_t limit = max ? (uint32_t)max->valuedouble : 1000;
    wijknet_result rc =
        wijknet_what_if_json(book, reg, agr, preg, pagr, limit, on_what_if_progress, &progress, &json, &json_len);
    CHECK(rc != WIJKNET_RESULT_OK || strlen(json) == json_len, "%s: length", name);
    compare_case(name, c, rc, json);
    CHECK(progress.in_order && progress.reports >= 2 && progress.last_done == progress.last_total,
          "%s: what-if progress from 0 to every referral (%d reports)", name, progress.reports);
    /* the same answer without a callback, and nothing at all when cancelled */
    char *plain = NULL;
    size_t plain_len = 0;
    CHECK_RC(wijknet_what_if_json(book, reg, agr, preg, pagr, limit, NULL, NULL, &plain, &plain_len), rc);
    CHECK(rc != WIJKNET_RESULT_OK || (plain && strcmp(plain, json) == 0), "%s: same answer without progress", name);
    wijknet_string_free(plain);
    what_if_progress stop = {.in_order = 1, .cancel = 1};
    char *none = NULL;
    size_t none_len = 0;
    CHECK_RC(wijknet_what_if_json(book, reg, agr, preg, pagr, limit, on_what_if_progress, &stop, &none, &none_len),
             WIJKNET_RESULT_CANCELLED);
    CHECK(none == NULL && stop.reports == 1, "%s: cancelled at the start, nothing written", name);
    wijknet_string_free(json);
    wijknet_referral_book_free(book);
    wijknet_agreements_free(agr);
    wijknet_agreements_free(pagr);
    wijknet_registry_free(reg);
    wijknet_registry_free(preg);
}

static void test_arguments(void) {
    size_t len;
    char *text = read_vector_file("registries/what-if-region.json", &len);
    wijknet_registry *reg = NULL;
    wijknet_referral_book *book = NULL;
    CHECK_RC(wijknet_registry_from_json(text, len, &reg), WIJKNET_RESULT_OK);
    free(text);
    CHECK_RC(wijknet_referral_book_new(&book), WIJKNET_RESULT_OK);
    char *json = NULL;
    size_t jl = 0;
    /* An empty book, no agreements on either side, the same registry: an empty difference. */
    CHECK_RC(wijknet_what_if_json(book, reg, NULL, NULL, NULL, 10, NULL, NULL, &json, &jl), WIJKNET_RESULT_OK);
    cJSON *doc = cJSON_Parse(json);
    CHECK(doc && strcmp(cJSON_GetObjectItemCaseSensitive(doc, "schema")->valuestring, "wijknet.what-if/v1") == 0,
          "schema");
    CHECK(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "total"), "referrals")->valuedouble ==
              0,
          "no referrals");
    cJSON_Delete(doc);
    wijknet_string_free(json);
    CHECK_RC(wijknet_what_if_json(NULL, reg, NULL, NULL, NULL, 10, NULL, NULL, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_what_if_json(book, NULL, NULL, NULL, NULL, 10, NULL, NULL, &json, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_what_if_json(book, reg, NULL, NULL, NULL, 10, NULL, NULL, NULL, &jl), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_what_if_json(book, reg, NULL, NULL, NULL, 10, NULL, NULL, &json, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_referral_book_free(book);
    wijknet_registry_free(reg);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_arguments();
    run_vectors("what_if", 7, run_what_if_case);
    return test_finish();
}
