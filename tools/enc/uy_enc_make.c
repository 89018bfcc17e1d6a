/*
 * The CMS encryption producer: EnvelopedData / AuthEnvelopedData and .eyps
 * packages. See uy_enc_make.h and tools/enc/README.md.
 */
#include "uy_enc_make.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <zip.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_xml.h"
#include "uyum/uyum.h"

#define ENC_NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define ENC_NS_CORE "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
#define ENC_NS_DC "http://purl.org/dc/elements/1.1/"
#define ENC_REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define ENC_REL_PREFIX "http://eyazisma.dpt/iliskiler/"
#define ENC_BOM "\xEF\xBB\xBF"
#define ENC_XML_DECL ENC_BOM "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
/* *= eyazisma-packages §9
 *# SifreliIcerikBilgisi (all APIs; only the namespace differs): Id="", Version="1.4",
 *# Yontem="Elektronik Belgeleri Açık Anahtar Altyapısı Kullanarak Güvenli İşleme Rehberi", two URI
 *# children http://www.kamusm.gov.tr/dokumanlar/belgeler and
 *# http://www.e-yazisma.gov.tr/SitePages/dokumanlar.aspx. */
#define ENC_YONTEM "Elektronik Belgeleri Açık Anahtar Altyapısı Kullanarak Güvenli İşleme Rehberi"
#define ENC_URI_KAMUSM "http://www.kamusm.gov.tr/dokumanlar/belgeler"
#define ENC_URI_EYAZISMA "http://www.e-yazisma.gov.tr/SitePages/dokumanlar.aspx"
/* Cap of each outer XML part we generate (they are a few hundred bytes). */
#define ENC_MAX_GENERATED ((size_t)1 << 20)
/* Number of outer ZIP entries at most. */
#define ENC_MAX_OUTER 7

/* Record an OpenSSL failure: the last queued reason, then drain the queue. */
static uy_err
enc_crypto_fail(const char *file, int line, const char *what)
{
	char reason[256] = "no OpenSSL reason";
	unsigned long e = ERR_peek_last_error();

	if (e != 0) {
		ERR_error_string_n(e, reason, sizeof(reason));
	}
	ERR_clear_error();
	return uy_error_set(UY_ERR_CRYPTO, file, line, "%s: %s", what, reason);
}

#define ENC_CRYPTO(what) enc_crypto_fail(__FILE__, __LINE__, (what))

/* Key transport: RSAES-OAEP, SHA-256, MGF1-SHA-256 (spec §7.2, MA3 K.5). */
static uy_err
enc_setup_ktri(CMS_RecipientInfo *ri)
{
	EVP_PKEY_CTX *pctx = CMS_RecipientInfo_get0_pkey_ctx(ri); /* borrowed from ri */

	if (pctx == NULL) {
		return ENC_CRYPTO("no key context for an RSA recipient");
	}
	/* The setters return <= 0 on failure (-2: not supported). */
	if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_oaep_md(pctx, EVP_sha256()) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) <= 0) {
		return ENC_CRYPTO("cannot set RSA-OAEP-SHA256 parameters");
	}
	return UY_OK;
}

/* Key agreement: ECDH with the SHA-256 X9.63 KDF and id-aes256-wrap. */
static uy_err
enc_setup_kari(CMS_RecipientInfo *ri, const EVP_CIPHER *wrap)
{
	EVP_PKEY_CTX *pctx = CMS_RecipientInfo_get0_pkey_ctx(ri); /* borrowed from ri */
	EVP_CIPHER_CTX *wctx = CMS_RecipientInfo_kari_get0_ctx(ri); /* borrowed from ri */

	if (pctx == NULL || wctx == NULL) {
		return ENC_CRYPTO("no key context for an EC recipient");
	}
	/* *= signatures-and-certificates §6 pitfall 6
	 *# ECDH default KDF is SHA-1. [...] In C: CMS_add1_recipient_cert(…, CMS_KEY_PARAM), then
	 *# EVP_PKEY_CTX_set_ecdh_kdf_md(CMS_RecipientInfo_get0_pkey_ctx(ri), EVP_sha256()) */
	if (EVP_PKEY_CTX_set_ecdh_kdf_md(pctx, EVP_sha256()) <= 0) {
		return ENC_CRYPTO("cannot set the ECDH KDF digest");
	}
	/* OpenSSL would pick aes256-wrap itself for a 32-byte content key; set
	 * it explicitly so a GCM or future content cipher cannot change it. */
	if (EVP_EncryptInit_ex(wctx, wrap, NULL, NULL, NULL) != 1) {
		return ENC_CRYPTO("cannot set id-aes256-wrap");
	}
	return UY_OK;
}

