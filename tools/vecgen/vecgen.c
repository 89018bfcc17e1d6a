/*
 * uy-vecgen - make uyum's self-test vectors from the sample packages.
 *
 *   uy-vecgen --samples DIR --out DIR [--only NAME] [--key PEM --cert PEM] [--list] [-v]
 *
 * Writes the valid baselines (valid-1x.eyp, valid-2x.eyp, valid-2x-full.eyp,
 * valid-2x-cms.eyps, valid-21.eypg) and every mutation of the vector table
 * (vg_mut.c) into the output folder; with --only, the baselines and that one
 * vector. Output is byte-reproducible: fixed entry order and times, fixed
 * signing time, deterministic RSA PKCS#1 v1.5 signatures and a replayed RNG
 * for the CMS envelope. The signer is the TEST-ONLY key in
 * tools/vecgen/testkey/. See tools/vecgen/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/parser.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"
#include "vg.h"

#ifndef UY_VECGEN_TESTKEY_DIR
#define UY_VECGEN_TESTKEY_DIR "tools/vecgen/testkey"
#endif

/* Command-line options. */
typedef struct {
	const char *samples;
	const char *out;
	const char *only;
	const char *key;
	const char *cert;
	int list;
	int verbose;
} vecgen_opts;

static void
vecgen_usage(FILE *f)
{
	fprintf(f, "usage: uy-vecgen --samples DIR --out DIR [--only NAME] [--key PEM --cert PEM]"
	           " [--list] [-v]\n");
}

static int
vecgen_parse(vecgen_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->key = UY_VECGEN_TESTKEY_DIR "/test-key.pem";
	o->cert = UY_VECGEN_TESTKEY_DIR "/test-cert.pem";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		if (strcmp(a, "--samples") == 0) {
			slot = &o->samples;
		} else if (strcmp(a, "--out") == 0) {
			slot = &o->out;
		} else if (strcmp(a, "--only") == 0) {
			slot = &o->only;
		} else if (strcmp(a, "--key") == 0) {
			slot = &o->key;
		} else if (strcmp(a, "--cert") == 0) {
			slot = &o->cert;
		} else if (strcmp(a, "--list") == 0) {
			o->list = 1;
			continue;
		} else if (strcmp(a, "-v") == 0) {
			o->verbose = 1;
			continue;
		} else {
			fprintf(stderr, "uy-vecgen: unknown argument %s\n", a);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "uy-vecgen: %s needs a value\n", a);
			return -1;
		}
		*slot = argv[++i];
	}
	if (o->list) {
		return 0;
	}
	if (o->samples == NULL || o->out == NULL) {
		return -1;
	}
	return 0;
}

/* Write pkg to out/file with the chosen writer, then apply post (if any). */
static uy_err
vecgen_emit(const vg_ctx *g, const vg_pkg *pkg, const char *file, unsigned flags,
    vg_post_fn post)
{
	uy_err rc = UY_OK;
	char *path = uy_asprintf("%s/%s", g->out_dir, file);
	uint8_t *bytes = NULL;
	size_t len = 0;

	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	if (flags & VG_V_RAW) {
		UY_TRY_OUT(vg_write_raw(pkg, path));
	} else {
		UY_TRY_OUT(vg_write_zip(pkg, path));
	}
	if (post != NULL) {
		UY_TRY_OUT(vg_read_file(path, &bytes, &len));
		UY_TRY_OUT(post(g, &bytes, &len));
		UY_TRY_OUT(vg_write_file(path, bytes, len));
	}
	if (g->verbose) {
		printf("uy-vecgen: wrote %s\n", path);
	}
done:
	uy_free(bytes);
	uy_free(path);
	return rc;
}

/* Read back a file just written (baselines feed later vectors). */
static uy_err
vecgen_slurp(const vg_ctx *g, const char *file, uint8_t **out, size_t *len)
{
	char *path = uy_asprintf("%s/%s", g->out_dir, file);
	uy_err rc = UY_OK;

	UY_ENSURE(path != NULL, UY_ERR_NOMEM);
	rc = vg_read_file(path, out, len);
	uy_free(path);
	return rc;
}

/* Write out/vectors.txt: every file a full run writes, one per line, so
 * the self-test can tell a vector without a case from a stale file. */
static uy_err
vecgen_index(const vg_ctx *g)
{
	static const char *const baselines[] = {"valid-1x.eyp", "valid-2x.eyp", "valid-2x-full.eyp",
	    "valid-2x-cms.eyps", "valid-21.eypg"};
	uy_err rc = UY_OK;
	uy_buf b;
	char *path = uy_asprintf("%s/vectors.txt", g->out_dir);

	uy_buf_init(&b, 1u << 20, 0);
	UY_ENSURE_OUT(path != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < sizeof(baselines) / sizeof(baselines[0]); i++) {
		UY_TRY_OUT(uy_buf_printf(&b, "%s\n", baselines[i]));
	}
	for (const vg_vector *v = vg_vectors; v->file != NULL; v++) {
		UY_TRY_OUT(uy_buf_printf(&b, "%s\n", v->file));
	}
	UY_TRY_OUT(vg_write_file(path, b.ptr, b.len));
done:
	uy_buf_dispose(&b);
	uy_free(path);
	return rc;
}

static const vg_pkg *
vecgen_base(vg_base b, const vg_pkg *v1, const vg_pkg *v2, const vg_pkg *v2full,
    const vg_pkg *eyps_sample, const vg_pkg *eyps_cms, const vg_pkg *eypg)
{
	switch (b) {
	case VG_BASE_V1:
		return v1;
	case VG_BASE_V2:
		return v2;
	case VG_BASE_V2FULL:
		return v2full;
	case VG_BASE_EYPS_SAMPLE:
		return eyps_sample;
	case VG_BASE_EYPS_CMS:
		return eyps_cms;
	case VG_BASE_EYPG:
		return eypg;
	case VG_BASE_NONE:
	default:
		return NULL;
	}
}

