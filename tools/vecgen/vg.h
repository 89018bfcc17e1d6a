/*
 * vg.h - internal interface of uy-vecgen, the self-test vector generator.
 *
 * A package is held fully in memory as an ordered list of ZIP entries
 * ({name, bytes}); edits work on that list, re-sealing recomputes the
 * summaries' digests and the CMS signatures, and a writer turns the list
 * into a ZIP file with fixed order and fixed times, so that every vector is
 * byte-reproducible. Nothing here is part of uyum's library: it is test
 * tooling, and it trusts its inputs (the committed samples and test key).
 */
#ifndef UY_VECGEN_VG_H
#define UY_VECGEN_VG_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "uyum/uy_err.h"

/* Entry flags, honoured by the raw writer only. */
#define VG_E_ENCRYPT 1u   /* traditional PKWARE encryption, password "uyum" */
#define VG_E_BAD_CRC 2u   /* store a CRC-32 that does not match the data */

/** One ZIP entry. */
typedef struct {
	char *name;      /* entry name as written into the ZIP (normally no leading '/') */
	uint8_t *data;   /* owned (uy_free); NULL when zeros > 0 */
	size_t len;      /* bytes in data */
	uint64_t zeros;  /* > 0: the content is this many zero bytes, made while writing */
	uint16_t method; /* 0 Stored, 8 Deflate; raw writer: the method claimed */
	unsigned flags;  /* VG_E_* */
} vg_entry;

/** A package: entries in the order they are written. */
typedef struct {
	vg_entry *e;
	size_t n;
	size_t alloc;
} vg_pkg;

/** Generator state: output folder and the test signer. */
typedef struct {
	const char *out_dir;
	const char *samples_dir;
	EVP_PKEY *key;   /* test key (RSA-2048) */
	X509 *cert;      /* its self-signed certificate */
	int det_rng;     /* 1: envelopes use a deterministic RNG (TEST-RAND) */
	int verbose;
	/* Baselines, set by main() once written; borrowed by mutations. */
	const vg_pkg *v2;               /* valid-2x.eyp entries */
	const uint8_t *v2_bytes;        /* valid-2x.eyp file bytes */
	size_t v2_len;
	const uint8_t *eyps_cms_bytes;  /* valid-2x-cms.eyps file bytes */
	size_t eyps_cms_len;
} vg_ctx;

/* The relationship and content types the guide writes (spec §3.1, §2.2). */
#define VG_REL_PREFIX "http://eyazisma.dpt/iliskiler/"
#define VG_REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define VG_NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define VG_NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define VG_REF_DAHILI "http://eyazisma.dpt/bilesen#dahili"
#define VG_REF_HARICI "http://eyazisma.dpt/bilesen#harici"
#define VG_ALG_SHA1 "http://www.w3.org/2000/09/xmldsig#sha1"
#define VG_ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define VG_ALG_SHA384 "http://www.w3.org/2001/04/xmldsig-more#sha384"
#define VG_ALG_SHA512 "http://www.w3.org/2001/04/xmlenc#sha512"
#define VG_ALG_RIPEMD160 "http://www.w3.org/2001/04/xmlenc#ripemd160"

/* ---- vg_zip.c: the entry list, reading and writing ZIP files ---- */

/** Release everything p owns; safe to repeat. */
void vg_pkg_dispose(vg_pkg *p);

/**
 * Read every entry of a ZIP file into memory (libzip), in central-directory
 * order, keeping each entry's compression method.
 *
 * @return UY_ERR_IO  the file cannot be opened or an entry cannot be read
 * @return UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_pkg_load(vg_pkg *p, const char *path);

/**
 * Deep copy of src into dst (dst is overwritten, not disposed first).
 *
 * @return UY_ERR_NOMEM  out of memory (dst is left empty)
 */
UY_MUST_USE uy_err vg_pkg_copy(vg_pkg *dst, const vg_pkg *src);

/**
 * Find an entry by part name, ASCII case-insensitively; a leading '/' on
 * either side is ignored (OPC part names vs ZIP entry names).
 *
 * @return the entry, borrowed from p; NULL if absent.
 */
