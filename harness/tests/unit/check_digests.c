/*
 * check_digests.c - unit tests of the digest stage (harness/src/rules/digests.c)
 * and the signature stage (harness/src/rules/signatures.c).
 *
 * Everything runs through the real pipeline, uy_eyp_check_file(), on the
 * sample packages and on copies mutated here with libzip. Signatures are
 * made here with OpenSSL: a throwaway P-256 key and a self-signed
 * certificate with fixed validity dates.
 */
#include <limits.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "uy_test.h"
#include "uyum/uyum.h"

#define V1 "paketv1x.eyp"
#define V2 "paketv2x.eyp"
#define EYPS "sifrelipaketv2x.eyps"

#define P_PAKET "PaketOzeti/PaketOzeti.xml"
#define P_PARAF "ParafOzeti/ParafOzeti.xml"
#define P_NIHAI "NihaiOzet/NihaiOzet.xml"
#define P_IMZA "Imzalar/ImzaCades.imz"
#define P_PARAFIMZA "Paraflar/ParafImzaCades.imz"
#define P_MUHUR2 "Muhur/MuhurCades.imz"
#define P_MUHUR1 "Muhurler/MuhurCades.imz"

#define CK_PARAF_DIGEST "eyp::parafozeti::digest-mismatch"
#define CK_PAKET_DIGEST "eyp::paketozeti::digest-mismatch"
#define CK_NIHAI_DIGEST "eyp::nihaiozet::digest-mismatch"
#define CK_NOT_CMS "eyp::signature::not-cms"
#define CK_NOT_DER "eyp::signature::not-der"
#define CK_CADES "eyp::signature::cades-validation"
#define CK_K81 "eyp::imzacades::content"
#define CK_K100 "eyp::muhurcades::content"
#define CK_PARAF_CONTENT "eyp::parafimzacades::content"

#define SHA256_URI "http://www.w3.org/2001/04/xmlenc#sha256"
#define SHA384_URI "http://www.w3.org/2001/04/xmldsig-more#sha384"
#define SHA512_URI "http://www.w3.org/2001/04/xmlenc#sha512"
#define INNER "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8"
/* The first DigestValue of the 2.x PaketOzeti: SHA-384 of /UstYazi/ustyazi.pdf. */
#define UY384_TAIL "auTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg"
#define UY384 "A" UY384_TAIL
#define V2_ID "Id=\"B586D8E7-ADE1-4B08-B2B8-57250B22F8DC\""
#define LOWER_ID "Id=\"b586d8e7-ade1-4b08-b2b8-57250b22f8dc\""
#define OTHER_ID "Id=\"00000000-0000-0000-0000-000000000001\""
#define SHA1_URI "http://www.w3.org/2000/09/xmldsig#sha1"
#define U_USTYAZI "URI=\"/UstYazi/ustyazi.pdf\""
#define U_USTVERI "URI=\"/Ustveri/Ustveri.xml\""
#define U_EK1 "URI=\"/Ekler/ek1.pdf\""
#define U_EK2 "URI=\"/Ekler/ek2.pdf\""
#define U_HARICI "URI=\"http://HariciBilesen/belge.udf\""
#define T_DAHILI "Type=\"http://eyazisma.dpt/bilesen#dahili\""
#define T_HARICI "Type=\"http://eyazisma.dpt/bilesen#harici\""
#define CORE1 "/package/services/metadata/core-properties/a75bf22a5f5a4f55aadd014337a0400d.psmdcp"
#define CORE2 "/package/services/metadata/core-properties/1ab86e621b584e9f811c3cb336120e1c.psmdcp"

/* Bytes owned by the test (uy_alloc). */
typedef struct {
	uint8_t *ptr;
	size_t len;
} tbuf;

/* A package copy in its own temporary folder, keeping the sample's file name. */
typedef struct {
	char dir[64];
	char path[128];
} tcopy;

static void
tbuf_free(tbuf *b)
{
	uy_free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
}

static tbuf
tbuf_from(const void *p, size_t len)
{
	tbuf b = {uy_alloc(len + 1), len};

	ck_assert_ptr_nonnull(b.ptr);
	if (len > 0) {
		memcpy(b.ptr, p, len);
	}
	return b;
}

/* An entry of a sample package, read whole. */
static tbuf
sample_part(const char *sample, const char *entry)
{
	char path[512];
	int err = 0;
	zip_t *z = NULL;
	zip_file_t *f = NULL;
	zip_stat_t st;
	tbuf b = {NULL, 0};

	snprintf(path, sizeof(path), "%s/%s", UY_SAMPLES_DIR, sample);
	z = zip_open(path, ZIP_RDONLY, &err);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(zip_stat(z, entry, 0, &st), 0);
	b.len = (size_t)st.size;
	b.ptr = uy_alloc(b.len + 1);
	ck_assert_ptr_nonnull(b.ptr);
	f = zip_fopen(z, entry, 0);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(zip_fread(f, b.ptr, b.len), (zip_int64_t)b.len);
	zip_fclose(f);
	zip_discard(z);
	return b;
}

/* Copy a sample into a fresh temporary folder. */
static void
copy_sample(tcopy *c, const char *sample)
{
	char src[512];
	FILE *in = NULL;
	FILE *out = NULL;
	char buf[65536];
	size_t n = 0;
	const char *tmp = getenv("TMPDIR");

	snprintf(c->dir, sizeof(c->dir), "%s/uyum-dg-XXXXXX",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(c->dir));
	snprintf(c->path, sizeof(c->path), "%s/%s", c->dir, sample);
	snprintf(src, sizeof(src), "%s/%s", UY_SAMPLES_DIR, sample);
	in = fopen(src, "rb");
	ck_assert_ptr_nonnull(in);
	out = fopen(c->path, "wb");
	ck_assert_ptr_nonnull(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	}
	fclose(in);
	ck_assert_int_eq(fclose(out), 0);
}

static void
copy_remove(tcopy *c)
{
	unlink(c->path);
	rmdir(c->dir);
}

/* Replace (data != NULL) or delete (data == NULL) an entry of a package copy. */
static void
put_part(const tcopy *c, const char *entry, const tbuf *data, int store)
{
	int err = 0;
	zip_t *z = zip_open(c->path, 0, &err);
	zip_int64_t idx = 0;

	ck_assert_ptr_nonnull(z);
	idx = zip_name_locate(z, entry, 0);
	ck_assert_int_ge(idx, 0);
	if (data == NULL) {
		ck_assert_int_eq(zip_delete(z, (zip_uint64_t)idx), 0);
	} else {
		/* libzip reads the buffer at zip_close(); it stays ours. */
		zip_source_t *src = zip_source_buffer(z, data->ptr, data->len, 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_eq(zip_file_replace(z, (zip_uint64_t)idx, src, 0), 0);
		if (store) {
			ck_assert_int_eq(
			    zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
		}
	}
	ck_assert_int_eq(zip_close(z), 0);
}

/* in with the first occurrence of old replaced by rep; old must occur. */
static tbuf
replace_once(const tbuf *in, const char *old, const char *rep)
{
	size_t lo = strlen(old);
	size_t lr = strlen(rep);
	const uint8_t *hit = NULL;
	tbuf out = {NULL, 0};

	for (size_t i = 0; lo <= in->len && i + lo <= in->len; i++) {
		if (memcmp(in->ptr + i, old, lo) == 0) {
			hit = in->ptr + i;
			break;
		}
	}
	ck_assert_msg(hit != NULL, "'%s' not found", old);
	size_t pre = (size_t)(hit - in->ptr);
	out.len = in->len - lo + lr;
	out.ptr = uy_alloc(out.len + 1);
	ck_assert_ptr_nonnull(out.ptr);
	memcpy(out.ptr, in->ptr, pre);
	memcpy(out.ptr + pre, rep, lr);
	memcpy(out.ptr + pre + lr, hit + lo, in->len - pre - lo);
	return out;
}

static void
check_file(uy_pkg_report *r, const char *path)
{
	ck_assert_int_eq(uy_eyp_check_file(r, path), UY_OK);
}

static void
check_sample(uy_pkg_report *r, const char *sample)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", UY_SAMPLES_DIR, sample);
	check_file(r, path);
}

/*
 * Number of results of a check with a status; scope NULL matches any
 * scope, needle (a substring of the English detail) NULL matches any.
 */
static size_t
rows(const uy_pkg_report *r, const char *id, const char *scope, uy_status st,
    const char *needle)
{
	size_t n = 0;

	ck_assert_msg(uy_check_find(id) != NULL, "unknown check id %s", id);
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (strcmp(res->check->id, id) != 0 || res->status != st) {
			continue;
		}
		if (scope != NULL && strcmp(res->scope, scope) != 0) {
			continue;
		}
		if (needle != NULL &&
		    (res->detail_en == NULL || strstr(res->detail_en, needle) == NULL)) {
			continue;
		}
		n++;
	}
	return n;
}

