/*
 * ltv.c - the bytes of a CAdES signature that long-term validation works on
 * (uy_ltv.h): SignerInfo spans, time-stamp imprints, and the ES-C / ES-X-L
 * refs and values checked against the path actually validated.
 *
 * Everything reads the caller's original DER with one bounded TLV cursor
 * (definite lengths only, every length checked against the bytes left,
 * nesting capped), because the imprints must be over exactly the bytes
 * that were time-stamped: OpenSSL's decoders re-encode. OpenSSL is used
 * only for digests and to compare names and serial numbers.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_cades.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_ltv.h"

#define CL_CERT_REFS "RFC 5126 §6.2.1; ETSI TS 101 733 §6.2.1"
#define CL_REV_REFS "RFC 5126 §6.2.2; ETSI TS 101 733 §6.2.2"
#define CL_CERT_VALUES "RFC 5126 §6.3.3; ETSI TS 101 733 §6.3.3"
#define CL_REV_VALUES "RFC 5126 §6.3.4; ETSI TS 101 733 §6.3.4"

/* Elements hashed per list for the ATS v3 index check; more is UY_ERR_LIMIT. */
#define LTV_MAX_INDEXED 256u

/* DER of the OIDs we compare by bytes (X.690 §8.19). */
static const uint8_t ltv_oid_signed_data[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                              0x0d, 0x01, 0x07, 0x02};
static const uint8_t ltv_oid_data[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                       0x0d, 0x01, 0x07, 0x01};
static const uint8_t ltv_oid_ocsp_basic[] = {0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05,
                                             0x07, 0x30, 0x01, 0x01};

/* ------------------------------------------------------------------ */
/* OIDs OpenSSL 3.0 lacks (spec §4.1). */

static const struct {
	const char *oid, *sn, *ln;
} ltv_oids[] = {
	{"1.2.840.113549.1.9.16.2.48", "id-aa-ets-archiveTimestampV2", "archive-time-stamp-v2"},
	{"0.4.0.1733.2.4", "id-aa-ATSv3", "archive-time-stamp-v3"},
	{"0.4.0.19122.1.5", "id-aa-ATSHashIndex-v3", "ats-hash-index-v3"},
	{"0.4.0.1733.2.5", "id-aa-ATSHashIndex", "ats-hash-index"},
	{"0.4.0.1733.2.1", "id-aa-ets-mimeType", "mime-type"},
	{"0.4.0.19122.1.1", "id-aa-ets-signerAttrV2", "signer-attributes-v2"},
	{"1.3.6.1.5.5.7.16.2", "id-ri-ocsp-response", "OCSP response (RFC 5940)"},
	{"1.3.6.1.5.5.7.11.1", "id-qcs-pkixQCSyntax-v1", "pkixQCSyntax-v1"},
	{"1.3.6.1.5.5.7.11.2", "id-qcs-pkixQCSyntax-v2", "pkixQCSyntax-v2"},
	{"0.4.0.1862.1.1", "id-etsi-qcs-QcCompliance", "QcCompliance"},
	{"0.4.0.1862.1.2", "id-etsi-qcs-QcLimitValue", "QcLimitValue"},
	{"0.4.0.1862.1.3", "id-etsi-qcs-QcRetentionPeriod", "QcRetentionPeriod"},
	{"0.4.0.1862.1.4", "id-etsi-qcs-QcSSCD", "QcSSCD"},
	{"0.4.0.1862.1.5", "id-etsi-qcs-QcPDS", "QcPDS"},
	{"0.4.0.1862.1.6", "id-etsi-qcs-QcType", "QcType"},
	{"0.4.0.1862.1.6.1", "id-etsi-qct-esign", "QcType esign"},
	{"0.4.0.1862.1.6.2", "id-etsi-qct-eseal", "QcType eseal"},
	{"0.4.0.1862.1.6.3", "id-etsi-qct-web", "QcType web"},
	{"0.4.0.194121.1.1", "id-etsi-qcs-semanticsId-Natural", "semantics natural person"},
	{"0.4.0.194121.1.2", "id-etsi-qcs-semanticsId-Legal", "semantics legal person"},
	{"2.16.792.1.61.0.1.5070.1.1", "tr-btk-qcs-nes", "BTK NES QC statement"},
};

static CRYPTO_ONCE ltv_once = CRYPTO_ONCE_STATIC_INIT;

/* Register every OID of ltv_oids that OpenSSL does not know (run once). */
static void
ltv_register(void)
{
	for (size_t i = 0; i < sizeof(ltv_oids) / sizeof(ltv_oids[0]); i++) {
		if (OBJ_txt2nid(ltv_oids[i].oid) != NID_undef) {
			continue;
		}
		/* A name already taken (another library's registration) is left out. */
		const char *sn = OBJ_sn2nid(ltv_oids[i].sn) == NID_undef ? ltv_oids[i].sn : NULL;
		const char *ln = OBJ_ln2nid(ltv_oids[i].ln) == NID_undef ? ltv_oids[i].ln : NULL;
		(void)OBJ_create(ltv_oids[i].oid, sn, ln);
	}
	ERR_clear_error();
}

/* see uy_ltv.h */
int
uy_ltv_nid(const char *dotted)
{
	if (dotted == NULL || CRYPTO_THREAD_run_once(&ltv_once, ltv_register) != 1) {
		return NID_undef;
	}
	int nid = OBJ_txt2nid(dotted);
	ERR_clear_error();
	return nid;
}

/* ------------------------------------------------------------------ */
/* Bounded DER cursor. */

/* One TLV as encoded. */
typedef struct {
	const uint8_t *ptr;	/* first identifier octet */
	size_t hdr;		/* identifier and length octets */
	size_t len;		/* contents octets */
	uint8_t tag;		/* first identifier octet (class, constructed, number) */
} ltv_tlv;

/* Bytes left to read: [p, end). */
typedef struct {
	const uint8_t *p;
	const uint8_t *end;
} ltv_cur;

static uy_span
ltv_whole(const ltv_tlv *t)
{
	return (uy_span){t->ptr, t->hdr + t->len};
}

static uy_span
ltv_body(const ltv_tlv *t)
{
	return (uy_span){t->ptr + t->hdr, t->len};
}

static ltv_cur
ltv_inside(const ltv_tlv *t)
{
	return (ltv_cur){t->ptr + t->hdr, t->ptr + t->hdr + t->len};
}

static ltv_cur
ltv_over(uy_span s)
{
	return (ltv_cur){s.ptr, s.ptr + s.len};
}

static int
ltv_more(const ltv_cur *c)
{
	return c->p < c->end;
}

/*
 * Read the TLV at the start of [p, p + avail): identifier (high tag numbers
 * up to 4 octets), definite minimal length (X.690 §10.1), contents within
 * avail. UY_ERR_SYNTAX otherwise.
 */
static uy_err
ltv_read(ltv_tlv *out, const uint8_t *p, size_t avail)
{
	size_t i = 0;
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	UY_ENSURE(p != NULL && avail >= 2, UY_ERR_SYNTAX);
	if ((p[i++] & 0x1fu) == 0x1fu) {
		/* high tag number form: base-128, minimal, at most 4 octets */
		UY_ENSURE(p[i] != 0x80, UY_ERR_SYNTAX);
		for (unsigned n = 0;; n++) {
			UY_ENSURE(i < avail && n < 4, UY_ERR_SYNTAX);
			if ((p[i++] & 0x80) == 0) {
				break;
			}
		}
	}
	UY_ENSURE(i < avail, UY_ERR_SYNTAX);
	uint8_t first = p[i++];
	if (first < 0x80) {
		len = first;
	} else {
		size_t n = first & 0x7fu;
		/* 0x80 is the indefinite form (BER only); 4 octets exceed every limit */
		UY_ENSURE(n >= 1 && n <= 4, UY_ERR_SYNTAX);
		UY_ENSURE(n <= avail - i, UY_ERR_SYNTAX);
		UY_ENSURE(p[i] != 0, UY_ERR_SYNTAX);
		for (size_t k = 0; k < n; k++) {
			len = (len << 8) | p[i++];
		}
		UY_ENSURE(len >= 0x80, UY_ERR_SYNTAX);
	}
	UY_ENSURE(len <= avail - i, UY_ERR_SYNTAX);
	out->ptr = p;
	out->hdr = i;
	out->len = len;
	out->tag = p[0];
	return UY_OK;
}

/* Read the next TLV of c and step over it. */
static uy_err
ltv_next(ltv_cur *c, ltv_tlv *out)
{
	UY_ENSURE(c->p < c->end, UY_ERR_SYNTAX);
	UY_TRY(ltv_read(out, c->p, (size_t)(c->end - c->p)));
	c->p += out->hdr + out->len;
	return UY_OK;
}

/* ltv_next() that also requires the identifier octet `tag`. */
static uy_err
ltv_expect(ltv_cur *c, ltv_tlv *out, uint8_t tag)
{
	UY_TRY(ltv_next(c, out));
	UY_ENSURE(out->tag == tag, UY_ERR_SYNTAX);
	return UY_OK;
}

/* Exactly one TLV over all of s. */
static uy_err
ltv_one(ltv_tlv *out, uy_span s)
{
	UY_TRY(ltv_read(out, s.ptr, s.len));
	UY_ENSURE(out->hdr + out->len == s.len, UY_ERR_SYNTAX);
	return UY_OK;
}

/* Every TLV in s, constructed ones recursively, to depth UY_CADES_MAX_DER_DEPTH. */
static uy_err
ltv_walk(uy_span s, unsigned depth)
{
	ltv_cur c = ltv_over(s);
	ltv_tlv t;

	UY_ENSURE(depth <= UY_CADES_MAX_DER_DEPTH, UY_ERR_SYNTAX);
	while (ltv_more(&c)) {
		UY_TRY(ltv_next(&c, &t));
		if ((t.tag & 0x20u) != 0) {
			UY_TRY(ltv_walk(ltv_body(&t), depth + 1));
		}
	}
	return UY_OK;
}