vg_entry *vg_find(const vg_pkg *p, const char *name);

/** Like vg_find, but exact (case-sensitive) name match. */
vg_entry *vg_find_exact(const vg_pkg *p, const char *name);

/**
 * Set the bytes of a part, adding the entry at the end if absent (Deflate,
 * except .rels, [Content_Types].xml and .psmdcp, which the samples store).
 *
 * @param name part name with or without leading '/'.
 * @return UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_set(vg_pkg *p, const char *name, const void *data, size_t len);

/**
 * Append a new entry even if the name exists (only the raw writer can
 * write duplicates). data may be NULL when len is 0 (a directory entry).
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err vg_append(vg_pkg *p, const char *name, const void *data, size_t len,
    uint16_t method);

/**
 * Remove a part (case-insensitive name).
 *
 * @return UY_ERR_NOT_FOUND  no such part
 */
UY_MUST_USE uy_err vg_remove(vg_pkg *p, const char *name);

/**
 * Rename a part; it keeps its place in the list. Relationships are not
 * touched (see vg_move_part).
 *
 * @return UY_ERR_NOT_FOUND  no such part
 * @return UY_ERR_NOMEM      out of memory
 */
UY_MUST_USE uy_err vg_rename(vg_pkg *p, const char *old_name, const char *new_name);

/**
 * Replace occurrences of a byte string in a part.
 *
 * @param all 0: the first occurrence only; 1: every occurrence.
 * @return UY_ERR_NOT_FOUND  the part or the string is absent (a vector
 *                           that silently equals its baseline is a bug)
 * @return UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_replace(vg_pkg *p, const char *name, const char *from, const char *to,
    int all);

/**
 * Write the package with libzip: entries in list order, each with its
 * method, all with the same fixed modification time (TZ is UTC).
 *
 * @return UY_ERR_IO  libzip failed
 */
UY_MUST_USE uy_err vg_write_zip(const vg_pkg *p, const char *path);

/**
 * Write the package with uy-vecgen's own minimal ZIP writer: Stored
 * entries (method as claimed), local headers, central directory, end
 * record; duplicates and any names are written as given. Honours
 * VG_E_ENCRYPT and VG_E_BAD_CRC. Entries with zeros > 0 are not supported.
 *
 * @return UY_ERR_IO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_write_raw(const vg_pkg *p, const char *path);

/**
 * Read a whole file into memory.
 *
 * @param[out] out      owned bytes (uy_free); NULL for an empty file or on error.
 * @param[out] len_out  length in bytes.
 * @return UY_ERR_IO     cannot open or read
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err vg_read_file(const char *path, uint8_t **out, size_t *len_out);

/**
 * Create or replace a file with len bytes.
 *
 * @return UY_ERR_IO  cannot create or write
 */
UY_MUST_USE uy_err vg_write_file(const char *path, const void *data, size_t len);

/** CRC-32 (ISO-HDLC, as ZIP uses it) of a buffer, continuing from crc. */
uint32_t vg_crc32(uint32_t crc, const uint8_t *p, size_t n);

/* ---- vg_edit.c: XML, relationship and content-type edits ---- */

/**
 * Parse a part with libxml2 (no network, no entities, no DTD).
 *
 * @param[out] out  owned document (xmlFreeDoc).
 * @return UY_ERR_NOT_FOUND  no such part
 * @return UY_ERR_XML        not well-formed
 */
UY_MUST_USE uy_err vg_xml_load(const vg_pkg *p, const char *name, xmlDocPtr *out);

/**
 * Serialise doc into part name (UTF-8 with a BOM like the reference
 * writers, spec §2.2), adding the part if absent.
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err vg_xml_store(vg_pkg *p, const char *name, xmlDocPtr doc);

/**
 * ZIP entry name of the relationships part of a source part
 * (ECMA-376-2 §9.3.1): "/" gives "_rels/.rels", "/Dir/F.xml" gives
 * "Dir/_rels/F.xml.rels".
 *
 * @return owned string (uy_free), NULL when out of memory.
 */