static void
dump(const uy_pkg_report *r, const char *prefix)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (prefix != NULL && strncmp(res->check->id, prefix, strlen(prefix)) != 0) {
			continue;
		}
		fprintf(stderr, "  %-40s [%s] %-13s %s %s:%ld %s\n", res->check->id, res->scope,
		    uy_status_name(res->status), res->part != NULL ? res->part : "",
		    res->path != NULL ? res->path : "", res->line,
		    res->detail_en != NULL ? res->detail_en : "");
	}
}

/* A check evaluated in the top scope with no finding: one PASSED row only. */
static void
assert_passed(const uy_pkg_report *r, const char *id)
{
	size_t p = rows(r, id, "", UY_STATUS_PASSED, NULL);
	size_t f = rows(r, id, "", UY_STATUS_FAILED, NULL);
	size_t s = rows(r, id, "", UY_STATUS_NOT_EVALUATED, NULL);

	if (p != 1 || f != 0 || s != 0) {
		dump(r, NULL);
	}
	ck_assert_msg(p == 1 && f == 0 && s == 0, "%s: %zu passed, %zu failed, %zu not evaluated",
	    id, p, f, s);
}

/* A check that does not apply: no row at all in the top scope. */
static void
assert_absent(const uy_pkg_report *r, const char *id)
{
	size_t n = rows(r, id, "", UY_STATUS_PASSED, NULL) +
	    rows(r, id, "", UY_STATUS_FAILED, NULL) +
	    rows(r, id, "", UY_STATUS_NOT_EVALUATED, NULL);

	ck_assert_msg(n == 0, "%s has %zu rows but does not apply", id, n);
}

/* cades-validation must never be PASSED: nothing validates signatures yet. */
static void
assert_never_cades_passed(const uy_pkg_report *r)
{
	ck_assert_uint_eq(rows(r, CK_CADES, NULL, UY_STATUS_PASSED, NULL), 0);
}

/* ---- signatures made here ---------------------------------------------- */

static EVP_PKEY *sig_key;
static X509 *sig_cert;

/* A throwaway P-256 key and self-signed certificate, fixed validity. */
static void
signer_setup(void)
{
	X509_NAME *name = NULL;

	sig_key = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(sig_key);
	sig_cert = X509_new();
	ck_assert_ptr_nonnull(sig_cert);
	ck_assert_int_eq(X509_set_version(sig_cert, 2), 1);
	ck_assert_int_eq(ASN1_INTEGER_set(X509_get_serialNumber(sig_cert), 1), 1);
	ck_assert_int_eq(ASN1_TIME_set_string(X509_getm_notBefore(sig_cert), "250101000000Z"), 1);
	ck_assert_int_eq(ASN1_TIME_set_string(X509_getm_notAfter(sig_cert), "350101000000Z"), 1);
	ck_assert_int_eq(X509_set_pubkey(sig_cert, sig_key), 1);
	name = X509_get_subject_name(sig_cert);
	ck_assert_int_eq(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
	    (const unsigned char *)"uyum test signer", -1, -1, 0), 1);
	ck_assert_int_eq(X509_set_issuer_name(sig_cert, name), 1);
	ck_assert_int_gt(X509_sign(sig_cert, sig_key, EVP_sha256()), 0);
}

static void
signer_teardown(void)
{
	X509_free(sig_cert);
	EVP_PKEY_free(sig_key);
	sig_cert = NULL;
	sig_key = NULL;
}

typedef enum { SIG_ATTACHED, SIG_DETACHED, SIG_BER, SIG_DATA } sig_form;

/* A CMS ContentInfo over content: SignedData (DER or BER) or plain Data. */
static tbuf
make_cms(const tbuf *content, sig_form form)
{
	unsigned int flags = CMS_BINARY | CMS_NOSMIMECAP;
	BIO *in = BIO_new_mem_buf(content->ptr, (int)content->len);
	CMS_ContentInfo *cms = NULL;
	unsigned char *der = NULL;
	tbuf out = {NULL, 0};

	ck_assert_ptr_nonnull(in);
	if (form == SIG_DATA) {
		cms = CMS_data_create(in, flags);
	} else if (form == SIG_BER) {
		/* Streaming: i2d_CMS_bio_stream writes indefinite lengths (BER). */
		BIO *mem = BIO_new(BIO_s_mem());
		BUF_MEM *bm = NULL;
		cms = CMS_sign(sig_cert, sig_key, NULL, in, flags | CMS_STREAM);
		ck_assert_ptr_nonnull(cms);
		ck_assert_int_eq(i2d_CMS_bio_stream(mem, cms, in, flags | CMS_STREAM), 1);
		BIO_get_mem_ptr(mem, &bm);
		out = tbuf_from(bm->data, bm->length);
		BIO_free(mem);
		CMS_ContentInfo_free(cms);
		BIO_free(in);
		return out;
	} else {
		cms = CMS_sign(sig_cert, sig_key, NULL, in,
		    flags | (form == SIG_DETACHED ? CMS_DETACHED : 0));
	}
	ck_assert_ptr_nonnull(cms);
	int n = i2d_CMS_ContentInfo(cms, &der);
	ck_assert_int_gt(n, 0);
	out = tbuf_from(der, (size_t)n);
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return out;
}

/* Replace a signature part of a copy with a CMS over a summary of the sample. */
static void
put_cms(const tcopy *c, const char *sample, const char *sig_entry, const char *summary_entry,
    sig_form form)
{
	tbuf sum = sample_part(sample, summary_entry);
	tbuf cms = make_cms(&sum, form);

	put_part(c, sig_entry, &cms, 0);
	tbuf_free(&cms);
	tbuf_free(&sum);
}

/* ---- happy ------------------------------------------------------------- */

/* *= type=test
 *= spec §15.2
 *# Digests (K.33, K.34, K.43, K.44), 5 + 9 values | **all valid** */
START_TEST(v1_digests_valid)
{
	uy_pkg_report r;
	static const char *const passed[] = {"eyp::paketozeti::malformed",
	    "eyp::nihaiozet::malformed", "eyp::paketozeti::id", "eyp::nihaiozet::id",
	    "eyp::summary::id-syntax", "eyp::summary::content-model",
	    "eyp::summary::reference-type",
	    "eyp::summary::algorithm", "eyp::summary::digest-value", "eyp::paketozeti::coverage",
	    "eyp::nihaiozet::coverage", "eyp::paketozeti::target-missing",
	    "eyp::nihaiozet::target-missing", "eyp::paketozeti::unsigned-attachment",
	    "eyp::nihaiozet::unsigned-attachment", "eyp::nihaiozet::external-reference",
	    "eyp::summary::absent-tolerated", CK_PAKET_DIGEST, CK_NIHAI_DIGEST, NULL};
	static const char *const absent[] = {"eyp::parafozeti::malformed", CK_PARAF_DIGEST,
	    "eyp::summary::algorithm-pair", "eyp::summary::id-uppercase", NULL};

	check_sample(&r, V1);
	for (size_t i = 0; passed[i] != NULL; i++) {
		assert_passed(&r, passed[i]);
	}
	for (size_t i = 0; absent[i] != NULL; i++) {
		assert_absent(&r, absent[i]);
	}
	uy_pkg_report_dispose(&r);
}
END_TEST

/* *= type=test
 *= spec §15.3
 *# Digests, 8 + 12 + 20 values | **all valid** (verified on the sample packages);
 *# coverage complete; 2.x algorithm rule passes */
