/*
 * signatures.c - the signature stage: structure of the e-signature
 * (ImzaCades, signs PaketOzeti), the initials (ParafImzaCades, signs
 * ParafOzeti) and the seal (MuhurCades, signs NihaiOzet); spec §8, §11
 * (K.81, K.100).
 *
 * For each signature part present (presence, count and location are
 * structure checks): the bytes are one DER ContentInfo of type SignedData
 * (RFC 5652 §3, §5.1), the encapsulated content is attached and equals the
 * summary part byte for byte. Then, when the caller gave validation options
 * (ctx->sig), the full CAdES validation of uy_validate.h (signer,
 * time-stamps, certificate path and revocation, profile, certificate
 * profile), reported under eyp::signature::cades-validation and the cades::
 * and cert:: checks; without options it is reported not evaluated, never
 * passed.
 */
#include "rules/rules.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_validate.h"

/* A signature part and the summary it signs. */
typedef struct {
	const char *name;         /* "ImzaCades" */
	const char *summary_name; /* "PaketOzeti" */
	uy_check_id ck_content;
	uy_signer_role role;      /* e-signature and paraf: a NES; seal: an e-Mühür */
} sig_def;

/* Outcome of reading the bytes as a CMS ContentInfo. */
typedef enum {
	SIG_UNPARSED = 0, /* not a single ContentInfo: DER was not checked */
	SIG_OTHER_TYPE,   /* a ContentInfo of another content type */
	SIG_SIGNED_DATA,  /* a ContentInfo of type id-signedData */
} sig_kind;

/* Hex of the first bytes of a part, for details: "01 02 03 04". */
static void
sig_hex_head(char out[3 * 8 + 1], uy_span bytes)
{
	size_t n = bytes.len < 8 ? bytes.len : 8;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		snprintf(out + 3 * i, 4, i + 1 < n ? "%02x " : "%02x", bytes.ptr[i]);
	}
}

/*
 * The reason OpenSSL gave for the last failure, then an empty queue: the
 * failure is the artefact's, so it must not leak into later operations.
 */
static void
sig_openssl_reason(char *out, size_t cap)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e != 0 ? ERR_reason_error_string(e) : NULL;

	snprintf(out, cap, "%s", r != NULL ? r : "unknown");
	ERR_clear_error();
}

/*
 * Classify the bytes (spec §8 minimum check 2) and record not-cms and
 * not-der. On SIG_SIGNED_DATA, *cms_out holds the parsed structure.
 */
