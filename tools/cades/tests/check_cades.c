/*
 * Tests of the CAdES producer (tools/cades). A throwaway PKI is made here
 * with OpenSSL (root, signer with nonRepudiation, TSA with critical EKU
 * timeStamping, OCSP responder, a CRL and an OCSP response), and every claim
 * is checked with OpenSSL's own verifiers: CMS_verify, X509_verify_cert at a
 * fixed time, TS_RESP_verify_token, OCSP_basic_verify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509v3.h>

#include "cades_int.h"
#include "uy_test.h"
#include "uyum/uy_alloc.h"

/* Fixed times (UTC seconds); no test reads the clock except OCSP_basic_sign's producedAt. */
#define T_NOT_BEFORE 1735689600 /* 2025-01-01 */
#define T_NOT_AFTER 1893456000  /* 2030-01-01 */
#define T_SIGNING 1767229200    /* 2026-01-01 01:00:00 */
#define T_TST (T_SIGNING + 23)
#define T_CTS (T_TST + 600)
#define T_ATS (T_TST + 3600)
#define T_VALIDATE (T_ATS + 60)

static const char t_content[] =
    "uyum CAdES test content: e-Yaz\xc4\xb1\xc5\x9fma paket \xc3\xb6zeti";

/* The throwaway PKI, made once in the parent (unchecked fixture). */
static struct {
	EVP_PKEY *root_key, *rsa_key, *ec_key, *tsa_key, *ocsp_key;
	X509 *root, *rsa_cert, *ec_cert, *tsa_cert, *ocsp_cert;
	STACK_OF(X509) *chain;
	uint8_t *root_der, *ocsp_der, *crl_der, *ocspresp_der;
	size_t root_len, ocsp_len, crl_len, ocspresp_len;
} pki;

static EVP_PKEY *
t_rsa(void)
{
	EVP_PKEY *k = EVP_RSA_gen(2048);
	ck_assert_ptr_nonnull(k);
	return k;
}

static EVP_PKEY *
t_ec(void)
{
	EVP_PKEY *k = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(k);
	return k;
}

static void
t_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx(&ctx, issuer != NULL ? issuer : x, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(X509_add_ext(x, e, -1), 1);
	X509_EXTENSION_free(e);
}

/* A certificate for key, issued by issuer/ikey (NULL: self-signed). */
static X509 *
t_cert(const char *cn, long serial, EVP_PKEY *key, X509 *issuer, EVP_PKEY *ikey)
{
	X509 *x = X509_new();
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(X509_set_version(x, X509_VERSION_3), 1);
	ck_assert_int_eq(ASN1_INTEGER_set(X509_get_serialNumber(x), serial), 1);
	X509_NAME *n = X509_get_subject_name(x);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(n, "C", MBSTRING_UTF8,
	    (const unsigned char *)"TR", -1, -1, 0), 1);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
	    (const unsigned char *)cn, -1, -1, 0), 1);
	ck_assert_int_eq(X509_set_issuer_name(x, issuer != NULL ? X509_get_subject_name(issuer) : n),
	    1);
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notBefore(x), T_NOT_BEFORE));
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notAfter(x), T_NOT_AFTER));
	ck_assert_int_eq(X509_set_pubkey(x, key), 1);
	t_ext(x, issuer, NID_subject_key_identifier, "hash");
	return x;
}

static void
t_sign_cert(X509 *x, EVP_PKEY *ikey)
{
	ck_assert_int_gt(X509_sign(x, ikey, EVP_sha256()), 0);
}

static void
t_der(X509 *x, uint8_t **out, size_t *len)
{
	unsigned char *p = NULL;
	int n = i2d_X509(x, &p);
	ck_assert_int_gt(n, 0);
	*out = uy_alloc((size_t)n);
	memcpy(*out, p, (size_t)n);
	*len = (size_t)n;
	OPENSSL_free(p);
}

static void
pki_setup(void)
{
	pki.root_key = t_rsa();
	pki.rsa_key = t_rsa();
	pki.tsa_key = t_rsa();
	pki.ec_key = t_ec();
	pki.ocsp_key = t_ec();

	pki.root = t_cert("uyum TEST ONLY root", 1, pki.root_key, NULL, NULL);
	t_ext(pki.root, NULL, NID_basic_constraints, "critical,CA:TRUE");
	t_ext(pki.root, NULL, NID_key_usage, "critical,keyCertSign,cRLSign");
	t_sign_cert(pki.root, pki.root_key);

	pki.rsa_cert = t_cert("uyum TEST ONLY signer RSA", 2, pki.rsa_key, pki.root, pki.root_key);
	t_ext(pki.rsa_cert, pki.root, NID_key_usage, "critical,digitalSignature,nonRepudiation");
	t_ext(pki.rsa_cert, pki.root, NID_authority_key_identifier, "keyid");
	t_sign_cert(pki.rsa_cert, pki.root_key);

	pki.ec_cert = t_cert("uyum TEST ONLY signer EC", 3, pki.ec_key, pki.root, pki.root_key);
	t_ext(pki.ec_cert, pki.root, NID_key_usage, "critical,digitalSignature,nonRepudiation");
	t_sign_cert(pki.ec_cert, pki.root_key);

	pki.tsa_cert = t_cert("uyum TEST ONLY TSA", 4, pki.tsa_key, pki.root, pki.root_key);
	t_ext(pki.tsa_cert, pki.root, NID_key_usage, "critical,digitalSignature");
	t_ext(pki.tsa_cert, pki.root, NID_ext_key_usage, "critical,timeStamping");
	t_sign_cert(pki.tsa_cert, pki.root_key);

	pki.ocsp_cert = t_cert("uyum TEST ONLY OCSP", 5, pki.ocsp_key, pki.root, pki.root_key);
	t_ext(pki.ocsp_cert, pki.root, NID_key_usage, "critical,digitalSignature");
	t_ext(pki.ocsp_cert, pki.root, NID_ext_key_usage, "OCSPSigning");
	t_ext(pki.ocsp_cert, pki.root, NID_id_pkix_OCSP_noCheck, "ignored");
	t_sign_cert(pki.ocsp_cert, pki.root_key);

	pki.chain = sk_X509_new_null();
	sk_X509_push(pki.chain, pki.root);
	t_der(pki.root, &pki.root_der, &pki.root_len);
	t_der(pki.ocsp_cert, &pki.ocsp_der, &pki.ocsp_len);

	/* The root's CRL (empty), signed by the root. */
	X509_CRL *crl = X509_CRL_new();
	ck_assert_int_eq(X509_CRL_set_version(crl, X509_CRL_VERSION_2), 1);
	ck_assert_int_eq(X509_CRL_set_issuer_name(crl, X509_get_subject_name(pki.root)), 1);
	ASN1_TIME *tu = ASN1_TIME_set(NULL, T_SIGNING - 3600);
	ASN1_TIME *nu = ASN1_TIME_set(NULL, T_SIGNING + 7 * 86400);
	ck_assert_int_eq(X509_CRL_set1_lastUpdate(crl, tu), 1);
	ck_assert_int_eq(X509_CRL_set1_nextUpdate(crl, nu), 1);
	ck_assert_int_gt(X509_CRL_sign(crl, pki.root_key, EVP_sha256()), 0);
	unsigned char *p = NULL;
	int n = i2d_X509_CRL(crl, &p);
	ck_assert_int_gt(n, 0);
	pki.crl_der = uy_alloc((size_t)n);
	memcpy(pki.crl_der, p, (size_t)n);
	pki.crl_len = (size_t)n;
	OPENSSL_free(p);
	X509_CRL_free(crl);

	/* A "good" OCSP response for the RSA signer, SHA-256 CertID (spec §6 pitfall 3). */
	OCSP_BASICRESP *bs = OCSP_BASICRESP_new();
	OCSP_CERTID *id = OCSP_cert_to_id(EVP_sha256(), pki.rsa_cert, pki.root);
	ck_assert_ptr_nonnull(OCSP_basic_add1_status(bs, id, V_OCSP_CERTSTATUS_GOOD, 0, NULL, tu,
	    nu));
	ck_assert_int_eq(OCSP_basic_sign(bs, pki.ocsp_cert, pki.ocsp_key, EVP_sha256(), NULL, 0), 1);
	OCSP_RESPONSE *resp = OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, bs);
	p = NULL;
	n = i2d_OCSP_RESPONSE(resp, &p);
	ck_assert_int_gt(n, 0);
	pki.ocspresp_der = uy_alloc((size_t)n);
	memcpy(pki.ocspresp_der, p, (size_t)n);
	pki.ocspresp_len = (size_t)n;
	OPENSSL_free(p);
	OCSP_RESPONSE_free(resp);
	OCSP_CERTID_free(id);
	OCSP_BASICRESP_free(bs);
	ASN1_TIME_free(tu);
	ASN1_TIME_free(nu);
}

static void
pki_teardown(void)
{
	sk_X509_free(pki.chain);
	X509_free(pki.root);
	X509_free(pki.rsa_cert);
	X509_free(pki.ec_cert);
	X509_free(pki.tsa_cert);
	X509_free(pki.ocsp_cert);
	EVP_PKEY_free(pki.root_key);
	EVP_PKEY_free(pki.rsa_key);
	EVP_PKEY_free(pki.ec_key);
	EVP_PKEY_free(pki.tsa_key);
	EVP_PKEY_free(pki.ocsp_key);
	uy_free(pki.root_der);
	uy_free(pki.ocsp_der);
	uy_free(pki.crl_der);
	uy_free(pki.ocspresp_der);
}

/* The X-Long inputs: refs/values = root, OCSP responder; signer revocation = OCSP + root CRL. */
static uy_span t_ref_certs[2];
static uy_span t_signer_ocsp[1];
static uy_span t_signer_crl[1];
static uy_cades_revinfo t_revinfo[3];

static void
t_tsa(uy_tsa *tsa)
{
	memset(tsa, 0, sizeof(*tsa));
	tsa->cert = pki.tsa_cert;
	tsa->key = pki.tsa_key;
	tsa->serial = 1000;
	tsa->accuracy_seconds = 1;
}

/* Options for a P4 signature at level; the tsa lives in the caller. */
static uy_cades_options
t_opts(uy_cades_level level, int detached, uy_tsa *tsa)
{
	uy_cades_options o = UY_CADES_OPTIONS_INIT;

	o.level = level;
	o.detached = detached;
	o.has_signing_time = 1;
	o.signing_time = T_SIGNING;
	o.policy = level >= UY_CADES_EPES ? UY_CADES_POLICY_P4 : UY_CADES_POLICY_NONE;
	o.tsa = tsa;
	o.tst_time = T_TST;
	t_ref_certs[0] = (uy_span){ pki.root_der, pki.root_len };
	t_ref_certs[1] = (uy_span){ pki.ocsp_der, pki.ocsp_len };
	t_signer_ocsp[0] = (uy_span){ pki.ocspresp_der, pki.ocspresp_len };
	t_signer_crl[0] = (uy_span){ pki.crl_der, pki.crl_len };
	memset(t_revinfo, 0, sizeof(t_revinfo));
	t_revinfo[0].ocsps = t_signer_ocsp;
	t_revinfo[0].ocsp_count = 1;
	t_revinfo[0].crls = t_signer_crl;
	t_revinfo[0].crl_count = 1;
	o.ref_certs = t_ref_certs;
	o.ref_cert_count = 2;
	o.revinfo = t_revinfo;
	o.revinfo_count = 3;
	o.ats_time = T_ATS;
	return o;
}