START_TEST(v2_digests_valid)
{
	uy_pkg_report r;
	static const char *const passed[] = {"eyp::parafozeti::malformed",
	    "eyp::paketozeti::malformed", "eyp::nihaiozet::malformed", "eyp::parafozeti::id",
	    "eyp::paketozeti::id", "eyp::nihaiozet::id", "eyp::summary::id-syntax",
	    "eyp::summary::id-uppercase", "eyp::summary::content-model",
	    "eyp::summary::reference-type", "eyp::summary::algorithm",
	    "eyp::summary::algorithm-pair", "eyp::summary::digest-value",
	    "eyp::parafozeti::coverage", "eyp::paketozeti::coverage", "eyp::nihaiozet::coverage",
	    "eyp::parafozeti::target-missing", "eyp::paketozeti::target-missing",
	    "eyp::nihaiozet::target-missing", "eyp::parafozeti::unsigned-attachment",
	    "eyp::paketozeti::unsigned-attachment", "eyp::nihaiozet::unsigned-attachment",
	    "eyp::nihaiozet::external-reference", "eyp::summary::absent-tolerated",
	    CK_PARAF_DIGEST, CK_PAKET_DIGEST, CK_NIHAI_DIGEST, NULL};

	check_sample(&r, V2);
	for (size_t i = 0; passed[i] != NULL; i++) {
		assert_passed(&r, passed[i]);
	}
	uy_pkg_report_dispose(&r);
}
END_TEST

/* *= type=test
 *= spec §15.4
 *# Outer NihaiOzet references | must NOT be reported as missing outer parts (they
 *# point into the inner package) */
START_TEST(eyps_outer_summary)
{
	uy_pkg_report r;
	static const char *const passed[] = {"eyp::nihaiozet::malformed", "eyp::summary::id-syntax",
	    "eyp::summary::id-uppercase", "eyp::summary::content-model", "eyp::summary::algorithm",
	    "eyp::summary::algorithm-pair", "eyp::summary::digest-value",
	    "eyp::nihaiozet::external-reference", NULL};
	static const char *const skipped[] = {"eyp::nihaiozet::id", "eyp::nihaiozet::coverage",
	    "eyp::nihaiozet::target-missing", "eyp::nihaiozet::unsigned-attachment",
	    CK_NIHAI_DIGEST, NULL};

	check_sample(&r, EYPS);
	for (size_t i = 0; passed[i] != NULL; i++) {
		assert_passed(&r, passed[i]);
	}
	for (size_t i = 0; skipped[i] != NULL; i++) {
		ck_assert_msg(rows(&r, skipped[i], "", UY_STATUS_NOT_EVALUATED, NULL) == 1 &&
		        rows(&r, skipped[i], "", UY_STATUS_FAILED, NULL) == 0,
		    "%s must be not evaluated on the outer package", skipped[i]);
	}
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_NOT_EVALUATED,
	                      "references point into the encrypted inner package"),
	    1);
	/* The plain-ZIP inner package is checked in its own scope: 8 + 12 + 20 valid. */
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, INNER,
	                      UY_STATUS_PASSED, NULL),
	    1);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, INNER,
	                      UY_STATUS_PASSED, NULL),
	    1);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, INNER,
	                      UY_STATUS_PASSED, NULL),
	    1);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, NULL, UY_STATUS_FAILED, NULL), 0);
	uy_pkg_report_dispose(&r);
}
END_TEST

/* *= type=test
 *= spec §15.2, §15.3
 *# ImzaCades.imz, MuhurCades.imz | **ERROR: not CMS** (4 bytes, first byte `0x01`);
 *# K.81/K.100 fail */
START_TEST(placeholder_signatures)
{
	static const struct {
		const char *sample;
		size_t n_sigs;
	} cases[] = {{V1, 2}, {V2, 3}};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uy_pkg_report r;
		check_sample(&r, cases[i].sample);
		ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_FAILED, "first byte is 0x01"),
		    cases[i].n_sigs);
		ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_PASSED, NULL), 0);
		ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_FAILED, "not a CMS"), 1);
		ck_assert_uint_eq(rows(&r, CK_K100, "", UY_STATUS_FAILED, "not a CMS"), 1);
		ck_assert_uint_eq(rows(&r, CK_PARAF_CONTENT, "", UY_STATUS_FAILED, NULL),
		    cases[i].n_sigs == 3 ? 1 : 0);
		ck_assert_uint_eq(rows(&r, CK_NOT_DER, "", UY_STATUS_PASSED, NULL), 0);
		/* One NOT_EVALUATED row per signature part. */
		ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL), cases[i].n_sigs);
		ck_assert_str_eq(uy_check_find(CK_K81)->rule, "K.81");
		ck_assert_str_eq(uy_check_find(CK_K100)->rule, "K.100");
		assert_never_cades_passed(&r);
		ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
		uy_pkg_report_dispose(&r);
	}
}
END_TEST

/* Real attached SignedData over each summary: the structure checks pass. */
START_TEST(cms_attached_all)
{
	tcopy c;
	uy_pkg_report r;

	copy_sample(&c, V2);
	put_cms(&c, V2, P_PARAFIMZA, P_PARAF, SIG_ATTACHED);
	put_cms(&c, V2, P_IMZA, P_PAKET, SIG_ATTACHED);
	put_cms(&c, V2, P_MUHUR2, P_NIHAI, SIG_ATTACHED);
	check_file(&r, c.path);
	assert_passed(&r, CK_NOT_CMS);
	assert_passed(&r, CK_NOT_DER);
	assert_passed(&r, CK_K81);
	assert_passed(&r, CK_K100);
	assert_passed(&r, CK_PARAF_CONTENT);
	ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED,
	                      "No signature validation options were given (trust anchors, validation "
	                      "time); ImzaCades was checked for structure only"),
	    1);
	ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL),
	    3);
	assert_never_cades_passed(&r);
	ck_assert_int_ne(r.verdict, UY_VERDICT_PASSED);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
}
END_TEST

/* 1.x seal with a real SignedData over NihaiOzet: K.100 passes, K.81 still fails. */
START_TEST(cms_v1_seal)
{
	tcopy c;
	uy_pkg_report r;

	copy_sample(&c, V1);
	put_cms(&c, V1, P_MUHUR1, P_NIHAI, SIG_ATTACHED);
	check_file(&r, c.path);
	assert_passed(&r, CK_K100);
	ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_FAILED, NULL), 1);
	ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_FAILED, NULL), 1);
	assert_never_cades_passed(&r);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
}
END_TEST

/* ---- malformed --------------------------------------------------------- */

/* *= type=test
 *= spec §7
 *# **Input**: raw part bytes after decompression, no canonicalisation, BOM included */
START_TEST(ustyazi_flipped)
{
	tcopy c;
	uy_pkg_report r;
	tbuf pdf = sample_part(V2, "UstYazi/ustyazi.pdf");

	pdf.ptr[pdf.len / 2] ^= 0x01;
	copy_sample(&c, V2);
	put_part(&c, "UstYazi/ustyazi.pdf", &pdf, 0);
	check_file(&r, c.path);
	/* Two algorithms per Reference in 2.x: two findings per summary. */
	const char *uri = "'/UstYazi/ustyazi.pdf'";
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, "", UY_STATUS_FAILED, uri), 2);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, "", UY_STATUS_FAILED, uri), 2);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, uri), 2);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, "SHA-512"), 1);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, NULL), 2);
	ck_assert_str_eq(uy_check_find(CK_PAKET_DIGEST)->rule, "K.33");
	ck_assert_str_eq(uy_check_find(CK_NIHAI_DIGEST)->rule, "K.43");
	ck_assert_ptr_null(uy_check_find(CK_PARAF_DIGEST)->rule);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&pdf);
}
END_TEST

/*
 * One covered part changed at a time (a byte appended): the number of
 * mismatches per summary is the number of digest values over that part.
 * Summed over all parts, this proves 5 + 9 (1.x) and 8 + 12 + 20 (2.x)
 * comparisons are made.
 */
static const struct {
	const char *sample;
	const char *entry;
	size_t paraf, paket, nihai;
} covered[] = {
	{V1, "BelgeHedef/BelgeHedef.xml", 0, 1, 1},
	{V1, "UstYazi/ustyazi.pdf", 0, 1, 1},
	{V1, "Ustveri/Ustveri.xml", 0, 1, 1},
	{V1, "Ekler/ek1.pdf", 0, 1, 1},
	{V1, "Ekler/ek2.pdf", 0, 1, 1},
	{V1, "Imzalar/BelgeImza.xml", 0, 0, 1},
	{V1, P_PAKET, 0, 0, 1},
	{V1, P_IMZA, 0, 0, 1},
	{V1, &CORE1[1], 0, 0, 1},
	{V2, "UstYazi/ustyazi.pdf", 2, 2, 2},
	{V2, "Ustveri/Ustveri.xml", 2, 2, 2},
	{V2, "Ekler/ek1.pdf", 2, 2, 2},
	{V2, "Ekler/ek2.pdf", 2, 2, 2},
	{V2, P_PARAF, 0, 2, 2},
	{V2, P_PARAFIMZA, 0, 2, 2},
	{V2, P_PAKET, 0, 0, 2},
	{V2, P_IMZA, 0, 0, 2},
	{V2, "NihaiUstveri/NihaiUstveri.xml", 0, 0, 2},
	{V2, &CORE2[1], 0, 0, 2},
};

