/*
 * cades_sig.c - CAdES signature-level building block (uy_cades.h).
 *
 * OpenSSL does the ASN.1 decoding and the cryptography; the CAdES rules
 * (which attributes, how many, what they must equal) are uyum code. We never
 * rely on CMS_verify()'s aggregate answer: each check is made on its own so
 * that the first failure gets its own sub-indication.
 */
#include <limits.h>
#include <openssl/asn1t.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "uyum/uy_cades.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_ltv.h"

#include "cades_int.h"

#define CL_DER "ITU-T X.690 §10.1; RFC 5652 §3"
#define CL_SIGNED_DATA "RFC 5652 §5.1"
#define CL_SIGNED_ATTRS "ETSI EN 319 122-1 §5.1; RFC 5652 §5.3"
#define CL_CONTENT_TYPE "RFC 5652 §11.1; ETSI EN 319 122-1 §5.1.1"
#define CL_MESSAGE_DIGEST "RFC 5652 §11.2; ETSI EN 319 122-1 §5.1.2"
#define CL_SIGNING_TIME "RFC 5652 §11.3; ETSI EN 319 122-1 §5.2.1"
#define CL_ESS "RFC 5035 §5.4; ETSI EN 319 122-1 §5.2.2; ETSI EN 319 102-1 §5.2.3"
#define CL_SIGNATURE "RFC 5652 §5.4, §5.6; ETSI EN 319 102-1 §5.2.7"
#define CL_NO_CONTENT "ETSI EN 319 102-1 §5.2.7; RFC 5652 §5.2"
#define CL_COUNTERSIGNATURE "RFC 5652 §11.4"

/*
 * ESS structures (RFC 2634 §5.4, RFC 5035 §3). OpenSSL 3.0 has codecs for
 * them but no accessors, so we decode with our own templates.
 */
typedef struct {
	GENERAL_NAMES *issuer;
	ASN1_INTEGER *serial;
} cades_issuer_serial;

typedef struct {
	X509_ALGOR *hash_alg;	/* NULL: DEFAULT id-sha256 (v2); always NULL for v1 */
	ASN1_OCTET_STRING *hash;
	cades_issuer_serial *issuer_serial;
} cades_cert_id;

DEFINE_STACK_OF(cades_cert_id)

typedef struct {
	STACK_OF(cades_cert_id) *cert_ids;
	STACK_OF(POLICYINFO) *policies;
} cades_signing_cert;

ASN1_SEQUENCE(cades_issuer_serial) = {
	ASN1_SEQUENCE_OF(cades_issuer_serial, issuer, GENERAL_NAME),
	ASN1_SIMPLE(cades_issuer_serial, serial, ASN1_INTEGER)
} static_ASN1_SEQUENCE_END(cades_issuer_serial)

/* ESSCertID ::= SEQUENCE { certHash Hash, issuerSerial IssuerSerial OPTIONAL } */
ASN1_SEQUENCE(cades_cert_id) = {
	ASN1_SIMPLE(cades_cert_id, hash, ASN1_OCTET_STRING),
	ASN1_OPT(cades_cert_id, issuer_serial, cades_issuer_serial)
} static_ASN1_SEQUENCE_END(cades_cert_id)

/* ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256, certHash, issuerSerial OPTIONAL } */
typedef cades_cert_id cades_cert_id_v2;
ASN1_SEQUENCE(cades_cert_id_v2) = {
	ASN1_OPT(cades_cert_id_v2, hash_alg, X509_ALGOR),
	ASN1_SIMPLE(cades_cert_id_v2, hash, ASN1_OCTET_STRING),
	ASN1_OPT(cades_cert_id_v2, issuer_serial, cades_issuer_serial)
} static_ASN1_SEQUENCE_END(cades_cert_id_v2)

typedef cades_signing_cert cades_signing_cert_v2;
ASN1_SEQUENCE(cades_signing_cert) = {
	ASN1_SEQUENCE_OF(cades_signing_cert, cert_ids, cades_cert_id),
	ASN1_SEQUENCE_OF_OPT(cades_signing_cert, policies, POLICYINFO)
} static_ASN1_SEQUENCE_END(cades_signing_cert)

