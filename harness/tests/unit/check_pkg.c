/*
 * check_pkg.c - unit tests of the package reader (harness/src/pkg: pkg.c,
 * opc.c, digest.c; uy_pkg.h).
 *
 * happy:     the three sample packages (entries, relationships, content
 *            types, digests computed two ways, inner package), lookup,
 *            streaming, uy_opc_resolve and uy_opc_name_cmp tables.
 * malformed: ZIPs built here with libzip (and patched where libzip will not
 *            write the defect): unreadable containers, unsafe, duplicate and
 *            NUL names, encryption, methods, lying sizes, CRC errors, and
 *            the OPC layer ([Content_Types].xml, .rels, DOCTYPE, XXE,
 *            billion laughs, targets, part names).
 * limits:    entry count, name length, per-entry and total sizes, the
 *            caller's read cap, and a 50 MiB zip bomb read without
 *            allocating its size.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <zip.h>

#include "rules/rules.h"
#include "uy_test.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_pkg.h"

#define CT_OK \
	"<Types xmlns=\"" UY_NS_CT "\">" \
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package." \
	"relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
	"<Default Extension=\"pdf\" ContentType=\"application/pdf\"/></Types>"
#define RELS_OK \
	"<Relationships xmlns=\"" UY_NS_RELS "\"><Relationship Id=\"IdUstveri\" Type=\"" \
	UY_REL_USTVERI "\" Target=\"/Ustveri/Ustveri.xml\"/></Relationships>"

/* ---- fixtures and helpers --------------------------------------------- */

static char tmp_dir[64];

static void
tmp_setup(void)
{
	snprintf(tmp_dir, sizeof(tmp_dir), "/tmp/uyum-check-pkg-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmp_dir));
}

static void
tmp_teardown(void)
{
	DIR *d = opendir(tmp_dir);
	struct dirent *e = NULL;

	if (d == NULL) {
		return;
	}
	/* Only files are made in it, never subdirectories. */
	for (e = readdir(d); e != NULL; e = readdir(d)) {
		char *p = NULL;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			continue;
		}
		p = uy_asprintf("%s/%s", tmp_dir, e->d_name);
		if (p != NULL) {
			unlink(p);
		}
		uy_free(p);
	}
	closedir(d);
	rmdir(tmp_dir);
}

static char *
tmp_path(const char *name)
{
	char *p = uy_asprintf("%s/%s", tmp_dir, name);

	ck_assert_ptr_nonnull(p);
	return p;
}

static char *
sample(const char *name)
{
	char *p = uy_asprintf("%s/%s", UY_SAMPLES_DIR, name);

	ck_assert_ptr_nonnull(p);
	return p;
}

/* One ZIP entry to write. data NULL: a directory entry. */
typedef struct {
	const char *name;
	const char *data;
	int store; /* 1: Stored, 0: Deflate */
} zent;

/* Write a ZIP with libzip; returns the owned path. */
static char *
zip_build(const char *file, const zent *e, size_t n)
{
	char *path = tmp_path(file);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		zip_int64_t idx = 0;
		if (e[i].data == NULL) {
			idx = zip_dir_add(za, e[i].name, ZIP_FL_ENC_RAW);
			ck_assert_int_ge(idx, 0);
			continue;
		}
		zip_source_t *src = zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
		ck_assert_ptr_nonnull(src);
		idx = zip_file_add(za, e[i].name, src, ZIP_FL_ENC_RAW);
		ck_assert_msg(idx >= 0, "zip_file_add %s: %s", e[i].name, zip_strerror(za));
		ck_assert_int_eq(zip_set_file_compression(za, (zip_uint64_t)idx,
		    e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0), 0);
	}
	ck_assert_msg(zip_close(za) == 0, "zip_close: %s", zip_strerror(za));
	return path;
}

static uint8_t *
file_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n = 0;

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	ck_assert_int_ge(n, 0);
	rewind(fp);
	buf = uy_alloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void
file_write(const char *path, const uint8_t *buf, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(buf, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Replace every occurrence of from by to (same length); returns the count. */
static size_t
file_patch(const char *path, const char *from, const char *to, size_t len)
{
	size_t n = 0;
	size_t count = 0;
	uint8_t *buf = file_read(path, &n);

	for (size_t i = 0; i + len <= n; i++) {
		if (memcmp(buf + i, from, len) == 0) {
			memcpy(buf + i, to, len);
			count++;
		}
	}
	file_write(path, buf, n);
	uy_free(buf);
	return count;
}

static void
put_le16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v & 0xff);
	p[1] = (uint8_t)((v >> 8) & 0xff);
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v & 0xffff);
	put_le16(p + 2, v >> 16);
}

/*
 * In both the local and the central header of the entry called name, set
 * the uncompressed size (if size != UINT32_MAX) and the method (if method
 * >= 0). APPNOTE §4.3.7 / §4.3.12 offsets.
 */
static void
file_patch_header(const char *path, const char *name, uint32_t size, int method)
{
	size_t n = 0;
	size_t nl = strlen(name);
	uint8_t *b = file_read(path, &n);
	int hits = 0;

	for (size_t i = 0; i + 46 <= n; i++) {
		if (memcmp(b + i, "PK\3\4", 4) == 0 && (size_t)(b[i + 26] | (b[i + 27] << 8)) == nl &&
		    i + 30 + nl <= n && memcmp(b + i + 30, name, nl) == 0) {
			if (size != UINT32_MAX) {
				put_le32(b + i + 22, size);
			}
			if (method >= 0) {
				put_le16(b + i + 8, (unsigned)method);
			}
			hits++;
		}
		if (memcmp(b + i, "PK\1\2", 4) == 0 && (size_t)(b[i + 28] | (b[i + 29] << 8)) == nl &&
		    i + 46 + nl <= n && memcmp(b + i + 46, name, nl) == 0) {
			if (size != UINT32_MAX) {
				put_le32(b + i + 24, size);
			}
			if (method >= 0) {
				put_le16(b + i + 10, (unsigned)method);
			}
			hits++;
		}
	}
	ck_assert_int_eq(hits, 2);
	file_write(path, b, n);
	uy_free(b);
}

/* An opened package with its report. */
typedef struct {
	uy_pkg_report rep;
	uy_ctx ctx;
	uy_pkg *pkg;
	uy_err rc;
} tpkg;

static void
tpkg_open(tpkg *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	ck_assert_int_eq(uy_pkg_report_init(&t->rep, path), UY_OK);
	t->ctx.report = &t->rep;
	t->ctx.scope = "";
	t->rc = uy_pkg_open(&t->pkg, &t->ctx, path);
	/* As the engine does once the rules have read what they need. */
	if (t->rc == UY_OK && t->pkg != NULL) {
		t->rc = uy_pkg_verify_unread(t->pkg, &t->ctx);
	}
}

static void
tpkg_close(tpkg *t)
{
	uy_pkg_free(t->pkg);
	uy_pkg_report_dispose(&t->rep);
}

/* Number of rows with the check and status. */
static size_t
tpkg_count(const tpkg *t, uy_check_id id, uy_status st)
{
	size_t n = 0;

	for (size_t i = 0; i < t->rep.n_results; i++) {
		if (t->rep.results[i].check->num == id && t->rep.results[i].status == st) {
			n++;
		}
	}
	return n;
}

static size_t
tpkg_failed(const tpkg *t, uy_check_id id)
{
	return tpkg_count(t, id, UY_STATUS_FAILED);
}

/* The first FAILED row of a check, or NULL. */
static const uy_result *
tpkg_finding(const tpkg *t, uy_check_id id)
{
	for (size_t i = 0; i < t->rep.n_results; i++) {
		if (t->rep.results[i].check->num == id && t->rep.results[i].status == UY_STATUS_FAILED) {
			return &t->rep.results[i];
		}
	}
	return NULL;
}

/* Number of FAILED rows of any check; prints them, which helps when a test fails. */
static size_t
tpkg_all_failed(const tpkg *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->rep.n_results; i++) {
		const uy_result *r = &t->rep.results[i];
		if (r->status == UY_STATUS_FAILED) {
			fprintf(stderr, "  finding %s part=%s line=%ld: %s\n", r->check->id,
			    r->part != NULL ? r->part : "-", r->line, r->detail_en);
			n++;
		}
	}
	return n;
}

static int
tpkg_any_detail_has(const tpkg *t, const char *needle)
{
	for (size_t i = 0; i < t->rep.n_results; i++) {
		const uy_result *r = &t->rep.results[i];
		if ((r->detail_en != NULL && strstr(r->detail_en, needle) != NULL) ||
		    (r->detail_tr != NULL && strstr(r->detail_tr, needle) != NULL)) {
			return 1;
		}
	}
	return 0;
}