char *vg_rels_name(const char *source);

/**
 * Add a relationship to the .rels of source ("/" for package relationships),
 * creating the .rels part if needed.
 *
 * @return UY_ERR_NOMEM, UY_ERR_XML
 */
UY_MUST_USE uy_err vg_rel_add(vg_pkg *p, const char *source, const char *id, const char *type,
    const char *target);

/**
 * Find a relationship of source by type (case-insensitive when icase).
 *
 * @param[out] id_out      owned Id (uy_free), may be NULL.
 * @param[out] target_out  owned Target, may be NULL.
 * @return UY_ERR_NOT_FOUND, UY_ERR_NOMEM, UY_ERR_XML
 */
UY_MUST_USE uy_err vg_rel_find(const vg_pkg *p, const char *source, const char *type, int icase,
    char **id_out, char **target_out);

/**
 * Remove the relationship with that Id from the .rels of source.
 *
 * @return UY_ERR_NOT_FOUND  no such .rels part or Id
 * @return UY_ERR_XML        the .rels part is not well-formed
 * @return UY_ERR_NOMEM      out of memory
 */
UY_MUST_USE uy_err vg_rel_remove(vg_pkg *p, const char *source, const char *id);

/**
 * Set an attribute (Type, Target, Id, TargetMode) of the relationship with that Id.
 *
 * @return UY_ERR_NOT_FOUND, UY_ERR_XML, UY_ERR_NOMEM as vg_rel_remove()
 */
UY_MUST_USE uy_err vg_rel_set(vg_pkg *p, const char *source, const char *id, const char *attr,
    const char *value);

/**
 * Insert a copy of the relationship with that Id, right after it, under new_id.
 *
 * @return UY_ERR_NOT_FOUND, UY_ERR_XML, UY_ERR_NOMEM as vg_rel_remove()
 */
UY_MUST_USE uy_err vg_rel_dup(vg_pkg *p, const char *source, const char *id, const char *new_id);

/**
 * Resolve a relationship's target of a package relationship type to a part
 * name (leading '/'), case-insensitive type match.
 *
 * @return owned part name or NULL when absent.
 */
char *vg_rel_target_part(const vg_pkg *p, const char *source, const char *type);

/*
 * Content types (ECMA-376-2 §10.1.2): add or replace a Default (by
 * extension) or an Override (by part name, with '/'), or remove one.
 * All return UY_ERR_NOT_FOUND (no [Content_Types].xml, or nothing to
 * remove), UY_ERR_XML (not well-formed) or UY_ERR_NOMEM.
 */
UY_MUST_USE uy_err vg_ct_default(vg_pkg *p, const char *ext, const char *type);
UY_MUST_USE uy_err vg_ct_remove_default(vg_pkg *p, const char *ext);
UY_MUST_USE uy_err vg_ct_override(vg_pkg *p, const char *part, const char *type);
UY_MUST_USE uy_err vg_ct_remove_override(vg_pkg *p, const char *part);

/**
 * Move a part: rename it (and its own .rels), retarget every relationship
 * that reaches it, and rewrite Reference/@URI in the summaries. Both names
 * must be one folder deep ("/Dir/file") so relative targets stay valid.
 *
 * @return UY_ERR_NOT_FOUND  no such part
 * @return UY_ERR_XML        a .rels or [Content_Types].xml is not well-formed
 * @return UY_ERR_NOMEM      out of memory
 */
UY_MUST_USE uy_err vg_move_part(vg_pkg *p, const char *old_name, const char *new_name);

/* ---- vg_seal.c: digests and CMS ---- */

/**
 * The OpenSSL digest of a DigestMethod/@Algorithm URI (spec §7 table).
 *
 * @return a static EVP_MD, or NULL for an unknown URI.
 */
const EVP_MD *vg_md_for_uri(const char *uri);