ASN1_SEQUENCE(cades_signing_cert_v2) = {
	ASN1_SEQUENCE_OF(cades_signing_cert_v2, cert_ids, cades_cert_id_v2),
	ASN1_SEQUENCE_OF_OPT(cades_signing_cert_v2, policies, POLICYINFO)
} static_ASN1_SEQUENCE_END(cades_signing_cert_v2)

/* ------------------------------------------------------------------ */
/* Strict DER walk (X.690 §10): definite, minimal lengths; no BER strings. */

typedef enum {
	DER_OK = 0,
	DER_TRUNCATED,
	DER_INDEFINITE,
	DER_NONMINIMAL,
	DER_CONSTRUCTED_STRING,
	DER_TOO_DEEP,
	DER_TRAILING
} cades_der_status;

static const char *
cades_der_message(cades_der_status st)
{
	switch (st) {
	case DER_TRUNCATED:
		return "not DER: the encoding ends early (truncated)";
	case DER_INDEFINITE:
		return "not DER: indefinite length (BER)";
	case DER_NONMINIMAL:
		return "not DER: length or tag not in minimal form";
	case DER_CONSTRUCTED_STRING:
		return "not DER: constructed string encoding (BER)";
	case DER_TOO_DEEP:
		return "not DER: nesting deeper than uyum's limit";
	case DER_TRAILING:
		return "bytes follow the ContentInfo";
	case DER_OK:
	default:
		return "";
	}
}

/* Walk the TLVs in p[0..len) exactly; constructed ones recursively. */
static cades_der_status
cades_der_walk(const uint8_t *p, size_t len, unsigned depth)
{
	size_t i = 0;

	if (depth > UY_CADES_MAX_DER_DEPTH) {
		return DER_TOO_DEEP;
	}
	while (i < len) {
		uint8_t id = p[i++];
		int constructed = (id & 0x20) != 0;
		unsigned cls = id >> 6;
		unsigned long tag = id & 0x1fu;
		if (tag == 0x1f) {	/* high tag number form */
			if (i >= len) {
				return DER_TRUNCATED;
			}
			if (p[i] == 0x80) {
				return DER_NONMINIMAL;
			}
			tag = 0;
			unsigned n = 0;
			for (;;) {
				if (i >= len) {
					return DER_TRUNCATED;
				}
				uint8_t b = p[i++];
				if (++n > 4) {
					return DER_NONMINIMAL;
				}
				tag = (tag << 7) | (b & 0x7fu);
				if ((b & 0x80) == 0) {
					break;
				}
			}
			if (tag < 0x1f) {
				return DER_NONMINIMAL;
			}
		}
		if (i >= len) {
			return DER_TRUNCATED;
		}
		uint8_t first = p[i++];
		size_t clen = first;
		if (first & 0x80) {
			size_t n = first & 0x7fu;
			if (n == 0) {
				return DER_INDEFINITE;
			}
			if (n > sizeof(size_t) || n == 0x7f) {
				return DER_NONMINIMAL;
			}
			if (n > len - i) {
				return DER_TRUNCATED;
			}
			if (p[i] == 0) {
				return DER_NONMINIMAL;
			}
			clen = 0;
			for (size_t k = 0; k < n; k++) {
				clen = (clen << 8) | p[i++];
			}
			if (clen < 0x80) {
				return DER_NONMINIMAL;
			}
		}
		if (clen > len - i) {
			return DER_TRUNCATED;
		}
		if (constructed) {
			/* X.690 §10.2: strings are primitive in DER. */
			if (cls == 0 && (tag == 3 || tag == 4 || tag == 12 ||
			                 (tag >= 18 && tag <= 30))) {
				return DER_CONSTRUCTED_STRING;
			}
			cades_der_status st = cades_der_walk(p + i, clen, depth + 1);
			if (st != DER_OK) {
				return st;
			}
		}
		i += clen;
	}
	return DER_OK;
}

