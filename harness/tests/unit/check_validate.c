/*
 * check_validate.c - unit tests of the CAdES validation orchestrator
 * (src/cades/validate.c, uy_validate.h) over the signed corpus
 * (vectors/corpus/manifest.xml) and the test PKI (vectors/pki/out).
 *
 * For every `kind="cades"` vector: the trust anchors of <trust-anchors>,
 * T = its validation-time, the detached content when its features say
 * `detached`, its profile, role SEAL when the signer role starts with
 * "seal" (else PERSON); the indication, sub-indication and Kamu SM verdict
 * of every expected signature must match (several signers are matched by
 * the subject of their role's certificate). Mismatches are printed as one
 * table before the test fails.
 *
 * Online mode (opts.online) is tested against the local HTTP server of
 * uy_test_http.h, the test PKI's host name mapped to it with
 * CURLOPT_CONNECT_TO and the proxy variables unset: no real network.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uy_test.h"
#include "uy_test_files.h"
#include "uy_test_http.h"
#include "uyum/uyum.h"
#include "uyum/uy_online.h"
#include "uyum/uy_profile.h"
#include "uyum/uy_validate.h"

#define T_VAL INT64_C(1811851200)	/* 2027-06-01T12:00:00Z */
#define MAX_VECTORS 160
#define MAX_SIGS 4
#define MAX_NAMES 8

/* ------------------------------------------------------------------ */
/* Files. */

static void
subject_of(const char *role, char *dst, size_t cap)
{
	X509 *c = uy_test_pki_cert(role);
	BIO *b = BIO_new(BIO_s_mem());
	ck_assert_ptr_nonnull(b);
	ck_assert_int_ge(X509_NAME_print_ex(b, X509_get_subject_name(c), 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB),
	    0);
	int n = BIO_read(b, dst, (int)cap - 1);
	dst[n > 0 ? n : 0] = '\0';
	BIO_free(b);
	X509_free(c);
}

/* RFC 3339 UTC "YYYY-MM-DDTHH:MM:SSZ" (the manifest's form) to seconds. */
static int64_t
parse_time(const char *s)
{
	ck_assert_uint_eq(strlen(s), 20);
	int64_t f[6] = {0};
	const int pos[6][2] = {{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}};
	for (int i = 0; i < 6; i++) {
		for (int k = 0; k < pos[i][1]; k++) {
			char ch = s[pos[i][0] + k];
			ck_assert(ch >= '0' && ch <= '9');
			f[i] = f[i] * 10 + (ch - '0');
		}
	}
	int64_t y = f[0] - (f[1] <= 2 ? 1 : 0);
	int64_t era = y / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (f[1] + (f[1] > 2 ? -3 : 9)) + 2) / 5 + f[2] - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
}

/* ------------------------------------------------------------------ */
/* The manifest. */

typedef struct {
	char signer[64];	/* role, "" when the vector has one signer */
	char ind[32];
	char sub[64];
	char kamusm[16];
} want_sig;

typedef struct {
	char id[96];
	char file[128];
	char input[128];
	char anchors[256];
	char profile[8];
	char time[24];
	char signer_role[64];	/* the first <signer role> */
	int detached;
	size_t nwant;
	want_sig want[MAX_SIGS];
} vec_row;

static vec_row vecs[MAX_VECTORS];
static size_t nvecs;

static void
load_manifest(void)
{
	xmlDocPtr doc = xmlReadFile(UY_TEST_CORPUS_DIR "manifest.xml", NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "cannot parse the corpus manifest");
	nvecs = 0;
	for (xmlNodePtr v = xmlDocGetRootElement(doc)->children; v != NULL; v = v->next) {
		char kind[32];
		if (!uy_test_xml_is_elem(v, "vector")) {
			continue;
		}
		uy_test_xml_prop(kind, sizeof(kind), v, "kind");
		if (strcmp(kind, "cades") != 0) {
			continue;
		}
		ck_assert_uint_lt(nvecs, MAX_VECTORS);
		vec_row *r = &vecs[nvecs++];
		memset(r, 0, sizeof(*r));
		uy_test_xml_prop(r->id, sizeof(r->id), v, "id");
		uy_test_xml_prop(r->file, sizeof(r->file), v, "file");
		uy_test_xml_prop(r->profile, sizeof(r->profile), v, "profile");
		uy_test_xml_prop(r->time, sizeof(r->time), v, "validation-time");
		for (xmlNodePtr c = v->children; c != NULL; c = c->next) {
			if (uy_test_xml_is_elem(c, "input") && r->input[0] == '\0') {
				uy_test_xml_prop(r->input, sizeof(r->input), c, "file");
			} else if (uy_test_xml_is_elem(c, "features")) {
				r->detached = uy_test_xml_content_has(c, "detached");
			} else if (uy_test_xml_is_elem(c, "trust-anchors")) {
				xmlChar *f = xmlNodeGetContent(c);
				snprintf(r->anchors, sizeof(r->anchors), "%s", f != NULL ? (const char *)f : "");
				xmlFree(f);
			} else if (uy_test_xml_is_elem(c, "signer") && r->signer_role[0] == '\0') {
				uy_test_xml_prop(r->signer_role, sizeof(r->signer_role), c, "role");
			} else if (uy_test_xml_is_elem(c, "expect")) {
				for (xmlNodePtr s = c->children; s != NULL; s = s->next) {
					if (!uy_test_xml_is_elem(s, "signature")) {
						continue;
					}
					ck_assert_uint_lt(r->nwant, MAX_SIGS);
					want_sig *w = &r->want[r->nwant++];
					uy_test_xml_prop(w->signer, sizeof(w->signer), s, "signer");
					uy_test_xml_prop(w->ind, sizeof(w->ind), s, "indication");
					uy_test_xml_prop(w->sub, sizeof(w->sub), s,
					                 "sub-indication");
					uy_test_xml_prop(w->kamusm, sizeof(w->kamusm), s, "kamusm");
				}
			}
		}
	}
	xmlFreeDoc(doc);
}

