/*
 * cades_make.c - the CAdES producer: SignerInfo with an external signature,
 * signed attributes, signature-time-stamp and defects; see uy_cades_make.h.
 */
#include "cades_int.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/rsa.h>

#include "uyum/uy_alloc.h"

/* Most signed attributes we sign: the producer adds at most six. */
#define UY_CADES_MAX_SIGNED_ATTRS 64
/* Cap of the signed-attributes DER handed to the signer: a few kB in practice. */
#define UY_CADES_MAX_TBS (1u << 20)

/* see cades_int.h */
uy_err
uy_cades__cms_der(uint8_t **out, size_t *out_len, CMS_ContentInfo *cms)
{
	return uy_cades__item_der(out, out_len, cms, ASN1_ITEM_rptr(CMS_ContentInfo));
}

/* One encoded attribute, for sorting the SET OF. */
typedef struct {
	unsigned char *der;
	size_t len;
} make_enc;

/* DER SET OF order (X.690 §11.6): octet strings compared, shorter first on a tie. */
static int
make_enc_cmp(const void *a, const void *b)
{
	const make_enc *x = a;
	const make_enc *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->der, y->der, n);

	if (c != 0) {
		return c;
	}
	return x->len < y->len ? -1 : (x->len > y->len ? 1 : 0);
}

/* DER header (tag + definite length) into hdr; returns its size. */
static size_t
make_der_header(uint8_t hdr[6], uint8_t tag, size_t len)
{
	size_t n = 0;

	hdr[n++] = tag;
	if (len < 0x80) {
		hdr[n++] = (uint8_t)len;
		return n;
	}
	size_t octets = 0;
	for (size_t v = len; v > 0; v >>= 8) {
		octets++;
	}
	hdr[n++] = (uint8_t)(0x80 | octets);
	for (size_t i = octets; i > 0; i--) {
		hdr[n++] = (uint8_t)(len >> (8 * (i - 1)));
	}
	return n;
}

/*
 * The bytes RFC 5652 §5.4 signs: the DER SET OF of the signed attributes,
 * with the SET tag (0x31), not the [0] IMPLICIT tag of SignerInfo.
 */
static uy_err
make_signed_attrs_der(uy_buf *out, CMS_SignerInfo *si)
{
	uy_err rc = UY_OK;
	make_enc enc[UY_CADES_MAX_SIGNED_ATTRS];
	int count = CMS_signed_get_attr_count(si);
	size_t total = 0;
	uint8_t hdr[6];

	memset(enc, 0, sizeof(enc));
	UY_ENSURE_OUT(count > 0 && count <= UY_CADES_MAX_SIGNED_ATTRS, UY_ERR_LIMIT);
	for (int i = 0; i < count; i++) {
		int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &enc[i].der);
		UY_ENSURE_OUT(n > 0, UY_ERR_CRYPTO);
		enc[i].len = (size_t)n;
		total += (size_t)n;
	}
	qsort(enc, (size_t)count, sizeof(enc[0]), make_enc_cmp);
	size_t hlen = make_der_header(hdr, 0x31, total);
	UY_TRY_OUT(uy_buf_append(out, hdr, hlen));
	for (int i = 0; i < count; i++) {
		UY_TRY_OUT(uy_buf_append(out, enc[i].der, enc[i].len));
	}
done:
	for (int i = 0; i < UY_CADES_MAX_SIGNED_ATTRS; i++) {
		OPENSSL_free(enc[i].der);
	}
	return rc;
}

