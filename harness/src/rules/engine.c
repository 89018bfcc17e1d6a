/* The check pipeline: see uy_eyp.h and the stage order in rules.h. */
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_eyp.h"
#include "uyum/uy_limits.h"

/* see rules.h */
uy_err
uy_rules__check_pkg(uy_ctx *ctx, uy_pkg *pkg, const char *file_name, uy_pkginfo *info_out)
{
	uy_pkginfo info;
	uy_err rc = UY_OK;

	memset(&info, 0, sizeof(info));
	info.is_inner = ctx->depth > 0;
	if (file_name != NULL) {
		const char *dot = strrchr(file_name, '.');
		const char *slash = strrchr(file_name, '/');
		if (dot != NULL && (slash == NULL || dot > slash)) {
			info.file_ext = uy_strdup(dot);
			UY_ENSURE_OUT(info.file_ext != NULL, UY_ERR_NOMEM);
		}
	}
	UY_TRY_OUT(uy_rules__structure(ctx, pkg, &info));
	UY_TRY_OUT(uy_rules__metadata(ctx, pkg, &info));
	UY_TRY_OUT(uy_rules__core_cross(ctx, pkg, &info));
	UY_TRY_OUT(uy_rules__digests(ctx, pkg, &info));
	UY_TRY_OUT(uy_rules__signatures(ctx, pkg, &info));
	if (info.kind == UY_KIND_EYPS) {
		UY_TRY_OUT(uy_rules__eyps(ctx, pkg, &info));
	}
	if (info.kind == UY_KIND_EYPG) {
		UY_TRY_OUT(uy_rules__eypg(ctx, pkg, &info));
	}
	UY_TRY_OUT(uy_pkg_verify_unread(pkg, ctx));
done:
	if (rc == UY_OK && info_out != NULL) {
		*info_out = info; /* now owned by caller */
		memset(&info, 0, sizeof(info));
	}
	uy_pkginfo_dispose(&info);
	return rc;
}

/* SHA-256 and size of the file as given, for the report's provenance. */
static uy_err
engine_hash_file(uy_pkg_report *rep, const char *path)
{
	uy_err rc = UY_OK;
	FILE *f = NULL;
	EVP_MD_CTX *md = NULL;
	unsigned char buf[UY_STREAM_CHUNK];
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	size_t n = 0;

	f = fopen(path, "rb");
	if (f == NULL) {
		rc = UY_ERROR(UY_ERR_IO, "cannot open %s: %s", path, strerror(errno));
		goto done;
	}
	md = EVP_MD_CTX_new();
	UY_ENSURE_OUT(md != NULL, UY_ERR_NOMEM);
	UY_ENSURE_OUT(EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1, UY_ERR_CRYPTO);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		UY_ENSURE_OUT(EVP_DigestUpdate(md, buf, n) == 1, UY_ERR_CRYPTO);
		rep->size += n;
	}
	if (ferror(f)) {
		rc = UY_ERROR(UY_ERR_IO, "cannot read %s", path);
		goto done;
	}
	UY_ENSURE_OUT(EVP_DigestFinal_ex(md, dig, &dlen) == 1, UY_ERR_CRYPTO);
	for (unsigned int i = 0; i < dlen && i < 32; i++) {
		snprintf(rep->sha256 + 2 * i, 3, "%02x", dig[i]);
	}
done:
	EVP_MD_CTX_free(md);
	if (f != NULL) {
		fclose(f);
	}
	return rc;
}

static const char *
engine_kind_name(uy_kind k)
{
	switch (k) {
	case UY_KIND_EYP:
		return ".eyp";
	case UY_KIND_EYPS:
		return ".eyps";
	case UY_KIND_EYPG:
		return ".eypg";
	case UY_KIND_UNKNOWN:
	default:
		return "?";
	}
}

static const char *
engine_gen_name(uy_gen g)
{
	switch (g) {
	case UY_GEN_1:
		return "1.x";
	case UY_GEN_2:
		return "2.x";
	case UY_GEN_UNKNOWN:
	default:
		return "?";
	}
}

/* see uy_eyp.h */
uy_err
uy_eyp_check_file(uy_pkg_report *out, const char *path)
{
	return uy_eyp_check_file_with(out, path, NULL);
}

/* see uy_eyp.h */
uy_err
uy_eyp_check_file_with(uy_pkg_report *out, const char *path, const uy_validate_options *sig_opts)
{
	uy_err rc = UY_OK;
	uy_pkg *pkg = NULL;
	uy_pkginfo info;
	uy_ctx ctx;

	memset(&info, 0, sizeof(info));
	UY_TRY(uy_pkg_report_init(out, path));
	ctx.report = out;
	ctx.scope = "";
	ctx.depth = 0;
	ctx.sig = sig_opts;
	UY_TRY_OUT(engine_hash_file(out, path));
	UY_TRY_OUT(uy_pkg_open(&pkg, &ctx, path));
	if (pkg != NULL) {
		UY_TRY_OUT(uy_rules__check_pkg(&ctx, pkg, out->name, &info));
		snprintf(out->kind, sizeof(out->kind), "%s", engine_kind_name(info.kind));
		snprintf(out->generation, sizeof(out->generation), "%s", engine_gen_name(info.gen));
	}
	UY_TRY_OUT(uy_pkg_report_finish(out));
done:
	uy_pkginfo_dispose(&info);
	uy_pkg_free(pkg);
	return rc;
}
