/*
 * check_ltv.c - unit tests of the long-term attribute bytes (src/cades/ltv.c,
 * uy_ltv.h) over the committed signed corpus (vectors/corpus/cades) and test
 * PKI (vectors/pki/out).
 *
 * Imprints are checked against the messageImprint of the real time-stamp
 * tokens, decoded with OpenSSL's TS API; the ES-X-L refs and values are
 * checked against a real path from uy_path_validate(), with the named
 * failure of every family I and J vector of the corpus (spec §8).
 * Times: validation 2027-06-01T12:00:00Z, signing 2027-03-01T10:00:00Z,
 * signature-time-stamp +60 s.
 */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uy_cades.h"
#include "uyum/uy_ltv.h"
#include "uyum/uy_path.h"

#define CONTENT UY_TEST_CORPUS_DIR "inputs/icerik.txt"
#define T_VAL INT64_C(1811851200)	/* 2027-06-01T12:00:00Z */
#define T_SIGN INT64_C(1803895200)	/* 2027-03-01T10:00:00Z */
#define MAX_IN 64

/* ------------------------------------------------------------------ */
/* Helpers. */

/* A corpus vector, read whole. */
typedef struct {
	uint8_t *der;
	size_t len;
} vec;

static vec
load_vec(const char *name)
{
	vec v;
	v.der = uy_test_cades_vector(name, &v.len);
	return v;
}

static uy_span
vspan(const vec *v)
{
	return (uy_span){v->der, v->len};
}

/* SignerInfo `index` of a vector; the signer struct is large, so on the heap. */
static uy_ltv_signer *
parse(const vec *v, size_t index)
{
	uy_ltv_signer *s = calloc(1, sizeof(*s));
	ck_assert_ptr_nonnull(s);
	uy_err rc = uy_ltv_parse_signer(s, vspan(v), index);
	ck_assert_msg(rc == UY_OK, "parse_signer: %s (%s)", uy_err_name(rc), uy_error_last());
	return s;
}

/* The index of the only unsigned attribute `nid` of s. */
static size_t
attr_index(const uy_ltv_signer *s, int nid)
{
	size_t found = s->unsigned_count;
	for (size_t i = 0; i < s->unsigned_count; i++) {
		if (s->unsigned_attrs[i].nid == nid) {
			ck_assert_msg(found == s->unsigned_count, "attribute %d twice", nid);
			found = i;
		}
	}
	ck_assert_msg(found < s->unsigned_count, "no unsigned attribute %s", OBJ_nid2sn(nid));
	return found;
}

/* messageImprint of a DER time-stamp token (ContentInfo), decoded by OpenSSL. */
static void
token_imprint(uy_span tok, uint8_t *out, size_t *out_len, const EVP_MD **md)
{
	const unsigned char *p = tok.ptr;
	PKCS7 *p7 = d2i_PKCS7(NULL, &p, (long)tok.len);
	ck_assert_ptr_nonnull(p7);
	TS_TST_INFO *tst = PKCS7_to_TS_TST_INFO(p7);
	ck_assert_ptr_nonnull(tst);
	TS_MSG_IMPRINT *mi = TS_TST_INFO_get_msg_imprint(tst);
	ASN1_OCTET_STRING *os = TS_MSG_IMPRINT_get_msg(mi);
	X509_ALGOR *alg = TS_MSG_IMPRINT_get_algo(mi);
	*md = EVP_get_digestbyobj(alg->algorithm);
	ck_assert_ptr_nonnull(*md);
	ck_assert_int_le(os->length, EVP_MAX_MD_SIZE);
	memcpy(out, os->data, (size_t)os->length);
	*out_len = (size_t)os->length;
	TS_TST_INFO_free(tst);
	PKCS7_free(p7);
}

static int
same(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	return an == bn && memcmp(a, b, an) == 0;
}

/* The bytes of span s lie inside span outer. */
static void
assert_within(uy_span s, uy_span outer)
{
	ck_assert_ptr_nonnull(s.ptr);
	ck_assert(s.ptr >= outer.ptr && s.ptr + s.len <= outer.ptr + outer.len);
}

/* ------------------------------------------------------------------ */
/* parse_signer. */

START_TEST(parse_signer_attached)
{
	vec v = load_vec("p4-valid-attached");
	uy_ltv_signer *s = parse(&v, 0);
	size_t clen = 0;
	uint8_t *content = uy_test_read_file(CONTENT, &clen);

	ck_assert(s->cms.ptr == v.der && s->cms.len == v.len);
	assert_within(s->encap_content_info, s->cms);
	ck_assert_uint_eq(s->encap_content_info.ptr[0], 0x30);
	/* id-data */
	ck_assert_uint_eq(s->econtent_type_tlv.len, 11);
	ck_assert_uint_eq(s->econtent_type_tlv.ptr[10], 0x01);
	ck_assert(same(s->econtent.ptr, s->econtent.len, content, clen));
	ck_assert_uint_eq(s->certificates_tlv.ptr[0], 0xa0);
	ck_assert_uint_eq(s->crls_tlv.len, 0);
	assert_within(s->signer_info, s->cms);
	ck_assert_uint_eq(s->signer_info.ptr[0], 0x30);
	ck_assert_uint_eq(s->version_tlv.ptr[0], 0x02);
	ck_assert_uint_eq(s->sid_tlv.ptr[0], 0x30);
	ck_assert_uint_eq(s->signed_attrs_tlv.ptr[0], 0xa0);
	ck_assert_uint_eq(s->unsigned_attrs_tlv.ptr[0], 0xa1);
	/* the fields tile the SignerInfo contents */
	ck_assert(s->unsigned_attrs_tlv.ptr + s->unsigned_attrs_tlv.len ==
	          s->signer_info.ptr + s->signer_info.len);
	ck_assert(s->signature_tlv.ptr + s->signature_tlv.len == s->unsigned_attrs_tlv.ptr);

	/* signature_value is what OpenSSL decodes as the signature */
	const unsigned char *p = v.der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)v.len);
	ck_assert_ptr_nonnull(cms);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	ck_assert(same(s->signature_value.ptr, s->signature_value.len, sig->data,
	               (size_t)sig->length));
	ck_assert_int_eq(CMS_unsigned_get_attr_count(si), (int)s->unsigned_count);
	CMS_ContentInfo_free(cms);

	/* unsigned attributes: exactly .14 .21 .22 .23 .24, once each, one value */
	static const int want[] = {NID_id_smime_aa_timeStampToken,
	                           NID_id_smime_aa_ets_CertificateRefs,
	                           NID_id_smime_aa_ets_RevocationRefs,
	                           NID_id_smime_aa_ets_certValues,
	                           NID_id_smime_aa_ets_revocationValues};
	ck_assert_uint_eq(s->unsigned_count, 5);
	for (size_t k = 0; k < 5; k++) {
		const uy_ltv_attr *a = &s->unsigned_attrs[attr_index(s, want[k])];
		ck_assert_uint_eq(a->value_count, 1);
		assert_within(a->type_tlv, a->tlv);
		assert_within(a->values_tlv, a->tlv);
		assert_within(a->first_value, a->values_tlv);
		/* attrType then attrValues, ending the Attribute */
		ck_assert(a->type_tlv.ptr + a->type_tlv.len == a->values_tlv.ptr);
		ck_assert(a->values_tlv.ptr + a->values_tlv.len == a->tlv.ptr + a->tlv.len);
		ck_assert_uint_eq(a->type_tlv.ptr[0], 0x06);
	}
	/* a second SignerInfo does not exist */
	uy_ltv_signer *none = calloc(1, sizeof(*none));
	ck_assert_int_eq(uy_ltv_parse_signer(none, vspan(&v), 1), UY_ERR_SYNTAX);
	free(none);
	free(content);
	free(s);
	free(v.der);
}
END_TEST

