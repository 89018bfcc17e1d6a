/*
 * uy_validate.h - CAdES validation as a qualified validator does it: the
 * signature level (uy_cades.h), time-stamps (uy_tst.h), the long-term
 * attributes (uy_ltv.h), the certificate path with revocation at the proven
 * time (uy_path.h), the BTK profile P1-P4 and the certificate profile
 * (uy_profile.h), combined into one ETSI EN 319 102-1 indication per
 * signature and per file, with every check's outcome.
 *
 * Used by `uyum verify` and, for ImzaCades, ParafImzaCades and MuhurCades,
 * by `uyum check`. Time, trust anchors and revocation data come only from
 * the options (and from the network only when opts->online is set).
 */
#ifndef UYUM_UY_VALIDATE_H
#define UYUM_UY_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_check.h"
#include "uyum/uy_err.h"
#include "uyum/uy_profile.h"
#include "uyum/uy_verdict.h"

struct uy_online; /* uy_online.h */

/** Signatures reported per file (signers and countersignatures); more is UY_ERR_LIMIT. */
#define UY_VALIDATE_MAX_SIGS 16u
/** Findings kept per signature (the first ones; the verdict counts all). */
#define UY_VALIDATE_MAX_FINDINGS 48u
/** Nesting of countersignatures followed; deeper is FORMAT_FAILURE. */
#define UY_VALIDATE_MAX_COUNTER_DEPTH 4u

/** Options of uy_cades_validate(). All pointers are borrowed. */
typedef struct uy_validate_options {
	unsigned version;	/* UY_VALIDATE_OPTIONS_VERSION */
	/* Trust anchors (--trust). None: every chain is INDETERMINATE /
	 * NO_CERTIFICATE_CHAIN_FOUND and reported as not evaluated. */
	X509 *const *anchors;
	size_t anchor_count;
	/* Extra untrusted certificates (--cert), CRLs (--crl) and OCSP
	 * responses (--ocsp, OCSPResponse or BasicOCSPResponse DER). */
	X509 *const *extra_certs;
	size_t extra_cert_count;
	const uy_span *crls;
	size_t crl_count;
	const uy_span *ocsp;
	size_t ocsp_count;
	/* Validation time T, UTC seconds (--at). has_validation_time = 0:
	 * time-dependent checks are reported not evaluated (offline uyum never
	 * reads the clock). */
	int has_validation_time;
	int64_t validation_time;
	/* The profile claimed (--profile, or the package's rule); NONE: the one
	 * the policy OID names, P1 without a policy. */
	uy_profile profile;
	/* What the signature is for (e-signature/paraf: PERSON; seal: SEAL). */
	uy_signer_role role;
	uy_profile_options profile_opts;
	uy_certprofile_options cert_opts;
	/* Online mode (--online): fetch missing CRLs and OCSP responses. NULL:
	 * offline, the network is never touched. */
	struct uy_online *online;
} uy_validate_options;

#define UY_VALIDATE_OPTIONS_VERSION 1u

/** One check's outcome on one signature. Plain value. */
typedef struct {
	const uy_check_def *check;	/* registry entry (checks/cades.def); never NULL */
	uy_status status;		/* PASSED, FAILED or NOT_EVALUATED */
	char reason[UY_VERDICT_REASON_MAX];	/* English; "" when PASSED */
} uy_sig_finding;

