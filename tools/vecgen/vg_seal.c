/* uy-vecgen: digests, CMS signatures and envelopes, re-sealing; see vg.h. */
#include "vg.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "uyum/uy_alloc.h"

/* Fixed signing-time (UTCTime, RFC 5652 §11.3) of every test signature (after the test certificate's
 * notBefore), so signatures are reproducible. */
#define VG_SIGNING_TIME "261201000000Z"
/* Bytes of fixed "entropy" handed to the deterministic RNG per envelope. */
#define VG_DET_ENTROPY 65536u

/* see vg.h */
const EVP_MD *
vg_md_for_uri(const char *uri)
{
	if (uri == NULL) {
		return NULL;
	}
	if (strcmp(uri, VG_ALG_SHA1) == 0) {
		return EVP_sha1();
	}
	if (strcmp(uri, VG_ALG_SHA256) == 0) {
		return EVP_sha256();
	}
	if (strcmp(uri, VG_ALG_SHA384) == 0) {
		return EVP_sha384();
	}
	if (strcmp(uri, VG_ALG_SHA512) == 0) {
		return EVP_sha512();
	}
	if (strcmp(uri, VG_ALG_RIPEMD160) == 0) {
		return EVP_ripemd160();
	}
	return NULL;
}

/* Base64 of the digest of an entry's bytes. */
static uy_err
seal_digest_b64(const vg_entry *e, const EVP_MD *md, char *out, size_t cap)
{
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;

	if (EVP_Digest(e->data, e->len, dig, &dlen, md, NULL) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "digest of %s failed", e->name);
	}
	UY_ENSURE(cap >= 4 * ((dlen + 2) / 3) + 1, UY_ERR_INTERNAL);
	EVP_EncodeBlock((unsigned char *)out, dig, (int)dlen);
	return UY_OK;
}

/* Local name test, namespace-blind: summaries redeclare namespaces per
 * Reference (spec §4.1) and vecgen only edits its own packages. */
static int
seal_is(const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* Update the DigestMethod/DigestValue pairs below one Reference. */
static uy_err
seal_reference(const vg_entry *target, xmlNodePtr ref)
{
	const EVP_MD *md = NULL;

	for (xmlNodePtr c = ref->children; c != NULL; c = c->next) {
		if (seal_is(c, "DigestItem")) {
			UY_TRY(seal_reference(target, c));
			continue;
		}
		if (seal_is(c, "DigestMethod")) {
			xmlChar *alg = xmlGetProp(c, BAD_CAST "Algorithm");
			md = vg_md_for_uri((const char *)alg);
			xmlFree(alg);
			continue;
		}
		if (seal_is(c, "DigestValue") && md != NULL) {
			char b64[160];
			UY_TRY(seal_digest_b64(target, md, b64, sizeof(b64)));
			xmlNodeSetContent(c, BAD_CAST b64);
			md = NULL;
		}
	}
	return UY_OK;
}

/* see vg.h */
uy_err
vg_digest_summary(vg_pkg *p, const char *summary)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;

	UY_TRY_OUT(vg_xml_load(p, summary, &doc));
	for (xmlNodePtr r = xmlDocGetRootElement(doc)->children; r != NULL; r = r->next) {
		if (!seal_is(r, "Reference")) {
			continue;
		}
		xmlChar *uri = xmlGetProp(r, BAD_CAST "URI");
		xmlChar *type = xmlGetProp(r, BAD_CAST "Type");
		int harici = type != NULL && strcmp((const char *)type, VG_REF_HARICI) == 0;
		const vg_entry *t = (uri != NULL && !harici) ? vg_find(p, (const char *)uri) : NULL;
		xmlFree(uri);
		xmlFree(type);
		if (t == NULL || t->zeros > 0) {
			continue;
		}
		UY_TRY_OUT(seal_reference(t, r));
	}
	UY_TRY_OUT(vg_xml_store(p, summary, doc));
done:
	xmlFreeDoc(doc);
	return rc;
}

