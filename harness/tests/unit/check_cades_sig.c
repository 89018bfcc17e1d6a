/*
 * check_cades_sig.c - unit tests of the ETSI verdict values (src/cades/verdict.c)
 * and of the CAdES signature-level block (src/cades/cades_sig.c).
 *
 * The `vectors` case runs uy_cades_check_signature() on every CAdES vector of
 * vectors/corpus, reading manifest.xml for attached/detached and the content.
 * The expected verdict of the signature-level block is derived from the
 * manifest's expected EN 319 102-1 sub-indication: the sub-indications this
 * block owns (FORMAT_FAILURE, HASH_FAILURE, SIG_CRYPTO_FAILURE,
 * NO_SIGNING_CERTIFICATE_FOUND, SIGNED_DATA_NOT_FOUND) must come out exactly;
 * every other vector (chain, revocation, time-stamp, policy and certificate
 * profile defects, and all positive vectors) must PASS this block. Outcomes
 * are cross-checked with OpenSSL's own CMS_verify().
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uyum/uyum.h"

#define MAX_VECTORS 256
#define VALID_ATTACHED UY_TEST_CORPUS_DIR "cades/p4-valid-attached.p7s"
#define VALID_DETACHED UY_TEST_CORPUS_DIR "cades/p4-valid-detached.p7s"
#define CONTENT UY_TEST_CORPUS_DIR "inputs/icerik.txt"

/* ------------------------------------------------------------------ */
/* Helpers. */

static uy_verdict
check_bytes(const uint8_t *p, size_t n, const uy_span *content, uy_cades_sig_report *rep)
{
	uy_verdict v = UY_VERDICT_UNSET;
	uy_cades_sig_options opts = UY_CADES_SIG_OPTIONS_INIT;
	uy_err rc = uy_cades_check_signature(&v, rep, (uy_span){p, n}, content, &opts);
	ck_assert_msg(rc == UY_OK, "uy_cades_check_signature: %s (%s)", uy_err_name(rc),
	              uy_error_last());
	ck_assert_msg(v.indication != UY_IND_NONE, "no verdict");
	return v;
}

static void
assert_verdict(const char *id, const uy_verdict *v, uy_indication ind, uy_subindication sub)
{
	ck_assert_msg(v->indication == ind && v->sub == sub,
	              "%s: got %s/%s (%s), want %s/%s", id, uy_indication_name(v->indication),
	              uy_subindication_name(v->sub), v->reason, uy_indication_name(ind),
	              uy_subindication_name(sub));
	if (uy_verdict_is_failure(v)) {
		ck_assert_msg(v->reason[0] != '\0' && v->clause != NULL, "%s: reason and clause",
		              id);
	}
}

/* OpenSSL's own answer: signature and digest only (no path), 1 valid, 0 not. */
static int
openssl_cms_verify(const uint8_t *p, size_t n, const uy_span *content)
{
	const unsigned char *q = p;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &q, (long)n);
	ck_assert_ptr_nonnull(cms);
	BIO *dcont = NULL;
	if (content != NULL) {
		dcont = BIO_new_mem_buf(content->ptr, (int)content->len);
		ck_assert_ptr_nonnull(dcont);
	}
	int r = CMS_verify(cms, NULL, NULL, dcont, NULL, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
	ERR_clear_error();
	BIO_free(dcont);
	CMS_ContentInfo_free(cms);
	return r == 1;
}

/* ------------------------------------------------------------------ */
/* Verdict values. */

/* *= ETSI EN 319 102-1 §5.1 (via spec signatures §5.1)
 *= type=test
 *# every sub-indication spelled as in the standard */
static const char *const all_subs[] = {
	"FORMAT_FAILURE", "HASH_FAILURE", "SIG_CRYPTO_FAILURE", "REVOKED", "EXPIRED",
	"NOT_YET_VALID", "SIG_CONSTRAINTS_FAILURE", "CHAIN_CONSTRAINTS_FAILURE",
	"CERTIFICATE_CHAIN_GENERAL_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE", "POLICY_PROCESSING_ERROR",
	"SIGNATURE_POLICY_NOT_AVAILABLE", "TIMESTAMP_ORDER_FAILURE", "NO_SIGNING_CERTIFICATE_FOUND",
	"NO_CERTIFICATE_CHAIN_FOUND", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE", "REVOKED_NO_POE",
	"REVOKED_CA_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "OUT_OF_BOUNDS_NO_POE",
	"REVOCATION_OUT_OF_BOUNDS_NO_POE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", "NO_POE",
	"TRY_LATER", "SIGNED_DATA_NOT_FOUND", "CUSTOM",
};

