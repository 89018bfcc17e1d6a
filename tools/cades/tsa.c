/*
 * tsa.c - the in-process RFC 3161 time-stamping authority; see uy_cades_make.h.
 * OpenSSL's TS_RESP_CTX makes the token; the time comes from a callback, so
 * nothing reads the wall clock except OpenSSL's PKCS7 signing-time, which
 * tsa_fix_signing_time() replaces.
 */
#include "cades_int.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>

#include "uyum/uy_alloc.h"

typedef struct {
	int64_t gen_time;
	uint64_t serial;
} tsa_state;

/* TS_time_cb: the fixed genTime. */
static int
tsa_time_cb(TS_RESP_CTX *ctx, void *data, long *sec, long *usec)
{
	const tsa_state *st = data;

	*sec = (long)st->gen_time;
	*usec = 0;
	return 1;
}

/* TS_serial_cb: the caller's serial. */
static ASN1_INTEGER *
tsa_serial_cb(TS_RESP_CTX *ctx, void *data)
{
	const tsa_state *st = data;
	ASN1_INTEGER *serial = ASN1_INTEGER_new();

	if (serial != NULL && ASN1_INTEGER_set_uint64(serial, st->serial) != 1) {
		ASN1_INTEGER_free(serial);
		serial = NULL;
	}
	if (serial == NULL) {
		TS_RESP_CTX_set_status_info(ctx, TS_STATUS_REJECTION, "no serial");
		TS_RESP_CTX_add_failure_info(ctx, TS_INFO_ADD_INFO_NOT_AVAILABLE);
	}
	return serial;
}

