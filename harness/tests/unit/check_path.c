/*
 * check_path.c - unit tests of path validation at a reference time
 * (src/cades/path.c, uy_path.h), table-driven over the committed test PKI
 * (vectors/pki/out; expected results from vectors/pki/README.md and spec
 * §5.2). Times: validation time 2027-06-01T12:00:00Z, signing time
 * 2027-03-01T10:00:00Z (vectors/pki/pki.xml). Each case also states the
 * X509_V_ERR_* that OpenSSL's own X509_verify_cert() must give, and the
 * revocation inputs are cross-checked with X509_CRL_verify() and
 * OCSP_basic_verify().
 */
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uyum.h"

#define T_VAL INT64_C(1811851200)	/* 2027-06-01T12:00:00Z */
#define T_SIGN INT64_C(1803895200)	/* 2027-03-01T10:00:00Z */
#define MAX_NAMES 8

/* ------------------------------------------------------------------ */
/* Helpers: inputs by role name. */

/* Loaded inputs of one case. */
typedef struct {
	X509 *anchors[MAX_NAMES];
	X509 *untrusted[MAX_NAMES];
	uy_span crls[MAX_NAMES];
	uy_span ocsp[MAX_NAMES];
	uy_path_inputs in;
} loaded;

static void
load_inputs(loaded *l, const char *anchors, const char *untrusted, const char *crls,
            const char *ocsp)
{
	memset(l, 0, sizeof(*l));
	l->in.version = UY_PATH_INPUTS_VERSION;
	l->in.anchor_count = uy_test_pki_certs(l->anchors, MAX_NAMES, anchors);
	l->in.untrusted_count = uy_test_pki_certs(l->untrusted, MAX_NAMES, untrusted);
	l->in.crl_count = uy_test_pki_ders(l->crls, MAX_NAMES, crls, ".crl.der");
	l->in.ocsp_count = uy_test_pki_ders(l->ocsp, MAX_NAMES, ocsp, ".ocsp.der");
	l->in.anchors = l->anchors;
	l->in.untrusted = l->untrusted;
	l->in.crls = l->crls;
	l->in.ocsp = l->ocsp;
}

static void
free_inputs(loaded *l)
{
	for (size_t i = 0; i < MAX_NAMES; i++) {
		X509_free(l->anchors[i]);
		X509_free(l->untrusted[i]);
		free((void *)l->crls[i].ptr);
		free((void *)l->ocsp[i].ptr);
	}
}

/* ------------------------------------------------------------------ */
/* The table. */

#define ANCHORS "root-rsa root-ec"
#define P4 UY_PATH_REV_OCSP, UY_PATH_REV_CRL
#define P3 UY_PATH_REV_CRL, UY_PATH_REV_CRL
#define ANY UY_PATH_REV_ANY, UY_PATH_REV_ANY

typedef struct {
	const char *id;
	const char *cert;
	const char *anchors;
	const char *untrusted;
	const char *crls;
	const char *ocsp;
	int64_t t;		/* reference time */
	int64_t bst;		/* best-signature-time */
	uy_path_rev_policy ee;
	uy_path_rev_policy ca;
	int auth_level;
	unsigned flags;
	uy_indication ind;
	uy_subindication sub;
	int x509_error;		/* what OpenSSL's X509_verify_cert gives */
	uy_path_source ee_source;	/* expected source for certs[0] */
	int ee_revoked;
	int note;		/* 1 if a note is expected */
} path_case;

#define OK_ X509_V_OK
#define PASS_ UY_IND_PASSED, UY_SUB_NONE
#define IND_(s) UY_IND_INDETERMINATE, UY_SUB_##s
#define FAIL_(s) UY_IND_TOTAL_FAILED, UY_SUB_##s

