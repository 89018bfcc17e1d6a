/*
 * corpus.c - uy-corpus: the signed vector corpus and its manifest (corpus.h).
 */
#include "corpus.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <zip.h>

#include "uy_cades_make.h"
#include "uy_enc_make.h"
#include "uy_eypgen.h"
#include "uy_pki.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"

/* Cap of the manifest. */
#define CO_MAX_MANIFEST ((size_t)4 << 20)
/* Cap of a PDF taken from the sample. */
#define CO_MAX_PDF ((size_t)16 << 20)

/* Expected verdict of one signature of a vector (spec signatures §5.2). */
typedef struct {
	const char *part;       /* package part, or NULL for a .p7s */
	const char *profile;    /* P1..P4 claimed */
	const char *indication; /* TOTAL-PASSED, TOTAL-FAILED, INDETERMINATE */
	const char *sub;        /* sub-indication or NULL */
	const char *kamusm;     /* valid / invalid */
} co_sig;

/* A signature vector of the catalogue, over inputs/icerik.txt. */
typedef struct {
	const char *id;
	const char *file;        /* under cades/ */
	const char *desc;        /* description citing the clause */
	const char *profile;     /* P1..P4 */
	uy_cades_level level;
	uy_cades_policy policy;
	const char *role;
	uy_sig_scheme scheme;
	const char *ocsp;        /* signer OCSP response, or NULL */
	const char *crl;         /* signer CRL, or NULL */
	const char *ca_crl;      /* sub-CA CRL, or NULL */
	unsigned defects;        /* UY_CADES_DEFECT_* */
	unsigned flags;          /* CO_F_* */
	const char *indication;
	const char *sub;
	const char *kamusm;
	const char *anchor;      /* trust anchor role(s), space-separated; the signer's first */
	const char *tsa;         /* signature-time-stamp by this TSA role; NULL: "tsa" */
	uy_cades_xl_entry xl;    /* X-Long entry defect (families I, J), with xl_index, xl_corrupt */
	size_t xl_index;
	int xl_corrupt;
	/* PKI CRLs / OCSP responses a validator is given besides the file (manifest
	 * <revocation-data>), or NULL. BES and T vectors get the current CRLs anyway. */
	const char *rev_data;
} co_cades;

#define CO_F_DETACHED 0x01u
#define CO_F_SHA1 0x02u
#define CO_F_ESS_V1 0x04u
#define CO_F_NO_SIGNING_TIME 0x08u
#define CO_F_TST_3H 0x10u
#define CO_F_POLICY_OID 0x20u
#define CO_F_POLICY_HASH 0x40u
#define CO_F_NOTICE 0x80u
#define CO_F_ATS_V3 0x100u
#define CO_F_POSITIVE 0x200u
#define CO_F_CTS 0x400u          /* add the CAdES-C time-stamp (.25); tsa then names ITS TSA */
#define CO_F_TSA_NO_CRL 0x800u   /* the defective TSA's CRL is not embedded (TSC1) */
#define CO_F_TSA_NO_ROOT 0x1000u /* the TSA's own root is neither embedded nor trusted (TSC1) */
#define CO_F_TSA_CRL_EXP 0x2000u /* root-c-crl-expired for tsa-c1 (TSC2) */
#define CO_F_TSA_CRL_BAD 0x4000u /* root-c-crl-bad-signature for tsa-c1 (TSC3) */
#define CO_F_CONTENT_TS 0x8000u  /* signed content-time-stamp (.20) at signing time - 120 s */
#define CO_F_CONTENT_TS_LATE 0x10000u /* ... at signing time + 3600 s, after the sig. time-stamp */
#define CO_F_REFS_TS 0x20000u    /* time-stamped-certs-crls-refs (.26) at signing time + 300 s */
#define CO_F_ATS 0x40000u        /* tsa names the (first) archive-time-stamp's TSA */
#define CO_F_ATS2 0x80000u       /* a second archive-time-stamp by tsa at signing time + 1200 s */
#define CO_F_ATS_SHA1 0x100000u  /* archive-time-stamp imprint and token signature SHA-1 */
#define CO_F_TSA_CRL_EARLY 0x200000u /* tsa-ca-crl-at-signing for a TSA under tsa-ca */

#define P4X UY_CADES_XLONG, UY_CADES_POLICY_P4
#define P3X UY_CADES_XLONG, UY_CADES_POLICY_P3
#define P4A UY_CADES_A, UY_CADES_POLICY_P4
#define P3A UY_CADES_A, UY_CADES_POLICY_P3
#define RSA UY_SIG_RSA_PKCS1
#define GOOD "ocsp-nes-good-at-signing"
#define RCRL "root-rsa-crl"
#define NCRL "nes-ca-crl-at-signing"
#define OK_ "TOTAL-PASSED", NULL, "valid"
#define POS (CO_F_POSITIVE)
#define XLF "INDETERMINATE", "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid"