/* Finish the report, then the status of a check: PASSED, FAILED, NOT_EVALUATED or -1. */
static int
tpkg_status(tpkg *t, uy_check_id id)
{
	int st = -1;

	if (t->rep.verdict == UY_VERDICT_NONE) {
		ck_assert_int_eq(uy_pkg_report_finish(&t->rep), UY_OK);
	}
	for (size_t i = 0; i < t->rep.n_results; i++) {
		const uy_result *r = &t->rep.results[i];
		if (r->check->num != id) {
			continue;
		}
		if (r->status == UY_STATUS_FAILED || st == -1 ||
		    (r->status == UY_STATUS_NOT_EVALUATED && st == UY_STATUS_PASSED)) {
			st = (int)r->status;
		}
	}
	return st;
}

/* Open a ZIP built from entries; the package must open (container readable). */
static void
tpkg_build_open(tpkg *t, const char *file, const zent *e, size_t n)
{
	char *path = zip_build(file, e, n);

	tpkg_open(t, path);
	uy_free(path);
	ck_assert_int_eq(t->rc, UY_OK);
	ck_assert_ptr_nonnull(t->pkg);
}

#define NENT(a) (sizeof(a) / sizeof((a)[0]))

static const char *
hex(const uint8_t *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		snprintf(out + 2 * i, 3, "%02x", p[i]);
	}
	out[2 * n] = '\0';
	return out;
}

/* ---- happy ------------------------------------------------------------ */

static const uy_check_id container_checks[] = {
	UY_CK_ZIP_UNREADABLE, UY_CK_ZIP_ENTRY_COUNT, UY_CK_ZIP_TOTAL_SIZE, UY_CK_ZIP_ENTRY_SIZE,
	UY_CK_ZIP_RATIO, UY_CK_ZIP_NAME_UNSAFE, UY_CK_ZIP_NAME_LONG, UY_CK_ZIP_NAME_DUPLICATE,
	UY_CK_ZIP_ENCRYPTED, UY_CK_ZIP_METHOD, UY_CK_ZIP_ENTRY_UNREADABLE, UY_CK_OPC_CT_MISSING,
	UY_CK_OPC_CT_MALFORMED, UY_CK_OPC_CT_UNTYPED, UY_CK_OPC_PART_NAME, UY_CK_OPC_RELS_MISSING,
	UY_CK_OPC_RELS_MALFORMED, UY_CK_OPC_RELS_TARGET, UY_CK_OPC_RELS_ORPHAN, UY_CK_XML_DOCTYPE,
};

typedef struct {
	const char *file;
	size_t parts;
	size_t rels;
	size_t pkg_rels;
} sample_row;

static const sample_row sample_rows[] = {
	{"paketv1x.eyp", 15, 11, 9},
	{"paketv2x.eyp", 17, 12, 9},
	{"sifrelipaketv2x.eyps", 7, 5, 5},
};

