/*
 * fuzz_pkg.c - libFuzzer target: one input is one package file.
 *
 * Functions under test: uy_pkg_open (ZIP central directory, entry judging,
 * uy_opc__load: [Content_Types].xml, relationships, uy_opc_resolve),
 * uy_pkg_read_part, uy_pkg_stream_part, uy_pkg_open_part, digests
 * (uy_pkg_want_digest, uy_pkg_compute_digests, uy_pkg_get_digest),
 * uy_xml_parse, and the whole check through uy_eyp_check_file.
 *
 * Deterministic: no clock, network or randomness; the input goes to a
 * fresh temporary directory that is removed afterwards. Built with
 * -fsanitize=fuzzer (UY_BUILD_FUZZERS=ON, clang) or, with UY_FUZZ_REPLAY,
 * linked with replay.c, which runs the seed corpus without libFuzzer.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_check.h"
#include "uyum/uy_eyp.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_pkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exercise the reader directly, inner packages one level deep included. */
static void
fuzz_reader(uy_ctx *ctx, uy_pkg *pkg, unsigned depth)
{
	for (size_t i = 0; i < uy_pkg_part_count(pkg); i++) {
		const uy_part *p = uy_pkg_part_at(pkg, i);
		uy_span bytes = {NULL, 0};
		uy_pkg *inner = NULL;
		if (!p->usable) {
			continue;
		}
		if (uy_pkg_read_part(pkg, ctx, p, UY_MAX_XML_PART, &bytes) == UY_OK && depth == 0 &&
		    bytes.len >= 4 && memcmp(bytes.ptr, "PK\3\4", 4) == 0 &&
		    uy_pkg_open_part(&inner, ctx, pkg, p) == UY_OK) {
			fuzz_reader(ctx, inner, depth + 1);
			uy_pkg_free(inner);
		}
		if (uy_pkg_want_digest(pkg, p, UY_DIGEST_SHA256) != UY_OK ||
		    uy_pkg_want_digest(pkg, p, UY_DIGEST_RIPEMD160) != UY_OK) {
			return;
		}
	}
	if (uy_pkg_compute_digests(pkg, ctx) == UY_OK) {
		for (size_t i = 0; i < uy_pkg_part_count(pkg); i++) {
			uint8_t md[UY_DIGEST_MAX];
			size_t len = 0;
			uy_err rc = uy_pkg_get_digest(pkg, uy_pkg_part_at(pkg, i), UY_DIGEST_SHA256, md,
			    &len);
			/* Either a value of the right size or none. */
			if ((rc == UY_OK) != (len == 32)) {
				abort();
			}
		}
	}
	for (size_t i = 0; i < uy_pkg_rel_count(pkg); i++) {
		const uy_rel *r = uy_pkg_rel_at(pkg, i);
		(void)uy_pkg_find_part(pkg, r->target);
	}
}

/* Write the input to dir/input.eyp; 0 on success. */
static int
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	size_t off = 0;

	if (fd < 0) {
		return -1;
	}
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	return close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/uyum-fuzz-XXXXXX";
	char path[64];
	uy_pkg_report report;
	uy_pkg *pkg = NULL;
	uy_ctx ctx;
	uy_err rc = UY_OK;

	if (mkdtemp(dir) == NULL) {
		return 0;
	}
	snprintf(path, sizeof(path), "%s/input.eyp", dir);
	if (fuzz_write(path, data, size) == 0 && uy_pkg_report_init(&report, path) == UY_OK) {
		ctx.report = &report;
		ctx.scope = "";
		ctx.depth = 0;
		if (uy_pkg_open(&pkg, &ctx, path) == UY_OK && pkg != NULL) {
			fuzz_reader(&ctx, pkg, 0);
		}
		uy_pkg_free(pkg);
		rc = uy_pkg_report_finish(&report);
		uy_pkg_report_dispose(&report);
		/* The whole check, as the CLI runs it; only operational errors may come back. */
		rc = uy_eyp_check_file(&report, path);
		uy_pkg_report_dispose(&report);
		if (rc != UY_OK && uy_err_is_input(rc)) {
			abort(); /* a malformed package must be a verdict, never an error */
		}
	}
	unlink(path);
	rmdir(dir);
	return 0;
}