START_TEST(parse_signer_detached_and_parallel)
{
	vec v = load_vec("p4-valid-detached");
	uy_ltv_signer *s = parse(&v, 0);
	ck_assert_ptr_null(s->econtent.ptr);
	ck_assert_uint_eq(s->econtent.len, 0);
	ck_assert_uint_eq(s->encap_content_info.len, 13);	/* SEQUENCE { id-data } */
	free(s);
	free(v.der);

	vec par = load_vec("p4-parallel-first-signer-revoked");
	uy_ltv_signer *a = parse(&par, 0);
	uy_ltv_signer *b = parse(&par, 1);
	ck_assert(a->signer_info.ptr + a->signer_info.len <= b->signer_info.ptr);
	ck_assert(!same(a->signature_value.ptr, a->signature_value.len, b->signature_value.ptr,
	                b->signature_value.len));
	ck_assert(a->certificates_tlv.ptr == b->certificates_tlv.ptr);
	free(a);
	free(b);
	free(par.der);
}
END_TEST

START_TEST(nid_registration)
{
	int v2 = uy_ltv_nid("1.2.840.113549.1.9.16.2.48");
	int v3 = uy_ltv_nid("0.4.0.1733.2.4");
	int ix = uy_ltv_nid("0.4.0.19122.1.5");
	int ri = uy_ltv_nid("1.3.6.1.5.5.7.16.2");
	ck_assert_int_ne(v2, NID_undef);
	ck_assert_int_ne(v3, NID_undef);
	ck_assert_int_ne(ix, NID_undef);
	ck_assert_int_ne(ri, NID_undef);
	ck_assert_int_ne(v2, v3);
	ck_assert_int_eq(uy_ltv_nid("1.2.840.113549.1.9.16.2.48"), v2);	/* stable */
	ck_assert_int_eq(uy_ltv_nid("1.2.840.113549.1.9.16.2.14"),
	                 NID_id_smime_aa_timeStampToken);
	ck_assert_int_eq(uy_ltv_nid(NULL), NID_undef);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Imprints against the tokens. */

START_TEST(imprint_signature_time_stamp)
{
	vec v = load_vec("p4-valid-attached");
	uy_ltv_signer *s = parse(&v, 0);
	const uy_ltv_attr *a = &s->unsigned_attrs[attr_index(s, NID_id_smime_aa_timeStampToken)];
	uint8_t want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
	size_t wn = 0;
	unsigned int gn = 0;
	const EVP_MD *md = NULL;

	token_imprint(a->first_value, want, &wn, &md);
	/* RFC 5126 §6.1.1: the hash of the signature value's contents octets */
	ck_assert_int_eq(EVP_Digest(s->signature_value.ptr, s->signature_value.len, got, &gn, md,
	                            NULL), 1);
	ck_assert(same(got, gn, want, wn));
	/* and not of the whole OCTET STRING TLV */
	ck_assert_int_eq(EVP_Digest(s->signature_tlv.ptr, s->signature_tlv.len, got, &gn, md,
	                            NULL), 1);
	ck_assert(!same(got, gn, want, wn));
	free(s);
	free(v.der);
}
END_TEST

START_TEST(imprint_c_ts)
{
	vec v = load_vec("p3a-c-ts-valid");
	uy_ltv_signer *s = parse(&v, 0);
	const uy_ltv_attr *a = &s->unsigned_attrs[attr_index(s, NID_id_smime_aa_ets_escTimeStamp)];
	uint8_t want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
	size_t wn = 0, gn = 0;
	const EVP_MD *md = NULL;

	token_imprint(a->first_value, want, &wn, &md);
	ck_assert_int_eq(uy_ltv_c_ts_imprint(got, &gn, s, md), UY_OK);
	ck_assert(same(got, gn, want, wn));

	/* the corrupt-imprint vector's token does not match */
	vec bad = load_vec("p3a-c-ts-imprint-corrupt");
	uy_ltv_signer *b = parse(&bad, 0);
	a = &b->unsigned_attrs[attr_index(b, NID_id_smime_aa_ets_escTimeStamp)];
	token_imprint(a->first_value, want, &wn, &md);
	ck_assert_int_eq(uy_ltv_c_ts_imprint(got, &gn, b, md), UY_OK);
	ck_assert(!same(got, gn, want, wn));
	/* a SignerInfo without the refs gives another imprint (no crash) */
	vec p2 = load_vec("p2-valid");
	uy_ltv_signer *t = parse(&p2, 0);
	ck_assert_int_eq(uy_ltv_c_ts_imprint(got, &gn, t, md), UY_OK);
	ck_assert_uint_eq(gn, (size_t)EVP_MD_get_size(md));
	ck_assert_int_eq(uy_ltv_c_ts_imprint(got, &gn, t, NULL), UY_ERR_USAGE);
	free(t);
	free(p2.der);
	free(b);
	free(bad.der);
	free(s);
	free(v.der);
}
END_TEST

/* ATS v2 imprints of signer 0 of `name` in both readings vs its token. */
static void
ats_v2_readings(const char *name, int *clause6, int *annexk)
{
	vec v = load_vec(name);
	uy_ltv_signer *s = parse(&v, 0);
	size_t ats = attr_index(s, uy_ltv_nid("1.2.840.113549.1.9.16.2.48"));
	int include[UY_LTV_MAX_ATTRS];
	uint8_t want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
	size_t wn = 0, gn = 0;
	const EVP_MD *md = NULL;

	for (size_t i = 0; i < s->unsigned_count; i++) {
		include[i] = i != ats;
	}
	token_imprint(s->unsigned_attrs[ats].first_value, want, &wn, &md);
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(got, &gn, s, NULL, include, 0, md), UY_OK);
	*clause6 = same(got, gn, want, wn);
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(got, &gn, s, NULL, include, 1, md), UY_OK);
	*annexk = same(got, gn, want, wn);
	/* including the ATS itself never matches */
	include[ats] = 1;
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(got, &gn, s, NULL, include, 0, md), UY_OK);
	ck_assert(!same(got, gn, want, wn));
	free(s);
	free(v.der);
}

