/*
 * Tests of the CMS encryption producer (tools/enc/uy_enc_make.c): every
 * outcome is proved with OpenSSL's own functions (d2i_CMS_ContentInfo,
 * CMS_decrypt_set1_pkey_and_peer, CMS_decrypt, the RecipientInfo accessors)
 * and with uyum's own checker (uy_eyp_check_file). The recipient keys and
 * certificates are throwaway TEST-ONLY material made here, once per run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <zip.h>

#include "uy_enc_make.h"
#include "uy_test.h"
#include "uyum/uyum.h"

#define SAMPLE_V2 UY_SAMPLES_DIR "/paketv2x.eyp"
#define SAMPLE_V1 UY_SAMPLES_DIR "/paketv1x.eyp"
#define SAMPLE_V2_GUID "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC"
#define SAMPLE_V1_GUID "737B9A9F-C88A-4258-B9BC-AEAF7908094E"

/* Test PKI, made in the unchecked fixture (before Check forks). */
static EVP_PKEY *rsa_key, *rsa2_key, *ec_key, *wrong_rsa_key, *wrong_ec_key, *ed_key;
static X509 *rsa_cert, *rsa2_cert, *ec_cert, *wrong_rsa_cert, *wrong_ec_cert, *ed_cert;
static uint8_t *inner_v2;
static size_t inner_v2_len;
static char tmp_dir[64];

/* ---- helpers ---- */

static uint8_t *
read_file(const char *path, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	uint8_t *b = uy_alloc((size_t)n + 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len_out = (size_t)n;
	return b;
}

/* A self-signed TEST-ONLY certificate with fixed validity (2026-01-01 to 2036-01-01). */
static X509 *
make_cert(EVP_PKEY *key, const char *cn, long serial, const char *key_usage)
{
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	X509V3_CTX v3;

	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(name);
	ck_assert_int_eq(X509_set_version(x, X509_VERSION_3), 1);
	ck_assert_int_eq(ASN1_INTEGER_set(X509_get_serialNumber(x), serial), 1);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, (const unsigned char *)"TR",
	    -1, -1, 0), 1);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
	    (const unsigned char *)"uyum TEST ONLY", -1, -1, 0), 1);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn,
	    -1, -1, 0), 1);
	ck_assert_int_eq(X509_set_subject_name(x, name), 1); /* copies */
	ck_assert_int_eq(X509_set_issuer_name(x, name), 1);
	X509_NAME_free(name);
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notBefore(x), (time_t)1767225600));
	ck_assert_ptr_nonnull(ASN1_TIME_set(X509_getm_notAfter(x), (time_t)2082758400));
	ck_assert_int_eq(X509_set_pubkey(x, key), 1); /* up-refs key */
	X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
	X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &v3, NID_key_usage, key_usage);
	ck_assert_ptr_nonnull(ext);
	ck_assert_int_eq(X509_add_ext(x, ext, -1), 1); /* copies */
	X509_EXTENSION_free(ext);
	ck_assert_int_gt(X509_sign(x, key, EVP_PKEY_is_a(key, "ED25519") ? NULL : EVP_sha256()), 0);
	return x;
}

static void
pki_setup(void)
{
	rsa_key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	rsa2_key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	wrong_rsa_key = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	ec_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	wrong_ec_key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ed_key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	if (rsa_key == NULL || rsa2_key == NULL || wrong_rsa_key == NULL || ec_key == NULL ||
	    wrong_ec_key == NULL || ed_key == NULL) {
		fprintf(stderr, "key generation failed\n");
		abort();
	}
	rsa_cert = make_cert(rsa_key, "TEST ONLY RSA recipient", 1, "critical,keyEncipherment");
	rsa2_cert = make_cert(rsa2_key, "TEST ONLY RSA recipient 2", 2, "critical,keyEncipherment");
	wrong_rsa_cert = make_cert(wrong_rsa_key, "TEST ONLY RSA stranger", 3, "critical,keyEncipherment");
	ec_cert = make_cert(ec_key, "TEST ONLY EC recipient", 4, "critical,keyAgreement");
	wrong_ec_cert = make_cert(wrong_ec_key, "TEST ONLY EC stranger", 5, "critical,keyAgreement");
	ed_cert = make_cert(ed_key, "TEST ONLY Ed25519", 6, "critical,digitalSignature");
	inner_v2 = read_file(SAMPLE_V2, &inner_v2_len);
	memcpy(tmp_dir, "/tmp/uy-enc-XXXXXX", 19);
	if (mkdtemp(tmp_dir) == NULL) {
		abort();
	}
}

static void
pki_teardown(void)
{
	X509 *certs[] = {rsa_cert, rsa2_cert, ec_cert, wrong_rsa_cert, wrong_ec_cert, ed_cert};
	EVP_PKEY *keys[] = {rsa_key, rsa2_key, ec_key, wrong_rsa_key, wrong_ec_key, ed_key};

	for (size_t i = 0; i < 6; i++) {
		X509_free(certs[i]);
		EVP_PKEY_free(keys[i]);
	}
	uy_free(inner_v2);
	(void)rmdir(tmp_dir); /* the tests remove their own files */
}

static char *
tmp_path(const char *name)
{
	char *p = uy_asprintf("%s/%s", tmp_dir, name);
	ck_assert_ptr_nonnull(p);
	return p;
}

static CMS_ContentInfo *
parse_cms(const uint8_t *der, size_t len)
{
	const unsigned char *p = der; /* d2i advances p: it must stop at the end */
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)len);
	ck_assert_ptr_nonnull(cms);
	ck_assert_ptr_eq(p, der + len);
	return cms;
}

