/*
 * validate.c - the CAdES validation orchestrator (uy_validate.h): runs the
 * building blocks (signature level, time-stamps, path, ES-X-L refs and
 * values, profiles, algorithms) per signature and combines their verdicts
 * into one ETSI EN 319 102-1 indication and Kamu SM's reading.
 *
 * Every building block keeps its FIRST failure; the combination takes the
 * first TOTAL-FAILED among the signature level, the path and the tokens,
 * else the first INDETERMINATE in a fixed order (see combine()).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <openssl/cms.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_cades.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_ltv.h"
#include "uyum/uy_online.h"
#include "uyum/uy_path.h"
#include "uyum/uy_profile.h"
#include "uyum/uy_tst.h"
#include "uyum/uy_validate.h"

#include "cades_int.h"

#define CL_FORMAT "RFC 5652 §5; ETSI EN 319 122-1 §5.1"
#define CL_TST "ETSI EN 319 102-1 §5.4; RFC 3161 §2.4.2"
#define CL_TS_ORDER "ETSI EN 319 102-1 §5.6.2.4 (time-stamp order); spec signatures §4.5"
#define CL_PATH "ETSI EN 319 102-1 §5.2.6"
#define CL_XL "RFC 5126 §6.2, §6.3; spec signatures §5.2"
#define CL_COMBINE "ETSI EN 319 102-1 §5.1.3"
#define CL_COUNTER "RFC 5652 §11.4"

#define OID_SIG_TS "1.2.840.113549.1.9.16.2.14"
#define OID_C_TS "1.2.840.113549.1.9.16.2.25"
#define OID_REFS_TS "1.2.840.113549.1.9.16.2.26"
#define OID_CERT_REFS "1.2.840.113549.1.9.16.2.21"
#define OID_REV_REFS "1.2.840.113549.1.9.16.2.22"
/* id-aa-ets-contentTimestamp, 1.2.840.113549.1.9.16.2.20, as DER (a signed attribute). */
static const uint8_t oid_content_ts_der[] = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                             0x01, 0x09, 0x10, 0x02, 0x14};
#define OID_ATS_V2 "1.2.840.113549.1.9.16.2.48"
#define OID_ATS_V3 "0.4.0.1733.2.4"
#define OID_ATS_HASH_INDEX_V3 "0.4.0.19122.1.5"
#define OID_COUNTERSIGNATURE "1.2.840.113549.1.9.6"
#define OID_OCSP_RESPONSE "1.3.6.1.5.5.7.16.2"

/* Archive time-stamps per signer: 2^3 subsets of the others times two readings. */
#define MAX_ATS 4u
/* Time-stamp tokens validated per kind and signer (more: UY_ERR_LIMIT). */
#define MAX_TOKENS 16u

static const char NO_TIME[] = "no validation time given (--at)";
static const char NO_ANCHORS[] = "no trust anchors given (--trust)";

/* DER of 1.2.840.113549.1.9.16.2.15 (signature-policy-identifier), contents only. */
static const uint8_t OID_POLICY_DER[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01,
                                         0x09, 0x10, 0x02, 0x0f};
/* DER of 1.3.6.1.5.5.7.16.2 (id-ri-ocsp-response), contents only. */
static const uint8_t OID_RI_OCSP_DER[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x10, 0x02};

/* The building blocks, in the order INDETERMINATE verdicts are combined. */
enum {
	BLK_SIGLEVEL = 0,
	BLK_SIGTS,
	BLK_CONTENT,
	BLK_CTS,
	BLK_ATS,
	BLK_ORDER,
	BLK_PATH,
	BLK_XL,
	BLK_CERTPROF,
	BLK_ALGO,
	BLK_PROFILE,
	BLK_GRACE,
	BLK_COUNT
};

/* ------------------------------------------------------------------ */
/* A bounded DER TLV walk over bytes the signature level already accepted
 * (strict DER); still checked, since countersignatures are re-wrapped. */

/* Read one TLV at *p (< end): low tag numbers, definite lengths of at most 4
 * octets. Advances *p past it. Returns 0 when malformed. */
static int
der_next(const uint8_t **p, const uint8_t *end, uint8_t *tag, uy_span *tlv, uy_span *content)
{
	const uint8_t *q = *p;
	size_t len = 0;

	if (q >= end || end - q < 2) {
		return 0;
	}
	*tag = q[0];
	if ((q[0] & 0x1f) == 0x1f) {
		return 0;	/* high tag numbers do not occur in CMS */
	}
	q++;
	if (*q & 0x80) {
		size_t n = *q & 0x7f;
		q++;
		if (n == 0 || n > 4 || (size_t)(end - q) < n) {
			return 0;
		}
		for (size_t i = 0; i < n; i++) {
			len = (len << 8) | q[i];
		}
		q += n;
	} else {
		len = *q;
		q++;
	}
	if ((size_t)(end - q) < len) {
		return 0;
	}
	tlv->ptr = *p;
	tlv->len = (size_t)(q - *p) + len;
	content->ptr = q;
	content->len = len;
	*p = q + len;
	return 1;
}

