/*
 * Tests of the wijknet C API, compiled with gcc against the committed include/wijknet.h and the
 * built library (shared or static). Covers every exported function, its error paths (NULL
 * arguments, invalid UTF-8, malformed JSON, wrong schema, invalid documents, version conflicts,
 * out-of-range indexes, freeing NULL, panics), concurrent use of shared handles, and runs every
 * conformance vector in tests/vectors/{matching,agreements} with the pattern rule of
 * tests/vectors/README.md, cross-checking the typed accessors against the JSON answers.
 *
 * Usage: test_capi VECTORS_DIR        Prints "N passed, M failed"; exits 1 on any failure.
 */
#define _DEFAULT_SOURCE
#include <cjson/cJSON.h>
#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wijknet.h"

static int passed, failed;
static const char *vectors_dir;

static void check_at(int ok, const char *file, int line, const char *fmt, ...) {
    if (ok) {
        passed++;
        return;
    }
    failed++;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
}
#define CHECK(cond, ...) check_at((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_RC(call, want)                                                                       \
    do {                                                                                           \
        wijknet_result rc_ = (call);                                                               \
        wijknet_str m_ = wijknet_last_error_message();                                             \
        CHECK(rc_ == (want), "%s gave %s (%.*s), want %s", #call, wijknet_result_name(rc_),       \
              (int)m_.len, m_.ptr, wijknet_result_name(want));                                     \
    } while (0)

static int str_eq(wijknet_str s, const char *c) {
    return s.ptr != NULL && s.len == strlen(c) && memcmp(s.ptr, c, s.len) == 0;
}

static int str_contains(wijknet_str s, const char *needle) {
    size_t n = strlen(needle);
    if (s.ptr == NULL || n > s.len) return 0;
    for (size_t i = 0; i + n <= s.len; i++)
        if (memcmp(s.ptr + i, needle, n) == 0) return 1;
    return 0;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) exit(2);
    buf[n] = 0;
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

static char *vector_path(const char *rel) {
    size_t n = strlen(vectors_dir) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", vectors_dir, rel);
    return p;
}

static char *read_vector_file(const char *rel, size_t *len) {
    char *p = vector_path(rel);
    char *text = read_file(p, len);
    free(p);
    return text;
}

/* "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" -> seconds since the epoch. */
static int64_t parse_instant(const char *s) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char tz[16] = {0};
    if (sscanf(s, "%d-%d-%dT%d:%d:%d%15s", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec, tz) < 6) {
        fprintf(stderr, "bad instant %s\n", s);
        exit(2);
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    int64_t t = (int64_t)timegm(&tm);
    int oh = 0, om = 0;
    if ((tz[0] == '+' || tz[0] == '-') && sscanf(tz + 1, "%d:%d", &oh, &om) == 2)
        t -= (tz[0] == '+' ? 1 : -1) * (int64_t)(oh * 3600 + om * 60);
    return t;
}

static wijknet_date parse_date(const char *s) {
    wijknet_date d = {0, 0, 0};
    if (sscanf(s, "%d-%u-%u", &d.year, &d.month, &d.day) != 3) {
        fprintf(stderr, "bad date %s\n", s);
        exit(2);
    }
    return d;
}

static void date_text(wijknet_date d, char out[16]) { snprintf(out, 16, "%04d-%02u-%02u", d.year, d.month, d.day); }

/* ---- the pattern rule of tests/vectors/README.md ---- */

static int pattern_matches(const cJSON *e, const cJSON *a, const char *path, char *why, size_t why_len) {
    char sub[512];
    if (cJSON_IsObject(e)) {
        if (!cJSON_IsObject(a)) {
            snprintf(why, why_len, "%s: expected an object", path);
            return 0;
        }
        const cJSON *ev;
        cJSON_ArrayForEach(ev, e) {
            const cJSON *av = cJSON_GetObjectItemCaseSensitive(a, ev->string);
            snprintf(sub, sizeof sub, "%s.%s", path, ev->string);
            if (!av) {
                snprintf(why, why_len, "%s: missing in actual", sub);
                return 0;
            }
            if (!pattern_matches(ev, av, sub, why, why_len)) return 0;
        }
        return 1;
    }
    if (cJSON_IsArray(e)) {
        if (!cJSON_IsArray(a) || cJSON_GetArraySize(e) != cJSON_GetArraySize(a)) {
            snprintf(why, why_len, "%s: expected %d elements", path, cJSON_GetArraySize(e));
            return 0;
        }
        for (int i = 0; i < cJSON_GetArraySize(e); i++) {
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            if (!pattern_matches(cJSON_GetArrayItem(e, i), cJSON_GetArrayItem(a, i), sub, why, why_len)) return 0;
        }
        return 1;
    }
    int ok;
    if (cJSON_IsNumber(e))
        ok = cJSON_IsNumber(a) && e->valuedouble == a->valuedouble;
    else if (cJSON_IsString(e))
        ok = cJSON_IsString(a) && strcmp(e->valuestring, a->valuestring) == 0;
    else if (cJSON_IsBool(e))
        ok = cJSON_IsBool(a) && (cJSON_IsTrue(e) == cJSON_IsTrue(a));
    else if (cJSON_IsNull(e))
        ok = cJSON_IsNull(a);
    else
        ok = 0;
    if (!ok) {
        char *es = cJSON_PrintUnformatted(e), *as = cJSON_PrintUnformatted(a);
        snprintf(why, why_len, "%s: expected %s, got %s", path, es, as ? as : "?");
        cJSON_free(es);
        cJSON_free(as);
    }
    return ok;
}