/* Decrypt with OpenSSL for (key, cert); 1 when the exact expected bytes come back. */
static int
decrypts_to(const uint8_t *der, size_t len, EVP_PKEY *key, X509 *cert, const uint8_t *want,
    size_t want_len)
{
	CMS_ContentInfo *cms = parse_cms(der, len);
	BIO *out = BIO_new(BIO_s_mem());
	int ok = 0;

	ck_assert_ptr_nonnull(out);
	if (CMS_decrypt_set1_pkey_and_peer(cms, key, cert, NULL) == 1 &&
	    CMS_decrypt(cms, NULL, NULL, NULL, out, CMS_BINARY) == 1) {
		char *got = NULL;
		long n = BIO_get_mem_data(out, &got);
		ok = n >= 0 && (size_t)n == want_len && (want_len == 0 || memcmp(got, want, want_len) == 0);
	}
	if (getenv("UY_ENC_DEBUG") != NULL) {
		ERR_print_errors_fp(stderr);
	}
	ERR_clear_error();
	BIO_free(out);
	CMS_ContentInfo_free(cms);
	return ok;
}

/* One DER TLV: tag byte, header length, content length. Definite lengths only. */
static void
tlv(const uint8_t *p, size_t avail, uint8_t *tag, size_t *hdr, size_t *len)
{
	ck_assert_uint_ge(avail, 2);
	*tag = p[0];
	if (p[1] < 0x80) {
		*hdr = 2;
		*len = p[1];
	} else {
		size_t n = p[1] & 0x7f;
		ck_assert(n >= 1 && n <= 4 && 2 + n <= avail);
		*len = 0;
		for (size_t i = 0; i < n; i++) {
			*len = (*len << 8) | p[2 + i];
		}
		*hdr = 2 + n;
	}
	ck_assert_uint_le(*hdr + *len, avail);
}

/* NID of EncryptedContentInfo.contentEncryptionAlgorithm (RFC 5652 §6.1;
 * AuthEnvelopedData RFC 5083 §2.1 has the same layout up to there). */
static int
content_cipher_nid(const uint8_t *der, size_t len)
{
	uint8_t tag = 0;
	size_t h = 0;
	size_t l = 0;
	const uint8_t *p = der;

	tlv(p, len, &tag, &h, &l); /* ContentInfo SEQUENCE */
	ck_assert_uint_eq(tag, 0x30);
	p += h;
	tlv(p, l, &tag, &h, &l); /* contentType */
	ck_assert_uint_eq(tag, 0x06);
	p += h + l;
	tlv(p, len - (size_t)(p - der), &tag, &h, &l); /* [0] EXPLICIT */
	ck_assert_uint_eq(tag, 0xa0);
	p += h;
	tlv(p, l, &tag, &h, &l); /* (Auth)EnvelopedData SEQUENCE */
	ck_assert_uint_eq(tag, 0x30);
	p += h;
	size_t left = l;
	tlv(p, left, &tag, &h, &l); /* version */
	ck_assert_uint_eq(tag, 0x02);
	p += h + l;
	left -= h + l;
	tlv(p, left, &tag, &h, &l);
	if (tag == 0xa0) { /* originatorInfo */
		p += h + l;
		left -= h + l;
		tlv(p, left, &tag, &h, &l);
	}
	ck_assert_uint_eq(tag, 0x31); /* recipientInfos SET */
	p += h + l;
	left -= h + l;
	tlv(p, left, &tag, &h, &l); /* EncryptedContentInfo */
	ck_assert_uint_eq(tag, 0x30);
	p += h;
	left = l;
	tlv(p, left, &tag, &h, &l); /* contentType */
	ck_assert_uint_eq(tag, 0x06);
	p += h + l;
	left -= h + l;
	tlv(p, left, &tag, &h, &l); /* contentEncryptionAlgorithm */
	ck_assert_uint_eq(tag, 0x30);
	p += h;
	const unsigned char *q = p;
	ASN1_OBJECT *obj = d2i_ASN1_OBJECT(NULL, &q, (long)l);
	ck_assert_ptr_nonnull(obj);
	int nid = OBJ_obj2nid(obj);
	ASN1_OBJECT_free(obj);
	return nid;
}

static uint8_t *
encrypt_or_fail(size_t *len_out, X509 *const *recips, size_t n, uy_enc_content content)
{
	uy_enc_options o = UY_ENC_OPTIONS_INIT;
	uint8_t *der = NULL;

	o.content = content;
	uy_err rc = uy_enc_make_enveloped(&der, len_out, inner_v2, inner_v2_len, recips, n, &o);
	ck_assert_msg(rc == UY_OK, "%s: %s", uy_err_name(rc), uy_error_last());
	ck_assert_ptr_nonnull(der);
	return der;
}