/* Copy a memory BIO's bytes into an owned buffer. */
static uy_err
seal_bio_take(BIO *b, uint8_t **out, size_t *len_out)
{
	char *mem = NULL;
	long n = BIO_get_mem_data(b, &mem);

	UY_ENSURE(n > 0, UY_ERR_CRYPTO);
	*out = uy_alloc((size_t)n);
	UY_ENSURE(*out != NULL, UY_ERR_NOMEM);
	memcpy(*out, mem, (size_t)n);
	*len_out = (size_t)n;
	return UY_OK;
}

/* DER of a CMS ContentInfo into an owned buffer. */
static uy_err
seal_der(CMS_ContentInfo *cms, uint8_t **out, size_t *len_out)
{
	int n = i2d_CMS_ContentInfo(cms, NULL);

	UY_ENSURE(n > 0, UY_ERR_CRYPTO);
	*out = uy_alloc((size_t)n);
	UY_ENSURE(*out != NULL, UY_ERR_NOMEM);
	unsigned char *q = *out;
	if (i2d_CMS_ContentInfo(cms, &q) != n) {
		uy_free(*out);
		*out = NULL;
		return UY_ERR_CRYPTO;
	}
	*len_out = (size_t)n;
	return UY_OK;
}

/* see vg.h */
uy_err
vg_cms_sign(const vg_ctx *g, const uint8_t *data, size_t len, unsigned int flags, int ber,
    uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *cms = NULL;
	BIO *in = NULL;
	BIO *mem = NULL;
	ASN1_TIME *t = NULL;
	unsigned int base = CMS_BINARY | CMS_PARTIAL | (ber ? CMS_STREAM : 0u) | flags;

	*out = NULL;
	*len_out = 0;
	in = BIO_new_mem_buf(data, (int)len);
	t = ASN1_TIME_new();
	UY_ENSURE_OUT(in != NULL && t != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(ASN1_TIME_set_string(t, VG_SIGNING_TIME) == 1, UY_ERR_CRYPTO);
	cms = CMS_sign(NULL, NULL, NULL, NULL, base);
	UY_ENSURE_OUT(cms != NULL, UY_ERR_CRYPTO);
	/* CAdES-BES-like signed attributes: content-type, message-digest,
	 * signing-certificate-v2 (CMS_CADES) and our fixed signing-time;
	 * CMS_NOSMIMECAP drops the S/MIME capabilities. */
	CMS_SignerInfo *si = CMS_add1_signer(cms, g->cert, g->key, EVP_sha256(),
	    CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES | CMS_PARTIAL);
	UY_ENSURE_OUT(si != NULL, UY_ERR_CRYPTO);
	/* With len -1 the value is an ASN1_TIME object (X509_ATTRIBUTE_set1_data);
	 * present before signing, so OpenSSL adds no wall-clock time. */
	UY_ENSURE_OUT(CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1) == 1,
	    UY_ERR_CRYPTO);
	mem = BIO_new(BIO_s_mem());
	UY_ENSURE_OUT(mem != NULL, UY_ERR_NOMEM);
	if (ber) {
		/* Streaming output uses indefinite lengths: valid BER, not DER. */
		UY_ENSURE_OUT(i2d_CMS_bio_stream(mem, cms, in, CMS_BINARY | CMS_STREAM | flags) == 1,
		    UY_ERR_CRYPTO);
		UY_TRY_OUT(seal_bio_take(mem, out, len_out));
	} else {
		UY_ENSURE_OUT(CMS_final(cms, in, NULL, CMS_BINARY | flags) == 1, UY_ERR_CRYPTO);
		UY_TRY_OUT(seal_der(cms, out, len_out));
	}
done:
	if (rc == UY_ERR_CRYPTO) {
		ERR_print_errors_fp(stderr);
	}
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	BIO_free(mem);
	return rc;
}

