/*
 * check_tst.c - unit tests of RFC 3161 time-stamp token validation
 * (src/cades/tst.c, uy_tst.h), table-driven over the committed corpus
 * (vectors/corpus/cades, vectors/corpus/manifest.xml) and test PKI
 * (vectors/pki/out, vectors/pki/pki.xml). Tokens are taken from the first
 * SignerInfo of each .p7s with OpenSSL: the signature-time-stamp
 * (1.2.840.113549.1.9.16.2.14, imprint = hash of the signature value octets,
 * RFC 5126 §6.1.1) or the CAdES-C time-stamp (.2.25, whose imprint is
 * uy_ltv's job: an accepting callback is used). Times: validation time
 * 2027-06-01T12:00:00Z, signing time 2027-03-01T10:00:00Z, signature-time-
 * stamp +60 s, CAdES-C time-stamp +300 s.
 */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uyum.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_tst.h"

#define T_VAL INT64_C(1811851200)	/* 2027-06-01T12:00:00Z */
#define T_SIGN INT64_C(1803895200)	/* 2027-03-01T10:00:00Z */
#define POLICY_KAMUSM "2.16.792.1.2.1.1.5.7.3.1"
#define MAX_NAMES 8

/* ------------------------------------------------------------------ */
/* Helpers. */

/* Path inputs of one case: CA revocation by CRL, reference time T. */
typedef struct {
	X509 *anchors[MAX_NAMES];
	X509 *untrusted[MAX_NAMES];
	uy_span crls[MAX_NAMES];
	uy_path_inputs path;
	uy_tst_inputs in;
} loaded;

static void
load_inputs(loaded *l, const char *anchors, const char *untrusted, const char *crls,
            unsigned flags)
{
	memset(l, 0, sizeof(*l));
	l->path.version = UY_PATH_INPUTS_VERSION;
	l->path.anchor_count = uy_test_pki_certs(l->anchors, MAX_NAMES, anchors);
	l->path.untrusted_count = uy_test_pki_certs(l->untrusted, MAX_NAMES, untrusted);
	l->path.crl_count = uy_test_pki_ders(l->crls, MAX_NAMES, crls, ".crl.der");
	l->path.anchors = l->anchors;
	l->path.untrusted = l->untrusted;
	l->path.crls = l->crls;
	l->path.reference_time = T_VAL;
	l->path.best_signature_time = T_VAL;	/* uy_tst_validate() sets its own */
	l->path.ee_revocation = UY_PATH_REV_CRL;
	l->path.ca_revocation = UY_PATH_REV_CRL;
	l->path.flags = flags;
	l->in.version = UY_TST_INPUTS_VERSION;
	l->in.path = &l->path;
}

static void
free_inputs(loaded *l)
{
	for (size_t i = 0; i < MAX_NAMES; i++) {
		X509_free(l->anchors[i]);
		X509_free(l->untrusted[i]);
		free((void *)l->crls[i].ptr);
	}
}

/* A token and the signature value it should cover. */
typedef struct {
	uint8_t *token;
	size_t token_len;
	uint8_t *sig;
	size_t sig_len;
	uint8_t *p7s;	/* the whole file */
	size_t p7s_len;
} extracted;

/* The first value of unsigned attribute nid of the first SignerInfo of file. */
static void
extract(extracted *x, const char *file, int nid)
{
	memset(x, 0, sizeof(*x));
	x->p7s = uy_test_cades_vector(file, &x->p7s_len);
	const unsigned char *p = x->p7s;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)x->p7s_len);
	ck_assert_msg(cms != NULL, "%s: not CMS", file);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ck_assert_ptr_nonnull(si);
	int pos = CMS_unsigned_get_attr_by_NID(si, nid, -1);
	ck_assert_msg(pos >= 0, "%s: no attribute %d", file, nid);
	X509_ATTRIBUTE *a = CMS_unsigned_get_attr(si, pos);
	ASN1_TYPE *v = X509_ATTRIBUTE_get0_type(a, 0);
	ck_assert_ptr_nonnull(v);
	unsigned char *der = NULL;
	int n = i2d_ASN1_TYPE(v, &der);
	ck_assert_int_gt(n, 0);
	x->token = malloc((size_t)n);
	ck_assert_ptr_nonnull(x->token);
	memcpy(x->token, der, (size_t)n);
	x->token_len = (size_t)n;
	OPENSSL_free(der);
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	x->sig_len = (size_t)ASN1_STRING_length(sig);
	x->sig = malloc(x->sig_len);
	ck_assert_ptr_nonnull(x->sig);
	memcpy(x->sig, ASN1_STRING_get0_data(sig), x->sig_len);
	CMS_ContentInfo_free(cms);
}

