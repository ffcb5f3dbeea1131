/*
 * Prints the size of every struct of include/wijknet.h that the .NET and Java examples declare
 * again (examples/dotnet/Program.cs, examples/java/WijknetExample.java), and the offset and size
 * of each of its fields, one "struct size N" or "struct.field OFFSET SIZE" per line. Their run.sh scripts
 * compare it with what the example prints for `--layout`: a field declared with the wrong type
 * (a 4-byte bool, a missing pad) shows up as a different offset or size.
 */
#include <stddef.h>
#include <stdio.h>

#include "wijknet.h"

#define SIZE(s) printf("%s size %zu\n", #s, sizeof(s))
#define FIELD(s, f) printf("%s.%s %zu %zu\n", #s, #f, offsetof(s, f), sizeof(((s *)0)->f))

int main(void) {
    SIZE(wijknet_str);
    FIELD(wijknet_str, ptr);
    FIELD(wijknet_str, len);
    SIZE(wijknet_date);
    FIELD(wijknet_date, year);
    FIELD(wijknet_date, month);
    FIELD(wijknet_date, day);
    SIZE(wijknet_match_summary);
    FIELD(wijknet_match_summary, outcome);
    FIELD(wijknet_match_summary, candidate_count);
    FIELD(wijknet_match_summary, exclusion_count);
    FIELD(wijknet_match_summary, teams_elsewhere);
    FIELD(wijknet_match_summary, has_accountable);
    FIELD(wijknet_match_summary, registry_version);
    FIELD(wijknet_match_summary, needed_from);
    FIELD(wijknet_match_summary, needed_by);
    SIZE(wijknet_candidate);
    FIELD(wijknet_candidate, rank);
    FIELD(wijknet_candidate, team);
    FIELD(wijknet_candidate, organisation);
    FIELD(wijknet_candidate, preferred);
    FIELD(wijknet_candidate, possible_start);
    FIELD(wijknet_candidate, possible_start_days);
    FIELD(wijknet_candidate, capacity_status);
    FIELD(wijknet_candidate, capacity_updated_at_unix);
    FIELD(wijknet_candidate, flags);
    FIELD(wijknet_candidate, via_count);
    FIELD(wijknet_candidate, contact_reachable_now);
    FIELD(wijknet_candidate, has_free_hours);
    FIELD(wijknet_candidate, free_hours);
    SIZE(wijknet_exclusion);
    FIELD(wijknet_exclusion, team);
    FIELD(wijknet_exclusion, organisation);
    FIELD(wijknet_exclusion, reason);
    FIELD(wijknet_exclusion, detail);
    FIELD(wijknet_exclusion, client_preference);
    FIELD(wijknet_exclusion, explanation);
    SIZE(wijknet_accountable);
    FIELD(wijknet_accountable, party);
    FIELD(wijknet_accountable, source);
    FIELD(wijknet_accountable, via);
    SIZE(wijknet_consent_request);
    FIELD(wijknet_consent_request, client);
    FIELD(wijknet_consent_request, discloser);
    FIELD(wijknet_consent_request, discloser_role);
    FIELD(wijknet_consent_request, recipient);
    FIELD(wijknet_consent_request, recipient_role);
    FIELD(wijknet_consent_request, purpose);
    FIELD(wijknet_consent_request, categories);
    FIELD(wijknet_consent_request, channel);
    FIELD(wijknet_consent_request, policy);
    FIELD(wijknet_consent_request, emergency);
    FIELD(wijknet_consent_request, emergency_reason);
    FIELD(wijknet_consent_request, treatment_relationships);
    FIELD(wijknet_consent_request, treatment_relationship_count);
    FIELD(wijknet_consent_request, at_unix_seconds);
    FIELD(wijknet_consent_request, data_form_given);
    FIELD(wijknet_consent_request, data_form);
    FIELD(wijknet_consent_request, discloser_kind_given);
    FIELD(wijknet_consent_request, discloser_kind);
    FIELD(wijknet_consent_request, recipient_kind_given);
    FIELD(wijknet_consent_request, recipient_kind);
    SIZE(wijknet_consent_answer);
    FIELD(wijknet_consent_answer, permitted);
    FIELD(wijknet_consent_answer, denied);
    FIELD(wijknet_consent_answer, no_applicable_consent);
    FIELD(wijknet_consent_answer, who_decides);
    FIELD(wijknet_consent_answer, basis);
    FIELD(wijknet_consent_answer, obligations);
    return 0;
}
