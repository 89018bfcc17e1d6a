/*
 * uy_pkg.h - read an OPC/ZIP e-Yazışma package safely (ECMA-376-2 on libzip).
 *
 * The reader never trusts the central directory: every cap of uy_limits.h is
 * applied to the bytes actually read. Container defects are findings
 * (zip::*, opc::*, xml::doctype) recorded into the uy_ctx, not errors.
 * Parts are streamed; only XML and signature parts are held in memory, each
 * under its own cap. Part names compare case-insensitively (ECMA-376-2 §9.1.1.2).
 */
#ifndef UYUM_UY_PKG_H
#define UYUM_UY_PKG_H

#include <stddef.h>
#include <stdint.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_check.h"
#include "uyum/uy_err.h"

typedef struct uy_pkg uy_pkg;

/** A part of the package (one ZIP entry that is not a directory). */
typedef struct {
	char *name;               /* OPC part name with leading '/', as in the ZIP */
	uint64_t zip_index;       /* libzip index */
	uint64_t size;            /* declared uncompressed size, bytes */
	uint64_t comp_size;       /* declared compressed size, bytes */
	uint16_t method;          /* ZIP compression method */
	const char *content_type; /* from [Content_Types].xml, borrowed; NULL if none */
	int is_rels;              /* a relationships part (a .rels under a _rels folder) */
	int is_content_types;     /* /[Content_Types].xml */
	int usable;               /* passed the name and limit checks; readable */
} uy_part;

/** One relationship (ECMA-376-2 §9.3). */
typedef struct {
	char *id;
	char *type;              /* exact string as written */
	char *target;            /* exact string as written */
	int external;            /* TargetMode="External" */
	const uy_part *source;   /* source part, NULL for package relationships */
	const uy_part *rels_part; /* the .rels part it was read from */
	char *resolved;          /* absolute part name (RFC 3986 resolution); NULL if external or unresolvable */
	const uy_part *target_part; /* part found case-insensitively; NULL if missing */
	long line;               /* line in the .rels part */
} uy_rel;

/** Streaming callback: a chunk of a part's uncompressed bytes. */
typedef uy_err (*uy_pkg_chunk_cb)(const uint8_t *data, size_t len, void *payload);

typedef enum {
	UY_DIGEST_SHA1 = 0,
	UY_DIGEST_SHA256,
	UY_DIGEST_SHA384,
	UY_DIGEST_SHA512,
	UY_DIGEST_RIPEMD160,
	UY_DIGEST__COUNT
} uy_digest_alg;

#define UY_DIGEST_MAX 64

/**
 * Open a package file and read its container: ZIP central directory, entry
 * names and limits, [Content_Types].xml, all relationship parts.
 *
 * Defects are recorded into ctx as findings. If the ZIP cannot be read at
 * all, UY_CK_ZIP_UNREADABLE is recorded and *out is NULL with UY_OK.
 *
 * @param[out] out package, owned by the caller (uy_pkg_free); NULL on error
 *                 or when the container is unreadable.
 * @param ctx      where findings go; borrowed for the call.
 * @param path     file path.
 * @return UY_ERR_IO     the file cannot be opened (missing, permissions)
 * @return UY_ERR_NOMEM  out of memory
 * @standard ECMA-376-2 §8-9 (OPC); APPNOTE.TXT (ZIP)
 */
UY_MUST_USE uy_err uy_pkg_open(uy_pkg **out, uy_ctx *ctx, const char *path);

/**
 * Open a part of another package as a package (the SifreliIcerik of an
 * .eyps or the OrijinalPaket of an .eypg). The part is streamed into an
 * anonymous temporary file, so memory does not grow with its size.
 * Findings use ctx's scope.
 *
 * @param[out] out  package owned by the caller; NULL on error or when the
 *                  part is not a readable ZIP (finding recorded, UY_OK).
 * @param outer     the containing package; must outlive the call only.
 * @param part      a part of outer.
 * @return UY_ERR_IO     no temporary file
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_pkg_open_part(uy_pkg **out, uy_ctx *ctx, uy_pkg *outer, const uy_part *part);

/** Release a package; NULL is allowed. */
void uy_pkg_free(uy_pkg *pkg);

/** Number of parts (directories and unusable entries are included; see uy_part.usable). */
size_t uy_pkg_part_count(const uy_pkg *pkg);

/** Part i (< uy_pkg_part_count), borrowed from pkg. */
const uy_part *uy_pkg_part_at(const uy_pkg *pkg, size_t i);

/**
 * Find a part by name, ASCII case-insensitively (ECMA-376-2 §9.1.1.2).
 * A leading '/' is added when missing; %-escapes are decoded.
 *
 * @return the part, borrowed from pkg; NULL if absent.
 */