static void
free_extracted(extracted *x)
{
	free(x->token);
	free(x->sig);
	free(x->p7s);
}

/* What the imprint callback does. */
typedef enum { IMP_HASH = 0, IMP_ACCEPT, IMP_REJECT, IMP_ERROR } imp_mode;

typedef struct {
	imp_mode mode;
	const uint8_t *data;
	size_t len;
	int calls;
} imp_ctx;

static int
imprint_cb(void *vctx, const EVP_MD *md, const uint8_t *imprint, size_t imprint_len,
           const char **form)
{
	imp_ctx *c = vctx;
	c->calls++;
	switch (c->mode) {
	case IMP_ACCEPT:
		*form = "accepted";
		return 1;
	case IMP_REJECT:
		return 0;
	case IMP_ERROR:
		uy_error_set(UY_ERR_CRYPTO, __FILE__, __LINE__, "test callback fails");
		return -1;
	case IMP_HASH:
	default:
		break;
	}
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int hlen = 0;
	if (EVP_Digest(c->data, c->len, h, &hlen, md, NULL) != 1) {
		return -1;
	}
	if (hlen != imprint_len || memcmp(h, imprint, hlen) != 0) {
		return 0;
	}
	*form = "signature-value";
	return 1;
}

/* ------------------------------------------------------------------ */
/* Vectors. */

#define TST NID_id_smime_aa_timeStampToken		/* .2.14 */
#define CTS NID_id_smime_aa_ets_escTimeStamp		/* .2.25 */
#define PASS_ UY_IND_PASSED, UY_SUB_NONE
#define IND_(s) UY_IND_INDETERMINATE, UY_SUB_##s
#define FAIL_(s) UY_IND_FAILED, UY_SUB_##s
#define RSA_CRLS "tsa-ca-crl root-rsa-crl"

typedef struct {
	const char *id;		/* corpus file without .p7s */
	int nid;
	const char *anchors;
	const char *crls;
	unsigned flags;
	imp_mode mode;
	uy_indication ind;
	uy_subindication sub;
	int64_t gen_time;	/* expected genTime */
	int tsa_found;
	const char *tsa_cn;	/* in tsa_subject (RFC 2253, UTF-8 kept) */
} tst_case;

