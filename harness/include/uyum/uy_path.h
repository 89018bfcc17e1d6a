/*
 * uy_path.h - X.509 path validation at a reference time, with revocation
 * from caller-supplied CRLs and OCSP responses only (ETSI EN 319 102-1
 * §5.2.6 X.509 certificate validation, §5.2.5 revocation freshness; RFC 5280
 * §6; RFC 6960). A building block of the CAdES validation of issue 4; not
 * used by `uyum check` yet.
 *
 * Never reads the wall clock and never touches the network: the reference
 * time, the trust anchors, the untrusted certificates and every CRL and OCSP
 * response come from the caller. OpenSSL builds the path and checks the
 * signatures (X509_verify_cert with X509_VERIFY_PARAM_set_time, no CRL
 * flags); uyum checks revocation per certificate, with the source the
 * caller's policy demands (spec §6 pitfalls 2, 3 and 5).
 */
#ifndef UYUM_UY_PATH_H
#define UYUM_UY_PATH_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "uyum/uy_verdict.h"

/** Certificates reported per path (end entity first, anchor last); a longer
 *  path is UY_ERR_LIMIT. Real Turkish paths have 3. */
#define UY_PATH_MAX_DEPTH 8u

/** Most CRLs, OCSP responses, anchors or untrusted certificates accepted per
 *  call; more is UY_ERR_LIMIT. */
#define UY_PATH_MAX_INPUTS 64u

/** Longest subject kept, including the NUL (longer ones are cut). */
#define UY_PATH_SUBJECT_MAX 256u

/** Which revocation source a certificate must be checked with. */
typedef enum {
	UY_PATH_REV_ANY = 0,	/* OCSP if a usable response is given, else CRL */
	UY_PATH_REV_OCSP,	/* OCSP only (BTK P4 signer: spec §2.6) */
	UY_PATH_REV_CRL		/* CRL only (CAs; BTK P2/P3 signer) */
} uy_path_rev_policy;

/** Source that decided a certificate's revocation status. */
typedef enum {
	UY_PATH_SRC_NONE = 0,	/* none usable (see the certificate's status) */
	UY_PATH_SRC_ANCHOR,	/* trust anchor: not checked */
	UY_PATH_SRC_CRL,	/* in->crls[source_index] */
	UY_PATH_SRC_OCSP	/* in->ocsp[source_index] */
} uy_path_source;

/* Flags of uy_path_inputs.flags. */
/** Verify the self-signature of trust anchors too
 *  (X509_V_FLAG_CHECK_SS_SIGNATURE; catalogue TSB). */
#define UY_PATH_CHECK_ANCHOR_SIGNATURE 0x1u
/** Check a delegated OCSP responder's own status on the CAs' CRLs even when
 *  it carries id-pkix-ocsp-nocheck (spec §8 note (c): from ES-X-L on),
 *  whenever a usable CRL of its issuer is among the inputs. */
#define UY_PATH_CHECK_RESPONDER_STATUS 0x2u
/** Accept a CRL whose signature AlgorithmIdentifiers differ only as NULL
 *  versus absent parameters (RFC 5280 §5.1.1.2 wants them identical; some
 *  OpenSSL 3.0 releases refuse it; MA3 and the Kamu SM files rely on it: spec
 *  §6 pitfall 4), verifying the signature over the tbsCertList as encoded
 *  when OpenSSL refuses; counted in uy_path_report.lenient_crls and noted.
 *  Without it such a CRL is refused as broken, whatever the OpenSSL release. */
#define UY_PATH_LENIENT_CRL_PARAMS 0x4u

/** Decoded CRLs and OCSP responses, and CRL signature outcomes, kept across
 *  uy_path_validate() calls (see uy_path_cache_new()). */
typedef struct uy_path_cache uy_path_cache;

/** Most decoded objects (CRLs and OCSP responses together) and most CRL
 *  signature outcomes a uy_path_cache keeps; beyond that, nothing more is
 *  cached (results are the same, only slower). */
#define UY_PATH_CACHE_MAX_ENTRIES 64u

/** Most bytes of input a uy_path_cache copies as keys (32 MiB); an input that
 *  would exceed it is decoded per call. */
#define UY_PATH_CACHE_MAX_BYTES (32u << 20)