/* OAEP parameters of a KeyTransRecipientInfo: SHA-256 and MGF1-SHA-256 (spec §7.2). */
static void
assert_ktri_oaep_sha256(CMS_RecipientInfo *ri, X509 *cert)
{
	X509_ALGOR *alg = NULL;
	ASN1_OCTET_STRING *keyid = NULL;
	X509_NAME *issuer = NULL;
	ASN1_INTEGER *serial = NULL;
	const ASN1_OBJECT *oid = NULL;
	int ptype = 0;
	const void *pval = NULL;

	ck_assert_int_eq(CMS_RecipientInfo_type(ri), CMS_RECIPINFO_TRANS);
	/* *= signatures-and-certificates §7.2 type=test
	 *# KeyTransRecipientInfo v0, rid **issuerAndSerialNumber**; **RSAES-OAEP with SHA-256** [...] */
	ck_assert_int_eq(CMS_RecipientInfo_ktri_get0_signer_id(ri, &keyid, &issuer, &serial), 1);
	ck_assert_ptr_null(keyid);
	ck_assert_ptr_nonnull(issuer);
	ck_assert_ptr_nonnull(serial);
	ck_assert_int_eq(CMS_RecipientInfo_ktri_cert_cmp(ri, cert), 0);
	ck_assert_int_eq(CMS_RecipientInfo_ktri_get0_algs(ri, NULL, NULL, &alg), 1);
	X509_ALGOR_get0(&oid, &ptype, &pval, alg);
	ck_assert_int_eq(OBJ_obj2nid(oid), NID_rsaesOaep);
	ck_assert_int_eq(ptype, V_ASN1_SEQUENCE);
	RSA_OAEP_PARAMS *op = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_OAEP_PARAMS),
	    alg->parameter);
	ck_assert_ptr_nonnull(op);
	ck_assert_ptr_nonnull(op->hashFunc);
	X509_ALGOR_get0(&oid, NULL, NULL, op->hashFunc);
	ck_assert_int_eq(OBJ_obj2nid(oid), NID_sha256);
	ck_assert_ptr_nonnull(op->maskGenFunc);
	X509_ALGOR_get0(&oid, &ptype, &pval, op->maskGenFunc);
	ck_assert_int_eq(OBJ_obj2nid(oid), NID_mgf1);
	X509_ALGOR *mgf_md = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR),
	    op->maskGenFunc->parameter);
	ck_assert_ptr_nonnull(mgf_md);
	X509_ALGOR_get0(&oid, NULL, NULL, mgf_md);
	ck_assert_int_eq(OBJ_obj2nid(oid), NID_sha256);
	/* pSourceFunc absent = pSpecifiedEmpty (RFC 8017 A.2.1). */
	ck_assert_ptr_null(op->pSourceFunc);
	X509_ALGOR_free(mgf_md);
	RSA_OAEP_PARAMS_free(op);
}

/* KeyAgreeRecipientInfo: originatorKey, KDF 1.3.132.1.11.1, id-aes256-wrap, rid issuerAndSerial. */
static void
assert_kari_sha256kdf_aeswrap(CMS_RecipientInfo *ri, X509 *cert)
{
	X509_ALGOR *alg = NULL;
	ASN1_OCTET_STRING *ukm = NULL;
	X509_ALGOR *orig_alg = NULL;
	ASN1_BIT_STRING *orig_pub = NULL;
	ASN1_OCTET_STRING *keyid = NULL;
	X509_NAME *issuer = NULL;
	ASN1_INTEGER *serial = NULL;
	const ASN1_OBJECT *oid = NULL;
	int ptype = 0;
	const void *pval = NULL;
	char txt[64];

	ck_assert_int_eq(CMS_RecipientInfo_type(ri), CMS_RECIPINFO_AGREE);
	/* *= signatures-and-certificates §7.2 type=test
	 *# KeyAgreeRecipientInfo v3, **ephemeral-static ECDH** (RFC 5753), originatorKey, rid
	 *# issuerAndSerialNumber, KDF **`1.3.132.1.11.1`** (SHA-256) */
	ck_assert_int_eq(CMS_RecipientInfo_kari_get0_orig_id(ri, &orig_alg, &orig_pub, &keyid, &issuer,
	    &serial), 1);
	ck_assert_ptr_nonnull(orig_alg); /* originatorKey: the ephemeral public key */
	ck_assert_ptr_nonnull(orig_pub);
	ck_assert_ptr_null(issuer);
	ck_assert_int_eq(CMS_RecipientInfo_kari_get0_alg(ri, &alg, &ukm), 1);
	X509_ALGOR_get0(&oid, &ptype, &pval, alg);
	ck_assert_int_gt(OBJ_obj2txt(txt, sizeof(txt), oid, 1), 0);
	ck_assert_str_eq(txt, "1.3.132.1.11.1");
	ck_assert_int_eq(ptype, V_ASN1_SEQUENCE);
	X509_ALGOR *wrap = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR), alg->parameter);
	ck_assert_ptr_nonnull(wrap);
	X509_ALGOR_get0(&oid, NULL, NULL, wrap);
	/* *= signatures-and-certificates §7.3 type=test
	 *# produce RSA-OAEP-SHA256 or ECDH-SHA256-KDF with id-aes256-wrap, AES-256-CBC, rid
	 *# issuerAndSerialNumber. */
	ck_assert_int_gt(OBJ_obj2txt(txt, sizeof(txt), oid, 1), 0);
	ck_assert_str_eq(txt, "2.16.840.1.101.3.4.1.45");
	X509_ALGOR_free(wrap);
	STACK_OF(CMS_RecipientEncryptedKey) *reks = CMS_RecipientInfo_kari_get0_reks(ri);
	ck_assert_int_eq(sk_CMS_RecipientEncryptedKey_num(reks), 1);
	CMS_RecipientEncryptedKey *rek = sk_CMS_RecipientEncryptedKey_value(reks, 0);
	ASN1_GENERALIZEDTIME *tm = NULL;
	CMS_OtherKeyAttribute *other = NULL;
	keyid = NULL;
	issuer = NULL;
	serial = NULL;
	ck_assert_int_eq(CMS_RecipientEncryptedKey_get0_id(rek, &keyid, &tm, &other, &issuer, &serial), 1);
	ck_assert_ptr_null(keyid);
	ck_assert_ptr_nonnull(issuer);
	ck_assert_ptr_nonnull(serial);
	ck_assert_int_eq(CMS_RecipientEncryptedKey_cert_cmp(rek, cert), 0);
}

/* ---- happy ---- */

