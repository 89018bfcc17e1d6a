/*
 * cades_asn1.c - ASN.1 templates of the CAdES structures OpenSSL 3.0 lacks
 * (spec §6 "Missing: write with ASN.1 templates"), and the DER walker.
 * The RFC 5126 module uses EXPLICIT TAGS; RFC 5652 SignedData uses IMPLICIT.
 */
#include "cades_int.h"

#include <string.h>

#include <openssl/err.h>

#include "uyum/uy_alloc.h"

ASN1_SEQUENCE(UY_OTHER_HASH_AV) = {
	ASN1_SIMPLE(UY_OTHER_HASH_AV, alg, X509_ALGOR),
	ASN1_SIMPLE(UY_OTHER_HASH_AV, value, ASN1_OCTET_STRING)
} ASN1_SEQUENCE_END(UY_OTHER_HASH_AV)
IMPLEMENT_ASN1_FUNCTIONS(UY_OTHER_HASH_AV)

ASN1_CHOICE(UY_OTHER_HASH) = {
	ASN1_SIMPLE(UY_OTHER_HASH, d.sha1, ASN1_OCTET_STRING),
	ASN1_SIMPLE(UY_OTHER_HASH, d.other, UY_OTHER_HASH_AV)
} ASN1_CHOICE_END(UY_OTHER_HASH)
IMPLEMENT_ASN1_FUNCTIONS(UY_OTHER_HASH)

ASN1_SEQUENCE(UY_SPQ_INFO) = {
	ASN1_SIMPLE(UY_SPQ_INFO, id, ASN1_OBJECT),
	ASN1_SIMPLE(UY_SPQ_INFO, qualifier, ASN1_ANY)
} ASN1_SEQUENCE_END(UY_SPQ_INFO)
IMPLEMENT_ASN1_FUNCTIONS(UY_SPQ_INFO)

ASN1_SEQUENCE(UY_SIG_POLICY_ID) = {
	ASN1_SIMPLE(UY_SIG_POLICY_ID, id, ASN1_OBJECT),
	ASN1_SIMPLE(UY_SIG_POLICY_ID, hash, UY_OTHER_HASH_AV),
	ASN1_SEQUENCE_OF_OPT(UY_SIG_POLICY_ID, qualifiers, UY_SPQ_INFO)
} ASN1_SEQUENCE_END(UY_SIG_POLICY_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_SIG_POLICY_ID)

ASN1_SEQUENCE(UY_ISSUER_SERIAL) = {
	ASN1_SEQUENCE_OF(UY_ISSUER_SERIAL, issuer, GENERAL_NAME),
	ASN1_SIMPLE(UY_ISSUER_SERIAL, serial, ASN1_INTEGER)
} ASN1_SEQUENCE_END(UY_ISSUER_SERIAL)
IMPLEMENT_ASN1_FUNCTIONS(UY_ISSUER_SERIAL)

ASN1_SEQUENCE(UY_OTHER_CERT_ID) = {
	ASN1_SIMPLE(UY_OTHER_CERT_ID, hash, UY_OTHER_HASH),
	ASN1_OPT(UY_OTHER_CERT_ID, issuer_serial, UY_ISSUER_SERIAL)
} ASN1_SEQUENCE_END(UY_OTHER_CERT_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_OTHER_CERT_ID)

ASN1_ITEM_TEMPLATE(UY_CERT_REFS) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, refs, UY_OTHER_CERT_ID)
ASN1_ITEM_TEMPLATE_END(UY_CERT_REFS)
IMPLEMENT_ASN1_FUNCTIONS(UY_CERT_REFS)

ASN1_SEQUENCE(UY_CRL_IDENTIFIER) = {
	ASN1_SIMPLE(UY_CRL_IDENTIFIER, issuer, X509_NAME),
	ASN1_SIMPLE(UY_CRL_IDENTIFIER, issued, ASN1_UTCTIME),
	ASN1_OPT(UY_CRL_IDENTIFIER, number, ASN1_INTEGER)
} ASN1_SEQUENCE_END(UY_CRL_IDENTIFIER)
IMPLEMENT_ASN1_FUNCTIONS(UY_CRL_IDENTIFIER)