/* Exactly one top-level TLV covering the whole input. */
static cades_der_status
cades_der_check(uy_span der)
{
	if (der.len < 2) {
		return DER_TRUNCATED;
	}
	/* Find the end of the first TLV by walking it alone. */
	size_t i = 1;
	if ((der.ptr[0] & 0x1f) == 0x1f) {
		while (i < der.len && (der.ptr[i] & 0x80)) {
			i++;
		}
		i++;
	}
	if (i >= der.len) {
		return DER_TRUNCATED;
	}
	uint8_t first = der.ptr[i++];
	size_t clen = first;
	if (first == 0x80) {
		return DER_INDEFINITE;
	}
	if (first & 0x80) {
		size_t n = first & 0x7fu;
		if (n > sizeof(size_t) || n > der.len - i) {
			return DER_TRUNCATED;
		}
		clen = 0;
		for (size_t k = 0; k < n; k++) {
			clen = (clen << 8) | der.ptr[i++];
		}
	}
	if (clen > der.len - i) {
		return DER_TRUNCATED;
	}
	size_t end = i + clen;
	cades_der_status st = cades_der_walk(der.ptr, end, 0);
	if (st != DER_OK) {
		return st;
	}
	return end == der.len ? DER_OK : DER_TRAILING;
}

/* ------------------------------------------------------------------ */
/* Attributes. */

/* Number of signed attributes of type nid. */
static int
cades_signed_attr_count(const CMS_SignerInfo *si, int nid)
{
	int count = 0;
	int n = CMS_signed_get_attr_count(si);
	for (int i = 0; i < n; i++) {
		X509_ATTRIBUTE *a = CMS_signed_get_attr(si, i);
		if (a != NULL && OBJ_obj2nid(X509_ATTRIBUTE_get0_object(a)) == nid) {
			count++;
		}
	}
	return count;
}

/* The single value of the single signed attribute nid, or NULL. */
static ASN1_TYPE *
cades_signed_attr_value(const CMS_SignerInfo *si, int nid)
{
	int pos = CMS_signed_get_attr_by_NID(si, nid, -1);
	if (pos < 0) {
		return NULL;
	}
	X509_ATTRIBUTE *a = CMS_signed_get_attr(si, pos);
	if (a == NULL || X509_ATTRIBUTE_count(a) != 1) {
		return NULL;
	}
	return X509_ATTRIBUTE_get0_type(a, 0);
}

/* Number of values of all unsigned attributes of type nid. */
static size_t
cades_unsigned_value_count(const CMS_SignerInfo *si, int nid)
{
	size_t count = 0;
	int n = CMS_unsigned_get_attr_count(si);
	for (int i = 0; i < n; i++) {
		X509_ATTRIBUTE *a = CMS_unsigned_get_attr(si, i);
		if (a != NULL && OBJ_obj2nid(X509_ATTRIBUTE_get0_object(a)) == nid) {
			int c = X509_ATTRIBUTE_count(a);
			count += c > 0 ? (size_t)c : 0;
		}
	}
	return count;
}

/*
 * signing-time: 1 if well formed (and *t set), 0 if not.
 * RFC 5652 §11.3: UTCTime for 1950-2049, GeneralizedTime otherwise; DER
 * forms end in Z (X.690 §11.7, §11.8).
 */
static int
cades_signing_time(const ASN1_TYPE *v, int64_t *t)
{
	const ASN1_TIME *tm = NULL;
	int type = ASN1_TYPE_get(v);
	if (type == V_ASN1_UTCTIME) {
		tm = v->value.utctime;
	} else if (type == V_ASN1_GENERALIZEDTIME) {
		tm = v->value.generalizedtime;
	} else {
		return 0;
	}
	if (tm == NULL || ASN1_TIME_check(tm) != 1 || tm->length < 13 ||
	    tm->data[tm->length - 1] != 'Z') {
		return 0;
	}
	if (type == V_ASN1_UTCTIME && tm->length != 13) {
		return 0;
	}
	struct tm parts;
	memset(&parts, 0, sizeof(parts));
	if (ASN1_TIME_to_tm(tm, &parts) != 1) {
		return 0;
	}
	int year = parts.tm_year + 1900;
	if (type == V_ASN1_GENERALIZEDTIME && year >= 1950 && year <= 2049) {
		return 0;
	}
	/* Days from civil (proleptic Gregorian), no timegm() needed. */
	int64_t y = year - (parts.tm_mon + 1 <= 2 ? 1 : 0);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t m = parts.tm_mon + 1;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + parts.tm_mday - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	*t = days * 86400 + parts.tm_hour * 3600 + parts.tm_min * 60 + parts.tm_sec;
	return 1;
}