/* see uy_enc_make.h */
uy_err
uy_enc_make_enveloped(uint8_t **out, size_t *len_out, const uint8_t *data, size_t len,
    X509 *const *recipients, size_t n_recipients, const uy_enc_options *opts)
{
	static const uy_enc_options defaults = UY_ENC_OPTIONS_INIT;
	uy_err rc = UY_OK;
	EVP_CIPHER *cipher = NULL;
	EVP_CIPHER *wrap = NULL;
	CMS_ContentInfo *cms = NULL;
	BIO *in = NULL;
	uint8_t *der = NULL;
	static const uint8_t empty[1] = {0};

	UY_ASSERT_ARG(out != NULL && len_out != NULL);
	*out = NULL;
	*len_out = 0;
	if (opts == NULL) {
		opts = &defaults;
	}
	UY_ASSERT_ARG(opts->version == UY_ENC_OPTIONS_VERSION);
	UY_ASSERT_ARG(opts->content == UY_ENC_AES256_CBC || opts->content == UY_ENC_AES256_GCM);
	UY_ASSERT_ARG(recipients != NULL && n_recipients > 0);
	UY_ASSERT_ARG(data != NULL || len == 0);
	UY_ASSERT_ARG(len <= (size_t)INT_MAX);
	for (size_t i = 0; i < n_recipients; i++) {
		UY_ASSERT_ARG(recipients[i] != NULL);
	}

	int gcm = opts->content == UY_ENC_AES256_GCM;
	cipher = EVP_CIPHER_fetch(opts->libctx, gcm ? "AES-256-GCM" : "AES-256-CBC", opts->propq);
	wrap = EVP_CIPHER_fetch(opts->libctx, "AES-256-WRAP", opts->propq);
	if (cipher == NULL || wrap == NULL) {
		rc = ENC_CRYPTO("cannot fetch AES-256");
		goto done;
	}
	if (gcm) {
		cms = CMS_AuthEnvelopedData_create_ex(cipher, opts->libctx, opts->propq);
	} else {
		cms = CMS_EnvelopedData_create_ex(cipher, opts->libctx, opts->propq);
	}
	if (cms == NULL) {
		rc = ENC_CRYPTO("cannot create the CMS envelope");
		goto done;
	}
	for (size_t i = 0; i < n_recipients; i++) {
		EVP_PKEY *pk = X509_get0_pubkey(recipients[i]); /* borrowed from the certificate */
		int is_rsa = pk != NULL && EVP_PKEY_is_a(pk, "RSA");
		int is_ec = pk != NULL && EVP_PKEY_is_a(pk, "EC");
		if (!is_rsa && !is_ec) {
			ERR_clear_error();
			rc = UY_ERROR(UY_ERR_USAGE, "recipient %zu: key type %s is neither RSA nor EC", i,
			    pk != NULL ? EVP_PKEY_get0_type_name(pk) : "(none)");
			goto done;
		}
		/* CMS_KEY_PARAM: leave the key context open for our parameters;
		 * rid is issuerAndSerialNumber (no CMS_USE_KEYID). The certificate
		 * is up-ref'd (set1), the RecipientInfo is owned by cms. */
		CMS_RecipientInfo *ri = CMS_add1_recipient_cert(cms, recipients[i], CMS_KEY_PARAM);
		if (ri == NULL) {
			rc = ENC_CRYPTO("cannot add a recipient");
			goto done;
		}
		if (is_rsa) {
			UY_TRY_OUT(enc_setup_ktri(ri));
		} else {
			UY_TRY_OUT(enc_setup_kari(ri, wrap));
		}
	}
	/* Attached: allocate encryptedContent, or CMS_final() drops the
	 * ciphertext (CMS_encrypt_ex() does the same; the _create_ex()
	 * constructors leave it absent). */
	if (CMS_set_detached(cms, 0) != 1) {
		rc = ENC_CRYPTO("cannot make the content attached");
		goto done;
	}
	in = BIO_new_mem_buf(len > 0 ? (const void *)data : (const void *)empty, (int)len);
	UY_ENSURE_OUT(in != NULL, UY_ERR_NOMEM);
	/* CMS_BINARY: the bytes are a ZIP, never translate line ends. */
	if (CMS_final(cms, in, NULL, CMS_BINARY) != 1) {
		rc = ENC_CRYPTO("CMS encryption failed");
		goto done;
	}
	int n = i2d_CMS_ContentInfo(cms, NULL);
	if (n <= 0) {
		rc = ENC_CRYPTO("cannot encode the CMS envelope");
		goto done;
	}
	der = uy_alloc((size_t)n);
	UY_ENSURE_OUT(der != NULL, UY_ERR_NOMEM);
	unsigned char *p = der; /* i2d advances p */
	if (i2d_CMS_ContentInfo(cms, &p) != n) {
		rc = ENC_CRYPTO("cannot encode the CMS envelope");
		goto done;
	}
	*out = der;
	der = NULL; /* now owned by caller */
	*len_out = (size_t)n;
done:
	uy_free(der);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	EVP_CIPHER_free(wrap);
	EVP_CIPHER_free(cipher);
	return rc;
}