START_TEST(rsa_oaep_roundtrip)
{
	size_t len = 0;
	X509 *r[] = {rsa_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_CBC);
	CMS_ContentInfo *cms = parse_cms(der, len);

	ck_assert_int_eq(OBJ_obj2nid(CMS_get0_type(cms)), NID_pkcs7_enveloped);
	STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
	ck_assert_int_eq(sk_CMS_RecipientInfo_num(ris), 1);
	assert_ktri_oaep_sha256(sk_CMS_RecipientInfo_value(ris, 0), rsa_cert);
	ck_assert_int_eq(content_cipher_nid(der, len), NID_aes_256_cbc);
	ck_assert(decrypts_to(der, len, rsa_key, rsa_cert, inner_v2, inner_v2_len));
	/* Also without naming the certificate: OpenSSL tries each recipient. */
	ck_assert(decrypts_to(der, len, rsa_key, NULL, inner_v2, inner_v2_len));
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

START_TEST(ecdh_roundtrip)
{
	size_t len = 0;
	X509 *r[] = {ec_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_CBC);
	CMS_ContentInfo *cms = parse_cms(der, len);

	ck_assert_int_eq(OBJ_obj2nid(CMS_get0_type(cms)), NID_pkcs7_enveloped);
	STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
	ck_assert_int_eq(sk_CMS_RecipientInfo_num(ris), 1);
	assert_kari_sha256kdf_aeswrap(sk_CMS_RecipientInfo_value(ris, 0), ec_cert);
	ck_assert_int_eq(content_cipher_nid(der, len), NID_aes_256_cbc);
	ck_assert(decrypts_to(der, len, ec_key, ec_cert, inner_v2, inner_v2_len));
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

START_TEST(gcm_roundtrip)
{
	size_t len = 0;
	X509 *r[] = {rsa_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_GCM);
	CMS_ContentInfo *cms = parse_cms(der, len);

	/* *= signatures-and-certificates §7.2 type=test
	 *# EnvelopedData; **AuthEnvelopedData** (`1.2.840.113549.1.9.16.1.23`) when AES-GCM is chosen */
	ck_assert_int_eq(OBJ_obj2nid(CMS_get0_type(cms)), NID_id_smime_ct_authEnvelopedData);
	STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
	ck_assert_int_eq(sk_CMS_RecipientInfo_num(ris), 1);
	assert_ktri_oaep_sha256(sk_CMS_RecipientInfo_value(ris, 0), rsa_cert);
	ck_assert_int_eq(content_cipher_nid(der, len), NID_aes_256_gcm);
	ck_assert(decrypts_to(der, len, rsa_key, rsa_cert, inner_v2, inner_v2_len));
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

START_TEST(gcm_tamper_detected)
{
	size_t len = 0;
	X509 *r[] = {rsa_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_GCM);

	/* The last bytes are the MAC (RFC 5083 §2.1): flip one tag bit. */
	der[len - 1] ^= 0x01;
	ck_assert(!decrypts_to(der, len, rsa_key, rsa_cert, inner_v2, inner_v2_len));
	uy_free(der);
}
END_TEST

START_TEST(several_recipients)
{
	size_t len = 0;
	X509 *r[] = {rsa_cert, ec_cert, rsa2_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 3, UY_ENC_AES256_CBC);
	CMS_ContentInfo *cms = parse_cms(der, len);

	STACK_OF(CMS_RecipientInfo) *ris = CMS_get0_RecipientInfos(cms);
	ck_assert_int_eq(sk_CMS_RecipientInfo_num(ris), 3);
	/* recipientInfos is a DER SET OF: sorted by encoding, not in call order. */
	int seen_rsa = 0;
	int seen_rsa2 = 0;
	int seen_ec = 0;
	for (int i = 0; i < 3; i++) {
		CMS_RecipientInfo *ri = sk_CMS_RecipientInfo_value(ris, i);
		if (CMS_RecipientInfo_type(ri) == CMS_RECIPINFO_AGREE) {
			assert_kari_sha256kdf_aeswrap(ri, ec_cert);
			seen_ec++;
		} else if (CMS_RecipientInfo_ktri_cert_cmp(ri, rsa_cert) == 0) {
			assert_ktri_oaep_sha256(ri, rsa_cert);
			seen_rsa++;
		} else {
			assert_ktri_oaep_sha256(ri, rsa2_cert);
			seen_rsa2++;
		}
	}
	ck_assert(seen_rsa == 1 && seen_rsa2 == 1 && seen_ec == 1);
	ck_assert(decrypts_to(der, len, rsa_key, rsa_cert, inner_v2, inner_v2_len));
	ck_assert(decrypts_to(der, len, ec_key, ec_cert, inner_v2, inner_v2_len));
	ck_assert(decrypts_to(der, len, rsa2_key, rsa2_cert, inner_v2, inner_v2_len));
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

START_TEST(wrong_key_cannot_decrypt)
{
	size_t len = 0;
	X509 *r[] = {rsa_cert, ec_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 2, UY_ENC_AES256_CBC);

	/* A stranger with its own certificate, without one, and the right
	 * certificate with the wrong private key. */
	ck_assert(!decrypts_to(der, len, wrong_rsa_key, wrong_rsa_cert, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_rsa_key, NULL, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_rsa_key, rsa_cert, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_ec_key, wrong_ec_cert, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_ec_key, ec_cert, inner_v2, inner_v2_len));
	uy_free(der);

	der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_GCM);
	ck_assert(!decrypts_to(der, len, wrong_rsa_key, NULL, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_rsa_key, rsa_cert, inner_v2, inner_v2_len));
	uy_free(der);
}
END_TEST

START_TEST(empty_and_small_plaintext)
{
	static const uint8_t one[1] = {0x42};
	X509 *r[] = {rsa_cert};
	uint8_t *der = NULL;
	size_t len = 0;

	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, NULL, 0, r, 1, NULL), UY_OK);
	ck_assert(decrypts_to(der, len, rsa_key, rsa_cert, one, 0));
	uy_free(der);
	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, one, 1, r, 1, NULL), UY_OK);
	ck_assert(decrypts_to(der, len, rsa_key, rsa_cert, one, 1));
	uy_free(der);
}
END_TEST

