/*
 * Tests of tools/pki (uy_pki_build, uy_pki_load): the test PKI built from the committed description
 * and keys is proven with OpenSSL's own verification functions (X509_verify_cert at the corpus
 * validation time, X509_CRL_verify, OCSP_basic_verify, OCSP_resp_find_status), every role carries
 * the extensions its profile says, and RSA material regenerates byte for byte.
 * The expectations below are written independently of vectors/pki/pki.xml: a role, CRL or OCSP
 * response there without a row here (or the reverse) fails the test.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/asn1t.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/safestack.h>
#include <openssl/x509v3.h>

#include "uy_pki.h"
#include "uy_test.h"
#include "uyum/uy_alloc.h"

#define SPEC UY_PKI_VECTORS_DIR "/pki.xml"
#define KEYS UY_PKI_VECTORS_DIR "/keys"
#define COMMITTED UY_PKI_VECTORS_DIR "/out"
#define WORK_A UY_PKI_WORK_DIR "/a"
#define WORK_B UY_PKI_WORK_DIR "/b"

/* The test's own QCStatements decoder (RFC 3739 §3.2.6), independent of the library's. */
typedef struct {
	ASN1_OBJECT *id;
	ASN1_TYPE *info;
} UYT_QCS;
DECLARE_ASN1_ITEM(UYT_QCS)
DECLARE_ASN1_ITEM(UYT_QCSTATEMENTS)
DEFINE_STACK_OF(UYT_QCS)
ASN1_SEQUENCE(UYT_QCS) = {
	ASN1_SIMPLE(UYT_QCS, id, ASN1_OBJECT),
	ASN1_OPT(UYT_QCS, info, ASN1_ANY)
} ASN1_SEQUENCE_END(UYT_QCS)
ASN1_ITEM_TEMPLATE(UYT_QCSTATEMENTS) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, QCStatements, UYT_QCS)
ASN1_ITEM_TEMPLATE_END(UYT_QCSTATEMENTS)

#define QC_ETSI 1u /* 0.4.0.1862.1.1 QcCompliance */
#define QC_BTK 2u  /* 2.16.792.1.61.0.1.5070.1.1, with UTF8String text */
#define QC_SEAL 4u /* 2.16.792.1.61.0.1.5070.1.3 */

#define DS KU_DIGITAL_SIGNATURE
#define NR KU_NON_REPUDIATION
#define KE KU_KEY_ENCIPHERMENT
#define KA KU_KEY_AGREEMENT
#define CA_KU (KU_KEY_CERT_SIGN | KU_CRL_SIGN)

/* notice: 1 UserNotice with text, 0 UserNotice without text, -1 no certificatePolicies.
 * person: 1 subject serialNumber is a valid TCKN, 0 not a TCKN, -1 not checked. */