static X509_STORE *
t_store(void)
{
	X509_STORE *st = X509_STORE_new();
	ck_assert_int_eq(X509_STORE_add_cert(st, pki.root), 1);
	X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(st), T_VALIDATE);
	return st;
}

static CMS_ContentInfo *
t_parse(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	ck_assert_ptr_nonnull(cms);
	ck_assert_ptr_eq(p, der + len);
	return cms;
}

/*
 * CMS_verify with CMS_NO_SIGNER_CERT_VERIFY (spec §6 pitfall 2), then the
 * signer's path with an own X509_STORE_CTX at T_VALIDATE. Returns 1 when both pass.
 */
static int
t_verify(const uint8_t *der, size_t len, int detached, unsigned int extra_flags)
{
	CMS_ContentInfo *cms = t_parse(der, len);
	X509_STORE *st = t_store();
	BIO *dc = detached ? BIO_new_mem_buf(t_content, (int)strlen(t_content)) : NULL;
	BIO *out = BIO_new(BIO_s_mem());
	int ok = CMS_verify(cms, NULL, st, dc, out,
	    CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY | extra_flags) == 1;

	if (ok) {
		char *mem = NULL;
		long n = BIO_get_mem_data(out, &mem);
		ck_assert_int_eq(n, (long)strlen(t_content));
		ck_assert_int_eq(memcmp(mem, t_content, (size_t)n), 0);
		STACK_OF(X509) *signers = CMS_get0_signers(cms);
		STACK_OF(X509) *certs = CMS_get1_certs(cms);
		ck_assert_int_eq(sk_X509_num(signers), 1);
		X509_STORE_CTX *ctx = X509_STORE_CTX_new();
		ck_assert_int_eq(X509_STORE_CTX_init(ctx, st, sk_X509_value(signers, 0), certs), 1);
		ok = X509_verify_cert(ctx) == 1;
		X509_STORE_CTX_free(ctx);
		sk_X509_pop_free(certs, X509_free);
		sk_X509_free(signers);
	}
	ERR_clear_error();
	BIO_free(out);
	BIO_free(dc);
	X509_STORE_free(st);
	CMS_ContentInfo_free(cms);
	return ok;
}

static uy_span
t_span(void)
{
	return (uy_span){ (const uint8_t *)t_content, strlen(t_content) };
}

/* UY_CADES_DUMP_DIR=dir keeps every signature made, for inspection by hand. */
static void
t_make(uy_signer *s, const uy_cades_options *o, uint8_t **der, size_t *len)
{
	static unsigned n;
	uy_err rc = uy_cades_make(der, len, s, t_span(), o);
	ck_assert_msg(rc == UY_OK, "uy_cades_make: %s (%s)", uy_err_name(rc), uy_error_last());
	const char *dir = getenv("UY_CADES_DUMP_DIR");
	if (dir != NULL) {
		char path[512];
		ck_assert_int_lt(snprintf(path, sizeof(path), "%s/%d-%u-l%d-d%d.p7s", dir, (int)getpid(),
		    n++, (int)o->level, o->detached), (int)sizeof(path));
		FILE *f = fopen(path, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(*der, 1, *len, f), *len);
		fclose(f);
	}
}

static PKCS7 *t_token(CMS_SignerInfo *si, const ASN1_OBJECT *obj);
static int t_verify_token(PKCS7 *tok, const uint8_t *data, size_t len, const uint8_t *imprint,
    size_t ilen);
static void t_attr_value(X509_ATTRIBUTE *a, unsigned char **der, int *len);

/* ---- happy: every level, attached and detached, every scheme ------------- */

typedef struct {
	uy_cades_level level;
	int detached;
	uy_sig_scheme scheme;
	unsigned ats_version;
} t_row;

static const t_row t_rows[] = {
	{ UY_CADES_BES, 0, UY_SIG_RSA_PKCS1, 2 }, { UY_CADES_BES, 1, UY_SIG_RSA_PKCS1, 2 },
	{ UY_CADES_EPES, 0, UY_SIG_RSA_PKCS1, 2 }, { UY_CADES_EPES, 1, UY_SIG_RSA_PKCS1, 2 },
	{ UY_CADES_T, 0, UY_SIG_RSA_PKCS1, 2 }, { UY_CADES_T, 1, UY_SIG_RSA_PKCS1, 2 },
	{ UY_CADES_XLONG, 0, UY_SIG_RSA_PKCS1, 2 }, { UY_CADES_XLONG, 1, UY_SIG_RSA_PKCS1, 2 },
	{ UY_CADES_A, 0, UY_SIG_RSA_PKCS1, 2 }, { UY_CADES_A, 1, UY_SIG_RSA_PKCS1, 2 },
	{ UY_CADES_A, 0, UY_SIG_RSA_PKCS1, 3 }, { UY_CADES_A, 1, UY_SIG_RSA_PKCS1, 3 },
	{ UY_CADES_BES, 0, UY_SIG_RSA_PSS, 2 }, { UY_CADES_A, 1, UY_SIG_RSA_PSS, 3 },
	{ UY_CADES_BES, 0, UY_SIG_ECDSA, 2 }, { UY_CADES_A, 1, UY_SIG_ECDSA, 2 },
	{ UY_CADES_XLONG, 0, UY_SIG_ECDSA, 2 },
};

static void
t_signer(uy_signer *s, uy_sig_scheme scheme)
{
	int ec = scheme == UY_SIG_ECDSA;
	uy_err rc = uy_signer_init_pkey(s, ec ? pki.ec_cert : pki.rsa_cert, pki.chain,
	    ec ? pki.ec_key : pki.rsa_key, scheme);
	ck_assert_int_eq(rc, UY_OK);
}

START_TEST(levels_verify)
{
	const t_row *r = &t_rows[_i];
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	t_signer(&s, r->scheme);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(r->level, r->detached, &tsa);
	o.ats_version = r->ats_version;
	t_make(&s, &o, &der, &len);
	ck_assert_msg(t_verify(der, len, r->detached, CMS_CADES), "row %d does not verify", _i);
	/* detached really has no eContent, attached has it */
	CMS_ContentInfo *cms = t_parse(der, len);
	ck_assert_int_eq(CMS_is_detached(cms), r->detached);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	X509_ALGOR *sig_alg = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, NULL, &sig_alg);
	const ASN1_OBJECT *obj = NULL;
	X509_ALGOR_get0(&obj, NULL, NULL, sig_alg);
	int want = r->scheme == UY_SIG_RSA_PSS ? NID_rsassaPss
	    : r->scheme == UY_SIG_ECDSA ? NID_ecdsa_with_SHA256 : NID_rsaEncryption;
	ck_assert_int_eq(OBJ_obj2nid(obj), want);
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* Scenario A.S6 "Signed with SHA-1": SHA-1 everywhere except the ESS hash and the policy. */
START_TEST(sha1_signature)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	t_signer(&s, _i == 0 ? UY_SIG_RSA_PKCS1 : UY_SIG_ECDSA);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_A, _i, &tsa);
	o.md = EVP_sha1();
	o.ref_md = EVP_sha1(); /* OtherHash takes its sha1Hash arm */
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, _i, CMS_CADES));
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	X509_ALGOR *dig_alg = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig_alg, NULL);
	const ASN1_OBJECT *obj = NULL;
	X509_ALGOR_get0(&obj, NULL, NULL, dig_alg);
	ck_assert_int_eq(OBJ_obj2nid(obj), NID_sha1);
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_CertificateRefs, -1)), &v, &vlen);
	const unsigned char *q = v;
	UY_CERT_REFS *refs = d2i_UY_CERT_REFS(NULL, &q, vlen);
	ck_assert_ptr_nonnull(refs);
	ck_assert_int_eq(sk_UY_OTHER_CERT_ID_value(refs, 0)->hash->type, UY_OTHER_HASH_SHA1);
	sk_UY_OTHER_CERT_ID_pop_free(refs, UY_OTHER_CERT_ID_free);
	OPENSSL_free(v);
	PKCS7 *tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	ck_assert(t_verify_token(tok, ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig),
	    NULL, 0));
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* ---- attributes: the P4 profile table (spec §2.2) ------------------------ */

/* Read one DER element into e and check its tag. */
static void
t_elem(cades_der *e, const uint8_t *p, size_t avail, uint8_t tag)
{
	ck_assert_int_eq(uy_cades__der_read(e, p, avail), UY_OK);
	ck_assert_int_eq(e->tag, tag);
}

/* The DER of the single value of attribute a. */
static void
t_attr_value(X509_ATTRIBUTE *a, unsigned char **der, int *len)
{
	ck_assert_int_eq(X509_ATTRIBUTE_count(a), 1);
	ASN1_TYPE *v = X509_ATTRIBUTE_get0_type(a, 0);
	*der = NULL;
	*len = i2d_ASN1_TYPE(v, der);
	ck_assert_int_gt(*len, 0);
}