/* ------------------------------------------------------------------ */
/* .eyps */

/* What we need from the inner package. */
typedef struct {
	zip_t *za;
	int gen;              /* 1 or 2 */
	char *version;        /* Core version */
	char *creator;        /* Core dc:creator, or NULL */
	char guid[37];        /* BelgeId, uppercase */
	uint8_t *summary;     /* NihaiOzet (2.x) or PaketOzeti (1.x) bytes */
	size_t summary_len;
	uint8_t *belgehedef;  /* inner BelgeHedef bytes, or NULL */
	size_t belgehedef_len;
} enc_inner;

static void
enc_inner_dispose(enc_inner *in)
{
	if (in->za != NULL) {
		zip_discard(in->za);
	}
	uy_free(in->version);
	uy_free(in->creator);
	uy_free(in->summary);
	uy_free(in->belgehedef);
	memset(in, 0, sizeof(*in));
}

/* Read a whole file, capped. */
static uy_err
enc_read_file(const char *path, uint64_t cap, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	FILE *f = NULL;
	uy_buf b;
	uint8_t chunk[UY_STREAM_CHUNK];

	*out = NULL;
	*len_out = 0;
	uy_buf_init(&b, (size_t)cap, 0);
	f = fopen(path, "rb");
	if (f == NULL) {
		rc = UY_ERROR(UY_ERR_IO, "cannot open %s", path);
		goto done;
	}
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n > 0) {
			rc = uy_buf_append(&b, chunk, n);
			if (rc == UY_ERR_LIMIT) {
				rc = UY_ERROR(UY_ERR_LIMIT, "%s is larger than %llu bytes", path,
				    (unsigned long long)cap);
			}
			UY_TRY_OUT(rc);
		}
		if (n < sizeof(chunk)) {
			break;
		}
	}
	if (ferror(f)) {
		rc = UY_ERROR(UY_ERR_IO, "cannot read %s", path);
		goto done;
	}
	*out = uy_buf_take(&b, len_out);
	if (*out == NULL) {
		rc = UY_ERROR(UY_ERR_ZIP, "%s is empty", path);
	}
done:
	uy_buf_dispose(&b);
	if (f != NULL) {
		fclose(f);
	}
	return rc;
}

/* Read one entry of the inner ZIP by OPC part name (leading '/' optional;
 * names compare case-insensitively, ECMA-376-2 §9.1.1.1). */
static uy_err
enc_read_entry(zip_t *za, const char *part, uint64_t cap, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	zip_file_t *zf = NULL;
	uint8_t *buf = NULL;
	const char *name = part[0] == '/' ? part + 1 : part;
	zip_stat_t st;

	*out = NULL;
	*len_out = 0;
	zip_int64_t idx = zip_name_locate(za, name, ZIP_FL_NOCASE | ZIP_FL_ENC_GUESS);
	if (idx < 0) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "the inner package has no part %s", part);
	}
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		return UY_ERROR(UY_ERR_ZIP_ENTRY, "cannot stat %s", part);
	}
	/* The central directory's size is a claim: cap it, then count the bytes read. */
	if (st.size > cap) {
		return UY_ERROR(UY_ERR_LIMIT, "part %s claims %llu bytes (cap %llu)", part,
		    (unsigned long long)st.size, (unsigned long long)cap);
	}
	buf = uy_alloc((size_t)st.size + 1);
	UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (zf == NULL) {
		rc = UY_ERROR(UY_ERR_ZIP_ENTRY, "cannot open %s: %s", part, zip_strerror(za));
		goto done;
	}
	/* Ask for one byte more than claimed, to see a lying size. */
	zip_int64_t got = zip_fread(zf, buf, st.size + 1);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		rc = UY_ERROR(UY_ERR_ZIP_ENTRY, "cannot read %s (%s)", part,
		    got < 0 ? zip_file_strerror(zf) : "size differs from the directory");
		goto done;
	}
	*out = buf;
	buf = NULL; /* now owned by caller */
	*len_out = (size_t)st.size;