static const struct {
	const char *role;
	int verify; /* expected X509_V_* at the validation time */
	unsigned ku;
	unsigned qc;
	int notice;
	int person;
} roles[] = {
	{ "root-rsa", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "root-ec", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "nes-ca", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "nes-ca-forged", X509_V_ERR_CERT_SIGNATURE_FAILURE, CA_KU, 0, -1, -1 },
	{ "seal-ca", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "enc-ca", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "ec-ca", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "tsa", X509_V_OK, DS, 0, -1, -1 },
	{ "ocsp", X509_V_OK, DS, 0, -1, -1 },
	{ "ocsp-expired", X509_V_ERR_CERT_HAS_EXPIRED, DS, 0, -1, -1 },
	{ "ocsp-revoked", X509_V_OK, DS, 0, -1, -1 },
	{ "nes", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-expired", X509_V_ERR_CERT_HAS_EXPIRED, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-not-yet-valid", X509_V_ERR_CERT_NOT_YET_VALID, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-revoked-before", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-revoked-after", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-no-nonrepudiation", X509_V_OK, DS, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-no-etsi-qc", X509_V_OK, DS | NR, QC_BTK, 1, 1 },
	{ "nes-no-btk-qc", X509_V_OK, DS | NR, QC_ETSI, 1, 1 },
	{ "nes-no-notice-text", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 0, 1 },
	{ "nes-sha1", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-rsa1024", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-bad-signature", X509_V_ERR_CERT_SIGNATURE_FAILURE, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-wrong-issuer", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, DS | NR, QC_ETSI | QC_BTK,
	    1, 1 },
	{ "nes-under-forged-ca", X509_V_ERR_CERT_SIGNATURE_FAILURE, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-ec", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "seal", X509_V_OK, DS | NR, QC_BTK | QC_SEAL, 1, 0 },
	{ "seal-natural-person", X509_V_OK, DS | NR, QC_BTK | QC_SEAL, 1, 1 },
	{ "seal-key-encipherment", X509_V_OK, DS | NR | KE, QC_BTK | QC_SEAL, 1, 0 },
	{ "enc-rsa", X509_V_OK, KE, 0, -1, 0 },
	{ "enc-for-signing", X509_V_OK, KE, 0, -1, 0 },
	{ "enc-ec", X509_V_OK, KA, 0, -1, 0 },
	/* family H TSAs (spec §8, §9): their own sub-CA, and a root with a broken self-signature */
	{ "tsa-ca", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "tsa-expired", X509_V_ERR_CERT_HAS_EXPIRED, DS, 0, -1, -1 },
	{ "tsa-bad-signature", X509_V_ERR_CERT_SIGNATURE_FAILURE, DS, 0, -1, -1 },
	{ "tsa-revoked-before", X509_V_OK, DS, 0, -1, -1 },
	{ "tsa-revoked-after", X509_V_OK, DS, 0, -1, -1 },
	/* not a trust anchor of this test: see forged_root_and_tsa_revocation */
	{ "root-forged", X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, CA_KU, 0, -1, -1 },
	{ "tsa-under-forged-root", X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, DS, 0, -1, -1 },
	{ "seal-ocsp", X509_V_OK, DS, 0, -1, -1 },
	/* family F: NES CAs revoked before / after signing in root-rsa-crl-subca-revoked */
	{ "nes-ca-revoked-before", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "nes-ca-revoked-after", X509_V_OK, CA_KU, 0, -1, -1 },
	{ "nes-under-revoked-ca-before", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	{ "nes-under-revoked-ca-after", X509_V_OK, DS | NR, QC_ETSI | QC_BTK, 1, 1 },
	/* Root C (TSC): not a trust anchor of this test, see subca_revocation */
	{ "root-c", X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, CA_KU, 0, -1, -1 },
	{ "tsa-c1", X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, DS, 0, -1, -1 },
	/* family L: an archive TSA that expires after signing, before the validation time */
	{ "tsa-expires-after", X509_V_ERR_CERT_HAS_EXPIRED, DS, 0, -1, -1 },
};
#define NROLES (sizeof(roles) / sizeof(roles[0]))

typedef struct {
	const char *role;
	const char *time;
} revoked_row;

static const struct {
	const char *crl;
	const char *issuer;
	int signature_ok;
	int expired; /* nextUpdate before the validation time */
	revoked_row revoked[4];
} crls[] = {
	{ "root-rsa-crl", "root-rsa", 1, 0, { { NULL, NULL } } },
	{ "root-rsa-crl-at-signing", "root-rsa", 1, 1, { { NULL, NULL } } },
	{ "root-rsa-crl-expired", "root-rsa", 1, 1, { { NULL, NULL } } },
	{ "root-rsa-crl-bad-signature", "root-rsa", 0, 0, { { NULL, NULL } } },
	{ "root-ec-crl", "root-ec", 1, 0, { { NULL, NULL } } },
	{ "nes-ca-crl", "nes-ca", 1, 0,
	    { { "nes-revoked-before", "2027-02-01T00:00:00Z" },
	        { "ocsp-revoked", "2027-02-01T00:00:00Z" },
	        { "nes-revoked-after", "2027-04-01T00:00:00Z" }, { NULL, NULL } } },
	{ "nes-ca-crl-at-signing", "nes-ca", 1, 1,
	    { { "nes-revoked-before", "2027-02-01T00:00:00Z" },
	        { "ocsp-revoked", "2027-02-01T00:00:00Z" }, { NULL, NULL } } },
	{ "nes-ca-crl-expired", "nes-ca", 1, 1,
	    { { "nes-revoked-before", "2027-02-01T00:00:00Z" },
	        { "ocsp-revoked", "2027-02-01T00:00:00Z" }, { NULL, NULL } } },
	{ "nes-ca-crl-bad-signature", "nes-ca", 0, 0,
	    { { "nes-revoked-before", "2027-02-01T00:00:00Z" },
	        { "ocsp-revoked", "2027-02-01T00:00:00Z" },
	        { "nes-revoked-after", "2027-04-01T00:00:00Z" }, { NULL, NULL } } },
	{ "seal-ca-crl", "seal-ca", 1, 0, { { NULL, NULL } } },
	{ "enc-ca-crl", "enc-ca", 1, 0, { { NULL, NULL } } },
	{ "ec-ca-crl", "ec-ca", 1, 0, { { NULL, NULL } } },
	{ "tsa-ca-crl", "tsa-ca", 1, 0,
	    { { "tsa-revoked-before", "2027-02-01T00:00:00Z" },
	        { "tsa-revoked-after", "2027-04-01T00:00:00Z" }, { NULL, NULL } } },
	{ "tsa-ca-crl-at-signing", "tsa-ca", 1, 1,
	    { { "tsa-revoked-before", "2027-02-01T00:00:00Z" }, { NULL, NULL } } },
	{ "root-rsa-crl-subca-revoked", "root-rsa", 1, 0,
	    { { "nes-ca-revoked-before", "2027-02-01T00:00:00Z" },
	        { "nes-ca-revoked-after", "2027-04-01T00:00:00Z" }, { NULL, NULL } } },
	{ "root-c-crl", "root-c", 1, 0, { { NULL, NULL } } },
	{ "root-c-crl-expired", "root-c", 1, 1, { { NULL, NULL } } },
	{ "root-c-crl-bad-signature", "root-c", 0, 0, { { NULL, NULL } } },
	{ "nes-ca-revoked-before-crl", "nes-ca-revoked-before", 1, 1, { { NULL, NULL } } },
	{ "nes-ca-revoked-after-crl", "nes-ca-revoked-after", 1, 1, { { NULL, NULL } } },
};
#define NCRLS (sizeof(crls) / sizeof(crls[0]))

static const struct {
	const char *ocsp;
	const char *responder;
	const char *target;    /* the certificate the response answers for */
	const char *not_for;   /* a certificate it must NOT answer for, or NULL */
	int verify_ok;         /* OCSP_basic_verify at the validation time */
	int status;            /* V_OCSP_CERTSTATUS_* for target */
	const char *revoked_at;
	const char *produced_at;
	int expired;           /* nextUpdate before the validation time */
} ocsps[] = {
	{ "ocsp-nes-good", "ocsp", "nes", NULL, 1, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-nes-good-at-signing", "ocsp", "nes", NULL, 1, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-03-01T10:05:00Z", 1 },
	{ "ocsp-nes-revoked-before", "ocsp", "nes-revoked-before", NULL, 1,
	    V_OCSP_CERTSTATUS_REVOKED, "2027-02-01T00:00:00Z", "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-nes-revoked-after", "ocsp", "nes-revoked-after", NULL, 1, V_OCSP_CERTSTATUS_REVOKED,
	    "2027-04-01T00:00:00Z", "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-unknown", "ocsp", "nes-not-yet-valid", NULL, 1, V_OCSP_CERTSTATUS_UNKNOWN, NULL,
	    "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-nes-expired", "ocsp", "nes", NULL, 1, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-02-15T00:00:00Z", 1 },
	{ "ocsp-nes-bad-signature", "ocsp", "nes", NULL, 0, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-other-certificate", "ocsp", "nes-no-nonrepudiation", "nes", 1,
	    V_OCSP_CERTSTATUS_GOOD, NULL, "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-responder-expired", "ocsp-expired", "nes", NULL, 0, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-responder-revoked", "ocsp-revoked", "nes", NULL, 1, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-06-01T00:00:00Z", 0 },
	{ "ocsp-seal-good-at-signing", "seal-ocsp", "seal", NULL, 1, V_OCSP_CERTSTATUS_GOOD, NULL,
	    "2027-03-01T10:05:00Z", 1 },
};
#define NOCSPS (sizeof(ocsps) / sizeof(ocsps[0]))

static uy_pki *pki; /* built once into WORK_A by setup */

static void
mkdir_p(const char *path)
{
	if (mkdir(path, 0755) != 0) {
		ck_assert_int_eq(errno, EEXIST);
	}
}

static void
setup(void)
{
	mkdir_p(UY_PKI_WORK_DIR);
	mkdir_p(WORK_A);
	uy_error_clear();
	uy_err rc = uy_pki_build(&pki, SPEC, KEYS, WORK_A, UY_PKI_KEYS_EXISTING);
	ck_assert_msg(rc == UY_OK, "build: %s", uy_error_last());
}

static void
teardown(void)
{
	uy_pki_free(pki);
	pki = NULL;
}

static time_t
t_of(const char *s)
{
	time_t t = 0;

	ck_assert_int_eq(uy_pki_parse_time(&t, s), UY_OK);
	return t;
}

/* X509_verify_cert of a role with both roots trusted, its described chain untrusted. */
static int
verify_role(const char *role, unsigned long flags, X509_CRL *crl, int auth_level)
{
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509) *chain = NULL;
	STACK_OF(X509_CRL) *crls_sk = sk_X509_CRL_new_null();

	ck_assert_ptr_nonnull(st);
	ck_assert_ptr_nonnull(ctx);
	ck_assert_int_eq(X509_STORE_add_cert(st, uy_pki_cert(pki, "root-rsa")), 1);
	ck_assert_int_eq(X509_STORE_add_cert(st, uy_pki_cert(pki, "root-ec")), 1);
	ck_assert_int_eq(uy_pki_chain(&chain, pki, role), UY_OK);
	ck_assert_int_eq(X509_STORE_CTX_init(ctx, st, uy_pki_cert(pki, role), chain), 1);
	X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_time(param, uy_pki_validation_time(pki));
	if (auth_level > 0) {
		X509_VERIFY_PARAM_set_auth_level(param, auth_level);
	}
	if (crl != NULL) {
		ck_assert_int_eq(sk_X509_CRL_push(crls_sk, crl), 1);
		X509_STORE_CTX_set0_crls(ctx, crls_sk);
		X509_VERIFY_PARAM_set_flags(param, flags);
	}
	int ok = X509_verify_cert(ctx);
	int err = X509_STORE_CTX_get_error(ctx);
	ck_assert_int_eq(ok == 1, err == X509_V_OK);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	sk_X509_CRL_free(crls_sk);
	sk_X509_pop_free(chain, X509_free);
	ERR_clear_error();
	return err;
}

START_TEST(every_role_has_a_row)
{
	ck_assert_uint_eq(uy_pki_role_count(pki), NROLES);
	for (size_t i = 0; i < uy_pki_role_count(pki); i++) {
		const char *name = uy_pki_role_name(pki, i);
		int found = 0;
		for (size_t k = 0; k < NROLES; k++) {
			found |= strcmp(roles[k].role, name) == 0;
		}
		ck_assert_msg(found, "role %s has no expectation row", name);
	}
	ck_assert_uint_eq(uy_pki_crl_count(pki), NCRLS);
	for (size_t k = 0; k < NCRLS; k++) {
		ck_assert_ptr_nonnull(uy_pki_crl(pki, crls[k].crl));
	}
	ck_assert_uint_eq(uy_pki_ocsp_count(pki), NOCSPS);
	for (size_t k = 0; k < NOCSPS; k++) {
		ck_assert_ptr_nonnull(uy_pki_ocsp(pki, ocsps[k].ocsp));
	}
	ck_assert_int_eq(uy_pki_validation_time(pki), t_of("2027-06-01T12:00:00Z"));
	ck_assert_int_eq(uy_pki_signing_time(pki), t_of("2027-03-01T10:00:00Z"));
}
END_TEST

/* *= type=test
 *= RFC 5280 §6.1.3
 *# the certificate validity period includes the current time */
START_TEST(role_verifies_as_expected)
{
	const char *role = roles[_i].role;
	int err = verify_role(role, 0, NULL, 0);

	ck_assert_msg(err == roles[_i].verify, "%s: X509_verify_cert gave %d (%s), want %d", role, err,
	    X509_verify_cert_error_string(err), roles[_i].verify);
}
END_TEST

START_TEST(weak_algorithms_fail_at_level_2)
{
	/* Both verify at OpenSSL's default level (above); at auth level 2 (112 bits) they do not. */
	ck_assert_int_eq(verify_role("nes-sha1", 0, NULL, 2), X509_V_ERR_CA_MD_TOO_WEAK);
	ck_assert_int_eq(verify_role("nes-rsa1024", 0, NULL, 2), X509_V_ERR_EE_KEY_TOO_SMALL);
	ck_assert_int_eq(verify_role("nes", 0, NULL, 2), X509_V_OK);
	X509 *x = uy_pki_cert(pki, "nes-sha1");
	ck_assert_int_eq(X509_get_signature_nid(x), NID_sha1WithRSAEncryption);
	ck_assert_int_eq(EVP_PKEY_get_bits(X509_get0_pubkey(uy_pki_cert(pki, "nes-rsa1024"))), 1024);
	ck_assert_int_eq(X509_get_signature_nid(uy_pki_cert(pki, "root-ec")), NID_ecdsa_with_SHA384);
	ck_assert_int_eq(EVP_PKEY_get_bits(X509_get0_pubkey(uy_pki_cert(pki, "root-rsa"))), 4096);
}
END_TEST

START_TEST(revoked_roles_fail_with_the_crl)
{
	X509_CRL *crl = uy_pki_crl(pki, "nes-ca-crl");

	ck_assert_int_eq(verify_role("nes-revoked-before", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("nes-revoked-after", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("ocsp-revoked", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("nes", X509_V_FLAG_CRL_CHECK, crl, 0), X509_V_OK);
	ck_assert_int_eq(verify_role("nes", X509_V_FLAG_CRL_CHECK,
	                     uy_pki_crl(pki, "nes-ca-crl-expired"), 0),
	    X509_V_ERR_CRL_HAS_EXPIRED);
	ck_assert_int_eq(verify_role("nes", X509_V_FLAG_CRL_CHECK,
	                     uy_pki_crl(pki, "nes-ca-crl-bad-signature"), 0),
	    X509_V_ERR_CRL_SIGNATURE_FAILURE);
}
END_TEST

/* *= type=test
 *= signatures-and-certificates.md §8 family H (TSA5, TSB), §9
 *# TSA revoked before and after signing; TSA under a root whose signature is forged */
START_TEST(forged_root_and_tsa_revocation)
{
	X509_CRL *crl = uy_pki_crl(pki, "tsa-ca-crl");

	ck_assert_int_eq(verify_role("tsa-revoked-before", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("tsa-revoked-after", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("tsa-ca", X509_V_FLAG_CRL_CHECK, uy_pki_crl(pki, "root-rsa-crl"),
	                     0),
	    X509_V_OK);
	/* revocation times: before and after the reference signing time */
	X509_REVOKED *rv = NULL;
	ck_assert_int_eq(X509_CRL_get0_by_cert(crl, &rv, uy_pki_cert(pki, "tsa-revoked-before")), 1);
	ck_assert_int_lt(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv),
	                     uy_pki_signing_time(pki)),
	    0);
	ck_assert_int_eq(X509_CRL_get0_by_cert(crl, &rv, uy_pki_cert(pki, "tsa-revoked-after")), 1);
	ck_assert_int_gt(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv),
	                     uy_pki_signing_time(pki)),
	    0);
	/* the TSA expired before the signing time */
	ck_assert_int_lt(ASN1_TIME_cmp_time_t(X509_get0_notAfter(uy_pki_cert(pki, "tsa-expired")),
	                     uy_pki_signing_time(pki)),
	    0);
	/* root-forged: its self-signature is broken; trusted as is, OpenSSL accepts the TSA under it
	 * unless the anchor's own signature is checked (X509_V_FLAG_CHECK_SS_SIGNATURE) */
	X509 *root = uy_pki_cert(pki, "root-forged");
	ck_assert_int_eq(X509_verify(root, X509_get0_pubkey(root)), 0);
	ERR_clear_error();
	ck_assert_int_eq(X509_verify(uy_pki_cert(pki, "tsa-under-forged-root"), X509_get0_pubkey(root)),
	    1);
	for (int check_ss = 0; check_ss < 2; check_ss++) {
		X509_STORE *st = X509_STORE_new();
		X509_STORE_CTX *ctx = X509_STORE_CTX_new();
		ck_assert_int_eq(X509_STORE_add_cert(st, root), 1);
		ck_assert_int_eq(X509_STORE_CTX_init(ctx, st, uy_pki_cert(pki, "tsa-under-forged-root"),
		                     NULL),
		    1);
		X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
		X509_VERIFY_PARAM_set_time(param, uy_pki_validation_time(pki));
		if (check_ss) {
			X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CHECK_SS_SIGNATURE);
		}
		(void)X509_verify_cert(ctx);
		ck_assert_int_eq(X509_STORE_CTX_get_error(ctx),
		    check_ss ? X509_V_ERR_CERT_SIGNATURE_FAILURE : X509_V_OK);
		X509_STORE_CTX_free(ctx);
		X509_STORE_free(st);
		ERR_clear_error();
	}
}
END_TEST

/* *= type=test
 *= signatures-and-certificates.md §8 family F (sub-CA revoked before / after signing), H/K TSC1
 *# the second and third NES CAs are revoked in root-rsa-crl-subca-revoked only; tsa-c1 under
 *# root-c */
START_TEST(subca_revocation)
{
	X509_CRL *crl = uy_pki_crl(pki, "root-rsa-crl-subca-revoked");
	time_t ts = uy_pki_signing_time(pki);
	X509_REVOKED *rv = NULL;

	ck_assert_ptr_nonnull(crl);
	ck_assert_int_eq(verify_role("nes-ca-revoked-before", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	ck_assert_int_eq(verify_role("nes-ca-revoked-after", X509_V_FLAG_CRL_CHECK, crl, 0),
	    X509_V_ERR_CERT_REVOKED);
	/* the other CAs stay good with this CRL, and the revoked ones with the usual root CRL */
	ck_assert_int_eq(verify_role("nes-ca", X509_V_FLAG_CRL_CHECK, crl, 0), X509_V_OK);
	ck_assert_int_eq(verify_role("nes-ca-revoked-before", X509_V_FLAG_CRL_CHECK,
	                     uy_pki_crl(pki, "root-rsa-crl"), 0),
	    X509_V_OK);
	ck_assert_int_eq(X509_CRL_get0_by_cert(crl, &rv, uy_pki_cert(pki, "nes-ca-revoked-before")),
	    1);
	ck_assert_int_lt(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv), ts), 0);
	ck_assert_int_eq(X509_CRL_get0_by_cert(crl, &rv, uy_pki_cert(pki, "nes-ca-revoked-after")), 1);
	ck_assert_int_gt(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv), ts), 0);
	ck_assert_int_lt(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv),
	                     uy_pki_validation_time(pki)),
	    0);
	/* each NES chains to its own CA */
	ck_assert_int_eq(X509_check_issued(uy_pki_cert(pki, "nes-ca-revoked-before"),
	                     uy_pki_cert(pki, "nes-under-revoked-ca-before")),
	    X509_V_OK);
	ck_assert_int_eq(X509_check_issued(uy_pki_cert(pki, "nes-ca-revoked-after"),
	                     uy_pki_cert(pki, "nes-under-revoked-ca-after")),
	    X509_V_OK);
	ERR_clear_error();
	/* TSC1: tsa-c1 verifies under root-c alone, and root-c's CRLs are what their names say */
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509_CRL) *cs = sk_X509_CRL_new_null();
	ck_assert_int_eq(X509_STORE_add_cert(st, uy_pki_cert(pki, "root-c")), 1);
	ck_assert_int_eq(sk_X509_CRL_push(cs, uy_pki_crl(pki, "root-c-crl")), 1);
	ck_assert_int_eq(X509_STORE_CTX_init(ctx, st, uy_pki_cert(pki, "tsa-c1"), NULL), 1);
	X509_STORE_CTX_set0_crls(ctx, cs);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), uy_pki_validation_time(pki));
	X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(ctx), X509_V_FLAG_CRL_CHECK);
	ck_assert_int_eq(X509_verify_cert(ctx), 1);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	sk_X509_CRL_free(cs);
	ERR_clear_error();
}
END_TEST

