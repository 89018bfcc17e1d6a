/*
 * Encrypted (.eyps) and update (.eypg) packages: spec §9 and §10.
 *
 * .eyps: outer Core, SifreliIcerikBilgisi, the SifreliIcerik name and
 * encoding. A CMS EnvelopedData is reported as needing the recipient key
 * (decryption is a later issue); a plain ZIP is a FAILED check and, as a
 * fixture, is checked recursively as the inner package, with the outer
 * summary compared byte for byte with the inner one.
 * .eypg: GuncellemeBilgisi fields and the original package, recursively.
 */
#include <string.h>
#include <strings.h>

#include "rules/rules.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

#define YONTEM "Elektronik Belgeleri Açık Anahtar Altyapısı Kullanarak Güvenli İşleme Rehberi"
#define URI_KAMUSM "http://www.kamusm.gov.tr/dokumanlar/belgeler"
#define URI_EYAZISMA "http://www.e-yazisma.gov.tr/SitePages/dokumanlar.aspx"

/* DER of the OIDs id-envelopedData (RFC 5652 §6) and id-ct-authEnvelopedData (RFC 5083). */
static const uint8_t oid_enveloped[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x03};
static const uint8_t oid_auth_enveloped[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10,
    0x01, 0x17};

struct head {
	uint8_t b[64];
	size_t n;
};

static uy_err
head_cb(const uint8_t *data, size_t len, void *payload)
{
	struct head *h = payload;
	size_t take = sizeof(h->b) - h->n;

	if (take > len) {
		take = len;
	}
	memcpy(h->b + h->n, data, take);
	h->n += take;
	/* Enough read: stop the stream (the caller treats this code as done). */
	return h->n == sizeof(h->b) ? UY_ERR_TRAILING_DATA : UY_OK;
}

typedef enum { ENC_UNKNOWN, ENC_ZIP, ENC_ENVELOPED, ENC_AUTH_ENVELOPED, ENC_OTHER_CMS } enc_kind;

/*
 * Classify the first bytes of SifreliIcerik: a ContentInfo is
 * SEQUENCE { contentType OBJECT IDENTIFIER, [0] EXPLICIT content } (RFC 5652
 * §3). Only the header is read, so memory does not grow with the package;
 * the definite outer length must match the part size (DER, X.690 §10.1).
 */
static enc_kind
classify(const struct head *h, uint64_t part_size, const char **why)
{
	size_t i = 0;
	uint64_t len = 0;

	*why = "";
	if (h->n >= 4 && memcmp(h->b, "PK\x03\x04", 4) == 0) {
		return ENC_ZIP;
	}
	if (h->n < 2 || h->b[0] != 0x30) {
		*why = "not a DER SEQUENCE";
		return ENC_UNKNOWN;
	}
	i = 1;
	if (h->b[i] == 0x80) {
		*why = "indefinite length (BER, not DER)";
		return ENC_UNKNOWN;
	}
	if (h->b[i] & 0x80) {
		size_t nlen = h->b[i] & 0x7f;
		if (nlen == 0 || nlen > 8 || i + 1 + nlen > h->n) {
			*why = "bad length octets";
			return ENC_UNKNOWN;
		}
		for (size_t k = 0; k < nlen; k++) {
			len = (len << 8) | h->b[i + 1 + k];
		}
		i += 1 + nlen;
	} else {
		len = h->b[i];
		i += 1;
	}
	if (len + i != part_size) {
		*why = "outer length does not match the part size";
		return ENC_UNKNOWN;
	}
	if (i + 2 > h->n || h->b[i] != 0x06) {
		*why = "no contentType OBJECT IDENTIFIER";
		return ENC_UNKNOWN;
	}
	{
		size_t olen = h->b[i + 1];
		const uint8_t *oid = h->b + i + 2;
		if (i + 2 + olen > h->n) {
			*why = "truncated contentType";
			return ENC_UNKNOWN;
		}
		if (olen == sizeof(oid_enveloped) && memcmp(oid, oid_enveloped, olen) == 0) {
			return ENC_ENVELOPED;
		}
		if (olen == sizeof(oid_auth_enveloped) && memcmp(oid, oid_auth_enveloped, olen) == 0) {
			return ENC_AUTH_ENVELOPED;
		}
	}
	*why = "contentType is not envelopedData or authEnvelopedData";
	return ENC_OTHER_CMS;
}