static const path_case cases[] = {
	/* Positive paths. */
	{"nes-p4-ocsp", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl", "ocsp-nes-good",
	 T_VAL, T_SIGN, P4, 0, 0, PASS_, OK_, UY_PATH_SRC_OCSP, 0, 0},
	{"nes-p3-crl", "nes", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", T_VAL, T_SIGN, P3, 0,
	 0, PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	{"nes-any-prefers-ocsp", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-nes-good", T_VAL, T_SIGN, ANY, 0, 0, PASS_, OK_, UY_PATH_SRC_OCSP, 0, 0},
	{"nes-ec", "nes-ec", ANCHORS, "ec-ca", "root-ec-crl ec-ca-crl", "", T_VAL, T_SIGN, P3, 0, 0,
	 PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	{"seal", "seal", ANCHORS, "seal-ca", "root-rsa-crl seal-ca-crl", "", T_VAL, T_SIGN, P3, 0, 0,
	 PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	{"tsa-c1-under-root-c", "tsa-c1", "root-c", "", "root-c-crl", "", T_VAL, T_SIGN, P3, 0, 0,
	 PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	{"ocsp-responder-revoked-nocheck", "nes", ANCHORS, "nes-ca ocsp-revoked",
	 "root-rsa-crl nes-ca-crl", "ocsp-responder-revoked", T_VAL, T_SIGN, P4, 0, 0, PASS_, OK_,
	 UY_PATH_SRC_OCSP, 0, 0},
	/* Validity period at T. */
	{"nes-expired", "nes-expired", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, FAIL_(EXPIRED), X509_V_ERR_CERT_HAS_EXPIRED, UY_PATH_SRC_NONE, 0, 0},
	{"nes-not-yet-valid", "nes-not-yet-valid", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "",
	 T_VAL, T_SIGN, P3, 0, 0, FAIL_(NOT_YET_VALID), X509_V_ERR_CERT_NOT_YET_VALID,
	 UY_PATH_SRC_NONE, 0, 0},
	{"tsa-expired", "tsa-expired", ANCHORS, "tsa-ca", "root-rsa-crl tsa-ca-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, FAIL_(EXPIRED), X509_V_ERR_CERT_HAS_EXPIRED, UY_PATH_SRC_NONE, 0, 0},
	/* Chains. */
	{"nes-no-intermediate", "nes", ANCHORS, "", "root-rsa-crl nes-ca-crl", "", T_VAL, T_SIGN, P3,
	 0, 0, IND_(NO_CERTIFICATE_CHAIN_FOUND), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
	 UY_PATH_SRC_NONE, 0, 0},
	{"nes-no-anchor", "nes", "", "nes-ca root-rsa", "root-rsa-crl nes-ca-crl", "", T_VAL, T_SIGN,
	 P3, 0, 0, IND_(NO_CERTIFICATE_CHAIN_FOUND), X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
	 UY_PATH_SRC_NONE, 0, 0},
	{"nes-wrong-issuer", "nes-wrong-issuer", ANCHORS, "nes-ca seal-ca", "root-rsa-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, IND_(NO_CERTIFICATE_CHAIN_FOUND),
	 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UY_PATH_SRC_NONE, 0, 0},
	{"nes-bad-signature", "nes-bad-signature", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "",
	 T_VAL, T_SIGN, P3, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 X509_V_ERR_CERT_SIGNATURE_FAILURE, UY_PATH_SRC_NONE, 0, 0},
	{"nes-under-forged-ca", "nes-under-forged-ca", ANCHORS, "nes-ca-forged", "root-rsa-crl", "",
	 T_VAL, T_SIGN, P3, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 X509_V_ERR_CERT_SIGNATURE_FAILURE, UY_PATH_SRC_NONE, 0, 0},
	{"tsa-under-forged-root-untrusted", "tsa-under-forged-root", ANCHORS, "root-forged", "", "",
	 T_VAL, T_SIGN, P3, 0, 0, IND_(NO_CERTIFICATE_CHAIN_FOUND),
	 X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, UY_PATH_SRC_NONE, 0, 0},
	{"tsa-under-forged-root-check-ss", "tsa-under-forged-root", "root-forged", "", "", "", T_VAL,
	 T_SIGN, P3, 0, UY_PATH_CHECK_ANCHOR_SIGNATURE, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 X509_V_ERR_CERT_SIGNATURE_FAILURE, UY_PATH_SRC_NONE, 0, 0},
	{"tsa-c1-usual-anchors", "tsa-c1", ANCHORS, "root-c", "root-c-crl", "", T_VAL, T_SIGN, P3, 0,
	 0, IND_(NO_CERTIFICATE_CHAIN_FOUND), X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
	 UY_PATH_SRC_NONE, 0, 0},
	/* Algorithm and key size at OpenSSL security level 2. */
	{"nes-rsa1024-level2", "nes-rsa1024", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", T_VAL,
	 T_SIGN, P3, 2, 0, IND_(CRYPTO_CONSTRAINTS_FAILURE), X509_V_ERR_EE_KEY_TOO_SMALL,
	 UY_PATH_SRC_NONE, 0, 0},
	{"nes-sha1-level2", "nes-sha1", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", T_VAL,
	 T_SIGN, P3, 2, 0, IND_(CRYPTO_CONSTRAINTS_FAILURE), X509_V_ERR_CA_MD_TOO_WEAK,
	 UY_PATH_SRC_NONE, 0, 0},
	{"nes-sha1-level0", "nes-sha1", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	/* Revocation of the end entity: before vs after the best-signature-time. */
	{"nes-revoked-before-ocsp", "nes-revoked-before", ANCHORS, "nes-ca ocsp",
	 "root-rsa-crl nes-ca-crl", "ocsp-nes-revoked-before", T_VAL, T_SIGN, P4, 0, 0,
	 FAIL_(REVOKED), OK_, UY_PATH_SRC_OCSP, 1, 0},
	{"nes-revoked-before-crl", "nes-revoked-before", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl",
	 "", T_VAL, T_SIGN, P3, 0, 0, FAIL_(REVOKED), OK_, UY_PATH_SRC_CRL, 1, 0},
	{"nes-revoked-after-ocsp", "nes-revoked-after", ANCHORS, "nes-ca ocsp",
	 "root-rsa-crl nes-ca-crl", "ocsp-nes-revoked-after", T_VAL, T_SIGN, P4, 0, 0, PASS_, OK_,
	 UY_PATH_SRC_OCSP, 1, 1},
	{"nes-revoked-after-crl", "nes-revoked-after", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl",
	 "", T_VAL, T_SIGN, P3, 0, 0, PASS_, OK_, UY_PATH_SRC_CRL, 1, 1},
	{"nes-revoked-after-no-poe", "nes-revoked-after", ANCHORS, "nes-ca ocsp",
	 "root-rsa-crl nes-ca-crl", "ocsp-nes-revoked-after", T_VAL, T_VAL, P4, 0, 0,
	 FAIL_(REVOKED), OK_, UY_PATH_SRC_OCSP, 1, 0},
	{"tsa-revoked-before", "tsa-revoked-before", ANCHORS, "tsa-ca", "root-rsa-crl tsa-ca-crl", "",
	 T_VAL, T_SIGN, P3, 0, 0, FAIL_(REVOKED), OK_, UY_PATH_SRC_CRL, 1, 0},
	{"tsa-revoked-after", "tsa-revoked-after", ANCHORS, "tsa-ca", "root-rsa-crl tsa-ca-crl", "",
	 T_VAL, T_SIGN, P3, 0, 0, PASS_, OK_, UY_PATH_SRC_CRL, 1, 1},
	/* Revocation of a CA (root CRL with the sub-CAs revoked, family F). */
	{"nes-under-revoked-ca-before", "nes-under-revoked-ca-before", ANCHORS,
	 "nes-ca-revoked-before", "root-rsa-crl-subca-revoked nes-ca-revoked-before-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, IND_(REVOKED_CA_NO_POE), OK_, UY_PATH_SRC_CRL, 0, 0},
	/* The EE CRL (03-01..03-15) covers the best-signature-time; the CA's
	 * revocation after signing is a note. */
	{"nes-under-revoked-ca-after", "nes-under-revoked-ca-after", ANCHORS, "nes-ca-revoked-after",
	 "root-rsa-crl-subca-revoked nes-ca-revoked-after-crl", "", T_VAL, T_SIGN, P3, 0, 0,
	 PASS_, OK_, UY_PATH_SRC_CRL, 0, 1},
	/* Defective or missing OCSP responses for the P4 signer. */
	/* Revocation data must cover the best-signature-time: the OCSP response
	 * produced 5 min after signing speaks for it; a CRL issued after the
	 * validation time (nes-ca-crl, 05-25, with T = 05-20) is never used. */
	{"ocsp-after-bst", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl", "ocsp-nes-good-at-signing",
	 T_VAL, T_SIGN, P4, 0, 0, PASS_, OK_, UY_PATH_SRC_OCSP, 0, 0},
	{"crl-after-t", "nes", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "", INT64_C(1810771200),
	 T_SIGN, P3, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"ocsp-missing", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl", "", T_VAL, T_SIGN,
	 P4, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"ocsp-nes-expired", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-nes-expired", T_VAL, T_SIGN, P4, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"ocsp-nes-bad-signature", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-nes-bad-signature", T_VAL, T_SIGN, P4, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 OK_, UY_PATH_SRC_NONE, 0, 0},
	{"ocsp-other-certificate", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-other-certificate", T_VAL, T_SIGN, P4, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0,
	 0},
	{"ocsp-responder-expired", "nes", ANCHORS, "nes-ca ocsp-expired", "root-rsa-crl nes-ca-crl",
	 "ocsp-responder-expired", T_VAL, T_SIGN, P4, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 OK_, UY_PATH_SRC_NONE, 0, 0},
	{"ocsp-responder-revoked-checked", "nes", ANCHORS, "nes-ca ocsp-revoked",
	 "root-rsa-crl nes-ca-crl", "ocsp-responder-revoked", T_VAL, T_SIGN, P4, 0,
	 UY_PATH_CHECK_RESPONDER_STATUS, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE), OK_,
	 UY_PATH_SRC_NONE, 0, 0},
	/* The bad OCSP response does not hide a good one; ANY falls back to the CRL. */
	{"ocsp-bad-then-good", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-nes-bad-signature ocsp-nes-good", T_VAL, T_SIGN, P4, 0, 0, PASS_, OK_,
	 UY_PATH_SRC_OCSP, 0, 0},
	{"ocsp-stale-any-falls-back-to-crl", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl",
	 "ocsp-nes-expired", T_VAL, T_SIGN, ANY, 0, 0, PASS_, OK_, UY_PATH_SRC_CRL, 0, 0},
	/* At the signing time: the OCSP response is fresh (computed by uyum, not
	 * OCSP_check_validity), the root CRLs are not. */
	{"at-signing-root-crl-stale", "nes", ANCHORS, "nes-ca ocsp",
	 "root-rsa-crl nes-ca-crl-at-signing", "ocsp-nes-good-at-signing", T_SIGN + 3600, T_SIGN, P4,
	 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_OCSP, 0, 0},
	/* Defective CRLs. */
	{"nes-ca-crl-expired", "nes", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl-expired", "", T_VAL,
	 T_SIGN, P3, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"nes-ca-crl-bad-signature", "nes", ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl-bad-signature",
	 "", T_VAL, T_SIGN, P3, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE), OK_, UY_PATH_SRC_NONE,
	 0, 0},
	{"root-rsa-crl-expired", "nes", ANCHORS, "nes-ca ocsp", "root-rsa-crl-expired nes-ca-crl",
	 "ocsp-nes-good", T_VAL, T_SIGN, P4, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_OCSP, 0, 0},
	{"root-rsa-crl-bad-signature", "nes", ANCHORS, "nes-ca ocsp",
	 "root-rsa-crl-bad-signature nes-ca-crl", "ocsp-nes-good", T_VAL, T_SIGN, P4, 0, 0,
	 IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE), OK_, UY_PATH_SRC_OCSP, 0, 0},
	{"root-c-crl-expired", "tsa-c1", "root-c", "", "root-c-crl-expired", "", T_VAL, T_SIGN, P3, 0,
	 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"root-c-crl-bad-signature", "tsa-c1", "root-c", "", "root-c-crl-bad-signature", "", T_VAL,
	 T_SIGN, P3, 0, 0, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE), OK_, UY_PATH_SRC_NONE, 0, 0},
	{"crl-of-other-ca-ignored", "nes", ANCHORS, "nes-ca", "root-rsa-crl seal-ca-crl", "", T_VAL,
	 T_SIGN, P3, 0, 0, IND_(TRY_LATER), OK_, UY_PATH_SRC_NONE, 0, 0},
};

#define N_CASES (sizeof(cases) / sizeof(cases[0]))

/* The inputs of one case (no cache). */
static void
case_inputs(loaded *l, const path_case *pcase)
{
	load_inputs(l, pcase->anchors, pcase->untrusted, pcase->crls, pcase->ocsp);
	l->in.reference_time = pcase->t;
	l->in.best_signature_time = pcase->bst;
	l->in.ee_revocation = pcase->ee;
	l->in.ca_revocation = pcase->ca;
	l->in.auth_level = pcase->auth_level;
	l->in.flags = pcase->flags;
}

/* What a case expects of one uy_path_validate() call. */
static void
check_case(const path_case *pcase, uy_err rc, uy_verdict v, const uy_path_report *r)
{
	uy_path_report rep = *r;
	ck_assert_msg(rc == UY_OK, "%s: %s (%s)", pcase->id, uy_err_name(rc), uy_error_last());
	ck_assert_msg(v.indication == pcase->ind && v.sub == pcase->sub,
	              "%s: got %s/%s (%s), want %s/%s", pcase->id, uy_indication_name(v.indication),
	              uy_subindication_name(v.sub), v.reason, uy_indication_name(pcase->ind),
	              uy_subindication_name(pcase->sub));
	ck_assert_msg(rep.x509_error == pcase->x509_error, "%s: X509 error %d (%s), want %d",
	              pcase->id, rep.x509_error, X509_verify_cert_error_string(rep.x509_error),
	              pcase->x509_error);
	if (uy_verdict_is_failure(&v)) {
		ck_assert_msg(v.reason[0] != '\0' && v.clause != NULL, "%s: reason and clause",
		              pcase->id);
	} else {
		ck_assert_str_eq(v.reason, "");
	}
	ck_assert_uint_ge(rep.depth, 1);
	ck_assert_msg(strstr(rep.certs[0].subject, "CN=") != NULL, "%s: subject %s", pcase->id,
	              rep.certs[0].subject);
	if (pcase->x509_error == X509_V_OK) {
		ck_assert_int_eq(rep.certs[rep.depth - 1].source, UY_PATH_SRC_ANCHOR);
		ck_assert_msg(rep.certs[0].source == pcase->ee_source, "%s: EE source %d, want %d",
		              pcase->id, (int)rep.certs[0].source, (int)pcase->ee_source);
		ck_assert_int_eq(rep.certs[0].revoked, pcase->ee_revoked);
		if (pcase->ee_revoked) {
			ck_assert_int_gt(rep.certs[0].revocation_time, 0);
		}
	}
	ck_assert_msg((rep.note[0] != '\0') == (pcase->note != 0), "%s: note \"%s\"", pcase->id,
	              rep.note);
}

START_TEST(test_table)
{
	const path_case *pcase = &cases[_i];
	loaded l;
	case_inputs(&l, pcase);
	X509 *cert = uy_test_pki_cert(pcase->cert);
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;
	uy_err rc = uy_path_validate(&v, &rep, cert, &l.in);
	check_case(pcase, rc, v, &rep);
	X509_free(cert);
	free_inputs(&l);
}
END_TEST

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
assert_same_verdict(const char *id, const char *what, const uy_verdict *a, const uy_verdict *b)
{
	ck_assert_msg(a->indication == b->indication && a->sub == b->sub &&
	                  strcmp(a->reason, b->reason) == 0 && same_text(a->clause, b->clause),
	              "%s: %s: %s/%s \"%s\" vs %s/%s \"%s\"", id, what,
	              uy_indication_name(a->indication), uy_subindication_name(a->sub), a->reason,
	              uy_indication_name(b->indication), uy_subindication_name(b->sub), b->reason);
}

/* The cache must not change a single field of the verdict or the report. */
static void
assert_same_result(const char *id, const uy_verdict *va, const uy_path_report *a,
                   const uy_verdict *vb, const uy_path_report *b)
{
	assert_same_verdict(id, "verdict", va, vb);
	ck_assert_msg(a->x509_error == b->x509_error && a->depth == b->depth &&
	                  a->bad_crls == b->bad_crls && a->bad_ocsp == b->bad_ocsp &&
	                  a->lenient_crls == b->lenient_crls && strcmp(a->note, b->note) == 0,
	              "%s: report differs", id);
	for (size_t i = 0; i < a->depth; i++) {
		const uy_path_cert_report *x = &a->certs[i], *y = &b->certs[i];
		assert_same_verdict(id, "certificate status", &x->status, &y->status);
		ck_assert_msg(strcmp(x->subject, y->subject) == 0 && x->cert == y->cert &&
		                  x->source == y->source && x->source_index == y->source_index &&
		                  x->revoked == y->revoked &&
		                  x->revocation_time == y->revocation_time &&
		                  x->revocation_reason == y->revocation_reason,
		              "%s: certificate %zu differs", id, i);
	}
}

/* The whole table once more with one cache shared by every case (the same
 * CRL and OCSP bytes recur at new addresses): each call, a first one with
 * the cache and a second one hitting it, gives exactly what the call without
 * it gives, and what the case expects. */
START_TEST(test_table_shared_cache)
{
	uy_path_cache *cache = NULL;
	ck_assert_int_eq(uy_path_cache_new(&cache), UY_OK);
	ck_assert_ptr_nonnull(cache);
	for (size_t k = 0; k < N_CASES; k++) {
		const path_case *pcase = &cases[k];
		loaded l;
		case_inputs(&l, pcase);
		X509 *cert = uy_test_pki_cert(pcase->cert);
		uy_verdict v[3] = {UY_VERDICT_UNSET, UY_VERDICT_UNSET, UY_VERDICT_UNSET};
		uy_path_report rep[3];
		for (int run = 0; run < 3; run++) {
			l.in.cache = run == 0 ? NULL : cache;
			uy_err rc = uy_path_validate(&v[run], &rep[run], cert, &l.in);
			check_case(pcase, rc, v[run], &rep[run]);
		}
		assert_same_result(pcase->id, &v[0], &rep[0], &v[1], &rep[1]);
		assert_same_result(pcase->id, &v[0], &rep[0], &v[2], &rep[2]);
		X509_free(cert);
		free_inputs(&l);
	}
	uy_path_cache_free(cache);
}
END_TEST

/* One P3 ("CRL") or P4 ("OCSP") validation of `nes` with the given CA CRL
 * or OCSP response span, through `cache`. */
static uy_verdict
nes_with(uy_path_cache *cache, uy_span ca_crl, uy_span ocsp)
{
	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca ocsp", "root-rsa-crl", "");
	l.crls[l.in.crl_count++] = ca_crl;
	if (ocsp.ptr != NULL) {
		l.in.ocsp_count = 1;
		l.ocsp[0] = ocsp;
	}
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_SIGN;
	l.in.ee_revocation = ocsp.ptr != NULL ? UY_PATH_REV_OCSP : UY_PATH_REV_CRL;
	l.in.ca_revocation = UY_PATH_REV_CRL;
	l.in.cache = cache;
	X509 *cert = uy_test_pki_cert("nes");
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;
	ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
	ck_assert_uint_eq(rep.bad_crls, 0);
	ck_assert_uint_eq(rep.bad_ocsp, 0);
	/* The spans are the caller's: not freed by free_inputs. */
	l.crls[l.in.crl_count - 1] = (uy_span){NULL, 0};
	l.ocsp[0] = (uy_span){NULL, 0};
	X509_free(cert);
	free_inputs(&l);
	return v;
}

static void
assert_passed(uy_verdict v, const char *what)
{
	ck_assert_msg(v.indication == UY_IND_PASSED, "%s: %s", what, v.reason);
}

static void
assert_broken(uy_verdict v, const char *what)
{
	ck_assert_msg(v.indication == UY_IND_INDETERMINATE &&
	                  v.sub == UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE,
	              "%s: %s/%s %s", what, uy_indication_name(v.indication),
	              uy_subindication_name(v.sub), v.reason);
}

/* A cache reused over different inputs: a good and a badly signed CRL (or
 * OCSP response) each get their own verdict, whether at different addresses
 * or in one buffer rewritten between calls (same pointer, same length,
 * other bytes: must not hit). */
START_TEST(test_cache_reuse)
{
	uy_path_cache *cache = NULL;
	ck_assert_int_eq(uy_path_cache_new(&cache), UY_OK);
	uy_span good = uy_test_pki_der("nes-ca-crl", ".crl.der");
	uy_span bad = uy_test_pki_der("nes-ca-crl-bad-signature", ".crl.der");
	uy_span ogood = uy_test_pki_der("ocsp-nes-good", ".ocsp.der");
	uy_span obad = uy_test_pki_der("ocsp-nes-bad-signature", ".ocsp.der");
	uy_span none = {NULL, 0};
	ck_assert_uint_eq(good.len, bad.len);
	ck_assert_uint_eq(ogood.len, obad.len);

	/* Different addresses, in both orders. */
	assert_passed(nes_with(cache, good, none), "good CRL");
	assert_broken(nes_with(cache, bad, none), "bad CRL after a good one");
	assert_passed(nes_with(cache, good, none), "good CRL after a bad one");
	assert_broken(nes_with(cache, bad, none), "bad CRL, cached");

	/* One buffer, rewritten: CRL. */
	uint8_t *buf = malloc(good.len);
	ck_assert_ptr_nonnull(buf);
	uy_span same = {buf, good.len};
	memcpy(buf, good.ptr, good.len);
	assert_passed(nes_with(cache, same, none), "buffer with the good CRL");
	memcpy(buf, bad.ptr, bad.len);
	assert_broken(nes_with(cache, same, none), "same buffer, bad CRL");
	memcpy(buf, good.ptr, good.len);
	assert_passed(nes_with(cache, same, none), "same buffer, good CRL again");
	free(buf);

	/* One buffer, rewritten: OCSP (a fresh cache, so the first call misses). */
	uy_path_cache_free(cache);
	cache = NULL;
	ck_assert_int_eq(uy_path_cache_new(&cache), UY_OK);
	buf = malloc(ogood.len);
	ck_assert_ptr_nonnull(buf);
	same = (uy_span){buf, ogood.len};
	memcpy(buf, obad.ptr, obad.len);
	assert_broken(nes_with(cache, good, same), "buffer with the bad OCSP response");
	memcpy(buf, ogood.ptr, ogood.len);
	assert_passed(nes_with(cache, good, same), "same buffer, good OCSP response");
	memcpy(buf, obad.ptr, obad.len);
	assert_broken(nes_with(cache, good, same), "same buffer, bad OCSP response again");
	free(buf);

	uy_path_cache_free(cache);
	free((void *)good.ptr);
	free((void *)bad.ptr);
	free((void *)ogood.ptr);
	free((void *)obad.ptr);
}
END_TEST

/* A root with root-rsa's name but a fresh P-256 key (self-signed, CA), and
 * nes-ca re-signed by it: the path nes -> nes-ca' -> clone builds, and
 * root-rsa-crl names the clone's subject but is not signed by its key. */
static void
clone_root(X509 **root_out, X509 **ca_out)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *real = uy_test_pki_cert("root-rsa");
	X509 *root = X509_new();
	X509 *ca = uy_test_pki_cert("nes-ca");
	ck_assert(key != NULL && real != NULL && root != NULL && ca != NULL);
	X509_NAME *name = X509_get_subject_name(real);
	ck_assert_int_eq(X509_set_version(root, 2), 1);
	ck_assert_int_eq(ASN1_INTEGER_set(X509_get_serialNumber(root), 7), 1);
	ck_assert_int_eq(X509_set_subject_name(root, name), 1);
	ck_assert_int_eq(X509_set_issuer_name(root, name), 1);
	const time_t year = 86400 * 365;
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notBefore(root), (time_t)T_SIGN - year));
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notAfter(root), (time_t)T_VAL + year));
	ck_assert_int_eq(X509_set_pubkey(root, key), 1);
	X509V3_CTX v3;
	X509V3_set_ctx_nodb(&v3);
	X509V3_set_ctx(&v3, root, root, NULL, NULL, 0);
	X509_EXTENSION *bc = X509V3_EXT_conf_nid(NULL, &v3, NID_basic_constraints,
	                                         "critical,CA:TRUE");
	X509_EXTENSION *ku = X509V3_EXT_conf_nid(NULL, &v3, NID_key_usage,
	                                         "critical,keyCertSign,cRLSign");
	ck_assert(bc != NULL && ku != NULL);
	ck_assert_int_eq(X509_add_ext(root, bc, -1), 1);
	ck_assert_int_eq(X509_add_ext(root, ku, -1), 1);
	X509_EXTENSION_free(bc);
	X509_EXTENSION_free(ku);
	ck_assert_int_gt(X509_sign(root, key, EVP_sha256()), 0);
	ck_assert_int_gt(X509_sign(ca, key, EVP_sha256()), 0);	/* same name, key, AKID */
	EVP_PKEY_free(key);
	X509_free(real);
	*root_out = root;
	*ca_out = ca;
}