ASN1_SEQUENCE(UY_CRL_VALIDATED_ID) = {
	ASN1_SIMPLE(UY_CRL_VALIDATED_ID, hash, UY_OTHER_HASH),
	ASN1_OPT(UY_CRL_VALIDATED_ID, id, UY_CRL_IDENTIFIER)
} ASN1_SEQUENCE_END(UY_CRL_VALIDATED_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_CRL_VALIDATED_ID)

ASN1_SEQUENCE(UY_CRL_LIST_ID) = {
	ASN1_SEQUENCE_OF(UY_CRL_LIST_ID, crls, UY_CRL_VALIDATED_ID)
} ASN1_SEQUENCE_END(UY_CRL_LIST_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_CRL_LIST_ID)

ASN1_CHOICE(UY_RESPONDER_ID) = {
	ASN1_EXP(UY_RESPONDER_ID, d.by_name, X509_NAME, 1),
	ASN1_EXP(UY_RESPONDER_ID, d.by_key, ASN1_OCTET_STRING, 2)
} ASN1_CHOICE_END(UY_RESPONDER_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_RESPONDER_ID)

ASN1_SEQUENCE(UY_OCSP_IDENTIFIER) = {
	ASN1_SIMPLE(UY_OCSP_IDENTIFIER, responder, UY_RESPONDER_ID),
	ASN1_SIMPLE(UY_OCSP_IDENTIFIER, produced_at, ASN1_GENERALIZEDTIME)
} ASN1_SEQUENCE_END(UY_OCSP_IDENTIFIER)
IMPLEMENT_ASN1_FUNCTIONS(UY_OCSP_IDENTIFIER)

ASN1_SEQUENCE(UY_OCSP_RESPONSES_ID) = {
	ASN1_SIMPLE(UY_OCSP_RESPONSES_ID, id, UY_OCSP_IDENTIFIER),
	ASN1_OPT(UY_OCSP_RESPONSES_ID, hash, UY_OTHER_HASH)
} ASN1_SEQUENCE_END(UY_OCSP_RESPONSES_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_OCSP_RESPONSES_ID)

ASN1_SEQUENCE(UY_OCSP_LIST_ID) = {
	ASN1_SEQUENCE_OF(UY_OCSP_LIST_ID, responses, UY_OCSP_RESPONSES_ID)
} ASN1_SEQUENCE_END(UY_OCSP_LIST_ID)
IMPLEMENT_ASN1_FUNCTIONS(UY_OCSP_LIST_ID)

ASN1_SEQUENCE(UY_CRL_OCSP_REF) = {
	ASN1_EXP_OPT(UY_CRL_OCSP_REF, crlids, UY_CRL_LIST_ID, 0),
	ASN1_EXP_OPT(UY_CRL_OCSP_REF, ocspids, UY_OCSP_LIST_ID, 1)
} ASN1_SEQUENCE_END(UY_CRL_OCSP_REF)
IMPLEMENT_ASN1_FUNCTIONS(UY_CRL_OCSP_REF)

ASN1_ITEM_TEMPLATE(UY_REV_REFS) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, refs, UY_CRL_OCSP_REF)
ASN1_ITEM_TEMPLATE_END(UY_REV_REFS)
IMPLEMENT_ASN1_FUNCTIONS(UY_REV_REFS)

ASN1_ITEM_TEMPLATE(UY_CERT_VALUES) =
	ASN1_EX_TEMPLATE_TYPE(ASN1_TFLG_SEQUENCE_OF, 0, certs, X509)
ASN1_ITEM_TEMPLATE_END(UY_CERT_VALUES)
IMPLEMENT_ASN1_FUNCTIONS(UY_CERT_VALUES)

ASN1_SEQUENCE(UY_REV_VALUES) = {
	ASN1_EXP_SEQUENCE_OF_OPT(UY_REV_VALUES, crls, X509_CRL, 0),
	ASN1_EXP_SEQUENCE_OF_OPT(UY_REV_VALUES, ocsps, OCSP_BASICRESP, 1)
} ASN1_SEQUENCE_END(UY_REV_VALUES)
IMPLEMENT_ASN1_FUNCTIONS(UY_REV_VALUES)