/* Contents of a TLV span (empty when it does not parse). */
static uy_span
der_contents(uy_span tlv)
{
	const uint8_t *p = tlv.ptr;
	uint8_t tag = 0;
	uy_span whole = {NULL, 0};
	uy_span c = {NULL, 0};

	if (tlv.ptr == NULL || !der_next(&p, tlv.ptr + tlv.len, &tag, &whole, &c)) {
		return (uy_span){NULL, 0};
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* Findings and block verdicts. */

typedef struct {
	uy_sig_validation *sv;
	uy_verdict blk[BLK_COUNT];
	int blk_not_final[BLK_COUNT];	/* the block's failure is "not final" */
} sig_state;

static void
finding(sig_state *st, uy_check_id id, uy_status status, const char *reason)
{
	uy_sig_validation *sv = st->sv;

	if (sv->finding_count >= UY_VALIDATE_MAX_FINDINGS) {
		sv->findings_dropped++;
		return;
	}
	uy_sig_finding *f = &sv->findings[sv->finding_count++];
	f->check = uy_check_get(id);
	f->status = status;
	const char *r = status == UY_STATUS_PASSED || reason == NULL ? "" : reason;
	size_t n = strnlen(r, sizeof(f->reason) - 1);	/* cut to fit */
	memcpy(f->reason, r, n);
	f->reason[n] = '\0';
}

/* A finding of a check named by its id string (profile and ltv rules). */
static uy_err
finding_named(sig_state *st, const char *id, uy_status status, const char *reason)
{
	const uy_check_def *def = id != NULL ? uy_check_find(id) : NULL;

	if (def == NULL) {
		return UY_ERROR(UY_ERR_INTERNAL, "rule id %s is not in the check registry",
		                id != NULL ? id : "(null)");
	}
	finding(st, def->num, status, reason);
	return UY_OK;
}

static void
blk_set(sig_state *st, int blk, const uy_verdict *v, int not_final)
{
	if (!uy_verdict_is_failure(&st->blk[blk]) && uy_verdict_is_failure(v)) {
		st->blk_not_final[blk] = not_final;
	}
	uy_verdict_set(&st->blk[blk], v->indication, v->sub, v->reason, v->clause);
}

static void
blk_fail(sig_state *st, int blk, uy_indication ind, uy_subindication sub, const char *reason,
         const char *clause, int not_final)
{
	uy_verdict v = UY_VERDICT_UNSET;
	uy_verdict_set(&v, ind, sub, reason, clause);
	blk_set(st, blk, &v, not_final);
}

/* serialNumber in upper-case hex; "" when it cannot be printed. */
static void
serial_of(X509 *cert, char *dst, size_t cap)
{
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
	char *hex = bn != NULL ? BN_bn2hex(bn) : NULL;

	snprintf(dst, cap, "%s", hex != NULL ? hex : "");
	OPENSSL_free(hex);
	BN_free(bn);
	ERR_clear_error();
}

/* ------------------------------------------------------------------ */
/* Validation material: certificates (owned references), CRLs and OCSP
 * responses (spans borrowed from the signature, the options or `online`). */

typedef struct {
	X509 *certs[UY_PATH_MAX_INPUTS];
	size_t cert_count;
	/* The DER each of certs[] was parsed from (empty for the caller's
	 * certificates): a certificate repeated in certificate-values is parsed
	 * once (d2i_X509 is the costliest step of OpenSSL 3.0 here), and those
	 * of SignedData.certificates not at all: the signature level decoded
	 * them with the ContentInfo. */
	uy_span cert_der[UY_PATH_MAX_INPUTS];
	/* SignedData.certificates (X.509 choices, DER order) -> certs index, or
	 * SIZE_MAX for one that does not parse on its own. */
	size_t sd_map[UY_PATH_MAX_INPUTS];
	size_t sd_count;
	uy_span crls[UY_PATH_MAX_INPUTS];
	size_t crl_count;
	uy_span ocsp[UY_PATH_MAX_INPUTS];
	size_t ocsp_count;
} material;

static void
material_dispose(material *m)
{
	for (size_t i = 0; i < m->cert_count; i++) {
		X509_free(m->certs[i]);
		m->certs[i] = NULL;
	}
	m->cert_count = 0;
}

static uy_err
material_add_cert(material *m, X509 *x)	/* takes the reference */
{
	if (m->cert_count >= UY_PATH_MAX_INPUTS) {
		X509_free(x);
		return UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS certificates");
	}
	m->certs[m->cert_count++] = x;
	return UY_OK;
}

static uy_err
material_add_der_cert(material *m, uy_span der)
{
	for (size_t i = 0; i < m->cert_count; i++) {
		if (m->cert_der[i].len == der.len && der.len > 0 &&
		    memcmp(m->cert_der[i].ptr, der.ptr, der.len) == 0) {
			return UY_OK;	/* the same certificate, already parsed */
		}
	}
	const unsigned char *p = der.ptr;
	/* d2i advances its pointer: pass a copy. */
	X509 *x = d2i_X509(NULL, &p, (long)der.len);
	if (x == NULL || p != der.ptr + der.len) {
		X509_free(x);
		ERR_clear_error();
		return UY_OK;	/* unparsable: not usable for a path */
	}
	if (m->cert_count < UY_PATH_MAX_INPUTS) {
		m->cert_der[m->cert_count] = der;
	}
	return material_add_cert(m, x);
}

static uy_err
span_add(uy_span *arr, size_t *n, uy_span s, const char *what)
{
	if (*n >= UY_PATH_MAX_INPUTS) {
		return UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS %s", what);
	}
	arr[(*n)++] = s;
	return UY_OK;
}

/* SignedData.certificates (X.509 choices only, as CMS_get1_certs counts them),
 * then certificate-values and the caller's extra certificates; CRLs and OCSP
 * from SignedData.crls, revocation-values and the caller. sd_certs: those
 * X.509 choices as the signature level decoded them (borrowed; NULL: none). */
static uy_err
material_build(material *m, const uy_ltv_signer *s, const uy_ltv_xl *xl,
               STACK_OF(X509) *sd_certs, const uy_validate_options *opts)
{
	uy_span c = der_contents(s->certificates_tlv);
	const uint8_t *p = c.ptr;
	const uint8_t *end = c.ptr != NULL ? c.ptr + c.len : NULL;
	size_t n_x509 = 0;

	/* The k-th SEQUENCE here is the k-th X.509 choice OpenSSL decoded (the
	 * CertificateChoices of RFC 5652 §10.2.2 other than Certificate are
	 * [0]-[3] tagged), each under the same X509 template d2i_X509 uses: an
	 * accepted file's certificates all decoded. Count them first so that
	 * any mismatch falls back to decoding each one on its own. */
	while (p != NULL && p < end) {
		uint8_t tag = 0;
		uy_span tlv, body;
		if (!der_next(&p, end, &tag, &tlv, &body)) {
			break;
		}
		n_x509 += tag == 0x30;
	}
	int shared = sd_certs != NULL && n_x509 == (size_t)sk_X509_num(sd_certs);
	size_t k = 0;
	p = c.ptr;
	while (p != NULL && p < end) {
		uint8_t tag = 0;
		uy_span tlv, body;
		if (!der_next(&p, end, &tag, &tlv, &body)) {
			break;
		}
		if (tag == 0x30) {
			UY_ENSURE(m->sd_count < UY_PATH_MAX_INPUTS,
			          UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS certificates"));
			X509 *x = NULL;
			if (shared) {
				x = sk_X509_value(sd_certs, (int)k++);
				/* up_ref: the material keeps its own reference. */
				UY_ENSURE(x != NULL && X509_up_ref(x) == 1,
				          UY_ERROR(UY_ERR_CRYPTO, "X509_up_ref"));
			} else {
				const unsigned char *q = tlv.ptr;
				/* d2i advances its pointer: q is a copy. */
				x = d2i_X509(NULL, &q, (long)tlv.len);
				if (x == NULL || q != tlv.ptr + tlv.len) {
					X509_free(x);
					ERR_clear_error();
					m->sd_map[m->sd_count++] = SIZE_MAX;
					continue;
				}
			}
			m->sd_map[m->sd_count++] = m->cert_count;
			if (m->cert_count < UY_PATH_MAX_INPUTS) {
				m->cert_der[m->cert_count] = tlv;
			}
			UY_TRY(material_add_cert(m, x));
		}
	}
	for (size_t i = 0; i < xl->cert_value_count; i++) {
		UY_TRY(material_add_der_cert(m, xl->cert_values[i]));
	}
	for (size_t i = 0; i < opts->extra_cert_count; i++) {
		UY_ENSURE(X509_up_ref(opts->extra_certs[i]) == 1,
		          UY_ERROR(UY_ERR_CRYPTO, "X509_up_ref"));
		UY_TRY(material_add_cert(m, opts->extra_certs[i]));
	}

	/* RevocationInfoChoice: CertificateList, or other [1] with id-ri-ocsp-response. */
	c = der_contents(s->crls_tlv);
	p = c.ptr;
	end = c.ptr != NULL ? c.ptr + c.len : NULL;
	while (p != NULL && p < end) {
		uint8_t tag = 0;
		uy_span tlv, body;
		if (!der_next(&p, end, &tag, &tlv, &body)) {
			break;
		}
		if (tag == 0x30) {
			UY_TRY(span_add(m->crls, &m->crl_count, tlv, "CRLs"));
		} else if (tag == 0xa1) {
			const uint8_t *q = body.ptr;
			uint8_t t2 = 0;
			uy_span oid_tlv, oid, val_tlv, val;
			if (der_next(&q, body.ptr + body.len, &t2, &oid_tlv, &oid) && t2 == 0x06 &&
			    oid.len == sizeof(OID_RI_OCSP_DER) &&
			    memcmp(oid.ptr, OID_RI_OCSP_DER, oid.len) == 0 &&
			    der_next(&q, body.ptr + body.len, &t2, &val_tlv, &val)) {
				UY_TRY(span_add(m->ocsp, &m->ocsp_count, val_tlv, "OCSP responses"));
			}
		}
	}
	for (size_t i = 0; i < xl->crl_value_count; i++) {
		UY_TRY(span_add(m->crls, &m->crl_count, xl->crl_values[i], "CRLs"));
	}
	for (size_t i = 0; i < xl->ocsp_value_count; i++) {
		UY_TRY(span_add(m->ocsp, &m->ocsp_count, xl->ocsp_values[i], "OCSP responses"));
	}
	for (size_t i = 0; i < opts->crl_count; i++) {
		UY_TRY(span_add(m->crls, &m->crl_count, opts->crls[i], "CRLs"));
	}
	for (size_t i = 0; i < opts->ocsp_count; i++) {
		UY_TRY(span_add(m->ocsp, &m->ocsp_count, opts->ocsp[i], "OCSP responses"));
	}
	return UY_OK;
}

/* cache: the run's path cache (borrowed), shared by every path of the run. */
static uy_path_inputs
path_template(const material *m, const uy_validate_options *opts, uy_path_cache *cache)
{
	uy_path_inputs in;
	memset(&in, 0, sizeof(in));
	in.version = UY_PATH_INPUTS_VERSION;
	in.anchors = opts->anchors;
	in.anchor_count = opts->anchor_count;
	in.untrusted = m->certs;
	in.untrusted_count = m->cert_count;
	in.crls = m->crls;
	in.crl_count = m->crl_count;
	in.ocsp = m->ocsp;
	in.ocsp_count = m->ocsp_count;
	in.reference_time = opts->validation_time;
	in.best_signature_time = opts->validation_time;
	in.ee_revocation = UY_PATH_REV_ANY;
	in.ca_revocation = UY_PATH_REV_ANY;
	in.auth_level = 2;
	/* Kamu SM profile: a CRL whose signature algorithms differ only as NULL
	 * versus absent parameters is accepted, with a warning (spec §6 pitfall 4). */
	in.flags = UY_PATH_CHECK_ANCHOR_SIGNATURE | UY_PATH_LENIENT_CRL_PARAMS;
	in.cache = cache;
	return in;
}

/* ------------------------------------------------------------------ */
/* Time-stamp imprints. */

enum { TOK_SIG = 0, TOK_CTS, TOK_ATS_V2, TOK_ATS_V3, TOK_CONTENT, TOK_REFS };

typedef struct {
	int kind;
	const uy_ltv_signer *s;
	const uy_span *detached;	/* the external content; NULL when attached */
	int nid_cert_refs, nid_rev_refs;	/* TOK_REFS: the attributes it covers */
	size_t self;			/* this archive time-stamp's attribute index */
	size_t others[MAX_ATS];		/* the other archive time-stamps' indices */
	size_t other_count;
	uy_span hash_index;		/* v3: the token's ats-hash-index-v3 value */
	int have_index;
	int index_ok;
	char why[UY_VERDICT_REASON_MAX];
} imprint_ctx;

static int
imprint_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	return alen == blen && CRYPTO_memcmp(a, b, alen) == 0;
}

static int
imprint_cb(void *vctx, const EVP_MD *md, const uint8_t *imprint, size_t imprint_len,
           const char **form)
{
	imprint_ctx *c = vctx;
	uint8_t h[EVP_MAX_MD_SIZE];
	size_t hlen = 0;
	int include[UY_LTV_MAX_ATTRS];

	switch (c->kind) {
	case TOK_SIG: {
		unsigned int n = 0;
		if (EVP_Digest(c->s->signature_value.ptr, c->s->signature_value.len, h, &n, md,
		               NULL) != 1) {
			ERR_clear_error();
			UY_ERROR(UY_ERR_CRYPTO, "digest of the signature value");
			return -1;
		}
		if (imprint_cmp(h, n, imprint, imprint_len)) {
			*form = "signature-value";
			return 1;
		}
		return 0;
	}
	case TOK_CTS:
		if (uy_ltv_c_ts_imprint(h, &hlen, c->s, md) != UY_OK) {
			return -1;
		}
		if (imprint_cmp(h, hlen, imprint, imprint_len)) {
			*form = "cades-c";
			return 1;
		}
		return 0;
	case TOK_CONTENT: {
		/* RFC 5126 §5.11.4: the hash of the signed content itself. */
		uy_span content = c->s->econtent.len > 0 || c->detached == NULL ? c->s->econtent
		                                                                 : *c->detached;
		unsigned int n = 0;
		if (EVP_Digest(content.len > 0 ? content.ptr : (const uint8_t *)"", content.len, h, &n,
		               md, NULL) != 1) {
			ERR_clear_error();
			UY_ERROR(UY_ERR_CRYPTO, "digest of the content");
			return -1;
		}
		if (imprint_cmp(h, n, imprint, imprint_len)) {
			*form = "content";
			return 1;
		}
		return 0;
	}
	case TOK_REFS: {
		/* RFC 5126 §6.3.6: complete-certificate-refs then complete-revocation-refs,
		 * each as attrType TLV || attrValues TLV. */
		EVP_MD_CTX *mc = EVP_MD_CTX_new();
		unsigned int n = 0;
		int ok = mc != NULL && EVP_DigestInit_ex(mc, md, NULL) == 1;
		for (int pass = 0; ok && pass < 2; pass++) {
			int want = pass == 0 ? c->nid_cert_refs : c->nid_rev_refs;
			for (size_t i = 0; ok && i < c->s->unsigned_count; i++) {
				const uy_ltv_attr *a = &c->s->unsigned_attrs[i];
				if (a->nid != NID_undef && a->nid == want) {
					ok = EVP_DigestUpdate(mc, a->type_tlv.ptr, a->type_tlv.len) == 1 &&
					     EVP_DigestUpdate(mc, a->values_tlv.ptr, a->values_tlv.len) == 1;
				}
			}
		}
		ok = ok && EVP_DigestFinal_ex(mc, h, &n) == 1;
		EVP_MD_CTX_free(mc);
		if (!ok) {
			ERR_clear_error();
			UY_ERROR(UY_ERR_CRYPTO, "digest of the refs");
			return -1;
		}
		if (imprint_cmp(h, n, imprint, imprint_len)) {
			*form = "time-stamped-certs-crls-refs";
			return 1;
		}
		return 0;
	}
	case TOK_ATS_V2:
		/* Later archive time-stamps may or may not have been there: try
		 * every subset of the others, in both readings (spec §4.4). */
		for (unsigned mask = 0; mask < (1u << c->other_count); mask++) {
			for (size_t i = 0; i < c->s->unsigned_count; i++) {
				include[i] = i != c->self;
			}
			for (size_t j = 0; j < c->other_count; j++) {
				include[c->others[j]] = (int)((mask >> j) & 1u);
			}
			for (int annex_k = 0; annex_k <= 1; annex_k++) {
				uy_err e = uy_ltv_ats_v2_imprint(h, &hlen, c->s, c->detached, include,
				                                 annex_k, md);
				if (e != UY_OK) {
					return -1;
				}
				if (imprint_cmp(h, hlen, imprint, imprint_len)) {
					*form = annex_k ? "ats-v2-annex-k" : "ats-v2-clause-6";
					return 1;
				}
			}
		}
		return 0;
	case TOK_ATS_V3: {
		int ok = 0;
		uy_span content = c->s->econtent;
		if (!c->have_index) {
			snprintf(c->why, sizeof(c->why), "the token has no ats-hash-index-v3");
			c->index_ok = 0;
			return 0;
		}
		if (content.len == 0 && c->detached != NULL) {
			content = *c->detached;
		}
		for (size_t i = 0; i < c->s->unsigned_count; i++) {
			include[i] = i != c->self;
		}
		uy_err e = uy_ltv_ats_v3_imprint(h, &hlen, &ok, c->why, sizeof(c->why), c->s, content,
		                                 c->hash_index, include, md);
		if (e == UY_ERR_SYNTAX) {
			snprintf(c->why, sizeof(c->why), "ats-hash-index-v3 is not DER");
			c->index_ok = 0;
			return 0;
		}
		if (e != UY_OK) {
			return -1;
		}
		c->index_ok = ok;
		if (!ok) {
			return 0;
		}
		if (imprint_cmp(h, hlen, imprint, imprint_len)) {
			*form = "ats-v3";
			return 1;
		}
		return 0;
	}
	default:
		UY_ERROR(UY_ERR_INTERNAL, "unknown time-stamp kind");
		return -1;
	}
}

/* Whether the token's failure came from its TSA's path. */
static int
tst_path_failed(const uy_tst_report *r)
{
	if (!r->tsa_found || r->path.depth == 0) {
		return 0;
	}
	if (r->path.x509_error != 0) {
		return 1;
	}
	for (size_t i = 0; i < r->path.depth && i < UY_PATH_MAX_DEPTH; i++) {
		if (uy_verdict_is_failure(&r->path.certs[i].status)) {
			return 1;
		}
	}
	return 0;
}

/*
 * Map a failing token to the signature (spec §5.2; corpus README families H,
 * I, J, K): a broken token (format, imprint, its own signature) is
 * SIG_CONSTRAINTS_FAILURE; no chain for the TSA is NO_CERTIFICATE_CHAIN_FOUND;
 * any other TSA path or constraint failure is CERTIFICATE_CHAIN_GENERAL_FAILURE.
 */
static uy_subindication
tst_map(const uy_verdict *tv, const uy_tst_report *r)
{
	if (tv->sub == UY_SUB_NO_CERTIFICATE_CHAIN_FOUND) {
		return UY_SUB_NO_CERTIFICATE_CHAIN_FOUND;
	}
	if (tst_path_failed(r)) {
		return UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE;
	}
	switch (tv->sub) {
	case UY_SUB_FORMAT_FAILURE:
	case UY_SUB_HASH_FAILURE:
	case UY_SUB_SIG_CRYPTO_FAILURE:
	case UY_SUB_NO_SIGNING_CERTIFICATE_FOUND:
	case UY_SUB_CRYPTO_CONSTRAINTS_FAILURE:
	case UY_SUB_SIGNED_DATA_NOT_FOUND:
		return UY_SUB_SIG_CONSTRAINTS_FAILURE;
	default:
		return tv->indication == UY_IND_FAILED ? UY_SUB_SIG_CONSTRAINTS_FAILURE
		                                       : UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE;
	}
}

/* Earliest and latest genTime of the passed tokens of one kind. */
typedef struct {
	int any;
	int64_t min, max;
} ts_span;

static void
order_note(ts_span *o, int64_t t)
{
	if (!o->any || t < o->min) {
		o->min = t;
	}
	if (!o->any || t > o->max) {
		o->max = t;
	}
	o->any = 1;
}

/* Per-signature working memory (too large for the stack with recursion). */
typedef struct {
	uy_ltv_signer s;
	uy_ltv_signer tok;	/* a v3 token's own SignerInfo */
	uy_ltv_xl xl;
	material m;
	uy_tst_report tr;
	uy_path_report pr;
	uy_profile_findings pf;
	uy_cades_sig_report counter_rep;
	int have_path;
	int64_t best_time;
	int best_found;
	size_t sig_ts_count;
	int first_sig_ts_valid;
	int64_t first_sig_ts_time;
	int first_sig_ts_parsed;
	uy_span content_ts_values;	/* the content-time-stamp attribute's value SET */
	ts_span order[TOK_REFS + 1];	/* genTimes of the PASSED tokens, per kind */
	uy_path_cache *cache;	/* the run's, borrowed */
} sig_work;

static const char *
token_label(int kind)
{
	switch (kind) {
	case TOK_SIG:
		return "signature-time-stamp";
	case TOK_CTS:
		return "CAdES-C time-stamp";
	case TOK_ATS_V2:
		return "archive-time-stamp v2";
	case TOK_ATS_V3:
		return "archive-time-stamp v3";
	case TOK_CONTENT:
		return "content-time-stamp";
	case TOK_REFS:
		return "time-stamped-certs-crls-refs";
	default:
		return "time-stamp";
	}
}

/*
 * Online mode: the CRL of every certificate a time-stamp token carries
 * (its TSA and CAs), added to the material before the token is validated:
 * the TSA path is built inside uy_tst_validate(), so unlike the signer's
 * path it cannot be retried with what was missing. Fetch failures are
 * findings of the TSA path, not errors.
 */
static uy_err
token_fetch_online(sig_work *w, const uy_validate_options *opts, uy_span token)
{
	const unsigned char *p = token.ptr;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)token.len);
	STACK_OF(X509) *certs = cms != NULL ? CMS_get1_certs(cms) : NULL;
	uy_err rc = UY_OK;
	for (int i = 0; i < sk_X509_num(certs); i++) {
		X509 *c = sk_X509_value(certs, i);
		uy_span got = {NULL, 0};
		if (X509_check_issued(c, c) == X509_V_OK) {
			continue;	/* a root: anchors are not checked */
		}
		uy_err e = uy_online_fetch_crl(opts->online, c, &got);
		if (e == UY_ERR_NOMEM) {
			rc = e;
			break;
		}
		if (e == UY_OK && w->m.crl_count < UY_PATH_MAX_INPUTS) {
			int dup = 0;
			for (size_t k = 0; k < w->m.crl_count && !dup; k++) {
				dup = w->m.crls[k].ptr == got.ptr;	/* the fetcher's cache hands out one copy */
			}
			if (!dup) {
				w->m.crls[w->m.crl_count++] = got;
			}
		}
	}
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	uy_error_clear();
	return rc;
}