START_TEST(imprint_ats_v2)
{
	int clause6 = 0, annexk = 0;
	/* The producer (and MA3) writes the clause-6 reading (spec §4.4). */
	ats_v2_readings("p4a-valid-ats-v2", &clause6, &annexk);
	ck_assert_msg(clause6 == 1 && annexk == 0, "clause 6 %d, Annex K %d", clause6, annexk);
	ats_v2_readings("p4a-ats-imprint-corrupt", &clause6, &annexk);
	ck_assert_int_eq(clause6, 0);
	ck_assert_int_eq(annexk, 0);
}
END_TEST

START_TEST(imprint_ats_v2_detached_reading)
{
	/* Annex K drops encapContentInfo for a detached signature and hashes the
	 * content; clause 6 keeps both. Shown on a detached X-Long signer. */
	vec v = load_vec("p4-valid-detached");
	uy_ltv_signer *s = parse(&v, 0);
	size_t clen = 0;
	uint8_t *content = uy_test_read_file(CONTENT, &clen);
	uy_span c = {content, clen};
	int include[UY_LTV_MAX_ATTRS];
	uint8_t a[EVP_MAX_MD_SIZE], b[EVP_MAX_MD_SIZE];
	size_t an = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n = 0;

	for (size_t i = 0; i < s->unsigned_count; i++) {
		include[i] = 1;
	}
	/* Annex K by hand: content ‖ certs ‖ fields ‖ attributes */
	ck_assert_int_eq(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	EVP_DigestUpdate(ctx, content, clen);
	EVP_DigestUpdate(ctx, s->certificates_tlv.ptr, s->certificates_tlv.len);
	EVP_DigestUpdate(ctx, s->version_tlv.ptr,
	                 (size_t)(s->signature_tlv.ptr + s->signature_tlv.len - s->version_tlv.ptr));
	for (size_t i = 0; i < s->unsigned_count; i++) {
		EVP_DigestUpdate(ctx, s->unsigned_attrs[i].tlv.ptr, s->unsigned_attrs[i].tlv.len);
	}
	EVP_DigestFinal_ex(ctx, b, &n);
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(a, &an, s, &c, include, 1, EVP_sha256()), UY_OK);
	ck_assert(same(a, an, b, n));
	/* clause 6 by hand: encap ‖ content ‖ certs ‖ SignerInfo contents as is (all included) */
	ck_assert_int_eq(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	EVP_DigestUpdate(ctx, s->encap_content_info.ptr, s->encap_content_info.len);
	EVP_DigestUpdate(ctx, content, clen);
	EVP_DigestUpdate(ctx, s->certificates_tlv.ptr, s->certificates_tlv.len);
	EVP_DigestUpdate(ctx, s->version_tlv.ptr,
	                 (size_t)(s->signer_info.ptr + s->signer_info.len - s->version_tlv.ptr));
	EVP_DigestFinal_ex(ctx, b, &n);
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(a, &an, s, &c, include, 0, EVP_sha256()), UY_OK);
	ck_assert(same(a, an, b, n));
	EVP_MD_CTX_free(ctx);
	free(content);
	free(s);
	free(v.der);
}
END_TEST

/* The ats-hash-index-v3 value in the token of attribute `ats` of s (a parsed token). */
static uy_span
token_hash_index(uy_ltv_signer *tok)
{
	size_t k = attr_index(tok, uy_ltv_nid("0.4.0.19122.1.5"));
	return tok->unsigned_attrs[k].first_value;
}

START_TEST(imprint_ats_v3)
{
	vec v = load_vec("p4a-valid-ats-v3");
	uy_ltv_signer *s = parse(&v, 0);
	size_t ats = attr_index(s, uy_ltv_nid("0.4.0.1733.2.4"));
	uy_ltv_signer *tok = calloc(1, sizeof(*tok));
	int include[UY_LTV_MAX_ATTRS];
	uint8_t want[EVP_MAX_MD_SIZE], got[EVP_MAX_MD_SIZE];
	size_t wn = 0, gn = 0;
	const EVP_MD *md = NULL;
	int ok = 0;
	char why[160];

	ck_assert_ptr_nonnull(tok);
	ck_assert_int_eq(uy_ltv_parse_signer(tok, s->unsigned_attrs[ats].first_value, 0), UY_OK);
	uy_span hi = token_hash_index(tok);
	for (size_t i = 0; i < s->unsigned_count; i++) {
		include[i] = i != ats;
	}
	token_imprint(s->unsigned_attrs[ats].first_value, want, &wn, &md);
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s, s->econtent, hi,
	                                       include, md), UY_OK);
	ck_assert_msg(ok == 1, "index: %s", why);
	ck_assert_str_eq(why, "");
	ck_assert(same(got, gn, want, wn));

	/* the ATS itself claimed as earlier: it has no index entry */
	include[ats] = 1;
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s, s->econtent, hi,
	                                       include, md), UY_OK);
	ck_assert_int_eq(ok, 0);
	ck_assert_ptr_nonnull(strstr(why, "no index entry"));
	include[ats] = 0;

	/* other content: another imprint */
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s,
	                                       (uy_span){(const uint8_t *)"x", 1}, hi, include, md),
	                 UY_OK);
	ck_assert(!same(got, gn, want, wn));

	/* an index entry changed: it matches no element, and the imprint changes */
	uint8_t *copy = malloc(hi.len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, hi.ptr, hi.len);
	copy[hi.len - 1] ^= 0x01;	/* last octet of the last entry */
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s, s->econtent,
	                                       (uy_span){copy, hi.len}, include, md), UY_OK);
	ck_assert_int_eq(ok, 0);
	ck_assert_ptr_nonnull(strstr(why, "matches no"));
	ck_assert(!same(got, gn, want, wn));
	/* not an ATSHashIndexV3 */
	copy[0] = 0x31;
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s, s->econtent,
	                                       (uy_span){copy, hi.len}, include, md),
	                 UY_ERR_SYNTAX);
	ck_assert_int_eq(ok, 0);
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(got, &gn, &ok, why, sizeof(why), s, s->econtent,
	                                       (uy_span){hi.ptr, hi.len - 1}, include, md),
	                 UY_ERR_SYNTAX);
	free(copy);
	free(tok);
	free(s);
	free(v.der);
}
END_TEST