START_TEST(ecdh_gcm_roundtrip)
{
	size_t len = 0;
	X509 *r[] = {ec_cert};
	uint8_t *der = encrypt_or_fail(&len, r, 1, UY_ENC_AES256_GCM);
	CMS_ContentInfo *cms = parse_cms(der, len);

	/* OpenSSL makes it; MA3 could not (no GCM wrap, spec §7.3). */
	ck_assert_int_eq(OBJ_obj2nid(CMS_get0_type(cms)), NID_id_smime_ct_authEnvelopedData);
	assert_kari_sha256kdf_aeswrap(sk_CMS_RecipientInfo_value(CMS_get0_RecipientInfos(cms), 0),
	    ec_cert);
	ck_assert_int_eq(content_cipher_nid(der, len), NID_aes_256_gcm);
	ck_assert(decrypts_to(der, len, ec_key, ec_cert, inner_v2, inner_v2_len));
	ck_assert(!decrypts_to(der, len, wrong_ec_key, ec_cert, inner_v2, inner_v2_len));
	CMS_ContentInfo_free(cms);
	uy_free(der);
}
END_TEST

/* A library context whose RNG replays fixed bytes (OpenSSL's TEST-RAND). */
static OSSL_LIB_CTX *
det_libctx(void)
{
	static unsigned char ent[4096];
	unsigned int strength = 256;
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();

	ck_assert_ptr_nonnull(lc);
	for (size_t i = 0; i < sizeof(ent); i++) {
		ent[i] = (unsigned char)(i * 131u + 7u);
	}
	ck_assert_int_eq(RAND_set_DRBG_type(lc, "TEST-RAND", NULL, NULL, NULL), 1);
	EVP_RAND_CTX *drbgs[] = {RAND_get0_primary(lc), RAND_get0_public(lc), RAND_get0_private(lc)};
	for (size_t i = 0; i < 3; i++) {
		OSSL_PARAM prm[3];
		prm[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
		prm[1] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, ent, sizeof(ent));
		prm[2] = OSSL_PARAM_construct_end();
		ck_assert_ptr_nonnull(drbgs[i]);
		ck_assert_int_eq(EVP_RAND_CTX_set_params(drbgs[i], prm), 1);
	}
	return lc;
}

START_TEST(deterministic_libctx)
{
	X509 *r[] = {rsa_cert, rsa2_cert};
	uint8_t *d[2] = {NULL, NULL};
	size_t l[2] = {0, 0};

	/* With RSA recipients all randomness (content key, IV, OAEP seeds)
	 * comes from opts.libctx: equal RNG streams give equal envelopes. */
	for (int i = 0; i < 2; i++) {
		uy_enc_options o = UY_ENC_OPTIONS_INIT;
		o.libctx = det_libctx();
		ck_assert_int_eq(uy_enc_make_enveloped(&d[i], &l[i], inner_v2, inner_v2_len, r, 2, &o),
		    UY_OK);
		OSSL_LIB_CTX_free(o.libctx);
	}
	ck_assert_uint_eq(l[0], l[1]);
	ck_assert_int_eq(memcmp(d[0], d[1], l[0]), 0);
	ck_assert(decrypts_to(d[0], l[0], rsa_key, rsa_cert, inner_v2, inner_v2_len));
	ck_assert(decrypts_to(d[0], l[0], rsa2_key, rsa2_cert, inner_v2, inner_v2_len));
	uy_free(d[0]);
	uy_free(d[1]);
	/* With the default context two runs differ (documented: not byte-stable). */
	d[0] = encrypt_or_fail(&l[0], r, 1, UY_ENC_AES256_CBC);
	d[1] = encrypt_or_fail(&l[1], r, 1, UY_ENC_AES256_CBC);
	ck_assert(l[0] != l[1] || memcmp(d[0], d[1], l[0]) != 0);
	uy_free(d[0]);
	uy_free(d[1]);
}
END_TEST

/* ---- malformed: bad arguments ---- */

START_TEST(bad_arguments)
{
	X509 *r[] = {rsa_cert};
	X509 *ed[] = {ed_cert};
	X509 *nul[] = {NULL};
	uint8_t *der = (uint8_t *)1;
	size_t len = 99;
	uy_enc_options o = UY_ENC_OPTIONS_INIT;

	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, inner_v2, 10, r, 0, NULL), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, inner_v2, 10, nul, 1, NULL), UY_ERR_USAGE);
	/* Ed25519 can neither transport nor agree a key in CMS. */
	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, inner_v2, 10, ed, 1, NULL), UY_ERR_USAGE);
	ck_assert_ptr_null(der);
	o.version = 2;
	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, inner_v2, 10, r, 1, &o), UY_ERR_USAGE);
	o.version = UY_ENC_OPTIONS_VERSION;
	o.content = (uy_enc_content)7;
	ck_assert_int_eq(uy_enc_make_enveloped(&der, &len, inner_v2, 10, r, 1, &o), UY_ERR_USAGE);
}
END_TEST

/* ---- vectors: .eyps from the real samples, checked by uyum itself ---- */

/* Structure and container checks plus every eyps:: check. */
static const char *const structural_ids[] = {
#define UY_CHECK(sym, id, rule, level, ttr, ten, rtr, ren) id,
#include "uyum/checks/container.def"
#include "uyum/checks/structure.def"
#undef UY_CHECK
};

static int
is_structural(const char *id)
{
	if (strncmp(id, "eyps::", 6) == 0) {
		return 1;
	}
	for (size_t i = 0; i < sizeof(structural_ids) / sizeof(structural_ids[0]); i++) {
		if (strcmp(structural_ids[i], id) == 0) {
			return 1;
		}
	}
	return 0;
}

static size_t
count_results(const uy_pkg_report *r, const char *id, uy_status st)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_results; i++) {
		if (strcmp(r->results[i].check->id, id) == 0 && r->results[i].status == st) {
			n++;
		}
	}
	return n;
}