static uy_err run_token_set(sig_state *st, sig_work *w, const uy_validate_options *opts,
                            const uy_span *detached, uy_span values, size_t ai, int kind,
                            const size_t *ats_idx, size_t ats_count, size_t *token_no);

/* The value SET of the content-time-stamp signed attribute; empty when absent. */
static uy_span
find_content_ts(const uy_ltv_signer *s)
{
	uy_span set = der_contents(s->signed_attrs_tlv);
	const uint8_t *p = set.ptr;
	const uint8_t *end = set.ptr != NULL ? set.ptr + set.len : NULL;
	while (p != NULL && p < end) {
		uint8_t tag = 0;
		uy_span tlv, body, oid, oid_body, vals, vals_body;
		if (!der_next(&p, end, &tag, &tlv, &body) || tag != 0x30) {
			break;
		}
		const uint8_t *q = body.ptr;
		const uint8_t *qe = body.ptr + body.len;
		if (der_next(&q, qe, &tag, &oid, &oid_body) && tag == 0x06 &&
		    oid.len == sizeof(oid_content_ts_der) &&
		    memcmp(oid.ptr, oid_content_ts_der, oid.len) == 0 &&
		    der_next(&q, qe, &tag, &vals, &vals_body) && tag == 0x31) {
			return vals;
		}
	}
	return (uy_span){NULL, 0};
}