/* Compares an answer (JSON text, or NULL after an error) with a case's expected/expected_error. */
static void compare_case(const char *name, const cJSON *c, wijknet_result rc, const char *json) {
    const cJSON *expected = cJSON_GetObjectItemCaseSensitive(c, "expected");
    const cJSON *expected_error = cJSON_GetObjectItemCaseSensitive(c, "expected_error");
    char why[1024] = "";
    int ok;
    if (rc == WIJKNET_RESULT_OK && expected) {
        cJSON *actual = cJSON_Parse(json);
        ok = actual && pattern_matches(expected, actual, "$", why, sizeof why);
        cJSON_Delete(actual);
    } else if (rc != WIJKNET_RESULT_OK && expected_error) {
        wijknet_str ej = wijknet_last_error_json();
        cJSON *actual = cJSON_ParseWithLength(ej.ptr, ej.len);
        ok = actual && pattern_matches(expected_error, actual, "$error", why, sizeof why);
        cJSON_Delete(actual);
    } else if (rc == WIJKNET_RESULT_OK) {
        snprintf(why, sizeof why, "expected an error, got %.200s", json);
        ok = 0;
    } else {
        wijknet_str m = wijknet_last_error_message();
        snprintf(why, sizeof why, "unexpected error %s: %.*s", wijknet_result_name(rc), (int)m.len, m.ptr);
        ok = 0;
    }
    CHECK(ok, "vector %s: %s", name, why);
}

static char *print(const cJSON *v) { return cJSON_PrintUnformatted(v); }

static uint32_t code_index(uint32_t kind, const char *code) {
    uint32_t i = 0xffffffffu;
    wijknet_result rc = wijknet_code_index(kind, code, strlen(code), &i);
    CHECK(rc == WIJKNET_RESULT_OK, "code_index(%u, %s)", kind, code);
    return i;
}