START_TEST(p4_xlong_attributes)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	t_make(&s, &o, &der, &len);
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);

	/* *= signatures-and-certificates.md §2.2
	 *= type=test
	 *# content-type, message-digest (DigestValue), signing-certificate-v2
	 *# (SigningCertificate), signing-time | M M M M */
	static const int want_signed[] = { NID_pkcs9_contentType, NID_pkcs9_messageDigest,
		NID_id_smime_aa_signingCertificateV2, NID_pkcs9_signingTime,
		NID_id_smime_aa_ets_sigPolicyId };
	ck_assert_int_eq(CMS_signed_get_attr_count(si), 5);
	for (size_t i = 0; i < sizeof(want_signed) / sizeof(want_signed[0]); i++) {
		ck_assert_int_ge(CMS_signed_get_attr_by_NID(si, want_signed[i], -1), 0);
	}
	/* *= signatures-and-certificates.md §2.2
	 *= type=test
	 *# valid CAdES P4 vector of the Kamu SM suite: unsigned attributes exactly `.21`–`.24`
	 *# and `.14`. */
	static const int want_unsigned[] = { NID_id_smime_aa_timeStampToken,
		NID_id_smime_aa_ets_CertificateRefs, NID_id_smime_aa_ets_RevocationRefs,
		NID_id_smime_aa_ets_certValues, NID_id_smime_aa_ets_revocationValues };
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), 5);
	for (size_t i = 0; i < sizeof(want_unsigned) / sizeof(want_unsigned[0]); i++) {
		ck_assert_int_ge(CMS_unsigned_get_attr_by_NID(si, want_unsigned[i], -1), 0);
	}

	/* signature-policy-identifier: P4 OID and the deployed hash, SHA-256 */
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_signed_get_attr(si, CMS_signed_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_sigPolicyId, -1)), &v, &vlen);
	const unsigned char *q = v;
	UY_SIG_POLICY_ID *sp = d2i_UY_SIG_POLICY_ID(NULL, &q, vlen);
	ck_assert_ptr_nonnull(sp);
	char oid[64];
	OBJ_obj2txt(oid, sizeof(oid), sp->id, 1);
	ck_assert_str_eq(oid, UY_CADES_OID_P4);
	const ASN1_OBJECT *halg = NULL;
	X509_ALGOR_get0(&halg, NULL, NULL, sp->hash->alg);
	ck_assert_int_eq(OBJ_obj2nid(halg), NID_sha256);
	static const uint8_t ff39[] = { 0xFF, 0x39, 0xBD, 0x29, 0x46, 0x33, 0x83, 0xF6, 0x9B, 0x20,
		0x52, 0xAC, 0x47, 0x43, 0x9E, 0x06, 0xCE, 0x7C, 0x3B, 0x86, 0x46, 0xE8, 0x88, 0xB6,
		0xE5, 0xAE, 0x3E, 0x46, 0xBA, 0x08, 0x11, 0x7A };
	ck_assert_int_eq(ASN1_STRING_length(sp->hash->value), 32);
	ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(sp->hash->value), ff39, 32), 0);
	ck_assert_ptr_null(sp->qualifiers);
	UY_SIG_POLICY_ID_free(sp);
	OPENSSL_free(v);

	/* ESSCertIDv2.certHash = SHA-256 of the signer DER (spec §4.6); default hash omitted */
	t_attr_value(CMS_signed_get_attr(si, CMS_signed_get_attr_by_NID(si,
	    NID_id_smime_aa_signingCertificateV2, -1)), &v, &vlen);
	cades_der sc, certs, id, hash;
	t_elem(&sc, v, (size_t)vlen, 0x30);
	t_elem(&certs, sc.ptr + sc.hdr, sc.len, 0x30);
	t_elem(&id, certs.ptr + certs.hdr, certs.len, 0x30);
	t_elem(&hash, id.ptr + id.hdr, id.len, 0x04);
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	ck_assert_int_eq(X509_digest(pki.rsa_cert, EVP_sha256(), dig, &dlen), 1);
	ck_assert_uint_eq(hash.len, dlen);
	ck_assert_int_eq(memcmp(hash.ptr + hash.hdr, dig, dlen), 0);
	OPENSSL_free(v);

	/* complete-certificate-refs: one OtherCertID per ref cert, hash of its DER */
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_CertificateRefs, -1)), &v, &vlen);
	q = v;
	UY_CERT_REFS *refs = d2i_UY_CERT_REFS(NULL, &q, vlen);
	ck_assert_ptr_nonnull(refs);
	ck_assert_int_eq(sk_UY_OTHER_CERT_ID_num(refs), 2);
	UY_OTHER_CERT_ID *r0 = sk_UY_OTHER_CERT_ID_value(refs, 0);
	ck_assert_int_eq(r0->hash->type, UY_OTHER_HASH_OTHER);
	ck_assert_int_eq(EVP_Digest(pki.root_der, pki.root_len, dig, &dlen, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(r0->hash->d.other->value), dig, dlen), 0);
	ck_assert_ptr_null(r0->issuer_serial);
	sk_UY_OTHER_CERT_ID_pop_free(refs, UY_OTHER_CERT_ID_free);
	OPENSSL_free(v);

	/* complete-revocation-refs: one CrlOcspRef per revinfo entry, signer first */
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_RevocationRefs, -1)), &v, &vlen);
	q = v;
	UY_REV_REFS *rrefs = d2i_UY_REV_REFS(NULL, &q, vlen);
	ck_assert_ptr_nonnull(rrefs);
	ck_assert_int_eq(sk_UY_CRL_OCSP_REF_num(rrefs), 3);
	UY_CRL_OCSP_REF *rr = sk_UY_CRL_OCSP_REF_value(rrefs, 0);
	ck_assert_ptr_nonnull(rr->crlids);
	ck_assert_ptr_nonnull(rr->ocspids);
	UY_OCSP_RESPONSES_ID *oid0 = sk_UY_OCSP_RESPONSES_ID_value(rr->ocspids->responses, 0);
	ck_assert_int_eq(EVP_Digest(pki.ocspresp_der, pki.ocspresp_len, dig, &dlen, EVP_sha256(),
	    NULL), 1);
	ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(oid0->hash->d.other->value), dig, dlen), 0);
	ck_assert_ptr_null(sk_UY_CRL_OCSP_REF_value(rrefs, 1)->crlids);
	sk_UY_CRL_OCSP_REF_pop_free(rrefs, UY_CRL_OCSP_REF_free);
	OPENSSL_free(v);

	/* revocation-values: the CRL verifies under the root, the BasicOCSPResponse
	 * verifies with OCSP_basic_verify and says "good" for the signer */
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_revocationValues, -1)), &v, &vlen);
	q = v;
	UY_REV_VALUES *rv = d2i_UY_REV_VALUES(NULL, &q, vlen);
	ck_assert_ptr_nonnull(rv);
	ck_assert_int_eq(sk_X509_CRL_num(rv->crls), 1);
	ck_assert_int_eq(sk_OCSP_BASICRESP_num(rv->ocsps), 1);
	ck_assert_int_eq(X509_CRL_verify(sk_X509_CRL_value(rv->crls, 0),
	    X509_get0_pubkey(pki.root)), 1);
	X509_STORE *st = t_store();
	STACK_OF(X509) *ocsp_certs = sk_X509_new_null();
	sk_X509_push(ocsp_certs, pki.ocsp_cert);
	OCSP_BASICRESP *bs = sk_OCSP_BASICRESP_value(rv->ocsps, 0);
	ck_assert_int_eq(OCSP_basic_verify(bs, ocsp_certs, st, 0), 1);
	OCSP_CERTID *cid = OCSP_cert_to_id(EVP_sha256(), pki.rsa_cert, pki.root);
	int status = -1;
	ck_assert_int_eq(OCSP_resp_find_status(bs, cid, &status, NULL, NULL, NULL, NULL), 1);
	ck_assert_int_eq(status, V_OCSP_CERTSTATUS_GOOD);
	OCSP_CERTID_free(cid);
	sk_X509_free(ocsp_certs);
	X509_STORE_free(st);
	UY_REV_VALUES_free(rv);
	OPENSSL_free(v);

	/* certificate-values: root, then OCSP responder, byte for byte */
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_certValues, -1)), &v, &vlen);
	q = v;
	UY_CERT_VALUES *cv = d2i_UY_CERT_VALUES(NULL, &q, vlen);
	ck_assert_ptr_nonnull(cv);
	ck_assert_int_eq(sk_X509_num(cv), 2);
	ck_assert_int_eq(X509_cmp(sk_X509_value(cv, 0), pki.root), 0);
	ck_assert_int_eq(X509_cmp(sk_X509_value(cv, 1), pki.ocsp_cert), 0);
	sk_X509_pop_free(cv, X509_free);
	OPENSSL_free(v);

	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* ---- X-Long entry defects (catalogue families I and J, spec §8) --------- */

/* What the X-Long attributes of a signature hold, read back with the templates. */
typedef struct {
	int cert_refs;      /* OtherCertIDs in .21 */
	int cert_ref0_ok;   /* the first OtherCertID hashes the first ref certificate (root) */
	int cert_vals;      /* certificates in .23 */
	int cert_val0_root; /* the first of them is the root */
	int signer_crl_ref; /* CrlValidatedIDs in the signer's CrlOcspRef */
	int signer_crl_ok;  /* the first hashes the signer CRL */
	int signer_ocsp_ref;
	int signer_ocsp_ok;
	int rev_refs;       /* CrlOcspRefs in .22 */
	int crl_vals;       /* CRLs in .24 */
	int ocsp_vals;      /* BasicOCSPResponses in .24 */
} t_xl;

static int
t_hash_is(const UY_OTHER_HASH *h, const uint8_t *data, size_t len)
{
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	ck_assert_int_eq(h->type, UY_OTHER_HASH_OTHER);
	ck_assert_int_eq(EVP_Digest(data, len, dig, &dlen, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(ASN1_STRING_length(h->d.other->value), (int)dlen);
	return memcmp(ASN1_STRING_get0_data(h->d.other->value), dig, dlen) == 0;
}

static void
t_read_xl(const uint8_t *der, size_t len, t_xl *x)
{
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	unsigned char *v = NULL;
	int vlen = 0;
	const unsigned char *q = NULL;

	memset(x, 0, sizeof(*x));
	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_CertificateRefs, -1)), &v, &vlen);
	q = v;
	UY_CERT_REFS *refs = d2i_UY_CERT_REFS(NULL, &q, vlen);
	ck_assert_ptr_nonnull(refs);
	x->cert_refs = sk_UY_OTHER_CERT_ID_num(refs);
	if (x->cert_refs > 0) {
		x->cert_ref0_ok = t_hash_is(sk_UY_OTHER_CERT_ID_value(refs, 0)->hash, pki.root_der,
		    pki.root_len);
	}
	sk_UY_OTHER_CERT_ID_pop_free(refs, UY_OTHER_CERT_ID_free);
	OPENSSL_free(v);

	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_certValues, -1)), &v, &vlen);
	q = v;
	UY_CERT_VALUES *cv = d2i_UY_CERT_VALUES(NULL, &q, vlen);
	ck_assert_ptr_nonnull(cv);
	x->cert_vals = sk_X509_num(cv);
	x->cert_val0_root = x->cert_vals > 0 && X509_cmp(sk_X509_value(cv, 0), pki.root) == 0;
	sk_X509_pop_free(cv, X509_free);
	OPENSSL_free(v);

	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_RevocationRefs, -1)), &v, &vlen);
	q = v;
	UY_REV_REFS *rrefs = d2i_UY_REV_REFS(NULL, &q, vlen);
	ck_assert_ptr_nonnull(rrefs);
	x->rev_refs = sk_UY_CRL_OCSP_REF_num(rrefs);
	UY_CRL_OCSP_REF *rr = sk_UY_CRL_OCSP_REF_value(rrefs, 0);
	if (rr->crlids != NULL) {
		x->signer_crl_ref = sk_UY_CRL_VALIDATED_ID_num(rr->crlids->crls);
		x->signer_crl_ok = t_hash_is(sk_UY_CRL_VALIDATED_ID_value(rr->crlids->crls, 0)->hash,
		    pki.crl_der, pki.crl_len);
	}
	if (rr->ocspids != NULL) {
		x->signer_ocsp_ref = sk_UY_OCSP_RESPONSES_ID_num(rr->ocspids->responses);
		x->signer_ocsp_ok = t_hash_is(
		    sk_UY_OCSP_RESPONSES_ID_value(rr->ocspids->responses, 0)->hash, pki.ocspresp_der,
		    pki.ocspresp_len);
	}
	sk_UY_CRL_OCSP_REF_pop_free(rrefs, UY_CRL_OCSP_REF_free);
	OPENSSL_free(v);

	t_attr_value(CMS_unsigned_get_attr(si, CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_revocationValues, -1)), &v, &vlen);
	q = v;
	UY_REV_VALUES *rv = d2i_UY_REV_VALUES(NULL, &q, vlen);
	ck_assert_ptr_nonnull(rv);
	x->crl_vals = rv->crls != NULL ? sk_X509_CRL_num(rv->crls) : 0;
	x->ocsp_vals = rv->ocsps != NULL ? sk_OCSP_BASICRESP_num(rv->ocsps) : 0;
	UY_REV_VALUES_free(rv);
	OPENSSL_free(v);
	CMS_ContentInfo_free(cms);
}

/* Each row: the knob, then what .21-.24 must hold (t_xl order). The reference is
 * { 2, 1, 2, 1, 1, 1, 1, 1, 3, 1, 1 }: refs root + responder, signer CRL + OCSP. */