/* SifreliIcerikBilgisi as all APIs write it (spec §9). */
static uy_err
eyps_bilgi(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	xmlNodePtr root = NULL;
	const char *want_ns = info->gen == UY_GEN_1 ? UY_NS_EY_PREFIX "SifreliIcerikBilgisi-1"
	                                            : UY_NS_EY_PREFIX "Tipler-2";
	const char *name = NULL;
	char *version = NULL;
	char *yontem = NULL;
	int has_kamusm = 0;
	int has_eyazisma = 0;
	uy_err rc = UY_OK;

	if (info->sifreliicerikbilgisi == NULL) {
		return uy_ctx_skip(ctx, UY_CK_EYPS_BILGI, UY_LOC_NONE, "SifreliIcerikBilgisi yok",
		    "SifreliIcerikBilgisi is missing");
	}
	name = info->sifreliicerikbilgisi->name;
	UY_TRY(uy_rules__parse_xml(ctx, pkg, info->sifreliicerikbilgisi, UY_CK_XML_MALFORMED,
	    &info->sifreliicerikbilgisi_doc));
	if (info->sifreliicerikbilgisi_doc == NULL) {
		return uy_ctx_skip(ctx, UY_CK_EYPS_BILGI, UY_LOC_PART(name), "Bölüm ayrıştırılamadı",
		    "The part could not be parsed");
	}
	root = xmlDocGetRootElement(info->sifreliicerikbilgisi_doc);
	if (!uy_xml_is(root, want_ns, "SifreliIcerikBilgisi")) {
		return uy_ctx_fail(ctx, UY_CK_EYPS_BILGI, UY_LOC_PART(name),
		    "Kök öğe {%s}SifreliIcerikBilgisi değil", "The root element is not {%s}SifreliIcerikBilgisi",
		    want_ns);
	}
	version = uy_xml_attr(root, "Version");
	yontem = uy_xml_attr(root, "Yontem");
	for (xmlNodePtr u = uy_xml_child(root, want_ns, "URI"); u != NULL;
	     u = uy_xml_next(u, want_ns, "URI")) {
		char *t = uy_xml_text(u);
		UY_ENSURE_OUT(t != NULL, UY_ERR_NOMEM);
		has_kamusm |= strcmp(t, URI_KAMUSM) == 0;
		has_eyazisma |= strcmp(t, URI_EYAZISMA) == 0;
		uy_free(t);
	}
	if (version == NULL || strcmp(version, "1.4") != 0) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_BILGI, UY_LOC_PART(name),
		    "Version '%s'; '1.4' olmalı", "Version is '%s'; it must be '1.4'",
		    version != NULL ? version : "(yok/absent)"));
	}
	if (yontem == NULL || strcmp(yontem, YONTEM) != 0) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_BILGI, UY_LOC_PART(name),
		    "Yontem '%s'; '%s' olmalı", "Yontem is '%s'; it must be '%s'",
		    yontem != NULL ? yontem : "(yok/absent)", YONTEM));
	}
	if (!has_kamusm || !has_eyazisma) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_BILGI, UY_LOC_PART(name),
		    "URI listesi '%s' ve '%s' adreslerini içermeli",
		    "The URI list must contain '%s' and '%s'", URI_KAMUSM, URI_EYAZISMA));
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_EYPS_BILGI));
done:
	uy_free(version);
	uy_free(yontem);
	return rc;
}