/* Cross-checks the typed accessors of a result handle against its JSON form. */
static void check_typed_against_json(const char *name, const wijknet_match_result *res, const char *json) {
    cJSON *doc = cJSON_Parse(json);
    wijknet_match_summary s;
    CHECK_RC(wijknet_match_result_summary(res, &s), WIJKNET_RESULT_OK);
    const cJSON *cands = cJSON_GetObjectItemCaseSensitive(doc, "candidates");
    const cJSON *excl = cJSON_GetObjectItemCaseSensitive(doc, "excluded");
    CHECK(s.candidate_count == (size_t)cJSON_GetArraySize(cands), "%s: candidate count", name);
    CHECK(s.exclusion_count == (size_t)cJSON_GetArraySize(excl), "%s: exclusion count", name);
    CHECK(s.outcome == code_index(WIJKNET_CODE_KIND_MATCH_OUTCOME,
                                  cJSON_GetObjectItemCaseSensitive(doc, "outcome")->valuestring),
          "%s: outcome", name);
    CHECK((double)s.registry_version == cJSON_GetObjectItemCaseSensitive(doc, "registry_version")->valuedouble,
          "%s: registry version", name);
    CHECK((double)s.teams_elsewhere == cJSON_GetObjectItemCaseSensitive(doc, "teams_elsewhere")->valuedouble,
          "%s: teams elsewhere", name);
    char d[16];
    date_text(s.needed_from, d);
    CHECK(strcmp(d, cJSON_GetObjectItemCaseSensitive(doc, "needed_from")->valuestring) == 0, "%s: needed_from", name);
    date_text(s.needed_by, d);
    CHECK(strcmp(d, cJSON_GetObjectItemCaseSensitive(doc, "needed_by")->valuestring) == 0, "%s: needed_by", name);
    for (size_t i = 0; i < s.candidate_count; i++) {
        const cJSON *jc = cJSON_GetArrayItem(cands, (int)i);
        wijknet_candidate c;
        CHECK_RC(wijknet_match_result_candidate(res, i, &c), WIJKNET_RESULT_OK);
        CHECK(str_eq(c.team, cJSON_GetObjectItemCaseSensitive(jc, "team")->valuestring), "%s: team %zu", name, i);
        CHECK(str_eq(c.organisation, cJSON_GetObjectItemCaseSensitive(jc, "organisation")->valuestring),
              "%s: organisation %zu", name, i);
        CHECK((double)c.rank == cJSON_GetObjectItemCaseSensitive(jc, "rank")->valuedouble, "%s: rank %zu", name, i);
        CHECK(c.preferred == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(jc, "preferred")), "%s: preferred", name);
        date_text(c.possible_start, d);
        CHECK(strcmp(d, cJSON_GetObjectItemCaseSensitive(jc, "possible_start")->valuestring) == 0,
              "%s: possible_start %zu", name, i);
        wijknet_date from_days = {1970, 1, 1};
        {
            /* days since the epoch agree with y/m/d */
            struct tm tm;
            memset(&tm, 0, sizeof tm);
            tm.tm_year = c.possible_start.year - 1900;
            tm.tm_mon = (int)c.possible_start.month - 1;
            tm.tm_mday = (int)c.possible_start.day;
            CHECK((int64_t)timegm(&tm) == (int64_t)c.possible_start_days * 86400, "%s: start days", name);
            (void)from_days;
        }
        CHECK(c.capacity_status == code_index(WIJKNET_CODE_KIND_CAPACITY_STATUS,
                                              cJSON_GetObjectItemCaseSensitive(jc, "capacity_status")->valuestring),
              "%s: capacity status", name);
        CHECK(c.capacity_updated_at_unix ==
                  parse_instant(cJSON_GetObjectItemCaseSensitive(jc, "capacity_updated_at")->valuestring),
              "%s: capacity updated at", name);
        uint32_t bits = 0;
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(jc, "flags")) {
            bits |= 1u << code_index(WIJKNET_CODE_KIND_CANDIDATE_FLAG, f->valuestring);
        }
        CHECK(c.flags == bits, "%s: flags %zu: %u vs %u", name, i, c.flags, bits);
        CHECK((int)c.via_count == cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(jc, "via")), "%s: via", name);
        CHECK(c.contact_reachable_now == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(jc, "contact_reachable_now")),
              "%s: reachable", name);
    }
    for (size_t i = 0; i < s.exclusion_count; i++) {
        const cJSON *je = cJSON_GetArrayItem(excl, (int)i);
        wijknet_exclusion e;
        CHECK_RC(wijknet_match_result_exclusion(res, i, &e), WIJKNET_RESULT_OK);
        CHECK(str_eq(e.team, cJSON_GetObjectItemCaseSensitive(je, "team")->valuestring), "%s: excl team", name);
        CHECK(str_eq(e.organisation, cJSON_GetObjectItemCaseSensitive(je, "organisation")->valuestring),
              "%s: excl org", name);
        CHECK(e.reason == code_index(WIJKNET_CODE_KIND_EXCLUSION_REASON,
                                     cJSON_GetObjectItemCaseSensitive(je, "reason")->valuestring),
              "%s: excl reason", name);
        CHECK(str_eq(e.detail, cJSON_GetObjectItemCaseSensitive(je, "detail")->valuestring), "%s: excl detail", name);
    }
    const cJSON *ja = cJSON_GetObjectItemCaseSensitive(doc, "accountable");
    wijknet_accountable a;
    if (cJSON_IsNull(ja)) {
        CHECK(!s.has_accountable, "%s: has_accountable", name);
        CHECK_RC(wijknet_match_result_accountable(res, &a), WIJKNET_RESULT_NOT_FOUND);
    } else {
        CHECK(s.has_accountable, "%s: has_accountable", name);
        CHECK_RC(wijknet_match_result_accountable(res, &a), WIJKNET_RESULT_OK);
        CHECK(str_eq(a.party, cJSON_GetObjectItemCaseSensitive(ja, "party")->valuestring), "%s: party", name);
        CHECK(a.source == code_index(WIJKNET_CODE_KIND_ACCOUNTABLE_SOURCE,
                                     cJSON_GetObjectItemCaseSensitive(ja, "source")->valuestring),
              "%s: source", name);
        const cJSON *via = cJSON_GetObjectItemCaseSensitive(ja, "via");
        if (cJSON_IsString(via))
            CHECK(str_eq(a.via, via->valuestring), "%s: accountable via", name);
        else
            CHECK(a.via.ptr == NULL && a.via.len == 0, "%s: accountable via absent", name);
    }
    /* one past the end */
    wijknet_candidate c;
    wijknet_exclusion e;
    CHECK_RC(wijknet_match_result_candidate(res, s.candidate_count, &c), WIJKNET_RESULT_OUT_OF_RANGE);
    CHECK_RC(wijknet_match_result_exclusion(res, s.exclusion_count, &e), WIJKNET_RESULT_OUT_OF_RANGE);
    cJSON_Delete(doc);
}