START_TEST(test_samples_open_clean)
{
	const sample_row *row = &sample_rows[_i];
	char *path = sample(row->file);
	tpkg t;
	size_t pkg_rels = 0;

	tpkg_open(&t, path);
	ck_assert_int_eq(t.rc, UY_OK);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(uy_pkg_part_count(t.pkg), row->parts);
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), row->rels);
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	/* Package relationships come first, each rels part in document order. */
	for (size_t i = 0; i < uy_pkg_rel_count(t.pkg); i++) {
		const uy_rel *r = uy_pkg_rel_at(t.pkg, i);
		if (r->source == NULL) {
			ck_assert_uint_eq(i, pkg_rels);
			pkg_rels++;
		}
		ck_assert_ptr_nonnull(r->resolved);
		ck_assert_msg(r->target_part != NULL, "%s: target %s missing", row->file, r->resolved);
		ck_assert_int_eq(r->external, 0);
		ck_assert_int_gt(r->line, 0);
	}
	ck_assert_uint_eq(pkg_rels, row->pkg_rels);
	for (size_t i = 0; i < uy_pkg_part_count(t.pkg); i++) {
		const uy_part *p = uy_pkg_part_at(t.pkg, i);
		ck_assert_int_eq(p->usable, 1);
		ck_assert_int_eq(p->name[0], '/');
		ck_assert_msg(p->is_content_types || p->content_type != NULL, "%s untyped", p->name);
	}
	/* Every container check was evaluated and passed (0xA220 extras tolerated). */
	for (size_t k = 0; k < NENT(container_checks); k++) {
		ck_assert_msg(tpkg_status(&t, container_checks[k]) == UY_STATUS_PASSED, "%s: %s",
		    row->file, uy_check_get(container_checks[k])->id);
	}
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_sample_v1_details)
{
	char *path = sample("paketv1x.eyp");
	tpkg t;
	const uy_part *p = NULL;
	const uy_rel *imza = NULL;
	const uy_rel *ozet = NULL;

	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	p = uy_pkg_find_part(t.pkg, "/UstYazi/ustyazi.pdf");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->content_type, "application/pdf");
	ck_assert_uint_eq(p->method, 8);
	ck_assert_uint_eq(p->size, 35097);
	p = uy_pkg_find_part(t.pkg, "/_rels/.rels");
	ck_assert_int_eq(p->is_rels, 1);
	ck_assert_uint_eq(p->method, 0);
	ck_assert_str_eq(p->content_type,
	    "application/vnd.openxmlformats-package.relationships+xml");
	p = uy_pkg_find_part(t.pkg,
	    "/package/services/metadata/core-properties/a75bf22a5f5a4f55aadd014337a0400d.psmdcp");
	ck_assert_str_eq(p->content_type,
	    "application/vnd.openxmlformats-package.core-properties+xml");
	ck_assert_int_eq(uy_pkg_find_part(t.pkg, "/[Content_Types].xml")->is_content_types, 1);
	for (size_t i = 0; i < uy_pkg_rel_count(t.pkg); i++) {
		const uy_rel *r = uy_pkg_rel_at(t.pkg, i);
		if (strcmp(r->type, UY_REL_IMZACADES) == 0) {
			imza = r;
		}
		if (strcmp(r->id, "IdPaketOzeti") == 0) {
			ozet = r;
		}
	}
	/* The relationship type keeps its case as written (spec §3.1 case defect). */
	ck_assert_ptr_nonnull(ozet);
	ck_assert_str_eq(ozet->type, "http://eyazisma.dpt/iliskiler/PaketOzeti");
	ck_assert_ptr_null(ozet->source);
	ck_assert_str_eq(ozet->rels_part->name, "/_rels/.rels");
	/* Part-level relationship: relative target resolved against its source. */
	ck_assert_ptr_nonnull(imza);
	ck_assert_str_eq(imza->target, "../Imzalar/ImzaCades.imz");
	ck_assert_str_eq(imza->resolved, "/Imzalar/ImzaCades.imz");
	ck_assert_str_eq(imza->source->name, "/PaketOzeti/PaketOzeti.xml");
	ck_assert_str_eq(imza->rels_part->name, "/PaketOzeti/_rels/PaketOzeti.xml.rels");
	ck_assert_str_eq(imza->target_part->name, "/Imzalar/ImzaCades.imz");
	ck_assert_str_eq(imza->target_part->content_type, "application/octet-stream");
	ck_assert_str_eq(imza->id, "IdImzaCades");
	ck_assert_int_eq(imza->line, 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_sample_eyps_override_and_inner)
{
	char *path = sample("sifrelipaketv2x.eyps");
	tpkg t;
	const uy_part *p = NULL;
	uy_pkg *inner = NULL;
	uy_ctx inner_ctx;

	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	p = uy_pkg_find_part(t.pkg, "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->content_type, "application/pkcs7-mime");
	inner_ctx = t.ctx;
	inner_ctx.scope = "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8";
	inner_ctx.depth = 1;
	ck_assert_int_eq(uy_pkg_open_part(&inner, &inner_ctx, t.pkg, p), UY_OK);
	ck_assert_ptr_nonnull(inner);
	ck_assert_uint_eq(uy_pkg_part_count(inner), 17);
	ck_assert_uint_eq(uy_pkg_rel_count(inner), 12);
	ck_assert_ptr_nonnull(uy_pkg_find_part(inner, "/Muhur/MuhurCades.imz"));
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	uy_pkg_free(inner);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

/* SHA-256 etc. of /Ustveri/Ustveri.xml in paketv1x.eyp, BOM included (hashlib, openssl dgst). */
static const struct {
	uy_digest_alg alg;
	const char *hex;
} ustveri_digests[] = {
	{UY_DIGEST_SHA1, "84e8f8a4001370a0b550d082441caced7252de46"},
	{UY_DIGEST_SHA256, "8d66ca9847151685942ef2fec4bbe92b80cd66617b5b4ec7452a1ebc534e9158"},
	{UY_DIGEST_SHA384, "5bf786a98317e69ba6c63f50f756bfc7b7a936ed9e945553949cb7cb4a309c2172cd2da"
	                   "1bd6b79ae5dcf3c0149a91378"},
	{UY_DIGEST_SHA512, "1ed41315df761e36698ca292ff5ed378671bebd6d89e6f499950aacd0d57178c44a6f8a"
	                   "8cdf6f7dbe69728517cb29ee3ddd3909b54cd3dd06a96630665a8a827"},
	{UY_DIGEST_RIPEMD160, "30eec43777ef3567f96b1785813148140e74291e"},
};

START_TEST(test_digests_two_ways)
{
	/* *= eyazisma-packages.md §7
	 *= type=test
	 *# **Input**: raw part bytes after decompression, no canonicalisation, BOM included; */
	char *path = sample("paketv1x.eyp");
	tpkg t;
	const uy_part *uv = NULL;
	const uy_part *pdf = NULL;
	uint8_t md[UY_DIGEST_MAX];
	uint8_t md2[EVP_MAX_MD_SIZE];
	unsigned int md2_len = 0;
	size_t len = 0;
	char h[2 * UY_DIGEST_MAX + 1];
	uy_span bytes = {NULL, 0};

	tpkg_open(&t, path);
	uv = uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml");
	pdf = uy_pkg_find_part(t.pkg, "/UstYazi/ustyazi.pdf");
	ck_assert_ptr_nonnull(uv);
	ck_assert_int_eq(uy_pkg_get_digest(t.pkg, uv, UY_DIGEST_SHA256, md, &len), UY_ERR_NOT_FOUND);
	for (size_t k = 0; k < NENT(ustveri_digests); k++) {
		ck_assert_int_eq(uy_pkg_want_digest(t.pkg, uv, ustveri_digests[k].alg), UY_OK);
	}
	ck_assert_int_eq(uy_pkg_want_digest(t.pkg, pdf, UY_DIGEST_SHA256), UY_OK);
	/* Way 1: streamed from the ZIP by uy_pkg_compute_digests. */
	ck_assert_int_eq(uy_pkg_compute_digests(t.pkg, &t.ctx), UY_OK);
	for (size_t k = 0; k < NENT(ustveri_digests); k++) {
		ck_assert_int_eq(uy_pkg_get_digest(t.pkg, uv, ustveri_digests[k].alg, md, &len), UY_OK);
		ck_assert_msg(strcmp(hex(md, len, h), ustveri_digests[k].hex) == 0, "%s: %s",
		    uy_digest_name(ustveri_digests[k].alg), h);
	}
	ck_assert_int_eq(uy_pkg_get_digest(t.pkg, pdf, UY_DIGEST_SHA256, md, &len), UY_OK);
	ck_assert_str_eq(hex(md, len, h),
	    "b49b584573b04479ec8a008b3dd0ba34328d27fee6c5349bc10ddf9068bedbb6");
	/* Way 2: the whole part in memory, hashed here with OpenSSL directly. */
	ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, uv, UY_MAX_XML_PART, &bytes), UY_OK);
	ck_assert_uint_eq(bytes.len, 4729);
	ck_assert_mem_eq(bytes.ptr, "\xEF\xBB\xBF", 3);
	ck_assert_int_eq(EVP_Digest(bytes.ptr, bytes.len, md2, &md2_len, EVP_sha256(), NULL), 1);
	ck_assert_int_eq(uy_pkg_get_digest(t.pkg, uv, UY_DIGEST_SHA256, md, &len), UY_OK);
	ck_assert_uint_eq(len, md2_len);
	ck_assert_mem_eq(md, md2, len);
	/* Way 3: asked again after the part is cached; the cache feeds the digest. */
	ck_assert_int_eq(uy_pkg_want_digest(t.pkg, uv, UY_DIGEST_SHA256), UY_OK);
	ck_assert_int_eq(uy_pkg_compute_digests(t.pkg, &t.ctx), UY_OK);
	ck_assert_int_eq(uy_pkg_get_digest(t.pkg, uv, UY_DIGEST_SHA256, md, &len), UY_OK);
	ck_assert_mem_eq(md, md2, len);
	ck_assert_str_eq(uy_digest_name(UY_DIGEST_RIPEMD160), "RIPEMD-160");
	ck_assert_str_eq(uy_digest_name(UY_DIGEST_SHA384), "SHA-384");
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

typedef struct {
	size_t chunks;
	size_t bytes;
	size_t max_chunk;
} stream_count;

static uy_err
count_chunk(const uint8_t *data, size_t len, void *payload)
{
	stream_count *c = payload;

	c->chunks++;
	c->bytes += len;
	c->max_chunk = len > c->max_chunk ? len : c->max_chunk;
	return UY_OK;
}

static uy_err
fail_chunk(const uint8_t *data, size_t len, void *payload)
{
	return UY_ERR_CRYPTO;
}

START_TEST(test_stream_and_lookup)
{
	char *path = sample("paketv2x.eyp");
	tpkg t;
	const uy_part *pdf = NULL;
	stream_count c = {0, 0, 0};

	tpkg_open(&t, path);
	pdf = uy_pkg_find_part(t.pkg, "/Ekler/ek1.pdf");
	ck_assert_ptr_nonnull(pdf);
	ck_assert_int_eq(uy_pkg_stream_part(t.pkg, &t.ctx, pdf, count_chunk, &c), UY_OK);
	ck_assert_uint_eq(c.bytes, pdf->size);
	ck_assert_uint_le(c.max_chunk, UY_STREAM_CHUNK);
	ck_assert_uint_ge(c.chunks, 1);
	/* A callback's error comes back as is and is no finding. */
	ck_assert_int_eq(uy_pkg_stream_part(t.pkg, &t.ctx, pdf, fail_chunk, NULL), UY_ERR_CRYPTO);
	ck_assert_int_eq(uy_pkg_stream_part(t.pkg, &t.ctx, pdf, count_chunk, &c), UY_OK);
	/* ECMA-376-2 §9.1.1.2: case-insensitive; a missing '/' is added; %-escapes decoded. */
	ck_assert_ptr_eq(uy_pkg_find_part(t.pkg, "/EKLER/EK1.PDF"), pdf);
	ck_assert_ptr_eq(uy_pkg_find_part(t.pkg, "Ekler/ek1.pdf"), pdf);
	ck_assert_ptr_eq(uy_pkg_find_part(t.pkg, "/Ekler/%65k1.pdf"), pdf);
	ck_assert_ptr_null(uy_pkg_find_part(t.pkg, "/Ekler/ek3.pdf"));
	ck_assert_ptr_null(uy_pkg_find_part(t.pkg, "/Ekler"));
	ck_assert_ptr_null(uy_pkg_part_at(t.pkg, 17));
	ck_assert_ptr_null(uy_pkg_rel_at(t.pkg, 12));
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

typedef struct {
	const char *source;
	const char *target;
	const char *want; /* NULL: UY_ERR_SYNTAX */
} resolve_row;

static const resolve_row resolve_rows[] = {
	{"/PaketOzeti/PaketOzeti.xml", "../Imzalar/ImzaCades.imz", "/Imzalar/ImzaCades.imz"},
	{"/NihaiOzet/NihaiOzet.xml", "../Muhur/MuhurCades.imz", "/Muhur/MuhurCades.imz"},
	{"/", "UstYazi/x.pdf", "/UstYazi/x.pdf"},
	{NULL, "UstYazi/x.pdf", "/UstYazi/x.pdf"},
	{"/", "/Ustveri/Ustveri.xml", "/Ustveri/Ustveri.xml"},
	{"/PaketOzeti/PaketOzeti.xml", "/Ustveri/Ustveri.xml", "/Ustveri/Ustveri.xml"},
	{"/a/b.xml", "c.xml", "/a/c.xml"},
	{"/a/b.xml", "./c.xml", "/a/c.xml"},
	{"/a/b/c.xml", "../../d.xml", "/d.xml"},
	{"/a/b.xml", "/c/./d/../e.xml", "/c/e.xml"},
	{"/", "Ekler/ek%201.pdf", "/Ekler/ek%201.pdf"},
	{"/", "Ekler/ek%c5%9f.pdf", "/Ekler/ek%C5%9F.pdf"},
	{"/", "Ekler/%65k1.pdf", "/Ekler/ek1.pdf"},
	{"/", "Ekler/ek\xC5\x9F.pdf", "/Ekler/ek\xC5\x9F.pdf"},
	{"/", "../x", NULL},
	{"/a/b.xml", "../../x", NULL},
	{"/", "/../x", NULL},
	{"/", "%2E%2E/x", NULL},
	{"/", "http://x", NULL},
	{"/", "file:///etc/passwd", NULL},
	{"/", "C:/x", NULL},
	{"/", "//host/x", NULL},
	{"/", "a?b", NULL},
	{"/", "a#b", NULL},
	{"/", "a\\b", NULL},
	{"/", "a%2Fb", NULL},
	{"/", "a%5cb", NULL},
	{"/", "a%00b", NULL},
	{"/", "a%zz", NULL},
	{"/", "a%4", NULL},
	{"/", "", NULL},
	{"/", "Ekler/", NULL},
	{"/", ".", NULL},
	{"/a/b.xml", "..", NULL},
	{"/", "a\tb", NULL},
};

START_TEST(test_resolve_rows)
{
	/* *= eyazisma-packages.md §2.2
	 *= type=test
	 *# Package-level targets are absolute (`/Ustveri/Ustveri.xml`), part-level ones relative
	 *# (`../Imzalar/ImzaCades.imz`); some old producers write relative package-level targets
	 *# (`UstYazi/…`). Resolve per RFC 3986 against the source part. */
	const resolve_row *row = &resolve_rows[_i];
	char *out = NULL;
	uy_err rc = uy_opc_resolve(&out, row->source, row->target);

	if (row->want == NULL) {
		ck_assert_msg(rc == UY_ERR_SYNTAX, "'%s' from '%s': got %s (%s)", row->target,
		    row->source, uy_err_name(rc), out != NULL ? out : "");
		ck_assert_ptr_null(out);
		return;
	}
	ck_assert_msg(rc == UY_OK, "'%s' from '%s': got %s", row->target, row->source,
	    uy_err_name(rc));
	ck_assert_str_eq(out, row->want);
	uy_free(out);
}
END_TEST

START_TEST(test_name_cmp)
{
	ck_assert_int_eq(uy_opc_name_cmp("/A.xml", "/a.XML"), 0);
	ck_assert_int_eq(uy_opc_name_cmp("Ustveri/Ustveri.xml", "/ustveri/ustveri.xml"), 0);
	ck_assert_int_eq(uy_opc_name_cmp("/%41", "/a"), 0);
	ck_assert_int_lt(uy_opc_name_cmp("/a", "/b"), 0);
	ck_assert_int_gt(uy_opc_name_cmp("/a/b", "/a"), 0);
	/* ASCII folding only: U+0130 (İ) is not 'i'. */
	ck_assert_int_ne(uy_opc_name_cmp("/\xC4\xB0.xml", "/i.xml"), 0);
}
END_TEST

/* ---- malformed: ZIP --------------------------------------------------- */

START_TEST(test_not_a_zip)
{
	char *path = tmp_path("x.eyp");
	tpkg t;

	file_write(path, (const uint8_t *)"this is not a zip file at all", 29);
	tpkg_open(&t, path);
	ck_assert_int_eq(t.rc, UY_OK);
	ck_assert_ptr_null(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 1);
	ck_assert(tpkg_any_detail_has(&t, "Not a zip archive"));
	tpkg_close(&t);
	file_write(path, (const uint8_t *)"", 0);
	tpkg_open(&t, path);
	ck_assert_ptr_null(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_truncated)
{
	char *src = sample("paketv1x.eyp");
	char *path = tmp_path("t.eyp");
	size_t n = 0;
	uint8_t *b = file_read(src, &n);
	tpkg t;

	/* Cut in the middle, and just before the end (end record damaged). */
	file_write(path, b, n / 2);
	tpkg_open(&t, path);
	ck_assert_int_eq(t.rc, UY_OK);
	ck_assert_ptr_null(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 1);
	tpkg_close(&t);
	file_write(path, b, n - 10);
	tpkg_open(&t, path);
	ck_assert_ptr_null(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 1);
	tpkg_close(&t);
	uy_free(b);
	uy_free(src);
	uy_free(path);
}
END_TEST

START_TEST(test_missing_file_is_io)
{
	char *path = tmp_path("absent.eyp");
	tpkg t;

	tpkg_open(&t, path);
	ck_assert_int_eq(t.rc, UY_ERR_IO);
	ck_assert_ptr_null(t.pkg);
	ck_assert_uint_eq(t.rep.n_results, 0);
	tpkg_close(&t);
	tpkg_open(&t, tmp_dir);
	ck_assert_int_eq(t.rc, UY_ERR_IO);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

typedef struct {
	const char *id;
	const char *name;
	const char *detail; /* substring of the English detail */
} unsafe_row;

static const unsafe_row unsafe_rows[] = {
	{"zip-slip", "../x.xml", "'..' segment"},
	{"zip-slip-inner", "Ekler/../../x.xml", "'..' segment"},
	{"absolute", "/x.xml", "absolute path"},
	{"drive", "C:/x.xml", "drive letter"},
	{"backslash", "Ekler\\x.xml", "backslash"},
	{"control", "Ekler/x\x01.xml", "control character"},
};

START_TEST(test_unsafe_names)
{
	const unsafe_row *row = &unsafe_rows[_i];
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{row->name, "<b/>", 0},
	};
	tpkg t;
	const uy_result *f = NULL;

	tpkg_build_open(&t, "u.eyp", e, NENT(e));
	ck_assert_uint_eq(uy_pkg_part_count(t.pkg), 4);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_UNSAFE), 1);
	f = tpkg_finding(&t, UY_CK_ZIP_NAME_UNSAFE);
	ck_assert_msg(strstr(f->detail_en, row->detail) != NULL, "%s: %s", row->id, f->detail_en);
	ck_assert_str_eq(f->part, uy_pkg_part_at(t.pkg, 3)->name);
	/* Not read afterwards: no other finding is about it. */
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_CT_UNTYPED), 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_UNREADABLE), 0);
	ck_assert_uint_eq(tpkg_all_failed(&t), 1);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_nul_in_name)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"Ekler/evil.xmlXtxt", "<b/>", 0},
	};
	char *path = zip_build("n.eyp", e, NENT(e));
	tpkg t;

	/* libzip will not write a NUL; put it into both headers by hand. */
	ck_assert_uint_eq(file_patch(path, "evil.xmlX", "evil.xml\0", 9), 2);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_UNSAFE), 1);
	ck_assert(tpkg_any_detail_has(&t, "NUL byte"));
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_duplicate_by_case)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"A.xml", "<a/>", 0},
		{"a.xml", "<b/>", 0},
	};
	tpkg t;

	tpkg_build_open(&t, "d.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_DUPLICATE), 1);
	ck_assert(tpkg_any_detail_has(&t, "equivalent"));
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 0);
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 4)->usable, 0);
	/* Lookup still finds the first in ZIP order. */
	ck_assert_ptr_eq(uy_pkg_find_part(t.pkg, "/a.xml"), uy_pkg_part_at(t.pkg, 3));
	tpkg_close(&t);
}
END_TEST