const uy_part *uy_pkg_find_part(const uy_pkg *pkg, const char *name);

/** Number of relationships (package-level first, then part-level). */
size_t uy_pkg_rel_count(const uy_pkg *pkg);

/** Relationship i, borrowed from pkg. */
const uy_rel *uy_pkg_rel_at(const uy_pkg *pkg, size_t i);

/**
 * Read a whole part into memory, once: later calls return the cached bytes.
 * A part over cap gets a finding (UY_CK_ZIP_ENTRY_SIZE) and an error.
 *
 * @param[out] out  view of the bytes, borrowed from pkg until uy_pkg_free.
 * @param cap       maximum size in bytes (UY_MAX_XML_PART, UY_MAX_SIGNATURE_PART).
 * @return UY_ERR_LIMIT      the part is larger than cap (finding recorded)
 * @return UY_ERR_ZIP_ENTRY  the entry cannot be read (finding recorded)
 * @return UY_ERR_NOMEM      out of memory
 */
UY_MUST_USE uy_err uy_pkg_read_part(uy_pkg *pkg, uy_ctx *ctx, const uy_part *part, uint64_t cap,
    uy_span *out);

/**
 * Stream a part's uncompressed bytes to a callback in chunks of at most
 * UY_STREAM_CHUNK bytes, enforcing the size and ratio limits on the bytes
 * actually read. Uses the cache when the part was read whole.
 *
 * @return UY_ERR_ZIP_ENTRY  the entry cannot be read (finding recorded)
 * @return UY_ERR_LIMIT      a limit was exceeded (finding recorded)
 * @return any error the callback returns
 */
UY_MUST_USE uy_err uy_pkg_stream_part(uy_pkg *pkg, uy_ctx *ctx, const uy_part *part,
    uy_pkg_chunk_cb cb, void *payload);

/**
 * Read to the end every usable part that has not been read whole yet, so
 * that the CRC, real-size and ratio checks cover all entries while each
 * part is still decompressed once (the rules' reads count). Call it after
 * the rules have read what they need.
 *
 * @return UY_ERR_NOMEM  out of memory
 * Unreadable or oversized entries are findings (UY_CK_ZIP_ENTRY_UNREADABLE,
 * UY_CK_ZIP_ENTRY_SIZE, UY_CK_ZIP_RATIO), not errors.
 * @standard APPNOTE.TXT §4.4.7 (CRC-32), §4.4.9 (sizes)
 */
UY_MUST_USE uy_err uy_pkg_verify_unread(uy_pkg *pkg, uy_ctx *ctx);

/**
 * Ask for the digest of a part with an algorithm; computed later, once, by
 * uy_pkg_compute_digests().
 *
 * @return UY_ERR_NOMEM  out of memory
 */
UY_MUST_USE uy_err uy_pkg_want_digest(uy_pkg *pkg, const uy_part *part, uy_digest_alg alg);

/**
 * Compute every digest asked for: one read pass per part, all its
 * algorithms fed from the same chunks.
 *
 * @return UY_ERR_CRYPTO  OpenSSL failed (not the artefact's fault)
 * @return UY_ERR_NOMEM   out of memory
 * Unreadable parts are findings; their digests stay unavailable.
 */
UY_MUST_USE uy_err uy_pkg_compute_digests(uy_pkg *pkg, uy_ctx *ctx);

/**
 * A digest computed by uy_pkg_compute_digests().
 *
 * @param[out] out     UY_DIGEST_MAX bytes.
 * @param[out] len_out digest length in bytes.
 * @return UY_ERR_NOT_FOUND  not asked for, or the part was unreadable
 */
UY_MUST_USE uy_err uy_pkg_get_digest(const uy_pkg *pkg, const uy_part *part, uy_digest_alg alg,
    uint8_t *out, size_t *len_out);

/** Digest name, e.g. "SHA-256". */
const char *uy_digest_name(uy_digest_alg alg);

/**
 * Resolve a relationship target against its source part (RFC 3986 §5.2,
 * ECMA-376-2 §9.3.3): absolute targets stay, relative ones are merged with
 * the source's folder; "." and ".." segments are removed; escaping above the
 * root fails.
 *
 * @param[out] out  owned absolute part name (uy_free); NULL on error.
 * @param source    source part name ("/" for the package).
 * @param target    Target attribute as written.
 * @return UY_ERR_SYNTAX  not a part reference (scheme, query, fragment, above root)
 * @return UY_ERR_NOMEM   out of memory
 */
UY_MUST_USE uy_err uy_opc_resolve(char **out, const char *source, const char *target);

/** ASCII case-insensitive comparison of part names; 0 when equivalent. */
int uy_opc_name_cmp(const char *a, const char *b);

#endif /* UYUM_UY_PKG_H */