/* ------------------------------------------------------------------ */
/* Running one vector. */

/*
 * Revocation data a validator must obtain itself because the vector does
 * not embed it (the manifest should record this per vector):
 * - P1 and P2 (BES, T) carry no revocation-values: the PKI's current CRLs
 *   of the signer's CA, the root and the TSA's CA;
 * - cades::p4::ocsp-responder-revoked-before: from X-Long on the delegated
 *   responder's own status counts (UY_PATH_CHECK_RESPONDER_STATUS,
 *   catalogue note (c)); the vector does not embed the CRL of the
 *   responder's issuer (nes-ca-crl) that shows it revoked, so a validator
 *   must fetch it; without it the id-pkix-ocsp-nocheck responder is trusted;
 * - cades::p3::ecdsa embeds the CRLs of its EC chain but not root-rsa-crl,
 *   which covers its time-stamp's TSA (under root-rsa).
 */
static const struct {
	const char *id_prefix;	/* a vector id, or a prefix ending in "::" */
	const char *crls[3];
} EXTRA_CRLS[] = {
    {"cades::p1::", {"nes-ca-crl", "root-rsa-crl", "tsa-ca-crl"}},
    {"cades::p2::", {"nes-ca-crl", "root-rsa-crl", "tsa-ca-crl"}},
    {"cades::p3::ecdsa", {"root-rsa-crl", NULL, NULL}},
    {"cades::p4::ocsp-responder-revoked-before", {"nes-ca-crl", NULL, NULL}},
};

/* Vectors whose profile is P4 but whose id is elsewhere (pki defects are P3). */
static size_t
extra_crls_for(const char *id, const char *out[8])
{
	size_t n = 0;
	for (size_t i = 0; i < sizeof(EXTRA_CRLS) / sizeof(EXTRA_CRLS[0]); i++) {
		size_t len = strlen(EXTRA_CRLS[i].id_prefix);
		int prefix = EXTRA_CRLS[i].id_prefix[len - 1] == ':';
		if (prefix ? strncmp(id, EXTRA_CRLS[i].id_prefix, len) != 0
		           : strcmp(id, EXTRA_CRLS[i].id_prefix) != 0) {
			continue;
		}
		for (size_t k = 0; k < 3 && EXTRA_CRLS[i].crls[k] != NULL && n < 8; k++) {
			out[n++] = EXTRA_CRLS[i].crls[k];
		}
	}
	return n;
}

typedef struct {
	X509 *anchors[MAX_NAMES];
	uy_span crls[8];
	uy_span ocsp[2];
	uint8_t *content;
	uy_span content_span;
	uint8_t *der;
	size_t der_len;
	uy_validate_options opts;
} loaded;

static void
load_vector(loaded *l, const vec_row *r, int with_anchors, int with_time, int extra_crls)
{
	const uy_profile_options po = UY_PROFILE_OPTIONS_INIT;
	const uy_certprofile_options co = UY_CERTPROFILE_OPTIONS_INIT;

	memset(l, 0, sizeof(*l));
	l->opts.version = UY_VALIDATE_OPTIONS_VERSION;
	if (with_anchors) {
		size_t n = uy_test_pki_certs(l->anchors, MAX_NAMES, r->anchors);
		l->opts.anchors = l->anchors;
		l->opts.anchor_count = n;
	}
	size_t nc = 0;
	if (extra_crls) {
		const char *names2[8];
		nc = extra_crls_for(r->id, names2);
		for (size_t i = 0; i < nc; i++) {
			l->crls[i] = uy_test_pki_der(names2[i], ".crl.der");
		}
	}
	l->opts.crls = l->crls;
	l->opts.crl_count = nc;
	l->opts.has_validation_time = with_time;
	l->opts.validation_time = with_time ? parse_time(r->time) : 0;
	l->opts.profile = uy_profile_parse(r->profile);
	l->opts.role = strncmp(r->signer_role, "seal", 4) == 0 ? UY_SIGNER_SEAL : UY_SIGNER_PERSON;
	l->opts.profile_opts = po;
	l->opts.cert_opts = co;
	l->der = uy_test_read_file2(UY_TEST_CORPUS_DIR, r->file, &l->der_len);
	if (r->detached) {
		l->content = uy_test_read_file2(UY_TEST_CORPUS_DIR, r->input, &l->content_span.len);
		l->content_span.ptr = l->content;
	}
}