START_TEST(test_duplicate_exact)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"dup1.xml", "<a/>", 0},
		{"dup2.xml", "<b/>", 0},
	};
	char *path = zip_build("e.eyp", e, NENT(e));
	tpkg t;

	/* libzip refuses to write two equal names; patch the second into the first. */
	ck_assert_uint_eq(file_patch(path, "dup2.xml", "dup1.xml", 8), 2);
	tpkg_open(&t, path);
	ck_assert_int_eq(t.rc, UY_OK);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_DUPLICATE), 1);
	ck_assert(tpkg_any_detail_has(&t, "more than once"));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_encrypted_entry)
{
	char *path = tmp_path("enc.eyp");
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	static const char secret[] = "<gizli>icerik</gizli>";
	zip_int64_t idx = 0;
	tpkg t;

	ck_assert_ptr_nonnull(za);
	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
		zip_discard(za);
		uy_free(path);
		ck_abort_msg("libzip lacks AES-256 encryption support");
	}
	idx = zip_file_add(za, "[Content_Types].xml",
	    zip_source_buffer(za, CT_OK, strlen(CT_OK), 0), 0);
	ck_assert_int_ge(idx, 0);
	idx = zip_file_add(za, "Ustveri/Ustveri.xml", zip_source_buffer(za, secret, strlen(secret), 0),
	    0);
	ck_assert_int_ge(idx, 0);
	ck_assert_int_eq(zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "parola"), 0);
	ck_assert_int_eq(zip_close(za), 0);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENCRYPTED), 1);
	ck_assert(tpkg_any_detail_has(&t, "0x0103"));
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 1)->usable, 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_UNREADABLE), 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_RELS_MISSING), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_method_not_allowed)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 1},
	};
	char *path = zip_build("m.eyp", e, NENT(e));
	tpkg t;

	file_patch_header(path, "Ustveri/Ustveri.xml", UINT32_MAX, 12 /* BZIP2 */);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_METHOD), 1);
	ck_assert(tpkg_any_detail_has(&t, "method 12"));
	ck_assert_int_eq(uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml")->usable, 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_stored_lying_size)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a>0123456789</a>", 1},
	};
	char *path = zip_build("s.eyp", e, NENT(e));
	tpkg t;
	uy_span sp = {NULL, 0};
	const uy_part *p = NULL;

	/* Stored, 17 bytes, declared 5. */
	file_patch_header(path, "Ustveri/Ustveri.xml", 5, -1);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	p = uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml");
	ck_assert_uint_eq(p->size, 5);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE) + tpkg_failed(&t,
	    UY_CK_ZIP_ENTRY_UNREADABLE), 1);
	/* Later reads fail the same way without a second finding. */
	ck_assert_int_ne(uy_pkg_read_part(t.pkg, &t.ctx, p, UY_MAX_XML_PART, &sp), UY_OK);
	ck_assert_int_ne(uy_pkg_read_part(t.pkg, &t.ctx, p, UY_MAX_XML_PART, &sp), UY_OK);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE) + tpkg_failed(&t,
	    UY_CK_ZIP_ENTRY_UNREADABLE), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_crc_error)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a>MARKER-0123</a>", 1},
	};
	char *path = zip_build("c.eyp", e, NENT(e));
	tpkg t;
	const uy_part *p = NULL;
	uy_span sp = {NULL, 0};

	ck_assert_uint_eq(file_patch(path, "MARKER-0123", "MARKER-9123", 11), 1);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_UNREADABLE), 1);
	ck_assert(tpkg_any_detail_has(&t, "CRC"));
	p = uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml");
	ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, UY_MAX_XML_PART, &sp), UY_ERR_ZIP_ENTRY);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_UNREADABLE), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