/* CRL signature outcomes are kept per issuer certificate, not per name: the
 * root CRL verified with root-rsa does not pass for a clone of its name. */
START_TEST(test_cache_issuer_key)
{
	uy_path_cache *cache = NULL;
	ck_assert_int_eq(uy_path_cache_new(&cache), UY_OK);
	X509 *root = NULL, *ca = NULL;
	clone_root(&root, &ca);
	X509 *cert = uy_test_pki_cert("nes");
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;

	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "");
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_SIGN;
	l.in.ee_revocation = UY_PATH_REV_CRL;
	l.in.ca_revocation = UY_PATH_REV_CRL;
	l.in.cache = cache;
	ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
	assert_passed(v, "real root");

	X509 *anchors[1] = {root};
	X509 *untrusted[1] = {ca};
	l.in.anchors = anchors;
	l.in.anchor_count = 1;
	l.in.untrusted = untrusted;
	l.in.untrusted_count = 1;
	for (int run = 0; run < 2; run++) {
		l.in.cache = run == 0 ? cache : NULL;
		ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
		ck_assert_uint_eq(rep.depth, 3);
		ck_assert_ptr_eq(rep.certs[2].cert, root);
		ck_assert_int_eq(rep.certs[0].status.indication, UY_IND_PASSED);
		assert_broken(rep.certs[1].status, "CA under the clone root");
		assert_broken(v, "clone root");
	}
	free_inputs(&l);
	X509_free(cert);
	X509_free(root);
	X509_free(ca);
	uy_path_cache_free(cache);
}
END_TEST