/* The GUID in the SifreliIcerik name (spec §3.2, §9). */
static uy_err
eyps_name(uy_ctx *ctx, uy_pkginfo *info, char **guid_out)
{
	const char *name = info->sifreliicerik->name;
	const char *base = strrchr(name, '/') + 1;
	size_t len = strlen(base);
	char *guid = NULL;
	int ok = 0;

	*guid_out = NULL;
	if (info->gen == UY_GEN_1) {
		ok = len > 4 && strcasecmp(base + len - 4, ".eyp") == 0;
		guid = uy_strndup(base, ok ? len - 4 : len);
	} else {
		guid = uy_strdup(base);
	}
	UY_ENSURE(guid != NULL, UY_ERR_NOMEM);
	if (info->gen == UY_GEN_1) {
		ok = ok && uy_rules__is_guid(guid);
	} else {
		ok = uy_rules__is_guid(guid) && uy_rules__is_upper(guid);
	}
	*guid_out = guid;
	if (!ok) {
		return uy_ctx_fail(ctx, UY_CK_EYPS_NAME, UY_LOC_PART(name),
		    "SifreliIcerik adı '%s' %s biçiminde değil", "The SifreliIcerik name '%s' is not %s", base,
		    info->gen == UY_GEN_1 ? "<GUID>.eyp" : "<GUID (uppercase)>");
	}
	return uy_ctx_pass(ctx, UY_CK_EYPS_NAME);
}

/* Outer summary vs the inner one, byte for byte (spec §9). */
static uy_err
eyps_compare_summary(uy_ctx *outer_ctx, uy_pkg *pkg, uy_pkginfo *info, uy_ctx *inner_ctx,
    uy_pkg *inner, uy_pkginfo *inner_info)
{
	const uy_part *outer_part = info->gen == UY_GEN_1 ? info->paketozeti : info->nihaiozet;
	const uy_part *inner_part = info->gen == UY_GEN_1 ? inner_info->paketozeti : inner_info->nihaiozet;
	uy_span a = {NULL, 0};
	uy_span b = {NULL, 0};
	uy_err rc = UY_OK;

	if (outer_part == NULL || inner_part == NULL) {
		return uy_ctx_skip(outer_ctx, UY_CK_EYPS_OUTER_SUMMARY, UY_LOC_NONE,
		    "Dış veya iç özet bölümü yok", "The outer or the inner summary part is missing");
	}
	rc = uy_pkg_read_part(pkg, outer_ctx, outer_part, UY_MAX_XML_PART, &a);
	if (rc == UY_OK) {
		rc = uy_pkg_read_part(inner, inner_ctx, inner_part, UY_MAX_XML_PART, &b);
	}
	if (rc == UY_ERR_NOMEM) {
		return rc;
	}
	if (rc != UY_OK) {
		return uy_ctx_skip(outer_ctx, UY_CK_EYPS_OUTER_SUMMARY, UY_LOC_PART(outer_part->name),
		    "Özet bölümü okunamadı", "A summary part could not be read");
	}
	if (a.len != b.len || memcmp(a.ptr, b.ptr, a.len) != 0) {
		return uy_ctx_fail(outer_ctx, UY_CK_EYPS_OUTER_SUMMARY, UY_LOC_PART(outer_part->name),
		    "Dış özet (%zu bayt) iç paketteki '%s' (%zu bayt) ile aynı değil",
		    "The outer summary (%zu bytes) differs from the inner '%s' (%zu bytes)", a.len,
		    inner_part->name, b.len);
	}
	return uy_ctx_pass(outer_ctx, UY_CK_EYPS_OUTER_SUMMARY);
}

/* Open a part as a package and check it under its own scope. */
static uy_err
check_inner(uy_ctx *ctx, uy_pkg *pkg, const uy_part *part, uy_pkg **inner_out,
    uy_pkginfo *inner_info, char **scope_out)
{
	uy_ctx inner_ctx;
	char *scope = NULL;
	uy_err rc = UY_OK;

	*inner_out = NULL;
	*scope_out = NULL;
	scope = uy_asprintf("%s%s", ctx->scope != NULL ? ctx->scope : "", part->name);
	UY_ENSURE(scope != NULL, UY_ERR_NOMEM);
	inner_ctx.report = ctx->report;
	inner_ctx.scope = scope;
	inner_ctx.depth = ctx->depth + 1;
	inner_ctx.sig = ctx->sig;
	UY_TRY_OUT(uy_pkg_open_part(inner_out, &inner_ctx, pkg, part));
	if (*inner_out != NULL) {
		UY_TRY_OUT(uy_rules__check_pkg(&inner_ctx, *inner_out, part->name, inner_info));
	}
done:
	if (rc != UY_OK) {
		uy_pkg_free(*inner_out);
		*inner_out = NULL;
		uy_free(scope);
		scope = NULL;
	}
	*scope_out = scope;
	return rc;
}