/* Read one entry of a ZIP file. */
static uint8_t *
zip_entry(const char *path, const char *name, size_t *len_out)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	zip_stat_t st;

	ck_assert_ptr_nonnull(za);
	zip_stat_init(&st);
	ck_assert_msg(zip_stat(za, name, 0, &st) == 0, "no entry %s in %s", name, path);
	uint8_t *b = uy_alloc((size_t)st.size + 1);
	ck_assert_ptr_nonnull(b);
	zip_file_t *zf = zip_fopen(za, name, 0);
	ck_assert_ptr_nonnull(zf);
	ck_assert_int_eq(zip_fread(zf, b, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_discard(za);
	*len_out = (size_t)st.size;
	return b;
}

/* Entry names in order. */
static char *
zip_names(const char *path)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	uy_buf b;

	ck_assert_ptr_nonnull(za);
	uy_buf_init(&b, 1 << 16, 0);
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
		ck_assert_int_eq(uy_buf_printf(&b, "%s\n", zip_get_name(za, (zip_uint64_t)i, 0)), UY_OK);
	}
	zip_discard(za);
	char *s = (char *)uy_buf_take(&b, NULL);
	ck_assert_ptr_nonnull(s);
	return s;
}

static void
dump(const uy_pkg_report *r)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (res->status != UY_STATUS_PASSED) {
			fprintf(stderr, "  %s [%s] %s %s: %s\n", res->check->id, res->scope,
			    uy_status_name(res->status), res->part != NULL ? res->part : "",
			    res->detail_en != NULL ? res->detail_en : "");
		}
	}
}

/* Build an .eyps, check it with uyum and with OpenSSL. */
static void
eyps_roundtrip(const char *sample, const char *guid, int gen, X509 *cert, EVP_PKEY *key,
    uy_enc_content content, const char *summary_name, const char *content_name)
{
	char *out = tmp_path("t.eyps");
	uy_eyps_options o = UY_EYPS_OPTIONS_INIT;
	X509 *r[] = {cert};
	uy_pkg_report rep;
	size_t inner_len = 0;
	size_t a_len = 0;
	size_t b_len = 0;

	o.enc.content = content;
	uy_err rc = uy_enc_make_eyps(out, sample, r, 1, &o);
	ck_assert_msg(rc == UY_OK, "%s: %s", uy_err_name(rc), uy_error_last());

	/* uyum's checker: the outer checks only (the inner is encrypted). */
	ck_assert_int_eq(uy_eyp_check_file(&rep, out), UY_OK);
	ck_assert_str_eq(rep.kind, ".eyps");
	ck_assert_str_eq(rep.generation, gen == 1 ? "1.x" : "2.x");
	size_t bad = 0;
	for (size_t i = 0; i < rep.n_results; i++) {
		const uy_result *res = &rep.results[i];
		ck_assert_str_eq(res->scope, ""); /* nothing was opened inside */
		if (res->status == UY_STATUS_FAILED && is_structural(res->check->id)) {
			bad++;
		}
	}
	if (bad != 0 || count_results(&rep, "eyps::sifreliicerik::not-cms", UY_STATUS_PASSED) != 1) {
		dump(&rep);
	}
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(count_results(&rep, "eyps::sifreliicerik::not-cms", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&rep, "eyps::sifreliicerik::decrypt", UY_STATUS_NOT_EVALUATED), 1);
	ck_assert_uint_eq(count_results(&rep, "eyps::sifreliicerikbilgisi::content", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&rep, "eyps::sifreliicerik::name", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&rep, "eyps::core::identifier", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&rep, "eyps::core::created", UY_STATUS_PASSED), 1);
	uy_pkg_report_dispose(&rep);

	/* The outer summary is the inner one byte for byte (spec §9). */
	uint8_t *a = zip_entry(out, summary_name, &a_len);
	uint8_t *b = zip_entry(sample, summary_name, &b_len);
	ck_assert_uint_eq(a_len, b_len);
	ck_assert_int_eq(memcmp(a, b, a_len), 0);
	uy_free(a);
	uy_free(b);

	/* Core identifier = inner BelgeId, uppercase. */
	char *names = zip_names(out);
	char *core_line = strstr(names, "package/services/metadata/core-properties/");
	ck_assert_ptr_nonnull(core_line);
	char *nl = strchr(core_line, '\n');
	*nl = '\0';
	a = zip_entry(out, core_line, &a_len);
	char *want = uy_asprintf("<dc:identifier>%s</dc:identifier>", guid);
	ck_assert_ptr_nonnull(strstr((char *)a, want));
	ck_assert_ptr_nonnull(strstr((char *)a, "<category>RESMIYAZISMA/SIFRELI</category>"));
	ck_assert_ptr_nonnull(strstr((char *)a, "2021-02-15T12:39:00Z"));
	uy_free(want);
	uy_free(a);
	uy_free(names);

	/* SifreliIcerik decrypts, with OpenSSL, to the exact inner file. */
	uint8_t *inner = read_file(sample, &inner_len);
	a = zip_entry(out, content_name, &a_len);
	ck_assert(decrypts_to(a, a_len, key, cert, inner, inner_len));
	uy_free(a);
	uy_free(inner);
	ck_assert_int_eq(unlink(out), 0);
	uy_free(out);
}

START_TEST(eyps_v2_rsa)
{
	eyps_roundtrip(SAMPLE_V2, SAMPLE_V2_GUID, 2, rsa_cert, rsa_key, UY_ENC_AES256_CBC,
	    "NihaiOzet/NihaiOzet.xml", "SifreliIcerik/" SAMPLE_V2_GUID);
}
END_TEST

START_TEST(eyps_v2_ec)
{
	eyps_roundtrip(SAMPLE_V2, SAMPLE_V2_GUID, 2, ec_cert, ec_key, UY_ENC_AES256_CBC,
	    "NihaiOzet/NihaiOzet.xml", "SifreliIcerik/" SAMPLE_V2_GUID);
}
END_TEST

