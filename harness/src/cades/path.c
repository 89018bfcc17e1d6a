/*
 * path.c - X.509 path validation at a reference time with caller-supplied
 * revocation data (uy_path.h).
 *
 * OpenSSL builds the path and verifies certificate signatures at T; this
 * file checks revocation per certificate, because OpenSSL 3.0 can neither
 * mix sources ("OCSP for the signer, CRL for the CAs") nor judge OCSP
 * freshness at a time other than now (spec §6 pitfalls 3 and 5).
 */
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_path.h"

#define CLAUSE_X509 "ETSI EN 319 102-1 §5.2.6"
#define CLAUSE_REV "ETSI EN 319 102-1 §5.2.6.4; RFC 5280 §6.3; RFC 6960 §3.2"
#define CLAUSE_FRESH "ETSI EN 319 102-1 §5.2.5"

/* Everything parsed once per call. */
typedef struct {
	const uy_path_inputs *in;
	X509_STORE *store;
	STACK_OF(X509) *untrusted;
	X509_CRL *crls[UY_PATH_MAX_INPUTS];	/* NULL: did not parse */
	OCSP_BASICRESP *ocsp[UY_PATH_MAX_INPUTS];	/* NULL: unusable */
	/* CRLs accepted only through the lenient parameter rule (pitfall 4). */
	int crl_lenient[UY_PATH_MAX_INPUTS];
	/* 1: crls[i] / ocsp[i] is owned by in->cache (borrowed here), else by this call. */
	int crl_cached[UY_PATH_MAX_INPUTS];
	int ocsp_cached[UY_PATH_MAX_INPUTS];
} path_ctx;

/* What the sources said about one certificate. */
typedef struct {
	int decided;		/* a usable source was found */
	int broken;		/* a source for it was badly signed / unauthorised */
	int stale;		/* a source for it was not fresh at T, or "unknown" */
	uy_path_source source;
	size_t index;
	int revoked;
	int64_t revocation_time;
	int reason;
	char why[96];		/* the last reason a source was refused */
} rev_result;

/* ------------------------------------------------------------------ */
/* Time helpers (no wall clock). */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static int64_t
days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2 ? 1 : 0;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* An ASN1_TIME as UTC seconds; 0 on a malformed time. */
static int64_t
asn1_seconds(const ASN1_TIME *t)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1) {
		return 0;
	}
	int64_t days = days_from_civil((int64_t)tm.tm_year + 1900, (int64_t)tm.tm_mon + 1,
	                               (int64_t)tm.tm_mday);
	return days * 86400 + (int64_t)tm.tm_hour * 3600 + (int64_t)tm.tm_min * 60 +
	       (int64_t)tm.tm_sec;
}

/* 1 if t is present and t <= when, 0 otherwise (a malformed time fails). */
static int
time_le(const ASN1_TIME *t, int64_t when)
{
	if (t == NULL) {
		return 0;
	}
	int c = ASN1_TIME_cmp_time_t(t, (time_t)when);
	return c == -1 || c == 0;
}

/* 1 if t is present and t >= when, 0 otherwise (a malformed time fails). */
static int
time_ge(const ASN1_TIME *t, int64_t when)
{
	if (t == NULL) {
		return 0;
	}
	int c = ASN1_TIME_cmp_time_t(t, (time_t)when);
	return c == 1 || c == 0;
}

/*
 * Whether revocation data speaks for the best-signature-time B (uy_path.h):
 * not issued after T, and either issued at or after B (it lists every
 * revocation up to its issue) or valid at B (B within thisUpdate..nextUpdate).
 * Data issued before B without a nextUpdate says nothing about B.
 */
static int
covers(const ASN1_TIME *this_update, const ASN1_TIME *next_update, int64_t b, int64_t t)
{
	if (this_update == NULL || !time_le(this_update, t)) {
		return 0;
	}
	if (time_ge(this_update, b)) {
		return 1;
	}
	return next_update != NULL && time_ge(next_update, b);
}