static void
free_vector(loaded *l)
{
	for (size_t i = 0; i < MAX_NAMES; i++) {
		X509_free(l->anchors[i]);
	}
	for (size_t i = 0; i < 8; i++) {
		free((void *)l->crls[i].ptr);
	}
	free(l->content);
	free(l->der);
}

static uy_validation *
run_vector(const vec_row *r, int with_anchors, int with_time, int extra_crls)
{
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, with_anchors, with_time, extra_crls);
	uy_error_clear();
	uy_err e = uy_cades_validate(v, (uy_span){l.der, l.der_len},
	                             r->detached ? &l.content_span : NULL, &l.opts);
	ck_assert_msg(e == UY_OK, "%s: %s %s", r->id, uy_err_name(e), uy_error_last());
	free_vector(&l);
	return v;
}

/* The validated signature an expectation is about: by the subject and
 * serial number of the role's certificate (one person holds several). */
static const uy_sig_validation *
match_sig(const uy_validation *v, const want_sig *w)
{
	char subj[256];
	char serial[72];
	if (w->signer[0] == '\0') {
		return v->count >= 1 ? &v->sigs[0] : NULL;
	}
	subject_of(w->signer, subj, sizeof(subj));
	X509 *c = uy_test_pki_cert(w->signer);
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(c), NULL);
	char *hex = BN_bn2hex(bn);
	ck_assert_ptr_nonnull(hex);
	snprintf(serial, sizeof(serial), "%s", hex);
	OPENSSL_free(hex);
	BN_free(bn);
	X509_free(c);
	for (size_t i = 0; i < v->count; i++) {
		if (strcmp(v->sigs[i].signer_subject, subj) == 0 &&
		    strcmp(v->sigs[i].signer_serial, serial) == 0) {
			return &v->sigs[i];
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Every corpus vector. */

/*
 * *= type=test
 * *= ETSI EN 319 102-1 §5.1.3
 *# TOTAL-PASSED ... TOTAL-FAILED ... INDETERMINATE
 */
START_TEST(corpus_vectors)
{
	char table[65536];
	size_t tlen = 0;
	size_t bad = 0, checked = 0;

	load_manifest();
	ck_assert_uint_gt(nvecs, 50);
	table[0] = '\0';
	for (size_t i = 0; i < nvecs; i++) {
		const vec_row *r = &vecs[i];
		uy_validation *v = run_vector(r, 1, 1, 1);
		ck_assert_msg(r->nwant >= 1, "%s: no expected signature", r->id);
		if (r->nwant > 1) {
			ck_assert_msg(v->count >= r->nwant, "%s: %zu signatures, %zu expected", r->id,
			              v->count, r->nwant);
		}
		for (size_t k = 0; k < r->nwant; k++) {
			const want_sig *w = &r->want[k];
			const uy_sig_validation *s = match_sig(v, w);
			const char *ind = s != NULL ? uy_indication_name(s->verdict.indication) : "-";
			const char *sub = s != NULL ? uy_subindication_name(s->verdict.sub) : "-";
			const char *km = s != NULL ? s->kamusm : "-";
			checked++;
			if (s != NULL && strcmp(ind, w->ind) == 0 && strcmp(sub, w->sub) == 0 &&
			    strcmp(km, w->kamusm) == 0) {
				continue;
			}
			bad++;
			int n = snprintf(table + tlen, sizeof(table) - tlen,
			                 "  %-44s %-20s want %s/%s/%s\n  %-44s %-20s got  %s/%s/%s: %s\n",
			                 r->id, w->signer, w->ind, w->sub, w->kamusm, "", "", ind, sub, km,
			                 s != NULL ? s->verdict.reason : "(signature not found)");
			if (n > 0 && (size_t)n < sizeof(table) - tlen) {
				tlen += (size_t)n;
			}
		}
		free(v);
	}
	if (bad > 0) {
		fprintf(stderr, "corpus: %zu of %zu signatures differ from the manifest:\n%s", bad,
		        checked, table);
	}
	ck_assert_msg(bad == 0, "%zu of %zu corpus signatures differ (table on stderr)", bad,
	              checked);
}
END_TEST

static const vec_row *
find_vec(const char *id)
{
	if (nvecs == 0) {
		load_manifest();
	}
	for (size_t i = 0; i < nvecs; i++) {
		if (strcmp(vecs[i].id, id) == 0) {
			return &vecs[i];
		}
	}
	ck_abort_msg("vector %s not in the manifest", id);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Not final: no anchors, no time, grace. */

START_TEST(no_anchors_not_final)
{
	const vec_row *r = find_vec("cades::p4::valid-attached");
	uy_validation *v = run_vector(r, 0, 1, 1);
	ck_assert_uint_eq(v->count, 1);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_NO_CERTIFICATE_CHAIN_FOUND);
	ck_assert_str_eq(v->sigs[0].kamusm, "not final");
	ck_assert_str_eq(v->kamusm, "not final");
	/* The chain finding says why it was not evaluated. */
	int seen = 0;
	for (size_t i = 0; i < v->sigs[0].finding_count; i++) {
		const uy_sig_finding *f = &v->sigs[0].findings[i];
		if (strcmp(f->check->id, "cades::path::chain") == 0) {
			ck_assert_int_eq(f->status, UY_STATUS_NOT_EVALUATED);
			ck_assert_ptr_nonnull(strstr(f->reason, "--trust"));
			seen = 1;
		}
	}
	ck_assert(seen);
	free(v);
}
END_TEST

START_TEST(no_time_not_final)
{
	const vec_row *r = find_vec("cades::p4::valid-attached");
	uy_validation *v = run_vector(r, 1, 0, 1);
	ck_assert_uint_eq(v->count, 1);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_TRY_LATER);
	ck_assert_str_eq(v->sigs[0].kamusm, "not final");
	ck_assert_str_eq(v->sigs[0].level, "CAdES-X-Long");
	int seen = 0;
	for (size_t i = 0; i < v->sigs[0].finding_count; i++) {
		const uy_sig_finding *f = &v->sigs[0].findings[i];
		ck_assert_msg(f->status != UY_STATUS_FAILED, "%s failed without a time", f->check->id);
		if (strcmp(f->check->id, "cades::path::chain") == 0) {
			ck_assert_int_eq(f->status, UY_STATUS_NOT_EVALUATED);
			ck_assert_ptr_nonnull(strstr(f->reason, "--at"));
			seen = 1;
		}
	}
	ck_assert(seen);
	free(v);
}
END_TEST

/* Signature-level failures still win without a time. */
START_TEST(no_time_broken_signature_invalid)
{
	const vec_row *r = find_vec("cades::p4::signature-corrupt");
	uy_validation *v = run_vector(r, 1, 0, 1);
	ck_assert_uint_eq(v->count, 1);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_TOTAL_FAILED);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_SIG_CRYPTO_FAILURE);
	ck_assert_str_eq(v->sigs[0].kamusm, "invalid");
	ck_assert_str_eq(v->kamusm, "invalid");
	free(v);
}
END_TEST