/* ------------------------------------------------------------------ */
/* ES-X-L refs and values. */

START_TEST(parse_xl_counts)
{
	uy_ltv_xl *xl = calloc(1, sizeof(*xl));
	ck_assert_ptr_nonnull(xl);

	/* P4: refs nes-ca, root-rsa, OCSP responder; CrlOcspRefs signer (OCSP),
	 * nes-ca (root CRL), root (none), responder (none) */
	vec v = load_vec("p4-valid-attached");
	uy_ltv_signer *s = parse(&v, 0);
	ck_assert_int_eq(uy_ltv_parse_xl(xl, s), UY_OK);
	ck_assert(xl->has_cert_refs && xl->has_rev_refs && xl->has_cert_values &&
	          xl->has_rev_values);
	ck_assert_uint_eq(xl->cert_ref_count, 3);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(xl->cert_refs[i].hash_nid, NID_sha256);
		ck_assert_uint_eq(xl->cert_refs[i].hash.len, 32);
		ck_assert_uint_eq(xl->cert_refs[i].issuer_serial.ptr[0], 0x30);
	}
	ck_assert_uint_eq(xl->rev_ref_count, 4);
	ck_assert_uint_eq(xl->rev_refs[0].ocsp_count, 1);
	ck_assert_uint_eq(xl->rev_refs[0].crl_count, 0);
	ck_assert_uint_eq(xl->rev_refs[1].crl_count, 1);
	ck_assert_uint_eq(xl->rev_refs[1].ocsp_count, 0);
	ck_assert_uint_eq(xl->rev_refs[2].crl_count + xl->rev_refs[2].ocsp_count, 0);
	ck_assert_uint_eq(xl->rev_refs[3].crl_count + xl->rev_refs[3].ocsp_count, 0);
	ck_assert_uint_eq(xl->cert_value_count, 3);
	ck_assert_uint_eq(xl->crl_value_count, 1);
	ck_assert_uint_eq(xl->ocsp_value_count, 1);
	/* the values are the DER objects: OpenSSL decodes each exactly */
	for (size_t i = 0; i < xl->cert_value_count; i++) {
		const unsigned char *p = xl->cert_values[i].ptr;
		X509 *x = d2i_X509(NULL, &p, (long)xl->cert_values[i].len);
		ck_assert_ptr_nonnull(x);
		ck_assert(p == xl->cert_values[i].ptr + xl->cert_values[i].len);
		X509_free(x);
	}
	const unsigned char *p = xl->ocsp_values[0].ptr;
	OCSP_BASICRESP *bs = d2i_OCSP_BASICRESP(NULL, &p, (long)xl->ocsp_values[0].len);
	ck_assert_ptr_nonnull(bs);
	OCSP_BASICRESP_free(bs);
	free(s);
	free(v.der);

	/* P3: refs nes-ca, root-rsa; CrlOcspRefs signer (CRL), nes-ca (root CRL), root */
	v = load_vec("p3-valid");
	s = parse(&v, 0);
	ck_assert_int_eq(uy_ltv_parse_xl(xl, s), UY_OK);
	ck_assert_uint_eq(xl->cert_ref_count, 2);
	ck_assert_uint_eq(xl->rev_ref_count, 3);
	ck_assert_uint_eq(xl->rev_refs[0].crl_count, 1);
	ck_assert_uint_eq(xl->rev_refs[0].ocsp_count, 0);
	ck_assert_uint_eq(xl->rev_refs[1].crl_count, 1);
	ck_assert_uint_eq(xl->cert_value_count, 2);
	ck_assert_uint_eq(xl->crl_value_count, 2);
	ck_assert_uint_eq(xl->ocsp_value_count, 0);
	free(s);
	free(v.der);

	/* SHA-1 signature: refs as bare sha1Hash OtherHashValues */
	v = load_vec("p4-sha1");
	s = parse(&v, 0);
	ck_assert_int_eq(uy_ltv_parse_xl(xl, s), UY_OK);
	ck_assert_uint_eq(xl->cert_ref_count, 3);
	ck_assert_int_eq(xl->cert_refs[0].hash_nid, NID_sha1);
	ck_assert_uint_eq(xl->cert_refs[0].hash.len, 20);
	free(s);
	free(v.der);

	/* P2 (T only): nothing */
	v = load_vec("p2-valid");
	s = parse(&v, 0);
	ck_assert_int_eq(uy_ltv_parse_xl(xl, s), UY_OK);
	ck_assert(!xl->has_cert_refs && !xl->has_rev_refs && !xl->has_cert_values &&
	          !xl->has_rev_values);
	ck_assert_uint_eq(xl->cert_ref_count + xl->rev_ref_count + xl->cert_value_count, 0);

	/* a refs attribute present twice is a syntax error */
	size_t k = s->unsigned_count;
	ck_assert_uint_lt(k + 2, UY_LTV_MAX_ATTRS);
	vec x = load_vec("p4-valid-attached");
	uy_ltv_signer *xs = parse(&x, 0);
	size_t r = attr_index(xs, NID_id_smime_aa_ets_CertificateRefs);
	xs->unsigned_attrs[xs->unsigned_count++] = xs->unsigned_attrs[r];
	ck_assert_int_eq(uy_ltv_parse_xl(xl, xs), UY_ERR_SYNTAX);
	ck_assert_int_eq(xl->has_cert_refs, 0);	/* zeroed on error */
	/* and a value that is not a CompleteCertificateRefs too */
	xs->unsigned_count--;
	xs->unsigned_attrs[r].first_value = xs->signature_tlv;
	ck_assert_int_eq(uy_ltv_parse_xl(xl, xs), UY_ERR_SYNTAX);
	free(xs);
	free(x.der);
	free(s);
	free(v.der);
	free(xl);
}
END_TEST