START_TEST(eyps_v2_gcm)
{
	eyps_roundtrip(SAMPLE_V2, SAMPLE_V2_GUID, 2, rsa_cert, rsa_key, UY_ENC_AES256_GCM,
	    "NihaiOzet/NihaiOzet.xml", "SifreliIcerik/" SAMPLE_V2_GUID);
}
END_TEST

START_TEST(eyps_v1_rsa)
{
	eyps_roundtrip(SAMPLE_V1, SAMPLE_V1_GUID, 1, rsa_cert, rsa_key, UY_ENC_AES256_CBC,
	    "PaketOzeti/PaketOzeti.xml", "SifreliIcerik/" SAMPLE_V1_GUID ".eyp");
}
END_TEST

START_TEST(eyps_layout_and_stability)
{
	char *p1 = tmp_path("a.eyps");
	char *p2 = tmp_path("b.eyps");
	X509 *r[] = {rsa_cert};
	static const char *const fixed[] = {"[Content_Types].xml", "_rels/.rels",
	    "NihaiOzet/NihaiOzet.xml", "SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml"};

	ck_assert_int_eq(uy_enc_make_eyps(p1, SAMPLE_V2, r, 1, NULL), UY_OK);
	ck_assert_int_eq(uy_enc_make_eyps(p2, SAMPLE_V2, r, 1, NULL), UY_OK);
	char *n1 = zip_names(p1);
	char *n2 = zip_names(p2);
	ck_assert_str_eq(n1, n2);
	/* Fixed order: content types, rels, Core, summary, SifreliIcerikBilgisi, SifreliIcerik. */
	const char *want_prefix = "[Content_Types].xml\n_rels/.rels\npackage/services/metadata/core-properties/";
	ck_assert_int_eq(strncmp(n1, want_prefix, strlen(want_prefix)), 0);
	ck_assert_ptr_nonnull(strstr(n1, ".psmdcp\nNihaiOzet/NihaiOzet.xml\n"
	                                 "SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml\nSifreliIcerik/"
	                                 SAMPLE_V2_GUID "\n"));
	/* Everything but the CMS part is byte-stable between runs. */
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		size_t la = 0;
		size_t lb = 0;
		uint8_t *a = zip_entry(p1, fixed[i], &la);
		uint8_t *b = zip_entry(p2, fixed[i], &lb);
		ck_assert_uint_eq(la, lb);
		ck_assert_msg(memcmp(a, b, la) == 0, "%s differs", fixed[i]);
		uy_free(a);
		uy_free(b);
	}
	/* SifreliIcerikBilgisi exactly as spec §9 and the reference writer. */
	size_t bl = 0;
	uint8_t *bilgi = zip_entry(p1, "SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml", &bl);
	size_t sl = 0;
	uint8_t *sample = NULL;
	{
		/* The sample .eyps writes the same part (Tipler-2). */
		sample = zip_entry(UY_SAMPLES_DIR "/sifrelipaketv2x.eyps",
		    "SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml", &sl);
	}
	ck_assert_uint_eq(bl, sl);
	ck_assert_int_eq(memcmp(bilgi, sample, bl), 0);
	uy_free(bilgi);
	uy_free(sample);
	/* The ZIP entry times are the fixed creation time in UTC fields. */
	int zerr = 0;
	zip_t *za = zip_open(p1, ZIP_RDONLY, &zerr);
	ck_assert_ptr_nonnull(za);
	zip_stat_t st;
	zip_stat_init(&st);
	ck_assert_int_eq(zip_stat_index(za, 0, 0, &st), 0);
	struct tm tm;
	ck_assert_ptr_nonnull(localtime_r(&st.mtime, &tm));
	ck_assert_int_eq(tm.tm_year + 1900, 2021);
	ck_assert_int_eq(tm.tm_mon + 1, 2);
	ck_assert_int_eq(tm.tm_mday, 15);
	ck_assert_int_eq(tm.tm_hour, 12);
	ck_assert_int_eq(tm.tm_min, 39);
	zip_discard(za);
	ck_assert_int_eq(unlink(p1), 0);
	ck_assert_int_eq(unlink(p2), 0);
	uy_free(n1);
	uy_free(n2);
	uy_free(p1);
	uy_free(p2);
}
END_TEST

/* ---- malformed inner packages ---- */

typedef struct {
	const char *name;
	const char *text;
} entry_def;

static void
write_zip(const char *path, const entry_def *e, size_t n)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, e[i].text, strlen(e[i].text), 0);
		ck_assert_ptr_nonnull(s);
		ck_assert_int_ge(zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
}

#define RELS_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define REL_CORE "<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/core.psmdcp\" Id=\"R1\"/>"
#define REL_NIHAI "<Relationship Type=\"http://eyazisma.dpt/iliskiler/nihaiozet\" Target=\"/NihaiOzet/NihaiOzet.xml\" Id=\"IdNihaiOzet\"/>"
#define CORE_HEAD "<coreProperties xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"

typedef struct {
	const char *id;
	entry_def e[3];
	size_t n;
	uy_err want;
} bad_inner_row;