done:
	if (zf != NULL) {
		zip_fclose(zf);
	}
	uy_free(buf);
	return rc;
}

/* Read and parse an inner XML part. */
static uy_err
enc_read_xml(zip_t *za, const char *part, xmlDocPtr *out)
{
	uy_err rc = UY_OK;
	uint8_t *b = NULL;
	size_t n = 0;
	uy_xml_error xe;

	*out = NULL;
	UY_TRY(enc_read_entry(za, part, UY_MAX_XML_PART, &b, &n));
	memset(&xe, 0, sizeof(xe));
	rc = uy_xml_parse(out, &xe, (uy_span){b, n});
	if (rc != UY_OK && rc != UY_ERR_NOMEM) {
		rc = UY_ERROR(rc, "inner part %s: %s", part, xe.msg);
	}
	uy_free(b);
	return rc;
}

/* Whether s is a GUID in 8-4-4-4-12 hexadecimal form. */
static int
enc_is_guid(const char *s)
{
	if (strlen(s) != 36) {
		return 0;
	}
	for (size_t i = 0; i < 36; i++) {
		char c = s[i];
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		if (dash ? c != '-' : !hex) {
			return 0;
		}
	}
	return 1;
}

/* Targets of the package relationships we need. All owned (uy_free). */
typedef struct {
	char *core;
	char *summary;
	char *ustveri;
	char *belgehedef;
} enc_rels;

static void
enc_rels_dispose(enc_rels *r)
{
	uy_free(r->core);
	uy_free(r->summary);
	uy_free(r->ustveri);
	uy_free(r->belgehedef);
	memset(r, 0, sizeof(*r));
}

/* Keep the first target of a relationship type (types compare
 * case-insensitively: the reference writer spells "PaketOzeti", spec §3.1). */
static uy_err
enc_keep(char **slot, const char *type, const char *want, const char *target)
{
	if (*slot != NULL || strcasecmp(type, want) != 0) {
		return UY_OK;
	}
	*slot = uy_strdup(target);
	return *slot != NULL ? UY_OK : UY_ERR_NOMEM;
}

/* Find the targets in /_rels/.rels; the summary type depends on gen, which
 * is known only after Core, so both are looked for here. */
static uy_err
enc_read_rels(zip_t *za, enc_rels *r, char **paketozeti_out)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;

	memset(r, 0, sizeof(*r));
	*paketozeti_out = NULL;
	UY_TRY(enc_read_xml(za, "/_rels/.rels", &doc));
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!uy_xml_is(root, ENC_NS_RELS, "Relationships")) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "inner /_rels/.rels has no Relationships root");
		goto done;
	}
	for (xmlNodePtr e = uy_xml_child(root, ENC_NS_RELS, "Relationship"); e != NULL;
	     e = uy_xml_next(e, ENC_NS_RELS, "Relationship")) {
		char *type = uy_xml_attr(e, "Type");
		char *target = uy_xml_attr(e, "Target");
		if (type != NULL && target != NULL) {
			rc = enc_keep(&r->core, type, ENC_REL_CORE, target);
			if (rc == UY_OK) {
				rc = enc_keep(&r->summary, type, ENC_REL_PREFIX "nihaiozet", target);
			}
			if (rc == UY_OK) {
				rc = enc_keep(paketozeti_out, type, ENC_REL_PREFIX "paketozeti", target);
			}
			if (rc == UY_OK) {
				rc = enc_keep(&r->ustveri, type, ENC_REL_PREFIX "ustveri", target);
			}
			if (rc == UY_OK) {
				rc = enc_keep(&r->belgehedef, type, ENC_REL_PREFIX "belgehedef", target);
			}
		}
		uy_free(type);
		uy_free(target);
		UY_TRY_OUT(rc);
	}
	if (r->core == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "the inner package has no core-properties relationship");
	}
done:
	xmlFreeDoc(doc);
	if (rc != UY_OK) {
		enc_rels_dispose(r);
		uy_free(*paketozeti_out);
		*paketozeti_out = NULL;
	}
	return rc;
}

/* The BelgeId from Ustveri/BelgeId (1.x Ustveri, 2.x UstVeri; any namespace). */
static uy_err
enc_ustveri_belgeid(zip_t *za, const char *target, char **out)
{
	xmlDocPtr doc = NULL;

	*out = NULL;
	UY_TRY(enc_read_xml(za, target, &doc));
	*out = uy_xml_text(uy_xml_child(xmlDocGetRootElement(doc), NULL, "BelgeId"));
	xmlFreeDoc(doc);
	if (*out == NULL || (*out)[0] == '\0') {
		uy_free(*out);
		*out = NULL;
		return UY_ERROR(UY_ERR_NOT_FOUND, "no BelgeId in the inner %s", target);
	}
	return UY_OK;
}

