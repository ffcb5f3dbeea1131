/*
 * No error of the C API repeats personal data (issue 10): over more than 10,000 generated inputs,
 * no last-error message, problem path, reason or error JSON contains a planted citizen service
 * number, date of birth or name.
 *
 * As core/tests/no_personal_data.rs: every value of tests/vectors/registries/region.json, of its
 * agreements and of the request, options and capacity update of matching vector 010 is replaced
 * in turn (and an unknown key is inserted into every object) by each planted value: a BSN as a
 * number and as text, a date of birth as a number and as an instant, a name, an array and an
 * object holding them, a number with a fraction. cJSON walks and mutates the documents; every
 * variant goes through the JSON entry points (wijknet_registry_from_json,
 * wijknet_agreements_from_json, wijknet_match_json without and with agreements for the request and
 * the options, wijknet_registry_update_capacities), against the region registry. Two
 * more registries are swept the same way, so the C suite alone passes 10,000 inputs: basic.json
 * (the registry vector 010 names) and the Twente example registry (examples/data/twente.json).
 *
 * Usage: test_personal_data VECTORS_DIR [TWENTE_JSON]
 *        Prints the count; exits 1 on any hit, panic, or fewer than 10,000 inputs.
 */
#define _DEFAULT_SOURCE
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wijknet.h"

static const char *MARKERS[] = {"111222333", "20110901", "2011-09-01", "Jantje", "Pietersen"};
#define MARKER_COUNT (sizeof MARKERS / sizeof MARKERS[0])
static const char *PLANTED[] = {
    "111222333",
    "\"111222333\"",
    "20110901",
    "\"2011-09-01T00:00:00Z\"",
    "\"2011-09-01\"",
    "\"Jantje Pietersen\"",
    "[\"Jantje Pietersen\", 111222333]",
    "{\"Jantje Pietersen\": \"111222333\"}",
    "-111222333.5",
};
#define PLANTED_COUNT (sizeof PLANTED / sizeof PLANTED[0])
#define NAME "Jantje Pietersen"

static const char *vectors_dir;
static long tried, hits;

static char *read_path(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) exit(2);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static cJSON *parse_file(const char *path) {
    char *text = read_path(path);
    cJSON *v = cJSON_Parse(text);
    free(text);
    if (!v) {
        fprintf(stderr, "cannot parse %s\n", path);
        exit(2);
    }
    return v;
}

static cJSON *parse_vector(const char *rel) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", vectors_dir, rel);
    return parse_file(path);
}

static int contains(const char *s, size_t len, const char *needle) {
    size_t n = strlen(needle);
    if (s == NULL || n > len) return 0;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0) return 1;
    return 0;
}

/* After a call: its code, and everything the last-error functions report, free of markers. */
static void inspect(wijknet_result rc, const char *what, const char *where) {
    tried++;
    if (rc == WIJKNET_RESULT_OK) return;
    if (rc == WIJKNET_RESULT_INTERNAL) {
        wijknet_str m = wijknet_last_error_message();
        fprintf(stderr, "FAIL panic in %s for a value planted at %s: %.*s\n", what, where, (int)m.len, m.ptr);
        hits++;
        return;
    }
    wijknet_str texts[3] = {wijknet_last_error_message(), wijknet_last_error_json(), wijknet_last_error_code_name()};
    for (size_t t = 0; t < 3; t++)
        for (size_t k = 0; k < MARKER_COUNT; k++)
            if (contains(texts[t].ptr, texts[t].len, MARKERS[k])) {
                fprintf(stderr, "FAIL `%s` echoed by %s for a value planted at %s: %.*s\n", MARKERS[k], what, where,
                        (int)texts[t].len, texts[t].ptr);
                hits++;
            }
    size_t n = wijknet_last_error_problem_count();
    for (size_t i = 0; i < n; i++) {
        wijknet_str path, reason;
        if (wijknet_last_error_problem(i, &path, &reason) != WIJKNET_RESULT_OK) {
            fprintf(stderr, "FAIL problem %zu of %zu unreadable\n", i, n);
            hits++;
            continue;
        }
        for (size_t k = 0; k < MARKER_COUNT; k++)
            if (contains(path.ptr, path.len, MARKERS[k]) || contains(reason.ptr, reason.len, MARKERS[k])) {
                fprintf(stderr, "FAIL `%s` echoed by %s for a value planted at %s: `%.*s`: %.*s\n", MARKERS[k], what,
                        where, (int)path.len, path.ptr, (int)reason.len, reason.ptr);
                hits++;
            }
    }
}

/* ---- the loaders: one JSON text in, every result handle freed ---- */

typedef void (*loader)(const char *json, size_t len, const char *where);

static wijknet_registry *region;
static wijknet_agreements *region_agreements;
static char *request_text, *options_text; /* the vector's, for the calls that vary the other */

static void load_registry(const char *json, size_t len, const char *where) {
    wijknet_registry *r = NULL;
    inspect(wijknet_registry_from_json(json, len, &r), "wijknet_registry_from_json", where);
    wijknet_registry_free(r);
}

static void load_agreements(const char *json, size_t len, const char *where) {
    wijknet_agreements *a = NULL;
    inspect(wijknet_agreements_from_json(region, json, len, &a), "wijknet_agreements_from_json", where);
    wijknet_agreements_free(a);
}

static void match_request(const char *json, size_t len, const char *where) {
    char *out = NULL;
    size_t out_len = 0;
    inspect(wijknet_match_json(region, NULL, json, len, options_text, strlen(options_text), &out, &out_len),
            "wijknet_match_json (request)", where);
    wijknet_string_free(out);
    out = NULL;
    inspect(wijknet_match_json(region, region_agreements, json, len, options_text, strlen(options_text), &out,
                               &out_len),
            "wijknet_match_json with agreements (request)", where);
    wijknet_string_free(out);
}

