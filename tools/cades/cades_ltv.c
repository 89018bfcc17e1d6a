/*
 * cades_ltv.c - long-term attributes: complete-certificate-refs,
 * complete-revocation-refs, certificate-values, revocation-values
 * (TS 101 733 / RFC 5126 §5.7.3-5.7.4, spec §4.3) and the archive-time-stamp
 * v2 (TS 101 733 V1.8.1 §6.4.1) and v3 (EN 319 122-1 §5.5.2-5.5.3, spec §4.4), the
 * CAdES-C time-stamp (RFC 5126 §6.3.5) and time-stamped-certs-crls-refs (§6.3.6).
 */
#include "cades_int.h"

#include <stdio.h>
#include <string.h>

#include <openssl/err.h>

#include "uyum/uy_alloc.h"

#define LTV_OID_ATS_V2 "1.2.840.113549.1.9.16.2.48"
#define LTV_OID_ATS_V3 "0.4.0.1733.2.4"
#define LTV_OID_ATS_HASH_INDEX_V3 "0.4.0.19122.1.5"

/* d2i that must consume the whole span. */
static X509 *
ltv_cert(uy_span s)
{
	const unsigned char *p = s.ptr;
	X509 *x = d2i_X509(NULL, &p, (long)s.len);

	if (x != NULL && p != s.ptr + s.len) {
		X509_free(x);
		x = NULL;
	}
	return x;
}

static X509_CRL *
ltv_crl(uy_span s)
{
	const unsigned char *p = s.ptr;
	X509_CRL *x = d2i_X509_CRL(NULL, &p, (long)s.len);

	if (x != NULL && p != s.ptr + s.len) {
		X509_CRL_free(x);
		x = NULL;
	}
	return x;
}

/* The BasicOCSPResponse of a DER OCSPResponse. */
static OCSP_BASICRESP *
ltv_basic(uy_span s)
{
	const unsigned char *p = s.ptr;
	OCSP_RESPONSE *r = d2i_OCSP_RESPONSE(NULL, &p, (long)s.len);
	OCSP_BASICRESP *b = NULL;

	if (r != NULL && p == s.ptr + s.len) {
		b = OCSP_response_get1_basic(r);
	}
	OCSP_RESPONSE_free(r);
	return b;
}