ASN1_SEQUENCE(UY_ATS_HASH_INDEX_V3) = {
	ASN1_OPT(UY_ATS_HASH_INDEX_V3, alg, X509_ALGOR),
	ASN1_SEQUENCE_OF(UY_ATS_HASH_INDEX_V3, certs, ASN1_OCTET_STRING),
	ASN1_SEQUENCE_OF(UY_ATS_HASH_INDEX_V3, crls, ASN1_OCTET_STRING),
	ASN1_SEQUENCE_OF(UY_ATS_HASH_INDEX_V3, attrs, ASN1_OCTET_STRING)
} ASN1_SEQUENCE_END(UY_ATS_HASH_INDEX_V3)
IMPLEMENT_ASN1_FUNCTIONS(UY_ATS_HASH_INDEX_V3)

/* see cades_int.h */
uy_err
uy_cades__ossl_error(const char *file, int line, const char *msg)
{
	char detail[256] = "no OpenSSL error queued";
	unsigned long e = ERR_peek_error();

	if (e != 0) {
		ERR_error_string_n(e, detail, sizeof(detail));
	}
	ERR_clear_error();
	return uy_error_set(UY_ERR_CRYPTO, file, line, "%s: %s", msg, detail);
}

/* see cades_int.h */
uy_err
uy_cades__item_der(uint8_t **out, size_t *out_len, const void *val, const ASN1_ITEM *it)
{
	unsigned char *der = NULL;
	int n = 0;

	*out = NULL;
	*out_len = 0;
	n = ASN1_item_i2d((const ASN1_VALUE *)val, &der, it);
	if (n <= 0) {
		return UY_ERROR(UY_ERR_CRYPTO, "cannot encode %s", it->sname);
	}
	*out = uy_alloc((size_t)n);
	if (*out == NULL) {
		OPENSSL_free(der);
		return UY_ERR_NOMEM;
	}
	memcpy(*out, der, (size_t)n);
	*out_len = (size_t)n;
	OPENSSL_free(der);
	return UY_OK;
}

