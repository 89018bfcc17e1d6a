/*
 * eypgen_kit.c - signing kits from the test PKI, and the deterministic RNG context
 * (uy_eypgen.h).
 */
#include "uy_eypgen.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/core_names.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "uyum/uy_alloc.h"

/* Bytes of fixed "entropy" given to each TEST-RAND DRBG. */
#define EK_DET_ENTROPY 65536u

/* Keep an owned DER copy in the kit and return its span. */
static uy_err
ek_keep(uy_eypgen_kit *k, uint8_t *der, int len, uy_span *out)
{
	if (der == NULL || len <= 0) {
		OPENSSL_free(der);
		return UY_ERROR(UY_ERR_CRYPTO, "DER encoding failed");
	}
	if (k->n_der >= sizeof(k->der) / sizeof(k->der[0])) {
		OPENSSL_free(der);
		return UY_ERROR(UY_ERR_LIMIT, "too many objects in one kit");
	}
	k->der[k->n_der++] = der;
	out->ptr = der;
	out->len = (size_t)len;
	return UY_OK;
}

static uy_err
ek_cert(uy_eypgen_kit *k, X509 *x, uy_span *out)
{
	uint8_t *der = NULL;
	int len = i2d_X509(x, &der);

	return ek_keep(k, der, len, out);
}

static uy_err
ek_crl(uy_eypgen_kit *k, const uy_pki *p, const char *name, uy_cades_revinfo *ri, size_t slot)
{
	X509_CRL *crl = uy_pki_crl(p, name);
	uint8_t *der = NULL;
	int len = 0;

	if (crl == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no CRL named %s", name);
	}
	if (ri->crl_count >= UY_EYPGEN_KIT_MAX_REV) {
		return UY_ERR_LIMIT;
	}
	len = i2d_X509_CRL(crl, &der);
	UY_TRY(ek_keep(k, der, len, &k->rev_crls[slot][ri->crl_count]));
	ri->crls = k->rev_crls[slot];
	ri->crl_count++;
	return UY_OK;
}

static uy_err
ek_ocsp(uy_eypgen_kit *k, const uy_pki *p, const char *name, uy_cades_revinfo *ri, size_t slot)
{
	OCSP_RESPONSE *r = uy_pki_ocsp(p, name);
	uint8_t *der = NULL;
	int len = 0;

	if (r == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no OCSP response named %s", name);
	}
	if (ri->ocsp_count >= UY_EYPGEN_KIT_MAX_REV) {
		return UY_ERR_LIMIT;
	}
	len = i2d_OCSP_RESPONSE(r, &der);
	UY_TRY(ek_keep(k, der, len, &k->rev_ocsps[slot][ri->ocsp_count]));
	ri->ocsps = k->rev_ocsps[slot];
	ri->ocsp_count++;
	return UY_OK;
}

/* The responder certificate carried in an OCSP response (the first of its certs). */
static uy_err
ek_responder(uy_eypgen_kit *k, const uy_pki *p, const char *name, uy_span *out)
{
	uy_err rc = UY_OK;
	OCSP_BASICRESP *bs = NULL;
	const STACK_OF(X509) *certs = NULL;
	OCSP_RESPONSE *r = uy_pki_ocsp(p, name);

	UY_ENSURE_OUT(r != NULL, UY_ERROR(UY_ERR_NOT_FOUND, "no OCSP response named %s", name));
	bs = OCSP_response_get1_basic(r);
	UY_ENSURE_OUT(bs != NULL, UY_ERROR(UY_ERR_CRYPTO, "%s has no basic response", name));
	certs = OCSP_resp_get0_certs(bs);
	UY_ENSURE_OUT(certs != NULL && sk_X509_num(certs) > 0,
	    UY_ERROR(UY_ERR_NOT_FOUND, "%s carries no responder certificate", name));
	UY_TRY_OUT(ek_cert(k, sk_X509_value(certs, 0), out));
done:
	OCSP_BASICRESP_free(bs);
	return rc;
}