/* see rules.h */
uy_err
uy_rules__eyps(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	const char *core = info->core != NULL ? info->core->name : NULL;
	struct head h;
	const char *why = "";
	enc_kind enc = ENC_UNKNOWN;
	char *guid = NULL;
	uy_pkg *inner = NULL;
	uy_pkginfo inner_info;
	char *scope = NULL;
	uy_err rc = UY_OK;

	memset(&inner_info, 0, sizeof(inner_info));
	if (info->core_doc != NULL) {
		char *created = uy_xml_text(uy_xml_child(xmlDocGetRootElement(info->core_doc),
		    UY_NS_DCTERMS, "created"));
		if (info->core_identifier == NULL || info->core_identifier[0] == '\0') {
			rc = uy_ctx_fail(ctx, UY_CK_EYPS_CORE_IDENTIFIER, UY_LOC_PART(core),
			    "Dış Core bölümünde dc:identifier yok", "The outer Core has no dc:identifier");
		} else {
			rc = uy_ctx_pass(ctx, UY_CK_EYPS_CORE_IDENTIFIER);
		}
		if (rc == UY_OK && (created == NULL || created[0] == '\0')) {
			rc = uy_ctx_fail(ctx, UY_CK_EYPS_CORE_CREATED, UY_LOC_PART(core),
			    "Dış Core bölümünde dcterms:created yok", "The outer Core has no dcterms:created");
		} else if (rc == UY_OK) {
			rc = uy_ctx_pass(ctx, UY_CK_EYPS_CORE_CREATED);
		}
		uy_free(created);
		UY_TRY_OUT(rc);
	}
	UY_TRY_OUT(eyps_bilgi(ctx, pkg, info));
	if (info->sifreliicerik == NULL) {
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_EYPS_NOT_CMS, UY_LOC_NONE, "SifreliIcerik yok",
		    "SifreliIcerik is missing"));
		goto done;
	}
	UY_TRY_OUT(eyps_name(ctx, info, &guid));
	memset(&h, 0, sizeof(h));
	rc = uy_pkg_stream_part(pkg, ctx, info->sifreliicerik, head_cb, &h);
	if (rc == UY_ERR_NOMEM) {
		goto done;
	}
	if (rc != UY_OK && rc != UY_ERR_TRAILING_DATA) {
		rc = uy_ctx_skip(ctx, UY_CK_EYPS_NOT_CMS, UY_LOC_PART(info->sifreliicerik->name),
		    "SifreliIcerik okunamadı", "SifreliIcerik could not be read");
		goto done;
	}
	rc = UY_OK;
	enc = classify(&h, info->sifreliicerik->size, &why);
	if (enc == ENC_ENVELOPED || enc == ENC_AUTH_ENVELOPED) {
		UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_EYPS_NOT_CMS));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_EYPS_DECRYPT, UY_LOC_PART(info->sifreliicerik->name),
		    "CMS %s; iç paketin denetimi alıcının özel anahtarını gerektirir (şifre çözme henüz yok)",
		    "CMS %s; checking the inner package needs the recipient key (decryption is not implemented yet)",
		    enc == ENC_ENVELOPED ? "EnvelopedData" : "AuthEnvelopedData"));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_EYPS_OUTER_SUMMARY, UY_LOC_NONE,
		    "İç paket şifreli; karşılaştırma için çözülmesi gerekir",
		    "The inner package is encrypted; comparing needs decryption"));
		goto done;
	}
	if (enc != ENC_ZIP) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_NOT_CMS, UY_LOC_PART(info->sifreliicerik->name),
		    "SifreliIcerik CMS EnvelopedData değil (%s)",
		    "SifreliIcerik is not a CMS EnvelopedData (%s)", why));
		goto done;
	}
	UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_NOT_CMS, UY_LOC_PART(info->sifreliicerik->name),
	    "SifreliIcerik şifrelenmemiş düz bir ZIP (application/pkcs7-mime olarak bildirilmiş); iç paket sınama amacıyla açıkça denetlendi",
	    "SifreliIcerik is a plain, unencrypted ZIP (declared application/pkcs7-mime); the inner package was checked in the clear as a fixture"));
	/* Fixture mode: check the plain inner package recursively. */
	if (ctx->depth + 1 > UY_MAX_NESTING) {
		goto done;
	}
	UY_TRY_OUT(check_inner(ctx, pkg, info->sifreliicerik, &inner, &inner_info, &scope));
	if (inner == NULL) {
		goto done;
	}
	{
		uy_ctx inner_ctx = {ctx->report, scope, ctx->depth + 1, ctx->sig};
		UY_TRY_OUT(eyps_compare_summary(ctx, pkg, info, &inner_ctx, inner, &inner_info));
	}
	if (inner_info.belge_id != NULL) {
		/* An absent outer identifier is already a WARN (spec §9: missing
		 * identifier WARNING, mismatch INFO); only compare what is there. */
		int same_core = info->core_identifier == NULL || info->core_identifier[0] == '\0' ||
		    strcasecmp(info->core_identifier, inner_info.belge_id) == 0;
		int same_name = guid != NULL && strcasecmp(guid, inner_info.belge_id) == 0;
		if (!same_core || !same_name) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPS_INNER_ID, UY_LOC_PART(core),
			    "İç BelgeId '%s'; dış Core identifier '%s', SifreliIcerik adı '%s'",
			    "Inner BelgeId '%s'; outer Core identifier '%s', SifreliIcerik name '%s'",
			    inner_info.belge_id,
			    info->core_identifier != NULL ? info->core_identifier : "(yok/absent)",
			    guid != NULL ? guid : ""));
		} else {
			UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_EYPS_INNER_ID));
		}
	}