/*
 * Time-stamp order (spec signatures §4.5): every passed content-time-stamp
 * before every signature-time-stamp, those before every CAdES-X time-stamp
 * (.25, .26), and those before every archive-time-stamp. Only kinds that
 * are present are compared; one kind alone is in order.
 */
static void
check_ts_order(sig_state *st, const sig_work *w)
{
	static const int chain[] = {TOK_CONTENT, TOK_SIG, TOK_CTS, TOK_ATS_V2};
	char msg[UY_VERDICT_REASON_MAX];
	int64_t before = 0;
	int have_before = 0;
	const char *before_name = "";
	size_t kinds = 0;
	for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
		const ts_span *o = &w->order[chain[i]];
		if (!o->any) {
			continue;
		}
		kinds++;
		if (have_before && o->min < before) {
			char t1[32], t2[32];
			uy_utc_text(before, t1, sizeof(t1));
			uy_utc_text(o->min, t2, sizeof(t2));
			snprintf(msg, sizeof(msg), "a %s (genTime %s) is later than a %s (genTime %s)",
			         before_name, t1, token_label(chain[i]), t2);
			finding(st, UY_CK_CADES_TST_ORDER, UY_STATUS_FAILED, msg);
			blk_fail(st, BLK_ORDER, UY_IND_INDETERMINATE, UY_SUB_TIMESTAMP_ORDER_FAILURE, msg,
			         CL_TS_ORDER, 0);
			return;
		}
		before = o->max;
		have_before = 1;
		before_name = token_label(chain[i]);
	}
	if (kinds > 0) {
		finding(st, UY_CK_CADES_TST_ORDER, UY_STATUS_PASSED, NULL);
	}
}

/* Validate every value of the unsigned attribute at index `ai` as a token of `kind`. */
static uy_err
run_tokens(sig_state *st, sig_work *w, const uy_validate_options *opts, const uy_span *detached,
           size_t ai, int kind, const size_t *ats_idx, size_t ats_count, size_t *token_no)
{
	/* The values of unsigned attribute ai, or for TOK_CONTENT the signed attribute's. */
	uy_span values = kind == TOK_CONTENT ? w->content_ts_values
	                                     : w->s.unsigned_attrs[ai].values_tlv;
	return run_token_set(st, w, opts, detached, values, ai, kind, ats_idx, ats_count, token_no);
}

/* Validate every token of one attribute's value SET as a token of `kind`. */
static uy_err
run_token_set(sig_state *st, sig_work *w, const uy_validate_options *opts,
              const uy_span *detached, uy_span values, size_t ai, int kind,
              const size_t *ats_idx, size_t ats_count, size_t *token_no)
{
	static const int blk_of[] = {BLK_SIGTS, BLK_CTS, BLK_ATS, BLK_ATS, BLK_CONTENT, BLK_CTS};
	static const uy_check_id check_of[] = {UY_CK_CADES_TST_SIGNATURE, UY_CK_CADES_TST_C,
	                                       UY_CK_CADES_TST_ARCHIVE, UY_CK_CADES_TST_ARCHIVE,
	                                       UY_CK_CADES_TST_CONTENT, UY_CK_CADES_TST_C};
	uy_span set = der_contents(values);
	const uint8_t *p = set.ptr;
	const uint8_t *end = set.ptr != NULL ? set.ptr + set.len : NULL;
	uy_path_inputs pin = path_template(&w->m, opts, w->cache);
	uy_tst_inputs tin = {UY_TST_INPUTS_VERSION, &pin};
	char msg[UY_VERDICT_REASON_MAX + 64];

	while (p != NULL && p < end) {
		uint8_t tag = 0;
		uy_span tlv, body;
		uy_verdict tv = UY_VERDICT_UNSET;
		imprint_ctx ic;

		if (!der_next(&p, end, &tag, &tlv, &body)) {
			break;
		}
		UY_ENSURE(*token_no < MAX_TOKENS,
		          UY_ERROR(UY_ERR_LIMIT, "more than %u time-stamp tokens", MAX_TOKENS));
		(*token_no)++;
		memset(&ic, 0, sizeof(ic));
		ic.kind = kind;
		ic.s = &w->s;
		ic.detached = w->s.econtent.len == 0 ? detached : NULL;
		ic.self = kind == TOK_CONTENT ? SIZE_MAX : ai;
		ic.nid_cert_refs = uy_ltv_nid(OID_CERT_REFS);
		ic.nid_rev_refs = uy_ltv_nid(OID_REV_REFS);
		for (size_t j = 0; j < ats_count; j++) {
			if (ats_idx[j] != ai && ic.other_count < MAX_ATS) {
				ic.others[ic.other_count++] = ats_idx[j];
			}
		}
		ic.index_ok = 1;
		if (kind == TOK_ATS_V3 &&
		    uy_ltv_parse_signer(&w->tok, tlv, 0) == UY_OK) {
			int nid = uy_ltv_nid(OID_ATS_HASH_INDEX_V3);
			for (size_t k = 0; k < w->tok.unsigned_count; k++) {
				if (nid != NID_undef && w->tok.unsigned_attrs[k].nid == nid &&
				    w->tok.unsigned_attrs[k].value_count == 1) {
					ic.hash_index = w->tok.unsigned_attrs[k].first_value;
					ic.have_index = 1;
				}
			}
		}
		if (opts->online != NULL) {
			UY_TRY(token_fetch_online(w, opts, tlv));
			pin = path_template(&w->m, opts, w->cache);
		}
		UY_TRY(uy_tst_validate(&tv, &w->tr, tlv, imprint_cb, &ic, &tin));

		if (kind == TOK_SIG) {
			if (w->sig_ts_count == 0) {
				w->first_sig_ts_valid = !uy_verdict_is_failure(&tv);
				w->first_sig_ts_parsed = w->tr.parsed;
				w->first_sig_ts_time = w->tr.gen_time;
			}
			w->sig_ts_count++;
			if (!uy_verdict_is_failure(&tv) && w->tr.parsed) {
				int64_t g = w->tr.gen_time < opts->validation_time ? w->tr.gen_time
				                                                    : opts->validation_time;
				if (!w->best_found || g < w->best_time) {
					w->best_time = g;
					w->best_found = 1;
				}
			}
		}
		if (!uy_verdict_is_failure(&tv)) {
			finding(st, check_of[kind], UY_STATUS_PASSED, NULL);
			if (w->tr.parsed) {
				order_note(&w->order[kind == TOK_ATS_V3 ? TOK_ATS_V2 :
				                     kind == TOK_REFS ? TOK_CTS : kind], w->tr.gen_time);
			}
			continue;
		}
		const char *reason = tv.reason;
		if (kind == TOK_ATS_V3 && !ic.index_ok) {
			reason = ic.why;
		}
		snprintf(msg, sizeof(msg), "%s %zu: %s", token_label(kind), *token_no, reason);
		uy_subindication sub = tst_map(&tv, &w->tr);
		if (tv.sub == UY_SUB_TRY_LATER && !w->xl.has_rev_values) {
			/* The TSA's revocation data is not in the file and was not given:
			 * unobtainable, as for the signer (spec §5.2), not a broken token. */
			sub = UY_SUB_TRY_LATER;
		}
		if (sub == UY_SUB_NO_CERTIFICATE_CHAIN_FOUND && opts->anchor_count == 0) {
			/* Not the token's fault: nothing to anchor it to. */
			snprintf(msg, sizeof(msg), "%s %zu: %s", token_label(kind), *token_no,
			         NO_ANCHORS);
			finding(st, check_of[kind], UY_STATUS_NOT_EVALUATED, msg);
			blk_fail(st, blk_of[kind], UY_IND_INDETERMINATE, sub, msg, CL_TST, 1);
			continue;
		}
		finding(st, check_of[kind], UY_STATUS_FAILED, msg);
		blk_fail(st, blk_of[kind], UY_IND_INDETERMINATE, sub, msg,
		         tv.clause != NULL ? tv.clause : CL_TST, 0);
	}
	return UY_OK;
}

/* ------------------------------------------------------------------ */
/* Signature level (step 1). */

