/*
 * uy_enc_make.h - the CMS encryption producer of uyum's tools: EnvelopedData
 * and AuthEnvelopedData over given bytes, and complete encrypted e-Yazışma
 * packages (.eyps) built from an inner .eyp.
 *
 * This is test tooling (issue 3): it makes what a conforming EBYS sends, so
 * that uyum's checks can be exercised on real encrypted packages. It is
 * deliberately permissive about recipients: it encrypts to any RSA or EC
 * certificate it is given, whatever its key usage or key size, so that
 * negative vectors (a seal certificate as recipient, RSA-1024, ...) can be
 * made with it. Policy checks belong to the checker, not to the producer.
 *
 * Conventions are those of uyum.h. OpenSSL 3.0 API only.
 *
 * Reproducibility: the content-encryption key, the IV (CBC) or nonce (GCM),
 * the OAEP seed and the ECDH ephemeral key are random, so two runs give
 * different bytes. A caller that needs byte-identical output for RSA
 * recipients passes a library context whose RNG is deterministic (OpenSSL's
 * TEST-RAND, as uy-vecgen does) in the options: content key, IV/nonce and
 * OAEP seeds are then drawn from it (tested). The ECDH ephemeral key is NOT:
 * OpenSSL 3.0 generates it outside that context, so envelopes with an EC
 * recipient differ on every run whatever the options.
 */
#ifndef UY_TOOLS_ENC_UY_ENC_MAKE_H
#define UY_TOOLS_ENC_UY_ENC_MAKE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/types.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"

/** Content encryption, which also selects the CMS content type. */
typedef enum {
	/* EnvelopedData (RFC 5652 §6), id-aes256-CBC: MA3's default (spec §7.2, K.3/K.4). */
	UY_ENC_AES256_CBC = 0,
	/* AuthEnvelopedData (RFC 5083), id-aes256-GCM (RFC 5084), 16-byte tag. */
	UY_ENC_AES256_GCM = 1,
} uy_enc_content;

#define UY_ENC_OPTIONS_VERSION 1u

/** How to encrypt. Initialise with UY_ENC_OPTIONS_INIT. */
typedef struct {
	unsigned version;       /* UY_ENC_OPTIONS_VERSION */
	uy_enc_content content; /* default UY_ENC_AES256_CBC */
	OSSL_LIB_CTX *libctx;   /* NULL: OpenSSL's default context; borrowed */
	const char *propq;      /* property query for fetches; NULL: none; borrowed */
} uy_enc_options;

#define UY_ENC_OPTIONS_INIT {UY_ENC_OPTIONS_VERSION, UY_ENC_AES256_CBC, NULL, NULL}

/**
 * Encrypt bytes for one or more recipient certificates as a DER CMS
 * ContentInfo holding an EnvelopedData (AES-256-CBC) or an AuthEnvelopedData
 * (AES-256-GCM).
 *
 * Every recipient is identified by issuerAndSerialNumber. Per key type:
 * - RSA: KeyTransRecipientInfo v0, RSAES-OAEP with SHA-256 and MGF1-SHA-256
 *   (RFC 8017 §7.1, RFC 4055; written by OpenSSL in its minimal form:
 *   hashFunc and maskGenFunc present, pSourceFunc absent).
 * - EC: KeyAgreeRecipientInfo v3, ephemeral-static ECDH (RFC 5753 §3.1)
 *   with the X9.63 KDF on SHA-256, dhSinglePass-stdDH-sha256kdf-scheme
 *   1.3.132.1.11.1 (not OpenSSL's SHA-1 default, spec §6 pitfall 6), key
 *   wrap id-aes256-wrap 2.16.840.1.101.3.4.1.45 (RFC 3394/3565; never MA3's
 *   AES-256-CBC "wrap", spec §6 pitfall 7 and §7.3).
 * Other key types (RSA-PSS, X25519, DSA, ...) are refused. EC recipients
 * with AES-256-GCM are produced if OpenSSL does so, but MA3 cannot read them
 * (spec §7.3). Output is not byte-stable unless every recipient is RSA and
 * opts->libctx has a deterministic RNG (see the file comment).
 *
 * @param[out] out         owned DER (uy_free); NULL on error.
 * @param[out] len_out     length of *out in bytes; 0 on error.
 * @param data             plaintext, e.g. the bytes of an inner .eyp; borrowed;
 *                         may be NULL when len is 0.
 * @param len              bytes of data; at most INT_MAX.
 * @param recipients       n_recipients certificates; borrowed.
 * @param n_recipients     at least 1.
 * @param opts             options; NULL means UY_ENC_OPTIONS_INIT.
 * @return UY_ERR_USAGE   no recipients, a NULL certificate, an unknown
 *                        options version or content, len > INT_MAX, or a
 *                        recipient key that is neither RSA nor EC
 * @return UY_ERR_CRYPTO  OpenSSL failed (the reason is in uy_error_last())
 * @return UY_ERR_NOMEM   out of memory
 * @standard RFC 5652 §6 (EnvelopedData), RFC 5083 (AuthEnvelopedData),
 *           RFC 5084, RFC 3565, RFC 4055 §4, RFC 5753 §3.1, RFC 8418;
 *           Kamu SM MA3 CMS Envelope (spec signatures-and-certificates §7.2)
 */
UY_MUST_USE uy_err uy_enc_make_enveloped(uint8_t **out, size_t *len_out, const uint8_t *data,
    size_t len, X509 *const *recipients, size_t n_recipients, const uy_enc_options *opts);