/* see uy_eypgen.h */
void
uy_eypgen_kit_dispose(uy_eypgen_kit *k)
{
	if (k == NULL) {
		return;
	}
	for (size_t i = 0; i < k->n_der; i++) {
		OPENSSL_free(k->der[i]);
		k->der[i] = NULL;
	}
	k->n_der = 0;
	if (k->chain != NULL) {
		sk_X509_pop_free(k->chain, X509_free);
		k->chain = NULL;
	}
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_kit_init(uy_eypgen_kit *k, const uy_pki *p, uy_tsa *tsa, const uy_eypgen_kit_spec *spec)
{
	uy_err rc = UY_OK;
	static const uy_cades_options init = UY_CADES_OPTIONS_INIT;
	X509 *cert = NULL;
	EVP_PKEY *key = NULL;
	size_t nref = 0;

	UY_ASSERT_ARG(k != NULL && p != NULL && spec != NULL && spec->role != NULL);
	memset(k, 0, sizeof(*k));
	cert = uy_pki_cert(p, spec->role);
	key = uy_pki_key(p, spec->role);
	UY_ENSURE_OUT(cert != NULL && key != NULL,
	    UY_ERROR(UY_ERR_NOT_FOUND, "no role named %s", spec->role));
	UY_TRY_OUT(uy_pki_chain(&k->chain, p, spec->role));
	UY_TRY_OUT(uy_signer_init_pkey(&k->signer, cert, k->chain, key, spec->scheme));

	k->opts = init;
	k->opts.level = spec->level;
	k->opts.detached = spec->detached;
	k->opts.md = spec->md;
	k->opts.include_chain = 1;
	k->opts.has_signing_time = !spec->no_signing_time;
	k->opts.signing_time = spec->signing_time;
	k->opts.ess_version = spec->ess_version == 0 ? 2u : spec->ess_version;
	k->opts.policy = spec->policy;
	k->opts.policy_oid = spec->policy_oid;
	k->opts.policy_hash = spec->policy_hash;
	k->opts.policy_hash_len = spec->policy_hash_len;
	k->opts.user_notice = spec->user_notice;
	k->opts.tsa = tsa;
	k->opts.tst_time = spec->tst_time;
	k->opts.ats_time = spec->ats_time;
	k->opts.ats_version = spec->ats_version == 0 ? 2u : spec->ats_version;
	k->opts.defects = spec->cades_defects;
	k->opts.ref_md = spec->md == EVP_sha1() ? EVP_sha1() : NULL;
	k->opts.ref_issuer_serial = 1;

	if (spec->level >= UY_CADES_XLONG) {
		int n = sk_X509_num(k->chain);

		UY_ENSURE_OUT(n >= 0 && (size_t)n + 1 <= UY_EYPGEN_KIT_MAX_REFS,
		    UY_ERROR(UY_ERR_LIMIT, "chain of %s too long", spec->role));
		for (int i = 0; i < n; i++) {
			UY_TRY_OUT(ek_cert(k, sk_X509_value(k->chain, i), &k->refs[nref]));
			nref++;
		}
		if (spec->signer_ocsp != NULL) {
			UY_TRY_OUT(ek_responder(k, p, spec->signer_ocsp, &k->refs[nref]));
			nref++;
			UY_TRY_OUT(ek_ocsp(k, p, spec->signer_ocsp, &k->rev[0], 0));
		}
		if (spec->signer_crl != NULL) {
			UY_TRY_OUT(ek_crl(k, p, spec->signer_crl, &k->rev[0], 0));
		}
		if (spec->ca_crl != NULL && n > 1) {
			UY_TRY_OUT(ek_crl(k, p, spec->ca_crl, &k->rev[1], 1));
		}
		k->opts.ref_certs = k->refs;
		k->opts.ref_cert_count = nref;
		k->opts.revinfo = k->rev;
		k->opts.revinfo_count = nref + 1;
	}
done:
	if (rc != UY_OK) {
		uy_eypgen_kit_dispose(k);
	}
	return rc;
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_kit_add_ref(uy_eypgen_kit *k, const uy_pki *p, const char *role, const char *crl)
{
	X509 *x = NULL;
	size_t n = 0;

	UY_ASSERT_ARG(k != NULL && p != NULL && role != NULL);
	if (k->opts.level < UY_CADES_XLONG || k->opts.revinfo_count != k->opts.ref_cert_count + 1) {
		return UY_ERROR(UY_ERR_USAGE, "the kit has no X-Long refs to extend");
	}
	n = k->opts.ref_cert_count;
	if (n >= UY_EYPGEN_KIT_MAX_REFS) {
		return UY_ERROR(UY_ERR_LIMIT, "too many reference certificates");
	}
	x = uy_pki_cert(p, role);
	if (x == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no role named %s", role);
	}
	UY_TRY(ek_cert(k, x, &k->refs[n]));
	memset(&k->rev[n + 1], 0, sizeof(k->rev[n + 1]));
	if (crl != NULL) {
		UY_TRY(ek_crl(k, p, crl, &k->rev[n + 1], n + 1));
	}
	k->opts.ref_cert_count = n + 1;
	k->opts.revinfo_count = n + 2;
	return UY_OK;
}

/* Fill one DRBG of a TEST-RAND library context with fixed "entropy". */
static int
ek_det_drbg(EVP_RAND_CTX *c, unsigned char *ent, size_t n)
{
	unsigned int strength = 256;
	OSSL_PARAM prm[3];

	if (c == NULL) {
		return 0;
	}
	prm[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
	prm[1] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, ent, n);
	prm[2] = OSSL_PARAM_construct_end();
	return EVP_RAND_CTX_set_params(c, prm) == 1;
}

/* see uy_eypgen.h */
OSSL_LIB_CTX *
uy_eypgen_det_libctx(const char *seed)
{
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();
	unsigned char *ent = uy_alloc(EK_DET_ENTROPY);
	int ok = lc != NULL && ent != NULL;
	size_t sl = seed != NULL ? strlen(seed) : 0;

	for (uint32_t i = 0; ok && i < EK_DET_ENTROPY / 32; i++) {
		EVP_MD_CTX *mc = EVP_MD_CTX_new();
		unsigned char ctr[4];

		ctr[0] = (unsigned char)(i >> 24);
		ctr[1] = (unsigned char)(i >> 16);
		ctr[2] = (unsigned char)(i >> 8);
		ctr[3] = (unsigned char)i;
		ok = mc != NULL && EVP_DigestInit_ex(mc, EVP_sha256(), NULL) == 1 &&
		    EVP_DigestUpdate(mc, "uy-eypgen-rng", 13) == 1 &&
		    (sl == 0 || EVP_DigestUpdate(mc, seed, sl) == 1) &&
		    EVP_DigestUpdate(mc, ctr, sizeof(ctr)) == 1 &&
		    EVP_DigestFinal_ex(mc, ent + 32 * i, NULL) == 1;
		EVP_MD_CTX_free(mc);
	}
	ok = ok && RAND_set_DRBG_type(lc, "TEST-RAND", NULL, NULL, NULL) == 1;
	ok = ok && ek_det_drbg(RAND_get0_primary(lc), ent, EK_DET_ENTROPY);
	ok = ok && ek_det_drbg(RAND_get0_public(lc), ent, EK_DET_ENTROPY);
	ok = ok && ek_det_drbg(RAND_get0_private(lc), ent, EK_DET_ENTROPY);
	uy_free(ent);
	if (!ok) {
		ERR_clear_error();
		OSSL_LIB_CTX_free(lc);
		return NULL;
	}
	return lc;
}

/* see uy_eypgen.h */
void
uy_eypgen_spec_imza(uy_eypgen_kit_spec *s, const char *role, int64_t t)
{
	memset(s, 0, sizeof(*s));
	s->role = role;
	s->scheme = UY_SIG_RSA_PKCS1;
	s->level = UY_CADES_XLONG;
	s->policy = UY_CADES_POLICY_P4;
	s->signing_time = t;
	s->tst_time = t + 60;
	s->signer_ocsp = "ocsp-nes-good-at-signing";
	s->ca_crl = "root-rsa-crl";
}

/* see uy_eypgen.h */
void
uy_eypgen_spec_muhur(uy_eypgen_kit_spec *s, const char *role, int64_t t)
{
	memset(s, 0, sizeof(*s));
	s->role = role;
	s->scheme = UY_SIG_RSA_PKCS1;
	s->level = UY_CADES_A;
	s->policy = UY_CADES_POLICY_P3;
	s->signing_time = t;
	s->tst_time = t + 120;
	s->ats_time = t + 600;
	s->ats_version = 2;
	s->signer_crl = "seal-ca-crl";
	s->ca_crl = "root-rsa-crl";
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_tsa_init(uy_tsa *tsa, const uy_pki *p, uint64_t serial)
{
	UY_ASSERT_ARG(tsa != NULL && p != NULL);
	memset(tsa, 0, sizeof(*tsa));
	tsa->cert = uy_pki_cert(p, "tsa");
	tsa->key = uy_pki_key(p, "tsa");
	if (tsa->cert == NULL || tsa->key == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "the PKI has no tsa role");
	}
	tsa->policy_oid = UY_TSA_POLICY_KAMUSM;
	tsa->md = EVP_sha256();
	tsa->serial = serial;
	tsa->accuracy_seconds = 1;
	return UY_OK;
}