static const tst_case cases[] = {
	/* *= RFC 3161 §2.4.2
	 *= type=test
	 *# genTime is the time at which the time-stamp token has been created by the TSA. */
	{"p4-valid-attached", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH,
	 PASS_, T_SIGN + 60, 1, "Sunucusu"},
	{"p4-valid-detached", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH,
	 PASS_, T_SIGN + 60, 1, "Sunucusu"},
	{"p4-tst-imprint-corrupt", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, FAIL_(HASH_FAILURE), T_SIGN + 60, 1, "Sunucusu"},
	/* tools/cades flips the middle byte of the token's signature value. */
	{"p4-tst-signature-broken", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, FAIL_(SIG_CRYPTO_FAILURE), T_SIGN + 60, 1, "Sunucusu"},
	/* The valid token, but the callback says it covers something else. */
	{"p4-valid-attached", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_REJECT,
	 FAIL_(HASH_FAILURE), T_SIGN + 60, 1, "Sunucusu"},
	/* TSA3: expired 2027-01-01, before genTime. */
	{"p4-tsa-expired", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH,
	 FAIL_(EXPIRED), T_SIGN + 60, 1, "ı 3 ("},
	/* TSA4: the TSA certificate's own signature is broken. */
	{"p4-tsa-bad-signature", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH,
	 IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE), T_SIGN + 60, 1, "ı 4 ("},
	/* TSA5: revoked 2027-02-01 (before genTime) / 2027-04-01 (after). */
	{"p4-tsa-revoked-before", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, FAIL_(REVOKED), T_SIGN + 60, 1, "ı 5 (iptal"},
	{"p4-tsa-revoked-after", TST, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH,
	 PASS_, T_SIGN + 60, 1, "ı 6 (iptal"},
	/* TSB: root-forged trusted, its self-signature checked. */
	{"p4-tsa-under-forged-root", TST, "root-rsa root-forged", RSA_CRLS,
	 UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 T_SIGN + 60, 1, "ı B,"},
	/* TSC1-TSC3: the TSA under root-c, with its CRLs. */
	{"p4-tsc1-valid", TST, "root-rsa root-c", "root-c-crl", UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, PASS_, T_SIGN + 60, 1, "C1"},
	{"p4-tsc1-root-not-embedded", TST, "root-rsa", "root-c-crl", UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, IND_(NO_CERTIFICATE_CHAIN_FOUND), T_SIGN + 60, 1, "C1"},
	{"p4-tsc1-crl-not-embedded", TST, "root-rsa root-c", "", UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_HASH, IND_(TRY_LATER), T_SIGN + 60, 1, "C1"},
	{"p4-tsc2-crl-expired", TST, "root-rsa root-c", "root-c-crl-expired",
	 UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH, IND_(TRY_LATER), T_SIGN + 60, 1, "C1"},
	{"p4-tsc3-crl-bad-signature", TST, "root-rsa root-c", "root-c-crl-bad-signature",
	 UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_HASH, IND_(CERTIFICATE_CHAIN_GENERAL_FAILURE),
	 T_SIGN + 60, 1, "C1"},
	/* CAdES-C time-stamps (.25): the imprint is uy_ltv's; the token itself is judged. */
	{"p3a-c-ts-valid", CTS, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE, IMP_ACCEPT,
	 PASS_, T_SIGN + 300, 1, "Sunucusu"},
	{"p3a-c-ts-signature-broken", CTS, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_ACCEPT, FAIL_(SIG_CRYPTO_FAILURE), T_SIGN + 300, 1, "Sunucusu"},
	{"p3a-c-ts-tsa-revoked-before", CTS, "root-rsa", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_ACCEPT, FAIL_(REVOKED), T_SIGN + 300, 1, "ı 5 (iptal"},
	{"p3a-c-ts-tsc1-valid", CTS, "root-rsa root-c", "root-c-crl", UY_PATH_CHECK_ANCHOR_SIGNATURE,
	 IMP_ACCEPT, PASS_, T_SIGN + 300, 1, "C1"},
};

static void
check_verdict(const char *id, const uy_verdict *v, uy_indication ind, uy_subindication sub)
{
	ck_assert_msg(v->indication == ind && v->sub == sub,
	              "%s: got %s/%s (%s), want %s/%s", id, uy_indication_name(v->indication),
	              uy_subindication_name(v->sub), v->reason, uy_indication_name(ind),
	              uy_subindication_name(sub));
	if (ind == UY_IND_PASSED) {
		ck_assert_str_eq(v->reason, "");
	} else {
		ck_assert_msg(strncmp(v->reason, "time-stamp token: ", 18) == 0, "%s: reason '%s'", id,
		              v->reason);
		ck_assert_ptr_nonnull(v->clause);
	}
}

