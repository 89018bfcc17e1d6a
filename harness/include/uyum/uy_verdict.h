/*
 * uy_verdict.h - verdicts on artefacts (axis 2: what does the standard say?),
 * after ETSI EN 319 102-1 V1.4.1 clause 5.1 (Tables 5 to 7).
 *
 * A uy_verdict is a plain value: an indication, one sub-indication, a
 * one-line reason and the clause it rests on. It keeps the FIRST failure
 * only: once a verdict is not PASSED / TOTAL-PASSED, uy_verdict_set() leaves
 * it unchanged. Building blocks (signature level, chain, time-stamps, ...)
 * give PASSED / FAILED / INDETERMINATE; the overall validation process gives
 * TOTAL-PASSED / TOTAL-FAILED / INDETERMINATE.
 */
#ifndef UYUM_UY_VERDICT_H
#define UYUM_UY_VERDICT_H

#include <stddef.h>
#include <stdint.h>

/* Main indications (EN 319 102-1 §5.1.2, §5.1.3). */
typedef enum {
	UY_IND_NONE = 0,		/* no verdict (the function failed) */
	UY_IND_TOTAL_PASSED,		/* TOTAL-PASSED */
	UY_IND_TOTAL_FAILED,		/* TOTAL-FAILED */
	UY_IND_INDETERMINATE,		/* INDETERMINATE (overall or building block) */
	UY_IND_PASSED,			/* building block PASSED */
	UY_IND_FAILED			/* building block FAILED */
} uy_indication;

/*
 * Sub-indications, spelled as in EN 319 102-1 Tables 6 and 7.
 * X(name). Append-only: reports store the names.
 */
#define UY_SUB_TABLE(X) \
	X(FORMAT_FAILURE) \
	X(HASH_FAILURE) \
	X(SIG_CRYPTO_FAILURE) \
	X(REVOKED) \
	X(EXPIRED) \
	X(NOT_YET_VALID) \
	X(SIG_CONSTRAINTS_FAILURE) \
	X(CHAIN_CONSTRAINTS_FAILURE) \
	X(CERTIFICATE_CHAIN_GENERAL_FAILURE) \
	X(CRYPTO_CONSTRAINTS_FAILURE) \
	X(POLICY_PROCESSING_ERROR) \
	X(SIGNATURE_POLICY_NOT_AVAILABLE) \
	X(TIMESTAMP_ORDER_FAILURE) \
	X(NO_SIGNING_CERTIFICATE_FOUND) \
	X(NO_CERTIFICATE_CHAIN_FOUND) \
	X(NO_CERTIFICATE_CHAIN_FOUND_NO_POE) \
	X(REVOKED_NO_POE) \
	X(REVOKED_CA_NO_POE) \
	X(OUT_OF_BOUNDS_NOT_REVOKED) \
	X(OUT_OF_BOUNDS_NO_POE) \
	X(REVOCATION_OUT_OF_BOUNDS_NO_POE) \
	X(CRYPTO_CONSTRAINTS_FAILURE_NO_POE) \
	X(NO_POE) \
	X(TRY_LATER) \
	X(SIGNED_DATA_NOT_FOUND) \
	X(CUSTOM)

#define UY_SUB_ENUM_(name) UY_SUB_##name,
typedef enum {
	UY_SUB_NONE = 0,	/* no sub-indication (PASSED, TOTAL-PASSED, NONE) */
	UY_SUB_TABLE(UY_SUB_ENUM_)
	UY_SUB_COUNT_
} uy_subindication;
#undef UY_SUB_ENUM_

/** Longest reason kept, including the NUL (longer ones are cut). */
#define UY_VERDICT_REASON_MAX 160u

/**
 * A verdict on one artefact or building block. Plain value: copy freely.
 * `reason` is one line in English ("" when PASSED); `clause` is a static
 * string naming the standard and clause (NULL when none applies).
 */
typedef struct {
	uy_indication indication;
	uy_subindication sub;
	char reason[UY_VERDICT_REASON_MAX];
	const char *clause;
} uy_verdict;

/** The "no verdict" value held by out-parameters on error. */
#define UY_VERDICT_UNSET ((uy_verdict){UY_IND_NONE, UY_SUB_NONE, {0}, NULL})

/**
 * Record a result, keeping the first failure.
 *
 * If `v` already holds a failure (anything but NONE, PASSED and
 * TOTAL-PASSED), nothing changes. Otherwise `v` becomes (ind, sub, reason,
 * clause). Newlines and other control characters in the reason become
 * spaces; a reason longer than UY_VERDICT_REASON_MAX - 1 bytes is cut.
 *
 * @param v      the verdict to update.
 * @param ind    the indication; UY_IND_NONE is a caller bug (ignored).
 * @param sub    the sub-indication; UY_SUB_NONE for PASSED and TOTAL-PASSED.
 * @param reason one line, borrowed and copied; may be NULL (empty).
 * @param clause static string naming the clause, e.g. "RFC 5652 §11.2";
 *               borrowed, must outlive `v`; may be NULL.
 * @standard ETSI EN 319 102-1 §5.1
 */
void uy_verdict_set(uy_verdict *v, uy_indication ind, uy_subindication sub, const char *reason,
                    const char *clause);

/**
 * Whether the verdict holds a failure (FAILED, TOTAL-FAILED or
 * INDETERMINATE).
 *
 * @param v the verdict.
 * @return 1 if it does, 0 for NONE, PASSED and TOTAL-PASSED.
 */
int uy_verdict_is_failure(const uy_verdict *v);

/**
 * Name of an indication as written in reports: "TOTAL-PASSED",
 * "TOTAL-FAILED", "INDETERMINATE", "PASSED", "FAILED" or "NONE".
 *
 * @param ind any value; unknown values give "NONE".
 * @return a static string; never NULL.
 */
const char *uy_indication_name(uy_indication ind);

/**
 * Name of a sub-indication as in EN 319 102-1, e.g. "HASH_FAILURE";
 * "" for UY_SUB_NONE and unknown values.
 *
 * @param sub any value.
 * @return a static string; never NULL.
 */
const char *uy_subindication_name(uy_subindication sub);

/**
 * A time as RFC 3339 UTC text for reasons, e.g. "2027-02-01T00:00:00Z"
 * (proleptic Gregorian; never the local zone, never the clock).
 *
 * @param t   UTC seconds since 1970 (negative allowed).
 * @param out buffer; 21 bytes hold any year 0000-9999; cut to cap - 1.
 * @param cap bytes in out; 0 writes nothing.
 */
void uy_utc_text(int64_t t, char *out, size_t cap);

#endif /* UYUM_UY_VERDICT_H */
