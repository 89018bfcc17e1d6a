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
#define V2_ID "Id=\"B586D8E7-ADE1-4B08-B2B8-57250B22F8DC\""

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
			ck_assert_int_eq(zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0),
			    0);
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
		if (needle != NULL && (res->detail_en == NULL || strstr(res->detail_en, needle) == NULL)) {
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
	ck_assert_msg(p == 1 && f == 0 && s == 0, "%s: %zu passed, %zu failed, %zu not evaluated", id,
	    p, f, s);
}

/* A check that does not apply: no row at all in the top scope. */
static void
assert_absent(const uy_pkg_report *r, const char *id)
{
	size_t n = rows(r, id, "", UY_STATUS_PASSED, NULL) + rows(r, id, "", UY_STATUS_FAILED, NULL) +
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
	    "eyp::summary::id-syntax", "eyp::summary::content-model", "eyp::summary::reference-type",
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
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8",
	                      UY_STATUS_PASSED, NULL),
	    1);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8",
	                      UY_STATUS_PASSED, NULL),
	    1);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8",
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
		ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_FAILED, "not a CMS SignedData"), 1);
		ck_assert_uint_eq(rows(&r, CK_K100, "", UY_STATUS_FAILED, "not a CMS SignedData"), 1);
		ck_assert_uint_eq(rows(&r, CK_PARAF_CONTENT, "", UY_STATUS_FAILED, NULL),
		    cases[i].n_sigs == 3 ? 1 : 0);
		ck_assert_uint_eq(rows(&r, CK_NOT_DER, "", UY_STATUS_PASSED, NULL), 0);
		ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL), 1);
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
	                      "CAdES cryptographic validation is not implemented yet (issue: signature validation)"),
	    1);
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
	ck_assert_uint_eq(rows(&r, CK_PARAF_DIGEST, "", UY_STATUS_FAILED, "/UstYazi/ustyazi.pdf"), 2);
	ck_assert_uint_eq(rows(&r, CK_PAKET_DIGEST, "", UY_STATUS_FAILED, "/UstYazi/ustyazi.pdf"), 2);
	ck_assert_uint_eq(rows(&r, CK_NIHAI_DIGEST, "", UY_STATUS_FAILED, "/UstYazi/ustyazi.pdf"), 2);
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
	{V1, "package/services/metadata/core-properties/a75bf22a5f5a4f55aadd014337a0400d.psmdcp", 0,
	    0, 1},
	{V2, "UstYazi/ustyazi.pdf", 2, 2, 2},
	{V2, "Ustveri/Ustveri.xml", 2, 2, 2},
	{V2, "Ekler/ek1.pdf", 2, 2, 2},
	{V2, "Ekler/ek2.pdf", 2, 2, 2},
	{V2, P_PARAF, 0, 2, 2},
	{V2, P_PARAFIMZA, 0, 2, 2},
	{V2, P_PAKET, 0, 0, 2},
	{V2, P_IMZA, 0, 0, 2},
	{V2, "NihaiUstveri/NihaiUstveri.xml", 0, 0, 2},
	{V2, "package/services/metadata/core-properties/1ab86e621b584e9f811c3cb336120e1c.psmdcp", 0,
	    0, 2},
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
	{"id-missing", V2, P_PAKET, V2_ID, "", NULL, NULL, "eyp::paketozeti::id", UY_STATUS_FAILED,
	    "has no Id attribute"},
	{"id-other", V2, P_PAKET, V2_ID, "Id=\"00000000-0000-0000-0000-000000000001\"", NULL, NULL,
	    "eyp::paketozeti::id", UY_STATUS_FAILED, "differs from Ustveri/BelgeId"},
	{"id-lowercase", V2, P_PAKET, V2_ID, "Id=\"b586d8e7-ade1-4b08-b2b8-57250b22f8dc\"", NULL,
	    NULL, "eyp::summary::id-uppercase", UY_STATUS_FAILED, "lowercase"},
	{"id-lowercase-equal", V2, P_PAKET, V2_ID, "Id=\"b586d8e7-ade1-4b08-b2b8-57250b22f8dc\"",
	    NULL, NULL, "eyp::paketozeti::id", UY_STATUS_PASSED, NULL},
	{"id-not-guid", V2, P_PAKET, V2_ID, "Id=\"B586D8E7\"", NULL, NULL, "eyp::summary::id-syntax",
	    UY_STATUS_FAILED, "not a GUID"},
	{"nihai-id-other", V2, P_NIHAI, V2_ID, "Id=\"00000000-0000-0000-0000-000000000001\"", NULL,
	    NULL, "eyp::nihaiozet::id", UY_STATUS_FAILED, "differs"},
	{"paraf-id-other", V2, P_PARAF, V2_ID, "Id=\"00000000-0000-0000-0000-000000000001\"", NULL,
	    NULL, "eyp::parafozeti::id", UY_STATUS_FAILED, "differs"},
	{"sha1-in-2x", V2, P_PAKET, SHA384_URI, "http://www.w3.org/2000/09/xmldsig#sha1", NULL, NULL,
	    "eyp::summary::algorithm", UY_STATUS_FAILED, "SHA-1"},
	{"sha384-in-1x", V1, P_PAKET, SHA256_URI, SHA384_URI, NULL, NULL, "eyp::summary::algorithm",
	    UY_STATUS_FAILED, "not allowed in 1.x"},
	{"unknown-alg", V2, P_PAKET, SHA384_URI, "http://example.org/md5", NULL, NULL,
	    "eyp::summary::algorithm", UY_STATUS_FAILED, "Unknown digest algorithm"},
	{"same-alg", V2, P_PAKET, SHA384_URI, SHA512_URI, NULL, NULL, "eyp::summary::algorithm-pair",
	    UY_STATUS_FAILED, "same algorithm"},
	{"no-sha512", V2, P_PAKET, SHA512_URI, SHA256_URI, NULL, NULL,
	    "eyp::summary::algorithm-pair", UY_STATUS_FAILED, "neither DigestItem is SHA-512"},
	{"empty-alg", V2, P_PAKET, "Algorithm=\"" SHA384_URI "\"", "Algorithm=\"\"", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "Algorithm"},
	{"value-bad-char", V2, P_PAKET, "WXadDg</DigestValue>", "WXad!g</DigestValue>", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "outside the base64 alphabet"},
	{"value-short", V2, P_PAKET, "AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg",
	    "AAAA", NULL, NULL, "eyp::summary::digest-value", UY_STATUS_FAILED, "digest length"},
	{"value-empty", V2, P_PAKET, "AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg",
	    "", NULL, NULL, "eyp::summary::digest-value", UY_STATUS_FAILED, "empty"},
	{"value-noncanonical", V1, P_NIHAI, "Q+x+cCg=", "Q+x+cCh=", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, "non-canonical"},
	{"value-padding", V1, P_NIHAI, "Q+x+cCg=", "Q+x+cC==", NULL, NULL,
	    "eyp::summary::digest-value", UY_STATUS_FAILED, NULL},
	{"value-whitespace", V2, P_PAKET,
	    "AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg",
	    "AauTF7v4U266OXr/\n   w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg", NULL, NULL,
	    CK_PAKET_DIGEST, UY_STATUS_PASSED, NULL},
	{"value-wrong", V2, P_PAKET, "AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg",
	    "BauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg", NULL, NULL,
	    CK_PAKET_DIGEST, UY_STATUS_FAILED,
	    "the summary has BauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg, the "
	    "part's raw bytes give AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg"},
	{"coverage-ustveri", V2, P_PAKET, "URI=\"/Ustveri/Ustveri.xml\"", "URI=\"/Ekler/ek1.pdf\"",
	    NULL, NULL, "eyp::paketozeti::coverage", UY_STATUS_FAILED, "Ustveri component"},
	{"coverage-belgehedef-1x", V1, P_PAKET, "URI=\"/BelgeHedef/BelgeHedef.xml\"",
	    "URI=\"/Ekler/ek1.pdf\"", NULL, NULL, "eyp::paketozeti::coverage", UY_STATUS_FAILED,
	    "BelgeHedef component"},
	{"coverage-core-1x", V1, P_NIHAI,
	    "URI=\"/package/services/metadata/core-properties/a75bf22a5f5a4f55aadd014337a0400d.psmdcp\"",
	    "URI=\"/Ekler/ek1.pdf\"", NULL, NULL, "eyp::nihaiozet::coverage", UY_STATUS_FAILED,
	    "required by the official 1.x API, DPT1"},
	{"coverage-paraf-ek", V2, P_PARAF, "URI=\"/Ekler/ek2.pdf\"", "URI=\"/Ekler/ek1.pdf\"", NULL,
	    NULL, "eyp::parafozeti::coverage", UY_STATUS_FAILED, "'/Ekler/ek2.pdf'"},
	{"coverage-nihaiustveri", V2, P_NIHAI, "URI=\"/NihaiUstveri/NihaiUstveri.xml\"",
	    "URI=\"/Ekler/ek1.pdf\"", NULL, NULL, "eyp::nihaiozet::coverage", UY_STATUS_FAILED,
	    "NihaiUstveri"},
	{"target-missing", V2, P_PAKET, "URI=\"/Ekler/ek2.pdf\"", "URI=\"/Ekler/yok.pdf\"", NULL, NULL,
	    "eyp::paketozeti::target-missing", UY_STATUS_FAILED, "'/Ekler/yok.pdf'"},
	{"target-missing-nihai", V2, P_NIHAI, "URI=\"/Ekler/ek2.pdf\"", "URI=\"/Ekler/yok.pdf\"", NULL,
	    NULL, "eyp::nihaiozet::target-missing", UY_STATUS_FAILED, "'/Ekler/yok.pdf'"},
	{"unsigned", V2, P_PAKET, "URI=\"/Ekler/ek2.pdf\"", "URI=\"/ImzasizEkler/ek2.pdf\"", NULL,
	    NULL, "eyp::paketozeti::unsigned-attachment", UY_STATUS_FAILED, "unsigned attachment"},
	{"unsigned-nihai", V2, P_NIHAI, "URI=\"/Ekler/ek2.pdf\"", "URI=\"/imzasizekler/ek2.pdf\"",
	    NULL, NULL, "eyp::nihaiozet::unsigned-attachment", UY_STATUS_FAILED, NULL},
	{"harici-nihai", V2, P_NIHAI, "Type=\"http://eyazisma.dpt/bilesen#dahili\"",
	    "Type=\"http://eyazisma.dpt/bilesen#harici\"", NULL, NULL,
	    "eyp::nihaiozet::external-reference", UY_STATUS_FAILED, "#harici"},
	{"harici-paket-not-hashed", V2, P_PAKET, "URI=\"/UstYazi/ustyazi.pdf\" Type=\"http://eyazisma.dpt/bilesen#dahili\"",
	    "URI=\"http://HariciBilesen/belge.udf\" Type=\"http://eyazisma.dpt/bilesen#harici\"", NULL,
	    NULL, "eyp::paketozeti::target-missing", UY_STATUS_PASSED, NULL},
	{"harici-paket-algorithms", V2, P_PAKET, "URI=\"/UstYazi/ustyazi.pdf\" Type=\"http://eyazisma.dpt/bilesen#dahili\"",
	    "URI=\"http://HariciBilesen/belge.udf\" Type=\"http://eyazisma.dpt/bilesen#harici\"",
	    SHA384_URI, SHA512_URI, "eyp::summary::algorithm-pair", UY_STATUS_FAILED,
	    "http://HariciBilesen/belge.udf"},
	{"harici-not-coverage", V2, P_PAKET, "Type=\"http://eyazisma.dpt/bilesen#dahili\"",
	    "Type=\"http://eyazisma.dpt/bilesen#harici\"", NULL, NULL, "eyp::paketozeti::coverage",
	    UY_STATUS_FAILED, "UstYazi"},
	{"type-unknown", V2, P_PAKET, "Type=\"http://eyazisma.dpt/bilesen#dahili\"", "Type=\"dahili\"",
	    NULL, NULL, "eyp::summary::reference-type", UY_STATUS_FAILED, "not recognised"},
	{"one-digestitem", V2, P_PAKET, "<DigestItem>", "<Ozet>", "</DigestItem>", "</Ozet>",
	    "eyp::summary::content-model", UY_STATUS_FAILED, "1 DigestItem"},
	{"uri-empty", V2, P_PAKET, "URI=\"/Ekler/ek2.pdf\"", "URI=\"\"", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "no or an empty URI"},
	{"uri-percent", V2, P_PAKET, "URI=\"/UstYazi/ustyazi.pdf\"", "URI=\"UstYazi/ustyaz%69.pdf\"",
	    NULL, NULL, CK_PAKET_DIGEST, UY_STATUS_PASSED, NULL},
	{"uri-percent-target", V2, P_PAKET, "URI=\"/UstYazi/ustyazi.pdf\"",
	    "URI=\"UstYazi/ustyaz%69.pdf\"", NULL, NULL, "eyp::paketozeti::coverage",
	    UY_STATUS_PASSED, NULL},
	{"uri-case", V2, P_PAKET, "URI=\"/UstYazi/ustyazi.pdf\"", "URI=\"/USTYAZI/UstYazi.PDF\"",
	    NULL, NULL, "eyp::paketozeti::target-missing", UY_STATUS_PASSED, NULL},
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
	{"wrong-generation", V2, P_PAKET, "xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-2\">",
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-1\">", NULL, NULL,
	    "eyp::paketozeti::malformed", UY_STATUS_FAILED, "is for 1.x; the package is 2.x"},
	{"unexpected-element", V2, P_PAKET, "</PaketOzeti>", "<Signature/></PaketOzeti>", NULL,
	    NULL, "eyp::summary::content-model", UY_STATUS_FAILED, "Unexpected element"},
	{"v1-two-methods", V1, P_PAKET, "<DigestValue>", "<DigestMethod/><DigestValue>", NULL, NULL,
	    "eyp::summary::content-model", UY_STATUS_FAILED, "2 DigestMethod"},
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