START_TEST(test_vectors)
{
	const tst_case *c = &cases[_i];
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;

	load_inputs(&l, c->anchors, "", c->crls, c->flags);
	extract(&x, c->id, c->nid);
	imp_ctx ic = {c->mode, x.sig, x.sig_len, 0};
	uy_err rc = uy_tst_validate(&v, &rep, (uy_span){x.token, x.token_len}, imprint_cb, &ic,
	                            &l.in);
	ck_assert_msg(rc == UY_OK, "%s: %s (%s)", c->id, uy_err_name(rc), uy_error_last());
	check_verdict(c->id, &v, c->ind, c->sub);
	ck_assert_int_eq(rep.parsed, 1);
	ck_assert_msg(rep.gen_time == c->gen_time, "%s: genTime %lld", c->id,
	              (long long)rep.gen_time);
	ck_assert_int_eq(rep.imprint_nid, NID_sha256);
	ck_assert_int_eq(ic.calls, 1);
	ck_assert_str_eq(rep.policy, POLICY_KAMUSM);
	ck_assert_uint_gt(strlen(rep.serial_hex), 0);
	ck_assert_uint_eq(strspn(rep.serial_hex, "0123456789ABCDEF"), strlen(rep.serial_hex));
	ck_assert_int_eq(rep.tsa_found, c->tsa_found);
	ck_assert_msg(strstr(rep.tsa_subject, c->tsa_cn) != NULL, "%s: TSA '%s'", c->id,
	              rep.tsa_subject);
	if (c->ind == UY_IND_PASSED) {
		ck_assert_str_eq(rep.imprint_form, c->mode == IMP_HASH ? "signature-value"
		                                                       : "accepted");
		ck_assert_uint_ge(rep.path.depth, 2);
		ck_assert_int_eq(rep.path.x509_error, X509_V_OK);
	}
	if (c->mode == IMP_REJECT) {
		ck_assert_str_eq(rep.imprint_form, "");
	}
	/* Certificates of the path that only the token held are not handed out. */
	for (size_t i = 0; i < rep.path.depth; i++) {
		X509 *pc = rep.path.certs[i].cert;
		int known = pc == NULL;
		for (size_t k = 0; !known && k < l.path.anchor_count; k++) {
			known = pc == l.anchors[k];
		}
		ck_assert_msg(known, "%s: certs[%zu].cert not borrowed from the inputs", c->id, i);
	}
	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

/* p4-tsa-revoked-after: PASSED with the path's note about the later revocation. */
START_TEST(test_revoked_after_note)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;

	load_inputs(&l, "root-rsa", "", RSA_CRLS, 0);
	extract(&x, "p4-tsa-revoked-after", TST);
	imp_ctx ic = {IMP_HASH, x.sig, x.sig_len, 0};
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){x.token, x.token_len}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("revoked-after", &v, PASS_);
	ck_assert_int_eq(rep.path.certs[0].revoked, 1);
	ck_assert_uint_gt(strlen(rep.path.note), 0);
	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* A token without its certificates: the TSA certificate from the caller. */

/* The token re-encoded without SignedData.certificates (not signed over). */
static uint8_t *
strip_certs(const uint8_t *tok, size_t len, size_t *out_len)
{
	const unsigned char *p = tok;
	PKCS7 *p7 = d2i_PKCS7(NULL, &p, (long)len);
	ck_assert_ptr_nonnull(p7);
	ck_assert(PKCS7_type_is_signed(p7));
	sk_X509_pop_free(p7->d.sign->cert, X509_free);
	p7->d.sign->cert = NULL;
	unsigned char *der = NULL;
	int n = i2d_PKCS7(p7, &der);
	ck_assert_int_gt(n, 0);
	uint8_t *copy = malloc((size_t)n);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, der, (size_t)n);
	OPENSSL_free(der);
	PKCS7_free(p7);
	*out_len = (size_t)n;
	return copy;
}