/* OtherCertID for one certificate (RFC 5126 §5.7.3.3). */
static uy_err
ltv_other_cert_id(UY_OTHER_CERT_ID **out, uy_span der, const EVP_MD *md, int issuer_serial)
{
	uy_err rc = UY_OK;
	UY_OTHER_CERT_ID *id = NULL;
	X509 *x = NULL;
	GENERAL_NAME *gn = NULL;

	*out = NULL;
	x = ltv_cert(der);
	UY_ENSURE_OUT(x != NULL, UY_ERROR(UY_ERR_CRYPTO, "a reference certificate does not parse"));
	id = UY_OTHER_CERT_ID_new();
	UY_ENSURE_OUT(id != NULL, UY_ERR_NOMEM);
	UY_OTHER_HASH_free(id->hash);
	id->hash = NULL;
	UY_TRY_OUT(uy_cades__other_hash(&id->hash, md, der.ptr, der.len));
	if (issuer_serial) {
		id->issuer_serial = UY_ISSUER_SERIAL_new();
		gn = GENERAL_NAME_new();
		UY_ENSURE_OUT(id->issuer_serial != NULL && gn != NULL, UY_ERR_NOMEM);
		gn->type = GEN_DIRNAME;
		gn->d.directoryName = X509_NAME_dup(X509_get_issuer_name(x));
		UY_ENSURE_OUT(gn->d.directoryName != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(sk_GENERAL_NAME_push(id->issuer_serial->issuer, gn) > 0, UY_ERR_NOMEM);
		gn = NULL; /* now owned by id */
		ASN1_INTEGER_free(id->issuer_serial->serial);
		id->issuer_serial->serial = ASN1_INTEGER_dup(X509_get0_serialNumber(x));
		UY_ENSURE_OUT(id->issuer_serial->serial != NULL, UY_ERR_NOMEM);
	}
	*out = id;
	id = NULL; /* now owned by caller */
done:
	GENERAL_NAME_free(gn);
	UY_OTHER_CERT_ID_free(id);
	X509_free(x);
	return rc;
}

/* CrlValidatedID (RFC 5126 §5.7.4.2): hash of the whole CRL plus its identifier. */
static uy_err
ltv_crl_id(UY_CRL_VALIDATED_ID **out, uy_span der, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	UY_CRL_VALIDATED_ID *id = NULL;
	X509_CRL *crl = NULL;
	struct tm tm;
	char utc[16];

	*out = NULL;
	crl = ltv_crl(der);
	UY_ENSURE_OUT(crl != NULL, UY_ERROR(UY_ERR_CRYPTO, "a CRL does not parse"));
	id = UY_CRL_VALIDATED_ID_new();
	UY_ENSURE_OUT(id != NULL, UY_ERR_NOMEM);
	UY_OTHER_HASH_free(id->hash);
	id->hash = NULL;
	UY_TRY_OUT(uy_cades__other_hash(&id->hash, md, der.ptr, der.len));
	id->id = UY_CRL_IDENTIFIER_new();
	UY_ENSURE_OUT(id->id != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(X509_NAME_set(&id->id->issuer, X509_CRL_get_issuer(crl)) == 1, UY_ERR_NOMEM);
	/* crlIssuedTime is a UTCTime: thisUpdate, 1950-2049 only */
	UY_ENSURE_OUT(ASN1_TIME_to_tm(X509_CRL_get0_lastUpdate(crl), &tm) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(tm.tm_year >= 50 && tm.tm_year < 150,
	    UY_ERROR(UY_ERR_CRYPTO, "CRL thisUpdate outside UTCTime"));
	int n = snprintf(utc, sizeof(utc), "%02d%02d%02d%02d%02d%02dZ", tm.tm_year % 100,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	UY_ENSURE_OUT(n == 13, UY_ERR_INTERNAL);
	UY_ENSURE_OUT(ASN1_UTCTIME_set_string(id->id->issued, utc) == 1, UY_ERR_CRYPTO);
	id->id->number = X509_CRL_get_ext_d2i(crl, NID_crl_number, NULL, NULL);
	*out = id;
	id = NULL; /* now owned by caller */
done:
	UY_CRL_VALIDATED_ID_free(id);
	X509_CRL_free(crl);
	return rc;
}

/* OcspResponsesID (RFC 5126 §5.7.4.2): responder id, producedAt, hash. */
static uy_err
ltv_ocsp_id(UY_OCSP_RESPONSES_ID **out, uy_span der, const EVP_MD *md, int hash_basic)
{
	uy_err rc = UY_OK;
	UY_OCSP_RESPONSES_ID *id = NULL;
	OCSP_BASICRESP *bs = NULL;
	uint8_t *bder = NULL;
	size_t blen = 0;
	const ASN1_OCTET_STRING *key = NULL;
	const X509_NAME *name = NULL;

	*out = NULL;
	bs = ltv_basic(der);
	UY_ENSURE_OUT(bs != NULL, UY_ERROR(UY_ERR_CRYPTO, "an OCSP response does not parse"));
	UY_ENSURE_OUT(OCSP_resp_get0_id(bs, &key, &name) == 1, UY_ERR_CRYPTO);
	id = UY_OCSP_RESPONSES_ID_new();
	UY_ENSURE_OUT(id != NULL, UY_ERR_NOMEM);
	UY_RESPONDER_ID *rid = id->id->responder;
	if (name != NULL) {
		rid->type = UY_RESPONDER_BY_NAME;
		rid->d.by_name = X509_NAME_dup(name);
		UY_ENSURE_OUT(rid->d.by_name != NULL, UY_ERR_NOMEM);
	} else {
		rid->type = UY_RESPONDER_BY_KEY;
		rid->d.by_key = ASN1_OCTET_STRING_dup(key);
		UY_ENSURE_OUT(rid->d.by_key != NULL, UY_ERR_NOMEM);
	}
	ASN1_GENERALIZEDTIME_free(id->id->produced_at);
	id->id->produced_at = ASN1_STRING_dup(OCSP_resp_get0_produced_at(bs));
	UY_ENSURE_OUT(id->id->produced_at != NULL, UY_ERR_NOMEM);
	if (hash_basic) {
		UY_TRY_OUT(uy_cades__item_der(&bder, &blen, bs, ASN1_ITEM_rptr(OCSP_BASICRESP)));
		UY_TRY_OUT(uy_cades__other_hash(&id->hash, md, bder, blen));
	} else {
		UY_TRY_OUT(uy_cades__other_hash(&id->hash, md, der.ptr, der.len));
	}
	*out = id;
	id = NULL; /* now owned by caller */
done:
	uy_free(bder);
	UY_OCSP_RESPONSES_ID_free(id);
	OCSP_BASICRESP_free(bs);
	return rc;
}

/* Add the DER value der as unsigned attribute nid, then free nothing (caller owns der). */
static uy_err
ltv_add(CMS_SignerInfo *si, int nid, const uint8_t *der, size_t len)
{
	UY_ENSURE(CMS_unsigned_add1_attr_by_NID(si, nid, V_ASN1_SEQUENCE, der, (int)len) == 1,
	    UY_ERR_CRYPTO);
	return UY_OK;
}

/* Whether span s repeats one of list[0..n). */
static int
ltv_seen(const uy_span *list, size_t n, uy_span s)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i].len == s.len && memcmp(list[i].ptr, s.ptr, s.len) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Flip the last bit of an OtherHash value (the "wrong reference" of families I). */
static void
ltv_corrupt_hash(UY_OTHER_HASH *h)
{
	ASN1_OCTET_STRING *os = h->type == UY_OTHER_HASH_SHA1 ? h->d.sha1 : h->d.other->value;

	if (os != NULL && os->length > 0) {
		os->data[os->length - 1] ^= 0x01u;
	}
}

/* Whether the X-Long entry defect of o targets (what, index). */
static int
ltv_hit(const uy_cades_options *o, uy_cades_xl_entry what, size_t index)
{
	return o->xl_entry == what && o->xl_index == index;
}

/* Whether revocation value s is the one the X-Long defect drops. */
static int
ltv_dropped_value(const uy_cades_options *o, uy_cades_xl_entry what, uy_span s)
{
	const uy_cades_revinfo *ri = NULL;

	if (o->xl_entry != what) {
		return 0;
	}
	ri = &o->revinfo[o->xl_index];
	if (what == UY_CADES_XL_CRL_VALUE) {
		return ltv_seen(ri->crls, 1, s);
	}
	return ltv_seen(ri->ocsps, 1, s);
}

/* Refuse an X-Long entry defect that names no entry. */
static uy_err
ltv_check_xl(const uy_cades_options *o)
{
	const uy_cades_revinfo *ri = NULL;

	switch (o->xl_entry) {
	case UY_CADES_XL_NONE:
		return UY_OK;
	case UY_CADES_XL_CERT_REF:
	case UY_CADES_XL_CERT_VALUE:
		if (o->xl_index >= o->ref_cert_count) {
			return UY_ERROR(UY_ERR_USAGE, "xl_index %zu: no such reference certificate",
			    o->xl_index);
		}
		break;
	case UY_CADES_XL_CRL_REF:
	case UY_CADES_XL_CRL_VALUE:
	case UY_CADES_XL_OCSP_REF:
	case UY_CADES_XL_OCSP_VALUE:
		if (o->xl_index >= o->revinfo_count) {
			return UY_ERROR(UY_ERR_USAGE, "xl_index %zu: no such revinfo entry", o->xl_index);
		}
		ri = &o->revinfo[o->xl_index];
		if (((o->xl_entry == UY_CADES_XL_CRL_REF || o->xl_entry == UY_CADES_XL_CRL_VALUE) &&
		        ri->crl_count == 0) ||
		    ((o->xl_entry == UY_CADES_XL_OCSP_REF || o->xl_entry == UY_CADES_XL_OCSP_VALUE) &&
		        ri->ocsp_count == 0)) {
			return UY_ERROR(UY_ERR_USAGE, "revinfo[%zu] has no such revocation object",
			    o->xl_index);
		}
		break;
	default:
		return UY_ERROR(UY_ERR_USAGE, "unknown xl_entry %d", (int)o->xl_entry);
	}
	if (o->xl_corrupt && (o->xl_entry == UY_CADES_XL_CERT_VALUE ||
	                         o->xl_entry == UY_CADES_XL_CRL_VALUE ||
	                         o->xl_entry == UY_CADES_XL_OCSP_VALUE)) {
		return UY_ERROR(UY_ERR_USAGE, "only references can be corrupted");
	}
	return UY_OK;
}

/* see cades_int.h */
uy_err
uy_cades__add_xlong(CMS_SignerInfo *si, const uy_cades_options *o, const EVP_MD *ref_md)
{
	uy_err rc = UY_OK;
	UY_CERT_REFS *crefs = sk_UY_OTHER_CERT_ID_new_null();
	UY_REV_REFS *rrefs = sk_UY_CRL_OCSP_REF_new_null();
	UY_CERT_VALUES *cvals = sk_X509_new_null();
	UY_REV_VALUES *rvals = UY_REV_VALUES_new();
	UY_OTHER_CERT_ID *cid = NULL;
	UY_CRL_OCSP_REF *ref = NULL;
	UY_CRL_VALIDATED_ID *crl_id = NULL;
	UY_OCSP_RESPONSES_ID *ocsp_id = NULL;
	X509 *x = NULL;
	X509_CRL *crl = NULL;
	OCSP_BASICRESP *bs = NULL;
	uint8_t *der = NULL;
	size_t len = 0;

	UY_ENSURE_OUT(crefs != NULL && rrefs != NULL && cvals != NULL && rvals != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(ltv_check_xl(o));
	/* *= ETSI TS 101 733 §6.2.1
	 *# The complete-certificate-references attribute ... contains references to all
	 *# the certificates ... excluding the signer's certificate */
	for (size_t i = 0; i < o->ref_cert_count; i++) {
		UY_TRY_OUT(ltv_other_cert_id(&cid, o->ref_certs[i], ref_md, o->ref_issuer_serial));
		if (ltv_hit(o, UY_CADES_XL_CERT_REF, i) && o->xl_corrupt) {
			ltv_corrupt_hash(cid->hash);
		}
		if (!ltv_hit(o, UY_CADES_XL_CERT_REF, i) || o->xl_corrupt) {
			UY_ENSURE_OUT(sk_UY_OTHER_CERT_ID_push(crefs, cid) > 0, UY_ERR_NOMEM);
			cid = NULL; /* now owned by crefs */
		}
		UY_OTHER_CERT_ID_free(cid);
		cid = NULL;
		if (ltv_hit(o, UY_CADES_XL_CERT_VALUE, i)) {
			continue;
		}
		x = ltv_cert(o->ref_certs[i]);
		UY_ENSURE_OUT(x != NULL, UY_ERR_CRYPTO);
		UY_ENSURE_OUT(sk_X509_push(cvals, x) > 0, UY_ERR_NOMEM);
		x = NULL; /* now owned by cvals */
	}
	/* One CrlOcspRef per revinfo entry: the signer first, then in OtherCertID order. */
	for (size_t i = 0; i < o->revinfo_count; i++) {
		const uy_cades_revinfo *ri = &o->revinfo[i];
		/* families I: the first CRL / OCSP reference of entry i dropped (or kept, corrupted) */
		int drop_crl = ltv_hit(o, UY_CADES_XL_CRL_REF, i) && !o->xl_corrupt;
		int drop_ocsp = ltv_hit(o, UY_CADES_XL_OCSP_REF, i) && !o->xl_corrupt;
		ref = UY_CRL_OCSP_REF_new();
		UY_ENSURE_OUT(ref != NULL, UY_ERR_NOMEM);
		if (ri->crl_count > (size_t)drop_crl) {
			ref->crlids = UY_CRL_LIST_ID_new();
			UY_ENSURE_OUT(ref->crlids != NULL, UY_ERR_NOMEM);
		}
		for (size_t k = 0; k < ri->crl_count; k++) {
			if (k == 0 && drop_crl) {
				continue;
			}
			UY_TRY_OUT(ltv_crl_id(&crl_id, ri->crls[k], ref_md));
			if (k == 0 && ltv_hit(o, UY_CADES_XL_CRL_REF, i)) {
				ltv_corrupt_hash(crl_id->hash);
			}
			UY_ENSURE_OUT(sk_UY_CRL_VALIDATED_ID_push(ref->crlids->crls, crl_id) > 0,
			    UY_ERR_NOMEM);
			crl_id = NULL; /* now owned by ref */
		}
		if (ri->ocsp_count > (size_t)drop_ocsp) {
			ref->ocspids = UY_OCSP_LIST_ID_new();
			UY_ENSURE_OUT(ref->ocspids != NULL, UY_ERR_NOMEM);
		}
		for (size_t k = 0; k < ri->ocsp_count; k++) {
			if (k == 0 && drop_ocsp) {
				continue;
			}
			UY_TRY_OUT(ltv_ocsp_id(&ocsp_id, ri->ocsps[k], ref_md, o->ocsp_ref_basic));
			if (k == 0 && ltv_hit(o, UY_CADES_XL_OCSP_REF, i)) {
				ltv_corrupt_hash(ocsp_id->hash);
			}
			UY_ENSURE_OUT(sk_UY_OCSP_RESPONSES_ID_push(ref->ocspids->responses, ocsp_id) > 0,
			    UY_ERR_NOMEM);
			ocsp_id = NULL; /* now owned by ref */
		}
		UY_ENSURE_OUT(sk_UY_CRL_OCSP_REF_push(rrefs, ref) > 0, UY_ERR_NOMEM);
		ref = NULL; /* now owned by rrefs */
		/* revocation-values: every CRL and BasicOCSPResponse once */
		for (size_t k = 0; k < ri->crl_count; k++) {
			int dup = ltv_seen(ri->crls, k, ri->crls[k]);
			for (size_t j = 0; j < i && !dup; j++) {
				dup = ltv_seen(o->revinfo[j].crls, o->revinfo[j].crl_count, ri->crls[k]);
			}
			if (dup || ltv_dropped_value(o, UY_CADES_XL_CRL_VALUE, ri->crls[k])) {
				continue;
			}
			if (rvals->crls == NULL) {
				rvals->crls = sk_X509_CRL_new_null();
				UY_ENSURE_OUT(rvals->crls != NULL, UY_ERR_NOMEM);
			}
			crl = ltv_crl(ri->crls[k]);
			UY_ENSURE_OUT(crl != NULL, UY_ERR_CRYPTO);
			UY_ENSURE_OUT(sk_X509_CRL_push(rvals->crls, crl) > 0, UY_ERR_NOMEM);
			crl = NULL; /* now owned by rvals */
		}
		for (size_t k = 0; k < ri->ocsp_count; k++) {
			int dup = ltv_seen(ri->ocsps, k, ri->ocsps[k]);
			for (size_t j = 0; j < i && !dup; j++) {
				dup = ltv_seen(o->revinfo[j].ocsps, o->revinfo[j].ocsp_count, ri->ocsps[k]);
			}
			if (dup || ltv_dropped_value(o, UY_CADES_XL_OCSP_VALUE, ri->ocsps[k])) {
				continue;
			}
			if (rvals->ocsps == NULL) {
				rvals->ocsps = sk_OCSP_BASICRESP_new_null();
				UY_ENSURE_OUT(rvals->ocsps != NULL, UY_ERR_NOMEM);
			}
			bs = ltv_basic(ri->ocsps[k]);
			UY_ENSURE_OUT(bs != NULL, UY_ERR_CRYPTO);
			UY_ENSURE_OUT(sk_OCSP_BASICRESP_push(rvals->ocsps, bs) > 0, UY_ERR_NOMEM);
			bs = NULL; /* now owned by rvals */
		}
	}
	UY_TRY_OUT(uy_cades__item_der(&der, &len, crefs, ASN1_ITEM_rptr(UY_CERT_REFS)));
	UY_TRY_OUT(ltv_add(si, NID_id_smime_aa_ets_CertificateRefs, der, len));
	uy_free(der);
	der = NULL;
	UY_TRY_OUT(uy_cades__item_der(&der, &len, rrefs, ASN1_ITEM_rptr(UY_REV_REFS)));
	UY_TRY_OUT(ltv_add(si, NID_id_smime_aa_ets_RevocationRefs, der, len));
	uy_free(der);
	der = NULL;
	UY_TRY_OUT(uy_cades__item_der(&der, &len, cvals, ASN1_ITEM_rptr(UY_CERT_VALUES)));
	UY_TRY_OUT(ltv_add(si, NID_id_smime_aa_ets_certValues, der, len));
	uy_free(der);
	der = NULL;
	UY_TRY_OUT(uy_cades__item_der(&der, &len, rvals, ASN1_ITEM_rptr(UY_REV_VALUES)));
	UY_TRY_OUT(ltv_add(si, NID_id_smime_aa_ets_revocationValues, der, len));
done:
	if (rc == UY_ERR_CRYPTO) {
		(void)UY_CADES_OSSL_ERROR("X-Long attributes not made");
	}
	uy_free(der);
	OCSP_BASICRESP_free(bs);
	X509_CRL_free(crl);
	X509_free(x);
	UY_OCSP_RESPONSES_ID_free(ocsp_id);
	UY_CRL_VALIDATED_ID_free(crl_id);
	UY_CRL_OCSP_REF_free(ref);
	UY_OTHER_CERT_ID_free(cid);
	UY_REV_VALUES_free(rvals);
	sk_X509_pop_free(cvals, X509_free);
	sk_UY_CRL_OCSP_REF_pop_free(rrefs, UY_CRL_OCSP_REF_free);
	sk_UY_OTHER_CERT_ID_pop_free(crefs, UY_OTHER_CERT_ID_free);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_cades_ats_v2_digest(uint8_t *out, size_t *out_len, uy_span cms, uy_span detached,
    const EVP_MD *md)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = NULL;
	cades_sd_parts p;
	unsigned int n = 0;

	UY_ASSERT_ARG(out != NULL && out_len != NULL && cms.ptr != NULL && md != NULL);
	*out_len = 0;
	UY_TRY(uy_cades__sd_parts(&p, cms.ptr, cms.len));
	ctx = EVP_MD_CTX_new();
	UY_ENSURE_OUT(ctx != NULL, UY_ERR_NOMEM);
	/* *= ETSI TS 101 733 V1.8.1 §6.4.1
	 *# the encapContentInfo element of the SignedData sequence; any external content
	 *# being protected by the signature, if the eContent element of the
	 *# encapContentInfo is omitted; the Certificates and crls elements of the
	 *# SignedData sequence, when present; and all data elements in the SignerInfo
	 *# sequence including all signed and unsigned attributes. */
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, md, NULL) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, p.econtent_info.ptr,
	    p.econtent_info.hdr + p.econtent_info.len) == 1, UY_ERR_CRYPTO);
	if (p.econtent.ptr == NULL && detached.len > 0) {
		UY_ENSURE_OUT(EVP_DigestUpdate(ctx, detached.ptr, detached.len) == 1, UY_ERR_CRYPTO);
	}
	if (p.certs.ptr != NULL) {
		UY_ENSURE_OUT(EVP_DigestUpdate(ctx, p.certs.ptr, p.certs.hdr + p.certs.len) == 1,
		    UY_ERR_CRYPTO);
	}
	if (p.crls.ptr != NULL) {
		UY_ENSURE_OUT(EVP_DigestUpdate(ctx, p.crls.ptr, p.crls.hdr + p.crls.len) == 1,
		    UY_ERR_CRYPTO);
	}
	/* clause-6 form: the SignerInfo SEQUENCE contents, without tag and length */
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, p.signer_info.ptr + p.signer_info.hdr,
	    p.signer_info.len) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestFinal_ex(ctx, out, &n) == 1, UY_ERR_CRYPTO);
	*out_len = n;
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Append H(data) as an OCTET STRING to list. */
static uy_err
ltv_push_hash(STACK_OF(ASN1_OCTET_STRING) *list, const EVP_MD *md, const uint8_t *a, size_t alen,
    const uint8_t *b, size_t blen)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	UY_ENSURE_OUT(ctx != NULL && os != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, md, NULL) == 1 && EVP_DigestUpdate(ctx, a, alen) == 1,
	    UY_ERR_CRYPTO);
	if (blen > 0) {
		UY_ENSURE_OUT(EVP_DigestUpdate(ctx, b, blen) == 1, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(EVP_DigestFinal_ex(ctx, dig, &n) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(ASN1_OCTET_STRING_set(os, dig, (int)n) == 1, UY_ERR_NOMEM);
	UY_ENSURE_OUT(sk_ASN1_OCTET_STRING_push(list, os) > 0, UY_ERR_NOMEM);
	os = NULL; /* now owned by list */
done:
	ASN1_OCTET_STRING_free(os);
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Hash every element inside a constructed element (certificates, crls). */
static uy_err
ltv_hash_elements(STACK_OF(ASN1_OCTET_STRING) *list, const EVP_MD *md, const cades_der *outer)
{
	if (outer->ptr == NULL) {
		return UY_OK;
	}
	const uint8_t *p = outer->ptr + outer->hdr;
	const uint8_t *end = p + outer->len;
	while (p < end) {
		cades_der e;
		UY_TRY(uy_cades__der_read(&e, p, (size_t)(end - p)));
		UY_TRY(ltv_push_hash(list, md, e.ptr, e.hdr + e.len, NULL, 0));
		p += e.hdr + e.len;
	}
	return UY_OK;
}

/*
 * ATSHashIndexV3 (EN 319 122-1 §5.5.2) and the v3 imprint over the current
 * encoding p: eContentType ‖ H(content) ‖ SignerInfo fields up to signature ‖
 * DER(ATSHashIndexV3).
 */
static uy_err
ltv_ats_v3(uint8_t *dig, unsigned int *dlen, uint8_t **index_der, size_t *index_len,
    const cades_sd_parts *p, uy_span content, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	UY_ATS_HASH_INDEX_V3 *hi = UY_ATS_HASH_INDEX_V3_new();
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char ch[EVP_MAX_MD_SIZE];
	unsigned int chlen = 0;

	*index_der = NULL;
	*index_len = 0;
	UY_ENSURE_OUT(hi != NULL && ctx != NULL, UY_ERR_NOMEM);
	if (!EVP_MD_is_a(md, "SHA2-256")) { /* DEFAULT sha256 is omitted in DER */
		hi->alg = X509_ALGOR_new();
		UY_ENSURE_OUT(hi->alg != NULL, UY_ERR_NOMEM);
		X509_ALGOR_set_md(hi->alg, md);
	}
	UY_TRY_OUT(ltv_hash_elements(hi->certs, md, &p->certs));
	UY_TRY_OUT(ltv_hash_elements(hi->crls, md, &p->crls));
	const cades_der *ua = &p->si_fields[p->si_field_count - 1];
	if (ua->tag == 0xa1) {
		/* *= ETSI EN 319 122-1 §5.5.2
		 *# unsignedAttrValuesHashIndex ... the hash of the concatenation of the
		 *# attrType field and one AttributeValue */
		const uint8_t *q = ua->ptr + ua->hdr;
		const uint8_t *qend = q + ua->len;
		while (q < qend) {
			cades_der attr, type, set;
			UY_TRY_OUT(uy_cades__der_read(&attr, q, (size_t)(qend - q)));
			const uint8_t *r = attr.ptr + attr.hdr;
			const uint8_t *rend = r + attr.len;
			UY_TRY_OUT(uy_cades__der_read(&type, r, (size_t)(rend - r)));
			r += type.hdr + type.len;
			UY_TRY_OUT(uy_cades__der_read(&set, r, (size_t)(rend - r)));
			const uint8_t *v = set.ptr + set.hdr;
			const uint8_t *vend = v + set.len;
			while (v < vend) {
				cades_der val;
				UY_TRY_OUT(uy_cades__der_read(&val, v, (size_t)(vend - v)));
				UY_TRY_OUT(ltv_push_hash(hi->attrs, md, type.ptr, type.hdr + type.len,
				    val.ptr, val.hdr + val.len));
				v += val.hdr + val.len;
			}
			q += attr.hdr + attr.len;
		}
	}
	UY_TRY_OUT(uy_cades__item_der(index_der, index_len, hi,
	    ASN1_ITEM_rptr(UY_ATS_HASH_INDEX_V3)));
	if (p->econtent.ptr != NULL) {
		UY_ENSURE_OUT(EVP_Digest(p->econtent.ptr + p->econtent.hdr, p->econtent.len, ch, &chlen,
		    md, NULL) == 1, UY_ERR_CRYPTO);
	} else {
		UY_ENSURE_OUT(EVP_Digest(content.ptr != NULL ? content.ptr : (const uint8_t *)"",
		    content.len, ch, &chlen, md, NULL) == 1, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, md, NULL) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, p->econtent_type.ptr,
	    p->econtent_type.hdr + p->econtent_type.len) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, ch, chlen) == 1, UY_ERR_CRYPTO);
	for (size_t i = 0; i < p->si_field_count; i++) {
		const cades_der *f = &p->si_fields[i];
		if (f->tag == 0xa1) {
			break; /* unsignedAttrs: covered by the hash index */
		}
		UY_ENSURE_OUT(EVP_DigestUpdate(ctx, f->ptr, f->hdr + f->len) == 1, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, *index_der, *index_len) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestFinal_ex(ctx, dig, dlen) == 1, UY_ERR_CRYPTO);
done:
	if (rc != UY_OK) {
		uy_free(*index_der);
		*index_der = NULL;
		*index_len = 0;
	}
	EVP_MD_CTX_free(ctx);
	UY_ATS_HASH_INDEX_V3_free(hi);
	return rc;
}

/* Put the ats-hash-index-v3 as an unsigned attribute of the token's SignerInfo. */
static uy_err
ltv_token_add_index(uint8_t **tok, size_t *tok_len, const uint8_t *index_der, size_t index_len)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *t = NULL;
	ASN1_OBJECT *oid = OBJ_txt2obj(LTV_OID_ATS_HASH_INDEX_V3, 1);
	uint8_t *der = NULL;
	size_t len = 0;
	const unsigned char *p = *tok;

	UY_ENSURE_OUT(oid != NULL, UY_ERR_NOMEM);
	t = d2i_CMS_ContentInfo(NULL, &p, (long)*tok_len);
	UY_ENSURE_OUT(t != NULL && p == *tok + *tok_len, UY_ERR_CRYPTO);
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(t);
	UY_ENSURE_OUT(sis != NULL && sk_CMS_SignerInfo_num(sis) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(CMS_unsigned_add1_attr_by_OBJ(sk_CMS_SignerInfo_value(sis, 0), oid,
	    V_ASN1_SEQUENCE, index_der, (int)index_len) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(uy_cades__cms_der(&der, &len, t));
	uy_free(*tok);
	*tok = der;
	der = NULL; /* now owned by caller */
	*tok_len = len;
done:
	ASN1_OBJECT_free(oid);
	CMS_ContentInfo_free(t);
	return rc;
}

/*
 * One archive-time-stamp over the current encoding of cms, by tsa at gen_time, imprint hashed
 * with md; defects: UY_CADES_DEFECT_ATS_IMPRINT / _ATS_SIGNATURE bits to apply to this one.
 */
static uy_err
ltv_one_ats(CMS_ContentInfo *cms, CMS_SignerInfo *si, uy_span content, const uy_cades_options *o,
    const EVP_MD *md, uy_tsa *tsa, int64_t gen_time, unsigned defects)
{
	uy_err rc = UY_OK;
	uint8_t *der = NULL;
	size_t len = 0;
	uint8_t *tok = NULL;
	size_t tok_len = 0;
	uint8_t *index_der = NULL;
	size_t index_len = 0;
	ASN1_OBJECT *oid = NULL;
	uint8_t dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	cades_sd_parts p;

	UY_TRY_OUT(uy_cades__cms_der(&der, &len, cms));
	if (o->ats_version == 2) {
		size_t n = 0;
		uy_span ext = { NULL, 0 };
		if (o->detached) {
			ext = content;
		}
		UY_TRY_OUT(uy_cades_ats_v2_digest(dig, &n, (uy_span){ der, len }, ext, md));
		dlen = (unsigned int)n;
	} else {
		UY_TRY_OUT(uy_cades__sd_parts(&p, der, len));
		UY_TRY_OUT(ltv_ats_v3(dig, &dlen, &index_der, &index_len, &p, content, md));
	}
	if (defects & UY_CADES_DEFECT_ATS_IMPRINT) {
		dig[0] ^= 0x01;
	}
	UY_TRY_OUT(uy_tsa_stamp(&tok, &tok_len, tsa, md, dig, dlen, gen_time));
	if (o->ats_version == 3) {
		UY_TRY_OUT(ltv_token_add_index(&tok, &tok_len, index_der, index_len));
	}
	if (defects & UY_CADES_DEFECT_ATS_SIGNATURE) {
		UY_TRY_OUT(uy_cades__token_break(tok, tok_len));
	}
	oid = OBJ_txt2obj(o->ats_version == 2 ? LTV_OID_ATS_V2 : LTV_OID_ATS_V3, 1);
	UY_ENSURE_OUT(oid != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(CMS_unsigned_add1_attr_by_OBJ(si, oid, V_ASN1_SEQUENCE, tok, (int)tok_len) == 1,
	    UY_ERR_CRYPTO);
done:
	ASN1_OBJECT_free(oid);
	uy_free(index_der);
	uy_free(tok);
	uy_free(der);
	return rc;
}

/* see cades_int.h */
uy_err
uy_cades__add_ats(CMS_ContentInfo *cms, CMS_SignerInfo *si, uy_span content,
    const uy_cades_options *o, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	uy_tsa *tsa = o->a_tsa != NULL ? o->a_tsa : o->tsa;
	uy_tsa hashed; /* the TSA signing with ats_md: a copy, its serial copied back */
	unsigned defects = o->defects & (UY_CADES_DEFECT_ATS_IMPRINT | UY_CADES_DEFECT_ATS_SIGNATURE);

	if (o->ats2_time != 0 && o->ats2_time <= o->ats_time) {
		return UY_ERROR(UY_ERR_USAGE, "the second archive-time-stamp must be later");
	}
	if (o->ats_md != NULL) {
		/* "archive time-stamp signed with SHA-1" (catalogue L): imprint and token signature */
		hashed = *tsa;
		hashed.md = o->ats_md;
		rc = ltv_one_ats(cms, si, content, o, o->ats_md, &hashed, o->ats_time, defects);
		tsa->serial = hashed.serial;
	} else {
		rc = ltv_one_ats(cms, si, content, o, md, tsa, o->ats_time, defects);
	}
	UY_TRY(rc);
	if (o->ats2_time != 0) {
		/* TS 101 733 V1.8.1 §6.4.1: the imprint covers the unsigned attributes present,
		 * the earlier archive-time-stamp among them (catalogue L, "two ATSs") */
		UY_TRY(ltv_one_ats(cms, si, content, o, md, o->tsa, o->ats2_time, 0));
	}
	return UY_OK;
}

/* Hash attrType ‖ attrValues (the Attribute SEQUENCE contents) of the only unsigned attribute
 * nid of si. */
static uy_err
ltv_hash_attr(EVP_MD_CTX *ctx, CMS_SignerInfo *si, int nid, const char *what)
{
	uy_err rc = UY_OK;
	int idx = CMS_unsigned_get_attr_by_NID(si, nid, -1);
	X509_ATTRIBUTE *a = idx >= 0 ? CMS_unsigned_get_attr(si, idx) : NULL; /* borrowed */
	unsigned char *der = NULL;
	int n = 0;
	cades_der el;

	UY_ENSURE_OUT(a != NULL, UY_ERROR(UY_ERR_SYNTAX, "no %s attribute", what));
	UY_ENSURE_OUT(CMS_unsigned_get_attr_by_NID(si, nid, idx) < 0,
	    UY_ERROR(UY_ERR_SYNTAX, "more than one %s attribute", what));
	n = i2d_X509_ATTRIBUTE(a, &der);
	UY_ENSURE_OUT(n > 0, UY_ERR_CRYPTO);
	UY_TRY_OUT(uy_cades__der_read(&el, der, (size_t)n));
	UY_ENSURE_OUT(el.tag == 0x30 && el.hdr + el.len == (size_t)n, UY_ERR_SYNTAX);
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, der + el.hdr, el.len) == 1, UY_ERR_CRYPTO);
done:
	OPENSSL_free(der);
	return rc;
}

/* The CAdES-C time-stamp imprint of si (RFC 5126 §6.3.5, spec §4.3). */
static uy_err
ltv_c_ts_digest(uint8_t *dig, unsigned int *dlen, CMS_SignerInfo *si, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si); /* borrowed */

	*dlen = 0;
	UY_ENSURE_OUT(ctx != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(sig != NULL, UY_ERR_SYNTAX);
	/* *= RFC 5126 §6.3.5
	 *# The value of the messageImprint field within TimeStampToken shall be
	 *# a hash of the concatenated values (without the type or length
	 *# encoding for that value) of the following data objects:
	 *#    - OCTETSTRING of the SignatureValue field within SignerInfo;
	 *#    - signature-time-stamp, or a content-time-stamp [...];
	 *#    - complete-certificate-references attribute; and
	 *#    - complete-revocation-references attribute. */
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, md, NULL) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_DigestUpdate(ctx, ASN1_STRING_get0_data(sig),
	    (size_t)ASN1_STRING_length(sig)) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(ltv_hash_attr(ctx, si, NID_id_smime_aa_timeStampToken, "signature-time-stamp"));
	UY_TRY_OUT(ltv_hash_attr(ctx, si, NID_id_smime_aa_ets_CertificateRefs,
	    "complete-certificate-refs"));
	UY_TRY_OUT(ltv_hash_attr(ctx, si, NID_id_smime_aa_ets_RevocationRefs,
	    "complete-revocation-refs"));
	UY_ENSURE_OUT(EVP_DigestFinal_ex(ctx, dig, dlen) == 1, UY_ERR_CRYPTO);
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

typedef uy_err (*ltv_si_digest_fn)(uint8_t *dig, unsigned int *dlen, CMS_SignerInfo *si,
    const EVP_MD *md);

/* Decode cms and apply fn to its first SignerInfo: the public imprint functions. */
static uy_err
ltv_first_signer_digest(uint8_t *out, size_t *out_len, uy_span cms, const EVP_MD *md,
    ltv_si_digest_fn fn)
{
	uy_err rc = UY_OK;
	const unsigned char *p = cms.ptr;
	CMS_ContentInfo *ci = NULL;
	STACK_OF(CMS_SignerInfo) *sis = NULL;
	unsigned int dlen = 0;

	UY_ASSERT_ARG(out != NULL && out_len != NULL && md != NULL);
	*out_len = 0;
	UY_ASSERT_ARG(cms.ptr != NULL && cms.len > 0 && cms.len < (size_t)INT32_MAX);
	ci = d2i_CMS_ContentInfo(NULL, &p, (long)cms.len);
	UY_ENSURE_OUT(ci != NULL && p == cms.ptr + cms.len,
	    UY_ERROR(UY_ERR_SYNTAX, "not a DER CMS ContentInfo"));
	sis = CMS_get0_SignerInfos(ci); /* borrowed from ci */
	UY_ENSURE_OUT(sis != NULL && sk_CMS_SignerInfo_num(sis) > 0,
	    UY_ERROR(UY_ERR_SYNTAX, "no SignerInfo"));
	UY_TRY_OUT(fn(out, &dlen, sk_CMS_SignerInfo_value(sis, 0), md));
	*out_len = dlen;
done:
	ERR_clear_error();
	CMS_ContentInfo_free(ci);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_cades_c_ts_digest(uint8_t *out, size_t *out_len, uy_span cms, const EVP_MD *md)
{
	return ltv_first_signer_digest(out, out_len, cms, md, ltv_c_ts_digest);
}

/*
 * Time-stamp the imprint dig (after the requested defects) with tsa at `when`
 * and add the token as the unsigned attribute nid of si.
 */
static uy_err
ltv_add_token(CMS_SignerInfo *si, int nid, uy_tsa *tsa, const EVP_MD *md, uint8_t *dig,
    unsigned int dlen, int64_t when, int corrupt_imprint, int break_signature)
{
	uy_err rc = UY_OK;
	uint8_t *tok = NULL;
	size_t tok_len = 0;

	if (corrupt_imprint) {
		dig[0] ^= 0x01;
	}
	UY_TRY_OUT(uy_tsa_stamp(&tok, &tok_len, tsa, md, dig, dlen, when));
	if (break_signature) {
		UY_TRY_OUT(uy_cades__token_break(tok, tok_len));
	}
	UY_ENSURE_OUT(CMS_unsigned_add1_attr_by_NID(si, nid, V_ASN1_SEQUENCE, tok,
	    (int)tok_len) == 1, UY_ERR_CRYPTO);
done:
	uy_free(tok);
	return rc;
}

/* see cades_int.h */
uy_err
uy_cades__add_c_ts(CMS_SignerInfo *si, const uy_cades_options *o, const EVP_MD *md)
{
	uint8_t dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	UY_TRY(ltv_c_ts_digest(dig, &dlen, si, md));
	return ltv_add_token(si, NID_id_smime_aa_ets_escTimeStamp,
	    o->c_tsa != NULL ? o->c_tsa : o->tsa, md, dig, dlen, o->c_ts_time,
	    (o->defects & UY_CADES_DEFECT_CTS_IMPRINT) != 0,
	    (o->defects & UY_CADES_DEFECT_CTS_SIGNATURE) != 0);
}

/* The time-stamped-certs-crls-refs imprint of si (RFC 5126 §6.3.6, spec §4.3). */
static uy_err
ltv_refs_ts_digest(uint8_t *dig, unsigned int *dlen, CMS_SignerInfo *si, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	*dlen = 0;
	UY_ENSURE_OUT(ctx != NULL, UY_ERR_NOMEM);
	/* *= RFC 5126 §6.3.6
	 *# The value of the messageImprint field within TimeStampToken shall be
	 *# a hash of the concatenated values (without the type or length
	 *# encoding for that value) of the following data objects, as present
	 *# in the ES with Complete validation data (CAdES-C):
	 *#    - complete-certificate-references attribute; and
	 *#    - complete-revocation-references attribute. */
	UY_ENSURE_OUT(EVP_DigestInit_ex(ctx, md, NULL) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(ltv_hash_attr(ctx, si, NID_id_smime_aa_ets_CertificateRefs,
	    "complete-certificate-refs"));
	UY_TRY_OUT(ltv_hash_attr(ctx, si, NID_id_smime_aa_ets_RevocationRefs,
	    "complete-revocation-refs"));
	UY_ENSURE_OUT(EVP_DigestFinal_ex(ctx, dig, dlen) == 1, UY_ERR_CRYPTO);
done:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_cades_refs_ts_digest(uint8_t *out, size_t *out_len, uy_span cms, const EVP_MD *md)
{
	return ltv_first_signer_digest(out, out_len, cms, md, ltv_refs_ts_digest);
}

/* see cades_int.h */
uy_err
uy_cades__add_refs_ts(CMS_SignerInfo *si, const uy_cades_options *o, const EVP_MD *md)
{
	uint8_t dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	UY_TRY(ltv_refs_ts_digest(dig, &dlen, si, md));
	return ltv_add_token(si, NID_id_smime_aa_ets_certCRLTimestamp, o->tsa, md, dig, dlen,
	    o->refs_ts_time != 0 ? o->refs_ts_time : o->signing_time + 300,
	    (o->defects & UY_CADES_DEFECT_REFS_TS_IMPRINT) != 0, 0);
}