/* Catalogue note (c): from X-Long on, the delegated OCSP responder's own
 * status counts when the CRL of its issuer is at hand; without it the
 * id-pkix-ocsp-nocheck responder is trusted (RFC 6960 §4.2.2.2.1). */
START_TEST(responder_status_counts_with_its_crl)
{
	const vec_row *r = find_vec("cades::p4::ocsp-responder-revoked-before");
	uy_validation *v = run_vector(r, 1, 1, 0);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_TOTAL_PASSED);
	free(v);
	v = run_vector(r, 1, 1, 1);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE);
	ck_assert_str_eq(v->sigs[0].kamusm, "invalid");
	free(v);
}
END_TEST

/* A detached signature without its content: SIGNED_DATA_NOT_FOUND. */
START_TEST(detached_without_content)
{
	const vec_row *r = find_vec("cades::p4::valid-detached");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 1);
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){l.der, l.der_len}, NULL, &l.opts), UY_OK);
	ck_assert(v->detached);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_SIGNED_DATA_NOT_FOUND);
	ck_assert_str_eq(v->sigs[0].kamusm, "invalid");
	free_vector(&l);
	free(v);
}
END_TEST

/* P2 within the grace period (T one hour after the time-stamp): not final. */
START_TEST(grace_premature_not_final)
{
	const vec_row *r = find_vec("cades::p2::valid");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 1);
	/* The PKI's CRLs are issued in May 2027: stay at T and widen the grace
	 * period instead, so that T falls within it. */
	l.opts.profile_opts.grace_seconds = INT64_C(200) * 86400;
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){l.der, l.der_len}, NULL, &l.opts), UY_OK);
	ck_assert_int_eq(v->sigs[0].verdict.indication, UY_IND_INDETERMINATE);
	ck_assert_int_eq(v->sigs[0].verdict.sub, UY_SUB_TRY_LATER);
	ck_assert_str_eq(v->sigs[0].kamusm, "not final");
	ck_assert_int_eq(v->sigs[0].grace, UY_GRACE_PREMATURE);
	/* Kamu SM's suite setting: the grace period ignored. */
	l.opts.profile_opts.ignore_grace = 1;
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){l.der, l.der_len}, NULL, &l.opts), UY_OK);
	ck_assert_int_ne(v->sigs[0].verdict.sub, UY_SUB_TRY_LATER);
	free_vector(&l);
	free(v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Online mode: the missing revocation data fetched (uy_test_http.h). */

/* A fetcher whose requests for the test PKI's host go to `s`. */
static uy_online *
online_for(uy_http_srv *s, long timeout_ms, char entry[UY_HTTP_CONNECT_TO_LEN],
           const char *list[1])
{
	uy_online_options oo = UY_ONLINE_OPTIONS_INIT;
	uy_online *o = NULL;
	uy_http_connect_to(s, entry, UY_HTTP_CONNECT_TO_LEN);
	list[0] = entry;
	oo.timeout_ms = timeout_ms;
	oo.connect_to = list;
	oo.connect_to_count = 1;
	uy_err e = uy_online_new(&o, &oo);
	ck_assert_msg(e == UY_OK, "uy_online_new: %s", uy_error_last());
	return o;
}

static void
validate_into(uy_validation *v, const loaded *l)
{
	uy_error_clear();
	uy_err e = uy_cades_validate(v, (uy_span){l->der, l->der_len}, NULL, &l->opts);
	ck_assert_msg(e == UY_OK, "%s %s", uy_err_name(e), uy_error_last());
	ck_assert_uint_eq(v->count, 1);
}

static void
assert_sig(const uy_validation *v, uy_indication ind, uy_subindication sub, const char *kamusm)
{
	const uy_sig_validation *s = &v->sigs[0];
	ck_assert_msg(s->verdict.indication == ind && s->verdict.sub == sub,
	              "got %s/%s: %s, want %s/%s", uy_indication_name(s->verdict.indication),
	              uy_subindication_name(s->verdict.sub), s->verdict.reason,
	              uy_indication_name(ind), uy_subindication_name(sub));
	ck_assert_str_eq(s->kamusm, kamusm);
}

/*
 * *= type=test
 * *= ETSI EN 319 102-1 §5.2.6
 *# If the revocation status ... cannot be determined ... INDETERMINATE
 *# with the sub-indication TRY_LATER
 * A CAdES-BES carries no revocation data: offline it is TRY_LATER; online
 * the CRLs of the CDPs of nes and nes-ca and the OCSP response for nes
 * (RFC 5280 §4.2.1.13, RFC 6960) complete the path. No corpus vector is a
 * BES or T by a revoked signer (nes-revoked-before signs X-Long ones only,
 * whose embedded values are never TRY_LATER), so REVOKED online is not
 * covered here.
 */
/*
 * A CAdES-T without revocation data: the TSA's status is unobtainable offline
 * (TRY_LATER, as for the signer); online, the CRLs of the certificates the
 * token carries are fetched too, and the signature validates.
 */
START_TEST(online_time_stamp_revocation)
{
	const vec_row *r = find_vec("cades::p2::valid");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	char entry[UY_HTTP_CONNECT_TO_LEN];
	const char *list[1];
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 0);	/* anchor root-rsa, T, no CRL from the caller */
	ck_assert_uint_eq(l.opts.crl_count, 0);
	validate_into(v, &l);
	ck_assert_str_eq(v->sigs[0].level, "CAdES-T");
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, "invalid");

	uy_http_srv *s = uy_http_start(UY_HTTP_NORMAL);
	uy_http_route_crl(s, "/crl/nes-ca.crl", "nes-ca-crl.crl.der");
	uy_http_route_crl(s, "/crl/root-rsa.crl", "root-rsa-crl.crl.der");
	uy_online *o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_TOTAL_PASSED, UY_SUB_NONE, "valid");
	/* The TSA (under root-rsa) needed root-rsa's CRL, fetched once thanks to the cache. */
	ck_assert_int_eq(uy_http_hits(s, "GET", "/crl/root-rsa.crl"), 1);
	ck_assert_int_ge(uy_http_hits(s, "GET", "/crl/nes-ca.crl"), 1);
	uy_online_free(o);
	uy_http_stop(s);
	free_vector(&l);
	free(v);
}
END_TEST

