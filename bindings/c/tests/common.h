/*
 * What the C API tests (test_<capability>.c) share: the pass/fail counters and CHECK macros,
 * reading files and conformance vectors (tests/vectors), the pattern rule of
 * tests/vectors/README.md, date and instant parsing, code lookups, the request every capability
 * matches with, and the cross-check of a typed match result against its JSON form (matching and
 * agreements vectors both use it). Compiled into every test program from common.c.
 */
#ifndef WIJKNET_TEST_COMMON_H
#define WIJKNET_TEST_COMMON_H

#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE
#endif
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wijknet.h"

/* Counts of passed and failed checks of this program; main prints them with test_finish(). */
extern int passed, failed;
/* The tests/vectors directory given on the command line. */
extern const char *vectors_dir;

void check_at(int ok, const char *file, int line, const char *fmt, ...);
#define CHECK(cond, ...) check_at((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_RC(call, want)                                                                       \
    do {                                                                                           \
        wijknet_result rc_ = (call);                                                               \
        wijknet_str m_ = wijknet_last_error_message();                                             \
        CHECK(rc_ == (want), "%s gave %s (%.*s), want %s", #call, wijknet_result_name(rc_),       \
              (int)m_.len, m_.ptr, wijknet_result_name(want));                                     \
    } while (0)

/* Reads the VECTORS_DIR argument; prints the usage and returns 0 when it is missing. */
int test_start(int argc, char **argv);
/* Prints "N passed, M failed" (run.sh reads this line) and returns the exit code. */
int test_finish(void);

int str_eq(wijknet_str s, const char *c);
int str_contains(wijknet_str s, const char *needle);

/* A whole file (NUL-terminated; its length in *len when len is not NULL); exits 2 if unreadable. */
char *read_file(const char *path, size_t *len);
/* VECTORS_DIR/rel, malloc'ed. */
char *vector_path(const char *rel);
char *read_vector_file(const char *rel, size_t *len);

/* "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" -> seconds since the epoch. */
int64_t parse_instant(const char *s);
wijknet_date parse_date(const char *s);
void date_text(wijknet_date d, char out[16]);

/* Compares an answer (JSON text, or NULL after an error) with a case's expected/expected_error
 * by the pattern rule of tests/vectors/README.md. */
void compare_case(const char *name, const cJSON *c, wijknet_result rc, const char *json);
/* cJSON_PrintUnformatted: free with cJSON_free. */
char *print(const cJSON *v);

/* The integer of a code of a kind, checked. */
uint32_t code_index(uint32_t kind, const char *code);
int code_of(uint32_t kind, const cJSON *v);

/* Cross-checks the typed accessors of a result handle against its JSON form. */
void check_typed_against_json(const char *name, const wijknet_match_result *res, const char *json);

/* Runs every vector (*.json, in name order) of VECTORS_DIR/folder through run, checking there
 * are at least min_count, and prints how many ran. */
typedef void (*case_runner)(const char *name, const cJSON *c);
void run_vectors(const char *folder, int min_count, case_runner run);

/* Handles loaded from vector files, checked. */
wijknet_registry *load_registry(const char *rel);
wijknet_agreements *load_agreements(const wijknet_registry *reg, const char *rel);

/* A request that registries/basic.json answers with three candidates, its options, and their now. */
extern const char REQUEST[];
extern const char OPTIONS[];
extern const int64_t NOW; /* 2026-11-22T10:00:00Z */

#endif