done:
	uy_pkginfo_dispose(&inner_info);
	uy_pkg_free(inner);
	uy_free(scope);
	uy_free(guid);
	return rc;
}

static const char *const guvenlik_kodlari_2[] = {"YOK", "HZO", "GZL", "CGZ"};

/* GuncellemeBilgisi (spec §10, CB GuncellemeBilgisi.KontrolEt). */
static uy_err
eypg_bilgi(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	static const char *const ns = UY_NS_EY_PREFIX "Tipler-2";
	xmlNodePtr root = NULL;
	const char *name = NULL;
	size_t n = 0;
	int bad = 0;

	if (info->guncellemebilgisi == NULL) {
		return uy_ctx_skip(ctx, UY_CK_EYPG_BILGI, UY_LOC_NONE, "GuncellemeBilgisi yok",
		    "GuncellemeBilgisi is missing");
	}
	name = info->guncellemebilgisi->name;
	UY_TRY(uy_rules__parse_xml(ctx, pkg, info->guncellemebilgisi, UY_CK_XML_MALFORMED,
	    &info->guncellemebilgisi_doc));
	if (info->guncellemebilgisi_doc == NULL) {
		return uy_ctx_skip(ctx, UY_CK_EYPG_BILGI, UY_LOC_PART(name), "Bölüm ayrıştırılamadı",
		    "The part could not be parsed");
	}
	root = xmlDocGetRootElement(info->guncellemebilgisi_doc);
	if (!uy_xml_is(root, ns, "GuncellemeBilgisi")) {
		return uy_ctx_fail(ctx, UY_CK_EYPG_BILGI, UY_LOC_PART(name),
		    "Kök öğe {%s}GuncellemeBilgisi değil", "The root element is not {%s}GuncellemeBilgisi", ns);
	}
	for (xmlNodePtr g = uy_xml_child(root, ns, "Guncellemeler"); g != NULL;
	     g = uy_xml_next(g, ns, "Guncellemeler")) {
		static const char *const fields[] = {"YeniGizlilikDerecesi", "DegistirmeTarihi", "Aciklama",
		    "KomisyonKarariBelgeNo", "KomisyonKarariBelgeId"};
		xmlNodePtr bilgi = uy_xml_child(g, ns, "GuvenlikKoduDegisiklikBilgisi");
		char *tur = uy_xml_text(uy_xml_child(g, ns, "GuncellemeTuru"));
		char *path = uy_xml_path(g);
		uy_loc loc = {name, path, uy_xml_line(g)};
		uy_err rc = UY_OK;

		n++;
		if (tur == NULL || strcmp(tur, "GuvenlikKodu") != 0) {
			rc = uy_ctx_fail(ctx, UY_CK_EYPG_BILGI, loc, "GuncellemeTuru '%s'; tek değer 'GuvenlikKodu'",
			    "GuncellemeTuru is '%s'; the only value is 'GuvenlikKodu'",
			    tur != NULL && uy_xml_child(g, ns, "GuncellemeTuru") != NULL ? tur : "(yok/absent)");
			bad = 1;
		}
		for (size_t f = 0; rc == UY_OK && f < sizeof(fields) / sizeof(fields[0]); f++) {
			xmlNodePtr el = bilgi != NULL ? uy_xml_child(bilgi, ns, fields[f]) : NULL;
			char *v = el != NULL ? uy_xml_text(el) : NULL;
			int ok = v != NULL && v[0] != '\0';
			if (ok && f == 0) {
				ok = 0;
				for (size_t k = 0; k < sizeof(guvenlik_kodlari_2) / sizeof(guvenlik_kodlari_2[0]); k++) {
					ok |= strcmp(v, guvenlik_kodlari_2[k]) == 0;
				}
			} else if (ok && f == 1) {
				ok = uy_rules__is_datetime(v);
			} else if (ok && f == 4) {
				ok = uy_rules__is_guid(v) && uy_rules__is_upper(v);
			}
			if (!ok) {
				rc = uy_ctx_fail(ctx, UY_CK_EYPG_BILGI, loc,
				    "GuvenlikKoduDegisiklikBilgisi/%s eksik veya geçersiz ('%s')",
				    "GuvenlikKoduDegisiklikBilgisi/%s is missing or invalid ('%s')", fields[f],
				    v != NULL ? v : "(yok/absent)");
				bad = 1;
			}
			uy_free(v);
		}
		uy_free(tur);
		uy_free(path);
		UY_TRY(rc);
	}
	if (n == 0) {
		return uy_ctx_fail(ctx, UY_CK_EYPG_BILGI, UY_LOC_PART(name), "Guncellemeler öğesi yok",
		    "There is no Guncellemeler element");
	}
	return bad ? UY_OK : uy_ctx_pass(ctx, UY_CK_EYPG_BILGI);
}