static void
copy_text(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n > cap - 1) {
		n = cap - 1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* see uy_path.h */
void
uy_path_subject(X509 *cert, char *dst, size_t cap)
{
	if (cap == 0) {
		return;
	}
	dst[0] = '\0';
	BIO *b = BIO_new(BIO_s_mem());
	if (b == NULL) {
		ERR_clear_error();
		return;
	}
	/* RFC 2253 but UTF-8 kept as is: Turkish names stay readable in reports. */
	if (X509_NAME_print_ex(b, X509_get_subject_name(cert), 0,
	                       XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		int n = BIO_read(b, dst, (int)cap - 1);
		dst[n > 0 ? n : 0] = '\0';
	}
	BIO_free(b);
	ERR_clear_error();
}

/* ------------------------------------------------------------------ */
/* The cache (uy_path.h): a speed-up only, never a different result. */

enum { CACHE_CRL = 1, CACHE_OCSP = 2 };

/* One decoded input, keyed by a copy of its bytes. */
typedef struct {
	int kind;		/* CACHE_CRL or CACHE_OCSP */
	uint8_t *der;		/* owned copy of the input: the key */
	size_t len;
	void *obj;		/* owned X509_CRL or OCSP_BASICRESP; NULL: did not decode */
} cache_obj;

/* Whether a cached CRL's signature verified with an issuer's key. */
typedef struct {
	const X509_CRL *crl;	/* borrowed from an entry of objs: stable, so identity is bytes */
	X509 *issuer;		/* up-referenced */
	int ok;
} cache_sig;

struct uy_path_cache {
	cache_obj objs[UY_PATH_CACHE_MAX_ENTRIES];
	size_t obj_count;
	size_t bytes;		/* sum of the key copies' lengths */
	cache_sig sigs[UY_PATH_CACHE_MAX_ENTRIES];
	size_t sig_count;
};

/* see uy_path.h */
uy_err
uy_path_cache_new(uy_path_cache **out)
{
	UY_ASSERT_ARG(out != NULL);
	*out = uy_calloc(1, sizeof(**out));
	UY_ENSURE(*out != NULL, UY_ERROR(UY_ERR_NOMEM, "cannot allocate the path cache"));
	return UY_OK;
}

/* see uy_path.h */
void
uy_path_cache_free(uy_path_cache *c)
{
	if (c == NULL) {
		return;
	}
	for (size_t i = 0; i < c->obj_count; i++) {
		if (c->objs[i].kind == CACHE_CRL) {
			X509_CRL_free(c->objs[i].obj);
		} else {
			OCSP_BASICRESP_free(c->objs[i].obj);
		}
		uy_free(c->objs[i].der);
	}
	for (size_t i = 0; i < c->sig_count; i++) {
		X509_free(c->sigs[i].issuer);
	}
	uy_free(c);
}

/* Whether an input can be a key: present and decodable at all. */
static int
cache_keyable(uy_span s)
{
	return s.ptr != NULL && s.len <= (size_t)INT32_MAX;
}

/* The entry holding exactly these bytes as `kind`, or NULL. */
static const cache_obj *
cache_find(const uy_path_cache *c, int kind, uy_span s)
{
	for (size_t i = 0; c != NULL && cache_keyable(s) && i < c->obj_count; i++) {
		const cache_obj *e = &c->objs[i];
		if (e->kind == kind && e->len == s.len && memcmp(e->der, s.ptr, s.len) == 0) {
			return e;
		}
	}
	return NULL;
}

/* Hand obj (decoded from s, may be NULL) to the cache: 1 if it owns it now,
 * 0 if full or out of memory (then the caller keeps it: only slower). */
static int
cache_put(uy_path_cache *c, int kind, uy_span s, void *obj)
{
	if (c == NULL || !cache_keyable(s) || c->obj_count >= UY_PATH_CACHE_MAX_ENTRIES ||
	    s.len > UY_PATH_CACHE_MAX_BYTES - c->bytes) {
		return 0;
	}
	uint8_t *der = uy_alloc(s.len);
	if (der == NULL) {
		return 0;
	}
	memcpy(der, s.ptr, s.len);
	cache_obj *e = &c->objs[c->obj_count++];
	e->kind = kind;
	e->der = der;
	e->len = s.len;
	e->obj = obj;
	c->bytes += s.len;
	return 1;
}

/* ------------------------------------------------------------------ */
/* CRLs. */

/* Whether crl is a complete, direct CRL that covers cert (RFC 5280 §6.3.3 b). */
static int
crl_in_scope(X509_CRL *crl, X509 *cert)
{
	if (X509_CRL_get_ext_by_NID(crl, NID_delta_crl, -1) >= 0) {
		return 0;
	}
	int crit = 0;
	ISSUING_DIST_POINT *idp = X509_CRL_get_ext_d2i(crl, NID_issuing_distribution_point, &crit,
	                                               NULL);
	if (idp == NULL) {
		ERR_clear_error();
		return crit == -1;	/* absent: in scope; present but malformed: not */
	}
	int is_ca = X509_check_ca(cert) > 0;
	int ok = idp->indirectCRL == 0 && idp->onlysomereasons == NULL &&
	         idp->onlyattr == 0 && !(idp->onlyuser && is_ca) && !(idp->onlyCA && !is_ca);
	ISSUING_DIST_POINT_free(idp);
	return ok;
}

/* The next TLV of [*p, end): its start, header length and contents length; 0 if malformed. */
static int
tlv_next(const uint8_t **p, const uint8_t *end, const uint8_t **start, size_t *hdr, size_t *len)
{
	const uint8_t *q = *p;
	if (end - q < 2) {
		return 0;
	}
	size_t n = q[1];
	size_t h = 2;
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 4 || (size_t)(end - q) < 2 + k) {
			return 0;
		}
		n = 0;
		for (size_t i = 0; i < k; i++) {
			n = (n << 8) | q[2 + i];
		}
		h += k;
	}
	if ((size_t)(end - q) - h < n) {
		return 0;
	}
	*start = q;
	*hdr = h;
	*len = n;
	*p = q + h + n;
	return 1;
}

