/*
 * Unit tests of the structure and encrypted/update-package stages and the
 * shared rule helpers (harness/src/rules/{rules,structure,eyps,engine}.c),
 * on the real sample packages and on packages mutated here with libzip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "rules/rules.h"
#include "uy_test.h"
#include "uyum/uyum.h"

/* Number of results with that check id, scope and status. */
static size_t
count_results(const uy_pkg_report *r, const char *id, const char *scope, uy_status st)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (strcmp(res->check->id, id) == 0 && strcmp(res->scope, scope) == 0 &&
		    res->status == st) {
			n++;
		}
	}
	return n;
}

static void
dump_failures(const uy_pkg_report *r)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (res->status != UY_STATUS_PASSED) {
			fprintf(stderr, "  %s [%s] %s %s: %s\n", res->check->id, res->scope,
			    uy_status_name(res->status), res->part != NULL ? res->part : "",
			    res->detail_en != NULL ? res->detail_en : "");
		}
	}
}

/* Structure and container checks must not fail on the samples except where spec §15 says. */
static void
assert_only_expected_structure_failures(const uy_pkg_report *r, const char *const *allowed)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		const char *id = res->check->id;
		int ours = strncmp(id, "eyp::part::", 11) == 0 || strncmp(id, "eyp::rel::", 10) == 0 ||
		    strncmp(id, "eyp::core::", 11) == 0 || strncmp(id, "eyp::kind::", 11) == 0 ||
		    strncmp(id, "eyp::generation::", 17) == 0 || strncmp(id, "zip::", 5) == 0 ||
		    strncmp(id, "opc::", 5) == 0 || strncmp(id, "xml::", 5) == 0 ||
		    strncmp(id, "eyps::", 6) == 0 || strncmp(id, "eyp::content-type::", 19) == 0;
		int ok = 1;
		if (!ours || res->status == UY_STATUS_PASSED) {
			continue;
		}
		ok = 0;
		for (size_t k = 0; allowed[k] != NULL; k++) {
			ok |= strcmp(allowed[k], id) == 0;
		}
		if (!ok) {
			dump_failures(r);
		}
		ck_assert_msg(ok, "unexpected %s %s in scope '%s' (%s)", uy_status_name(res->status), id,
		    res->scope, res->detail_en != NULL ? res->detail_en : "");
	}
}

START_TEST(sample_v1x)
{
	uy_pkg_report r;
	static const char *const allowed[] = {"eyp::rel::type-case", NULL};

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/paketv1x.eyp"), UY_OK);
	ck_assert_str_eq(r.kind, ".eyp");
	ck_assert_str_eq(r.generation, "1.x");
	ck_assert_str_eq(r.sha256, "aca01413a96be58bc59cfa3c6499c952730ea08eb7b04db8cb16e032a2eaef5c");
	ck_assert_uint_eq(r.size, 91664);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	/* The PaketOzeti case defect is its own finding; the part is still found. */
	ck_assert_uint_eq(count_results(&r, "eyp::rel::type-case", "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::paketozeti::count", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::paketozeti::location", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::muhurcades::location", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::belgehedef::count", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::core::identifier", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::core::subject", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::kind::unknown", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::generation::mismatch", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::ustyazi::pdf", "", UY_STATUS_PASSED), 1);
	assert_only_expected_structure_failures(&r, allowed);
	uy_pkg_report_dispose(&r);
}
END_TEST