/* Open does not decompress parts: the CRC is judged when the part is read
 * (by the rules or by uy_pkg_verify_unread), so each part is read once. */
START_TEST(test_crc_judged_on_read_not_on_open)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a>MARKER-0123</a>", 1},
	};
	char *path = zip_build("c2.eyp", e, NENT(e));
	uy_pkg_report rep;
	uy_ctx ctx;
	uy_pkg *pkg = NULL;
	size_t failed = 0;

	ck_assert_uint_eq(file_patch(path, "MARKER-0123", "MARKER-9123", 11), 1);
	ck_assert_int_eq(uy_pkg_report_init(&rep, path), UY_OK);
	ctx = (uy_ctx){&rep, "", 0, NULL};
	ck_assert_int_eq(uy_pkg_open(&pkg, &ctx, path), UY_OK);
	ck_assert_ptr_nonnull(pkg);
	for (size_t i = 0; i < rep.n_results; i++) {
		failed += rep.results[i].check->num == UY_CK_ZIP_ENTRY_UNREADABLE;
	}
	ck_assert_uint_eq(failed, 0);
	ck_assert_int_eq(uy_pkg_verify_unread(pkg, &ctx), UY_OK);
	for (size_t i = 0; i < rep.n_results; i++) {
		failed += rep.results[i].check->num == UY_CK_ZIP_ENTRY_UNREADABLE &&
		    rep.results[i].status == UY_STATUS_FAILED;
	}
	ck_assert_uint_eq(failed, 1);
	uy_pkg_free(pkg);
	uy_pkg_report_dispose(&rep);
	uy_free(path);
}
END_TEST

START_TEST(test_directory_entries_and_extra_field)
{
	char *path = tmp_path("dir.eyp");
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	static const zip_uint8_t extra[24] = {0};
	zip_int64_t idx = 0;
	tpkg t;

	ck_assert_ptr_nonnull(za);
	ck_assert_int_ge(zip_dir_add(za, "Ustveri/", 0), 0);
	ck_assert_int_ge(zip_file_add(za, "[Content_Types].xml",
	    zip_source_buffer(za, CT_OK, strlen(CT_OK), 0), 0), 0);
	ck_assert_int_ge(zip_file_add(za, "_rels/.rels",
	    zip_source_buffer(za, RELS_OK, strlen(RELS_OK), 0), 0), 0);
	idx = zip_file_add(za, "Ustveri/Ustveri.xml", zip_source_buffer(za, "<a/>", 4, 0), 0);
	ck_assert_int_ge(idx, 0);
	/* The .NET 5 writer's 0xA220 local extra field (spec §2.1): never a finding. */
	ck_assert_int_eq(zip_file_extra_field_set(za, (zip_uint64_t)idx, 0xA220, ZIP_EXTRA_FIELD_NEW,
	    extra, sizeof(extra), ZIP_FL_LOCAL), 0);
	ck_assert_int_eq(zip_close(za), 0);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(uy_pkg_part_count(t.pkg), 4);
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 0)->usable, 0);
	ck_assert_ptr_null(uy_pkg_find_part(t.pkg, "/Ustveri/"));
	ck_assert_ptr_nonnull(uy_pkg_rel_at(t.pkg, 0)->target_part);
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

/* ---- malformed: OPC --------------------------------------------------- */

START_TEST(test_content_types_missing)
{
	const zent e[] = {
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
	};
	tpkg t;

	tpkg_build_open(&t, "ct.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_CT_MISSING), 1);
	ck_assert_int_eq(tpkg_status(&t, UY_CK_OPC_CT_UNTYPED), UY_STATUS_NOT_EVALUATED);
	ck_assert_int_eq(tpkg_status(&t, UY_CK_OPC_CT_MALFORMED), UY_STATUS_NOT_EVALUATED);
	ck_assert_ptr_null(uy_pkg_part_at(t.pkg, 1)->content_type);
	/* Relationships are still read. */
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), 1);
	tpkg_close(&t);
}
END_TEST

typedef struct {
	const char *id;
	const char *ct;
	uy_check_id check;
	const char *detail; /* substring of the English detail, or NULL */
} ct_row;

static const ct_row ct_rows[] = {
	{"wrong-root", "<Typez xmlns=\"" UY_NS_CT "\"/>", UY_CK_OPC_CT_MALFORMED, "root element"},
	{"wrong-ns", "<Types xmlns=\"urn:x\"><Default Extension=\"xml\" ContentType=\"a/b\"/></Types>",
	    UY_CK_OPC_CT_MALFORMED, "root element"},
	{"not-xml", "<Types", UY_CK_OPC_CT_MALFORMED, "cannot be parsed"},
	{"no-content-type", "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"xml\"/></Types>",
	    UY_CK_OPC_CT_MALFORMED, "ContentType"},
	{"bad-media-type",
	    "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"xml\" ContentType=\"xml\"/>"
	    "<Default Extension=\"rels\" ContentType=\"a/b\"/></Types>",
	    UY_CK_OPC_CT_MALFORMED, "media type"},
	{"dup-default",
	    "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"xml\" ContentType=\"a/b\"/>"
	    "<Default Extension=\"XML\" ContentType=\"a/c\"/>"
	    "<Default Extension=\"rels\" ContentType=\"a/b\"/></Types>",
	    UY_CK_OPC_CT_MALFORMED, "second Default"},
	{"bad-override",
	    "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"xml\" ContentType=\"a/b\"/>"
	    "<Default Extension=\"rels\" ContentType=\"a/b\"/>"
	    "<Override PartName=\"x.xml\" ContentType=\"a/b\"/></Types>",
	    UY_CK_OPC_CT_MALFORMED, "PartName"},
	{"untyped", "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"rels\" ContentType=\"a/b\"/>"
	    "</Types>", UY_CK_OPC_CT_UNTYPED, "'/Ustveri/Ustveri.xml' has no content type"},
	{"doctype", "<!DOCTYPE Types><Types xmlns=\"" UY_NS_CT "\"/>", UY_CK_XML_DOCTYPE, "DOCTYPE"},
};

START_TEST(test_content_types_rows)
{
	const ct_row *row = &ct_rows[_i];
	const zent e[] = {
		{"[Content_Types].xml", row->ct, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
	};
	tpkg t;
	const uy_result *f = NULL;

	tpkg_build_open(&t, "ct.eyp", e, NENT(e));
	f = tpkg_finding(&t, row->check);
	ck_assert_msg(f != NULL, "%s: no %s finding", row->id, uy_check_get(row->check)->id);
	ck_assert_str_eq(f->part, row->check == UY_CK_OPC_CT_UNTYPED ? "/Ustveri/Ustveri.xml"
	                                                              : "/[Content_Types].xml");
	if (row->detail != NULL) {
		ck_assert_msg(strstr(f->detail_en, row->detail) != NULL, "%s: %s", row->id,
		    f->detail_en);
	}
	tpkg_close(&t);
}
END_TEST

START_TEST(test_content_types_override_wins)
{
	static const char ct[] =
	    "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"XML\" ContentType=\"application/xml\"/>"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
	    "relationships+xml\"/>"
	    "<Override PartName=\"/ustveri/ustveri.XML\" ContentType=\"text/x; charset=&quot;u&quot;\"/>"
	    "</Types>";
	const zent e[] = {
		{"[Content_Types].xml", ct, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"b.Xml", "<b/>", 0},
	};
	tpkg t;

	tpkg_build_open(&t, "ov.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	ck_assert_str_eq(uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml")->content_type,
	    "text/x; charset=\"u\"");
	ck_assert_str_eq(uy_pkg_find_part(t.pkg, "/b.Xml")->content_type, "application/xml");
	tpkg_close(&t);
}
END_TEST