static int
ext_critical(X509 *x, int nid)
{
	int i = X509_get_ext_by_NID(x, nid, -1);

	ck_assert_int_ge(i, 0);
	return X509_EXTENSION_get_critical(X509_get_ext(x, i));
}

static unsigned
qc_of(X509 *x, const char *role)
{
	unsigned found = 0;
	int i = X509_get_ext_by_NID(x, NID_qcStatements, -1);

	if (i < 0) {
		return 0;
	}
	X509_EXTENSION *e = X509_get_ext(x, i);
	ck_assert_int_eq(X509_EXTENSION_get_critical(e), 0);
	const ASN1_OCTET_STRING *os = X509_EXTENSION_get_data(e);
	const unsigned char *q = os->data;
	STACK_OF(UYT_QCS) *sk = (STACK_OF(UYT_QCS) *)ASN1_item_d2i(NULL, &q, os->length,
	    ASN1_ITEM_rptr(UYT_QCSTATEMENTS));
	ck_assert_ptr_nonnull(sk);
	ck_assert_ptr_eq(q, os->data + os->length);
	for (int k = 0; k < sk_UYT_QCS_num(sk); k++) {
		UYT_QCS *s = sk_UYT_QCS_value(sk, k);
		char oid[64];
		OBJ_obj2txt(oid, sizeof(oid), s->id, 1);
		if (strcmp(oid, "0.4.0.1862.1.1") == 0) {
			found |= QC_ETSI;
			ck_assert_ptr_null(s->info);
		} else if (strcmp(oid, "2.16.792.1.61.0.1.5070.1.1") == 0) {
			found |= QC_BTK;
			/* spec §3.1: the statement carries its text as a UTF8String */
			ck_assert_ptr_nonnull(s->info);
			ck_assert_int_eq(s->info->type, V_ASN1_UTF8STRING);
			ck_assert_int_gt(ASN1_STRING_length(s->info->value.utf8string), 0);
		} else if (strcmp(oid, "2.16.792.1.61.0.1.5070.1.3") == 0) {
			found |= QC_SEAL;
		} else {
			ck_abort_msg("%s: unexpected QC statement %s", role, oid);
		}
	}
	ASN1_item_free((ASN1_VALUE *)sk, ASN1_ITEM_rptr(UYT_QCSTATEMENTS));
	return found;
}