int
main(int argc, char **argv)
{
	vecgen_opts o;
	vg_ctx g;
	uy_err rc = UY_OK;
	vg_pkg v1 = {0}, v2 = {0}, v2full = {0}, eyps_sample = {0}, eyps_cms = {0}, eypg = {0};
	uint8_t *v2_bytes = NULL;
	uint8_t *eyps_bytes = NULL;
	size_t v2_len = 0;
	size_t eyps_len = 0;
	size_t written = 0;
	int found_only = 0;

	if (vecgen_parse(&o, argc, argv) != 0) {
		vecgen_usage(stderr);
		return 2;
	}
	if (o.list) {
		for (const vg_vector *v = vg_vectors; v->file != NULL; v++) {
			printf("%-40s %s\n", v->file, v->what);
		}
		return 0;
	}
	/* libzip turns times into DOS fields with localtime(): pin the zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&g, 0, sizeof(g));
	g.out_dir = o.out;
	g.samples_dir = o.samples;
	g.verbose = o.verbose;
	if (mkdir(o.out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "uy-vecgen: cannot create %s: %s\n", o.out, strerror(errno));
		return 1;
	}
	UY_TRY_OUT(vg_load_signer(&g, o.key, o.cert));
	vg_det_rng_init(&g);

	/* Baselines, always written: the mutations and the self-test need them. */
	UY_TRY_OUT(vg_build_v1(&g, &v1));
	UY_TRY_OUT(vecgen_emit(&g, &v1, "valid-1x.eyp", 0, NULL));
	UY_TRY_OUT(vg_build_v2(&g, &v2));
	UY_TRY_OUT(vecgen_emit(&g, &v2, "valid-2x.eyp", 0, NULL));
	UY_TRY_OUT(vecgen_slurp(&g, "valid-2x.eyp", &v2_bytes, &v2_len));
	g.v2 = &v2;
	g.v2_bytes = v2_bytes;
	g.v2_len = v2_len;
	UY_TRY_OUT(vg_build_v2full(&g, &v2, &v2full));
	UY_TRY_OUT(vecgen_emit(&g, &v2full, "valid-2x-full.eyp", 0, NULL));
	UY_TRY_OUT(vg_build_eyps_cms(&g, v2_bytes, v2_len, &v2, &eyps_cms));
	UY_TRY_OUT(vecgen_emit(&g, &eyps_cms, "valid-2x-cms.eyps", 0, NULL));
	UY_TRY_OUT(vecgen_slurp(&g, "valid-2x-cms.eyps", &eyps_bytes, &eyps_len));
	g.eyps_cms_bytes = eyps_bytes;
	g.eyps_cms_len = eyps_len;
	UY_TRY_OUT(vg_build_eypg(&g, v2_bytes, v2_len, "OrijinalPaket/OrijinalPaket.eyp", &eypg));
	UY_TRY_OUT(vecgen_emit(&g, &eypg, "valid-21.eypg", 0, NULL));
	UY_TRY_OUT(vg_load_sample(&g, "sifrelipaketv2x.eyps", &eyps_sample));
	written = 5;

	for (const vg_vector *v = vg_vectors; v->file != NULL; v++) {
		vg_pkg work = {0};
		if (o.only != NULL && strcmp(o.only, v->file) != 0) {
			continue;
		}
		found_only = 1;
		const vg_pkg *base = vecgen_base(v->base, &v1, &v2, &v2full, &eyps_sample, &eyps_cms,
		    &eypg);
		if (base == NULL) {
			rc = UY_ERROR(UY_ERR_USAGE, "vector %s has no baseline", v->file);
			goto done;
		}
		rc = vg_pkg_copy(&work, base);
		if (rc == UY_OK && v->fn != NULL) {
			rc = v->fn(&g, &work, v);
		}
		if (rc == UY_OK && (v->flags & VG_V_RESEAL)) {
			rc = vg_reseal(&g, &work);
		}
		if (rc == UY_OK) {
			rc = vecgen_emit(&g, &work, v->file, v->flags, v->post);
		}
		vg_pkg_dispose(&work);
		if (rc != UY_OK) {
			fprintf(stderr, "uy-vecgen: %s: %s\n", v->file, uy_error_last());
			goto done;
		}
		written++;
	}
	if (o.only != NULL && !found_only && strncmp(o.only, "valid-", 6) != 0) {
		fprintf(stderr, "uy-vecgen: no vector named %s\n", o.only);
		rc = UY_ERR_NOT_FOUND;
		goto done;
	}
	if (o.only == NULL) {
		UY_TRY_OUT(vecgen_index(&g));
	}
	printf("uy-vecgen: %zu files in %s\n", written, o.out);
done:
	if (rc != UY_OK) {
		fprintf(stderr, "uy-vecgen: failed: %s (%s)\n", uy_err_name(rc), uy_error_last());
	}
	vg_pkg_dispose(&v1);
	vg_pkg_dispose(&v2);
	vg_pkg_dispose(&v2full);
	vg_pkg_dispose(&eyps_sample);
	vg_pkg_dispose(&eyps_cms);
	vg_pkg_dispose(&eypg);
	uy_free(v2_bytes);
	uy_free(eyps_bytes);
	vg_ctx_dispose(&g);
	xmlCleanupParser();
	return rc == UY_OK ? 0 : 1;
}
