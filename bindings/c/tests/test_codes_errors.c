/*
 * C API tests: versions, result codes and the last error, stable codes, malformed input.
 *
 * Covers wijknet_version/wijknet_abi_version against the header, wijknet_result_name and the
 * numbering of results, the panic boundary (wijknet_test_panic) and every wijknet_last_error_*
 * function, every wijknet_code_* lookup (every code of every kind round-trips), and a sweep of
 * truncated and corrupted documents and requests that must each give an error code.
 *
 * Compiled with gcc against the committed include/wijknet.h and the built library (shared or
 * static), with common.c; run by bindings/c/tests/run.sh (also under valgrind).
 * Usage: test_codes_errors VECTORS_DIR   Prints "N passed, M failed"; exits 1 on any failure.
 */
#include "common.h"

static void test_version(void) {
    CHECK(strcmp(wijknet_version(), WIJKNET_VERSION) == 0, "version %s vs header %s", wijknet_version(),
          WIJKNET_VERSION);
    char v[64];
    snprintf(v, sizeof v, "%d.%d.%d", WIJKNET_VERSION_MAJOR, WIJKNET_VERSION_MINOR, WIJKNET_VERSION_PATCH);
    CHECK(strncmp(v, WIJKNET_VERSION, strlen(v)) == 0, "version macros %s vs %s", v, WIJKNET_VERSION);
    CHECK(wijknet_abi_version() == WIJKNET_ABI_VERSION, "abi version");
    /* The library's version is Cargo's: the test driver passes the workspace version. */
    const char *cargo = getenv("WIJKNET_CARGO_VERSION");
    CHECK(cargo != NULL && strcmp(cargo, wijknet_version()) == 0, "cargo version %s vs library %s",
          cargo ? cargo : "(unset)", wijknet_version());
}

static void test_result_names_and_last_error(void) {
    CHECK(strcmp(wijknet_result_name(WIJKNET_RESULT_OK), "ok") == 0, "ok name");
    CHECK(strcmp(wijknet_result_name(WIJKNET_RESULT_VERSION_CONFLICT), "version_conflict") == 0, "conflict name");
    CHECK(strcmp(wijknet_result_name(WIJKNET_RESULT_OTHER), "other") == 0, "other name");
    CHECK(strcmp(wijknet_result_name(12345), "unknown") == 0, "unknown name");
    /* numbering is part of the ABI */
    CHECK(WIJKNET_RESULT_NULL_ARGUMENT == 1 && WIJKNET_RESULT_INVALID_UTF8 == 2 && WIJKNET_RESULT_INTERNAL == 5 &&
              WIJKNET_RESULT_JSON == 10 && WIJKNET_RESULT_INVALID == 12 && WIJKNET_RESULT_NOT_FOUND == 14,
          "result numbering");

    /* a panic becomes a code, and the library stays usable */
    CHECK_RC(wijknet_test_panic(), WIJKNET_RESULT_INTERNAL);
    CHECK(wijknet_last_error_code() == WIJKNET_RESULT_INTERNAL, "last code after panic");
    CHECK(str_contains(wijknet_last_error_message(), "panic"), "panic message");
    CHECK(str_eq(wijknet_last_error_code_name(), "internal"), "internal code name");
    size_t n = 0;
    CHECK_RC(wijknet_code_count(WIJKNET_CODE_KIND_CARE_TYPE, &n), WIJKNET_RESULT_OK);
    CHECK(wijknet_last_error_code() == WIJKNET_RESULT_OK, "success clears the last error");
    CHECK(wijknet_last_error_message().len == 0 && wijknet_last_error_json().len == 0, "cleared message");
    CHECK(wijknet_last_error_problem_count() == 0, "cleared problems");
    wijknet_str p, r;
    CHECK(wijknet_last_error_problem(0, &p, &r) == WIJKNET_RESULT_OUT_OF_RANGE, "no problem 0");
    CHECK(wijknet_last_error_problem(0, NULL, &r) == WIJKNET_RESULT_NULL_ARGUMENT, "problem null path");
    CHECK(wijknet_last_error_problem(0, &p, NULL) == WIJKNET_RESULT_NULL_ARGUMENT, "problem null reason");
}