/* 1 UserNotice with text, 0 without text, -1 no certificatePolicies. */
static int
notice_of(X509 *x)
{
	int crit = 0;
	CERTIFICATEPOLICIES *pols = X509_get_ext_d2i(x, NID_certificate_policies, &crit, NULL);
	int out = -1;

	if (pols == NULL) {
		return -1;
	}
	ck_assert_int_eq(sk_POLICYINFO_num(pols), 1);
	POLICYINFO *pi = sk_POLICYINFO_value(pols, 0);
	char oid[64];
	OBJ_obj2txt(oid, sizeof(oid), pi->policyid, 1);
	ck_assert_str_eq(oid, "2.16.792.1.2.1.1.5.7.1.4.1");
	for (int k = 0; k < sk_POLICYQUALINFO_num(pi->qualifiers); k++) {
		POLICYQUALINFO *q = sk_POLICYQUALINFO_value(pi->qualifiers, k);
		if (OBJ_obj2nid(q->pqualid) == NID_id_qt_unotice) {
			out = q->d.usernotice->exptext != NULL &&
			    ASN1_STRING_length(q->d.usernotice->exptext) > 0;
		}
	}
	ck_assert_int_ne(out, -1); /* a UserNotice qualifier is always there */
	CERTIFICATEPOLICIES_free(pols);
	return out;
}

