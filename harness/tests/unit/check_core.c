/* Unit tests of harness/src/core: errors, buffers, sizes, check registry, results and verdicts. */
#include <string.h>

#include "uy_test.h"
#include "uyum/uyum.h"

START_TEST(err_names)
{
	ck_assert_str_eq(uy_err_name(UY_ERR_LIMIT), "UY_ERR_LIMIT");
	ck_assert_str_eq(uy_err_name((uy_err)12345), "UY_ERR_UNKNOWN");
	ck_assert_int_eq(uy_err_is_input(UY_ERR_ZIP), 1);
	ck_assert_int_eq(uy_err_is_input(UY_ERR_NOMEM), 0);
	uy_error_clear();
	ck_assert_int_eq(UY_ERROR(UY_ERR_IO, "first %d", 1), UY_ERR_IO);
	(void)UY_ERROR(UY_ERR_NOMEM, "second");
	/* The inner message is never overwritten. */
	ck_assert_ptr_nonnull(strstr(uy_error_last(), "UY_ERR_IO: first 1"));
	uy_error_clear();
	ck_assert_str_eq(uy_error_last(), "");
}
END_TEST

START_TEST(buf_cap)
{
	uy_buf b;
	size_t len = 0;

	uy_buf_init(&b, 8, 0);
	ck_assert_int_eq(uy_buf_append(&b, "12345678", 8), UY_OK);
	ck_assert_uint_eq(b.len, 8);
	/* One past the cap fails and disposes the buffer. */
	ck_assert_int_eq(uy_buf_append(&b, "9", 1), UY_ERR_LIMIT);
	ck_assert_ptr_null(b.ptr);
	ck_assert_uint_eq(b.len, 0);
	uy_buf_init(&b, 64, UY_BUF_SECRET);
	ck_assert_int_eq(uy_buf_printf(&b, "%s-%d", "ab", 7), UY_OK);
	uint8_t *p = uy_buf_take(&b, &len);
	ck_assert_uint_eq(len, 4);
	ck_assert_str_eq((char *)p, "ab-7");
	uy_free(p);
	uy_buf_dispose(&b);
	uy_buf_dispose(&b);
}
END_TEST

START_TEST(size_overflow)
{
	size_t out = 0;

	ck_assert_int_eq(uy_size_add((size_t)-1, 1, &out), UY_ERR_LIMIT);
	ck_assert_int_eq(uy_size_mul((size_t)-1 / 2 + 1, 2, &out), UY_ERR_LIMIT);
	ck_assert_int_eq(uy_size_mul(3, 4, &out), UY_OK);
	ck_assert_uint_eq(out, 12);
}
END_TEST

START_TEST(registry_ids_unique_and_namespaced)
{
	for (int i = 0; i < UY_CHECK__COUNT; i++) {
		const uy_check_def *d = uy_check_get((uy_check_id)i);
		ck_assert_ptr_nonnull(d);
		ck_assert_int_eq(d->num, i);
		ck_assert_msg(strstr(d->id, "::") != NULL, "id %s is not namespaced", d->id);
		ck_assert_ptr_eq(uy_check_find(d->id), d);
		ck_assert_msg(d->rule == NULL || (d->rule[0] == 'K' && d->rule[1] == '.'),
		    "rule of %s is not K.n", d->id);
		ck_assert_msg(d->title_tr[0] != '\0' && d->title_en[0] != '\0' && d->rec_tr[0] != '\0' &&
		        d->rec_en[0] != '\0',
		    "%s lacks a text", d->id);
		for (int j = 0; j < i; j++) {
			ck_assert_msg(strcmp(uy_check_get((uy_check_id)j)->id, d->id) != 0,
			    "duplicate id %s", d->id);
		}
	}
	ck_assert_ptr_null(uy_check_get(UY_CHECK__COUNT));
	ck_assert_ptr_null(uy_check_find("no::such::check"));
}
END_TEST

/* Signature rows: one per signature, PASSED ones keep their detail and indication. */
START_TEST(signature_rows)
{
	uy_pkg_report r;
	uy_ctx ctx;

	ck_assert_int_eq(uy_pkg_report_init(&r, "s.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	ck_assert_int_eq(uy_ctx_signature(&ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART("/a.imz"),
	    UY_STATUS_PASSED, "TOTAL-PASSED", "", "imzacı %d", "signer %d", 1), UY_OK);
	ck_assert_int_eq(uy_ctx_signature(&ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART("/b.imz"),
	    UY_STATUS_PASSED, "TOTAL-PASSED", NULL, "imzacı %d", "signer %d", 1), UY_OK);
	ck_assert_int_eq(uy_ctx_signature(&ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART("/a.imz"),
	    UY_STATUS_PASSED, NULL, NULL, "x", "x"), UY_ERR_USAGE);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_PASSED);
	ck_assert_uint_eq(r.n_results, 2); /* no extra detail-less PASSED row */
	ck_assert_str_eq(r.results[0].detail_en, "signer 1");
	ck_assert_str_eq(r.results[0].indication, "TOTAL-PASSED");
	ck_assert_ptr_null(r.results[0].sub_indication);
	uy_pkg_report_dispose(&r);

	ck_assert_int_eq(uy_pkg_report_init(&r, "t.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	ck_assert_int_eq(uy_ctx_signature(&ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART("/a.imz"),
	    UY_STATUS_PASSED, "TOTAL-PASSED", NULL, "a", "a"), UY_OK);
	ck_assert_int_eq(uy_ctx_signature(&ctx, UY_CK_SIG_CADES_VALIDATION, UY_LOC_PART("/b.imz"),
	    UY_STATUS_FAILED, "TOTAL-FAILED", "REVOKED", "b", "b"), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	ck_assert_uint_eq(r.n_results, 2);
	ck_assert_str_eq(r.results[1].sub_indication, "REVOKED");
	uy_pkg_report_dispose(&r);
}
END_TEST

