/*
 * uy_cades.h - CAdES validation. First building block: the signature level
 * (ETSI EN 319 102-1 §5.2.3 identification of the signing certificate and
 * §5.2.7 cryptographic verification, on the CAdES structure of
 * ETSI EN 319 122-1 / RFC 5652 / RFC 5035).
 *
 * Not done here (later building blocks of the same issue): path validation
 * (§5.2.6), revocation, time-stamps, signature-policy and profile (P1-P4)
 * constraints, certificate profiles, counter-signatures. The verdict of this
 * block is therefore a building-block verdict (PASSED / FAILED /
 * INDETERMINATE), never TOTAL-PASSED: a TOTAL-* indication needs the later
 * blocks.
 */
#ifndef UYUM_UY_CADES_H
#define UYUM_UY_CADES_H

#include <stddef.h>
#include <stdint.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "uyum/uy_verdict.h"

/** SignerInfos reported per file; more is UY_ERR_LIMIT. */
#define UY_CADES_MAX_SIGNERS 16u

/** Nesting depth of DER TLVs accepted by the strict DER walk. */
#define UY_CADES_MAX_DER_DEPTH 64u

/** Options of uy_cades_check_signature(). */
typedef struct {
	unsigned version;	/* UY_CADES_SIG_OPTIONS_VERSION */
	/* 1: every SignerInfo is a countersignature (RFC 5652 §11.4), e.g. one
	 * wrapped by uy_ltv_wrap_countersignature(): it MUST NOT carry
	 * content-type (else FAILED / FORMAT_FAILURE), and its message-digest is
	 * over the detached content given (the parent's signature value octets).
	 * 0: an ordinary signature. */
	int countersignature;
} uy_cades_sig_options;

#define UY_CADES_SIG_OPTIONS_VERSION 1u
#define UY_CADES_SIG_OPTIONS_INIT {UY_CADES_SIG_OPTIONS_VERSION, 0}

/** What the signature-level block found for one SignerInfo. Plain value. */
typedef struct {
	/* Building-block verdict of this SignerInfo (PASSED, FAILED or INDETERMINATE). */
	uy_verdict verdict;
	/* OpenSSL NIDs of SignerInfo.digestAlgorithm and .signatureAlgorithm
	 * (0 = NID_undef when unknown to OpenSSL). */
	int digest_nid;
	int signature_nid;
	/* Signing-certificate attribute seen: 0 none, 1 signing-certificate
	 * (v1, RFC 2634), 2 signing-certificate-v2 (RFC 5035), 3 both. */
	int ess_version;
	/* 1 if the first ESSCertID(v2) carried issuerSerial. */
	int ess_issuer_serial;
	/* 1 if the signer certificate was found in SignedData.certificates by
	 * sid; then signer_cert_index is its position there. */
	int signer_cert_found;
	size_t signer_cert_index;
	/* 1 if exactly one well-formed signing-time was present; signing_time
	 * is its value in UTC seconds (0 when absent). Absence is NOT a
	 * failure of this block: profiles decide (SIG_CONSTRAINTS_FAILURE). */
	int signing_time_present;
	int64_t signing_time;
	/* Values of the countersignature unsigned attribute: counted, NOT
	 * validated by this block. */
	size_t countersignatures;
} uy_cades_signer_report;

/** What the signature-level block found for one file. Plain value. */
typedef struct {
	/* 1 if the SignedData has no eContent (detached signature). */
	int detached;
	/* SignerInfos checked, in DER order; signers[0..signer_count). */
	size_t signer_count;
	uy_cades_signer_report signers[UY_CADES_MAX_SIGNERS];
} uy_cades_sig_report;

/**
 * Validate a CAdES signature at the signature level (no path, revocation,
 * time-stamp or policy checks).
 *
 * Checks, in this order, keeping the first failure:
 * 1. strict DER: one definite-length TLV with minimal lengths, no constructed
 *    string types, nothing after it, and identical after re-encoding by
 *    OpenSSL (else FAILED / FORMAT_FAILURE); a ContentInfo holding
 *    SignedData with at least one SignerInfo (else FORMAT_FAILURE);
 * 2. per SignerInfo, in DER order:
 *    - signed attributes present; exactly one content-type equal to
 *      eContentType (none at all with opts->countersignature: RFC 5652
 *      §11.4); exactly one message-digest OCTET STRING; at most one
 *      signing-time, UTCTime (1950-2049) or GeneralizedTime in DER form
 *      (else FAILED / FORMAT_FAILURE);
 *    - the signer certificate found in SignedData.certificates by sid, and
 *      a signing-certificate-v2 (or v1) attribute whose first ESSCertID(v2)
 *      certHash is the hash of that certificate's DER (SHA-256 when
 *      hashAlgorithm is absent; SHA-1 for v1) and whose issuerSerial, when
 *      present, names exactly that issuer and serial (else INDETERMINATE /
 *      NO_SIGNING_CERTIFICATE_FOUND);
 *    - message-digest = hash of the content with digestAlgorithm (else
 *      FAILED / HASH_FAILURE; no content at all: INDETERMINATE /
 *      SIGNED_DATA_NOT_FOUND; digest algorithm unknown to OpenSSL:
 *      INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE);
 *    - the signature over the DER of the signed attributes, verified with
 *      the signer certificate's public key by CMS_SignerInfo_verify()
 *      (else FAILED / SIG_CRYPTO_FAILURE).
 * The file's verdict is the first failing SignerInfo's verdict (its reason
 * prefixed with the SignerInfo number), else PASSED: one invalid signer
 * makes the file invalid. PASSED means only that this block passed; the
 * overall TOTAL-* indication needs the chain, revocation, time-stamp and
 * policy blocks, which are not run.
 *
 * @param[out] out   the file's building-block verdict; UY_VERDICT_UNSET on
 *                   error.
 * @param[out] details per-SignerInfo findings; may be NULL. Zeroed first;
 *                   on a FORMAT_FAILURE of the whole file signer_count is 0.
 * @param cms_der    the signature file: DER ContentInfo (RFC 5652 §3);
 *                   borrowed. At most UY_MAX_SIGNATURE_PART bytes.
 * @param detached_content the signed data of a detached signature (bytes,
 *                   borrowed); NULL for an attached signature, or when the
 *                   content is unavailable. Ignored when the SignedData
 *                   carries eContent (the attached content is what was
 *                   signed).
 * @param opts       options; NULL for the defaults. `version` must be
 *                   UY_CADES_SIG_OPTIONS_VERSION.
 * @return UY_OK           a verdict was given (whatever it is)
 * @return UY_ERR_LIMIT    cms_der longer than UY_MAX_SIGNATURE_PART, or more
 *                         than UY_CADES_MAX_SIGNERS SignerInfos
 * @return UY_ERR_NOMEM    OpenSSL could not allocate while re-encoding
 * @return UY_ERR_CRYPTO   OpenSSL failed on a step unrelated to the artefact
 *                         (e.g. a digest computation); see uy_error_last()
 * @standard RFC 5652 §5.3, §5.4, §5.6, §11.1-§11.3; RFC 5035 §5.4;
 *           ETSI EN 319 122-1 §5.1, §5.2.1-§5.2.3; ETSI EN 319 102-1
 *           §5.2.3, §5.2.7; ITU-T X.690 §10
 */
UY_MUST_USE uy_err uy_cades_check_signature(uy_verdict *out, uy_cades_sig_report *details,
                                            uy_span cms_der, const uy_span *detached_content,
                                            const uy_cades_sig_options *opts);

#endif /* UYUM_UY_CADES_H */