START_TEST(covered_part_changed)
{
	tcopy c;
	uy_pkg_report r;
	tbuf orig = sample_part(covered[_i].sample, covered[_i].entry);
	tbuf changed = {uy_alloc(orig.len + 1), orig.len + 1};
	char uri[256];

	/* XML stays well-formed with trailing whitespace; PDF and .imz do not care. */
	ck_assert_ptr_nonnull(changed.ptr);
	memcpy(changed.ptr, orig.ptr, orig.len);
	changed.ptr[orig.len] = '\n';
	copy_sample(&c, covered[_i].sample);
	put_part(&c, covered[_i].entry, &changed, 0);
	check_file(&r, c.path);
	snprintf(uri, sizeof(uri), "'/%s'", covered[_i].entry);
	if (rows(&r, CK_PAKET_DIGEST, "", UY_STATUS_FAILED, NULL) != covered[_i].paket ||
	    rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, NULL) != covered[_i].nihai) {
		dump(&r, "eyp::");
	}
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, "", UY_STATUS_FAILED, uri), covered[_i].paraf);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, "", UY_STATUS_FAILED, uri), covered[_i].paket);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, uri), covered[_i].nihai);
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, "", UY_STATUS_FAILED, NULL), covered[_i].paraf);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, "", UY_STATUS_FAILED, NULL), covered[_i].paket);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, NULL), covered[_i].nihai);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&changed);
	tbuf_free(&orig);
}
END_TEST

START_TEST(covered_totals)
{
	size_t sum[2][3] = {{0, 0, 0}, {0, 0, 0}};

	for (size_t i = 0; i < sizeof(covered) / sizeof(covered[0]); i++) {
		size_t g = strcmp(covered[i].sample, V1) == 0 ? 0 : 1;
		sum[g][0] += covered[i].paraf;
		sum[g][1] += covered[i].paket;
		sum[g][2] += covered[i].nihai;
	}
	/* spec §15.2: 5 + 9; spec §15.3: 8 + 12 + 20. */
	ck_assert_uint_eq(sum[0][0], 0);
	ck_assert_uint_eq(sum[0][1], 5);
	ck_assert_uint_eq(sum[0][2], 9);
	ck_assert_uint_eq(sum[1][0], 8);
	ck_assert_uint_eq(sum[1][1], 12);
	ck_assert_uint_eq(sum[1][2], 20);
}
END_TEST

