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

/** Deep copy of src into the empty dst. @return UY_ERR_NOMEM */
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

/** Append a new entry even if the name exists (raw writer only). @return UY_ERR_NOMEM */
UY_MUST_USE uy_err vg_append(vg_pkg *p, const char *name, const void *data, size_t len,
    uint16_t method);

/** Remove a part. @return UY_ERR_NOT_FOUND if absent */
UY_MUST_USE uy_err vg_remove(vg_pkg *p, const char *name);

/** Rename a part (keeps its place). @return UY_ERR_NOT_FOUND, UY_ERR_NOMEM */
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

/** Read a whole file. @return UY_ERR_IO, UY_ERR_NOMEM */
UY_MUST_USE uy_err vg_read_file(const char *path, uint8_t **out, size_t *len_out);

/** Write a whole file. @return UY_ERR_IO */
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

/** Serialise doc (UTF-8, BOM like the reference writers) into part name. */
UY_MUST_USE uy_err vg_xml_store(vg_pkg *p, const char *name, xmlDocPtr doc);

/** Name of the .rels part of a source part ("/" for the package): "_rels/.rels", "Dir/_rels/F.xml.rels". */
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

/** Remove the relationship with that Id. @return UY_ERR_NOT_FOUND, UY_ERR_XML */
UY_MUST_USE uy_err vg_rel_remove(vg_pkg *p, const char *source, const char *id);

/** Set an attribute (Type, Target, Id, TargetMode) of the relationship with that Id. */
UY_MUST_USE uy_err vg_rel_set(vg_pkg *p, const char *source, const char *id, const char *attr,
    const char *value);

/** Duplicate the relationship with that Id under a new Id. */
UY_MUST_USE uy_err vg_rel_dup(vg_pkg *p, const char *source, const char *id, const char *new_id);

/**
 * Resolve a relationship's target of a package relationship type to a part
 * name (leading '/'), case-insensitive type match.
 *
 * @return owned part name or NULL when absent.
 */
char *vg_rel_target_part(const vg_pkg *p, const char *source, const char *type);

/** Add or replace a Default (extension) content type. */
UY_MUST_USE uy_err vg_ct_default(vg_pkg *p, const char *ext, const char *type);
/** Remove a Default. @return UY_ERR_NOT_FOUND */
UY_MUST_USE uy_err vg_ct_remove_default(vg_pkg *p, const char *ext);
/** Add or replace an Override (part name with '/'). */
UY_MUST_USE uy_err vg_ct_override(vg_pkg *p, const char *part, const char *type);
/** Remove an Override. @return UY_ERR_NOT_FOUND */
UY_MUST_USE uy_err vg_ct_remove_override(vg_pkg *p, const char *part);

/**
 * Move a part: rename it (and its own .rels), retarget every relationship
 * that reaches it, and rewrite Reference/@URI in the summaries. Both names
 * must be one folder deep ("/Dir/file") so relative targets stay valid.
 */
UY_MUST_USE uy_err vg_move_part(vg_pkg *p, const char *old_name, const char *new_name);

/* ---- vg_seal.c: digests and CMS ---- */

/** Digest of data with the algorithm named by a DigestMethod URI; NULL md if unknown. */
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

/** A CMS ContentInfo of type id-data (not SignedData) around data, DER. */
UY_MUST_USE uy_err vg_cms_data(const uint8_t *data, size_t len, uint8_t **out, size_t *len_out);

/**
 * CMS EnvelopedData (DER) of data for the test certificate, AES-256-CBC,
 * RSA key transport; deterministic when g->det_rng is set.
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

/** Re-seal from a stage on (a mutation of an earlier stage's output survives). */
UY_MUST_USE uy_err vg_reseal_from(const vg_ctx *g, vg_pkg *p, vg_stage first);

/** Replace the signature part reached from summary (by rel type) with a CMS over the summary. */
UY_MUST_USE uy_err vg_sign_summary(const vg_ctx *g, vg_pkg *p, const char *summary,
    const char *sig_type);

/** Load the test key and certificate (PEM). @return UY_ERR_IO, UY_ERR_CRYPTO */
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

/** Build the baselines (in memory, and write them). */
UY_MUST_USE uy_err vg_build_v1(const vg_ctx *g, vg_pkg *out);
UY_MUST_USE uy_err vg_build_v2(const vg_ctx *g, vg_pkg *out);
UY_MUST_USE uy_err vg_build_v2full(const vg_ctx *g, const vg_pkg *v2, vg_pkg *out);
UY_MUST_USE uy_err vg_build_eyps_cms(const vg_ctx *g, const uint8_t *inner, size_t inner_len,
    const vg_pkg *v2, vg_pkg *out);
/** Load a sample by file name from g->samples_dir. */
UY_MUST_USE uy_err vg_load_sample(const vg_ctx *g, const char *file, vg_pkg *out);
UY_MUST_USE uy_err vg_build_eypg(const vg_ctx *g, const uint8_t *orig, size_t orig_len,
    const char *orig_name, vg_pkg *out);

#endif /* UY_VECGEN_VG_H */