/* ---- vectors ---- */

typedef struct {
    char **names;
    size_t count;
} file_list;

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static file_list list_cases(const char *folder) {
    file_list l = {NULL, 0};
    char *dir = vector_path(folder);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        exit(2);
    }
    struct dirent *ent;
    while ((ent = readdir(d))) {
        size_t n = strlen(ent->d_name);
        if (n > 5 && strcmp(ent->d_name + n - 5, ".json") == 0) {
            l.names = realloc(l.names, (l.count + 1) * sizeof *l.names);
            size_t m = strlen(folder) + n + 2;
            l.names[l.count] = malloc(m);
            snprintf(l.names[l.count], m, "%s/%s", folder, ent->d_name);
            l.count++;
        }
    }
    closedir(d);
    free(dir);
    qsort(l.names, l.count, sizeof *l.names, cmp_names);
    return l;
}

static void free_list(file_list l) {
    for (size_t i = 0; i < l.count; i++) free(l.names[i]);
    free(l.names);
}

static int run_matching_case(const char *name, const cJSON *c) {
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
        rc = wijknet_registry_update_capacity(reg, ut, strlen(ut), &next);
        cJSON_free(ut);
        if (rc == WIJKNET_RESULT_OK) {
            wijknet_registry_free(reg);
            reg = next;
        }
    }
    char *req = print(cJSON_GetObjectItemCaseSensitive(c, "request"));
    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(c, "options");
    char *opt = print(opts);
    if (rc == WIJKNET_RESULT_OK) rc = wijknet_match_json(reg, req, strlen(req), opt, strlen(opt), &json, &json_len);
    compare_case(name, c, rc, json);
    if (rc == WIJKNET_RESULT_OK) {
        CHECK(json_len == strlen(json), "%s: out_len", name);
        /* the typed path gives the same answer */
        wijknet_match_result *res = NULL;
        const cJSON *stale = cJSON_GetObjectItemCaseSensitive(opts, "stale_after_hours");
        CHECK_RC(wijknet_match(reg, req, strlen(req),
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
    return 0;
}

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
            rc = wijknet_match_with_agreements_json(reg, agr, req, strlen(req), opt, strlen(opt), &json, &json_len);
            if (rc == WIJKNET_RESULT_OK) {
                wijknet_match_result *res = NULL;
                const cJSON *stale = cJSON_GetObjectItemCaseSensitive(opts, "stale_after_hours");
                CHECK_RC(wijknet_match_with_agreements(
                             reg, agr, req, strlen(req),
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
            rc = wijknet_agreements_on_call(agr, reg, IN("location"), strlen(IN("location")), parse_instant(IN("at")),
                                            &json, &json_len);
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

static void run_case_phase2(const char *folder, const char *name, const cJSON *c);

static void run_vectors(const char *folder, int min_count) {
    file_list l = list_cases(folder);
    CHECK((int)l.count >= min_count, "%s: found %zu vectors", folder, l.count);
    for (size_t i = 0; i < l.count; i++) {
        char *text = read_vector_file(l.names[i], NULL);
        cJSON *c = cJSON_Parse(text);
        CHECK(c != NULL, "%s parses", l.names[i]);
        if (c) {
            if (strcmp(folder, "matching") == 0)
                run_matching_case(l.names[i], c);
            else if (strcmp(folder, "agreements") == 0)
                run_agreements_case(l.names[i], c);
            else
                run_case_phase2(folder, l.names[i], c);
        }
        cJSON_Delete(c);
        free(text);
    }
    printf("ran %zu %s vectors\n", l.count, folder);
    free_list(l);
}

/* ---- API tests ---- */

static wijknet_registry *load_registry(const char *rel) {
    size_t len;
    char *text = read_vector_file(rel, &len);
    wijknet_registry *r = NULL;
    CHECK_RC(wijknet_registry_from_json(text, len, &r), WIJKNET_RESULT_OK);
    free(text);
    return r;
}

static wijknet_agreements *load_agreements(const wijknet_registry *reg, const char *rel) {
    size_t len;
    char *text = read_vector_file(rel, &len);
    wijknet_agreements *a = NULL;
    CHECK_RC(wijknet_agreements_from_json(reg, text, len, &a), WIJKNET_RESULT_OK);
    free(text);
    return a;
}

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
    CHECK_RC(wijknet_code_label(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_WOUND_CARE, WIJKNET_LANGUAGE_DUTCH, &s),
             WIJKNET_RESULT_OK);
    CHECK(str_eq(s, "wondzorg"), "Dutch label");
    CHECK_RC(wijknet_code_label(WIJKNET_CODE_KIND_CARE_TYPE, WIJKNET_CARE_TYPE_WOUND_CARE, WIJKNET_LANGUAGE_ENGLISH,
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
    CHECK_RC(wijknet_registry_update_capacity(r, up, strlen(up), &next), WIJKNET_RESULT_OK);
    uint64_t v2 = 0;
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_registry_version(r, &v), WIJKNET_RESULT_OK);
    CHECK(v == 1 && v2 == 2, "update gives a new version, old unchanged (%llu, %llu)", (unsigned long long)v,
          (unsigned long long)v2);
    wijknet_registry *again = sentinel;
    CHECK_RC(wijknet_registry_update_capacity(next, up, strlen(up), &again), WIJKNET_RESULT_VERSION_CONFLICT);
    CHECK(str_contains(wijknet_last_error_message(), "version conflict on team capacity `b1`"), "conflict message");
    CHECK(str_eq(wijknet_last_error_code_name(), "version_conflict"), "conflict code name");
    CHECK(again == sentinel, "out untouched on conflict");
    const char ghost[] = "{\"team\":\"zz\",\"expected_version\":0,\"status\":\"full\",\"updated_at\":"
                         "\"2026-11-22T09:30:00Z\"}";
    CHECK_RC(wijknet_registry_update_capacity(r, ghost, strlen(ghost), &again), WIJKNET_RESULT_NOT_FOUND);
    const char badup[] = "{\"team\":\"a1\",\"expected_version\":0,\"status\":\"maybe\",\"updated_at\":\"x\"}";
    CHECK_RC(wijknet_registry_update_capacity(r, badup, strlen(badup), &again), WIJKNET_RESULT_INVALID);
    CHECK(wijknet_last_error_problem_count() == 2, "both update problems");
    CHECK_RC(wijknet_registry_update_capacity(r, "[", 1, &again), WIJKNET_RESULT_JSON);
    const char up_twice[] = "{\"team\":\"b1\",\"expected_version\":0,\"status\":\"accepting\","
                            "\"free_places\":{\"nursing\":5,\"nursing\":0},\"updated_at\":\"2026-11-22T09:30:00Z\"}";
    CHECK_RC(wijknet_registry_update_capacity(r, up_twice, strlen(up_twice), &again), WIJKNET_RESULT_JSON);
    wijknet_str dp, dr;
    CHECK(wijknet_last_error_problem(0, &dp, &dr) == WIJKNET_RESULT_OK && str_eq(dp, "$.free_places"),
          "duplicate free_places key refused at `$.free_places`, got %.*s", (int)dp.len, dp.ptr);
    CHECK_RC(wijknet_registry_update_capacity(r, "\x80", 1, &again), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_registry_update_capacity(NULL, up, strlen(up), &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacity(r, NULL, 0, &again), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_registry_update_capacity(r, up, strlen(up), NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(again == sentinel, "out untouched");
    /* free in any order: the derived handle outlives its parent */
    wijknet_registry_free(r);
    CHECK_RC(wijknet_registry_version(next, &v2), WIJKNET_RESULT_OK);
    wijknet_registry_free(next);
    wijknet_registry_free(NULL);
}

static const char REQUEST[] = "{\"location\":\"7511AA\",\"care_types\":[\"personal_care\"],"
                              "\"desired_start\":\"2026-11-23\",\"latest_start\":\"2026-12-01\"}";
static const char OPTIONS[] = "{\"now\":\"2026-11-22T10:00:00Z\",\"stale_after_hours\":72}";
static const int64_t NOW = 1795341600; /* 2026-11-22T10:00:00Z */

static void test_matching(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    wijknet_registry *rr = load_registry("registries/region.json");
    wijknet_agreements *a = load_agreements(rr, "registries/region.agreements.json");
    CHECK(parse_instant("2026-11-22T10:00:00Z") == NOW, "instant parsing in the test");
    wijknet_match_result *sentinel = (wijknet_match_result *)(void *)&failed, *res = sentinel;
    char *json = NULL;
    size_t len = 0;

    CHECK_RC(wijknet_match(NULL, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, NULL, 5, NOW, 72, &res), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, REQUEST, strlen(REQUEST), NOW, 72, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match(r, "{\"location\":\"\xed\xa0\x80\"}", 19, NOW, 72, &res), WIJKNET_RESULT_INVALID_UTF8);
    CHECK_RC(wijknet_match(r, "{\"location\":", 12, NOW, 72, &res), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match(r, "{\"location\":\"7511AA\",\"care_types\":[],\"colour\":1}", 48, NOW, 72, &res),
             WIJKNET_RESULT_JSON);
    const char bad[] = "{\"location\":\"75\",\"care_types\":[\"massage\"],\"urgency\":\"soon\"}";
    CHECK_RC(wijknet_match(r, bad, strlen(bad), NOW, 72, &res), WIJKNET_RESULT_INVALID);
    CHECK(wijknet_last_error_problem_count() == 3, "three request problems, got %zu",
          wijknet_last_error_problem_count());
    CHECK_RC(wijknet_match(r, REQUEST, strlen(REQUEST), INT64_MAX, 72, &res), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(res == sentinel, "out_result untouched");
    CHECK_RC(wijknet_match_with_agreements(rr, NULL, REQUEST, strlen(REQUEST), NOW, 72, &res),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_with_agreements(NULL, a, REQUEST, strlen(REQUEST), NOW, 72, &res),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_with_agreements(rr, a, "nope", 4, NOW, 72, &res), WIJKNET_RESULT_JSON);

    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), NULL, 0, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), "{}", 2, &json, &len), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), "{\"now\":\"yesterday\"}", 19, &json, &len),
             WIJKNET_RESULT_INVALID);
    /* options and request are read strictly, as documents are: a key given twice is refused */
    const char opts_twice[] = "{\"now\":\"2026-11-22T10:00:00Z\",\"stale_after_hours\":72,\"stale_after_hours\":1}";
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), opts_twice, strlen(opts_twice), &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK(str_contains(wijknet_last_error_message(), "duplicate"), "duplicate option key");
    const char req_twice[] = "{\"location\":\"7511AA\",\"care_types\":[\"nursing\"],\"location\":\"1000AA\"}";
    CHECK_RC(wijknet_match_json(r, req_twice, strlen(req_twice), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), "[\"2026-11-22T10:00:00Z\",72]", 26, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, NULL),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_json(NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_with_agreements_json(rr, NULL, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json,
                                                &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_match_with_agreements_json(rr, a, REQUEST, strlen(REQUEST), "\xff", 1, &json, &len),
             WIJKNET_RESULT_INVALID_UTF8);
    CHECK(json == NULL, "out_json untouched");

    /* a result: candidates, accessors, errors */
    CHECK_RC(wijknet_match(r, REQUEST, strlen(REQUEST), NOW, 72, &res), WIJKNET_RESULT_OK);
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
        if (wijknet_match(reg, REQUEST, cut, NOW, 72, &res) != WIJKNET_RESULT_JSON || res != NULL) req_ok = 0;
    CHECK(req_ok, "every truncated request gives JSON");
    wijknet_registry_free(reg);
    free(text);
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
        if (wijknet_match_json(t->registry, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &json, &len) !=
                WIJKNET_RESULT_OK ||
            strcmp(json, t->expected) != 0)
            t->ok = 0;
        wijknet_string_free(json);
        /* a failure here must not show in another thread's last error */
        wijknet_match_result *res;
        if (wijknet_match(t->registry, "x", 1, NOW, 72, &res) != WIJKNET_RESULT_JSON ||
            wijknet_last_error_code() != WIJKNET_RESULT_JSON)
            t->ok = 0;
    }
    return NULL;
}

static void test_threads(void) {
    wijknet_registry *r = load_registry("registries/basic.json");
    char *expected = NULL;
    size_t len;
    CHECK_RC(wijknet_match_json(r, REQUEST, strlen(REQUEST), OPTIONS, strlen(OPTIONS), &expected, &len),
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


/* ---- phase 2: consent ---- */

static int code_of(uint32_t kind, const cJSON *v) { return (int)code_index(kind, v->valuestring); }

/* Builds the typed query of a consent request JSON; returns 0 when the request uses something
 * the typed path does not carry (data-sharing agreements). */
static int typed_query(const cJSON *req, const char *at, wijknet_consent_query *q, wijknet_str *rel, size_t rel_cap) {
    const cJSON *agreements = cJSON_GetObjectItemCaseSensitive(req, "agreements");
    if (cJSON_GetArraySize(agreements) > 0) return 0;
    memset(q, 0, sizeof *q);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(req, "discloser"), *r = cJSON_GetObjectItemCaseSensitive(req, "recipient");
#define S(obj, key) ((wijknet_str){cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring, strlen(cJSON_GetObjectItemCaseSensitive(obj, key)->valuestring)})
    q->client = S(req, "client");
    q->discloser = S(d, "organisation");
    q->discloser_role = (uint32_t)code_of(WIJKNET_CODE_KIND_RECIPIENT_ROLE, cJSON_GetObjectItemCaseSensitive(d, "role"));
    q->recipient = S(r, "organisation");
    q->recipient_role = (uint32_t)code_of(WIJKNET_CODE_KIND_RECIPIENT_ROLE, cJSON_GetObjectItemCaseSensitive(r, "role"));
#undef S
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
    CHECK_RC(wijknet_consent_decide_json(store, req, strlen(req), at, strlen(at), false, &plain, &len),
             WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_decide_json(store, req, strlen(req), at, strlen(at), true, &traced, &len),
             WIJKNET_RESULT_OK);
    cJSON *a = cJSON_Parse(plain ? plain : "{}"), *b = cJSON_Parse(traced ? traced : "{}");
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(a, "decision");
    CHECK(cJSON_Compare(decision, cJSON_GetObjectItemCaseSensitive(v, "expected"), true), "vector %s: decision differs: %s",
          name, plain ? plain : "(none)");
    CHECK(cJSON_Compare(decision, cJSON_GetObjectItemCaseSensitive(b, "decision"), true),
          "%s: decide and decide_with_trace disagree", name);
    CHECK(cJSON_GetObjectItemCaseSensitive(b, "trace") != NULL && cJSON_GetObjectItemCaseSensitive(a, "trace") == NULL,
          "%s: trace only when asked", name);
    const cJSON *ea = cJSON_GetObjectItemCaseSensitive(v, "expected_audit");
    if (ea) {
        const char *keys[] = {"decision_id", "inputs_hash", "data_version"};
        for (int k = 0; k < 3; k++)
            CHECK(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "audit"), keys[k]),
                                cJSON_GetObjectItemCaseSensitive(ea, keys[k]), true),
                  "%s: audit %s", name, keys[k]);
    }
    wijknet_consent_query q;
    wijknet_str rel[16];
    if (typed_query(request, at, &q, rel, 16)) {
        wijknet_consent_answer ans;
        CHECK_RC(wijknet_consent_check(store, &q, &ans), WIJKNET_RESULT_OK);
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
    CHECK_RC(wijknet_consent_decide_json(NULL, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, NULL, 0, at, strlen(at), false, &json, &len), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, req, strlen(req), NULL, 0, false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, req, strlen(req), at, strlen(at), false, NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, req, strlen(req), at, strlen(at), false, &json, NULL),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_json(s, req, strlen(req), "yesterday", 9, false, &json, &len), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_json(s, "{\"client\":", 10, at, strlen(at), false, &json, &len), WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_json(s, req, strlen(req), "\xc3", 1, false, &json, &len),
             WIJKNET_RESULT_INVALID_UTF8);
    CHECK(json == NULL, "out_json untouched");

    wijknet_consent_query q;
    wijknet_str rel[4];
    typed_query(cJSON_GetObjectItemCaseSensitive(v, "request"), at, &q, rel, 4);
    wijknet_consent_answer ans, untouched;
    memset(&untouched, 0xAB, sizeof untouched);
    ans = untouched;
    CHECK_RC(wijknet_consent_check(NULL, &q, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, NULL, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check(s, &q, NULL), WIJKNET_RESULT_NULL_ARGUMENT);
    wijknet_consent_query bad = q;
    bad.client.ptr = NULL;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    bad = q;
    bad.client = (wijknet_str){"\xff\xfe", 2};
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_UTF8);
    bad = q;
    bad.client = (wijknet_str){"nobody-here", 11};
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_NOT_FOUND);
    bad = q;
    bad.recipient_role = 99;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.purpose = 1000;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.categories = 1u << 30;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.categories = 0;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID);
    bad = q;
    bad.treatment_relationships = NULL;
    bad.treatment_relationship_count = 2;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_NULL_ARGUMENT);
    bad = q;
    bad.emergency = true;
    bad.emergency_reason = 17;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    bad = q;
    bad.at_unix_seconds = INT64_MAX;
    CHECK_RC(wijknet_consent_check(s, &bad, &ans), WIJKNET_RESULT_INVALID_ARGUMENT);
    CHECK(memcmp(&ans, &untouched, sizeof ans) == 0, "out_answer untouched on every failure");
    CHECK_RC(wijknet_consent_check(s, &q, &ans), WIJKNET_RESULT_OK);
    CHECK((ans.permitted | ans.denied | ans.no_applicable_consent) == q.categories, "every asked category answered");

    wijknet_consent_store_free(s);
    wijknet_consent_store_free(NULL);
    cJSON_free(store_text);
    cJSON_free(req);
    cJSON_Delete(v);
}


