/*
 * cades_int.h - internals of the CAdES producer shared by its files: the
 * ASN.1 templates of the structures OpenSSL 3.0 lacks (cades_asn1.c), a DER
 * element walker and small helpers. Not a public interface.
 */
#ifndef UYUM_TOOLS_CADES_INT_H
#define UYUM_TOOLS_CADES_INT_H

#include <openssl/asn1.h>
#include <openssl/asn1t.h>
#include <openssl/ocsp.h>
#include <openssl/safestack.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "uy_cades_make.h"

/* Stacks OpenSSL 3.0 does not define. */
DEFINE_STACK_OF(OCSP_BASICRESP)
DEFINE_STACK_OF(ASN1_OCTET_STRING)

/* OtherHashAlgAndValue ::= SEQUENCE { hashAlgorithm, hashValue } (RFC 5126 §5.8.1) */
typedef struct {
	X509_ALGOR *alg;
	ASN1_OCTET_STRING *value;
} UY_OTHER_HASH_AV;
DECLARE_ASN1_FUNCTIONS(UY_OTHER_HASH_AV)

/* OtherHash ::= CHOICE { sha1Hash OtherHashValue, otherHash OtherHashAlgAndValue } */
typedef struct {
	int type;
	union {
		ASN1_OCTET_STRING *sha1;
		UY_OTHER_HASH_AV *other;
	} d;
} UY_OTHER_HASH;
DECLARE_ASN1_FUNCTIONS(UY_OTHER_HASH)
#define UY_OTHER_HASH_SHA1 0
#define UY_OTHER_HASH_OTHER 1

/* SigPolicyQualifierInfo ::= SEQUENCE { sigPolicyQualifierId, sigQualifier ANY } */
typedef struct {
	ASN1_OBJECT *id;
	ASN1_TYPE *qualifier;
} UY_SPQ_INFO;
DECLARE_ASN1_FUNCTIONS(UY_SPQ_INFO)
DEFINE_STACK_OF(UY_SPQ_INFO)

/* SignaturePolicyId ::= SEQUENCE { sigPolicyId, sigPolicyHash, sigPolicyQualifiers OPTIONAL }
 * (the signaturePolicyId arm of SignaturePolicyIdentifier, RFC 5126 §5.8.1) */
typedef struct {
	ASN1_OBJECT *id;
	UY_OTHER_HASH_AV *hash;
	STACK_OF(UY_SPQ_INFO) *qualifiers;
} UY_SIG_POLICY_ID;
DECLARE_ASN1_FUNCTIONS(UY_SIG_POLICY_ID)

/* IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber } (RFC 5035) */
typedef struct {
	GENERAL_NAMES *issuer;
	ASN1_INTEGER *serial;
} UY_ISSUER_SERIAL;
DECLARE_ASN1_FUNCTIONS(UY_ISSUER_SERIAL)

/* OtherCertID ::= SEQUENCE { otherCertHash OtherHash, issuerSerial OPTIONAL }
 * (RFC 5126 §5.7.3.3) */
typedef struct {
	UY_OTHER_HASH *hash;
	UY_ISSUER_SERIAL *issuer_serial;
} UY_OTHER_CERT_ID;
DECLARE_ASN1_FUNCTIONS(UY_OTHER_CERT_ID)
DEFINE_STACK_OF(UY_OTHER_CERT_ID)

/* CompleteCertificateRefs ::= SEQUENCE OF OtherCertID */
typedef STACK_OF(UY_OTHER_CERT_ID) UY_CERT_REFS;
DECLARE_ASN1_FUNCTIONS(UY_CERT_REFS)

/* CrlIdentifier ::= SEQUENCE { crlissuer Name, crlIssuedTime UTCTime, crlNumber OPTIONAL } */
typedef struct {
	X509_NAME *issuer;
	ASN1_UTCTIME *issued;
	ASN1_INTEGER *number;
} UY_CRL_IDENTIFIER;
DECLARE_ASN1_FUNCTIONS(UY_CRL_IDENTIFIER)

/* CrlValidatedID ::= SEQUENCE { crlHash OtherHash, crlIdentifier OPTIONAL } */
typedef struct {
	UY_OTHER_HASH *hash;
	UY_CRL_IDENTIFIER *id;
} UY_CRL_VALIDATED_ID;
DECLARE_ASN1_FUNCTIONS(UY_CRL_VALIDATED_ID)
DEFINE_STACK_OF(UY_CRL_VALIDATED_ID)