static int
ltv_span_eq(uy_span a, uy_span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int
ltv_is(uy_span s, const uint8_t *bytes, size_t n)
{
	return ltv_span_eq(s, (uy_span){bytes, n});
}

/* NID of a DER OBJECT IDENTIFIER TLV; NID_undef if unknown or malformed. */
static int
ltv_oid_nid(uy_span tlv)
{
	const unsigned char *p = tlv.ptr;
	ASN1_OBJECT *o = NULL;
	int nid = NID_undef;

	(void)uy_ltv_nid("0.4.0.1733.2.4");	/* registers ours once */
	if (tlv.ptr != NULL && tlv.len > 0 && tlv.len < (size_t)INT32_MAX) {
		o = d2i_ASN1_OBJECT(NULL, &p, (long)tlv.len);
	}
	if (o != NULL && p == tlv.ptr + tlv.len) {
		nid = OBJ_obj2nid(o);
	}
	ASN1_OBJECT_free(o);
	ERR_clear_error();
	return nid;
}

/* ------------------------------------------------------------------ */
/* SignerInfo. */

/* One Attribute ::= SEQUENCE { attrType, attrValues SET OF } (RFC 5652 §5.3). */
static uy_err
ltv_parse_attr(uy_ltv_attr *a, const ltv_tlv *t)
{
	ltv_cur c = ltv_inside(t);
	ltv_tlv type, values, v;

	memset(a, 0, sizeof(*a));
	UY_ENSURE(t->tag == 0x30, UY_ERR_SYNTAX);
	UY_TRY(ltv_expect(&c, &type, 0x06));
	UY_TRY(ltv_expect(&c, &values, 0x31));
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	a->tlv = ltv_whole(t);
	a->type_tlv = ltv_whole(&type);
	a->values_tlv = ltv_whole(&values);
	a->nid = ltv_oid_nid(a->type_tlv);
	ltv_cur vc = ltv_inside(&values);
	while (ltv_more(&vc)) {
		UY_TRY(ltv_next(&vc, &v));
		if (a->value_count == 0) {
			a->first_value = ltv_whole(&v);
		}
		a->value_count++;
	}
	return UY_OK;
}

/*
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0]
 * IMPLICIT OPTIONAL, signatureAlgorithm, signature, unsignedAttrs [1]
 * IMPLICIT OPTIONAL } (RFC 5652 §5.3). Fills the SignerInfo part of out.
 */
static uy_err
ltv_parse_si(uy_ltv_signer *out, const ltv_tlv *si)
{
	ltv_cur c = ltv_inside(si);
	ltv_tlv t;

	UY_ENSURE(si->tag == 0x30, UY_ERR_SYNTAX);
	out->signer_info = ltv_whole(si);
	UY_TRY(ltv_expect(&c, &t, 0x02));
	out->version_tlv = ltv_whole(&t);
	UY_TRY(ltv_next(&c, &t));
	/* issuerAndSerialNumber, or subjectKeyIdentifier [0] IMPLICIT OCTET STRING */
	UY_ENSURE(t.tag == 0x30 || t.tag == 0x80, UY_ERR_SYNTAX);
	out->sid_tlv = ltv_whole(&t);
	UY_TRY(ltv_expect(&c, &t, 0x30));
	out->digest_alg_tlv = ltv_whole(&t);
	UY_TRY(ltv_next(&c, &t));
	if (t.tag == 0xa0) {
		out->signed_attrs_tlv = ltv_whole(&t);
		UY_TRY(ltv_next(&c, &t));
	}
	UY_ENSURE(t.tag == 0x30, UY_ERR_SYNTAX);
	out->sig_alg_tlv = ltv_whole(&t);
	UY_TRY(ltv_expect(&c, &t, 0x04));
	out->signature_tlv = ltv_whole(&t);
	out->signature_value = ltv_body(&t);
	if (ltv_more(&c)) {
		UY_TRY(ltv_expect(&c, &t, 0xa1));
		out->unsigned_attrs_tlv = ltv_whole(&t);
		ltv_cur ac = ltv_inside(&t);
		while (ltv_more(&ac)) {
			ltv_tlv a;
			UY_ENSURE(out->unsigned_count < UY_LTV_MAX_ATTRS,
			          UY_ERROR(UY_ERR_LIMIT, "more than UY_LTV_MAX_ATTRS unsigned attributes"));
			UY_TRY(ltv_next(&ac, &a));
			UY_TRY(ltv_parse_attr(&out->unsigned_attrs[out->unsigned_count], &a));
			out->unsigned_count++;
		}
	}
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	return UY_OK;
}

/* The body of uy_ltv_parse_signer(); out is zeroed by the caller. */
static uy_err
ltv_parse_signer(uy_ltv_signer *out, uy_span cms, size_t index)
{
	ltv_tlv ci, t, sd, encap, sis;

	UY_TRY(ltv_one(&ci, cms));
	UY_TRY(ltv_walk(cms, 0));
	UY_ENSURE(ci.tag == 0x30, UY_ERR_SYNTAX);
	out->cms = cms;
	/* ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT } (RFC 5652 §3) */
	ltv_cur c = ltv_inside(&ci);
	UY_TRY(ltv_expect(&c, &t, 0x06));
	UY_ENSURE(ltv_is(ltv_whole(&t), ltv_oid_signed_data, sizeof(ltv_oid_signed_data)),
	          UY_ERR_SYNTAX);
	UY_TRY(ltv_expect(&c, &t, 0xa0));
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	UY_TRY(ltv_one(&sd, ltv_body(&t)));
	UY_ENSURE(sd.tag == 0x30, UY_ERR_SYNTAX);
	/* SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
	 * certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL,
	 * signerInfos } (RFC 5652 §5.1) */
	c = ltv_inside(&sd);
	UY_TRY(ltv_expect(&c, &t, 0x02));
	UY_TRY(ltv_expect(&c, &t, 0x31));
	UY_TRY(ltv_expect(&c, &encap, 0x30));
	out->encap_content_info = ltv_whole(&encap);
	ltv_cur e = ltv_inside(&encap);
	UY_TRY(ltv_expect(&e, &t, 0x06));
	out->econtent_type_tlv = ltv_whole(&t);
	if (ltv_more(&e)) {
		ltv_tlv os;
		UY_TRY(ltv_expect(&e, &t, 0xa0));
		UY_TRY(ltv_one(&os, ltv_body(&t)));
		UY_ENSURE(os.tag == 0x04, UY_ERR_SYNTAX);	/* primitive: DER */
		out->econtent = ltv_body(&os);
	}
	UY_ENSURE(!ltv_more(&e), UY_ERR_SYNTAX);
	UY_TRY(ltv_next(&c, &t));
	if (t.tag == 0xa0) {
		out->certificates_tlv = ltv_whole(&t);
		UY_TRY(ltv_next(&c, &t));
	}
	if (t.tag == 0xa1) {
		out->crls_tlv = ltv_whole(&t);
		UY_TRY(ltv_next(&c, &t));
	}
	UY_ENSURE(t.tag == 0x31, UY_ERR_SYNTAX);
	sis = t;
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	c = ltv_inside(&sis);
	for (size_t i = 0;; i++) {
		UY_ENSURE(ltv_more(&c), UY_ERR_SYNTAX);	/* no SignerInfo `index` */
		UY_TRY(ltv_next(&c, &t));
		if (i == index) {
			return ltv_parse_si(out, &t);
		}
	}
}

/* see uy_ltv.h */
uy_err
uy_ltv_parse_signer(uy_ltv_signer *out, uy_span cms, size_t index)
{
	UY_ASSERT_ARG(out != NULL);
	memset(out, 0, sizeof(*out));
	UY_ASSERT_ARG(cms.ptr != NULL || cms.len == 0);
	if (cms.len > UY_MAX_SIGNATURE_PART) {
		return UY_ERROR(UY_ERR_LIMIT, "CMS larger than UY_MAX_SIGNATURE_PART");
	}
	uy_err rc = ltv_parse_signer(out, cms, index);
	if (rc != UY_OK) {
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Countersignature wrapper. */

/* Append a DER identifier (one octet) and definite length. */
static uy_err
ltv_put_hdr(uy_buf *b, uint8_t tag, size_t len)
{
	uint8_t h[2 + sizeof(size_t)];
	size_t n = 0;

	h[n++] = tag;
	if (len < 0x80) {
		h[n++] = (uint8_t)len;
	} else {
		size_t k = 0;
		for (size_t v = len; v != 0; v >>= 8) {
			k++;
		}
		h[n++] = (uint8_t)(0x80u | k);
		for (size_t i = k; i > 0; i--) {
			h[n++] = (uint8_t)(len >> (8 * (i - 1)));
		}
	}
	return uy_buf_append(b, h, n);
}

/* Octets of a DER header for contents of len octets. */
static size_t
ltv_hdr_len(size_t len)
{
	size_t k = 0;

	if (len < 0x80) {
		return 2;
	}
	for (size_t v = len; v != 0; v >>= 8) {
		k++;
	}
	return 2 + k;
}

/*
 * SignedData version (RFC 5652 §5.1): 5 with other certificates, 4 with v2
 * attribute certificates, 3 with v1 attribute certificates or a version 3
 * SignerInfo, else 1 (eContentType is id-data).
 */
static uy_err
ltv_sd_version(unsigned *out, const uy_ltv_signer *cs, uy_span certificates_tlv)
{
	unsigned v = 1;
	ltv_tlv t;

	if (cs->version_tlv.len == 3 && cs->version_tlv.ptr[2] == 3) {
		v = 3;
	}
	if (certificates_tlv.len > 0) {
		UY_TRY(ltv_one(&t, certificates_tlv));
		ltv_cur c = ltv_inside(&t);
		while (ltv_more(&c)) {
			UY_TRY(ltv_next(&c, &t));
			unsigned w = t.tag == 0xa3 ? 5 : t.tag == 0xa2 ? 4 : t.tag == 0xa1 ? 3 : 1;
			v = w > v ? w : v;
		}
	}
	*out = v;
	return UY_OK;
}

/* The body of uy_ltv_wrap_countersignature(); out is initialised. */
static uy_err
ltv_wrap(uy_buf *out, const uy_ltv_signer *parent, uy_span countersignature)
{
	uy_ltv_signer *cs = NULL;
	ltv_tlv t;
	unsigned version = 1;
	uy_err rc = UY_OK;

	/* uy_ltv_signer is about 7 KiB: keep it off small stacks. */
	cs = uy_calloc(1, sizeof(*cs));
	UY_ENSURE(cs != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(ltv_one(&t, countersignature));
	UY_TRY_OUT(ltv_walk(countersignature, 0));
	UY_TRY_OUT(ltv_parse_si(cs, &t));
	UY_TRY_OUT(ltv_sd_version(&version, cs, parent->certificates_tlv));

	size_t n_version = 3;
	size_t n_algs = ltv_hdr_len(cs->digest_alg_tlv.len) + cs->digest_alg_tlv.len;
	size_t n_encap = 2 + sizeof(ltv_oid_data);
	size_t n_sis = ltv_hdr_len(countersignature.len) + countersignature.len;
	size_t sd_len = n_version + n_algs + n_encap + parent->certificates_tlv.len + n_sis;
	size_t ctx_len = ltv_hdr_len(sd_len) + sd_len;
	size_t ci_len = sizeof(ltv_oid_signed_data) + ltv_hdr_len(ctx_len) + ctx_len;

	UY_TRY_OUT(ltv_put_hdr(out, 0x30, ci_len));
	UY_TRY_OUT(uy_buf_append(out, ltv_oid_signed_data, sizeof(ltv_oid_signed_data)));
	UY_TRY_OUT(ltv_put_hdr(out, 0xa0, ctx_len));
	UY_TRY_OUT(ltv_put_hdr(out, 0x30, sd_len));
	const uint8_t ver[3] = {0x02, 0x01, (uint8_t)version};
	UY_TRY_OUT(uy_buf_append(out, ver, sizeof(ver)));
	UY_TRY_OUT(ltv_put_hdr(out, 0x31, cs->digest_alg_tlv.len));
	UY_TRY_OUT(uy_buf_append(out, cs->digest_alg_tlv.ptr, cs->digest_alg_tlv.len));
	/* encapContentInfo without eContent: detached over the parent's signature */
	UY_TRY_OUT(ltv_put_hdr(out, 0x30, sizeof(ltv_oid_data)));
	UY_TRY_OUT(uy_buf_append(out, ltv_oid_data, sizeof(ltv_oid_data)));
	if (parent->certificates_tlv.len > 0) {
		UY_TRY_OUT(uy_buf_append(out, parent->certificates_tlv.ptr,
		                         parent->certificates_tlv.len));
	}
	UY_TRY_OUT(ltv_put_hdr(out, 0x31, countersignature.len));
	UY_TRY_OUT(uy_buf_append(out, countersignature.ptr, countersignature.len));
done:
	uy_free(cs);
	return rc;
}

/* see uy_ltv.h */
uy_err
uy_ltv_wrap_countersignature(uy_buf *out, const uy_ltv_signer *parent, uy_span countersignature)
{
	UY_ASSERT_ARG(out != NULL);
	uy_buf_init(out, (size_t)UY_MAX_SIGNATURE_PART, 0);
	UY_ASSERT_ARG(parent != NULL);
	UY_ASSERT_ARG(countersignature.ptr != NULL || countersignature.len == 0);
	uy_err rc = ltv_wrap(out, parent, countersignature);
	if (rc != UY_OK) {
		uy_buf_dispose(out);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Imprints. */

static uy_err
ltv_update(EVP_MD_CTX *ctx, uy_span s)
{
	if (s.len == 0) {
		return UY_OK;
	}
	UY_ENSURE(EVP_DigestUpdate(ctx, s.ptr, s.len) == 1,
	          UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestUpdate failed"));
	return UY_OK;
}

static uy_err
ltv_begin(EVP_MD_CTX **ctx, const EVP_MD *md)
{
	*ctx = EVP_MD_CTX_new();
	UY_ENSURE(*ctx != NULL, UY_ERR_NOMEM);
	UY_ENSURE(EVP_DigestInit_ex(*ctx, md, NULL) == 1,
	          UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestInit_ex failed"));
	return UY_OK;
}

static uy_err
ltv_final(EVP_MD_CTX *ctx, uint8_t *out, size_t *out_len)
{
	unsigned int n = 0;

	UY_ENSURE(EVP_DigestFinal_ex(ctx, out, &n) == 1,
	          UY_ERROR(UY_ERR_CRYPTO, "EVP_DigestFinal_ex failed"));
	*out_len = n;
	return UY_OK;
}

/* md(s) in one call. */
static uy_err
ltv_digest(uint8_t *out, size_t *out_len, const EVP_MD *md, uy_span s)
{
	unsigned int n = 0;

	UY_ENSURE(EVP_Digest(s.len > 0 ? s.ptr : (const uint8_t *)"", s.len, out, &n, md, NULL) == 1,
	          UY_ERROR(UY_ERR_CRYPTO, "EVP_Digest failed"));
	*out_len = n;
	return UY_OK;
}

/* The SignerInfo fields version .. signature, contiguous as encoded. */
static uy_span
ltv_si_signed_part(const uy_ltv_signer *s)
{
	const uint8_t *start = s->version_tlv.ptr;
	const uint8_t *end = s->signature_tlv.ptr + s->signature_tlv.len;
	return (uy_span){start, (size_t)(end - start)};
}

/* see uy_ltv.h */
uy_err
uy_ltv_c_ts_imprint(uint8_t *out, size_t *out_len, const uy_ltv_signer *s, const EVP_MD *md)
{
	static const int order[] = {NID_id_smime_aa_timeStampToken,
	                            NID_id_smime_aa_ets_CertificateRefs,
	                            NID_id_smime_aa_ets_RevocationRefs};
	EVP_MD_CTX *ctx = NULL;
	uy_err rc = UY_OK;

	UY_ASSERT_ARG(out_len != NULL);
	*out_len = 0;
	UY_ASSERT_ARG(out != NULL && s != NULL && md != NULL);
	UY_TRY_OUT(ltv_begin(&ctx, md));
	/* *= RFC 5126 §6.3.5
	 *# The value of the messageImprint field within TimeStampToken shall be
	 *# a hash of the concatenated values (without the type or length
	 *# encoding for that value) of the following data objects:
	 *#    - OCTETSTRING of the SignatureValue field within SignerInfo;
	 *#    - signature-time-stamp, or a content-time-stamp [...];
	 *#    - complete-certificate-references attribute; and
	 *#    - complete-revocation-references attribute. */
	UY_TRY_OUT(ltv_update(ctx, s->signature_value));
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (size_t i = 0; i < s->unsigned_count; i++) {
			const uy_ltv_attr *a = &s->unsigned_attrs[i];
			if (a->nid == order[k]) {
				/* the Attribute's value: attrType TLV ‖ attrValues TLV */
				UY_TRY_OUT(ltv_update(ctx, a->type_tlv));
				UY_TRY_OUT(ltv_update(ctx, a->values_tlv));
			}
		}
	}
	UY_TRY_OUT(ltv_final(ctx, out, out_len));
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* see uy_ltv.h */
uy_err
uy_ltv_ats_v2_imprint(uint8_t *out, size_t *out_len, const uy_ltv_signer *s,
                      const uy_span *detached, const int *include, int annex_k, const EVP_MD *md)
{
	EVP_MD_CTX *ctx = NULL;
	uy_err rc = UY_OK;
	int attached = 0;
	size_t inc_len = 0;

	UY_ASSERT_ARG(out_len != NULL);
	*out_len = 0;
	UY_ASSERT_ARG(out != NULL && s != NULL && md != NULL);
	UY_ASSERT_ARG(include != NULL || s->unsigned_count == 0);
	attached = s->econtent.ptr != NULL;
	UY_TRY_OUT(ltv_begin(&ctx, md));
	/* *= ETSI TS 101 733 V1.8.1 §6.4.1
	 *# the encapContentInfo element of the SignedData sequence; any external content
	 *# being protected by the signature, if the eContent element of the
	 *# encapContentInfo is omitted; the Certificates and crls elements of the
	 *# SignedData sequence, when present; and all data elements in the SignerInfo
	 *# sequence including all signed and unsigned attributes. */
	if (!annex_k || attached) {
		UY_TRY_OUT(ltv_update(ctx, s->encap_content_info));
	}
	if (!attached && detached != NULL) {
		UY_TRY_OUT(ltv_update(ctx, *detached));
	}
	UY_TRY_OUT(ltv_update(ctx, s->certificates_tlv));
	UY_TRY_OUT(ltv_update(ctx, s->crls_tlv));
	/* version .. signature: the same bytes in both readings */
	UY_TRY_OUT(ltv_update(ctx, ltv_si_signed_part(s)));
	for (size_t i = 0; i < s->unsigned_count; i++) {
		if (include[i]) {
			UY_TRY_OUT(uy_size_add(inc_len, s->unsigned_attrs[i].tlv.len, &inc_len));
		}
	}
	if (!annex_k && inc_len > 0) {
		/* clause 6: the SignerInfo contents with [1] re-encoded around the
		 * retained attributes (DER sorts SET OF, and a subset of a sorted
		 * set in encoded order is still sorted) */
		uy_buf h;
		uy_buf_init(&h, 16, 0);
		UY_TRY_OUT(ltv_put_hdr(&h, 0xa1, inc_len));
		rc = ltv_update(ctx, uy_buf_span(&h));
		uy_buf_dispose(&h);
		UY_TRY_OUT(rc);
	}
	for (size_t i = 0; i < s->unsigned_count; i++) {
		if (include[i]) {
			UY_TRY_OUT(ltv_update(ctx, s->unsigned_attrs[i].tlv));
		}
	}
	UY_TRY_OUT(ltv_final(ctx, out, out_len));
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* A digest kept for matching. */
typedef struct {
	uint8_t d[EVP_MAX_MD_SIZE];
	size_t n;
} ltv_dig;

/* Whether `want` (the octets of an index entry) is one of h[0..n). */
static int
ltv_dig_in(uy_span want, const ltv_dig *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (h[i].n == want.len && memcmp(h[i].d, want.ptr, want.len) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Hash every element of a [0] / [1] set of SignedData into h. */
static uy_err
ltv_hash_elements(ltv_dig *h, size_t *n, uy_span set_tlv, const EVP_MD *md)
{
	ltv_tlv t;

	*n = 0;
	if (set_tlv.len == 0) {
		return UY_OK;
	}
	UY_TRY(ltv_one(&t, set_tlv));
	ltv_cur c = ltv_inside(&t);
	while (ltv_more(&c)) {
		UY_ENSURE(*n < LTV_MAX_INDEXED,
		          UY_ERROR(UY_ERR_LIMIT, "more than %u elements to index", LTV_MAX_INDEXED));
		UY_TRY(ltv_next(&c, &t));
		UY_TRY(ltv_digest(h[*n].d, &h[*n].n, md, ltv_whole(&t)));
		(*n)++;
	}
	return UY_OK;
}

/* One SEQUENCE OF OCTET STRING of the index, checked: entries must be OCTET STRINGs. */
static uy_err
ltv_index_list(ltv_tlv *list, ltv_cur *c)
{
	ltv_tlv e;

	size_t n = 0;

	UY_TRY(ltv_expect(c, list, 0x30));
	ltv_cur lc = ltv_inside(list);
	while (ltv_more(&lc)) {
		UY_ENSURE(++n <= LTV_MAX_INDEXED * 4,
		          UY_ERROR(UY_ERR_LIMIT, "ats-hash-index-v3 list longer than %u entries",
		                   LTV_MAX_INDEXED * 4));
		UY_TRY(ltv_expect(&lc, &e, 0x04));
	}
	return UY_OK;
}

/* Each entry of `list` matches one of h[0..n); else its position, 1-based, in *bad. */
static void
ltv_index_match(size_t *bad, const ltv_tlv *list, const ltv_dig *h, size_t n)
{
	ltv_cur c = ltv_inside(list);
	ltv_tlv e;
	size_t pos = 0;

	*bad = 0;
	while (ltv_more(&c) && ltv_next(&c, &e) == UY_OK) {
		pos++;
		if (!ltv_dig_in(ltv_body(&e), h, n)) {
			*bad = pos;
			return;
		}
	}
}

/* State of the ATS v3 index check, on the heap (it holds 3 * 256 digests). */
typedef struct {
	ltv_dig certs[LTV_MAX_INDEXED];
	ltv_dig crls[LTV_MAX_INDEXED];
	ltv_dig attrs[LTV_MAX_INDEXED];
	size_t attr_of[LTV_MAX_INDEXED];	/* which unsigned attribute */
	size_t n_certs, n_crls, n_attrs;
} ltv_v3;

/* The ATSHashIndexV3 consistency check (EN 319 122-1 §5.5.2, §5.5.3). */
static uy_err
ltv_v3_index(int *index_ok, char *why, size_t why_cap, const uy_ltv_signer *s, ltv_v3 *st,
             const EVP_MD *imd, const ltv_tlv *certs_ix, const ltv_tlv *crls_ix,
             const ltv_tlv *attrs_ix, const int *include)
{
	size_t bad = 0;

	UY_TRY(ltv_hash_elements(st->certs, &st->n_certs, s->certificates_tlv, imd));
	UY_TRY(ltv_hash_elements(st->crls, &st->n_crls, s->crls_tlv, imd));
	/* *= ETSI EN 319 122-1 §5.5.2
	 *# unsignedAttrValuesHashIndex ... the hash of the concatenation of the
	 *# attrType field and one AttributeValue */
	for (size_t i = 0; i < s->unsigned_count; i++) {
		const uy_ltv_attr *a = &s->unsigned_attrs[i];
		ltv_tlv vs, v;
		UY_TRY(ltv_one(&vs, a->values_tlv));
		ltv_cur c = ltv_inside(&vs);
		while (ltv_more(&c)) {
			EVP_MD_CTX *ctx = NULL;
			uy_err rc = UY_OK;
			UY_ENSURE(st->n_attrs < LTV_MAX_INDEXED,
			          UY_ERROR(UY_ERR_LIMIT, "more than %u attribute values to index",
			                   LTV_MAX_INDEXED));
			UY_TRY(ltv_next(&c, &v));
			rc = ltv_begin(&ctx, imd);
			if (rc == UY_OK) {
				rc = ltv_update(ctx, a->type_tlv);
			}
			if (rc == UY_OK) {
				rc = ltv_update(ctx, ltv_whole(&v));
			}
			if (rc == UY_OK) {
				rc = ltv_final(ctx, st->attrs[st->n_attrs].d, &st->attrs[st->n_attrs].n);
			}
			EVP_MD_CTX_free(ctx);
			UY_TRY(rc);
			st->attr_of[st->n_attrs] = i;
			st->n_attrs++;
		}
	}
	/* Every entry must name an element present now (nothing was removed). */
	ltv_index_match(&bad, certs_ix, st->certs, st->n_certs);
	if (bad != 0) {
		snprintf(why, why_cap, "ats-hash-index-v3: certificatesHashIndex entry %zu matches no "
		         "certificate", bad);
		return UY_OK;
	}
	ltv_index_match(&bad, crls_ix, st->crls, st->n_crls);
	if (bad != 0) {
		snprintf(why, why_cap, "ats-hash-index-v3: crlsHashIndex entry %zu matches no "
		         "revocation element", bad);
		return UY_OK;
	}
	ltv_index_match(&bad, attrs_ix, st->attrs, st->n_attrs);
	if (bad != 0) {
		snprintf(why, why_cap, "ats-hash-index-v3: unsignedAttrValuesHashIndex entry %zu "
		         "matches no unsigned attribute value", bad);
		return UY_OK;
	}
	/* Unsigned attribute values present before the ATS must be indexed. */
	for (size_t k = 0; k < st->n_attrs; k++) {
		size_t i = st->attr_of[k];
		ltv_cur c = ltv_inside(attrs_ix);
		ltv_tlv e;
		int found = 0;
		if (!include[i]) {
			continue;
		}
		while (!found && ltv_more(&c) && ltv_next(&c, &e) == UY_OK) {
			found = ltv_dig_in(ltv_body(&e), &st->attrs[k], 1);
		}
		if (!found) {
			char oid[64] = "?";
			const uy_ltv_attr *a = &s->unsigned_attrs[i];
			const unsigned char *p = a->type_tlv.ptr;
			ASN1_OBJECT *o = d2i_ASN1_OBJECT(NULL, &p, (long)a->type_tlv.len);
			if (o != NULL) {
				(void)OBJ_obj2txt(oid, sizeof(oid), o, 1);
			}
			ASN1_OBJECT_free(o);
			ERR_clear_error();
			snprintf(why, why_cap, "ats-hash-index-v3: unsigned attribute %zu (%s) has a "
			         "value with no index entry", i + 1, oid);
			return UY_OK;
		}
	}
	*index_ok = 1;
	return UY_OK;
}

/* see uy_ltv.h */
uy_err
uy_ltv_ats_v3_imprint(uint8_t *out, size_t *out_len, int *index_ok, char *why, size_t why_cap,
                      const uy_ltv_signer *s, uy_span content, uy_span hash_index,
                      const int *include, const EVP_MD *md)
{
	EVP_MD_CTX *ctx = NULL;
	ltv_v3 *st = NULL;
	uy_err rc = UY_OK;
	ltv_tlv hi, alg, certs_ix, crls_ix, attrs_ix, t;
	const EVP_MD *imd = EVP_sha256();	/* hashIndAlgorithm DEFAULT sha256 */
	uint8_t ch[EVP_MAX_MD_SIZE];
	size_t chlen = 0;
	char local_why[1];

	UY_ASSERT_ARG(out_len != NULL && index_ok != NULL);
	*out_len = 0;
	*index_ok = 0;
	if (why == NULL || why_cap == 0) {
		why = local_why;
		why_cap = sizeof(local_why);
	}
	why[0] = '\0';
	UY_ASSERT_ARG(out != NULL && s != NULL && md != NULL);
	UY_ASSERT_ARG(include != NULL || s->unsigned_count == 0);
	UY_ASSERT_ARG(content.ptr != NULL || content.len == 0);

	/* ATSHashIndexV3 ::= SEQUENCE { hashIndAlgorithm AlgorithmIdentifier DEFAULT
	 * sha256, certificatesHashIndex, crlsHashIndex, unsignedAttrValuesHashIndex }:
	 * the three lists are SEQUENCEs too, so the algorithm is present iff there
	 * are four elements. */
	UY_TRY(ltv_one(&hi, hash_index));
	UY_ENSURE(hi.tag == 0x30, UY_ERR_SYNTAX);
	UY_TRY(ltv_walk(hash_index, 0));
	size_t count = 0;
	ltv_cur c = ltv_inside(&hi);
	while (ltv_more(&c)) {
		UY_TRY(ltv_next(&c, &t));
		count++;
	}
	UY_ENSURE(count == 3 || count == 4, UY_ERR_SYNTAX);
	c = ltv_inside(&hi);
	if (count == 4) {
		ltv_tlv oid;
		UY_TRY(ltv_expect(&c, &alg, 0x30));
		ltv_cur ac = ltv_inside(&alg);
		UY_TRY(ltv_expect(&ac, &oid, 0x06));
		imd = EVP_get_digestbynid(ltv_oid_nid(ltv_whole(&oid)));
	}
	UY_TRY(ltv_index_list(&certs_ix, &c));
	UY_TRY(ltv_index_list(&crls_ix, &c));
	UY_TRY(ltv_index_list(&attrs_ix, &c));

	/* *= ETSI EN 319 122-1 §5.5.3
	 *# The input for the archive-time-stamp-v3's message imprint computation
	 *# shall be the concatenation ... of: the encapContentInfo's eContentType;
	 *# the octets representing the hash of the signed data; the fields version,
	 *# sid, digestAlgorithm, signedAttrs, signatureAlgorithm and signature
	 *# within the SignerInfo; and the ats-hash-index-v3 attribute value. */
	UY_TRY_OUT(ltv_digest(ch, &chlen, md, content));
	UY_TRY_OUT(ltv_begin(&ctx, md));
	UY_TRY_OUT(ltv_update(ctx, s->econtent_type_tlv));
	UY_TRY_OUT(ltv_update(ctx, (uy_span){ch, chlen}));
	UY_TRY_OUT(ltv_update(ctx, ltv_si_signed_part(s)));
	UY_TRY_OUT(ltv_update(ctx, hash_index));
	UY_TRY_OUT(ltv_final(ctx, out, out_len));

	if (imd == NULL) {
		snprintf(why, why_cap, "ats-hash-index-v3: hashIndAlgorithm not supported");
		goto done;
	}
	st = uy_calloc(1, sizeof(*st));
	UY_ENSURE_OUT(st != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(ltv_v3_index(index_ok, why, why_cap, s, st, imd, &certs_ix, &crls_ix, &attrs_ix,
	                        include));
done:
	if (rc != UY_OK) {
		*out_len = 0;
		*index_ok = 0;
	}
	uy_free(st);
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* ------------------------------------------------------------------ */
/* ES-C / ES-X-L attributes. */

/* OtherHash ::= CHOICE { sha1Hash OtherHashValue, otherHash OtherHashAlgAndValue }. */
typedef struct {
	int nid;
	uy_span value;
} ltv_hash;

static uy_err
ltv_other_hash(ltv_hash *out, const ltv_tlv *t)
{
	ltv_tlv alg, oid, v;

	memset(out, 0, sizeof(*out));
	if (t->tag == 0x04) {
		out->nid = NID_sha1;
		out->value = ltv_body(t);
		return UY_OK;
	}
	/* OtherHashAlgAndValue ::= SEQUENCE { hashAlgorithm, hashValue } (RFC 5126 §5.8.1) */
	UY_ENSURE(t->tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(t);
	UY_TRY(ltv_expect(&c, &alg, 0x30));
	UY_TRY(ltv_expect(&c, &v, 0x04));
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	ltv_cur ac = ltv_inside(&alg);
	UY_TRY(ltv_expect(&ac, &oid, 0x06));
	out->nid = ltv_oid_nid(ltv_whole(&oid));
	out->value = ltv_body(&v);
	return UY_OK;
}

/* CompleteCertificateRefs ::= SEQUENCE OF OtherCertID (RFC 5126 §6.2.1). */
static uy_err
ltv_parse_cert_refs(uy_ltv_xl *xl, uy_span value)
{
	ltv_tlv seq, id, t;

	UY_TRY(ltv_one(&seq, value));
	UY_ENSURE(seq.tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(&seq);
	while (ltv_more(&c)) {
		ltv_hash h;
		UY_ENSURE(xl->cert_ref_count < UY_LTV_MAX_ITEMS,
		          UY_ERROR(UY_ERR_LIMIT, "more than UY_LTV_MAX_ITEMS certificate refs"));
		/* OtherCertID ::= SEQUENCE { otherCertHash, issuerSerial OPTIONAL } */
		UY_TRY(ltv_expect(&c, &id, 0x30));
		ltv_cur ic = ltv_inside(&id);
		UY_TRY(ltv_next(&ic, &t));
		UY_TRY(ltv_other_hash(&h, &t));
		xl->cert_refs[xl->cert_ref_count].hash_nid = h.nid;
		xl->cert_refs[xl->cert_ref_count].hash = h.value;
		xl->cert_refs[xl->cert_ref_count].issuer_serial = (uy_span){NULL, 0};
		if (ltv_more(&ic)) {
			UY_TRY(ltv_expect(&ic, &t, 0x30));
			xl->cert_refs[xl->cert_ref_count].issuer_serial = ltv_whole(&t);
		}
		UY_ENSURE(!ltv_more(&ic), UY_ERR_SYNTAX);
		xl->cert_ref_count++;
	}
	return UY_OK;
}

/* CrlValidatedID ::= SEQUENCE { crlHash OtherHash, crlIdentifier OPTIONAL }. */
static uy_err
ltv_crl_validated_id(ltv_hash *h, const ltv_tlv *t)
{
	ltv_tlv e;

	UY_ENSURE(t->tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(t);
	UY_TRY(ltv_next(&c, &e));
	UY_TRY(ltv_other_hash(h, &e));
	if (ltv_more(&c)) {
		UY_TRY(ltv_expect(&c, &e, 0x30));	/* CrlIdentifier */
	}
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	return UY_OK;
}

/* OcspResponsesID ::= SEQUENCE { ocspIdentifier, ocspRepHash OtherHash OPTIONAL };
 * OcspIdentifier ::= SEQUENCE { ocspResponderID ResponderID, producedAt }. */
typedef struct {
	uy_span responder_tlv;	/* [1] byName or [2] byKey, explicit */
	uy_span produced_at_tlv;
	int has_hash;
	ltv_hash hash;
} ltv_ocsp_id;

static uy_err
ltv_ocsp_responses_id(ltv_ocsp_id *out, const ltv_tlv *t)
{
	ltv_tlv ident, e;

	memset(out, 0, sizeof(*out));
	UY_ENSURE(t->tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(t);
	UY_TRY(ltv_expect(&c, &ident, 0x30));
	ltv_cur ic = ltv_inside(&ident);
	UY_TRY(ltv_next(&ic, &e));
	UY_ENSURE(e.tag == 0xa1 || e.tag == 0xa2, UY_ERR_SYNTAX);
	out->responder_tlv = ltv_whole(&e);
	UY_TRY(ltv_expect(&ic, &e, 0x18));
	out->produced_at_tlv = ltv_whole(&e);
	UY_ENSURE(!ltv_more(&ic), UY_ERR_SYNTAX);
	if (ltv_more(&c)) {
		UY_TRY(ltv_next(&c, &e));
		UY_TRY(ltv_other_hash(&out->hash, &e));
		out->has_hash = 1;
	}
	UY_ENSURE(!ltv_more(&c), UY_ERR_SYNTAX);
	return UY_OK;
}

/*
 * Walk one CrlOcspRef ::= SEQUENCE { crlids [0] EXPLICIT CRLListID OPTIONAL,
 * ocspids [1] EXPLICIT OcspListID OPTIONAL, otherRev [2] EXPLICIT OPTIONAL }.
 * CRLListID ::= SEQUENCE { crls SEQUENCE OF CrlValidatedID }; OcspListID ::=
 * SEQUENCE { ocspResponses SEQUENCE OF OcspResponsesID }. Gives the inner
 * SEQUENCE OF lists (tag 0 when absent).
 */
static uy_err
ltv_crl_ocsp_ref(ltv_tlv *crls, ltv_tlv *ocsps, const ltv_tlv *ref)
{
	ltv_tlv t, inner;
	unsigned last = 0;

	memset(crls, 0, sizeof(*crls));
	memset(ocsps, 0, sizeof(*ocsps));
	UY_ENSURE(ref->tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(ref);
	while (ltv_more(&c)) {
		UY_TRY(ltv_next(&c, &t));
		unsigned n = t.tag == 0xa0 ? 1 : t.tag == 0xa1 ? 2 : t.tag == 0xa2 ? 3 : 0;
		UY_ENSURE(n > last, UY_ERR_SYNTAX);	/* known, in order, once */
		last = n;
		if (n == 3) {
			continue;	/* otherRev: not ours to read */
		}
		UY_TRY(ltv_one(&inner, ltv_body(&t)));
		UY_ENSURE(inner.tag == 0x30, UY_ERR_SYNTAX);
		ltv_cur ic = ltv_inside(&inner);
		ltv_tlv list;
		UY_TRY(ltv_expect(&ic, &list, 0x30));
		UY_ENSURE(!ltv_more(&ic), UY_ERR_SYNTAX);
		*(n == 1 ? crls : ocsps) = list;
	}
	return UY_OK;
}

/* CompleteRevocationRefs ::= SEQUENCE OF CrlOcspRef (RFC 5126 §6.2.2). */
static uy_err
ltv_parse_rev_refs(uy_ltv_xl *xl, uy_span value)
{
	ltv_tlv seq, ref, crls, ocsps, e;
	size_t total_crl = 0, total_ocsp = 0;

	UY_TRY(ltv_one(&seq, value));
	UY_ENSURE(seq.tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(&seq);
	while (ltv_more(&c)) {
		UY_ENSURE(xl->rev_ref_count < UY_LTV_MAX_ITEMS,
		          UY_ERROR(UY_ERR_LIMIT, "more than UY_LTV_MAX_ITEMS revocation refs"));
		UY_TRY(ltv_next(&c, &ref));
		UY_TRY(ltv_crl_ocsp_ref(&crls, &ocsps, &ref));
		size_t nc = 0, no = 0;
		if (crls.ptr != NULL) {
			ltv_cur lc = ltv_inside(&crls);
			while (ltv_more(&lc)) {
				ltv_hash h;
				UY_TRY(ltv_next(&lc, &e));
				UY_TRY(ltv_crl_validated_id(&h, &e));
				nc++;
			}
		}
		if (ocsps.ptr != NULL) {
			ltv_cur lc = ltv_inside(&ocsps);
			while (ltv_more(&lc)) {
				ltv_ocsp_id id;
				UY_TRY(ltv_next(&lc, &e));
				UY_TRY(ltv_ocsp_responses_id(&id, &e));
				no++;
			}
		}
		/* bounded in all: check_xl pairs every entry with every value */
		total_crl += nc;
		total_ocsp += no;
		UY_ENSURE(total_crl <= UY_LTV_MAX_ITEMS && total_ocsp <= UY_LTV_MAX_ITEMS,
		          UY_ERROR(UY_ERR_LIMIT, "more than UY_LTV_MAX_ITEMS CRL or OCSP refs"));
		xl->rev_refs[xl->rev_ref_count].crl_count = nc;
		xl->rev_refs[xl->rev_ref_count].ocsp_count = no;
		xl->rev_refs[xl->rev_ref_count].tlv = ltv_whole(&ref);
		xl->rev_ref_count++;
	}
	return UY_OK;
}

/* Each element of SEQUENCE OF `list` (a SEQUENCE each) into items. */
static uy_err
ltv_seq_items(uy_span *items, size_t *count, const ltv_tlv *list)
{
	ltv_tlv e;
	ltv_cur c = ltv_inside(list);

	UY_ENSURE(list->tag == 0x30, UY_ERR_SYNTAX);
	while (ltv_more(&c)) {
		UY_ENSURE(*count < UY_LTV_MAX_ITEMS,
		          UY_ERROR(UY_ERR_LIMIT, "more than UY_LTV_MAX_ITEMS values"));
		UY_TRY(ltv_expect(&c, &e, 0x30));
		items[(*count)++] = ltv_whole(&e);
	}
	return UY_OK;
}

/* CertificateValues ::= SEQUENCE OF Certificate (RFC 5126 §6.3.3). */
static uy_err
ltv_parse_cert_values(uy_ltv_xl *xl, uy_span value)
{
	ltv_tlv seq;

	UY_TRY(ltv_one(&seq, value));
	return ltv_seq_items(xl->cert_values, &xl->cert_value_count, &seq);
}

/* RevocationValues ::= SEQUENCE { crlVals [0] SEQUENCE OF CertificateList OPTIONAL,
 * ocspVals [1] SEQUENCE OF BasicOCSPResponse OPTIONAL, otherRevVals [2] OPTIONAL }
 * (RFC 5126 §6.3.4, explicit tags). */
static uy_err
ltv_parse_rev_values(uy_ltv_xl *xl, uy_span value)
{
	ltv_tlv seq, t, list;
	unsigned last = 0;

	UY_TRY(ltv_one(&seq, value));
	UY_ENSURE(seq.tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(&seq);
	while (ltv_more(&c)) {
		UY_TRY(ltv_next(&c, &t));
		unsigned n = t.tag == 0xa0 ? 1 : t.tag == 0xa1 ? 2 : t.tag == 0xa2 ? 3 : 0;
		UY_ENSURE(n > last, UY_ERR_SYNTAX);
		last = n;
		if (n == 3) {
			continue;
		}
		UY_TRY(ltv_one(&list, ltv_body(&t)));
		if (n == 1) {
			UY_TRY(ltv_seq_items(xl->crl_values, &xl->crl_value_count, &list));
		} else {
			UY_TRY(ltv_seq_items(xl->ocsp_values, &xl->ocsp_value_count, &list));
		}
	}
	return UY_OK;
}

/* see uy_ltv.h */
uy_err
uy_ltv_parse_xl(uy_ltv_xl *out, const uy_ltv_signer *s)
{
	uy_err rc = UY_OK;

	UY_ASSERT_ARG(out != NULL);
	memset(out, 0, sizeof(*out));
	UY_ASSERT_ARG(s != NULL && s->unsigned_count <= UY_LTV_MAX_ATTRS);
	for (size_t i = 0; i < s->unsigned_count && rc == UY_OK; i++) {
		const uy_ltv_attr *a = &s->unsigned_attrs[i];
		int *seen = NULL;
		switch (a->nid) {
		case NID_id_smime_aa_ets_CertificateRefs:
			seen = &out->has_cert_refs;
			break;
		case NID_id_smime_aa_ets_RevocationRefs:
			seen = &out->has_rev_refs;
			break;
		case NID_id_smime_aa_ets_certValues:
			seen = &out->has_cert_values;
			break;
		case NID_id_smime_aa_ets_revocationValues:
			seen = &out->has_rev_values;
			break;
		default:
			continue;
		}
		/* *= RFC 5126 §6.2.1
		 *# The complete-certificate-references attribute ... only one instance
		 *# ... with a single value (likewise §6.2.2, §6.3.3, §6.3.4) */
		if (*seen || a->value_count != 1) {
			rc = UY_ERROR(UY_ERR_SYNTAX, "ES-X-L attribute %zu repeated or not single-valued",
			              i + 1);
			break;
		}
		*seen = 1;
		switch (a->nid) {
		case NID_id_smime_aa_ets_CertificateRefs:
			rc = ltv_parse_cert_refs(out, a->first_value);
			break;
		case NID_id_smime_aa_ets_RevocationRefs:
			rc = ltv_parse_rev_refs(out, a->first_value);
			break;
		case NID_id_smime_aa_ets_certValues:
			rc = ltv_parse_cert_values(out, a->first_value);
			break;
		default:
			rc = ltv_parse_rev_values(out, a->first_value);
			break;
		}
	}
	if (rc != UY_OK) {
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Refs against values and against the path. */

/*
 * Digests already computed, keyed by (bytes, algorithm, form), so that a
 * hostile file with many refs and large values is hashed once per value and
 * algorithm, not once per pair. Full: compute without keeping.
 */
#define LTV_MEMO 512u
typedef struct {
	const uint8_t *ptr;
	size_t len;
	int nid;
	int form;	/* 0: the bytes; 1: the OCSPResponse wrapping them (a BasicOCSPResponse) */
	ltv_dig d;
} ltv_memo_entry;

typedef struct {
	ltv_memo_entry e[LTV_MEMO];
	size_t n;
	ltv_memo_entry scratch;
} ltv_memo;

/* DER OCSPResponse { successful(0), [0] { id-pkix-ocsp-basic, OCTET STRING basic } }
 * (RFC 6960 §4.2.1): what a producer hashing the whole response hashed. */
static uy_err
ltv_ocsp_wrap_digest(ltv_dig *out, const EVP_MD *md, uy_span basic)
{
	static const uint8_t status[3] = {0x0a, 0x01, 0x00};
	uy_buf w;
	uy_err rc = UY_OK;
	size_t os_len = ltv_hdr_len(basic.len) + basic.len;
	size_t rb_len = sizeof(ltv_oid_ocsp_basic) + os_len;
	size_t ctx_len = ltv_hdr_len(rb_len) + rb_len;
	size_t top_len = sizeof(status) + ltv_hdr_len(ctx_len) + ctx_len;

	uy_buf_init(&w, (size_t)UY_MAX_SIGNATURE_PART + 64u, 0);
	UY_TRY_OUT(ltv_put_hdr(&w, 0x30, top_len));
	UY_TRY_OUT(uy_buf_append(&w, status, sizeof(status)));
	UY_TRY_OUT(ltv_put_hdr(&w, 0xa0, ctx_len));
	UY_TRY_OUT(ltv_put_hdr(&w, 0x30, rb_len));
	UY_TRY_OUT(uy_buf_append(&w, ltv_oid_ocsp_basic, sizeof(ltv_oid_ocsp_basic)));
	UY_TRY_OUT(ltv_put_hdr(&w, 0x04, basic.len));
	UY_TRY_OUT(uy_buf_append(&w, basic.ptr, basic.len));
	UY_TRY_OUT(ltv_digest(out->d, &out->n, md, uy_buf_span(&w)));
done:
	uy_buf_dispose(&w);
	return rc;
}

/* Whether md_nid(data) (form 0) or md_nid(OCSPResponse around data) (form 1) equals want. */
static uy_err
ltv_hash_is(int *yes, ltv_memo *m, int md_nid, uy_span want, uy_span data, int form)
{
	const EVP_MD *md = EVP_get_digestbynid(md_nid);
	ltv_memo_entry *e = NULL;

	*yes = 0;
	if (md == NULL || want.len == 0 || data.len == 0) {
		return UY_OK;	/* an algorithm we cannot compute matches nothing */
	}
	for (size_t i = 0; i < m->n && e == NULL; i++) {
		ltv_memo_entry *c = &m->e[i];
		if (c->ptr == data.ptr && c->len == data.len && c->nid == md_nid && c->form == form) {
			e = c;
		}
	}
	if (e == NULL) {
		e = m->n < LTV_MEMO ? &m->e[m->n] : &m->scratch;
		if (form == 1) {
			UY_TRY(ltv_ocsp_wrap_digest(&e->d, md, data));
		} else {
			UY_TRY(ltv_digest(e->d.d, &e->d.n, md, data));
		}
		e->ptr = data.ptr;
		e->len = data.len;
		e->nid = md_nid;
		e->form = form;
		if (m->n < LTV_MEMO) {
			m->n++;
		}
	}
	*yes = e->d.n == want.len && memcmp(e->d.d, want.ptr, want.len) == 0;
	return UY_OK;
}

/*
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } (RFC 5035):
 * whether it names exactly `cert` (one directoryName equal to its issuer).
 */
static int
ltv_issuer_serial_is(uy_span is, X509 *cert)
{
	ltv_tlv seq, names, gn, serial, name;
	int ok = 0;

	if (ltv_one(&seq, is) != UY_OK || seq.tag != 0x30) {
		return 0;
	}
	ltv_cur c = ltv_inside(&seq);
	if (ltv_expect(&c, &names, 0x30) != UY_OK || ltv_expect(&c, &serial, 0x02) != UY_OK) {
		return 0;
	}
	ltv_cur nc = ltv_inside(&names);
	/* directoryName [4] EXPLICIT Name, the only GeneralName */
	if (ltv_expect(&nc, &gn, 0xa4) != UY_OK || ltv_more(&nc) ||
	    ltv_one(&name, ltv_body(&gn)) != UY_OK) {
		return 0;
	}
	const unsigned char *p = name.ptr;
	X509_NAME *xn = d2i_X509_NAME(NULL, &p, (long)(name.hdr + name.len));
	p = serial.ptr;
	ASN1_INTEGER *sn = d2i_ASN1_INTEGER(NULL, &p, (long)(serial.hdr + serial.len));
	ok = xn != NULL && sn != NULL && X509_NAME_cmp(xn, X509_get_issuer_name(cert)) == 0 &&
	     ASN1_INTEGER_cmp(sn, X509_get0_serialNumber(cert)) == 0;
	X509_NAME_free(xn);
	ASN1_INTEGER_free(sn);
	ERR_clear_error();
	return ok;
}

/*
 * As ltv_issuer_serial_is(), for a certificate still in DER: reads
 * tbsCertificate's serialNumber and issuer with the TLV walker instead of
 * d2i_X509(), whose public-key decoding dominates the cost of a validation
 * under OpenSSL 3.0 (see the README's benchmark). Serial numbers are DER
 * INTEGERs, so byte equality is integer equality; names compare with
 * X509_NAME_cmp() (canonical form).
 */
static int
ltv_issuer_serial_is_der(uy_span is, uy_span cert)
{
	ltv_tlv c, tbs, first, serial, sigalg, issuer;
	ltv_tlv seq, names, gn, want_serial, name;
	if (ltv_one(&c, cert) != UY_OK || c.tag != 0x30) {
		return 0;
	}
	ltv_cur cc = ltv_inside(&c);
	if (ltv_expect(&cc, &tbs, 0x30) != UY_OK) {
		return 0;
	}
	ltv_cur tc = ltv_inside(&tbs);
	if (ltv_next(&tc, &first) != UY_OK) {
		return 0;
	}
	if (first.tag == 0xa0) {	/* [0] EXPLICIT version */
		if (ltv_expect(&tc, &serial, 0x02) != UY_OK) {
			return 0;
		}
	} else if (first.tag == 0x02) {
		serial = first;
	} else {
		return 0;
	}
	if (ltv_expect(&tc, &sigalg, 0x30) != UY_OK || ltv_expect(&tc, &issuer, 0x30) != UY_OK) {
		return 0;
	}
	if (ltv_one(&seq, is) != UY_OK || seq.tag != 0x30) {
		return 0;
	}
	ltv_cur ic = ltv_inside(&seq);
	if (ltv_expect(&ic, &names, 0x30) != UY_OK || ltv_expect(&ic, &want_serial, 0x02) != UY_OK) {
		return 0;
	}
	ltv_cur nc = ltv_inside(&names);
	if (ltv_expect(&nc, &gn, 0xa4) != UY_OK || ltv_more(&nc) ||
	    ltv_one(&name, ltv_body(&gn)) != UY_OK) {
		return 0;
	}
	if (want_serial.len != serial.len ||
	    memcmp(want_serial.ptr + want_serial.hdr, serial.ptr + serial.hdr, serial.len) != 0) {
		return 0;
	}
	const unsigned char *p = name.ptr;
	X509_NAME *a = d2i_X509_NAME(NULL, &p, (long)(name.hdr + name.len));
	p = issuer.ptr;
	X509_NAME *b = d2i_X509_NAME(NULL, &p, (long)(issuer.hdr + issuer.len));
	int ok = a != NULL && b != NULL && X509_NAME_cmp(a, b) == 0;
	X509_NAME_free(a);
	X509_NAME_free(b);
	ERR_clear_error();
	return ok;
}

/* Whether OtherCertID r names the certificate x (hash, and issuerSerial if present). */
static uy_err
ltv_ref_is_cert(int *yes, const uy_ltv_xl *xl, size_t r, X509 *x)
{
	const EVP_MD *md = EVP_get_digestbynid(xl->cert_refs[r].hash_nid);
	uint8_t d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	*yes = 0;
	if (md == NULL || x == NULL) {
		return UY_OK;
	}
	/* X509_digest hashes the certificate's DER as received (cached encoding). */
	UY_ENSURE(X509_digest(x, md, d, &n) == 1,
	          UY_ERROR(UY_ERR_CRYPTO, "cannot hash a path certificate"));
	if (n != xl->cert_refs[r].hash.len || memcmp(d, xl->cert_refs[r].hash.ptr, n) != 0) {
		return UY_OK;
	}
	*yes = xl->cert_refs[r].issuer_serial.len == 0 ||
	       ltv_issuer_serial_is(xl->cert_refs[r].issuer_serial, x);
	return UY_OK;
}

/* Whether OtherCertID r names certificate-values entry v. */
static uy_err
ltv_ref_is_value(int *yes, ltv_memo *m, const uy_ltv_xl *xl, size_t r, size_t v)
{
	*yes = 0;
	UY_TRY(ltv_hash_is(yes, m, xl->cert_refs[r].hash_nid, xl->cert_refs[r].hash,
	                   xl->cert_values[v], 0));
	if (*yes && xl->cert_refs[r].issuer_serial.len > 0) {
		*yes = ltv_issuer_serial_is_der(xl->cert_refs[r].issuer_serial, xl->cert_values[v]);
	}
	return UY_OK;
}

/* The first RDN of an RFC 2253 subject ("CN=..."), for reasons. */
static void
ltv_short_name(char *dst, size_t cap, const char *subject)
{
	size_t i = 0;

	while (subject[i] != '\0' && i + 1 < cap) {
		if (subject[i] == ',' && (i == 0 || subject[i - 1] != '\\')) {
			break;
		}
		dst[i] = subject[i];
		i++;
	}
	dst[i] = '\0';
}

/* The BasicOCSPResponse and its responderID and producedAt, in an OCSP item
 * (a BasicOCSPResponse, or an OCSPResponse holding one). */
typedef struct {
	uy_span basic;
	uy_span responder_tlv;
	uy_span produced_at_tlv;
	int whole;		/* the item is a whole OCSPResponse */
} ltv_ocsp_item;

static uy_err
ltv_ocsp_item_parse(ltv_ocsp_item *out, uy_span item)
{
	ltv_tlv top, t, tbs;

	memset(out, 0, sizeof(*out));
	UY_TRY(ltv_one(&top, item));
	UY_ENSURE(top.tag == 0x30, UY_ERR_SYNTAX);
	ltv_cur c = ltv_inside(&top);
	UY_TRY(ltv_next(&c, &t));
	if (t.tag == 0x0a) {
		/* OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0]
		 * EXPLICIT SEQUENCE { responseType, response OCTET STRING } } (RFC 6960 §4.2.1) */
		ltv_tlv rb, type, os;
		out->whole = 1;
		UY_TRY(ltv_expect(&c, &t, 0xa0));
		UY_TRY(ltv_one(&rb, ltv_body(&t)));
		ltv_cur bc = ltv_inside(&rb);
		UY_TRY(ltv_expect(&bc, &type, 0x06));
		UY_ENSURE(ltv_is(ltv_whole(&type), ltv_oid_ocsp_basic, sizeof(ltv_oid_ocsp_basic)),
		          UY_ERR_SYNTAX);
		UY_TRY(ltv_expect(&bc, &os, 0x04));
		UY_TRY(ltv_one(&top, ltv_body(&os)));
		UY_ENSURE(top.tag == 0x30, UY_ERR_SYNTAX);
		c = ltv_inside(&top);
		UY_TRY(ltv_next(&c, &t));
	}
	out->basic = ltv_whole(&top);
	/* BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, ... };
	 * ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, responderID,
	 * producedAt, ... } */
	UY_ENSURE(t.tag == 0x30, UY_ERR_SYNTAX);
	tbs = t;
	ltv_cur tc = ltv_inside(&tbs);
	UY_TRY(ltv_next(&tc, &t));
	if (t.tag == 0xa0) {
		UY_TRY(ltv_next(&tc, &t));
	}
	UY_ENSURE(t.tag == 0xa1 || t.tag == 0xa2, UY_ERR_SYNTAX);
	out->responder_tlv = ltv_whole(&t);
	UY_TRY(ltv_expect(&tc, &t, 0x18));
	out->produced_at_tlv = ltv_whole(&t);
	return UY_OK;
}

/*
 * Whether OcspResponsesID `id` references the OCSP item. ocspRepHash is
 * accepted over the BasicOCSPResponse, over the item as given, or over the
 * DER OCSPResponse that wraps the BasicOCSPResponse (producers differ: spec
 * §4.3); without ocspRepHash, responderID and producedAt must be equal.
 */
static uy_err
ltv_ocsp_ref_is(int *yes, ltv_memo *m, const ltv_ocsp_id *id, uy_span item)
{
	ltv_ocsp_item it;

	*yes = 0;
	if (ltv_ocsp_item_parse(&it, item) != UY_OK) {
		return UY_OK;	/* not an OCSP response: references nothing */
	}
	if (!id->has_hash) {
		*yes = ltv_span_eq(id->responder_tlv, it.responder_tlv) &&
		       ltv_span_eq(id->produced_at_tlv, it.produced_at_tlv);
		return UY_OK;
	}
	UY_TRY(ltv_hash_is(yes, m, id->hash.nid, id->hash.value, it.basic, 0));
	if (!*yes && it.whole) {
		UY_TRY(ltv_hash_is(yes, m, id->hash.nid, id->hash.value, item, 0));
	}
	if (!*yes) {
		UY_TRY(ltv_hash_is(yes, m, id->hash.nid, id->hash.value, it.basic, 1));
	}
	return UY_OK;
}

/* What to look for in complete-revocation-refs. */
typedef enum { LTV_REF_CRL, LTV_REF_OCSP } ltv_ref_kind;

/*
 * Whether any CrlValidatedID (kind CRL) or OcspResponsesID (kind OCSP) of any
 * CrlOcspRef references `item`; with `only` >= 0, whether entry number `only`
 * (over all CrlOcspRefs, 0-based, that kind) does.
 */
static uy_err
ltv_rev_ref_find(int *yes, ltv_memo *m, const uy_ltv_xl *xl, ltv_ref_kind kind, uy_span item,
                 long only)
{
	long pos = -1;

	*yes = 0;
	for (size_t r = 0; r < xl->rev_ref_count && !*yes; r++) {
		ltv_tlv ref, crls, ocsps, e;
		UY_TRY(ltv_one(&ref, xl->rev_refs[r].tlv));
		UY_TRY(ltv_crl_ocsp_ref(&crls, &ocsps, &ref));
		const ltv_tlv *list = kind == LTV_REF_CRL ? &crls : &ocsps;
		if (list->ptr == NULL) {
			continue;
		}
		ltv_cur c = ltv_inside(list);
		while (ltv_more(&c) && !*yes) {
			UY_TRY(ltv_next(&c, &e));
			pos++;
			if (only >= 0 && pos != only) {
				continue;
			}
			if (kind == LTV_REF_CRL) {
				ltv_hash h;
				UY_TRY(ltv_crl_validated_id(&h, &e));
				UY_TRY(ltv_hash_is(yes, m, h.nid, h.value, item, 0));
			} else {
				ltv_ocsp_id id;
				UY_TRY(ltv_ocsp_responses_id(&id, &e));
				UY_TRY(ltv_ocsp_ref_is(yes, m, &id, item));
			}
		}
	}
	return UY_OK;
}

/* Number of CrlValidatedIDs / OcspResponsesIDs over all CrlOcspRefs. */
static size_t
ltv_rev_ref_total(const uy_ltv_xl *xl, ltv_ref_kind kind)
{
	size_t n = 0;

	for (size_t r = 0; r < xl->rev_ref_count; r++) {
		n += kind == LTV_REF_CRL ? xl->rev_refs[r].crl_count : xl->rev_refs[r].ocsp_count;
	}
	return n;
}

/* Record a failure of list `w` and stop. */
static void
ltv_fail(uy_verdict *out, const char **what, const char *w, const char *reason,
         const char *clause)
{
	uy_verdict_set(out, UY_IND_INDETERMINATE, UY_SUB_CERTIFICATE_CHAIN_GENERAL_FAILURE, reason,
	               clause);
	*what = w;
}

/* Certificate refs and values (RFC 5126 §6.2.1, §6.3.3). 1 in *failed on a failure. */
static uy_err
ltv_check_certs(uy_verdict *out, const char **what, int *failed, ltv_memo *m,
                const uy_ltv_xl *xl, const uy_path_report *pr)
{
	char msg[256];	/* uy_verdict_set() cuts it */
	char name[96];	/* the first RDN, cut */
	size_t path_of[UY_LTV_MAX_ITEMS];	/* the path certificate ref r names, or depth */
	int yes = 0;

	*failed = 1;
	if (!xl->has_cert_refs) {
		ltv_fail(out, what, "certificate-refs", "complete-certificate-refs attribute absent",
		         CL_CERT_REFS);
		return UY_OK;
	}
	for (size_t r = 0; r < xl->cert_ref_count; r++) {
		path_of[r] = pr->depth;
		for (size_t d = 0; d < pr->depth && path_of[r] == pr->depth; d++) {
			UY_TRY(ltv_ref_is_cert(&yes, xl, r, pr->certs[d].cert));
			if (yes) {
				path_of[r] = d;
			}
		}
	}
	/* *= ETSI TS 101 733 §6.2.1
	 *# The complete-certificate-references attribute ... contains references to all
	 *# the certificates ... excluding the signer's certificate */
	for (size_t d = 1; d < pr->depth; d++) {
		int found = 0;
		for (size_t r = 0; r < xl->cert_ref_count && !found; r++) {
			found = path_of[r] == d;
		}
		if (!found) {
			ltv_short_name(name, sizeof(name), pr->certs[d].subject);
			snprintf(msg, sizeof(msg),
			         "complete-certificate-refs: no reference to the CA certificate '%s'",
			         name);
			ltv_fail(out, what, "certificate-refs", msg, CL_CERT_REFS);
			return UY_OK;
		}
	}
	/* Every OtherCertID resolves: to a certificate of the path or of certificate-values. */
	for (size_t r = 0; r < xl->cert_ref_count; r++) {
		int found = path_of[r] < pr->depth;
		for (size_t v = 0; v < xl->cert_value_count && !found; v++) {
			UY_TRY(ltv_ref_is_value(&found, m, xl, r, v));
		}
		if (!found) {
			snprintf(msg, sizeof(msg),
			         "complete-certificate-refs: OtherCertID %zu matches no certificate of "
			         "the path or of certificate-values", r + 1);
			ltv_fail(out, what, "certificate-refs", msg, CL_CERT_REFS);
			return UY_OK;
		}
	}
	/* *= RFC 5126 §6.3.3
	 *# The certificate-values attribute ... contains the values of the
	 *# certificates referenced within the complete-certificate-references */
	if (!xl->has_cert_values) {
		ltv_fail(out, what, "certificate-values", "certificate-values attribute absent",
		         CL_CERT_VALUES);
		return UY_OK;
	}
	for (size_t r = 0; r < xl->cert_ref_count; r++) {
		int found = 0;
		for (size_t v = 0; v < xl->cert_value_count && !found; v++) {
			UY_TRY(ltv_ref_is_value(&found, m, xl, r, v));
		}
		if (!found) {
			/* it resolved above, so it names a path certificate */
			ltv_short_name(name, sizeof(name), pr->certs[path_of[r]].subject);
			snprintf(msg, sizeof(msg),
			         "certificate-values: no value for the certificate '%s' (OtherCertID "
			         "%zu)", name, r + 1);
			ltv_fail(out, what, "certificate-values", msg, CL_CERT_VALUES);
			return UY_OK;
		}
	}
	*failed = 0;
	return UY_OK;
}

/* Revocation refs and values (RFC 5126 §6.2.2, §6.3.4). 1 in *failed on a failure. */
static uy_err
ltv_check_revocation(uy_verdict *out, const char **what, int *failed, ltv_memo *m,
                     const uy_ltv_xl *xl, const uy_ltv_used *used)
{
	const uy_path_report *pr = used->path;
	char msg[256];	/* uy_verdict_set() cuts it */
	char name[96];	/* the first RDN, cut */
	int yes = 0;

	*failed = 1;
	if (!xl->has_rev_refs) {
		ltv_fail(out, what, "revocation-refs", "complete-revocation-refs attribute absent",
		         CL_REV_REFS);
		return UY_OK;
	}
	/* *= ETSI TS 101 733 §6.2.2
	 *# The complete-revocation-references attribute ... contains references to the
	 *# CRLs and/or OCSPs responses used for verifying the signature. */
	for (size_t d = 0; d < pr->depth; d++) {
		const uy_path_cert_report *cr = &pr->certs[d];
		if (cr->source == UY_PATH_SRC_CRL) {
			UY_ENSURE(cr->source_index < used->crl_count,
			          UY_ERROR(UY_ERR_USAGE, "path report names CRL %zu of %zu",
			                   cr->source_index, used->crl_count));
			UY_TRY(ltv_rev_ref_find(&yes, m, xl, LTV_REF_CRL, used->crls[cr->source_index], -1));
		} else if (cr->source == UY_PATH_SRC_OCSP) {
			UY_ENSURE(cr->source_index < used->ocsp_count,
			          UY_ERROR(UY_ERR_USAGE, "path report names OCSP response %zu of %zu",
			                   cr->source_index, used->ocsp_count));
			UY_TRY(ltv_rev_ref_find(&yes, m, xl, LTV_REF_OCSP, used->ocsp[cr->source_index],
			                        -1));
		} else {
			continue;	/* the anchor, or undecided: the path verdict says so */
		}
		if (!yes) {
			ltv_short_name(name, sizeof(name), cr->subject);
			snprintf(msg, sizeof(msg),
			         "complete-revocation-refs: no reference to the %s that decided '%s'",
			         cr->source == UY_PATH_SRC_CRL ? "CRL" : "OCSP response", name);
			ltv_fail(out, what, "revocation-refs", msg, CL_REV_REFS);
			return UY_OK;
		}
	}
	/* *= RFC 5126 §6.3.4
	 *# The revocation-values attribute ... contains the values of the revocation
	 *# data referenced within the complete-revocation-references */
	size_t n_crl = ltv_rev_ref_total(xl, LTV_REF_CRL);
	size_t n_ocsp = ltv_rev_ref_total(xl, LTV_REF_OCSP);
	if (!xl->has_rev_values && n_crl + n_ocsp > 0) {
		ltv_fail(out, what, "revocation-values", "revocation-values attribute absent",
		         CL_REV_VALUES);
		return UY_OK;
	}
	for (size_t k = 0; k < n_crl; k++) {
		int found = 0;
		for (size_t v = 0; v < xl->crl_value_count && !found; v++) {
			UY_TRY(ltv_rev_ref_find(&found, m, xl, LTV_REF_CRL, xl->crl_values[v], (long)k));
		}
		if (!found) {
			snprintf(msg, sizeof(msg),
			         "revocation-values: no CRL for CrlValidatedID %zu of "
			         "complete-revocation-refs", k + 1);
			ltv_fail(out, what, "revocation-values", msg, CL_REV_VALUES);
			return UY_OK;
		}
	}
	for (size_t k = 0; k < n_ocsp; k++) {
		int found = 0;
		for (size_t v = 0; v < xl->ocsp_value_count && !found; v++) {
			UY_TRY(ltv_rev_ref_find(&found, m, xl, LTV_REF_OCSP, xl->ocsp_values[v], (long)k));
		}
		if (!found) {
			snprintf(msg, sizeof(msg),
			         "revocation-values: no OCSP response for OcspResponsesID %zu of "
			         "complete-revocation-refs", k + 1);
			ltv_fail(out, what, "revocation-values", msg, CL_REV_VALUES);
			return UY_OK;
		}
	}
	*failed = 0;
	return UY_OK;
}

/* see uy_ltv.h */
uy_err
uy_ltv_check_xl(uy_verdict *out, const char **what, const uy_ltv_xl *xl, const uy_ltv_used *used)
{
	int failed = 0;
	uy_err rc = UY_OK;
	ltv_memo *m = NULL;

	UY_ASSERT_ARG(out != NULL && what != NULL);
	*out = UY_VERDICT_UNSET;
	*what = "";
	UY_ASSERT_ARG(xl != NULL && used != NULL && used->path != NULL);
	UY_ASSERT_ARG(used->crls != NULL || used->crl_count == 0);
	UY_ASSERT_ARG(used->ocsp != NULL || used->ocsp_count == 0);
	UY_ASSERT_ARG(used->path->depth <= UY_PATH_MAX_DEPTH);
	UY_ASSERT_ARG(xl->cert_ref_count <= UY_LTV_MAX_ITEMS && xl->rev_ref_count <= UY_LTV_MAX_ITEMS);
	UY_ASSERT_ARG(xl->cert_value_count <= UY_LTV_MAX_ITEMS);
	UY_ASSERT_ARG(xl->crl_value_count <= UY_LTV_MAX_ITEMS);
	UY_ASSERT_ARG(xl->ocsp_value_count <= UY_LTV_MAX_ITEMS);
	for (size_t d = 0; d < used->path->depth; d++) {
		UY_ASSERT_ARG(used->path->certs[d].cert != NULL);
	}

	m = uy_calloc(1, sizeof(*m));
	UY_ENSURE_OUT(m != NULL, UY_ERROR(UY_ERR_NOMEM, "check_xl digest memo"));
	UY_TRY_OUT(ltv_check_certs(out, what, &failed, m, xl, used->path));
	if (!failed) {
		UY_TRY_OUT(ltv_check_revocation(out, what, &failed, m, xl, used));
	}
	if (!failed) {
		uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	}
done:
	if (rc != UY_OK) {
		*out = UY_VERDICT_UNSET;
		*what = "";
	}
	uy_free(m);
	return rc;
}