/* issuerSerial (RFC 5035 §4): exactly one directoryName = the cert's issuer, same serial. */
static int
cades_issuer_serial_matches(const cades_issuer_serial *is, X509 *cert)
{
	if (sk_GENERAL_NAME_num(is->issuer) != 1) {
		return 0;
	}
	const GENERAL_NAME *gn = sk_GENERAL_NAME_value(is->issuer, 0);
	if (gn == NULL || gn->type != GEN_DIRNAME ||
	    X509_NAME_cmp(gn->d.directoryName, X509_get_issuer_name(cert)) != 0) {
		return 0;
	}
	return ASN1_INTEGER_cmp(is->serial, X509_get0_serialNumber(cert)) == 0;
}

/*
 * Check one signing-certificate(-v2) attribute against the signer
 * certificate. Sets *v on failure. Returns UY_ERR_CRYPTO only when hashing
 * the certificate fails.
 */
static uy_err
cades_check_ess(uy_verdict *v, uy_cades_signer_report *rep, const CMS_SignerInfo *si, int nid,
                X509 *cert)
{
	uy_err rc = UY_OK;
	cades_signing_cert *sc = NULL;
	const ASN1_ITEM *it = nid == NID_id_smime_aa_signingCertificateV2
	                          ? ASN1_ITEM_rptr(cades_signing_cert_v2)
	                          : ASN1_ITEM_rptr(cades_signing_cert);
	const char *name = nid == NID_id_smime_aa_signingCertificateV2 ? "signing-certificate-v2"
	                                                                 : "signing-certificate";
	char msg[UY_VERDICT_REASON_MAX];

	const ASN1_TYPE *val = cades_signed_attr_value(si, nid);
	if (val == NULL || ASN1_TYPE_get(val) != V_ASN1_SEQUENCE) {
		snprintf(msg, sizeof(msg), "%s attribute is not one SEQUENCE value", name);
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, msg, CL_ESS);
		goto done;
	}
	const unsigned char *p = val->value.sequence->data;
	long plen = val->value.sequence->length;
	const unsigned char *q = p;
	sc = (cades_signing_cert *)ASN1_item_d2i(NULL, &q, plen, it);
	if (sc == NULL || q != p + plen) {
		snprintf(msg, sizeof(msg), "%s attribute cannot be decoded", name);
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, msg, CL_ESS);
		goto done;
	}
	const cades_cert_id *cid = sk_cades_cert_id_value(sc->cert_ids, 0);
	if (cid == NULL) {
		snprintf(msg, sizeof(msg), "%s lists no certificate", name);
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND, msg,
		               CL_ESS);
		goto done;
	}
	const EVP_MD *md = EVP_sha1();
	if (nid == NID_id_smime_aa_signingCertificateV2) {
		md = cid->hash_alg == NULL ? EVP_sha256() : EVP_get_digestbyobj(cid->hash_alg->algorithm);
	}
	if (md == NULL) {
		snprintf(msg, sizeof(msg), "%s hash algorithm not supported", name);
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND, msg,
		               CL_ESS);
		goto done;
	}
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int hlen = 0;
	/* X509_digest hashes the certificate's original DER (kept by OpenSSL). */
	UY_ENSURE_OUT(X509_digest(cert, md, h, &hlen) == 1,
	              UY_ERROR(UY_ERR_CRYPTO, "cannot hash the signer certificate"));
	if (cid->hash == NULL || (unsigned int)cid->hash->length != hlen ||
	    memcmp(cid->hash->data, h, hlen) != 0) {
		snprintf(msg, sizeof(msg), "%s certHash does not match the signer certificate",
		         name);
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND, msg,
		               CL_ESS);
		goto done;
	}
	if (cid->issuer_serial != NULL) {
		rep->ess_issuer_serial = 1;
		if (!cades_issuer_serial_matches(cid->issuer_serial, cert)) {
			snprintf(msg, sizeof(msg),
			         "%s issuerSerial does not match the signer certificate", name);
			uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND,
			               msg, CL_ESS);
			goto done;
		}
	}
done:
	ASN1_item_free((ASN1_VALUE *)sc, it);
	return rc;
}

