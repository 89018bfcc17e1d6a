/*
 * uy_profile.h - the Turkish signature profiles P1-P4 (BTK Elektronik İmza
 * Kullanım Profilleri Rehberi, spec signatures §2), the certificate profiles
 * of signers (NES, e-Mühür, encryption certificate; spec §3) and the dated
 * algorithm table (BTK Tebliğ art. 6; spec §2.7).
 *
 * These are pure rules over facts the caller has established (the CAdES
 * orchestrator in uy_validate.h): nothing here parses a signature, builds a
 * path or reads a clock.
 */
#ifndef UYUM_UY_PROFILE_H
#define UYUM_UY_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "uyum/uy_verdict.h"

/** A BTK profile. UY_PROFILE_NONE: none claimed (then inferred from the policy OID). */
typedef enum {
	UY_PROFILE_NONE = 0,
	UY_PROFILE_P1,
	UY_PROFILE_P2,
	UY_PROFILE_P3,
	UY_PROFILE_P4
} uy_profile;

/** "P1".."P4", or "" for NONE and unknown values. Static. */
const char *uy_profile_name(uy_profile p);

/** Parse "P1".."P4" (case-insensitive). @return the profile or UY_PROFILE_NONE. */
uy_profile uy_profile_parse(const char *s);

/** What a signature is for: decides the certificate profile it needs. */
typedef enum {
	UY_SIGNER_ANY = 0,	/* unknown: NES or e-Mühür accepted */
	UY_SIGNER_PERSON,	/* e-signature or paraf: a NES (spec §3.1) */
	UY_SIGNER_SEAL		/* e-Mühür of an institution (spec §3.2) */
} uy_signer_role;

/** Grace-period state (spec §2.5, MA3 PREMATURE / MATURE). */
typedef enum {
	UY_GRACE_NOT_APPLICABLE = 0,	/* P1, P4, or no time-stamp */
	UY_GRACE_PREMATURE,		/* validation time < genTime + grace */
	UY_GRACE_MATURE
} uy_grace;

/** One rule's outcome. Plain value. */
typedef struct {
	const char *rule;	/* static stable id, e.g. "cades::profile::policy-hash" */
	int passed;		/* 1 passed; 0 failed (then `verdict` says how) */
	int warning;		/* 1: a failure that is only a warning (verdict stays
				 * PASSED); only cert::seal::no-encryption warns */
	uy_verdict verdict;	/* the failure; PASSED when passed or warning */
} uy_profile_finding;

/** Findings kept per call. */
#define UY_PROFILE_MAX_FINDINGS 32u

typedef struct {
	size_t count;
	uy_profile_finding findings[UY_PROFILE_MAX_FINDINGS];
} uy_profile_findings;

/** The signature-policy-identifier attribute, decoded (RFC 5126 §5.8.1). */
typedef struct {
	int present;		/* the attribute is there */
	int implied;		/* SignaturePolicyImplied (NULL) */
	char oid[80];		/* sigPolicyId, dotted */
	int hash_nid;		/* sigPolicyHash.hashAlgorithm; NID_undef if unknown */
	uint8_t hash[64];
	size_t hash_len;
	int has_spuri;		/* a qualifier id-spq-ets-uri */
	int has_user_notice;	/* a qualifier id-spq-ets-unotice */
} uy_policy_id;

/**
 * Decode a signature-policy-identifier attribute value.
 *
 * Strict: the value must be DER (it must re-encode to itself) with nothing
 * after it. signaturePolicyImplied (05 00) gives present = implied = 1. Of
 * the qualifiers, an spuri must be an IA5String and an sp-user-notice an
 * SPUserNotice SEQUENCE; other qualifiers are ignored.
 *
 * @param[out] out  zeroed, then filled; out->present = 1 on success; zeroed
 *                  again (hash_nid NID_undef) on error.
 * @param value_der the attribute's single value (SignaturePolicyIdentifier
 *                  DER); borrowed; at most 64 KiB.
 * @return UY_ERR_USAGE   NULL out, or a NULL pointer with a non-zero length
 * @return UY_ERR_SYNTAX  not DER of SignaturePolicyIdentifier; a hash value
 *                        over 64 bytes; an OID over 79 characters; a
 *                        qualifier of the wrong type; over 64 KiB
 * @standard RFC 5126 §5.8.1; ETSI EN 319 122-1 §5.2.9
 */
UY_MUST_USE uy_err uy_policy_id_parse(uy_policy_id *out, uy_span value_der);

/** Facts of one signature that the profile rules judge. */
typedef struct {
	uy_profile claimed;		/* by the caller (--profile, the package) or NONE */
	uy_policy_id policy;
	int signing_time_present;
	int64_t signing_time;		/* UTC seconds */
	int ess_version;		/* as uy_cades_signer_report.ess_version */
	size_t sig_ts_count;		/* signature-time-stamps present */
	int sig_ts_valid;		/* the first one passed uy_tst_validate() */
	int64_t sig_ts_time;		/* its genTime */
	int has_cert_refs, has_rev_refs, has_cert_values, has_rev_values;
	int has_archive_ts;
	/* How the signer certificate's status was established: 0 none,
	 * 1 CRL, 2 OCSP (uy_path_source of certs[0]). */
	int signer_revocation;
	int64_t validation_time;	/* T, UTC seconds */
} uy_profile_facts;