static char *
subject_serial(X509 *x)
{
	const X509_NAME *n = X509_get_subject_name(x);
	int i = X509_NAME_get_index_by_NID(n, NID_serialNumber, -1);
	unsigned char *utf8 = NULL;

	if (i < 0) {
		return NULL;
	}
	int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i)));
	ck_assert_int_ge(len, 0);
	char *s = uy_strndup((const char *)utf8, (size_t)len);
	OPENSSL_free(utf8);
	return s;
}

START_TEST(role_has_its_extensions)
{
	const char *role = roles[_i].role;
	X509 *x = uy_pki_cert(pki, role);
	uy_pki_profile prof = UY_PKI_PROFILE_ROOT;

	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(uy_pki_role_profile(pki, role, &prof), UY_OK);
	ck_assert_int_eq(X509_get_version(x), X509_VERSION_3);
	/* keyUsage: bits and criticality */
	ck_assert_msg((X509_get_extension_flags(x) & EXFLAG_KUSAGE) != 0, "%s: no keyUsage", role);
	ck_assert_msg(X509_get_key_usage(x) == roles[_i].ku, "%s: keyUsage %x, want %x", role,
	    X509_get_key_usage(x), roles[_i].ku);
	ck_assert_int_eq(ext_critical(x, NID_key_usage), 1);
	ck_assert_int_eq(ext_critical(x, NID_basic_constraints), 1);
	int ca = prof == UY_PKI_PROFILE_ROOT || prof == UY_PKI_PROFILE_CA;
	ck_assert_int_eq(X509_check_ca(x) != 0, ca);
	/* EKU: TSA timeStamping only and critical (RFC 3161 §2.3); OCSP responder OCSPSigning */
	if (prof == UY_PKI_PROFILE_TSA) {
		ck_assert_uint_eq(X509_get_extended_key_usage(x), XKU_TIMESTAMP);
		ck_assert_int_eq(ext_critical(x, NID_ext_key_usage), 1);
	} else if (prof == UY_PKI_PROFILE_OCSP) {
		ck_assert_uint_eq(X509_get_extended_key_usage(x), XKU_OCSP_SIGN);
		ck_assert_int_ge(X509_get_ext_by_NID(x, NID_id_pkix_OCSP_noCheck, -1), 0);
	} else {
		ck_assert_int_lt(X509_get_ext_by_NID(x, NID_ext_key_usage, -1), 0);
		ck_assert_int_lt(X509_get_ext_by_NID(x, NID_id_pkix_OCSP_noCheck, -1), 0);
	}
	ck_assert_msg(qc_of(x, role) == roles[_i].qc, "%s: QC statements %x, want %x", role,
	    qc_of(x, role), roles[_i].qc);
	ck_assert_msg(notice_of(x) == roles[_i].notice, "%s: notice", role);
	/* subject: a person's TCKN with valid check digits, or an institution's number */
	char *serial = subject_serial(x);
	if (roles[_i].person == 1) {
		ck_assert_msg(uy_pki_tckn_valid(serial), "%s: serialNumber %s", role, serial);
		const X509_NAME *n = X509_get_subject_name(x);
		int ci = X509_NAME_get_index_by_NID(n, NID_countryName, -1);
		ck_assert_int_ge(ci, 0);
		const ASN1_STRING *c = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, ci));
		ck_assert_int_eq(ASN1_STRING_length(c), 2);
		ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(c), "TR", 2), 0);
	} else if (roles[_i].person == 0) {
		ck_assert_ptr_nonnull(serial);
		ck_assert_msg(!uy_pki_tckn_valid(serial), "%s: institution with a TCKN", role);
	}
	uy_free(serial);
}
END_TEST