static const co_cades co_cades_table[] = {
	/* A. structure and algorithms (catalogue §8 family A, level P4/P4_A) */
	{"cades::p4::valid-attached", "p4-valid-attached.p7s",
	 "Valid P4 CAdES-X-Long, attached: every Tablo 2 attribute (sig §2.2; catalogue A, P4 S1)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::valid-detached", "p4-valid-detached.p7s",
	 "Valid P4 CAdES-X-Long, detached over inputs/icerik.txt (catalogue A, P4 S1, detached)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS | CO_F_DETACHED, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4a::valid-ats-v2", "p4a-valid-ats-v2.p7s",
	 "Valid P4 CAdES-A with archive-time-stamp v2 (catalogue A, P4_A S1; sig §4.4)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4a::valid-ats-v3", "p4a-valid-ats-v3.p7s",
	 "Valid P4 CAdES-A with archive-time-stamp v3 (EN 319 122-1 §5.5.3; sig §4.4)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, POS | CO_F_ATS_V3, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::sha1", "p4-sha1.p7s",
	 "P4 signed with SHA-1: Kamu SM lists it valid (catalogue A, P4 S5); an EU profile would "
	 "give INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE (sig §2.7)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS | CO_F_SHA1, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::user-notice", "p4-user-notice.p7s",
	 "P4 whose SigPolicyId carries an SPUserNotice qualifier (catalogue B, P4 S8)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS | CO_F_NOTICE, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p1::valid", "p1-valid.p7s",
	 "Valid P1 CAdES-BES, no signature-policy-identifier (sig §2.1, §2.2)",
	 "P1", UY_CADES_BES, UY_CADES_POLICY_NONE, "nes", RSA, NULL, NULL, NULL, 0, POS, OK_,
	 "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p2::valid", "p2-valid.p7s",
	 "Valid P2 CAdES-T with the P2 policy (sig §2.1)",
	 "P2", UY_CADES_T, UY_CADES_POLICY_P2, "nes", RSA, NULL, NULL, NULL, 0, POS, OK_,
	 "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::valid", "p3-valid.p7s",
	 "Valid P3 CAdES-X-Long with CRLs for signer and sub-CA (sig §2.1, §2.2)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::ecdsa", "p3-ecdsa.p7s",
	 "Valid P3 CAdES-X-Long by an EC NES (ECDSA P-256, EC chain; randomised signature)",
	 "P3", P3X, "nes-ec", UY_SIG_ECDSA, NULL, "ec-ca-crl", "root-ec-crl", 0, POS, OK_,
	 "root-ec root-rsa", NULL, 0, 0, 0,
	 /* the EC chain's values hold the EC CRLs; the time-stamp's TSA is under root-rsa,
	  * whose CRL a P3 validator fetches (spec §2.6: TSA by CRL) */
	 "root-rsa-crl"},
	{"cades::p4::rsa-pss", "p4-rsa-pss.p7s",
	 "Valid P4 CAdES-X-Long with RSASSA-PSS (RFC 4056; randomised signature)",
	 "P4", P4X, "nes", UY_SIG_RSA_PSS, GOOD, NULL, RCRL, 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::ess-corrupt", "p4-ess-corrupt.p7s",
	 "signing-certificate-v2 certHash corrupted (catalogue A, P4 S2; RFC 5035)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_ESS_HASH, 0, "INDETERMINATE",
	 "NO_SIGNING_CERTIFICATE_FOUND", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::message-digest-corrupt", "p4-message-digest-corrupt.p7s",
	 "message-digest corrupted (catalogue A, P4 S3; RFC 5652 §11.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_MESSAGE_DIGEST, 0, "TOTAL-FAILED",
	 "HASH_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::signature-corrupt", "p4-signature-corrupt.p7s",
	 "SignerInfo.signature corrupted (catalogue A, P4 S4; RFC 5652 §5.6)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_SIGNATURE, 0, "TOTAL-FAILED",
	 "SIG_CRYPTO_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	/* B. P4 policy rules */
	{"cades::p4::policy-oid-wrong", "p4-policy-oid-wrong.p7s",
	 "SigPolicyId is the P2 OID in a P4-shaped signature (catalogue B, P4 S6; sig §2.1)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_POLICY_OID, "INDETERMINATE",
	 "POLICY_PROCESSING_ERROR", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::policy-hash-wrong", "p4-policy-hash-wrong.p7s",
	 "SigPolicyHash is not the deployed P4 value (catalogue B, P4 S7; sig §2.3)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_POLICY_HASH, "INDETERMINATE",
	 "POLICY_PROCESSING_ERROR", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::signing-certificate-v1", "p4-signing-certificate-v1.p7s",
	 "signing-certificate v1 (SHA-1 ESSCertID) instead of v2 (catalogue B, P4 S9; sig §2.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ESS_V1, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::signing-time-absent", "p4-signing-time-absent.p7s",
	 "No signing-time attribute (catalogue B, P4 S10; Rehber Tablo 2: M)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_NO_SIGNING_TIME, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::signing-time-3h-before-tst", "p4-signing-time-3h-before-tst.p7s",
	 "signing-time 3 h before the signature-time-stamp, over the 2 h limit (catalogue B, P4 S11; "
	 "sig §2.4)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_TST_3H, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::crl-instead-of-ocsp", "p4-crl-instead-of-ocsp.p7s",
	 "P4 with a CRL instead of OCSP for the signer (catalogue B, P4 S12; sig §2.1)",
	 "P4", P4X, "nes", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	/* H, L. time-stamps */
	{"cades::p4::tst-imprint-corrupt", "p4-tst-imprint-corrupt.p7s",
	 "signature-time-stamp over a wrong messageImprint (catalogue H TSA1, P4 S32; RFC 3161 §2.4.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_TST_IMPRINT, 0, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4a::ats-imprint-corrupt", "p4a-ats-imprint-corrupt.p7s",
	 "archive-time-stamp over a wrong messageImprint (catalogue L TSA1, P4_A S56)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_ATS_IMPRINT, 0, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	/* D, E. revocation of the signer and revocation data */
	{"cades::p4::signer-revoked-before-ocsp", "p4-signer-revoked-before-ocsp.p7s",
	 "Signer revoked before signing per OCSP (PKI role nes-revoked-before; catalogue D, P4 S19)",
	 "P4", P4X, "nes-revoked-before", RSA, "ocsp-nes-revoked-before", NULL, RCRL, 0, 0,
	 "TOTAL-FAILED", "REVOKED", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::signer-revoked-after-ocsp", "p4-signer-revoked-after-ocsp.p7s",
	 "Signer revoked after the proven signing time per OCSP (PKI role nes-revoked-after; "
	 "catalogue D, P4 S20: valid)",
	 "P4", P4X, "nes-revoked-after", RSA, "ocsp-nes-revoked-after", NULL, RCRL, 0, POS, OK_,
	 "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::signer-revoked-before-crl", "p3-signer-revoked-before-crl.p7s",
	 "Signer on the CRL, revoked before signing (catalogue D, XLONG S13)",
	 "P3", P3X, "nes-revoked-before", RSA, NULL, NCRL, RCRL, 0, 0, "TOTAL-FAILED", "REVOKED",
	 "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::signer-revoked-after-crl", "p3-signer-revoked-after-crl.p7s",
	 "Signer on the CRL, revoked after the time-stamp (catalogue D, XLONG S14: valid)",
	 "P3", P3X, "nes-revoked-after", RSA, NULL, "nes-ca-crl", RCRL, 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::ocsp-expired", "p4-ocsp-expired.p7s",
	 "Signer OCSP response expired (nextUpdate before signing; catalogue E, P4 S21)",
	 "P4", P4X, "nes", RSA, "ocsp-nes-expired", NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::ocsp-bad-signature", "p4-ocsp-bad-signature.p7s",
	 "Signer OCSP response with a broken signature (catalogue E, P4 S22)",
	 "P4", P4X, "nes", RSA, "ocsp-nes-bad-signature", NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::ocsp-responder-expired", "p4-ocsp-responder-expired.p7s",
	 "OCSP responder certificate expired (PKI role ocsp-expired; catalogue E, P4 S23)",
	 "P4", P4X, "nes", RSA, "ocsp-responder-expired", NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::ocsp-responder-revoked-before", "p4-ocsp-responder-revoked-before.p7s",
	 "OCSP responder revoked before signing (PKI role ocsp-revoked; catalogue E, P4 S25, note c)",
	 "P4", P4X, "nes", RSA, "ocsp-responder-revoked", NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0,
	 /* the responder's own status is not embedded (as in Kamu SM's P4 files); the relying
	  * party holds the CA's current CRL, which lists the responder revoked before the
	  * response was produced (catalogue note c, interpretation) */
	 "nes-ca-crl"},
	{"cades::p4::ocsp-other-certificate", "p4-ocsp-other-certificate.p7s",
	 "OCSP response answers for another certificate (catalogue E, P4 S27)",
	 "P4", P4X, "nes", RSA, "ocsp-other-certificate", NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::crl-expired", "p3-crl-expired.p7s",
	 "Signer CRL expired (catalogue E, XLONG S17)",
	 "P3", P3X, "nes", RSA, NULL, "nes-ca-crl-expired", RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::crl-bad-signature", "p3-crl-bad-signature.p7s",
	 "Signer CRL with a broken signature (catalogue E, XLONG S18)",
	 "P3", P3X, "nes", RSA, NULL, "nes-ca-crl-bad-signature", RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::ca-crl-expired", "p3-ca-crl-expired.p7s",
	 "Sub-CA points to an expired CRL (catalogue F, XLONG S29)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, "root-rsa-crl-expired", 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::ca-crl-bad-signature", "p3-ca-crl-bad-signature.p7s",
	 "Sub-CA points to a CRL with a broken signature (catalogue F, XLONG S30)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, "root-rsa-crl-bad-signature", 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	/* C, F. signer certificate profile and chain: one per PKI defect role */
	{"cades::pki::nes-expired", "pki-nes-expired.p7s",
	 "Signer certificate expired before the proven signing time (catalogue C, XLONG S11)",
	 "P3", P3X, "nes-expired", RSA, NULL, NCRL, RCRL, 0, 0, "TOTAL-FAILED", "EXPIRED",
	 "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-not-yet-valid", "pki-nes-not-yet-valid.p7s",
	 "Signer certificate not yet valid at the signing and validation times (RFC 5280 §4.1.2.5)",
	 "P3", P3X, "nes-not-yet-valid", RSA, NULL, NCRL, RCRL, 0, 0, "TOTAL-FAILED",
	 "NOT_YET_VALID", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-no-nonrepudiation", "pki-nes-no-nonrepudiation.p7s",
	 "keyUsage lacks nonRepudiation (catalogue C, XLONG S7; sig §3.1)",
	 "P3", P3X, "nes-no-nonrepudiation", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-no-notice-text", "pki-nes-no-notice-text.p7s",
	 "certificatePolicies UserNotice without text (catalogue C, XLONG S8; sig §3.1)",
	 "P3", P3X, "nes-no-notice-text", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-no-etsi-qc", "pki-nes-no-etsi-qc.p7s",
	 "QCStatements lack the ETSI QcCompliance OID (catalogue C, XLONG S9; sig §3.1)",
	 "P3", P3X, "nes-no-etsi-qc", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-no-btk-qc", "pki-nes-no-btk-qc.p7s",
	 "QCStatements lack the BTK OID 2.16.792.1.61.0.1.5070.1.1 (catalogue C, XLONG S10)",
	 "P3", P3X, "nes-no-btk-qc", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-bad-signature", "pki-nes-bad-signature.p7s",
	 "Signer certificate signature broken (catalogue C, XLONG S12)",
	 "P3", P3X, "nes-bad-signature", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-sha1", "pki-nes-sha1.p7s",
	 "Signer certificate signed with SHA-1 (sig §2.7, BTK Tebliğ art. 6)",
	 "P3", P3X, "nes-sha1", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CRYPTO_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-rsa1024", "pki-nes-rsa1024.p7s",
	 "Signer key RSA-1024 (sig §2.7)",
	 "P3", P3X, "nes-rsa1024", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CRYPTO_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-wrong-issuer", "pki-nes-wrong-issuer.p7s",
	 "Signer certificate names another CA as issuer: no chain (RFC 5280 §6.1)",
	 "P3", P3X, "nes-wrong-issuer", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "NO_CERTIFICATE_CHAIN_FOUND", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::nes-under-forged-ca", "pki-nes-under-forged-ca.p7s",
	 "Signer issued by a forged sub-CA whose signature is broken (catalogue F, XLONG S26)",
	 "P3", P3X, "nes-under-forged-ca", RSA, NULL, NCRL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::seal-natural-person", "pki-seal-natural-person.p7s",
	 "e-Mühür issued to a natural person (circular 2017/21 §1; sig §3.4)",
	 "P3", P3X, "seal-natural-person", RSA, NULL, "seal-ca-crl", RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::seal-key-encipherment", "pki-seal-key-encipherment.p7s",
	 "e-Mühür with keyEncipherment: a warning only (sig §3.2, cert::seal::no-encryption)",
	 "P3", P3X, "seal-key-encipherment", RSA, NULL, "seal-ca-crl", RCRL, 0, POS, OK_,
	 "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::pki::enc-for-signing", "pki-enc-for-signing.p7s",
	 "Encryption certificate used to sign (sig §3.3: keyEncipherment only)",
	 "P3", P3X, "enc-for-signing", RSA, NULL, "enc-ca-crl", RCRL, 0, 0, "INDETERMINATE",
	 "CHAIN_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	/* H (after the others, so earlier vectors keep their TSA serials). Signature time-stamp by a defective TSA (catalogue H, P4 S34-S38; PKI roles tsa-*).
	 * The TSA's certificate, its CA and the CA's CRL are in the X-Long refs and values;
	 * indications: spec §5.2, "broken CA/CRL/OCSP" (interpretation). */
	{"cades::p4::tsa-expired", "p4-tsa-expired.p7s",
	 "signature-time-stamp by a TSA whose certificate expired before genTime (catalogue H TSA3, "
	 "P4 S34; RFC 3161 §2.3)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", "tsa-expired", 0, 0, 0, NULL},
	{"cades::p4::tsa-bad-signature", "p4-tsa-bad-signature.p7s",
	 "signature-time-stamp by a TSA whose certificate signature is broken (catalogue H TSA4, "
	 "P4 S35)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", "tsa-bad-signature", 0, 0, 0, NULL},
	{"cades::p4::tsa-revoked-before", "p4-tsa-revoked-before.p7s",
	 "signature-time-stamp by a TSA revoked (keyCompromise) before signing, on tsa-ca-crl "
	 "(catalogue H TSA5, P4 S36)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa", "tsa-revoked-before", 0, 0, 0, NULL},
	{"cades::p4::tsa-revoked-after", "p4-tsa-revoked-after.p7s",
	 "signature-time-stamp by a TSA revoked (cessationOfOperation) after signing, on tsa-ca-crl "
	 "(catalogue H TSA5, P4 S37: valid)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS, OK_, "root-rsa", "tsa-revoked-after", 0,
	 0, 0, NULL},
	{"cades::p4::tsa-under-forged-root", "p4-tsa-under-forged-root.p7s",
	 "signature-time-stamp by a TSA under root-forged, a trusted root whose own signature is "
	 "broken (catalogue H TSB, P4 S38; sig §9 Root B)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, "INDETERMINATE",
	 "CERTIFICATE_CHAIN_GENERAL_FAILURE", "invalid", "root-rsa root-forged",
	 "tsa-under-forged-root", 0, 0, 0, NULL},
	/* P4 e-Mühür (OCSP from seal-ocsp) */
	{"cades::p4::seal-valid", "p4-seal-valid.p7s",
	 "Valid P4 CAdES-X-Long by the institution's e-Mühür, OCSP for the seal (sig §2.1, §3.2)",
	 "P4", P4X, "seal", RSA, "ocsp-seal-good-at-signing", NULL, RCRL, 0, POS, OK_, "root-rsa",
	 NULL, 0, 0, 0, NULL},
	/* I. refs attributes: refs are [0] nes-ca, [1] root-rsa, [2] OCSP responder; revinfo
	 * [0] the signer, [1] nes-ca (root CRL). Spec §5.2: missing refs or values. */
	{"cades::p4::cert-refs-root-missing", "p4-cert-refs-root-missing.p7s",
	 "complete-certificate-refs without the root (catalogue I, P4 S44; TS 101 733 §6.2.1)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_REF, 1, 0, NULL},
	{"cades::p4::cert-refs-root-wrong", "p4-cert-refs-root-wrong.p7s",
	 "complete-certificate-refs: the root's OtherCertID hash is wrong (catalogue I, P4 S45)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_REF, 1, 1, NULL},
	{"cades::p4::cert-refs-ca-missing", "p4-cert-refs-ca-missing.p7s",
	 "complete-certificate-refs without the sub-CA (catalogue I, P4 S46)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_REF, 0, 0, NULL},
	{"cades::p4::cert-refs-ca-wrong", "p4-cert-refs-ca-wrong.p7s",
	 "complete-certificate-refs: the sub-CA's OtherCertID hash is wrong (catalogue I, P4 S47)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_REF, 0, 1, NULL},
	{"cades::p4::rev-refs-ca-crl-missing", "p4-rev-refs-ca-crl-missing.p7s",
	 "complete-revocation-refs: the sub-CA's CrlOcspRef has no CRL reference (catalogue I, "
	 "P4 S48; TS 101 733 §6.2.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_REF, 1, 0, NULL},
	{"cades::p4::rev-refs-ca-crl-wrong", "p4-rev-refs-ca-crl-wrong.p7s",
	 "complete-revocation-refs: the sub-CA CRL's CrlValidatedID hash is wrong (catalogue I, "
	 "P4 S49)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_REF, 1, 1, NULL},
	{"cades::p4::rev-refs-signer-ocsp-missing", "p4-rev-refs-signer-ocsp-missing.p7s",
	 "complete-revocation-refs: the signer's CrlOcspRef has no OCSP reference (catalogue I, "
	 "P4 S50)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_OCSP_REF, 0, 0, NULL},
	{"cades::p4::rev-refs-signer-ocsp-wrong", "p4-rev-refs-signer-ocsp-wrong.p7s",
	 "complete-revocation-refs: the signer's OcspResponsesID hash is wrong (catalogue I, P4 S51)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_OCSP_REF, 0, 1, NULL},
	{"cades::p3::rev-refs-signer-crl-missing", "p3-rev-refs-signer-crl-missing.p7s",
	 "complete-revocation-refs: the signer's CrlOcspRef has no CRL reference (catalogue I, "
	 "XLONG S58)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_REF, 0, 0, NULL},
	{"cades::p3::rev-refs-signer-crl-wrong", "p3-rev-refs-signer-crl-wrong.p7s",
	 "complete-revocation-refs: the signer CRL's CrlValidatedID hash is wrong (catalogue I, "
	 "XLONG S59)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_REF, 0, 1, NULL},
	/* J. values attributes */
	{"cades::p4::cert-values-root-missing", "p4-cert-values-root-missing.p7s",
	 "certificate-values without the root (catalogue J, P4 S52; TS 101 733 §6.3.3)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_VALUE, 1, 0, NULL},
	{"cades::p4::cert-values-ca-missing", "p4-cert-values-ca-missing.p7s",
	 "certificate-values without the sub-CA (catalogue J, P4 S53); SignedData.certificates "
	 "still carries it",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CERT_VALUE, 0, 0, NULL},
	{"cades::p4::rev-values-ca-crl-missing", "p4-rev-values-ca-crl-missing.p7s",
	 "revocation-values without the sub-CA's CRL (catalogue J, P4 S54; TS 101 733 §6.3.4)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_VALUE, 1, 0, NULL},
	{"cades::p4::rev-values-signer-ocsp-missing", "p4-rev-values-signer-ocsp-missing.p7s",
	 "revocation-values without the signer's OCSP response (catalogue J, P4 S55)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_OCSP_VALUE, 0, 0, NULL},
	{"cades::p3::rev-values-signer-crl-missing", "p3-rev-values-signer-crl-missing.p7s",
	 "revocation-values without the signer's CRL (catalogue J, XLONG S67)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, 0, 0, XLF, "root-rsa", NULL,
	 UY_CADES_XL_CRL_VALUE, 0, 0, NULL},
	/* H remainder (after the others, so earlier vectors keep their TSA serials): TSA2 and the
	 * TSC cases, whose TSA tsa-c1 is under root-c (vectors/pki) */
	{"cades::p4::tst-signature-broken", "p4-tst-signature-broken.p7s",
	 "signature-time-stamp token whose signature is broken (catalogue H TSA2, P4 S33; "
	 "RFC 3161 §2.4.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_TST_SIGNATURE, 0, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4::tsc1-valid", "p4-tsc1-valid.p7s",
	 "signature-time-stamp by tsa-c1 under root-c, a trusted root of its own; its CRL "
	 "root-c-crl and root-c in the refs and values (catalogue H TSC1, P4 S39: valid)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS, OK_, "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4::tsc2-crl-expired", "p4-tsc2-crl-expired.p7s",
	 "signature-time-stamp by tsa-c1; the CRL embedded for it is expired (root-c-crl-expired; "
	 "catalogue H TSC2, P4 S40)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_TSA_CRL_EXP, XLF, "root-rsa root-c",
	 "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4::tsc3-crl-bad-signature", "p4-tsc3-crl-bad-signature.p7s",
	 "signature-time-stamp by tsa-c1; the CRL embedded for it has a broken signature "
	 "(root-c-crl-bad-signature; catalogue H TSC3, P4 S41)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_TSA_CRL_BAD, XLF, "root-rsa root-c",
	 "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4::tsc1-crl-not-embedded", "p4-tsc1-crl-not-embedded.p7s",
	 "signature-time-stamp by tsa-c1; no CRL for the TSA in the refs and values (catalogue H "
	 "TSC1, P4 S42)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_TSA_NO_CRL, XLF, "root-rsa root-c",
	 "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4::tsc1-root-not-embedded", "p4-tsc1-root-not-embedded.p7s",
	 "signature-time-stamp by tsa-c1; root-c is neither in the refs and values nor a trust "
	 "anchor (catalogue H TSC1, P4 S43, note e): no chain for the token (interpretation)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_TSA_NO_ROOT, "INDETERMINATE",
	 "NO_CERTIFICATE_CHAIN_FOUND", "invalid", "root-rsa", "tsa-c1", 0, 0, 0, NULL},
	/* F. sub-CA revoked (after the others, so earlier vectors keep their TSA serials): NES
	 * CAs of their own, revoked only in root-rsa-crl-subca-revoked (vectors/pki) */
	{"cades::p3::ca-revoked-before-crl", "p3-ca-revoked-before-crl.p7s",
	 "Sub-CA nes-ca-revoked-before revoked (keyCompromise) on root-rsa-crl-subca-revoked "
	 "before signing (catalogue F, XLONG S27); EN 319 102-1 §5.2.6: a revoked CA with no POE "
	 "before its revocation gives REVOKED_CA_NO_POE (interpretation)",
	 "P3", P3X, "nes-under-revoked-ca-before", RSA, NULL, "nes-ca-revoked-before-crl",
	 "root-rsa-crl-subca-revoked", 0, 0, "INDETERMINATE", "REVOKED_CA_NO_POE", "invalid",
	 "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::ca-revoked-after-crl", "p3-ca-revoked-after-crl.p7s",
	 "Sub-CA nes-ca-revoked-after revoked (cessationOfOperation) on root-rsa-crl-subca-revoked "
	 "after the signature-time-stamp (catalogue F, XLONG S28: valid)",
	 "P3", P3X, "nes-under-revoked-ca-after", RSA, NULL, "nes-ca-revoked-after-crl",
	 "root-rsa-crl-subca-revoked", 0, POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	/* K. CAdES-C time-stamp (.25, RFC 5126 §6.3.5) at the ESA level: P3 CAdES-A (ATS v2 by tsa)
	 * over X-Long with CRLs; the signature-time-stamp by tsa, the CAdES-C time-stamp by the
	 * TSA named (NULL: tsa) at signing time + 300 s */
	{"cades::p3a::c-ts-valid", "p3a-c-ts-valid.p7s",
	 "Valid ESA: P3 CAdES-A (ATS v2) with a CAdES-C time-stamp by tsa (catalogue A, ESA S1; K)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | POS, OK_, "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3a::c-ts-imprint-corrupt", "p3a-c-ts-imprint-corrupt.p7s",
	 "CAdES-C time-stamp over a wrong messageImprint (catalogue K TSA1, ESA S72; RFC 5126 §6.3.5)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, UY_CADES_DEFECT_CTS_IMPRINT, CO_F_CTS, "INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3a::c-ts-signature-broken", "p3a-c-ts-signature-broken.p7s",
	 "CAdES-C time-stamp token whose signature is broken (catalogue K TSA2, ESA S73)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, UY_CADES_DEFECT_CTS_SIGNATURE, CO_F_CTS, "INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsa-expired", "p3a-c-ts-tsa-expired.p7s",
	 "CAdES-C time-stamp by a TSA whose certificate expired before genTime (catalogue K TSA3, ESA S74)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS, XLF, "root-rsa", "tsa-expired", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsa-bad-signature", "p3a-c-ts-tsa-bad-signature.p7s",
	 "CAdES-C time-stamp by a TSA whose certificate signature is broken (catalogue K TSA4, ESA S75)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS, XLF, "root-rsa", "tsa-bad-signature", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsa-revoked-before", "p3a-c-ts-tsa-revoked-before.p7s",
	 "CAdES-C time-stamp by a TSA revoked before signing, on tsa-ca-crl (catalogue K TSA5, ESA S76)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS, XLF, "root-rsa", "tsa-revoked-before", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsa-revoked-after", "p3a-c-ts-tsa-revoked-after.p7s",
	 "CAdES-C time-stamp by a TSA revoked after signing, on tsa-ca-crl (catalogue K TSA5, ESA S77: valid)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | POS, OK_, "root-rsa", "tsa-revoked-after", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsa-under-forged-root", "p3a-c-ts-tsa-under-forged-root.p7s",
	 "CAdES-C time-stamp by a TSA under root-forged, a trusted root whose own signature is broken (catalogue K TSB, ESA S78)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS, XLF, "root-rsa root-forged", "tsa-under-forged-root", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsc1-valid", "p3a-c-ts-tsc1-valid.p7s",
	 "CAdES-C time-stamp by tsa-c1 under root-c, with root-c-crl and root-c in the refs and values (catalogue K TSC1, ESA S79: valid)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | POS, OK_, "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsc2-crl-expired", "p3a-c-ts-tsc2-crl-expired.p7s",
	 "CAdES-C time-stamp by tsa-c1; the CRL embedded for it is expired (catalogue K TSC2, ESA S80)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | CO_F_TSA_CRL_EXP, XLF, "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsc3-crl-bad-signature", "p3a-c-ts-tsc3-crl-bad-signature.p7s",
	 "CAdES-C time-stamp by tsa-c1; the CRL embedded for it has a broken signature (catalogue K TSC3, ESA S81)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | CO_F_TSA_CRL_BAD, XLF, "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsc1-crl-not-embedded", "p3a-c-ts-tsc1-crl-not-embedded.p7s",
	 "CAdES-C time-stamp by tsa-c1; no CRL for the TSA in the refs and values (catalogue K TSC1, ESA S82)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | CO_F_TSA_NO_CRL, XLF, "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p3a::c-ts-tsc1-root-not-embedded", "p3a-c-ts-tsc1-root-not-embedded.p7s",
	 "CAdES-C time-stamp by tsa-c1; root-c neither embedded nor trusted (catalogue K TSC1, ESA S83, note e): no chain for the token (interpretation)",
	 "P3", P3A, "nes", RSA, NULL, NCRL, RCRL, 0, CO_F_CTS | CO_F_TSA_NO_ROOT, "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "invalid", "root-rsa", "tsa-c1", 0, 0, 0, NULL},
};

/*
 * Content time-stamp (.20, a signed attribute) and time-stamped-certs-crls-refs (.26): built
 * after co_multi_table, so every earlier vector keeps its TSA serials (byte-stable files).
 */
static const co_cades co_cades_ts_table[] = {
	{"cades::p4::content-ts-valid", "p4-content-ts-valid.p7s",
	 "Valid P4 CAdES-X-Long with a content-time-stamp (signed attribute, RFC 5126 §5.11.4; "
	 "EN 319 122-1 §5.2.8) over the content, genTime signing time - 120 s",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, POS | CO_F_CONTENT_TS, OK_, "root-rsa", NULL,
	 0, 0, 0, NULL},
	{"cades::p4::content-ts-imprint-corrupt", "p4-content-ts-imprint-corrupt.p7s",
	 "content-time-stamp over a wrong messageImprint, signed as it is (catalogue TSA1; RFC 5126 "
	 "§5.11.4; RFC 3161 §2.4.2)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_CONTENT_TS_IMPRINT,
	 CO_F_CONTENT_TS, "INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL,
	 0, 0, 0, NULL},
	{"cades::p4::content-ts-after-signing", "p4-content-ts-after-signing.p7s",
	 "content-time-stamp genTime signing time + 3600 s, after the signature-time-stamp at + 60 s "
	 "(EN 319 102-1 §5.6.2.4: the content-time-stamp must precede the signature-time-stamp)",
	 "P4", P4X, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_CONTENT_TS | CO_F_CONTENT_TS_LATE,
	 "INDETERMINATE", "TIMESTAMP_ORDER_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p3::refs-ts-valid", "p3-refs-ts-valid.p7s",
	 "Valid P3 CAdES-X-Long with CRLs and a time-stamped-certs-crls-refs (.26, CAdES-X Type 2; "
	 "RFC 5126 §6.3.6) at signing time + 300 s",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, 0, POS | CO_F_REFS_TS, OK_, "root-rsa", NULL, 0,
	 0, 0, NULL},
	{"cades::p3::refs-ts-imprint-corrupt", "p3-refs-ts-imprint-corrupt.p7s",
	 "time-stamped-certs-crls-refs over a wrong messageImprint (catalogue TSA1; RFC 5126 §6.3.6)",
	 "P3", P3X, "nes", RSA, NULL, NCRL, RCRL, UY_CADES_DEFECT_REFS_TS_IMPRINT, CO_F_REFS_TS,
	 "INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
};

/*
 * L. Archive time-stamp ("Arşiv ZD", catalogue L, P4_A S57-S69): P4 CAdES-A (ATS v2) whose
 * archive-time-stamp at signing time + 600 s comes from the TSA role named (NULL: tsa); its
 * certificate path and CRL are in the X-Long refs and values as in family K (the archive-time-
 * stamp v2 covers them). Built after co_cades_ts_table, so every earlier vector keeps its TSA
 * serials (byte-stable files).
 */
static const co_cades co_cades_ats_table[] = {
	{"cades::p4a::ats-signature-broken", "p4a-ats-signature-broken.p7s",
	 "archive-time-stamp token whose signature is broken (catalogue L TSA2, P4_A S57; RFC 3161 "
	 "§2.4.2)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, UY_CADES_DEFECT_ATS_SIGNATURE, 0, "INDETERMINATE",
	 "SIG_CONSTRAINTS_FAILURE", "invalid", "root-rsa", NULL, 0, 0, 0, NULL},
	{"cades::p4a::ats-tsa-expired", "p4a-ats-tsa-expired.p7s",
	 "archive-time-stamp by a TSA whose certificate expired before genTime (catalogue L TSA3, "
	 "P4_A S58)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS, XLF, "root-rsa", "tsa-expired", 0,
	 0, 0, NULL},
	{"cades::p4a::ats-tsa-bad-signature", "p4a-ats-tsa-bad-signature.p7s",
	 "archive-time-stamp by a TSA whose certificate signature is broken (catalogue L TSA4, "
	 "P4_A S59)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS, XLF, "root-rsa", "tsa-bad-signature",
	 0, 0, 0, NULL},
	{"cades::p4a::ats-tsa-revoked-before", "p4a-ats-tsa-revoked-before.p7s",
	 "archive-time-stamp by a TSA revoked (keyCompromise) before signing, on tsa-ca-crl "
	 "(catalogue L TSA5, P4_A S60)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS, XLF, "root-rsa", "tsa-revoked-before",
	 0, 0, 0, NULL},
	{"cades::p4a::ats-tsa-revoked-after", "p4a-ats-tsa-revoked-after.p7s",
	 "archive-time-stamp by a TSA revoked (cessationOfOperation, 2027-04-01) after its genTime, "
	 "on tsa-ca-crl (catalogue L TSA5, P4_A S61: valid)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | POS, OK_, "root-rsa",
	 "tsa-revoked-after", 0, 0, 0, NULL},
	{"cades::p4a::ats-tsa-under-forged-root", "p4a-ats-tsa-under-forged-root.p7s",
	 "archive-time-stamp by a TSA under root-forged, a trusted root whose own signature is "
	 "broken (catalogue L TSB, P4_A S62; sig §9 Root B)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS, XLF, "root-rsa root-forged",
	 "tsa-under-forged-root", 0, 0, 0, NULL},
	{"cades::p4a::ats-tsc1-valid", "p4a-ats-tsc1-valid.p7s",
	 "archive-time-stamp by tsa-c1 under root-c, with root-c-crl and root-c in the refs and "
	 "values (catalogue L TSC1, P4_A S63: valid)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | POS, OK_, "root-rsa root-c",
	 "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-tsc2-crl-expired", "p4a-ats-tsc2-crl-expired.p7s",
	 "archive-time-stamp by tsa-c1; the CRL embedded for it is expired (root-c-crl-expired; "
	 "catalogue L TSC2, P4_A S64)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_TSA_CRL_EXP, XLF,
	 "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-tsc3-crl-bad-signature", "p4a-ats-tsc3-crl-bad-signature.p7s",
	 "archive-time-stamp by tsa-c1; the CRL embedded for it has a broken signature "
	 "(root-c-crl-bad-signature; catalogue L TSC3, P4_A S65)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_TSA_CRL_BAD, XLF,
	 "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-two-valid", "p4a-ats-two-valid.p7s",
	 "two archive-time-stamps v2: the first by tsa-c1 at signing time + 600 s with root-c-crl and "
	 "root-c embedded, the second by tsa at + 1200 s over the signature with the first (TS 101 733 "
	 "§6.4.1; the sound counterpart of catalogue L S66/S67)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_ATS2 | POS, OK_,
	 "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-two-first-crl-not-embedded", "p4a-ats-two-first-crl-not-embedded.p7s",
	 "two archive-time-stamps: the first by tsa-c1 with no CRL for its TSA in the refs and "
	 "values, the second by tsa covering it (catalogue L, P4_A S66)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_ATS2 | CO_F_TSA_NO_CRL, XLF,
	 "root-rsa root-c", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-two-first-root-not-embedded", "p4a-ats-two-first-root-not-embedded.p7s",
	 "two archive-time-stamps: the first by tsa-c1, whose root root-c is neither embedded nor "
	 "trusted, the second by tsa covering it (catalogue L, P4_A S67, note e): no chain for the "
	 "first token (interpretation)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_ATS2 | CO_F_TSA_NO_ROOT,
	 "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND", "invalid", "root-rsa", "tsa-c1", 0, 0, 0, NULL},
	{"cades::p4a::ats-tsa-expired-after-signing", "p4a-ats-tsa-expired-after-signing.p7s",
	 "archive-time-stamp by tsa-expires-after, valid at genTime (signing time + 600 s), expired "
	 "2027-04-01 before the validation time; tsa-ca-crl-at-signing embedded for it (catalogue L, "
	 "P4_A S68: valid; the token is judged at its genTime)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS | CO_F_TSA_CRL_EARLY | POS, OK_,
	 "root-rsa", "tsa-expires-after", 0, 0, 0, NULL},
	{"cades::p4a::ats-sha1", "p4a-ats-sha1.p7s",
	 "archive-time-stamp whose imprint and token signature use SHA-1 (catalogue L, P4_A S69: "
	 "Kamu SM lists it valid; sig §2.7 dates SHA-1)",
	 "P4", P4A, "nes", RSA, GOOD, NULL, RCRL, 0, CO_F_ATS_SHA1 | POS, OK_, "root-rsa", NULL, 0,
	 0, 0, NULL},
};

#undef P4X
#undef P3X
#undef P4A
#undef P3A
#undef RSA
#undef OK_
#undef POS
#undef XLF

/* Build state. */
typedef struct {
	const uy_corpus_paths *paths;
	uy_pki *pki;
	uy_tsa tsa;
	int64_t t;         /* reference signing time */
	uy_buf man;        /* manifest being written */
} co_ctx;

static uy_err
co_mkdir(const char *dir)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		return UY_ERROR(UY_ERR_IO, "cannot create %s: %s", dir, strerror(errno));
	}
	return UY_OK;
}

/* Hex SHA-256 of a file. */
static uy_err
co_sha256_file(const char *path, char hex[65])
{
	uint8_t *d = NULL;
	size_t n = 0;
	unsigned char dig[32];

	UY_TRY(uy_eypgen_read_file(path, UY_EYPGEN_MAX_INPUT, &d, &n));
	if (EVP_Digest(d, n, dig, NULL, EVP_sha256(), NULL) != 1) {
		uy_free(d);
		return UY_ERROR(UY_ERR_CRYPTO, "digest failed");
	}
	uy_free(d);
	for (size_t i = 0; i < 32; i++) {
		(void)snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	}
	return UY_OK;
}

static uy_err
co_esc(uy_buf *b, const char *s)
{
	for (const char *c = s; *c != '\0'; c++) {
		if (*c == '&') {
			UY_TRY(uy_buf_puts(b, "&amp;"));
		} else if (*c == '<') {
			UY_TRY(uy_buf_puts(b, "&lt;"));
		} else if (*c == '"') {
			UY_TRY(uy_buf_puts(b, "&quot;"));
		} else {
			UY_TRY(uy_buf_append(b, c, 1));
		}
	}
	return UY_OK;
}

/* <input file=".." sha256=".."/> for a file relative to the corpus. */
static uy_err
co_input(co_ctx *c, const char *rel)
{
	char hex[65];
	char *p = uy_asprintf("%s/%s", c->paths->out_dir, rel);
	uy_err rc = UY_OK;

	if (p == NULL) {
		return UY_ERR_NOMEM;
	}
	rc = co_sha256_file(p, hex);
	uy_free(p);
	UY_TRY(rc);
	return uy_buf_printf(&c->man, "    <input file=\"%s\" sha256=\"%s\"/>\n", rel, hex);
}

/* Opening of a <vector>: file hash, description, inputs, anchors, features. */
static uy_err
co_vec_open(co_ctx *c, const char *id, const char *kind, const char *file, int stable,
    const char *profile, const char *desc, const char *inputs, const char *anchors,
    const char *features)
{
	char hex[65];
	char *p = uy_asprintf("%s/%s", c->paths->out_dir, file);
	uy_err rc = UY_OK;
	char vt[32];
	time_t v = uy_pki_validation_time(c->pki);
	struct tm tm;

	if (p == NULL) {
		return UY_ERR_NOMEM;
	}
	rc = co_sha256_file(p, hex);
	uy_free(p);
	UY_TRY(rc);
	memset(&tm, 0, sizeof(tm));
	(void)gmtime_r(&v, &tm);
	(void)strftime(vt, sizeof(vt), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (c->paths->verbose) {
		fprintf(stderr, "uy-corpus: %s\n", file);
	}
	UY_TRY(uy_buf_printf(&c->man, "  <vector id=\"%s\" kind=\"%s\" file=\"%s\" sha256=\"%s\" "
	    "byte-stable=\"%s\" profile=\"%s\" validation-time=\"%s\">\n", id, kind, file, hex,
	    stable ? "yes" : "no", profile, vt));
	UY_TRY(uy_buf_puts(&c->man, "    <description>"));
	UY_TRY(co_esc(&c->man, desc));
	UY_TRY(uy_buf_puts(&c->man, "</description>\n"));
	if (inputs != NULL) {
		char *dup = uy_strdup(inputs);
		size_t len = strlen(inputs);
		size_t i = 0;

		if (dup == NULL) {
			return UY_ERR_NOMEM;
		}
		/* split on spaces without strtok */
		while (i < len) {
			size_t j = i;

			while (j < len && dup[j] != ' ') {
				j++;
			}
			dup[j] = '\0';
			if (j > i) {
				rc = co_input(c, dup + i);
				if (rc != UY_OK) {
					break;
				}
			}
			i = j + 1;
		}
		uy_free(dup);
		UY_TRY(rc);
	}
	UY_TRY(uy_buf_printf(&c->man, "    <trust-anchors>%s</trust-anchors>\n", anchors));
	return uy_buf_printf(&c->man, "    <features>%s</features>\n", features);
}

static uy_err
co_expect_sig(co_ctx *c, const co_sig *s)
{
	UY_TRY(uy_buf_puts(&c->man, "      <signature"));
	if (s->part != NULL) {
		UY_TRY(uy_buf_printf(&c->man, " part=\"%s\"", s->part));
	}
	UY_TRY(uy_buf_printf(&c->man, " profile=\"%s\" indication=\"%s\"", s->profile,
	    s->indication));
	if (s->sub != NULL) {
		UY_TRY(uy_buf_printf(&c->man, " sub-indication=\"%s\"", s->sub));
	}
	return uy_buf_printf(&c->man, " kamusm=\"%s\"/>\n", s->kamusm);
}

/* ---- signature vectors ----------------------------------------------------------------- */

static uy_err
co_one_cades(co_ctx *c, const co_cades *v, uy_span content)
{
	uy_err rc = UY_OK;
	uy_eypgen_kit_spec ks;
	uy_eypgen_kit kit;
	uint8_t *der = NULL;
	size_t len = 0;
	char *file = uy_asprintf("cades/%s", v->file);
	char *path = uy_asprintf("%s/cades/%s", c->paths->out_dir, v->file);
	static const uint8_t bad_hash[32] = {0};
	int stable = v->scheme == UY_SIG_RSA_PKCS1 && strncmp(v->anchor, "root-rsa", 8) == 0;
	uy_tsa tsa = c->tsa;
	uy_tsa ctsa = c->tsa; /* the CAdES-C time-stamp's TSA when v->tsa names it */
	uy_tsa atsa = c->tsa; /* the archive-time-stamp's TSA when v->tsa names it */
	int cts = (v->flags & CO_F_CTS) != 0;
	int ats = (v->flags & CO_F_ATS) != 0;
	STACK_OF(X509) *tsa_chain = NULL;
	STACK_OF(X509) *tsa_certs = NULL;
	/* the TSA is under root-rsa, so root-rsa anchors every time-stamp token */
	co_sig s = {NULL, v->profile, v->indication, v->sub, v->kamusm};
	char features[240];

	memset(&kit, 0, sizeof(kit));
	UY_ENSURE_OUT(file != NULL && path != NULL, UY_ERR_NOMEM);
	uy_eypgen_spec_imza(&ks, v->role, c->t);
	ks.scheme = v->scheme;
	ks.level = v->level;
	ks.policy = v->policy;
	ks.signer_ocsp = v->ocsp;
	ks.signer_crl = v->crl;
	ks.ca_crl = v->ca_crl;
	ks.cades_defects = v->defects;
	ks.detached = (v->flags & CO_F_DETACHED) != 0;
	ks.md = (v->flags & CO_F_SHA1) != 0 ? EVP_sha1() : NULL;
	ks.ess_version = (v->flags & CO_F_ESS_V1) != 0 ? 1u : 2u;
	ks.no_signing_time = (v->flags & CO_F_NO_SIGNING_TIME) != 0;
	if ((v->flags & CO_F_TST_3H) != 0) {
		ks.tst_time = c->t + 3 * 3600;
	}
	ks.ats_time = c->t + 600;
	ks.ats_version = (v->flags & CO_F_ATS_V3) != 0 ? 3u : 2u;
	if ((v->flags & CO_F_POLICY_OID) != 0) {
		ks.policy_oid = UY_CADES_OID_P2;
	}
	if ((v->flags & CO_F_POLICY_HASH) != 0) {
		ks.policy_hash = bad_hash;
		ks.policy_hash_len = sizeof(bad_hash);
	}
	if ((v->flags & CO_F_NOTICE) != 0) {
		ks.user_notice = "Bu imza P4 politikasına göre atılmıştır (TEST).";
	}
	if (v->tsa != NULL) {
		/* a defective TSA of the PKI: same policy and serials as the corpus TSA, its CA
		 * certificates (not the root) in the token, its path and CRL in the X-Long refs.
		 * With CO_F_CTS it makes the CAdES-C time-stamp, with CO_F_ATS the (first)
		 * archive-time-stamp, else the signature-time-stamp. */
		uy_tsa *dt = cts ? &ctsa : ats ? &atsa : &tsa;

		dt->cert = uy_pki_cert(c->pki, v->tsa);
		dt->key = uy_pki_key(c->pki, v->tsa);
		UY_ENSURE_OUT(dt->cert != NULL && dt->key != NULL,
		    UY_ERROR(UY_ERR_NOT_FOUND, "no TSA role %s", v->tsa));
		UY_TRY_OUT(uy_pki_chain(&tsa_chain, c->pki, v->tsa));
		tsa_certs = sk_X509_new_null();
		UY_ENSURE_OUT(tsa_certs != NULL, UY_ERR_NOMEM);
		for (int i = 0; i < sk_X509_num(tsa_chain); i++) {
			X509 *x = sk_X509_value(tsa_chain, i);
			if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) != 0) {
				UY_ENSURE_OUT(sk_X509_push(tsa_certs, x) > 0, UY_ERR_NOMEM);
			}
		}
		dt->certs = sk_X509_num(tsa_certs) > 0 ? tsa_certs : NULL;
	}
	UY_TRY_OUT(uy_eypgen_kit_init(&kit, c->pki, &tsa, &ks));
	if (v->tsa != NULL) {
		const char *iss = uy_pki_role_issuer(c->pki, v->tsa);
		const char *tsa_crl = NULL;

		if (strcmp(iss, "tsa-ca") == 0) {
			tsa_crl = (v->flags & CO_F_TSA_CRL_EARLY) != 0 ? "tsa-ca-crl-at-signing" :
			    "tsa-ca-crl";
		} else if (strcmp(iss, "root-c") == 0) {
			tsa_crl = (v->flags & CO_F_TSA_CRL_EXP) != 0 ? "root-c-crl-expired" :
			    (v->flags & CO_F_TSA_CRL_BAD) != 0 ? "root-c-crl-bad-signature" : "root-c-crl";
		}
		if ((v->flags & CO_F_TSA_NO_CRL) != 0) {
			tsa_crl = NULL;
		}
		UY_TRY_OUT(uy_eypgen_kit_add_ref(&kit, c->pki, v->tsa, tsa_crl));
		if (strcmp(iss, "tsa-ca") == 0) {
			UY_TRY_OUT(uy_eypgen_kit_add_ref(&kit, c->pki, "tsa-ca", "root-rsa-crl"));
		} else if (strcmp(iss, "root-rsa") != 0 && (v->flags & CO_F_TSA_NO_ROOT) == 0) {
			UY_TRY_OUT(uy_eypgen_kit_add_ref(&kit, c->pki, iss, NULL));
		}
	}
	if (cts) {
		kit.opts.c_timestamp = 1;
		kit.opts.c_tsa = v->tsa != NULL ? &ctsa : NULL;
		kit.opts.c_ts_time = c->t + 300;
	}
	if (ats) {
		kit.opts.a_tsa = v->tsa != NULL ? &atsa : NULL;
	}
	if ((v->flags & CO_F_ATS2) != 0) {
		kit.opts.ats2_time = c->t + 1200;
	}
	if ((v->flags & CO_F_ATS_SHA1) != 0) {
		kit.opts.ats_md = EVP_sha1();
	}
	if ((v->flags & CO_F_CONTENT_TS) != 0) {
		kit.opts.content_timestamp = 1;
		kit.opts.content_ts_time = (v->flags & CO_F_CONTENT_TS_LATE) != 0 ? c->t + 3600 :
		    c->t - 120;
	}
	if ((v->flags & CO_F_REFS_TS) != 0) {
		kit.opts.refs_timestamp = 1;
		kit.opts.refs_ts_time = c->t + 300;
	}
	kit.opts.xl_entry = v->xl;
	kit.opts.xl_index = v->xl_index;
	kit.opts.xl_corrupt = v->xl_corrupt;
	UY_TRY_OUT(uy_cades_make(&der, &len, &kit.signer, content, &kit.opts));
	/* another TSA role's serials may repeat "tsa"'s: serials are unique per TSA */
	c->tsa.serial = tsa.serial > ctsa.serial ? tsa.serial : ctsa.serial;
	c->tsa.serial = c->tsa.serial > atsa.serial ? c->tsa.serial : atsa.serial;
	UY_TRY_OUT(uy_eypgen_write_file(path, der, len));
	(void)snprintf(features, sizeof(features), "cades %s %s %s%s%s%s%s%s%s%s",
	    v->level == UY_CADES_A ? "cades-a" : v->level == UY_CADES_XLONG ? "cades-x-long" :
	    v->level == UY_CADES_T ? "cades-t" : "cades-bes",
	    (v->flags & CO_F_DETACHED) != 0 ? "detached" : "attached",
	    v->scheme == UY_SIG_ECDSA ? "ecdsa" : v->scheme == UY_SIG_RSA_PSS ? "rsa-pss" :
	    "rsa-pkcs1", (v->flags & CO_F_SHA1) != 0 ? " sha1" : "",
	    (v->flags & CO_F_ATS_V3) != 0 ? " ats-v3" : "", cts ? " cades-c-ts" : "",
	    (v->flags & CO_F_CONTENT_TS) != 0 ? " content-ts" : "",
	    (v->flags & CO_F_REFS_TS) != 0 ? " refs-ts" : "",
	    (v->flags & CO_F_ATS2) != 0 ? " two-ats" : "",
	    (v->flags & CO_F_ATS_SHA1) != 0 ? " ats-sha1" : "");
	UY_TRY_OUT(co_vec_open(c, v->id, "cades", file, stable, v->profile, v->desc,
	    "inputs/icerik.txt", v->anchor, features));
	UY_TRY_OUT(uy_buf_printf(&c->man, "    <signer role=\"%s\"/>\n", v->role));
	if (v->level == UY_CADES_BES || v->level == UY_CADES_T) {
		/* No revocation values inside: the validator gets the PKI's current CRLs
		 * (valid at the validation time) from the vector, as a relying party would
		 * fetch them. Only "nes" signs at these levels. */
		UY_ENSURE_OUT(strcmp(v->role, "nes") == 0,
		    UY_ERROR(UY_ERR_INTERNAL, "BES/T vector %s: no revocation data for %s", v->id,
		    v->role));
		UY_TRY_OUT(uy_buf_puts(&c->man,
		    "    <revocation-data>nes-ca-crl root-rsa-crl</revocation-data>\n"));
	} else if (v->rev_data != NULL) {
		UY_TRY_OUT(uy_buf_printf(&c->man, "    <revocation-data>%s</revocation-data>\n",
		    v->rev_data));
	}
	UY_TRY_OUT(uy_buf_printf(&c->man, "    <expect positive=\"%s\">\n",
	    (v->flags & CO_F_POSITIVE) != 0 ? "yes" : "no"));
	UY_TRY_OUT(co_expect_sig(c, &s));
	UY_TRY_OUT(uy_buf_puts(&c->man, "    </expect>\n  </vector>\n"));
done:
	if (rc != UY_OK) {
		(void)UY_ERROR(rc, "vector %s", v->id);
	}
	uy_eypgen_kit_dispose(&kit);
	sk_X509_free(tsa_certs);
	sk_X509_pop_free(tsa_chain, X509_free);
	uy_free(der);
	uy_free(file);
	uy_free(path);
	return rc;
}

/* ---- several signers (catalogue family G) ---------------------------------------------- */

/* One signer of a family G vector; its expected verdict (spec signatures §5.2). */
typedef struct {
	const char *role;
	const char *ocsp;       /* signer OCSP response, or NULL */
	const char *crl;        /* signer CRL, or NULL */
	const char *ca_crl;     /* its CA's CRL */
	const char *indication;
	const char *sub;
} co_multi_signer;

/* A vector with two signers over inputs/icerik.txt: the second is added in parallel or as a
 * countersignature of the first (uy_cades_cosign). */
typedef struct {
	const char *id;
	const char *file;
	const char *desc;
	const char *profile;
	uy_cades_level level;
	uy_cades_policy policy;
	uy_cades_cosign_mode mode;
	co_multi_signer s[2];
} co_multi;

#define P4X UY_CADES_XLONG, UY_CADES_POLICY_P4
#define P3X UY_CADES_XLONG, UY_CADES_POLICY_P3
#define VALID_NES(ocsp, crl) {"nes", ocsp, crl, "root-rsa-crl", "TOTAL-PASSED", NULL}
static const co_multi co_multi_table[] = {
	{"cades::p4::serial-first-signer-revoked", "p4-serial-first-signer-revoked.p7s",
	 "Serial signatures: nes-revoked-before (revoked before signing per OCSP) signs, nes "
	 "countersigns its signature value (RFC 5652 §11.4), both P4 X-Long (catalogue G, P4 S30)",
	 "P4", P4X, UY_CADES_COUNTER,
	 {{"nes-revoked-before", "ocsp-nes-revoked-before", NULL, "root-rsa-crl", "TOTAL-FAILED",
	   "REVOKED"}, VALID_NES("ocsp-nes-good-at-signing", NULL)}},
	{"cades::p4::parallel-first-signer-revoked", "p4-parallel-first-signer-revoked.p7s",
	 "Parallel signatures: two SignerInfos over the same content, nes-revoked-before (revoked "
	 "before signing per OCSP) and nes, both P4 X-Long (catalogue G, P4 S31)",
	 "P4", P4X, UY_CADES_PARALLEL,
	 {{"nes-revoked-before", "ocsp-nes-revoked-before", NULL, "root-rsa-crl", "TOTAL-FAILED",
	   "REVOKED"}, VALID_NES("ocsp-nes-good-at-signing", NULL)}},
	{"cades::p3::serial-first-signer-ca-revoked", "p3-serial-first-signer-ca-revoked.p7s",
	 "Serial signatures: the first signer's sub-CA nes-ca-revoked-before is revoked before "
	 "signing (root-rsa-crl-subca-revoked); nes countersigns, both P3 X-Long with CRLs "
	 "(catalogue G, XLONG S40)",
	 "P3", P3X, UY_CADES_COUNTER,
	 {{"nes-under-revoked-ca-before", NULL, "nes-ca-revoked-before-crl",
	   "root-rsa-crl-subca-revoked", "INDETERMINATE", "REVOKED_CA_NO_POE"},
	  VALID_NES(NULL, "nes-ca-crl-at-signing")}},
	{"cades::p3::parallel-first-signer-ca-revoked", "p3-parallel-first-signer-ca-revoked.p7s",
	 "Parallel signatures: the first signer's sub-CA nes-ca-revoked-before is revoked before "
	 "signing (root-rsa-crl-subca-revoked); nes signs in parallel, both P3 X-Long with CRLs "
	 "(catalogue G, XLONG S41)",
	 "P3", P3X, UY_CADES_PARALLEL,
	 {{"nes-under-revoked-ca-before", NULL, "nes-ca-revoked-before-crl",
	   "root-rsa-crl-subca-revoked", "INDETERMINATE", "REVOKED_CA_NO_POE"},
	  VALID_NES(NULL, "nes-ca-crl-at-signing")}},
};
#undef P4X
#undef P3X
#undef VALID_NES

static uy_err
co_one_multi(co_ctx *c, const co_multi *v, uy_span content)
{
	uy_err rc = UY_OK;
	uy_eypgen_kit_spec ks;
	uy_eypgen_kit kit[2];
	uint8_t *der[2] = {NULL, NULL};
	size_t len[2] = {0, 0};
	char *file = uy_asprintf("cades/%s", v->file);
	char *path = uy_asprintf("%s/cades/%s", c->paths->out_dir, v->file);
	uy_tsa tsa = c->tsa;
	char features[160];

	memset(kit, 0, sizeof(kit));
	UY_ENSURE_OUT(file != NULL && path != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < 2; i++) {
		uy_eypgen_spec_imza(&ks, v->s[i].role, c->t);
		ks.level = v->level;
		ks.policy = v->policy;
		ks.signer_ocsp = v->s[i].ocsp;
		ks.signer_crl = v->s[i].crl;
		ks.ca_crl = v->s[i].ca_crl;
		UY_TRY_OUT(uy_eypgen_kit_init(&kit[i], c->pki, &tsa, &ks));
	}
	UY_TRY_OUT(uy_cades_make(&der[0], &len[0], &kit[0].signer, content, &kit[0].opts));
	UY_TRY_OUT(uy_cades_cosign(&der[1], &len[1], (uy_span){der[0], len[0]}, &kit[1].signer,
	    content, v->mode, &kit[1].opts));
	c->tsa.serial = tsa.serial;
	UY_TRY_OUT(uy_eypgen_write_file(path, der[1], len[1]));
	(void)snprintf(features, sizeof(features), "cades cades-x-long attached rsa-pkcs1 %s",
	    v->mode == UY_CADES_COUNTER ? "countersignature" : "parallel-signers");
	UY_TRY_OUT(co_vec_open(c, v->id, "cades", file, 1, v->profile, v->desc,
	    "inputs/icerik.txt", "root-rsa", features));
	for (size_t i = 0; i < 2; i++) {
		UY_TRY_OUT(uy_buf_printf(&c->man, "    <signer role=\"%s\"/>\n", v->s[i].role));
	}
	UY_TRY_OUT(uy_buf_puts(&c->man, "    <expect positive=\"no\">\n"));
	for (size_t i = 0; i < 2; i++) {
		UY_TRY_OUT(uy_buf_printf(&c->man, "      <signature signer=\"%s\" profile=\"%s\" "
		    "indication=\"%s\"", v->s[i].role, v->profile, v->s[i].indication));
		if (v->s[i].sub != NULL) {
			UY_TRY_OUT(uy_buf_printf(&c->man, " sub-indication=\"%s\"", v->s[i].sub));
		}
		/* per signature; Kamu SM's file verdict is invalid as soon as one is (README) */
		UY_TRY_OUT(uy_buf_printf(&c->man, " kamusm=\"%s\"/>\n",
		    strcmp(v->s[i].indication, "TOTAL-PASSED") == 0 ? "valid" : "invalid"));
	}
	UY_TRY_OUT(uy_buf_puts(&c->man, "    </expect>\n  </vector>\n"));
done:
	if (rc != UY_OK) {
		(void)UY_ERROR(rc, "vector %s", v->id);
	}
	uy_eypgen_kit_dispose(&kit[0]);
	uy_eypgen_kit_dispose(&kit[1]);
	uy_free(der[0]);
	uy_free(der[1]);
	uy_free(file);
	uy_free(path);
	return rc;
}

/* ---- packages -------------------------------------------------------------------------- */

/* A package vector: what to vary from the reference build. */
typedef struct {
	const char *id;
	const char *file;       /* under eyp/ */
	const char *desc;
	const char *input;      /* description under inputs/ */
	const char *imza_role;  /* NULL: nes */
	const char *imza_ocsp;  /* NULL: the reference */
	const char *muhur_role; /* NULL: seal */
	const char *muhur_crl;  /* NULL: the reference */
	int no_seal;            /* 1.x without seal */
	unsigned tamper;
	const char *fails;      /* expected FAILED check ids, space-separated */
	const char *imza_ind;   /* expected indication of ImzaCades */
	const char *imza_sub;
	const char *muhur_ind;
	const char *muhur_sub;
	int positive;
} co_pkg;

#define KKK "eyp::party::kkk-xsd"
static const co_pkg co_pkg_table[] = {
	{"eyp::v2::valid", "v2-valid.eyp",
	 "Valid 2.x package: ParafOzeti + ParafImzaCades, PaketOzeti (SHA-384 + SHA-512) + ImzaCades "
	 "(NES, P4 X-Long), NihaiUstveri, NihaiOzet over Core + MuhurCades (e-Mühür CAdES-A) "
	 "(packages §3.3, §7, §8)",
	 "inputs/paket-2x.xml", NULL, NULL, NULL, NULL, 0, 0, KKK, "TOTAL-PASSED", NULL,
	 "TOTAL-PASSED", NULL, 1},
	{"eyp::v1::valid", "v1-valid.eyp",
	 "Valid 1.x package: BelgeHedef, BelgeImza, PaketOzeti (SHA-256) + ImzaCades (P4 X-Long), "
	 "NihaiOzet + MuhurCades (packages §3.3, §3.4, §7)",
	 "inputs/paket-1x.xml", NULL, NULL, NULL, NULL, 0, 0, KKK, "TOTAL-PASSED", NULL,
	 "TOTAL-PASSED", NULL, 1},
	{"eyp::v1::valid-no-seal", "v1-valid-no-seal.eyp",
	 "Valid 1.x package without NihaiOzet and seal, optional in 1.x (packages §3.3)",
	 "inputs/paket-1x.xml", NULL, NULL, NULL, NULL, 1, 0, KKK, "TOTAL-PASSED", NULL, NULL, NULL,
	 1},
	{"eyp::v2::paketozeti-digest-mismatch", "v2-paketozeti-digest-mismatch.eyp",
	 "PaketOzeti carries a wrong SHA-384 of Ustveri, signed and sealed as it is (K.33, "
	 "packages §7)",
	 "inputs/paket-2x.xml", NULL, NULL, NULL, NULL, 0, UY_EYPGEN_TAMPER_PAKETOZETI_DIGEST,
	 KKK " eyp::paketozeti::digest-mismatch", "TOTAL-PASSED", NULL, "TOTAL-PASSED", NULL, 0},
	{"eyp::v2::nihaiozet-core-missing", "v2-nihaiozet-core-missing.eyp",
	 "NihaiOzet does not cover Core (K.43, packages §7 coverage)",
	 "inputs/paket-2x.xml", NULL, NULL, NULL, NULL, 0, UY_EYPGEN_TAMPER_NIHAIOZET_NO_CORE,
	 KKK " eyp::nihaiozet::coverage", "TOTAL-PASSED", NULL, "TOTAL-PASSED", NULL, 0},
	{"eyp::v2::imza-signer-revoked-before", "v2-imza-signer-revoked-before.eyp",
	 "ImzaCades by a NES revoked before signing (PKI role nes-revoked-before, OCSP revoked; "
	 "catalogue D, P4 S19)",
	 "inputs/paket-2x.xml", "nes-revoked-before", "ocsp-nes-revoked-before", NULL, NULL, 0, 0,
	 KKK, "TOTAL-FAILED", "REVOKED", "TOTAL-PASSED", NULL, 0},
	{"eyp::v2::imza-no-nonrepudiation", "v2-imza-no-nonrepudiation.eyp",
	 "ImzaCades by a NES without nonRepudiation (PKI role nes-no-nonrepudiation; catalogue C)",
	 "inputs/paket-2x.xml", "nes-no-nonrepudiation", "", NULL, NULL, 0, 0, KKK,
	 "INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE", "TOTAL-PASSED", NULL, 0},
	{"eyp::v2::muhur-natural-person", "v2-muhur-natural-person.eyp",
	 "MuhurCades by an e-Mühür issued to a natural person (PKI role seal-natural-person; "
	 "circular 2017/21 §1)",
	 "inputs/paket-2x.xml", NULL, NULL, "seal-natural-person", NULL, 0, 0, KKK, "TOTAL-PASSED",
	 NULL, "INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE", 0},
	{"eyp::v2::muhur-enc-for-signing", "v2-muhur-enc-for-signing.eyp",
	 "MuhurCades made with an encryption certificate (PKI role enc-for-signing; sig §3.3)",
	 "inputs/paket-2x.xml", NULL, NULL, "enc-for-signing", "enc-ca-crl", 0, 0, KKK,
	 "TOTAL-PASSED", NULL, "INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE", 0},
};
#undef KKK

static uy_err
co_one_pkg(co_ctx *c, const co_pkg *v)
{
	uy_err rc = UY_OK;
	uy_eypgen_desc *d = NULL;
	uy_eypgen_kit_spec ks;
	uy_eypgen_kit paraf;
	uy_eypgen_kit imza;
	uy_eypgen_kit muhur;
	uy_eypgen_options o = UY_EYPGEN_OPTIONS_INIT;
	char *desc_path = uy_asprintf("%s/%s", c->paths->out_dir, v->input);
	char *file = uy_asprintf("eyp/%s", v->file);
	char *path = uy_asprintf("%s/eyp/%s", c->paths->out_dir, v->file);
	int g2 = 0;
	co_sig s;

	memset(&paraf, 0, sizeof(paraf));
	memset(&imza, 0, sizeof(imza));
	memset(&muhur, 0, sizeof(muhur));
	UY_ENSURE_OUT(desc_path != NULL && file != NULL && path != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(uy_eypgen_desc_load(&d, desc_path));
	g2 = uy_eypgen_desc_generation(d) == 2;
	uy_eypgen_spec_imza(&ks, "nes", c->t);
	if (g2) {
		UY_TRY_OUT(uy_eypgen_kit_init(&paraf, c->pki, &c->tsa, &ks));
		o.paraf.signer = &paraf.signer;
		o.paraf.cades = &paraf.opts;
	}
	if (v->imza_role != NULL) {
		ks.role = v->imza_role;
		ks.signer_ocsp = NULL;
		ks.signer_crl = "nes-ca-crl-at-signing";
		if (v->imza_ocsp != NULL && v->imza_ocsp[0] != '\0') {
			ks.signer_ocsp = v->imza_ocsp;
			ks.signer_crl = NULL;
		}
		if (v->imza_ocsp != NULL && v->imza_ocsp[0] == '\0') {
			ks.policy = UY_CADES_POLICY_P3;
		}
	}
	UY_TRY_OUT(uy_eypgen_kit_init(&imza, c->pki, &c->tsa, &ks));
	o.imza.signer = &imza.signer;
	o.imza.cades = &imza.opts;
	if (!v->no_seal) {
		uy_eypgen_spec_muhur(&ks, v->muhur_role != NULL ? v->muhur_role : "seal", c->t);
		if (v->muhur_crl != NULL) {
			ks.signer_crl = v->muhur_crl;
		}
		UY_TRY_OUT(uy_eypgen_kit_init(&muhur, c->pki, &c->tsa, &ks));
		o.muhur.signer = &muhur.signer;
		o.muhur.cades = &muhur.opts;
	}
	o.tamper = v->tamper;
	UY_TRY_OUT(uy_eypgen_make(path, d, &o));
	UY_TRY_OUT(co_vec_open(c, v->id, "eyp", file, 1, "P4", v->desc, v->input, "root-rsa",
	    g2 ? "eyp eyp-2x paraf cades-x-long cades-a" :
	    (v->no_seal ? "eyp eyp-1x cades-x-long" : "eyp eyp-1x cades-x-long cades-a")));
	UY_TRY_OUT(uy_buf_printf(&c->man, "    <expect positive=\"%s\">\n",
	    v->positive ? "yes" : "no"));
	UY_TRY_OUT(uy_buf_printf(&c->man, "      <fail>%s</fail>\n", v->fails));
	if (g2) {
		s = (co_sig){"/Paraflar/ParafImzaCades.imz", "P4", "TOTAL-PASSED", NULL, "valid"};
		UY_TRY_OUT(co_expect_sig(c, &s));
	}
	s = (co_sig){"/Imzalar/ImzaCades.imz", v->imza_ocsp != NULL && v->imza_ocsp[0] == '\0' ?
	    "P3" : "P4", v->imza_ind, v->imza_sub,
	    strcmp(v->imza_ind, "TOTAL-PASSED") == 0 ? "valid" : "invalid"};
	UY_TRY_OUT(co_expect_sig(c, &s));
	if (!v->no_seal) {
		s = (co_sig){g2 ? "/Muhur/MuhurCades.imz" : "/Muhurler/MuhurCades.imz", "P3",
		    v->muhur_ind, v->muhur_sub,
		    strcmp(v->muhur_ind, "TOTAL-PASSED") == 0 ? "valid" : "invalid"};
		UY_TRY_OUT(co_expect_sig(c, &s));
	}
	UY_TRY_OUT(uy_buf_puts(&c->man, "    </expect>\n  </vector>\n"));
done:
	if (rc != UY_OK) {
		(void)UY_ERROR(rc, "vector %s", v->id);
	}
	uy_eypgen_kit_dispose(&paraf);
	uy_eypgen_kit_dispose(&imza);
	uy_eypgen_kit_dispose(&muhur);
	uy_eypgen_desc_free(d);
	uy_free(desc_path);
	uy_free(file);
	uy_free(path);
	return rc;
}

/* .eypg over the valid 2.x package. */
static uy_err
co_eypg(co_ctx *c)
{
	uy_err rc = UY_OK;
	uy_eypgen_kit_spec ks;
	uy_eypgen_kit muhur;
	uy_eypgen_sig sig;
	char *orig = uy_asprintf("%s/eyp/v2-valid.eyp", c->paths->out_dir);
	char *path = uy_asprintf("%s/eypg/v21-update.eypg", c->paths->out_dir);
	uy_eypgen_update u = {
	    .id = "0F2C5D1A-7B3E-4C9D-8A61-2E5F4B7C9D10",
	    .created = c->t + 14 * 86400,
	    .creator = "TEST BAKANLIĞI BİLGİ İŞLEM DAİRESİ/24301050",
	    .subject = "Gizlilik Derecesi Değiştirme",
	    .yeni_gizlilik = "YOK",
	    .tarih = "2027-03-15T00:00:00",
	    .aciklama = "Komisyon kararıyla gizlilik derecesi kaldırılmıştır (TEST).",
	    .karar_no = "E-24301050-010.01-7",
	    .karar_id = "5D7A1C3E-2B4F-4E6A-9C8D-1F3B5A7C9E20",
	};

	memset(&muhur, 0, sizeof(muhur));
	UY_ENSURE_OUT(orig != NULL && path != NULL, UY_ERR_NOMEM);
	uy_eypgen_spec_muhur(&ks, "seal", c->t);
	UY_TRY_OUT(uy_eypgen_kit_init(&muhur, c->pki, &c->tsa, &ks));
	sig.signer = &muhur.signer;
	sig.cades = &muhur.opts;
	UY_TRY_OUT(uy_eypgen_make_eypg(path, orig, &u, &sig));
	UY_TRY_OUT(co_vec_open(c, "eypg::v21::valid", "eypg", "eypg/v21-update.eypg", 1, "P3",
	    "Valid 2.1 update package: GuncellemeBilgisi, OrijinalPaket = eyp/v2-valid.eyp, NihaiOzet "
	    "(GuncellemeBilgisi, OrijinalPaket, Core) + MuhurCades (packages §10)",
	    "eyp/v2-valid.eyp", "root-rsa", "eypg cades-a"));
	UY_TRY_OUT(uy_buf_puts(&c->man, "    <expect positive=\"yes\">\n"
	    "      <fail>eyp::party::kkk-xsd</fail>\n"));
	{
		co_sig s = {"/Muhur/MuhurCades.imz", "P3", "TOTAL-PASSED", NULL, "valid"};
		UY_TRY_OUT(co_expect_sig(c, &s));
	}
	UY_TRY_OUT(uy_buf_puts(&c->man, "    </expect>\n  </vector>\n"));
done:
	uy_eypgen_kit_dispose(&muhur);
	uy_free(orig);
	uy_free(path);
	return rc;
}

/* .eyps vectors: RSA (deterministic RNG), RSA with GCM, EC, and 1.x RSA. */
static uy_err
co_eyps(co_ctx *c, const char *id, const char *file, const char *inner, const char *role,
    uy_enc_content content, const char *desc)
{
	uy_err rc = UY_OK;
	uy_eyps_options o = UY_EYPS_OPTIONS_INIT;
	char *ip = uy_asprintf("%s/%s", c->paths->out_dir, inner);
	char *op = uy_asprintf("%s/%s", c->paths->out_dir, file);
	X509 *rcpt = uy_pki_cert(c->pki, role);
	int ec = strcmp(role, "enc-ec") == 0;
	char features[96];

	UY_ENSURE_OUT(ip != NULL && op != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(rcpt != NULL, UY_ERROR(UY_ERR_NOT_FOUND, "no role %s", role));
	o.enc.content = content;
	o.created = (time_t)(c->t + 3600);
	o.revision = "uyum/uy-corpus";
	o.enc.libctx = ec ? NULL : uy_eypgen_det_libctx(file);
	UY_TRY_OUT(uy_enc_make_eyps(op, ip, &rcpt, 1, &o));
	(void)snprintf(features, sizeof(features), "eyps %s %s", ec ? "ecdh" : "rsa-oaep",
	    content == UY_ENC_AES256_GCM ? "auth-enveloped aes256-gcm" : "enveloped aes256-cbc");
	UY_TRY_OUT(co_vec_open(c, id, "eyps", file, o.enc.libctx != NULL, "P4", desc, inner,
	    "root-rsa", features));
	UY_TRY_OUT(uy_buf_printf(&c->man, "    <recipient role=\"%s\"/>\n", role));
	UY_TRY_OUT(uy_buf_printf(&c->man, "    <expect positive=\"yes\" inner=\"%s\">\n"
	    "      <fail>%s</fail>\n"
	    "      <decrypt recipient=\"%s\" equals=\"%s\"/>\n"
	    "    </expect>\n  </vector>\n", inner,
	    strstr(inner, "v1-") != NULL ? "eyp::party::kkk-xsd" : "", role, inner));
done:
	OSSL_LIB_CTX_free(o.enc.libctx);
	uy_free(ip);
	uy_free(op);
	return rc;
}

/* Copy a file from the inputs folder into out/inputs (byte for byte) unless it is the same. */
static uy_err
co_copy_input(co_ctx *c, const char *name)
{
	uy_err rc = UY_OK;
	char *src = uy_asprintf("%s/%s", c->paths->inputs_dir, name);
	char *dst = uy_asprintf("%s/inputs/%s", c->paths->out_dir, name);
	uint8_t *d = NULL;
	size_t n = 0;

	UY_ENSURE_OUT(src != NULL && dst != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(uy_eypgen_read_file(src, UY_EYPGEN_MAX_DESC, &d, &n));
	UY_TRY_OUT(uy_eypgen_write_file(dst, d, n));
done:
	uy_free(d);
	uy_free(src);
	uy_free(dst);
	return rc;
}

/* Extract the PDFs of the sample 2.x package into out/inputs. */
static uy_err
co_extract_pdfs(co_ctx *c)
{
	static const char *const ent[][2] = {{"UstYazi/ustyazi.pdf", "ustyazi.pdf"},
	    {"Ekler/ek1.pdf", "ek1.pdf"}, {"Ekler/ek2.pdf", "ek2.pdf"}};
	uy_err rc = UY_OK;
	char *sp = uy_asprintf("%s/paketv2x.eyp", c->paths->samples_dir);
	zip_t *za = NULL;
	int zerr = 0;
	uint8_t *buf = NULL;

	UY_ENSURE_OUT(sp != NULL, UY_ERR_NOMEM);
	za = zip_open(sp, ZIP_RDONLY, &zerr);
	UY_ENSURE_OUT(za != NULL, UY_ERROR(UY_ERR_IO, "cannot open %s", sp));
	for (size_t i = 0; i < sizeof(ent) / sizeof(ent[0]); i++) {
		zip_stat_t st;
		zip_file_t *zf = NULL;
		char *dst = NULL;
		zip_int64_t got = 0;

		zip_stat_init(&st);
		UY_ENSURE_OUT(zip_stat(za, ent[i][0], 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0 &&
		    st.size <= CO_MAX_PDF, UY_ERROR(UY_ERR_IO, "%s: no %s", sp, ent[i][0]));
		buf = uy_alloc((size_t)st.size + 1);
		UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
		zf = zip_fopen(za, ent[i][0], 0);
		UY_ENSURE_OUT(zf != NULL, UY_ERROR(UY_ERR_IO, "%s: cannot read %s", sp, ent[i][0]));
		got = zip_fread(zf, buf, st.size);
		(void)zip_fclose(zf);
		UY_ENSURE_OUT(got >= 0 && (zip_uint64_t)got == st.size,
		    UY_ERROR(UY_ERR_IO, "%s: short read of %s", sp, ent[i][0]));
		dst = uy_asprintf("%s/inputs/%s", c->paths->out_dir, ent[i][1]);
		UY_ENSURE_OUT(dst != NULL, UY_ERR_NOMEM);
		rc = uy_eypgen_write_file(dst, buf, (size_t)st.size);
		uy_free(dst);
		uy_free(buf);
		buf = NULL;
		UY_TRY_OUT(rc);
	}
done:
	uy_free(buf);
	if (za != NULL) {
		zip_discard(za);
	}
	uy_free(sp);
	return rc;
}

/* see corpus.h */
uy_err
uy_corpus_build(const uy_corpus_paths *paths)
{
	uy_err rc = UY_OK;
	co_ctx c;
	char *spec = NULL;
	char *keys = NULL;
	char *pout = NULL;
	char *dir = NULL;
	char *content_path = NULL;
	uint8_t *content = NULL;
	size_t content_len = 0;
	static const char *const sub[] = {"inputs", "eyp", "eyps", "eypg", "cades"};
	static const char *const copies[] = {"paket-2x.xml", "paket-1x.xml", "icerik.txt"};
	char vt[32];
	char st[32];
	struct tm tm;
	time_t tv = 0;

	UY_ASSERT_ARG(paths != NULL && paths->out_dir != NULL && paths->inputs_dir != NULL &&
	    paths->pki_dir != NULL && paths->samples_dir != NULL);
	memset(&c, 0, sizeof(c));
	c.paths = paths;
	uy_buf_init(&c.man, CO_MAX_MANIFEST, 0);
	spec = uy_asprintf("%s/pki.xml", paths->pki_dir);
	keys = uy_asprintf("%s/keys", paths->pki_dir);
	pout = uy_asprintf("%s/out", paths->pki_dir);
	content_path = uy_asprintf("%s/inputs/icerik.txt", paths->out_dir);
	UY_ENSURE_OUT(spec != NULL && keys != NULL && pout != NULL && content_path != NULL,
	    UY_ERR_NOMEM);
	UY_TRY_OUT(uy_pki_load(&c.pki, spec, keys, pout));
	c.t = (int64_t)uy_pki_signing_time(c.pki);
	UY_TRY_OUT(uy_eypgen_tsa_init(&c.tsa, c.pki, 1));
	UY_TRY_OUT(co_mkdir(paths->out_dir));
	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		dir = uy_asprintf("%s/%s", paths->out_dir, sub[i]);
		UY_ENSURE_OUT(dir != NULL, UY_ERR_NOMEM);
		UY_TRY_OUT(co_mkdir(dir));
		uy_free(dir);
		dir = NULL;
	}
	for (size_t i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		UY_TRY_OUT(co_copy_input(&c, copies[i]));
	}
	UY_TRY_OUT(co_extract_pdfs(&c));
	UY_TRY_OUT(uy_eypgen_read_file(content_path, UY_EYPGEN_MAX_INPUT, &content, &content_len));

	tv = uy_pki_validation_time(c.pki);
	memset(&tm, 0, sizeof(tm));
	(void)gmtime_r(&tv, &tm);
	(void)strftime(vt, sizeof(vt), "%Y-%m-%dT%H:%M:%SZ", &tm);
	tv = (time_t)c.t;
	(void)gmtime_r(&tv, &tm);
	(void)strftime(st, sizeof(st), "%Y-%m-%dT%H:%M:%SZ", &tm);
	UY_TRY_OUT(uy_buf_printf(&c.man, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Generated by uy-corpus (tools/corpus); do not edit. Format: README.md. TEST ONLY. -->\n"
	    "<corpus xmlns=\"" UY_CORPUS_NS "\" version=\"1\" validation-time=\"%s\" "
	    "signing-time=\"%s\" pki=\"../pki/pki.xml\">\n", vt, st));

	for (size_t i = 0; i < sizeof(co_pkg_table) / sizeof(co_pkg_table[0]); i++) {
		UY_TRY_OUT(co_one_pkg(&c, &co_pkg_table[i]));
	}
	UY_TRY_OUT(co_eypg(&c));
	UY_TRY_OUT(co_eyps(&c, "eyps::v2::rsa-cbc", "eyps/v2-rsa-cbc.eyps", "eyp/v2-valid.eyp",
	    "enc-rsa", UY_ENC_AES256_CBC,
	    "Valid 2.x .eyps: EnvelopedData, AES-256-CBC, RSA-OAEP-SHA256 for enc-rsa (packages §9; "
	    "sig §7.2)"));
	UY_TRY_OUT(co_eyps(&c, "eyps::v2::rsa-gcm", "eyps/v2-rsa-gcm.eyps", "eyp/v2-valid.eyp",
	    "enc-rsa", UY_ENC_AES256_GCM,
	    "Valid 2.x .eyps: AuthEnvelopedData, AES-256-GCM, RSA-OAEP-SHA256 (RFC 5083, 5084)"));
	UY_TRY_OUT(co_eyps(&c, "eyps::v2::ec-cbc", "eyps/v2-ec-cbc.eyps", "eyp/v2-valid.eyp",
	    "enc-ec", UY_ENC_AES256_CBC,
	    "Valid 2.x .eyps: EnvelopedData, AES-256-CBC, ECDH ephemeral-static with the SHA-256 KDF "
	    "and AES-256 key wrap for enc-ec (RFC 5753; sig §7.3); not byte-stable"));
	UY_TRY_OUT(co_eyps(&c, "eyps::v1::rsa-cbc", "eyps/v1-rsa-cbc.eyps", "eyp/v1-valid.eyp",
	    "enc-rsa", UY_ENC_AES256_CBC,
	    "Valid 1.x .eyps: EnvelopedData, AES-256-CBC, RSA-OAEP-SHA256 (packages §9)"));
	for (size_t i = 0; i < sizeof(co_cades_table) / sizeof(co_cades_table[0]); i++) {
		UY_TRY_OUT(co_one_cades(&c, &co_cades_table[i], (uy_span){content, content_len}));
	}
	for (size_t i = 0; i < sizeof(co_multi_table) / sizeof(co_multi_table[0]); i++) {
		UY_TRY_OUT(co_one_multi(&c, &co_multi_table[i], (uy_span){content, content_len}));
	}
	for (size_t i = 0; i < sizeof(co_cades_ts_table) / sizeof(co_cades_ts_table[0]); i++) {
		UY_TRY_OUT(co_one_cades(&c, &co_cades_ts_table[i], (uy_span){content, content_len}));
	}
	for (size_t i = 0; i < sizeof(co_cades_ats_table) / sizeof(co_cades_ats_table[0]); i++) {
		UY_TRY_OUT(co_one_cades(&c, &co_cades_ats_table[i], (uy_span){content, content_len}));
	}
	UY_TRY_OUT(uy_buf_puts(&c.man, "</corpus>\n"));
	dir = uy_asprintf("%s/manifest.xml", paths->out_dir);
	UY_ENSURE_OUT(dir != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(uy_eypgen_write_file(dir, c.man.ptr, c.man.len));
done:
	uy_buf_dispose(&c.man);
	uy_pki_free(c.pki);
	uy_free(content);
	uy_free(content_path);
	uy_free(spec);
	uy_free(keys);
	uy_free(pout);
	uy_free(dir);
	return rc;
}