/* A full cache caches nothing more and changes nothing: 64 distinct
 * undecodable inputs fill it, then real ones are decoded per call. */
START_TEST(test_cache_full)
{
	uy_path_cache *cache = NULL;
	ck_assert_int_eq(uy_path_cache_new(&cache), UY_OK);
	static uint8_t junk[UY_PATH_CACHE_MAX_ENTRIES][5];
	uy_span spans[UY_PATH_CACHE_MAX_ENTRIES];
	for (size_t i = 0; i < UY_PATH_CACHE_MAX_ENTRIES; i++) {
		const uint8_t bytes[5] = {0x30, 0x03, 0x02, 0x01, (uint8_t)i};
		memcpy(junk[i], bytes, sizeof(bytes));
		spans[i] = (uy_span){junk[i], sizeof(junk[i])};
	}
	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca", "", "");
	l.in.crls = spans;
	l.in.crl_count = UY_PATH_CACHE_MAX_ENTRIES;
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_SIGN;
	l.in.ee_revocation = UY_PATH_REV_CRL;
	l.in.ca_revocation = UY_PATH_REV_CRL;
	l.in.cache = cache;
	X509 *cert = uy_test_pki_cert("nes");
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;
	for (int run = 0; run < 2; run++) {	/* a miss each, then a hit each */
		ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
		ck_assert_uint_eq(rep.bad_crls, UY_PATH_CACHE_MAX_ENTRIES);
		ck_assert_int_eq(v.sub, UY_SUB_TRY_LATER);
	}
	free_inputs(&l);
	X509_free(cert);
	uy_span good = uy_test_pki_der("nes-ca-crl", ".crl.der");
	uy_span bad = uy_test_pki_der("nes-ca-crl-bad-signature", ".crl.der");
	for (int run = 0; run < 2; run++) {
		assert_passed(nes_with(cache, good, (uy_span){NULL, 0}), "good CRL, cache full");
		assert_broken(nes_with(cache, bad, (uy_span){NULL, 0}), "bad CRL, cache full");
	}
	free((void *)good.ptr);
	free((void *)bad.ptr);
	uy_path_cache_free(cache);
	uy_path_cache_free(NULL);
	ck_assert_int_eq(uy_path_cache_new(NULL), UY_ERR_USAGE);
}
END_TEST