START_TEST(tckn_checksum)
{
	ck_assert_int_eq(uy_pki_tckn_valid("10000000146"), 1);
	ck_assert_int_eq(uy_pki_tckn_valid("12345678950"), 1);
	ck_assert_int_eq(uy_pki_tckn_valid("10000000147"), 0);
	ck_assert_int_eq(uy_pki_tckn_valid("11111111111"), 0);
	ck_assert_int_eq(uy_pki_tckn_valid("01234567890"), 0);
	ck_assert_int_eq(uy_pki_tckn_valid("1000000014"), 0);
	ck_assert_int_eq(uy_pki_tckn_valid("1000000014a"), 0);
	ck_assert_int_eq(uy_pki_tckn_valid(NULL), 0);
}
END_TEST

START_TEST(times_parse)
{
	time_t t = 0;

	ck_assert_int_eq(uy_pki_parse_time(&t, "1970-01-01T00:00:00Z"), UY_OK);
	ck_assert_int_eq(t, 0);
	ck_assert_int_eq(uy_pki_parse_time(&t, "1949-12-31T23:59:59Z"), UY_ERR_SYNTAX);
	ck_assert_int_eq(uy_pki_parse_time(&t, "2027-06-01T12:00:00Z"), UY_OK);
	ck_assert_int_eq(t, 1811851200);
	ck_assert_int_eq(uy_pki_parse_time(&t, "2028-02-29T00:00:00Z"), UY_OK);
	ck_assert_int_eq(uy_pki_parse_time(&t, "2027-02-29T00:00:00Z"), UY_ERR_SYNTAX);
	ck_assert_int_eq(uy_pki_parse_time(&t, "2027-06-01 12:00:00Z"), UY_ERR_SYNTAX);
	ck_assert_int_eq(uy_pki_parse_time(&t, "2027-06-01T12:00:00"), UY_ERR_SYNTAX);
	ck_assert_int_eq(t, 0);
}
END_TEST

START_TEST(crl_as_expected)
{
	X509_CRL *crl = uy_pki_crl(pki, crls[_i].crl);
	X509 *iss = uy_pki_cert(pki, crls[_i].issuer);
	size_t n = 0;

	ck_assert_ptr_nonnull(crl);
	ck_assert_str_eq(uy_pki_crl_issuer(pki, crls[_i].crl), crls[_i].issuer);
	ck_assert_int_eq(X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(iss)), 0);
	ck_assert_int_eq(X509_CRL_verify(crl, X509_get0_pubkey(iss)) == 1, crls[_i].signature_ok);
	ERR_clear_error();
	ck_assert_int_eq(X509_CRL_get_version(crl), X509_CRL_VERSION_2);
	ck_assert_int_eq(ASN1_TIME_cmp_time_t(X509_CRL_get0_nextUpdate(crl),
	                     uy_pki_validation_time(pki)) < 0,
	    crls[_i].expired);
	for (; crls[_i].revoked[n].role != NULL; n++) {
		X509_REVOKED *rv = NULL;
		X509 *x = uy_pki_cert(pki, crls[_i].revoked[n].role);
		ck_assert_int_eq(X509_CRL_get0_by_serial(crl, &rv,
		                     (ASN1_INTEGER *)X509_get0_serialNumber(x)),
		    1);
		ck_assert_int_eq(ASN1_TIME_cmp_time_t(X509_REVOKED_get0_revocationDate(rv),
		                     t_of(crls[_i].revoked[n].time)),
		    0);
	}
	/* RFC 5280 §5.1.2.6: an empty list is absent, not empty */
	STACK_OF(X509_REVOKED) *all = X509_CRL_get_REVOKED(crl);
	ck_assert_int_eq(all != NULL ? sk_X509_REVOKED_num(all) : 0, (int)n);
}
END_TEST

static OCSP_CERTID *
id_of(const char *role)
{
	X509 *x = uy_pki_cert(pki, role);
	X509 *iss = uy_pki_cert(pki, uy_pki_role_issuer(pki, role));
	OCSP_CERTID *id = OCSP_cert_to_id(EVP_sha256(), x, iss);

	ck_assert_ptr_nonnull(id);
	return id;
}