/* SignerInfo.signatureAlgorithm for the scheme (RFC 3370 §3.2, RFC 4056, RFC 5753). */
static uy_err
make_sig_alg(X509_ALGOR *alg, uy_sig_scheme scheme, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	RSA_PSS_PARAMS *pss = NULL;
	X509_ALGOR *mgf_md = NULL;
	ASN1_STRING *mgf_param = NULL;
	ASN1_STRING *pss_der = NULL;
	int nid = NID_undef;

	switch (scheme) {
	case UY_SIG_RSA_PKCS1:
		/* rsaEncryption with NULL parameters, as OpenSSL and RFC 3370 §3.2 write it */
		UY_ENSURE_OUT(X509_ALGOR_set0(alg, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL,
		    NULL) == 1, UY_ERR_CRYPTO);
		break;
	case UY_SIG_ECDSA:
		UY_ENSURE_OUT(OBJ_find_sigid_by_algs(&nid, EVP_MD_get_type(md), NID_X9_62_id_ecPublicKey)
		    == 1, UY_ERROR(UY_ERR_CRYPTO, "no ECDSA signature OID for %s", EVP_MD_get0_name(md)));
		UY_ENSURE_OUT(X509_ALGOR_set0(alg, OBJ_nid2obj(nid), V_ASN1_UNDEF, NULL) == 1,
		    UY_ERR_CRYPTO);
		break;
	case UY_SIG_RSA_PSS:
		pss = RSA_PSS_PARAMS_new();
		mgf_md = X509_ALGOR_new();
		UY_ENSURE_OUT(pss != NULL && mgf_md != NULL, UY_ERR_NOMEM);
		pss->hashAlgorithm = X509_ALGOR_new();
		pss->maskGenAlgorithm = X509_ALGOR_new();
		pss->saltLength = ASN1_INTEGER_new();
		UY_ENSURE_OUT(pss->hashAlgorithm != NULL && pss->maskGenAlgorithm != NULL &&
		    pss->saltLength != NULL, UY_ERR_NOMEM);
		X509_ALGOR_set_md(pss->hashAlgorithm, md);
		X509_ALGOR_set_md(mgf_md, md);
		UY_ENSURE_OUT(ASN1_item_pack(mgf_md, ASN1_ITEM_rptr(X509_ALGOR), &mgf_param) != NULL,
		    UY_ERR_CRYPTO);
		UY_ENSURE_OUT(X509_ALGOR_set0(pss->maskGenAlgorithm, OBJ_nid2obj(NID_mgf1),
		    V_ASN1_SEQUENCE, mgf_param) == 1, UY_ERR_CRYPTO);
		mgf_param = NULL; /* now owned by pss */
		UY_ENSURE_OUT(ASN1_INTEGER_set(pss->saltLength, EVP_MD_get_size(md)) == 1,
		    UY_ERR_CRYPTO);
		UY_ENSURE_OUT(ASN1_item_pack(pss, ASN1_ITEM_rptr(RSA_PSS_PARAMS), &pss_der) != NULL,
		    UY_ERR_CRYPTO);
		UY_ENSURE_OUT(X509_ALGOR_set0(alg, OBJ_nid2obj(NID_rsassaPss), V_ASN1_SEQUENCE,
		    pss_der) == 1, UY_ERR_CRYPTO);
		pss_der = NULL; /* now owned by alg */
		break;
	default:
		rc = UY_ERROR(UY_ERR_USAGE, "unknown signature scheme %d", (int)scheme);
		break;
	}
done:
	ASN1_STRING_free(pss_der);
	ASN1_STRING_free(mgf_param);
	X509_ALGOR_free(mgf_md);
	RSA_PSS_PARAMS_free(pss);
	return rc;
}

/* Flip the lowest bit of the last byte of needle inside hay (a defect knob). */
static uy_err
make_flip_in(uint8_t *hay, size_t hay_len, const uint8_t *needle, size_t n)
{
	for (size_t i = 0; n > 0 && i + n <= hay_len; i++) {
		if (memcmp(hay + i, needle, n) == 0) {
			hay[i + n - 1] ^= 0x01;
			return UY_OK;
		}
	}
	return UY_ERROR(UY_ERR_INTERNAL, "defect target not found");
}