/* Everything one check_xl case needs, owned. */
typedef struct {
	vec v;
	uy_ltv_signer *s;
	uy_ltv_xl *xl;
	X509 *anchor;
	X509 *signer;
	X509 *untrusted[MAX_IN];
	size_t n_untrusted;
	uy_span crls[MAX_IN];
	size_t n_crls;
	uy_span ocsp[MAX_IN];
	size_t n_ocsp;
	uy_path_report rep;
	uy_verdict path;
} xl_case;

static void
add_cert(xl_case *c, uy_span der)
{
	const unsigned char *p = der.ptr;
	X509 *x = d2i_X509(NULL, &p, (long)der.len);
	ck_assert_ptr_nonnull(x);
	ck_assert_uint_lt(c->n_untrusted, MAX_IN);
	c->untrusted[c->n_untrusted++] = x;
}

/*
 * Parse `name`, build the path inputs as the orchestrator will (anchors
 * root-rsa; untrusted = SignedData.certificates + certificate-values; CRLs
 * and OCSP = revocation-values + SignedData.crls) and validate the signer's
 * path at T with B = signing time + 60 s.
 */
static void
xl_case_load(xl_case *c, const char *name, uy_path_rev_policy ee)
{
	memset(c, 0, sizeof(*c));
	c->v = load_vec(name);
	c->s = parse(&c->v, 0);
	c->xl = calloc(1, sizeof(*c->xl));
	ck_assert_ptr_nonnull(c->xl);
	ck_assert_int_eq(uy_ltv_parse_xl(c->xl, c->s), UY_OK);
	c->anchor = uy_test_pki_cert("root-rsa");

	/* SignedData.certificates: Certificate elements */
	const uint8_t *p = c->s->certificates_tlv.ptr + 4;	/* [0] with a 2-octet length */
	ck_assert_uint_eq(c->s->certificates_tlv.ptr[1], 0x82);
	const uint8_t *end = c->s->certificates_tlv.ptr + c->s->certificates_tlv.len;
	while (p < end) {
		const unsigned char *q = p;
		X509 *x = d2i_X509(NULL, &q, (long)(end - p));
		ck_assert_ptr_nonnull(x);
		ck_assert_uint_lt(c->n_untrusted, MAX_IN);
		c->untrusted[c->n_untrusted++] = x;
		p = q;
	}
	for (size_t i = 0; i < c->xl->cert_value_count; i++) {
		add_cert(c, c->xl->cert_values[i]);
	}
	for (size_t i = 0; i < c->xl->crl_value_count; i++) {
		c->crls[c->n_crls++] = c->xl->crl_values[i];
	}
	for (size_t i = 0; i < c->xl->ocsp_value_count; i++) {
		c->ocsp[c->n_ocsp++] = c->xl->ocsp_values[i];
	}
	ck_assert_uint_eq(c->s->crls_tlv.len, 0);	/* X-Long: nothing in SignedData.crls */

	/* the signer: the certificate named by sid, as OpenSSL finds it */
	const unsigned char *q = c->v.der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &q, (long)c->v.len);
	ck_assert_ptr_nonnull(cms);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	for (size_t i = 0; i < c->n_untrusted && c->signer == NULL; i++) {
		if (CMS_SignerInfo_cert_cmp(si, c->untrusted[i]) == 0) {
			c->signer = c->untrusted[i];
		}
	}
	CMS_ContentInfo_free(cms);
	ck_assert_ptr_nonnull(c->signer);

	uy_path_inputs in;
	memset(&in, 0, sizeof(in));
	in.version = UY_PATH_INPUTS_VERSION;
	in.anchors = &c->anchor;
	in.anchor_count = 1;
	in.untrusted = c->untrusted;
	in.untrusted_count = c->n_untrusted;
	in.crls = c->crls;
	in.crl_count = c->n_crls;
	in.ocsp = c->ocsp;
	in.ocsp_count = c->n_ocsp;
	in.reference_time = T_VAL;
	in.best_signature_time = T_SIGN + 60;
	in.ee_revocation = ee;
	in.ca_revocation = UY_PATH_REV_CRL;
	uy_err rc = uy_path_validate(&c->path, &c->rep, c->signer, &in);
	ck_assert_msg(rc == UY_OK, "path: %s (%s)", uy_err_name(rc), uy_error_last());
}

static uy_verdict
xl_case_check(xl_case *c, const char **what)
{
	uy_verdict v = UY_VERDICT_UNSET;
	uy_ltv_used used = {&c->rep, c->crls, c->n_crls, c->ocsp, c->n_ocsp};
	uy_err rc = uy_ltv_check_xl(&v, what, c->xl, &used);
	ck_assert_msg(rc == UY_OK, "check_xl: %s (%s)", uy_err_name(rc), uy_error_last());
	return v;
}

static void
xl_case_free(xl_case *c)
{
	for (size_t i = 0; i < c->n_untrusted; i++) {
		X509_free(c->untrusted[i]);
	}
	X509_free(c->anchor);
	free(c->xl);
	free(c->s);
	free(c->v.der);
}

START_TEST(check_xl_valid)
{
	static const struct {
		const char *name;
		uy_path_rev_policy ee;
	} ok[] = {{"p4-valid-attached", UY_PATH_REV_OCSP},
	          {"p4-valid-detached", UY_PATH_REV_OCSP},
	          {"p3-valid", UY_PATH_REV_CRL},
	          {"p4a-valid-ats-v2", UY_PATH_REV_OCSP}};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		xl_case c;
		const char *what = NULL;
		xl_case_load(&c, ok[i].name, ok[i].ee);
		ck_assert_msg(c.path.indication == UY_IND_PASSED, "%s path: %s/%s %s", ok[i].name,
		              uy_indication_name(c.path.indication),
		              uy_subindication_name(c.path.sub), c.path.reason);
		ck_assert_uint_eq(c.rep.depth, 3);
		ck_assert_int_eq(c.rep.certs[0].source,
		                 ok[i].ee == UY_PATH_REV_OCSP ? UY_PATH_SRC_OCSP : UY_PATH_SRC_CRL);
		uy_verdict v = xl_case_check(&c, &what);
		ck_assert_msg(v.indication == UY_IND_PASSED, "%s: %s/%s %s", ok[i].name,
		              uy_indication_name(v.indication), uy_subindication_name(v.sub),
		              v.reason);
		ck_assert_str_eq(what, "");
		xl_case_free(&c);
	}
}
END_TEST