static void
siglevel_findings(sig_state *st, const uy_verdict *v)
{
	/* The order cades_sig.c checks in: format, signing certificate, digest, signature. */
	static const struct {
		uy_subindication sub;
		uy_check_id check;
		size_t pos;
	} map[] = {
	    {UY_SUB_FORMAT_FAILURE, UY_CK_CADES_SIG_FORMAT, 0},
	    {UY_SUB_NO_SIGNING_CERTIFICATE_FOUND, UY_CK_CADES_SIG_SIGNING_CERT, 1},
	    {UY_SUB_HASH_FAILURE, UY_CK_CADES_SIG_MESSAGE_DIGEST, 2},
	    {UY_SUB_SIGNED_DATA_NOT_FOUND, UY_CK_CADES_SIG_MESSAGE_DIGEST, 2},
	    {UY_SUB_CRYPTO_CONSTRAINTS_FAILURE, UY_CK_CADES_CRYPTO_ALGORITHMS, 2},
	    {UY_SUB_SIG_CRYPTO_FAILURE, UY_CK_CADES_SIG_VALUE, 3},
	};
	static const uy_check_id order[] = {UY_CK_CADES_SIG_FORMAT, UY_CK_CADES_SIG_SIGNING_CERT,
	                                    UY_CK_CADES_SIG_MESSAGE_DIGEST, UY_CK_CADES_SIG_VALUE};
	size_t upto = 4;

	if (uy_verdict_is_failure(v)) {
		size_t k = 0;
		uy_check_id check = UY_CK_CADES_SIG_FORMAT;
		for (k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
			if (map[k].sub == v->sub) {
				break;
			}
		}
		if (k < sizeof(map) / sizeof(map[0])) {
			upto = map[k].pos;
			check = map[k].check;
		} else {
			upto = 0;
		}
		for (size_t i = 0; i < upto; i++) {
			finding(st, order[i], UY_STATUS_PASSED, NULL);
		}
		finding(st, check,
		        v->sub == UY_SUB_SIGNED_DATA_NOT_FOUND ? UY_STATUS_NOT_EVALUATED
		                                               : UY_STATUS_FAILED,
		        v->reason);
		return;
	}
	for (size_t i = 0; i < upto; i++) {
		finding(st, order[i], UY_STATUS_PASSED, NULL);
	}
}

/* ------------------------------------------------------------------ */
/* Combination (step 12). */

static void
combine(sig_state *st, int no_time)
{
	static const int failed_order[] = {BLK_SIGLEVEL, BLK_PATH, BLK_SIGTS, BLK_CTS, BLK_ATS};
	uy_sig_validation *sv = st->sv;
	const uy_verdict *win = NULL;
	int not_final = 0;

	for (size_t i = 0; i < sizeof(failed_order) / sizeof(failed_order[0]); i++) {
		const uy_verdict *b = &st->blk[failed_order[i]];
		if (b->indication == UY_IND_TOTAL_FAILED || b->indication == UY_IND_FAILED) {
			uy_verdict_set(&sv->verdict, UY_IND_TOTAL_FAILED, b->sub, b->reason, b->clause);
			sv->kamusm = "invalid";
			return;
		}
	}
	if (no_time && !uy_verdict_is_failure(&st->blk[BLK_SIGLEVEL])) {
		uy_verdict_set(&sv->verdict, UY_IND_INDETERMINATE, UY_SUB_TRY_LATER, NO_TIME,
		               CL_COMBINE);
		sv->kamusm = "not final";
		return;
	}
	for (int b = 0; b < BLK_COUNT; b++) {
		if (uy_verdict_is_failure(&st->blk[b])) {
			win = &st->blk[b];
			not_final = st->blk_not_final[b];
			break;
		}
	}
	if (win == NULL) {
		uy_verdict_set(&sv->verdict, UY_IND_TOTAL_PASSED, UY_SUB_NONE, NULL, NULL);
		sv->kamusm = "valid";
		return;
	}
	/* FAILED of a later block is still a proven failure. */
	uy_verdict_set(&sv->verdict,
	               win->indication == UY_IND_FAILED ? UY_IND_TOTAL_FAILED : win->indication,
	               win->sub, win->reason, win->clause);
	sv->kamusm = sv->verdict.indication == UY_IND_INDETERMINATE && not_final ? "not final"
	                                                                          : "invalid";
}

/* ------------------------------------------------------------------ */
/* One signature. */

typedef struct {
	uy_validation *out;
	const uy_validate_options *opts;
	/* Decoded CRLs / OCSP responses and CRL signature outcomes, shared by
	 * every path validation of the run (same material, same results). */
	uy_path_cache *cache;
} run_ctx;

static uy_err validate_signer(run_ctx *rc_, uy_span cms, size_t index,
                              const uy_cades_signer_report *sr, STACK_OF(X509) *sd_certs,
                              const uy_span *detached, size_t top_index, unsigned depth,
                              const char *label);

static uy_sig_validation *
new_sig(run_ctx *r, const char *label, size_t top_index, unsigned depth)
{
	if (r->out->count >= UY_VALIDATE_MAX_SIGS) {
		return NULL;
	}
	uy_sig_validation *sv = &r->out->sigs[r->out->count++];
	memset(sv, 0, sizeof(*sv));
	snprintf(sv->label, sizeof(sv->label), "%s", label);
	sv->signer_index = top_index;
	sv->counter_depth = depth;
	sv->kamusm = "invalid";
	sv->profile = r->opts->profile;
	return sv;
}

/* A signature that could not be processed at all (format). */
static uy_err
format_entry(run_ctx *r, const char *label, size_t top_index, unsigned depth, const char *reason)
{
	uy_sig_validation *sv = new_sig(r, label, top_index, depth);
	sig_state st;

	UY_ENSURE(sv != NULL, UY_ERROR(UY_ERR_LIMIT, "more than UY_VALIDATE_MAX_SIGS signatures"));
	memset(&st, 0, sizeof(st));
	st.sv = sv;
	finding(&st, UY_CK_CADES_SIG_FORMAT, UY_STATUS_FAILED, reason);
	uy_verdict_set(&sv->verdict, UY_IND_TOTAL_FAILED, UY_SUB_FORMAT_FAILURE, reason, CL_FORMAT);
	sv->kamusm = "invalid";
	snprintf(sv->level, sizeof(sv->level), "?");
	return UY_OK;
}

/* The signature-policy-identifier signed attribute, decoded (present = 0 if absent). */
static void
find_policy(uy_policy_id *pol, const uy_ltv_signer *s)
{
	uy_span c = der_contents(s->signed_attrs_tlv);
	const uint8_t *p = c.ptr;
	const uint8_t *end = c.ptr != NULL ? c.ptr + c.len : NULL;

	memset(pol, 0, sizeof(*pol));
	while (p != NULL && p < end) {
		uint8_t tag = 0, t2 = 0;
		uy_span tlv, body, oid_tlv, oid, set_tlv, set;
		if (!der_next(&p, end, &tag, &tlv, &body)) {
			return;
		}
		const uint8_t *q = body.ptr;
		const uint8_t *qe = body.ptr + body.len;
		if (tag != 0x30 || !der_next(&q, qe, &t2, &oid_tlv, &oid) || t2 != 0x06 ||
		    oid.len != sizeof(OID_POLICY_DER) || memcmp(oid.ptr, OID_POLICY_DER, oid.len) != 0) {
			continue;
		}
		/* Present: anything malformed below is a policy the profile cannot accept. */
		pol->present = 1;
		if (!der_next(&q, qe, &t2, &set_tlv, &set) || t2 != 0x31) {
			return;
		}
		const uint8_t *v = set.ptr;
		uy_span vtlv, vbody;
		uint8_t t3 = 0;
		if (!der_next(&v, set.ptr + set.len, &t3, &vtlv, &vbody) || v != set.ptr + set.len) {
			return;	/* no value, or several */
		}
		if (uy_policy_id_parse(pol, vtlv) != UY_OK) {
			memset(pol, 0, sizeof(*pol));
			pol->present = 1;
		}
		return;
	}
}

static const char *
level_name(const uy_ltv_xl *xl, int has_ats, int has_sig_ts, int has_policy)
{
	if (has_ats) {
		return "CAdES-A";
	}
	if (xl->has_cert_values && xl->has_rev_values) {
		return "CAdES-X-Long";
	}
	if (xl->has_cert_refs || xl->has_rev_refs) {
		return "CAdES-C";
	}
	if (has_sig_ts) {
		return "CAdES-T";
	}
	return has_policy ? "CAdES-EPES" : "CAdES-BES";
}

/* Fetch what the path lacked (online mode), then validate again. */
static uy_err
path_online(sig_work *w, X509 *cert, uy_path_inputs *pin, uy_verdict *pv,
            const uy_validate_options *opts)
{
	size_t added = 0;

	for (size_t i = 0; i < w->pr.depth && i < UY_PATH_MAX_DEPTH; i++) {
		const uy_path_cert_report *c = &w->pr.certs[i];
		uy_span got = {NULL, 0};
		if (c->cert == NULL || c->source == UY_PATH_SRC_ANCHOR) {
			continue;
		}
		uy_err e = uy_online_fetch_crl(opts->online, c->cert, &got);
		if (e == UY_ERR_NOMEM) {
			return e;
		}
		if (e == UY_OK && w->m.crl_count < UY_PATH_MAX_INPUTS) {
			w->m.crls[w->m.crl_count++] = got;
			added++;
		}
		if (i == 0 && w->pr.depth > 1 && w->pr.certs[1].cert != NULL) {
			e = uy_online_query_ocsp(opts->online, c->cert, w->pr.certs[1].cert, &got);
			if (e == UY_ERR_NOMEM) {
				return e;
			}
			if (e == UY_OK && w->m.ocsp_count < UY_PATH_MAX_INPUTS) {
				w->m.ocsp[w->m.ocsp_count++] = got;
				added++;
			}
		}
	}
	uy_error_clear();	/* fetch failures are findings of the path, not errors */
	if (added == 0) {
		return UY_OK;
	}
	pin->crls = w->m.crls;
	pin->crl_count = w->m.crl_count;
	pin->ocsp = w->m.ocsp;
	pin->ocsp_count = w->m.ocsp_count;
	return uy_path_validate(pv, &w->pr, cert, pin);
}