/* DER of the signing-certificate(-v2) attribute value (RFC 2634 §5.4, RFC 5035 §3). */
static uy_err
make_ess_der(uint8_t **out, size_t *out_len, X509 *cert, const uy_cades_options *o,
    const EVP_MD *ess_md, int corrupt)
{
	uy_err rc = UY_OK;
	ESS_SIGNING_CERT *v1 = NULL;
	ESS_SIGNING_CERT_V2 *v2 = NULL;
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	*out = NULL;
	*out_len = 0;
	if (o->ess_version == 1) {
		/* v1 always hashes with SHA-1: the P2-P4 defect of scenario S9 */
		v1 = OSSL_ESS_signing_cert_new_init(cert, NULL, o->ess_issuer_serial);
		UY_ENSURE_OUT(v1 != NULL, UY_ERR_CRYPTO);
		UY_TRY_OUT(uy_cades__item_der(out, out_len, v1, ASN1_ITEM_rptr(ESS_SIGNING_CERT)));
		UY_ENSURE_OUT(X509_digest(cert, EVP_sha1(), dig, &dlen) == 1, UY_ERR_CRYPTO);
	} else {
		v2 = OSSL_ESS_signing_cert_v2_new_init(ess_md, cert, NULL, o->ess_issuer_serial);
		UY_ENSURE_OUT(v2 != NULL, UY_ERR_CRYPTO);
		UY_TRY_OUT(uy_cades__item_der(out, out_len, v2,
		    ASN1_ITEM_rptr(ESS_SIGNING_CERT_V2)));
		UY_ENSURE_OUT(X509_digest(cert, ess_md, dig, &dlen) == 1, UY_ERR_CRYPTO);
	}
	if (corrupt) {
		UY_TRY_OUT(make_flip_in(*out, *out_len, dig, dlen));
	}
done:
	if (rc != UY_OK) {
		uy_free(*out);
		*out = NULL;
		*out_len = 0;
	}
	ESS_SIGNING_CERT_free(v1);
	ESS_SIGNING_CERT_V2_free(v2);
	return rc;
}

/* Hex string to bytes (the policy hash constant). */
static uy_err
make_unhex(uint8_t *out, size_t cap, size_t *out_len, const char *hex)
{
	size_t n = strlen(hex);

	UY_ENSURE(n % 2 == 0 && n / 2 <= cap, UY_ERR_INTERNAL);
	for (size_t i = 0; i < n / 2; i++) {
		unsigned v = 0;
		for (size_t k = 0; k < 2; k++) {
			char c = hex[2 * i + k];
			unsigned d = (c >= '0' && c <= '9') ? (unsigned)(c - '0')
			    : (c >= 'A' && c <= 'F') ? (unsigned)(c - 'A' + 10)
			    : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10) : 16u;
			UY_ENSURE(d < 16, UY_ERR_INTERNAL);
			v = v * 16 + d;
		}
		out[i] = (uint8_t)v;
	}
	*out_len = n / 2;
	return UY_OK;
}