typedef struct {
	const char *id;
	const char *rels;
	uy_check_id check;
	const char *detail; /* substring of the English detail, or NULL */
	size_t rels_kept;   /* relationships stored */
} rels_row;

#define REL(id, type, target) \
	"<Relationship Id=\"" id "\" Type=\"" type "\" Target=\"" target "\"/>"
#define RELS(body) "<Relationships xmlns=\"" UY_NS_RELS "\">" body "</Relationships>"

static const rels_row rels_rows[] = {
	{"not-xml", "<Relationships", UY_CK_OPC_RELS_MALFORMED, "cannot be parsed", 0},
	{"wrong-root", "<Relationship xmlns=\"" UY_NS_RELS "\"/>", UY_CK_OPC_RELS_MALFORMED,
	    "root element", 0},
	{"wrong-ns", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/rels\">"
	    REL("a", "t", "/x") "</Relationships>", UY_CK_OPC_RELS_MALFORMED, "root element", 0},
	{"no-ns", "<Relationships>" REL("a", "t", "/x") "</Relationships>",
	    UY_CK_OPC_RELS_MALFORMED, "root element", 0},
	{"no-id", RELS("<Relationship Type=\"t\" Target=\"/x\"/>" REL("b", "t", "/y")),
	    UY_CK_OPC_RELS_MALFORMED, "no Id attribute", 1},
	{"no-type", RELS("<Relationship Id=\"a\" Target=\"/x\"/>"), UY_CK_OPC_RELS_MALFORMED,
	    "no Type attribute", 0},
	{"empty-type", RELS(REL("a", "", "/x")), UY_CK_OPC_RELS_MALFORMED, "Type", 0},
	{"no-target", RELS("<Relationship Id=\"a\" Type=\"t\"/>"), UY_CK_OPC_RELS_MALFORMED,
	    "no Target attribute", 0},
	{"dup-id", RELS(REL("a", "t", "/x") REL("a", "t", "/y")), UY_CK_OPC_RELS_MALFORMED,
	    "more than once", 2},
	{"bad-id", RELS(REL("1abc", "t", "/x")), UY_CK_OPC_RELS_MALFORMED, "xsd:ID", 1},
	{"bad-mode", RELS("<Relationship Id=\"a\" Type=\"t\" Target=\"/x\" TargetMode=\"Remote\"/>"),
	    UY_CK_OPC_RELS_MALFORMED, "TargetMode", 0},
	{"other-element", RELS("<Foo/>" REL("a", "t", "/x")), UY_CK_OPC_RELS_MALFORMED,
	    "Unexpected element", 1},
	{"target-scheme", RELS(REL("a", "t", "http://x")), UY_CK_OPC_RELS_TARGET, "scheme", 1},
	{"target-above", RELS(REL("a", "t", "../x")), UY_CK_OPC_RELS_TARGET, "above", 1},
	{"target-query", RELS(REL("a", "t", "a?b")), UY_CK_OPC_RELS_TARGET, "query", 1},
	{"target-fragment", RELS(REL("a", "t", "a#b")), UY_CK_OPC_RELS_TARGET, "fragment", 1},
	{"doctype", "<!DOCTYPE Relationships>" RELS(REL("a", "t", "/x")), UY_CK_XML_DOCTYPE,
	    "DOCTYPE", 0},
};

START_TEST(test_rels_rows)
{
	const rels_row *row = &rels_rows[_i];
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", row->rels, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
	};
	tpkg t;
	const uy_result *f = NULL;

	tpkg_build_open(&t, "r.eyp", e, NENT(e));
	f = tpkg_finding(&t, row->check);
	ck_assert_msg(f != NULL, "%s: no %s finding", row->id, uy_check_get(row->check)->id);
	ck_assert_str_eq(f->part, "/_rels/.rels");
	if (row->detail != NULL) {
		ck_assert_msg(strstr(f->detail_en, row->detail) != NULL, "%s: %s", row->id,
		    f->detail_en);
	}
	if (row->check != UY_CK_XML_DOCTYPE && f->line != 0) {
		ck_assert_int_eq(f->line, 1);
	}
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), row->rels_kept);
	if (row->check == UY_CK_OPC_RELS_TARGET) {
		ck_assert_ptr_null(uy_pkg_rel_at(t.pkg, 0)->resolved);
		ck_assert_ptr_null(uy_pkg_rel_at(t.pkg, 0)->target_part);
		ck_assert_str_eq(f->path, "/Relationships/Relationship");
	}
	tpkg_close(&t);
}
END_TEST

START_TEST(test_rels_namespace_aware)
{
	/* A prefix instead of the default namespace: the same infoset, accepted. */
	static const char rels[] =
	    "<r:Relationships xmlns:r=\"" UY_NS_RELS "\"><r:Relationship Id=\"a\" Type=\"t\" "
	    "Target=\"Ustveri/Ustveri.xml\"/><r:Relationship Id=\"b\" Type=\"t\" "
	    "Target=\"https://www.turkiye.gov.tr/\" TargetMode=\"External\"/>"
	    "<r:Relationship Id=\"c\" Type=\"t\" Target=\"/Ekler/yok.pdf\"/></r:Relationships>";
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", rels, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
	};
	tpkg t;
	const uy_rel *r = NULL;

	tpkg_build_open(&t, "ns.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), 3);
	r = uy_pkg_rel_at(t.pkg, 0);
	ck_assert_str_eq(r->resolved, "/Ustveri/Ustveri.xml");
	ck_assert_ptr_eq(r->target_part, uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml"));
	r = uy_pkg_rel_at(t.pkg, 1);
	ck_assert_int_eq(r->external, 1);
	ck_assert_ptr_null(r->resolved);
	ck_assert_ptr_null(r->target_part);
	/* A missing target is no OPC finding: structure rules judge existence. */
	r = uy_pkg_rel_at(t.pkg, 2);
	ck_assert_str_eq(r->resolved, "/Ekler/yok.pdf");
	ck_assert_ptr_null(r->target_part);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_rels_xxe_not_read)
{
	/* *= eyazisma-packages.md §2.2
	 *= type=test
	 *# DTDs are forbidden in OPC XML parts (ISO/IEC 29500-2 M1.18); PHP rejects any DOCTYPE and
	 *# never fetches over the network. Do the same. */
	char *secret = tmp_path("secret.txt");
	char *rels = NULL;
	char *ct = NULL;
	tpkg t;

	file_write(secret, (const uint8_t *)"UYUM-SECRET-42", 14);
	rels = uy_asprintf("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM \"file://%s\">"
	                   "<!ENTITY p SYSTEM \"file:///etc/passwd\">]>\n"
	                   RELS("<Relationship Id=\"a\" Type=\"&e;&p;\" Target=\"/x\"/>"),
	    secret);
	ct = uy_asprintf("<!DOCTYPE t [<!ENTITY p SYSTEM \"file:///etc/passwd\">]>"
	                 "<Types xmlns=\"%s\"><Default Extension=\"xml\" ContentType=\"&p;\"/></Types>",
	    UY_NS_CT);
	{
		const zent e[] = {
			{"[Content_Types].xml", ct, 1},
			{"_rels/.rels", rels, 1},
			{"x.xml", "<a/>", 0},
		};
		tpkg_build_open(&t, "xxe.eyp", e, NENT(e));
	}
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_XML_DOCTYPE), 2);
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), 0);
	ck_assert_ptr_null(uy_pkg_part_at(t.pkg, 2)->content_type);
	ck_assert(!tpkg_any_detail_has(&t, "UYUM-SECRET"));
	ck_assert(!tpkg_any_detail_has(&t, "root:"));
	ck_assert_int_eq(tpkg_status(&t, UY_CK_OPC_RELS_MALFORMED), UY_STATUS_NOT_EVALUATED);
	tpkg_close(&t);
	uy_free(rels);
	uy_free(ct);
	uy_free(secret);
}
END_TEST