static const struct {
	uy_cades_xl_entry entry;
	size_t index;
	int corrupt;
	t_xl want;
} t_xl_rows[] = {
	{ UY_CADES_XL_NONE, 0, 0, { 2, 1, 2, 1, 1, 1, 1, 1, 3, 1, 1 } },
	/* I: certificate refs, root missing / wrong */
	{ UY_CADES_XL_CERT_REF, 0, 0, { 1, 0, 2, 1, 1, 1, 1, 1, 3, 1, 1 } },
	{ UY_CADES_XL_CERT_REF, 0, 1, { 2, 0, 2, 1, 1, 1, 1, 1, 3, 1, 1 } },
	/* J: certificate values, root missing */
	{ UY_CADES_XL_CERT_VALUE, 0, 0, { 2, 1, 1, 0, 1, 1, 1, 1, 3, 1, 1 } },
	/* I: revocation refs, signer CRL / OCSP missing or wrong (the CrlOcspRef stays) */
	{ UY_CADES_XL_CRL_REF, 0, 0, { 2, 1, 2, 1, 0, 0, 1, 1, 3, 1, 1 } },
	{ UY_CADES_XL_CRL_REF, 0, 1, { 2, 1, 2, 1, 1, 0, 1, 1, 3, 1, 1 } },
	{ UY_CADES_XL_OCSP_REF, 0, 0, { 2, 1, 2, 1, 1, 1, 0, 0, 3, 1, 1 } },
	{ UY_CADES_XL_OCSP_REF, 0, 1, { 2, 1, 2, 1, 1, 1, 1, 0, 3, 1, 1 } },
	/* J: revocation values, signer CRL / OCSP missing */
	{ UY_CADES_XL_CRL_VALUE, 0, 0, { 2, 1, 2, 1, 1, 1, 1, 1, 3, 0, 1 } },
	{ UY_CADES_XL_OCSP_VALUE, 0, 0, { 2, 1, 2, 1, 1, 1, 1, 1, 3, 1, 0 } },
};

/* *= type=test
 *= signatures-and-certificates.md §8 families I and J
 *# Certificate refs: root missing ... Revocation values: signer OCSP missing */
START_TEST(xlong_entry_defects)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	t_xl got;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	o.xl_entry = t_xl_rows[_i].entry;
	o.xl_index = t_xl_rows[_i].index;
	o.xl_corrupt = t_xl_rows[_i].corrupt;
	t_make(&s, &o, &der, &len);
	t_read_xl(der, len, &got);
	ck_assert_msg(memcmp(&got, &t_xl_rows[_i].want, sizeof(got)) == 0,
	    "row %d: refs %d/%d vals %d/%d crlref %d/%d ocspref %d/%d revrefs %d crls %d ocsps %d",
	    _i, got.cert_refs, got.cert_ref0_ok, got.cert_vals, got.cert_val0_root,
	    got.signer_crl_ref, got.signer_crl_ok, got.signer_ocsp_ref, got.signer_ocsp_ok,
	    got.rev_refs, got.crl_vals, got.ocsp_vals);
	/* unsigned attributes only: the signature itself still verifies with OpenSSL */
	ck_assert_int_eq(t_verify(der, len, 0, CMS_CADES), 1);
	uy_free(der);
}
END_TEST

START_TEST(xlong_entry_usage_errors)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	o.xl_entry = UY_CADES_XL_CERT_REF;
	o.xl_index = 2; /* two ref certificates */
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	o.xl_entry = UY_CADES_XL_CRL_REF;
	o.xl_index = 1; /* revinfo[1] is empty */
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	o.xl_entry = UY_CADES_XL_CRL_VALUE;
	o.xl_index = 0;
	o.xl_corrupt = 1; /* values can only be dropped */
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	ck_assert_uint_eq(len, 0);
}
END_TEST

/* ---- time-stamps ---------------------------------------------------------- */

/* The token in unsigned attribute obj of the first SignerInfo. */
static PKCS7 *
t_token(CMS_SignerInfo *si, const ASN1_OBJECT *obj)
{
	int idx = CMS_unsigned_get_attr_by_OBJ(si, obj, -1);
	ck_assert_int_ge(idx, 0);
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_unsigned_get_attr(si, idx), &v, &vlen);
	const unsigned char *q = v;
	PKCS7 *tok = d2i_PKCS7(NULL, &q, vlen);
	ck_assert_ptr_nonnull(tok);
	OPENSSL_free(v);
	return tok;
}

/* TS_RESP_verify_token at T_VALIDATE over data (TS_VFY_DATA) or a precomputed imprint. */
static int
t_verify_token(PKCS7 *tok, const uint8_t *data, size_t len, const uint8_t *imprint, size_t ilen)
{
	TS_VERIFY_CTX *ctx = TS_VERIFY_CTX_new();
	int flags = TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_SIGNER;

	TS_VERIFY_CTX_set_store(ctx, t_store()); /* owned by ctx */
	if (data != NULL) {
		TS_VERIFY_CTX_set_data(ctx, BIO_new_mem_buf(data, (int)len)); /* owned by ctx */
		flags |= TS_VFY_DATA;
	} else {
		unsigned char *copy = OPENSSL_malloc(ilen);
		memcpy(copy, imprint, ilen);
		TS_VERIFY_CTX_set_imprint(ctx, copy, (long)ilen); /* owned by ctx */
		flags |= TS_VFY_IMPRINT;
	}
	TS_VERIFY_CTX_set_flags(ctx, flags);
	int ok = TS_RESP_verify_token(ctx, tok) == 1;
	ERR_clear_error();
	TS_VERIFY_CTX_free(ctx);
	return ok;
}

START_TEST(signature_time_stamp)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_T, 0, &tsa);
	t_make(&s, &o, &der, &len);
	ck_assert_uint_eq(tsa.serial, 1001);
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	PKCS7 *tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	/* *= RFC 5126 §6.1.1
	 *= type=test
	 *# The value of the messageImprint field within TimeStampToken shall be a
	 *# hash of the value of the signature field within SignerInfo */
	ck_assert(t_verify_token(tok, ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig),
	    NULL, 0));
	/* not over anything else */
	ck_assert(!t_verify_token(tok, (const uint8_t *)"x", 1, NULL, 0));
	TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(tok);
	ck_assert_ptr_nonnull(info);
	ASN1_TIME *want = ASN1_TIME_set(NULL, T_TST);
	ck_assert_int_eq(ASN1_TIME_compare(TS_TST_INFO_get_time(info), want), 0);
	ck_assert_int_eq(ASN1_INTEGER_get(TS_TST_INFO_get_serial(info)), 1000);
	char pol[64];
	OBJ_obj2txt(pol, sizeof(pol), TS_TST_INFO_get_policy_id(info), 1);
	ck_assert_str_eq(pol, UY_TSA_POLICY_KAMUSM);
	ck_assert_ptr_nonnull(TS_TST_INFO_get_accuracy(info));
	ASN1_TIME_free(want);
	TS_TST_INFO_free(info);
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);

	/* defect: the TSA signed a wrong imprint */
	t_tsa(&tsa);
	o.defects = UY_CADES_DEFECT_TST_IMPRINT;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 0, CMS_CADES)); /* CMS does not look at unsigned attributes */
	cms = t_parse(der, len);
	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	sig = CMS_SignerInfo_get0_signature(si);
	ck_assert(!t_verify_token(tok, ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig),
	    NULL, 0));
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* The test's own CAdES-C imprint (RFC 5126 §6.3.5): signature octets, then the contents of the
 * Attribute SEQUENCEs .14, .21, .22 (attrType ‖ attrValues). */
static void
t_c_ts_imprint(CMS_SignerInfo *si, uint8_t *dig, unsigned int *dlen)
{
	static const int nids[3] = { NID_id_smime_aa_timeStampToken,
		NID_id_smime_aa_ets_CertificateRefs, NID_id_smime_aa_ets_RevocationRefs };
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);

	ck_assert_int_eq(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(EVP_DigestUpdate(ctx, ASN1_STRING_get0_data(sig),
	    (size_t)ASN1_STRING_length(sig)), 1);
	for (size_t i = 0; i < 3; i++) {
		int idx = CMS_unsigned_get_attr_by_NID(si, nids[i], -1);
		ck_assert_int_ge(idx, 0);
		unsigned char *der = NULL;
		int n = i2d_X509_ATTRIBUTE(CMS_unsigned_get_attr(si, idx), &der);
		ck_assert_int_gt(n, 0);
		cades_der e;
		t_elem(&e, der, (size_t)n, 0x30);
		ck_assert_uint_eq(e.hdr + e.len, (size_t)n);
		ck_assert_int_eq(EVP_DigestUpdate(ctx, der + e.hdr, e.len), 1);
		OPENSSL_free(der);
	}
	ck_assert_int_eq(EVP_DigestFinal_ex(ctx, dig, dlen), 1);
	EVP_MD_CTX_free(ctx);
}

/* *= type=test
 *= RFC 5126 §6.3.5; signatures-and-certificates.md §4.3
 *# CAdES-C time-stamp (.25) over signature ‖ .14 ‖ .21 ‖ .22; at X-Long (_i 0) and A (_i 1) */
START_TEST(cades_c_time_stamp)
{
	uy_signer s;
	uy_tsa tsa;
	uy_tsa c_tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	uint8_t imprint[EVP_MAX_MD_SIZE];
	unsigned int ilen = 0;
	uint8_t lib[EVP_MAX_MD_SIZE];
	size_t lib_len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	t_tsa(&c_tsa);
	c_tsa.serial = 5000;
	uy_cades_options o = t_opts(_i == 0 ? UY_CADES_XLONG : UY_CADES_A, 0, &tsa);
	o.c_timestamp = 1;
	o.c_tsa = &c_tsa;
	o.c_ts_time = T_CTS;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 0, CMS_CADES));
	ck_assert_uint_eq(c_tsa.serial, 5001);
	ck_assert_uint_eq(tsa.serial, _i == 0 ? 1001 : 1002);
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), _i == 0 ? 6 : 7);
	PKCS7 *tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_ets_escTimeStamp));
	t_c_ts_imprint(si, imprint, &ilen);
	ck_assert(t_verify_token(tok, NULL, 0, imprint, ilen));
	/* the public helper computes the same imprint */
	ck_assert_int_eq(uy_cades_c_ts_digest(lib, &lib_len, (uy_span){ der, len }, EVP_sha256()),
	    UY_OK);
	ck_assert_uint_eq(lib_len, ilen);
	ck_assert_int_eq(memcmp(lib, imprint, ilen), 0);
	imprint[ilen - 1] ^= 1;
	ck_assert(!t_verify_token(tok, NULL, 0, imprint, ilen));
	TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(tok);
	ASN1_TIME *want = ASN1_TIME_set(NULL, T_CTS);
	ck_assert_int_eq(ASN1_TIME_compare(TS_TST_INFO_get_time(info), want), 0);
	ck_assert_int_eq(ASN1_INTEGER_get(TS_TST_INFO_get_serial(info)), 5000);
	ASN1_TIME_free(want);
	TS_TST_INFO_free(info);
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);
	/* without a signature-time-stamp ... there is none: below X-Long the option is refused */
	o = t_opts(UY_CADES_T, 0, &tsa);
	o.c_timestamp = 1;
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	/* a signature without the refs has no CAdES-C imprint */
	o = t_opts(UY_CADES_T, 0, &tsa);
	t_make(&s, &o, &der, &len);
	ck_assert_int_eq(uy_cades_c_ts_digest(lib, &lib_len, (uy_span){ der, len }, EVP_sha256()),
	    UY_ERR_SYNTAX);
	ck_assert_uint_eq(lib_len, 0);
	uy_free(der);
}
END_TEST