/* DER of SignaturePolicyIdentifier (signaturePolicyId arm), RFC 5126 §5.8.1; spec §2.1-2.3. */
static uy_err
make_policy_der(uint8_t **out, size_t *out_len, const uy_cades_options *o)
{
	uy_err rc = UY_OK;
	UY_SIG_POLICY_ID *sp = NULL;
	UY_SPQ_INFO *q = NULL;
	USERNOTICE *un = NULL;
	ASN1_STRING *un_der = NULL;
	uint8_t hash[64];
	size_t hash_len = 0;
	const char *oid = o->policy_oid;

	*out = NULL;
	*out_len = 0;
	if (oid == NULL) {
		oid = o->policy == UY_CADES_POLICY_P2 ? UY_CADES_OID_P2
		    : o->policy == UY_CADES_POLICY_P3 ? UY_CADES_OID_P3 : UY_CADES_OID_P4;
	}
	if (o->policy_hash != NULL) {
		UY_ENSURE_OUT(o->policy_hash_len > 0 && o->policy_hash_len <= sizeof(hash), UY_ERR_USAGE);
		memcpy(hash, o->policy_hash, o->policy_hash_len);
		hash_len = o->policy_hash_len;
	} else {
		/* *= signatures-and-certificates.md §2.3
		 *# **Rule (Kamu SM profile):** OID is one of the three; hash algorithm SHA-256
		 *# (MA3: "Policy digest algorithm is not SHA-256"); value `FF39BD29…08117A`. */
		UY_TRY_OUT(make_unhex(hash, sizeof(hash), &hash_len, UY_CADES_POLICY_HASH_HEX));
	}
	sp = UY_SIG_POLICY_ID_new();
	UY_ENSURE_OUT(sp != NULL, UY_ERR_NOMEM);
	ASN1_OBJECT_free(sp->id);
	sp->id = OBJ_txt2obj(oid, 1);
	UY_ENSURE_OUT(sp->id != NULL, UY_ERROR(UY_ERR_USAGE, "bad policy OID %s", oid));
	UY_ENSURE_OUT(X509_ALGOR_set0(sp->hash->alg, OBJ_nid2obj(NID_sha256), V_ASN1_UNDEF, NULL)
	    == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(ASN1_OCTET_STRING_set(sp->hash->value, hash, (int)hash_len) == 1,
	    UY_ERR_NOMEM);
	if (o->user_notice != NULL) {
		/* SPUserNotice ::= SEQUENCE { noticeRef OPTIONAL, explicitText DisplayText
		 * OPTIONAL }: the same shape as X.509's UserNotice. */
		un = USERNOTICE_new();
		UY_ENSURE_OUT(un != NULL, UY_ERR_NOMEM);
		un->exptext = ASN1_UTF8STRING_new();
		UY_ENSURE_OUT(un->exptext != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(ASN1_STRING_set(un->exptext, o->user_notice, -1) == 1, UY_ERR_NOMEM);
		UY_ENSURE_OUT(ASN1_item_pack(un, ASN1_ITEM_rptr(USERNOTICE), &un_der) != NULL,
		    UY_ERR_CRYPTO);
		q = UY_SPQ_INFO_new();
		sp->qualifiers = sk_UY_SPQ_INFO_new_null();
		UY_ENSURE_OUT(q != NULL && sp->qualifiers != NULL, UY_ERR_NOMEM);
		ASN1_OBJECT_free(q->id);
		q->id = OBJ_nid2obj(NID_id_smime_spq_ets_sqt_unotice);
		ASN1_TYPE_set(q->qualifier, V_ASN1_SEQUENCE, un_der);
		un_der = NULL; /* now owned by q */
		UY_ENSURE_OUT(sk_UY_SPQ_INFO_push(sp->qualifiers, q) > 0, UY_ERR_NOMEM);
		q = NULL; /* now owned by sp */
	}
	UY_TRY_OUT(uy_cades__item_der(out, out_len, sp, ASN1_ITEM_rptr(UY_SIG_POLICY_ID)));
done:
	ASN1_STRING_free(un_der);
	USERNOTICE_free(un);
	UY_SPQ_INFO_free(q);
	UY_SIG_POLICY_ID_free(sp);
	return rc;
}

/* Replace the value of signed attribute nid (defects after signing). */
static uy_err
make_replace_signed(CMS_SignerInfo *si, int nid, int type, const void *data, int len)
{
	int idx = CMS_signed_get_attr_by_NID(si, nid, -1);

	UY_ENSURE(idx >= 0, UY_ERR_INTERNAL);
	X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, idx));
	UY_ENSURE(CMS_signed_add1_attr_by_NID(si, nid, type, data, len) == 1, UY_ERR_CRYPTO);
	return UY_OK;
}

/*
 * content-time-stamp (RFC 5126 §5.11.4; EN 319 122-1 §5.2.8): a signed attribute, so the token
 * is made before the signature, over dig, the hash of the content message-digest also holds.
 */
static uy_err
make_content_ts(CMS_SignerInfo *si, const uy_cades_options *o, const EVP_MD *md,
    const uint8_t *dig, unsigned int dlen)
{
	uy_err rc = UY_OK;
	uint8_t *tok = NULL;
	size_t tok_len = 0;
	uint8_t imp[EVP_MAX_MD_SIZE];
	int64_t when = o->content_ts_time != 0 ? o->content_ts_time : o->signing_time - 120;

	/* *= RFC 5126 §5.11.4
	 *# The content-time-stamp attribute is an attribute that is the time-stamp
	 *# token of the signed data content before it is signed. */
	memcpy(imp, dig, dlen);
	if (o->defects & UY_CADES_DEFECT_CONTENT_TS_IMPRINT) {
		imp[0] ^= 0x01;
	}
	UY_TRY_OUT(uy_tsa_stamp(&tok, &tok_len, o->tsa, md, imp, dlen, when));
	UY_ENSURE_OUT(tok_len < (size_t)INT32_MAX, UY_ERR_LIMIT);
	UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_ets_contentTimestamp,
	    V_ASN1_SEQUENCE, tok, (int)tok_len) == 1, UY_ERR_CRYPTO);
done:
	uy_free(tok);
	return rc;
}

