/*
 * uy_tst.h - RFC 3161 time-stamp tokens inside CAdES signatures: the
 * signature-time-stamp, the CAdES-C time-stamp and the archive-time-stamps
 * v2 and v3 (ETSI EN 319 102-1 §5.4 time-stamp validation building block;
 * RFC 3161 §2.3, §2.4.2; RFC 5816; spec signatures §4.5).
 *
 * What the token covers (its messageImprint) differs per kind, so the caller
 * supplies it through a callback that is given the hash algorithm the token
 * uses; uy_ltv.h computes the imprints of the CAdES attributes.
 *
 * Never reads the wall clock and never touches the network.
 */
#ifndef UYUM_UY_TST_H
#define UYUM_UY_TST_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "uyum/uy_path.h"
#include "uyum/uy_verdict.h"

/**
 * Compare a token's messageImprint with what it must cover.
 *
 * @param ctx         the caller's context; borrowed.
 * @param md          the token's messageImprint hash algorithm; borrowed.
 * @param imprint     the token's hashedMessage; borrowed.
 * @param imprint_len its length in bytes.
 * @param[out] form   on a match, a static name of what matched (e.g.
 *                    "signature-value", "ats-v2-clause-6", "ats-v2-annex-k",
 *                    "ats-v3"); untouched otherwise.
 * @return 1 the imprint matches; 0 it does not; -1 a harness error
 *         (uy_error_set() called; uy_tst_validate() returns UY_ERR_CRYPTO).
 */
typedef int (*uy_tst_imprint_fn)(void *ctx, const EVP_MD *md, const uint8_t *imprint,
                                 size_t imprint_len, const char **form);

/** Inputs of uy_tst_validate(). All pointers are borrowed. */
typedef struct {
	unsigned version;	/* UY_TST_INPUTS_VERSION */
	/* The path inputs for the TSA certificate: anchors, untrusted
	 * certificates (certificate-values, SignedData.certificates of the
	 * signature), CRLs and OCSP responses, reference_time T (the
	 * validation time), ca/ee revocation policies, auth_level and flags.
	 * uy_tst_validate() copies it, adds the token's own certificates to the
	 * untrusted ones and sets best_signature_time to the token's genTime
	 * (or T if genTime is later than T). */
	const uy_path_inputs *path;
} uy_tst_inputs;

#define UY_TST_INPUTS_VERSION 1u

/** Longest text field kept, including the NUL. */
#define UY_TST_TEXT_MAX 80u

/** What uy_tst_validate() found. Plain value. */
typedef struct {
	/* 1 when TSTInfo was decoded; then gen_time is genTime in UTC seconds
	 * (fractions dropped) and the fields below are set. */
	int parsed;
	int64_t gen_time;
	int imprint_nid;			/* NID of the messageImprint hash */
	char imprint_form[UY_TST_TEXT_MAX];	/* the callback's form on a match */
	char policy[UY_TST_TEXT_MAX];		/* TSTInfo.policy, dotted */
	char serial_hex[UY_TST_TEXT_MAX];	/* TSTInfo.serialNumber, upper hex */
	char tsa_subject[UY_PATH_SUBJECT_MAX];	/* the token signer, RFC 2253 */
	/* 1 when the TSA certificate was found; then `path` holds its path
	 * validation at genTime (when step 5 was reached). In path.certs[],
	 * `cert` is borrowed from in->path (anchors or untrusted, an equal
	 * certificate when the token carries it too), or NULL for a
	 * certificate that only the token carries (freed on return). */
	int tsa_found;
	uy_path_report path;
} uy_tst_report;

/**
 * Validate one time-stamp token (a DER ContentInfo, as carried in the
 * attribute value).
 *
 * Checks, keeping the first failure:
 * 1. the token is a DER ContentInfo of SignedData with exactly one
 *    SignerInfo, eContentType id-ct-TSTInfo and a DER TSTInfo of version 1
 *    whose genTime is a valid DER GeneralizedTime; and the fields no
 *    signature covers are right: SignedData.version (3, or 4/5 with
 *    attribute or "other" certificate formats), SignerInfo.version (1 for
 *    issuerAndSerialNumber, 3 for subjectKeyIdentifier), digestAlgorithms
 *    naming only the signer's digest algorithm, hash parameters absent or
 *    NULL, RSA PKCS#1 v1.5 signature parameters NULL (else FAILED /
 *    FORMAT_FAILURE);
 * 2. the token's SignerInfo at the signature level (uy_cades_check_signature:
 *    message-digest over the TSTInfo, signing-certificate(-v2) naming the
 *    TSA certificate, the signature); the TSA certificate is looked up by
 *    sid in the token's certificates, then in path->untrusted (then the
 *    block runs on the token with that certificate added to
 *    SignedData.certificates, which no signature covers). The block's
 *    verdict as it is: FAILED / HASH_FAILURE, SIG_CRYPTO_FAILURE,
 *    INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND (also when neither has
 *    it), ...;
 * 3. the messageImprint: its algorithm known to OpenSSL (else INDETERMINATE
 *    / CRYPTO_CONSTRAINTS_FAILURE) and `imprint_fn` says it matches (else
 *    FAILED / HASH_FAILURE);
 * 4. the TSA certificate has an extendedKeyUsage extension that is critical
 *    and holds id-kp-timeStamping only (else INDETERMINATE /
 *    CHAIN_CONSTRAINTS_FAILURE, RFC 3161 §2.3);
 * 5. the TSA certificate's path at genTime, with uy_path_validate() (its
 *    verdict, TOTAL-FAILED given as FAILED since this is a building block:
 *    FAILED / EXPIRED, NOT_YET_VALID, REVOKED; INDETERMINATE / ...).
 * Once step 1 passed, steps 2 and 3 always run, and 4 and 5 when the TSA
 * certificate was found, so that `details` is complete; the verdict is the
 * first failure, its reason starting with "time-stamp token: ".
 *
 * @param[out] out     building-block verdict (PASSED, FAILED or
 *                     INDETERMINATE); UY_VERDICT_UNSET on error.
 * @param[out] details findings; may be NULL. Zeroed first.
 * @param token        the token's DER; borrowed; at most
 *                     UY_MAX_SIGNATURE_PART bytes.
 * @param imprint_fn   compares the imprint; not NULL.
 * @param imprint_ctx  passed to imprint_fn; borrowed.
 * @param in           inputs; `version` must be UY_TST_INPUTS_VERSION.
 * @return UY_OK           a verdict was given (whatever it is)
 * @return UY_ERR_USAGE    NULL argument (out, imprint_fn, in, in->path) or
 *                         wrong version (in, in->path), or an error
 *                         uy_path_validate() gives for in->path
 * @return UY_ERR_LIMIT    token too large, or a path input over its limit
 *                         (path->untrusted plus the token's certificates
 *                         over UY_PATH_MAX_INPUTS)
 * @return UY_ERR_NOMEM    out of memory
 * @return UY_ERR_CRYPTO   OpenSSL failed on a step unrelated to the token,
 *                         or imprint_fn returned -1; see uy_error_last()
 * @standard RFC 3161 §2.3, §2.4.2; RFC 5816 §2.2; RFC 5652 §5;
 *           ETSI EN 319 102-1 §5.4; ETSI EN 319 122-1 §5.3
 */
UY_MUST_USE uy_err uy_tst_validate(uy_verdict *out, uy_tst_report *details, uy_span token,
                                   uy_tst_imprint_fn imprint_fn, void *imprint_ctx,
                                   const uy_tst_inputs *in);

#endif /* UYUM_UY_TST_H */