static const bad_inner_row bad_inner[] = {
	{"no rels", {{"a.txt", "x"}}, 1, UY_ERR_NOT_FOUND},
	{"rels not XML", {{"_rels/.rels", "<Relationships"}}, 1, UY_ERR_XML},
	{"rels with DOCTYPE",
	    {{"_rels/.rels", "<!DOCTYPE x [<!ENTITY a \"b\">]>" RELS_HEAD "</Relationships>"}}, 1,
	    UY_ERR_XML_DOCTYPE},
	{"no core relationship", {{"_rels/.rels", RELS_HEAD REL_NIHAI "</Relationships>"}}, 1,
	    UY_ERR_NOT_FOUND},
	{"core target absent", {{"_rels/.rels", RELS_HEAD REL_CORE "</Relationships>"}}, 1,
	    UY_ERR_NOT_FOUND},
	{"version 3.0",
	    {{"_rels/.rels", RELS_HEAD REL_CORE REL_NIHAI "</Relationships>"},
	        {"core.psmdcp", CORE_HEAD "<dc:identifier>B586D8E7-ADE1-4B08-B2B8-57250B22F8DC</dc:identifier><version>3.0</version></coreProperties>"}},
	    2, UY_ERR_SYNTAX},
	{"identifier not a GUID",
	    {{"_rels/.rels", RELS_HEAD REL_CORE REL_NIHAI "</Relationships>"},
	        {"core.psmdcp", CORE_HEAD "<dc:identifier>B586D8E7</dc:identifier><version>2.0</version></coreProperties>"}},
	    2, UY_ERR_SYNTAX},
	{"no identifier, no Ustveri",
	    {{"_rels/.rels", RELS_HEAD REL_CORE REL_NIHAI "</Relationships>"},
	        {"core.psmdcp", CORE_HEAD "<version>2.0</version></coreProperties>"}},
	    2, UY_ERR_NOT_FOUND},
	{"summary target absent",
	    {{"_rels/.rels", RELS_HEAD REL_CORE REL_NIHAI "</Relationships>"},
	        {"core.psmdcp", CORE_HEAD "<dc:identifier>b586d8e7-ade1-4b08-b2b8-57250b22f8dc</dc:identifier><version>2.0</version></coreProperties>"}},
	    2, UY_ERR_NOT_FOUND},
	{"1.x without paketozeti",
	    {{"_rels/.rels", RELS_HEAD REL_CORE REL_NIHAI "</Relationships>"},
	        {"core.psmdcp", CORE_HEAD "<dc:identifier>B586D8E7-ADE1-4B08-B2B8-57250B22F8DC</dc:identifier><version>1.3</version></coreProperties>"},
	        {"NihaiOzet/NihaiOzet.xml", "<x/>"}},
	    3, UY_ERR_NOT_FOUND},
};

START_TEST(malformed_inner)
{
	const bad_inner_row *row = &bad_inner[_i];
	char *in = tmp_path("in.eyp");
	char *out = tmp_path("out.eyps");
	X509 *r[] = {rsa_cert};

	write_zip(in, row->e, row->n);
	uy_err rc = uy_enc_make_eyps(out, in, r, 1, NULL);
	ck_assert_msg(rc == row->want, "%s: got %s (%s), want %s", row->id, uy_err_name(rc),
	    uy_error_last(), uy_err_name(row->want));
	ck_assert_int_ne(access(out, F_OK), 0); /* nothing written */
	ck_assert_int_eq(unlink(in), 0);
	uy_free(in);
	uy_free(out);
}
END_TEST

START_TEST(malformed_files)
{
	char *out = tmp_path("out.eyps");
	char *txt = tmp_path("not-a-zip.eyp");
	char *empty = tmp_path("empty.eyp");
	X509 *r[] = {rsa_cert};
	FILE *f = fopen(txt, "wb");

	ck_assert_ptr_nonnull(f);
	fputs("this is not a ZIP file", f);
	fclose(f);
	f = fopen(empty, "wb");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(uy_enc_make_eyps(out, "/nonexistent/x.eyp", r, 1, NULL), UY_ERR_IO);
	ck_assert_int_eq(uy_enc_make_eyps(out, txt, r, 1, NULL), UY_ERR_ZIP);
	ck_assert_int_eq(uy_enc_make_eyps(out, empty, r, 1, NULL), UY_ERR_ZIP);
	ck_assert_int_eq(uy_enc_make_eyps(out, SAMPLE_V2, r, 0, NULL), UY_ERR_USAGE);
	ck_assert_int_eq(uy_enc_make_eyps("/nonexistent/dir/out.eyps", SAMPLE_V2, r, 1, NULL), UY_ERR_IO);
	ck_assert_int_ne(access(out, F_OK), 0);
	ck_assert_int_eq(unlink(txt), 0);
	ck_assert_int_eq(unlink(empty), 0);
	uy_free(out);
	uy_free(txt);
	uy_free(empty);
}
END_TEST

static Suite *
uy_enc_suite(void)
{
	Suite *s = suite_create("enc");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *vectors = tcase_create("vectors");

	tcase_add_unchecked_fixture(happy, pki_setup, pki_teardown);
	tcase_add_unchecked_fixture(malformed, pki_setup, pki_teardown);
	tcase_add_unchecked_fixture(vectors, pki_setup, pki_teardown);
	tcase_set_timeout(happy, 60);
	tcase_set_timeout(malformed, 60);
	tcase_set_timeout(vectors, 120);
	tcase_add_test(happy, rsa_oaep_roundtrip);
	tcase_add_test(happy, ecdh_roundtrip);
	tcase_add_test(happy, gcm_roundtrip);
	tcase_add_test(happy, gcm_tamper_detected);
	tcase_add_test(happy, several_recipients);
	tcase_add_test(happy, wrong_key_cannot_decrypt);
	tcase_add_test(happy, empty_and_small_plaintext);
	tcase_add_test(happy, ecdh_gcm_roundtrip);
	tcase_add_test(happy, deterministic_libctx);
	tcase_add_test(malformed, bad_arguments);
	tcase_add_loop_test(malformed, malformed_inner, 0,
	    (int)(sizeof(bad_inner) / sizeof(bad_inner[0])));
	tcase_add_test(malformed, malformed_files);
	tcase_add_test(vectors, eyps_v2_rsa);
	tcase_add_test(vectors, eyps_v2_ec);
	tcase_add_test(vectors, eyps_v2_gcm);
	tcase_add_test(vectors, eyps_v1_rsa);
	tcase_add_test(vectors, eyps_layout_and_stability);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, malformed);
	suite_add_tcase(s, vectors);
	return s;
}

UY_TEST_MAIN(uy_enc_suite)