START_TEST(sample_v2x)
{
	uy_pkg_report r;
	static const char *const allowed[] = {"eyp::rel::type-case", NULL};

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/paketv2x.eyp"), UY_OK);
	ck_assert_str_eq(r.kind, ".eyp");
	ck_assert_str_eq(r.generation, "2.x");
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	ck_assert_uint_eq(count_results(&r, "eyp::rel::type-case", "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::nihaiustveri::count", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::parafimzacades::location", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::muhurcades::location", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::core::identifier-uppercase", "", UY_STATUS_PASSED), 1);
	assert_only_expected_structure_failures(&r, allowed);
	uy_pkg_report_dispose(&r);
}
END_TEST

START_TEST(sample_eyps)
{
	uy_pkg_report r;
	static const char *const inner = "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8";
	static const char *const allowed[] = {"eyp::rel::type-case", "eyps::core::identifier",
	    "eyps::core::created", "eyps::sifreliicerik::not-cms", "eyps::inner::identifier", NULL};

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/sifrelipaketv2x.eyps"), UY_OK);
	ck_assert_str_eq(r.kind, ".eyps");
	ck_assert_str_eq(r.generation, "2.x");
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	ck_assert_uint_eq(count_results(&r, "eyps::core::identifier", "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::core::created", "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::sifreliicerik::not-cms", "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::sifreliicerik::name", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::sifreliicerikbilgisi::content", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::summary::copy", "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::part::nihaiozet::count", "", UY_STATUS_PASSED), 1);
	/* Missing outer subject is acceptable (spec §15.4): no Core subject check outside .eyp. */
	ck_assert_uint_eq(count_results(&r, "eyp::core::subject", "", UY_STATUS_FAILED), 0);
	/* The plain inner package is checked as a fixture under its own scope. */
	ck_assert_uint_eq(count_results(&r, "eyp::rel::type-case", inner, UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_results(&r, "eyp::rel::type-case", "", UY_STATUS_FAILED), 0);
	ck_assert_uint_eq(count_results(&r, "eyp::core::identifier", inner, UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_results(&r, "eyps::inner::identifier", "", UY_STATUS_PASSED), 1);
	assert_only_expected_structure_failures(&r, allowed);
	uy_pkg_report_dispose(&r);
}
END_TEST

/* Copy a sample, replacing (or with NULL data, deleting) one entry. */
static char *
mutate(const char *sample, const char *entry, const char *data)
{
	char *path = uy_asprintf("/tmp/uyum-check-rules-%ld-%s", (long)getpid(), strrchr(sample, '/') + 1);
	FILE *in = fopen(sample, "rb");
	FILE *out = fopen(path, "wb");
	char buf[65536];
	size_t n = 0;
	int err = 0;
	zip_t *z = NULL;

	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	}
	fclose(in);
	fclose(out);
	z = zip_open(path, 0, &err);
	ck_assert_ptr_nonnull(z);
	zip_int64_t idx = zip_name_locate(z, entry, 0);
	ck_assert_int_ge(idx, 0);
	if (data == NULL) {
		ck_assert_int_eq(zip_delete(z, (zip_uint64_t)idx), 0);
	} else {
		zip_source_t *src = zip_source_buffer(z, data, strlen(data), 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_eq(zip_file_replace(z, (zip_uint64_t)idx, src, 0), 0);
	}
	ck_assert_int_eq(zip_close(z), 0);
	return path;
}

#define CORE_V2 "package/services/metadata/core-properties/1ab86e621b584e9f811c3cb336120e1c.psmdcp"
#define CORE_HEAD \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?><coreProperties " \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" " \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">" \
	"<dc:identifier>B586D8E7-ADE1-4B08-B2B8-57250B22F8DC</dc:identifier>" \
	"<dcterms:created>2021-02-15T09:39:32Z</dcterms:created><dc:creator>X/61648174</dc:creator>" \
	"<dc:subject>Olustur Versiyon 2X</dc:subject><contentType>application/eyazisma</contentType>"

static const struct {
	const char *name;
	const char *entry;
	const char *data;
	const char *want_failed;
} mutations[] = {
    {"category says encrypted", CORE_V2,
	CORE_HEAD "<category>RESMIYAZISMA/SIFRELI</category><version>2.0</version></coreProperties>",
	"eyp::kind::mismatch"},
    {"unknown category", CORE_V2,
	CORE_HEAD "<category>YAZISMA</category><version>2.0</version></coreProperties>",
	"eyp::kind::unknown"},
    {"version 1.3 with Ustveri-2", CORE_V2,
	CORE_HEAD "<category>RESMIYAZISMA</category><version>1.3</version></coreProperties>",
	"eyp::generation::mismatch"},
    {"no version", CORE_V2, CORE_HEAD "<category>RESMIYAZISMA</category></coreProperties>",
	"eyp::core::required-properties"},
    {"Core with DOCTYPE", CORE_V2,
	"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
	"xml::doctype"},
    {"UstYazi not a PDF", "UstYazi/ustyazi.pdf", "hello", "eyp::part::ustyazi::pdf"},
    {"seal relationship from the package", "_rels/.rels",
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Type=\"http://eyazisma.dpt/iliskiler/muhurcades\" Target=\"/Muhur/MuhurCades.imz\" Id=\"a\"/>"
	"</Relationships>",
	"eyp::rel::wrong-source"},
    {"seal missing in 2.x", "NihaiOzet/_rels/NihaiOzet.xml.rels", NULL, "eyp::part::muhurcades::count"},
};

START_TEST(structure_mutations)
{
	uy_pkg_report r;
	char *path = mutate(UY_SAMPLES_DIR "/paketv2x.eyp", mutations[_i].entry, mutations[_i].data);

	ck_assert_int_eq(uy_eyp_check_file(&r, path), UY_OK);
	if (count_results(&r, mutations[_i].want_failed, "", UY_STATUS_FAILED) == 0) {
		dump_failures(&r);
	}
	ck_assert_msg(count_results(&r, mutations[_i].want_failed, "", UY_STATUS_FAILED) >= 1,
	    "%s: %s not failed", mutations[_i].name, mutations[_i].want_failed);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	uy_pkg_report_dispose(&r);
	unlink(path);
	uy_free(path);
}
END_TEST

START_TEST(helpers)
{
	ck_assert_int_eq(uy_rules__is_guid("B586D8E7-ADE1-4B08-B2B8-57250B22F8DC"), 1);
	ck_assert_int_eq(uy_rules__is_guid("b586d8e7-ade1-4b08-b2b8-57250b22f8dc"), 1);
	ck_assert_int_eq(uy_rules__is_guid("B586D8E7-ADE1-4B08-B2B8-57250B22F8D"), 0);
	ck_assert_int_eq(uy_rules__is_guid("B586D8E7-ADE1-4B08-B2B8-57250B22F8DCA"), 0);
	ck_assert_int_eq(uy_rules__is_guid("{B586D8E7-ADE1-4B08-B2B8-57250B22F8DC}"), 0);
	ck_assert_int_eq(uy_rules__is_guid("G586D8E7-ADE1-4B08-B2B8-57250B22F8DC"), 0);
	ck_assert_int_eq(uy_rules__is_guid(""), 0);
	ck_assert_int_eq(uy_rules__is_upper("B586D8E7-ADE1"), 1);
	ck_assert_int_eq(uy_rules__is_upper("b586"), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2022-05-05T00:00:00"), 1);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15T09:39:32.0519604Z"), 1);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15T09:39:32+03:00"), 1);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-30T09:39:32"), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2021-13-01T09:39:32"), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15 09:39:32"), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15T09:39:32."), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15T09:39:32+3:00"), 0);
	ck_assert_int_eq(uy_rules__is_datetime("2021-02-15"), 0);
}
END_TEST

START_TEST(missing_file_is_io_error)
{
	uy_pkg_report r;

	ck_assert_int_eq(uy_eyp_check_file(&r, "/nonexistent/uyum/x.eyp"), UY_ERR_IO);
	uy_pkg_report_dispose(&r);
}
END_TEST

static Suite *
uy_rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");

	tcase_set_timeout(happy, 60);
	tcase_set_timeout(malformed, 60);
	tcase_add_test(happy, sample_v1x);
	tcase_add_test(happy, sample_v2x);
	tcase_add_test(happy, sample_eyps);
	tcase_add_test(happy, helpers);
	tcase_add_loop_test(malformed, structure_mutations, 0,
	    (int)(sizeof(mutations) / sizeof(mutations[0])));
	tcase_add_test(malformed, missing_file_is_io_error);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, malformed);
	return s;
}

UY_TEST_MAIN(uy_rules_suite)