/* Revocation times and reasons from the README. */
START_TEST(test_revocation_details)
{
	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca", "root-rsa-crl nes-ca-crl", "");
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_SIGN;
	l.in.ee_revocation = UY_PATH_REV_CRL;
	l.in.ca_revocation = UY_PATH_REV_CRL;
	X509 *cert = uy_test_pki_cert("nes-revoked-before");
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;
	ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
	ck_assert_uint_eq(rep.depth, 3);
	ck_assert_int_eq(rep.certs[0].revocation_time, INT64_C(1801440000));	/* 2027-02-01 */
	ck_assert_int_eq(rep.certs[0].revocation_reason, 1);	/* keyCompromise */
	ck_assert_uint_eq(rep.certs[0].source_index, 1);
	ck_assert_int_eq(rep.certs[0].status.indication, UY_IND_TOTAL_FAILED);
	ck_assert_int_eq(rep.certs[1].status.indication, UY_IND_PASSED);
	ck_assert_int_eq(rep.certs[1].source, UY_PATH_SRC_CRL);
	ck_assert_uint_eq(rep.certs[1].source_index, 0);
	ck_assert_ptr_nonnull(strstr(rep.certs[2].subject, "CN="));
	X509_free(cert);
	free_inputs(&l);
}
END_TEST