/* Hash of the content with the SignerInfo's digest algorithm vs message-digest. */
static uy_err
cades_check_message_digest(uy_verdict *v, const ASN1_OCTET_STRING *md_attr, const EVP_MD *md,
                           const uy_span *content)
{
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int hlen = 0;

	if (content == NULL) {
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_SIGNED_DATA_NOT_FOUND,
		               "detached signature and no content given", CL_NO_CONTENT);
		return UY_OK;
	}
	if (EVP_Digest(content->len > 0 ? content->ptr : (const uint8_t *)"", content->len, h, &hlen,
	               md, NULL) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "cannot hash the signed content");
	}
	if ((unsigned int)md_attr->length != hlen || memcmp(md_attr->data, h, hlen) != 0) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_HASH_FAILURE,
		               "message-digest does not match the content", CL_MESSAGE_DIGEST);
	}
	return UY_OK;
}

/*
 * Verify a countersignature's signature over the DER SET OF its signed
 * attributes, as encoded (RFC 5652 §5.4). OpenSSL 3.0's CMS_SignerInfo_verify()
 * cannot: it requires content-type, which a countersignature must not carry.
 * RSA PKCS#1 v1.5, RSASSA-PSS (parameters from signatureAlgorithm) and ECDSA,
 * with the digest of digestAlgorithm. *ok is 1 when the signature verifies.
 */
static uy_err
cades_verify_counter(int *ok, X509 *cert, const X509_ALGOR *dig_alg, const X509_ALGOR *sig_alg,
                     uy_span signed_attrs_tlv, uy_span sig)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *ctx = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	RSA_PSS_PARAMS *pss = NULL;
	X509_ALGOR *mgf1 = NULL;
	uint8_t *tbs = NULL;
	const EVP_MD *md = dig_alg != NULL ? EVP_get_digestbyobj(dig_alg->algorithm) : NULL;
	const EVP_MD *mgf_md = NULL;
	int pss_on = sig_alg != NULL && OBJ_obj2nid(sig_alg->algorithm) == NID_rsassaPss;
	long salt = 20;	/* RFC 4055 §3.1 defaults: SHA-1, MGF1-SHA-1, 20 */

	*ok = 0;
	if (md == NULL || signed_attrs_tlv.len < 2 || signed_attrs_tlv.len > (size_t)INT_MAX) {
		goto done;
	}
	if (pss_on) {
		pss = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(RSA_PSS_PARAMS), sig_alg->parameter);
		if (pss == NULL) {
			goto done;
		}
		md = pss->hashAlgorithm != NULL ? EVP_get_digestbyobj(pss->hashAlgorithm->algorithm)
		                                : EVP_sha1();
		mgf_md = EVP_sha1();
		if (pss->maskGenAlgorithm != NULL) {
			if (OBJ_obj2nid(pss->maskGenAlgorithm->algorithm) != NID_mgf1) {
				goto done;
			}
			mgf1 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(X509_ALGOR),
			                                 pss->maskGenAlgorithm->parameter);
			mgf_md = mgf1 != NULL ? EVP_get_digestbyobj(mgf1->algorithm) : NULL;
		}
		if (pss->saltLength != NULL) {
			salt = ASN1_INTEGER_get(pss->saltLength);
		}
		if (md == NULL || mgf_md == NULL || salt < 0 || salt > INT_MAX) {
			goto done;
		}
	}
	/* The signature is over the SET OF (tag 0x31), not the [0] IMPLICIT encoding. */
	tbs = OPENSSL_malloc(signed_attrs_tlv.len);
	ctx = EVP_MD_CTX_new();
	UY_ENSURE_OUT(tbs != NULL && ctx != NULL, UY_ERROR(UY_ERR_NOMEM, "countersignature check"));
	memcpy(tbs, signed_attrs_tlv.ptr, signed_attrs_tlv.len);
	tbs[0] = 0x31;
	if (EVP_DigestVerifyInit(ctx, &pctx, md, NULL, X509_get0_pubkey(cert)) != 1) {
		goto done;
	}
	if (pss_on && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
	               EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, (int)salt) != 1 ||
	               EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, mgf_md) != 1)) {
		goto done;
	}
	*ok = EVP_DigestVerify(ctx, sig.ptr, sig.len, tbs, signed_attrs_tlv.len) == 1;
done:
	ERR_clear_error();
	OPENSSL_free(tbs);
	EVP_MD_CTX_free(ctx);
	X509_ALGOR_free(mgf1);
	RSA_PSS_PARAMS_free(pss);
	return rc;
}