/* An unsigned attachment in the package (imzasizEk) that a summary covers. */
START_TEST(imzasiz_ek_covered)
{
	tcopy c;
	uy_pkg_report r;
	tbuf rels = sample_part(V2, "_rels/.rels");
	tbuf m = replace_once(&rels, "Type=\"http://eyazisma.dpt/iliskiler/ek\" Target=\"/Ekler/ek2.pdf\"",
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
		{"wrong-content", SIG_ATTACHED, P_NIHAI, 0, CK_K81, "differs from the bytes of PaketOzeti"},
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
		ck_assert_msg(n == 1, "%s: %zu FAILED rows of %s", cases[i].name, n, cases[i].check);
		if (cases[i].form == SIG_BER) {
			/* BER is still a SignedData that embeds PaketOzeti. */
			ck_assert_uint_eq(rows(&r, CK_K81, "", UY_STATUS_PASSED, NULL), 1);
		}
		if (cases[i].form == SIG_ATTACHED && cases[i].extra == 0) {
			ck_assert_uint_eq(rows(&r, CK_CADES, "", UY_STATUS_NOT_EVALUATED, NULL), 1);
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
	tbuf m = replace_once(&orig, "AauTF7v4U266OXr/w4IU3JPdZHdNy4VT9GmcyavQWgD2p9Zeu2JAOKDnQTWXadDg",
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
	tcase_add_test(malformed, ustyazi_flipped);
	tcase_add_loop_test(malformed, covered_part_changed, 0,
	    (int)(sizeof(covered) / sizeof(covered[0])));
	tcase_add_test(malformed, covered_totals);
	tcase_add_loop_test(malformed, summary_mutation, 0,
	    (int)(sizeof(mutations) / sizeof(mutations[0])));
	tcase_add_test(malformed, no_reference);
	tcase_add_test(malformed, parafimza_stripped);
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