/* Verify a token's imprint only (no signature check), then its signature. */
static void
t_token_parts(PKCS7 *tok, const uint8_t *imprint, size_t ilen, int imprint_ok, int sig_ok)
{
	TS_VERIFY_CTX *ctx = TS_VERIFY_CTX_new();
	unsigned char *copy = OPENSSL_malloc(ilen);

	memcpy(copy, imprint, ilen);
	TS_VERIFY_CTX_set_imprint(ctx, copy, (long)ilen); /* owned by ctx */
	TS_VERIFY_CTX_set_flags(ctx, TS_VFY_VERSION | TS_VFY_IMPRINT);
	ck_assert_int_eq(TS_RESP_verify_token(ctx, tok) == 1, imprint_ok);
	TS_VERIFY_CTX_free(ctx);
	ERR_clear_error();
	ck_assert_int_eq(t_verify_token(tok, NULL, 0, imprint, ilen), imprint_ok && sig_ok);
	/* the signature alone, through PKCS7_signatureVerify inside TS_RESP_verify_token */
	ctx = TS_VERIFY_CTX_new();
	TS_VERIFY_CTX_set_store(ctx, t_store()); /* owned by ctx */
	TS_VERIFY_CTX_set_flags(ctx, TS_VFY_SIGNATURE);
	ck_assert_int_eq(TS_RESP_verify_token(ctx, tok) == 1, sig_ok);
	TS_VERIFY_CTX_free(ctx);
	ERR_clear_error();
}

/* *= type=test
 *= signatures-and-certificates.md §8 families H and K (TSA1, TSA2)
 *# token defects: TST signature broken; CAdES-C imprint wrong; CAdES-C signature broken */
START_TEST(token_defects)
{
	static const unsigned defects[3] = { UY_CADES_DEFECT_TST_SIGNATURE,
		UY_CADES_DEFECT_CTS_IMPRINT, UY_CADES_DEFECT_CTS_SIGNATURE };
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	uint8_t imprint[EVP_MAX_MD_SIZE];
	unsigned int ilen = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	o.c_timestamp = 1;
	o.c_ts_time = T_CTS;
	o.defects = defects[_i];
	t_make(&s, &o, &der, &len);
	/* unsigned attributes: the signature itself still verifies */
	ck_assert(t_verify(der, len, 0, CMS_CADES));
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	PKCS7 *tst = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	PKCS7 *cts = t_token(si, OBJ_nid2obj(NID_id_smime_aa_ets_escTimeStamp));
	ck_assert_int_eq(EVP_Digest(ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig),
	    imprint, &ilen, EVP_sha256(), NULL), 1);
	t_token_parts(tst, imprint, ilen, 1, _i != 0);
	t_c_ts_imprint(si, imprint, &ilen);
	t_token_parts(cts, imprint, ilen, _i != 1, _i != 2);
	PKCS7_free(tst);
	PKCS7_free(cts);
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

static void t_token_time_serial(PKCS7 *tok, int64_t when, long serial);

/*
 * The archive-time-stamp v2 tokens of si in genTime order (n of them, at most 2); each .48
 * attribute holds one value.
 */
static size_t
t_ats_tokens(CMS_SignerInfo *si, PKCS7 *out[2])
{
	ASN1_OBJECT *ats = OBJ_txt2obj("1.2.840.113549.1.9.16.2.48", 1);
	size_t n = 0;
	int idx = -1;

	out[0] = out[1] = NULL;
	while ((idx = CMS_unsigned_get_attr_by_OBJ(si, ats, idx)) >= 0) {
		unsigned char *v = NULL;
		int vlen = 0;
		ck_assert_uint_lt(n, 2);
		t_attr_value(CMS_unsigned_get_attr(si, idx), &v, &vlen);
		const unsigned char *q = v;
		out[n] = d2i_PKCS7(NULL, &q, vlen);
		ck_assert_ptr_nonnull(out[n]);
		OPENSSL_free(v);
		n++;
	}
	ASN1_OBJECT_free(ats);
	if (n == 2) {
		TS_TST_INFO *a = PKCS7_to_TS_TST_INFO(out[0]);
		TS_TST_INFO *b = PKCS7_to_TS_TST_INFO(out[1]);
		if (ASN1_TIME_compare(TS_TST_INFO_get_time(a), TS_TST_INFO_get_time(b)) > 0) {
			PKCS7 *t = out[0];
			out[0] = out[1];
			out[1] = t;
		}
		TS_TST_INFO_free(a);
		TS_TST_INFO_free(b);
	}
	return n;
}

/* The digest algorithm of a token's only SignerInfo and of its messageImprint. */
static void
t_token_mds(PKCS7 *tok, int *sig_nid, int *imprint_nid)
{
	PKCS7_SIGNER_INFO *psi = sk_PKCS7_SIGNER_INFO_value(PKCS7_get_signer_info(tok), 0);
	TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(tok);
	const ASN1_OBJECT *o = NULL;

	ck_assert_ptr_nonnull(psi);
	ck_assert_ptr_nonnull(info);
	X509_ALGOR_get0(&o, NULL, NULL, psi->digest_alg);
	*sig_nid = OBJ_obj2nid(o);
	X509_ALGOR_get0(&o, NULL, NULL,
	    TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info)));
	*imprint_nid = OBJ_obj2nid(o);
	TS_TST_INFO_free(info);
}

/* *= type=test
 *= signatures-and-certificates.md §8 family L (archive time-stamp by a named TSA; SHA-1)
 *# a_tsa makes the archive-time-stamp (_i 0); ats_md SHA-1 hashes its imprint and signs the
 *# token with SHA-1, taking tsa's next serial without changing tsa's md (_i 1) */
START_TEST(archive_time_stamp_options)
{
	uy_signer s;
	uy_tsa tsa;
	uy_tsa a_tsa;
	uint8_t *xl = NULL, *a = NULL;
	size_t xl_len = 0, a_len = 0;
	uint8_t imprint[EVP_MAX_MD_SIZE];
	size_t ilen = 0;
	PKCS7 *tok[2];
	int sig_nid = 0, imp_nid = 0;
	const EVP_MD *md = _i == 1 ? EVP_sha1() : EVP_sha256();

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	t_make(&s, &o, &xl, &xl_len);
	t_tsa(&tsa);
	t_tsa(&a_tsa);
	a_tsa.serial = 7000;
	o.level = UY_CADES_A;
	if (_i == 0) {
		o.a_tsa = &a_tsa;
	} else {
		o.ats_md = EVP_sha1();
	}
	t_make(&s, &o, &a, &a_len);
	ck_assert(t_verify(a, a_len, 0, CMS_CADES));
	ck_assert_uint_eq(a_tsa.serial, _i == 0 ? 7001 : 7000);
	ck_assert_uint_eq(tsa.serial, _i == 0 ? 1001 : 1002);
	ck_assert_ptr_null(tsa.md);
	CMS_ContentInfo *cms = t_parse(a, a_len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_uint_eq(t_ats_tokens(si, tok), 1);
	ck_assert_int_eq(uy_cades_ats_v2_digest(imprint, &ilen, (uy_span){ xl, xl_len },
	    (uy_span){ NULL, 0 }, md), UY_OK);
	ck_assert_uint_eq(ilen, (size_t)EVP_MD_get_size(md));
	ck_assert(t_verify_token(tok[0], NULL, 0, imprint, ilen));
	t_token_time_serial(tok[0], T_ATS, _i == 0 ? 7000 : 1001);
	t_token_mds(tok[0], &sig_nid, &imp_nid);
	ck_assert_int_eq(sig_nid, _i == 0 ? NID_sha256 : NID_sha1);
	ck_assert_int_eq(imp_nid, _i == 0 ? NID_sha256 : NID_sha1);
	/* the signature-time-stamp is untouched: SHA-256 by tsa */
	PKCS7 *tst = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	t_token_mds(tst, &sig_nid, &imp_nid);
	ck_assert_int_eq(sig_nid, NID_sha256);
	ck_assert_int_eq(imp_nid, NID_sha256);
	t_token_time_serial(tst, T_TST, 1000);
	PKCS7_free(tst);
	PKCS7_free(tok[0]);
	CMS_ContentInfo_free(cms);
	uy_free(xl);
	uy_free(a);
}
END_TEST

/* *= type=test
 *= signatures-and-certificates.md §8 family L ("two ATSs"); ETSI TS 101 733 V1.8.1 §6.4.1
 *# ats2_time adds a second archive-time-stamp by tsa over the signature with the first; the
 *# first by a_tsa; with UY_CADES_DEFECT_ATS_SIGNATURE (_i 1) / _ATS_IMPRINT (_i 2) only the
 *# first token is broken (its signature / its imprint) */
START_TEST(two_archive_time_stamps)
{
	static const unsigned defects[3] = { 0, UY_CADES_DEFECT_ATS_SIGNATURE,
		UY_CADES_DEFECT_ATS_IMPRINT };
	uy_signer s;
	uy_tsa tsa;
	uy_tsa a_tsa;
	uint8_t *xl = NULL, *one = NULL, *two = NULL;
	size_t xl_len = 0, one_len = 0, two_len = 0;
	uint8_t imp1[EVP_MAX_MD_SIZE], imp2[EVP_MAX_MD_SIZE];
	size_t imp1_len = 0, imp2_len = 0;
	PKCS7 *tok[2];

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	t_make(&s, &o, &xl, &xl_len);
	/* the same signature with the first ATS only (RSA: byte-identical state) */
	t_tsa(&tsa);
	t_tsa(&a_tsa);
	a_tsa.serial = 7000;
	o.level = UY_CADES_A;
	o.a_tsa = &a_tsa;
	o.defects = defects[_i];
	t_make(&s, &o, &one, &one_len);
	t_tsa(&tsa);
	t_tsa(&a_tsa);
	a_tsa.serial = 7000;
	o.ats2_time = T_ATS + 600;
	t_make(&s, &o, &two, &two_len);
	ck_assert(t_verify(two, two_len, 0, CMS_CADES));
	ck_assert_uint_eq(a_tsa.serial, 7001);
	ck_assert_uint_eq(tsa.serial, 1002);
	ck_assert_int_eq(uy_cades_ats_v2_digest(imp1, &imp1_len, (uy_span){ xl, xl_len },
	    (uy_span){ NULL, 0 }, EVP_sha256()), UY_OK);
	ck_assert_int_eq(uy_cades_ats_v2_digest(imp2, &imp2_len, (uy_span){ one, one_len },
	    (uy_span){ NULL, 0 }, EVP_sha256()), UY_OK);
	ck_assert_int_ne(memcmp(imp1, imp2, imp1_len), 0);
	CMS_ContentInfo *cms = t_parse(two, two_len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), 7);
	ck_assert_uint_eq(t_ats_tokens(si, tok), 2);
	t_token_time_serial(tok[0], T_ATS, 7000);
	t_token_time_serial(tok[1], T_ATS + 600, 1001);
	/* the first covers the X-Long signature, the second the signature with the first */
	t_token_parts(tok[0], imp1, imp1_len, _i != 2, _i != 1);
	t_token_parts(tok[1], imp2, imp2_len, 1, 1);
	ck_assert(!t_verify_token(tok[1], NULL, 0, imp1, imp1_len));
	PKCS7_free(tok[0]);
	PKCS7_free(tok[1]);
	CMS_ContentInfo_free(cms);
	/* the second must come later */
	uint8_t *der = NULL;
	size_t len = 0;
	o.ats2_time = T_ATS;
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	uy_free(xl);
	uy_free(one);
	uy_free(two);
}
END_TEST