static uy_err
sig_parse(uy_ctx *ctx, const sig_def *d, const uy_part *part, uy_span bytes,
    CMS_ContentInfo **cms_out, sig_kind *kind_out)
{
	uy_err rc = UY_OK;
	CMS_ContentInfo *cms = NULL;
	unsigned char *der = NULL;
	const unsigned char *p = bytes.ptr;
	char head[3 * 8 + 1];
	char why[256];
	int der_len = 0;

	*cms_out = NULL;
	*kind_out = SIG_UNPARSED;
	sig_hex_head(head, bytes);
	/* *= spec §8
	 *# (2) first byte `0x30` and a DER ContentInfo of type `1.2.840.113549.1.7.2`
	 *# (else PHP: "CAdES (CMS) biçiminde değil") */
	if (bytes.len == 0) {
		rc = uy_ctx_fail(ctx, UY_CK_SIG_NOT_CMS, UY_LOC_PART(part->name),
		    "%s bölümü boş", "The %s part is empty", d->name);
		goto done;
	}
	if (bytes.ptr[0] != 0x30) {
		rc = uy_ctx_fail(ctx, UY_CK_SIG_NOT_CMS, UY_LOC_PART(part->name),
		    "%s bir CMS ContentInfo değil: ilk bayt 0x%02x, 0x30 (SEQUENCE) olmalı; ilk "
		    "baytlar: %s (%zu bayt)",
		    "%s is not a CMS ContentInfo: the first byte is 0x%02x, not 0x30 (SEQUENCE); "
		    "first bytes: %s (%zu bytes)",
		    d->name, bytes.ptr[0], head, bytes.len);
		goto done;
	}
	/* d2i takes a long; the part is capped at UY_MAX_SIGNATURE_PART. */
	UY_ENSURE_OUT(bytes.len <= (size_t)LONG_MAX, UY_ERR_LIMIT);
	/* d2i advances p: it was given a copy and must stop at the end. */
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)bytes.len);
	if (cms == NULL) {
		sig_openssl_reason(why, sizeof(why));
		rc = uy_ctx_fail(ctx, UY_CK_SIG_NOT_CMS, UY_LOC_PART(part->name),
		    "%s bir CMS ContentInfo olarak çözülemedi (OpenSSL: %s); ilk baytlar: %s (%zu "
		    "bayt)",
		    "%s cannot be decoded as a CMS ContentInfo (OpenSSL: %s); first bytes: %s (%zu "
		    "bytes)",
		    d->name, why, head, bytes.len);
		goto done;
	}
	if (p != bytes.ptr + bytes.len) {
		rc = uy_ctx_fail(ctx, UY_CK_SIG_NOT_CMS, UY_LOC_PART(part->name),
		    "%s: ContentInfo %zu baytta bitiyor, ardından %zu bayt daha var",
		    "%s: the ContentInfo ends at %zu bytes and %zu more bytes follow", d->name,
		    (size_t)(p - bytes.ptr), bytes.len - (size_t)(p - bytes.ptr));
		goto done;
	}
	/*
	 * DER (ITU-T X.690 §10: definite, minimal lengths; sorted SET OF; ...):
	 * OpenSSL re-encodes in DER, so any difference is a BER form such as the
	 * indefinite lengths of streaming signers. OpenSSL keeps the original
	 * encoding of a certificate's signed part (tbsCertificate), so BER inside
	 * it goes unnoticed here.
	 */
	der_len = i2d_CMS_ContentInfo(cms, &der);
	if (der_len <= 0) {
		sig_openssl_reason(why, sizeof(why));
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_SIG_NOT_DER, UY_LOC_PART(part->name),
		    "%s yeniden kodlanamadığı için DER denetlenemedi (OpenSSL: %s)",
		    "%s could not be re-encoded, so DER could not be checked (OpenSSL: %s)",
		    d->name, why));
	} else if ((size_t)der_len != bytes.len || memcmp(der, bytes.ptr, bytes.len) != 0) {
		size_t off = 0;
		size_t lim = (size_t)der_len < bytes.len ? (size_t)der_len : bytes.len;
		while (off < lim && der[off] == bytes.ptr[off]) {
			off++;
		}
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_SIG_NOT_DER, UY_LOC_PART(part->name),
		    "%s DER değil (BER): DER kodlaması %d bayt, bölüm %zu bayt; ilk fark %zu. "
		    "baytta%s%.0s",
		    "%s is not DER (BER): the DER encoding is %d bytes, the part %zu bytes; first "
		    "difference at byte %zu%.0s%s",
		    d->name, der_len, bytes.len, off,
		    bytes.ptr[off < bytes.len ? off : 0] == 0x80 ? " (belirsiz uzunluk)" : "",
		    bytes.ptr[off < bytes.len ? off : 0] == 0x80 ? " (indefinite length)" : ""));
	} else {
		UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_SIG_NOT_DER));
	}
	{
		const ASN1_OBJECT *type = CMS_get0_type(cms);
		char oid[128];
		if (type == NULL || OBJ_obj2nid(type) != NID_pkcs7_signed) {
			if (type == NULL || OBJ_obj2txt(oid, sizeof(oid), type, 1) <= 0) {
				snprintf(oid, sizeof(oid), "?");
			}
			rc = uy_ctx_fail(ctx, UY_CK_SIG_NOT_CMS, UY_LOC_PART(part->name),
			    "%s içerik türü %s; SignedData (1.2.840.113549.1.7.2) olmalı",
			    "%s has content type %s; it must be SignedData (1.2.840.113549.1.7.2)",
			    d->name, oid);
			*kind_out = SIG_OTHER_TYPE;
			goto done;
		}
	}
	UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_SIG_NOT_CMS));
	*kind_out = SIG_SIGNED_DATA;
	*cms_out = cms;
	cms = NULL; /* now owned by caller */
done:
	OPENSSL_free(der);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
	return rc;
}

/*
 * The encapsulated content equals the summary part (spec §8 minimum check
 * 3; K.81, K.100). A detached signature carries no content and fails:
 * e-Yazışma requires attached CAdES.
 */
