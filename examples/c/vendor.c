/*
 * What an ECD vendor does with wijknet: load the region's registry (and agreements, if any) once
 * at start-up; for a referral, ask "who can take this client?" and show the ranked teams, why the
 * others cannot, and who is accountable when nobody can; then ask "may the GP share these data
 * with the first team?" on the typed consent fast path.
 *
 * Usage: vendor REGISTRY.json [AGREEMENTS.json]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wijknet.h"

/* Prints the failed call's code, message and every (path, reason) problem. */
static int report(const char *what, wijknet_result rc) {
    wijknet_str msg = wijknet_last_error_message();
    fprintf(stderr, "%s failed: %s: %.*s\n", what, wijknet_result_name(rc), (int)msg.len, msg.ptr);
    for (size_t i = 0; i < wijknet_last_error_problem_count(); i++) {
        wijknet_str path, reason;
        if (wijknet_last_error_problem(i, &path, &reason) == WIJKNET_RESULT_OK)
            fprintf(stderr, "  `%.*s`: %.*s\n", (int)path.len, path.ptr, (int)reason.len, reason.ptr);
    }
    return 1;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

static const char *label(uint32_t kind, uint32_t index) {
    static char buf[128];
    wijknet_str s;
    if (wijknet_code_label(kind, index, WIJKNET_LABEL_LANGUAGE_ENGLISH, &s) != WIJKNET_RESULT_OK) return "?";
    snprintf(buf, sizeof buf, "%.*s", (int)s.len, s.ptr);
    return buf;
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s REGISTRY.json [AGREEMENTS.json]\n", argv[0]);
        return 2;
    }
    if (wijknet_abi_version() != WIJKNET_ABI_VERSION) {
        fprintf(stderr, "libwijknet %s does not match the header (%s)\n", wijknet_version(), WIJKNET_VERSION);
        return 1;
    }
    printf("wijknet %s\n", wijknet_version());

    size_t len;
    char *text = slurp(argv[1], &len);
    if (!text) return 2;
    wijknet_registry *registry = NULL;
    wijknet_result rc = wijknet_registry_from_json(text, len, &registry);
    free(text);
    if (rc != WIJKNET_RESULT_OK) return report("loading the registry", rc);

    wijknet_agreements *agreements = NULL;
    if (argc == 3) {
        text = slurp(argv[2], &len);
        if (!text) return 2;
        rc = wijknet_agreements_from_json(registry, text, len, &agreements);
        free(text);
        if (rc != WIJKNET_RESULT_OK) {
            wijknet_registry_free(registry);
            return report("loading the agreements", rc);
        }
    }

    /* The hospital transfer office discharges a woman to Wesselerbrink (7544GK) who needs wound
     * care and injections, starting tonight. The host passes "now"; wijknet never reads the
     * clock. The demo's fixed now, 2026-11-22T13:00:00Z, keeps the output reproducible. */
    const char request[] = "{\"location\": \"7544GK\", \"care_types\": [\"wound_care\", \"medical_technical\"], "
                           "\"urgency\": \"acute\", \"times_of_day\": [\"day\", \"night\"]}";
    const int64_t now = 1795352400;
    wijknet_match_result *result = NULL;
    /* agreements is NULL when none were given: then the registry alone is matched */
    rc = wijknet_match(registry, agreements, request, strlen(request), now, 72, &result);
    if (rc != WIJKNET_RESULT_OK) {
        wijknet_agreements_free(agreements);
        wijknet_registry_free(registry);
        return report("matching", rc);
    }

    wijknet_match_summary summary;
    wijknet_match_result_summary(result, &summary);
    printf("referral 7544GK wound care + injections, acute: %s, %zu candidate(s), %zu excluded\n",
           label(WIJKNET_CODE_KIND_MATCH_OUTCOME, summary.outcome), summary.candidate_count, summary.exclusion_count);
    for (size_t i = 0; i < summary.candidate_count; i++) {
        wijknet_candidate c;
        wijknet_match_result_candidate(result, i, &c);
        printf("  %u. team %.*s (%.*s) can start %04d-%02u-%02u%s%s\n", c.rank, (int)c.team.len, c.team.ptr,
               (int)c.organisation.len, c.organisation.ptr, c.possible_start.year, c.possible_start.month,
               c.possible_start.day, c.via_count ? ", partly through an agreement" : "",
               (c.flags & (1u << WIJKNET_CANDIDATE_FLAG_CAPACITY_STALE)) ? ", capacity stale: call first" : "");
    }
    for (size_t i = 0; i < summary.exclusion_count; i++) {
        wijknet_exclusion e;
        wijknet_match_result_exclusion(result, i, &e);
        printf("  not %.*s: %s (%.*s)\n", (int)e.team.len, e.team.ptr, label(WIJKNET_CODE_KIND_EXCLUSION_REASON, e.reason),
               (int)e.detail.len, e.detail.ptr);
    }
    wijknet_accountable accountable;
    if (wijknet_match_result_accountable(result, &accountable) == WIJKNET_RESULT_OK)
        printf("  nobody can: %.*s is accountable (%s)\n", (int)accountable.party.len, accountable.party.ptr,
               label(WIJKNET_CODE_KIND_ACCOUNTABLE_SOURCE, accountable.source));

    /* May the hospital share the discharge data with the first team's organisation? Both have a
     * treatment relationship with the client: care data may go without consent (WGBO), social
     * data may not without the client's explicit consent. A small inline consent store stands in
     * for the vendor's own. */
    wijknet_candidate first;
    if (wijknet_match_result_candidate(result, 0, &first) == WIJKNET_RESULT_OK) {
        const char store_json[] =
            "{\"schema\": \"wijknet.consent/v1\", \"version\": \"demo\", \"clients\": [{\"id\": \"cl-demo\", "
            "\"date_of_birth\": \"1941-05-02\", \"can_decide\": true}], \"consents\": [], \"objections\": []}";
        wijknet_consent_store *store = NULL;
        rc = wijknet_consent_store_from_json(store_json, strlen(store_json), &store);
        if (rc != WIJKNET_RESULT_OK) return report("loading the consent store", rc);
        wijknet_str relationships[2] = {{"hosp-transfer", 13}, first.organisation};
        wijknet_consent_request q;
        memset(&q, 0, sizeof q);
        q.client = (wijknet_str){"cl-demo", 7};
        q.discloser = (wijknet_str){"hosp-transfer", 13};
        q.discloser_role = WIJKNET_RECIPIENT_ROLE_HOSPITAL;
        q.recipient = first.organisation;
        q.recipient_role = WIJKNET_RECIPIENT_ROLE_HOME_CARE_PROVIDER;
        q.purpose = WIJKNET_PURPOSE_REFERRAL_PLACEMENT;
        q.categories = 1u << WIJKNET_DATA_CATEGORY_MEDICAL | 1u << WIJKNET_DATA_CATEGORY_NURSING_PLAN_REPORTS |
                       1u << WIJKNET_DATA_CATEGORY_SOCIAL_WMO;
        q.channel = WIJKNET_CONSENT_CHANNEL_DIRECT;
        q.policy = WIJKNET_COMBINING_POLICY_MOST_SPECIFIC_WINS;
        q.treatment_relationships = relationships;
        q.treatment_relationship_count = 2;
        q.at_unix_seconds = now;
        wijknet_consent_answer answer;
        rc = wijknet_consent_check(store, NULL, &q, &answer);
        if (rc != WIJKNET_RESULT_OK) return report("checking consent", rc);
        printf("may hosp-transfer share with %.*s for referral and placement?\n", (int)first.organisation.len,
               first.organisation.ptr);
        for (uint32_t c = 0; c < 32; c++) {
            if (!(q.categories & (1u << c))) continue;
            const char *what = (answer.permitted & (1u << c)) ? "permit" : (answer.denied & (1u << c)) ? "deny" : "ask the client";
            printf("  %-28s %s", label(WIJKNET_CODE_KIND_DATA_CATEGORY, c), what);
            printf(" (%s)\n", label(WIJKNET_CODE_KIND_CONSENT_BASIS, answer.basis[c]));
        }
        wijknet_consent_store_free(store);
    }

    wijknet_match_result_free(result);
    wijknet_agreements_free(agreements);
    wijknet_registry_free(registry);
    return 0;
}