START_TEST(online_fetches_missing_revocation)
{
	const vec_row *r = find_vec("cades::p1::valid");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	char entry[UY_HTTP_CONNECT_TO_LEN];
	const char *list[1];
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 0);	/* anchor root-rsa, T, no CRL from the caller */
	ck_assert_int_eq(l.opts.validation_time, T_VAL);
	ck_assert_uint_eq(l.opts.crl_count, 0);

	/* Offline. Revocation data unobtainable is "invalid" for Kamu SM
	 * (spec §5.2, MA3 INCOMPLETE), unlike the grace period. */
	validate_into(v, &l);
	ck_assert_str_eq(v->sigs[0].level, "CAdES-BES");
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, "invalid");

	/* Online, the responders answering. */
	uy_http_srv *s = uy_http_start(UY_HTTP_NORMAL);
	uy_http_route_crl(s, "/crl/nes-ca.crl", "nes-ca-crl.crl.der");
	uy_http_route_crl(s, "/crl/root-rsa.crl", "root-rsa-crl.crl.der");
	uy_http_route_ocsp(s, "/ocsp/nes-ca", "ocsp-nes-good.ocsp.der");
	uy_online *o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_TOTAL_PASSED, UY_SUB_NONE, "valid");
	ck_assert_int_eq(v->verdict.indication, UY_IND_TOTAL_PASSED);
	ck_assert_int_eq(uy_http_hits(s, "GET", "/crl/nes-ca.crl"), 1);
	ck_assert_int_eq(uy_http_hits(s, "GET", "/crl/root-rsa.crl"), 1);
	ck_assert_int_eq(uy_http_hits(s, "POST", "/ocsp/nes-ca"), 1);
	ck_assert_int_eq(uy_http_requests(s), 3);	/* nothing for the anchor */
	/* Same fetcher again: all from its cache, same verdict. */
	validate_into(v, &l);
	assert_sig(v, UY_IND_TOTAL_PASSED, UY_SUB_NONE, "valid");
	ck_assert_int_eq(uy_http_requests(s), 3);
	uy_online_free(o);

	/* The root's CRL missing (404): nes-ca's status is unknown. */
	uy_http_clear_routes(s);
	uy_http_route_crl(s, "/crl/nes-ca.crl", "nes-ca-crl.crl.der");
	uy_http_route_ocsp(s, "/ocsp/nes-ca", "ocsp-nes-good.ocsp.der");
	o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, "invalid");
	ck_assert_int_eq(uy_http_requests(s), 6);
	uy_online_free(o);

	/* No OCSP responder: the CRLs suffice (any revocation source). */
	uy_http_clear_routes(s);
	uy_http_route_crl(s, "/crl/nes-ca.crl", "nes-ca-crl.crl.der");
	uy_http_route_crl(s, "/crl/root-rsa.crl", "root-rsa-crl.crl.der");
	o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_TOTAL_PASSED, UY_SUB_NONE, "valid");
	uy_online_free(o);

	/* No CRL of nes-ca: the OCSP response alone gives nes's status. */
	uy_http_clear_routes(s);
	uy_http_route_crl(s, "/crl/root-rsa.crl", "root-rsa-crl.crl.der");
	uy_http_route_ocsp(s, "/ocsp/nes-ca", "ocsp-nes-good.ocsp.der");
	o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_TOTAL_PASSED, UY_SUB_NONE, "valid");
	ck_assert_int_eq(uy_http_hits(s, "POST", "/ocsp/nes-ca"), 1);
	uy_online_free(o);

	/* Fetched data is judged like any other: a CRL whose signature does
	 * not verify is a broken path, not a pass. */
	uy_http_clear_routes(s);
	uy_http_route_crl(s, "/crl/nes-ca.crl", "nes-ca-crl-bad-signature.crl.der");
	uy_http_route_crl(s, "/crl/root-rsa.crl", "root-rsa-crl.crl.der");
	o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE, "invalid");
	ck_assert_int_eq(uy_http_hits(s, "GET", "/crl/nes-ca.crl"), 1);
	uy_online_free(o);

	/* Everything 404: as offline, and never an error. */
	uy_http_set_mode(s, UY_HTTP_404);
	o = online_for(s, 5000, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, "invalid");
	uy_online_free(o);
	uy_http_stop(s);

	free_vector(&l);
	free(v);
}
END_TEST