/* Families I and J: the failing list and a word of the reason. */
static const struct {
	const char *name;
	uy_path_rev_policy ee;
	const char *what;
	const char *reason;
} xl_bad[] = {
	{"p4-cert-refs-root-missing", UY_PATH_REV_OCSP, "certificate-refs", "Sertifika RSA"},
	{"p4-cert-refs-root-wrong", UY_PATH_REV_OCSP, "certificate-refs", "Sertifika RSA"},
	{"p4-cert-refs-ca-missing", UY_PATH_REV_OCSP, "certificate-refs", "CA certificate"},
	{"p4-cert-refs-ca-wrong", UY_PATH_REV_OCSP, "certificate-refs", "CA certificate"},
	{"p4-cert-values-root-missing", UY_PATH_REV_OCSP, "certificate-values", "Sertifika RSA"},
	{"p4-cert-values-ca-missing", UY_PATH_REV_OCSP, "certificate-values", "no value"},
	{"p4-rev-refs-ca-crl-missing", UY_PATH_REV_OCSP, "revocation-refs", "CRL that decided"},
	{"p4-rev-refs-ca-crl-wrong", UY_PATH_REV_OCSP, "revocation-refs", "CRL that decided"},
	{"p4-rev-refs-signer-ocsp-missing", UY_PATH_REV_OCSP, "revocation-refs",
	 "OCSP response that decided"},
	{"p4-rev-refs-signer-ocsp-wrong", UY_PATH_REV_OCSP, "revocation-refs",
	 "OCSP response that decided"},
	{"p4-rev-values-ca-crl-missing", UY_PATH_REV_OCSP, "revocation-values", "no CRL"},
	{"p4-rev-values-signer-ocsp-missing", UY_PATH_REV_OCSP, "revocation-values",
	 "no OCSP response"},
	{"p3-rev-refs-signer-crl-missing", UY_PATH_REV_CRL, "revocation-refs", "CRL that decided"},
	{"p3-rev-refs-signer-crl-wrong", UY_PATH_REV_CRL, "revocation-refs", "CRL that decided"},
	{"p3-rev-values-signer-crl-missing", UY_PATH_REV_CRL, "revocation-values", "no CRL"},
};

START_TEST(check_xl_named_failure)
{
	xl_case c;
	const char *what = NULL;

	xl_case_load(&c, xl_bad[_i].name, xl_bad[_i].ee);
	/* the path itself is sound unless a value it needs is missing */
	if (strstr(xl_bad[_i].name, "rev-values") != NULL) {
		ck_assert_msg(c.path.indication == UY_IND_INDETERMINATE &&
		              c.path.sub == UY_SUB_TRY_LATER, "%s path: %s/%s %s", xl_bad[_i].name,
		              uy_indication_name(c.path.indication),
		              uy_subindication_name(c.path.sub), c.path.reason);
	} else {
		ck_assert_msg(c.path.indication == UY_IND_PASSED, "%s path: %s/%s %s",
		              xl_bad[_i].name, uy_indication_name(c.path.indication),
		              uy_subindication_name(c.path.sub), c.path.reason);
	}
	uy_verdict v = xl_case_check(&c, &what);
	ck_assert_msg(v.indication == UY_IND_INDETERMINATE &&
	              v.sub == UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE, "%s: %s/%s %s",
	              xl_bad[_i].name, uy_indication_name(v.indication),
	              uy_subindication_name(v.sub), v.reason);
	ck_assert_msg(strcmp(what, xl_bad[_i].what) == 0, "%s: what %s, want %s (%s)",
	              xl_bad[_i].name, what, xl_bad[_i].what, v.reason);
	ck_assert_msg(strstr(v.reason, xl_bad[_i].reason) != NULL, "%s: reason '%s'",
	              xl_bad[_i].name, v.reason);
	ck_assert_ptr_nonnull(v.clause);
	xl_case_free(&c);
}
END_TEST

static const char *const sweep[] = {
	"p3-ca-crl-bad-signature", "p3-ca-crl-expired", "p3-ca-revoked-after-crl",
	"p3-ca-revoked-before-crl", "p3-crl-bad-signature", "p3-crl-expired", "p3-ecdsa",
	"p3-signer-revoked-after-crl", "p3-signer-revoked-before-crl", "p3a-c-ts-valid",
	"p3a-c-ts-tsa-expired", "p3a-c-ts-tsc1-valid", "p3a-c-ts-tsc1-crl-not-embedded",
	"p3a-c-ts-tsc1-root-not-embedded", "p4-crl-instead-of-ocsp", "p4-ess-corrupt",
	"p4-ocsp-bad-signature", "p4-ocsp-expired", "p4-ocsp-other-certificate",
	"p4-ocsp-responder-expired", "p4-ocsp-responder-revoked-before", "p4-policy-hash-wrong",
	"p4-rsa-pss", "p4-seal-valid", "p4-sha1", "p4-signer-revoked-after-ocsp",
	"p4-signer-revoked-before-ocsp", "p4-tsa-expired", "p4-tsa-revoked-after",
	"p4-tsc1-valid", "p4-tsc1-crl-not-embedded", "p4-user-notice", "p4a-valid-ats-v3"};

/* Every other X-Long vector (families A-H, K; TSA refs; SHA-1 refs; ECDSA) has
 * consistent refs and values, whatever its own defect. */
START_TEST(check_xl_sweep)
{
	xl_case c;
	const char *what = NULL;
	const char *n = sweep[_i];
	xl_case_load(&c, n, n[1] == '3' ? UY_PATH_REV_CRL : UY_PATH_REV_OCSP);
	uy_verdict v = xl_case_check(&c, &what);
	/* whatever the path says (revoked, stale, broken source), the refs and values agree */
	ck_assert_msg(v.indication == UY_IND_PASSED, "%s: %s/%s %s [%s]", n,
	              uy_indication_name(v.indication), uy_subindication_name(v.sub), v.reason,
	              what);
	ck_assert_str_eq(what, "");
	xl_case_free(&c);
}
END_TEST

