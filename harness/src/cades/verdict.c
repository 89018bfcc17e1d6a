/*
 * verdict.c - ETSI EN 319 102-1 verdict values (uy_verdict.h).
 */
#include <stdio.h>
#include <string.h>

#include "uyum/uy_verdict.h"

#define VERDICT_SUB_NAME_(name) #name,
static const char *const verdict_sub_names[] = {
	"",
	UY_SUB_TABLE(VERDICT_SUB_NAME_)
};
#undef VERDICT_SUB_NAME_

_Static_assert(sizeof(verdict_sub_names) / sizeof(verdict_sub_names[0]) == UY_SUB_COUNT_,
               "one name per sub-indication");

/* see uy_verdict.h */
int
uy_verdict_is_failure(const uy_verdict *v)
{
	if (v == NULL) {
		return 0;
	}
	switch (v->indication) {
	case UY_IND_FAILED:
	case UY_IND_TOTAL_FAILED:
	case UY_IND_INDETERMINATE:
		return 1;
	case UY_IND_NONE:
	case UY_IND_PASSED:
	case UY_IND_TOTAL_PASSED:
	default:
		return 0;
	}
}

/* see uy_verdict.h */
void
uy_verdict_set(uy_verdict *v, uy_indication ind, uy_subindication sub, const char *reason,
               const char *clause)
{
	if (v == NULL || ind == UY_IND_NONE || uy_verdict_is_failure(v)) {
		return;
	}
	v->indication = ind;
	v->sub = sub;
	v->clause = clause;
	v->reason[0] = '\0';
	if (reason == NULL) {
		return;
	}
	size_t n = strlen(reason);
	if (n > UY_VERDICT_REASON_MAX - 1) {
		n = UY_VERDICT_REASON_MAX - 1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)reason[i];
		v->reason[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	v->reason[n] = '\0';
}

/* see uy_verdict.h */
const char *
uy_indication_name(uy_indication ind)
{
	switch (ind) {
	case UY_IND_TOTAL_PASSED:
		return "TOTAL-PASSED";
	case UY_IND_TOTAL_FAILED:
		return "TOTAL-FAILED";
	case UY_IND_INDETERMINATE:
		return "INDETERMINATE";
	case UY_IND_PASSED:
		return "PASSED";
	case UY_IND_FAILED:
		return "FAILED";
	case UY_IND_NONE:
	default:
		return "NONE";
	}
}

/* see uy_verdict.h */
const char *
uy_subindication_name(uy_subindication sub)
{
	if ((unsigned)sub >= (unsigned)UY_SUB_COUNT_) {
		return "";
	}
	return verdict_sub_names[sub];
}

/* UTC seconds as RFC 3339 ("2027-02-01T00:00:00Z") for reasons; never the local zone. */
/* see uy_verdict.h */
void
uy_utc_text(int64_t t, char *out, size_t cap)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;
	/* civil_from_days (H. Hinnant). */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	int64_t y = yoe + era * 400 + (m <= 2);
	(void)snprintf(out, cap, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", (long long)y,
	                   (long long)m, (long long)d, (long long)(secs / 3600),
	                   (long long)(secs % 3600 / 60), (long long)(secs % 60));
}