/* CRLListID ::= SEQUENCE { crls SEQUENCE OF CrlValidatedID } */
typedef struct {
	STACK_OF(UY_CRL_VALIDATED_ID) *crls;
} UY_CRL_LIST_ID;
DECLARE_ASN1_FUNCTIONS(UY_CRL_LIST_ID)

/* ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } (RFC 6960, explicit tags) */
typedef struct {
	int type;
	union {
		X509_NAME *by_name;
		ASN1_OCTET_STRING *by_key;
	} d;
} UY_RESPONDER_ID;
DECLARE_ASN1_FUNCTIONS(UY_RESPONDER_ID)
#define UY_RESPONDER_BY_NAME 0
#define UY_RESPONDER_BY_KEY 1

/* OcspIdentifier ::= SEQUENCE { ocspResponderID ResponderID, producedAt GeneralizedTime } */
typedef struct {
	UY_RESPONDER_ID *responder;
	ASN1_GENERALIZEDTIME *produced_at;
} UY_OCSP_IDENTIFIER;
DECLARE_ASN1_FUNCTIONS(UY_OCSP_IDENTIFIER)

/* OcspResponsesID ::= SEQUENCE { ocspIdentifier, ocspRepHash OtherHash OPTIONAL } */
typedef struct {
	UY_OCSP_IDENTIFIER *id;
	UY_OTHER_HASH *hash;
} UY_OCSP_RESPONSES_ID;
DECLARE_ASN1_FUNCTIONS(UY_OCSP_RESPONSES_ID)
DEFINE_STACK_OF(UY_OCSP_RESPONSES_ID)

/* OcspListID ::= SEQUENCE { ocspResponses SEQUENCE OF OcspResponsesID } */
typedef struct {
	STACK_OF(UY_OCSP_RESPONSES_ID) *responses;
} UY_OCSP_LIST_ID;
DECLARE_ASN1_FUNCTIONS(UY_OCSP_LIST_ID)

/* CrlOcspRef ::= SEQUENCE { crlids [0] CRLListID OPTIONAL, ocspids [1] OcspListID OPTIONAL,
 * otherRev [2] OPTIONAL (never written) }, explicit tags (RFC 5126 Annex A) */
typedef struct {
	UY_CRL_LIST_ID *crlids;
	UY_OCSP_LIST_ID *ocspids;
} UY_CRL_OCSP_REF;
DECLARE_ASN1_FUNCTIONS(UY_CRL_OCSP_REF)
DEFINE_STACK_OF(UY_CRL_OCSP_REF)

/* CompleteRevocationRefs ::= SEQUENCE OF CrlOcspRef */
typedef STACK_OF(UY_CRL_OCSP_REF) UY_REV_REFS;
DECLARE_ASN1_FUNCTIONS(UY_REV_REFS)

/* CertificateValues ::= SEQUENCE OF Certificate */
typedef STACK_OF(X509) UY_CERT_VALUES;
DECLARE_ASN1_FUNCTIONS(UY_CERT_VALUES)

/* RevocationValues ::= SEQUENCE { crlVals [0] SEQUENCE OF CertificateList OPTIONAL,
 * ocspVals [1] SEQUENCE OF BasicOCSPResponse OPTIONAL, otherRevVals [2] OPTIONAL } */
typedef struct {
	STACK_OF(X509_CRL) *crls;
	STACK_OF(OCSP_BASICRESP) *ocsps;
} UY_REV_VALUES;
DECLARE_ASN1_FUNCTIONS(UY_REV_VALUES)

/* ATSHashIndexV3 ::= SEQUENCE { hashIndAlgorithm DEFAULT sha256, certificatesHashIndex,
 * crlsHashIndex, unsignedAttrValuesHashIndex } (EN 319 122-1 §5.5.2). Encode only: the
 * OPTIONAL AlgorithmIdentifier and the SEQUENCE OFs share the SEQUENCE tag, so
 * OpenSSL's template decoder fails when the algorithm is omitted. */
typedef struct {
	X509_ALGOR *alg;
	STACK_OF(ASN1_OCTET_STRING) *certs;
	STACK_OF(ASN1_OCTET_STRING) *crls;
	STACK_OF(ASN1_OCTET_STRING) *attrs;
} UY_ATS_HASH_INDEX_V3;
DECLARE_ASN1_FUNCTIONS(UY_ATS_HASH_INDEX_V3)

/* ---- DER element walker (the producer's own output, still bounds-checked) --- */