#define UY_EYPS_OPTIONS_VERSION 1u

/* 2021-02-15T12:39:00Z, the sample packages' date and uy-vecgen's mtime. */
#define UY_EYPS_DEFAULT_TIME ((time_t)1613392740)

/** How to build an .eyps. Initialise with UY_EYPS_OPTIONS_INIT. */
typedef struct {
	unsigned version;    /* UY_EYPS_OPTIONS_VERSION */
	uy_enc_options enc;  /* how SifreliIcerik is encrypted */
	/* The one explicit time (UTC seconds, no wall clock): the outer Core's
	 * dcterms:created and the modification time of every ZIP entry. */
	time_t created;
	/* Outer dc:creator (UTF-8); NULL: copied from the inner Core. Borrowed. */
	const char *creator;
	/* Outer revision; NULL: "uyum-enc/<UY_VERSION>". Borrowed. */
	const char *revision;
	/* Outer /BelgeHedef/BelgeHedef.xml bytes, written as given. ptr NULL:
	 * the inner package's BelgeHedef is copied when it has one (every 1.x
	 * package), else the part is omitted (allowed in 2.x). Borrowed. */
	uy_span belgehedef;
} uy_eyps_options;

#define UY_EYPS_OPTIONS_INIT \
	{UY_EYPS_OPTIONS_VERSION, UY_ENC_OPTIONS_INIT, UY_EYPS_DEFAULT_TIME, NULL, NULL, {NULL, 0}}

/**
 * Build a complete encrypted package (.eyps, 1.x or 2.x after the inner
 * package's Core version) from an inner .eyp file.
 *
 * The inner package is read with libzip; its parts are found through
 * /_rels/.rels (relationship types compared case-insensitively, so the
 * reference writer's "PaketOzeti" is found). Its BelgeId is the inner Core
 * dc:identifier, else Ustveri/BelgeId, and must be a GUID. The output holds,
 * in this order, with method Stored for the first three and Deflate for the
 * rest, and every mtime = opts->created:
 *  1. [Content_Types].xml: Default xml, rels, psmdcp; 2.x: Override
 *     /SifreliIcerik/<GUID> application/pkcs7-mime; 1.x: Default eyp
 *     application/pkcs7-mime (spec packages §2.2);
 *  2. _rels/.rels: nihaiozet (2.x) or paketozeti (1.x), sifreliicerik,
 *     belgehedef (when written), sifreliicerikbilgisi, core-properties;
 *  3. package/services/metadata/core-properties/<32 hex>.psmdcp: identifier
 *     = BelgeId uppercase, creator, category RESMIYAZISMA/SIFRELI,
 *     contentType application/eyazisma, version = the inner Core version,
 *     created, revision (the name is derived from the BelgeId);
 *  4. NihaiOzet/NihaiOzet.xml (2.x) or PaketOzeti/PaketOzeti.xml (1.x): a
 *     byte-for-byte copy of the inner summary;
 *  5. BelgeHedef/BelgeHedef.xml (see opts->belgehedef);
 *  6. SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml: Id="", Version="1.4",
 *     the guide's Yontem, the two URIs; namespace Tipler-2 (2.x) or
 *     SifreliIcerikBilgisi-1 (1.x);
 *  7. SifreliIcerik/<GUID> (2.x) or SifreliIcerik/<GUID>.eyp (1.x): the
 *     uy_enc_make_enveloped() output over the whole inner file.
 * XML parts are UTF-8 with a BOM, as the reference writers make them. Apart
 * from the CMS part (see uy_enc_make_enveloped()), output is byte-stable.
 * The file is written by libzip through a temporary file and a rename.
 *
 * @param out_path      the .eyps to write; replaced if it exists.
 * @param inner_path    the inner .eyp (at most UY_MAX_ZIP_ENTRY_UNCOMPRESSED bytes).
 * @param recipients    n_recipients certificates; borrowed.
 * @param n_recipients  at least 1.
 * @param opts          options; NULL means UY_EYPS_OPTIONS_INIT.
 * @return UY_ERR_IO         inner_path cannot be read, or out_path not written
 * @return UY_ERR_LIMIT      the inner file, or one of its parts, is over its cap
 * @return UY_ERR_ZIP        the inner file is not a readable ZIP
 * @return UY_ERR_NOT_FOUND  no /_rels/.rels, Core, summary, or BelgeId in the
 *                           inner package, or a relationship target is absent
 * @return UY_ERR_SYNTAX     the Core version is not 1.x/2.x, or the BelgeId
 *                           is not a GUID
 * @return UY_ERR_XML        an inner XML part cannot be parsed
 * @return UY_ERR_XML_DOCTYPE an inner XML part has a DOCTYPE
 * @return UY_ERR_CRYPTO     encryption failed (see uy_enc_make_enveloped())
 * @return UY_ERR_NOMEM      out of memory
 * On error out_path is not created (libzip discards its temporary file).
 * @standard e-Yazışma Teknik Rehberi, encrypted package (spec packages §9,
 *           §2.2, §2.3, §3.1-3.3); ECMA-376-2 (OPC); RFC 5652
 */
UY_MUST_USE uy_err uy_enc_make_eyps(const char *out_path, const char *inner_path,
    X509 *const *recipients, size_t n_recipients, const uy_eyps_options *opts);

#endif /* UY_TOOLS_ENC_UY_ENC_MAKE_H */