/** Validation of one signature (a SignerInfo or a countersignature). Plain value. */
typedef struct {
	char label[48];		/* "signer 1", "signer 1 / countersignature 1" */
	size_t signer_index;	/* top-level SignerInfo (0-based, DER order) */
	unsigned counter_depth;	/* 0 for a top-level SignerInfo */
	/* TOTAL-PASSED, TOTAL-FAILED or INDETERMINATE with its sub-indication,
	 * reason and clause (EN 319 102-1 §5.1). */
	uy_verdict verdict;
	/* Kamu SM's reading (spec §5.2): "valid", "invalid" or "not final"
	 * (grace period, no validation time, no trust anchors). Static. */
	const char *kamusm;
	uy_profile profile;	/* the profile judged */
	uy_grace grace;
	char level[24];		/* "CAdES-BES", "CAdES-T", "CAdES-X-Long", "CAdES-A" */
	char signer_subject[256];	/* RFC 2253, "" if not found */
	/* The signer certificate's serialNumber, upper-case hex ("" if not
	 * found): with the subject it tells signers apart (one person may hold
	 * several certificates). */
	char signer_serial[72];
	int signing_time_present;
	int64_t signing_time;		/* claimed, UTC seconds */
	int64_t best_signature_time;	/* proven (EN 319 102-1 §5.6.2.1), UTC seconds */
	size_t finding_count;
	size_t findings_dropped;
	uy_sig_finding findings[UY_VALIDATE_MAX_FINDINGS];
} uy_sig_validation;

/** Validation of one file. Large (about 150 KiB): allocate it on the heap. */
typedef struct {
	int detached;		/* the SignedData has no eContent */
	/* The file's indication: the first TOTAL-FAILED signature's, else the
	 * first INDETERMINATE one's, else TOTAL-PASSED (one invalid signer makes
	 * the file invalid); the reason is prefixed with the signature's label. */
	uy_verdict verdict;
	/* "invalid" if any signature is invalid, else "not final" if any is,
	 * else "valid"; static. */
	const char *kamusm;
	size_t count;
	uy_sig_validation sigs[UY_VALIDATE_MAX_SIGS];
} uy_validation;

/**
 * Validate a CAdES signature file: every SignerInfo and every
 * countersignature (serial), each through the signature level, its
 * time-stamps, its path and revocation at the best-signature-time, its
 * ES-X-L refs and values, its archive-time-stamps, its profile and its
 * signer certificate's profile (checks in checks/cades.def).
 *
 * @param[out] out   zeroed, then filled; on error its content is undefined.
 * @param cms        DER ContentInfo (SignedData); borrowed; at most
 *                   UY_MAX_SIGNATURE_PART bytes.
 * @param detached   the content of a detached signature; NULL when attached
 *                   or unavailable (then SIGNED_DATA_NOT_FOUND).
 * @param opts       options; `version` must be UY_VALIDATE_OPTIONS_VERSION.
 * @return UY_OK          a verdict was given (whatever it is)
 * @return UY_ERR_USAGE   NULL argument or wrong version
 * @return UY_ERR_LIMIT   over UY_VALIDATE_MAX_SIGS signatures or another
 *                        uyum limit
 * @return UY_ERR_NOMEM   out of memory
 * @return UY_ERR_CRYPTO  OpenSSL failed on a step unrelated to the input
 * @standard ETSI EN 319 102-1 §5.3, §5.5, §5.6; ETSI EN 319 122-1; RFC 5652;
 *           RFC 5126; RFC 3161; BTK profiles (spec signatures §2, §3)
 */
UY_MUST_USE uy_err uy_cades_validate(uy_validation *out, uy_span cms, const uy_span *detached,
                                     const uy_validate_options *opts);

/**
 * Record a validation in a report: every finding of every signature as a
 * result row of its check (PASSED, FAILED or NOT_EVALUATED) at `loc`, and
 * one row of `summary` per signature whose status follows Kamu SM's reading
 * (valid: PASSED; invalid: FAILED; not final: NOT_EVALUATED) and whose
 * detail names the signature, the ETSI indication and sub-indication, the
 * profile, the level and the reason.
 *
 * @param ctx      the report context; borrowed.
 * @param loc      where (the part for a package, NULL for a .p7s).
 * @param summary  the check of the per-signature row
 *                 (eyp::signature::cades-validation or cades::validation).
 * @param v        the validation; borrowed.
 * @return UY_ERR_NOMEM out of memory
 */
UY_MUST_USE uy_err uy_cades_validation_record(uy_ctx *ctx, uy_loc loc, uy_check_id summary,
                                              const uy_validation *v);

#endif /* UYUM_UY_VALIDATE_H */