/*
 * Whether two DER AlgorithmIdentifiers are the same algorithm whose
 * parameters differ only as absent versus NULL (spec signatures §6 pitfall
 * 4: a Kamu SM root CRL has NULL inside tbsCertList and nothing outside).
 */
static int
alg_same_but_null(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	const uint8_t *oa, *ob, *ea = a + alen, *eb = b + blen;
	size_t ha, la, hb, lb;
	const uint8_t *pa = a, *pb = b;
	if (!tlv_next(&pa, ea, &oa, &ha, &la) || !tlv_next(&pb, eb, &ob, &hb, &lb) || *oa != 0x30 ||
	    *ob != 0x30) {
		return 0;
	}
	pa = oa + ha;
	pb = ob + hb;
	ea = pa + la;
	eb = pb + lb;
	const uint8_t *ia, *ib;
	size_t h1, l1, h2, l2;
	if (!tlv_next(&pa, ea, &ia, &h1, &l1) || !tlv_next(&pb, eb, &ib, &h2, &l2) || *ia != 0x06 ||
	    *ib != 0x06 || l1 != l2 || memcmp(ia + h1, ib + h2, l1) != 0) {
		return 0;
	}
	/* What remains: nothing, or exactly NULL (05 00), on each side, and not equal. */
	int a_null = ea - pa == 2 && pa[0] == 0x05 && pa[1] == 0x00;
	int b_null = eb - pb == 2 && pb[0] == 0x05 && pb[1] == 0x00;
	return (a_null && pb == eb) || (b_null && pa == ea);
}

/*
 * Whether the CRL's inner (tbsCertList.signature) and outer
 * (signatureAlgorithm) AlgorithmIdentifiers differ only as NULL versus
 * absent parameters: RFC 5280 §5.1.1.2 wants them identical; some OpenSSL
 * 3.0 releases refuse such a CRL in X509_CRL_verify() (x_crl.c), 3.0.19
 * accepts it; MA3 and Kamu SM's files rely on it (spec §6 pitfall 4). With
 * `verify`, also verify the signature over the tbsCertList as encoded with
 * pkey and return 1 only if both hold.
 */
static int
crl_null_params_mismatch(X509_CRL *crl, EVP_PKEY *pkey, int verify)
{
	unsigned char *der = NULL;
	int n = i2d_X509_CRL(crl, &der);
	int ok = 0;
	if (n <= 0) {
		goto done;
	}
	/* CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue } */
	const uint8_t *p = der, *end = der + n, *cl, *tbs, *outer, *inner, *first;
	size_t h, l, th, tl, oh, ol, ih, il, fh, fl;
	if (!tlv_next(&p, end, &cl, &h, &l)) {
		goto done;
	}
	p = cl + h;
	if (!tlv_next(&p, end, &tbs, &th, &tl) || !tlv_next(&p, end, &outer, &oh, &ol)) {
		goto done;
	}
	/* tbsCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature AlgorithmIdentifier, ... } */
	const uint8_t *q = tbs + th, *tend = tbs + th + tl;
	if (!tlv_next(&q, tend, &first, &fh, &fl)) {
		goto done;
	}
	inner = first;
	ih = fh;
	il = fl;
	if (*first == 0x02 && !tlv_next(&q, tend, &inner, &ih, &il)) {
		goto done;
	}
	if (!alg_same_but_null(inner, ih + il, outer, oh + ol)) {
		goto done;
	}
	if (!verify) {
		ok = 1;
		goto done;
	}
	const ASN1_BIT_STRING *sig = NULL;
	const X509_ALGOR *alg = NULL;
	X509_CRL_get0_signature(crl, &sig, &alg);
	int md_nid = NID_undef, pk_nid = NID_undef;
	if (sig == NULL || alg == NULL ||
	    OBJ_find_sigid_algs(OBJ_obj2nid(alg->algorithm), &md_nid, &pk_nid) != 1) {
		goto done;
	}
	const EVP_MD *md = EVP_get_digestbynid(md_nid);
	EVP_MD_CTX *mc = EVP_MD_CTX_new();
	ok = md != NULL && mc != NULL && EVP_DigestVerifyInit(mc, NULL, md, NULL, pkey) == 1 &&
	     EVP_DigestVerify(mc, ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig), tbs,
	                      th + tl) == 1;
	EVP_MD_CTX_free(mc);
done:
	OPENSSL_free(der);
	ERR_clear_error();
	return ok;
}

/*
 * Whether CRL i is signed with issuer's key: X509_CRL_verify(), or, when its
 * AlgorithmIdentifiers differ only as NULL versus absent (`mismatch`), the
 * tbsCertList as encoded (pitfall 4). The outcome depends only on the CRL's
 * bytes and the issuer's DER, so a cached CRL's is kept in the cache.
 */