/*
 * A root CRL as the Kamu SM P4 vector has it (spec §6 pitfall 4): NULL
 * parameters in tbsCertList's signature AlgorithmIdentifier, none in the
 * outer one. Made here: signed by root-rsa (TEST-ONLY key) with OpenSSL, then
 * the outer "05 00" removed (the signature covers only tbsCertList). With
 * `outer_sha384`, the outer OID is changed instead (a real mismatch).
 * Returns malloc'd DER.
 */
static uy_span
crafted_root_crl(int outer_sha384)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/vectors/pki/keys/root-rsa.key.pem", UY_SOURCE_DIR);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	EVP_PKEY *key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	ck_assert_ptr_nonnull(key);
	X509 *root = uy_test_pki_cert("root-rsa");
	X509_CRL *crl = X509_CRL_new();
	ASN1_TIME *lu = ASN1_TIME_set(NULL, (time_t)INT64_C(1809129600));	/* 2027-05-01 */
	ASN1_TIME *nu = ASN1_TIME_set(NULL, (time_t)INT64_C(1817078400));	/* 2027-08-01 */
	ck_assert(crl != NULL && lu != NULL && nu != NULL);
	ck_assert_int_eq(X509_CRL_set_version(crl, 1), 1);
	ck_assert_int_eq(X509_CRL_set_issuer_name(crl, X509_get_subject_name(root)), 1);
	ck_assert_int_eq(X509_CRL_set1_lastUpdate(crl, lu), 1);
	ck_assert_int_eq(X509_CRL_set1_nextUpdate(crl, nu), 1);
	ck_assert_int_gt(X509_CRL_sign(crl, key, EVP_sha256()), 0);
	unsigned char *der = NULL;
	int n = i2d_X509_CRL(crl, &der);
	ck_assert_int_gt(n, 200);
	/* 30 82 LL LL | tbs | 30 0d 06 09 <sha256WithRSA> 05 00 | 03 ... */
	ck_assert_int_eq(der[0], 0x30);
	ck_assert_int_eq(der[1], 0x82);
	/* tbsCertList header: 30 LL, 30 81 LL or 30 82 LL LL */
	ck_assert_int_eq(der[4], 0x30);
	ck_assert(der[5] < 0x80 || der[5] == 0x81 || der[5] == 0x82);
	size_t tbs_len = der[5] < 0x80    ? 2 + (size_t)der[5]
	                 : der[5] == 0x81 ? 3 + (size_t)der[6]
	                                  : 4 + (((size_t)der[6] << 8) | der[7]);
	size_t alg = 4 + tbs_len;
	ck_assert_int_eq(der[alg], 0x30);
	ck_assert_int_eq(der[alg + 1], 0x0d);
	ck_assert_int_eq(der[alg + 13], 0x05);
	uint8_t *out = malloc((size_t)n);
	ck_assert_ptr_nonnull(out);
	size_t o = 0;
	if (outer_sha384) {
		memcpy(out, der, (size_t)n);
		out[alg + 12] = 0x0c;	/* 1.2.840.113549.1.1.11 -> .12 (sha384WithRSAEncryption) */
		o = (size_t)n;
	} else {
		size_t total = (size_t)n - 2;
		out[o++] = 0x30;
		out[o++] = 0x82;
		out[o++] = (uint8_t)((total - 4) >> 8);
		out[o++] = (uint8_t)(total - 4);
		memcpy(out + o, der + 4, tbs_len);
		o += tbs_len;
		out[o++] = 0x30;
		out[o++] = 0x0b;
		memcpy(out + o, der + alg + 2, 11);	/* the OID TLV only */
		o += 11;
		memcpy(out + o, der + alg + 15, (size_t)n - (alg + 15));
		o += (size_t)n - (alg + 15);
		ck_assert_uint_eq(o, total);
	}
	OPENSSL_free(der);
	ASN1_TIME_free(lu);
	ASN1_TIME_free(nu);
	X509_CRL_free(crl);
	X509_free(root);
	EVP_PKEY_free(key);
	return (uy_span){out, o};
}