/* Open the inner package and collect what the outer one needs. */
static uy_err
enc_inner_load(enc_inner *in, const uint8_t *bytes, size_t len)
{
	uy_err rc = UY_OK;
	zip_error_t ze;
	zip_source_t *src = NULL;
	enc_rels rels;
	char *paketozeti = NULL;
	xmlDocPtr core = NULL;
	char *ident = NULL;

	memset(in, 0, sizeof(*in));
	memset(&rels, 0, sizeof(rels));
	zip_error_init(&ze);
	src = zip_source_buffer_create(bytes, len, 0, &ze);
	UY_ENSURE_OUT(src != NULL, UY_ERR_NOMEM);
	in->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (in->za == NULL) {
		zip_source_free(src); /* not taken over on failure */
		rc = UY_ERROR(UY_ERR_ZIP, "the inner package is not a ZIP: %s", zip_error_strerror(&ze));
		goto done;
	}
	if (zip_get_num_entries(in->za, 0) > (zip_int64_t)UY_MAX_ZIP_ENTRIES) {
		rc = UY_ERROR(UY_ERR_LIMIT, "the inner package has more than %u entries",
		    UY_MAX_ZIP_ENTRIES);
		goto done;
	}
	UY_TRY_OUT(enc_read_rels(in->za, &rels, &paketozeti));
	UY_TRY_OUT(enc_read_xml(in->za, rels.core, &core));
	xmlNodePtr root = xmlDocGetRootElement(core);
	if (!uy_xml_is(root, ENC_NS_CORE, "coreProperties")) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "inner Core %s has no coreProperties root", rels.core);
		goto done;
	}
	xmlNodePtr ver = uy_xml_child(root, ENC_NS_CORE, "version");
	xmlNodePtr cre = uy_xml_child(root, ENC_NS_DC, "creator");
	xmlNodePtr idn = uy_xml_child(root, ENC_NS_DC, "identifier");
	in->version = ver != NULL ? uy_xml_text(ver) : uy_strdup("");
	UY_ENSURE_OUT(in->version != NULL, UY_ERR_NOMEM);
	/* *= eyazisma-packages §2.4
	 *# Generation: first field of Core `version` (`1` → 1.x, `2` → 2.x) */
	if (in->version[0] == '1' && (in->version[1] == '.' || in->version[1] == '\0')) {
		in->gen = 1;
	} else if (in->version[0] == '2' && (in->version[1] == '.' || in->version[1] == '\0')) {
		in->gen = 2;
	} else {
		rc = UY_ERROR(UY_ERR_SYNTAX, "inner Core version '%s' is neither 1.x nor 2.x", in->version);
		goto done;
	}
	if (cre != NULL) {
		in->creator = uy_xml_text(cre);
		UY_ENSURE_OUT(in->creator != NULL, UY_ERR_NOMEM);
	}
	if (idn != NULL) {
		ident = uy_xml_text(idn);
		UY_ENSURE_OUT(ident != NULL, UY_ERR_NOMEM);
	}
	if (ident == NULL || ident[0] == '\0') {
		uy_free(ident);
		ident = NULL;
		if (rels.ustveri == NULL) {
			rc = UY_ERROR(UY_ERR_NOT_FOUND, "no Core identifier and no Ustveri in the inner package");
			goto done;
		}
		UY_TRY_OUT(enc_ustveri_belgeid(in->za, rels.ustveri, &ident));
	}
	if (!enc_is_guid(ident)) {
		rc = UY_ERROR(UY_ERR_SYNTAX, "inner BelgeId '%s' is not a GUID", ident);
		goto done;
	}
	for (size_t i = 0; i < 36; i++) {
		char c = ident[i];
		in->guid[i] = (c >= 'a' && c <= 'f') ? (char)(c - 'a' + 'A') : c;
	}
	in->guid[36] = '\0';
	/* *= eyazisma-packages §9
	 *# The outer PaketOzeti (1.x) or NihaiOzet (2.x) is a byte-identical copy of the inner one */
	const char *sum = in->gen == 1 ? paketozeti : rels.summary;
	if (sum == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "the inner package has no %s relationship",
		    in->gen == 1 ? "paketozeti" : "nihaiozet");
		goto done;
	}
	UY_TRY_OUT(enc_read_entry(in->za, sum, UY_MAX_XML_PART, &in->summary, &in->summary_len));
	if (rels.belgehedef != NULL) {
		UY_TRY_OUT(enc_read_entry(in->za, rels.belgehedef, UY_MAX_XML_PART, &in->belgehedef,
		    &in->belgehedef_len));
	}