static void match_options(const char *json, size_t len, const char *where) {
    char *out = NULL;
    size_t out_len = 0;
    inspect(wijknet_match_json(region, NULL, request_text, strlen(request_text), json, len, &out, &out_len),
            "wijknet_match_json (options)", where);
    wijknet_string_free(out);
    out = NULL;
    inspect(wijknet_match_json(region, region_agreements, request_text, strlen(request_text), json, len, &out,
                               &out_len),
            "wijknet_match_json with agreements (options)", where);
    wijknet_string_free(out);
}

static void update_capacity(const char *json, size_t len, const char *where) {
    wijknet_registry *next = NULL;
    inspect(wijknet_registry_update_capacities(region, json, len, &next), "wijknet_registry_update_capacities", where);
    wijknet_registry_free(next);
}

/* ---- the sweep ---- */

/* Plants every value at one place of `doc` in turn and loads each variant; the document is left
 * as it was. `parent` holds the place: child `index` of an array or object, or (`insert`) a new
 * member named NAME. Replacing keeps the place (and so the order of the document). */
static void plant(cJSON *doc, cJSON *parent, int index, int insert, loader load, const char *where) {
    cJSON *current = insert ? NULL : cJSON_GetArrayItem(parent, index);
    cJSON *original = current ? cJSON_Duplicate(current, 1) : NULL;
    for (size_t p = 0; p < PLANTED_COUNT; p++) {
        cJSON *value = cJSON_Parse(PLANTED[p]);
        if (insert) {
            cJSON_AddItemToObject(parent, NAME, value);
        } else {
            if (current->string) value->string = strdup(current->string);
            cJSON_ReplaceItemViaPointer(parent, current, value); /* frees `current` */
            current = value;
        }
        char *text = cJSON_PrintUnformatted(doc);
        load(text, strlen(text), where);
        free(text);
        if (insert) cJSON_Delete(cJSON_DetachItemViaPointer(parent, value));
    }
    if (original) cJSON_ReplaceItemViaPointer(parent, current, original);
}

static void sweep(cJSON *doc, cJSON *node, loader load, const char *path) {
    char where[1024];
    if (cJSON_IsObject(node)) {
        snprintf(where, sizeof where, "%s/%s", path, NAME);
        plant(doc, node, 0, 1, load, where);
    }
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node)) return;
    int n = cJSON_GetArraySize(node);
    for (int i = 0; i < n; i++) {
        const cJSON *child = cJSON_GetArrayItem(node, i);
        if (cJSON_IsObject(node)) {
            snprintf(where, sizeof where, "%s/%s", path, child->string);
        } else {
            snprintf(where, sizeof where, "%s/%d", path, i);
        }
        plant(doc, node, i, 0, load, where);
        sweep(doc, cJSON_GetArrayItem(node, i), load, where); /* the restored copy */
    }
}

/* Sweeps a document that stands on its own (a copy, so the caller's stays intact). */
static void sweep_document(const cJSON *document, loader load) {
    cJSON *doc = cJSON_Duplicate(document, 1);
    char *before = cJSON_PrintUnformatted(doc);
    sweep(doc, doc, load, "");
    char *after = cJSON_PrintUnformatted(doc);
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "FAIL the sweep did not restore the document\n");
        hits++;
    }
    free(before);
    free(after);
    cJSON_Delete(doc);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s VECTORS_DIR [TWENTE_JSON]\n", argv[0]);
        return 2;
    }
    vectors_dir = argv[1];
    char twente_path[4096];
    snprintf(twente_path, sizeof twente_path, "%s/../../examples/data/twente.json", vectors_dir);
    cJSON *basic = parse_vector("registries/basic.json");
    cJSON *twente = parse_file(argc == 3 ? argv[2] : twente_path);
    cJSON *registry = parse_vector("registries/region.json");
    cJSON *agreements = parse_vector("registries/region.agreements.json");
    cJSON *vector = parse_vector("matching/010-capacity-update-then-match.json");

    char *text = cJSON_PrintUnformatted(registry);
    if (wijknet_registry_from_json(text, strlen(text), &region) != WIJKNET_RESULT_OK) return 2;
    free(text);
    text = cJSON_PrintUnformatted(agreements);
    if (wijknet_agreements_from_json(region, text, strlen(text), &region_agreements) != WIJKNET_RESULT_OK) return 2;
    free(text);
    cJSON *request = cJSON_GetObjectItemCaseSensitive(vector, "request");
    cJSON *options = cJSON_GetObjectItemCaseSensitive(vector, "options");
    cJSON *update = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(vector, "capacity_updates"), 0);
    request_text = cJSON_PrintUnformatted(request);
    options_text = cJSON_PrintUnformatted(options);

    sweep_document(registry, load_registry);
    sweep_document(agreements, load_agreements);
    sweep_document(request, match_request);
    sweep_document(options, match_options);
    sweep_document(update, update_capacity);
    sweep_document(basic, load_registry);
    sweep_document(twente, load_registry);

    printf("%ld planted inputs through the C JSON entry points, %ld personal-data hits\n", tried, hits);
    int ok = hits == 0 && tried >= 10000;
    if (tried < 10000) fprintf(stderr, "FAIL only %ld inputs\n", tried);

    free(request_text);
    free(options_text);
    wijknet_agreements_free(region_agreements);
    wijknet_registry_free(region);
    cJSON_Delete(registry);
    cJSON_Delete(agreements);
    cJSON_Delete(vector);
    cJSON_Delete(basic);
    cJSON_Delete(twente);
    return ok ? 0 : 1;
}