/* DER request: version 1, the imprint, certReq true, no nonce. */
static uy_err
tsa_request(BIO *out, const EVP_MD *md, const uint8_t *digest, size_t digest_len)
{
	uy_err rc = UY_OK;
	TS_REQ *req = NULL;
	TS_MSG_IMPRINT *mi = NULL;
	X509_ALGOR *alg = NULL;

	req = TS_REQ_new();
	mi = TS_MSG_IMPRINT_new();
	alg = X509_ALGOR_new();
	UY_ENSURE_OUT(req != NULL && mi != NULL && alg != NULL, UY_ERR_NOMEM);
	X509_ALGOR_set_md(alg, md);
	UY_ENSURE_OUT(TS_MSG_IMPRINT_set_algo(mi, alg) == 1, UY_ERR_CRYPTO); /* copies */
	UY_ENSURE_OUT(TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)digest, (int)digest_len) == 1,
	    UY_ERR_CRYPTO);
	UY_ENSURE_OUT(TS_REQ_set_version(req, 1) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(TS_REQ_set_msg_imprint(req, mi) == 1, UY_ERR_CRYPTO); /* copies */
	UY_ENSURE_OUT(TS_REQ_set_cert_req(req, 1) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(i2d_TS_REQ_bio(out, req) == 1, UY_ERR_CRYPTO);
done:
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	TS_REQ_free(req);
	return rc;
}

/*
 * PKCS7_dataFinal() adds a wall-clock signing-time to the token's SignerInfo
 * (pk7_doit.c). Replace it with genTime and sign the attributes again with the
 * key PKCS7_add_signature() kept in the SignerInfo.
 */
static uy_err
tsa_fix_signing_time(PKCS7 *token, int64_t gen_time)
{
	uy_err rc = UY_OK;
	ASN1_TIME *t = NULL;
	STACK_OF(PKCS7_SIGNER_INFO) *sis = PKCS7_get_signer_info(token);
	PKCS7_SIGNER_INFO *si = NULL;

	UY_ENSURE_OUT(sis != NULL && sk_PKCS7_SIGNER_INFO_num(sis) == 1, UY_ERR_CRYPTO);
	si = sk_PKCS7_SIGNER_INFO_value(sis, 0);
	int idx = X509at_get_attr_by_NID(si->auth_attr, NID_pkcs9_signingTime, -1);
	if (idx >= 0) {
		X509_ATTRIBUTE_free(X509at_delete_attr(si->auth_attr, idx));
	}
	t = ASN1_TIME_set(NULL, (time_t)gen_time);
	UY_ENSURE_OUT(t != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(PKCS7_add0_attrib_signing_time(si, t) == 1, UY_ERR_CRYPTO);
	t = NULL; /* now owned by si */
	UY_ENSURE_OUT(PKCS7_SIGNER_INFO_sign(si) == 1, UY_ERR_CRYPTO);
done:
	ASN1_TIME_free(t);
	return rc;
}

/* see uy_cades_make.h */
uy_err
uy_tsa_stamp(uint8_t **out, size_t *out_len, uy_tsa *tsa, const EVP_MD *md, const uint8_t *digest,
    size_t digest_len, int64_t gen_time)
{
	uy_err rc = UY_OK;
	TS_RESP_CTX *ctx = NULL;
	TS_RESP *resp = NULL;
	BIO *req = NULL;
	ASN1_OBJECT *policy = NULL;
	const EVP_MD *tsa_md = tsa != NULL && tsa->md != NULL ? tsa->md : EVP_sha256();
	tsa_state st = { gen_time, 0 };

	UY_ASSERT_ARG(out != NULL && out_len != NULL);
	*out = NULL;
	*out_len = 0;
	UY_ASSERT_ARG(tsa != NULL && md != NULL && digest != NULL);
	UY_ASSERT_ARG(tsa->cert != NULL && tsa->key != NULL && digest_len > 0);
	UY_ASSERT_ARG(digest_len <= EVP_MAX_MD_SIZE);
	st.serial = tsa->serial;
	policy = OBJ_txt2obj(tsa->policy_oid != NULL ? tsa->policy_oid : UY_TSA_POLICY_KAMUSM, 1);
	ctx = TS_RESP_CTX_new();
	req = BIO_new(BIO_s_mem());
	UY_ENSURE_OUT(ctx != NULL && req != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(policy != NULL, UY_ERROR(UY_ERR_CRYPTO, "bad TSA policy OID"));
	/* TS_RESP_CTX_set_signer_cert refuses a certificate without the critical
	 * timeStamping EKU (RFC 3161 §2.3). */
	if (TS_RESP_CTX_set_signer_cert(ctx, tsa->cert) != 1) {
		rc = UY_ERROR(UY_ERR_CRYPTO, "TSA certificate refused (EKU timeStamping, critical?)");
		goto done;
	}
	UY_ENSURE_OUT(TS_RESP_CTX_set_signer_key(ctx, tsa->key) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(TS_RESP_CTX_set_signer_digest(ctx, tsa_md) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(TS_RESP_CTX_set_ess_cert_id_digest(ctx, tsa_md) == 1, UY_ERR_CRYPTO);
	if (tsa->certs != NULL) {
		UY_ENSURE_OUT(TS_RESP_CTX_set_certs(ctx, tsa->certs) == 1, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(TS_RESP_CTX_set_def_policy(ctx, policy) == 1, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(TS_RESP_CTX_add_md(ctx, md) == 1, UY_ERR_CRYPTO);
	if (tsa->accuracy_seconds != 0 || tsa->accuracy_millis != 0) {
		UY_ENSURE_OUT(TS_RESP_CTX_set_accuracy(ctx, (int)tsa->accuracy_seconds,
		    (int)tsa->accuracy_millis, 0) == 1, UY_ERR_CRYPTO);
	}
	TS_RESP_CTX_set_time_cb(ctx, tsa_time_cb, &st);
	TS_RESP_CTX_set_serial_cb(ctx, tsa_serial_cb, &st);
	UY_TRY_OUT(tsa_request(req, md, digest, digest_len));
	resp = TS_RESP_create_response(ctx, req);
	UY_ENSURE_OUT(resp != NULL, UY_ERROR(UY_ERR_CRYPTO, "TS_RESP_create_response failed"));
	const ASN1_INTEGER *status = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp));
	if (ASN1_INTEGER_get(status) != TS_STATUS_GRANTED) {
		rc = UY_ERROR(UY_ERR_CRYPTO, "the TSA rejected the request");
		goto done;
	}
	PKCS7 *token = TS_RESP_get_token(resp); /* borrowed from resp */
	UY_ENSURE_OUT(token != NULL, UY_ERR_CRYPTO);
	UY_TRY_OUT(tsa_fix_signing_time(token, gen_time));
	unsigned char *der = NULL;
	int n = i2d_PKCS7(token, &der);
	UY_ENSURE_OUT(n > 0, UY_ERR_CRYPTO);
	*out = uy_alloc((size_t)n);
	if (*out == NULL) {
		OPENSSL_free(der);
		rc = UY_ERR_NOMEM;
		goto done;
	}
	memcpy(*out, der, (size_t)n);
	*out_len = (size_t)n;
	OPENSSL_free(der);
	tsa->serial++;
done:
	if (rc == UY_ERR_CRYPTO) {
		(void)UY_CADES_OSSL_ERROR("time-stamp token not made");
	}
	TS_RESP_free(resp);
	BIO_free(req);
	TS_RESP_CTX_free(ctx);
	ASN1_OBJECT_free(policy);
	return rc;
}

/* see cades_int.h */
uy_err
uy_cades__token_break(uint8_t *tok, size_t tok_len)
{
	uy_err rc = UY_OK;
	const unsigned char *p = tok;
	PKCS7 *t = d2i_PKCS7(NULL, &p, (long)tok_len);
	STACK_OF(PKCS7_SIGNER_INFO) *sis = NULL;
	PKCS7_SIGNER_INFO *si = NULL;
	const uint8_t *sig = NULL;
	size_t n = 0;

	UY_ENSURE_OUT(t != NULL && p == tok + tok_len && PKCS7_type_is_signed(t), UY_ERR_CRYPTO);
	sis = PKCS7_get_signer_info(t); /* borrowed from t */
	UY_ENSURE_OUT(sis != NULL && sk_PKCS7_SIGNER_INFO_num(sis) == 1, UY_ERR_CRYPTO);
	si = sk_PKCS7_SIGNER_INFO_value(sis, 0);
	UY_ENSURE_OUT(si->enc_digest != NULL && ASN1_STRING_length(si->enc_digest) > 0,
	    UY_ERR_CRYPTO);
	sig = ASN1_STRING_get0_data(si->enc_digest);
	n = (size_t)ASN1_STRING_length(si->enc_digest);
	/* the signature value is the last field of the token's SignerInfo (no unsignedAttrs unless
	 * an ats-hash-index-v3 was added): search it from the end; flip its middle byte so an ECDSA
	 * value keeps its DER framing */
	for (size_t i = tok_len - n + 1; i-- > 0;) {
		if (memcmp(tok + i, sig, n) == 0) {
			tok[i + n / 2] ^= 0x01;
			goto done;
		}
	}
	rc = UY_ERROR(UY_ERR_INTERNAL, "token signature not found");
done:
	PKCS7_free(t);
	return rc;
}