static void test_codes(void) {
    size_t n = 0;
    CHECK_RC(wijknet_code_count(WIJKNET_CODE_KIND_CARE_TYPE, &n), WIJKNET_RESULT_OK);
    CHECK(n == 13, "13 care types, got %zu", n);
    CHECK_RC(wijknet_code_count(WIJKNET_CODE_KIND_FINDING_CODE, &n), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_code_count(999, &n), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_code_count(0, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_str s = {NULL, 0};
    CHECK_RC(wijknet_code_name(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_WOUND_CARE, &s), WIJKNET_RESULT_OK);
    CHECK(str_eq(s, "wound_care") && s.ptr[s.len] == 0, "wound_care name, NUL-terminated");
    CHECK_RC(wijknet_code_name(WIJKNET_CODE_KIND_EXCLUSION_REASON, WIJKNET_EXCLUSION_REASON_NO_CAPACITY_IN_TIME, &s),
             WIJKNET_RESULT_OK);
    CHECK(str_eq(s, "no_capacity_in_time"), "exclusion name");
    CHECK_RC(wijknet_code_name(WIJKNET_CODE_KIND_CARE_TYPE, 13, &s), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_code_name(9999, 0, &s), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_code_name(0, 0, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_code_label(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_WOUND_CARE, WIJKNET_LABEL_LANGUAGE_DUTCH, &s),
             WIJKNET_RESULT_OK);
    CHECK(str_eq(s, "wondzorg"), "Dutch label");
    CHECK_RC(wijknet_code_label(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_WOUND_CARE, WIJKNET_LABEL_LANGUAGE_ENGLISH,
                                &s),
             WIJKNET_RESULT_OK);
    CHECK(str_eq(s, "wound care"), "English label");
    CHECK_RC(wijknet_code_label(0, 0, 7, &s), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK_RC(wijknet_code_label(0, 0, 0, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    uint32_t i = 77;
    CHECK_RC(wijknet_code_index(WIJKNET_CODE_KIND_CANDIDATE_FLAG, "waitlist", 8, &i), WIJKNET_RESULT_OK);
    CHECK(i == WIJKNET_CANDIDATE_FLAG_WAITLIST, "waitlist index");
    i = 77;
    CHECK_RC(wijknet_code_index(WIJKNET_CODE_KIND_CARE_TYPE, "massage", 7, &i), WIJKNET_RESULT_NOT_FOUND);
    CHECK(i == 77, "out_index untouched on failure");
    CHECK_RC(wijknet_code_index(WIJKNET_CODE_KIND_CARE_TYPE, "\xff\xfe", 2, &i), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_code_index(WIJKNET_CODE_KIND_CARE_TYPE, NULL, 0, &i), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_code_index(WIJKNET_CODE_KIND_CARE_TYPE, "nursing", 7, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_code_index(4242, "nursing", 7, &i), WIJKNET_RESULT_INVALID_ARGUMENT);
    /* every code of every kind round-trips name -> index */
    for (uint32_t kind = 0; kind <= WIJKNET_CODE_KIND_FINDING_CODE; kind++) {
        CHECK_RC(wijknet_code_count(kind, &n), WIJKNET_RESULT_OK);
        for (uint32_t k = 0; k < n; k++) {
            CHECK_RC(wijknet_code_name(kind, k, &s), WIJKNET_RESULT_OK);
            uint32_t back = 999;
            CHECK_RC(wijknet_code_index(kind, s.ptr, s.len, &back), WIJKNET_RESULT_OK);
            CHECK(back == k, "kind %u code %u round trip", kind, k);
        }
    }
}

/* Every prefix of a real document, and the document with one byte turned into 0xFF, gives an
 * error code (never success, never a crash); the out pointer stays untouched. */
static void test_malformed_sweep(void) {
    size_t len;
    char *text = read_vector_file("registries/region.json", &len);
    wijknet_registry *sentinel = (wijknet_registry *)(void *)&passed, *r = sentinel;
    int cuts_ok = 1, flips_ok = 1, cuts = 0, flips = 0;
    for (size_t cut = 0; cut < len - 1; cut += 7, cuts++) {
        wijknet_result rc = wijknet_registry_from_json(text, cut, &r);
        if (!(rc == WIJKNET_RESULT_JSON || rc == WIJKNET_RESULT_INVALID_UTF8) || r != sentinel) {
            cuts_ok = 0;
            fprintf(stderr, "prefix of %zu bytes gave %s\n", cut, wijknet_result_name(rc));
        }
    }
    for (size_t at = 0; at < len; at += 13, flips++) {
        char keep = text[at];
        text[at] = (char)0xff;
        wijknet_result rc = wijknet_registry_from_json(text, len, &r);
        if (rc != WIJKNET_RESULT_INVALID_UTF8 || r != sentinel) flips_ok = 0;
        text[at] = keep;
    }
    CHECK(cuts_ok, "all %d truncated registries give a JSON or UTF-8 error", cuts);
    CHECK(flips_ok, "all %d registries with a 0xFF byte give INVALID_UTF8", flips);
    /* the same for a request */
    wijknet_registry *reg = load_registry("registries/basic.json");
    wijknet_match_result *res = NULL;
    int req_ok = 1;
    for (size_t cut = 0; cut < strlen(REQUEST) - 1; cut++)
        if (wijknet_match(reg, NULL, REQUEST, cut, NOW, 72, &res) != WIJKNET_RESULT_JSON || res != NULL) req_ok = 0;
    CHECK(req_ok, "every truncated request gives JSON");
    wijknet_registry_free(reg);
    free(text);
}

int main(int argc, char **argv) {
    if (!test_start(argc, argv)) return 2;
    test_version();
    test_result_names_and_last_error();
    test_codes();
    test_malformed_sweep();
    return test_finish();
}