START_TEST(test_tsa_cert_from_caller)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;
	size_t n = 0;

	extract(&x, "p4-tsa-revoked-after", TST);
	uint8_t *bare = strip_certs(x.token, x.token_len, &n);
	ck_assert_uint_lt(n, x.token_len);
	imp_ctx ic = {IMP_HASH, x.sig, x.sig_len, 0};

	/* Nobody has the TSA certificate. */
	load_inputs(&l, "root-rsa", "tsa-ca", RSA_CRLS, 0);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){bare, n}, imprint_cb, &ic, &l.in),
	                 UY_OK);
	check_verdict("no-certs", &v, IND_(NO_SIGNING_CERTIFICATE_FOUND));
	ck_assert_int_eq(rep.parsed, 1);
	ck_assert_int_eq(rep.tsa_found, 0);
	ck_assert_uint_eq(rep.path.depth, 0);
	free_inputs(&l);

	/* The caller has it (and its CA): the full block runs on it. */
	load_inputs(&l, "root-rsa", "tsa-ca tsa-revoked-after", RSA_CRLS, 0);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){bare, n}, imprint_cb, &ic, &l.in),
	                 UY_OK);
	check_verdict("certs-from-caller", &v, PASS_);
	ck_assert_int_eq(rep.tsa_found, 1);
	ck_assert_uint_eq(rep.path.depth, 3);
	ck_assert_ptr_eq(rep.path.certs[0].cert, l.untrusted[1]);
	ck_assert_ptr_eq(rep.path.certs[1].cert, l.untrusted[0]);
	ck_assert_ptr_eq(rep.path.certs[2].cert, l.anchors[0]);
	free_inputs(&l);

	/* The wrong TSA certificate from the caller is not taken. */
	load_inputs(&l, "root-rsa", "tsa-ca tsa-revoked-before tsa", RSA_CRLS, 0);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){bare, n}, imprint_cb, &ic, &l.in),
	                 UY_OK);
	check_verdict("wrong-cert-from-caller", &v, IND_(NO_SIGNING_CERTIFICATE_FOUND));
	free_inputs(&l);

	/* The same token with its certificates: certs[0] (only in the token) is NULL, the
	 * CA, also given by the caller, is the caller's. */
	load_inputs(&l, "root-rsa", "tsa-ca", RSA_CRLS, 0);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){x.token, x.token_len}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("certs-in-token", &v, PASS_);
	ck_assert_uint_eq(rep.path.depth, 3);
	ck_assert_ptr_null(rep.path.certs[0].cert);
	ck_assert_ptr_eq(rep.path.certs[1].cert, l.untrusted[0]);
	ck_assert_ptr_eq(rep.path.certs[2].cert, l.anchors[0]);
	free_inputs(&l);

	free(bare);
	free_extracted(&x);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Malformed tokens. */