/* Add all signed attributes; corrupt ones are corrupted now only if before_signing. */
static uy_err
make_signed_attrs(CMS_SignerInfo *si, const uy_signer *signer, const uy_cades_options *o,
    const EVP_MD *md, const EVP_MD *ess_md, const uint8_t *dig, unsigned int dlen, int counter)
{
	uy_err rc = UY_OK;
	uint8_t *ess = NULL;
	size_t ess_len = 0;
	uint8_t *pol = NULL;
	size_t pol_len = 0;
	ASN1_TIME *t = NULL;
	uint8_t md_val[EVP_MAX_MD_SIZE];
	int early = o->defects_before_signing;

	memcpy(md_val, dig, dlen);
	if (early && (o->defects & UY_CADES_DEFECT_MESSAGE_DIGEST)) {
		md_val[dlen - 1] ^= 0x01;
	}
	/* *= RFC 5652 §5.3
	 *# If the field is present, it MUST contain, at a minimum, the following two
	 *# attributes: A content-type attribute ... A message-digest attribute */
	/* *= RFC 5652 §11.1
	 *# The content-type attribute MUST NOT be used as part of a countersignature [...] */
	if (!counter) {
		UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
		    OBJ_nid2obj(NID_pkcs7_data), -1) == 1, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
	    md_val, (int)dlen) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(make_ess_der(&ess, &ess_len, signer->cert, o, ess_md,
	    early && (o->defects & UY_CADES_DEFECT_ESS_HASH)));
	UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, o->ess_version == 1
	    ? NID_id_smime_aa_signingCertificate : NID_id_smime_aa_signingCertificateV2,
	    V_ASN1_SEQUENCE, ess, (int)ess_len) == 1, UY_ERR_CRYPTO);
	if (o->has_signing_time) {
		/* UTCTime up to 2049, GeneralizedTime after (RFC 5652 §11.3) */
		t = ASN1_TIME_set(NULL, (time_t)o->signing_time);
		UY_ENSURE_OUT(t != NULL, UY_ERR_NOMEM);
		UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1)
		    == 1, UY_ERR_CRYPTO);
	}
	if (o->level >= UY_CADES_EPES || o->policy != UY_CADES_POLICY_NONE) {
		UY_TRY_OUT(make_policy_der(&pol, &pol_len, o));
		UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_ets_sigPolicyId,
		    V_ASN1_SEQUENCE, pol, (int)pol_len) == 1, UY_ERR_CRYPTO);
	}
	if (o->content_timestamp) {
		UY_TRY_OUT(make_content_ts(si, o, md, dig, dlen));
	}
done:
	ASN1_TIME_free(t);
	uy_free(ess);
	uy_free(pol);
	return rc;
}

/* Defects applied after the signature value exists. */
static uy_err
make_late_defects(CMS_SignerInfo *si, const uy_signer *signer, const uy_cades_options *o,
    const EVP_MD *ess_md, const uint8_t *dig, unsigned int dlen)
{
	uy_err rc = UY_OK;
	uint8_t *ess = NULL;
	size_t ess_len = 0;
	uint8_t md_val[EVP_MAX_MD_SIZE];

	if (!o->defects_before_signing && (o->defects & UY_CADES_DEFECT_MESSAGE_DIGEST)) {
		memcpy(md_val, dig, dlen);
		md_val[dlen - 1] ^= 0x01;
		UY_TRY_OUT(make_replace_signed(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
		    md_val, (int)dlen));
	}
	if (!o->defects_before_signing && (o->defects & UY_CADES_DEFECT_ESS_HASH)) {
		UY_TRY_OUT(make_ess_der(&ess, &ess_len, signer->cert, o, ess_md, 1));
		UY_TRY_OUT(make_replace_signed(si, o->ess_version == 1
		    ? NID_id_smime_aa_signingCertificate : NID_id_smime_aa_signingCertificateV2,
		    V_ASN1_SEQUENCE, ess, (int)ess_len));
	}
	if (o->defects & UY_CADES_DEFECT_SIGNATURE) {
		ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
		UY_ENSURE_OUT(sig != NULL && ASN1_STRING_length(sig) > 0, UY_ERR_INTERNAL);
		/* the middle byte: for ECDSA the DER framing stays intact */
		sig->data[sig->length / 2] ^= 0x01;
	}
done:
	uy_free(ess);
	return rc;
}