/* see vg.h */
uy_err
vg_cms_data(const uint8_t *data, size_t len, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	BIO *in = BIO_new_mem_buf(data, (int)len);
	CMS_ContentInfo *cms = NULL;

	*out = NULL;
	*len_out = 0;
	UY_ENSURE_OUT(in != NULL, UY_ERR_NOMEM);
	cms = CMS_data_create(in, CMS_BINARY);
	UY_ENSURE_OUT(cms != NULL, UY_ERR_CRYPTO);
	UY_TRY_OUT(seal_der(cms, out, len_out));
done:
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return rc;
}

/* Fill one DRBG of a TEST-RAND library context with fixed "entropy". */
static int
seal_det_drbg(EVP_RAND_CTX *c, unsigned char *ent, size_t n)
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

/* A library context whose RNG replays a fixed SHA-256 counter stream
 * (OpenSSL's TEST-RAND): the content key, IV and OAEP seed of an envelope
 * are then the same on every run. Test tooling only. */
static OSSL_LIB_CTX *
seal_det_libctx(void)
{
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();
	unsigned char *ent = uy_alloc(VG_DET_ENTROPY);
	int ok = lc != NULL && ent != NULL;

	for (uint32_t i = 0; ok && i < VG_DET_ENTROPY / 32; i++) {
		unsigned char ctr[20] = "uy-vecgen-rng";
		ctr[16] = (unsigned char)(i >> 24);
		ctr[17] = (unsigned char)(i >> 16);
		ctr[18] = (unsigned char)(i >> 8);
		ctr[19] = (unsigned char)i;
		ok = EVP_Digest(ctr, sizeof(ctr), ent + 32 * i, NULL, EVP_sha256(), NULL) == 1;
	}
	ok = ok && RAND_set_DRBG_type(lc, "TEST-RAND", NULL, NULL, NULL) == 1;
	ok = ok && seal_det_drbg(RAND_get0_primary(lc), ent, VG_DET_ENTROPY);
	ok = ok && seal_det_drbg(RAND_get0_public(lc), ent, VG_DET_ENTROPY);
	ok = ok && seal_det_drbg(RAND_get0_private(lc), ent, VG_DET_ENTROPY);
	uy_free(ent);
	if (!ok) {
		ERR_clear_error();
		OSSL_LIB_CTX_free(lc);
		return NULL;
	}
	return lc;
}

/* see vg.h */
void
vg_det_rng_init(vg_ctx *g)
{
	OSSL_LIB_CTX *lc = seal_det_libctx();

	if (lc == NULL) {
		fprintf(stderr, "uy-vecgen: warning: no deterministic RNG (TEST-RAND); "
		                "envelopes will differ between runs\n");
		g->det_rng = 0;
		return;
	}
	OSSL_LIB_CTX_free(lc);
	g->det_rng = 1; /* a fresh context is made per envelope, so order does not matter */
}

/* see vg.h */
uy_err
vg_cms_encrypt(const vg_ctx *g, const uint8_t *data, size_t len, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	OSSL_LIB_CTX *lc = NULL;
	EVP_CIPHER *cipher = NULL;
	CMS_ContentInfo *cms = NULL;
	BIO *in = NULL;

	*out = NULL;
	*len_out = 0;
	if (g->det_rng) {
		lc = seal_det_libctx();
	}
	in = BIO_new_mem_buf(data, (int)len);
	UY_ENSURE_OUT(in != NULL, UY_ERR_NOMEM);
	cipher = EVP_CIPHER_fetch(lc, "AES-256-CBC", NULL);
	UY_ENSURE_OUT(cipher != NULL, UY_ERR_CRYPTO);
	cms = CMS_encrypt_ex(NULL, NULL, cipher, CMS_BINARY | CMS_PARTIAL, lc, NULL);
	UY_ENSURE_OUT(cms != NULL, UY_ERR_CRYPTO);
	/* RSA-OAEP with SHA-256, the Kamu SM library's default key transport (spec §9). */
	CMS_RecipientInfo *ri = CMS_add1_recipient_cert(cms, g->cert, CMS_KEY_PARAM);
	UY_ENSURE_OUT(ri != NULL, UY_ERR_CRYPTO);
	EVP_PKEY_CTX *pctx = CMS_RecipientInfo_get0_pkey_ctx(ri);
	UY_ENSURE_OUT(pctx != NULL, UY_ERR_CRYPTO);
	UY_ENSURE_OUT(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_OAEP_PADDING) > 0 &&
	        EVP_PKEY_CTX_set_rsa_oaep_md(pctx, EVP_sha256()) > 0 &&
	        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0,
	    UY_ERR_CRYPTO);
	UY_ENSURE_OUT(CMS_final(cms, in, NULL, CMS_BINARY) == 1, UY_ERR_CRYPTO);
	UY_TRY_OUT(seal_der(cms, out, len_out));