done:
	uy_free(ident);
	xmlFreeDoc(core);
	uy_free(paketozeti);
	enc_rels_dispose(&rels);
	if (rc != UY_OK) {
		enc_inner_dispose(in);
	}
	return rc;
}

/* Append s with the five XML special characters escaped. */
static uy_err
enc_put_escaped(uy_buf *b, const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&apos;";
			break;
		default:
			break;
		}
		if (rep != NULL) {
			UY_TRY(uy_buf_puts(b, rep));
		} else {
			UY_TRY(uy_buf_append(b, p, 1));
		}
	}
	return UY_OK;
}

/* W3CDTF UTC with seconds, e.g. 2021-02-15T12:39:00Z. */
static uy_err
enc_w3cdtf(time_t t, char out[21])
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20) {
		return UY_ERROR(UY_ERR_USAGE, "created time %lld cannot be formatted", (long long)t);
	}
	return UY_OK;
}

/* The outer part names and texts. */
typedef struct {
	char content_name[64];   /* SifreliIcerik/<GUID>[.eyp] (ZIP name, no '/') */
	char core_name[96];      /* package/services/metadata/core-properties/<hex>.psmdcp */
	char core_rel_id[18];    /* R<16 hex> */
	const char *summary_name;
	uy_buf ct;
	uy_buf rels;
	uy_buf core;
	uy_buf bilgi;
} enc_outer;

static void
enc_outer_dispose(enc_outer *o)
{
	uy_buf_dispose(&o->ct);
	uy_buf_dispose(&o->rels);
	uy_buf_dispose(&o->core);
	uy_buf_dispose(&o->bilgi);
}

/* Deterministic Core part name and relationship Id, derived from the GUID
 * (the reference writers use random ones; any name is valid, spec §2.3). */
static uy_err
enc_core_names(enc_outer *o, const char *guid)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	char h[65];
	uy_buf in;
	uy_err rc = UY_OK;

	uy_buf_init(&in, 256, 0);
	UY_TRY(uy_buf_printf(&in, "uyum-enc core-properties %s", guid));
	if (EVP_Digest(in.ptr, in.len, md, NULL, EVP_sha256(), NULL) != 1) {
		rc = ENC_CRYPTO("SHA-256 failed");
		goto done;
	}
	for (size_t i = 0; i < 32; i++) {
		h[2 * i] = hex[md[i] >> 4];
		h[2 * i + 1] = hex[md[i] & 15];
	}
	h[64] = '\0';
	memcpy(o->core_name, "package/services/metadata/core-properties/", 42);
	memcpy(o->core_name + 42, h, 32);
	memcpy(o->core_name + 74, ".psmdcp", 8);
	o->core_rel_id[0] = 'R';
	memcpy(o->core_rel_id + 1, h + 32, 16);
	o->core_rel_id[17] = '\0';
done:
	uy_buf_dispose(&in);
	return rc;
}