static int
crl_signed_by(const path_ctx *pc, size_t i, X509 *issuer, int mismatch)
{
	uy_path_cache *c = pc->crl_cached[i] ? pc->in->cache : NULL;
	X509_CRL *crl = pc->crls[i];
	for (size_t k = 0; c != NULL && k < c->sig_count; k++) {
		if (c->sigs[k].crl == crl && X509_cmp(c->sigs[k].issuer, issuer) == 0) {
			return c->sigs[k].ok;
		}
	}
	EVP_PKEY *pkey = X509_get0_pubkey(issuer);
	int ok = pkey != NULL && (X509_CRL_verify(crl, pkey) == 1 ||
	                          (mismatch && crl_null_params_mismatch(crl, pkey, 1)));
	ERR_clear_error();
	if (c != NULL && c->sig_count < UY_PATH_CACHE_MAX_ENTRIES && X509_up_ref(issuer) == 1) {
		cache_sig *e = &c->sigs[c->sig_count++];
		e->crl = crl;
		e->issuer = issuer;
		e->ok = ok;
	}
	return ok;
}

/*
 * Look for cert's status on the CRLs issued by `issuer`. Fills r and returns
 * 1 when a fresh, well-signed CRL decided; 0 otherwise (r->broken and
 * r->stale tell why).
 */