/**
 * Recompute every DigestValue of one summary part (ParafOzeti, PaketOzeti,
 * NihaiOzet) whose Reference/@URI names a part of p, keeping the algorithms,
 * by rewriting the DigestValue texts through libxml2. References to absent
 * parts and #harici references are left untouched.
 *
 * @return UY_ERR_NOT_FOUND (no such summary), UY_ERR_XML, UY_ERR_CRYPTO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_digest_summary(vg_pkg *p, const char *summary);

/**
 * Attached CMS SignedData (DER) over data with the test key: SHA-256,
 * RSA PKCS#1 v1.5, signed attributes content-type, message-digest,
 * signing-certificate-v2 and a fixed signing-time, so the bytes are
 * reproducible.
 *
 * @param flags  extra CMS flags: CMS_DETACHED for a detached signature.
 * @param ber    1: indefinite-length BER (streamed) instead of DER.
 * @param[out] out owned bytes (uy_free).
 * @return UY_ERR_CRYPTO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_cms_sign(const vg_ctx *g, const uint8_t *data, size_t len,
    unsigned int flags, int ber, uint8_t **out, size_t *len_out);

/**
 * A CMS ContentInfo of type id-data (RFC 5652 §4), DER, around data: a
 * well-formed CMS object that is not a SignedData.
 *
 * @param[out] out  owned bytes (uy_free).
 * @return UY_ERR_CRYPTO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_cms_data(const uint8_t *data, size_t len, uint8_t **out, size_t *len_out);

/**
 * CMS EnvelopedData (RFC 5652 §6), DER, of data for the test certificate:
 * AES-256-CBC content encryption, RSA-OAEP-SHA256 key transport (the Kamu
 * SM library's default, spec §9). Deterministic when g->det_rng is set.
 *
 * @param[out] out  owned bytes (uy_free).
 * @return UY_ERR_CRYPTO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_cms_encrypt(const vg_ctx *g, const uint8_t *data, size_t len,
    uint8_t **out, size_t *len_out);

/**
 * Re-seal a normal package (1.x or 2.x) or an update package: recompute the
 * summaries in dependency order and replace each signature part the
 * summary's .rels reaches with a fresh CMS over the summary bytes.
 * 2.x: ParafOzeti, ParafImzaCades, PaketOzeti, ImzaCades, NihaiOzet,
 * MuhurCades; 1.x: PaketOzeti, ImzaCades, NihaiOzet, MuhurCades; .eypg:
 * NihaiOzet, MuhurCades. Summaries are found through the package
 * relationships (type compared case-insensitively); absent ones are skipped.
 */
UY_MUST_USE uy_err vg_reseal(const vg_ctx *g, vg_pkg *p);

/** Re-sealing stages, in dependency order. */
typedef enum {
	VG_STAGE_PARAF = 0, /* ParafOzeti, ParafImzaCades */
	VG_STAGE_PAKET = 1, /* PaketOzeti, ImzaCades */
	VG_STAGE_NIHAI = 2, /* NihaiOzet, MuhurCades */
} vg_stage;

/**
 * Re-seal from a stage on, so that a mutation of an earlier stage's output
 * survives. Errors as vg_reseal().
 */
UY_MUST_USE uy_err vg_reseal_from(const vg_ctx *g, vg_pkg *p, vg_stage first);

/**
 * Replace the signature part that the summary's .rels reaches through
 * sig_type by an attached CMS SignedData over the summary's bytes. Nothing
 * happens when there is no such relationship or part (a stripped
 * ParafImzaCades stays stripped).
 *
 * @return UY_ERR_CRYPTO, UY_ERR_NOMEM, UY_ERR_XML
 * @standard spec §8 (each signature signs the exact bytes of its summary)
 */
UY_MUST_USE uy_err vg_sign_summary(const vg_ctx *g, vg_pkg *p, const char *summary,
    const char *sig_type);

/**
 * Load the signer: a PEM private key and its PEM certificate.
 *
 * @return UY_ERR_IO      a file cannot be opened
 * @return UY_ERR_CRYPTO  unreadable, or the key does not match the certificate
 */
UY_MUST_USE uy_err vg_load_signer(vg_ctx *g, const char *key_path, const char *cert_path);

/** Probe the deterministic RNG (OpenSSL TEST-RAND); sets g->det_rng, warns if absent. */
void vg_det_rng_init(vg_ctx *g);