START_TEST(ocsp_as_expected)
{
	OCSP_RESPONSE *resp = uy_pki_ocsp(pki, ocsps[_i].ocsp);
	X509_STORE *st = X509_STORE_new();
	STACK_OF(X509) *chain = NULL;
	int status = -1;
	int reason = -1;
	ASN1_GENERALIZEDTIME *rev = NULL;
	ASN1_GENERALIZEDTIME *thisupd = NULL;
	ASN1_GENERALIZEDTIME *nextupd = NULL;
	const ASN1_OCTET_STRING *keyhash = NULL;
	const X509_NAME *byname = NULL;
	ASN1_OBJECT *md_oid = NULL;

	ck_assert_ptr_nonnull(resp);
	ck_assert_int_eq(OCSP_response_status(resp), OCSP_RESPONSE_STATUS_SUCCESSFUL);
	OCSP_BASICRESP *bs = OCSP_response_get1_basic(resp);
	ck_assert_ptr_nonnull(bs);
	/* Trust root-rsa; the responder's chain is given as untrusted certificates. */
	ck_assert_int_eq(X509_STORE_add_cert(st, uy_pki_cert(pki, "root-rsa")), 1);
	X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(st), uy_pki_validation_time(pki));
	ck_assert_int_eq(uy_pki_chain(&chain, pki, ocsps[_i].responder), UY_OK);
	int v = OCSP_basic_verify(bs, chain, st, 0);
	ERR_clear_error();
	ck_assert_msg((v == 1) == ocsps[_i].verify_ok, "%s: OCSP_basic_verify gave %d", ocsps[_i].ocsp,
	    v);
	/* the signer is the described responder, named by key hash (RFC 6960 §4.2.2.3) */
	X509 *signer = NULL;
	ck_assert_int_eq(OCSP_resp_get0_signer(bs, &signer, NULL), 1);
	ck_assert_int_eq(X509_cmp(signer, uy_pki_cert(pki, ocsps[_i].responder)), 0);
	ck_assert_int_eq(OCSP_resp_get0_id(bs, &keyhash, &byname), 1);
	ck_assert_ptr_nonnull(keyhash);
	ck_assert_ptr_null(byname);
	/* fixed producedAt, not the wall clock */
	ck_assert_int_eq(ASN1_TIME_cmp_time_t(OCSP_resp_get0_produced_at(bs),
	                     t_of(ocsps[_i].produced_at)),
	    0);
	/* one SingleResponse with a SHA-256 CertID */
	ck_assert_int_eq(OCSP_resp_count(bs), 1);
	ck_assert_int_eq(OCSP_id_get0_info(NULL, &md_oid, NULL, NULL,
	                     (OCSP_CERTID *)OCSP_SINGLERESP_get0_id(OCSP_resp_get0(bs, 0))),
	    1);
	ck_assert_int_eq(OBJ_obj2nid(md_oid), NID_sha256);
	OCSP_CERTID *id = id_of(ocsps[_i].target);
	ck_assert_int_eq(OCSP_resp_find_status(bs, id, &status, &reason, &rev, &thisupd, &nextupd), 1);
	ck_assert_int_eq(status, ocsps[_i].status);
	if (ocsps[_i].revoked_at != NULL) {
		ck_assert_int_eq(ASN1_TIME_cmp_time_t(rev, t_of(ocsps[_i].revoked_at)), 0);
	}
	ck_assert_int_eq(ASN1_TIME_cmp_time_t(nextupd, uy_pki_validation_time(pki)) < 0,
	    ocsps[_i].expired);
	OCSP_CERTID_free(id);
	if (ocsps[_i].not_for != NULL) {
		id = id_of(ocsps[_i].not_for);
		ck_assert_int_eq(OCSP_resp_find_status(bs, id, &status, NULL, NULL, NULL, NULL), 0);
		OCSP_CERTID_free(id);
	}
	sk_X509_pop_free(chain, X509_free);
	X509_STORE_free(st);
	OCSP_BASICRESP_free(bs);
}
END_TEST

/* Lines of a manifest.tsv: file name and byte-stable flag, in order. */
static int
compare_dirs(const char *a, const char *b, int *stable_out, int *compared_out)
{
	char *path = uy_asprintf("%s/manifest.tsv", a);
	FILE *f = fopen(path, "r");
	char line[512];
	int differ = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#') {
			continue;
		}
		/* kind \t name \t file \t sha256 \t stable */
		char *fields[5] = { line, NULL, NULL, NULL, NULL };
		int nf = 1;
		for (char *c = line; *c != '\0' && nf < 5; c++) {
			if (*c == '\t') {
				*c = '\0';
				fields[nf++] = c + 1;
			}
		}
		ck_assert_int_eq(nf, 5);
		if (strncmp(fields[4], "yes", 3) != 0) {
			continue;
		}
		(*stable_out)++;
		char *pa = uy_asprintf("%s/%s", a, fields[2]);
		char *pb = uy_asprintf("%s/%s", b, fields[2]);
		FILE *fa = fopen(pa, "rb");
		FILE *fb = fopen(pb, "rb");
		ck_assert_msg(fa != NULL && fb != NULL, "missing %s", fields[2]);
		int ca = 0;
		int cb = 0;
		do {
			ca = fgetc(fa);
			cb = fgetc(fb);
		} while (ca == cb && ca != EOF);
		if (ca != cb) {
			fprintf(stderr, "not byte-identical: %s vs %s\n", pa, pb);
			differ++;
		}
		(*compared_out)++;
		fclose(fa);
		fclose(fb);
		uy_free(pa);
		uy_free(pb);
	}
	fclose(f);
	uy_free(path);
	return differ;
}

START_TEST(rsa_material_is_byte_identical)
{
	uy_pki *again = NULL;
	int stable = 0;
	int compared = 0;

	mkdir_p(WORK_B);
	ck_assert_int_eq(uy_pki_build(&again, SPEC, KEYS, WORK_B, UY_PKI_KEYS_EXISTING), UY_OK);
	uy_pki_free(again);
	ck_assert_int_eq(compare_dirs(WORK_A, WORK_B, &stable, &compared), 0);
	ck_assert_int_gt(stable, 40);
	ck_assert_int_eq(compared, stable);
	/* The committed corpus is what the committed description and keys give. */
	stable = 0;
	compared = 0;
	ck_assert_msg(compare_dirs(WORK_A, COMMITTED, &stable, &compared) == 0,
	    "vectors/pki/out is stale: regenerate it with uy-pki");
}
END_TEST

START_TEST(load_gives_the_built_objects)
{
	uy_pki *loaded = NULL;
	STACK_OF(X509) *chain = NULL;

	ck_assert_int_eq(uy_pki_load(&loaded, SPEC, KEYS, WORK_A), UY_OK);
	for (size_t i = 0; i < uy_pki_role_count(pki); i++) {
		const char *r = uy_pki_role_name(pki, i);
		ck_assert_int_eq(X509_cmp(uy_pki_cert(loaded, r), uy_pki_cert(pki, r)), 0);
		ck_assert_int_eq(EVP_PKEY_eq(uy_pki_key(loaded, r), uy_pki_key(pki, r)), 1);
		/* the key is the certificate's */
		ck_assert_int_eq(X509_check_private_key(uy_pki_cert(loaded, r), uy_pki_key(loaded, r)), 1);
	}
	for (size_t i = 0; i < uy_pki_crl_count(pki); i++) {
		const char *c = uy_pki_crl_name(pki, i);
		ck_assert_int_eq(X509_CRL_cmp(uy_pki_crl(loaded, c), uy_pki_crl(pki, c)), 0);
	}
	ck_assert_int_eq(uy_pki_chain(&chain, loaded, "nes"), UY_OK);
	ck_assert_int_eq(sk_X509_num(chain), 2);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 0), uy_pki_cert(pki, "nes-ca")), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(chain, 1), uy_pki_cert(pki, "root-rsa")), 0);
	sk_X509_pop_free(chain, X509_free);
	ck_assert_int_eq(uy_pki_chain(&chain, loaded, "no-such-role"), UY_ERR_NOT_FOUND);
	ck_assert_ptr_null(chain);
	ck_assert_ptr_null(uy_pki_cert(loaded, "no-such-role"));
	ck_assert_int_eq(uy_pki_role_has_defect(loaded, "nes-expired", "expired"), 1);
	ck_assert_int_eq(uy_pki_role_has_defect(loaded, "nes", "expired"), 0);
	uy_pki_free(loaded);
	ck_assert_int_eq(uy_pki_load(&loaded, SPEC, KEYS, UY_PKI_WORK_DIR "/missing"), UY_ERR_IO);
	ck_assert_ptr_null(loaded);
}
END_TEST