/* A summary mutated by up to two text replacements, and the row it must give. */
static const struct {
	const char *name;
	const char *sample;
	const char *entry;
	const char *old1, *new1;
	const char *old2, *new2;
	const char *check;
	uy_status status;
	const char *needle;
} mutations[] = {
	/* @Id (K.34, K.44, K.80) */
	{"id-missing", V2, P_PAKET, V2_ID, "", NULL, NULL,
	    "eyp::paketozeti::id", UY_STATUS_FAILED, "has no Id attribute"},
	{"id-other", V2, P_PAKET, V2_ID, OTHER_ID, NULL, NULL,
	    "eyp::paketozeti::id", UY_STATUS_FAILED, "differs from Ustveri/BelgeId"},
	{"id-lowercase", V2, P_PAKET, V2_ID, LOWER_ID, NULL, NULL,
	    "eyp::summary::id-uppercase", UY_STATUS_FAILED, "lowercase"},
	{"id-lowercase-equal", V2, P_PAKET, V2_ID, LOWER_ID, NULL, NULL,
	    "eyp::paketozeti::id", UY_STATUS_PASSED, NULL},
	{"id-not-guid", V2, P_PAKET, V2_ID, "Id=\"B586D8E7\"", NULL, NULL,
	    "eyp::summary::id-syntax", UY_STATUS_FAILED, "not a GUID"},
	{"nihai-id-other", V2, P_NIHAI, V2_ID, OTHER_ID, NULL, NULL,
	    "eyp::nihaiozet::id", UY_STATUS_FAILED, "differs"},
	{"paraf-id-other", V2, P_PARAF, V2_ID, OTHER_ID, NULL, NULL,
	    "eyp::parafozeti::id", UY_STATUS_FAILED, "differs"},
	/* Algorithms */
	{"sha1-in-2x", V2, P_PAKET, SHA384_URI, SHA1_URI, NULL, NULL,
	    "eyp::summary::algorithm", UY_STATUS_FAILED, "SHA-1"},
	{"sha384-in-1x", V1, P_PAKET, SHA256_URI, SHA384_URI, NULL, NULL,
	    "eyp::summary::algorithm", UY_STATUS_FAILED, "not allowed in 1.x"},
	{"unknown-alg", V2, P_PAKET, SHA384_URI, "http://example.org/md5", NULL, NULL,
	    "eyp::summary::algorithm", UY_STATUS_FAILED, "Unknown digest algorithm"},
	{"same-alg", V2, P_PAKET, SHA384_URI, SHA512_URI, NULL, NULL,
	    "eyp::summary::algorithm-pair", UY_STATUS_FAILED, "same algorithm"},
	{"no-sha512", V2, P_PAKET, SHA512_URI, SHA256_URI, NULL, NULL,
	    "eyp::summary::algorithm-pair", UY_STATUS_FAILED, "neither DigestItem is SHA-512"},
	{"empty-alg", V2, P_PAKET, "Algorithm=\"" SHA384_URI "\"", "Algorithm=\"\"", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "Algorithm"},
	/* xsd:anyURI collapses whitespace (regression: " <sha384 URI> " was an unknown
	 * algorithm, and the digests were then not compared). */
	{"alg-whitespace", V2, P_PAKET, "Algorithm=\"" SHA384_URI "\"",
	    "Algorithm=\" " SHA384_URI "\n\"", NULL, NULL, "eyp::summary::algorithm",
	    UY_STATUS_PASSED, NULL},
	{"alg-whitespace-digest", V2, P_PAKET, "Algorithm=\"" SHA384_URI "\"",
	    "Algorithm=\" " SHA384_URI "\n\"", NULL, NULL, CK_PAKET_DIGEST, UY_STATUS_PASSED, NULL},
	{"type-whitespace", V2, P_PAKET, T_DAHILI, "Type=\" http://eyazisma.dpt/bilesen#dahili \"",
	    NULL, NULL, "eyp::summary::reference-type", UY_STATUS_PASSED, NULL},
	/* DigestValue */
	{"value-bad-char", V2, P_PAKET, "WXadDg</DigestValue>", "WXad!g</DigestValue>", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "outside the base64 alphabet"},
	{"value-short", V2, P_PAKET, UY384, "AAAA", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "digest length"},
	{"value-empty", V2, P_PAKET, UY384, "", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "empty"},
	{"value-noncanonical", V1, P_NIHAI, "Q+x+cCg=", "Q+x+cCh=", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "non-canonical"},
	{"value-padding", V1, P_NIHAI, "Q+x+cCg=", "Q+x+cC==", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, NULL},
	{"value-whitespace", V2, P_PAKET, "U266OXr/w4IU3J", "U266OXr/\n   w4IU3J", NULL, NULL,
	    CK_PAKET_DIGEST, UY_STATUS_PASSED, NULL},
	{"value-wrong", V2, P_PAKET, UY384, "B" UY384_TAIL, NULL, NULL,
	    CK_PAKET_DIGEST, UY_STATUS_FAILED,
	    "the summary has B" UY384_TAIL ", the part's raw bytes give " UY384},
	/* Coverage (K.33, K.43) */
	{"coverage-ustveri", V2, P_PAKET, U_USTVERI, U_EK1, NULL, NULL,
	    "eyp::paketozeti::coverage", UY_STATUS_FAILED, "Ustveri component"},
	{"coverage-belgehedef-1x", V1, P_PAKET, "URI=\"/BelgeHedef/BelgeHedef.xml\"", U_EK1, NULL,
	    NULL, "eyp::paketozeti::coverage", UY_STATUS_FAILED, "BelgeHedef component"},
	{"coverage-core-1x", V1, P_NIHAI, "URI=\"" CORE1 "\"", U_EK1, NULL, NULL,
	    "eyp::nihaiozet::coverage", UY_STATUS_FAILED, "required by the official 1.x API, DPT1"},
	{"coverage-paraf-ek", V2, P_PARAF, U_EK2, U_EK1, NULL, NULL,
	    "eyp::parafozeti::coverage", UY_STATUS_FAILED, "'/Ekler/ek2.pdf'"},
	{"coverage-nihaiustveri", V2, P_NIHAI, "URI=\"/NihaiUstveri/NihaiUstveri.xml\"", U_EK1,
	    NULL, NULL, "eyp::nihaiozet::coverage", UY_STATUS_FAILED, "NihaiUstveri"},
	/* Targets, unsigned attachments, #harici */
	{"target-missing", V2, P_PAKET, U_EK2, "URI=\"/Ekler/yok.pdf\"", NULL, NULL,
	    "eyp::paketozeti::target-missing", UY_STATUS_FAILED, "'/Ekler/yok.pdf'"},
	{"target-missing-nihai", V2, P_NIHAI, U_EK2, "URI=\"/Ekler/yok.pdf\"", NULL, NULL,
	    "eyp::nihaiozet::target-missing", UY_STATUS_FAILED, "'/Ekler/yok.pdf'"},
	{"unsigned", V2, P_PAKET, U_EK2, "URI=\"/ImzasizEkler/ek2.pdf\"", NULL, NULL,
	    "eyp::paketozeti::unsigned-attachment", UY_STATUS_FAILED, "unsigned attachment"},
	{"unsigned-nihai", V2, P_NIHAI, U_EK2, "URI=\"/imzasizekler/ek2.pdf\"", NULL, NULL,
	    "eyp::nihaiozet::unsigned-attachment", UY_STATUS_FAILED, NULL},
	{"harici-nihai", V2, P_NIHAI, T_DAHILI, T_HARICI, NULL, NULL,
	    "eyp::nihaiozet::external-reference", UY_STATUS_FAILED, "#harici"},
	{"harici-paket-not-hashed", V2, P_PAKET, U_USTYAZI " " T_DAHILI, U_HARICI " " T_HARICI,
	    NULL, NULL, "eyp::paketozeti::target-missing", UY_STATUS_PASSED, NULL},
	{"harici-paket-algorithms", V2, P_PAKET, U_USTYAZI " " T_DAHILI, U_HARICI " " T_HARICI,
	    SHA384_URI, SHA512_URI, "eyp::summary::algorithm-pair", UY_STATUS_FAILED,
	    "http://HariciBilesen/belge.udf"},
	{"harici-not-coverage", V2, P_PAKET, T_DAHILI, T_HARICI, NULL, NULL,
	    "eyp::paketozeti::coverage", UY_STATUS_FAILED, "UstYazi"},
	{"type-unknown", V2, P_PAKET, T_DAHILI, "Type=\"dahili\"", NULL, NULL,
	    "eyp::summary::reference-type", UY_STATUS_FAILED, "not recognised"},
	/* Content model and URIs */
	{"one-digestitem", V2, P_PAKET, "<DigestItem>", "<Ozet>", "</DigestItem>", "</Ozet>",
	    "eyp::summary::content-model", UY_STATUS_FAILED, "1 DigestItem"},
	{"uri-empty", V2, P_PAKET, U_EK2, "URI=\"\"", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "no or an empty URI"},
	{"uri-percent", V2, P_PAKET, U_USTYAZI, "URI=\"UstYazi/ustyaz%69.pdf\"", NULL, NULL,
	    CK_PAKET_DIGEST, UY_STATUS_PASSED, NULL},
	{"uri-percent-target", V2, P_PAKET, U_USTYAZI, "URI=\"UstYazi/ustyaz%69.pdf\"", NULL,
	    NULL, "eyp::paketozeti::coverage", UY_STATUS_PASSED, NULL},
	{"uri-case", V2, P_PAKET, U_USTYAZI, "URI=\"/USTYAZI/UstYazi.PDF\"", NULL, NULL,
	    "eyp::paketozeti::target-missing", UY_STATUS_PASSED, NULL},
	{"v1-two-methods", V1, P_PAKET, "<DigestValue>", "<DigestMethod/><DigestValue>", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "2 DigestMethod"},
	{"unexpected-element", V2, P_PAKET, "</PaketOzeti>", "<Signature/></PaketOzeti>", NULL,
	    NULL, "eyp::summary::content-model", UY_STATUS_FAILED, "Unexpected element"},
	/* Parsing and root (K.29, K.39) */
	{"doctype", V2, P_PAKET, "<PaketOzeti ", "<!DOCTYPE PaketOzeti><PaketOzeti ", NULL, NULL,
	    "eyp::paketozeti::malformed", UY_STATUS_FAILED, "DOCTYPE"},
	{"doctype-dependents", V2, P_PAKET, "<PaketOzeti ", "<!DOCTYPE PaketOzeti><PaketOzeti ",
	    NULL, NULL, CK_PAKET_DIGEST, UY_STATUS_NOT_EVALUATED, "could not be parsed"},
	{"not-well-formed", V2, P_PAKET, "</PaketOzeti>", "</PaketOzet>", NULL, NULL,
	    "eyp::paketozeti::malformed", UY_STATUS_FAILED, NULL},
	{"wrong-root", V2, P_PAKET, "<PaketOzeti ", "<PaketOzetiX ", "</PaketOzeti>",
	    "</PaketOzetiX>", "eyp::paketozeti::malformed", UY_STATUS_FAILED, "root element"},
	{"wrong-root-dependents", V2, P_NIHAI, "<NihaiOzet ", "<PaketOzeti ", "</NihaiOzet>",
	    "</PaketOzeti>", "eyp::nihaiozet::external-reference", UY_STATUS_NOT_EVALUATED,
	    "not a summary"},
	{"wrong-generation", V2, P_PAKET, "PaketOzeti-2\">", "PaketOzeti-1\">", NULL, NULL,
	    "eyp::paketozeti::malformed", UY_STATUS_FAILED, "is for 1.x; the package is 2.x"},
};

START_TEST(summary_mutation)
{
	tcopy c;
	uy_pkg_report r;
	tbuf orig = sample_part(mutations[_i].sample, mutations[_i].entry);
	tbuf m1 = replace_once(&orig, mutations[_i].old1, mutations[_i].new1);
	tbuf m2 = {NULL, 0};
	const tbuf *use = &m1;

	if (mutations[_i].old2 != NULL) {
		m2 = replace_once(&m1, mutations[_i].old2, mutations[_i].new2);
		use = &m2;
	}
	copy_sample(&c, mutations[_i].sample);
	put_part(&c, mutations[_i].entry, use, 0);
	check_file(&r, c.path);
	size_t n = rows(&r, mutations[_i].check, "", mutations[_i].status, mutations[_i].needle);
	if (n == 0) {
		fprintf(stderr, "%s:\n", mutations[_i].name);
		dump(&r, "eyp::");
	}
	ck_assert_msg(n >= 1, "%s: no %s row for %s", mutations[_i].name,
	    uy_status_name(mutations[_i].status), mutations[_i].check);
	if (mutations[_i].status == UY_STATUS_PASSED) {
		assert_passed(&r, mutations[_i].check);
	}
	assert_never_cades_passed(&r);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&m2);
	tbuf_free(&m1);
	tbuf_free(&orig);
}
END_TEST

/* A summary without any Reference. */
START_TEST(no_reference)
{
	static const char doc[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<PaketOzeti " V2_ID " xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-2\" />";
	tbuf b = tbuf_from(doc, sizeof(doc) - 1);
	tcopy c;
	uy_pkg_report r;

	copy_sample(&c, V2);
	put_part(&c, P_PAKET, &b, 0);
	check_file(&r, c.path);
	ck_assert_uint_eq(rows(&r, "eyp::summary::content-model", "", UY_STATUS_FAILED,
	                      "holds no Reference"),
	    1);
	ck_assert_uint_ge(rows(&r, "eyp::paketozeti::coverage", "", UY_STATUS_FAILED, NULL), 4);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&b);
}
END_TEST

/* *= type=test
 *= spec §7
 *# ParafImzaCades may be missing (CB returns `PARAF_IMZA_BILESENI_YOK` = 32, accepted by
 *# its test application) */
