/* The helpers every C API test program shares; see common.h. */
#include "common.h"

#include <dirent.h>
#include <stdarg.h>
#include <time.h>

int passed, failed;
const char *vectors_dir;

void check_at(int ok, const char *file, int line, const char *fmt, ...) {
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

int test_start(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
        return 0;
    }
    vectors_dir = argv[1];
    return 1;
}

int test_finish(void) {
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}

int str_eq(wijknet_str s, const char *c) {
    return s.ptr != NULL && s.len == strlen(c) && memcmp(s.ptr, c, s.len) == 0;
}

int str_contains(wijknet_str s, const char *needle) {
    size_t n = strlen(needle);
    if (s.ptr == NULL || n > s.len) return 0;
    for (size_t i = 0; i + n <= s.len; i++)
        if (memcmp(s.ptr + i, needle, n) == 0) return 1;
    return 0;
}

char *read_file(const char *path, size_t *len) {
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

char *vector_path(const char *rel) {
    size_t n = strlen(vectors_dir) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", vectors_dir, rel);
    return p;
}

char *read_vector_file(const char *rel, size_t *len) {
    char *p = vector_path(rel);
    char *text = read_file(p, len);
    free(p);
    return text;
}

int64_t parse_instant(const char *s) {
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

wijknet_date parse_date(const char *s) {
    wijknet_date d = {0, 0, 0};
    if (sscanf(s, "%d-%u-%u", &d.year, &d.month, &d.day) != 3) {
        fprintf(stderr, "bad date %s\n", s);
        exit(2);
    }
    return d;
}

void date_text(wijknet_date d, char out[16]) { snprintf(out, 16, "%04d-%02u-%02u", d.year, d.month, d.day); }

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
void compare_case(const char *name, const cJSON *c, wijknet_result rc, const char *json) {
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

char *print(const cJSON *v) { return cJSON_PrintUnformatted(v); }

uint32_t code_index(uint32_t kind, const char *code) {
    uint32_t i = 0xffffffffu;
    wijknet_result rc = wijknet_code_index(kind, code, strlen(code), &i);
    CHECK(rc == WIJKNET_RESULT_OK, "code_index(%u, %s)", kind, code);
    return i;
}

int code_of(uint32_t kind, const cJSON *v) { return (int)code_index(kind, v->valuestring); }

void check_typed_against_json(const char *name, const wijknet_match_result *res, const char *json) {
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
        const cJSON *hours = cJSON_GetObjectItemCaseSensitive(jc, "free_hours");
        CHECK(c.has_free_hours == cJSON_IsNumber(hours), "%s: has free hours %zu", name, i);
        CHECK(c.free_hours == (cJSON_IsNumber(hours) ? hours->valuedouble : 0.0), "%s: free hours %zu", name, i);
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
        CHECK(e.client_preference == cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(je, "client_preference")),
              "%s: excl client preference", name);
        CHECK(str_eq(e.explanation, cJSON_GetObjectItemCaseSensitive(je, "explanation")->valuestring),
              "%s: excl explanation", name);
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

void run_vectors(const char *folder, int min_count, case_runner run) {
    file_list l = list_cases(folder);
    CHECK((int)l.count >= min_count, "%s: found %zu vectors", folder, l.count);
    for (size_t i = 0; i < l.count; i++) {
        char *text = read_vector_file(l.names[i], NULL);
        cJSON *c = cJSON_Parse(text);
        CHECK(c != NULL, "%s parses", l.names[i]);
        if (c) run(l.names[i], c);
        cJSON_Delete(c);
        free(text);
    }
    printf("ran %zu %s vectors\n", l.count, folder);
    free_list(l);
}

wijknet_registry *load_registry(const char *rel) {
    size_t len;
    char *text = read_vector_file(rel, &len);
    wijknet_registry *r = NULL;
    CHECK_RC(wijknet_registry_from_json(text, len, &r), WIJKNET_RESULT_OK);
    free(text);
    return r;
}

wijknet_agreements *load_agreements(const wijknet_registry *reg, const char *rel) {
    size_t len;
    char *text = read_vector_file(rel, &len);
    wijknet_agreements *a = NULL;
    CHECK_RC(wijknet_agreements_from_json(reg, text, len, &a), WIJKNET_RESULT_OK);
    free(text);
    return a;
}

const char REQUEST[] = "{\"location\":\"7511AA\",\"care_types\":[\"personal_care\"],"
                       "\"desired_start\":\"2026-11-23\",\"latest_start\":\"2026-12-01\"}";
const char OPTIONS[] = "{\"now\":\"2026-11-22T10:00:00Z\",\"stale_after_hours\":72}";
const int64_t NOW = 1795341600; /* 2026-11-22T10:00:00Z */