done:
	if (rc == UY_ERR_CRYPTO) {
		ERR_print_errors_fp(stderr);
	}
	CMS_ContentInfo_free(cms);
	EVP_CIPHER_free(cipher);
	BIO_free(in);
	OSSL_LIB_CTX_free(lc);
	return rc;
}

/* see vg.h */
uy_err
vg_sign_summary(const vg_ctx *g, vg_pkg *p, const char *summary, const char *sig_type)
{
	uy_err rc = UY_OK;
	char *target = vg_rel_target_part(p, summary, sig_type);
	uint8_t *sig = NULL;
	size_t sig_len = 0;

	if (target == NULL) {
		return UY_OK; /* no signature relationship: nothing to sign */
	}
	const vg_entry *sum = vg_find(p, summary);
	if (sum == NULL || vg_find(p, target) == NULL) {
		goto done; /* stripped signature (tolerated for initials) */
	}
	UY_TRY_OUT(vg_cms_sign(g, sum->data, sum->len, 0, 0, &sig, &sig_len));
	UY_TRY_OUT(vg_set(p, target, sig, sig_len));
done:
	uy_free(sig);
	uy_free(target);
	return rc;
}

/* see vg.h */
uy_err
vg_reseal(const vg_ctx *g, vg_pkg *p)
{
	return vg_reseal_from(g, p, VG_STAGE_PARAF);
}

/* see vg.h */
uy_err
vg_reseal_from(const vg_ctx *g, vg_pkg *p, vg_stage first)
{
	/* Dependency order (spec §8): initials, e-signature, seal. */
	static const char *const order[][2] = {
	    {VG_REL_PREFIX "parafozeti", VG_REL_PREFIX "parafimzacades"},
	    {VG_REL_PREFIX "paketozeti", VG_REL_PREFIX "imzacades"},
	    {VG_REL_PREFIX "nihaiozet", VG_REL_PREFIX "muhurcades"},
	};

	for (size_t i = (size_t)first; i < sizeof(order) / sizeof(order[0]); i++) {
		char *summary = vg_rel_target_part(p, "/", order[i][0]);
		if (summary == NULL) {
			continue;
		}
		uy_err rc = UY_OK;
		if (vg_find(p, summary) != NULL) {
			rc = vg_digest_summary(p, summary);
			if (rc == UY_OK) {
				rc = vg_sign_summary(g, p, summary, order[i][1]);
			}
		}
		uy_free(summary);
		UY_TRY(rc);
	}
	return UY_OK;
}

/* see vg.h */
uy_err
vg_load_signer(vg_ctx *g, const char *key_path, const char *cert_path)
{
	FILE *f = fopen(key_path, "r");

	if (f == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot open test key %s", key_path);
	}
	g->key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	f = fopen(cert_path, "r");
	if (f == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot open test certificate %s", cert_path);
	}
	g->cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (g->key == NULL || g->cert == NULL) {
		return UY_ERROR(UY_ERR_CRYPTO, "cannot read the test key or certificate");
	}
	if (X509_check_private_key(g->cert, g->key) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "test key and certificate do not match");
	}
	return UY_OK;
}

/* see vg.h */
void
vg_ctx_dispose(vg_ctx *g)
{
	EVP_PKEY_free(g->key);
	X509_free(g->cert);
	g->key = NULL;
	g->cert = NULL;
	g->det_rng = 0;
}