START_TEST(parafimza_stripped)
{
	tcopy c;
	uy_pkg_report r;

	copy_sample(&c, V2);
	put_part(&c, P_PARAFIMZA, NULL, 0);
	check_file(&r, c.path);
	ck_assert_uint_eq(rows(&r, "eyp::summary::absent-tolerated", "", UY_STATUS_FAILED,
	                      "tolerated for ParafImzaCades"),
	    2);
	ck_assert_int_eq(uy_check_find("eyp::summary::absent-tolerated")->level, UY_LEVEL_INFO);
	assert_passed(&r, "eyp::paketozeti::target-missing");
	assert_passed(&r, "eyp::nihaiozet::target-missing");
	assert_passed(&r, CK_PAKET_DIGEST);
	assert_passed(&r, CK_NIHAI_DIGEST);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
}
END_TEST

/* *= type=test
 *= spec §7
 *# A referenced `/Ekler/…` part may be missing when a Dagitim lists it in
 *# KonulmamisEkListesi */
START_TEST(konulmamis_ek_absent)
{
	tcopy c;
	uy_pkg_report r;
	tbuf ustveri = sample_part(V2, "Ustveri/Ustveri.xml");
	tbuf m = replace_once(&ustveri, "<tipler:Miat>0</tipler:Miat>",
	    "<tipler:Miat>0</tipler:Miat><tipler:KonulmamisEkListesi><tipler:KonulmamisEk>"
	    "<tipler:EkId>9483F31C-3734-41FA-A449-2FE4E962CB3B</tipler:EkId>"
	    "</tipler:KonulmamisEk></tipler:KonulmamisEkListesi>");

	copy_sample(&c, V2);
	put_part(&c, "Ustveri/Ustveri.xml", &m, 0);
	put_part(&c, "Ekler/ek2.pdf", NULL, 0);
	check_file(&r, c.path);
	/* ParafOzeti, PaketOzeti and NihaiOzet each reference the absent ek2. */
	ck_assert_uint_eq(rows(&r, "eyp::summary::absent-tolerated", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'; the part is not in the package, which is "
	                      "tolerated for KonulmamisEk"),
	    3);
	assert_passed(&r, "eyp::parafozeti::target-missing");
	assert_passed(&r, "eyp::paketozeti::target-missing");
	assert_passed(&r, "eyp::nihaiozet::target-missing");
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&m);
	tbuf_free(&ustveri);
}
END_TEST

/* The same attachment missing without a KonulmamisEk entry is a failure. */
START_TEST(ek_absent)
{
	tcopy c;
	uy_pkg_report r;

	copy_sample(&c, V2);
	put_part(&c, "Ekler/ek2.pdf", NULL, 0);
	check_file(&r, c.path);
	ck_assert_uint_eq(rows(&r, "eyp::paketozeti::target-missing", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'"),
	    1);
	ck_assert_uint_eq(rows(&r, "eyp::nihaiozet::target-missing", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'"),
	    1);
	assert_passed(&r, "eyp::summary::absent-tolerated");
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
}
END_TEST

/* An unsigned attachment in the package (imzasizEk) that a summary covers. */
START_TEST(imzasiz_ek_covered)
{
	tcopy c;
	uy_pkg_report r;
	tbuf rels = sample_part(V2, "_rels/.rels");
	tbuf m = replace_once(&rels, "Type=\"http://eyazisma.dpt/iliskiler/ek\" "
	    "Target=\"/Ekler/ek2.pdf\"",
	    "Type=\"http://eyazisma.dpt/iliskiler/imzasizEk\" Target=\"/Ekler/ek2.pdf\"");

	copy_sample(&c, V2);
	put_part(&c, "_rels/.rels", &m, 0);
	check_file(&r, c.path);
	/* ek2 is now an unsigned attachment (in the wrong folder), yet all summaries cover it. */
	ck_assert_uint_eq(rows(&r, "eyp::parafozeti::unsigned-attachment", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'"),
	    1);
	ck_assert_uint_eq(rows(&r, "eyp::paketozeti::unsigned-attachment", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'"),
	    1);
	ck_assert_uint_eq(rows(&r, "eyp::nihaiozet::unsigned-attachment", "", UY_STATUS_FAILED,
	                      "'/Ekler/ek2.pdf'"),
	    1);
	ck_assert_str_eq(uy_check_find("eyp::paketozeti::unsigned-attachment")->rule, "K.33");
	ck_assert_str_eq(uy_check_find("eyp::nihaiozet::unsigned-attachment")->rule, "K.43");
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&m);
	tbuf_free(&rels);
}
END_TEST

/* The .imz parts replaced with defective CMS structures. */
START_TEST(cms_defects)
{
	static const struct {
		const char *name;
		sig_form form;
		const char *summary; /* signed content */
		int extra;           /* bytes appended */
		const char *check;
		const char *needle;
	} cases[] = {
		{"wrong-content", SIG_ATTACHED, P_NIHAI, 0, CK_K81, "differs from the bytes of "
		    "PaketOzeti"},
		{"detached", SIG_DETACHED, P_PAKET, 0, CK_K81, "detached"},
		{"ber", SIG_BER, P_PAKET, 0, CK_NOT_DER, "indefinite length"},
		{"data", SIG_DATA, P_PAKET, 0, CK_NOT_CMS, "1.2.840.113549.1.7.1"},
		{"trailing", SIG_ATTACHED, P_PAKET, 1, CK_NOT_CMS, "more bytes follow"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tcopy c;
		uy_pkg_report r;
		tbuf sum = sample_part(V2, cases[i].summary);
		tbuf cms = make_cms(&sum, cases[i].form);
		if (cases[i].extra) {
			tbuf longer = {uy_alloc(cms.len + 1), cms.len + 1};
			ck_assert_ptr_nonnull(longer.ptr);
			memcpy(longer.ptr, cms.ptr, cms.len);
			longer.ptr[cms.len] = 0;
			tbuf_free(&cms);
			cms = longer;
		}
		copy_sample(&c, V2);
		put_part(&c, P_IMZA, &cms, 0);
		check_file(&r, c.path);
		size_t n = rows(&r, cases[i].check, "", UY_STATUS_FAILED, cases[i].needle);
		if (n != 1) {
			fprintf(stderr, "%s:\n", cases[i].name);
			dump(&r, "eyp::");
		}
		ck_assert_msg(n == 1, "%s: %zu FAILED rows of %s", cases[i].name, n,
		    cases[i].check);
		if (cases[i].form == SIG_BER) {
			/* BER is still a SignedData that embeds PaketOzeti. */
			ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_PASSED, NULL), 1);
		}
		if (cases[i].form == SIG_ATTACHED && cases[i].extra == 0) {
			/* The other two signatures are placeholders: one row per part. */
			ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL), 3);
		}
		assert_never_cades_passed(&r);
		uy_pkg_report_dispose(&r);
		copy_remove(&c);
		tbuf_free(&cms);
		tbuf_free(&sum);
	}
}
END_TEST

/* Short or empty signature parts that start like DER or not at all. */
START_TEST(sig_garbage)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *needle;
	} cases[] = {
		{"", 0, "is empty"},
		{"\x30\x03\x01\x02\x03", 5, "cannot be decoded as a CMS ContentInfo"},
		{"\x30\x80\x00\x00", 4, "cannot be decoded as a CMS ContentInfo"},
		{"PK\x03\x04", 4, "first byte is 0x50"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tcopy c;
		uy_pkg_report r;
		tbuf b = tbuf_from(cases[i].bytes, cases[i].len);
		copy_sample(&c, V2);
		put_part(&c, P_MUHUR2, &b, 0);
		check_file(&r, c.path);
		ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_FAILED, cases[i].needle), 1);
		ck_assert_uint_eq(rows(&r, CK_K100, "", UY_STATUS_FAILED, NULL), 1);
		assert_never_cades_passed(&r);
		uy_pkg_report_dispose(&r);
		copy_remove(&c);
		tbuf_free(&b);
	}
}
END_TEST

/* ---- update package (.eypg), built here ------------------------------- */

#define EYPG_ID "5F0C2D9E-3B8A-4C71-9E02-6A1D4B7C8E13"
#define EYPG_CORE \
    "package/services/metadata/core-properties/5f0c2d9e3b8a4c719e026a1d4b7c8e13.psmdcp"
#define NL "\r\n"

/* base64 of the digest of b with md, into out (at least 89 bytes). */
static void
b64_digest(char *out, const tbuf *b, const EVP_MD *md)
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	ck_assert_int_eq(EVP_Digest(b->ptr, b->len, d, &n, md, NULL), 1);
	EVP_EncodeBlock((unsigned char *)out, d, (int)n);
}