/* see cades_int.h */
uy_err
uy_cades__other_hash(UY_OTHER_HASH **out, const EVP_MD *md, const uint8_t *data, size_t len)
{
	uy_err rc = UY_OK;
	UY_OTHER_HASH *h = NULL;
	ASN1_OCTET_STRING *os = NULL;
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	*out = NULL;
	UY_ENSURE_OUT(EVP_Digest(data, len, dig, &dlen, md, NULL) == 1, UY_ERR_CRYPTO);
	h = UY_OTHER_HASH_new();
	os = ASN1_OCTET_STRING_new();
	UY_ENSURE_OUT(h != NULL && os != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(ASN1_OCTET_STRING_set(os, dig, (int)dlen) == 1, UY_ERR_NOMEM);
	/* *= ETSI TS 101 733 §5.7.3.3
	 *# OtherHash ::= CHOICE { sha1Hash OtherHashValue, -- This contains a SHA-1 hash
	 *#     otherHash OtherHashAlgAndValue} */
	if (EVP_MD_is_a(md, "SHA1")) {
		h->type = UY_OTHER_HASH_SHA1;
		h->d.sha1 = os;
		os = NULL; /* now owned by h */
	} else {
		h->type = UY_OTHER_HASH_OTHER;
		h->d.other = UY_OTHER_HASH_AV_new();
		UY_ENSURE_OUT(h->d.other != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(X509_ALGOR_set0(h->d.other->alg, OBJ_nid2obj(EVP_MD_get_type(md)),
		    V_ASN1_UNDEF, NULL) == 1, UY_ERR_CRYPTO);
		ASN1_OCTET_STRING_free(h->d.other->value);
		h->d.other->value = os;
		os = NULL; /* now owned by h */
	}
	*out = h;
	h = NULL; /* now owned by caller */
done:
	ASN1_OCTET_STRING_free(os);
	UY_OTHER_HASH_free(h);
	return rc;
}

/* see cades_int.h */
uy_err
uy_cades__der_read(cades_der *out, const uint8_t *p, size_t avail)
{
	size_t len = 0;
	size_t hdr = 2;

	memset(out, 0, sizeof(*out));
	UY_ENSURE(avail >= 2, UY_ERR_SYNTAX);
	UY_ENSURE((p[0] & 0x1f) != 0x1f, UY_ERR_SYNTAX); /* high tag numbers: not ours */
	if (p[1] < 0x80) {
		len = p[1];
	} else {
		size_t n = p[1] & 0x7f;
		UY_ENSURE(n >= 1 && n <= 4, UY_ERR_SYNTAX); /* 0x80 = indefinite: not DER */
		UY_ENSURE(avail >= 2 + n, UY_ERR_SYNTAX);
		for (size_t i = 0; i < n; i++) {
			len = (len << 8) | p[2 + i];
		}
		hdr += n;
	}
	UY_ENSURE(len <= avail - hdr, UY_ERR_SYNTAX);
	out->ptr = p;
	out->hdr = hdr;
	out->len = len;
	out->tag = p[0];
	return UY_OK;
}

/* Step to the next element inside [*p, end). */
static uy_err
asn1_next(cades_der *out, const uint8_t **p, const uint8_t *end)
{
	UY_TRY(uy_cades__der_read(out, *p, (size_t)(end - *p)));
	*p += out->hdr + out->len;
	return UY_OK;
}

/* see cades_int.h */
uy_err
uy_cades__sd_parts(cades_sd_parts *out, const uint8_t *der, size_t len)
{
	cades_der ci, oid, ctx0, sd, e, si_set;

	memset(out, 0, sizeof(*out));
	UY_TRY(uy_cades__der_read(&ci, der, len));
	UY_ENSURE(ci.tag == 0x30, UY_ERR_SYNTAX);
	const uint8_t *p = ci.ptr + ci.hdr;
	const uint8_t *end = p + ci.len;
	UY_TRY(asn1_next(&oid, &p, end));
	UY_TRY(asn1_next(&ctx0, &p, end));
	UY_ENSURE(oid.tag == 0x06 && ctx0.tag == 0xa0, UY_ERR_SYNTAX);
	UY_TRY(uy_cades__der_read(&sd, ctx0.ptr + ctx0.hdr, ctx0.len));
	UY_ENSURE(sd.tag == 0x30, UY_ERR_SYNTAX);
	/* SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo,
	 * certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL, signerInfos } */
	p = sd.ptr + sd.hdr;
	end = p + sd.len;
	UY_TRY(asn1_next(&e, &p, end)); /* version */
	UY_TRY(asn1_next(&e, &p, end)); /* digestAlgorithms */
	UY_TRY(asn1_next(&out->econtent_info, &p, end));
	UY_ENSURE(out->econtent_info.tag == 0x30, UY_ERR_SYNTAX);
	const uint8_t *q = out->econtent_info.ptr + out->econtent_info.hdr;
	const uint8_t *qend = q + out->econtent_info.len;
	UY_TRY(asn1_next(&out->econtent_type, &q, qend));
	if (q < qend) {
		cades_der wrap;
		UY_TRY(asn1_next(&wrap, &q, qend));
		UY_ENSURE(wrap.tag == 0xa0, UY_ERR_SYNTAX);
		UY_TRY(uy_cades__der_read(&out->econtent, wrap.ptr + wrap.hdr, wrap.len));
		UY_ENSURE(out->econtent.tag == 0x04, UY_ERR_SYNTAX);
	}
	UY_TRY(asn1_next(&e, &p, end));
	if (e.tag == 0xa0) {
		out->certs = e;
		UY_TRY(asn1_next(&e, &p, end));
	}
	if (e.tag == 0xa1) {
		out->crls = e;
		UY_TRY(asn1_next(&e, &p, end));
	}
	si_set = e;
	UY_ENSURE(si_set.tag == 0x31, UY_ERR_SYNTAX);
	UY_TRY(uy_cades__der_read(&out->signer_info, si_set.ptr + si_set.hdr, si_set.len));
	UY_ENSURE(out->signer_info.tag == 0x30, UY_ERR_SYNTAX);
	p = out->signer_info.ptr + out->signer_info.hdr;
	end = p + out->signer_info.len;
	while (p < end) {
		UY_ENSURE(out->si_field_count < 7, UY_ERR_SYNTAX);
		UY_TRY(asn1_next(&out->si_fields[out->si_field_count], &p, end));
		out->si_field_count++;
	}
	UY_ENSURE(out->si_field_count >= 5, UY_ERR_SYNTAX);
	return UY_OK;
}