static uy_err
profile_and_findings(sig_state *st, sig_work *w, const uy_validate_options *opts,
                     const uy_cades_signer_report *sr, const uy_policy_id *pol, int has_ats,
                     int no_time, int no_anchors)
{
	uy_profile_facts f;
	uy_verdict pv = UY_VERDICT_UNSET;
	uy_profile eff = UY_PROFILE_NONE;
	uy_grace grace = UY_GRACE_NOT_APPLICABLE;

	memset(&f, 0, sizeof(f));
	f.claimed = opts->profile;
	f.policy = *pol;
	f.signing_time_present = sr->signing_time_present;
	f.signing_time = sr->signing_time;
	f.ess_version = sr->ess_version;
	f.sig_ts_count = w->sig_ts_count;
	f.sig_ts_valid = w->first_sig_ts_valid;
	f.sig_ts_time = w->first_sig_ts_time;
	f.has_cert_refs = w->xl.has_cert_refs;
	f.has_rev_refs = w->xl.has_rev_refs;
	f.has_cert_values = w->xl.has_cert_values;
	f.has_rev_values = w->xl.has_rev_values;
	f.has_archive_ts = has_ats;
	if (w->have_path && w->pr.depth > 0) {
		f.signer_revocation = w->pr.certs[0].source == UY_PATH_SRC_CRL    ? 1
		                      : w->pr.certs[0].source == UY_PATH_SRC_OCSP ? 2
		                                                                  : 0;
	}
	f.validation_time = opts->validation_time;
	memset(&w->pf, 0, sizeof(w->pf));
	UY_TRY(uy_profile_check(&pv, &w->pf, &eff, &grace, &f, &opts->profile_opts));
	st->sv->profile = eff;
	st->sv->grace = no_time ? UY_GRACE_NOT_APPLICABLE : grace;
	for (size_t i = 0; i < w->pf.count && i < UY_PROFILE_MAX_FINDINGS; i++) {
		const uy_profile_finding *pf = &w->pf.findings[i];
		int is_grace = pf->rule != NULL && strcmp(pf->rule, "cades::profile::grace") == 0;
		/* Rules that need validated tokens or a path cannot be judged without them. */
		int needs_trust = pf->rule != NULL &&
		                  (strcmp(pf->rule, "cades::profile::signature-time-stamp") == 0 ||
		                   strcmp(pf->rule, "cades::profile::revocation-source") == 0 ||
		                   is_grace);
		if (no_time) {
			UY_TRY(finding_named(st, pf->rule, UY_STATUS_NOT_EVALUATED, NO_TIME));
			continue;
		}
		if (pf->passed || pf->warning) {
			UY_TRY(finding_named(st, pf->rule, UY_STATUS_PASSED, NULL));
			continue;
		}
		if (no_anchors && needs_trust) {
			UY_TRY(finding_named(st, pf->rule, UY_STATUS_NOT_EVALUATED, NO_ANCHORS));
			continue;
		}
		UY_TRY(finding_named(st, pf->rule,
		                     is_grace && pf->verdict.sub == UY_SUB_TRY_LATER
		                         ? UY_STATUS_NOT_EVALUATED
		                         : UY_STATUS_FAILED,
		                     pf->verdict.reason));
		blk_set(st, is_grace ? BLK_GRACE : BLK_PROFILE, &pf->verdict,
		        is_grace && pf->verdict.sub == UY_SUB_TRY_LATER);
	}
	return UY_OK;
}

static uy_err
certprofile_findings(sig_state *st, sig_work *w, X509 *cert, const uy_validate_options *opts)
{
	uy_verdict cv = UY_VERDICT_UNSET;

	memset(&w->pf, 0, sizeof(w->pf));
	UY_TRY(uy_certprofile_check(&cv, &w->pf, cert, opts->role, &opts->cert_opts));
	for (size_t i = 0; i < w->pf.count && i < UY_PROFILE_MAX_FINDINGS; i++) {
		const uy_profile_finding *pf = &w->pf.findings[i];
		if (pf->passed) {
			UY_TRY(finding_named(st, pf->rule, UY_STATUS_PASSED, NULL));
			continue;
		}
		UY_TRY(finding_named(st, pf->rule, UY_STATUS_FAILED,
		                     pf->verdict.reason[0] != '\0' ? pf->verdict.reason
		                                                   : "certificate profile rule failed"));
		if (!pf->warning) {
			blk_set(st, BLK_CERTPROF, &pf->verdict, 0);
		}
	}
	if (uy_verdict_is_failure(&cv)) {
		blk_set(st, BLK_CERTPROF, &cv, 0);
	}
	return UY_OK;
}

/* sd_certs: the X.509 choices of cms's SignedData.certificates as the
 * signature level decoded them (borrowed; NULL: none). */