/* Make the texts of the outer XML parts. */
static uy_err
enc_outer_build(enc_outer *o, const enc_inner *in, const uy_eyps_options *opts, int with_bh)
{
	char created[21];
	const char *creator = opts->creator != NULL ? opts->creator : in->creator;
	const char *revision = opts->revision != NULL ? opts->revision : "uyum-enc/" UY_VERSION;

	uy_buf_init(&o->ct, ENC_MAX_GENERATED, 0);
	uy_buf_init(&o->rels, ENC_MAX_GENERATED, 0);
	uy_buf_init(&o->core, ENC_MAX_GENERATED, 0);
	uy_buf_init(&o->bilgi, ENC_MAX_GENERATED, 0);
	UY_TRY(enc_w3cdtf(opts->created, created));
	UY_TRY(enc_core_names(o, in->guid));
	/* *= eyazisma-packages §3.2
	 *# Encrypted content: `/SifreliIcerik/<GUID>.eyp` in 1.x (format `"/SifreliIcerik/{0}.eyp"`),
	 *# `/SifreliIcerik/<GUID>` without extension in 2.x (`"/SifreliIcerik/{0}"`). */
	memcpy(o->content_name, "SifreliIcerik/", 14);
	memcpy(o->content_name + 14, in->guid, 36);
	memcpy(o->content_name + 50, in->gen == 1 ? ".eyp" : "", in->gen == 1 ? 5 : 1);
	o->summary_name = in->gen == 1 ? "PaketOzeti/PaketOzeti.xml" : "NihaiOzet/NihaiOzet.xml";

	/* [Content_Types].xml (spec §2.2). */
	UY_TRY(uy_buf_puts(&o->ct, ENC_XML_DECL
	    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\" />"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
	    "<Default Extension=\"psmdcp\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"));
	if (in->gen == 1) {
		UY_TRY(uy_buf_puts(&o->ct, "<Default Extension=\"eyp\" ContentType=\"application/pkcs7-mime\" />"));
	} else {
		UY_TRY(uy_buf_printf(&o->ct,
		    "<Override PartName=\"/%s\" ContentType=\"application/pkcs7-mime\" />", o->content_name));
	}
	UY_TRY(uy_buf_puts(&o->ct, "</Types>"));

	/* /_rels/.rels (spec §3.1; Ids as the reference writers name them). */
	UY_TRY(uy_buf_puts(&o->rels, ENC_XML_DECL "<Relationships xmlns=\"" ENC_NS_RELS "\">"));
	UY_TRY(uy_buf_printf(&o->rels,
	    "<Relationship Type=\"" ENC_REL_PREFIX "%s\" Target=\"/%s\" Id=\"%s\" />",
	    in->gen == 1 ? "paketozeti" : "nihaiozet", o->summary_name,
	    in->gen == 1 ? "IdPaketOzeti" : "IdNihaiOzet"));
	UY_TRY(uy_buf_printf(&o->rels,
	    "<Relationship Type=\"" ENC_REL_PREFIX "sifreliicerik\" Target=\"/%s\" Id=\"IdSifreliIcerik\" />",
	    o->content_name));
	if (with_bh) {
		UY_TRY(uy_buf_puts(&o->rels, "<Relationship Type=\"" ENC_REL_PREFIX "belgehedef\" "
		                             "Target=\"/BelgeHedef/BelgeHedef.xml\" Id=\"IdBelgeHedef\" />"));
	}
	UY_TRY(uy_buf_puts(&o->rels,
	    "<Relationship Type=\"" ENC_REL_PREFIX "sifreliicerikbilgisi\" "
	    "Target=\"/SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml\" Id=\"IdSifreliIcerikBilgisi\" />"));
	UY_TRY(uy_buf_printf(&o->rels,
	    "<Relationship Type=\"" ENC_REL_CORE "\" Target=\"/%s\" Id=\"%s\" /></Relationships>",
	    o->core_name, o->core_rel_id));

	/* Core (spec §2.3, §9): identifier = inner BelgeId, uppercase. */
	UY_TRY(uy_buf_puts(&o->core, ENC_XML_DECL
	    "<coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"" ENC_NS_CORE "\">"));
	UY_TRY(uy_buf_printf(&o->core, "<dc:identifier>%s</dc:identifier>", in->guid));
	UY_TRY(uy_buf_printf(&o->core,
	    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>", created));
	if (creator != NULL) {
		UY_TRY(uy_buf_puts(&o->core, "<dc:creator>"));
		UY_TRY(enc_put_escaped(&o->core, creator));
		UY_TRY(uy_buf_puts(&o->core, "</dc:creator>"));
	}
	UY_TRY(uy_buf_puts(&o->core, "<category>RESMIYAZISMA/SIFRELI</category>"
	                             "<contentType>application/eyazisma</contentType><version>"));
	UY_TRY(enc_put_escaped(&o->core, in->version));
	UY_TRY(uy_buf_puts(&o->core, "</version><revision>"));
	UY_TRY(enc_put_escaped(&o->core, revision));
	UY_TRY(uy_buf_puts(&o->core, "</revision></coreProperties>"));

	/* SifreliIcerikBilgisi, laid out as the reference writer's (sample .eyps). */
	UY_TRY(uy_buf_printf(&o->bilgi, ENC_XML_DECL "\r\n"
	    "<SifreliIcerikBilgisi xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" Id=\"\" Yontem=\"" ENC_YONTEM "\" "
	    "Version=\"1.4\" xmlns=\"urn:dpt:eyazisma:schema:xsd:%s\">\r\n"
	    "  <URI>" ENC_URI_KAMUSM "</URI>\r\n"
	    "  <URI>" ENC_URI_EYAZISMA "</URI>\r\n"
	    "</SifreliIcerikBilgisi>",
	    in->gen == 1 ? "SifreliIcerikBilgisi-1" : "Tipler-2"));
	return UY_OK;
}

/* One ZIP entry to write: borrowed bytes that outlive zip_close(). */
typedef struct {
	const char *name;
	const void *data;
	size_t len;
	int stored;
} enc_entry;

/* Write the entries in order, fixed mtime, through libzip. */
static uy_err
enc_write_zip(const char *path, const enc_entry *e, size_t n, time_t created)
{
	uy_err rc = UY_OK;
	int zerr = 0;
	zip_t *za = NULL;
	struct tm tm;

	/* libzip turns time_t into DOS date/time with localtime(): hand it the
	 * time_t whose local broken-down time equals the UTC one, so the stored
	 * fields are UTC whatever TZ is (no setenv in a library). */
	UY_ENSURE(gmtime_r(&created, &tm) != NULL, UY_ERR_USAGE);
	tm.tm_isdst = -1;
	time_t local = mktime(&tm);
	UY_ENSURE(local != (time_t)-1, UY_ERR_USAGE);

	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot create %s (libzip error %d)", path, zerr);
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, e[i].data, e[i].len, 0);
		if (src == NULL) {
			rc = UY_ERROR(UY_ERR_NOMEM, "libzip source for %s: %s", e[i].name, zip_strerror(za));
			goto done;
		}
		zip_int64_t idx = zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src); /* not taken over on failure */
			rc = UY_ERROR(UY_ERR_IO, "libzip add %s: %s", e[i].name, zip_strerror(za));
			goto done;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		        e[i].stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, e[i].stored ? 0 : 6) != 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, local, 0) != 0) {
			rc = UY_ERROR(UY_ERR_IO, "libzip settings for %s: %s", e[i].name, zip_strerror(za));
			goto done;
		}
	}
	if (zip_close(za) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot write %s: %s", path, zip_strerror(za));
		goto done;
	}
	za = NULL; /* closed and freed */