/* signature-time-stamp (RFC 5126 §6.1.1): imprint over the signature value octets. */
static uy_err
make_sig_tst(CMS_SignerInfo *si, const uy_cades_options *o, const EVP_MD *md)
{
	uy_err rc = UY_OK;
	uint8_t *tok = NULL;
	size_t tok_len = 0;
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);

	/* *= RFC 5126 §6.1.1
	 *# The value of the messageImprint field within TimeStampToken shall be a
	 *# hash of the value of the signature field within SignerInfo for the
	 *# signedData being time-stamped. */
	UY_ENSURE_OUT(EVP_Digest(ASN1_STRING_get0_data(sig), (size_t)ASN1_STRING_length(sig), dig,
	    &dlen, md, NULL) == 1, UY_ERR_CRYPTO);
	if (o->defects & UY_CADES_DEFECT_TST_IMPRINT) {
		dig[0] ^= 0x01;
	}
	UY_TRY_OUT(uy_tsa_stamp(&tok, &tok_len, o->tsa, md, dig, dlen, o->tst_time));
	if (o->defects & UY_CADES_DEFECT_TST_SIGNATURE) {
		UY_TRY_OUT(uy_cades__token_break(tok, tok_len));
	}
	UY_ENSURE_OUT(CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken,
	    V_ASN1_SEQUENCE, tok, (int)tok_len) == 1, UY_ERR_CRYPTO);
done:
	uy_free(tok);
	return rc;
}

/* Put x in SignedData.certificates unless it is there already. */
static uy_err
make_add_cert_once(CMS_ContentInfo *cms, X509 *x)
{
	STACK_OF(X509) *have = CMS_get1_certs(cms); /* owned; NULL when there are none */
	int found = 0;

	for (int i = 0; i < sk_X509_num(have); i++) {
		if (X509_cmp(sk_X509_value(have, i), x) == 0) {
			found = 1;
		}
	}
	sk_X509_pop_free(have, X509_free);
	if (!found && CMS_add1_cert(cms, x) != 1) {
		return UY_ERR_CRYPTO;
	}
	return UY_OK;
}

/* Checks shared by uy_cades_make and uy_cades_cosign. */
static uy_err
make_check_opts(const uy_signer *signer, const uy_cades_options *opts)
{
	UY_ASSERT_ARG(signer != NULL && opts != NULL);
	UY_ASSERT_ARG(signer->cert != NULL && signer->sign != NULL);
	UY_ASSERT_ARG(opts->version == UY_CADES_OPTIONS_VERSION);
	UY_ASSERT_ARG(opts->level != UY_CADES_EPES || opts->policy != UY_CADES_POLICY_NONE);
	UY_ASSERT_ARG(opts->level < UY_CADES_T || opts->tsa != NULL);
	UY_ASSERT_ARG(opts->ess_version == 1 || opts->ess_version == 2);
	UY_ASSERT_ARG(opts->level != UY_CADES_A || opts->ats_version == 2 || opts->ats_version == 3);
	UY_ASSERT_ARG(!opts->c_timestamp || opts->level >= UY_CADES_XLONG);
	UY_ASSERT_ARG(!opts->refs_timestamp || opts->level >= UY_CADES_XLONG);
	UY_ASSERT_ARG(!opts->content_timestamp || opts->tsa != NULL);
	return UY_OK;
}

/*
 * Add one SignerInfo to cms over content and build it up to opts->level. counter: content is
 * the countersigned signature value and the content-type attribute is left out (RFC 5652
 * §11.4). The SignerInfo is borrowed from cms.
 */