/** Inputs of uy_path_validate(). All pointers are borrowed. */
typedef struct {
	unsigned version;	/* UY_PATH_INPUTS_VERSION */
	/* Trust anchors, the only ones used (never the system store). */
	X509 *const *anchors;
	size_t anchor_count;
	/* Untrusted certificates for path building: SignedData.certificates,
	 * certificate-values, time-stamp token certificates. */
	X509 *const *untrusted;
	size_t untrusted_count;
	/* CRLs (DER CertificateList, RFC 5280 §5) and OCSP responses (DER
	 * OCSPResponse, RFC 6960 §4.2.1, or a bare BasicOCSPResponse as held in
	 * revocation-values). Unparsable ones are counted in the report and
	 * otherwise ignored. */
	const uy_span *crls;
	size_t crl_count;
	const uy_span *ocsp;
	size_t ocsp_count;
	/* Validation time T, UTC seconds since 1970: no CRL or OCSP response
	 * issued after T is used. */
	int64_t reference_time;
	/* Best-signature-time (EN 319 102-1 §5.6.2.1), UTC seconds, <= T: the
	 * time status is established for. Validity periods and path building
	 * are judged at it; a revocation at or before it is fatal, one after it
	 * is a note; revocation data must cover it (see uy_path_validate()).
	 * Pass T when nothing earlier is proven. */
	int64_t best_signature_time;
	/* Revocation source for the end entity and for the CAs. */
	uy_path_rev_policy ee_revocation;
	uy_path_rev_policy ca_revocation;
	/* OpenSSL security level for keys and digests in the path (0: none;
	 * 2 refuses RSA-1024 and SHA-1: X509_VERIFY_PARAM_set_auth_level). */
	int auth_level;
	unsigned flags;		/* UY_PATH_CHECK_* */
	/* Optional cache shared by calls over the same material (one CAdES
	 * validation: signer path and time-stamp token paths); NULL: every
	 * call decodes and verifies on its own. Never changes a result. */
	uy_path_cache *cache;
} uy_path_inputs;

#define UY_PATH_INPUTS_VERSION 1u

/** What was found for one certificate of the path. Plain value. */
typedef struct {
	/* Subject, RFC 2253, cut to UY_PATH_SUBJECT_MAX - 1 bytes. */
	char subject[UY_PATH_SUBJECT_MAX];
	/* The certificate: borrowed from the caller's inputs (`cert`,
	 * in->anchors or in->untrusted), valid while they are; not owned. */
	X509 *cert;
	/* PASSED, or this certificate's failure (FAILED is never used). */
	uy_verdict status;
	uy_path_source source;
	size_t source_index;	/* meaningful for SRC_CRL and SRC_OCSP */
	/* 1 if the source says revoked; then revocation_time (UTC seconds)
	 * and revocation_reason (RFC 5280 CRLReason, -1 when absent). */
	int revoked;
	int64_t revocation_time;
	int revocation_reason;
} uy_path_cert_report;

/** What uy_path_validate() found. Plain value. */
typedef struct {
	/* X509_V_OK or the first X509_V_ERR_* of X509_verify_cert(). */
	int x509_error;
	/* Certificates of the (possibly partial) path, certs[0] the end entity;
	 * when path building failed, only those OpenSSL had built. */
	size_t depth;
	uy_path_cert_report certs[UY_PATH_MAX_DEPTH];
	/* Inputs that did not parse as DER CRLs / OCSP responses. */
	size_t bad_crls;
	size_t bad_ocsp;
	/* CRLs that decided a status only through UY_PATH_LENIENT_CRL_PARAMS. */
	size_t lenient_crls;
	/* A note on a PASSED path, e.g. a revocation after the
	 * best-signature-time; "" when none. */
	char note[UY_VERDICT_REASON_MAX];
} uy_path_report;