done:
	if (za != NULL) {
		zip_discard(za);
	}
	return rc;
}

/* see uy_enc_make.h */
uy_err
uy_enc_make_eyps(const char *out_path, const char *inner_path, X509 *const *recipients,
    size_t n_recipients, const uy_eyps_options *opts)
{
	static const uy_eyps_options defaults = UY_EYPS_OPTIONS_INIT;
	uy_err rc = UY_OK;
	uint8_t *inner_bytes = NULL;
	size_t inner_len = 0;
	uint8_t *cms = NULL;
	size_t cms_len = 0;
	enc_inner in;
	enc_outer o;
	enc_entry ent[ENC_MAX_OUTER];
	size_t n = 0;

	UY_ASSERT_ARG(out_path != NULL && inner_path != NULL);
	UY_ASSERT_ARG(recipients != NULL && n_recipients > 0);
	if (opts == NULL) {
		opts = &defaults;
	}
	UY_ASSERT_ARG(opts->version == UY_EYPS_OPTIONS_VERSION);
	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));

	UY_TRY_OUT(enc_read_file(inner_path, UY_MAX_ZIP_ENTRY_UNCOMPRESSED, &inner_bytes, &inner_len));
	UY_TRY_OUT(enc_inner_load(&in, inner_bytes, inner_len));
	const uint8_t *bh = opts->belgehedef.ptr != NULL ? opts->belgehedef.ptr : in.belgehedef;
	size_t bh_len = opts->belgehedef.ptr != NULL ? opts->belgehedef.len : in.belgehedef_len;
	UY_TRY_OUT(enc_outer_build(&o, &in, opts, bh != NULL));
	UY_TRY_OUT(uy_enc_make_enveloped(&cms, &cms_len, inner_bytes, inner_len, recipients,
	    n_recipients, &opts->enc));

	/* Fixed order; .rels, [Content_Types].xml and .psmdcp Stored as the
	 * reference writers do (spec §15.1). */
	ent[n++] = (enc_entry){"[Content_Types].xml", o.ct.ptr, o.ct.len, 1};
	ent[n++] = (enc_entry){"_rels/.rels", o.rels.ptr, o.rels.len, 1};
	ent[n++] = (enc_entry){o.core_name, o.core.ptr, o.core.len, 1};
	ent[n++] = (enc_entry){o.summary_name, in.summary, in.summary_len, 0};
	if (bh != NULL) {
		ent[n++] = (enc_entry){"BelgeHedef/BelgeHedef.xml", bh, bh_len, 0};
	}
	ent[n++] = (enc_entry){"SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml", o.bilgi.ptr,
	    o.bilgi.len, 0};
	ent[n++] = (enc_entry){o.content_name, cms, cms_len, 0};
	UY_TRY_OUT(enc_write_zip(out_path, ent, n, opts->created));
done:
	uy_free(cms);
	enc_outer_dispose(&o);
	enc_inner_dispose(&in);
	uy_free(inner_bytes);
	return rc;
}