/* One 2.x Reference with real SHA-384 and SHA-512 values of b. */
static void
eypg_ref(char *out, size_t cap, const char *uri, const tbuf *b)
{
	char v384[100];
	char v512[100];

	b64_digest(v384, b, EVP_sha384());
	b64_digest(v512, b, EVP_sha512());
	snprintf(out, cap,
	    "  <Reference URI=\"%s\" Type=\"http://eyazisma.dpt/bilesen#dahili\" "
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-2\">" NL
	    "    <DigestItem><DigestMethod Algorithm=\"" SHA384_URI "\" />"
	    "<DigestValue>%s</DigestValue></DigestItem>" NL
	    "    <DigestItem><DigestMethod Algorithm=\"" SHA512_URI "\" />"
	    "<DigestValue>%s</DigestValue></DigestItem>" NL
	    "  </Reference>" NL,
	    uri, v384, v512);
}

static void
zip_put_new(zip_t *z, const char *name, const tbuf *b)
{
	zip_source_t *src = zip_source_buffer(z, b->ptr, b->len, 0);

	ck_assert_ptr_nonnull(src);
	ck_assert_int_ge(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8), 0);
}

/*
 * A 2.1 update package (spec §10) around paketv2x.eyp, sealed with a real
 * SignedData over its NihaiOzet. variant 0: valid; 1: NihaiOzet/@Id is the
 * original's BelgeId, not the update's Core identifier; 2: no Reference for
 * OrijinalPaket.
 */
static void
build_eypg(tcopy *c, int variant)
{
	static const char ct[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"rels\" "
	    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
	    "<Default Extension=\"psmdcp\" "
	    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\" />"
	    "<Default Extension=\"imz\" ContentType=\"application/octet-stream\" />"
	    "<Default Extension=\"eyp\" ContentType=\"application/x-zip-compressed\" />"
	    "</Types>";
	static const char rels[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Type=\"http://eyazisma.dpt/iliskiler/guncellemebilgisi\" "
	    "Target=\"/GuncellemeBilgisi/GuncellemeBilgisi.xml\" Id=\"IdGuncellemeBilgisi\" />"
	    "<Relationship Type=\"http://eyazisma.dpt/iliskiler/orijinalpaket\" "
	    "Target=\"/OrijinalPaket/OrijinalPaket.eyp\" Id=\"IdOrijinalPaket\" />"
	    "<Relationship Type=\"http://eyazisma.dpt/iliskiler/nihaiozet\" "
	    "Target=\"/NihaiOzet/NihaiOzet.xml\" Id=\"IdNihaiOzet\" />"
	    "<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
	    "metadata/core-properties\" Target=\"/" EYPG_CORE "\" Id=\"R5f0c2d9e3b8a4c71\" />"
	    "</Relationships>";
	static const char nrels[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Type=\"http://eyazisma.dpt/iliskiler/muhurcades\" "
	    "Target=\"../Muhur/MuhurCades.imz\" Id=\"IdMuhurCades\" /></Relationships>";
	static const char core[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">"
	    "<dc:identifier>" EYPG_ID "</dc:identifier>"
	    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-05-05T09:00:00Z</dcterms:created>"
	    "<dc:creator>BİLGİ İŞLEM DAİRESİ BAŞKANLIĞI/61648174</dc:creator>"
	    "<dc:subject>Gizlilik Derecesi Değiştirme</dc:subject>"
	    "<category>RESMIYAZISMA/GUNCELLEME</category>"
	    "<contentType>application/eyazisma</contentType><version>2.1</version>"
	    "<revision>DotNet/check_digests</revision></coreProperties>";
	static const char bilgi[] = "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>" NL
	    "<GuncellemeBilgisi xmlns=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\"><Guncellemeler>"
	    "<GuncellemeTuru>GuvenlikKodu</GuncellemeTuru><GuvenlikKoduDegisiklikBilgisi>"
	    "<YeniGizlilikDerecesi>YOK</YeniGizlilikDerecesi>"
	    "<DegistirmeTarihi>2022-05-05T00:00:00</DegistirmeTarihi>"
	    "<Aciklama>Komisyon kararıyla gizlilik derecesi kaldırılmıştır.</Aciklama>"
	    "<KomisyonKarariBelgeNo>E-68244839-170.01-44181</KomisyonKarariBelgeNo>"
	    "<KomisyonKarariBelgeId>0B1E7A52-6C3D-4F89-A0B4-2D5E8F1C3A67</KomisyonKarariBelgeId>"
	    "</GuvenlikKoduDegisiklikBilgisi></Guncellemeler></GuncellemeBilgisi>";
	const char *tmp = getenv("TMPDIR");
	tbuf b_ct = tbuf_from(ct, sizeof(ct) - 1);
	tbuf b_rels = tbuf_from(rels, sizeof(rels) - 1);
	tbuf b_nrels = tbuf_from(nrels, sizeof(nrels) - 1);
	tbuf b_core = tbuf_from(core, sizeof(core) - 1);
	tbuf b_bilgi = tbuf_from(bilgi, sizeof(bilgi) - 1);
	tbuf b_orig = {NULL, 0};
	tbuf b_nihai = {NULL, 0};
	tbuf b_seal = {NULL, 0};
	char r1[1024], r2[1024], r3[1024];
	char src[512];
	FILE *f = NULL;
	int err = 0;
	zip_t *z = NULL;

	snprintf(src, sizeof(src), "%s/%s", UY_SAMPLES_DIR, V2);
	f = fopen(src, "rb");
	ck_assert_ptr_nonnull(f);
	b_orig.ptr = uy_alloc(200000);
	ck_assert_ptr_nonnull(b_orig.ptr);
	b_orig.len = fread(b_orig.ptr, 1, 200000, f);
	fclose(f);
	ck_assert_uint_gt(b_orig.len, 0);
	eypg_ref(r1, sizeof(r1), "/GuncellemeBilgisi/GuncellemeBilgisi.xml", &b_bilgi);
	eypg_ref(r2, sizeof(r2), "/OrijinalPaket/OrijinalPaket.eyp", &b_orig);
	eypg_ref(r3, sizeof(r3), "/" EYPG_CORE, &b_core);
	b_nihai.ptr = uy_alloc(8192);
	ck_assert_ptr_nonnull(b_nihai.ptr);
	b_nihai.len = (size_t)snprintf((char *)b_nihai.ptr, 8192,
	    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>" NL
	    "<NihaiOzet Id=\"%s\" xmlns=\"urn:dpt:eyazisma:schema:xsd:NihaiOzet-2\">" NL
	    "%s%s%s</NihaiOzet>",
	    variant == 1 ? "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC" : EYPG_ID, r1,
	    variant == 2 ? "" : r2, r3);
	b_seal = make_cms(&b_nihai, SIG_ATTACHED);

	snprintf(c->dir, sizeof(c->dir), "%s/uyum-dg-XXXXXX",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(c->dir));
	snprintf(c->path, sizeof(c->path), "%s/guncelleme.eypg", c->dir);
	z = zip_open(c->path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(z);
	zip_put_new(z, "[Content_Types].xml", &b_ct);
	zip_put_new(z, "_rels/.rels", &b_rels);
	zip_put_new(z, EYPG_CORE, &b_core);
	zip_put_new(z, "GuncellemeBilgisi/GuncellemeBilgisi.xml", &b_bilgi);
	zip_put_new(z, "OrijinalPaket/OrijinalPaket.eyp", &b_orig);
	zip_put_new(z, "NihaiOzet/NihaiOzet.xml", &b_nihai);
	zip_put_new(z, "NihaiOzet/_rels/NihaiOzet.xml.rels", &b_nrels);
	zip_put_new(z, "Muhur/MuhurCades.imz", &b_seal);
	ck_assert_int_eq(zip_close(z), 0);
	tbuf_free(&b_ct);
	tbuf_free(&b_rels);
	tbuf_free(&b_nrels);
	tbuf_free(&b_core);
	tbuf_free(&b_bilgi);
	tbuf_free(&b_orig);
	tbuf_free(&b_nihai);
	tbuf_free(&b_seal);
}

/* *= type=test
 *= spec §10
 *# NihaiOzet covers GuncellemeBilgisi, OrijinalPaket and Core and is sealed by
 *# `/Muhur/MuhurCades.imz`. */
START_TEST(eypg_summary)
{
	tcopy c;
	uy_pkg_report r;

	build_eypg(&c, _i);
	check_file(&r, c.path);
	ck_assert_str_eq(r.kind, ".eypg");
	if (_i == 0) {
		assert_passed(&r, "eyp::nihaiozet::coverage");
		assert_passed(&r, "eyp::nihaiozet::id");
		assert_passed(&r, "eyp::nihaiozet::target-missing");
		assert_passed(&r, CK_NIHAI_DIGEST);
		assert_passed(&r, CK_K100);
		assert_passed(&r, "eyp::summary::algorithm-pair");
		assert_passed(&r, "eyp::summary::id-uppercase");
		assert_absent(&r, CK_PAKET_DIGEST);
		assert_absent(&r, CK_K81);
		/* The original package is checked in its own scope, with its own defects. */
		ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "/OrijinalPaket/OrijinalPaket.eyp",
		                      UY_STATUS_PASSED, NULL),
		    1);
	} else if (_i == 1) {
		ck_assert_uint_eq(rows(&r, "eyp::nihaiozet::id", "", UY_STATUS_FAILED,
		                      "differs from Core identifier '" EYPG_ID "'"),
		    1);
	} else {
		ck_assert_uint_eq(rows(&r, "eyp::nihaiozet::coverage", "", UY_STATUS_FAILED,
		                      "OrijinalPaket component '/OrijinalPaket/OrijinalPaket.eyp'"),
		    1);
	}
	ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL), 1);
	assert_never_cades_passed(&r);
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
}
END_TEST

/* ---- limits ------------------------------------------------------------ */

/* PaketOzeti with n References: the first one repeated. */
static tbuf
paket_with_refs(size_t n)
{
	tbuf orig = sample_part(V2, P_PAKET);
	const char *start = strstr((const char *)orig.ptr, "<Reference ");
	const char *end = strstr((const char *)orig.ptr, "</Reference>");
	const char *close = strstr((const char *)orig.ptr, "</PaketOzeti>");
	tbuf out = {NULL, 0};

	ck_assert_ptr_nonnull(start);
	ck_assert_ptr_nonnull(end);
	ck_assert_ptr_nonnull(close);
	end += strlen("</Reference>");
	size_t head = (size_t)(start - (const char *)orig.ptr);
	size_t block = (size_t)(end - start);
	size_t tail = orig.len - (size_t)(close - (const char *)orig.ptr);
	out.len = head + n * (block + 1) + tail;
	out.ptr = uy_alloc(out.len + 1);
	ck_assert_ptr_nonnull(out.ptr);
	memcpy(out.ptr, orig.ptr, head);
	for (size_t i = 0; i < n; i++) {
		memcpy(out.ptr + head + i * (block + 1), start, block);
		out.ptr[head + i * (block + 1) + block] = '\n';
	}
	memcpy(out.ptr + head + n * (block + 1), close, tail);
	tbuf_free(&orig);
	return out;
}

/* *= type=test
 *= uy_limits.h
 *# References per summary (ParafOzeti, PaketOzeti, NihaiOzet). */
START_TEST(references_cap)
{
	static const size_t counts[] = {UY_MAX_REFERENCES, UY_MAX_REFERENCES + 1};

	for (size_t i = 0; i < 2; i++) {
		tcopy c;
		uy_pkg_report r;
		tbuf b = paket_with_refs(counts[i]);
		copy_sample(&c, V2);
		put_part(&c, P_PAKET, &b, 0);
		check_file(&r, c.path);
		ck_assert_uint_eq(rows(&r, "eyp::summary::content-model", "", UY_STATUS_FAILED,
		                      "uyum checks at most 4096"),
		    i);
		/* All repeated references are to UstYazi and correct. */
		assert_passed(&r, CK_PAKET_DIGEST);
		uy_pkg_report_dispose(&r);
		copy_remove(&c);
		tbuf_free(&b);
	}
}
END_TEST

/* A DigestValue of 1 MiB: one finding, a bounded detail. */
START_TEST(huge_digest_value)
{
	tcopy c;
	uy_pkg_report r;
	tbuf orig = sample_part(V2, P_PAKET);
	size_t big = (size_t)1 << 20;
	char *value = uy_alloc(big + 1);

	ck_assert_ptr_nonnull(value);
	memset(value, 'A', big);
	tbuf m = replace_once(&orig, UY384,
	    value);
	copy_sample(&c, V2);
	put_part(&c, P_PAKET, &m, 1);
	check_file(&r, c.path);
	if (rows(&r, "eyp::summary::digest-value", "", UY_STATUS_FAILED,
	        "longer than the longest supported digest") != 1) {
		dump(&r, "eyp::");
	}
	ck_assert_uint_eq(rows(&r, "eyp::summary::digest-value", "", UY_STATUS_FAILED,
	                      "longer than the longest supported digest"),
	    1);
	for (size_t i = 0; i < r.n_results; i++) {
		if (r.results[i].detail_en != NULL) {
			ck_assert_uint_lt(strlen(r.results[i].detail_en), 2048);
			ck_assert_uint_lt(strlen(r.results[i].detail_tr), 2048);
		}
	}
	uy_pkg_report_dispose(&r);
	copy_remove(&c);
	tbuf_free(&m);
	tbuf_free(&orig);
	uy_free(value);
}
END_TEST

/* *= type=test
 *= uy_limits.h
 *# CAdES with embedded revocation data stays below a few MiB. */
START_TEST(signature_cap)
{
	static const uint64_t sizes[] = {UY_MAX_SIGNATURE_PART, UY_MAX_SIGNATURE_PART + 1};

	for (size_t i = 0; i < 2; i++) {
		tcopy c;
		uy_pkg_report r;
		tbuf b = {uy_alloc((size_t)sizes[i]), (size_t)sizes[i]};
		ck_assert_ptr_nonnull(b.ptr);
		/* Incompressible, so the ratio limit stays out of the way; starts like DER. */
		ck_assert_int_eq(RAND_bytes(b.ptr, (int)b.len), 1);
		b.ptr[0] = 0x30;
		copy_sample(&c, V2);
		put_part(&c, P_IMZA, &b, 1);
		check_file(&r, c.path);
		if (i == 0) {
			ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_FAILED,
			                      "cannot be decoded as a CMS ContentInfo"),
			    1);
		} else {
			ck_assert_uint_eq(rows(&r, CK_NOT_CMS, "", UY_STATUS_NOT_EVALUATED,
			                      "could not be read"),
			    1);
			ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_NOT_EVALUATED, NULL), 1);
		}
		assert_never_cades_passed(&r);
		uy_pkg_report_dispose(&r);
		copy_remove(&c);
		tbuf_free(&b);
	}
}
END_TEST