START_TEST(verdict_rules)
{
	uy_pkg_report r;
	uy_ctx ctx;

	/* Only passes: PASSED, one row per check and scope. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "/tmp/x.eyp"), UY_OK);
	ck_assert_str_eq(r.name, "x.eyp");
	ctx = (uy_ctx){&r, "", 0, NULL};
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_PASSED);
	ck_assert_uint_eq(r.n_results, 1);
	ck_assert_int_eq(r.results[0].status, UY_STATUS_PASSED);
	ck_assert_ptr_null(r.results[0].detail_en);
	uy_pkg_report_dispose(&r);

	/* A WARN finding keeps PASSED; a failed check gets no PASSED row. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "y.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_PART_ORPHAN, UY_LOC_PART("/a"), "tr %d", "en %d", 5),
	    UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_PART_ORPHAN), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_PASSED);
	ck_assert_uint_eq(r.n_results, 1);
	ck_assert_str_eq(r.results[0].detail_en, "en 5");
	ck_assert_str_eq(r.results[0].detail_tr, "tr 5");
	ck_assert_str_eq(r.results[0].part, "/a");
	uy_pkg_report_dispose(&r);

	/* NOT_EVALUATED of a FAIL-level check: INDETERMINATE, never PASSED. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "z.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_ctx_skip(&ctx, UY_CK_EYPS_DECRYPT, UY_LOC_NONE, "neden", "why"), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_INDETERMINATE);
	for (size_t i = 0; i < r.n_results; i++) {
		if (r.results[i].check->num == UY_CK_EYPS_DECRYPT) {
			ck_assert_int_eq(r.results[i].status, UY_STATUS_NOT_EVALUATED);
		}
	}
	uy_pkg_report_dispose(&r);

	/* A FAIL finding in an inner scope fails the package; scopes are separate. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "w.eyps"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	uy_ctx inner = {&r, "/SifreliIcerik/X", 1, NULL};
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_ctx_fail(&inner, UY_CK_XML_DOCTYPE, UY_LOC_NONE, "a", "b"), UY_OK);
	ck_assert_int_eq(uy_ctx_has_failed(&inner, UY_CK_XML_DOCTYPE), 1);
	ck_assert_int_eq(uy_ctx_has_failed(&ctx, UY_CK_XML_DOCTYPE), 0);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	ck_assert_uint_eq(r.n_results, 2);
	ck_assert_str_eq(r.results[0].scope, "");
	ck_assert_int_eq(r.results[0].status, UY_STATUS_PASSED);
	ck_assert_str_eq(r.results[1].scope, "/SifreliIcerik/X");
	uy_pkg_report_dispose(&r);
	uy_pkg_report_dispose(&r);
}
END_TEST

START_TEST(findings_bounded)
{
	uy_pkg_report r;
	uy_ctx ctx;

	ck_assert_int_eq(uy_pkg_report_init(&r, "many.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	for (unsigned i = 0; i < UY_MAX_FINDINGS + 10; i++) {
		ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_PART_ORPHAN, UY_LOC_NONE, "%u", "%u", i), UY_OK);
	}
	ck_assert_uint_eq(r.n_results, UY_MAX_FINDINGS);
	ck_assert_uint_eq(r.suppressed, 10);
	/* PASSED rows are never dropped by the cap. */
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_uint_eq(r.n_results, UY_MAX_FINDINGS + 1);
	/* Only WARN findings were dropped: they do not change the verdict. */
	ck_assert_int_eq(r.verdict, UY_VERDICT_PASSED);
	uy_pkg_report_dispose(&r);

	/* A dropped FAIL-level finding still fails the package. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "many2.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	for (unsigned i = 0; i < UY_MAX_FINDINGS; i++) {
		ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_PART_ORPHAN, UY_LOC_NONE, "%u", "%u", i), UY_OK);
	}
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_XML_DOCTYPE, UY_LOC_NONE, "x", "x"), UY_OK);
	ck_assert_uint_eq(r.suppressed, 1);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_FAILED);
	uy_pkg_report_dispose(&r);

	/* A dropped FAIL-level NOT_EVALUATED makes it INDETERMINATE at best. */
	ck_assert_int_eq(uy_pkg_report_init(&r, "many3.eyp"), UY_OK);
	ctx = (uy_ctx){&r, "", 0, NULL};
	for (unsigned i = 0; i < UY_MAX_FINDINGS; i++) {
		ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_PART_ORPHAN, UY_LOC_NONE, "%u", "%u", i), UY_OK);
	}
	ck_assert_int_eq(uy_ctx_skip(&ctx, UY_CK_EYPS_DECRYPT, UY_LOC_NONE, "y", "y"), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&r), UY_OK);
	ck_assert_int_eq(r.verdict, UY_VERDICT_INDETERMINATE);
	uy_pkg_report_dispose(&r);
}
END_TEST

static Suite *
uy_core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *happy = tcase_create("happy");
	TCase *limits = tcase_create("limits");

	tcase_add_test(happy, err_names);
	tcase_add_test(happy, registry_ids_unique_and_namespaced);
	tcase_add_test(happy, verdict_rules);
	tcase_add_test(happy, signature_rows);
	tcase_add_test(limits, buf_cap);
	tcase_add_test(limits, size_overflow);
	tcase_add_test(limits, findings_bounded);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, limits);
	return s;
}

UY_TEST_MAIN(uy_core_suite)