START_TEST(test_billion_laughs_fast)
{
	static const char lol[] =
	    "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
	    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
	    "<Types xmlns=\"" UY_NS_CT "\"><Default Extension=\"xml\" ContentType=\"&i;\"/></Types>";
	const zent e[] = {
		{"[Content_Types].xml", lol, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
	};
	clock_t t0 = clock();
	tpkg t;

	tpkg_build_open(&t, "lol.eyp", e, NENT(e));
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0, "too slow");
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_XML_DOCTYPE), 1);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_rels_missing_and_orphan)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"Ustveri/_rels/Ustveri.xml.rels", RELS(REL("a", "t", "../Ekler/x.pdf")), 1},
		{"Yok/_rels/Yok.xml.rels", RELS(REL("a", "t", "x.pdf")), 1},
	};
	tpkg t;
	const uy_rel *r = NULL;

	tpkg_build_open(&t, "o.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_RELS_MISSING), 1);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_RELS_ORPHAN), 1);
	ck_assert_str_eq(tpkg_finding(&t, UY_CK_OPC_RELS_ORPHAN)->part, "/Yok/_rels/Yok.xml.rels");
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), 1);
	r = uy_pkg_rel_at(t.pkg, 0);
	ck_assert_str_eq(r->source->name, "/Ustveri/Ustveri.xml");
	ck_assert_str_eq(r->resolved, "/Ekler/x.pdf");
	ck_assert_ptr_null(r->target_part);
	ck_assert_int_eq(uy_check_get(UY_CK_OPC_RELS_ORPHAN)->level, UY_LEVEL_WARN);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_rels_order)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"b.xml", "<b/>", 0},
		{"_rels/b.xml.rels", RELS(REL("b1", "t", "a.xml") REL("b2", "t", "b.xml")), 1},
		{"a.xml", "<a/>", 0},
		{"_rels/a.xml.rels", RELS(REL("a1", "t", "b.xml")), 1},
		{"_rels/.rels", RELS(REL("p1", "t", "a.xml") REL("p2", "t", "b.xml")), 1},
	};
	static const char *const want[] = {"p1", "p2", "a1", "b1", "b2"};
	tpkg t;

	tpkg_build_open(&t, "ord.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_all_failed(&t), 0);
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), NENT(want));
	for (size_t i = 0; i < NENT(want); i++) {
		ck_assert_str_eq(uy_pkg_rel_at(t.pkg, i)->id, want[i]);
	}
	ck_assert_str_eq(uy_pkg_rel_at(t.pkg, 2)->source->name, "/a.xml");
	ck_assert_str_eq(uy_pkg_rel_at(t.pkg, 2)->resolved, "/b.xml");
	tpkg_close(&t);
}
END_TEST

typedef struct {
	const char *name;
	const char *detail;
} part_name_row;

static const part_name_row part_name_rows[] = {
	{"Ekler/ek 1.pdf", "not allowed in a segment"},
	{"Ekler./ek1.pdf", "ending with '.'"},
	{"Ekler/ek1.pdf.", "ending with '.'"},
	{"Ekler//ek1.pdf", "empty segment"},
	{"Ekler/./ek1.pdf", "dots only"},
	{"Ekler/%65k1.pdf", "unreserved"},
	{"Ekler/a%2Fb.pdf", "percent-encoded '/'"},
	{"Ekler/a%zz.pdf", "invalid percent-escape"},
	{"Ekler/[x].pdf", "not allowed in a segment"},
};

START_TEST(test_part_names)
{
	const part_name_row *row = &part_name_rows[_i];
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{row->name, "%PDF-", 0},
	};
	tpkg t;
	const uy_result *f = NULL;

	tpkg_build_open(&t, "pn.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_PART_NAME), 1);
	f = tpkg_finding(&t, UY_CK_OPC_PART_NAME);
	ck_assert_msg(strstr(f->detail_en, row->detail) != NULL, "%s: %s", row->name, f->detail_en);
	/* Still usable: the grammar defect is reported, the part still read. */
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 1);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_part_name_is_folder_of_another)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{"Ustveri/ustveri.XML/x.xml", "<a/>", 0},
	};
	tpkg t;

	tpkg_build_open(&t, "pf.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_PART_NAME), 1);
	ck_assert_str_eq(tpkg_finding(&t, UY_CK_OPC_PART_NAME)->part, "/Ustveri/ustveri.XML/x.xml");
	tpkg_close(&t);
}
END_TEST

/* ---- limits ----------------------------------------------------------- */

/* A ZIP with n tiny stored entries named e00000.xml ... */
static char *
zip_many(const char *file, size_t n)
{
	char *path = tmp_path(file);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		char name[32];
		zip_int64_t idx = 0;
		snprintf(name, sizeof(name), "e%05zu.xml", i);
		idx = zip_file_add(za, name, zip_source_buffer(za, "<a/>", 4, 0), 0);
		ck_assert_int_ge(idx, 0);
		ck_assert_int_eq(zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	return path;
}

START_TEST(test_entry_count_at_cap)
{
	char *path = zip_many("cap.eyp", UY_MAX_ZIP_ENTRIES);
	tpkg t;

	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(uy_pkg_part_count(t.pkg), UY_MAX_ZIP_ENTRIES);
	ck_assert_int_eq(tpkg_status(&t, UY_CK_ZIP_ENTRY_COUNT), UY_STATUS_PASSED);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_entry_count_past_cap)
{
	char *path = zip_many("cap1.eyp", UY_MAX_ZIP_ENTRIES + 1);
	tpkg t;

	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_COUNT), 1);
	ck_assert(tpkg_any_detail_has(&t, "4097 entries"));
	ck_assert_uint_eq(uy_pkg_part_count(t.pkg), UY_MAX_ZIP_ENTRIES);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

/* A /_rels/.rels with n relationships to /a.xml, as an owned string. */
static char *
rels_many(size_t n)
{
	uy_buf b;

	uy_buf_init(&b, 64u << 20, 0);
	ck_assert_int_eq(uy_buf_puts(&b, "<Relationships xmlns=\"" UY_NS_RELS "\">"), UY_OK);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(uy_buf_printf(&b, "<Relationship Id=\"R%zu\" Type=\"t\" "
		    "Target=\"/a.xml\"/>", i), UY_OK);
	}
	ck_assert_int_eq(uy_buf_puts(&b, "</Relationships>"), UY_OK);
	ck_assert_int_eq(uy_buf_append(&b, "", 1), UY_OK);
	return (char *)uy_buf_take(&b, NULL);
}

/*
 * UY_MAX_RELATIONSHIPS caps each .rels part: a flood in /_rels/.rels is one
 * finding on that part and must not drop the relationships of other parts
 * (regression: the count was shared, so /PaketOzeti's imzacades was lost and
 * every later .rels part got a false "more than 4096" finding).
 */
START_TEST(test_rels_count_per_part)
{
	size_t n = UY_MAX_RELATIONSHIPS + (size_t)_i; /* at the cap, then one past it */
	char *big = rels_many(n);
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"a.xml", "<a/>", 0},
		{"b.xml", "<b/>", 0},
		{"_rels/.rels", big, 0},
		{"_rels/a.xml.rels", RELS(REL("a1", "t", "b.xml")), 1},
		{"_rels/b.xml.rels", RELS(REL("b1", "t", "a.xml")), 1},
	};
	tpkg t;
	const uy_result *f = NULL;

	tpkg_build_open(&t, "relcap.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_OPC_RELS_MALFORMED), (size_t)_i);
	ck_assert_uint_eq(uy_pkg_rel_count(t.pkg), UY_MAX_RELATIONSHIPS + 2);
	ck_assert_str_eq(uy_pkg_rel_at(t.pkg, UY_MAX_RELATIONSHIPS)->id, "a1");
	ck_assert_str_eq(uy_pkg_rel_at(t.pkg, UY_MAX_RELATIONSHIPS + 1)->id, "b1");
	f = tpkg_finding(&t, UY_CK_OPC_RELS_MALFORMED);
	if (_i == 1) {
		ck_assert_ptr_nonnull(f);
		ck_assert_str_eq(f->part, "/_rels/.rels");
		ck_assert_ptr_nonnull(strstr(f->detail_en, "This relationships part has more than 4096"));
	}
	tpkg_close(&t);
	uy_free(big);
}
END_TEST

START_TEST(test_name_length)
{
	char name[UY_MAX_ZIP_NAME + 2];
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 0},
		{name, "<a/>", 0},
	};
	tpkg t;

	memset(name, 'n', sizeof(name));
	memcpy(name + UY_MAX_ZIP_NAME - 4, ".xml", 5); /* exactly at the cap */
	tpkg_build_open(&t, "len.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_LONG), 0);
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 1);
	tpkg_close(&t);
	memset(name, 'n', sizeof(name));
	memcpy(name + UY_MAX_ZIP_NAME - 3, ".xml", 5); /* one past */
	tpkg_build_open(&t, "len1.eyp", e, NENT(e));
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_NAME_LONG), 1);
	ck_assert_int_eq(uy_pkg_part_at(t.pkg, 3)->usable, 0);
	tpkg_close(&t);
}
END_TEST