/** One DER element: where it starts, its header and its content. */
typedef struct {
	const uint8_t *ptr; /* first octet of the tag */
	size_t hdr;         /* tag + length octets */
	size_t len;         /* content octets */
	uint8_t tag;        /* the identifier octet (low tag numbers only) */
} cades_der;

/**
 * Read the element at p (at most avail bytes): single identifier octet,
 * definite length. UY_ERR_SYNTAX on anything else or when it overruns avail.
 */
UY_MUST_USE uy_err uy_cades__der_read(cades_der *out, const uint8_t *p, size_t avail);

/**
 * Locate the parts of the first SignerInfo of a DER ContentInfo(SignedData).
 * Pointers are borrowed from der. certs/crls have ptr NULL when absent.
 */
typedef struct {
	cades_der econtent_info; /* encapContentInfo SEQUENCE */
	cades_der econtent_type; /* its eContentType OID */
	cades_der econtent;      /* [0] EXPLICIT OCTET STRING: the OCTET STRING; ptr NULL if detached */
	cades_der certs;         /* [0] IMPLICIT certificates */
	cades_der crls;          /* [1] IMPLICIT crls */
	cades_der signer_info;   /* the SignerInfo SEQUENCE */
	cades_der si_fields[7];  /* version, sid, digestAlg, [0] signedAttrs, sigAlg, signature, [1] */
	size_t si_field_count;
} cades_sd_parts;

UY_MUST_USE uy_err uy_cades__sd_parts(cades_sd_parts *out, const uint8_t *der, size_t len);

/** DER of any ASN1_ITEM value into owned uy_alloc bytes. */
UY_MUST_USE uy_err uy_cades__item_der(uint8_t **out, size_t *out_len, const void *val,
    const ASN1_ITEM *it);

/** OtherHash over data with md (SHA-1: the sha1Hash arm). */
UY_MUST_USE uy_err uy_cades__other_hash(UY_OTHER_HASH **out, const EVP_MD *md,
    const uint8_t *data, size_t len);

/**
 * Record UY_ERR_CRYPTO with msg and the first error of OpenSSL's queue, then
 * drain the queue (house style §3.4). Never overwrites an inner message.
 *
 * @return UY_ERR_CRYPTO
 */
uy_err uy_cades__ossl_error(const char *file, int line, const char *msg);
#define UY_CADES_OSSL_ERROR(msg) uy_cades__ossl_error(__FILE__, __LINE__, (msg))

/* CMS types, for the steps split over files. */
#include <openssl/cms.h>

/** Add .21-.24 (complete refs and values) to si from opts (cades_ltv.c). */
UY_MUST_USE uy_err uy_cades__add_xlong(CMS_SignerInfo *si, const uy_cades_options *opts,
    const EVP_MD *ref_md);

/** Add the archive-time-stamp (v2 or v3; with ats2_time a second one) to the only SignerInfo si
 * of cms (cades_ltv.c). UY_ERR_USAGE: ats2_time set but not after ats_time. */
UY_MUST_USE uy_err uy_cades__add_ats(CMS_ContentInfo *cms, CMS_SignerInfo *si, uy_span content,
    const uy_cades_options *opts, const EVP_MD *md);

/**
 * Break the signature of a DER time-stamp token in place (catalogue TSA2): the middle byte of
 * its SignerInfo signature value is flipped, every other byte stays (tsa.c).
 * UY_ERR_CRYPTO: tok is not a SignedData with one SignerInfo.
 */
UY_MUST_USE uy_err uy_cades__token_break(uint8_t *tok, size_t tok_len);

/**
 * Add the CAdES-C time-stamp (.25, RFC 5126 §6.3.5) to si, which already carries the
 * signature-time-stamp and the complete refs (cades_ltv.c).
 */
UY_MUST_USE uy_err uy_cades__add_c_ts(CMS_SignerInfo *si, const uy_cades_options *opts,
    const EVP_MD *md);

/**
 * Add time-stamped-certs-crls-refs (.26, RFC 5126 §6.3.6) to si, which already carries the
 * complete refs (cades_ltv.c).
 */
UY_MUST_USE uy_err uy_cades__add_refs_ts(CMS_SignerInfo *si, const uy_cades_options *opts,
    const EVP_MD *md);

/** DER of a CMS ContentInfo into owned bytes. */
UY_MUST_USE uy_err uy_cades__cms_der(uint8_t **out, size_t *out_len, CMS_ContentInfo *cms);

#endif /* UYUM_TOOLS_CADES_INT_H */