/* ---- phase 2: referrals ---- */

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


/* ---- agreements feeding referrals and consent ---- */

static void test_agreements_feed_referrals_and_consent(void) {
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

    /* client-0001 has a case-coordination agreement (p1 coordinates, p4 and the GP are members)
     * and p1..p4 share nursing plans for direct care: without the agreements nothing permits
     * p1 to share the nursing plan with p4, with them it is permitted. */
    const char store_json[] = "{\"schema\": \"wijknet.consent/v1\", \"version\": \"t\", \"clients\": [{\"id\": "
                              "\"client-0001\", \"date_of_birth\": \"1940-01-01\", \"can_decide\": true}], "
                              "\"consents\": [], \"objections\": []}";
    wijknet_consent_store *s = NULL;
    CHECK_RC(wijknet_consent_store_from_json(store_json, strlen(store_json), &s), WIJKNET_RESULT_OK);
    wijknet_consent_query q;
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
    CHECK_RC(wijknet_consent_check(s, &q, &plain), WIJKNET_RESULT_OK);
    CHECK_RC(wijknet_consent_check_with_agreements(s, a, &q, &with), WIJKNET_RESULT_OK);
    CHECK(plain.permitted == 0, "no basis without the agreements");
    CHECK(with.permitted == q.categories, "the agreements give a basis");
    CHECK_RC(wijknet_consent_check_with_agreements(NULL, a, &q, &with), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check_with_agreements(s, NULL, &q, &with), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check_with_agreements(s, a, NULL, &with), WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_check_with_agreements(s, a, &q, NULL), WIJKNET_RESULT_NULL_ARGUMENT);

    const char req[] = "{\"client\": \"client-0001\", \"discloser\": {\"organisation\": \"p1\", \"role\": "
                       "\"home_care_provider\"}, \"recipient\": {\"organisation\": \"p4\", \"role\": "
                       "\"home_care_provider\"}, \"purpose\": \"direct_care\", \"categories\": [\"nursing_plan_reports\"]}";
    const char at[] = "2026-11-22T10:00:00Z";
    char *json = NULL;
    size_t len;
    CHECK_RC(wijknet_consent_decide_with_agreements_json(s, a, req, strlen(req), at, strlen(at), true, &json, &len),
             WIJKNET_RESULT_OK);
    cJSON *d = cJSON_Parse(json);
    const cJSON *decision = cJSON_GetObjectItemCaseSensitive(d, "decision");
    check_typed_consent("decide_with_agreements_json", &with, decision);
    cJSON_Delete(d);
    wijknet_string_free(json);
    json = NULL;
    CHECK_RC(wijknet_consent_decide_with_agreements_json(s, NULL, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_with_agreements_json(NULL, a, req, strlen(req), at, strlen(at), false, &json, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK_RC(wijknet_consent_decide_with_agreements_json(s, a, req, strlen(req), "soon", 4, false, &json, &len),
             WIJKNET_RESULT_JSON);
    CHECK_RC(wijknet_consent_decide_with_agreements_json(s, a, req, strlen(req), at, strlen(at), false, NULL, &len),
             WIJKNET_RESULT_NULL_ARGUMENT);
    CHECK(json == NULL, "out_json untouched");
    wijknet_consent_store_free(s);
    wijknet_agreements_free(a);
    wijknet_registry_free(r);
}

static void run_case_phase2(const char *folder, const char *name, const cJSON *c) {
    if (strcmp(folder, "consent") == 0)
        run_consent_case(name, c);
    else
        run_referral_case(name, c);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
        return 2;
    }
    vectors_dir = argv[1];
    test_version();
    test_result_names_and_last_error();
    test_codes();
    test_registry();
    test_matching();
    test_agreements();
    test_consent_api();
    test_referral_api();
    test_agreements_feed_referrals_and_consent();
    test_malformed_sweep();
    test_threads();
    run_vectors("matching", 15);
    run_vectors("agreements", 9);
    run_vectors("consent", 6);
    run_vectors("referral", 7);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