static uy_err
validate_signer(run_ctx *r, uy_span cms, size_t index, const uy_cades_signer_report *sr,
                STACK_OF(X509) *sd_certs, const uy_span *detached, size_t top_index,
                unsigned depth, const char *label)
{
	const uy_validate_options *opts = r->opts;
	uy_err rc = UY_OK;
	sig_work *w = NULL;
	sig_state st;
	uy_sig_validation *sv = NULL;
	uy_buf wrapped;
	const int no_time = !opts->has_validation_time;
	const int no_anchors = opts->anchor_count == 0;
	X509 *cert = NULL;
	size_t ats_idx[MAX_ATS];
	size_t ats_count = 0;
	uy_policy_id pol;
	char msg[UY_VERDICT_REASON_MAX + 64];

	uy_buf_init(&wrapped, UY_MAX_SIGNATURE_PART, 0);
	memset(&st, 0, sizeof(st));
	sv = new_sig(r, label, top_index, depth);
	UY_ENSURE_OUT(sv != NULL,
	              UY_ERROR(UY_ERR_LIMIT, "more than UY_VALIDATE_MAX_SIGS signatures"));
	st.sv = sv;
	w = uy_calloc(1, sizeof(*w));
	UY_ENSURE_OUT(w != NULL, UY_ERROR(UY_ERR_NOMEM, "validation work area"));
	w->cache = r->cache;

	/* 1. The signature level, done by the caller for the whole file. */
	siglevel_findings(&st, &sr->verdict);
	blk_set(&st, BLK_SIGLEVEL, &sr->verdict, 0);
	sv->signing_time_present = sr->signing_time_present;
	sv->signing_time = sr->signing_time;

	/* 2. The SignerInfo as encoded and its long-term attributes. */
	{
		uy_err e = uy_ltv_parse_signer(&w->s, cms, index);
		if (e == UY_OK) {
			e = uy_ltv_parse_xl(&w->xl, &w->s);
		}
		UY_ENSURE_OUT(e == UY_OK || e == UY_ERR_SYNTAX, e);
		if (e == UY_ERR_SYNTAX) {
			static const char why[] =
			    "the SignerInfo or its unsigned attributes are not DER of their types";
			uy_error_clear();
			finding(&st, UY_CK_CADES_SIG_FORMAT, UY_STATUS_FAILED, why);
			blk_fail(&st, BLK_SIGLEVEL, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, why, CL_FORMAT,
			         0);
			combine(&st, no_time);
			snprintf(sv->level, sizeof(sv->level), "?");
			goto done;
		}
	}
	int nid_sig_ts = uy_ltv_nid(OID_SIG_TS);
	int nid_c_ts = uy_ltv_nid(OID_C_TS);
	int nid_refs_ts = uy_ltv_nid(OID_REFS_TS);
	int nid_ats2 = uy_ltv_nid(OID_ATS_V2);
	int nid_ats3 = uy_ltv_nid(OID_ATS_V3);
	int nid_counter = uy_ltv_nid(OID_COUNTERSIGNATURE);
	int has_sig_ts = 0;
	for (size_t i = 0; i < w->s.unsigned_count; i++) {
		int nid = w->s.unsigned_attrs[i].nid;
		if (nid == NID_undef) {
			continue;
		}
		if (nid == nid_sig_ts) {
			has_sig_ts = 1;
		}
		if (nid == nid_ats2 || nid == nid_ats3) {
			if (ats_count >= MAX_ATS) {
				ats_count = MAX_ATS + 1;
				break;
			}
			ats_idx[ats_count++] = i;
		}
	}
	find_policy(&pol, &w->s);
	snprintf(sv->level, sizeof(sv->level), "%s",
	         level_name(&w->xl, ats_count > 0, has_sig_ts, pol.present));
	if (ats_count > MAX_ATS) {
		snprintf(msg, sizeof(msg), "more than %u archive-time-stamps", MAX_ATS);
		finding(&st, UY_CK_CADES_TST_ARCHIVE, UY_STATUS_FAILED, msg);
		blk_fail(&st, BLK_SIGLEVEL, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, msg, CL_FORMAT, 0);
		ats_count = 0;
	}

	/* 3. Validation material. */
	UY_TRY_OUT(material_build(&w->m, &w->s, &w->xl, sd_certs, opts));
	if (sr->signer_cert_found && sr->signer_cert_index < w->m.sd_count &&
	    w->m.sd_map[sr->signer_cert_index] != SIZE_MAX) {
		cert = w->m.certs[w->m.sd_map[sr->signer_cert_index]];
	}
	if (cert != NULL) {
		uy_path_subject(cert, sv->signer_subject, sizeof(sv->signer_subject));
		serial_of(cert, sv->signer_serial, sizeof(sv->signer_serial));
	}
	w->best_time = opts->validation_time;

	/* 4. Without a validation time: the certificate profile only. */
	if (no_time) {
		static const uy_check_id timed[] = {
		    UY_CK_CADES_TST_SIGNATURE, UY_CK_CADES_PATH_CHAIN, UY_CK_CADES_CRYPTO_ALGORITHMS};
		for (size_t i = 0; i < sizeof(timed) / sizeof(timed[0]); i++) {
			finding(&st, timed[i], UY_STATUS_NOT_EVALUATED, NO_TIME);
		}
		if (cert != NULL) {
			UY_TRY_OUT(certprofile_findings(&st, w, cert, opts));
		}
		UY_TRY_OUT(profile_and_findings(&st, w, opts, sr, &pol, ats_count > 0, 1, no_anchors));
		combine(&st, 1);
		goto counters;
	}

	/* 5-7. Time-stamps: signature-time-stamps first (they give B). */
	{
		size_t n_sig = 0, n_c = 0, n_a = 0;
		for (size_t i = 0; i < w->s.unsigned_count; i++) {
			if (w->s.unsigned_attrs[i].nid != NID_undef &&
			    w->s.unsigned_attrs[i].nid == nid_sig_ts) {
				UY_TRY_OUT(run_tokens(&st, w, opts, detached, i, TOK_SIG, NULL, 0, &n_sig));
			}
		}
		/* The content-time-stamp is a signed attribute (RFC 5126 §5.11.4). */
		w->content_ts_values = find_content_ts(&w->s);
		if (w->content_ts_values.len > 0) {
			size_t n_content = 0;
			UY_TRY_OUT(run_tokens(&st, w, opts, detached, 0, TOK_CONTENT, NULL, 0,
			                      &n_content));
		}
		for (size_t i = 0; i < w->s.unsigned_count; i++) {
			int nid = w->s.unsigned_attrs[i].nid;
			if (nid == NID_undef) {
				continue;
			}
			if (nid == nid_c_ts) {
				UY_TRY_OUT(run_tokens(&st, w, opts, detached, i, TOK_CTS, NULL, 0, &n_c));
			} else if (nid == nid_refs_ts) {
				UY_TRY_OUT(run_tokens(&st, w, opts, detached, i, TOK_REFS, NULL, 0, &n_c));
			} else if (ats_count > 0 && (nid == nid_ats2 || nid == nid_ats3)) {
				UY_TRY_OUT(run_tokens(&st, w, opts, detached, i,
				                      nid == nid_ats2 ? TOK_ATS_V2 : TOK_ATS_V3, ats_idx,
				                      ats_count, &n_a));
			}
		}
	}
	check_ts_order(&st, w);
	sv->best_signature_time = w->best_time;

	/* 8. The signer's path at T, status at B. */
	if (cert == NULL) {
		finding(&st, UY_CK_CADES_PATH_CHAIN, UY_STATUS_NOT_EVALUATED,
		        "signer certificate not found");
	} else if (no_anchors) {
		finding(&st, UY_CK_CADES_PATH_CHAIN, UY_STATUS_NOT_EVALUATED, NO_ANCHORS);
		blk_fail(&st, BLK_PATH, UY_IND_INDETERMINATE, UY_SUB_NO_CERTIFICATE_CHAIN_FOUND,
		         NO_ANCHORS, CL_PATH, 1);
	} else {
		uy_path_inputs pin = path_template(&w->m, opts, w->cache);
		uy_verdict pv = UY_VERDICT_UNSET;
		int x_long = strcmp(sv->level, "CAdES-X-Long") == 0 || strcmp(sv->level, "CAdES-A") == 0;
		pin.best_signature_time = w->best_time;
		if (x_long) {
			/* Catalogue note (c): the responder's own status from ES-X-L on. */
			pin.flags |= UY_PATH_CHECK_RESPONDER_STATUS;
		}
		UY_TRY_OUT(uy_path_validate(&pv, &w->pr, cert, &pin));
		if (pv.sub == UY_SUB_TRY_LATER && opts->online != NULL) {
			UY_TRY_OUT(path_online(w, cert, &pin, &pv, opts));
		}
		w->have_path = 1;
		if (pv.indication == UY_IND_INDETERMINATE && pv.sub == UY_SUB_TRY_LATER &&
		    w->xl.has_rev_values) {
			/* The signature claims to carry its validation data: missing
			 * status is a broken ES-X-L, not "try later" (spec §5.2). */
			snprintf(msg, sizeof(msg),
			         "embedded revocation values do not establish the status at B: %s",
			         pv.reason);
			pv = UY_VERDICT_UNSET;
			uy_verdict_set(&pv, UY_IND_INDETERMINATE, UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE,
			               msg, CL_XL);
		}
		if (uy_verdict_is_failure(&pv)) {
			finding(&st, UY_CK_CADES_PATH_CHAIN, UY_STATUS_FAILED, pv.reason);
			blk_set(&st, BLK_PATH, &pv, 0);
		} else {
			finding(&st, UY_CK_CADES_PATH_CHAIN, UY_STATUS_PASSED, NULL);
		}
		if (w->pr.lenient_crls > 0) {
			finding(&st, UY_CK_CADES_PATH_CRL_ALG_PARAMS, UY_STATUS_FAILED, w->pr.note);
		} else if (!uy_verdict_is_failure(&pv)) {
			finding(&st, UY_CK_CADES_PATH_CRL_ALG_PARAMS, UY_STATUS_PASSED, NULL);
		}
	}

	/* 9. ES-X-L refs and values against the path actually validated. */
	if (w->xl.has_cert_refs || w->xl.has_rev_refs || w->xl.has_cert_values ||
	    w->xl.has_rev_values) {
		static const uy_check_id xl_checks[] = {
		    UY_CK_CADES_LTV_CERT_REFS, UY_CK_CADES_LTV_CERT_VALUES, UY_CK_CADES_LTV_REV_REFS,
		    UY_CK_CADES_LTV_REV_VALUES};
		if (!w->have_path) {
			for (size_t i = 0; i < 4; i++) {
				finding(&st, xl_checks[i], UY_STATUS_NOT_EVALUATED,
				        no_anchors ? NO_ANCHORS : "signer certificate not found");
			}
		} else {
			uy_verdict xv = UY_VERDICT_UNSET;
			const char *what = "";
			uy_ltv_used used = {&w->pr, w->m.crls, w->m.crl_count, w->m.ocsp,
			                    w->m.ocsp_count};
			UY_TRY_OUT(uy_ltv_check_xl(&xv, &what, &w->xl, &used));
			if (uy_verdict_is_failure(&xv)) {
				char id[64];
				snprintf(id, sizeof(id), "cades::ltv::%s", what != NULL ? what : "");
				UY_TRY_OUT(finding_named(&st, id, UY_STATUS_FAILED, xv.reason));
				blk_fail(&st, BLK_XL, UY_IND_INDETERMINATE,
				         UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE, xv.reason,
				         xv.clause != NULL ? xv.clause : CL_XL, 0);
			} else {
				for (size_t i = 0; i < 4; i++) {
					finding(&st, xl_checks[i], UY_STATUS_PASSED, NULL);
				}
			}
		}
	}

	/* 10. Certificate profile and algorithms. */
	if (cert != NULL) {
		uy_verdict av = UY_VERDICT_UNSET;
		int warning = 0;
		EVP_PKEY *key = X509_get0_pubkey(cert);
		UY_TRY_OUT(certprofile_findings(&st, w, cert, opts));
		if (key == NULL) {
			ERR_clear_error();
			finding(&st, UY_CK_CADES_CRYPTO_ALGORITHMS, UY_STATUS_NOT_EVALUATED,
			        "the signer's public key cannot be decoded");
		} else {
			UY_TRY_OUT(uy_algorithms_check(&av, &warning, sr->digest_nid, key, w->best_time));
			if (uy_verdict_is_failure(&av)) {
				finding(&st, UY_CK_CADES_CRYPTO_ALGORITHMS, UY_STATUS_FAILED, av.reason);
				blk_set(&st, BLK_ALGO, &av, 0);
			} else {
				finding(&st, UY_CK_CADES_CRYPTO_ALGORITHMS, UY_STATUS_PASSED, NULL);
				if (warning) {
					finding(&st, UY_CK_CADES_CRYPTO_DEPRECATED_DIGEST, UY_STATUS_FAILED,
					        av.reason[0] != '\0' ? av.reason
					                             : "SHA-1 signature digest (accepted as a warning)");
				} else {
					/* Evaluated: no deprecated digest. */
					finding(&st, UY_CK_CADES_CRYPTO_DEPRECATED_DIGEST, UY_STATUS_PASSED, NULL);
				}
			}
		}
	}

	/* 11. The BTK profile. */
	UY_TRY_OUT(profile_and_findings(&st, w, opts, sr, &pol, ats_count > 0, 0, no_anchors));

	/* 12. One indication. */
	combine(&st, 0);

counters:
	/* 13. Countersignatures: each a detached signature over our signature value. */
	{
		size_t n = 0;
		for (size_t i = 0; i < w->s.unsigned_count; i++) {
			if (w->s.unsigned_attrs[i].nid == NID_undef ||
			    w->s.unsigned_attrs[i].nid != nid_counter) {
				continue;
			}
			uy_span set = der_contents(w->s.unsigned_attrs[i].values_tlv);
			const uint8_t *p = set.ptr;
			const uint8_t *end = set.ptr != NULL ? set.ptr + set.len : NULL;
			while (p != NULL && p < end) {
				uint8_t tag = 0;
				uy_span tlv, body;
				char sub_label[sizeof(sv->label)];
				if (!der_next(&p, end, &tag, &tlv, &body)) {
					break;
				}
				n++;
				snprintf(sub_label, sizeof(sub_label), "%s / countersignature %zu", label, n);
				if (depth + 1 > UY_VALIDATE_MAX_COUNTER_DEPTH) {
					UY_TRY_OUT(format_entry(r, sub_label, top_index, depth + 1,
					                        "countersignatures nested too deep"));
					continue;
				}
				uy_buf_dispose(&wrapped);
				uy_buf_init(&wrapped, UY_MAX_SIGNATURE_PART, 0);
				uy_err e = uy_ltv_wrap_countersignature(&wrapped, &w->s, tlv);
				if (e == UY_ERR_SYNTAX) {
					uy_error_clear();
					UY_TRY_OUT(format_entry(r, sub_label, top_index, depth + 1,
					                        "the countersignature is not one SignerInfo"));
					continue;
				}
				UY_TRY_OUT(e);
				uy_span parent_value = w->s.signature_value;
				uy_cades_sig_options so = UY_CADES_SIG_OPTIONS_INIT;
				uy_verdict fv = UY_VERDICT_UNSET;
				STACK_OF(X509) *c_certs = NULL;
				so.countersignature = 1;
				UY_TRY_OUT(uy_cades__check_signature_ex(&fv, &w->counter_rep,
				                                        uy_buf_span(&wrapped), NULL,
				                                        &parent_value, &so, &c_certs));
				if (w->counter_rep.signer_count == 0) {
					sk_X509_pop_free(c_certs, X509_free);
					UY_TRY_OUT(format_entry(r, sub_label, top_index, depth + 1,
					                        fv.reason[0] != '\0' ? fv.reason
					                                             : "not a SignerInfo"));
					continue;
				}
				uy_cades_signer_report csr = w->counter_rep.signers[0];
				e = validate_signer(r, uy_buf_span(&wrapped), 0, &csr, c_certs,
				                    &parent_value, top_index, depth + 1, sub_label);
				sk_X509_pop_free(c_certs, X509_free);
				UY_TRY_OUT(e);
			}
		}
	}
done:
	if (w != NULL) {
		material_dispose(&w->m);
	}
	uy_free(w);
	uy_buf_dispose(&wrapped);
	return rc;
}