START_TEST(test_malformed)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;

	load_inputs(&l, "root-rsa", "", RSA_CRLS, 0);
	extract(&x, "p4-valid-attached", TST);
	imp_ctx ic = {IMP_HASH, x.sig, x.sig_len, 0};

	/* Truncated: every cut of the token. */
	for (size_t cut = 0; cut < x.token_len; cut += 97) {
		ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){x.token, cut}, imprint_cb, &ic,
		                                 &l.in),
		                 UY_OK);
		check_verdict("truncated", &v, FAIL_(FORMAT_FAILURE));
		ck_assert_int_eq(rep.parsed, 0);
	}
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){x.token, x.token_len - 1}, imprint_cb,
	                                 &ic, &l.in),
	                 UY_OK);
	check_verdict("truncated-1", &v, FAIL_(FORMAT_FAILURE));
	ck_assert_int_eq(ic.calls, 0);

	/* A trailing byte. */
	uint8_t *longer = malloc(x.token_len + 1);
	ck_assert_ptr_nonnull(longer);
	memcpy(longer, x.token, x.token_len);
	longer[x.token_len] = 0;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){longer, x.token_len + 1}, imprint_cb,
	                                 &ic, &l.in),
	                 UY_OK);
	check_verdict("trailing", &v, FAIL_(FORMAT_FAILURE));

	/* A non-minimal length in the outer header: BER, not DER. */
	ck_assert_uint_eq(x.token[1], 0x82);	/* 30 82 hh ll */
	uint8_t *ber = malloc(x.token_len + 1);
	ck_assert_ptr_nonnull(ber);
	ber[0] = 0x30;
	ber[1] = 0x83;
	ber[2] = 0x00;
	memcpy(ber + 3, x.token + 2, x.token_len - 2);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){ber, x.token_len + 1}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("ber-length", &v, FAIL_(FORMAT_FAILURE));

	/* Fields no signature covers (RFC 5652 §5.1, §5.3; RFC 5754 §2). The token starts
	 * 30 82 LL LL 06 09 <signedData> A0 82 LL LL 30 82 LL LL 02 01 03 31 0F 30 0D 06 09
	 * <sha256> 05 00 30 ...: SignedData version at 25, digestAlgorithms OID at 32. */
	ck_assert_uint_eq(x.token[25], 3);
	ck_assert_uint_eq(x.token[41], 0x05);
	static const struct {
		size_t off;
		uint8_t xor;
		const char *reason;
	} uncovered[] = {
		{25, 0x01, "SignedData version"},	/* 3 -> 2 */
		{25, 0x06, "SignedData version"},	/* 3 -> 5 */
		{40, 0x01, "digestAlgorithms"},		/* sha256 -> another OID */
		{41, 0x01, "digestAlgorithms"},		/* NULL -> empty OCTET STRING */
	};
	uint8_t *alt = malloc(x.token_len);
	ck_assert_ptr_nonnull(alt);
	for (size_t k = 0; k < sizeof(uncovered) / sizeof(uncovered[0]); k++) {
		memcpy(alt, x.token, x.token_len);
		alt[uncovered[k].off] ^= uncovered[k].xor;
		ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){alt, x.token_len}, imprint_cb,
		                                 &ic, &l.in),
		                 UY_OK);
		check_verdict(uncovered[k].reason, &v, FAIL_(FORMAT_FAILURE));
		ck_assert_msg(strstr(v.reason, uncovered[k].reason) != NULL, "%s", v.reason);
	}
	free(alt);

	/* A SignedData that is not a time-stamp: the .p7s itself. */
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){x.p7s, x.p7s_len}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("not-tstinfo", &v, FAIL_(FORMAT_FAILURE));
	ck_assert_msg(strstr(v.reason, "id-ct-TSTInfo") != NULL, "%s", v.reason);
	ck_assert_int_eq(rep.parsed, 0);

	/* Empty. */
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){NULL, 0}, imprint_cb, &ic, &l.in),
	                 UY_OK);
	check_verdict("empty", &v, FAIL_(FORMAT_FAILURE));

	/* A flipped byte inside the TSTInfo (genTime's year '2' -> '3'): message-digest fails. */
	uint8_t *flip = malloc(x.token_len);
	ck_assert_ptr_nonnull(flip);
	memcpy(flip, x.token, x.token_len);
	uint8_t *g = NULL;
	for (size_t i = 0; i + 17 < x.token_len; i++) {
		if (flip[i] == 0x18 && flip[i + 1] == 0x0f && memcmp(flip + i + 2, "2027", 4) == 0) {
			g = flip + i + 2;
			break;
		}
	}
	ck_assert_ptr_nonnull(g);
	g[0] = '3';
	ic.calls = 0;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){flip, x.token_len}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("tstinfo-altered", &v, FAIL_(HASH_FAILURE));
	ck_assert_int_eq(rep.parsed, 1);
	/* 2027-03-01 to 3027-03-01: 365000 days and 242 leap days. */
	ck_assert_int_eq(rep.gen_time, T_SIGN + 60 + INT64_C(365242) * 86400);
	/* An impossible genTime (month 13) is a format failure. */
	g[0] = '2';
	ck_assert_int_eq(g[4], '0');
	g[4] = '1';
	g[5] = '3';
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){flip, x.token_len}, imprint_cb, &ic,
	                                 &l.in),
	                 UY_OK);
	check_verdict("gentime-month-13", &v, FAIL_(FORMAT_FAILURE));
	ck_assert_int_eq(rep.parsed, 0);

	free(flip);
	free(ber);
	free(longer);
	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

static const char *const flip_files[] = {"p4-valid-attached", "p4-tsa-revoked-after"};

/* Every single-bit change of a valid token: a verdict (never an error or a crash), and never
 * PASSED, since every byte is covered by a signature, a hash or the path. */
START_TEST(test_bit_flips)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;

	load_inputs(&l, "root-rsa", "", RSA_CRLS, UY_PATH_CHECK_ANCHOR_SIGNATURE);
	extract(&x, flip_files[_i], TST);
	imp_ctx ic = {IMP_HASH, x.sig, x.sig_len, 0};
	uint8_t *t = malloc(x.token_len);
	ck_assert_ptr_nonnull(t);
	for (size_t i = 0; i < x.token_len; i++) {
		memcpy(t, x.token, x.token_len);
		t[i] ^= 0x01;
		uy_err rc = uy_tst_validate(&v, &rep, (uy_span){t, x.token_len}, imprint_cb, &ic,
		                            &l.in);
		ck_assert_msg(rc == UY_OK, "byte %zu: %s", i, uy_err_name(rc));
		ck_assert_msg(uy_verdict_is_failure(&v), "%s: byte %zu of %zu: still PASSED",
		              flip_files[_i], i, x.token_len);
	}
	free(t);
	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Errors and limits. */