/* The token in signed attribute nid of si (a content-time-stamp). */
static PKCS7 *
t_signed_token(CMS_SignerInfo *si, int nid)
{
	int idx = CMS_signed_get_attr_by_NID(si, nid, -1);
	ck_assert_int_ge(idx, 0);
	ck_assert_int_lt(CMS_signed_get_attr_by_NID(si, nid, idx), 0); /* exactly one */
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_signed_get_attr(si, idx), &v, &vlen);
	const unsigned char *q = v;
	PKCS7 *tok = d2i_PKCS7(NULL, &q, vlen);
	ck_assert_ptr_nonnull(tok);
	OPENSSL_free(v);
	return tok;
}

/* genTime and serial of a token. */
static void
t_token_time_serial(PKCS7 *tok, int64_t when, long serial)
{
	TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(tok);
	ck_assert_ptr_nonnull(info);
	ASN1_TIME *want = ASN1_TIME_set(NULL, (time_t)when);
	ck_assert_int_eq(ASN1_TIME_compare(TS_TST_INFO_get_time(info), want), 0);
	ck_assert_int_eq(ASN1_INTEGER_get(TS_TST_INFO_get_serial(info)), serial);
	ASN1_TIME_free(want);
	TS_TST_INFO_free(info);
}

/* The test's own .26 imprint (RFC 5126 §6.3.6): the contents of the Attribute SEQUENCEs .21
 * and .22 (attrType ‖ attrValues), without the signature value or the .14. */
static void
t_refs_ts_imprint(CMS_SignerInfo *si, uint8_t *dig, unsigned int *dlen)
{
	static const int nids[2] = { NID_id_smime_aa_ets_CertificateRefs,
		NID_id_smime_aa_ets_RevocationRefs };
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	ck_assert_int_eq(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	for (size_t i = 0; i < 2; i++) {
		int idx = CMS_unsigned_get_attr_by_NID(si, nids[i], -1);
		ck_assert_int_ge(idx, 0);
		unsigned char *der = NULL;
		int n = i2d_X509_ATTRIBUTE(CMS_unsigned_get_attr(si, idx), &der);
		ck_assert_int_gt(n, 0);
		cades_der e;
		t_elem(&e, der, (size_t)n, 0x30);
		ck_assert_uint_eq(e.hdr + e.len, (size_t)n);
		ck_assert_int_eq(EVP_DigestUpdate(ctx, der + e.hdr, e.len), 1);
		OPENSSL_free(der);
	}
	ck_assert_int_eq(EVP_DigestFinal_ex(ctx, dig, dlen), 1);
	EVP_MD_CTX_free(ctx);
}

/* *= type=test
 *= RFC 5126 §5.11.4; ETSI EN 319 122-1 §5.2.8
 *# content-time-stamp (.20): a signed attribute over the hash of the content, made before the
 *# signature; attached (_i 0), detached (_i 1), default genTime signing - 120 s (_i 2) */
START_TEST(content_time_stamp)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	int detached = _i == 1;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_T, detached, &tsa);
	o.content_timestamp = 1;
	o.content_ts_time = _i == 2 ? 0 : T_SIGNING - 500;
	t_make(&s, &o, &der, &len);
	/* the signature covers the token: CMS_verify checks the signed attributes */
	ck_assert(t_verify(der, len, detached, CMS_CADES));
	ck_assert_uint_eq(tsa.serial, 1002);
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_int_lt(CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_ets_contentTimestamp, -1),
	    0);
	PKCS7 *tok = t_signed_token(si, NID_id_smime_aa_ets_contentTimestamp);
	/* over the content bytes themselves (TS_VFY_DATA), and not over anything else */
	ck_assert(t_verify_token(tok, (const uint8_t *)t_content, strlen(t_content), NULL, 0));
	ck_assert(!t_verify_token(tok, (const uint8_t *)t_content, strlen(t_content) - 1, NULL, 0));
	/* made first: serial 1000, the signature-time-stamp 1001 */
	t_token_time_serial(tok, _i == 2 ? T_SIGNING - 120 : T_SIGNING - 500, 1000);
	PKCS7 *tst = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	t_token_time_serial(tst, T_TST, 1001);
	PKCS7_free(tst);
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);
	/* any level: a BES carries it too; without a TSA it is refused */
	t_tsa(&tsa);
	o = t_opts(UY_CADES_BES, detached, &tsa);
	o.content_timestamp = 1;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, detached, CMS_CADES));
	ck_assert_uint_eq(tsa.serial, 1001);
	uy_free(der);
	o.tsa = NULL;
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
}
END_TEST

/* *= type=test
 *= RFC 5126 §6.3.6
 *# time-stamped-certs-crls-refs (.26) over .21 ‖ .22; at X-Long (_i 0), at A (_i 1, the
 *# archive-time-stamp after it), with the CAdES-C time-stamp (_i 2), default genTime (_i 3) */
START_TEST(refs_time_stamp)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	uint8_t imprint[EVP_MAX_MD_SIZE];
	unsigned int ilen = 0;
	uint8_t lib[EVP_MAX_MD_SIZE];
	size_t lib_len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(_i == 1 ? UY_CADES_A : UY_CADES_XLONG, 0, &tsa);
	o.refs_timestamp = 1;
	o.refs_ts_time = _i == 3 ? 0 : T_CTS + 7;
	o.c_timestamp = _i == 2;
	o.c_ts_time = T_CTS;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 0, CMS_CADES));
	ck_assert_uint_eq(tsa.serial, _i == 0 || _i == 3 ? 1002 : 1003);
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	/* .14, .21-.24, .26, then .25 or the archive-time-stamp */
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), _i == 0 || _i == 3 ? 6 : 7);
	ck_assert_int_lt(CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_ets_certCRLTimestamp,
	    CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_ets_certCRLTimestamp, -1)), 0);
	PKCS7 *tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_ets_certCRLTimestamp));
	t_refs_ts_imprint(si, imprint, &ilen);
	ck_assert(t_verify_token(tok, NULL, 0, imprint, ilen));
	/* the public helper computes the same imprint, and it is not the CAdES-C one */
	ck_assert_int_eq(uy_cades_refs_ts_digest(lib, &lib_len, (uy_span){ der, len },
	    EVP_sha256()), UY_OK);
	ck_assert_uint_eq(lib_len, ilen);
	ck_assert_int_eq(memcmp(lib, imprint, ilen), 0);
	ck_assert_int_eq(uy_cades_c_ts_digest(lib, &lib_len, (uy_span){ der, len }, EVP_sha256()),
	    UY_OK);
	ck_assert_int_ne(memcmp(lib, imprint, ilen), 0);
	imprint[ilen - 1] ^= 1;
	ck_assert(!t_verify_token(tok, NULL, 0, imprint, ilen));
	t_token_time_serial(tok, _i == 3 ? T_SIGNING + 300 : T_CTS + 7, _i == 2 ? 1002 : 1001);
	if (_i == 2) {
		PKCS7 *cts = t_token(si, OBJ_nid2obj(NID_id_smime_aa_ets_escTimeStamp));
		t_c_ts_imprint(si, imprint, &ilen);
		ck_assert(t_verify_token(cts, NULL, 0, imprint, ilen));
		PKCS7_free(cts);
	}
	PKCS7_free(tok);
	CMS_ContentInfo_free(cms);
	uy_free(der);
	/* below X-Long the option is refused; a signature without refs has no .26 imprint */
	o = t_opts(UY_CADES_T, 0, &tsa);
	o.refs_timestamp = 1;
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	o = t_opts(UY_CADES_T, 0, &tsa);
	t_make(&s, &o, &der, &len);
	ck_assert_int_eq(uy_cades_refs_ts_digest(lib, &lib_len, (uy_span){ der, len },
	    EVP_sha256()), UY_ERR_SYNTAX);
	ck_assert_uint_eq(lib_len, 0);
	uy_free(der);
}
END_TEST

/* *= type=test
 *= signatures-and-certificates.md §8 (TSA1); RFC 5126 §5.11.4, §6.3.6
 *# the content-time-stamp (_i 0) or the time-stamped-certs-crls-refs (_i 1) imprint corrupt:
 *# that token's imprint is the right one with its first octet flipped, its signature and
 *# every other token stay good, and the CMS signature still verifies */
START_TEST(new_token_imprint_defects)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	uint8_t imprint[EVP_MAX_MD_SIZE];
	unsigned int ilen = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	o.content_timestamp = 1;
	o.refs_timestamp = 1;
	o.defects = _i == 0 ? UY_CADES_DEFECT_CONTENT_TS_IMPRINT : UY_CADES_DEFECT_REFS_TS_IMPRINT;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 0, CMS_CADES));
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	PKCS7 *cnt = t_signed_token(si, NID_id_smime_aa_ets_contentTimestamp);
	PKCS7 *tst = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
	PKCS7 *rts = t_token(si, OBJ_nid2obj(NID_id_smime_aa_ets_certCRLTimestamp));

	ck_assert_int_eq(EVP_Digest(t_content, strlen(t_content), imprint, &ilen, EVP_sha256(),
	    NULL), 1);
	t_token_parts(cnt, imprint, ilen, _i != 0, 1);
	imprint[0] ^= 0x01;
	t_token_parts(cnt, imprint, ilen, _i == 0, 1);
	ck_assert_int_eq(EVP_Digest(ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig),
	    imprint, &ilen, EVP_sha256(), NULL), 1);
	t_token_parts(tst, imprint, ilen, 1, 1);
	t_refs_ts_imprint(si, imprint, &ilen);
	t_token_parts(rts, imprint, ilen, _i != 1, 1);
	imprint[0] ^= 0x01;
	t_token_parts(rts, imprint, ilen, _i == 1, 1);
	PKCS7_free(cnt);
	PKCS7_free(tst);
	PKCS7_free(rts);
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* *= type=test
 *= RFC 5652 §5.1; signatures-and-certificates.md §8 family G (parallel)
 *# a second SignerInfo over the same content; both verify with CMS_verify, each has its own
 *# signature-time-stamp; a broken second signature fails CMS_verify */