/**
 * Validate the path of `cert` at in->reference_time.
 *
 * 1. Builds the path with OpenSSL from in->anchors (trusted) and
 *    in->untrusted (X509_STORE_CTX_set0_untrusted), at the
 *    best-signature-time B (validity periods), no CRL flags,
 *    auth level in->auth_level. Its first error maps to:
 *    - CERT_HAS_EXPIRED -> TOTAL-FAILED / EXPIRED, CERT_NOT_YET_VALID ->
 *      TOTAL-FAILED / NOT_YET_VALID (spec §5.2: not valid at the proven time);
 *    - no issuer, self-signed leaf or self-signed certificate in the chain
 *      -> INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND;
 *    - a certificate signature that fails or cannot be checked ->
 *      INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE;
 *    - key or digest too weak -> INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE;
 *    - basic constraints, key usage, path length, names, policies ->
 *      INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE;
 *    - anything else -> INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE.
 * 2. Then, for every certificate but the anchor, its revocation status with
 *    the source its policy allows (ee_revocation for the end entity,
 *    ca_revocation for CAs):
 *    - OCSP: a successful BasicOCSPResponse with a SingleResponse whose
 *      CertID (any hash) matches the certificate and its issuer in the path;
 *      signed by the issuer itself or by a responder the issuer certified
 *      for id-kp-OCSPSigning (checked by uyum and by OCSP_basic_verify()
 *      with the untrusted certificates, at B); covering B (see below;
 *      computed by uyum: OCSP_check_validity reads the wall clock). A delegated responder without
 *      id-pkix-ocsp-nocheck, or any with UY_PATH_CHECK_RESPONDER_STATUS,
 *      must not be revoked at or before the best-signature-time on a CRL of
 *      the issuer.
 *    - CRL: issued by the certificate's issuer (name) and verified with the
 *      issuer's key from the path (X509_CRL_verify); the issuer must allow
 *      cRLSign when it has keyUsage; no indirect or delta CRL; covering B.
 *    Covering B: thisUpdate <= T, and either thisUpdate >= B (issued after
 *    B, so it speaks for B) or nextUpdate >= B (B lies in its validity).
 *    The first usable source decides. Revoked at or before the
 *    best-signature-time -> TOTAL-FAILED / REVOKED for the end entity,
 *    INDETERMINATE / REVOKED_CA_NO_POE for a CA; revoked later -> PASSED
 *    with a note. No usable source: any badly signed or unauthorised one ->
 *    INDETERMINATE / CERTIFICATE_CHAIN_GENERAL_FAILURE; else (none, stale,
 *    OCSP "unknown") -> INDETERMINATE / TRY_LATER.
 * 3. The path's verdict: the first TOTAL-FAILED certificate, else the first
 *    INDETERMINATE one (end entity first), else PASSED.
 *
 * @param[out] out     building-block verdict (PASSED, TOTAL-FAILED or
 *                     INDETERMINATE, as above); UY_VERDICT_UNSET on error.
 * @param[out] details per-certificate findings; may be NULL. Zeroed first.
 * @param cert         the certificate to validate (end entity); borrowed.
 * @param in           the inputs; borrowed; `version` must be
 *                     UY_PATH_INPUTS_VERSION. With in->cache, decoded
 *                     inputs and CRL signature outcomes are taken from and
 *                     added to it (same verdict and details as without).
 * @return UY_OK           a verdict was given (whatever it is)
 * @return UY_ERR_USAGE    NULL cert or in, wrong version, NULL array with a
 *                         non-zero count, best_signature_time > T
 * @return UY_ERR_LIMIT    more than UY_PATH_MAX_INPUTS of one kind of input,
 *                         or a path longer than UY_PATH_MAX_DEPTH
 * @return UY_ERR_NOMEM    OpenSSL could not allocate
 * @return UY_ERR_CRYPTO   OpenSSL failed on a step unrelated to the inputs;
 *                         see uy_error_last()
 * @standard ETSI EN 319 102-1 §5.2.6, §5.2.5; RFC 5280 §6.1, §6.3; RFC 6960
 *           §3.2, §4.2.2.2; spec §2.6, §5.2, §6 (pitfalls 2, 3, 5)
 */
UY_MUST_USE uy_err uy_path_validate(uy_verdict *out, uy_path_report *details, X509 *cert,
                                    const uy_path_inputs *in);

/**
 * Create an empty cache for uy_path_inputs.cache, to share decoding and CRL
 * signature checks between the uy_path_validate() calls of one validation
 * (the same CRLs and OCSP responses judged for the signer's path and for
 * every time-stamp token's TSA path).
 *
 * What it keeps, at most UY_PATH_CACHE_MAX_ENTRIES of each:
 * - each CRL and OCSP input as decoded (or the fact that it did not decode),
 *   keyed by a copy of its bytes (at most UY_PATH_CACHE_MAX_BYTES in all):
 *   a hit needs the same bytes, wherever they lie, so a buffer reused with
 *   other bytes never hits;
 * - whether a cached CRL's signature verified with an issuer certificate,
 *   keyed by the CRL and the issuer (X509_cmp: same DER, so the same key);
 *   the issuer is up-referenced until uy_path_cache_free().
 * OCSP signatures are not kept: OCSP_basic_verify() also builds the
 * responder's chain, whose outcome depends on the time and certificates of
 * each call. A result never depends on whether the cache is used or full.
 *
 * Thread-safety: none. Use one cache per validation, from one thread at a
 * time; the objects it holds are shared by every call given it.
 *
 * @param[out] out the cache (owned; free with uy_path_cache_free()); NULL
 *                 on error.
 * @return UY_ERR_USAGE  NULL out
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_path_cache_new(uy_path_cache **out);

/** Free a cache, its decoded objects, key copies and issuer references.
 *  NULL is a no-op. No uy_path_inputs may still point at it. */
void uy_path_cache_free(uy_path_cache *c);

/**
 * A certificate's subject as reports show it: RFC 2253, UTF-8 kept (not
 * escaped), cut to cap - 1 bytes; "" when it cannot be printed.
 *
 * @param cert the certificate; borrowed.
 * @param dst  buffer of cap bytes; cap 0 writes nothing.
 */
void uy_path_subject(X509 *cert, char *dst, size_t cap);

#endif /* UYUM_UY_PATH_H */