START_TEST(test_read_cap)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a>0123456789</a>", 0},
	};
	tpkg t;
	const uy_part *p = NULL;
	uy_span sp = {NULL, 0};

	tpkg_build_open(&t, "rc.eyp", e, NENT(e));
	p = uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml");
	ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, p->size - 1, &sp), UY_ERR_LIMIT);
	ck_assert_ptr_null(sp.ptr);
	ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, p->size - 1, &sp), UY_ERR_LIMIT);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE), 1);
	ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, p->size, &sp), UY_OK);
	ck_assert_uint_eq(sp.len, 17);
	ck_assert_mem_eq(sp.ptr, "<a>0123456789</a>", 17);
	/* Cached: the same bytes, and a smaller cap still refuses them. */
	{
		uy_span again = {NULL, 0};
		ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, UY_MAX_XML_PART, &again), UY_OK);
		ck_assert_ptr_eq(again.ptr, sp.ptr);
		ck_assert_int_eq(uy_pkg_read_part(t.pkg, &t.ctx, p, 3, &again), UY_ERR_LIMIT);
	}
	tpkg_close(&t);
}
END_TEST

START_TEST(test_declared_sizes)
{
	const zent e[] = {
		{"[Content_Types].xml", CT_OK, 1},
		{"_rels/.rels", RELS_OK, 1},
		{"Ustveri/Ustveri.xml", "<a/>", 1},
		{"big1.xml", "<a/>", 1},
		{"big2.xml", "<b/>", 1},
		{"big3.xml", "<c/>", 1},
	};
	char *path = zip_build("ds.eyp", e, NENT(e));
	tpkg t;

	/* Claims only: 600 MiB is past the per-entry cap; 3 x 400 MiB past the total. */
	file_patch_header(path, "big1.xml", 600u << 20, -1);
	file_patch_header(path, "big2.xml", 400u << 20, -1);
	file_patch_header(path, "big3.xml", 400u << 20, -1);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE), 1);
	ck_assert_str_eq(tpkg_finding(&t, UY_CK_ZIP_ENTRY_SIZE)->part, "/big1.xml");
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_TOTAL_SIZE), 1);
	ck_assert_int_eq(uy_pkg_find_part(t.pkg, "/big1.xml")->usable, 0);
	ck_assert_int_eq(uy_pkg_find_part(t.pkg, "/big3.xml")->usable, 0);
	/* The Stored 4-byte entries also claim an impossible ratio. */
	ck_assert_uint_ge(tpkg_failed(&t, UY_CK_ZIP_RATIO), 2);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

static long
max_rss_kib(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/* A ZIP holding one Deflate entry of `size` zero bytes, from a sparse file. */
static char *
zip_zeros(const char *file, const char *entry, uint64_t size)
{
	char *path = tmp_path(file);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	FILE *zeros = tmpfile();
	zip_source_t *src = NULL;

	ck_assert_ptr_nonnull(za);
	ck_assert_ptr_nonnull(zeros);
	ck_assert_int_eq(ftruncate(fileno(zeros), (off_t)size), 0);
	src = zip_source_filep(za, zeros, 0, -1); /* takes zeros over */
	ck_assert_ptr_nonnull(src);
	ck_assert_int_ge(zip_file_add(za, "[Content_Types].xml",
	    zip_source_buffer(za, CT_OK, strlen(CT_OK), 0), 0), 0);
	ck_assert_int_ge(zip_file_add(za, "_rels/.rels",
	    zip_source_buffer(za, RELS_OK, strlen(RELS_OK), 0), 0), 0);
	ck_assert_int_ge(zip_file_add(za, entry, src, 0), 0);
	ck_assert_int_eq(zip_close(za), 0);
	return path;
}

START_TEST(test_zip_bomb_declared)
{
	char *path = zip_zeros("bomb.eyp", "Ustveri/Ustveri.xml", (uint64_t)50 << 20);
	long before = 0;
	tpkg t;

	before = max_rss_kib();
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	ck_assert_msg(max_rss_kib() - before < 8 * 1024, "open grew RSS by %ld KiB",
	    max_rss_kib() - before);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_RATIO), 1);
	ck_assert_str_eq(tpkg_finding(&t, UY_CK_ZIP_RATIO)->part, "/Ustveri/Ustveri.xml");
	ck_assert_int_eq(uy_pkg_find_part(t.pkg, "/Ustveri/Ustveri.xml")->usable, 0);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_zip_bomb_lying_size)
{
	/* 4 MiB of zeros declared as 1000 bytes: below every declared limit. */
	char *path = zip_zeros("liar.eyp", "Ekler/ek1.pdf", (uint64_t)4 << 20);
	tpkg t;
	const uy_part *p = NULL;
	stream_count c = {0, 0, 0};

	file_patch_header(path, "Ekler/ek1.pdf", 1000, -1);
	tpkg_open(&t, path);
	ck_assert_ptr_nonnull(t.pkg);
	p = uy_pkg_find_part(t.pkg, "/Ekler/ek1.pdf");
	ck_assert_uint_eq(p->size, 1000);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_RATIO), 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE), 1);
	ck_assert(tpkg_any_detail_has(&t, "longer than its declared 1000 bytes"));
	/* Reading stopped after one chunk; later streams refuse at once. */
	ck_assert_int_eq(uy_pkg_stream_part(t.pkg, &t.ctx, p, count_chunk, &c), UY_ERR_LIMIT);
	ck_assert_uint_eq(c.bytes, 0);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_ENTRY_SIZE), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

START_TEST(test_open_part_not_a_zip)
{
	char *path = sample("paketv1x.eyp");
	tpkg t;
	uy_pkg *inner = NULL;
	const uy_part *p = NULL;

	tpkg_open(&t, path);
	p = uy_pkg_find_part(t.pkg, "/Imzalar/ImzaCades.imz");
	ck_assert_int_eq(uy_pkg_open_part(&inner, &t.ctx, t.pkg, p), UY_OK);
	ck_assert_ptr_null(inner);
	ck_assert_uint_eq(tpkg_failed(&t, UY_CK_ZIP_UNREADABLE), 1);
	tpkg_close(&t);
	uy_free(path);
}
END_TEST

static Suite *
uy_pkg_suite(void)
{
	Suite *s = suite_create("pkg");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *limits = tcase_create("limits");

	tcase_add_unchecked_fixture(happy, tmp_setup, tmp_teardown);
	tcase_add_unchecked_fixture(malformed, tmp_setup, tmp_teardown);
	tcase_add_unchecked_fixture(limits, tmp_setup, tmp_teardown);
	tcase_set_timeout(limits, 60);
	tcase_add_loop_test(happy, test_samples_open_clean, 0, (int)NENT(sample_rows));
	tcase_add_test(happy, test_sample_v1_details);
	tcase_add_test(happy, test_sample_eyps_override_and_inner);
	tcase_add_test(happy, test_digests_two_ways);
	tcase_add_test(happy, test_stream_and_lookup);
	tcase_add_loop_test(happy, test_resolve_rows, 0, (int)NENT(resolve_rows));
	tcase_add_test(happy, test_name_cmp);
	tcase_add_test(happy, test_content_types_override_wins);
	tcase_add_test(happy, test_rels_namespace_aware);
	tcase_add_test(happy, test_rels_order);
	tcase_add_test(happy, test_directory_entries_and_extra_field);
	tcase_add_test(malformed, test_not_a_zip);
	tcase_add_test(malformed, test_truncated);
	tcase_add_test(malformed, test_missing_file_is_io);
	tcase_add_loop_test(malformed, test_unsafe_names, 0, (int)NENT(unsafe_rows));
	tcase_add_test(malformed, test_nul_in_name);
	tcase_add_test(malformed, test_duplicate_by_case);
	tcase_add_test(malformed, test_duplicate_exact);
	tcase_add_test(malformed, test_encrypted_entry);
	tcase_add_test(malformed, test_method_not_allowed);
	tcase_add_test(malformed, test_stored_lying_size);
	tcase_add_test(malformed, test_crc_error);
	tcase_add_test(malformed, test_crc_judged_on_read_not_on_open);
	tcase_add_test(malformed, test_content_types_missing);
	tcase_add_loop_test(malformed, test_content_types_rows, 0, (int)NENT(ct_rows));
	tcase_add_loop_test(malformed, test_rels_rows, 0, (int)NENT(rels_rows));
	tcase_add_test(malformed, test_rels_xxe_not_read);
	tcase_add_test(malformed, test_billion_laughs_fast);
	tcase_add_test(malformed, test_rels_missing_and_orphan);
	tcase_add_loop_test(malformed, test_part_names, 0, (int)NENT(part_name_rows));
	tcase_add_test(malformed, test_part_name_is_folder_of_another);
	tcase_add_test(malformed, test_open_part_not_a_zip);
	tcase_add_test(limits, test_entry_count_at_cap);
	tcase_add_test(limits, test_entry_count_past_cap);
	tcase_add_test(limits, test_name_length);
	tcase_add_loop_test(limits, test_rels_count_per_part, 0, 2);
	tcase_add_test(limits, test_read_cap);
	tcase_add_test(limits, test_declared_sizes);
	tcase_add_test(limits, test_zip_bomb_declared);
	tcase_add_test(limits, test_zip_bomb_lying_size);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, malformed);
	suite_add_tcase(s, limits);
	return s;
}

UY_TEST_MAIN(uy_pkg_suite)