/* A responder that accepts and never answers: each fetch times out
 * (300 ms), the signature stays TRY_LATER, never an error or a crash. */
START_TEST(online_silent_server_try_later)
{
	const vec_row *r = find_vec("cades::p1::valid");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	char entry[UY_HTTP_CONNECT_TO_LEN];
	const char *list[1];
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 0);
	uy_http_srv *s = uy_http_start(UY_HTTP_SILENT);
	uy_online *o = online_for(s, 300, entry, list);
	l.opts.online = o;
	validate_into(v, &l);
	assert_sig(v, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, "invalid");
	ck_assert_int_ge(uy_http_requests(s), 1);	/* it did try */
	uy_online_free(o);
	uy_http_stop(s);
	free_vector(&l);
	free(v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Malformed input: every truncation of a small vector. */

START_TEST(truncated_every_length)
{
	const vec_row *r = find_vec("cades::p1::valid");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 1);
	ck_assert_uint_gt(l.der_len, 100);
	for (size_t n = 0; n < l.der_len; n++) {
		uy_err e = uy_cades_validate(v, (uy_span){l.der, n}, NULL, &l.opts);
		ck_assert_msg(e == UY_OK, "length %zu: %s", n, uy_err_name(e));
		ck_assert_uint_eq(v->count, 1);
		ck_assert_str_eq(v->sigs[0].label, "file");
		ck_assert_msg(v->sigs[0].verdict.indication == UY_IND_TOTAL_FAILED &&
		                  v->sigs[0].verdict.sub == UY_SUB_FORMAT_FAILURE,
		              "length %zu: %s/%s", n, uy_indication_name(v->sigs[0].verdict.indication),
		              uy_subindication_name(v->sigs[0].verdict.sub));
		ck_assert_int_eq(v->verdict.indication, UY_IND_TOTAL_FAILED);
		ck_assert_str_eq(v->kamusm, "invalid");
	}
	free_vector(&l);
	free(v);
}
END_TEST