/* see uy_validate.h */
uy_err
uy_cades_validate(uy_validation *out, uy_span cms, const uy_span *detached,
                  const uy_validate_options *opts)
{
	uy_err rc = UY_OK;
	uy_cades_sig_report *rep = NULL;
	uy_verdict fv = UY_VERDICT_UNSET;
	STACK_OF(X509) *sd_certs = NULL;	/* decoded once, shared by every signer */
	run_ctx r;

	UY_ASSERT_ARG(out != NULL && opts != NULL);
	UY_ASSERT_ARG(opts->version == UY_VALIDATE_OPTIONS_VERSION);
	UY_ASSERT_ARG(cms.ptr != NULL || cms.len == 0);
	UY_ASSERT_ARG(opts->anchor_count == 0 || opts->anchors != NULL);
	UY_ASSERT_ARG(opts->extra_cert_count == 0 || opts->extra_certs != NULL);
	UY_ASSERT_ARG(opts->crl_count == 0 || opts->crls != NULL);
	UY_ASSERT_ARG(opts->ocsp_count == 0 || opts->ocsp != NULL);
	memset(out, 0, sizeof(*out));
	r.out = out;
	r.opts = opts;
	r.cache = NULL;
	UY_ENSURE(opts->anchor_count <= UY_PATH_MAX_INPUTS,
	          UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS trust anchors"));
	UY_TRY(uy_path_cache_new(&r.cache));

	rep = uy_calloc(1, sizeof(*rep));
	UY_ENSURE_OUT(rep != NULL, UY_ERROR(UY_ERR_NOMEM, "signature report"));
	UY_TRY_OUT(uy_cades__check_signature_ex(&fv, rep, cms, NULL, detached, NULL, &sd_certs));
	out->detached = rep->detached;
	if (rep->signer_count == 0) {
		/* *= ETSI EN 319 102-1 §5.1.3
		 *# TOTAL-FAILED ... the signature format cannot be processed */
		UY_TRY_OUT(format_entry(&r, "file", 0, 0,
		                        fv.reason[0] != '\0' ? fv.reason : "not a CMS SignedData"));
	}
	for (size_t i = 0; i < rep->signer_count; i++) {
		char label[48];
		snprintf(label, sizeof(label), "signer %zu", i + 1);
		UY_TRY_OUT(validate_signer(&r, cms, i, &rep->signers[i], sd_certs, detached, i, 0,
		                           label));
	}

	/* The file: first TOTAL-FAILED signature, else first INDETERMINATE. */
	const uy_sig_validation *first_failed = NULL, *first_indet = NULL;
	int any_invalid = 0, any_not_final = 0;
	for (size_t i = 0; i < out->count; i++) {
		const uy_sig_validation *sv = &out->sigs[i];
		if (sv->verdict.indication == UY_IND_TOTAL_FAILED && first_failed == NULL) {
			first_failed = sv;
		}
		if (sv->verdict.indication == UY_IND_INDETERMINATE && first_indet == NULL) {
			first_indet = sv;
		}
		any_invalid |= strcmp(sv->kamusm, "invalid") == 0;
		any_not_final |= strcmp(sv->kamusm, "not final") == 0;
	}
	const uy_sig_validation *win = first_failed != NULL ? first_failed : first_indet;
	if (win != NULL) {
		char msg[UY_VERDICT_REASON_MAX + 64];
		snprintf(msg, sizeof(msg), "%s: %s", win->label, win->verdict.reason);
		uy_verdict_set(&out->verdict, win->verdict.indication, win->verdict.sub, msg,
		               win->verdict.clause);
	} else {
		uy_verdict_set(&out->verdict, UY_IND_TOTAL_PASSED, UY_SUB_NONE, NULL, NULL);
	}
	out->kamusm = any_invalid ? "invalid" : any_not_final ? "not final" : "valid";
done:
	sk_X509_pop_free(sd_certs, X509_free);
	uy_free(rep);
	uy_path_cache_free(r.cache);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Report rows. */

/* The label in Turkish: "signer" -> "imzacı", "countersignature" -> "karşı imza". */
static void
label_tr(char *dst, size_t cap, const char *label)
{
	static const struct {
		const char *en, *tr;
	} words[] = {{"countersignature", "karşı imza"}, {"signer", "imzacı"}, {"file", "dosya"}};
	size_t o = 0;
	const char *p = label;

	while (*p != '\0' && o + 1 < cap) {
		size_t k = 0;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			size_t n = strlen(words[k].en);
			if (strncmp(p, words[k].en, n) == 0) {
				int w = snprintf(dst + o, cap - o, "%s", words[k].tr);
				o = w > 0 && (size_t)w < cap - o ? o + (size_t)w : cap - 1;
				p += n;
				break;
			}
		}
		if (k == sizeof(words) / sizeof(words[0])) {
			dst[o++] = *p++;
		}
	}
	dst[o < cap ? o : cap - 1] = '\0';
}

/* see uy_validate.h */
uy_err
uy_cades_validation_record(uy_ctx *ctx, uy_loc loc, uy_check_id summary, const uy_validation *v)
{
	UY_ASSERT_ARG(ctx != NULL && v != NULL);
	UY_ASSERT_ARG(uy_check_get(summary) != NULL);

	for (size_t i = 0; i < v->count && i < UY_VALIDATE_MAX_SIGS; i++) {
		const uy_sig_validation *sv = &v->sigs[i];
		char ltr[96];
		char who_en[400], who_tr[400];

		label_tr(ltr, sizeof(ltr), sv->label);
		if (sv->signer_subject[0] != '\0') {
			snprintf(who_en, sizeof(who_en), "%s (%s)", sv->label, sv->signer_subject);
			snprintf(who_tr, sizeof(who_tr), "%s (%s)", ltr, sv->signer_subject);
		} else {
			snprintf(who_en, sizeof(who_en), "%s", sv->label);
			snprintf(who_tr, sizeof(who_tr), "%s", ltr);
		}
		for (size_t k = 0; k < sv->finding_count && k < UY_VALIDATE_MAX_FINDINGS; k++) {
			const uy_sig_finding *f = &sv->findings[k];
			if (f->check == NULL) {
				continue;
			}
			switch (f->status) {
			case UY_STATUS_PASSED:
				UY_TRY(uy_ctx_pass(ctx, f->check->num));
				break;
			case UY_STATUS_FAILED:
				UY_TRY(uy_ctx_fail(ctx, f->check->num, loc, "%s%.0s: %s", "%.0s%s: %s",
				                   who_tr, who_en, f->reason));
				break;
			case UY_STATUS_NOT_EVALUATED:
			default:
				UY_TRY(uy_ctx_skip(ctx, f->check->num, loc, "%s%.0s: %s", "%.0s%s: %s",
				                   who_tr, who_en, f->reason));
				break;
			}
		}
		const char *sub = uy_subindication_name(sv->verdict.sub);
		const char *prof = uy_profile_name(sv->profile);
		char ind[96];
		snprintf(ind, sizeof(ind), "%s%s%s", uy_indication_name(sv->verdict.indication),
		         sub[0] != '\0' ? " / " : "", sub);
		uy_status st = strcmp(sv->kamusm, "valid") == 0       ? UY_STATUS_PASSED
		               : strcmp(sv->kamusm, "not final") == 0 ? UY_STATUS_NOT_EVALUATED
		                                                      : UY_STATUS_FAILED;
		const char *reason = sv->verdict.reason;
		const char *sep = reason[0] != '\0' ? ": " : "";
		UY_TRY(uy_ctx_signature(ctx, summary, loc, st, uy_indication_name(sv->verdict.indication),
		                        sub, "%s%.0s: %s, %s, %s%s%s", "%.0s%s: %s, %s, %s%s%s", who_tr,
		                        who_en, ind, prof[0] != '\0' ? prof : "-", sv->level, sep,
		                        reason));
	}
	return UY_OK;
}