/** Options of the profile rules. */
typedef struct {
	unsigned version;		/* UY_PROFILE_OPTIONS_VERSION */
	int64_t grace_seconds;		/* P2/P3 grace (default 86400) */
	int ignore_grace;		/* 1: as Kamu SM's suite (P_IGNORE_GRACE) */
	int accept_xml_policy_digest;	/* 1: also accept the XML policy digests (spec §2.3) */
} uy_profile_options;

#define UY_PROFILE_OPTIONS_VERSION 1u
#define UY_PROFILE_OPTIONS_INIT {UY_PROFILE_OPTIONS_VERSION, 86400, 0, 0}

/**
 * Judge a signature against its BTK profile (spec signatures §2.1-§2.6).
 * The profile is f->claimed, or, when NONE, the one the policy OID names
 * (P1 when there is no policy, or when the policy is implied or names no
 * BTK profile: P1's policy rule then refuses it). Rules, each a finding
 * in this order (rules that do not apply are left out):
 * - cades::profile::policy: P1 carries no signature-policy-identifier;
 *   P2-P4 carry the profile's OID, hash algorithm SHA-256 and the deployed
 *   hash FF39BD29...08117A (or, with accept_xml_policy_digest, the profile's
 *   CAdES XML digest: the passed finding's reason then says so); an
 *   sp-user-notice qualifier is accepted (INDETERMINATE /
 *   POLICY_PROCESSING_ERROR);
 * - cades::profile::signing-time: signing-time present (P1-P4)
 *   (INDETERMINATE / SIG_CONSTRAINTS_FAILURE);
 * - cades::profile::signing-certificate-v2: signing-certificate-v2 present
 *   and no v1 (INDETERMINATE / SIG_CONSTRAINTS_FAILURE, as all below);
 * - cades::profile::signature-time-stamp: P2-P4 have a valid one
 *   (sig_ts_count > 0 and sig_ts_valid) (SIG_CONSTRAINTS_FAILURE);
 * - cades::profile::time-stamp-delay: P2-P4, its genTime within
 *   [signing-time - 300 s, signing-time + 7200 s], bounds inclusive
 *   (SIG_CONSTRAINTS_FAILURE); judged only when the time-stamp is valid
 *   and signing-time present (else the two rules above fail);
 * - cades::profile::level: P3/P4 are ES-X-L: all four refs/values
 *   attributes present (SIG_CONSTRAINTS_FAILURE);
 * - cades::profile::revocation-source: P3 established the signer's status
 *   with a CRL, P4 with an OCSP response (SIG_CONSTRAINTS_FAILURE);
 * - cades::profile::grace: P2/P3 with a valid time-stamp: PREMATURE while
 *   validation_time < genTime + grace (INDETERMINATE / TRY_LATER, "not
 *   final until <UTC time>") unless ignore_grace; MATURE passes.
 *
 * @param[out] out       PASSED or the first failure (in the order above).
 * @param[out] findings  zeroed, then every rule's outcome; may be NULL.
 * @param[out] effective the profile judged; may be NULL.
 * @param[out] grace     the grace state; may be NULL.
 * @param f              the facts; borrowed.
 * @param opts           options; NULL for UY_PROFILE_OPTIONS_INIT.
 * @return UY_ERR_USAGE  NULL out or f; opts with a wrong version or a
 *                       negative grace_seconds; f->claimed not a uy_profile
 * @standard BTK Elektronik İmza Kullanım Profilleri Rehberi §8 (Tablo 1,
 *           Tablo 2); spec signatures §2.1-§2.6; ETSI EN 319 102-1 §5.2.8
 */
UY_MUST_USE uy_err uy_profile_check(uy_verdict *out, uy_profile_findings *findings,
                                    uy_profile *effective, uy_grace *grace,
                                    const uy_profile_facts *f, const uy_profile_options *opts);

/** Options of the certificate-profile rules. */
typedef struct {
	unsigned version;	/* UY_CERTPROFILE_OPTIONS_VERSION */
	int eu_412;		/* 1: also EN 319 412 QcType / semantics id (spec §3.5); default 0 */
} uy_certprofile_options;

#define UY_CERTPROFILE_OPTIONS_VERSION 1u
#define UY_CERTPROFILE_OPTIONS_INIT {UY_CERTPROFILE_OPTIONS_VERSION, 0}