START_TEST(parallel_signers)
{
	uy_signer s1, s2;
	uy_tsa tsa;
	uint8_t *d1 = NULL, *d2 = NULL;
	size_t l1 = 0, l2 = 0;
	int detached = _i;

	t_signer(&s1, UY_SIG_RSA_PKCS1);
	t_signer(&s2, UY_SIG_ECDSA);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, detached, &tsa);
	t_make(&s1, &o, &d1, &l1);
	ck_assert_int_eq(uy_cades_cosign(&d2, &l2, (uy_span){ d1, l1 }, &s2, t_span(),
	    UY_CADES_PARALLEL, &o), UY_OK);
	CMS_ContentInfo *cms = t_parse(d2, l2);
	ck_assert_int_eq(sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms)), 2);
	/* the root is in certificates once, with both signers */
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	ck_assert_int_eq(sk_X509_num(certs), 3);
	sk_X509_pop_free(certs, X509_free);
	X509_STORE *st = t_store();
	BIO *dc = detached ? BIO_new_mem_buf(t_content, (int)strlen(t_content)) : NULL;
	ck_assert_int_eq(CMS_verify(cms, NULL, st, dc, NULL,
	    CMS_BINARY | CMS_CADES), 1); /* every SignerInfo, and both paths at T_VALIDATE */
	STACK_OF(X509) *signers = CMS_get0_signers(cms);
	ck_assert_int_eq(sk_X509_num(signers), 2);
	ck_assert_int_ne(X509_cmp(sk_X509_value(signers, 0), sk_X509_value(signers, 1)), 0);
	sk_X509_free(signers);
	for (int i = 0; i < 2; i++) {
		CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), i);
		ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
		PKCS7 *tok = t_token(si, OBJ_nid2obj(NID_id_smime_aa_timeStampToken));
		ck_assert(t_verify_token(tok, ASN1_STRING_get0_data(sig),
		    (size_t)ASN1_STRING_length(sig), NULL, 0));
		ck_assert_int_eq(CMS_unsigned_get_attr_count(si), 5);
		PKCS7_free(tok);
	}
	ERR_clear_error();
	BIO_free(dc);
	X509_STORE_free(st);
	CMS_ContentInfo_free(cms);
	uy_free(d2);
	/* a broken second signature: CMS_verify fails */
	o.defects = UY_CADES_DEFECT_SIGNATURE;
	ck_assert_int_eq(uy_cades_cosign(&d2, &l2, (uy_span){ d1, l1 }, &s2, t_span(),
	    UY_CADES_PARALLEL, &o), UY_OK);
	cms = t_parse(d2, l2);
	st = t_store();
	dc = detached ? BIO_new_mem_buf(t_content, (int)strlen(t_content)) : NULL;
	ck_assert_int_eq(CMS_verify(cms, NULL, st, dc, NULL, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY),
	    0);
	ERR_clear_error();
	BIO_free(dc);
	X509_STORE_free(st);
	CMS_ContentInfo_free(cms);
	uy_free(d2);
	/* refused: an archive-time-stamp level, and input that is not a SignedData */
	o.defects = 0;
	o.level = UY_CADES_A;
	ck_assert_int_eq(uy_cades_cosign(&d2, &l2, (uy_span){ d1, l1 }, &s2, t_span(),
	    UY_CADES_PARALLEL, &o), UY_ERR_USAGE);
	o.level = UY_CADES_XLONG;
	ck_assert_int_eq(uy_cades_cosign(&d2, &l2, (uy_span){ d1, l1 - 1 }, &s2, t_span(),
	    UY_CADES_PARALLEL, &o), UY_ERR_SYNTAX);
	ck_assert_ptr_null(d2);
	uy_free(d1);
}
END_TEST

/* *= type=test
 *= RFC 5652 §11.4; signatures-and-certificates.md §8 family G (serial)
 *# a countersignature over the first signature value: no content-type, message-digest =
 *# H(signature octets), its signature verifies with EVP_DigestVerify over the DER SET OF the
 *# signed attributes; the outer signature still verifies */
START_TEST(countersignature)
{
	static const uint8_t content_type_oid[] = { 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D,
		0x01, 0x09, 0x03 };
	uy_signer s1, s2;
	uy_tsa tsa;
	uint8_t *d1 = NULL, *d2 = NULL;
	size_t l1 = 0, l2 = 0;

	t_signer(&s1, UY_SIG_ECDSA);
	t_signer(&s2, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_T, 0, &tsa);
	t_make(&s1, &o, &d1, &l1);
	ck_assert_int_eq(uy_cades_cosign(&d2, &l2, (uy_span){ d1, l1 }, &s2, (uy_span){ NULL, 0 },
	    UY_CADES_COUNTER, &o), UY_OK);
	ck_assert(t_verify(d2, l2, 0, CMS_CADES));
	CMS_ContentInfo *cms = t_parse(d2, l2);
	ck_assert_int_eq(sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms)), 1);
	CMS_SignerInfo *first = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OCTET_STRING *fsig = CMS_SignerInfo_get0_signature(first);
	int idx = CMS_unsigned_get_attr_by_NID(first, NID_pkcs9_countersignature, -1);
	ck_assert_int_ge(idx, 0);
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_unsigned_get_attr(first, idx), &v, &vlen);
	/* SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm,
	 * signature, [1] unsignedAttrs */
	cades_der si, e, attrs, sig;
	t_elem(&si, v, (size_t)vlen, 0x30);
	const uint8_t *p = v + si.hdr;
	const uint8_t *end = p + si.len;
	t_elem(&e, p, (size_t)(end - p), 0x02);
	p += e.hdr + e.len;
	t_elem(&e, p, (size_t)(end - p), 0x30); /* issuerAndSerialNumber */
	p += e.hdr + e.len;
	t_elem(&e, p, (size_t)(end - p), 0x30);
	p += e.hdr + e.len;
	t_elem(&attrs, p, (size_t)(end - p), 0xA0);
	p += attrs.hdr + attrs.len;
	t_elem(&e, p, (size_t)(end - p), 0x30);
	p += e.hdr + e.len;
	t_elem(&sig, p, (size_t)(end - p), 0x04);
	p += sig.hdr + sig.len;
	t_elem(&e, p, (size_t)(end - p), 0xA1); /* its own signature-time-stamp */
	/* the signed attributes as signed: SET OF (RFC 5652 §5.4) */
	uint8_t *set = uy_alloc(attrs.hdr + attrs.len);
	memcpy(set, attrs.ptr, attrs.hdr + attrs.len);
	set[0] = 0x31;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ck_assert_int_eq(EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL,
	    X509_get0_pubkey(pki.rsa_cert)), 1);
	ck_assert_int_eq(EVP_DigestVerify(ctx, sig.ptr + sig.hdr, sig.len, set,
	    attrs.hdr + attrs.len), 1);
	EVP_MD_CTX_free(ctx);
	/* message-digest over the contents octets of the first signature; no content-type */
	uint8_t dig[32];
	ck_assert_int_eq(EVP_Digest(ASN1_STRING_get0_data(fsig), (size_t)ASN1_STRING_length(fsig),
	    dig, NULL, EVP_sha256(), NULL), 1);
	int found = 0, ct = 0;
	for (size_t i = 0; i + sizeof(dig) <= attrs.len; i++) {
		found |= memcmp(set + attrs.hdr + i, dig, sizeof(dig)) == 0;
		ct |= i + sizeof(content_type_oid) <= attrs.len &&
		    memcmp(set + attrs.hdr + i, content_type_oid, sizeof(content_type_oid)) == 0;
	}
	ck_assert(found);
	ck_assert(!ct);
	uy_free(set);
	OPENSSL_free(v);
	CMS_ContentInfo_free(cms);
	uy_free(d2);
	uy_free(d1);
}
END_TEST

START_TEST(archive_time_stamp_v2)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *xl = NULL, *a = NULL;
	size_t xl_len = 0, a_len = 0;
	int detached = _i;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, detached, &tsa);
	t_make(&s, &o, &xl, &xl_len);
	t_tsa(&tsa);
	o.level = UY_CADES_A;
	t_make(&s, &o, &a, &a_len);
	/* the ATS is the only difference: the X-Long signature is the A's prefix state */
	uint8_t imprint[EVP_MAX_MD_SIZE];
	size_t ilen = 0;
	uy_span ext = { NULL, 0 };
	if (detached) {
		ext = t_span();
	}
	ck_assert_int_eq(uy_cades_ats_v2_digest(imprint, &ilen, (uy_span){ xl, xl_len }, ext,
	    EVP_sha256()), UY_OK);
	CMS_ContentInfo *cms = t_parse(a, a_len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OBJECT *ats = OBJ_txt2obj("1.2.840.113549.1.9.16.2.48", 1);
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), 6);
	PKCS7 *tok = t_token(si, ats);
	ck_assert(t_verify_token(tok, NULL, 0, imprint, ilen));
	imprint[0] ^= 1;
	ck_assert(!t_verify_token(tok, NULL, 0, imprint, ilen));
	TS_TST_INFO *info = PKCS7_to_TS_TST_INFO(tok);
	ASN1_TIME *want = ASN1_TIME_set(NULL, T_ATS);
	ck_assert_int_eq(ASN1_TIME_compare(TS_TST_INFO_get_time(info), want), 0);
	ASN1_TIME_free(want);
	TS_TST_INFO_free(info);
	PKCS7_free(tok);
	ASN1_OBJECT_free(ats);
	CMS_ContentInfo_free(cms);
	uy_free(xl);
	uy_free(a);
}
END_TEST

