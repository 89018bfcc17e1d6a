/* signer.c - the software uy_signer over an EVP_PKEY; see uy_cades_make.h. */
#include "cades_int.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/rsa.h>

#include "uyum/uy_alloc.h"

/* Software sign callback: payload is the borrowed EVP_PKEY. */
static uy_err
signer_sign_common(EVP_PKEY *key, int pss, const EVP_MD *md, const uint8_t *tbs, size_t len,
    uint8_t **sig, size_t *sig_len)
{
	uy_err rc = UY_OK;
	EVP_MD_CTX *mctx = NULL;
	EVP_PKEY_CTX *pctx = NULL; /* borrowed from mctx */
	uint8_t *buf = NULL;
	size_t n = 0;

	*sig = NULL;
	*sig_len = 0;
	mctx = EVP_MD_CTX_new();
	UY_ENSURE_OUT(mctx != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestSignInit(mctx, &pctx, md, NULL, key) == 1, UY_ERR_CRYPTO);
	if (pss) {
		/* *= RFC 4056 §3
		 *# the saltLength ... the length of the output of the hash function */
		UY_ENSURE_OUT(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0,
		    UY_ERR_CRYPTO);
		UY_ENSURE_OUT(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0,
		    UY_ERR_CRYPTO);
		UY_ENSURE_OUT(EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) > 0, UY_ERR_CRYPTO);
	}
	UY_ENSURE_OUT(EVP_DigestSign(mctx, NULL, &n, tbs, len) == 1, UY_ERR_CRYPTO);
	buf = uy_alloc(n);
	UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestSign(mctx, buf, &n, tbs, len) == 1, UY_ERR_CRYPTO);
	*sig = buf;
	buf = NULL; /* now owned by caller */
	*sig_len = n;
done:
	if (rc == UY_ERR_CRYPTO) {
		(void)UY_CADES_OSSL_ERROR("software signature failed");
	}
	uy_free(buf);
	EVP_MD_CTX_free(mctx);
	return rc;
}

static uy_err
signer_sign_plain(void *payload, const EVP_MD *md, const uint8_t *tbs, size_t len, uint8_t **sig,
    size_t *sig_len)
{
	return signer_sign_common(payload, 0, md, tbs, len, sig, sig_len);
}

static uy_err
signer_sign_pss(void *payload, const EVP_MD *md, const uint8_t *tbs, size_t len, uint8_t **sig,
    size_t *sig_len)
{
	return signer_sign_common(payload, 1, md, tbs, len, sig, sig_len);
}

/* see uy_cades_make.h */
uy_err
uy_signer_init_pkey(uy_signer *s, X509 *cert, STACK_OF(X509) *chain, EVP_PKEY *key,
    uy_sig_scheme scheme)
{
	UY_ASSERT_ARG(s != NULL && cert != NULL && key != NULL);
	memset(s, 0, sizeof(*s));
	if (X509_check_private_key(cert, key) != 1) {
		ERR_clear_error();
		return UY_ERROR(UY_ERR_CRYPTO, "the key does not match the signer certificate");
	}
	int is_rsa = EVP_PKEY_is_a(key, "RSA");
	int is_ec = EVP_PKEY_is_a(key, "EC");
	switch (scheme) {
	case UY_SIG_RSA_PKCS1:
	case UY_SIG_RSA_PSS:
		UY_ENSURE(is_rsa, UY_ERROR(UY_ERR_CRYPTO, "RSA scheme needs an RSA key"));
		break;
	case UY_SIG_ECDSA:
		UY_ENSURE(is_ec, UY_ERROR(UY_ERR_CRYPTO, "ECDSA needs an EC key"));
		break;
	default:
		return UY_ERROR(UY_ERR_USAGE, "unknown signature scheme %d", (int)scheme);
	}
	s->cert = cert;
	s->chain = chain;
	s->scheme = scheme;
	s->sign = scheme == UY_SIG_RSA_PSS ? signer_sign_pss : signer_sign_plain;
	s->payload = key;
	return UY_OK;
}