/* Pitfall 4: refused without the flag (RFC 5280 §5.1.1.2), accepted and noted with it;
 * a real algorithm mismatch is refused either way. */
START_TEST(test_lenient_crl_parameters)
{
	for (int variant = 0; variant < 3; variant++) {
		loaded l;
		load_inputs(&l, ANCHORS, "nes-ca", "nes-ca-crl", "");
		uy_span crafted = crafted_root_crl(variant == 2);
		l.crls[l.in.crl_count++] = crafted;
		l.in.reference_time = T_VAL;
		l.in.best_signature_time = T_SIGN;
		l.in.ee_revocation = UY_PATH_REV_CRL;
		l.in.ca_revocation = UY_PATH_REV_CRL;
		l.in.flags = variant == 0 ? 0u : UY_PATH_LENIENT_CRL_PARAMS;
		X509 *cert = uy_test_pki_cert("nes");
		uy_verdict v = UY_VERDICT_UNSET;
		uy_path_report rep;
		ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
		if (variant == 1) {
			ck_assert_msg(v.indication == UY_IND_PASSED, "lenient: %s", v.reason);
			ck_assert_uint_eq(rep.lenient_crls, 1);
			ck_assert_ptr_nonnull(strstr(rep.note, "NULL versus absent"));
		} else {
			/* Without the flag, or a different algorithm: the CA's CRL is broken. */
			ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
			ck_assert_int_eq(v.sub, UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE);
			ck_assert_uint_eq(rep.lenient_crls, 0);
		}
		/* The outer-algorithm change breaks the signature for OpenSSL too. */
		if (variant == 2) {
			const unsigned char *p = crafted.ptr;
			X509_CRL *c = d2i_X509_CRL(NULL, &p, (long)crafted.len);
			ck_assert_ptr_nonnull(c);
			ck_assert_int_ne(X509_CRL_verify(c, X509_get0_pubkey(l.anchors[0])), 1);
			X509_CRL_free(c);
			ERR_clear_error();
		}
		X509_free(cert);
		free_inputs(&l);
	}
}
END_TEST