static uy_err
make_signer(CMS_ContentInfo *cms, const uy_signer *signer, uy_span content,
    const uy_cades_options *opts, int counter)
{
	uy_err rc = UY_OK;
	EVP_PKEY *pub = NULL;
	uy_buf tbs;
	uint8_t *sig = NULL;
	size_t sig_len = 0;
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	const EVP_MD *md = opts->md != NULL ? opts->md : EVP_sha256();
	const EVP_MD *ess_md = opts->ess_md != NULL ? opts->ess_md : EVP_sha256();
	const EVP_MD *ref_md = opts->ref_md != NULL ? opts->ref_md : EVP_sha256();

	uy_buf_init(&tbs, UY_CADES_MAX_TBS, 0);
	/*
	 * CMS_add1_signer only compares the key with the certificate, so the
	 * certificate's public key will do: CMS_PARTIAL keeps OpenSSL from
	 * signing, CMS_NOSMIMECAP from adding smimeCapabilities (spec §6 pitfall 8).
	 * CMS_NOCERTS: certificates are added here, each once (a second signer shares CAs).
	 */
	pub = X509_get_pubkey(signer->cert);
	UY_ENSURE_OUT(pub != NULL, UY_ERR_CRYPTO);
	CMS_SignerInfo *si = CMS_add1_signer(cms, signer->cert, pub, md,
	    CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP | CMS_NOCERTS); /* borrowed from cms */
	UY_ENSURE_OUT(si != NULL, UY_ERROR(UY_ERR_CRYPTO, "CMS_add1_signer failed"));
	UY_TRY_OUT(make_add_cert_once(cms, signer->cert));
	if (opts->include_chain && signer->chain != NULL) {
		for (int i = 0; i < sk_X509_num(signer->chain); i++) {
			UY_TRY_OUT(make_add_cert_once(cms, sk_X509_value(signer->chain, i)));
		}
	}
	X509_ALGOR *psig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, NULL, &psig);
	UY_TRY_OUT(make_sig_alg(psig, signer->scheme, md));

	UY_ENSURE_OUT(EVP_Digest(content.ptr != NULL ? content.ptr : (const uint8_t *)"", content.len,
	    dig, &dlen, md, NULL) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(make_signed_attrs(si, signer, opts, md, ess_md, dig, dlen, counter));
	UY_TRY_OUT(make_signed_attrs_der(&tbs, si));
	UY_TRY_OUT(signer->sign(signer->payload, md, tbs.ptr, tbs.len, &sig, &sig_len));
	UY_ENSURE_OUT(sig != NULL && sig_len > 0 && sig_len < (size_t)INT32_MAX, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)sig_len) == 1,
	    UY_ERR_NOMEM);
	UY_TRY_OUT(make_late_defects(si, signer, opts, ess_md, dig, dlen));

	if (opts->level >= UY_CADES_T) {
		UY_TRY_OUT(make_sig_tst(si, opts, md));
	}
	if (opts->level >= UY_CADES_XLONG) {
		UY_TRY_OUT(uy_cades__add_xlong(si, opts, ref_md));
		if (opts->c_timestamp) {
			UY_TRY_OUT(uy_cades__add_c_ts(si, opts, md));
		}
		if (opts->refs_timestamp) {
			UY_TRY_OUT(uy_cades__add_refs_ts(si, opts, md));
		}
	}
	if (opts->level >= UY_CADES_A) {
		UY_TRY_OUT(uy_cades__add_ats(cms, si, content, opts, md));
	}
done:
	uy_free(sig);
	uy_buf_dispose(&tbs);
	EVP_PKEY_free(pub);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_cades_make(uint8_t **out, size_t *out_len, const uy_signer *signer, uy_span content,
    const uy_cades_options *opts)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *cms = NULL;

	UY_ASSERT_ARG(out != NULL && out_len != NULL);
	*out = NULL;
	*out_len = 0;
	UY_TRY(make_check_opts(signer, opts));
	UY_ASSERT_ARG(content.ptr != NULL || content.len == 0);
	unsigned int base = CMS_BINARY | CMS_PARTIAL | (opts->detached ? CMS_DETACHED : 0u);

	cms = CMS_sign(NULL, NULL, NULL, NULL, base);
	UY_ENSURE_OUT(cms != NULL, UY_ERR_CRYPTO);
	if (!opts->detached) {
		ASN1_OCTET_STRING **pos = CMS_get0_content(cms);
		UY_ENSURE_OUT(pos != NULL, UY_ERR_CRYPTO);
		if (*pos == NULL) {
			*pos = ASN1_OCTET_STRING_new();
			UY_ENSURE_OUT(*pos != NULL, UY_ERR_NOMEM);
		}
		UY_ENSURE_OUT(ASN1_OCTET_STRING_set(*pos, content.ptr, (int)content.len) == 1,
		    UY_ERR_NOMEM);
		/* ASN1_STRING_FLAG_CONT would mean "streamed later": the content is here */
		(*pos)->flags &= ~ASN1_STRING_FLAG_CONT;
	}
	UY_TRY_OUT(make_signer(cms, signer, content, opts, 0));
	UY_TRY_OUT(uy_cades__cms_der(out, out_len, cms));