START_TEST(check_xl_other_sources)
{
	xl_case c;
	const char *what = NULL;
	uy_verdict v;

	xl_case_load(&c, "p4-valid-attached", UY_PATH_REV_OCSP);
	ck_assert_int_eq(c.path.indication, UY_IND_PASSED);

	/* the signer decided by an OCSP response the refs do not name */
	size_t len = 0;
	uint8_t *other = uy_test_read_file(UY_TEST_PKI_DIR "ocsp-nes-good.ocsp.der", &len);
	uy_span keep = c.ocsp[0];
	c.ocsp[0] = (uy_span){other, len};
	v = xl_case_check(&c, &what);
	ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
	ck_assert_str_eq(what, "revocation-refs");
	c.ocsp[0] = keep;

	/* the same response as a whole OCSPResponse: still referenced */
	uint8_t *whole =
	    uy_test_read_file(UY_TEST_PKI_DIR "ocsp-nes-good-at-signing.ocsp.der", &len);
	c.ocsp[0] = (uy_span){whole, len};
	v = xl_case_check(&c, &what);
	ck_assert_msg(v.indication == UY_IND_PASSED, "%s", v.reason);
	c.ocsp[0] = keep;

	/* a path report that names a source the caller did not give is a usage error */
	uy_ltv_used used = {&c.rep, c.crls, c.n_crls, c.ocsp, 0};
	ck_assert_int_eq(uy_ltv_check_xl(&v, &what, c.xl, &used), UY_ERR_USAGE);
	ck_assert_int_eq(v.indication, UY_IND_NONE);

	/* no refs at all */
	uy_ltv_xl *empty = calloc(1, sizeof(*empty));
	ck_assert_ptr_nonnull(empty);
	used.ocsp_count = c.n_ocsp;
	ck_assert_int_eq(uy_ltv_check_xl(&v, &what, empty, &used), UY_OK);
	ck_assert_int_eq(v.indication, UY_IND_INDETERMINATE);
	ck_assert_str_eq(what, "certificate-refs");
	free(empty);
	free(whole);
	free(other);
	xl_case_free(&c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Countersignature. */

START_TEST(wrap_countersignature)
{
	vec v = load_vec("p4-serial-first-signer-revoked");
	uy_ltv_signer *s = parse(&v, 0);
	size_t k = attr_index(s, NID_pkcs9_countersignature);
	uy_buf w;
	uy_verdict verdict = UY_VERDICT_UNSET;
	uy_cades_sig_report rep;
	uy_cades_sig_options opts = UY_CADES_SIG_OPTIONS_INIT;

	ck_assert_uint_eq(s->unsigned_attrs[k].value_count, 1);
	ck_assert_int_eq(uy_ltv_wrap_countersignature(&w, s, s->unsigned_attrs[k].first_value),
	                 UY_OK);
	uy_span ws = uy_buf_span(&w);

	/* OpenSSL reads it as a detached SignedData with the parent's certificates */
	const unsigned char *p = ws.ptr;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)ws.len);
	ck_assert_ptr_nonnull(cms);
	ck_assert(p == ws.ptr + ws.len);
	ck_assert_int_eq(CMS_is_detached(cms), 1);
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	ck_assert_int_ge(sk_X509_num(certs), 2);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);

	/* a countersignature over the parent's signature value octets */
	opts.countersignature = 1;
	ck_assert_int_eq(uy_cades_check_signature(&verdict, &rep, ws, &s->signature_value, &opts),
	                 UY_OK);
	ck_assert_msg(verdict.indication == UY_IND_PASSED, "%s/%s %s",
	              uy_indication_name(verdict.indication), uy_subindication_name(verdict.sub),
	              verdict.reason);
	ck_assert_uint_eq(rep.signer_count, 1);
	ck_assert_int_eq(rep.detached, 1);
	/* ... and over nothing else */
	uy_span other = s->signature_tlv;	/* the same octets with tag and length */
	ck_assert_int_eq(uy_cades_check_signature(&verdict, &rep, ws, &other, &opts), UY_OK);
	ck_assert_int_eq(verdict.indication, UY_IND_FAILED);
	ck_assert_int_eq(verdict.sub, UY_SUB_HASH_FAILURE);
	/* as an ordinary signature it lacks content-type */
	opts.countersignature = 0;
	ck_assert_int_eq(uy_cades_check_signature(&verdict, &rep, ws, &s->signature_value, &opts),
	                 UY_OK);
	ck_assert_int_eq(verdict.indication, UY_IND_FAILED);
	ck_assert_int_eq(verdict.sub, UY_SUB_FORMAT_FAILURE);
	/* and the parent, which has content-type, is no countersignature */
	opts.countersignature = 1;
	ck_assert_int_eq(uy_cades_check_signature(&verdict, &rep, vspan(&v), NULL, &opts), UY_OK);
	ck_assert_int_eq(verdict.indication, UY_IND_FAILED);
	ck_assert_int_eq(verdict.sub, UY_SUB_FORMAT_FAILURE);
	ck_assert_ptr_nonnull(strstr(verdict.reason, "content-type"));

	/* the wrapped SignerInfo parses back to the same bytes */
	uy_ltv_signer *back = parse(&(vec){w.ptr, w.len}, 0);
	ck_assert(same(back->signer_info.ptr, back->signer_info.len,
	               s->unsigned_attrs[k].first_value.ptr, s->unsigned_attrs[k].first_value.len));
	ck_assert_ptr_null(back->econtent.ptr);
	free(back);
	uy_buf_dispose(&w);

	/* not one SignerInfo */
	ck_assert_int_eq(uy_ltv_wrap_countersignature(&w, s, s->signature_tlv), UY_ERR_SYNTAX);
	ck_assert_uint_eq(w.len, 0);
	uy_span cut = s->unsigned_attrs[k].first_value;
	cut.len--;
	ck_assert_int_eq(uy_ltv_wrap_countersignature(&w, s, cut), UY_ERR_SYNTAX);
	ck_assert_int_eq(uy_ltv_wrap_countersignature(&w, s, (uy_span){NULL, 0}), UY_ERR_SYNTAX);
	uy_buf_dispose(&w);
	free(s);
	free(v.der);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile input. */

START_TEST(hostile_truncations)
{
	vec v = load_vec("p4-valid-attached");
	uy_ltv_signer *s = calloc(1, sizeof(*s));
	ck_assert_ptr_nonnull(s);
	/* every proper prefix: a copy of exactly that length, so ASan sees overreads */
	for (size_t n = 0; n < v.len; n++) {
		uint8_t *cut = malloc(n > 0 ? n : 1);
		ck_assert_ptr_nonnull(cut);
		memcpy(cut, v.der, n);
		uy_err rc = uy_ltv_parse_signer(s, (uy_span){n > 0 ? cut : NULL, n}, 0);
		ck_assert_msg(rc == UY_ERR_SYNTAX, "length %zu: %s", n, uy_err_name(rc));
		ck_assert_uint_eq(s->unsigned_count, 0);
		free(cut);
	}
	/* trailing bytes */
	uint8_t *more = malloc(v.len + 1);
	ck_assert_ptr_nonnull(more);
	memcpy(more, v.der, v.len);
	more[v.len] = 0;
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){more, v.len + 1}, 0), UY_ERR_SYNTAX);
	/* indefinite length on the outer SEQUENCE (BER) */
	uint8_t ber[] = {0x30, 0x80, 0x06, 0x01, 0x00, 0x00, 0x00};
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){ber, sizeof(ber)}, 0), UY_ERR_SYNTAX);
	/* non-minimal length */
	uint8_t nonmin[] = {0x30, 0x81, 0x03, 0x06, 0x01, 0x00};
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){nonmin, sizeof(nonmin)}, 0),
	                 UY_ERR_SYNTAX);
	/* a length far beyond the input */
	uint8_t huge[] = {0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00};
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){huge, sizeof(huge)}, 0), UY_ERR_SYNTAX);
	free(more);
	free(s);
	free(v.der);
}
END_TEST

