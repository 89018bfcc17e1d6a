/*
 * verdict.c - ETSI EN 319 102-1 verdict values (uy_verdict.h).
 */
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