static int
crl_status(const path_ctx *pc, X509 *cert, X509 *issuer, rev_result *r)
{
	int64_t t = pc->in->reference_time;
	int64_t b = pc->in->best_signature_time;
	for (size_t i = 0; i < pc->in->crl_count; i++) {
		X509_CRL *crl = pc->crls[i];
		if (crl == NULL ||
		    X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(issuer)) != 0 ||
		    !crl_in_scope(crl, cert)) {
			continue;
		}
		int lenient = (pc->in->flags & UY_PATH_LENIENT_CRL_PARAMS) != 0;
		int mismatch = crl_null_params_mismatch(crl, NULL, 0);
		if (mismatch && !lenient) {
			r->broken = 1;
			copy_text(r->why, sizeof(r->why),
			          "CRL signature AlgorithmIdentifiers differ (NULL versus absent "
			          "parameters; RFC 5280 §5.1.1.2)");
			continue;
		}
		if (!crl_signed_by(pc, i, issuer, mismatch)) {
			r->broken = 1;
			copy_text(r->why, sizeof(r->why), "CRL signature does not verify with the issuer key");
			continue;
		}
		if (mismatch) {
			((path_ctx *)pc)->crl_lenient[i] = 1;	/* reported as a note */
		}
		if ((X509_get_key_usage(issuer) & KU_CRL_SIGN) == 0) {
			r->broken = 1;
			copy_text(r->why, sizeof(r->why), "CRL issuer lacks keyUsage cRLSign");
			continue;
		}
		if (!covers(X509_CRL_get0_lastUpdate(crl), X509_CRL_get0_nextUpdate(crl), b, t)) {
			r->stale = 1;
			copy_text(r->why, sizeof(r->why),
			          "CRL does not cover the best-signature-time (expired, or issued after "
			          "the validation time)");
			continue;
		}
		X509_REVOKED *rev = NULL;
		int found = X509_CRL_get0_by_cert(crl, &rev, cert);
		r->decided = 1;
		r->source = UY_PATH_SRC_CRL;
		r->index = i;
		r->reason = -1;
		if (found == 1 && rev != NULL) {
			r->revoked = 1;
			r->revocation_time = asn1_seconds(X509_REVOKED_get0_revocationDate(rev));
			ASN1_ENUMERATED *reason = X509_REVOKED_get_ext_d2i(rev, NID_crl_reason, NULL,
			                                                   NULL);
			if (reason != NULL) {
				r->reason = (int)ASN1_ENUMERATED_get(reason);
				ASN1_ENUMERATED_free(reason);
			}
		}
		ERR_clear_error();
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* OCSP. */

/* The SingleResponse of bs about cert (issued by issuer), or NULL. */
static OCSP_SINGLERESP *
ocsp_find(OCSP_BASICRESP *bs, X509 *cert, X509 *issuer)
{
	int n = OCSP_resp_count(bs);
	for (int i = 0; i < n; i++) {
		OCSP_SINGLERESP *single = OCSP_resp_get0(bs, i);
		const OCSP_CERTID *cid = OCSP_SINGLERESP_get0_id(single);
		ASN1_OBJECT *md_oid = NULL;
		if (cid == NULL ||
		    OCSP_id_get0_info(NULL, &md_oid, NULL, NULL, (OCSP_CERTID *)cid) != 1) {
			continue;
		}
		const EVP_MD *md = EVP_get_digestbyobj(md_oid);
		if (md == NULL) {
			continue;
		}
		OCSP_CERTID *mine = OCSP_cert_to_id(md, cert, issuer);
		if (mine == NULL) {
			continue;
		}
		int same = OCSP_id_cmp(mine, cid) == 0;
		OCSP_CERTID_free(mine);
		if (same) {
			return single;
		}
	}
	ERR_clear_error();
	return NULL;
}

/*
 * Whether the responder that signed bs may answer for certificates of
 * `issuer` (RFC 6960 §4.2.2.2): the issuer itself, or a certificate the
 * issuer signed with id-kp-OCSPSigning, not revoked when the response was
 * produced if its status must be checked.
 */
static int
ocsp_authorised(const path_ctx *pc, OCSP_BASICRESP *bs, X509 *issuer, rev_result *r)
{
	X509 *signer = NULL;
	if (OCSP_resp_get0_signer(bs, &signer, pc->untrusted) != 1 || signer == NULL) {
		ERR_clear_error();
		copy_text(r->why, sizeof(r->why), "OCSP responder certificate not found");
		return 0;
	}
	if (X509_cmp(signer, issuer) == 0) {
		return 1;
	}
	EVP_PKEY *ipk = X509_get0_pubkey(issuer);
	if (X509_check_issued(issuer, signer) != X509_V_OK || ipk == NULL ||
	    X509_verify(signer, ipk) != 1 ||
	    (X509_get_extension_flags(signer) & EXFLAG_XKUSAGE) == 0 ||
	    (X509_get_extended_key_usage(signer) & XKU_OCSP_SIGN) == 0) {
		ERR_clear_error();
		copy_text(r->why, sizeof(r->why),
		          "OCSP responder is neither the CA nor delegated by it (id-kp-OCSPSigning)");
		return 0;
	}
	int nocheck = X509_get_ext_by_NID(signer, NID_id_pkix_OCSP_noCheck, -1) >= 0;
	if (nocheck && (pc->in->flags & UY_PATH_CHECK_RESPONDER_STATUS) == 0) {
		return 1;
	}
	rev_result rr;
	memset(&rr, 0, sizeof(rr));
	if (!crl_status(pc, signer, issuer, &rr)) {
		if (nocheck && !rr.broken) {
			/* id-pkix-ocsp-nocheck and no CRL of the issuer given: the responder
			 * is trusted for the life of its certificate (RFC 6960 §4.2.2.2.1);
			 * with a CRL at hand its status counts (catalogue note c). */
			return 1;
		}
		copy_text(r->why, sizeof(r->why), "no usable CRL for the delegated OCSP responder");
		return 0;
	}
	const ASN1_GENERALIZEDTIME *produced = OCSP_resp_get0_produced_at(bs);
	if (rr.revoked && (produced == NULL || rr.revocation_time <= asn1_seconds(produced))) {
		copy_text(r->why, sizeof(r->why), "OCSP responder revoked before producedAt");
		return 0;
	}
	return 1;
}

/*
 * Look for cert's status in the OCSP responses. Fills r and returns 1 when
 * a verified, authorised, fresh response with good or revoked decided; 0
 * otherwise (r->broken and r->stale tell why).
 */
static int
ocsp_status(const path_ctx *pc, X509 *cert, X509 *issuer, rev_result *r)
{
	int64_t t = pc->in->reference_time;
	int64_t b = pc->in->best_signature_time;
	for (size_t i = 0; i < pc->in->ocsp_count; i++) {
		OCSP_BASICRESP *bs = pc->ocsp[i];
		if (bs == NULL) {
			continue;
		}
		OCSP_SINGLERESP *single = ocsp_find(bs, cert, issuer);
		if (single == NULL) {
			continue;
		}
		if (OCSP_basic_verify(bs, pc->untrusted, pc->store, 0) != 1) {
			ERR_clear_error();
			r->broken = 1;
			copy_text(r->why, sizeof(r->why),
			          "OCSP response does not verify at the best-signature-time");
			continue;
		}
		if (!ocsp_authorised(pc, bs, issuer, r)) {
			r->broken = 1;
			continue;
		}
		int reason = -1;
		ASN1_GENERALIZEDTIME *revtime = NULL;
		ASN1_GENERALIZEDTIME *this_update = NULL;
		ASN1_GENERALIZEDTIME *next_update = NULL;
		int status = OCSP_single_get0_status(single, &reason, &revtime, &this_update,
		                                     &next_update);
		const ASN1_GENERALIZEDTIME *produced = OCSP_resp_get0_produced_at(bs);
		if (!covers(this_update, next_update, b, t) || produced == NULL ||
		    !time_le(produced, t)) {
			r->stale = 1;
			copy_text(r->why, sizeof(r->why),
			          "OCSP response does not cover the best-signature-time (expired, or "
			          "produced after the validation time)");
			continue;
		}
		if (status != V_OCSP_CERTSTATUS_GOOD && status != V_OCSP_CERTSTATUS_REVOKED) {
			r->stale = 1;
			copy_text(r->why, sizeof(r->why), "OCSP status unknown");
			continue;
		}
		r->decided = 1;
		r->source = UY_PATH_SRC_OCSP;
		r->index = i;
		r->reason = -1;
		if (status == V_OCSP_CERTSTATUS_REVOKED) {
			r->revoked = 1;
			r->revocation_time = asn1_seconds(revtime);
			r->reason = reason >= 0 ? reason : -1;
		}
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Verdicts. */

static void
map_x509_error(uy_verdict *v, int err, int depth)
{
	char reason[UY_VERDICT_REASON_MAX];
	const char *s = X509_verify_cert_error_string(err);
	(void)BIO_snprintf(reason, sizeof(reason), "certificate at depth %d: %s", depth,
	                   s != NULL ? s : "verification failed");
	uy_indication ind = UY_IND_INDETERMINATE;
	uy_subindication sub = UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE;
	switch (err) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		ind = UY_IND_TOTAL_FAILED;
		sub = UY_SUB_EXPIRED;
		break;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		ind = UY_IND_TOTAL_FAILED;
		sub = UY_SUB_NOT_YET_VALID;
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_CHAIN_TOO_LONG:
		sub = UY_SUB_NO_CERTIFICATE_CHAIN_FOUND;
		break;
	case X509_V_ERR_EE_KEY_TOO_SMALL:
	case X509_V_ERR_CA_KEY_TOO_SMALL:
	case X509_V_ERR_CA_MD_TOO_WEAK:
		sub = UY_SUB_CRYPTO_CONSTRAINTS_FAILURE;
		break;
	case X509_V_ERR_INVALID_CA:
	case X509_V_ERR_PATH_LENGTH_EXCEEDED:
	case X509_V_ERR_INVALID_PURPOSE:
	case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
	case X509_V_ERR_INVALID_EXTENSION:
	case X509_V_ERR_INVALID_POLICY_EXTENSION:
	case X509_V_ERR_NO_EXPLICIT_POLICY:
	case X509_V_ERR_PERMITTED_VIOLATION:
	case X509_V_ERR_EXCLUDED_VIOLATION:
	case X509_V_ERR_SUBTREE_MINMAX:
	case X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE:
	case X509_V_ERR_UNSUPPORTED_NAME_SYNTAX:
	case X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION:
		sub = UY_SUB_CHAIN_CONSTRAINTS_FAILURE;
		break;
	default:
		/* CERT_SIGNATURE_FAILURE, UNABLE_TO_DECRYPT_CERT_SIGNATURE, ... */
		break;
	}
	uy_verdict_set(v, ind, sub, reason, CLAUSE_X509);
}

/* Judge one certificate's revocation result into its status. */
static void
judge_revocation(const path_ctx *pc, uy_path_cert_report *cr, const rev_result *r, size_t depth,
                 char *note, size_t note_cap)
{
	char reason[UY_VERDICT_REASON_MAX];
	cr->source = r->decided ? r->source : UY_PATH_SRC_NONE;
	cr->source_index = r->decided ? r->index : 0;
	cr->revoked = r->decided ? r->revoked : 0;
	cr->revocation_time = r->decided && r->revoked ? r->revocation_time : 0;
	cr->revocation_reason = r->decided && r->revoked ? r->reason : -1;
	if (!r->decided) {
		(void)BIO_snprintf(reason, sizeof(reason), "certificate at depth %zu: %s", depth,
		                   r->why[0] != '\0' ? r->why : "no revocation data");
		uy_verdict_set(&cr->status, UY_IND_INDETERMINATE,
		               r->broken ? UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE : UY_SUB_TRY_LATER,
		               reason, r->broken ? CLAUSE_REV : CLAUSE_FRESH);
		return;
	}
	const char *src = r->source == UY_PATH_SRC_OCSP ? "OCSP" : "CRL";
	if (r->revoked && r->revocation_time <= pc->in->best_signature_time) {
		char when[32];
		uy_utc_text(r->revocation_time, when, sizeof(when));
		(void)BIO_snprintf(reason, sizeof(reason),
		                   "certificate at depth %zu revoked at %s (%s), at or before the "
		                   "best-signature-time", depth, when, src);
		/* EN 319 102-1 §5.2.6 / Table 6: a revoked CA is REVOKED_CA_NO_POE
		 * (INDETERMINATE); only the signer's own revocation is TOTAL-FAILED. */
		if (depth == 0) {
			uy_verdict_set(&cr->status, UY_IND_TOTAL_FAILED, UY_SUB_REVOKED, reason,
			               CLAUSE_REV);
		} else {
			uy_verdict_set(&cr->status, UY_IND_INDETERMINATE, UY_SUB_REVOKED_CA_NO_POE,
			               reason, CLAUSE_REV);
		}
		return;
	}
	uy_verdict_set(&cr->status, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	if (r->revoked && note[0] == '\0') {
		char when[32];
		uy_utc_text(r->revocation_time, when, sizeof(when));
		(void)BIO_snprintf(note, note_cap,
		                   "certificate at depth %zu revoked at %s (%s), after the "
		                   "best-signature-time", depth, when, src);
	}
}

/* ------------------------------------------------------------------ */
/* Entry point. */

/* A DER CertificateList filling all of s, or NULL. */
static X509_CRL *
crl_decode(uy_span s)
{
	if (!cache_keyable(s)) {
		return NULL;
	}
	const unsigned char *p = s.ptr;
	X509_CRL *crl = d2i_X509_CRL(NULL, &p, (long)s.len);
	if (crl != NULL && p != s.ptr + s.len) {
		X509_CRL_free(crl);
		crl = NULL;
	}
	return crl;
}

/* The BasicOCSPResponse of a successful DER OCSPResponse, or a bare
 * BasicOCSPResponse, filling all of s; NULL otherwise. */
static OCSP_BASICRESP *
ocsp_decode(uy_span s)
{
	if (!cache_keyable(s)) {
		return NULL;
	}
	OCSP_BASICRESP *bs = NULL;
	const unsigned char *p = s.ptr;
	OCSP_RESPONSE *resp = d2i_OCSP_RESPONSE(NULL, &p, (long)s.len);
	if (resp != NULL && p == s.ptr + s.len &&
	    OCSP_response_status(resp) == OCSP_RESPONSE_STATUS_SUCCESSFUL) {
		bs = OCSP_response_get1_basic(resp);
	}
	OCSP_RESPONSE_free(resp);
	if (bs == NULL) {
		/* revocation-values holds bare BasicOCSPResponses (RFC 5126 §6.3.4). */
		ERR_clear_error();
		p = s.ptr;
		bs = d2i_OCSP_BASICRESP(NULL, &p, (long)s.len);
		if (bs != NULL && p != s.ptr + s.len) {
			OCSP_BASICRESP_free(bs);
			bs = NULL;
		}
	}
	return bs;
}

static uy_err
parse_inputs(path_ctx *pc, uy_path_report *rep)
{
	const uy_path_inputs *in = pc->in;
	pc->store = X509_STORE_new();
	pc->untrusted = sk_X509_new_null();
	if (pc->store == NULL || pc->untrusted == NULL) {
		return UY_ERROR(UY_ERR_NOMEM, "cannot allocate the X509 store");
	}
	for (size_t i = 0; i < in->anchor_count; i++) {
		if (in->anchors[i] == NULL || X509_STORE_add_cert(pc->store, in->anchors[i]) != 1) {
			return UY_ERROR(UY_ERR_CRYPTO, "cannot add trust anchor %zu", i);
		}
	}
	for (size_t i = 0; i < in->untrusted_count; i++) {
		if (in->untrusted[i] == NULL || X509_add_cert(pc->untrusted, in->untrusted[i],
		                                              X509_ADD_FLAG_UP_REF) != 1) {
			return UY_ERROR(UY_ERR_CRYPTO, "cannot add untrusted certificate %zu", i);
		}
	}
	X509_VERIFY_PARAM *param = X509_STORE_get0_param(pc->store);
	/* Validity periods at the best-signature-time: a certificate that
	 * expired after the proven signing time still validates (§5.6.2.1). */
	X509_VERIFY_PARAM_set_time(param, (time_t)in->best_signature_time);
	X509_VERIFY_PARAM_set_auth_level(param, in->auth_level);
	if ((in->flags & UY_PATH_CHECK_ANCHOR_SIGNATURE) != 0 &&
	    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_CHECK_SS_SIGNATURE) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "cannot set verification flags");
	}
	/* Each input decoded once per cache (a hit needs the same bytes). */
	for (size_t i = 0; i < in->crl_count; i++) {
		const cache_obj *e = cache_find(in->cache, CACHE_CRL, in->crls[i]);
		if (e != NULL) {
			pc->crls[i] = e->obj;
			pc->crl_cached[i] = 1;
		} else {
			pc->crls[i] = crl_decode(in->crls[i]);
			pc->crl_cached[i] = cache_put(in->cache, CACHE_CRL, in->crls[i],
			                              pc->crls[i]);
		}
		if (pc->crls[i] == NULL) {
			rep->bad_crls++;
		}
	}
	for (size_t i = 0; i < in->ocsp_count; i++) {
		const cache_obj *e = cache_find(in->cache, CACHE_OCSP, in->ocsp[i]);
		if (e != NULL) {
			pc->ocsp[i] = e->obj;
			pc->ocsp_cached[i] = 1;
		} else {
			pc->ocsp[i] = ocsp_decode(in->ocsp[i]);
			pc->ocsp_cached[i] = cache_put(in->cache, CACHE_OCSP, in->ocsp[i],
			                               pc->ocsp[i]);
		}
		if (pc->ocsp[i] == NULL) {
			rep->bad_ocsp++;
		}
	}
	ERR_clear_error();
	return UY_OK;
}

/* see uy_path.h */
uy_err
uy_path_validate(uy_verdict *out, uy_path_report *details, X509 *cert, const uy_path_inputs *in)
{
	UY_ASSERT_ARG(out != NULL);
	*out = UY_VERDICT_UNSET;
	UY_ASSERT_ARG(cert != NULL && in != NULL && in->version == UY_PATH_INPUTS_VERSION);
	UY_ASSERT_ARG(in->anchors != NULL || in->anchor_count == 0);
	UY_ASSERT_ARG(in->untrusted != NULL || in->untrusted_count == 0);
	UY_ASSERT_ARG(in->crls != NULL || in->crl_count == 0);
	UY_ASSERT_ARG(in->ocsp != NULL || in->ocsp_count == 0);
	UY_ASSERT_ARG(in->best_signature_time <= in->reference_time);
	if (in->anchor_count > UY_PATH_MAX_INPUTS || in->untrusted_count > UY_PATH_MAX_INPUTS ||
	    in->crl_count > UY_PATH_MAX_INPUTS || in->ocsp_count > UY_PATH_MAX_INPUTS) {
		return UY_ERROR(UY_ERR_LIMIT, "more than UY_PATH_MAX_INPUTS inputs of one kind");
	}

	uy_err rc = UY_OK;
	uy_path_report rep;
	memset(&rep, 0, sizeof(rep));
	path_ctx pc;
	memset(&pc, 0, sizeof(pc));
	pc.in = in;
	X509_STORE_CTX *ctx = NULL;
	uy_verdict v = UY_VERDICT_UNSET;

	UY_TRY_OUT(parse_inputs(&pc, &rep));
	ctx = X509_STORE_CTX_new();
	UY_ENSURE_OUT(ctx != NULL, UY_ERROR(UY_ERR_NOMEM, "cannot allocate X509_STORE_CTX"));
	UY_ENSURE_OUT(X509_STORE_CTX_init(ctx, pc.store, cert, NULL) == 1,
	              UY_ERROR(UY_ERR_CRYPTO, "X509_STORE_CTX_init failed"));
	X509_STORE_CTX_set0_untrusted(ctx, pc.untrusted);

	int ok = X509_verify_cert(ctx);
	rep.x509_error = X509_STORE_CTX_get_error(ctx);
	if (ok <= 0 && rep.x509_error == X509_V_OK) {
		rc = UY_ERROR(UY_ERR_CRYPTO, "X509_verify_cert failed without a verification error");
		goto done;
	}
	ERR_clear_error();
	STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
	int n = chain != NULL ? sk_X509_num(chain) : 0;
	UY_ENSURE_OUT(n <= (int)UY_PATH_MAX_DEPTH,
	              UY_ERROR(UY_ERR_LIMIT, "path longer than UY_PATH_MAX_DEPTH"));
	rep.depth = (size_t)n;
	for (int i = 0; i < n; i++) {
		uy_path_subject(sk_X509_value(chain, i), rep.certs[i].subject, UY_PATH_SUBJECT_MAX);
		/* The chain holds the caller's own X509 objects (the store and the
		 * untrusted stack up-ref them), so the pointer stays valid. */
		rep.certs[i].cert = sk_X509_value(chain, i);
		rep.certs[i].revocation_reason = -1;
	}

	if (ok <= 0) {
		int depth = X509_STORE_CTX_get_error_depth(ctx);
		map_x509_error(&v, rep.x509_error, depth);
		if (depth >= 0 && depth < n) {
			rep.certs[depth].status = v;
		}
		rc = UY_OK;
		goto done;
	}

	/* The path is sound at T: revocation per certificate, anchor excluded. */
	rep.certs[n - 1].source = UY_PATH_SRC_ANCHOR;
	uy_verdict_set(&rep.certs[n - 1].status, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	for (int i = 0; i + 1 < n; i++) {
		X509 *c = sk_X509_value(chain, i);
		X509 *issuer = sk_X509_value(chain, i + 1);
		uy_path_rev_policy pol = i == 0 ? in->ee_revocation : in->ca_revocation;
		rev_result r;
		memset(&r, 0, sizeof(r));
		if (pol != UY_PATH_REV_CRL) {
			(void)ocsp_status(&pc, c, issuer, &r);
		}
		if (!r.decided && pol != UY_PATH_REV_OCSP) {
			(void)crl_status(&pc, c, issuer, &r);
		}
		judge_revocation(&pc, &rep.certs[i], &r, (size_t)i, rep.note, sizeof(rep.note));
		if (r.decided && r.source == UY_PATH_SRC_CRL && pc.crl_lenient[r.index]) {
			rep.lenient_crls++;
			if (rep.note[0] == '\0') {
				(void)BIO_snprintf(rep.note, sizeof(rep.note),
				                   "CRL %zu accepted although its inner and outer signature "
				                   "algorithms differ as NULL versus absent parameters",
				                   r.index);
			}
		}
	}
	for (int i = 0; i < n; i++) {
		if (rep.certs[i].status.indication == UY_IND_TOTAL_FAILED) {
			v = rep.certs[i].status;
			break;
		}
	}
	for (int i = 0; i < n && !uy_verdict_is_failure(&v); i++) {
		if (uy_verdict_is_failure(&rep.certs[i].status)) {
			v = rep.certs[i].status;
		}
	}
	uy_verdict_set(&v, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);

done:
	X509_STORE_CTX_free(ctx);
	for (size_t i = 0; i < UY_PATH_MAX_INPUTS; i++) {
		if (!pc.crl_cached[i]) {
			X509_CRL_free(pc.crls[i]);
		}
		if (!pc.ocsp_cached[i]) {
			OCSP_BASICRESP_free(pc.ocsp[i]);
		}
	}
	sk_X509_pop_free(pc.untrusted, X509_free);
	X509_STORE_free(pc.store);
	ERR_clear_error();
	if (rc == UY_OK) {
		*out = v;
		if (details != NULL) {
			*details = rep;
		}
	} else if (details != NULL) {
		memset(details, 0, sizeof(*details));
	}
	return rc;
}