/* One flipped byte in each of many places: a verdict, never an error or a crash. */
START_TEST(flipped_bytes)
{
	const vec_row *r = find_vec("cades::p4::valid-attached");
	loaded l;
	uy_validation *v = calloc(1, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	load_vector(&l, r, 1, 1, 1);
	for (size_t n = 0; n < l.der_len; n += 97) {
		l.der[n] ^= 0x01;
		uy_err e = uy_cades_validate(v, (uy_span){l.der, l.der_len}, NULL, &l.opts);
		ck_assert_msg(e == UY_OK, "byte %zu: %s %s", n, uy_err_name(e), uy_error_last());
		ck_assert_uint_ge(v->count, 1);
		ck_assert_int_ne(v->verdict.indication, UY_IND_NONE);
		l.der[n] ^= 0x01;
	}
	free_vector(&l);
	free(v);
}
END_TEST

START_TEST(usage_errors)
{
	uy_validation *v = calloc(1, sizeof(*v));
	uy_validate_options o;
	const uint8_t b[1] = {0x30};
	ck_assert_ptr_nonnull(v);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){b, 1}, NULL, &o), UY_ERR_USAGE);
	o.version = UY_VALIDATE_OPTIONS_VERSION;
	ck_assert_int_eq(uy_cades_validate(NULL, (uy_span){b, 1}, NULL, &o), UY_ERR_USAGE);
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){b, 1}, NULL, NULL), UY_ERR_USAGE);
	o.anchor_count = 1;	/* with a NULL array */
	ck_assert_int_eq(uy_cades_validate(v, (uy_span){b, 1}, NULL, &o), UY_ERR_USAGE);
	free(v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Report rows. */

static const uy_result *
summary_row(const uy_pkg_report *rep, size_t nth)
{
	size_t seen = 0;
	for (size_t i = 0; i < rep->n_results; i++) {
		if (strcmp(rep->results[i].check->id, "cades::validation") == 0) {
			if (seen++ == nth) {
				return &rep->results[i];
			}
		}
	}
	return NULL;
}

static void
record_case(const char *id, int anchors, int with_time, uy_status want_status,
            uy_pkg_verdict want_verdict, const char *want_ind)
{
	const vec_row *r = find_vec(id);
	uy_validation *v = run_vector(r, anchors, with_time, 1);
	uy_pkg_report rep;
	ck_assert_int_eq(uy_pkg_report_init(&rep, "x.p7s"), UY_OK);
	uy_ctx ctx = {.report = &rep, .scope = "", .depth = 0, .sig = NULL};
	ck_assert_int_eq(uy_cades_validation_record(&ctx, UY_LOC_NONE, UY_CK_CADES_VALIDATION, v),
	                 UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&rep), UY_OK);
	const uy_result *row = summary_row(&rep, 0);
	ck_assert_msg(row != NULL, "%s: no cades::validation row", id);
	ck_assert_msg(row->status == want_status, "%s: row %s", id, uy_status_name(row->status));
	ck_assert_ptr_nonnull(row->indication);
	ck_assert_str_eq(row->indication, want_ind);
	ck_assert_ptr_nonnull(row->detail_en);
	ck_assert_msg(strncmp(row->detail_en, "signer 1 (", 10) == 0, "%s", row->detail_en);
	ck_assert_ptr_nonnull(strstr(row->detail_en, want_ind));
	ck_assert_ptr_nonnull(row->detail_tr);
	ck_assert_msg(strncmp(row->detail_tr, "imzacı 1 (", strlen("imzacı 1 (")) == 0, "%s",
	              row->detail_tr);
	ck_assert_msg(rep.verdict == want_verdict, "%s: verdict %s", id,
	              uy_verdict_name(rep.verdict));
	uy_pkg_report_dispose(&rep);
	free(v);
}

START_TEST(record_follows_kamusm)
{
	record_case("cades::p4::valid-attached", 1, 1, UY_STATUS_PASSED, UY_VERDICT_PASSED,
	            "TOTAL-PASSED");
	record_case("cades::p4::signer-revoked-before-ocsp", 1, 1, UY_STATUS_FAILED,
	            UY_VERDICT_FAILED, "TOTAL-FAILED");
	record_case("cades::p4::valid-attached", 1, 0, UY_STATUS_NOT_EVALUATED,
	            UY_VERDICT_INDETERMINATE, "INDETERMINATE");
	record_case("cades::p4::valid-attached", 0, 1, UY_STATUS_NOT_EVALUATED,
	            UY_VERDICT_INDETERMINATE, "INDETERMINATE");
	/* A SHA-1 signature is valid for Kamu SM: a WARN finding, the file PASSED. */
	record_case("cades::p4::sha1", 1, 1, UY_STATUS_PASSED, UY_VERDICT_PASSED, "TOTAL-PASSED");
}
END_TEST