Suite *
uy_digests_suite(void)
{
	Suite *s = suite_create("digests");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *limits = tcase_create("limits");

	tcase_add_checked_fixture(happy, signer_setup, signer_teardown);
	tcase_add_checked_fixture(malformed, signer_setup, signer_teardown);
	tcase_set_timeout(happy, 60);
	tcase_set_timeout(malformed, 120);
	tcase_set_timeout(limits, 300);
	tcase_add_test(happy, v1_digests_valid);
	tcase_add_test(happy, v2_digests_valid);
	tcase_add_test(happy, eyps_outer_summary);
	tcase_add_test(happy, placeholder_signatures);
	tcase_add_test(happy, cms_attached_all);
	tcase_add_test(happy, cms_v1_seal);
	tcase_add_loop_test(happy, eypg_summary, 0, 3);
	tcase_add_test(malformed, ustyazi_flipped);
	tcase_add_loop_test(malformed, covered_part_changed, 0,
	    (int)(sizeof(covered) / sizeof(covered[0])));
	tcase_add_test(malformed, covered_totals);
	tcase_add_loop_test(malformed, summary_mutation, 0,
	    (int)(sizeof(mutations) / sizeof(mutations[0])));
	tcase_add_test(malformed, no_reference);
	tcase_add_test(malformed, parafimza_stripped);
	tcase_add_test(malformed, konulmamis_ek_absent);
	tcase_add_test(malformed, ek_absent);
	tcase_add_test(malformed, imzasiz_ek_covered);
	tcase_add_test(malformed, cms_defects);
	tcase_add_test(malformed, sig_garbage);
	tcase_add_test(limits, references_cap);
	tcase_add_test(limits, huge_digest_value);
	tcase_add_test(limits, signature_cap);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, malformed);
	suite_add_tcase(s, limits);
	return s;
}

UY_TEST_MAIN(uy_digests_suite)