/* The revocation inputs judged "broken" are broken for OpenSSL too. */
START_TEST(test_openssl_agrees)
{
	X509 *nes_ca = uy_test_pki_cert("nes-ca");
	X509 *root = uy_test_pki_cert("root-rsa");
	X509 *ocsp = uy_test_pki_cert("ocsp");
	const char *crl_names[] = {"nes-ca-crl", "nes-ca-crl-bad-signature"};
	for (int i = 0; i < 2; i++) {
		uy_span s = uy_test_pki_der(crl_names[i], ".crl.der");
		const unsigned char *p = s.ptr;
		X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)s.len);
		ck_assert_ptr_nonnull(crl);
		ck_assert_int_eq(X509_CRL_verify(crl, X509_get0_pubkey(nes_ca)) == 1, i == 0);
		X509_CRL_free(crl);
		free((void *)s.ptr);
	}
	X509_STORE *st = X509_STORE_new();
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(X509_STORE_add_cert(st, root), 1);
	X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(st), (time_t)T_VAL);
	STACK_OF(X509) *untrusted = sk_X509_new_null();
	ck_assert_ptr_nonnull(untrusted);
	ck_assert_int_eq(X509_add_cert(untrusted, nes_ca, X509_ADD_FLAG_UP_REF), 1);
	ck_assert_int_eq(X509_add_cert(untrusted, ocsp, X509_ADD_FLAG_UP_REF), 1);
	const char *ocsp_names[] = {"ocsp-nes-good", "ocsp-nes-bad-signature",
	                            "ocsp-responder-expired"};
	for (int i = 0; i < 3; i++) {
		uy_span s = uy_test_pki_der(ocsp_names[i], ".ocsp.der");
		const unsigned char *p = s.ptr;
		OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE(NULL, &p, (long)s.len);
		ck_assert_ptr_nonnull(resp);
		OCSP_BASICRESP *bs = OCSP_response_get1_basic(resp);
		ck_assert_ptr_nonnull(bs);
		ck_assert_int_eq(OCSP_basic_verify(bs, untrusted, st, 0) == 1, i == 0);
		OCSP_BASICRESP_free(bs);
		OCSP_RESPONSE_free(resp);
		free((void *)s.ptr);
	}
	ERR_clear_error();
	sk_X509_pop_free(untrusted, X509_free);
	X509_STORE_free(st);
	X509_free(ocsp);
	X509_free(root);
	X509_free(nes_ca);
}
END_TEST

/* Unparsable inputs are counted and ignored. */
START_TEST(test_garbage_inputs)
{
	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca ocsp", "root-rsa-crl nes-ca-crl", "ocsp-nes-good");
	static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01};
	uy_span crls[3] = {l.crls[0], l.crls[1], {junk, sizeof(junk)}};
	uy_span ocsps[3] = {{junk, sizeof(junk)}, {NULL, 0}, l.ocsp[0]};
	l.in.crls = crls;
	l.in.crl_count = 3;
	l.in.ocsp = ocsps;
	l.in.ocsp_count = 3;
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_SIGN;
	l.in.ee_revocation = UY_PATH_REV_OCSP;
	l.in.ca_revocation = UY_PATH_REV_CRL;
	X509 *cert = uy_test_pki_cert("nes");
	uy_verdict v = UY_VERDICT_UNSET;
	uy_path_report rep;
	ck_assert_int_eq(uy_path_validate(&v, &rep, cert, &l.in), UY_OK);
	ck_assert_int_eq(v.indication, UY_IND_PASSED);
	ck_assert_uint_eq(rep.bad_crls, 1);
	ck_assert_uint_eq(rep.bad_ocsp, 2);
	ck_assert_uint_eq(rep.certs[0].source_index, 2);
	X509_free(cert);
	free_inputs(&l);
}
END_TEST

START_TEST(test_usage)
{
	loaded l;
	load_inputs(&l, ANCHORS, "nes-ca", "", "");
	X509 *cert = uy_test_pki_cert("nes");
	uy_verdict v = UY_VERDICT_UNSET;
	l.in.reference_time = T_VAL;
	l.in.best_signature_time = T_VAL + 1;
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, &l.in), UY_ERR_USAGE);
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	l.in.best_signature_time = T_SIGN;
	ck_assert_int_eq(uy_path_validate(&v, NULL, NULL, &l.in), UY_ERR_USAGE);
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, NULL), UY_ERR_USAGE);
	ck_assert_int_eq(uy_path_validate(NULL, NULL, cert, &l.in), UY_ERR_USAGE);
	l.in.version = 99;
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, &l.in), UY_ERR_USAGE);
	l.in.version = UY_PATH_INPUTS_VERSION;
	l.in.crl_count = 1;
	l.in.crls = NULL;
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, &l.in), UY_ERR_USAGE);
	l.in.crls = l.crls;
	l.in.crl_count = UY_PATH_MAX_INPUTS + 1;
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, &l.in), UY_ERR_LIMIT);
	l.in.crl_count = 0;
	/* Without details, a verdict is still given. */
	ck_assert_int_eq(uy_path_validate(&v, NULL, cert, &l.in), UY_OK);
	ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v.sub, UY_SUB_TRY_LATER);
	X509_free(cert);
	free_inputs(&l);
}
END_TEST

static Suite *
uy_path_suite(void)
{
	Suite *s = suite_create("path");
	TCase *tc = tcase_create("path");
	tcase_add_loop_test(tc, test_table, 0, (int)N_CASES);
	tcase_add_test(tc, test_table_shared_cache);
	tcase_add_test(tc, test_cache_reuse);
	tcase_add_test(tc, test_cache_full);
	tcase_add_test(tc, test_cache_issuer_key);
	tcase_add_test(tc, test_revocation_details);
	tcase_add_test(tc, test_lenient_crl_parameters);
	tcase_add_test(tc, test_openssl_agrees);
	tcase_add_test(tc, test_garbage_inputs);
	tcase_add_test(tc, test_usage);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_path_suite)