/* Several signatures: one row each, labelled, and the file invalid. */
START_TEST(record_serial_signers)
{
	const vec_row *r = find_vec("cades::p4::serial-first-signer-revoked");
	uy_validation *v = run_vector(r, 1, 1, 1);
	ck_assert_uint_eq(v->count, 2);
	ck_assert_str_eq(v->sigs[0].label, "signer 1");
	ck_assert_str_eq(v->sigs[1].label, "signer 1 / countersignature 1");
	ck_assert_uint_eq(v->sigs[1].counter_depth, 1);
	ck_assert_int_eq(v->verdict.indication, UY_IND_TOTAL_FAILED);
	ck_assert_str_eq(v->kamusm, "invalid");
	uy_pkg_report rep;
	ck_assert_int_eq(uy_pkg_report_init(&rep, "x.p7s"), UY_OK);
	uy_ctx ctx = {.report = &rep, .scope = "", .depth = 0, .sig = NULL};
	ck_assert_int_eq(uy_cades_validation_record(&ctx, UY_LOC_NONE, UY_CK_CADES_VALIDATION, v),
	                 UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&rep), UY_OK);
	ck_assert_ptr_nonnull(summary_row(&rep, 0));
	ck_assert_ptr_nonnull(summary_row(&rep, 1));
	int labelled = 0;
	for (size_t i = 0; i < 2; i++) {
		const uy_result *row = summary_row(&rep, i);
		if (strstr(row->detail_tr, "karşı imza 1") != NULL &&
		    strstr(row->detail_en, "countersignature 1") != NULL) {
			labelled = 1;
		}
	}
	ck_assert(labelled);
	ck_assert_int_eq(rep.verdict, UY_VERDICT_FAILED);
	uy_pkg_report_dispose(&rep);
	free(v);
}
END_TEST

/* Every check of cades.def is in the registry with both languages. */
START_TEST(registry_complete)
{
	static const char *const ids[] = {
	    "cades::validation", "cades::signature::format", "cades::signature::message-digest",
	    "cades::signature::signing-certificate", "cades::signature::signature-value",
	    "cades::tst::signature-time-stamp", "cades::tst::cades-c-time-stamp",
	    "cades::tst::archive-time-stamp", "cades::path::chain", "cades::ltv::certificate-refs",
	    "cades::ltv::certificate-values", "cades::ltv::revocation-refs",
	    "cades::ltv::revocation-values", "cades::profile::policy", "cades::profile::signing-time",
	    "cades::profile::signing-certificate-v2", "cades::profile::signature-time-stamp",
	    "cades::profile::time-stamp-delay", "cades::profile::level",
	    "cades::profile::revocation-source", "cades::profile::grace", "cades::crypto::algorithms",
	    "cades::crypto::deprecated-digest", "cert::nes::non-repudiation",
	    "cert::nes::qc-statements", "cert::nes::user-notice", "cert::nes::tckn",
	    "cert::seal::legal-entity", "cert::seal::non-repudiation", "cert::seal::no-encryption",
	    "cert::enc::no-signing"};
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const uy_check_def *d = uy_check_find(ids[i]);
		ck_assert_msg(d != NULL, "%s missing", ids[i]);
		ck_assert(d->title_tr[0] != '\0' && d->title_en[0] != '\0');
		ck_assert(d->rec_tr[0] != '\0' && d->rec_en[0] != '\0');
		int warn = strcmp(ids[i], "cades::crypto::deprecated-digest") == 0 ||
		           strcmp(ids[i], "cert::seal::no-encryption") == 0;
		ck_assert_int_eq(d->level, warn ? UY_LEVEL_WARN : UY_LEVEL_FAIL);
	}
	ck_assert_ptr_null(uy_check_find("cades::no-such-check"));
}
END_TEST

static Suite *
uy_validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("vectors");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, corpus_vectors);
	tcase_add_test(tc, record_serial_signers);
	suite_add_tcase(s, tc);

	tc = tcase_create("happy");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, no_anchors_not_final);
	tcase_add_test(tc, no_time_not_final);
	tcase_add_test(tc, grace_premature_not_final);
	tcase_add_test(tc, record_follows_kamusm);
	tcase_add_test(tc, registry_complete);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, no_time_broken_signature_invalid);
	tcase_add_test(tc, detached_without_content);
	tcase_add_test(tc, responder_status_counts_with_its_crl);
	tcase_add_test(tc, truncated_every_length);
	tcase_add_test(tc, flipped_bytes);
	tcase_add_test(tc, usage_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("online");
	/* No real network: a proxy from the environment would bypass CONNECT_TO. */
	tcase_add_unchecked_fixture(tc, uy_http_no_proxy, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, online_fetches_missing_revocation);
	tcase_add_test(tc, online_time_stamp_revocation);
	tcase_add_test(tc, online_silent_server_try_later);
	suite_add_tcase(s, tc);
	return s;
}

UY_TEST_MAIN(uy_validate_suite)