START_TEST(hostile_garbage_and_nesting)
{
	uy_ltv_signer *s = calloc(1, sizeof(*s));
	uy_ltv_xl *xl = calloc(1, sizeof(*xl));
	uint8_t buf[4096];
	uint32_t x = 0x12345678u;
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(xl);

	/* pseudo-random bytes (fixed seed), some starting like a SEQUENCE */
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)(round * 37) % sizeof(buf);
		for (size_t i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (uint8_t)(x >> 16);
		}
		if (round % 2 == 0 && n > 4) {
			buf[0] = 0x30;
			buf[1] = 0x82;
			buf[2] = (uint8_t)((n - 4) >> 8);
			buf[3] = (uint8_t)(n - 4);
		}
		uy_err rc = uy_ltv_parse_signer(s, (uy_span){buf, n}, 0);
		ck_assert_msg(rc == UY_ERR_SYNTAX, "round %d: %s", round, uy_err_name(rc));
	}

	/* deep nesting of definite SEQUENCEs: 1000 levels */
	enum { DEPTH = 1000 };
	uint8_t *deep = malloc(DEPTH * 4);
	ck_assert_ptr_nonnull(deep);
	for (size_t i = 0; i < DEPTH; i++) {
		size_t inner = (DEPTH - 1 - i) * 4;
		deep[i * 4] = 0x30;
		deep[i * 4 + 1] = 0x82;
		deep[i * 4 + 2] = (uint8_t)(inner >> 8);
		deep[i * 4 + 3] = (uint8_t)inner;
	}
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){deep, DEPTH * 4}, 0), UY_ERR_SYNTAX);
	/* the same as an ATS hash index and as a countersignature */
	uint8_t out[EVP_MAX_MD_SIZE];
	size_t on = 0;
	int ok = 1;
	memset(s, 0, sizeof(*s));
	ck_assert_int_eq(uy_ltv_ats_v3_imprint(out, &on, &ok, NULL, 0, s, (uy_span){NULL, 0},
	                                       (uy_span){deep, DEPTH * 4}, NULL, EVP_sha256()),
	                 UY_ERR_SYNTAX);
	ck_assert_int_eq(ok, 0);
	uy_buf w;
	ck_assert_int_eq(uy_ltv_wrap_countersignature(&w, s, (uy_span){deep, DEPTH * 4}),
	                 UY_ERR_SYNTAX);
	uy_buf_dispose(&w);
	free(deep);

	/* a hand-made signer whose refs value is garbage */
	vec v = load_vec("p4-valid-attached");
	uy_ltv_signer *p = parse(&v, 0);
	size_t r = attr_index(p, NID_id_smime_aa_ets_RevocationRefs);
	uint8_t bad[] = {0x30, 0x05, 0x30, 0x03, 0xa3, 0x01, 0x00};	/* CrlOcspRef with [3] */
	p->unsigned_attrs[r].first_value = (uy_span){bad, sizeof(bad)};
	ck_assert_int_eq(uy_ltv_parse_xl(xl, p), UY_ERR_SYNTAX);
	uint8_t bad2[] = {0x30, 0x04, 0x30, 0x02, 0x04, 0x05};	/* inner length overruns */
	p->unsigned_attrs[r].first_value = (uy_span){bad2, sizeof(bad2)};
	ck_assert_int_eq(uy_ltv_parse_xl(xl, p), UY_ERR_SYNTAX);
	free(p);
	free(v.der);
	free(xl);
	free(s);
}
END_TEST

START_TEST(usage_errors)
{
	uy_ltv_signer *s = calloc(1, sizeof(*s));
	uint8_t out[EVP_MAX_MD_SIZE];
	size_t on = 0;
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(uy_ltv_parse_signer(NULL, (uy_span){NULL, 0}, 0), UY_ERR_USAGE);
	ck_assert_int_eq(uy_ltv_parse_signer(s, (uy_span){NULL, 5}, 0), UY_ERR_USAGE);
	ck_assert_int_eq(uy_ltv_ats_v2_imprint(out, &on, s, NULL, NULL, 0, NULL), UY_ERR_USAGE);
	ck_assert_int_eq(uy_ltv_parse_xl(NULL, s), UY_ERR_USAGE);
	uy_verdict v;
	const char *what = NULL;
	ck_assert_int_eq(uy_ltv_check_xl(&v, &what, NULL, NULL), UY_ERR_USAGE);
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	free(s);
}
END_TEST

static Suite *
uy_ltv_suite(void)
{
	Suite *s = suite_create("ltv");
	TCase *tc = tcase_create("ltv");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, parse_signer_attached);
	tcase_add_test(tc, parse_signer_detached_and_parallel);
	tcase_add_test(tc, nid_registration);
	tcase_add_test(tc, imprint_signature_time_stamp);
	tcase_add_test(tc, imprint_c_ts);
	tcase_add_test(tc, imprint_ats_v2);
	tcase_add_test(tc, imprint_ats_v2_detached_reading);
	tcase_add_test(tc, imprint_ats_v3);
	tcase_add_test(tc, parse_xl_counts);
	tcase_add_test(tc, check_xl_valid);
	tcase_add_loop_test(tc, check_xl_named_failure, 0,
	                    (int)(sizeof(xl_bad) / sizeof(xl_bad[0])));
	tcase_add_test(tc, check_xl_other_sources);
	tcase_add_loop_test(tc, check_xl_sweep, 0, (int)(sizeof(sweep) / sizeof(sweep[0])));
	tcase_add_test(tc, wrap_countersignature);
	tcase_add_test(tc, hostile_truncations);
	tcase_add_test(tc, hostile_garbage_and_nesting);
	tcase_add_test(tc, usage_errors);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_ltv_suite)