/* Malformed descriptions: each row is a whole document and the error it must give. */
static const struct {
	const char *id;
	const char *xml;
	uy_err want;
} bad_specs[] = {
	{ "doctype", "<!DOCTYPE pki [<!ENTITY x \"y\">]><pki xmlns=\"urn:uyum:pki:1\"/>",
	    UY_ERR_XML_DOCTYPE },
	{ "not-xml", "<pki", UY_ERR_XML },
	{ "wrong-root", "<x xmlns=\"urn:uyum:pki:1\"/>", UY_ERR_MANIFEST },
	{ "no-times", "<pki xmlns=\"urn:uyum:pki:1\"/>", UY_ERR_MANIFEST },
	{ "no-policy",
	    "<pki xmlns=\"urn:uyum:pki:1\" validation-time=\"2027-06-01T12:00:00Z\" "
	    "signing-time=\"2027-03-01T10:00:00Z\"/>",
	    UY_ERR_MANIFEST },
#define HEAD \
	"<pki xmlns=\"urn:uyum:pki:1\" validation-time=\"2027-06-01T12:00:00Z\" " \
	"signing-time=\"2027-03-01T10:00:00Z\"><policy oid=\"1.2.3\" cps=\"http://x.invalid\" " \
	"notice=\"n\" qc-text=\"q\"/>"
#define ROLE(name, issuer, profile, extra, subject) \
	"<role name=\"" name "\" issuer=\"" issuer "\" profile=\"" profile "\" key=\"rsa2048\" " \
	"md=\"sha256\" serial=\"01\" not-before=\"2026-01-01T00:00:00Z\" " \
	"not-after=\"2027-01-01T00:00:00Z\" " extra "><subject>" subject "</subject></role>"
#define CN "<attr type=\"CN\">x</attr>"
	{ "unknown-defect", HEAD ROLE("r", "r", "root", "defects=\"bogus\"", CN) "</pki>",
	    UY_ERR_MANIFEST },
	{ "bad-tckn",
	    HEAD ROLE("r", "r", "root", "", CN) ROLE("p", "r", "nes", "",
	        "<attr type=\"serialNumber\">11111111111</attr>") "</pki>",
	    UY_ERR_MANIFEST },
	{ "unknown-issuer", HEAD ROLE("p", "nobody", "ca", "", CN) "</pki>", UY_ERR_MANIFEST },
	{ "path-in-name", HEAD ROLE("../r", "r", "root", "", CN) "</pki>", UY_ERR_MANIFEST },
	{ "bad-time",
	    HEAD "<role name=\"r\" issuer=\"r\" profile=\"root\" key=\"rsa2048\" md=\"sha256\" "
	         "serial=\"01\" not-before=\"2026-13-01T00:00:00Z\" "
	         "not-after=\"2027-01-01T00:00:00Z\"><subject>" CN "</subject></role></pki>",
	    UY_ERR_MANIFEST },
	{ "unknown-element", HEAD "<extra/></pki>", UY_ERR_MANIFEST },
	/* well-formed, but the root's key is not in the keys folder */
	{ "missing-key", HEAD ROLE("no-such-key", "no-such-key", "root", "", CN) "</pki>",
	    UY_ERR_IO },
};

START_TEST(bad_spec_is_refused)
{
	char *path = uy_asprintf("%s/bad-%s.xml", UY_PKI_WORK_DIR, bad_specs[_i].id);
	FILE *f = fopen(path, "w");
	uy_pki *p = NULL;

	ck_assert_ptr_nonnull(f);
	fputs(bad_specs[_i].xml, f);
	fclose(f);
	mkdir_p(WORK_B);
	uy_error_clear();
	uy_err rc = uy_pki_build(&p, path, KEYS, WORK_B, UY_PKI_KEYS_EXISTING);
	ck_assert_msg(rc == bad_specs[_i].want, "%s: got %s (%s)", bad_specs[_i].id, uy_err_name(rc),
	    uy_error_last());
	ck_assert_ptr_null(p);
	uy_free(path);
}
END_TEST

static Suite *
uy_pki_suite(void)
{
	Suite *s = suite_create("pki");
	TCase *tc = tcase_create("vectors");

	(void)mkdir(UY_PKI_WORK_DIR, 0755); /* no ck_assert outside a test run */
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_role_has_a_row);
	tcase_add_loop_test(tc, role_verifies_as_expected, 0, NROLES);
	tcase_add_loop_test(tc, role_has_its_extensions, 0, NROLES);
	tcase_add_test(tc, weak_algorithms_fail_at_level_2);
	tcase_add_test(tc, revoked_roles_fail_with_the_crl);
	tcase_add_test(tc, forged_root_and_tsa_revocation);
	tcase_add_test(tc, subca_revocation);
	tcase_add_loop_test(tc, crl_as_expected, 0, NCRLS);
	tcase_add_loop_test(tc, ocsp_as_expected, 0, NOCSPS);
	tcase_add_test(tc, rsa_material_is_byte_identical);
	tcase_add_test(tc, load_gives_the_built_objects);
	suite_add_tcase(s, tc);

	TCase *hp = tcase_create("happy");
	tcase_add_test(hp, tckn_checksum);
	tcase_add_test(hp, times_parse);
	suite_add_tcase(s, hp);

	TCase *mf = tcase_create("malformed");
	tcase_add_loop_test(mf, bad_spec_is_refused, 0, sizeof(bad_specs) / sizeof(bad_specs[0]));
	suite_add_tcase(s, mf);
	return s;
}

UY_TEST_MAIN(uy_pki_suite)
