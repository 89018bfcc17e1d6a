/*
 * pkg_internal.h - cross-file internals of the pkg module (pkg.c, opc.c,
 * digest.c). Not part of the public API.
 */
#ifndef UYUM_PKG_INTERNAL_H
#define UYUM_PKG_INTERNAL_H

#include "uyum/uy_pkg.h"

/* Set part i's content type (copied); UY_ERR_NOMEM. (pkg.c) */
uy_err uy_pkg__set_content_type(uy_pkg *pkg, size_t i, const char *type);
/* Append a relationship, taking over its strings; UY_ERR_NOMEM, UY_ERR_LIMIT. (pkg.c) */
uy_err uy_pkg__add_rel(uy_pkg *pkg, const uy_rel *rel);
/* The digest state digest.c keeps in the package (borrowed), and its setter. (pkg.c) */
void *uy_pkg__digest_state(const uy_pkg *pkg);
void uy_pkg__set_digest_state(uy_pkg *pkg, void *state);
/* Release a digest state; NULL allowed. (digest.c) */
void uy_pkg__digest_state_free(void *state);
/* Read [Content_Types].xml and every .rels part (findings into ctx). (opc.c) */
uy_err uy_opc__load(uy_pkg *pkg, uy_ctx *ctx);

#endif /* UYUM_PKG_INTERNAL_H */