START_TEST(verdict_names)
{
	size_t n = sizeof(all_subs) / sizeof(all_subs[0]);
	ck_assert_uint_eq(n + 1, UY_SUB_COUNT_);
	for (size_t i = 0; i < n; i++) {
		int found = 0;
		for (int s = 1; s < UY_SUB_COUNT_; s++) {
			found += strcmp(uy_subindication_name((uy_subindication)s), all_subs[i]) == 0;
		}
		ck_assert_msg(found == 1, "%s", all_subs[i]);
	}
	ck_assert_str_eq(uy_subindication_name(UY_SUB_NONE), "");
	ck_assert_str_eq(uy_subindication_name((uy_subindication)999), "");
	ck_assert_str_eq(uy_indication_name(UY_IND_TOTAL_PASSED), "TOTAL-PASSED");
	ck_assert_str_eq(uy_indication_name(UY_IND_TOTAL_FAILED), "TOTAL-FAILED");
	ck_assert_str_eq(uy_indication_name(UY_IND_INDETERMINATE), "INDETERMINATE");
	ck_assert_str_eq(uy_indication_name(UY_IND_PASSED), "PASSED");
	ck_assert_str_eq(uy_indication_name(UY_IND_FAILED), "FAILED");
	ck_assert_str_eq(uy_indication_name((uy_indication)77), "NONE");
}
END_TEST