START_TEST(archive_time_stamp_v3)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *a = NULL;
	size_t a_len = 0;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_A, 0, &tsa);
	o.ats_version = 3;
	t_make(&s, &o, &a, &a_len);
	CMS_ContentInfo *cms = t_parse(a, a_len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OBJECT *ats = OBJ_txt2obj("0.4.0.1733.2.4", 1);
	ASN1_OBJECT *idx = OBJ_txt2obj("0.4.0.19122.1.5", 1);
	PKCS7 *tok = t_token(si, ats);
	/* the token's SignerInfo carries exactly one ats-hash-index-v3; the unsigned
	 * attribute does not break the token's signature */
	unsigned char *tder = NULL;
	int tlen = i2d_PKCS7(tok, &tder);
	CMS_ContentInfo *tcms = t_parse(tder, (size_t)tlen);
	CMS_SignerInfo *tsi = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(tcms), 0);
	ck_assert_int_eq(CMS_unsigned_get_attr_count(tsi), 1);
	ck_assert_int_ge(CMS_unsigned_get_attr_by_OBJ(tsi, idx, -1), 0);
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_unsigned_get_attr(tsi, 0), &v, &vlen);
	/* ATSHashIndexV3 with the DEFAULT sha256 omitted: three SEQUENCE OF OCTET STRING
	 * (walked by hand: the OPTIONAL AlgorithmIdentifier shares their tag, which
	 * OpenSSL's template decoder cannot tell apart) */
	static const int want_counts[3] = { 2, 0, 5 }; /* signer + root; no CRLs; .14, .21-.24 */
	cades_der hi, list;
	t_elem(&hi, v, (size_t)vlen, 0x30);
	const uint8_t *hp = hi.ptr + hi.hdr;
	const uint8_t *hend = hp + hi.len;
	for (int k = 0; k < 3; k++) {
		t_elem(&list, hp, (size_t)(hend - hp), 0x30);
		int count = 0;
		const uint8_t *lp = list.ptr + list.hdr;
		const uint8_t *lend = lp + list.len;
		while (lp < lend) {
			cades_der h;
			t_elem(&h, lp, (size_t)(lend - lp), 0x04);
			ck_assert_uint_eq(h.len, 32);
			lp += h.hdr + h.len;
			count++;
		}
		ck_assert_int_eq(count, want_counts[k]);
		hp += list.hdr + list.len;
	}
	ck_assert_ptr_eq(hp, hend);
	/* *= ETSI EN 319 122-1 §5.5.2
	 *= type=test
	 *# the message imprint ... eContentType ‖ hash of the signed data ‖ version, sid,
	 *# digestAlgorithm, signedAttrs, signatureAlgorithm, signature ‖ ATSHashIndexV3
	 * The SignerInfo fields up to signature are the same in the final signature. */
	cades_sd_parts parts;
	ck_assert_int_eq(uy_cades__sd_parts(&parts, a, a_len), UY_OK);
	EVP_MD_CTX *mc = EVP_MD_CTX_new();
	unsigned char ch[EVP_MAX_MD_SIZE], imprint[EVP_MAX_MD_SIZE];
	unsigned int chlen = 0, ilen = 0;
	ck_assert_int_eq(EVP_Digest(t_content, strlen(t_content), ch, &chlen, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(EVP_DigestInit_ex(mc, EVP_sha256(), NULL), 1);
	EVP_DigestUpdate(mc, parts.econtent_type.ptr,
	    parts.econtent_type.hdr + parts.econtent_type.len);
	EVP_DigestUpdate(mc, ch, chlen);
	ck_assert_uint_eq(parts.si_field_count, 7);
	for (size_t k = 0; k < 6; k++) {
		EVP_DigestUpdate(mc, parts.si_fields[k].ptr,
		    parts.si_fields[k].hdr + parts.si_fields[k].len);
	}
	EVP_DigestUpdate(mc, v, (size_t)vlen);
	ck_assert_int_eq(EVP_DigestFinal_ex(mc, imprint, &ilen), 1);
	EVP_MD_CTX_free(mc);
	ck_assert(t_verify_token(tok, NULL, 0, imprint, ilen));
	OPENSSL_free(v);
	CMS_ContentInfo_free(tcms);
	OPENSSL_free(tder);
	PKCS7_free(tok);
	ASN1_OBJECT_free(ats);
	ASN1_OBJECT_free(idx);
	CMS_ContentInfo_free(cms);
	uy_free(a);
}
END_TEST

/* ---- defects: what they break (spec §8) --------------------------------- */

typedef struct {
	const char *id;
	unsigned defects;
	int before;
	int cms_ok;   /* CMS_verify without CMS_CADES */
	int cades_ok; /* CMS_verify with CMS_CADES (ESS check) */
} t_defect;

static const t_defect t_defects[] = {
	{ "cades::defect::message-digest", UY_CADES_DEFECT_MESSAGE_DIGEST, 0, 0, 0 },
	{ "cades::defect::message-digest-signed", UY_CADES_DEFECT_MESSAGE_DIGEST, 1, 0, 0 },
	{ "cades::defect::signature", UY_CADES_DEFECT_SIGNATURE, 0, 0, 0 },
	{ "cades::defect::ess-hash", UY_CADES_DEFECT_ESS_HASH, 0, 0, 0 },
	{ "cades::defect::ess-hash-signed", UY_CADES_DEFECT_ESS_HASH, 1, 1, 0 },
	{ "cades::defect::none", 0, 0, 1, 1 },
};

START_TEST(defects_break)
{
	const t_defect *d = &t_defects[_i];
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;

	for (int det = 0; det <= 1; det++) {
		t_signer(&s, _i % 2 ? UY_SIG_ECDSA : UY_SIG_RSA_PKCS1);
		t_tsa(&tsa);
		uy_cades_options o = t_opts(UY_CADES_T, det, &tsa);
		o.defects = d->defects;
		o.defects_before_signing = d->before;
		t_make(&s, &o, &der, &len);
		ck_assert_msg(t_verify(der, len, det, 0) == d->cms_ok, "%s (detached %d): CMS", d->id,
		    det);
		ck_assert_msg(t_verify(der, len, det, CMS_CADES) == d->cades_ok, "%s (detached %d): "
		    "CAdES", d->id, det);
		uy_free(der);
	}
}
END_TEST

/* Profile defects verify in CMS (spec §6 pitfall 1) but carry what the scenario needs. */
START_TEST(profile_knobs)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	static const uint8_t bad_hash[32] = { 1, 2, 3 };

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 1, &tsa);
	o.policy_oid = "2.16.792.1.61.0.1.5070.3.3.2";
	o.policy_hash = bad_hash;
	o.policy_hash_len = sizeof(bad_hash);
	o.user_notice = "P4 bilgilendirmesi";
	o.has_signing_time = 0;
	o.ess_version = 1;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 1, CMS_CADES));
	CMS_ContentInfo *cms = t_parse(der, len);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_int_lt(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), 0);
	ck_assert_int_lt(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1), 0);
	ck_assert_int_ge(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificate, -1), 0);
	unsigned char *v = NULL;
	int vlen = 0;
	t_attr_value(CMS_signed_get_attr(si, CMS_signed_get_attr_by_NID(si,
	    NID_id_smime_aa_ets_sigPolicyId, -1)), &v, &vlen);
	const unsigned char *q = v;
	UY_SIG_POLICY_ID *sp = d2i_UY_SIG_POLICY_ID(NULL, &q, vlen);
	ck_assert_ptr_nonnull(sp);
	char oid[64];
	OBJ_obj2txt(oid, sizeof(oid), sp->id, 1);
	ck_assert_str_eq(oid, "2.16.792.1.61.0.1.5070.3.3.2");
	ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(sp->hash->value), bad_hash, 32), 0);
	ck_assert_int_eq(sk_UY_SPQ_INFO_num(sp->qualifiers), 1);
	UY_SPQ_INFO *qi = sk_UY_SPQ_INFO_value(sp->qualifiers, 0);
	ck_assert_int_eq(OBJ_obj2nid(qi->id), NID_id_smime_spq_ets_sqt_unotice);
	USERNOTICE *un = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(USERNOTICE), qi->qualifier);
	ck_assert_ptr_nonnull(un);
	ck_assert_int_eq(ASN1_STRING_length(un->exptext), (int)strlen("P4 bilgilendirmesi"));
	USERNOTICE_free(un);
	UY_SIG_POLICY_ID_free(sp);
	OPENSSL_free(v);
	CMS_ContentInfo_free(cms);
	uy_free(der);

	/* signing-time 3 h before the time-stamp: both times are the caller's */
	t_tsa(&tsa);
	o = t_opts(UY_CADES_T, 0, &tsa);
	o.tst_time = T_SIGNING + 3 * 3600;
	t_make(&s, &o, &der, &len);
	ck_assert(t_verify(der, len, 0, CMS_CADES));
	uy_free(der);
}
END_TEST

/* ---- determinism and usage ------------------------------------------------ */

START_TEST(rsa_byte_identical)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	unsigned ver = _i == 0 ? 2 : 3;

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_A, 0, &tsa);
	o.ats_version = ver;
	t_make(&s, &o, &a, &alen);
	t_tsa(&tsa);
	t_make(&s, &o, &b, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_int_eq(memcmp(a, b, alen), 0);
	uy_free(a);
	uy_free(b);
}
END_TEST

START_TEST(usage_errors)
{
	uy_signer s;
	uint8_t *der = (uint8_t *)"x";
	size_t len = 1;

	/* the key must match the certificate and the scheme */
	ck_assert_int_eq(uy_signer_init_pkey(&s, pki.rsa_cert, NULL, pki.ec_key, UY_SIG_ECDSA),
	    UY_ERR_CRYPTO);
	ck_assert_int_eq(uy_signer_init_pkey(&s, pki.ec_cert, NULL, pki.ec_key, UY_SIG_RSA_PSS),
	    UY_ERR_CRYPTO);
	t_signer(&s, UY_SIG_RSA_PKCS1);
	uy_cades_options o = t_opts(UY_CADES_T, 0, NULL); /* T without a TSA */
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	ck_assert_uint_eq(len, 0);
	o = t_opts(UY_CADES_EPES, 0, NULL);
	o.policy = UY_CADES_POLICY_NONE; /* EPES without a policy */
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_USAGE);
	/* a TSA certificate without the timeStamping EKU is refused */
	uy_tsa tsa;
	t_tsa(&tsa);
	tsa.cert = pki.rsa_cert;
	tsa.key = pki.rsa_key;
	uint8_t dig[32] = { 0 };
	uy_error_clear();
	ck_assert_int_eq(uy_tsa_stamp(&der, &len, &tsa, EVP_sha256(), dig, 32, T_TST),
	    UY_ERR_CRYPTO);
	ck_assert_ptr_null(der);
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "TSA certificate refused"));
	ck_assert_int_eq(ERR_peek_error(), 0); /* the OpenSSL queue was drained */
}
END_TEST

/* Malformed caller inputs: a certificate that is not DER, a truncated CMS. */
START_TEST(malformed_inputs)
{
	uy_signer s;
	uy_tsa tsa;
	uint8_t *der = NULL;
	size_t len = 0;
	static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };

	t_signer(&s, UY_SIG_RSA_PKCS1);
	t_tsa(&tsa);
	uy_cades_options o = t_opts(UY_CADES_XLONG, 0, &tsa);
	uy_span bad[1] = { { junk, sizeof(junk) } };
	o.ref_certs = bad;
	o.ref_cert_count = 1;
	ck_assert_int_eq(uy_cades_make(&der, &len, &s, t_span(), &o), UY_ERR_CRYPTO);
	ck_assert_ptr_null(der);
	ck_assert_uint_eq(len, 0);

	/* the ATS v2 digest of a cut signature: every length is checked */
	t_tsa(&tsa);
	o = t_opts(UY_CADES_T, 0, &tsa);
	t_make(&s, &o, &der, &len);
	uint8_t imprint[EVP_MAX_MD_SIZE];
	size_t ilen = 0;
	ck_assert_int_eq(uy_cades_ats_v2_digest(imprint, &ilen, (uy_span){ der, len },
	    (uy_span){ NULL, 0 }, EVP_sha256()), UY_OK);
	for (size_t cut = 1; cut < len; cut += 97) {
		ck_assert_int_eq(uy_cades_ats_v2_digest(imprint, &ilen, (uy_span){ der, len - cut },
		    (uy_span){ NULL, 0 }, EVP_sha256()), UY_ERR_SYNTAX);
		ck_assert_uint_eq(ilen, 0);
	}
	uy_free(der);
}
END_TEST

static Suite *
uy_cades_suite(void)
{
	Suite *s = suite_create("cades");
	TCase *tc = tcase_create("happy");
	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, levels_verify, 0, (int)(sizeof(t_rows) / sizeof(t_rows[0])));
	tcase_add_test(tc, p4_xlong_attributes);
	tcase_add_loop_test(tc, xlong_entry_defects, 0, (int)(sizeof(t_xl_rows) / sizeof(t_xl_rows[0])));
	tcase_add_test(tc, xlong_entry_usage_errors);
	tcase_add_test(tc, signature_time_stamp);
	tcase_add_loop_test(tc, archive_time_stamp_v2, 0, 2);
	tcase_add_test(tc, archive_time_stamp_v3);
	tcase_add_loop_test(tc, archive_time_stamp_options, 0, 2);
	tcase_add_loop_test(tc, cades_c_time_stamp, 0, 2);
	tcase_add_loop_test(tc, content_time_stamp, 0, 3);
	tcase_add_loop_test(tc, refs_time_stamp, 0, 4);
	tcase_add_loop_test(tc, parallel_signers, 0, 2);
	tcase_add_test(tc, countersignature);
	tcase_add_loop_test(tc, rsa_byte_identical, 0, 2);
	tcase_add_loop_test(tc, sha1_signature, 0, 2);
	suite_add_tcase(s, tc);
	tc = tcase_create("defects");
	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, defects_break, 0, (int)(sizeof(t_defects) / sizeof(t_defects[0])));
	tcase_add_loop_test(tc, token_defects, 0, 3);
	tcase_add_loop_test(tc, two_archive_time_stamps, 0, 3);
	tcase_add_loop_test(tc, new_token_imprint_defects, 0, 2);
	tcase_add_test(tc, profile_knobs);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, malformed_inputs);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_cades_suite)