/**
 * Judge the signer certificate's profile for its role (spec signatures §3).
 * Every failure is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE unless said.
 * - cert::enc::no-signing: never an encryption certificate (keyUsage with
 *   keyEncipherment, dataEncipherment or keyAgreement and neither
 *   digitalSignature nor nonRepudiation) (2017/21 circular, spec §3.4);
 * - PERSON (NES, spec §3.1): cert::nes::non-repudiation (keyUsage has
 *   nonRepudiation); cert::nes::qc-statements (0.4.0.1862.1.1 and
 *   2.16.792.1.61.0.1.5070.1.1 or ...5070.2.1); cert::nes::user-notice (a
 *   certificatePolicies UserNotice with non-empty explicitText);
 *   cert::nes::tckn (subject serialNumber is 11 digits with a valid TCKN
 *   checksum; absent or another form is a failure);
 * - SEAL (e-Mühür, spec §3.2, §3.4): cert::seal::legal-entity (no TCKN
 *   serialNumber, no givenName/surname; statements ...5070.1.1 with
 *   ...5070.1.3, or ...5070.2.1 with ...5070.2.2, or QcCompliance with
 *   QcType eseal); cert::seal::non-repudiation (keyUsage has
 *   nonRepudiation); cert::seal::no-encryption (keyEncipherment,
 *   dataEncipherment or keyAgreement: a warning);
 * - ANY: PERSON's rules if the certificate has a TCKN serialNumber, else
 *   SEAL's.
 * A "TCKN serialNumber" (ANY, cert::seal::legal-entity) is 11 ASCII digits
 * whatever the checksum: a natural person's number, if a wrong one.
 * With opts->eu_412 (spec §3.5), two more findings per role:
 * cert::eu412::qc-type (QcType with esign for PERSON, eseal for SEAL) and
 * cert::eu412::semantics-id (pkixQCSyntax-v2 semantics identifier
 * 0.4.0.194121.1.1 with a "PNO..." serialNumber for PERSON; 0.4.0.194121.1.2
 * with an organizationIdentifier for SEAL); cert::nes::tckn then also
 * accepts "PNOTR-" + TCKN. Findings come in the order listed; a warning's
 * finding has passed = 0, warning = 1 and a PASSED verdict with its reason.
 *
 * @param[out] out      PASSED or the first failure (warnings do not count).
 * @param[out] findings zeroed, then every rule's outcome; may be NULL.
 * @param cert          the signer certificate; borrowed (OpenSSL caches its
 *                      extensions in it).
 * @param role          what the signature is for.
 * @param opts          options; NULL for UY_CERTPROFILE_OPTIONS_INIT.
 * @return UY_ERR_USAGE NULL out or cert, a role out of range, or a wrong
 *                      options version
 * @standard spec signatures §3.1-§3.5; 2017/21 e-Yazışma circular; ETSI EN
 *           319 412-2, -3, -5 (with the Turkish deltas)
 */
UY_MUST_USE uy_err uy_certprofile_check(uy_verdict *out, uy_profile_findings *findings,
                                        X509 *cert, uy_signer_role role,
                                        const uy_certprofile_options *opts);

/**
 * Whether a TCKN (Turkish identity number) is well formed: 11 ASCII digits,
 * first not 0, 10th = ((d1+d3+d5+d7+d9)*7 - (d2+d4+d6+d8)) mod 10, 11th =
 * (d1+...+d10) mod 10.
 *
 * @param s   the text; borrowed.
 * @param len its length in bytes.
 * @return 1 valid, 0 not.
 */
int uy_tckn_valid(const char *s, size_t len);

/**
 * The dated algorithm rule (spec §2.7): whether a digest or a key may be
 * used for a signature made at `when`.
 * - digests: SHA-256/384/512 and SHA3-256/384/512 always; SHA-224 until
 *   2019-12-31; SHA-1 for signature digests is accepted as a WARNING
 *   (Kamu SM's suite lists SHA-1 signatures valid), MD5 never;
 * - keys: RSA (and RSA-PSS) >= 2048, EC >= 256 bits, DSA >= 3072.
 * Any other digest (NID_undef included) or key type fails.
 * cades::crypto::algorithms: INDETERMINATE / CRYPTO_CONSTRAINTS_FAILURE;
 * the digest is judged before the key.
 * This is the SignerInfo rule: a certificate signed with SHA-1 is a matter
 * for the caller (the corpus expects CRYPTO_CONSTRAINTS_FAILURE for it).
 *
 * @param[out] out      PASSED or the failure.
 * @param[out] warning  1 if PASSED only as a warning (SHA-1), else 0; may be
 *                      NULL.
 * @param digest_nid    SignerInfo.digestAlgorithm NID.
 * @param key           the signer's public key; borrowed.
 * @param when          UTC seconds (best-signature-time).
 * @return UY_ERR_USAGE NULL out or key
 * @standard BTK Tebliğ art. 6 (RG 30123, 32057, 33345); ETSI TS 119 312
 */
UY_MUST_USE uy_err uy_algorithms_check(uy_verdict *out, int *warning, int digest_nid,
                                       EVP_PKEY *key, int64_t when);

#endif /* UYUM_UY_PROFILE_H */