START_TEST(verdict_first_failure_kept)
{
	uy_verdict v = UY_VERDICT_UNSET;
	ck_assert(!uy_verdict_is_failure(&v));
	uy_verdict_set(&v, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	ck_assert_int_eq(v.indication, UY_IND_PASSED);
	uy_verdict_set(&v, UY_IND_FAILED, UY_SUB_HASH_FAILURE, "first\nline", "RFC 5652 §11.2");
	uy_verdict_set(&v, UY_IND_FAILED, UY_SUB_SIG_CRYPTO_FAILURE, "second", "x");
	uy_verdict_set(&v, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	ck_assert(uy_verdict_is_failure(&v));
	ck_assert_int_eq(v.sub, UY_SUB_HASH_FAILURE);
	ck_assert_str_eq(v.reason, "first line");
	ck_assert_str_eq(v.clause, "RFC 5652 §11.2");
}
END_TEST

START_TEST(verdict_reason_cut)
{
	char longr[400];
	memset(longr, 'a', sizeof(longr) - 1);
	longr[sizeof(longr) - 1] = '\0';
	uy_verdict v = UY_VERDICT_UNSET;
	uy_verdict_set(&v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, longr, NULL);
	ck_assert_uint_eq(strlen(v.reason), UY_VERDICT_REASON_MAX - 1);
	uy_verdict_set(NULL, UY_IND_FAILED, UY_SUB_CUSTOM, "x", NULL);	/* no crash */
}
END_TEST

/* ------------------------------------------------------------------ */
/* Corpus vectors. */

typedef struct {
	char id[128];
	char file[256];
	char input[256];
	int detached;
	int positive;
	uy_indication want_ind;
	uy_subindication want_sub;
} vec_row;

static vec_row vecs[MAX_VECTORS];
static int nvecs;

/* Sub-indications owned by the signature-level block, with their block indication. */
static const struct {
	const char *name;
	uy_indication ind;
	uy_subindication sub;
} sig_level_subs[] = {
	{"FORMAT_FAILURE", UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"HASH_FAILURE", UY_IND_FAILED, UY_SUB_HASH_FAILURE},
	{"SIG_CRYPTO_FAILURE", UY_IND_FAILED, UY_SUB_SIG_CRYPTO_FAILURE},
	{"NO_SIGNING_CERTIFICATE_FOUND", UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND},
	{"SIGNED_DATA_NOT_FOUND", UY_IND_INDETERMINATE, UY_SUB_SIGNED_DATA_NOT_FOUND},
};

static void
load_manifest(void)
{
	xmlDocPtr doc = xmlReadFile(UY_TEST_CORPUS_DIR "manifest.xml", NULL, XML_PARSE_NONET);
	if (doc == NULL) {
		return;	/* the vectors test then fails on nvecs == 0 */
	}
	for (xmlNodePtr v = xmlDocGetRootElement(doc)->children; v != NULL; v = v->next) {
		char kind[32];
		if (!uy_test_xml_is_elem(v, "vector") || nvecs >= MAX_VECTORS) {
			continue;
		}
		uy_test_xml_prop(kind, sizeof(kind), v, "kind");
		if (strcmp(kind, "cades") != 0) {
			continue;
		}
		vec_row *r = &vecs[nvecs++];
		memset(r, 0, sizeof(*r));
		uy_test_xml_prop(r->id, sizeof(r->id), v, "id");
		uy_test_xml_prop(r->file, sizeof(r->file), v, "file");
		r->want_ind = UY_IND_PASSED;
		r->want_sub = UY_SUB_NONE;
		for (xmlNodePtr c = v->children; c != NULL; c = c->next) {
			if (uy_test_xml_is_elem(c, "input") && r->input[0] == '\0') {
				uy_test_xml_prop(r->input, sizeof(r->input), c, "file");
			} else if (uy_test_xml_is_elem(c, "features")) {
				r->detached = uy_test_xml_content_has(c, "detached");
			} else if (uy_test_xml_is_elem(c, "expect")) {
				char pos[8];
				uy_test_xml_prop(pos, sizeof(pos), c, "positive");
				r->positive = strcmp(pos, "yes") == 0;
				for (xmlNodePtr s = c->children; s != NULL; s = s->next) {
					char sub[64];
					if (!uy_test_xml_is_elem(s, "signature") ||
					    r->want_sub != UY_SUB_NONE) {
						continue;
					}
					uy_test_xml_prop(sub, sizeof(sub), s, "sub-indication");
					for (size_t k = 0; k < sizeof(sig_level_subs) / sizeof(sig_level_subs[0]);
					     k++) {
						if (strcmp(sub, sig_level_subs[k].name) == 0) {
							r->want_ind = sig_level_subs[k].ind;
							r->want_sub = sig_level_subs[k].sub;
						}
					}
				}
			}
		}
	}
	xmlFreeDoc(doc);
}

START_TEST(corpus_vector)
{
	ck_assert_int_gt(nvecs, 0);
	if (_i >= nvecs) {
		return;
	}
	const vec_row *r = &vecs[_i];
	size_t n = 0;
	uint8_t *der = uy_test_read_file2(UY_TEST_CORPUS_DIR, r->file, &n);
	uint8_t *in = NULL;
	uy_span content = {NULL, 0};
	if (r->detached) {
		in = uy_test_read_file2(UY_TEST_CORPUS_DIR, r->input, &content.len);
		content.ptr = in;
	}
	uy_cades_sig_report rep;
	uy_verdict v = check_bytes(der, n, r->detached ? &content : NULL, &rep);
	assert_verdict(r->id, &v, r->want_ind, r->want_sub);
	ck_assert_int_eq(rep.detached, r->detached);
	ck_assert_uint_ge(rep.signer_count, 1);
	/* Cross-check with OpenSSL's own verification of digest and signature. */
	if (v.indication == UY_IND_PASSED) {
		ck_assert_msg(openssl_cms_verify(der, n, r->detached ? &content : NULL),
		              "%s: OpenSSL disagrees (rejects)", r->id);
		for (size_t i = 0; i < rep.signer_count; i++) {
			ck_assert(rep.signers[i].signer_cert_found);
			ck_assert(rep.signers[i].ess_version != 0);
		}
	}
	if (v.sub == UY_SUB_HASH_FAILURE || v.sub == UY_SUB_SIG_CRYPTO_FAILURE) {
		ck_assert_msg(!openssl_cms_verify(der, n, r->detached ? &content : NULL),
		              "%s: OpenSSL disagrees (accepts)", r->id);
	}
	free(in);
	free(der);
}
END_TEST

/* The catalogue family A negatives must be in the corpus and judged exactly. */
START_TEST(corpus_family_a_present)
{
	static const struct {
		const char *id;
		uy_subindication sub;
	} want[] = {
		{"cades::p4::message-digest-corrupt", UY_SUB_HASH_FAILURE},
		{"cades::p4::signature-corrupt", UY_SUB_SIG_CRYPTO_FAILURE},
		{"cades::p4::ess-corrupt", UY_SUB_NO_SIGNING_CERTIFICATE_FOUND},
	};
	int positives = 0;
	for (int i = 0; i < nvecs; i++) {
		positives += vecs[i].positive;
	}
	ck_assert_int_ge(positives, 10);
	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		int found = 0;
		for (int i = 0; i < nvecs; i++) {
			if (strcmp(vecs[i].id, want[k].id) == 0) {
				found = 1;
				ck_assert_int_eq(vecs[i].want_sub, want[k].sub);
			}
		}
		ck_assert_msg(found, "%s not in the manifest", want[k].id);
	}
}
END_TEST

START_TEST(detached_content_cases)
{
	size_t n = 0;
	uint8_t *der = uy_test_read_file(VALID_DETACHED, &n);
	uy_verdict v = check_bytes(der, n, NULL, NULL);
	assert_verdict("detached, no content", &v, UY_IND_INDETERMINATE,
	               UY_SUB_SIGNED_DATA_NOT_FOUND);
	static const uint8_t other[] = "not the signed content";
	uy_span wrong = {other, sizeof(other) - 1};
	v = check_bytes(der, n, &wrong, NULL);
	assert_verdict("detached, other content", &v, UY_IND_FAILED, UY_SUB_HASH_FAILURE);
	ck_assert_str_eq(v.reason, "SignerInfo 1: message-digest does not match the content");
	free(der);
}
END_TEST

START_TEST(several_signers)
{
	static const char *const files[] = {
		UY_TEST_CORPUS_DIR "cades/p4-parallel-first-signer-revoked.p7s",
		UY_TEST_CORPUS_DIR "cades/p4-serial-first-signer-revoked.p7s",
	};
	uy_cades_sig_report rep;
	size_t n = 0;
	uint8_t *der = uy_test_read_file(files[0], &n);
	uy_verdict v = check_bytes(der, n, NULL, &rep);
	assert_verdict("parallel", &v, UY_IND_PASSED, UY_SUB_NONE);
	ck_assert_uint_eq(rep.signer_count, 2);
	ck_assert_uint_ne(rep.signers[0].signer_cert_index, rep.signers[1].signer_cert_index);
	free(der);

	der = uy_test_read_file(files[1], &n);
	v = check_bytes(der, n, NULL, &rep);
	assert_verdict("serial", &v, UY_IND_PASSED, UY_SUB_NONE);
	ck_assert_uint_eq(rep.signer_count, 1);
	ck_assert_uint_eq(rep.signers[0].countersignatures, 1);
	free(der);
}
END_TEST

START_TEST(report_fields)
{
	size_t n = 0;
	uint8_t *der = uy_test_read_file(VALID_ATTACHED, &n);
	uy_cades_sig_report rep;
	uy_verdict v = check_bytes(der, n, NULL, &rep);
	assert_verdict("valid attached", &v, UY_IND_PASSED, UY_SUB_NONE);
	ck_assert_int_eq(rep.detached, 0);
	ck_assert_uint_eq(rep.signer_count, 1);
	const uy_cades_signer_report *s = &rep.signers[0];
	ck_assert_int_eq(s->signing_time_present, 1);
	/* Corpus reference signing time 2027-03-01T10:00:00Z (vectors/corpus/README.md). */
	ck_assert_int_eq(s->signing_time, 1803895200);
	ck_assert_int_eq(s->ess_version, 2);
	ck_assert_int_eq(s->digest_nid, NID_sha256);
	ck_assert(s->signer_cert_found);
	/* The content passed as "detached" is ignored for an attached signature. */
	static const uint8_t other[] = "x";
	uy_span c = {other, 1};
	v = check_bytes(der, n, &c, NULL);
	assert_verdict("attached + other content", &v, UY_IND_PASSED, UY_SUB_NONE);
	free(der);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Malformed input: always a verdict, never a crash. */

typedef struct {
	const char *id;
	uint8_t *(*make)(const uint8_t *valid, size_t n, size_t *out_len);
	uy_indication ind;
	uy_subindication sub;
} mal_row;

static uint8_t *
dup_bytes(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n + 1);
	ck_assert_ptr_nonnull(q);
	memcpy(q, p, n);
	return q;
}

static uint8_t *
mk_truncated(const uint8_t *p, size_t n, size_t *len)
{
	*len = n - 1;
	return dup_bytes(p, n - 1);
}

static uint8_t *
mk_half(const uint8_t *p, size_t n, size_t *len)
{
	*len = n / 2;
	return dup_bytes(p, n / 2);
}

static uint8_t *
mk_empty(const uint8_t *p, size_t n, size_t *len)
{
	*len = 0;
	return dup_bytes(p, 0);
}

static uint8_t *
mk_trailing(const uint8_t *p, size_t n, size_t *len)
{
	uint8_t *q = malloc(n + 1);
	ck_assert_ptr_nonnull(q);
	memcpy(q, p, n);
	q[n] = 0;
	*len = n + 1;
	return q;
}

/* Outer SEQUENCE re-written with indefinite length (BER) and an end-of-contents. */
static uint8_t *
mk_indefinite(const uint8_t *p, size_t n, size_t *len)
{
	ck_assert_int_eq(p[0], 0x30);
	ck_assert_int_eq(p[1], 0x82);	/* two length octets in the corpus */
	size_t body = n - 4;
	uint8_t *q = malloc(body + 4);
	ck_assert_ptr_nonnull(q);
	q[0] = 0x30;
	q[1] = 0x80;
	memcpy(q + 2, p + 4, body);
	q[2 + body] = 0;
	q[3 + body] = 0;
	*len = body + 4;
	return q;
}

/* Outer length with a superfluous leading zero octet (0x83 00 xx xx). */
static uint8_t *
mk_nonminimal(const uint8_t *p, size_t n, size_t *len)
{
	uint8_t *q = malloc(n + 1);
	ck_assert_ptr_nonnull(q);
	q[0] = 0x30;
	q[1] = 0x83;
	q[2] = 0x00;
	memcpy(q + 3, p + 2, n - 2);
	*len = n + 1;
	return q;
}

static uint8_t *
mk_not_signed_data(const uint8_t *p, size_t n, size_t *len)
{
	/* ContentInfo { id-data, [0] OCTET STRING "" } */
	static const uint8_t d[] = {0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	                            0x01, 0x07, 0x01, 0xa0, 0x02, 0x04, 0x00};
	*len = sizeof(d);
	return dup_bytes(d, sizeof(d));
}

static uint8_t *
mk_no_signer(const uint8_t *p, size_t n, size_t *len)
{
	/* ContentInfo { id-signedData, [0] SignedData { 1, {}, {id-data}, {} } } */
	static const uint8_t d[] = {
		0x30, 0x23, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
		0xa0, 0x16, 0x30, 0x14, 0x02, 0x01, 0x01, 0x31, 0x00, 0x30, 0x0b, 0x06, 0x09,
		0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0x31, 0x00};
	*len = sizeof(d);
	return dup_bytes(d, sizeof(d));
}

static uint8_t *
mk_garbage(const uint8_t *p, size_t n, size_t *len)
{
	static const uint8_t d[] = {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'};
	*len = sizeof(d);
	return dup_bytes(d, sizeof(d));
}

/* A well-formed DER INTEGER, not a ContentInfo. */
static uint8_t *
mk_integer(const uint8_t *p, size_t n, size_t *len)
{
	static const uint8_t d[] = {0x02, 0x01, 0x05};
	*len = sizeof(d);
	return dup_bytes(d, sizeof(d));
}

/* depth nested SEQUENCEs in DER, the innermost empty. */
static uint8_t *
nested(size_t depth, size_t *len)
{
	uint8_t *q = malloc(8 * depth + 8);
	ck_assert_ptr_nonnull(q);
	size_t n = 0;
	for (size_t i = 0; i < depth; i++) {
		uint8_t hdr[4];
		size_t h = 0;
		hdr[h++] = 0x30;
		if (n < 0x80) {
			hdr[h++] = (uint8_t)n;
		} else if (n < 0x100) {
			hdr[h++] = 0x81;
			hdr[h++] = (uint8_t)n;
		} else {
			hdr[h++] = 0x82;
			hdr[h++] = (uint8_t)(n >> 8);
			hdr[h++] = (uint8_t)n;
		}
		memmove(q + h, q, n);
		memcpy(q, hdr, h);
		n += h;
	}
	*len = n;
	return q;
}

static uint8_t *
mk_deep(const uint8_t *p, size_t n, size_t *len)
{
	return nested(UY_CADES_MAX_DER_DEPTH + 5, len);
}

static const mal_row mal_rows[] = {
	{"truncated by one byte", mk_truncated, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"truncated by half", mk_half, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"empty", mk_empty, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"trailing byte", mk_trailing, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"BER indefinite length", mk_indefinite, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"non-minimal length", mk_nonminimal, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"not SignedData", mk_not_signed_data, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"no signer", mk_no_signer, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"garbage", mk_garbage, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"INTEGER", mk_integer, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
	{"nesting past the limit", mk_deep, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE},
};

START_TEST(malformed_row)
{
	const mal_row *m = &mal_rows[_i];
	size_t n = 0;
	uint8_t *valid = uy_test_read_file(VALID_ATTACHED, &n);
	size_t len = 0;
	uint8_t *bad = m->make(valid, n, &len);
	uy_cades_sig_report rep;
	uy_verdict v = check_bytes(bad, len, NULL, &rep);
	assert_verdict(m->id, &v, m->ind, m->sub);
	free(bad);
	free(valid);
}
END_TEST

/* Every byte flip and many truncations of a valid vector: a verdict, never a crash. */
START_TEST(malformed_mutations)
{
	size_t n = 0;
	uint8_t *valid = uy_test_read_file(VALID_ATTACHED, &n);
	uint8_t *m = dup_bytes(valid, n);
	size_t passed = 0;
	for (size_t i = 0; i < n; i += 7) {
		m[i] ^= 0x5a;
		uy_verdict v = check_bytes(m, n, NULL, NULL);
		passed += v.indication == UY_IND_PASSED;
		m[i] ^= 0x5a;
	}
	for (size_t k = 0; k < n; k += 13) {
		uy_verdict v = check_bytes(valid, k, NULL, NULL);
		assert_verdict("truncation", &v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE);
	}
	/* Flips in unsigned attributes (time-stamps, X-Long values) and in other
	 * certificates leave this block intact; some flips must still be caught. */
	ck_assert_uint_lt(passed, (n + 6) / 7);
	free(m);
	free(valid);
}
END_TEST

/* Offset of needle in hay, or n if absent. */
static size_t
find_bytes(const uint8_t *hay, size_t n, const uint8_t *needle, size_t k)
{
	for (size_t i = 0; k > 0 && i + k <= n; i++) {
		if (memcmp(hay + i, needle, k) == 0) {
			return i;
		}
	}
	return n;
}

/* Every byte of SignerInfo.signature flipped: SIG_CRYPTO_FAILURE; of the
 * message-digest value: HASH_FAILURE (checked first, EN 319 102-1 §5.2.7). */
START_TEST(malformed_signature_and_digest_bytes)
{
	size_t n = 0;
	uint8_t *valid = uy_test_read_file(VALID_ATTACHED, &n);
	const unsigned char *q = valid;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &q, (long)n);
	ck_assert_ptr_nonnull(cms);
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
	ASN1_OCTET_STRING *md = CMS_signed_get0_data_by_OBJ(
	    si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	ck_assert_ptr_nonnull(md);
	size_t so = find_bytes(valid, n, sig->data, (size_t)sig->length);
	size_t mo = find_bytes(valid, n, md->data, (size_t)md->length);
	ck_assert_uint_lt(so, n);
	ck_assert_uint_lt(mo, n);
	uint8_t *m = dup_bytes(valid, n);
	for (size_t i = 0; i < (size_t)sig->length; i += 5) {
		m[so + i] ^= 0x01;
		uy_verdict v = check_bytes(m, n, NULL, NULL);
		assert_verdict("signature byte", &v, UY_IND_FAILED, UY_SUB_SIG_CRYPTO_FAILURE);
		m[so + i] ^= 0x01;
	}
	for (size_t i = 0; i < (size_t)md->length; i++) {
		m[mo + i] ^= 0x80;
		uy_verdict v = check_bytes(m, n, NULL, NULL);
		assert_verdict("message-digest byte", &v, UY_IND_FAILED, UY_SUB_HASH_FAILURE);
		m[mo + i] ^= 0x80;
	}
	free(m);
	CMS_ContentInfo_free(cms);
	free(valid);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Limits. */

START_TEST(limit_size)
{
	size_t cap = (size_t)UY_MAX_SIGNATURE_PART;
	uint8_t *big = calloc(cap + 1, 1);
	ck_assert_ptr_nonnull(big);
	uy_verdict v = check_bytes(big, cap, NULL, NULL);	/* at the cap: a verdict */
	assert_verdict("at the cap", &v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE);
	uy_cades_sig_options opts = UY_CADES_SIG_OPTIONS_INIT;
	uy_err rc = uy_cades_check_signature(&v, NULL, (uy_span){big, cap + 1}, NULL, &opts);
	ck_assert_int_eq(rc, UY_ERR_LIMIT);	/* one past: an error, no verdict */
	ck_assert_int_eq(v.indication, UY_IND_NONE);
	free(big);
}
END_TEST

START_TEST(limit_depth)
{
	/* At the cap the DER walk accepts the nesting (OpenSSL then finds no ContentInfo);
	 * one past it the walk rejects it. Both are FORMAT_FAILURE verdicts. */
	size_t len = 0;
	uint8_t *q = nested(UY_CADES_MAX_DER_DEPTH, &len);
	uy_verdict v = check_bytes(q, len, NULL, NULL);
	assert_verdict("depth at the cap", &v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE);
	ck_assert_str_eq(v.reason, "not a CMS ContentInfo");
	free(q);
	q = nested(UY_CADES_MAX_DER_DEPTH + 1, &len);
	v = check_bytes(q, len, NULL, NULL);
	assert_verdict("depth past the cap", &v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE);
	ck_assert_str_eq(v.reason, "not DER: nesting deeper than uyum's limit");
	free(q);
}
END_TEST

START_TEST(usage_errors)
{
	uy_verdict v = UY_VERDICT_UNSET;
	uy_cades_sig_options bad = {99, 0};
	static const uint8_t b[] = {0x30, 0x00};
	ck_assert_int_eq(uy_cades_check_signature(&v, NULL, (uy_span){b, 2}, NULL, &bad),
	                 UY_ERR_USAGE);
	ck_assert_int_eq(uy_cades_check_signature(NULL, NULL, (uy_span){b, 2}, NULL, NULL),
	                 UY_ERR_USAGE);
	ck_assert_int_eq(uy_cades_check_signature(&v, NULL, (uy_span){b, 2}, NULL, NULL), UY_OK);
}
END_TEST

static Suite *
uy_cades_sig_suite(void)
{
	Suite *s = suite_create("cades");
	load_manifest();

	TCase *tc = tcase_create("happy");
	tcase_add_test(tc, verdict_names);
	tcase_add_test(tc, verdict_first_failure_kept);
	tcase_add_test(tc, verdict_reason_cut);
	tcase_add_test(tc, detached_content_cases);
	tcase_add_test(tc, several_signers);
	tcase_add_test(tc, report_fields);
	tcase_add_test(tc, usage_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("vectors");
	tcase_add_loop_test(tc, corpus_vector, 0, nvecs > 0 ? nvecs : 1);
	tcase_add_test(tc, corpus_family_a_present);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, malformed_row, 0, (int)(sizeof(mal_rows) / sizeof(mal_rows[0])));
	tcase_add_test(tc, malformed_mutations);
	tcase_add_test(tc, malformed_signature_and_digest_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, limit_size);
	tcase_add_test(tc, limit_depth);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_cades_sig_suite)