/* All checks of one SignerInfo; the verdict goes to rep->verdict. */
static uy_err
cades_check_signer(uy_cades_signer_report *rep, CMS_SignerInfo *si, STACK_OF(X509) *certs,
                   const ASN1_OBJECT *econtent_type, const uy_span *content,
                   int countersignature, const uy_ltv_signer *raw)
{
	uy_verdict *v = &rep->verdict;
	X509_ALGOR *dig_alg = NULL;
	X509_ALGOR *sig_alg = NULL;
	X509 *cert = NULL;

	*v = UY_VERDICT_UNSET;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig_alg, &sig_alg);
	rep->digest_nid = dig_alg != NULL ? OBJ_obj2nid(dig_alg->algorithm) : NID_undef;
	rep->signature_nid = sig_alg != NULL ? OBJ_obj2nid(sig_alg->algorithm) : NID_undef;
	rep->countersignatures = cades_unsigned_value_count(si, NID_pkcs9_countersignature);

	/* *= ETSI EN 319 122-1 §5.1
	 *# content-type and message-digest are mandatory signed attributes */
	if (CMS_signed_get_attr_count(si) <= 0) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, "no signed attributes",
		               CL_SIGNED_ATTRS);
		return UY_OK;
	}

	/* content-type: exactly one, one value, = eContentType (RFC 5652 §11.1);
	 * none in a countersignature (§11.4), which has no content type of its own. */
	const ASN1_TYPE *ct = cades_signed_attr_value(si, NID_pkcs9_contentType);
	if (countersignature) {
		if (cades_signed_attr_count(si, NID_pkcs9_contentType) != 0) {
			uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
			               "countersignature carries a content-type attribute",
			               CL_COUNTERSIGNATURE);
		}
	} else if (cades_signed_attr_count(si, NID_pkcs9_contentType) != 1 || ct == NULL ||
	    ASN1_TYPE_get(ct) != V_ASN1_OBJECT) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "content-type attribute missing, repeated or malformed",
		               CL_CONTENT_TYPE);
	} else if (econtent_type == NULL || OBJ_cmp(ct->value.object, econtent_type) != 0) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "content-type attribute differs from eContentType", CL_CONTENT_TYPE);
	}

	/* message-digest: exactly one OCTET STRING (RFC 5652 §11.2). */
	const ASN1_TYPE *mdv = cades_signed_attr_value(si, NID_pkcs9_messageDigest);
	if (cades_signed_attr_count(si, NID_pkcs9_messageDigest) != 1 || mdv == NULL ||
	    ASN1_TYPE_get(mdv) != V_ASN1_OCTET_STRING) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "message-digest attribute missing, repeated or malformed",
		               CL_MESSAGE_DIGEST);
		mdv = NULL;
	}

	/* signing-time: at most one; its absence is for the profile to judge. */
	int st_count = cades_signed_attr_count(si, NID_pkcs9_signingTime);
	if (st_count > 1) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "more than one signing-time attribute", CL_SIGNING_TIME);
	} else if (st_count == 1) {
		const ASN1_TYPE *stv = cades_signed_attr_value(si, NID_pkcs9_signingTime);
		int64_t t = 0;
		if (stv == NULL || !cades_signing_time(stv, &t)) {
			uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
			               "signing-time is not one DER UTCTime/GeneralizedTime value",
			               CL_SIGNING_TIME);
		} else {
			rep->signing_time_present = 1;
			rep->signing_time = t;
		}
	}

	/* Identification of the signing certificate (EN 319 102-1 §5.2.3). */
	for (int i = 0; i < sk_X509_num(certs); i++) {
		X509 *x = sk_X509_value(certs, i);
		if (x != NULL && CMS_SignerInfo_cert_cmp(si, x) == 0) {
			cert = x;
			rep->signer_cert_found = 1;
			rep->signer_cert_index = (size_t)i;
			break;
		}
	}
	int n_v1 = cades_signed_attr_count(si, NID_id_smime_aa_signingCertificate);
	int n_v2 = cades_signed_attr_count(si, NID_id_smime_aa_signingCertificateV2);
	rep->ess_version = (n_v1 > 0 ? 1 : 0) | (n_v2 > 0 ? 2 : 0);
	if (n_v1 > 1 || n_v2 > 1) {
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "signing-certificate attribute repeated", CL_ESS);
	}
	if (cert == NULL) {
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND,
		               "signer certificate (sid) not in SignedData.certificates", CL_ESS);
		return UY_OK;
	}
	if (n_v1 == 0 && n_v2 == 0) {
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND,
		               "no signing-certificate(-v2) attribute", CL_ESS);
	}
	if (n_v2 == 1) {
		UY_TRY(cades_check_ess(v, rep, si, NID_id_smime_aa_signingCertificateV2, cert));
	}
	if (n_v1 == 1) {
		UY_TRY(cades_check_ess(v, rep, si, NID_id_smime_aa_signingCertificate, cert));
	}

	/* Cryptographic verification (EN 319 102-1 §5.2.7): digest, then signature. */
	if (mdv != NULL) {
		const EVP_MD *md = dig_alg != NULL ? EVP_get_digestbyobj(dig_alg->algorithm) : NULL;
		if (md == NULL) {
			uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_CRYPTO_CONSTRAINTS_FAILURE,
			               "digest algorithm not supported", CL_SIGNATURE);
		} else {
			UY_TRY(cades_check_message_digest(v, mdv->value.octet_string, md, content));
		}
	}
	if (X509_get0_pubkey(cert) == NULL) {
		ERR_clear_error();
		uy_verdict_set(v, UY_IND_INDETERMINATE, UY_SUB_NO_SIGNING_CERTIFICATE_FOUND,
		               "signer certificate public key cannot be decoded", CL_SIGNATURE);
		return UY_OK;
	}
	if (countersignature) {
		int ok = 0;
		UY_TRY(cades_verify_counter(&ok, cert, dig_alg, sig_alg, raw->signed_attrs_tlv,
		                            raw->signature_value));
		if (!ok) {
			uy_verdict_set(v, UY_IND_FAILED, UY_SUB_SIG_CRYPTO_FAILURE,
			               "countersignature over the signed attributes does not verify",
			               CL_SIGNATURE);
		}
		uy_verdict_set(v, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
		return UY_OK;
	}
	/* set1: the SignerInfo takes its own references to cert and its public key. */
	CMS_SignerInfo_set1_signer_cert(si, cert);
	/* 1: the signature over DER(signedAttrs) verifies; anything else: it does not. */
	if (CMS_SignerInfo_verify(si) != 1) {
		ERR_clear_error();
		uy_verdict_set(v, UY_IND_FAILED, UY_SUB_SIG_CRYPTO_FAILURE,
		               "signature over the signed attributes does not verify", CL_SIGNATURE);
	}
	uy_verdict_set(v, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
	return UY_OK;
}

/* see uy_cades.h */
uy_err
uy_cades_check_signature(uy_verdict *out, uy_cades_sig_report *details, uy_span cms_der,
                         const uy_span *detached_content, const uy_cades_sig_options *opts)
{
	return uy_cades__check_signature_ex(out, details, cms_der, NULL, detached_content, opts,
	                                    NULL);
}

/* see cades_int.h */
uy_err
uy_cades__check_signature_ex(uy_verdict *out, uy_cades_sig_report *details, uy_span cms_der,
                             CMS_ContentInfo *parsed, const uy_span *detached_content,
                             const uy_cades_sig_options *opts, STACK_OF(X509) **certs_out)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *owned = NULL;	/* decoded here when the caller did not */
	CMS_ContentInfo *cms = parsed;
	STACK_OF(X509) *certs = NULL;
	unsigned char *re = NULL;
	uy_ltv_signer *raw = NULL;	/* countersignatures only */
	uy_cades_sig_report local;
	uy_cades_sig_report *rep = details != NULL ? details : &local;

	UY_ASSERT_ARG(out != NULL);
	UY_ASSERT_ARG(cms_der.ptr != NULL || cms_der.len == 0);
	UY_ASSERT_ARG(opts == NULL || opts->version == UY_CADES_SIG_OPTIONS_VERSION);
	*out = UY_VERDICT_UNSET;
	if (certs_out != NULL) {
		*certs_out = NULL;
	}
	memset(rep, 0, sizeof(*rep));
	UY_ENSURE_OUT(cms_der.len <= UY_MAX_SIGNATURE_PART,
	              UY_ERROR(UY_ERR_LIMIT, "signature file larger than UY_MAX_SIGNATURE_PART"));

	/* 1. Strict DER, then OpenSSL's decoding must consume it all. */
	cades_der_status st = cades_der_check(cms_der);
	if (st != DER_OK) {
		uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE, cades_der_message(st),
		               CL_DER);
		goto done;
	}
	if (cms == NULL) {
		const unsigned char *p = cms_der.ptr;
		/* d2i advances its pointer: pass a copy and require it to reach the end. */
		owned = d2i_CMS_ContentInfo(NULL, &p, (long)cms_der.len);
		if (owned == NULL || p != cms_der.ptr + cms_der.len) {
			ERR_clear_error();
			uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
			               "not a CMS ContentInfo", CL_DER);
			goto done;
		}
		cms = owned;
	}
	/* OpenSSL accepts BER; DER is the unique encoding, so re-encoding must give it back. */
	int relen = i2d_CMS_ContentInfo(cms, &re);
	UY_ENSURE_OUT(relen > 0, UY_ERROR(UY_ERR_NOMEM, "cannot re-encode the ContentInfo"));
	if ((size_t)relen != cms_der.len || memcmp(re, cms_der.ptr, cms_der.len) != 0) {
		uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "not DER: the encoding differs from its DER re-encoding", CL_DER);
		goto done;
	}
	if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed) {
		uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "ContentInfo does not hold SignedData", CL_SIGNED_DATA);
		goto done;
	}
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
	int nsi = sis != NULL ? sk_CMS_SignerInfo_num(sis) : 0;
	if (nsi <= 0) {
		uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
		               "SignedData has no SignerInfo", CL_SIGNED_DATA);
		goto done;
	}
	UY_ENSURE_OUT((size_t)nsi <= UY_CADES_MAX_SIGNERS,
	              UY_ERROR(UY_ERR_LIMIT, "more than UY_CADES_MAX_SIGNERS SignerInfos"));

	/* 2. The content: attached eContent wins over the caller's detached one. */
	uy_span attached = {NULL, 0};
	const uy_span *content = detached_content;
	ASN1_OCTET_STRING **pos = CMS_get0_content(cms);
	if (pos != NULL && *pos != NULL) {
		attached.ptr = (*pos)->data;
		attached.len = (size_t)(*pos)->length;
		content = &attached;
	} else {
		rep->detached = 1;
	}
	certs = CMS_get1_certs(cms);	/* NULL when there are none: no signer found */
	ERR_clear_error();

	int counter = opts != NULL && opts->countersignature;
	if (counter) {
		/* the signed attributes as encoded, for cades_verify_counter() */
		raw = OPENSSL_zalloc(sizeof(*raw));
		UY_ENSURE_OUT(raw != NULL, UY_ERROR(UY_ERR_NOMEM, "countersignature check"));
	}
	for (int i = 0; i < nsi; i++) {
		uy_cades_signer_report *sr = &rep->signers[i];
		if (counter && uy_ltv_parse_signer(raw, cms_der, (size_t)i) != UY_OK) {
			uy_verdict_set(out, UY_IND_FAILED, UY_SUB_FORMAT_FAILURE,
			               "a SignerInfo cannot be located in the DER", CL_SIGNED_DATA);
			goto done;
		}
		UY_TRY_OUT(cades_check_signer(sr, sk_CMS_SignerInfo_value(sis, i), certs,
		                              CMS_get0_eContentType(cms), content, counter, raw));
		rep->signer_count = (size_t)i + 1;
		if (uy_verdict_is_failure(&sr->verdict)) {
			char msg[UY_VERDICT_REASON_MAX + 32];	/* uy_verdict_set cuts it */
			snprintf(msg, sizeof(msg), "SignerInfo %d: %s", i + 1, sr->verdict.reason);
			uy_verdict_set(out, sr->verdict.indication, sr->verdict.sub, msg,
			               sr->verdict.clause);
		}
	}
	uy_verdict_set(out, UY_IND_PASSED, UY_SUB_NONE, NULL, NULL);
done:
	if (rc != UY_OK) {
		*out = UY_VERDICT_UNSET;
	} else if (certs_out != NULL) {
		*certs_out = certs;	/* handed over: the caller's decoding of them */
		certs = NULL;
	}
	OPENSSL_free(re);
	OPENSSL_free(raw);
	sk_X509_pop_free(certs, X509_free);
	CMS_ContentInfo_free(owned);
	return rc;
}