START_TEST(test_errors)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;

	load_inputs(&l, "root-rsa", "", RSA_CRLS, 0);
	extract(&x, "p4-valid-attached", TST);
	uy_span tok = {x.token, x.token_len};

	/* The callback's harness error is an error, not a verdict. */
	imp_ctx ic = {IMP_ERROR, x.sig, x.sig_len, 0};
	uy_error_clear();
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_CRYPTO);
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	ck_assert_msg(strstr(uy_error_last(), "test callback fails") != NULL, "%s",
	              uy_error_last());

	/* Usage. */
	ic.mode = IMP_HASH;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, NULL, &ic, &l.in), UY_ERR_USAGE);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, NULL), UY_ERR_USAGE);
	ck_assert_int_eq(uy_tst_validate(NULL, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_USAGE);
	l.in.version = 2;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_USAGE);
	l.in.version = UY_TST_INPUTS_VERSION;
	l.in.path = NULL;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_USAGE);
	l.in.path = &l.path;
	l.path.untrusted = NULL;	/* a NULL array with a non-zero count */
	l.path.untrusted_count = 1;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_USAGE);
	l.path.untrusted = l.untrusted;
	l.path.untrusted_count = 0;

	/* details may be NULL. */
	ck_assert_int_eq(uy_tst_validate(&v, NULL, tok, imprint_cb, &ic, &l.in), UY_OK);
	check_verdict("no-details", &v, PASS_);

	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

START_TEST(test_limits)
{
	loaded l;
	extracted x;
	uy_verdict v;
	uy_tst_report rep;
	X509 *many[UY_PATH_MAX_INPUTS + 1];

	load_inputs(&l, "root-rsa", "tsa-ca", RSA_CRLS, 0);
	extract(&x, "p4-tsa-revoked-after", TST);	/* carries 2 certificates */
	uy_span tok = {x.token, x.token_len};
	imp_ctx ic = {IMP_HASH, x.sig, x.sig_len, 0};
	for (size_t i = 0; i <= UY_PATH_MAX_INPUTS; i++) {
		many[i] = l.untrusted[0];
	}

	/* Caller's + token's certificates at the cap, then one past it. */
	l.path.untrusted = many;
	l.path.untrusted_count = UY_PATH_MAX_INPUTS - 2;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_OK);
	check_verdict("untrusted-at-cap", &v, PASS_);
	l.path.untrusted_count = UY_PATH_MAX_INPUTS - 1;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_LIMIT);
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	l.path.untrusted_count = UY_PATH_MAX_INPUTS + 1;
	ck_assert_int_eq(uy_tst_validate(&v, &rep, tok, imprint_cb, &ic, &l.in), UY_ERR_LIMIT);
	l.path.untrusted = l.untrusted;
	l.path.untrusted_count = 1;

	/* Token size at the cap (a verdict), one past it (UY_ERR_LIMIT). */
	size_t cap = (size_t)UY_MAX_SIGNATURE_PART;
	uint8_t *big = calloc(cap + 1, 1);
	ck_assert_ptr_nonnull(big);
	memcpy(big, x.token, x.token_len);
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){big, cap}, imprint_cb, &ic, &l.in),
	                 UY_OK);
	check_verdict("size-at-cap", &v, FAIL_(FORMAT_FAILURE));
	ck_assert_int_eq(uy_tst_validate(&v, &rep, (uy_span){big, cap + 1}, imprint_cb, &ic, &l.in),
	                 UY_ERR_LIMIT);
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	free(big);

	free_extracted(&x);
	free_inputs(&l);
}
END_TEST

static Suite *
uy_tst_suite(void)
{
	Suite *s = suite_create("tst");
	TCase *tc = tcase_create("vectors");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_vectors, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_revoked_after_note);
	suite_add_tcase(s, tc);
	tc = tcase_create("happy");
	tcase_add_test(tc, test_tsa_cert_from_caller);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("malformed");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_malformed);
	tcase_add_loop_test(tc, test_bit_flips, 0,
	                    (int)(sizeof(flip_files) / sizeof(flip_files[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_limits);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_tst_suite)