static uy_err
sig_content(uy_ctx *ctx, uy_pkg *pkg, const sig_def *d, const uy_part *part,
    const uy_part *summary, CMS_ContentInfo *cms)
{
	uy_span sum = {NULL, 0};
	uy_err rc = UY_OK;
	ASN1_OCTET_STRING **pos = CMS_get0_content(cms);
	const ASN1_OCTET_STRING *content = pos != NULL ? *pos : NULL;

	if (content == NULL) {
		/* *= spec §8
		 *# CAdES = CMS SignedData, DER (first byte `0x30`), **attached** (CS "Ayrık
		 *# olmayan CAdES-XL"; PHP "İmza tümleşik olmalıdır") */
		return uy_ctx_fail(ctx, d->ck_content, UY_LOC_PART(part->name),
		    "%s ayrık (detached) bir imza: eContent yok, %s bölümü gömülü değil; e-Yazışma "
		    "tümleşik (attached) CAdES ister",
		    "%s is a detached signature: there is no eContent, %s is not embedded; "
		    "e-Yazışma requires attached CAdES",
		    d->name, d->summary_name);
	}
	if (summary == NULL) {
		return uy_ctx_skip(ctx, d->ck_content, UY_LOC_PART(part->name),
		    "%s bölümü pakette olmadığı için %s içeriği karşılaştırılamadı",
		    "The %s part is not in the package, so the content of %s could not be compared",
		    d->summary_name, d->name);
	}
	rc = uy_pkg_read_part(pkg, ctx, summary, UY_MAX_XML_PART, &sum);
	if (rc == UY_ERR_NOMEM) {
		return rc;
	}
	if (rc != UY_OK) {
		return uy_ctx_skip(ctx, d->ck_content, UY_LOC_PART(part->name),
		    "%s bölümü okunamadığı için %s içeriği karşılaştırılamadı (%s)",
		    "The %s part could not be read, so the content of %s could not be "
		    "compared (%s)",
		    d->summary_name, d->name, uy_err_name(rc));
	}
	const unsigned char *c = ASN1_STRING_get0_data(content);
	size_t clen = (size_t)ASN1_STRING_length(content);
	if (clen == sum.len && (clen == 0 || memcmp(c, sum.ptr, clen) == 0)) {
		return uy_ctx_pass(ctx, d->ck_content);
	}
	size_t off = 0;
	size_t lim = clen < sum.len ? clen : sum.len;
	while (off < lim && c[off] == sum.ptr[off]) {
		off++;
	}
	/* *= spec §8
	 *# (3) encapsulated content = summary bytes (PHP K.81/K.100: substring test) */
	return uy_ctx_fail(ctx, d->ck_content, UY_LOC_PART(part->name),
	    "%s içindeki eContent (%zu bayt) %s bölümünün baytlarıyla (%zu bayt) aynı değil; ilk "
	    "fark %zu. baytta",
	    "The eContent of %s (%zu bytes) differs from the bytes of %s (%zu bytes); first "
	    "difference at byte %zu",
	    d->name, clen, d->summary_name, sum.len, off);
}

/*
 * Full CAdES validation of one signature part (uy_validate.h), recorded at
 * the part. The profile comes from the signature's own policy; the role
 * from the part (spec signatures §3.4: a seal is an e-Mühür, never a NES).
 */
static uy_err
sig_validate(uy_ctx *ctx, const sig_def *d, const uy_part *part, uy_span bytes)
{
	if (ctx->sig == NULL) {
		return uy_ctx_skip(ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART(part->name),
		    "İmza doğrulama seçenekleri verilmedi (güven çapaları, doğrulama zamanı); %s "
		    "yalnızca yapısal olarak denetlendi",
		    "No signature validation options were given (trust anchors, validation time); "
		    "%s was checked for structure only",
		    d->name);
	}
	uy_validate_options o = *ctx->sig;
	o.role = d->role;
	o.profile = UY_PROFILE_NONE;
	uy_validation *v = uy_calloc(1, sizeof(*v));
	if (v == NULL) {
		return UY_ERR_NOMEM;
	}
	uy_err rc = uy_cades_validate(v, bytes, NULL, &o);
	if (rc == UY_OK) {
		rc = uy_cades_validation_record(ctx, UY_LOC_PART(part->name),
		    UY_CK_SIG_CADES_VALIDATION, v);
	} else if (rc != UY_ERR_NOMEM) {
		/* A limit or an OpenSSL failure: say so, never pass it. */
		uy_err why = rc;
		rc = uy_ctx_skip(ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART(part->name),
		    "%s doğrulanamadı (%s: %s)", "%s could not be validated (%s: %s)", d->name,
		    uy_err_name(why), uy_error_last());
	}
	uy_free(v);
	return rc;
}