/** Release the signer and the RNG context. */
void vg_ctx_dispose(vg_ctx *g);

/* ---- vg_mut.c: baselines and mutations ---- */

/** Baselines a vector starts from. */
typedef enum {
	VG_BASE_NONE = 0,   /* built from scratch by the function */
	VG_BASE_V1,         /* valid-1x.eyp */
	VG_BASE_V2,         /* valid-2x.eyp */
	VG_BASE_V2FULL,     /* valid-2x-full.eyp: every optional element, valid */
	VG_BASE_EYPS_SAMPLE, /* sifrelipaketv2x.eyps unchanged */
	VG_BASE_EYPS_CMS,   /* valid-2x-cms.eyps */
	VG_BASE_EYPG,       /* valid-21.eypg */
} vg_base;

/* Vector flags. */
#define VG_V_RESEAL 1u   /* re-seal after the mutation */
#define VG_V_RAW 2u      /* write with the raw writer */
#define VG_V_BYTES 4u    /* the function writes the file bytes itself (post) */

typedef struct vg_vector vg_vector;

/** A mutation of a package in memory. */
typedef uy_err (*vg_mut_fn)(const vg_ctx *g, vg_pkg *p, const vg_vector *v);
/** A post-processing step on the written file's bytes (truncate, ...). */
typedef uy_err (*vg_post_fn)(const vg_ctx *g, uint8_t **bytes, size_t *len);

struct vg_vector {
	const char *file;  /* output file name */
	const char *what;  /* one line: what the mutation does */
	vg_base base;
	vg_mut_fn fn;      /* may be NULL (plain copy of the baseline) */
	vg_post_fn post;   /* may be NULL */
	unsigned flags;    /* VG_V_* */
	const char *arg;   /* per-vector arguments for table-driven mutations */
	const char *arg2;
	const char *arg3;
};

/** The vector table, terminated by an entry with file == NULL. */
extern const vg_vector vg_vectors[];

/*
 * The baselines (README "Baselines"), built in memory and re-sealed; the
 * caller writes them. out is initialised by the call and owned by the
 * caller (vg_pkg_dispose); on error it is left empty.
 *   vg_build_v1        valid-1x.eyp from paketv1x.eyp (spec §15.2 defects fixed)
 *   vg_build_v2        valid-2x.eyp from paketv2x.eyp (spec §15.3 defects fixed)
 *   vg_build_v2full    valid-2x-full.eyp: v2 plus every optional element
 *   vg_build_eyps_cms  valid-2x-cms.eyps: the sample's outer parts around a CMS
 *                      EnvelopedData of inner (the valid-2x.eyp bytes)
 *   vg_build_eypg      valid-21.eypg from scratch around orig (stored as orig_name)
 * All return UY_ERR_IO (a sample cannot be read), UY_ERR_NOT_FOUND (a sample
 * is not what the edits expect), UY_ERR_XML, UY_ERR_CRYPTO or UY_ERR_NOMEM.
 */
UY_MUST_USE uy_err vg_build_v1(const vg_ctx *g, vg_pkg *out);
UY_MUST_USE uy_err vg_build_v2(const vg_ctx *g, vg_pkg *out);
UY_MUST_USE uy_err vg_build_v2full(const vg_ctx *g, const vg_pkg *v2, vg_pkg *out);
UY_MUST_USE uy_err vg_build_eyps_cms(const vg_ctx *g, const uint8_t *inner, size_t inner_len,
    const vg_pkg *v2, vg_pkg *out);
UY_MUST_USE uy_err vg_build_eypg(const vg_ctx *g, const uint8_t *orig, size_t orig_len,
    const char *orig_name, vg_pkg *out);

/**
 * Load a sample package by file name from g->samples_dir (vg_pkg_load).
 *
 * @return UY_ERR_IO, UY_ERR_NOMEM
 */
UY_MUST_USE uy_err vg_load_sample(const vg_ctx *g, const char *file, vg_pkg *out);

#endif /* UY_VECGEN_VG_H */