/* see rules.h */
uy_err
uy_rules__eypg(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	uy_pkg *inner = NULL;
	uy_pkginfo inner_info;
	char *scope = NULL;
	uy_err rc = UY_OK;

	memset(&inner_info, 0, sizeof(inner_info));
	UY_TRY_OUT(eypg_bilgi(ctx, pkg, info));
	if (info->orijinalpaket == NULL) {
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_EYPG_ORIGINAL, UY_LOC_NONE, "OrijinalPaket yok",
		    "OrijinalPaket is missing"));
		goto done;
	}
	if (ctx->depth + 1 > UY_MAX_NESTING) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPG_ORIGINAL, UY_LOC_PART(info->orijinalpaket->name),
		    "Güncelleme zinciri %u düzeyden derin", "The update chain is deeper than %u levels",
		    UY_MAX_NESTING));
		goto done;
	}
	UY_TRY_OUT(check_inner(ctx, pkg, info->orijinalpaket, &inner, &inner_info, &scope));
	if (inner == NULL) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPG_ORIGINAL, UY_LOC_PART(info->orijinalpaket->name),
		    "OrijinalPaket okunabilir bir paket değil", "OrijinalPaket is not a readable package"));
	} else if (inner_info.kind == UY_KIND_EYPS) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_EYPG_ORIGINAL, UY_LOC_PART(info->orijinalpaket->name),
		    "Orijinal paket şifreli bir paket (.eyps)", "The original package is an encrypted package (.eyps)"));
	} else {
		UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_EYPG_ORIGINAL));
	}
done:
	uy_pkginfo_dispose(&inner_info);
	uy_pkg_free(inner);
	uy_free(scope);
	return rc;
}