/* Check one signature part against the summary it signs. */
static uy_err
sig_check(uy_ctx *ctx, uy_pkg *pkg, const sig_def *d, const uy_part *part,
    const uy_part *summary)
{
	uy_err rc = UY_OK;
	uy_span bytes = {NULL, 0};
	CMS_ContentInfo *cms = NULL;
	sig_kind kind = SIG_UNPARSED;

	rc = uy_pkg_read_part(pkg, ctx, part, UY_MAX_SIGNATURE_PART, &bytes);
	if (rc == UY_ERR_NOMEM) {
		goto done;
	}
	if (rc != UY_OK) {
		/* The reader recorded why (size cap, unreadable entry). */
		uy_check_id ids[] = {UY_CK_SIG_NOT_CMS, UY_CK_SIG_NOT_DER, d->ck_content,
		    UY_CK_SIG_CADES_VALIDATION};
		uy_err why = rc;
		rc = UY_OK;
		for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			UY_TRY_OUT(uy_ctx_skip(ctx, ids[i], UY_LOC_PART(part->name),
			    "%s bölümü okunamadı (%s)", "The %s part could not be read (%s)",
			    d->name, uy_err_name(why)));
		}
		goto done;
	}
	UY_TRY_OUT(sig_parse(ctx, d, part, bytes, &cms, &kind));
	if (kind != SIG_SIGNED_DATA) {
		/* *= spec §15.2
		 *# ImzaCades.imz, MuhurCades.imz | **ERROR: not CMS** (4 bytes, first byte
		 *# `0x01`); K.81/K.100 fail */
		UY_TRY_OUT(uy_ctx_fail(ctx, d->ck_content, UY_LOC_PART(part->name),
		    "%s bir CMS SignedData değil (bkz. eyp::signature::not-cms); bu nedenle %s "
		    "bölümünü gömülü olarak taşıyamaz",
		    "%s is not a CMS SignedData (see eyp::signature::not-cms); it cannot embed %s",
		    d->name, d->summary_name));
		UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART(part->name),
		    "%s bir CMS SignedData olmadığı için doğrulanamaz",
		    "%s is not a CMS SignedData, so it cannot be validated", d->name));
		if (kind == SIG_UNPARSED) {
			UY_TRY_OUT(uy_ctx_skip(ctx, UY_CK_SIG_NOT_DER, UY_LOC_PART(part->name),
			    "%s tek bir CMS ContentInfo olarak çözülemediği için DER denetlenmedi",
			    "%s could not be decoded as a single CMS ContentInfo, so DER was not "
			    "checked",
			    d->name));
		}
		goto done;
	}
	UY_TRY_OUT(sig_content(ctx, pkg, d, part, summary, cms));
	UY_TRY_OUT(sig_validate(ctx, d, part, bytes));
done:
	CMS_ContentInfo_free(cms);
	return rc;
}

/*
 * see rules.h
 *
 * Signature stage of one package: for each of ParafImzaCades, ImzaCades and
 * MuhurCades that the structure stage located, checks that the part is one
 * DER ContentInfo of type SignedData whose attached content is the exact
 * bytes of ParafOzeti, PaketOzeti or NihaiOzet; then the CAdES validation
 * with ctx->sig (not evaluated without it).
 *
 * @param ctx   findings go here, in ctx->scope; borrowed.
 * @param pkg   the opened package; signature parts are read whole, each
 *              under UY_MAX_SIGNATURE_PART, summaries under UY_MAX_XML_PART.
 * @param info  filled by the structure stage; only read.
 * @return UY_ERR_NOMEM  out of memory (the report is then incomplete)
 * @return UY_ERR_LIMIT  a part larger than LONG_MAX bytes reached OpenSSL
 *                       (impossible under UY_MAX_SIGNATURE_PART)
 * @standard e-Yazışma K.81, K.100 (spec §11, reconstructed); spec §8; RFC 5652
 *           §3, §5.1, §5.2 (structure only); ITU-T X.690 §10 (DER)
 */
uy_err
uy_rules__signatures(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	static const sig_def defs[] = {
		{"ParafImzaCades", "ParafOzeti", UY_CK_SIG_PARAF_CONTENT, UY_SIGNER_PERSON},
		{"ImzaCades", "PaketOzeti", UY_CK_SIG_IMZA_CONTENT, UY_SIGNER_PERSON},
		{"MuhurCades", "NihaiOzet", UY_CK_SIG_MUHUR_CONTENT, UY_SIGNER_SEAL},
	};
	const uy_part *parts[] = {info->parafimzacades, info->imzacades, info->muhurcades};
	const uy_part *summaries[] = {info->parafozeti, info->paketozeti, info->nihaiozet};

	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
		if (parts[i] == NULL) {
			continue; /* absence is a structure finding */
		}
		UY_TRY(sig_check(ctx, pkg, &defs[i], parts[i], summaries[i]));
	}
	return UY_OK;
}