done:
	if (rc == UY_ERR_CRYPTO) {
		(void)UY_CADES_OSSL_ERROR("CAdES signature not made");
	}
	CMS_ContentInfo_free(cms);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_cades_cosign(uint8_t **out, size_t *out_len, uy_span cms_der, const uy_signer *signer,
    uy_span content, uy_cades_cosign_mode mode, const uy_cades_options *opts)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *cms = NULL;
	CMS_ContentInfo *tmp = NULL;
	uint8_t *tmp_der = NULL;
	size_t tmp_len = 0;
	const unsigned char *p = cms_der.ptr;
	cades_sd_parts parts;

	UY_ASSERT_ARG(out != NULL && out_len != NULL);
	*out = NULL;
	*out_len = 0;
	UY_TRY(make_check_opts(signer, opts));
	UY_ASSERT_ARG(mode == UY_CADES_PARALLEL || mode == UY_CADES_COUNTER);
	UY_ASSERT_ARG(opts->level < UY_CADES_A);
	UY_ASSERT_ARG(content.ptr != NULL || content.len == 0);
	UY_ASSERT_ARG(cms_der.ptr != NULL && cms_der.len > 0 && cms_der.len < (size_t)INT32_MAX);
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)cms_der.len);
	UY_ENSURE_OUT(cms != NULL && p == cms_der.ptr + cms_der.len &&
	    OBJ_obj2nid(CMS_get0_type(cms)) == NID_pkcs7_signed,
	    UY_ERROR(UY_ERR_SYNTAX, "not a DER CMS SignedData"));
	STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms); /* borrowed from cms */
	UY_ENSURE_OUT(sis != NULL && sk_CMS_SignerInfo_num(sis) > 0,
	    UY_ERROR(UY_ERR_SYNTAX, "the SignedData has no SignerInfo"));
	if (mode == UY_CADES_PARALLEL) {
		UY_TRY_OUT(make_signer(cms, signer, content, opts, 0));
	} else {
		CMS_SignerInfo *first = sk_CMS_SignerInfo_value(sis, 0);
		ASN1_OCTET_STRING *sv = CMS_SignerInfo_get0_signature(first); /* borrowed */

		/* *= RFC 5652 §11.4
		 *# The countersignature attribute type specifies one or more signatures on the
		 *# contents octets of the signature OCTET STRING in a SignerInfo value of the
		 *# signed-data. */
		tmp = CMS_sign(NULL, NULL, NULL, NULL, CMS_BINARY | CMS_PARTIAL | CMS_DETACHED);
		UY_ENSURE_OUT(tmp != NULL, UY_ERR_CRYPTO);
		UY_TRY_OUT(make_signer(tmp, signer, (uy_span){ ASN1_STRING_get0_data(sv),
		    (size_t)ASN1_STRING_length(sv) }, opts, 1));
		UY_TRY_OUT(uy_cades__cms_der(&tmp_der, &tmp_len, tmp));
		UY_TRY_OUT(uy_cades__sd_parts(&parts, tmp_der, tmp_len));
		size_t n = parts.signer_info.hdr + parts.signer_info.len;
		UY_ENSURE_OUT(n < (size_t)INT32_MAX, UY_ERR_LIMIT);
		UY_ENSURE_OUT(CMS_unsigned_add1_attr_by_NID(first, NID_pkcs9_countersignature,
		    V_ASN1_SEQUENCE, parts.signer_info.ptr, (int)n) == 1, UY_ERR_CRYPTO);
		UY_TRY_OUT(make_add_cert_once(cms, signer->cert));
		if (opts->include_chain && signer->chain != NULL) {
			for (int i = 0; i < sk_X509_num(signer->chain); i++) {
				UY_TRY_OUT(make_add_cert_once(cms, sk_X509_value(signer->chain, i)));
			}
		}
	}
	UY_TRY_OUT(uy_cades__cms_der(out, out_len, cms));
done:
	if (rc == UY_ERR_CRYPTO) {
		(void)UY_CADES_OSSL_ERROR("second signature not added");
	}
	uy_free(tmp_der);
	CMS_ContentInfo_free(tmp);
	CMS_ContentInfo_free(cms);
	return rc;
}
